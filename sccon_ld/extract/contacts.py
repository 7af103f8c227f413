"""Press contacts: the block after "Kontakt" with name, role, telephone and e-mail lines.

The contact's organisation is known from the e-mail domain (the authority file lists each
organisation's domains); a person's affiliation only from an organisation line of the block
itself ("<Org> / Unternehmenskommunikation / <Vorname Name>").
"""

from __future__ import annotations

import re

from rdflib import Literal

from ..iris import SCHEMA
from .context import Context
from .facts import Ref
from .lexicon import is_role
from .people import PersonMention, find_people

HEADING = re.compile(r"^(?:Presse)?[Kk]ontakt(?:e)?\b|^Ansprechpartner(?:in)?\b|^Medienkontakt\b|^Pressekontakt\b")
PHONE = re.compile(r"(?:Telefon|Tel\.?|Fon|Phone|T)\s*[:.]?\s*(?P<v>\+?[\d][\d ()/.-]{5,}\d)")
EMAIL = re.compile(r"(?:E-?Mail|Mail)?\s*:?\s*(?P<v>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
ROLE_FIRST = re.compile(r"^(?P<role>[A-ZÄÖÜ][\w-]+):\s+(?P<rest>.+)$")
END = re.compile(r"^Link zur|^Über |^About |^Pressefotos|^Weitere Informationen")


def extract_contacts(ctx: Context) -> None:
    blocks = ctx.doc.blocks
    start = next((i for i, b in enumerate(blocks) if HEADING.match(b.text) and len(b.text) < 40), None)
    if start is None:
        return
    kind = "Pressekontakt" if ("Presse" in blocks[start].text or _is_press_release(ctx)) else "Kontakt"
    current: tuple[PersonMention, Ref] | None = None
    employer = None  # an organisation line of the block, above its people
    for block in blocks[start + 1 :]:
        text = block.text
        if END.match(text) or len(text) > 160:
            break
        org = ctx.authority.by_name(text.strip(), ("organization",))
        if org is not None:
            employer, current = org, None
            continue
        role_first = ROLE_FIRST.match(text)  # "Pressesprecher: <Vorname Name>"
        if role_first and is_role(role_first["role"]):
            people = find_people(role_first["rest"], ctx.names)
            if people and people[0].start == 0:
                sentence = _sentence_of(ctx, block)
                current = (people[0], ctx.person(people[0], sentence))
                ctx.out.add(current[1], SCHEMA.jobTitle, Literal(role_first["role"], lang="de"), ctx.ev(sentence))
                continue
        people = find_people(text, ctx.names)
        parts = re.split(r"\s*[,|]\s*", text)
        if people and people[0].start == 0 and len(people[0].name) >= len(parts[0]) - 4:
            person = people[0]
            sentence = _sentence_of(ctx, block)
            current = (person, ctx.person(person, sentence))
            # "<Vorname Name> | Pressereferentin | <Org>"
            role = next((p for p in parts[1:] if p and is_role(p.split()[0]) and len(p) < 60), None)
            if role and not person.title:
                ctx.out.add(current[1], SCHEMA.jobTitle, Literal(role, lang="de"), ctx.ev(sentence))
            # "<Vorname Name>, Pressereferent, <Org>": the organisation on the person's line
            on_line = [m.entry for m in ctx.authority.find(text, ("organization",)) if m.start >= person.end]
            works_for = on_line[0] if on_line else employer
            if works_for is not None:
                ctx.out.add(current[1], SCHEMA.worksFor, ctx.organization(works_for, sentence), ctx.ev(sentence))
            continue
        if current is None:
            continue
        person, ref = current
        sentence = _sentence_of(ctx, block)
        contact = Ref("contact", person.name)
        phone, mail = PHONE.search(text), EMAIL.search(text)
        if phone or mail:
            ctx.out.typed(contact, SCHEMA.ContactPoint)
            ctx.out.add(contact, SCHEMA.contactType, Literal(kind, lang="de"), ctx.ev(sentence))
            ctx.out.add(ref, SCHEMA.contactPoint, contact, ctx.ev(sentence))
            ctx.mention(contact)
        if phone:
            ctx.out.add(contact, SCHEMA.telephone, Literal(phone.group("v").strip()), ctx.ev(sentence))
        elif mail:
            address = mail.group("v")
            ctx.out.add(contact, SCHEMA.email, Literal(address), ctx.ev(sentence))
            org = ctx.authority.by_domain(address.rsplit("@", 1)[1])
            if org:
                ctx.out.add(ctx.organization(org, sentence), SCHEMA.contactPoint, contact, ctx.ev(sentence))
        elif any(is_role(w) for w in text.split()) and len(text) < 80:
            ctx.out.add(ref, SCHEMA.jobTitle, Literal(text, lang="de"), ctx.ev(sentence))


def _sentence_of(ctx: Context, block):
    return next((s for s in ctx.sentences if s.block is block), None)


def _is_press_release(ctx: Context) -> bool:
    return ctx.doc.meta.get("kind") == "press_release"

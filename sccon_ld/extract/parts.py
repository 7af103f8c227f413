"""Parts of an edition: barcamps, panels, talks, workshops, with who organised or gave them.

"<Organisation> ... lud im Rahmen der SCCON zu einem <Barcamp> ein." / "<Vorname Name> nahm ...
an der Podiumsdiskussion <Titel> teil" / "referierte <Name> auch zum Thema <Titel>".
"""

from __future__ import annotations

import re

from rdflib import Literal

from ..iris import SCHEMA
from .context import Context
from .editions import edition_at
from .facts import UNRESOLVED, Ref
from .organizations import organizations_in

KINDS = r"(?:Kickoff-?[Bb]arcamp|Barcamp|Podiumsdiskussion|Panel(?:diskussion)?|Diskussionsrunde|Workshop|Keynote|" \
        r"Fachforum|Session|Austauschrunde|Preisverleihung|Vortrag)"
NAMED = re.compile(
    rf"\b(?:der|die|das|dem|den|einem|einer|einen|eine|ein|zu|zum|zur)\s+(?P<kind>{KINDS})"
    rf"(?P<rest>\s+(?:zum|zur|zu|über|„)?\s*[A-ZÄÖÜ][^,.;()]{{2,80}}?)(?=\s+(?:ein|teil|statt|an|im|auf|mit|und|"
    rf"unter|des|der)\b|[,.;(]|$)"
)
TALK = re.compile(r"\b(?:referierte|sprach|hielt|präsentierte)\w*\b[^.]*?\bzum Thema\s+(?P<topic>[^.;]{3,120})")
ORGANIZED = re.compile(r"\b(?:lud|luden|organisierte|organisierten|veranstaltete|veranstalteten|richtete|richteten)\b")


def extract_parts(ctx: Context) -> None:
    for s in ctx.sentences:
        text = s.masked
        year = None
        for m in NAMED.finditer(text):
            year = edition_at(ctx, s, m.start())
            if year in (None, UNRESOLVED):
                continue
            name = (m.group("kind") + m.group("rest")).strip(" „“")
            _part(ctx, s, year, name, m.start())
        for m in TALK.finditer(text):
            year = edition_at(ctx, s, m.start())
            if year in (None, UNRESOLVED):
                continue
            topic = m.group("topic").strip(" „“")
            _part(ctx, s, year, f"Vortrag: {topic}", m.start(), about=topic)


def _part(ctx: Context, s, year: str, name: str, pos: int, about: str | None = None) -> None:
    ref = ctx.out.typed(Ref("part", f"{year}|{name}"), SCHEMA.Event)
    edition = ctx.edition(year, s)
    ctx.out.add(ref, SCHEMA.name, Literal(name), ctx.ev(s))
    ctx.out.add(ref, SCHEMA.superEvent, edition, ctx.ev(s))
    ctx.out.add(edition, SCHEMA.subEvent, ref, ctx.ev(s))
    if about:
        ctx.out.add(ref, SCHEMA.about, Literal(about, lang="de"), ctx.ev(s))
    ctx.mention(ref)
    if ORGANIZED.search(s.masked):
        for org_pos, org in organizations_in(ctx, s):
            if org_pos < pos:
                ctx.out.add(ref, SCHEMA.organizer, org, ctx.ev(s))
                break
    for person in ctx.people.get(s.index, []):
        ctx.out.add(ref, SCHEMA.performer, Ref("person", person.name), ctx.ev(s))
    surname = re.search(r"\b(?:referierte|sprach|hielt)\s+(?P<who>[A-ZÄÖÜ]\w+)", s.masked)
    if surname:
        who = ctx.person_by_name(surname.group("who"))
        if who:
            ctx.out.add(ref, SCHEMA.performer, who, ctx.ev(s))

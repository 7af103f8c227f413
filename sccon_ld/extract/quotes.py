"""Quotations and who said them.

The speaker stands before the quote ("<Dr. Vorname Name>, <Rolle>: „…“") or after it
("„…“, sagt <Rolle> <Vorname Name>." / "„…“, so <Name>.").
A quote whose speaker cannot be told is left out: a Quotation needs its creator.
"""

from __future__ import annotations

import re

from rdflib import Literal

from ..iris import SCHEMA
from .context import Context
from .editions import edition_at
from .facts import UNRESOLVED, Ref
from .people import find_people
from .text import quote_spans

SAYS = re.compile(
    r"^\s*,?\s*(?:sagt|sagte|so|erklärt|erklärte|betont|betonte|zieht|zog|ergänzt|ergänzte|meint|meinte|"
    r"resümiert|resümierte|fasst|fasste|unterstreicht|unterstrich|kommentiert|kommentierte|bilanziert|"
    r"bilanzierte|sagt\s+\w+)\b"
)
MIN_QUOTE = 20


def extract_quotes(ctx: Context) -> None:
    n = 0
    for block in ctx.doc.blocks:
        for start, end in quote_spans(block.text):
            text = block.text[start + 1 : end - 1].strip()
            if len(text) < MIN_QUOTE:
                continue
            speaker = _speaker_before(ctx, block.text[:start]) or _speaker_after(ctx, block.text[end:])
            if speaker is None:
                continue
            sentence = next((s for s in ctx.sentences if s.block is block and s.start - block.start <= start
                             < s.start - block.start + len(s.text) + 1), None)
            n += 1
            ref = ctx.out.typed(Ref("quote", str(n)), SCHEMA.Quotation)
            ctx.out.add(ref, SCHEMA.text, Literal(text, lang="de"), ctx.ev(sentence))
            ctx.out.add(ref, SCHEMA.creator, speaker, ctx.ev(sentence))
            ctx.out.add(ref, SCHEMA.isPartOf, ctx.doc_ref, None)
            if sentence is not None:
                year = edition_at(ctx, sentence, start + block.start - sentence.start)
                if year not in (None, UNRESOLVED):
                    ctx.out.add(ref, SCHEMA.about, ctx.edition(year, sentence), ctx.ev(sentence))


def _speaker_before(ctx: Context, prefix: str) -> Ref | None:
    if not re.search(r":\s*$", prefix):
        return None
    clause = re.split(r"[.!?]\s+", prefix)[-1]
    people = find_people(clause, ctx.names)
    return ctx.person_by_name(people[-1].name) if people else None


def _speaker_after(ctx: Context, suffix: str) -> Ref | None:
    m = SAYS.match(suffix)
    if not m:
        return None
    rest = suffix[m.end() : m.end() + 160]
    people = find_people(rest, ctx.names)
    if people:
        return ctx.person_by_name(people[0].name)
    word = re.match(r"\s*([A-ZÄÖÜ][\wäöüß-]+)", rest)
    return ctx.person_by_name(word.group(1)) if word else None

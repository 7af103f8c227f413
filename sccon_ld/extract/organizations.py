"""Organisations named in a sentence: known ones from the authority file, new ones by form.

New organisations are accepted only in forms that mark them as such: a name with its
abbreviation ("Verband Kommunaler Unternehmen (VKU)"), a legal form ("Acme GmbH"), an
institution noun with a name ("das Kompetenzzentrum Open Data"), or a list after a partner
phrase. Two capitalised words alone are not an organisation.
"""

from __future__ import annotations

import re

from ..iris import SCHEMA
from .context import Context
from .facts import Ref
from .people import find_people
from .text import Sentence

_CAP = r"[A-ZÄÖÜ][\w.&’'-]*"
HEADS = (
    "Kompetenzzentrum", "Kompetenzstelle", "Zentrum", "Institut", "Stiftung", "Verband", "Verein", "Agentur",
    "Akademie", "Hochschule", "Universität", "Landesamt", "Bundesamt", "Amt", "Behörde", "Ministerium",
    "Stadtverwaltung", "Senatsverwaltung", "Senatskanzlei", "Staatskanzlei", "Landesregierung", "Initiative",
    "Netzwerk", "Stadtwerke", "Landkreis", "Kreisverwaltung", "Zweckverband", "Genossenschaft",
)
INSTITUTION = re.compile(
    r"\b(?:[Dd]as|[Dd]ie|[Dd]er|[Dd]em|[Dd]en|[Dd]es|[Ee]ine[mnr]?)\s+"
    rf"(?P<name>(?:{'|'.join(HEADS)})(?:\s+(?:für\s+|der\s+)?{_CAP}){{1,3}})"
    rf"(?:\s+(?:des|der)\s+(?P<parent>{_CAP}(?:\s+{_CAP}){{0,4}}))?"
)
WITH_ABBREVIATION = re.compile(
    rf"(?P<name>{_CAP}(?:\s+(?:{_CAP}|für|und|der|des|die|kommunaler|öffentlicher|digitaler)){{1,6}})\s+\((?P<abbr>[A-ZÄÖÜ][A-Za-zÄÖÜ0-9]{{1,7}})\)"
)
LEGAL = re.compile(rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,4}}\s+(?:GmbH|gGmbH|mbH|AG|SE|e\.\s?V\.|KG|AöR))(?![\w])")
BRAND = re.compile(r"\b(?:[Dd]ie|[Dd]er|[Dd]as)\s+(?P<name>[a-zäöü]+\d+[\w.]*|[A-Za-z]+\.[a-z]{2,})\b")
_STOP_WORDS = {"dabei", "vertreten", "mit dabei", "vor Ort"}
_LIST_SPLIT = re.compile(r"\s*,\s*|\s+und\s+|\s+sowie\s+")


def _initials_fit(name: str, abbr: str) -> bool:
    caps = [w[0] for w in name.split() if w[0].isupper()]
    return bool(caps) and abbr[0].upper() == caps[0] and sum(ch.isupper() for ch in abbr) >= 2


def organizations_in(ctx: Context, s: Sentence) -> list[tuple[int, Ref]]:
    """(offset, reference) of each organisation named in the sentence, known or new."""
    cache = ctx.__dict__.setdefault("_orgs", {})
    if s.index in cache:
        return cache[s.index]
    text = s.masked
    found: list[tuple[int, Ref]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, ref: Ref) -> None:
        if not any(start < e and b < end for b, e in taken):
            taken.append((start, end))
            found.append((start, ref))

    for m in WITH_ABBREVIATION.finditer(text):
        name, abbr = m.group("name"), m.group("abbr")
        known = ctx.authority.by_name(abbr, ("organization",)) or ctx.authority.by_name(name, ("organization",))
        if known:
            add(m.start(), m.end(), ctx.organization(known, s))
        elif _initials_fit(name, abbr) and not find_people(name, ctx.authority):
            ref = ctx.organization(name, s)
            ctx.out.add(ref, SCHEMA.alternateName, _lit(abbr), ctx.ev(s))
            add(m.start(), m.end(), ref)
    for match in ctx.authority.find(text, ("organization",)):
        add(match.start, match.end, ctx.organization(match.entry, s))
    for m in INSTITUTION.finditer(text):
        name = m.group("name")
        if ctx.authority.by_name(name, ("organization",)) or find_people(name, ctx.authority):
            continue
        ref = ctx.organization(name, s)
        add(m.start("name"), m.end("name"), ref)
        parent = m.group("parent") and ctx.authority.by_name(m.group("parent"), ("organization",))
        if parent:
            ctx.out.add(ref, SCHEMA.parentOrganization, ctx.organization(parent, s), ctx.ev(s))
    for regex in (LEGAL, BRAND):
        for m in regex.finditer(text):
            add(m.start("name"), m.end("name"), ctx.organization(m.group("name"), s))
    found.sort(key=lambda x: x[0])
    cache[s.index] = found
    return found


def _lit(text: str):
    from rdflib import Literal

    return Literal(text)


def name_list(text: str, ctx: Context) -> list[str]:
    """Names in an enumeration: "Accenture, Bechtle, ... und Smart City Berlin dabei"."""
    text = re.sub(r"\s+(?:mit\s+)?(?:dabei|vertreten|beteiligt)\s*$", "", text.strip())
    names = []
    for item in _LIST_SPLIT.split(text):
        item = re.sub(r"^(?:die|der|das|den|dem)\s+", "", item.strip(" –-"))
        words = item.split()
        if not words or len(words) > 6 or not (words[0][0].isupper() or words[0][0].isdigit()):
            continue
        if any(w.islower() and w not in ("für", "und", "der", "des", "de", "von", "&") for w in words):
            continue
        if find_people(item, ctx.authority):
            continue
        names.append(item)
    return names


def extract_organizations(ctx: Context) -> None:
    for s in ctx.sentences:
        organizations_in(ctx, s)

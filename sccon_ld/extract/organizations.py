"""Organisations named in a sentence: known ones from the authority file, new ones by form.

New organisations are accepted only in forms that mark them as such: a name with its
abbreviation ("Verband Kommunaler Unternehmen (VKU)"), a legal form ("Acme GmbH"), an
institution noun with a name ("das Kompetenzzentrum <Name>"), or a list after a partner
phrase. Two capitalised words alone are not an organisation.
"""

from __future__ import annotations

import re

from ..iris import SCHEMA
from .context import Context
from .editions import sccon_mentions
from .facts import Ref
from .lexicon import INSTITUTION_HEADS
from .people import find_people
from .text import Sentence

_CAP = r"[A-ZÄÖÜ][\w.&’'-]*"
HEADS = tuple(INSTITUTION_HEADS)
INSTITUTION = re.compile(
    r"\b(?:[Dd]as|[Dd]ie|[Dd]er|[Dd]em|[Dd]en|[Dd]es|[Ee]ine[mnr]?)\s+"
    rf"(?P<name>(?:{'|'.join(HEADS)})(?:\s+(?:für\s+|der\s+)?{_CAP}){{1,3}})"
    rf"(?:\s+(?:des|der)\s+(?P<parent>{_CAP}(?:\s+{_CAP}){{0,4}}))?"
)
WITH_ABBREVIATION = re.compile(
    rf"(?P<name>{_CAP}(?:\s+(?:{_CAP}|für|und|der|des|die|kommunaler|öffentlicher|digitaler|e\.\s?V\.)){{1,6}})"
    r"\s+\((?P<abbr>[A-ZÄÖÜ][A-Za-zÄÖÜ0-9]{1,7}(?: [A-ZÄÖÜ]{2,3})?)\)"
)
_LEGAL_FORM = r"(?:GmbH\s*&\s*Co\.?\s*KG|GmbH|gGmbH|mbH|AG|SE|e\.\s?V\.|KG|AöR)"
LEGAL = re.compile(rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,4}}\s+{_LEGAL_FORM})(?![\w-])"
                   # a brand written in lower case after an article: "die <marke> GmbH"
                   rf"|\b(?:[Dd]ie|[Dd]er|[Dd]as|[Dd]en|[Dd]em)\s+(?P<brand>[a-z][\w.’'-]+\s+{_LEGAL_FORM})(?![\w])")
# A municipality's administration: "die Stadt <Name>", "der Kreis <Name>" (a place's name, one or two words).
MUNICIPAL = re.compile(r"\b(?P<name>(?:Stadt|Landeshauptstadt|Hansestadt|Kreisstadt|Gemeinde|Landkreis|Kreis)\s+"
                       r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?(?:\s+am\s+Main|\s+an\s+der\s+[A-ZÄÖÜ]\w+)?)(?![\w-])")
_NOT_MUNICIPAL = re.compile(r"(?:ung|heit|keit|schaft|ion|ismus|tät|ale|ische|liche|ive)$")
BRAND = re.compile(r"\b(?:[Dd]ie|[Dd]er|[Dd]as)\s+(?P<name>[a-zäöü]+\d+[\w.]*|[A-Za-z]+\.[a-z]{2,})\b")
_STOP_WORDS = {"dabei", "vertreten", "mit dabei", "vor Ort"}
_LIST_SPLIT = re.compile(r"\s*,\s*|\s+und\s+|\s+sowie\s+")


def _initials_fit(name: str, abbr: str) -> bool:
    """The abbreviation's letters appear in order in the name, the first one as the name's initial:
    VKU (Verband Kommunaler Unternehmen), ÖFIT (Kompetenzzentrum Öffentliche IT), "XY DE"."""
    letters = abbr.replace(" ", "").lower()
    if sum(ch.isupper() for ch in abbr) < 2 or not letters.isalnum():
        return False
    words = name.split()
    first = next((i for i, w in enumerate(words) if w[0].isupper() and w[0].lower() == letters[0]), None)
    if first is None:
        return False
    rest = " ".join(words[first:]).lower()
    pos = 0
    for ch in letters:
        pos = rest.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def define_abbreviations(ctx: Context) -> None:
    """"<Name> GmbH (<ABK>)": register the document's own abbreviations first, so
    "<Vorname Name> (<ABK>)" and "<ABK>-Vorstand <Vorname Name>" link to the organisation."""
    for s in ctx.sentences:
        for m in WITH_ABBREVIATION.finditer(s.masked):
            name, abbr = m.group("name"), m.group("abbr")
            if ctx.authority.by_name(abbr, ("organization",)) or ctx.authority.by_name(name, ("organization",)):
                continue
            if sccon_mentions(name) or sccon_mentions(abbr):
                continue  # "die Smart Country Convention (SCCON)": the event series, not an organisation
            if _initials_fit(name, abbr) and not find_people(name, ctx.authority):
                ref = ctx.organization(name, s)
                ctx.out.add(ref, SCHEMA.alternateName, _lit(abbr), ctx.ev(s))
                ctx.abbreviations.setdefault(abbr, name)


def organizations_in(ctx: Context, s: Sentence) -> list[tuple[int, Ref]]:
    """(offset, reference) of each organisation named in the sentence, known or new."""
    cache = ctx.organizations_by_sentence
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
        elif ctx.abbreviations.get(abbr) == name:
            add(m.start(), m.end(), ctx.organization(name, s))
    for match in ctx.authority.find(text, ("organization",)):
        add(match.start, match.end, ctx.organization(match.entry, s))
    for abbr in ctx.abbreviations:
        for m in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w])", text):
            add(m.start(), m.end(), ctx.organization(abbr, s))
    for m in INSTITUTION.finditer(text):
        name = m.group("name")
        if ctx.authority.by_name(name, ("organization",)) or find_people(name, ctx.authority):
            continue
        ref = ctx.organization(name, s)
        add(m.start("name"), m.end("name"), ref)
        parent = m.group("parent") and ctx.authority.by_name(m.group("parent"), ("organization",))
        if parent:
            ctx.out.add(ref, SCHEMA.parentOrganization, ctx.organization(parent, s), ctx.ev(s))
    for m in LEGAL.finditer(text):
        group = "name" if m.group("name") else "brand"
        add(m.start(group), m.end(group), ctx.organization(m.group(group), s))
    for m in BRAND.finditer(text):
        add(m.start("name"), m.end("name"), ctx.organization(m.group("name"), s))
    for m in MUNICIPAL.finditer(text):
        place = m.group("name").split(None, 1)[1]
        known = ctx.authority.by_name(place, ("place",))
        if known is not None or not (_NOT_MUNICIPAL.search(place) or ctx.authority.by_name(place, ("organization",))):
            add(m.start("name"), m.end("name"), ctx.organization(m.group("name"), s))
    found.sort(key=lambda x: x[0])
    cache[s.index] = found
    return found


def _lit(text: str):
    from rdflib import Literal

    return Literal(text)


def name_list(text: str, ctx: Context) -> list[str]:
    """Names in an enumeration: "<Firma A>, <Firma B>, ... und <Firma C> dabei"."""
    text = re.sub(r"\s+(?:mit\s+)?(?:dabei|vertreten|beteiligt)\s*$", "", text.strip())
    text = re.sub(r"^(?:unter anderem|u\.\s?a\.|etwa|beispielsweise|zum Beispiel|z\.\s?B\.|darunter)\s+", "", text)
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

"""Which SCCON edition a document and each of its sentences is about.

The hard part of the converter is not reading "<N> Teilnehmende" but knowing which
edition it belongs to. The rules, in order:
  1. a year written with the name ("SCCON 2023", "Smart Country Convention 2024") or a date
     range in the sentence names the edition;
  2. a sentence nearer to another event's name ("Zukunftskongress") is not about SCCON;
  3. in a chronicle (two or more headings naming different years, "<Jahr>: <Land> als erstes
     Partnerland"), a sentence is about the year of the heading above it;
  4. otherwise the sentence is about the document's main edition: the edition most often named
     outside announcements of the next one, else the year of the dateline when the text reports
     on the running event ("endet heute", "in diesem Jahr"), else unresolved ("?"), which the
     corpus may resolve later. A document that never names a year gets no guessed year.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .context import Context
from .dates import find_dates
from .facts import UNRESOLVED
from .text import Sentence

SCCON = re.compile(r"\b(?:Smart[ -]Country[ -]Convention|SCCON)(?:[ -]?(?P<year>20[1-4]\d)(?!\d)|[ -]?'?(?P<yy>[1-4]\d)\b)?")
OTHER_EVENT = re.compile(
    r"\b(?:[A-ZÄÖÜ][\wäöüß-]*(?:kongress|konferenz|gipfel|tagung|Kongress|Konferenz|Gipfel|Tagung|Summit|Festival))\b"
    r"|\b(?:Kongress|Konferenz|Gipfel|Summit|Festival|Tagung|Fachtag|Conference|Expo)\s+(?=[A-Z0-9„\"])"
    r"|\b[A-ZÄÖÜ]\w+e\s+Woche\b"  # "Grüne Woche"
    r"|\bre:publica\b|\bCeBIT\b|\bdigitale?-?[Ss]taat\b|\bOZG-Tag\b"
)
_IN_SENTENCE = r"(?:[^.]|(?<=\d)\.)*"  # up to the sentence's end; the dot of "22." or "10.2019" is no end
NEXT = re.compile(
    r"\b(?:[Nn]ächste[nr]?|[Kk]ommende[nr]?|kommenden Jahr|im nächsten Jahr|zurück|angekündigt|Save the [Dd]ate|"
    rf"wird\b{_IN_SENTENCE}\bstattfinden|wird\b{_IN_SENTENCE}\bzusammenbringen|wird\b{_IN_SENTENCE}\bMal\b|"
    rf"findet\b{_IN_SENTENCE}\b(?:wieder|erneut)\b)"
)
# Words that announce the edition after the one a text reports on (not the future tense alone).
NEXT_EDITION = re.compile(r"\b(?:[Nn]ächste[nrs]?|[Kk]ommende[nrs]?|Save the [Dd]ate|zurück|wieder|erneut)\b")
NOW = re.compile(
    r"\b(?:endet(?:e)?|ging\b[^.]*\bzu Ende|geht\b[^.]*\bzu Ende|in diesem Jahr|diesjährige[nrs]?|heute|"
    r"vergangenen (?:drei|zwei|vier) Tage)\b"
)
NOT_EDITION_YEAR = re.compile(r"\b(?:seit|bis|ab|vor|nach|Vorjahr|im Jahr)\s+$", re.I)
YEAR = re.compile(r"(?<![\d.])(20[1-4]\d)(?![\d.])")


def sccon_mentions(text: str) -> list[tuple[int, str | None]]:
    """(offset, year or None) of every SCCON name in ``text``."""
    out = []
    for m in SCCON.finditer(text):
        year = m.group("year") or (f"20{m.group('yy')}" if m.group("yy") else None)
        out.append((m.start(), year))
    return out


def sentence_years(s: Sentence) -> tuple[tuple[int, str, bool], ...]:
    """Years the sentence gives an edition: (offset, year, is announcement of a next edition)."""
    return _years_in(s.masked)


@lru_cache(maxsize=8192)
def _years_in(text: str) -> tuple[tuple[int, str, bool], ...]:
    """Cached by text: every fact of a sentence asks, and the date patterns are the costly part."""
    nxt = bool(NEXT.search(text))
    out = [(pos, y, nxt) for pos, y in sccon_mentions(text) if y]
    if sccon_mentions(text) or refers_back(text):
        for d in find_dates(text):
            if d.is_range and d.year:
                out.append((d.span[0], str(d.year), nxt))
        if not out and (sccon_mentions(text) or refers_back(text)):
            # a year opening a bracket is a comparison ("17 Tsd. Teilnehmende (2024: rund 16 Tsd.)")
            years = [m for m in YEAR.finditer(text) if not NOT_EDITION_YEAR.search(text[: m.start()])
                     and not text[: m.start()].rstrip().endswith("(")]
            if len(years) == 1:
                out.append((years[0].start(), years[0].group(1), nxt or " wird " in text))
    return tuple(out)


REFERS_BACK = re.compile(r"\s*(?:Sie|Die Veranstaltung|Die Kongressmesse|Die Messe(?! Berlin)|Das Event|Die nächste|"
                         r"Die kommende|Nächste)\b"
                         # "Die vom <Org> mit der <Org> durchgeführte Veranstaltung wird ...": the subject, modified
                         r"|\s*(?:Die|Diese)\s+(?:vom|von der|von)\s+[^.]{0,80}?\b(?:durchgeführte|organisierte|"
                         r"veranstaltete|ausgerichtete)\s+(?:Veranstaltung|Kongressmesse|Konferenz|Messe)\b")


def refers_back(text: str) -> bool:
    """A sentence that refers back to the convention without naming it ("Die Kongressmesse ...")."""
    return bool(REFERS_BACK.match(text))


def names_other_event(text: str) -> bool:
    """Another event's name, also in a heading set in capitals ("RÜCKBLICK: <ANDERER> KONGRESS")."""
    return bool(OTHER_EVENT.search(text) or (text.isupper() and OTHER_EVENT.search(text.title())))


FULL_DATE = re.compile(r"\d{1,2}\.\s?(?:\d{1,2}\.|[A-ZÄÖÜa-zäöü]+)\s?\d{4}")


def _heading_year(text: str) -> str | None:
    """The year a heading gives its section: "<Jahr>: ...", "Ausblick <Jahr>", "SCCON <Jahr>".

    Only a prominent year (among the first two words, or in a heading of at most five words): in a
    long subtitle ("... – zweite Ausgabe im Oktober <Jahr>") or a dateline ("<Ort>, <T>.<M>.<Jahr>") the
    year does not head a section.
    """
    years = {m.group(1) for m in YEAR.finditer(text)}
    if len(years) != 1 or FULL_DATE.search(text):
        return None
    words = text.split()
    year = years.pop()
    prominent = any(year in w for w in words[:2]) or len(words) <= 5
    return year if prominent else None


def _is_heading(s: Sentence) -> bool:
    """A heading, or a bullet set in capitals as newsletters do ("1) RÜCKBLICK: ...")."""
    letters = [c for c in s.masked if c.isalpha()]
    if not letters:
        return False
    if s.block.kind == "heading":
        return True
    return s.block.kind == "bullet" and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def find_section_years(ctx: Context) -> None:
    """Sections under headings: ctx.section_years for chronicles, ctx.foreign for other events.

    A chronicle needs at least two headings naming two different years, so a title such as
    "SCCON <Jahr> endet mit Rekord" never overrides what the sentences below it say. A section headed
    by another event's name is about that event, whatever sentence inside it lacks a name.
    """
    current: str | None = None
    foreign = False
    headed: dict[int, str] = {}
    heading_years: set[str] = set()
    for s in ctx.sentences:
        if _is_heading(s):
            named = bool(sccon_mentions(s.masked))
            other = names_other_event(s.masked) and not named
            if other or named:
                foreign = bool(other)
            current = None if other else _heading_year(s.masked)
            if current:
                heading_years.add(current)
        if current:
            headed[s.index] = current
        if foreign:
            ctx.foreign.add(s.index)
    if len(heading_years) >= 2:
        ctx.section_years = headed


def find_main_edition(ctx: Context) -> None:
    """Set ctx.focus and ctx.main_edition (see the module docstring)."""
    mentions = [m for s in ctx.sentences for m in sccon_mentions(s.masked)]
    title = ctx.doc.meta.get("title", "") + " " + ctx.doc.meta.get("description", "")
    if mentions or sccon_mentions(title):
        find_section_years(ctx)
    in_heading = any(sccon_mentions(s.text) for s in ctx.sentences if s.in_heading) or bool(sccon_mentions(title))
    ctx.focus = in_heading or len(mentions) >= 2
    if not mentions and not sccon_mentions(title):
        ctx.main_edition = None
        return
    reference = ctx.reference
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    # The title names what the document is about: "Meine SCCON 2019 – Notizen" outweighs a look back.
    title_years = {y for _, y in sccon_mentions(ctx.doc.meta.get("title", "")) if y}
    if len(title_years) == 1 and not NEXT.search(ctx.doc.meta.get("title", "")):
        year = title_years.pop()
        votes[year] += 2
        first[year] = -1
    announced: Counter[str] = Counter()  # "wird im <Monat> <Jahr> ihre Premiere feiern": future tense only
    for s in ctx.sentences:
        for _, year, nxt in sentence_years(s):
            future = reference is not None and int(year) > reference.year
            if not nxt and not future:
                votes[year] += 1
                first.setdefault(year, s.index)
            elif nxt and reference is None and not NEXT_EDITION.search(s.masked):
                announced[year] += 1
                first.setdefault(year, s.index)
    if not votes and len(announced) == 1:
        votes = announced  # a pre-event text: the edition it announces is what it is about
    ctx.lead = lead_range(ctx) if ctx.focus else None
    if not votes and ctx.focus:
        lead = ctx.lead
        if lead is not None:
            votes[str(lead[1].year)] += 1
            first.setdefault(str(lead[1].year), lead[0].index)
    if votes:
        best = max(votes.values())
        ctx.main_edition = min((y for y, v in votes.items() if v == best), key=lambda y: first[y])
    elif reference and any(NOW.search(s.masked) and (sccon_mentions(s.masked) or s.index < 4) for s in ctx.sentences):
        ctx.main_edition = str(reference.year)
    elif ctx.dateline and _range_at_dateline(ctx):
        ctx.main_edition = str(ctx.dateline.year)
    elif ctx.focus:
        ctx.main_edition = UNRESOLVED
    else:
        ctx.main_edition = None


LEAD_SENTENCES = 4  # the lead of a text: its first sentences below the headline


def lead_range(ctx: Context) -> tuple[Sentence, object] | None:
    """"<Land> wird Partnerland der SCCON" / "Vom <T1>. bis <T2>. <Monat> <Jahr> wird ...": in a text
    about SCCON whose lead gives one short date range with its year and names no other event, that
    range is the edition's days (and its year the edition's)."""
    found = []
    for s in [s for s in ctx.sentences if s.block.kind == "paragraph"][:LEAD_SENTENCES]:
        if names_other_event(s.masked) or NEXT_EDITION.search(s.masked):
            continue
        for d in find_dates(s.masked):
            dates = d.resolved() if d.is_range and d.year else None
            if dates and 0 < (dates[1] - dates[0]).days <= 6:
                found.append((s, d))
    return found[0] if len(found) == 1 else None


def _paragraph_year(ctx: Context, s: Sentence) -> str | None:
    """"Die SCCON <Jahr> hat gezeigt ... Partnerland war <Land>.": a sentence
    without a year continues the one edition the sentence before it, in the same paragraph, named."""
    if s.block.kind != "paragraph" or s.index == 0:
        return None
    before = ctx.sentences[s.index - 1]
    if before.block is not s.block:
        return None
    years = {y for _, y, _ in sentence_years(before)}
    if len(years) != 1:
        return _paragraph_year(ctx, before) if not years else None
    year = years.pop()
    return year if year != ctx.main_edition else None


def _range_at_dateline(ctx: Context) -> bool:
    """"<Ort>, <T>.<M>.<Jahr> – ... Vom <T1>.–<T2>.<M>. zählte die SCCON ...": a yearless date range naming
    SCCON that ends within a week before the dateline is the edition the release reports on."""
    for s in ctx.sentences:
        if not sccon_mentions(s.masked) or NEXT.search(s.masked):
            continue
        for d in find_dates(s.masked):
            dates = d.resolved(ctx.dateline.year) if d.is_range and not d.year else None
            if dates and 0 <= (ctx.dateline - dates[1]).days <= 7:
                return True
    return False


def edition_at(ctx: Context, s: Sentence, pos: int, allow_main: bool = True) -> str | None:
    """The edition (year or "?") a fact at ``pos`` in sentence ``s`` belongs to, or None."""
    text = s.masked
    candidates = sentence_years(s)
    others = [m.start() for m in OTHER_EVENT.finditer(text)]
    names = [p for p, _ in sccon_mentions(text)]
    if s.index in ctx.foreign and not names:
        return None
    if others:
        nearest_other = min(others, key=lambda o: (o > pos, abs(pos - o)))
        nearest_sccon = min(names, key=lambda o: (o > pos, abs(pos - o))) if names else None
        if nearest_sccon is None or (nearest_other > pos) < (nearest_sccon > pos) or (
            (nearest_other > pos) == (nearest_sccon > pos) and abs(pos - nearest_other) < abs(pos - nearest_sccon)
        ):
            return None
    before = [c for c in candidates if c[0] <= pos]
    if before:
        return before[-1][1]
    if candidates and not all(nxt for _, _, nxt in candidates):
        return candidates[0][1]
    # Only announcements follow ("<N> Besucher – nächste SCCON <Jahr+1>"): they do not name this fact's edition.
    if s.index in ctx.section_years:
        return ctx.section_years[s.index]
    carried = _paragraph_year(ctx, s)
    if carried:
        return carried
    if not allow_main or ctx.main_edition is None:
        return None
    if names or ctx.focus:
        return ctx.main_edition
    return None

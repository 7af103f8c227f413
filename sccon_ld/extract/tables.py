"""Tables of editions: one row per edition, one column per fact.

Wiki pages and history pages list the editions as a table ("| Jahr | Termin | Ort | Format |
Besucher | Aussteller | Partnerland |"). A column is read only when its header names what it holds,
a row only when its year cell is a year, and a cell only when it holds one value of that kind
("ca. <N>" yes, "–" or "noch offen" no). A two-column fact table ("| Veranstalter | Bitkom e.V.,
Messe Berlin GmbH |") gives the series' organisers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..iris import SCHEMA
from ..read import Block
from .context import SERIES, Context
from .dates import find_dates
from .facts import TERM
from .text import Sentence

# header keyword -> column kind; the first match wins
HEADERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:jahr|year)\b", re.I), "year"),
    (re.compile(r"^(?:termin|datum|zeitraum|date|dates)\b", re.I), "dates"),
    (re.compile(r"^(?:ort|veranstaltungsort|location|venue)\b", re.I), "place"),
    (re.compile(r"^(?:format|modus|form|durchführung)\b", re.I), "mode"),
    (re.compile(r"^(?:besucher|teilnehm|gäste|visitors|participants)", re.I), "participantCount"),
    (re.compile(r"^(?:aussteller|exhibitors)", re.I), "exhibitorCount"),
    (re.compile(r"^(?:speaker|sprecher|referent|redner|vortragende)", re.I), "speakerCount"),
    (re.compile(r"^(?:bühnen|stages)", re.I), "stageCount"),
    (re.compile(r"^(?:partnerland|gastland|partner country)", re.I), "partner"),
    (re.compile(r"^(?:nr\.?|ausgabe|edition|#)$", re.I), "number"),
]
COUNT_CELL = re.compile(r"^(?:ca\.|circa|rund|etwa|über|mehr als|knapp|>|~|≈)?\s*(\d{1,3}(?:[.\u202f\u00a0 ]\d{3})*|\d+)\s*\+?$")
YEAR_CELL = re.compile(r"^(20[1-4]\d)$")
MODES = [(re.compile(r"\bhybrid", re.I), "Mixed"),
         (re.compile(r"^(?:digital|online|virtuell|rein digital)$", re.I), "Online"),
         (re.compile(r"^(?:präsenz|vor ort|in präsenz|offline)$", re.I), "Offline")]
ORGANIZER_KEY = re.compile(r"^(?:Veranstalter|Organisator|Ausrichter)(?:in|innen)?$")


def extract_tables(ctx: Context) -> None:
    if ctx.main_edition is None and not ctx.focus:
        return  # a document not about SCCON: its tables are about something else
    for block in ctx.doc.blocks:
        if block.kind != "table" or _in_foreign_section(ctx, block):
            continue
        rows = [[c.strip() for c in line.split("|")] for line in block.text.split("\n")]
        if all(len(r) == 2 for r in rows):
            _fact_table(ctx, block, rows)
        else:
            _edition_table(ctx, block, rows)


def _in_foreign_section(ctx: Context, block: Block) -> bool:
    before = [s for s in ctx.sentences if s.start < block.start]
    return bool(before) and before[-1].index in ctx.foreign


def _row_sentences(block: Block) -> list[Sentence]:
    """Each row as the evidence of its facts: its text and its offset in the document."""
    out, offset = [], block.start
    for line in block.text.split("\n"):
        out.append(Sentence(line, offset, block, line, -1))
        offset += len(line) + 1
    return out


def _fact_table(ctx: Context, block: Block, rows: list[list[str]]) -> None:
    for (key, value), s in zip(rows, _row_sentences(block), strict=True):
        if ORGANIZER_KEY.match(key):
            for m in ctx.authority.find(value, ("organization",)):
                ctx.out.add(SERIES, SCHEMA.organizer, ctx.organization(m.entry, s), ctx.ev(s))


def _edition_table(ctx: Context, block: Block, rows: list[list[str]]) -> None:
    header, body = rows[0], rows[1:]
    kinds = [next((k for rx, k in HEADERS if rx.search(h)), None) for h in header]
    if "year" not in kinds or len({k for k in kinds if k}) < 2:
        return
    year_col = kinds.index("year")
    for row, s in zip(body, _row_sentences(block)[1:], strict=True):
        if len(row) != len(header) or not YEAR_CELL.match(row[year_col]):
            continue
        year = row[year_col]
        for kind, cell in zip(kinds, row, strict=True):
            if kind and kind != "year" and cell:
                READERS.get(kind, _count)(ctx, s, year, kind, cell)


def _count(ctx: Context, s: Sentence, year: str, kind: str, cell: str) -> None:
    m = COUNT_CELL.match(cell)
    if m:
        value = int(re.sub(r"[.\u202f\u00a0 ]", "", m.group(1)))
        ctx.out.add(ctx.edition(year, s), TERM[kind], ctx.integer(value), ctx.ev(s))


def _number(ctx: Context, s: Sentence, year: str, kind: str, cell: str) -> None:
    if re.fullmatch(r"\d{1,2}\.?", cell):
        ctx.out.add(ctx.edition(year, s), TERM.editionNumber, ctx.integer(int(cell.rstrip("."))), ctx.ev(s))


def _dates(ctx: Context, s: Sentence, year: str, kind: str, cell: str) -> None:
    found = [d for d in find_dates(cell + ("" if re.search(r"\d{4}", cell) else f" {year}")) if d.is_range]
    if len(found) != 1:
        return
    dates = found[0].resolved(int(year))
    if dates and str(dates[0].year) == year:
        ed = ctx.edition(year, s)
        ctx.out.add(ed, SCHEMA.startDate, ctx.date(dates[0]), ctx.ev(s))
        ctx.out.add(ed, SCHEMA.endDate, ctx.date(dates[1]), ctx.ev(s))


def _place(ctx: Context, s: Sentence, year: str, kind: str, cell: str) -> None:
    places = [m.entry for m in ctx.authority.find(cell, ("place",)) if m.entry.type in ("City", "Place")]
    venues = [p for p in places if p.type == "Place"]
    for place in venues or places:
        ctx.out.add(ctx.edition(year, s), SCHEMA.location, ctx.place(place), ctx.ev(s))


def _mode(ctx: Context, s: Sentence, year: str, kind: str, cell: str) -> None:
    for rx, mode in MODES:
        if rx.search(cell.strip()):
            ctx.out.add(ctx.edition(year, s), SCHEMA.eventAttendanceMode, SCHEMA[f"{mode}EventAttendanceMode"],
                        ctx.ev(s))
            return


def _partner(ctx: Context, s: Sentence, year: str, kind: str, cell: str) -> None:
    entry = ctx.authority.by_name(cell, ("place",))
    if entry is not None and entry.type == "Country":
        ctx.out.add(ctx.edition(year, s), TERM.partnerCountry, ctx.place(entry), ctx.ev(s))


READERS: dict[str, Callable[[Context, Sentence, str, str, str], None]] = {
    "dates": _dates, "place": _place, "mode": _mode, "partner": _partner, "number": _number,
}

"""German date expressions: single dates and ranges, with or without the year.

"07.–09.11.2023", "20.–22.11.", "30.9.–2.10.", "vom 15. bis 17. Oktober 2024", "26.-28. Oktober 2021", "am 26. und 27. Oktober",
"30. September bis 2. Oktober 2025", "15.10.2024 bis 17.10.2024", "9. November 2023", "2023-11-08".
A range without a year keeps ``year=None``; the caller decides whether context supplies one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .lexicon import MONTH_RE, MONTHS

_D = r"(\d{1,2})\."
_SEP = r"\s*(?:-|–|—|[Bb]is(?:\s+zum)?|[Uu]nd)\s*"
_Y = r"(\d{4})"
_MON = rf"\s*({MONTH_RE})"

PATTERNS = [
    # 30. September bis 2. Oktober 2025
    ("dmYdm", re.compile(rf"{_D}{_MON}\s*(?:{_Y})?{_SEP}{_D}{_MON}\s*{_Y}?")),
    # 15.10.2024 bis 17.10.2024 / 30.09.–02.10.2025
    ("dmYdmY", re.compile(rf"{_D}\s*(\d{{1,2}})\.\s*(\d{{4}})?{_SEP}{_D}\s*(\d{{1,2}})\.\s*{_Y}")),
    # 07.–09.11.2023
    ("ddmY", re.compile(rf"{_D}{_SEP}{_D}\s*(\d{{1,2}})\.\s*{_Y}")),
    # 30.9.–2.10. (no year: the caller supplies it)
    ("dmdm", re.compile(rf"(?<![\d.]){_D}\s*(\d{{1,2}})\.{_SEP}{_D}\s*(\d{{1,2}})\.(?!\s*\d)")),
    # 20.–22.11. (no year)
    ("ddmN", re.compile(rf"(?<![\d.]){_D}{_SEP}{_D}\s*(\d{{1,2}})\.(?!\s*\d)")),
    # vom 15. bis 17. Oktober 2024 / 26.-28. Oktober 2021 / am 26. und 27. Oktober
    ("ddm", re.compile(rf"{_D}{_SEP}{_D}{_MON}(?:\s+{_Y})?")),
    # 9. November 2023 / 9. November
    ("dm", re.compile(rf"{_D}{_MON}(?:\s+{_Y})?")),
    # 09.11.2023
    ("dmy", re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")),
    # 2023-11-08
    ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")),
]


@dataclass(frozen=True)
class DateExpr:
    start: tuple[int | None, int, int]  # (year, month, day)
    end: tuple[int | None, int, int]
    span: tuple[int, int]

    @property
    def is_range(self) -> bool:
        return self.start != self.end

    @property
    def year(self) -> int | None:
        return self.end[0] or self.start[0]

    def resolved(self, year: int | None = None) -> tuple[dt.date, dt.date] | None:
        """Real dates, the year filled from ``year`` if the text had none; None if invalid."""
        ys, ms, ds = self.start
        ye, me, de = self.end
        ye = ye or year
        ys = ys or (ye - 1 if ye and ms > me else ye)
        if not ys or not ye:
            return None
        try:
            a, b = dt.date(ys, ms, ds), dt.date(ye, me, de)
        except ValueError:
            return None
        return (a, b) if a <= b and (b - a).days <= 14 else None


def _month(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def find_dates(text: str) -> list[DateExpr]:
    """All date expressions in ``text``, longest first, without overlaps, in text order."""
    taken: list[tuple[int, int]] = []
    found: list[DateExpr] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            expr = _build(kind, m)
            if expr:
                taken.append((m.start(), m.end()))
                found.append(expr)
    return sorted(found, key=lambda d: d.span)


def _y(value: str | None) -> int | None:
    return int(value) if value else None


def _build(kind: str, m: re.Match[str]) -> DateExpr | None:
    g = m.groups()
    try:
        if kind == "dmYdm":
            start = (_y(g[2]), _month(g[1]), int(g[0]))
            end = (_y(g[5]), _month(g[4]), int(g[3]))
        elif kind == "dmYdmY":
            start = (_y(g[2]), int(g[1]), int(g[0]))
            end = (_y(g[5]), int(g[4]), int(g[3]))
        elif kind == "ddmY":
            end = (_y(g[3]), int(g[2]), int(g[1]))
            start = (end[0], end[1], int(g[0]))
        elif kind == "dmdm":
            start, end = (None, int(g[1]), int(g[0])), (None, int(g[3]), int(g[2]))
        elif kind == "ddmN":
            end = (None, int(g[2]), int(g[1]))
            start = (None, end[1], int(g[0]))
        elif kind == "ddm":
            end = (_y(g[3]), _month(g[2]), int(g[1]))
            start = (end[0], end[1], int(g[0]))
        elif kind == "dm":
            start = end = (_y(g[2]), _month(g[1]), int(g[0]))
        elif kind == "dmy":
            start = end = (int(g[2]), int(g[1]), int(g[0]))
        else:
            start = end = (int(g[0]), int(g[1]), int(g[2]))
    except (KeyError, ValueError):
        return None
    if not all(1 <= v[1] <= 12 and 1 <= v[2] <= 31 for v in (start, end)):
        return None
    return DateExpr(start, end, (m.start(), m.end()))

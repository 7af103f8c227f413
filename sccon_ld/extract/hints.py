"""What an undated document says about when its edition took place ("Mitte Oktober", "drei
Tage"), so that the corpus can resolve its year later, or not at all."""

from __future__ import annotations

import re

from .context import Context
from .lexicon import MONTHS

WHEN = re.compile(r"\b(?P<part>Anfang|Mitte|Ende)\s+(?P<month>[A-ZÄÖÜ][a-zä]+)\b|\bim\s+(?P<month2>[A-ZÄÖÜ][a-zä]+)\b")


def edition_hints(ctx: Context) -> dict[str, str]:
    for s in ctx.sentences:
        for m in WHEN.finditer(s.masked):
            month = (m.group("month") or m.group("month2") or "").lower()
            if month in MONTHS and len(month) > 3:
                part = (m.group("part") or "").lower() or "any"
                return {"month": str(MONTHS[month]), "part": part, "sentence": s.text, "offset": str(s.start)}
    return {}

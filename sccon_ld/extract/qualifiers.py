"""How exactly a text states a figure: "mehr als 1.234" is 1234 with the qualifier MoreThan.

The extractor keeps the number as the claim's value (the scorer and the edition's plain counts see
1234) and the qualifier on its statement node (``sccon:countQualifier``), so pages can show
"> 1.234". The names are the ontology's individuals (ontology/sccon.ttl, "how a claim was read").
"""

from __future__ import annotations

import re

# Qualifier words (lower case, as they stand before the number) -> ontology individual.
QUALIFIERS: dict[str, str] = {
    "mehr als": "MoreThan",
    "über": "MoreThan",
    "weit über": "MoreThan",
    "gut": "MoreThan",
    "mindestens": "AtLeast",
    "rund": "Approximately",
    "ca.": "Approximately",
    "circa": "Approximately",
    "etwa": "Approximately",
    "annähernd": "Approximately",
    "knapp": "Nearly",
    "fast": "Nearly",
    "nahezu": "Nearly",
    "bis zu": "AtMost",
    "höchstens": "AtMost",
}
_AT_END = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(QUALIFIERS, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)


def count_qualifier(before_number: str) -> str | None:
    """The qualifier that ends ``before_number`` (the sentence up to a figure), or None.
    "Mehr als 420": the count pattern matches from "420" (its qualifier list is lower case)."""
    m = _AT_END.search(before_number)
    return QUALIFIERS[m.group(1).lower()] if m else None

"""Provisional references -> IRIs, and the corpus-level resolution of undated documents.

The same name gives the same IRI in every document (``Erika Muster`` -> ``id/person/
erika-muster``), which is what links documents together. A document that never names its
edition's year keeps it unresolved unless the rest of the corpus settles it: its hint
("Mitte Oktober") must fit exactly one edition whose dates other documents state.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from ..extract.facts import TERM, UNRESOLVED, DocumentFacts, Ref
from ..iris import SCHEMA, IRIs, slugify

PARTS = {"anfang": (1, 10), "mitte": (10, 20), "ende": (20, 31), "any": (1, 31)}


@dataclass
class Resolution:
    year: str
    note: str


class Linker:
    """Maps one document's references to IRIs."""

    def __init__(self, iris: IRIs, doc_slug: str, edition_year: str | None = None):
        self.iris = iris
        self.doc_slug = doc_slug
        self.edition_year = edition_year  # what UNRESOLVED means for this document, if known

    def iri(self, ref: Ref) -> URIRef | None:
        kind, key = ref.kind, ref.key
        if kind == "document":
            return self.iris.document(self.doc_slug)
        if kind == "series":
            return self.iris.series
        if kind == "edition":
            year = self.edition_year if key == UNRESOLVED else key
            return self.iris.edition(int(year)) if year else None
        if kind in ("organization", "place"):
            return self.iris.entity(kind, key[1:]) if key.startswith("@") else self.iris.named(kind, key)
        if kind in ("person", "award", "contact"):
            return self.iris.named(kind, key)
        if kind == "quote":
            return self.iris.entity("quote", f"{self.doc_slug}-{key}")
        if kind == "placement":
            award, _, which = key.partition("#")
            return URIRef(f"{self.iris.named('award', award)}#placement-{slugify(which)}")
        if kind == "part":
            year, _, name = key.partition("|")
            year = self.edition_year if year == UNRESOLVED else year
            if not year:
                return None
            return self.iris.entity("event", f"sccon-{year}-{slugify(name)[:60].strip('-')}")
        raise ValueError(f"unknown reference kind {kind!r}")

    def term(self, predicate: URIRef) -> URIRef:
        if str(predicate).startswith(str(TERM)):
            return self.iris.ontology[str(predicate)[len(str(TERM)) :]]
        return predicate


def resolve_undated(documents: dict[str, DocumentFacts]) -> dict[str, Resolution]:
    """For each document whose edition is unresolved, the one edition its hints fit, if any."""
    known: dict[str, set[tuple[int, int]]] = {}
    for facts in documents.values():
        for f in facts.facts:
            if f.subject.kind == "edition" and f.subject.key != UNRESOLVED and f.predicate == SCHEMA.startDate:
                value = str(f.obj)
                known.setdefault(f.subject.key, set()).add((int(value[5:7]), int(value[8:10])))
    out: dict[str, Resolution] = {}
    for slug, facts in documents.items():
        hints = facts.edition_hints
        if not hints or not any(f.subject == Ref("edition", UNRESOLVED) for f in facts.facts):
            continue
        month = int(hints["month"])
        low, high = PARTS.get(hints["part"], PARTS["any"])
        fits = sorted(
            year for year, starts in known.items()
            if any(m == month and low <= d <= high for m, d in starts) and len({s for s in starts}) == 1
        )
        if len(fits) == 1:
            year = fits[0]
            (m, d), = known[year]
            out[slug] = Resolution(
                year,
                f"The document names no year; it says \"{hints['sentence'][:120]}\". Of the editions whose "
                f"dates other documents of the corpus state, only {year} (starting {year}-{m:02d}-{d:02d}) "
                f"fits '{hints['part']} {_month_name(month)}', so the document is taken to be about {year}.",
            )
    return out


def _month_name(month: int) -> str:
    return ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
            "November", "Dezember"][month - 1]

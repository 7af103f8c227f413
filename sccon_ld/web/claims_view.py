"""Contested facts on an entity page: the resolved value, how many documents say it and how many
say otherwise, and the alternatives (README, "Claims resolved").

Generic like the rest of the web layer: it reads the ranks (``sccon:claimRank``), the competing
claims (``sccon:competesWith``) and the reasons on the statement nodes of a description, and
knows nothing of what the properties mean.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..vocab import RDF, ontology
from .describe import DERIVED_FROM, Description

PREFERRED, DEPRECATED = "PreferredRank", "DeprecatedRank"


@dataclass
class _Claim:
    value: ox.NamedNode | ox.Literal
    document: str | None
    rank: str = "NormalRank"
    reason: str | None = None
    competes: bool = False


@dataclass
class _Value:
    term: ox.NamedNode | ox.Literal
    documents: set[str] = field(default_factory=set)
    rank: str = "NormalRank"
    reason: str | None = None


def contested(
    desc: Description, base: str, value_view: Callable[[ox.NamedNode | ox.Literal], dict],
) -> dict[str, dict]:
    """Property IRI -> what the page shows for it, for each contested property of the entity."""
    sccon = str(ontology(base))
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for t in desc.provenance:
        props[t.subject.value][t.predicate.value].append(t.object)
    by_property: dict[str, list[_Claim]] = defaultdict(list)
    for values in props.values():
        subject, predicate, obj = (values.get(RDF + n, [None])[0] for n in ("subject", "predicate", "object"))
        if subject is None or subject.value != desc.iri or predicate is None or obj is None:
            continue
        rank = values.get(sccon + "claimRank", [None])[0]
        reason = values.get(sccon + "rankReason", [None])[0]
        document = values.get(DERIVED_FROM.value, [None])[0]
        by_property[predicate.value].append(_Claim(
            obj, document.value if document is not None else None,
            rank.value.removeprefix(sccon) if rank is not None else "NormalRank",
            reason.value if reason is not None else None,
            bool(values.get(sccon + "competesWith")),
        ))
    out = {}
    for predicate, claims in by_property.items():
        if not any(c.competes or c.rank != "NormalRank" for c in claims):
            continue
        out[predicate] = _row(claims, value_view)
    return out


def _row(claims: list[_Claim], value_view: Callable) -> dict:
    values: dict[object, _Value] = {}
    for c in claims:
        v = values.setdefault(c.value, _Value(c.value))
        if c.document:
            v.documents.add(c.document)
        if c.rank == PREFERRED or v.rank != PREFERRED:
            v.rank, v.reason = c.rank, c.reason or v.reason
    resolved = [v for v in values.values() if v.rank == PREFERRED]
    others = [v for v in values.values() if v.rank != PREFERRED]
    saying = set().union(*(v.documents for v in resolved)) if resolved else set()
    otherwise = set().union(*(v.documents for v in others)) - saying if others else set()
    order = sorted(values.values(), key=lambda v: (v.rank != PREFERRED, -len(v.documents), str(v.term)))
    return {
        "resolved": [value_view(v.term) for v in sorted(resolved, key=lambda v: str(v.term))],
        "tie": not resolved,
        "n": len(saying),
        "m": len(otherwise),
        "reason": next((v.reason for v in resolved if v.reason), None)
                  or next((v.reason for v in others if v.reason), None),
        "alternatives": [
            {
                "value": value_view(v.term),
                "rank": v.rank.removesuffix("Rank").lower(),
                "documents": [value_view(ox.NamedNode(d)) for d in sorted(v.documents)],
                "reason": v.reason,
            }
            for v in order
        ],
    }

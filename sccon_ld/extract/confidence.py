"""A confidence for every claim: how often its rule was right on the development sets.

The figures are measured by ``tools/rule_confidence.py`` and written to ``rule_confidence.toml``
next to this module (generated, never edited by hand). A rule never measured gets the file's
``default``. :func:`hold_back` keeps what a release may publish (``extract.min_confidence``) and
says what it left out, so the build can list it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from ..iris import SCHEMA
from .facts import TERM, DocumentFacts, Fact, Ref

TABLE_FILE = Path(__file__).with_name("rule_confidence.toml")
FALLBACK_DEFAULT = Decimal("0.75")  # when the table is missing: publish, as an unmeasured rule


@dataclass(frozen=True)
class RuleTable:
    default: Decimal
    rules: dict[str, Decimal]
    counts: dict[str, tuple[int, int]]  # rule -> (right, wrong)

    def confidence(self, rule: str) -> Decimal:
        return self.rules.get(rule, self.default)


@cache
def table(path: Path = TABLE_FILE) -> RuleTable:
    """The measured table (``default`` plus ``[rules."<name>"]`` with right, wrong, confidence)."""
    if not path.is_file():
        return RuleTable(FALLBACK_DEFAULT, {}, {})
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = {name: Decimal(str(entry["confidence"])) for name, entry in data.get("rules", {}).items()}
    counts = {name: (int(e.get("right", 0)), int(e.get("wrong", 0))) for name, e in data.get("rules", {}).items()}
    return RuleTable(Decimal(str(data.get("default", FALLBACK_DEFAULT))), rules, counts)


def confidence(rule: str) -> Decimal:
    return table().confidence(rule)


@dataclass(frozen=True)
class HeldBack:
    """A claim left out of a release: below ``extract.min_confidence``."""

    fact: Fact
    confidence: Decimal

    def triple_text(self) -> str:
        return f"{ref_text(self.fact.subject)} {term_text(self.fact.predicate)} {ref_text(self.fact.obj)}"

    def as_dict(self, document: str) -> dict[str, object]:
        ev = self.fact.evidence
        return {"document": document, "triple": self.triple_text(), "rule": self.fact.rule,
                "confidence": float(self.confidence), "sentence": ev.sentence if ev else None,
                "reason": "below extract.min_confidence"}


def hold_back(facts: DocumentFacts, min_confidence: float | None) -> tuple[DocumentFacts, list[HeldBack]]:
    """``facts`` without the claims whose rule's confidence is below ``min_confidence``.

    Only claims (facts with a sentence) are judged. Holding back the name of a person, organisation
    or award holds back the entity: every fact about it or pointing to it goes too, so no nameless
    node is left for the shapes to reject.
    """
    if min_confidence is None:
        return facts, []
    limit = Decimal(str(min_confidence))
    held = [HeldBack(f, confidence(f.rule)) for f in facts.facts
            if f.evidence is not None and confidence(f.rule) < limit]
    if not held:
        return facts, []
    dropped = {h.fact for h in held}
    withdrawn = {h.fact.subject for h in held if h.fact.predicate == SCHEMA.name and h.fact.subject in facts.types}
    kept = DocumentFacts(types={r: t for r, t in facts.types.items() if r not in withdrawn},
                         edition_hints=dict(facts.edition_hints), warnings=list(facts.warnings))
    for f in facts.facts:
        if f in dropped or f.subject in withdrawn or f.obj in withdrawn:
            continue
        kept.add(f.subject, f.predicate, f.obj, f.evidence, rule=f.rule, qualifier=f.qualifier)
    return kept, held


def ref_text(value: Ref | Literal | URIRef) -> str:
    if isinstance(value, Ref):
        return f"{value.kind}:{value.key}"
    if isinstance(value, Literal):
        return repr(str(value)) if value.datatype is None else str(value)
    return term_text(value)


def term_text(term: URIRef) -> str:
    text = str(term)
    if term == RDF.type:
        return "a"
    for prefix, ns in (("schema:", str(SCHEMA)), ("sccon:", str(TERM))):
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text

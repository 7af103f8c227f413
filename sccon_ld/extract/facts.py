"""What extraction produces: facts about provisional entity references, each with its evidence.

Extraction does not mint IRIs. It says "the person named Erika Muster" (``Ref("person",
"Erika Muster")``) or "the edition of 2023" (``Ref("edition", "2023")``); the linker turns
references into IRIs, merging them with the authority file and across documents.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from rdflib import Literal, Namespace, URIRef

# The project's own terms, independent of the dataset base; the emitter maps them to
# ``<base>ontology#``.
TERM = Namespace("urn:sccon-term:")
UNRESOLVED = "?"  # key of "the edition this document is about" when the text never names its year


@dataclass(frozen=True, order=True)
class Ref:
    """A provisional entity: ``kind`` as in MODEL.md (plus edition/part/placement), ``key`` a name."""

    kind: str
    key: str


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact was read from, and its character offset in the document text.

    ``expected``: the sentence gives a figure as expected before the event ("erwartet werden"),
    a claim of its own kind (sccon:claimStatus sccon:Expected), never the figure that was reached.
    """

    sentence: str
    offset: int
    expected: bool = False


@dataclass(frozen=True)
class Fact:
    """One claim. ``rule`` names the extractor that made it ("edition_facts.count"); ``qualifier``
    is a count's qualifier as a term name ("MoreThan" for "mehr als 1.234"). Neither takes part in
    equality: the same triple read by two rules is one fact (the first rule keeps it)."""

    subject: Ref
    predicate: URIRef
    obj: Ref | Literal | URIRef
    evidence: Evidence | None = None
    rule: str = field(default="", compare=False)
    qualifier: str | None = field(default=None, compare=False)


# Modules whose functions add facts on behalf of their caller (entity helpers): the rule that made
# a fact is the first function on the stack outside them.
_HELPER_MODULES = frozenset({__name__, __name__.rsplit(".", 1)[0] + ".context"})


def calling_rule(depth: int = 2) -> str:
    """``<module>.<function>`` of the extractor on the stack that asked for a fact.

    A frame walk (a few attribute reads per frame) rather than a ``rule=`` argument at each of the
    sixty call sites: a rule's name is then its function's, and renaming one renames the other.
    """
    frame = sys._getframe(depth)
    while frame is not None and frame.f_globals.get("__name__") in _HELPER_MODULES:
        frame = frame.f_back
    if frame is None:
        return ""
    module = str(frame.f_globals.get("__name__", "")).rsplit(".", 1)[-1]
    return f"{module}.{frame.f_code.co_name.lstrip('_')}"


@dataclass
class DocumentFacts:
    """Everything one document says, plus hints the corpus may need to resolve its edition."""

    facts: list[Fact] = field(default_factory=list)
    types: dict[Ref, URIRef] = field(default_factory=dict)
    edition_hints: dict[str, str] = field(default_factory=dict)  # e.g. {"month": "10", "part": "mid"}
    warnings: list[str] = field(default_factory=list)

    def add(self, subject: Ref, predicate: URIRef, obj: Ref | Literal | URIRef, evidence: Evidence | None,
            rule: str | None = None, qualifier: str | None = None) -> None:
        """Add a fact once; its ``rule`` is the calling extractor's name unless given."""
        fact = Fact(subject, predicate, obj, evidence, rule if rule is not None else calling_rule(), qualifier)
        if fact not in self._seen:
            self._seen.add(fact)
            self.facts.append(fact)

    def typed(self, ref: Ref, rdf_type: URIRef) -> Ref:
        self.types.setdefault(ref, rdf_type)
        return ref

    def __post_init__(self) -> None:
        self._seen: set[Fact] = set()

    def about(self, ref: Ref) -> list[Fact]:
        return [f for f in self.facts if f.subject == ref]

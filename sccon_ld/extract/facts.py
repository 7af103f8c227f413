"""What extraction produces: facts about provisional entity references, each with its evidence.

Extraction does not mint IRIs. It says "the person named Erika Muster" (``Ref("person",
"Erika Muster")``) or "the edition of 2023" (``Ref("edition", "2023")``); the linker turns
references into IRIs, merging them with the authority file and across documents.
"""

from __future__ import annotations

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
    subject: Ref
    predicate: URIRef
    obj: Ref | Literal | URIRef
    evidence: Evidence | None = None


@dataclass
class DocumentFacts:
    """Everything one document says, plus hints the corpus may need to resolve its edition."""

    facts: list[Fact] = field(default_factory=list)
    types: dict[Ref, URIRef] = field(default_factory=dict)
    edition_hints: dict[str, str] = field(default_factory=dict)  # e.g. {"month": "10", "part": "mid"}
    warnings: list[str] = field(default_factory=list)

    def add(self, subject: Ref, predicate: URIRef, obj: Ref | Literal | URIRef, evidence: Evidence | None) -> None:
        fact = Fact(subject, predicate, obj, evidence)
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

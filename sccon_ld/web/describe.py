"""What the server says about one entity: its own facts, what they link to, who links to it,
and where each fact came from.

The web layer is generic (it knows IRIs and graphs, not press releases): a description is
every quad whose subject is the entity or one of its fragment IRIs (``<award>#placement-1``,
``<doc>#fact-…``), the labels of every IRI those quads mention, one page of incoming links,
and the ``rdf:Statement`` provenance nodes pointing at the facts. Quads are read straight
from pyoxigraph (no rdflib in the request path).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from .. import iris
from ..release.entity_index import LABEL_PREDICATES, EntityIndex, EntityInfo
from ..store.embedded import GraphStore
from ..vocab import PROV, RDF, SCHEMA

RDF_TYPE = ox.NamedNode(RDF + "type")
RDF_SUBJECT = ox.NamedNode(RDF + "subject")
RDF_PREDICATE = ox.NamedNode(RDF + "predicate")
RDF_OBJECT = ox.NamedNode(RDF + "object")
DERIVED_FROM = ox.NamedNode(PROV + "wasDerivedFrom")
PROVENANCE_LINKS = {RDF + "subject", RDF + "object"}

Term = ox.NamedNode | ox.Literal | ox.BlankNode


def term_key(term: Term) -> str:
    """A total order over terms that is stable across runs (N-Triples form)."""
    return str(term)


@dataclass
class Source:
    """Where one fact came from: a named graph, and its sentence when a provenance node says so."""

    graph: str
    document: str | None = None
    sentence: str | None = None
    statement: str | None = None
    qualifier: str | None = None  # a count's sccon:countQualifier, by local name ("MoreThan")


@dataclass
class Fact:
    """One triple of the description with every source stating it."""

    subject: ox.NamedNode
    predicate: ox.NamedNode
    object: Term
    sources: list[Source] = field(default_factory=list)


@dataclass
class Description:
    """Everything one entity document holds."""

    iri: str
    info: EntityInfo
    facts: list[Fact]
    provenance: list[ox.Triple]
    labels: dict[str, str]
    label_triples: list[ox.Triple]
    incoming: list[Fact]
    incoming_total: int
    page: int
    pages: int
    quotes: list[dict[str, str]]
    inherited: dict[str, list[str]]
    # Classes of the nameless fragment IRIs that link here (``<award>#placement-1``), for a label.
    types: dict[str, list[str]] = field(default_factory=dict)

    def triples(self) -> list[ox.Triple]:
        """All triples of the description, the entity's own first, without duplicates."""
        seen: set[ox.Triple] = set()
        out: list[ox.Triple] = []
        groups: list[Iterable[ox.Triple]] = [
            (ox.Triple(f.subject, f.predicate, f.object) for f in self.facts),
            (ox.Triple(f.subject, f.predicate, f.object) for f in self.incoming),
            self.provenance,
            self.label_triples,
        ]
        for group in groups:
            for triple in group:
                if triple not in seen:
                    seen.add(triple)
                    out.append(triple)
        return out

    def sources(self) -> list[str]:
        """The graphs the entity's own facts came from."""
        return sorted({s.graph for f in self.facts for s in f.sources})


# Named graphs that are not source documents, as a page names them.
GRAPH_LABELS = {"authority": "Curated reference data (authority file)", "ontology": "The project's ontology"}


class PageOutOfRange(LookupError):
    pass


class Describer:
    """Builds :class:`Description` objects from a store and its index."""

    def __init__(self, store: GraphStore, index: EntityIndex, per_page: int, cache_entries: int = 64):
        self.store = store
        self.index = index
        self.per_page = max(1, per_page)
        # One description per (entity, page) for this release, shared by every format and page
        # rendering it (a hub entity is described once, not once per variant).
        self._described: OrderedDict[tuple[str, int], Description | None] = OrderedDict()
        self._cache_entries = max(0, cache_entries)
        self._lock = threading.Lock()
        # Graph -> its document: asked once per quad described, answered once per graph.
        self._documents: dict[str, str | None] = {}

    def document_of_graph(self, graph: str) -> str | None:
        """``<base>graph/<slug>`` -> ``<base>id/document/<slug>`` when that document exists."""
        if graph not in self._documents:
            doc = iris.document_of_graph(self.index.base, graph)
            self._documents[graph] = doc if doc is not None and self.index.get(doc) is not None else None
        return self._documents[graph]

    def describe(self, iri: str, page: int = 1) -> Description | None:
        """The description of ``iri`` with one page of incoming links (None: not an entity);
        PageOutOfRange past the last page. Kept for the release's lifetime (least recently used go)."""
        key = (iri, page)
        with self._lock:
            if key in self._described:
                self._described.move_to_end(key)
                return self._described[key]
        desc = self._describe(iri, page)
        with self._lock:
            self._described[key] = desc
            while len(self._described) > self._cache_entries:
                self._described.popitem(last=False)
        return desc

    def _describe(self, iri: str, page: int) -> Description | None:
        info = self.index.get(iri)
        if info is None:
            return None
        subjects = [iri, *self.index.fragments_of(iri)]
        facts = self._facts(ox.NamedNode(s) for s in subjects)
        provenance = self._provenance(subjects, facts)
        incoming_all = self._incoming(iri, set(subjects))
        total = len(incoming_all)
        pages = max(1, math.ceil(total / self.per_page))
        if page < 1 or page > pages:
            raise PageOutOfRange(f"page {page} of {pages}")
        incoming = incoming_all[(page - 1) * self.per_page : page * self.per_page]
        mentioned = (
            {f.object.value for f in facts if isinstance(f.object, ox.NamedNode)}
            | {f.subject.value for f in incoming}
            | {f.object.value for f in facts if f.predicate == RDF_TYPE}
        )
        mentioned -= set(subjects)
        labels, label_triples = self._labels(mentioned)
        inherited = self._inherited(iri, facts)
        for values in inherited.values():
            labels.update(self._labels(set(values))[0])
        # For the page: the entity itself and the documents its facts came from.
        sources = [s for f in (*facts, *incoming) for s in f.sources]
        for other in {iri} | {s.document for s in sources if s.document}:
            labels.setdefault(other, self.index.label(other) or other)
        for graph in {s.graph for s in sources if not s.document and s.graph}:
            labels.setdefault(graph, GRAPH_LABELS.get(iris.graph_slug(self.index.base, graph) or "", graph))
        return Description(
            iri=iri,
            info=info,
            facts=facts,
            provenance=provenance,
            labels=labels,
            label_triples=label_triples,
            incoming=incoming,
            incoming_total=total,
            page=page,
            pages=pages,
            quotes=self._quotes(iri, incoming_all),
            inherited=inherited,
            types=self._fragment_types({f.subject.value for f in incoming if "#" in f.subject.value}, labels),
        )

    def _fragment_types(self, iris: set[str], labels: dict[str, str]) -> dict[str, list[str]]:
        """The classes of fragment IRIs, and the labels of the entities they belong to."""
        out = {}
        for iri in sorted(iris):
            out[iri] = sorted({q.object.value for q in self.store.quads(subject=ox.NamedNode(iri), predicate=RDF_TYPE)})
            owner = iri.partition("#")[0]
            labels.setdefault(owner, self.index.label(owner) or owner)
        return out

    def _grouped(self, quads: Iterable[ox.Quad]) -> list[Fact]:
        """One Fact per distinct triple, with the graph of every quad stating it as a source."""
        by_triple: dict[tuple, Fact] = {}
        for quad in quads:
            key = (quad.subject, quad.predicate, quad.object)
            fact = by_triple.get(key)
            if fact is None:
                fact = by_triple[key] = Fact(quad.subject, quad.predicate, quad.object)
            graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            fact.sources.append(Source(graph, self.document_of_graph(graph)))
        return list(by_triple.values())

    def _facts(self, subjects: Iterable[ox.NamedNode]) -> list[Fact]:
        facts = self._grouped(q for subject in subjects for q in self.store.quads(subject=subject))
        facts.sort(key=lambda f: (f.subject.value, f.predicate.value, term_key(f.object)))
        return facts

    def _provenance(self, subjects: list[str], facts: list[Fact]) -> list[ox.Triple]:
        """The rdf:Statement nodes about the facts; attaches their sentences to the facts."""
        by_triple = {(f.subject, f.predicate, f.object): f for f in facts}
        triples: list[ox.Triple] = []
        for subject in subjects:
            for link in self.store.quads(predicate=RDF_SUBJECT, obj=ox.NamedNode(subject)):
                statement = link.subject
                props: dict[str, Term] = {}
                for quad in self.store.quads(subject=statement, graph=link.graph_name):
                    triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
                    props.setdefault(quad.predicate.value, quad.object)
                fact = by_triple.get(
                    (ox.NamedNode(subject), props.get(RDF_PREDICATE.value), props.get(RDF_OBJECT.value))
                )
                if fact is None:
                    continue
                graph = link.graph_name.value if isinstance(link.graph_name, ox.NamedNode) else ""
                sentence = next((o.value for p, o in props.items() if p.endswith("#sourceSentence")), None)
                derived = props.get(DERIVED_FROM.value)
                document = (
                    derived.value if isinstance(derived, ox.NamedNode) else self.document_of_graph(graph)
                )
                source = next((s for s in fact.sources if s.graph == graph and s.sentence is None), None)
                if source is None:
                    source = Source(graph, document)
                    fact.sources.append(source)
                source.document = document
                source.sentence = sentence
                source.statement = statement.value
                qualifier = next((o.value for p, o in props.items() if p.endswith("#countQualifier")), None)
                source.qualifier = qualifier.rsplit("#", 1)[-1] if qualifier else None
        triples.sort(key=lambda t: (t.subject.value, t.predicate.value, term_key(t.object)))
        return triples

    def _incoming(self, iri: str, own: set[str]) -> list[Fact]:
        """Links to the entity from other subjects (provenance reifications excluded)."""
        facts = self._grouped(
            q
            for q in self.store.quads(obj=ox.NamedNode(iri))
            if q.predicate.value not in PROVENANCE_LINKS
            and isinstance(q.subject, ox.NamedNode)
            and q.subject.value not in own
        )
        labels = self.index.labels(f.subject.value for f in facts)  # one query, not one per link
        facts.sort(key=lambda f: (f.predicate.value, labels.get(f.subject.value, ""), f.subject.value))
        return facts

    def _labels(self, iris: set[str]) -> tuple[dict[str, str], list[ox.Triple]]:
        """Labels of the given IRIs, as a dict and as the triples that state them."""
        labels: dict[str, str] = {}
        triples: list[ox.Triple] = []
        for iri in sorted(iris):
            node = ox.NamedNode(iri)
            for predicate in LABEL_PREDICATES[:4]:
                found = sorted(
                    {
                        q.object
                        for q in self.store.quads(subject=node, predicate=ox.NamedNode(predicate))
                        if isinstance(q.object, ox.Literal)
                    },
                    key=term_key,
                )
                if found:
                    labels[iri] = found[0].value
                    triples.extend(ox.Triple(node, ox.NamedNode(predicate), lit) for lit in found)
                    break
            else:
                label = self.index.label(iri)
                if label:
                    labels[iri] = label
        return labels, triples

    def _inherited(self, iri: str, facts: list[Fact]) -> dict[str, list[str]]:
        """Organisers of the series, for an edition that names none itself."""
        own = {f.predicate.value for f in facts if f.subject.value == iri}
        organizer = SCHEMA + "organizer"
        if organizer in own:
            return {}
        parents = [
            f.object
            for f in facts
            if f.subject.value == iri
            and f.predicate.value == SCHEMA + "superEvent"
            and isinstance(f.object, ox.NamedNode)
        ]
        found = sorted(
            {
                q.object.value
                for p in parents
                for q in self.store.quads(subject=p, predicate=ox.NamedNode(organizer))
                if isinstance(q.object, ox.NamedNode)
            }
        )
        return {organizer: found} if found else {}

    def _quotes(self, iri: str, incoming: list[Fact]) -> list[dict[str, str]]:
        """Quotations by or about the entity (or taken from it, for a document)."""
        quote_links = {SCHEMA + "about", SCHEMA + "creator", SCHEMA + "isPartOf"}
        quotes = []
        for iri_q in sorted({f.subject.value for f in incoming if f.predicate.value in quote_links}):
            node = ox.NamedNode(iri_q)
            if not any(
                True
                for _ in self.store.quads(
                    subject=node, predicate=RDF_TYPE, obj=ox.NamedNode(SCHEMA + "Quotation")
                )
            ):
                continue
            values: dict[str, str] = {"iri": iri_q}
            for quad in self.store.quads(subject=node):
                name = quad.predicate.value.removeprefix(SCHEMA)
                if name in ("text", "creator", "isPartOf"):
                    values.setdefault(name, quad.object.value)
            values["creator_label"] = self.index.label(values.get("creator", "")) or ""
            values["document_label"] = self.index.label(values.get("isPartOf", "")) or ""
            quotes.append(values)
        return quotes

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
import os
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..store import GraphStore

SCHEMA = "https://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = ox.NamedNode(RDF + "type")
RDF_SUBJECT = ox.NamedNode(RDF + "subject")
RDF_PREDICATE = ox.NamedNode(RDF + "predicate")
RDF_OBJECT = ox.NamedNode(RDF + "object")
DERIVED_FROM = ox.NamedNode(PROV + "wasDerivedFrom")
# Predicates giving a human label, best first.
LABEL_PREDICATES = (
    SCHEMA + "name",
    SCHEMA + "headline",
    RDFS + "label",
    SKOS + "prefLabel",
    SCHEMA + "alternateName",
)
# Without a name: a quotation is labelled by its text, a contact point by type, e-mail, phone.
FALLBACK_LABEL_PREDICATES = tuple(SCHEMA + p for p in ("text", "contactType", "email", "telephone"))
PROVENANCE_LINKS = {RDF + "subject", RDF + "object"}

Term = ox.NamedNode | ox.Literal | ox.BlankNode


def term_key(term: Term) -> str:
    """A total order over terms that is stable across runs (N-Triples form)."""
    return str(term)


@dataclass
class EntityInfo:
    """What the index knows about one entity IRI."""

    iri: str
    kind: str
    slug: str
    label: str = ""
    types: list[str] = field(default_factory=list)


INDEX_FILE = "entities.sqlite"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entity (iri TEXT PRIMARY KEY, kind TEXT NOT NULL, slug TEXT NOT NULL, label TEXT NOT NULL,
                     folded TEXT NOT NULL, types TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX entity_by_kind ON entity (kind, folded, iri);
CREATE TABLE fragment (entity TEXT NOT NULL, iri TEXT NOT NULL, PRIMARY KEY (entity, iri)) WITHOUT ROWID;
"""
_COLUMNS = "iri, kind, slug, label, types"


def scan_entities(quads: Iterable[ox.Quad], base: str) -> tuple[dict[str, EntityInfo], dict[str, list[str]]]:
    """Every entity IRI under ``<base>id/`` with label and types, and its fragment IRIs: one pass
    over all quads (done at publish time, so a server never pays it at start-up)."""
    id_prefix = base + "id/"
    entities: dict[str, EntityInfo] = {}
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    fragments: dict[str, set[str]] = defaultdict(set)

    def ensure(iri: str) -> EntityInfo | None:
        info = entities.get(iri)
        if info is None:
            kind, slash, slug = iri[len(id_prefix) :].partition("/")
            if not slash or not slug:
                return None
            info = entities[iri] = EntityInfo(iri, kind, slug)
        return info

    for quad in quads:
        for is_subject, term in ((True, quad.subject), (False, quad.object)):
            if isinstance(term, ox.NamedNode) and term.value.startswith(id_prefix):
                entity, hash_, _ = term.value.partition("#")
                if ensure(entity) is not None and hash_ and is_subject:
                    fragments[entity].add(term.value)
        subject = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else ""
        info = entities.get(subject)
        if info is None:
            continue
        predicate = quad.predicate.value
        if predicate == RDF_TYPE.value and isinstance(quad.object, ox.NamedNode):
            if quad.object.value not in info.types:
                info.types.append(quad.object.value)
        elif predicate in LABEL_PREDICATES and isinstance(quad.object, ox.Literal):
            labels[subject].setdefault(predicate, quad.object.value)
        elif predicate in FALLBACK_LABEL_PREDICATES and isinstance(quad.object, ox.Literal):
            labels[subject].setdefault(predicate, _shorten(quad.object.value))
    for iri, info in entities.items():
        found = labels.get(iri, {})
        info.label = next((found[p] for p in LABEL_PREDICATES if p in found), None) or (
            " · ".join(found[p] for p in FALLBACK_LABEL_PREDICATES if p in found) or info.slug
        )
        info.types.sort()
    return entities, {e: sorted(f) for e, f in fragments.items()}


def write_index(db: sqlite3.Connection, quads: Iterable[ox.Quad], base: str) -> None:
    """Fill an empty database with the entity index of ``quads``."""
    entities, fragments = scan_entities(quads, base)
    db.executescript(_SCHEMA)
    db.execute("INSERT INTO meta VALUES ('base', ?)", (base,))
    db.executemany(
        "INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?)",
        ((e.iri, e.kind, e.slug, e.label, e.label.casefold(), "\n".join(e.types)) for e in entities.values()),
    )
    db.executemany("INSERT INTO fragment VALUES (?, ?)", ((e, f) for e, fs in fragments.items() for f in fs))
    db.commit()


def write_index_file(path: Path, quads: Iterable[ox.Quad], base: str) -> None:
    """The entity index of a release, as an SQLite file beside its store (see ``release.publish``)."""
    db = sqlite3.connect(path)
    try:
        write_index(db, quads, base)
        db.execute("VACUUM")
    finally:
        db.close()


class EntityIndex:
    """All entity IRIs of the release with label and type, in SQLite.

    Serves existence checks (404 vs 303 without a query), the per-kind lists, label search,
    and the fragment IRIs (``#…``) that are described with their base entity. A local release
    brings the index as a file, opened read-only in no time whatever the size of the graph;
    without one (a remote store, an older release) it is built from a scan of the store the
    first time it is needed, so start-up never waits for it.
    """

    def __init__(self, base: str, open_db: Callable[[], sqlite3.Connection]):
        self.base = base
        self.id_prefix = base + "id/"
        self.entities = _EntityView(self)
        self._open_db = open_db
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self._kinds: dict[str, int] | None = None

    @classmethod
    def open(cls, path: Path, base: str) -> EntityIndex | None:
        """The index file of a release, or None when it is missing or made for another base."""
        uri = Path(path).resolve().as_uri() + "?mode=ro&immutable=1"
        try:
            db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            row = db.execute("SELECT value FROM meta WHERE key = 'base'").fetchone()
            db.close()
        except sqlite3.Error:
            return None
        if row is None or row[0] != base:
            return None
        return cls(base, lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))

    @classmethod
    def build(cls, store: GraphStore, base: str) -> EntityIndex:
        """An index built in memory from a scan of ``store``, on first use."""

        def scan() -> sqlite3.Connection:
            db = sqlite3.connect(":memory:", check_same_thread=False)
            write_index(db, store.quads(), base)
            return db

        return cls(base, scan)

    def _rows(self, sql: str, *args: object) -> list[tuple]:
        with self._lock:
            if self._db is None or self._pid != os.getpid():  # also after a fork: never share one
                self._db, self._pid = self._open_db(), os.getpid()
            return self._db.execute(sql, args).fetchall()

    @staticmethod
    def _info(row: tuple) -> EntityInfo:
        iri, kind, slug, label, types = row
        return EntityInfo(iri, kind, slug, label, types.split("\n") if types else [])

    def get(self, iri: str) -> EntityInfo | None:
        rows = self._rows(f"SELECT {_COLUMNS} FROM entity WHERE iri = ?", iri)
        return self._info(rows[0]) if rows else None

    def fragments_of(self, iri: str) -> list[str]:
        return [r[0] for r in self._rows("SELECT iri FROM fragment WHERE entity = ? ORDER BY iri", iri)]

    def of_kind(self, kind: str) -> list[EntityInfo]:
        rows = self._rows(f"SELECT {_COLUMNS} FROM entity WHERE kind = ? ORDER BY folded, iri", kind)
        return [self._info(r) for r in rows]

    def kinds(self) -> dict[str, int]:
        if self._kinds is None:
            self._kinds = dict(self._rows("SELECT kind, count(*) FROM entity GROUP BY kind ORDER BY kind"))
        return dict(self._kinds)

    def search(self, text: str, limit: int = 100) -> list[EntityInfo]:
        """Entities whose label contains every word of ``text`` (case-insensitive)."""
        words = text.casefold().split()
        if not words:
            return []
        where = " AND ".join("instr(folded, ?) > 0" for _ in words)
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM entity WHERE {where} "
            "ORDER BY substr(folded, 1, ?) != ?, folded, iri LIMIT ?",
            *words, len(words[0]), words[0], limit,
        )
        return [self._info(r) for r in rows]

    def label(self, iri: str) -> str | None:
        rows = self._rows("SELECT label FROM entity WHERE iri = ?", iri)
        return rows[0][0] if rows else None


class _EntityView(Mapping[str, EntityInfo]):
    """``index.entities``: the index as a read-only mapping IRI -> EntityInfo, in IRI order."""

    def __init__(self, index: EntityIndex):
        self._index = index

    def __getitem__(self, iri: str) -> EntityInfo:
        info = self._index.get(iri)
        if info is None:
            raise KeyError(iri)
        return info

    def __contains__(self, iri: object) -> bool:
        return isinstance(iri, str) and self._index.get(iri) is not None

    def __iter__(self) -> Iterator[str]:
        return iter([r[0] for r in self._index._rows("SELECT iri FROM entity ORDER BY iri")])

    def __len__(self) -> int:
        return sum(self._index.kinds().values())

    def values(self) -> list[EntityInfo]:  # type: ignore[override]  (one query, not one per IRI)
        return [self._index._info(r) for r in self._index._rows(f"SELECT {_COLUMNS} FROM entity ORDER BY iri")]


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class Source:
    """Where one fact came from: a named graph, and its sentence when a provenance node says so."""

    graph: str
    document: str | None = None
    sentence: str | None = None
    statement: str | None = None


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

    def __init__(self, store: GraphStore, index: EntityIndex, per_page: int):
        self.store = store
        self.index = index
        self.per_page = max(1, per_page)
        self.graph_prefix = index.base + "graph/"
        # Graph -> its document: asked once per quad described, answered once per graph.
        self._documents: dict[str, str | None] = {}

    def document_of_graph(self, graph: str) -> str | None:
        """``<base>graph/<slug>`` -> ``<base>id/document/<slug>`` when that document exists."""
        if graph not in self._documents:
            doc = None
            if graph.startswith(self.graph_prefix):
                doc = f"{self.index.id_prefix}document/{graph[len(self.graph_prefix) :]}"
                doc = doc if self.index.get(doc) is not None else None
            self._documents[graph] = doc
        return self._documents[graph]

    def describe(self, iri: str, page: int = 1) -> Description | None:
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
            labels.setdefault(graph, GRAPH_LABELS.get(graph.removeprefix(self.graph_prefix), graph))
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
        )

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
        facts.sort(
            key=lambda f: (f.predicate.value, self.index.label(f.subject.value) or "", f.subject.value)
        )
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

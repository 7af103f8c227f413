"""The entity index of a release: every entity IRI under ``<base>id/`` with kind, label, types
and fragment IRIs, in SQLite.

Written once by the release step (``entities.sqlite`` beside the store, fed the release's quads)
and opened read-only by every server, so no server scans the graph at start-up. It knows IRIs
and predicates only, never the web layer that reads it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from .. import iris
from ..vocab import RDF, RDFS, SCHEMA, SKOS
from . import search_index

RDF_TYPE = ox.NamedNode(RDF + "type")
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


class QuadSource(Protocol):
    """Anything that lists its quads (the embedded or the remote graph store)."""

    def quads(self) -> Iterable[ox.Quad]: ...


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
_BATCH = 500  # IRIs per IN (...) query: below SQLite's host-parameter limit


def scan_entities(quads: Iterable[ox.Quad], base: str) -> tuple[dict[str, EntityInfo], dict[str, list[str]]]:
    """Every entity IRI under ``<base>id/`` with label and types, and its fragment IRIs: one pass
    over all quads (done at publish time, so a server never pays it at start-up)."""
    id_prefix = iris.id_prefix(base)
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
            labels[subject].setdefault(predicate, shorten(quad.object.value))
    for iri, info in entities.items():
        found = labels.get(iri, {})
        info.label = next((found[p] for p in LABEL_PREDICATES if p in found), None) or (
            " · ".join(found[p] for p in FALLBACK_LABEL_PREDICATES if p in found) or info.slug
        )
        info.types.sort()
    return entities, {e: sorted(f) for e, f in fragments.items()}


def write_index(db: sqlite3.Connection, quads: Iterable[ox.Quad], base: str) -> None:
    """Fill an empty database with the entity index of ``quads`` (read once), its search and
    mention tables included (:mod:`.search_index`)."""
    search_tables = search_index.SearchTables(base, LABEL_PREDICATES)
    entities, fragments = scan_entities(search_tables.watch(quads), base)
    db.executescript(_SCHEMA)
    search_tables.write(db)
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

    Serves existence checks (404 vs 303 without a query), the per-kind lists, full-text search,
    and the fragment IRIs (``#…``) that are described with their base entity. A local release
    brings the index as a file, opened read-only in no time whatever the size of the graph;
    without one (a remote store, an older release) it is built from a scan of the store the
    first time it is needed, so start-up never waits for it.
    """

    def __init__(self, base: str, open_db: Callable[[], sqlite3.Connection]):
        self.base = base
        self.id_prefix = iris.id_prefix(base)
        self.entities = _EntityView(self)
        self._open_db = open_db
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self._kinds: dict[str, int] | None = None
        self._search: bool | None = None

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
    def build(cls, store: QuadSource, base: str) -> EntityIndex:
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

    def search_count(self, text: str) -> int:
        """How many entities match ``text`` (names, labels, source sentences; see search_index)."""
        return search_index.count(self._rows, text) if self._has_search() else 0

    def search_hits(self, text: str, limit: int, offset: int = 0) -> list[search_index.Hit]:
        """One page of the entities matching ``text``, best first, with snippets."""
        return search_index.search(self._rows, text, limit, offset) if self._has_search() else []

    def mentions(self, iris: Iterable[str]) -> dict[str, int] | None:
        """How many documents mention each of ``iris`` (unmentioned ones left out); None for an
        index written before the mention table existed."""
        return search_index.mentioned(self._rows, iris) if self._has_search() else None

    def mentioned_per_kind(self) -> dict[str, int] | None:
        """Kind -> how many of its entities some document mentions (None: an older index)."""
        if not self._has_search():
            return None
        sql = "SELECT e.kind, count(*) FROM mention m JOIN entity e ON e.iri = m.entity GROUP BY e.kind"
        return dict(self._rows(sql))

    def _has_search(self) -> bool:
        if self._search is None:
            self._search = search_index.has_tables(self._rows)
        return self._search

    def label(self, iri: str) -> str | None:
        rows = self._rows("SELECT label FROM entity WHERE iri = ?", iri)
        return rows[0][0] if rows else None

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        """The labels of many IRIs in a few queries (not one per IRI); unknown IRIs left out."""
        wanted = sorted(set(iris))
        out: dict[str, str] = {}
        for start in range(0, len(wanted), _BATCH):
            chunk = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(chunk))
            out.update(self._rows(f"SELECT iri, label FROM entity WHERE iri IN ({marks})", *chunk))
        return out


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


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

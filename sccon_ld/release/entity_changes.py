"""What changed between releases, entity by entity: written once at publish time.

Every release folder gets ``changes.sqlite``: the SHA-256 of each entity's description (every
quad whose subject is the entity or one of its ``#fragment`` IRIs, in the sorted N-Quads form
of ``dataset.nq``, blank node labels blanked), compared with the predecessor's file, gives one
``Create``/``Update``/``Delete`` activity per entity whose description changed. The file also
carries the predecessor's activities (the feed is cumulative, so a server needs only the current
release to answer ``/changes`` back to the first release), each entity's last change (the
sitemap's ``lastmod``) and the list of releases (the catalogue's versions).

Comparing hashes, not descriptions, keeps this one streaming pass over ``dataset.nq`` plus one
dictionary of entity -> digest; nothing else of the predecessor is read.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

CHANGES_FILE = "changes.sqlite"
CREATE, UPDATE, DELETE = "Create", "Update", "Delete"
_BLANK = re.compile(r"_:[A-Za-z0-9_\-.]+")
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entity (iri TEXT PRIMARY KEY, hash TEXT NOT NULL, version TEXT NOT NULL,
                     modified TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE release (seq INTEGER PRIMARY KEY, version TEXT NOT NULL, published TEXT NOT NULL,
                      created INTEGER NOT NULL, updated INTEGER NOT NULL, deleted INTEGER NOT NULL);
CREATE TABLE activity (seq INTEGER PRIMARY KEY, version TEXT NOT NULL, published TEXT NOT NULL,
                       iri TEXT NOT NULL, type TEXT NOT NULL);
"""


@dataclass(frozen=True)
class ReleaseInfo:
    """One release in the history: when it was published and how many entities it changed."""

    version: str
    published: str
    created: int
    updated: int
    deleted: int


@dataclass(frozen=True)
class Activity:
    seq: int
    version: str
    published: str
    iri: str
    type: str


def entity_of(iri: str, id_prefix: str) -> str | None:
    """The entity an IRI belongs to (``<entity>#fragment`` -> entity), if it is one of the dataset's."""
    if not iri.startswith(id_prefix):
        return None
    entity = iri.partition("#")[0]
    kind, slash, slug = entity[len(id_prefix):].partition("/")
    return entity if kind and slash and slug else None


def description_hashes(quads: Iterable[ox.Quad], id_prefix: str) -> dict[str, str]:
    """Entity IRI -> SHA-256 of its description; entities only ever named as objects hash the
    empty description (they have a page all the same)."""
    digests: dict[str, hashlib._Hash] = {}
    for quad in quads:
        if isinstance(quad.object, ox.NamedNode):
            target = entity_of(quad.object.value, id_prefix)
            if target is not None and target not in digests:
                digests[target] = hashlib.sha256()
        if not isinstance(quad.subject, ox.NamedNode):
            continue
        entity = entity_of(quad.subject.value, id_prefix)
        if entity is None:
            continue
        digest = digests.get(entity)
        if digest is None:
            digest = digests[entity] = hashlib.sha256()
        digest.update(_BLANK.sub("_:b", str(quad)).encode("utf-8"))
        digest.update(b"\n")
    return {iri: d.hexdigest() for iri, d in digests.items()}


def diff(previous: dict[str, str], current: dict[str, str]) -> list[tuple[str, str]]:
    """(IRI, activity type) per entity whose description differs, in IRI order."""
    out = [(iri, CREATE if iri not in previous else UPDATE)
           for iri, h in current.items() if previous.get(iri) != h]
    out += [(iri, DELETE) for iri in previous if iri not in current]
    return sorted(out)


class ChangeLog:
    """A release's ``changes.sqlite``, opened read-only (``None`` from :meth:`open` without one)."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    @classmethod
    def open(cls, folder: Path | None) -> ChangeLog | None:
        path = Path(folder) / CHANGES_FILE if folder is not None else None
        if path is None or not path.is_file():
            return None
        uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
        try:
            return cls(sqlite3.connect(uri, uri=True, check_same_thread=False))
        except sqlite3.Error:
            return None

    def _rows(self, sql: str, *args: object) -> list[tuple]:
        return self._db.execute(sql, args).fetchall()

    def meta(self, key: str) -> str | None:
        row = self._rows("SELECT value FROM meta WHERE key = ?", key)
        return row[0][0] if row else None

    def hashes(self) -> dict[str, str]:
        return dict(self._rows("SELECT iri, hash FROM entity"))

    def last_changes(self) -> dict[str, tuple[str, str]]:
        """Entity IRI -> (version, time) of the release that last changed its description."""
        return {iri: (v, t) for iri, v, t in self._rows("SELECT iri, version, modified FROM entity")}

    def modified(self, iris: Iterable[str]) -> dict[str, str]:
        """When each of ``iris`` last changed (those the log knows)."""
        out = {}
        for iri in iris:
            row = self._rows("SELECT modified FROM entity WHERE iri = ?", iri)
            if row:
                out[iri] = row[0][0]
        return out

    def releases(self) -> list[ReleaseInfo]:
        """Every release of the history, newest first."""
        return [ReleaseInfo(*r) for r in self._rows(
            "SELECT version, published, created, updated, deleted FROM release ORDER BY seq DESC")]

    def activity_count(self) -> int:
        return self._rows("SELECT count(*) FROM activity")[0][0]

    def activities(self, offset: int, limit: int) -> list[Activity]:
        """Activities newest first (the last release's first), ``limit`` from ``offset``."""
        rows = self._rows("SELECT seq, version, published, iri, type FROM activity "
                          "ORDER BY seq DESC LIMIT ? OFFSET ?", limit, offset)
        return [Activity(*r) for r in rows]

    def activity(self, seq: int) -> Activity | None:
        rows = self._rows("SELECT seq, version, published, iri, type FROM activity WHERE seq = ?", seq)
        return Activity(*rows[0]) if rows else None

    def close(self) -> None:
        self._db.close()


def _carry(db: sqlite3.Connection, previous: ChangeLog) -> None:
    """Copy the predecessor's history (releases and activities) into the new file."""
    db.executemany("INSERT INTO release (version, published, created, updated, deleted) VALUES (?, ?, ?, ?, ?)",
                   ((r.version, r.published, r.created, r.updated, r.deleted) for r in reversed(previous.releases())))
    batch = 10_000
    for offset in range(0, previous.activity_count(), batch):
        rows = previous._rows("SELECT version, published, iri, type FROM activity ORDER BY seq LIMIT ? OFFSET ?",
                              batch, offset)
        db.executemany("INSERT INTO activity (version, published, iri, type) VALUES (?, ?, ?, ?)", rows)


def write_changes(folder: Path, dataset: Path, version: str, published: str, base: str,
                  previous_folder: Path | None) -> ReleaseInfo:
    """Write ``folder/changes.sqlite`` for the release ``version`` (its quads in ``dataset``)
    against the release in ``previous_folder`` (None, or one without the file: everything is new)."""
    current = description_hashes(ox.parse(path=str(dataset), format=ox.RdfFormat.N_QUADS), base + "id/")
    previous = ChangeLog.open(previous_folder) if previous_folder is not None else None
    if previous is not None and previous.meta("version") == version:
        previous.close()
        previous = None  # republishing the same content: nothing changed against itself
    before = previous.hashes() if previous is not None else {}
    last = previous.last_changes() if previous is not None else {}
    changes = diff(before, current)
    changed = {iri for iri, _ in changes}
    counts = {t: sum(1 for _, kind in changes if kind == t) for t in (CREATE, UPDATE, DELETE)}
    path = Path(folder) / CHANGES_FILE
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    try:
        db.executescript(_SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("version", version), ("published", published), ("base", base),
            ("previous", previous.meta("version") or "" if previous is not None else "")])
        db.executemany("INSERT INTO entity VALUES (?, ?, ?, ?)", (
            (iri, h, *((version, published) if iri in changed else last.get(iri, (version, published))))
            for iri, h in sorted(current.items())))
        if previous is not None:
            _carry(db, previous)
            previous.close()
        db.execute("INSERT INTO release (version, published, created, updated, deleted) VALUES (?, ?, ?, ?, ?)",
                   (version, published, counts[CREATE], counts[UPDATE], counts[DELETE]))
        db.executemany("INSERT INTO activity (version, published, iri, type) VALUES (?, ?, ?, ?)",
                       ((version, published, iri, kind) for iri, kind in changes))
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    return ReleaseInfo(version, published, counts[CREATE], counts[UPDATE], counts[DELETE])


"""Full-text search over names, labels and source sentences, and which entities the documents
mention: two tables written into the release's entity index (SQLite) at publish time.

Search is accent- and transliteration-insensitive the way German is written on keyboards
without umlauts: ``Görlitz``, ``Goerlitz`` and ``Gorlitz`` are one word. Both the indexed text
and the query go through :func:`fold` (lower case, ``ß`` -> ``ss``, accents dropped, then
``ae``/``oe``/``ue`` -> ``a``/``o``/``u``), and SQLite FTS5 ranks the matches (BM25, a name
weighing more than a sentence). The original text is kept beside the folded one so that a hit
shows a snippet of what was really written, with the matched words marked.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..vocab import PROV, RDF

# Which columns a match counts most in (FTS5 bm25 weights, in column order: names, sentences).
NAME_WEIGHT, SENTENCE_WEIGHT = 10.0, 1.0
SNIPPET_CHARS = 160

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS mention (entity TEXT PRIMARY KEY, documents INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
    entity UNINDEXED, names, sentences, names_raw UNINDEXED, sentences_raw UNINDEXED,
    tokenize = "unicode61 remove_diacritics 2");
"""

_DIGRAPHS = re.compile(r"(?<=[aou])e")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """``text`` as search compares it: ``Öz-Demir Straße`` -> ``oz-demir strasse``."""
    text = text.casefold().replace("ß", "ss")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _DIGRAPHS.sub("", text)


def query_tokens(text: str) -> list[str]:
    """The folded words of a query, in order, without repeats."""
    return list(dict.fromkeys(_WORD.findall(fold(text))))


@dataclass
class _Entry:
    names: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    graphs: set[str] = field(default_factory=set)

    def add(self, values: list[str], value: str) -> None:
        if value and value not in values:
            values.append(value)


class SearchTables:
    """Collects, while the entity index reads the quads once (:meth:`watch`), what the ``mention``
    and ``search`` tables need, then writes them (:meth:`write`).

    An entity is mentioned by a document when it is the subject or object of a triple in that
    document's graph (``<base>graph/<slug>``, not the authority file or the ontology). A
    sentence belongs to the entities its statement is about (subject and object, a fragment
    counting for its entity) and to the document it came from.
    """

    def __init__(self, base: str, label_predicates: Iterable[str]):
        self.id_prefix, self.graph_prefix = base + "id/", base + "graph/"
        self.reference_graphs = {self.graph_prefix + "authority", self.graph_prefix + "ontology"}
        self.labels = set(label_predicates)
        self.sentence_predicate = base + "ontology#sourceSentence"
        self.entries: dict[str, _Entry] = defaultdict(_Entry)
        self.statements: dict[str, dict[str, object]] = defaultdict(dict)

    def _entity_of(self, term: object) -> str | None:
        if isinstance(term, ox.NamedNode) and term.value.startswith(self.id_prefix):
            return term.value.partition("#")[0]
        return None

    def add(self, quad: ox.Quad) -> None:
        graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        subject, obj = self._entity_of(quad.subject), self._entity_of(quad.object)
        predicate = quad.predicate.value
        if graph.startswith(self.graph_prefix) and graph not in self.reference_graphs:
            for entity in (subject, obj):
                if entity:
                    self.entries[entity].graphs.add(graph)
        if subject is None:
            return
        if predicate in self.labels and isinstance(quad.object, ox.Literal) and quad.subject.value == subject:
            self.entries[subject].add(self.entries[subject].names, quad.object.value)
        elif predicate in (RDF + "subject", RDF + "object", PROV + "wasDerivedFrom"):
            self.statements[quad.subject.value][predicate] = quad.object
        elif predicate == self.sentence_predicate and isinstance(quad.object, ox.Literal):
            self.statements[quad.subject.value]["sentence"] = quad.object.value

    def watch(self, quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        """``quads`` passed through, each one noted on the way."""
        for quad in quads:
            self.add(quad)
            yield quad

    def write(self, db: sqlite3.Connection) -> None:
        entries = self.entries
        for props in self.statements.values():
            sentence = props.get("sentence")
            if not isinstance(sentence, str):
                continue
            for key in (RDF + "subject", RDF + "object", PROV + "wasDerivedFrom"):
                entity = self._entity_of(props.get(key))
                if entity:
                    entries[entity].add(entries[entity].sentences, sentence)
        db.executescript(SCHEMA_SQL)
        db.executemany(
            "INSERT INTO mention VALUES (?, ?)", ((iri, len(e.graphs)) for iri, e in entries.items() if e.graphs)
        )
        db.executemany(
            "INSERT INTO search VALUES (?, ?, ?, ?, ?)",
            (
                (iri, fold(" \n".join(e.names)), fold(" \n".join(e.sentences)), "\n".join(e.names),
                 "\n".join(e.sentences))
                for iri, e in entries.items()
                if e.names or e.sentences
            ),
        )
        db.commit()


@dataclass
class Hit:
    """One search result: the entity, and the text it matched with the matched words marked."""

    iri: str
    score: float
    name: list[tuple[str, bool]]
    snippet: list[tuple[str, bool]]


def mark(text: str, tokens: list[str]) -> tuple[list[tuple[str, bool]], int]:
    """``text`` cut into (piece, matched) pieces, and how many distinct query words it matched.
    A word matches when its folded form starts with a folded query word (the query is a prefix
    query, like the FTS5 one)."""
    pieces: list[tuple[str, bool]] = []
    found: set[str] = set()
    last = 0
    for m in _WORD.finditer(text):
        folded = fold(m.group())
        token = next((t for t in tokens if folded.startswith(t)), None)
        if token is None:
            continue
        found.add(token)
        if m.start() > last:
            pieces.append((text[last : m.start()], False))
        pieces.append((m.group(), True))
        last = m.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces, len(found)


def _window(pieces: list[tuple[str, bool]], width: int = SNIPPET_CHARS) -> list[tuple[str, bool]]:
    """The part of a marked sentence around its first match, at most about ``width`` characters."""
    total = sum(len(p) for p, _ in pieces)
    if total <= width:
        return pieces
    offset, start = 0, 0
    for text, matched in pieces:
        if matched:
            start = max(0, offset - width // 3)
            break
        offset += len(text)
    if start:  # begin at a word, not inside one
        space = "".join(p for p, _ in pieces).find(" ", start)
        start = space + 1 if 0 <= space < offset else start
    out: list[tuple[str, bool]] = [("…", False)] if start else []
    pos, used = 0, 0
    for text, matched in pieces:
        begin, end = max(start - pos, 0), len(text)
        pos += len(text)
        if pos <= start:
            continue
        piece = text[begin:end][: width - used]
        used += len(piece)
        out.append((piece, matched))
        if used >= width:
            out.append(("…", False))
            break
    return out


def _match_expression(tokens: list[str]) -> str:
    return " AND ".join(f'"{t}"*' for t in tokens)


def count(rows: Callable[..., list[tuple]], text: str) -> int:
    """How many entities match ``text`` (every word, as a prefix)."""
    tokens = query_tokens(text)
    if not tokens:
        return 0
    return rows("SELECT count(*) FROM search WHERE search MATCH ?", _match_expression(tokens))[0][0]


def search(rows: Callable[..., list[tuple]], text: str, limit: int, offset: int = 0) -> list[Hit]:
    """One page of the entities matching ``text``, best first: a name equal to the query, then
    BM25 (names weigh more than sentences), then IRI for a stable order."""
    tokens = query_tokens(text)
    if not tokens:
        return []
    folded_query = " ".join(tokens)
    found = rows(
        f"SELECT entity, bm25(search, 0, {NAME_WEIGHT}, {SENTENCE_WEIGHT}) AS score, names_raw, sentences_raw "
        "FROM search WHERE search MATCH ? "
        "ORDER BY (instr(char(10) || names || ' ' || char(10), char(10) || ? || ' ' || char(10)) = 0), "
        "score, entity LIMIT ? OFFSET ?",
        _match_expression(tokens), folded_query, limit, offset,
    )
    hits = []
    for iri, score, names_raw, sentences_raw in found:
        names = [mark(n, tokens) for n in names_raw.split("\n") if n]
        best_name = max(names, key=lambda m: m[1], default=([], 0))
        sentences = [mark(s, tokens) for s in sentences_raw.split("\n") if s]
        best_sentence = max(sentences, key=lambda m: m[1], default=([], 0))
        snippet = _window(best_sentence[0]) if best_sentence[1] > best_name[1] or (
            best_sentence[1] and best_name[1] < len(tokens)) else []
        hits.append(Hit(iri, score, best_name[0] if best_name[1] else [], snippet))
    return hits


def mentioned(rows: Callable[..., list[tuple]], iris: Iterable[str]) -> dict[str, int]:
    """How many documents mention each of ``iris`` (those no document mentions are left out)."""
    out: dict[str, int] = {}
    batch = list(iris)
    for i in range(0, len(batch), 500):
        part = batch[i : i + 500]
        marks = ",".join("?" * len(part))
        out.update(dict(rows(f"SELECT entity, documents FROM mention WHERE entity IN ({marks})", *part)))
    return out


def has_tables(rows: Callable[..., list[tuple]]) -> bool:
    """Whether the index was written with these tables (an older release has none)."""
    return bool(rows("SELECT 1 FROM sqlite_master WHERE name = 'search'"))

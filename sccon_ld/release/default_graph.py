"""The release's default graph as a set: each distinct triple once, materialised at publish time.

In SPARQL the default graph is a graph, so a set: a triple stated by five documents is one triple
there (and five quads, one per document graph, with their provenance). Publishing streams the
sorted ``dataset.nq`` once, drops repeats (copies of a triple in several graphs are adjacent in
sorted N-Quads: they differ only in the graph term, after a space, and a space sorts before any
other character a term can continue with) and bulk-loads the rest into the store's default graph;
the N-Triples and Turtle dumps are written from the same stream, so they hold the same triples.

``exclude`` takes triples out of the default graph (never out of their document graphs): the
claims policy names the losing values of single-valued properties there. They are listed in
the release folder (``EXCLUDED_FILE``, N-Triples), so the dumps written later leave them out too.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator
from pathlib import Path

import pyoxigraph as ox

EXCLUDED_FILE = "default-graph-excluded.nt"


def _subject_key(term: ox.NamedNode | ox.BlankNode | ox.Triple) -> bytes:
    return str(term).encode("utf-8")


def triple_lines(dataset: Path, exclude: Collection[ox.Triple] = ()) -> Iterator[bytes]:
    """N-Triples lines of the default graph, in the order of ``dataset`` (sorted N-Quads, one graph IRI per line)."""
    excluded = set(exclude)
    subjects = {_subject_key(t.subject) for t in excluded}
    previous = b""
    with Path(dataset).open("rb") as f:
        for line in f:
            triple = line[:line.rindex(b" <")]  # the graph term is the line's last IRI
            if triple == previous:
                continue
            previous = triple
            out = triple + b" .\n"
            if subjects and triple[:triple.index(b" ")] in subjects and _parsed(out) in excluded:
                continue
            yield out


def _parsed(line: bytes) -> ox.Triple:
    return next(iter(ox.parse(line, format=ox.RdfFormat.N_TRIPLES))).triple


class LinesReader(io.RawIOBase):
    """A read-only binary stream over an iterator of byte strings (bulk loads and compressors take streams)."""

    def __init__(self, lines: Iterator[bytes]):
        self._lines = lines
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        size = len(buffer)
        chunks, length = [self._pending], len(self._pending)
        while length < size:
            line = next(self._lines, None)
            if line is None:
                break
            chunks.append(line)
            length += len(line)
        data = b"".join(chunks)
        buffer[:min(size, len(data))] = data[:size]
        self._pending = data[size:]
        return min(size, len(data))


def stream(dataset: Path, exclude: Collection[ox.Triple] = ()) -> io.BufferedReader:
    """The default graph as an N-Triples byte stream."""
    return io.BufferedReader(LinesReader(triple_lines(dataset, exclude)), buffer_size=1 << 20)


def materialise(store: ox.Store, dataset: Path, exclude: Collection[ox.Triple] = ()) -> None:
    """Bulk-load the default graph of ``dataset`` (minus ``exclude``) into ``store``'s default graph."""
    store.bulk_load(stream(dataset, exclude), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())


def triples(dataset: Path, exclude: Collection[ox.Triple] = ()) -> Iterator[ox.Triple]:
    """The default graph's triples, parsed (for serialisers that need terms, e.g. Turtle)."""
    return (q.triple for q in ox.parse(stream(dataset, exclude), format=ox.RdfFormat.N_TRIPLES))


def write_excluded(folder: Path, exclude: Collection[ox.Triple]) -> bytes:
    """List ``exclude`` in ``folder`` (sorted N-Triples; no file when empty); returns the bytes written."""
    if not exclude:
        return b""
    data = "".join(sorted(f"{t} .\n" for t in set(exclude))).encode("utf-8")
    (Path(folder) / EXCLUDED_FILE).write_bytes(data)
    return data


def read_excluded(folder: Path) -> set[ox.Triple]:
    """The triples a release left out of its default graph (empty when it left none out)."""
    path = Path(folder) / EXCLUDED_FILE
    if not path.is_file():
        return set()
    return {q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)}

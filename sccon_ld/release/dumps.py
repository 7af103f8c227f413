"""Dump files of a release (``dumps/`` in the release folder), written by streaming.

Called by ``release.publish(..., derived=write_dumps)``. Every file is produced from
``dataset.nq`` quad by quad, so memory stays flat however large the graph grows: the gzip
N-Quads keep the named graphs; N-Triples, Turtle and JSON-LD hold the union graph (each
triple once; ``dataset.nq`` is sorted, so copies of a triple in several graphs are adjacent
and dropping consecutive repeats is enough). ``dumps.json`` lists every file with its byte
size, SHA-256, media type and EU file-type code, for the /dumps/ index and the catalogue.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox

from .. import formats as F
from .. import settings, vocab
from .folders import DATASET_FILE, sha256_file

DUMPS_DIR = "dumps"
INDEX_FILE = "dumps.json"



@dataclass(frozen=True)
class DumpKind:
    """One dump format: file suffix, media type, EU file-type code, gzip or not."""

    suffix: str
    media_type: str
    file_type: str
    gzip: bool
    label: str


def _kind(fmt: F.Format, gzip: bool, label: str) -> DumpKind:
    return DumpKind(fmt.ext + (".gz" if gzip else ""), fmt.media_type, fmt.eu_file_type or "", gzip, label)


KINDS = (
    _kind(F.N_QUADS, True, "N-Quads (gzip), with named graphs"),
    _kind(F.N_TRIPLES, True, "N-Triples (gzip), union graph"),
    _kind(F.TURTLE, False, "Turtle, union graph"),
    _kind(F.JSON_LD, False, "JSON-LD, with named graphs"),
)


def file_name(version: str, kind: DumpKind) -> str:
    return f"sccon-{version}.{kind.suffix}"


def _quads(dataset: Path) -> Iterator[ox.Quad]:
    return iter(ox.parse(path=str(dataset), format=ox.RdfFormat.N_QUADS))


def _union_triples(dataset: Path) -> Iterator[ox.Triple]:
    """Each triple of the union graph once (repeats across graphs are adjacent in sorted N-Quads)."""
    previous = None
    for quad in _quads(dataset):
        triple = quad.triple
        if triple != previous:
            yield triple
            previous = triple


def _write_nquads_gz(dataset: Path, target: Path) -> None:
    with dataset.open("rb") as src, gzip.GzipFile(target, "wb", mtime=0) as out:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            out.write(chunk)


def _write_serialized(items: Iterator, target: Path, rdf_format: ox.RdfFormat, compress: bool,
                      prefixes: dict[str, str] | None = None) -> None:
    opener = (lambda p: gzip.GzipFile(p, "wb", mtime=0)) if compress else (lambda p: p.open("wb"))
    with opener(target) as out:
        prefixes = prefixes if rdf_format == ox.RdfFormat.TURTLE else None
        ox.serialize(items, out, format=rdf_format, prefixes=prefixes)


def write_dumps(folder: Path, version: str, base: str | None = None) -> None:
    """Write ``folder/dumps/`` (every dump + ``dumps.json``) from ``folder/dataset.nq``; Turtle
    with the prefixes of every serialisation (``vocab.prefixes`` of ``base``, default: settings)."""
    folder = Path(folder)
    prefixes = vocab.prefixes(base or settings.get().base)
    dataset = folder / DATASET_FILE
    out_dir = folder / DUMPS_DIR
    out_dir.mkdir(exist_ok=True)
    writers = {
        "nq.gz": lambda t: _write_nquads_gz(dataset, t),
        "nt.gz": lambda t: _write_serialized(_union_triples(dataset), t, ox.RdfFormat.N_TRIPLES, True),
        "ttl": lambda t: _write_serialized(_union_triples(dataset), t, ox.RdfFormat.TURTLE, False, prefixes),
        "jsonld": lambda t: _write_serialized(_quads(dataset), t, ox.RdfFormat.JSON_LD, False),
    }
    entries = []
    for kind in KINDS:
        target = out_dir / file_name(version, kind)
        writers[kind.suffix](target)
        entries.append({
            "name": target.name,
            "bytes": target.stat().st_size,
            "sha256": sha256_file(target),
            **{k: v for k, v in asdict(kind).items() if k != "suffix"},
        })
    index = {"version": version, "files": entries}
    (out_dir / INDEX_FILE).write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")


def read_index(release_folder: Path | None) -> dict | None:
    """``dumps.json`` of a release folder, or None when the release has no dumps (or no folder:
    a remote store)."""
    if release_folder is None:
        return None
    path = Path(release_folder) / DUMPS_DIR / INDEX_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None

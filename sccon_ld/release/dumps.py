"""Dump files of a release (``dumps/`` in the release folder), written by streaming.

Called by ``release.publish(..., derived=write_dumps)``. Every file is produced from
``dataset.nq`` by streaming, so memory stays flat however large the graph grows: the gzip
N-Quads and JSON-LD keep the named graphs; N-Triples and Turtle hold the default graph, the
same stream of distinct triples the store's default graph was loaded from (``default_graph``),
so COUNT(*) over /sparql's default graph is the number of lines of the N-Triples dump.
``dumps.json`` lists every file with its byte size, SHA-256, media type and EU file-type code,
for the /dumps/ index and the catalogue.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from isal import igzip

from .. import formats as F
from .. import settings, vocab
from . import default_graph
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
    _kind(F.N_TRIPLES, True, "N-Triples (gzip), default graph"),
    _kind(F.TURTLE, False, "Turtle, default graph"),
    _kind(F.JSON_LD, False, "JSON-LD, with named graphs"),
)


def file_name(version: str, kind: DumpKind) -> str:
    return f"sccon-{version}.{kind.suffix}"


def _quads(dataset: Path) -> Iterator[ox.Quad]:
    return iter(ox.parse(path=str(dataset), format=ox.RdfFormat.N_QUADS))


# ISA-L's gzip (python-isal): standard gzip files, level 2 about 10x faster than zlib's -6 for about
# 18 % larger files (185 MB of N-Quads: 1.8 s against 15 s, 8.8 MB against 7.5 MB).
GZIP_LEVEL = 2


def _gzip(target: Path) -> igzip.IGzipFile:
    return igzip.IGzipFile(target, "wb", compresslevel=GZIP_LEVEL, mtime=0)


def _write_gz(source: BinaryIO, target: Path) -> None:
    """Compress a byte stream in 1 MB chunks (N-Quads and N-Triples lines are written as they are)."""
    with source, _gzip(target) as out:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            out.write(chunk)


def _write_serialized(items: Iterator, target: Path, rdf_format: ox.RdfFormat, compress: bool,
                      prefixes: dict[str, str] | None = None) -> None:
    opener = _gzip if compress else (lambda p: p.open("wb"))
    with opener(target) as out:
        prefixes = prefixes if rdf_format == ox.RdfFormat.TURTLE else None
        ox.serialize(items, out, format=rdf_format, prefixes=prefixes)


PARALLEL_BYTES = 20_000_000  # a smaller dataset is dumped in-process: starting workers would cost more


def _write_one(folder: Path, suffix: str, target: Path, prefixes: dict[str, str]) -> str:
    """Write one dump of ``folder``'s dataset and return its SHA-256 (a top-level function: it runs
    in a worker process, which also hashes what it wrote while the file is in the page cache)."""
    dataset = folder / DATASET_FILE
    if suffix == "nq.gz":
        _write_gz(dataset.open("rb"), target)
    elif suffix == "nt.gz":
        _write_gz(default_graph.stream(dataset, default_graph.read_excluded(folder)), target)
    elif suffix == "ttl":
        triples = default_graph.triples(dataset, default_graph.read_excluded(folder))
        _write_serialized(triples, target, ox.RdfFormat.TURTLE, False, prefixes)
    else:
        _write_serialized(_quads(dataset), target, ox.RdfFormat.JSON_LD, False)
    return sha256_file(target)


# The slowest first, so that the last one to start is a short one (seconds per 1M quads, one core).
SLOWEST_FIRST = ("jsonld", "ttl", "nt.gz", "nq.gz")  # 2.3, 1.4, 0.5, 0.1


def write_dumps(folder: Path, version: str, base: str | None = None) -> None:
    """Write ``folder/dumps/`` (every dump + ``dumps.json``) from ``folder/dataset.nq``; Turtle with
    the prefixes of every serialisation (``vocab.prefixes`` of ``base``, default: settings). The
    dumps of a large dataset are written side by side, one process each, up to one per CPU."""
    folder = Path(folder)
    prefixes = vocab.prefixes(base or settings.get().base)
    out_dir = folder / DUMPS_DIR
    out_dir.mkdir(exist_ok=True)
    targets = {suffix: out_dir / file_name(version, kind)
               for suffix in SLOWEST_FIRST for kind in KINDS if kind.suffix == suffix}
    workers = min(len(KINDS), os.cpu_count() or 1)
    if workers > 1 and (folder / DATASET_FILE).stat().st_size >= PARALLEL_BYTES:
        with ProcessPoolExecutor(workers) as pool:
            running = {suffix: pool.submit(_write_one, folder, suffix, t, prefixes) for suffix, t in targets.items()}
            hashes = {suffix: done.result() for suffix, done in running.items()}
    else:
        hashes = {suffix: _write_one(folder, suffix, target, prefixes) for suffix, target in targets.items()}
    entries = [{
        "name": targets[kind.suffix].name,
        "bytes": targets[kind.suffix].stat().st_size,
        "sha256": hashes[kind.suffix],
        **{k: v for k, v in asdict(kind).items() if k != "suffix"},
    } for kind in KINDS]
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

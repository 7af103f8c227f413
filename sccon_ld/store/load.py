"""``sccon-ld load``: push the current release into any SPARQL 1.1 server.

Each named graph of the release replaces the server's graph of the same name, through the
Graph Store Protocol (one PUT per graph) when a graph store URL is given, otherwise through
SPARQL Update (``DROP SILENT GRAPH`` + ``INSERT DATA``, batched to a bounded request size).
Graphs under ``<base>graph/`` that the server holds but the release no longer has (documents
taken out) are dropped; nothing outside the base is touched. The release's default graph (each
distinct triple once, as the embedded store holds it) goes into ``<base>graph/default``, where
``remote.RemoteGraphStore`` names it as every query's default graph. The release description
(``<base>graph/release``, read by ``remote.RemoteGraphStore``) is written last, so readers see
the new version only once its data is there.

    sccon-ld load --store http://127.0.0.1:7878/query --graph-store http://127.0.0.1:7878/store
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .. import formats as F
from .. import iris, settings
from ..release import default_graph
from ..release import folders as release
from ..vocab import DCT, VOID, XSD
from .remote import (
    RemoteGraphStore,
    RemoteStoreError,
    default_set_graph,
    http,
    release_graph,
    remote_settings,
    service_graphs,
)

N_TRIPLES = F.N_TRIPLES.media_type


@dataclass
class LoadReport:
    version: str
    method: str  # "graph-store" | "update"
    graphs: int = 0
    quads: int = 0
    dropped: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _release_folder(path: Path) -> release.Release:
    """A releases folder (its current release) or one release version folder."""
    path = Path(path)
    if (path / release.MANIFEST_FILE).is_file():
        import json

        return release.Release(path.resolve(), json.loads((path / release.MANIFEST_FILE).read_text(encoding="utf-8")))
    return release.load(path)


def _graph_lines(store: ox.Store, graph: str) -> list[str]:
    data = ox.serialize((q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))),
                        format=ox.RdfFormat.N_TRIPLES)
    return data.decode("utf-8").splitlines(keepends=True)


def _description(rel: release.Release, base: str) -> list[str]:
    g = release_graph(base)
    return [f'<{g}> <{DCT}hasVersion> "{rel.version}" .\n',
            f'<{g}> <{DCT}created> "{rel.created.isoformat()}"^^<{XSD}dateTime> .\n',
            f'<{g}> <{VOID}triples> "{rel.manifest.get("quads", 0)}"^^<{XSD}integer> .\n']


class _GraphStoreTarget:
    """Graph Store Protocol: PUT replaces a graph, DELETE drops it."""

    method = "graph-store"

    def __init__(self, url: str):
        self.url = url

    def _graph_url(self, graph: str) -> str:
        return f"{self.url}{'&' if '?' in self.url else '?'}{urllib.parse.urlencode({'graph': graph})}"

    def replace(self, graph: str, lines: list[str]) -> None:
        http(self._graph_url(graph), "".join(lines).encode("utf-8"), {"Content-Type": N_TRIPLES}, "PUT")

    def add(self, graph: str, lines: list[str]) -> None:
        """POST merges into the graph (GSP), so a large graph goes in bounded requests."""
        http(self._graph_url(graph), "".join(lines).encode("utf-8"), {"Content-Type": N_TRIPLES}, "POST")

    def drop(self, graph: str) -> None:
        http(self._graph_url(graph), method="DELETE")

    def flush(self) -> None:
        pass


class _UpdateTarget:
    """SPARQL Update: graphs are replaced in batches of about ``remote.update_batch_triples`` triples."""

    method = "update"

    def __init__(self, url: str):
        self.url = url
        self.batch_limit = remote_settings()["update_batch_triples"]
        self.operations: list[str] = []
        self.size = 0

    def replace(self, graph: str, lines: list[str]) -> None:
        self._add(f"DROP SILENT GRAPH <{graph}>", 1)
        self.add(graph, lines)

    def add(self, graph: str, lines: list[str]) -> None:
        for start in range(0, len(lines), self.batch_limit):
            chunk = lines[start:start + self.batch_limit]
            self._add(f"INSERT DATA {{ GRAPH <{graph}> {{\n{''.join(chunk)}}} }}", len(chunk))

    def drop(self, graph: str) -> None:
        self._add(f"DROP SILENT GRAPH <{graph}>", 1)

    def _add(self, operation: str, size: int) -> None:
        if self.operations and self.size + size > self.batch_limit:
            self.flush()
        self.operations.append(operation)
        self.size += size

    def flush(self) -> None:
        if not self.operations:
            return
        body = urllib.parse.urlencode({"update": " ;\n".join(self.operations)}).encode("utf-8")
        http(self.url, body, {"Content-Type": F.FORM.media_type})
        self.operations, self.size = [], 0


def load_release(release_dir: Path, store_url: str, graph_store_url: str | None = None,
                 update_url: str | None = None, base: str | None = None) -> LoadReport:
    """Push the current release of ``release_dir`` into the server whose query endpoint is ``store_url``.

    Without ``graph_store_url`` or ``update_url``, updates go to ``store_url`` itself (the
    SPARQL 1.1 Protocol allows query and update at one URL, as Virtuoso and Fuseki do).
    """
    started = time.perf_counter()
    base = base or settings.get().base
    rel = _release_folder(release_dir)
    target = _GraphStoreTarget(graph_store_url) if graph_store_url else _UpdateTarget(update_url or store_url)
    report = LoadReport(rel.version, target.method)
    store = ox.Store.read_only(str(rel.store_dir))
    try:
        graphs = sorted(g.value for g in store.named_graphs())
        for graph in graphs:
            lines = _graph_lines(store, graph)
            target.replace(graph, lines)
            report.graphs += 1
            report.quads += len(lines)
    finally:
        del store
    _load_default_graph(target, rel, default_set_graph(base))
    keep = {*graphs, *service_graphs(base)}
    ours = (g for g in RemoteGraphStore(store_url, base=base).server_graphs() if g.startswith(iris.graph_prefix(base)))
    report.dropped = sorted(g for g in ours if g not in keep)
    for graph in report.dropped:
        target.drop(graph)
    target.replace(release_graph(base), _description(rel, base))
    target.flush()
    report.seconds = time.perf_counter() - started
    return report


DEFAULT_CHUNK_TRIPLES = 100_000  # the default graph can be large: sent in requests of this many triples


def _load_default_graph(target, rel: release.Release, graph: str) -> None:
    """The release's default graph (each distinct triple once) into ``graph``, streamed in chunks."""
    lines = default_graph.triple_lines(rel.dataset_file, default_graph.read_excluded(rel.path))
    first = True
    while True:
        chunk = [line.decode("utf-8") for line in itertools.islice(lines, DEFAULT_CHUNK_TRIPLES)]
        if first:
            target.replace(graph, chunk)
        elif chunk:
            target.add(graph, chunk)
        if len(chunk) < DEFAULT_CHUNK_TRIPLES:
            return
        first = False


def _cmd_load(args: argparse.Namespace) -> int:
    releases_dir = Path(args.data) if args.data else settings.get().path("releases")
    try:
        report = load_release(releases_dir, args.store, args.graph_store, args.update)
    except (release.ReleaseError, RemoteStoreError) as e:
        print(f"sccon-ld: error: load failed: {e}", file=sys.stderr)
        return 1
    print(f"release {report.version} -> {args.store}: {report.graphs} graphs, {report.quads} quads "
          f"via {report.method} in {report.seconds:.1f}s"
          + (f"; dropped {len(report.dropped)} stale graph(s)" if report.dropped else ""))
    return 0


def add_parser(subparsers) -> None:
    """Register ``sccon-ld load --store URL [--graph-store URL] [--update URL] [--data DIR]``."""
    p = subparsers.add_parser("load", help="push the current release into a SPARQL 1.1 server")
    p.add_argument("--store", required=True, help="the server's SPARQL query endpoint")
    p.add_argument("--graph-store", help="its Graph Store Protocol endpoint (one PUT per named graph)")
    p.add_argument("--update", help="its SPARQL Update endpoint (default: the query endpoint)")
    p.add_argument("--data", help="releases folder (default: release/)")
    p.set_defaults(func=_cmd_load)

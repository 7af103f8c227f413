"""The graph store the web layer reads: a release's Oxigraph store, opened read-only.

The web layer only sees this class, so it knows IRIs and graphs, not documents. A query runs
over the dataset :mod:`.dataset` resolved for it; by default the store's default graph, which
holds each distinct triple of the release once (a set, materialised at publish time), and the
named graphs, one per document (MODEL.md, "Provenance"). Quad patterns see the named graphs only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..release import folders as releases
from .dataset import SERVICE_DATASET, QueryDataset, evaluate


class GraphStore:
    """Read-only access to one release: SPARQL and quad patterns, plus its version."""

    def __init__(self, store: ox.Store, release: releases.Release):
        self.ox = store
        self.release = release
        self._graphs: list[str] | None = None

    @classmethod
    def open(cls, releases_dir: Path) -> GraphStore:
        rel = releases.load(releases_dir)
        return cls(ox.Store.read_only(str(rel.store_dir)), rel)

    @property
    def version(self) -> str:
        return self.release.version

    def query(
        self,
        sparql: str,
        dataset: QueryDataset = SERVICE_DATASET,
        *,
        prefixes: dict[str, str] | None = None,
        base_iri: str | None = None,
    ) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
        """SPARQL over ``dataset`` (by default the service's: the default graph as a set, every named graph)."""
        return evaluate(self.ox, sparql, dataset, prefixes=prefixes, base_iri=base_iri)

    def quads(
        self,
        subject: ox.NamedNode | None = None,
        predicate: ox.NamedNode | None = None,
        obj: ox.NamedNode | ox.Literal | None = None,
        graph: ox.NamedNode | None = None,
    ) -> Iterator[ox.Quad]:
        """Quads of the named graphs (the default graph repeats their triples, without provenance)."""
        quads = self.ox.quads_for_pattern(subject, predicate, obj, graph)
        if graph is not None:
            return iter(quads)
        return (q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph))

    def named_graphs(self) -> list[str]:
        """The release's graphs, listed once: the store is read-only, and /sparql asks on every request."""
        if self._graphs is None:
            self._graphs = sorted(g.value for g in self.ox.named_graphs())
        return self._graphs

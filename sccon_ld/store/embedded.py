"""The graph store the web layer reads: a release's Oxigraph store, opened read-only.

The web layer only sees this class, so it knows IRIs and graphs, not documents. Every query
runs with the default graph as the union of all named graphs (MODEL.md, "Provenance").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..release import folders as releases


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
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
    ) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
        """SPARQL over the union graph, or over the protocol's dataset when one is given."""
        kwargs: dict = {}
        if default_graph_uris or named_graph_uris:
            kwargs["default_graph"] = [ox.NamedNode(u) for u in default_graph_uris] or None
            kwargs["named_graphs"] = [ox.NamedNode(u) for u in named_graph_uris] or None
            if kwargs["default_graph"] is None:
                kwargs["default_graph"] = ox.DefaultGraph()
        else:
            kwargs["use_default_graph_as_union"] = True
        return self.ox.query(sparql, **kwargs)

    def quads(
        self,
        subject: ox.NamedNode | None = None,
        predicate: ox.NamedNode | None = None,
        obj: ox.NamedNode | ox.Literal | None = None,
        graph: ox.NamedNode | None = None,
    ) -> Iterator[ox.Quad]:
        return iter(self.ox.quads_for_pattern(subject, predicate, obj, graph))

    def named_graphs(self) -> list[str]:
        """The release's graphs, listed once: the store is read-only, and /sparql asks on every request."""
        if self._graphs is None:
            self._graphs = sorted(g.value for g in self.ox.named_graphs())
        return self._graphs

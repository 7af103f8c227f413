"""Synthetic graphs of exactly N quads in the contract's shape, through the real link and emit stages.

One named graph per synthetic document: its facts (``bench.facts``) linked by ``link.Linker`` and
emitted by ``emit.document_graph``, so IRIs, fact IRIs and provenance are those of a converted
document. Before each document come the ``graph/authority`` triples (``emit.authority_graph`` over
``data/authority``) of the curated entities it is the first to refer to, as a conversion includes
the entities its documents refer to: every prefix of the output that ends with a whole document is
a dataset whose references resolve, and even a small N holds documents (so the seed matters).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph, URIRef

from ..emit import authority_graph, document_graph
from ..iris import IRIs
from ..link import authority
from ..link.resolve import Linker
from .facts import CorpusFacts


def nquad_lines(graph: Graph) -> list[str]:
    """The graph's triples as sorted N-Quad lines in its named graph (rdflib's N-Triples writer)."""
    name = graph.identifier.n3()
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(f"{line[:-1]}{name} .\n" for line in text.splitlines() if line)


def graph_lines(n_triples: int, seed: int, iris: IRIs | None = None) -> Iterator[str]:
    """Exactly ``n_triples`` N-Quad lines (unique; sorted within each block), see the module doc."""
    iris = iris or IRIs()
    source = authority.default()
    corpus = CorpusFacts(n_triples, seed, source)
    remaining, k = n_triples, 0
    published: set[str] = set()  # authority lines already written
    referenced: set[URIRef] = set()
    while remaining > 0:
        slug, facts = corpus.document(k)
        graph, refs = document_graph(facts, Linker(iris, slug))
        block = []
        if refs - referenced:
            referenced |= refs
            block = [line for line in nquad_lines(authority_graph(source, iris, refs)) if line not in published]
            published.update(block)
        block += nquad_lines(graph)
        chunk = block[:remaining]
        yield from chunk
        remaining -= len(chunk)
        k += 1


def synth_graph(n_triples: int, seed: int, out: Path) -> Path:
    """Write ``n_triples`` N-Quads in the contract's shape to ``out`` (streamed, flat memory)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
        for line in graph_lines(n_triples, seed):
            f.write(line)
    return out

"""Synthetic, seeded input for the benchmarks (``benchmarks/``) and the scale tests.

``documents``: German documents in the styles the converter reads; ``facts`` + ``graph``: graphs
of N quads made by the real link and emit stages from synthetic extraction results; ``names``:
the invented names both use (everything else comes from ``data/authority``). It lives in the
package, not in ``benchmarks/``, because ``sccon-ld synth`` exposes it. Nothing here is a fact.
The same ``(n, seed)`` always gives the same bytes, so benchmark runs are comparable.

    sccon-ld synth docs 1000 --seed 1 --out /tmp/docs
    sccon-ld synth graph 1000000 --seed 1 --out /tmp/graph.nq
"""

from .command import add_parser
from .documents import synth_documents
from .graph import graph_lines, synth_graph

__all__ = ["add_parser", "graph_lines", "synth_documents", "synth_graph"]

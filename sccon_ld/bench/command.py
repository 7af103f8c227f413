"""``sccon-ld synth {docs,graph} N --out PATH [--seed S]``: the generators on the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from .documents import synth_documents
from .graph import synth_graph


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _cmd_synth(args: argparse.Namespace) -> int:
    if args.what == "docs":
        paths = synth_documents(args.n, args.seed, Path(args.out))
        print(f"{len(paths)} documents -> {args.out}")
    else:
        synth_graph(args.n, args.seed, Path(args.out))
        print(f"{args.n} quads -> {args.out}")
    return 0


def add_parser(subparsers) -> None:
    """Register ``sccon-ld synth {docs,graph} N --seed S --out PATH``."""
    p = subparsers.add_parser("synth", help="write synthetic documents or a synthetic graph (benchmarks)")
    p.add_argument("what", choices=("docs", "graph"), help="docs: German documents; graph: N-Quads")
    p.add_argument("n", type=_count, help="number of documents, or of quads")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True, help="folder (docs) or .nq file (graph)")
    p.set_defaults(func=_cmd_synth)

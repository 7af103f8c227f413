"""The rdflib baseline: ``python -m benchmarks.children.rdflib_queries NQUADS QUERIES_JSON REPS BUDGET CAP``.

Loads the N-Quads into rdflib's in-memory Dataset (union default graph) and times every query of
the JSON file (name -> text): up to REPS runs, fewer once BUDGET seconds are spent. No warm-up run
(rdflib has no store cache to warm). A run still going after CAP seconds is stopped (SIGALRM) and
counted as CAP: a lower bound of its time. Prints JSON: the load time and per query the samples,
the rows and whether it was capped.
"""

from __future__ import annotations

import json
import signal
import sys
import time
from pathlib import Path

from rdflib import Dataset


class Capped(Exception):
    pass


def _stop(*_: object) -> None:
    raise Capped


def time_query(ds: Dataset, text: str, reps: int, budget: float, cap: float) -> dict:
    samples: list[float] = []
    entry: dict = {"samples": samples, "rows": None, "capped": False}
    while len(samples) < reps and (not samples or sum(samples) < budget):
        signal.setitimer(signal.ITIMER_REAL, cap)
        start = time.perf_counter()
        try:
            entry["rows"] = len(list(ds.query(text)))
        except Capped:
            samples.append(cap)
            entry["capped"] = True
            break
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        samples.append(time.perf_counter() - start)
    return entry


def main(argv: list[str]) -> None:
    nquads, queries_file, reps, budget, cap = argv
    signal.signal(signal.SIGALRM, _stop)
    start = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    out: dict = {"load": time.perf_counter() - start, "queries": {}}
    for name, text in json.loads(Path(queries_file).read_text(encoding="utf-8")).items():
        out["queries"][name] = time_query(ds, text, int(reps), float(budget), float(cap))
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])

"""One cold in-process run of a query on a persisted store: ``python -m benchmarks.children.probe STORE QUERY_FILE``.

Prints the seconds (all result rows read, over the store's default graph: each distinct triple once).
The benchmark kills it after its cap.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyoxigraph


def main(argv: list[str]) -> None:
    store = pyoxigraph.Store.read_only(argv[0])
    text = Path(argv[1]).read_text(encoding="utf-8")
    start = time.perf_counter()
    for _ in store.query(text):
        pass
    print(time.perf_counter() - start)


if __name__ == "__main__":
    main(sys.argv[1:])

"""Convert a folder of documents: ``python -m benchmarks.children.convert FOLDER WORKERS [CACHE_DIR]``.

WORKERS 0 is one per CPU; with CACHE_DIR, through a conversion cache there. Prints one line:
documents, failures, quads, how many documents came from the cache, and the seconds ``convert``
took (without starting Python and importing the converter, which the benchmark times too).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sccon_ld import settings
from sccon_ld.conversion_cache import ConversionCache
from sccon_ld.pipeline import convert


def main(argv: list[str]) -> None:
    folder, workers, *cache_dir = argv
    cfg = settings.get()
    cache = ConversionCache.open(Path(cache_dir[0]), cfg.path("authority"), cfg.build) if cache_dir else None
    start = time.perf_counter()
    done = convert([Path(folder)], workers=int(workers), cache=cache)
    seconds = time.perf_counter() - start
    print(len(done.documents), "documents", len(done.failures), "failures", len(done.dataset), "quads,",
          done.reused, f"from the cache, converted in {seconds:.3f} s")


if __name__ == "__main__":
    main(sys.argv[1:])

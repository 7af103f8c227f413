"""Validate a converted folder with both SHACL engines: ``python -m benchmarks.children.validate FOLDER``.

One warm-up run per engine, then one timed run. Prints JSON: engine -> [seconds, conforms, results].
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from sccon_ld.pipeline import convert
from sccon_ld.validate import validate_dataset

ENGINES = ("pyshacl", "pyshacl-turbo")


def main(argv: list[str]) -> None:
    dataset = convert([Path(argv[0])], with_authority="all").dataset
    out = {}
    for engine in ENGINES:
        validate_dataset(dataset, engine=engine)
        start = time.perf_counter()
        result = validate_dataset(dataset, engine=engine)
        out[engine] = [time.perf_counter() - start, result.conforms, len(result.violations)]
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])

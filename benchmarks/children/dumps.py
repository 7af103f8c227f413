"""Write the dumps of a release folder: ``python -m benchmarks.children.dumps FOLDER`` (``FOLDER/dataset.nq``)."""

from __future__ import annotations

import sys
from pathlib import Path

from sccon_ld.release.dumps import write_dumps


def main(argv: list[str]) -> None:
    write_dumps(Path(argv[0]), "bench")


if __name__ == "__main__":
    main(sys.argv[1:])

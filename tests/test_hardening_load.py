"""A bounded load run (benchmarks/load.py --quick: 10 s, 8 clients plus one runaway client) against
gunicorn on loopback, as ``sccon-ld serve`` runs it.

Asserted: no 5xx on the cheap requests, no dropped connection, every runaway query stopped by the
server (503), and the p99 latency of cheap requests under P99_BOUND_MS. The bound is generous on
purpose: the machine is shared (2 cores, other test processes); the figures of a longer run are
in the closing note (``benchmarks/load.py`` without ``--quick``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import test_sparql_support as support

dumps_release = support.dumps_release  # shared fixture
ROOT = Path(__file__).resolve().parents[1]
P99_BOUND_MS = 2000


def test_quick_load_run(dumps_release: Path) -> None:
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "load.py"), "--quick", "--json",
                          "--data", str(dumps_release)], capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    summary = json.loads(run.stdout.strip().splitlines()[-1])
    statuses = summary["statuses"]
    assert set(statuses) == {"doc", "id-303", "sparql", "dump-index", "dump-file", "runaway"}, statuses
    assert summary["cheap_5xx"] == 0, statuses
    assert summary["dropped"] == {}
    assert statuses["id-303"].keys() == {"303"} and statuses["doc"].keys() == {"200"}, statuses
    assert statuses["runaway"].keys() == {"503"}, statuses  # stopped by query_timeout, every time
    assert summary["cheap_p99_ms"] < P99_BOUND_MS, summary

"""The benchmark's quick mode runs end to end, so the script cannot rot.

A smoke test, not a timed one: it checks that every section printed its figure lines (a figure or
a stated reason for skipping it), that targets were judged, and that nothing crashed. No time is
asserted; the figures themselves come from ``benchmarks/run.py`` (see its docstring).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [p.stem for p in sorted((ROOT / "queries").glob("cq*.rq"))] + \
          [p.stem for p in sorted((ROOT / "benchmarks" / "queries").glob("heavy*.rq"))]
FIGURES = [
    "conversion.docs_per_second@8", "conversion.docs_per_second_per_core@8", "conversion.cached_rebuild@8", "build.8docs",
    "sparql.10000.startup", "sparql.10000.load", *(f"sparql.10000.{q}" for q in QUERIES), "sparql.10000.overall",
    "dumps.20000", "dumps.100000", "dumps.memory", "validation.pyshacl_turbo",
]
TARGETS = ["conversion >= 10 documents/s per core", "SPARQL p50 within 1.2x of oxigraph serve", ">= 10x faster than rdflib on the heavier queries",
           "dumps >= 50% of gzip's speed", "dump memory flat"]


def test_quick_benchmark_prints_every_figure(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--work", str(tmp_path)],
                         capture_output=True, text=True, timeout=280, cwd=ROOT)
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-3000:]
    assert "Traceback" not in out, out[-3000:]
    printed = dict(re.findall(r"^figure (\S+): (.*)$", run.stdout, re.M))
    missing = [key for key in FIGURES if key not in printed]
    assert not missing, f"figures not printed: {missing}\n{run.stdout[-3000:]}"
    for key in FIGURES:
        text = printed[key]
        assert "skipped" in text or "not timed" in text or ("baseline" in text and "|" in text), f"{key}: {text}"
    verdicts = re.findall(r"^target (MET   |MISSED) (.*)$", run.stdout, re.M)
    for name in TARGETS:
        assert any(line.startswith(name) for _, line in verdicts), f"no verdict for {name!r}\n{run.stdout[-3000:]}"
    assert "== targets ==" in run.stdout

"""Extraction quality, measured by the shared scorer, on the seeds and on the project's held-out corpus.

WHY: the converter is judged on SCCON documents it has never seen, on what it gets right (recall) and on
what it invents (precision). The five seeds are what it was built on; tests/fixtures/corpus holds the
project's own documents with gold facts (see its README) so generalisation is measured, not assumed.
The same input must also give the same bytes on every run, whatever the hash seed.
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

# conftest.py cannot be imported from a test module, so the shared path is recomputed the same way.
PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
CORPUS = PROJECT_ROOT / "tests" / "fixtures" / "corpus"
CORPUS_DOCS = sorted((CORPUS / "docs").iterdir())
CONVERTER = Path(sys.executable).with_name("sccon-ld")  # the console script of this environment

MINIMUM = {"f1": 0.90, "precision": 0.98}  # issue 9: precision first, on every set
# The seeds' gold predates the annotation rules of the real pages (../shared/eval/real-dev/SOURCES.md,
# "the same as for the hidden test set"): two seeds describe stands on site but leave the attendance mode
# unannotated, which the real-page rules mark offline. The converter follows the real-page rules, so
# those two claims count as wrong here; every other claim on the seeds is right.
SET_MINIMUM = {"seeds": {"f1": 0.97, "precision": 0.97}}
SCORER_TIMEOUT_PER_DOC = 150  # seconds; a hang must end the test, never decide it
CONVERT_TIMEOUT = 120

SETS = {
    "seeds": (SHARED / "eval" / "seeds-gold", SHARED / "seeds"),
    "corpus": (CORPUS / "gold", CORPUS / "docs"),
    # written blind by another author (see its README: first score F1 0.685, precision 0.812), then
    # used to find rules that generalise; the bar is the same.
    "holdout": (PROJECT_ROOT / "tests" / "fixtures" / "holdout" / "gold", PROJECT_ROOT / "tests" / "fixtures" / "holdout" / "docs"),
    # the second blind set (first score F1 0.691, precision 0.921), likewise
    "holdout2": (PROJECT_ROOT / "tests" / "fixtures" / "holdout2" / "gold", PROJECT_ROOT / "tests" / "fixtures" / "holdout2" / "docs"),
    # 34 real published pages with hand-made gold (issue 9's development set; first score F1 0.736,
    # precision 0.947); its texts stay in ../shared, never in the project
    "real-dev": (SHARED / "eval" / "real-dev" / "gold", SHARED / "eval" / "real-dev" / "docs"),
}

requires_shared = pytest.mark.skipif(
    not SCORER.is_file(), reason=f"needs the shared scorer at {SCORER} (../shared, present in CI)"
)

TOTALS = re.compile(r"^core F1 (?P<f1>[\d.]+)\s+precision (?P<precision>[\d.]+)\s+recall (?P<recall>[\d.]+)")


@dataclass(frozen=True)
class Figures:
    f1: float
    precision: float
    recall: float
    report: str  # the scorer's verbose output: every missed fact and every wrong claim


@functools.cache
def score(set_name: str) -> Figures:
    """Run the shared scorer once per set (its report is shown when an assertion fails)."""
    gold, docs = SETS[set_name]
    cmd = f"{shlex.quote(str(CONVERTER))} convert {{doc}} --format nquads"
    n_docs = len(list(gold.glob("*.yaml")))
    run = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(docs), "--cmd", cmd, "-v"],
        capture_output=True,
        text=True,
        timeout=SCORER_TIMEOUT_PER_DOC * (n_docs + 1),
        check=False,
    )
    report = run.stdout + run.stderr
    totals = [m for line in run.stdout.splitlines() if (m := TOTALS.match(line))]
    assert run.returncode == 0 and totals, f"the scorer did not finish:\n{report}"
    last = totals[-1]
    return Figures(float(last["f1"]), float(last["precision"]), float(last["recall"]), report)


@pytest.mark.shared
@requires_shared
@pytest.mark.parametrize("metric", MINIMUM)
@pytest.mark.parametrize("set_name", SETS)
def test_extraction_score(set_name: str, metric: str) -> None:
    figures = score(set_name)
    value = getattr(figures, metric)
    bar = SET_MINIMUM.get(set_name, MINIMUM)[metric]
    print(
        f"{set_name}: core F1 {figures.f1:.3f} precision {figures.precision:.3f} recall {figures.recall:.3f}"
    )
    assert value >= bar, f"{set_name}: {metric} {value} < {bar}\n{figures.report}"


def convert(doc: Path, hash_seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    run = subprocess.run(
        [str(CONVERTER), "convert", str(doc), "--format", "nquads"],
        capture_output=True,
        timeout=CONVERT_TIMEOUT,
        env=env,
        check=False,
    )
    assert run.returncode == 0, f"{doc.name}: exit {run.returncode}\n{run.stderr.decode(errors='replace')}"
    return run.stdout


@pytest.mark.parametrize("doc", CORPUS_DOCS, ids=[d.name for d in CORPUS_DOCS])
def test_conversion_is_deterministic(doc: Path) -> None:
    """Two runs with different hash seeds (so set and dict order differ) give byte-identical N-Quads."""
    first = convert(doc, "1")
    second = convert(doc, "2")
    assert first.strip(), f"{doc.name}: no output"
    assert first == second, f"{doc.name}: two conversions differ"


# --- the corpus itself: keeps the fixtures honest for the scorer ------------------------------------

GOLD_KEYS = {"document", "events", "next_edition", "persons", "organizations", "awards"}
EVENT_KEYS = {"edition_year", "start_date", "end_date", "location_city", "venue", "attendance_mode"}
EVENT_KEYS |= {
    "participants",
    "exhibitors",
    "speakers",
    "stages",
    "partner_country",
    "edition_number",
    "organizers",
}
DOC_TYPES = {"press_release", "news", "announcement", "blog_post", "web_page"}


def gold_files() -> list[Path]:
    return sorted((CORPUS / "gold").glob("*.yaml"))


def test_every_document_has_exactly_one_gold_file_and_back() -> None:
    docs = {d.stem for d in CORPUS_DOCS}
    golds = {g.stem for g in gold_files()}
    assert len(CORPUS_DOCS) == len(docs), "two documents share a stem; the scorer would pick one at random"
    assert docs == golds, f"documents without gold: {docs - golds}; gold without document: {golds - docs}"
    assert len(docs) >= 12


@pytest.mark.parametrize("gold", gold_files(), ids=lambda g: g.stem)
def test_gold_file_has_the_seed_form(gold: Path) -> None:
    facts = yaml.safe_load(gold.read_text(encoding="utf-8"))
    assert set(facts) == GOLD_KEYS
    assert facts["document"]["type"] in DOC_TYPES
    for event in facts["events"]:
        assert set(event) <= EVENT_KEYS, f"unknown keys {set(event) - EVENT_KEYS}"
        assert event.get("attendance_mode") in (None, "offline", "online", "mixed")
    for person in facts["persons"]:
        assert set(person) == {"name", "honorific", "job_title", "affiliation"}
        assert not (person["name"].startswith(("Dr.", "Prof.")))  # the honorific is its own field
    for award in facts["awards"]:
        assert isinstance(award["year"], int) and award["winners"]


def test_corpus_keeps_one_windows_1252_html_page() -> None:
    """The encoding-detection case: a page that is not UTF-8 and declares windows-1252."""
    legacy = [d for d in CORPUS_DOCS if d.suffix == ".html" and not _is_utf8(d.read_bytes())]
    assert len(legacy) == 1
    text = legacy[0].read_bytes().decode("cp1252")
    assert "charset=windows-1252" in text and "„" in text and "Österreich" in text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True

"""The command line as a user meets it: bad input gets one clear line naming the file, the
other documents are still converted, no traceback; the same input gives the same output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "documents" / "001_65d702e9bfb0a4f7.txt"
CLI = [sys.executable, "-m", "sccon_ld.cli"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=180, cwd=cwd or ROOT)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SEED.read_bytes())
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (folder / "broken.md").write_text("---\ntitle: [unclosed\nauthor: x\n---\nText über die SCCON 2023.\n")
    (folder / "unknown.docx").write_bytes(b"PK\x03\x04 not a readable format")
    (folder / "huge.txt").write_text("Smart Country Convention 2023. " * 80_000, encoding="utf-8")
    return folder


def test_bad_documents_are_reported_and_skipped(corpus: Path) -> None:
    result = run("convert", str(corpus), *[str(p) for p in sorted(corpus.glob("*.docx"))])
    errors = [line for line in result.stderr.splitlines() if line.startswith("sccon-ld: error:")]
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    by_file = {Path(line.split(": ")[2]).name: line for line in errors}
    assert set(by_file) == {"binary.txt", "empty.txt", "broken.md", "unknown.docx", "huge.txt"}
    assert "binary" in by_file["binary.txt"]
    assert "empty" in by_file["empty.txt"]
    assert "front matter" in by_file["broken.md"] and "line" in by_file["broken.md"]
    assert "unknown format" in by_file["unknown.docx"]
    assert "too large" in by_file["huge.txt"]
    ds = Dataset()
    ds.parse(data=result.stdout, format="nquads")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert "https://w3id.org/sccon/graph/good" in graphs  # the good one is still converted


def test_missing_path_is_named(tmp_path: Path) -> None:
    result = run("convert", str(tmp_path / "nope.txt"))
    assert result.returncode == 1 and "nope.txt: no such file" in result.stderr and "Traceback" not in result.stderr


def test_same_input_same_output() -> None:
    first = run("convert", str(ROOT / "data" / "documents"))
    second = run("convert", str(ROOT / "data" / "documents"))
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout and len(first.stdout) > 10_000


@pytest.mark.parametrize("fmt,parser", [("trig", "trig"), ("turtle", "turtle"), ("jsonld", "json-ld")])
def test_output_formats_parse(fmt: str, parser: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run("convert", str(SEED), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    ds = Dataset()
    ds.parse(out, format=parser)
    assert len(ds) > 100


def test_latin1_document_is_decoded_and_said(tmp_path: Path) -> None:
    doc = tmp_path / "latin.txt"
    doc.write_bytes("Die Smart Country Convention 2022 in Berlin: Bundesinnenministerin Nancy Faeser "
                    "sprach über Digitalisierung.\n".encode("cp1252"))
    result = run("convert", str(doc))
    assert result.returncode == 0
    assert "decoded as cp1252" in result.stderr
    assert "Bundesinnenministerin" in result.stdout.encode().decode("unicode_escape", errors="ignore") or \
        "Bundesinnenministerin" in result.stdout


def test_build_validate_and_atomic_swap(tmp_path: Path) -> None:
    out = tmp_path / "releases"
    result = run("build", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no violations: the dataset conforms" in result.stdout
    current = (out / "current").resolve()
    assert (current / "dataset.nq").stat().st_size > 10_000 and (current / "report.txt").exists()
    valid = run("validate", str(out))
    assert valid.returncode == 0 and "conforms" in valid.stdout
    # A failing build leaves the previous release current and untouched.
    bad = tmp_path / "bad-sources"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"\x00\x01\x02")
    before = sorted(p.name for p in current.iterdir())
    run("build", "--sources", str(bad), "--out", str(out))
    assert (out / "current").resolve() == current and sorted(p.name for p in current.iterdir()) == before
    assert not [p for p in (out / "versions").iterdir() if p.name.startswith(".partial")]


def test_build_skips_broken_documents_and_says_why(corpus: Path, tmp_path: Path) -> None:
    """A broken document never breaks the release: it is named with its reason and left out."""
    out = tmp_path / "releases"
    result = run("build", "--sources", str(corpus), "--out", str(out))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    skipped = {Path(line.split("skipped ", 1)[1].split(": ")[0]).name: line
               for line in result.stdout.splitlines() if line.strip().startswith("skipped ")}
    assert set(skipped) == {"binary.txt", "empty.txt", "broken.md", "huge.txt"}, result.stdout
    assert "line" in skipped["broken.md"] and "too large" in skipped["huge.txt"]
    current = (out / "current").resolve()
    summary = json.loads((current / "summary.json").read_text(encoding="utf-8"))
    assert {Path(f["path"]).name for f in summary["failures"]} == set(skipped)
    assert all(f["reason"] for f in summary["failures"])
    ds = Dataset()
    ds.parse(current / "dataset.nq", format="nquads")
    assert "https://w3id.org/sccon/graph/good" in {str(g.identifier) for g in ds.graphs() if len(g)}

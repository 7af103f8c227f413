"""The command line as a new user reads it: plain ``--help``, one line for a taken port that
names ``--port``, a build summary whose counts say what they count (and agree with the site
and VoID), and Make and packaging that do what the README says."""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import VOID

from sccon_ld import cli
from sccon_ld.release.entity_index import INDEX_FILE, EntityIndex

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "sccon_ld.cli"]
REST = re.compile(r"``|:(?:func|mod|data|class|meth):`")


def run(*args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def subcommands(ap: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in ap._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_help_is_plain_text_everywhere() -> None:
    top = run("--help")
    assert top.returncode == 0 and "usage: sccon-ld" in top.stdout
    assert not REST.search(top.stdout), top.stdout
    assert "Run 'sccon-ld COMMAND --help'" in top.stdout
    for name, sub in subcommands(cli.parser()).items():
        text = sub.format_help()
        assert not REST.search(text), (name, text)


@pytest.fixture()
def taken_port():
    """A port some other program listens on (loopback)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


def test_a_taken_port_is_one_line_naming_it_and_the_option(taken_port: int, tmp_path: Path) -> None:
    result = run("serve", "--host", "127.0.0.1", "--port", str(taken_port), "--data", str(tmp_path / "none"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # no gunicorn retries, no "serving … on" first
    assert str(taken_port) in lines[0] and "--port" in lines[0] and "in use" in lines[0]
    assert not (tmp_path / "none").exists()  # told before anything was built


def test_a_host_that_cannot_be_listened_on_is_one_line(tmp_path: Path) -> None:
    result = run("serve", "--host", "192.0.2.1", "--port", "0", "--data", str(tmp_path / "none"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot listen on 192.0.2.1" in lines[0], result.stderr


def test_build_summary_says_what_it_counts_and_agrees_with_the_site_and_void(tmp_path: Path) -> None:
    out = tmp_path / "releases"
    result = run("build", "--out", str(out), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    text = result.stdout
    head = re.search(r"^SHACL validation: (\d+) named graphs checked, no violations: the dataset conforms\.$",
                     text, re.M)
    assert head and int(head.group(1)) > 1, text  # never "0 of N": the number checked comes first
    current = (out / "current").resolve()
    from sccon_ld import settings

    base = settings.get().base
    index = EntityIndex.open(current / INDEX_FILE, base)
    line = next(ln for ln in text.splitlines() if ln.startswith("entities: "))
    total = int(line.split()[1])
    assert total == len(index.entities)  # the landing page's figure (len of the same index)
    listed = dict((k, int(n)) for k, n in re.findall(r"(\w+) (\d+)", line.split("(", 1)[1]))
    assert listed == index.kinds()  # the lists' counts, kind by kind
    assert sum(listed.values()) == total
    # VoID's void:entities counts something else, and the summary names what: its uriSpace.
    from sccon_ld.web.app import create_app

    client = create_app(releases_dir=out).test_client()
    void = Graph().parse(data=client.get("/.well-known/void", headers={"Accept": "text/turtle"}).data,
                         format="turtle")
    space = next(void.objects(None, VOID.uriSpace))
    assert space == Literal(base + "id/") and f"under {space}, #fragments included" in text


def test_make_run_installs_the_runtime_only_and_make_test_everything(tmp_path: Path) -> None:
    make = shutil.which("make")
    if make is None:
        pytest.skip("needs make")
    venv = tmp_path / "venv"  # a venv that does not exist: make lists every step it would take
    run_steps = subprocess.run([make, "-n", "run", f"VENV={venv}"], capture_output=True, text=True, cwd=ROOT,
                               timeout=60, check=True).stdout
    assert f"{venv}/bin/pip install -e .\n" in run_steps
    assert "[test]" not in run_steps and "chromium" not in run_steps
    test_steps = subprocess.run([make, "-n", "test", f"VENV={venv}"], capture_output=True, text=True, cwd=ROOT,
                                timeout=60, check=True).stdout
    assert f"{venv}/bin/pip install -e '.[test]'" in test_steps and "chromium" in test_steps


def test_packaging_draws_no_warning(tmp_path: Path) -> None:
    """setuptools reads pyproject.toml without a deprecation (e.g. the licence as a TOML table)."""
    pytest.importorskip("setuptools", minversion="77")
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "sccon_ld", project / "sccon_ld",
                    ignore=shutil.ignore_patterns("__pycache__", "vendor"))
    (tmp_path / "meta").mkdir()
    code = ("import setuptools.build_meta as b, sys; "
            "print(b.prepare_metadata_for_build_wheel(sys.argv[1]))")
    result = subprocess.run([sys.executable, "-W", "always", "-c", code, str(tmp_path / "meta")],
                            capture_output=True, text=True, cwd=project, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr and "deprecat" not in result.stderr.lower(), result.stderr
    metadata = (tmp_path / "meta" / result.stdout.strip().splitlines()[-1] / "METADATA").read_text()
    assert "License-Expression: MIT" in metadata

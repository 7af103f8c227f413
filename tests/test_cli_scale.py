"""The scale commands end to end, as a user runs them: ``sccon-ld load`` a release into a real
``oxigraph serve``, then ``sccon-ld serve --store`` (gunicorn, no local store) answers
dereferences, HTML, SPARQL, VoID and the catalogue from it; ``sccon-ld synth`` is deterministic.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest import PROJECT_ROOT
from rdflib import Graph, Literal, URIRef

sys.path.insert(0, str(PROJECT_ROOT))
from benchmarks.servers import _running, free_port, oxigraph_binary, oxigraph_server  # noqa: E402

CLI = [sys.executable, "-m", "sccon_ld.cli"]
BASE = "https://w3id.org/sccon/"
needs_oxigraph = pytest.mark.skipif(oxigraph_binary() is None, reason="the oxigraph CLI (PyPI oxigraph) is not installed")


def run(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, cwd=PROJECT_ROOT)


@pytest.fixture(scope="module")
def remote_site(sample_release: Path, tmp_path_factory) -> Iterator[str]:
    """oxigraph serve loaded by ``sccon-ld load``, and ``sccon-ld serve --store`` in front of it."""
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph CLI (PyPI oxigraph) is not installed")
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as server:
        loaded = run("load", "--store", server.query_url, "--graph-store", server.store_url,
                     "--data", str(sample_release))
        assert loaded.returncode == 0, loaded.stderr
        assert "graphs" in loaded.stdout
        port = free_port()
        # The releases folder named here is empty: everything must come from the server.
        env = dict(os.environ, SCCON_LD_RELEASES=str(tmp_path_factory.mktemp("no-release")))
        cmd = [*CLI, "serve", "--store", server.query_url, "--host", "127.0.0.1", "--port", str(port),
               "--workers", "1", "--data", env["SCCON_LD_RELEASES"]]
        log = tmp_path_factory.mktemp("serve-log") / "serve.log"
        with _running(cmd, "/", port, env=env, log=log):
            yield f"http://127.0.0.1:{port}"


def test_dereference_through_the_remote_store(remote_site: str) -> None:
    r = requests.get(f"{remote_site}/id/event/sccon-2023", headers={"Accept": "text/turtle"},
                     allow_redirects=False, timeout=30)
    assert r.status_code == 303
    assert r.headers["Location"] == f"{remote_site}/doc/event/sccon-2023.ttl"
    doc = requests.get(r.headers["Location"], timeout=30)
    assert doc.status_code == 200 and doc.headers["Content-Type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=doc.text, format="turtle")
    event = URIRef(BASE + "id/event/sccon-2023")
    assert (event, URIRef("https://schema.org/name"), Literal("Smart Country Convention 2023")) in graph
    assert (event, URIRef("https://schema.org/location"), URIRef(BASE + "id/place/berlin")) in graph


def test_html_through_the_remote_store(remote_site: str) -> None:
    page = requests.get(f"{remote_site}/doc/organization/bitkom.html", timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "Bitkom" in page.text
    home = requests.get(f"{remote_site}/", timeout=30)
    assert home.status_code == 200 and "Smart Country Convention" in home.text
    assert requests.get(f"{remote_site}/id/event/sccon-1999", timeout=30).status_code == 404


@needs_oxigraph
def test_sparql_void_and_catalog_through_the_remote_store(remote_site: str) -> None:
    query = f"SELECT ?name WHERE {{ <{BASE}id/event/sccon-2023> <https://schema.org/name> ?name }}"
    r = requests.get(f"{remote_site}/sparql", params={"query": query},
                     headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200, r.text
    assert [b["name"]["value"] for b in r.json()["results"]["bindings"]] == ["Smart Country Convention 2023"]
    bad = requests.get(f"{remote_site}/sparql", params={"query": "SELECT WHERE {"}, timeout=30)
    assert bad.status_code == 400
    for path in ("/.well-known/void", "/catalog"):
        assert requests.get(remote_site + path, headers={"Accept": "text/turtle"}, timeout=30).status_code == 200


def test_serve_from_an_empty_or_unreachable_store_fails_cleanly(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "empty") as server:
        empty = run("serve", "--store", server.query_url, "--port", str(free_port()), timeout=60)
        url = server.query_url
    assert empty.returncode == 1 and "no release" in empty.stderr
    gone = run("serve", "--store", url, "--port", str(free_port()), timeout=60)
    assert gone.returncode == 1 and "cannot serve" in gone.stderr and "Traceback" not in gone.stderr


def test_load_needs_a_store() -> None:
    result = run("load")
    assert result.returncode == 2 and "--store" in result.stderr


def test_synth_is_seeded_and_deterministic(tmp_path: Path) -> None:
    for name in ("a.nq", "b.nq"):
        assert run("synth", "graph", "500", "--seed", "7", "--out", str(tmp_path / name)).returncode == 0
    text = (tmp_path / "a.nq").read_text(encoding="utf-8")
    assert text == (tmp_path / "b.nq").read_text(encoding="utf-8")
    assert len(text.splitlines()) == 500
    other = run("synth", "graph", "500", "--seed", "8", "--out", str(tmp_path / "c.nq"))
    assert other.returncode == 0 and (tmp_path / "c.nq").read_text(encoding="utf-8") != text
    docs = run("synth", "docs", "3", "--seed", "7", "--out", str(tmp_path / "docs"))
    assert docs.returncode == 0
    assert len([p for p in (tmp_path / "docs").iterdir() if p.is_file()]) == 3


def test_query_page_through_the_remote_store(remote_site: str) -> None:
    """Regression: the HTML results page ran queries on a local worker pool even in remote mode (500)."""
    query = f"SELECT ?name WHERE {{ <{BASE}id/event/sccon-2023> <https://schema.org/name> ?name }}"
    page = requests.get(f"{remote_site}/sparql", params={"query": query}, headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200, page.text[:500]
    assert "Smart Country Convention 2023" in page.text

"""The remote store keeps the graph's semantics: ``sccon-ld load --store`` fills a real server
(``oxigraph serve``, and Debian's Virtuoso), ``sccon-ld serve --store`` (gunicorn, no local store)
answers /sparql from it, and the answers are the embedded store's, for the default graph as a
set and for every dataset form.

What Virtuoso (7.2) does otherwise, and the tests hold it to (README, "Remote stores"):
- ``ORDER BY`` on plain strings is not in code-point order (rows are compared as multisets);
- ``GROUP_CONCAT`` gives a simple literal (SPARQL 1.1; Oxigraph keeps a shared language tag) and
  ``""`` for an empty group, where Oxigraph leaves the variable unbound (values are compared);
and what both servers do, unlike the embedded store: a default graph named by two ``FROM`` (or
two ``default-graph-uri``) is not merged into a set, a triple in both graphs matches twice.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import test_sparql_support as support
from conftest import PROJECT_ROOT, LiveServer
from virtuoso_server import virtuoso_binary, virtuoso_server

from sccon_ld.pipeline import convert, sorted_nquads
from sccon_ld.release import folders as release

sys.path.insert(0, str(PROJECT_ROOT))
from benchmarks.servers import _running, free_port, oxigraph_binary, oxigraph_server  # noqa: E402

CLI = [sys.executable, "-m", "sccon_ld.cli"]
BASE = "https://w3id.org/sccon/"
QUERIES = sorted((PROJECT_ROOT / "queries").glob("cq*.rq"))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, cwd=PROJECT_ROOT)


@pytest.fixture(scope="module")
def corpus_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    conversion = convert([PROJECT_ROOT / "data" / "documents"], with_authority="referenced")
    out = tmp_path_factory.mktemp("remote-releases")
    release.publish(out, sorted_nquads(conversion.dataset))
    return out


@pytest.fixture(scope="module")
def embedded(corpus_release: Path) -> Iterator[LiveServer]:
    with support.serve(corpus_release) as live:
        yield live


@pytest.fixture(scope="module")
def graphs(corpus_release: Path) -> dict[str, set[str]]:
    return support.triples_by_graph(corpus_release)


@pytest.fixture(scope="module")
def pair(graphs: dict[str, set[str]]) -> tuple[str, str]:
    docs = sorted(g for g in graphs if g != f"{BASE}graph/authority")
    return next((a, b) for a in docs for b in docs if a < b and graphs[a] & graphs[b])


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(request, corpus_release: Path, tmp_path_factory) -> Iterator[tuple[str, str]]:
    """(server kind, URL of ``sccon-ld serve --store`` in front of it), loaded by ``sccon-ld load --store``."""
    kind = request.param
    if kind == "oxigraph" and oxigraph_binary() is None:
        pytest.skip("the oxigraph CLI (PyPI oxigraph) is not installed")
    if kind == "virtuoso" and virtuoso_binary() is None:
        pytest.skip("virtuoso-t is not installed (make virtuoso)")
    folder = tmp_path_factory.mktemp(kind)
    servers = oxigraph_server(folder) if kind == "oxigraph" else virtuoso_server(folder)
    with servers as server:
        target = ["--graph-store", server.store_url] if kind == "oxigraph" else []  # Virtuoso: SPARQL Update
        loaded = run("load", "--store", server.query_url, *target, "--data", str(corpus_release))
        assert loaded.returncode == 0, loaded.stderr
        port = free_port()
        env = dict(os.environ, SCCON_LD_RELEASES=str(tmp_path_factory.mktemp("no-release")))
        cmd = [*CLI, "serve", "--store", server.query_url, "--host", "127.0.0.1", "--port", str(port),
               "--workers", "1", "--data", env["SCCON_LD_RELEASES"]]
        with _running(cmd, "/", port, env=env, log=folder / "serve.log"):
            yield kind, f"http://127.0.0.1:{port}"


def bindings(url: str, query: str, **params) -> list[dict[str, dict]]:
    r = requests.post(url + "/sparql", data={"query": query, **params},
                      headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert r.status_code == 200, r.text[:500]
    return r.json()["results"]["bindings"]


def count(url: str, query: str = COUNT, **params) -> int:
    return int(bindings(url, query, **params)[0]["n"]["value"])


def per_graph(url: str, query: str = PER_GRAPH, **params) -> dict[str, int]:
    return {b["g"]["value"]: int(b["n"]["value"]) for b in bindings(url, query, **params)}


def comparable(kind: str, rows: list[dict[str, dict]]) -> list:
    """Rows as compared: exactly for Oxigraph; for Virtuoso values only, in any order (see above)."""
    if kind == "oxigraph":
        return [sorted((k, tuple(sorted(v.items()))) for k, v in row.items()) for row in rows]
    return sorted(sorted((k, v["value"]) for k, v in row.items() if v["value"] != "") for row in rows)


def test_the_default_graph_is_a_set_there_too(remote, graphs) -> None:
    _, url = remote
    assert count(url) == len(set().union(*graphs.values()))


def test_named_graphs_are_the_documents(remote, graphs) -> None:
    _, url = remote
    assert per_graph(url) == {g: len(t) for g, t in sorted(graphs.items())}


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_competency_questions_as_embedded(remote, embedded, path: Path) -> None:
    kind, url = remote
    query = path.read_text(encoding="utf-8")
    expected = bindings(embedded.url, query)
    assert comparable(kind, bindings(url, query)) == comparable(kind, expected)


def test_from_and_from_named(remote, embedded, pair) -> None:
    _, url = remote
    a, b = pair
    for query in (f"SELECT (COUNT(*) AS ?n) FROM <{a}> WHERE {{ ?s ?p ?o }}",
                  f"SELECT (COUNT(*) AS ?n) FROM NAMED <{a}> WHERE {{ ?s ?p ?o }}"):
        assert count(url, query) == count(embedded.url, query), query
    for query in (f"SELECT ?g (COUNT(*) AS ?n) FROM <{a}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g",
                  f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{a}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g",
                  f"SELECT ?g (COUNT(*) AS ?n) FROM <{a}> FROM NAMED <{b}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"):
        assert per_graph(url, query) == per_graph(embedded.url, query), query


def test_protocol_graphs_alone_combined_and_over_from(remote, embedded, pair) -> None:
    _, url = remote
    a, b = pair
    cases = [(COUNT, {"default-graph-uri": a}), (COUNT, {"named-graph-uri": b}),
             (f"SELECT (COUNT(*) AS ?n) FROM <{a}> WHERE {{ ?s ?p ?o }}", {"default-graph-uri": b})]
    for query, params in cases:
        assert count(url, query, **params) == count(embedded.url, query, **params), (query, params)
    for params in ({"named-graph-uri": b}, {"default-graph-uri": a}, {"default-graph-uri": a, "named-graph-uri": b}):
        assert per_graph(url, **params) == per_graph(embedded.url, **params), params


def test_two_default_graphs_are_not_merged_into_a_set_there(remote, embedded, graphs, pair) -> None:
    """The stated difference: the embedded store merges, the servers match a shared triple twice."""
    _, url = remote
    a, b = pair
    query = f"SELECT (COUNT(*) AS ?n) FROM <{a}> FROM <{b}> WHERE {{ ?s ?p ?o }}"
    assert count(embedded.url, query) == len(graphs[a] | graphs[b])
    assert count(url, query) == len(graphs[a]) + len(graphs[b])

"""Remote-store mode against a real ``oxigraph serve`` started here: load a release, read it back.

Both ways of loading (Graph Store Protocol, SPARQL Update) and both kinds of default graph
(the server's union, or only the unnamed graph) must give the answers GraphStore gives locally.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import FIXTURES, PROJECT_ROOT, sorted_nquads
from rdflib import Dataset

from sccon_ld.release import folders as release
from sccon_ld.store.dataset import SERVICE_DATASET, resolve
from sccon_ld.store.embedded import GraphStore
from sccon_ld.store.load import load_release
from sccon_ld.store.remote import RemoteGraphStore, RemoteStoreError, RemoteTriples

sys.path.insert(0, str(PROJECT_ROOT))
from benchmarks.servers import OxigraphServer, oxigraph_binary, oxigraph_server  # noqa: E402

pytestmark = pytest.mark.skipif(oxigraph_binary() is None, reason="the oxigraph CLI (PyPI oxigraph) is not installed")

BASE = "https://w3id.org/sccon/"
QUERIES = sorted((PROJECT_ROOT / "queries").glob("cq*.rq"))


@pytest.fixture(scope="module", params=["graph-store", "update"])
def loaded(request, sample_release: Path, tmp_path_factory) -> Iterator[tuple[OxigraphServer, RemoteGraphStore]]:
    """A server holding the sample release: GSP into a plain server, Update into a union-default one."""
    via_gsp = request.param == "graph-store"
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph"), union_default_graph=not via_gsp) as server:
        report = load_release(sample_release, server.query_url,
                              graph_store_url=server.store_url if via_gsp else None,
                              update_url=None if via_gsp else server.update_url)
        assert report.method == request.param
        yield server, RemoteGraphStore(server.query_url)


@pytest.fixture(scope="module")
def local(sample_release: Path) -> GraphStore:
    return GraphStore.open(sample_release)


def _rows(results) -> list[tuple]:
    if isinstance(results, ox.QueryBoolean):
        return [bool(results)]
    if isinstance(results, ox.QuerySolutions):
        names = [v.value for v in results.variables]
        return [tuple(str(row[n]) if row[n] is not None else None for n in names) for row in results]
    return sorted(str(t) for t in results)


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_competency_questions_answer_as_locally(loaded, local, path: Path) -> None:
    _, remote = loaded
    text = path.read_text(encoding="utf-8")
    expected = _rows(local.query(text))
    assert _rows(remote.query(text)) == expected
    assert path.stem not in {"cq01", "cq04", "cq06"} or expected, "the sample should answer this question"


def test_release_version_and_graphs_as_locally(loaded, local) -> None:
    _, remote = loaded
    assert remote.version == local.version
    assert remote.release.created == local.release.created
    assert remote.release.manifest["quads"] == local.release.manifest["quads"]
    assert remote.named_graphs() == local.named_graphs()


def test_quad_patterns_as_locally(loaded, local) -> None:
    _, remote = loaded
    edition = ox.NamedNode(f"{BASE}id/event/sccon-2023")
    name = ox.NamedNode("https://schema.org/name")
    graph = ox.NamedNode(f"{BASE}graph/authority")
    for pattern in ((edition, None, None, None), (None, name, None, None), (None, None, edition, None),
                    (None, None, None, graph), (None, None, ox.Literal("Ukraine"), None)):
        assert sorted(map(str, remote.quads(*pattern))) == sorted(map(str, local.quads(*pattern))), pattern
    assert len(list(remote.quads())) == local.release.manifest["quads"]


def test_protocol_dataset_construct_and_ask(loaded, local) -> None:
    _, remote = loaded
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    authority = [f"{BASE}graph/authority"]
    by_protocol = resolve(count, authority)
    assert _rows(remote.query(count, by_protocol)) == _rows(local.query(count, by_protocol))
    named = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    graphs = resolve(named, (), [f"{BASE}graph/pm-2023", f"{BASE}graph/blog-2020"])
    assert _rows(remote.query(named, graphs)) == _rows(local.query(named, graphs))
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(?s = <{BASE}id/event/sccon-2020>) }}"
    triples = remote.query(construct)
    assert isinstance(triples, RemoteTriples)
    assert _rows(triples) == _rows(local.query(construct)) and _rows(triples)
    assert b"sccon-2020" in triples.serialize(format=ox.RdfFormat.TURTLE)
    ask = f"ASK {{ <{BASE}id/event/sccon-2023> ?p ?o }}"
    assert _rows(remote.query(ask)) == [True]


def test_reload_replaces_graphs_and_version(sample_release: Path, tmp_path: Path) -> None:
    """A second release without one document: its graph is dropped, the new version is announced."""
    ds = Dataset()
    ds.parse(FIXTURES / "sample.trig", format="trig")
    ds.remove_graph(ds.graph(f"{BASE}graph/blog-2020"))
    smaller = release.publish(tmp_path / "releases", sorted_nquads(ds))
    with oxigraph_server(tmp_path / "store") as server:
        load_release(sample_release, server.query_url, update_url=server.update_url)
        report = load_release(tmp_path / "releases", server.query_url, graph_store_url=server.store_url)
        assert report.dropped == [f"{BASE}graph/blog-2020"]
        remote = RemoteGraphStore(server.query_url)
        assert remote.version == smaller.version
        assert f"{BASE}graph/blog-2020" not in remote.named_graphs()
        assert not list(remote.quads(ox.NamedNode(f"{BASE}id/document/blog-2020")))


def test_empty_server_and_unreachable_server_are_clear_errors(tmp_path: Path, sample_release: Path) -> None:
    with oxigraph_server(tmp_path / "empty") as server:
        with pytest.raises(RemoteStoreError, match="no release"):
            _ = RemoteGraphStore(server.query_url).version
        with pytest.raises(RemoteStoreError, match="HTTP 4"):
            load_release(sample_release, server.query_url)  # /query refuses updates
        url = server.query_url
    with pytest.raises(RemoteStoreError, match="127.0.0.1"):
        _ = RemoteGraphStore(url).version


def test_cli_load_reports_and_fails_cleanly(sample_release: Path, tmp_path: Path, capsys) -> None:
    import argparse

    from sccon_ld.store import load

    parser = argparse.ArgumentParser()
    load.add_parser(parser.add_subparsers())
    with oxigraph_server(tmp_path / "cli") as server:
        args = parser.parse_args(["load", "--store", server.query_url, "--graph-store", server.store_url,
                                  "--data", str(sample_release)])
        assert args.func(args) == 0
        assert "graphs" in capsys.readouterr().out
        url = server.query_url
    args = parser.parse_args(["load", "--store", url, "--data", str(sample_release)])
    assert args.func(args) == 1
    assert "load failed" in capsys.readouterr().err



@pytest.mark.parametrize("form", ["select", "ask", "construct", "named"])
def test_query_runner_executes_on_the_remote_store_as_locally(loaded, local, form: str) -> None:
    """``query_runner.execute`` (what /sparql runs) gives the same bytes on both stores, prefixes included."""
    from sccon_ld.store.query_runner import Job, execute

    _, remote = loaded
    queries = {
        "select": "SELECT ?e ?n WHERE { ?e schema:name ?n } ORDER BY ?e ?n",
        "ask": "ASK { <id/event/sccon-2023> schema:location ?where }",
        "construct": "CONSTRUCT { ?e schema:name ?n } WHERE { ?e a schema:Event ; schema:name ?n }",
        "named": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    }
    job = Job(store_dir="", query=queries[form], prefixes={"schema": "https://schema.org/"}, base_iri=BASE,
              dataset=resolve("", (), [f"{BASE}graph/pm-2023"]) if form == "named" else SERVICE_DATASET,
              graph_types=("application/n-triples",))
    answer, expected = execute(remote, job), execute(local.ox, job)
    assert (answer.form, answer.media_type) == (expected.form, expected.media_type)
    if form == "construct":  # triple order is the server's
        assert sorted(answer.body.splitlines()) == sorted(expected.body.splitlines())
    else:
        assert answer.body == expected.body
    assert len(answer.body) > 20 and b"false" not in answer.body


@pytest.mark.parametrize("via", ["graph-store", "update"])
def test_the_default_graph_is_loaded_in_chunks(sample_release: Path, tmp_path: Path, monkeypatch, via: str) -> None:
    """A large default graph goes in bounded requests (GSP PUT then POST; Update batches): same answer."""
    from sccon_ld.store import load

    monkeypatch.setattr(load, "DEFAULT_CHUNK_TRIPLES", 7)
    local = GraphStore.open(sample_release)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    with oxigraph_server(tmp_path / "chunks") as server:
        load_release(sample_release, server.query_url, graph_store_url=server.store_url if via == "graph-store" else None,
                     update_url=server.update_url if via == "update" else None)
        assert _rows(RemoteGraphStore(server.query_url).query(count)) == _rows(local.query(count))
        assert int(_rows(local.query(count))[0][0].split('"')[1]) > 7

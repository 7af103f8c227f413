"""The graph as SPARQL users see it, through /sparql on a real server with real clients.

- The default graph is a set: each distinct triple of the release once, so COUNT(*) over it is the
  number of triples in the N-Triples dump and rdflib SPARQLStore's ``len()``, and a triple that
  five documents state is one answer, not five. Named graphs stay one per document.
- The dataset of a query is the one SPARQL 1.1 and its Protocol define: ``FROM``, ``FROM NAMED``,
  ``default-graph-uri``, ``named-graph-uri``, alone and combined (the Protocol's win over the
  query's), the default graph of several graphs their merge (a set).

Expected counts come from the release's ``dataset.nq`` read line by line here, not from the engine.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
import test_sparql_support as support
from conftest import PROJECT_ROOT, LiveServer
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from sccon_ld.pipeline import convert, sorted_nquads
from sccon_ld.release import default_graph
from sccon_ld.release import folders as release
from sccon_ld.release.dumps import DUMPS_DIR, write_dumps

BASE = "https://w3id.org/sccon/"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@pytest.fixture(scope="module")
def corpus_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus converted together (documents restate each other), with dumps."""
    conversion = convert([PROJECT_ROOT / "data" / "documents"], with_authority="referenced")
    out = tmp_path_factory.mktemp("dataset-releases")
    release.publish(out, sorted_nquads(conversion.dataset), derived=write_dumps)
    return out


@pytest.fixture(scope="module")
def server(corpus_release: Path) -> Iterator[LiveServer]:
    with support.serve(corpus_release) as live:
        yield live


@pytest.fixture(scope="module")
def graphs(corpus_release: Path) -> dict[str, set[str]]:
    return support.triples_by_graph(corpus_release)


@pytest.fixture(scope="module")
def two_documents(graphs: dict[str, set[str]]) -> tuple[str, str]:
    """Two document graphs that state some triple both."""
    docs = sorted(g for g in graphs if g not in (f"{BASE}graph/authority", f"{BASE}graph/ontology"))
    pairs = [(a, b) for a in docs for b in docs if a < b and graphs[a] & graphs[b]]
    assert pairs, "the sample corpus has documents that restate each other"
    return pairs[0]


def select(server: LiveServer, query: str, **params) -> list[dict[str, str]]:
    r = requests.post(server.url + "/sparql", data={"query": query, **params},
                      headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200, r.text
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def count(server: LiveServer, query: str = COUNT, **params) -> int:
    return int(select(server, query, **params)[0]["n"])


def named_counts(server: LiveServer, query: str = PER_GRAPH, **params) -> dict[str, int]:
    return {row["g"]: int(row["n"]) for row in select(server, query, **params)}


# ------------------------------------------------------------------ the default graph is a set


def test_default_graph_count_is_the_ntriples_dump_and_sparqlstore_len(server, corpus_release, graphs) -> None:
    rel = release.load(corpus_release)
    dump = next((rel.path / DUMPS_DIR).glob("*.nt.gz"))
    with gzip.open(dump, "rt", encoding="utf-8") as f:
        dump_triples = sum(1 for line in f if line.strip())
    distinct = len(set().union(*graphs.values()))
    quads = rel.manifest["quads"]
    assert distinct < quads, "documents restate triples: the union with repeats would be larger"
    assert count(server) == dump_triples == distinct
    assert len(SPARQLStore(server.url + "/sparql")) == distinct
    ttl = next((rel.path / DUMPS_DIR).glob("*.ttl"))
    assert len(Graph().parse(ttl, format="turtle")) == distinct


def test_a_restated_fact_is_one_answer_and_each_document_keeps_its_copy(server, graphs, two_documents) -> None:
    a, b = two_documents
    shared = sorted(graphs[a] & graphs[b])[0]
    s, p, o = (str(t) for t in next(iter(ox.parse(shared + " .", format=ox.RdfFormat.N_TRIPLES))).triple)
    assert count(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ {s} {p} {o} }}") == 1
    holders = {g for g, triples in graphs.items() if shared in triples}
    rows = select(server, f"SELECT ?g WHERE {{ GRAPH ?g {{ {s} {p} {o} }} }}")
    assert {r["g"] for r in rows} == holders and len(rows) == len(holders) >= 2


def test_named_graphs_are_one_per_document(server, graphs) -> None:
    assert named_counts(server) == {g: len(t) for g, t in graphs.items()}


# ------------------------------------------------------------------ the dataset of a query


def test_from_one_graph(server, graphs, two_documents) -> None:
    a, _ = two_documents
    assert count(server, f"SELECT (COUNT(*) AS ?n) FROM <{a}> WHERE {{ ?s ?p ?o }}") == len(graphs[a])
    derived = select(server, f"SELECT DISTINCT ?d FROM <{a}> WHERE {{ ?s <http://www.w3.org/ns/prov#wasDerivedFrom> ?d }}")
    assert len(derived) == 1, "only the one document of that graph"


def test_from_two_graphs_is_their_merge_a_set(server, graphs, two_documents) -> None:
    a, b = two_documents
    merged = count(server, f"SELECT (COUNT(*) AS ?n) FROM <{a}> FROM <{b}> WHERE {{ ?s ?p ?o }}")
    assert merged == len(graphs[a] | graphs[b]) < len(graphs[a]) + len(graphs[b])


def test_from_alone_leaves_no_named_graphs(server, two_documents) -> None:
    a, _ = two_documents
    assert named_counts(server, f"SELECT ?g (COUNT(*) AS ?n) FROM <{a}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g") == {}


def test_from_named_alone_has_an_empty_default_graph(server, graphs, two_documents) -> None:
    a, _ = two_documents
    assert count(server, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{a}> WHERE {{ ?s ?p ?o }}") == 0
    per_graph = f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{a}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
    assert named_counts(server, per_graph) == {a: len(graphs[a])}


def test_from_and_from_named_together(server, graphs, two_documents) -> None:
    a, b = two_documents
    both = f"FROM <{a}> FROM NAMED <{b}>"
    assert count(server, f"SELECT (COUNT(*) AS ?n) {both} WHERE {{ ?s ?p ?o }}") == len(graphs[a])
    per_graph = f"SELECT ?g (COUNT(*) AS ?n) {both} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
    assert named_counts(server, per_graph) == {b: len(graphs[b])}


def test_default_graph_uri_alone_and_merged(server, graphs, two_documents) -> None:
    a, b = two_documents
    assert count(server, **{"default-graph-uri": a}) == len(graphs[a])
    assert count(server, **{"default-graph-uri": [a, b]}) == len(graphs[a] | graphs[b])
    assert named_counts(server, **{"default-graph-uri": a}) == {}


def test_named_graph_uri_alone(server, graphs, two_documents) -> None:
    _, b = two_documents
    assert named_counts(server, **{"named-graph-uri": b}) == {b: len(graphs[b])}
    assert count(server, **{"named-graph-uri": b}) == 0


def test_protocol_graphs_replace_the_querys_from(server, graphs, two_documents) -> None:
    a, b = two_documents
    query = f"SELECT (COUNT(*) AS ?n) FROM <{a}> WHERE {{ ?s ?p ?o }}"
    assert count(server, query, **{"default-graph-uri": b}) == len(graphs[b])
    per_graph = f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{a}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
    assert named_counts(server, per_graph, **{"named-graph-uri": b, "default-graph-uri": a}) == {b: len(graphs[b])}


def test_sparqlwrapper_default_and_named_graphs(server, graphs, two_documents) -> None:
    a, b = two_documents
    client = SPARQLWrapper(server.url + "/sparql")
    client.setReturnFormat(JSON)
    client.setQuery(COUNT)
    client.addDefaultGraph(a)
    assert int(client.query().convert()["results"]["bindings"][0]["n"]["value"]) == len(graphs[a])
    client = SPARQLWrapper(server.url + "/sparql")
    client.setReturnFormat(JSON)
    client.setQuery(PER_GRAPH)
    client.addNamedGraph(b)
    rows = client.query().convert()["results"]["bindings"]
    assert {r["g"]["value"]: int(r["n"]["value"]) for r in rows} == {b: len(graphs[b])}


def test_sparqlstore_graph_is_its_default_graph_uri(server, graphs, two_documents) -> None:
    a, _ = two_documents
    store = SPARQLStore(server.url + "/sparql")
    graph = Graph(store, identifier=URIRef(a))
    assert len(list(graph.query(COUNT))) == 1
    assert int(next(iter(graph.query(COUNT)))[0]) == len(graphs[a])


# ------------------------------------------------------------------ what the claims policy may leave out


def test_excluded_triples_leave_the_default_graph_and_dumps_but_stay_in_their_documents(tmp_path: Path) -> None:
    lines = support.sample_lines()
    first = lines[0]
    quad = next(iter(ox.parse(first, format=ox.RdfFormat.N_QUADS)))
    kept = release.publish(tmp_path / "all", lines, derived=write_dumps)
    left_out = release.publish(tmp_path / "some", lines, derived=write_dumps, exclude_from_default=[quad.triple])
    assert kept.version != left_out.version, "another default graph is another release"
    assert default_graph.read_excluded(left_out.path) == {quad.triple}
    with support.serve(tmp_path / "some") as live:
        s, p, o = str(quad.subject), str(quad.predicate), str(quad.object)
        assert count(live, f"SELECT (COUNT(*) AS ?n) WHERE {{ {s} {p} {o} }}") == 0
        assert count(live, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {quad.graph_name} {{ {s} {p} {o} }} }}") == 1
        assert count(live) == len(lines) - 1
    dump = next((left_out.path / DUMPS_DIR).glob("*.nt.gz"))
    with gzip.open(dump, "rt", encoding="utf-8") as f:
        assert sum(1 for _ in f) == len(lines) - 1
    index = json.loads((left_out.path / DUMPS_DIR / "dumps.json").read_text(encoding="utf-8"))
    assert "default-graph-excluded.nt" in left_out.manifest["files"] and index["files"]

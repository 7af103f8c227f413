"""Real SPARQL clients against the live endpoint: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import pytest
import test_sparql_support as support
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

dumps_release, dumps_server = support.dumps_release, support.dumps_server  # shared fixtures
EDITION = URIRef("https://w3id.org/sccon/id/event/sccon-2023")
NAME = URIRef("https://schema.org/name")
SELECT = f"SELECT ?name WHERE {{ <{EDITION}> <{NAME}> ?name }}"


def wrapper(server, fmt, query: str = SELECT, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client


@pytest.mark.parametrize("method", [None, POST])
def test_sparqlwrapper_select_json(dumps_server, method):
    data = wrapper(dumps_server, JSON, method=method).query().convert()
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == ["Smart Country Convention 2023"]


def test_sparqlwrapper_xml_csv_and_construct(dumps_server):
    xml = wrapper(dumps_server, XML).query().convert()
    assert "Smart Country Convention 2023" in xml.toxml()
    csv_bytes = wrapper(dumps_server, CSV).query().convert()
    assert csv_bytes.decode().splitlines()[1] == "Smart Country Convention 2023"
    construct = f"CONSTRUCT {{ <{EDITION}> <{NAME}> ?n }} WHERE {{ <{EDITION}> <{NAME}> ?n }}"
    turtle = wrapper(dumps_server, TURTLE, construct).query().convert()
    g = Graph().parse(data=turtle, format="turtle")
    assert (EDITION, NAME, Literal("Smart Country Convention 2023")) in g
    ask = wrapper(dumps_server, JSON, f"ASK {{ <{EDITION}> ?p ?o }}").query().convert()
    assert ask["boolean"] is True


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::RuntimeWarning")  # inside SPARQLWrapper
@pytest.mark.parametrize("fmt", [RDFXML, JSONLD, N3, XML, JSON])
def test_sparqlwrapper_construct_in_every_return_format(dumps_server, fmt):
    """SPARQLWrapper repeats its choice in ``format`` (``rdf+xml``, ``json-ld``, ``n3``...)."""
    construct = f"CONSTRUCT {{ <{EDITION}> <{NAME}> ?n }} WHERE {{ <{EDITION}> <{NAME}> ?n }}"
    result = wrapper(dumps_server, fmt, construct).query()
    graph = result.convert()
    if not isinstance(graph, Graph):  # N3/Turtle come back as bytes
        graph = Graph().parse(data=graph, format="turtle")
    assert (EDITION, NAME, Literal("Smart Country Convention 2023")) in graph


def test_sparqlwrapper_tsv(dumps_server):
    tsv = wrapper(dumps_server, TSV).query().convert().decode()
    assert tsv.splitlines() == ["?name", '"Smart Country Convention 2023"']


def test_rdflib_sparqlstore(dumps_server):
    store = SPARQLStore(dumps_server.url + "/sparql")
    graph = Graph(store=store)
    rows = list(graph.query(SELECT))
    assert [str(row[0]) for row in rows] == ["Smart Country Convention 2023"]
    assert (EDITION, NAME, Literal("Smart Country Convention 2023")) in graph
    constructed = graph.query(f"CONSTRUCT {{ <{EDITION}> ?p ?o }} WHERE {{ <{EDITION}> ?p ?o }}").graph
    assert (EDITION, NAME, Literal("Smart Country Convention 2023")) in constructed
    assert graph.query(f"ASK {{ <{EDITION}> ?p ?o }}").askAnswer is True
    with pytest.raises(TypeError):  # read-only all the way down: the client refuses, and so would we
        graph.add((EDITION, NAME, Literal("x")))

"""/fragments: Triple Pattern Fragments on a live server. Every page's data is exactly the
matching triples of the default graph (as /sparql sees them), split over linked pages; the hydra
controls are what the TPF specification asks for; pages are cacheable and ETag'd by release;
bad patterns get a 400."""

from __future__ import annotations

from urllib.parse import quote

import crawl_support
import pyoxigraph as ox
import pytest
import requests
from crawl_support import crawl_settings
from test_sparql_support import serve

history, history_server = crawl_support.history, crawl_support.history_server  # shared fixtures
HYDRA = "http://www.w3.org/ns/hydra/core#"
VOID = "http://rdfs.org/ns/void#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SCHEMA = "https://schema.org/"
ID = "https://w3id.org/sccon/id/"


def parse(r: requests.Response) -> list[ox.Quad]:
    fmt = ox.RdfFormat.from_media_type(r.headers["Content-Type"].split(";")[0])
    return list(ox.parse(r.content, format=fmt))


def endpoint_triples(server, where: str) -> set[ox.Triple]:
    r = requests.get(server.url + "/sparql", params={"query": f"CONSTRUCT {{ {where} }} WHERE {{ {where} }}"},
                     headers={"Accept": "application/n-triples"}, timeout=30)
    assert r.status_code == 200, r.text
    return {q.triple for q in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)}


def fragment(server, accept: str = "application/trig", **pattern) -> list[tuple[str, list[ox.Quad]]]:
    """Every page of one fragment, following hydra:next (bounded), as (url, quads)."""
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in pattern.items())
    url = f"{server.url}/fragments" + (f"?{query}" if query else "")
    pages = []
    for _ in range(200):
        r = requests.get(url, headers={"Accept": accept}, timeout=30)
        assert r.status_code == 200, r.text
        quads = parse(r)
        pages.append((url, quads))
        nxt = [q.object.value for q in quads if q.subject.value == url and q.predicate.value == HYDRA + "next"]
        if not nxt:
            break
        url = nxt[0]
    return pages


def data(quads: list[ox.Quad]) -> set[ox.Triple]:
    return {q.triple for q in quads if q.graph_name == ox.DefaultGraph()}


def value(quads, subject: str, predicate: str):
    return next(q.object for q in quads if q.subject.value == subject and q.predicate.value == predicate)


@pytest.mark.parametrize(("pattern", "where"), [
    ({}, "?s ?p ?o"),
    ({"predicate": SCHEMA + "name"}, f"?s <{SCHEMA}name> ?o"),
    ({"subject": ID + "event/sccon-2023"}, f"<{ID}event/sccon-2023> ?p ?o"),
    ({"object": ID + "event/sccon-2023"}, f"?s ?p <{ID}event/sccon-2023>"),
    ({"object": '"Messe Berlin GmbH"'}, '?s ?p "Messe Berlin GmbH"'),
    ({"object": '"2023-11-07"^^http://www.w3.org/2001/XMLSchema#date'},
     '?s ?p "2023-11-07"^^<http://www.w3.org/2001/XMLSchema#date>'),
    ({"subject": ID + "organization/bitkom", "predicate": SCHEMA + "name", "object": '"Bitkom e.V."'},
     f'<{ID}organization/bitkom> <{SCHEMA}name> "Bitkom e.V."'),
    ({"subject": "?s", "predicate": RDF + "type", "object": SCHEMA + "Event"}, f"?s a <{SCHEMA}Event>"),
])
def test_pages_hold_exactly_the_matching_triples(history, pattern, where):
    with serve(history.folder, crawl_settings(fragments={"page_size": 7})) as server:
        expected = endpoint_triples(server, where)
        pages = fragment(server, **pattern)
        got = [data(quads) for _, quads in pages]
        assert set().union(*got) == expected
        assert sum(map(len, got)) == len(expected)  # no triple on two pages
        assert len(pages) == max(1, -(-len(expected) // 7))
        first_url, first = pages[0]
        assert int(value(first, first_url, VOID + "triples").value) == len(expected)
        assert int(value(first, first_url, HYDRA + "totalItems").value) == len(expected)


def test_hydra_controls(history_server):
    url = f"{history_server.url}/fragments?predicate={quote(SCHEMA + 'name', safe='')}"
    r = requests.get(url, headers={"Accept": "application/trig"}, timeout=10)
    quads = parse(r)
    meta = ox.NamedNode(url + "#metadata")
    assert all(q.graph_name == meta for q in quads if q.graph_name != ox.DefaultGraph())
    assert any(q.subject == meta and q.predicate.value == "http://xmlns.com/foaf/0.1/primaryTopic" for q in quads)
    dataset = f"{history_server.url}/fragments#dataset"
    search = value(quads, dataset, HYDRA + "search")
    assert value(quads, search.value, HYDRA + "template").value == f"{history_server.url}/fragments{{?subject,predicate,object}}"
    assert value(quads, search.value, HYDRA + "variableRepresentation").value == HYDRA + "ExplicitRepresentation"
    mappings = {value(quads, m.value, HYDRA + "variable").value: value(quads, m.value, HYDRA + "property").value
                for m in (q.object for q in quads if q.subject == search and q.predicate.value == HYDRA + "mapping")}
    assert mappings == {name: RDF + name for name in ("subject", "predicate", "object")}
    assert (value(quads, url, RDF + "type")).value == HYDRA + "PartialCollectionView"


def test_turtle_and_n_triples_too(history_server):
    for accept in ("text/turtle", "application/n-triples", "application/n-quads"):
        r = requests.get(history_server.url + "/fragments", headers={"Accept": accept}, timeout=10)
        assert r.status_code == 200 and r.headers["Content-Type"].startswith(accept)
        assert any(q.predicate.value == HYDRA + "search" for q in parse(r))
    assert requests.get(history_server.url + "/fragments", headers={"Accept": "image/png"}, timeout=10).status_code == 406


def test_cacheable_and_etag_by_release(history_server, history):
    url = f"{history_server.url}/fragments?subject={quote(ID + 'event/sccon', safe='')}"
    r = requests.get(url, timeout=10)
    etag = r.headers["ETag"]
    assert history.second.version in etag and "public" in r.headers["Cache-Control"]
    assert "Accept" in r.headers["Vary"]
    again = requests.get(url, headers={"If-None-Match": etag}, timeout=10)
    assert again.status_code == 304
    other = requests.get(f"{history_server.url}/fragments?subject={quote(ID + 'event/sccon-2023', safe='')}", timeout=10)
    assert other.headers["ETag"] != etag


@pytest.mark.parametrize(("query", "message"), [
    ("subject=_:b0", "blank node"),
    ("subject=%22text%22", "literal"),
    ("predicate=not-an-iri", "absolute IRI"),
    ("object=%22unclosed", "literal"),
    ("page=0", "page"),
    ("page=abc", "page"),
    ("graph=x", "unknown parameter"),
    ("object=%22x%22%5E%5Enot%20an%20iri", "object"),
])
def test_bad_patterns_get_400(history_server, query, message):
    r = requests.get(f"{history_server.url}/fragments?{query}", headers={"Accept": "application/json"}, timeout=10)
    assert r.status_code == 400, r.text
    assert message in r.json()["detail"]


def test_page_past_the_end_is_404(history_server):
    r = requests.get(f"{history_server.url}/fragments?subject={quote(ID + 'event/sccon', safe='')}&page=99", timeout=10)
    assert r.status_code == 404

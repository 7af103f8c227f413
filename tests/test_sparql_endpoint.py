"""The /sparql endpoint over real HTTP: protocol, formats, conneg, read-only, offline, CORS, page."""

from __future__ import annotations

import csv
import io
import json
import socket
from xml.etree import ElementTree

import pytest
import requests
import test_sparql_support as support
from rdflib import Graph, URIRef

from sccon_ld.store.dataset import SERVICE_DATASET
from sccon_ld.web.sparql import check_query

dumps_release, dumps_server = support.dumps_release, support.dumps_server  # shared fixtures
BASE = "https://w3id.org/sccon/"
SELECT = ("PREFIX schema: <https://schema.org/> "
          "SELECT ?e ?name { ?e a schema:Event ; schema:name ?name } ORDER BY ?e")
SRJ = "application/sparql-results+json"


def get(server, accept: str | None = None, **params) -> requests.Response:
    headers = {"Accept": accept} if accept else {}
    return requests.get(server.url + "/sparql", params=params, headers=headers, timeout=30)


def test_select_json_by_get_and_union_default_graph(dumps_server):
    r = get(dumps_server, query=SELECT)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith(SRJ)
    data = r.json()
    assert data["head"]["vars"] == ["e", "name"]
    names = {b["name"]["value"] for b in data["results"]["bindings"]}
    assert "Smart Country Convention 2023" in names  # from a document graph, via the union


def test_post_form_and_direct_give_the_same_answer(dumps_server):
    url = dumps_server.url + "/sparql"
    form = requests.post(url, data={"query": SELECT}, timeout=30)
    direct = requests.post(url, data=SELECT.encode(), headers={"Content-Type": "application/sparql-query"},
                           timeout=30)
    assert form.status_code == direct.status_code == 200
    assert form.json() == direct.json() == get(dumps_server, query=SELECT).json()


@pytest.mark.parametrize(("accept", "media_type"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+json", SRJ),
    ("application/sparql-results+json;q=0.1, text/tab-separated-values;q=0.9", "text/tab-separated-values"),
    ("application/json", "application/json"),
])
def test_select_formats_by_accept(dumps_server, accept, media_type):
    r = get(dumps_server, accept, query=SELECT)
    assert r.status_code == 200
    assert r.headers["Content-Type"].split(";")[0] == media_type
    assert "Accept" in r.headers["Vary"]
    if media_type.endswith("xml"):
        root = ElementTree.fromstring(r.content)
        ns = "{http://www.w3.org/2005/sparql-results#}"
        assert [v.get("name") for v in root.iter(ns + "variable")] == ["e", "name"]
        expected = get(dumps_server, query=SELECT).json()["results"]["bindings"]
        assert len(list(root.iter(ns + "result"))) == len(expected)
    elif media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["e", "name"] and rows[1][0].startswith(BASE + "id/event/")
    elif media_type == "text/tab-separated-values":
        lines = r.text.splitlines()
        assert lines[0] == "?e\t?name" and lines[1].startswith(f"<{BASE}id/event/")


@pytest.mark.parametrize(("fmt", "media_type"), [("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
                                                 ("xml", "application/sparql-results+xml"), ("json", SRJ)])
def test_format_parameter_overrides_accept(dumps_server, fmt, media_type):
    r = get(dumps_server, "application/sparql-results+json", query=SELECT, format=fmt)
    assert r.status_code == 200 and r.headers["Content-Type"].split(";")[0] == media_type


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
    ("application/n-triples", "nt"), ("application/rdf+xml", "xml"),
])
def test_construct_and_describe_in_every_rdf_syntax(dumps_server, accept, rdflib_format):
    construct = ("PREFIX schema: <https://schema.org/> "
                 "CONSTRUCT { ?e schema:name ?n } WHERE { ?e schema:name ?n }")
    for query in (construct, f"DESCRIBE <{BASE}id/event/sccon-2023>"):
        r = get(dumps_server, accept, query=query)
        assert r.status_code == 200 and r.headers["Content-Type"].split(";")[0] == accept
        g = Graph().parse(data=r.content, format=rdflib_format)
        assert len(g) > 0
        assert (URIRef(f"{BASE}id/event/sccon-2023"), None, None) in g


def test_ask_json_and_xml(dumps_server):
    ask = f"ASK {{ <{BASE}id/event/sccon-2023> ?p ?o }}"
    assert get(dumps_server, query=ask).json()["boolean"] is True
    xml = get(dumps_server, "application/sparql-results+xml", query=ask)
    assert b"<boolean>true</boolean>" in xml.content


def test_graph_per_document_and_protocol_dataset(dumps_server):
    graphs = get(dumps_server, query="SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }").json()
    names = {b["g"]["value"] for b in graphs["results"]["bindings"]}
    assert f"{BASE}graph/authority" in names and len(names) >= 2
    authority = f"{BASE}graph/authority"
    only = get(dumps_server, query="SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", **{"default-graph-uri": authority})
    union = get(dumps_server, query="SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    n_only = int(only.json()["results"]["bindings"][0]["n"]["value"])
    n_union = int(union.json()["results"]["bindings"][0]["n"]["value"])
    assert 0 < n_only < n_union
    # named-graph-uri restricts GRAPH ?g to the listed graphs
    named = get(dumps_server, query="SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }",
                **{"named-graph-uri": authority})
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [authority]


def test_not_acceptable_and_bad_requests(dumps_server):
    assert get(dumps_server, "image/png", query=SELECT).status_code == 406
    assert get(dumps_server, query="SELECT * {").status_code == 400
    assert get(dumps_server, query=SELECT, format="pdf").status_code == 400
    r = requests.put(dumps_server.url + "/sparql", params={"query": "ASK {}"}, timeout=30)
    assert r.status_code == 405


def test_updates_are_refused_and_change_nothing(dumps_server):
    url = dumps_server.url + "/sparql"
    count = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
    before = get(dumps_server, query=count).json()
    insert = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }"
    attempts = [
        requests.post(url, data=insert.encode(), headers={"Content-Type": "application/sparql-update"},
                      timeout=30),
        requests.post(url, data={"update": insert}, timeout=30),
        requests.post(url, data={"update": "CLEAR ALL"}, timeout=30),
        requests.get(url, params={"update": "CLEAR ALL"}, timeout=30),
        get(dumps_server, query=insert),
        get(dumps_server, query="PREFIX x: <urn:x:> DELETE WHERE { ?s ?p ?o }"),
        get(dumps_server, query="LOAD <http://127.0.0.1:9/data.ttl>"),
    ]
    for r in attempts:
        assert 400 <= r.status_code < 500, r.text
    assert "read-only" in attempts[0].json()["detail"]
    assert get(dumps_server, query=count).json() == before
    assert get(dumps_server, query="ASK { GRAPH ?g { <urn:x:s> ?p ?o } }").json()["boolean"] is False


def test_service_load_and_remote_from_are_refused_and_no_connection_is_made(dumps_server):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    try:
        for query in (f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                      f"select * {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                      f"PREFIX r: <http://127.0.0.1:{port}/> "
                      "SELECT * { ?x ?y ?z . SERVICE r:sparql { ?s ?p ?o } }"):
            r = get(dumps_server, query=query)
            assert r.status_code == 400 and "SERVICE" in r.json()["detail"]
        for query in (f"LOAD <http://127.0.0.1:{port}/data.ttl>",
                      f"SELECT * FROM <http://127.0.0.1:{port}/data.ttl> {{ ?s ?p ?o }}",
                      f"SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
            assert 400 <= get(dumps_server, query=query).status_code < 500
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()


def test_from_a_remote_graph_is_refused_but_local_graphs_work(dumps_server):
    remote = get(dumps_server, query="SELECT * FROM <http://127.0.0.1:9/remote.ttl> { ?s ?p ?o }")
    assert remote.status_code == 400 and "never fetches" in remote.json()["detail"]
    named = get(dumps_server, query="PREFIX g: <http://127.0.0.1:9/> SELECT * FROM NAMED g:x { ?s ?p ?o }")
    assert named.status_code == 400
    local = get(dumps_server, query=f"SELECT (COUNT(*) AS ?n) FROM <{BASE}graph/authority> {{ ?s ?p ?o }}")
    assert local.status_code == 200 and int(local.json()["results"]["bindings"][0]["n"]["value"]) > 0
    # GRAPH over a graph that is not here is simply empty
    empty = get(dumps_server, query="ASK { GRAPH <http://127.0.0.1:9/g> { ?s ?p ?o } }")
    assert empty.json()["boolean"] is False


@pytest.mark.parametrize(("query", "refused"), [
    ("SELECT ?service { ?service ?p ?o }", False),
    ('SELECT * { ?s ?p "SERVICE <http://x/>" }', False),
    ("PREFIX ex: <http://example.org/> SELECT * { ?s ex:SERVICE ?o }", False),
    ("# SERVICE <http://x/>\nSELECT * { ?s ?p ?o }", False),
    ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
    ("SELECT * {SERVICE<http://x/>{?s ?p ?o}}", True),
])
def test_service_detection_ignores_strings_comments_and_names(query, refused):
    from sccon_ld.web.sparql import ProtocolError

    if refused:
        with pytest.raises(ProtocolError):
            check_query(query, SERVICE_DATASET, set())
    else:
        check_query(query, SERVICE_DATASET, set())


def test_service_description(dumps_server):
    r = requests.get(dumps_server.url + "/sparql", timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = URIRef(dumps_server.url + "/sparql")
    assert (endpoint, URIRef(sd + "endpoint"), endpoint) in g
    assert (endpoint, None, URIRef(sd + "UnionDefaultGraph")) in g
    names = set(g.objects(None, URIRef(sd + "name")))
    assert URIRef(f"{BASE}graph/authority") in names
    xml = requests.get(dumps_server.url + "/sparql", headers={"Accept": "application/rdf+xml"}, timeout=30)
    assert xml.headers["Content-Type"].startswith("application/rdf+xml")
    assert len(Graph().parse(data=xml.content, format="xml")) == len(g)


def test_cors(dumps_server):
    r = get(dumps_server, query="ASK {}")
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    pre = requests.options(dumps_server.url + "/sparql", timeout=30, headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code == 204
    assert pre.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "content-type" in pre.headers["Access-Control-Allow-Headers"].lower()
    error = get(dumps_server, query="SELECT * {")
    assert error.headers["Access-Control-Allow-Origin"] == "*"


def test_query_page_without_cdn(dumps_server):
    r = requests.get(dumps_server.url + "/sparql", headers={"Accept": "text/html,*/*;q=0.8", "Accept-Language": "en"}, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert '<form class="sparql"' in r.text and "<textarea" in r.text
    assert "Competency questions" in r.text
    for external in ("http://", "https://"):
        for tag in ("<script src=\"" + external, "<link rel=\"stylesheet\" href=\"" + external):
            assert tag not in r.text
    table = get(dumps_server, "text/html", query=SELECT)
    assert table.status_code == 200
    assert "Smart Country Convention 2023" in table.text and "<table>" in table.text
    assert 'href="/id/event/sccon-2023"' in table.text  # dataset IRIs open on this server
    unsafe = get(dumps_server, "text/html", query='SELECT ?x { BIND(IRI("javascript:alert(1)") AS ?x) }')
    assert unsafe.status_code == 200 and "javascript:alert(1)" in unsafe.text
    assert 'href="javascript:' not in unsafe.text
    error = get(dumps_server, "text/html", query="SELECT * {")
    assert error.status_code == 400 and "sparql-error" in error.text


def test_query_page_lists_the_competency_questions(tmp_path, monkeypatch, dumps_server):
    from sccon_ld.web import sparql

    (tmp_path / "cq01.rq").write_text("# 1. Every edition\nSELECT * { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    (tmp_path / "cq02.rq").write_text("# 2. Most participants\nASK {}\n", encoding="utf-8")
    monkeypatch.setattr(sparql, "QUERIES_DIR", tmp_path)
    page = requests.get(dumps_server.url + "/sparql", headers={"Accept": "text/html"}, timeout=30).text
    assert "1. Every edition" in page and "2. Most participants" in page
    edit = requests.get(dumps_server.url + "/sparql", params={"example": "cq02"}, timeout=30).text
    assert "# 2. Most participants\nASK {}\n</textarea>" in edit


def test_competency_questions_shipped_in_the_repo_run(dumps_server):
    from sccon_ld.web.sparql import examples

    shipped = examples()
    if not shipped:
        pytest.skip("queries/cq*.rq not in the repository yet")
    for ex in shipped:
        r = get(dumps_server, query=ex.query)
        assert r.status_code == 200, (ex.name, r.text)
        json.loads(r.content)


def test_head_without_a_query_answers_like_get(dumps_server):
    url = dumps_server.url + "/sparql"
    got = requests.get(url, timeout=30)
    head = requests.head(url, timeout=30)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["Content-Type"] == got.headers["Content-Type"]
    assert head.headers.get("ETag") == got.headers.get("ETag")
    page = requests.head(url, headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    with_query = requests.head(url, params={"query": "ASK {}"}, timeout=30)
    assert with_query.status_code == 200 and with_query.headers["Content-Type"].startswith(SRJ)
    assert "HEAD" in requests.options(url, timeout=30).headers["Allow"]


QUERY_FORMS = {
    "select": SELECT,
    "ask": f"ASK {{ <{BASE}id/event/sccon-2023> ?p ?o }}",
    "construct": "PREFIX schema: <https://schema.org/> CONSTRUCT { ?e schema:name ?n } WHERE { ?e schema:name ?n }",
    "describe": f"DESCRIBE <{BASE}id/event/sccon-2023>",
}


def parsed(media_type: str, body: bytes) -> int:
    """How many solutions, booleans or triples ``body`` holds, parsed as ``media_type``."""
    if media_type == SRJ:
        data = json.loads(body)
        return 1 if "boolean" in data else len(data["results"]["bindings"])
    if media_type == "application/sparql-results+xml":
        root = ElementTree.fromstring(body)
        ns = "{http://www.w3.org/2005/sparql-results#}"
        return len(list(root.iter(ns + "boolean"))) + len(list(root.iter(ns + "result")))
    if media_type in ("text/csv", "text/tab-separated-values"):
        return len(body.decode().splitlines()) - 1
    return len(Graph().parse(data=body, format=support.RDFLIB_FORMATS[media_type]))


@pytest.mark.parametrize(("form", "how", "value", "media_type"), [
    ("select", "format", "xml", "application/sparql-results+xml"),
    ("select", "format", "text/csv", "text/csv"),
    ("select", "accept", "text/csv;q=0.2, application/sparql-results+xml;q=0.8", "application/sparql-results+xml"),
    ("select", "accept", "text/turtle, text/tab-separated-values;q=0.5", "text/tab-separated-values"),
    ("ask", "format", "xml", "application/sparql-results+xml"),
    ("ask", "format", "json", SRJ),
    ("ask", "accept", "application/sparql-results+json;q=0.3, application/sparql-results+xml;q=0.9",
     "application/sparql-results+xml"),
    ("ask", "accept", "text/csv, application/sparql-results+xml;q=0.5", "application/sparql-results+xml"),
    ("construct", "format", "ntriples", "application/n-triples"),
    ("construct", "format", "json", "application/ld+json"),
    ("construct", "format", "xml", "application/rdf+xml"),
    ("construct", "accept", "application/rdf+xml;q=0.5, application/n-triples;q=0.9, */*;q=0.1",
     "application/n-triples"),
    ("construct", "accept", "application/sparql-results+json, text/turtle;q=0.5", "text/turtle"),
    ("describe", "format", "jsonld", "application/ld+json"),
    ("describe", "format", "turtle", "text/turtle"),
    ("describe", "accept", "text/turtle;q=0.4, application/ld+json;q=0.6", "application/ld+json"),
    ("describe", "accept", "application/rdf+xml;q=0.9, text/turtle;q=0.1", "application/rdf+xml"),
])
def test_format_parameter_and_accept_q_values_for_every_query_form(dumps_server, form, how, value,
                                                                    media_type):
    r = get(dumps_server, value, query=QUERY_FORMS[form]) if how == "accept" else get(
        dumps_server, "application/sparql-results+json, text/turtle;q=0.9", query=QUERY_FORMS[form], format=value)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].split(";")[0] == media_type
    assert parsed(media_type, r.content) > 0


@pytest.mark.parametrize(("form", "how", "value"), [
    ("construct", "format", "csv"), ("select", "format", "turtle"), ("ask", "format", "tsv"),
    ("ask", "accept", "text/csv"), ("describe", "accept", "application/sparql-results+json"),
])
def test_a_format_the_query_form_cannot_take_is_406_with_a_message(dumps_server, form, how, value):
    r = get(dumps_server, value, query=QUERY_FORMS[form]) if how == "accept" else get(
        dumps_server, query=QUERY_FORMS[form], format=value)
    assert r.status_code == 406 and "offered as" in r.text  # the error body is in the format asked for


def count(server, query: str = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", method: str = "get", **params) -> int:
    if method == "form":
        r = requests.post(server.url + "/sparql", data={"query": query, **params}, timeout=30)
    elif method == "direct":
        r = requests.post(server.url + "/sparql", params=params, data=query.encode(),
                          headers={"Content-Type": "application/sparql-query"}, timeout=30)
    else:
        r = get(server, query=query, **params)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_protocol_dataset_semantics(dumps_server):
    authority, pm, blog = (f"{BASE}graph/{name}" for name in ("authority", "pm-2023", "blog-2020"))
    per_graph = {g: count(dumps_server, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
                 for g in (authority, pm, blog)}
    assert all(per_graph.values())
    # several default-graph-uri: the default graph is their merge
    merged = count(dumps_server, **{"default-graph-uri": [pm, blog]})
    assert max(per_graph[pm], per_graph[blog]) < merged <= per_graph[pm] + per_graph[blog]
    # the protocol dataset replaces FROM in the query; form and direct POST read it too
    assert count(dumps_server, f"SELECT (COUNT(*) AS ?n) FROM <{pm}> {{ ?s ?p ?o }}",
                 **{"default-graph-uri": blog}) == per_graph[blog]
    assert count(dumps_server, method="form", **{"default-graph-uri": blog}) == per_graph[blog]
    assert count(dumps_server, method="direct", **{"default-graph-uri": blog}) == per_graph[blog]
    # only named-graph-uri: the default graph is empty, GRAPH sees just the named ones
    assert count(dumps_server, **{"named-graph-uri": pm}) == 0
    in_named = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
    assert count(dumps_server, in_named, **{"named-graph-uri": [pm, blog]}) == per_graph[pm] + per_graph[blog]
    # only default-graph-uri: no named graphs
    assert count(dumps_server, in_named, **{"default-graph-uri": authority}) == 0
    # both
    assert count(dumps_server, in_named, **{"default-graph-uri": authority, "named-graph-uri": pm}) == per_graph[pm]
    bad = get(dumps_server, query="ASK {}", **{"default-graph-uri": "not an iri"})
    assert bad.status_code == 400 and "IRI" in bad.json()["detail"]


def test_a_remote_dataset_graph_is_empty_and_never_fetched(dumps_server):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(1.0)
    remote = f"http://127.0.0.1:{listener.getsockname()[1]}/data.ttl"
    try:
        assert count(dumps_server, **{"default-graph-uri": remote}) == 0
        assert count(dumps_server, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }",
                     **{"named-graph-uri": remote}) == 0
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()

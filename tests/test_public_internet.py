"""Safe on the public internet, against a real gunicorn on loopback (as ``sccon-ld serve`` runs it):
forwarded headers, CORS, hostile nesting, long GET queries, per-client fair share, slow clients,
Range as RFC 9110 says, and one error format (RFC 9457 problem details) everywhere.

Clients differ by source address: all of 127.0.0.0/8 is loopback, so 127.0.0.2 and 127.0.0.3 are
two clients to the server, and 127.0.0.4 plays the trusted reverse proxy of the settings.
Every socket has a timeout; every loop is bounded in count and time.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import requests
import test_sparql_support as support
from conftest import PROJECT_ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(PROJECT_ROOT))
from benchmarks.servers import project_server, session_from  # noqa: E402

dumps_release = support.dumps_release  # shared fixture
PROXY = "127.0.0.4"
QUERY_TIMEOUT = 4.0
READ_TIMEOUT = 2.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n0 ?o }"
PROBLEM = "application/problem+json"
ENTITY = "person/nancy-faeser"
TIMEOUT = 30


@pytest.fixture(scope="module")
def server(dumps_release: Path, tmp_path_factory) -> Iterator[str]:
    config = tmp_path_factory.mktemp("public") / "public.toml"
    config.write_text(f'[server]\ntrusted_proxies = ["{PROXY}"]\nread_timeout = {READ_TIMEOUT}\n'
                      f"[sparql]\nquery_timeout = {QUERY_TIMEOUT}\nqueue_wait = 1.0\n", encoding="utf-8")
    with project_server(dumps_release, workers=2, config=config) as url:
        yield url


def get(url: str, path: str, source: str | None = None, **headers: str) -> requests.Response:
    return session_from(source).get(url + path, headers=headers, allow_redirects=False, timeout=TIMEOUT)


def assert_problem(r: requests.Response, status: int) -> dict:
    """The body is RFC 9457 problem details for ``status``."""
    assert r.status_code == status, r.text[:300]
    assert r.headers["Content-Type"] == PROBLEM, r.headers
    body = r.json()
    assert body["type"] == "about:blank" and body["status"] == status and body["title"] and body["detail"]
    return body


# ---------------------------------------------------------------- forwarded headers

FORGED = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https", "X-Forwarded-Prefix": "/evil",
          "X-Forwarded-Port": "8443", "X-Forwarded-For": "203.0.113.9", "Forwarded": "host=evil.example"}


@pytest.mark.parametrize("path", [f"/id/{ENTITY}", f"/doc/{ENTITY}.jsonld", f"/doc/{ENTITY}.ttl", "/dumps/",
                                  "/.well-known/void", "/sparql"])
def test_a_clients_own_forwarded_headers_change_nothing(server, path):
    plain, forged = get(server, path), get(server, path, **FORGED)
    assert forged.status_code == plain.status_code
    assert forged.headers.get("Location") == plain.headers.get("Location")
    assert forged.headers.get("ETag") == plain.headers.get("ETag")
    assert forged.content == plain.content
    assert b"evil" not in forged.content and "evil" not in str(forged.headers)


def test_the_trusted_proxys_forwarded_headers_apply_and_vary(server):
    proxied = get(server, f"/id/{ENTITY}", PROXY, **{"X-Forwarded-Host": "data.example.org",
                                                     "X-Forwarded-Proto": "https"})
    assert proxied.status_code == 303
    assert proxied.headers["Location"].startswith("https://data.example.org/doc/")
    vary = {v.strip().lower() for v in proxied.headers["Vary"].split(",")}
    assert {"accept", "x-forwarded-host", "x-forwarded-proto"} <= vary
    body = get(server, f"/doc/{ENTITY}.jsonld", PROXY, **{"X-Forwarded-Host": "data.example.org"})
    assert b"http://data.example.org/context.jsonld" in body.content
    assert "x-forwarded-host" in body.headers["Vary"].lower()


# ---------------------------------------------------------------- CORS

CROSS_ORIGIN = [f"/id/{ENTITY}", f"/doc/{ENTITY}", f"/doc/{ENTITY}.ttl", "/dumps/", "/dumps/latest/",
                "/dumps/latest/sccon.ttl", "/.well-known/void", "/catalog", "/sparql?query=ASK%7B%7D",
                "/context.jsonld", "/openapi.json", "/doc/person/nobody"]


@pytest.mark.parametrize("path", CROSS_ORIGIN)
def test_cors_on_every_resource_a_client_reads(server, path):
    r = get(server, path, Origin="https://client.example", Accept="text/turtle")
    assert r.status_code < 500
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    exposed = {h.strip().lower() for h in r.headers["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "link", "content-range", "location"} <= exposed


@pytest.mark.parametrize("path", [f"/doc/{ENTITY}", "/dumps/latest/sccon.ttl", "/sparql"])
def test_preflight_is_answered(server, path):
    r = session_from(None).options(server + path, timeout=TIMEOUT, headers={
        "Origin": "https://client.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "range, accept"})
    assert r.status_code in (200, 204)
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in r.headers["Access-Control-Allow-Methods"]
    assert "range" in r.headers["Access-Control-Allow-Headers"].lower()


# ---------------------------------------------------------------- hostile nesting

def sparql_post(url: str, query: str, accept: str = "application/sparql-results+json") -> requests.Response:
    return requests.post(url + "/sparql", data=query.encode("utf-8"), timeout=TIMEOUT,
                         headers={"Content-Type": "application/sparql-query", "Accept": accept})


@pytest.mark.parametrize("query", [
    "ASK {" + "{" * 3000 + "}" * 3000 + "}",
    "ASK { FILTER(" + "(" * 5000 + "true" + ")" * 5000 + ") }",
    "ASK { ?s <http://x/p> " + "(" * 300 + "1" + ")" * 300 + " }",  # exponential in the engine's parser
    "ASK { ?s <http://x/p> " + "[ <http://x/p> " * 600 + "1" + " ]" * 600 + " }",
    "SELECT * {" + "{ SELECT * WHERE " * 1000 + "{}" + " }" * 1000 + "}",
    "ASK {" + "{" * 5000,  # unbalanced
], ids=["braces", "parens", "collections", "blank-nodes", "sub-selects", "unbalanced"])
def test_deep_nesting_is_refused_before_the_engine(server, query):
    body = assert_problem(sparql_post(server, query), 400)
    assert "max_nesting_depth" in body["detail"]
    assert sparql_post(server, "ASK {}").json()["boolean"] is True  # the workers are fine


_ATOMS = st.sampled_from(["?s ?p ?o .", "FILTER(true)", "1", "?x", "<http://x/p>", "'}'", "# {\n", "UNION",
                          "OPTIONAL", "a", ",", ";", "&&", "!", "-", "\"(\"", "[]", "VALUES ?x { 1 }"])


def _nested(depth_and_kind: tuple[int, str], inner: str) -> str:
    depth, kind = depth_and_kind
    opening, closing = {"{": ("{", "}"), "(": ("(", ")"), "[": ("[ <http://x/p> ", "]")}[kind]
    return opening * depth + inner + closing * depth


NESTINGS = st.recursive(
    _ATOMS,
    lambda inner: st.one_of(
        st.builds(_nested, st.tuples(st.integers(1, 3000), st.sampled_from("{(["))
                  .filter(lambda t: t[0] * 16 < 20_000), inner),
        st.lists(inner, min_size=1, max_size=4).map(" ".join),
        st.builds(lambda a, b: f"{a} UNION {b}", inner, inner)),
    max_leaves=12)


@settings(max_examples=60, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(body=NESTINGS, form=st.sampled_from(["ASK {{ {} }}", "SELECT * {{ {} }} LIMIT 1", "ASK {{ FILTER({}) }}",
                                          "CONSTRUCT {{ ?s ?p ?o }} {{ {} }} LIMIT 1"]))
def test_fuzzed_nesting_never_kills_a_worker(server, body, form):
    query = form.format(body)[:20_000]
    r = sparql_post(server, query)
    assert r.status_code in (200, 400), (r.status_code, r.text[:300], query[:200])
    if r.status_code == 400:
        assert r.headers["Content-Type"] == PROBLEM


# ---------------------------------------------------------------- long GET queries, gunicorn's own refusals

def test_a_get_query_of_max_query_chars_is_answered(server):
    limit = 20_000  # sparql.max_query_chars (default)
    head = "ASK {} # "
    query = head + "ü𝄞" * ((limit - len(head)) // 2)
    query += "x" * (limit - len(query))
    assert len(query) == limit
    r = get(server, "/sparql?query=" + quote(query, safe=""), Accept="application/sparql-results+json")
    assert r.status_code == 200 and r.json()["boolean"] is True
    too_long = get(server, "/sparql?query=" + quote(query + "x", safe=""))
    assert str(limit) in assert_problem(too_long, 413)["detail"]


def test_past_the_request_line_limit_the_error_is_ours(server):
    r = get(server, "/sparql?query=" + "A" * 300_000)
    assert "max_request_line_bytes" in assert_problem(r, 414)["detail"]
    r = get(server, "/", **{"X-Huge": "a" * 20_000})
    assert_problem(r, 431)


def test_a_malformed_request_gets_problem_details_from_gunicorn(server):
    host, port = urlsplit(server).hostname, urlsplit(server).port
    for raw in (b"NOT HTTP AT ALL\r\n\r\n", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
                b"GET / HTTP/1.1\r\nBad Header\r\n\r\n"):
        with socket.create_connection((host, port), timeout=TIMEOUT) as s:
            s.sendall(raw)
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
        head, _, body = reply.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 4"), reply[:200]
        assert b"Content-Type: application/problem+json" in head
        assert json.loads(body)["status"] == int(head[9:12])


# ---------------------------------------------------------------- SPARQL errors are not results

@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values", "text/turtle", "application/json"])
def test_a_sparql_error_is_never_labelled_as_results(server, accept):
    r = requests.get(server + "/sparql", params={"query": "SELECT * {"}, headers={"Accept": accept}, timeout=TIMEOUT)
    assert "syntax" in assert_problem(r, 400)["detail"].lower()


def test_the_openapi_error_schema_is_what_is_sent(server):
    spec = get(server, "/openapi.json").json()
    schema = spec["components"]["responses"]["Error"]["content"][PROBLEM]["schema"]
    body = assert_problem(get(server, "/doc/person/nobody"), 404)
    assert set(schema["required"]) <= set(body) <= set(schema["properties"])


# ---------------------------------------------------------------- fair share

def _ask_from(url: str, source: str, query: str, timeout: float) -> tuple[int, float]:
    session = session_from(source)
    start = time.monotonic()
    r = session.get(url + "/sparql", params={"query": query}, timeout=timeout,
                    headers={"Accept": "application/sparql-results+json"})
    return r.status_code, time.monotonic() - start


def test_one_clients_runaway_queries_leave_the_others_answered(server):
    """Six runaway queries at a time from 127.0.0.2 for twice the query limit; meanwhile 127.0.0.3's
    ASK queries all answer, each within the 3 s the issue asks for (its client timeout)."""
    until = time.monotonic() + 2 * QUERY_TIMEOUT + 2
    runaway: list[int] = []

    def attacker() -> None:
        while time.monotonic() < until:
            runaway.append(_ask_from(server, "127.0.0.2", RUNAWAY, TIMEOUT)[0])

    attackers = [threading.Thread(target=attacker) for _ in range(6)]
    for t in attackers:
        t.start()
    time.sleep(0.5)
    answered: list[tuple[int, float]] = []
    try:
        while time.monotonic() < until and len(answered) < 200:
            answered.append(_ask_from(server, "127.0.0.3", "ASK { ?s ?p ?o }", 3.0))
            time.sleep(0.1)
    finally:
        for t in attackers:
            t.join(2 * TIMEOUT)
    assert answered and all(status == 200 for status, _ in answered), answered
    assert set(runaway) == {503}, runaway  # stopped by query_timeout or refused as over its share
    print(f"other client: {len(answered)} ASKs, slowest {max(s for _, s in answered):.2f} s; "
          f"runaway client: {len(runaway)} answers, all 503")


# ---------------------------------------------------------------- slow clients

def closed_by_server(s: socket.socket) -> bool:
    """The server closed ``s`` (end of stream or reset) before the socket's own timeout."""
    try:
        while data := s.recv(65536):
            if b"HTTP/1.1" not in data[:12] and not data.startswith(b"{"):
                return False
        return True
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_slow_clients_are_cut_off_and_do_not_block_others(server):
    host, port = urlsplit(server).hostname, urlsplit(server).port
    slow = []
    for _ in range(12):  # more than the threads of both workers
        s = socket.create_connection((host, port), timeout=TIMEOUT)
        s.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\nAccept: ")  # and never the rest
        slow.append(s)
    try:
        assert get(server, "/dumps/").status_code == 200
        for s in slow:  # each is closed by the server after read_timeout of silence
            assert closed_by_server(s)
    finally:
        for s in slow:
            s.close()


# ---------------------------------------------------------------- Range (RFC 9110)

@pytest.fixture(scope="module")
def dump(server) -> tuple[str, bytes]:
    url = server + "/dumps/latest/sccon.ttl"
    return url, requests.get(url, timeout=TIMEOUT).content


@pytest.mark.parametrize("header", ["bytes=0-9,20-29", "bytes=abc", "bytes=5-2", "items=0-9", "bytes=", "bytes=--1",
                                    "bytes=" + "9" * 100 + "-"])
def test_malformed_and_multi_ranges_get_the_whole_file(dump, header):
    url, whole = dump
    r = requests.get(url, headers={"Range": header}, timeout=TIMEOUT)
    assert r.status_code == 200 and r.content == whole


def test_one_range_gets_206_and_an_unsatisfiable_one_416_with_the_length(dump):
    url, whole = dump
    for header in ("bytes=0-9", "bytes=0-9,", "Bytes= 0-9 ,,"):  # empty list elements are allowed (RFC 9110 5.6.1)
        part = requests.get(url, headers={"Range": header}, timeout=TIMEOUT)
        assert part.status_code == 206 and part.content == whole[:10], header
        assert part.headers["Content-Range"] == f"bytes 0-9/{len(whole)}"
    for header in (f"bytes={len(whole)}-", f"bytes={len(whole) + 100}-{len(whole) + 200}", "bytes=-0"):
        r = requests.get(url, headers={"Range": header}, timeout=TIMEOUT)
        assert_problem(r, 416)
        assert r.headers["Content-Range"] == f"bytes */{len(whole)}", header


def test_dumps_latest_lists_the_files(server):
    listing = get(server, "/dumps/latest/", Accept="application/json")
    assert listing.status_code == 200
    files = listing.json()["files"]
    assert files and all(f["latest_url"].startswith(server + "/dumps/latest/") for f in files)
    page = get(server, "/dumps/latest/", Accept="text/html")
    assert page.status_code == 200 and "sccon.ttl" in page.text


def test_a_problem_body_is_valid_json_everywhere(server):
    for path in ("/doc/person/nobody", "/dumps/latest/nothing", "/sparql?query=ASK", "/no/route"):
        json.loads(get(server, path).content)

"""Hostile requests against a real server: every one gets a 4xx with a message in the format the
client asked for (JSON, plain text, HTML or an RDF syntax), never a 5xx, never a hang.

Requests go through ``http.client`` so the path reaches the server byte for byte (``requests``
would re-quote broken percent-escapes and drop ``..`` segments). Every socket has a timeout.
"""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import test_sparql_support as support
from rdflib import Graph

from sccon_ld.release import folders as release

dumps_release, dumps_server = support.dumps_release, support.dumps_server  # shared fixtures
TIMEOUT = 20.0
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}


@dataclass(frozen=True)
class Reply:
    status: int
    media_type: str
    headers: dict[str, str]
    body: bytes


def raw(port: int, method: str, path: str, headers: dict | None = None, body: bytes | None = None) -> Reply:
    """One request, sent as given, with a bounded wait for the whole answer."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        media_type = (r.getheader("Content-Type") or "").split(";")[0].strip()
        return Reply(r.status, media_type, {k.lower(): v for k, v in r.getheaders()}, data)
    finally:
        conn.close()


def message_of(reply: Reply) -> str:
    """The error message, read the way a client of that format would read it."""
    text = reply.body.decode("utf-8")
    if reply.media_type == "application/problem+json":
        body = json.loads(text)
        assert body["type"] == "about:blank" and body["status"] == reply.status and body["title"]
        return body["detail"]
    if reply.media_type == "text/turtle":
        assert len(Graph().parse(data=text, format="turtle")) == 0  # a valid, empty document
        return " ".join(line.lstrip("# ") for line in text.splitlines())
    return text


# (method, path, extra headers, body, expected status); {v} is the release version.
BAD = [
    ("GET", "/sparql?query=SELECT%20*%20%7B", {}, None, 400),  # malformed SPARQL
    ("GET", "/sparql?query=ASK%20%7B%7D%20%7D%7D%7D", {}, None, 400),
    ("GET", "/sparql?query=ASK%7B%7D&format=pdf", {}, None, 400),  # unknown result format
    ("GET", "/sparql?query=ASK%7B%7D&format=%00", {}, None, 400),
    ("GET", "/sparql?query=%E0%A4%A", {}, None, 400),  # broken percent-encoding
    ("GET", "/sparql?query=%ZZ%%", {}, None, 400),
    ("GET", "/sparql?query=%FF%FE", {}, None, 400),
    ("GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", {}, None, 400),
    ("GET", "/sparql?query=" + "A" * 30_000, {}, None, 413),  # longer than max_query_chars
    ("POST", "/sparql", DIRECT, b"ASK {}" + b" " * 1_100_000, 413),  # larger than max_request_bytes
    ("POST", "/sparql", FORM, b"query=" + b"A" * 1_100_000, 413),
    ("POST", "/sparql", FORM, b"query=%ZZ%E0", 400),
    ("POST", "/sparql", DIRECT, b"\xff\xfe ASK {}", 400),
    ("POST", "/sparql", {"Content-Type": "application/sparql-query; charset=latin-1"}, b"ASK {}", 415),
    ("POST", "/sparql", {"Content-Type": "image/png"}, b"\x89PNG", 415),
    ("POST", "/sparql", {}, b"ASK {}", 400),
    ("DELETE", "/sparql", {}, None, 405),
    ("GET", "/doc/person/%ZZ", {}, None, 404),
    ("GET", "/doc/person/%", {}, None, 404),
    ("GET", "/doc/person/%C3%28", {}, None, 404),
    ("GET", "/doc/../../etc/passwd", {}, None, 404),  # path traversal on /doc/
    ("GET", "/doc/person/..%2F..%2F..%2Fetc%2Fpasswd", {}, None, 404),
    ("GET", "/doc/%2e%2e/%2e%2e/manifest.json", {}, None, 404),
    ("GET", "/doc/person/%2Fetc%2Fpasswd", {}, None, 404),
    ("GET", "/doc/person/..%5C..%5Cmanifest.json", {}, None, 404),
    ("GET", "/doc/person/%00", {}, None, 404),
    ("GET", "/doc/person/nancy-faeser.ttl?page=%00", {}, None, 400),
    ("GET", "/doc/person/nancy-faeser.ttl?page=-1", {}, None, 400),
    ("GET", "/doc/person/nancy-faeser.ttl?page=" + "9" * 5000, {}, None, 400),
    ("GET", "/dumps/../current/dataset.nq", {}, None, 404),  # path traversal on /dumps/
    ("GET", "/dumps/%2e%2e/%2e%2e/current/manifest.json", {}, None, 404),
    ("GET", "/dumps/{v}/%2Fetc%2Fpasswd", {}, None, 404),
    ("GET", "/dumps/{v}/..%2Fmanifest.json", {}, None, 404),
    ("GET", "/dumps/{v}/%2e%2e%2fdataset.nq", {}, None, 404),
    ("GET", "/dumps/{v}/%00", {}, None, 404),
    ("GET", "/dumps/{v}/dumps.json", {}, None, 404),
    ("GET", "/dumps/latest/sccon.nq.gz%00.txt", {}, None, 404),
    ("GET", "/dumps/latest/..%2F..%2Fmanifest.json", {}, None, 404),
    ("GET", "/dumps/..%5C..%5Cmanifest.json", {}, None, 404),
    ("GET", "/dumps/%2Fetc%2Fpasswd/x", {}, None, 404),
    ("GET", "/static/..%2f..%2fsettings.toml", {}, None, 404),
    ("GET", "/list/%2e%2e", {}, None, 404),
]
ASKED = ["application/json", "text/plain", "text/html", "text/turtle"]


@pytest.fixture(scope="module")
def version(dumps_release: Path) -> str:
    return release.load(dumps_release).version


@pytest.mark.parametrize("accept", ASKED)
@pytest.mark.parametrize(("method", "path", "headers", "body", "status"), BAD,
                         ids=[f"{m} {p[:50]}" for m, p, *_ in BAD])
def test_bad_request_gets_a_4xx_with_a_message_in_the_asked_format(
        dumps_server, version, accept, method, path, headers, body, status):
    reply = raw(dumps_server.port, method, path.replace("{v}", version), {**headers, "Accept": accept}, body)
    assert reply.status == status, reply.body[:300]
    # JSON clients get problem details; SPARQL errors are never RDF (nor results): problem details
    expected = {"application/json": "application/problem+json"}.get(accept, accept)
    if path.startswith("/sparql") and accept == "text/turtle":
        expected = "application/problem+json"
    assert reply.media_type == expected, reply.headers
    message = message_of(reply)
    if accept == "text/html":
        assert "<script" not in message.split("</head>")[-1]  # a page, not a reflected script
    assert len(message.strip()) > 10 and "Traceback" not in message


def test_oversized_body_names_the_limit(dumps_server):
    reply = raw(dumps_server.port, "POST", "/sparql", DIRECT, b"ASK {}" + b" " * 1_100_000)
    assert reply.status == 413 and "Too Large" in json.loads(reply.body)["title"]
    assert reply.media_type == "application/problem+json"
    assert "1000000" in message_of(reply).replace(",", "").replace("_", "")


def test_no_route_leaves_a_folder(dumps_server, version):
    """Whatever the spelling, nothing outside the dumps of a release is ever sent."""
    for path in ("/dumps/{v}/manifest.json", "/dumps/{v}/../manifest.json", "/dumps/{v}/dataset.nq",
                 "/doc/../../../../etc/passwd", "//etc/passwd", "/%2Fetc%2Fpasswd", "/static//etc/passwd"):
        reply = raw(dumps_server.port, "GET", path.replace("{v}", version))
        assert reply.status in (308, 404), path
        assert b"root:" not in reply.body and b'"sha256"' not in reply.body


# Accept headers nobody sends on purpose: the answer is a normal negotiation result or a 406/431,
# never a 5xx; and it comes fast (a quadratic parser would take seconds on 2500 entries).
ABSURD_ACCEPT = [
    ("*/*", 200),
    ("*", 200),
    ("", 200),
    (";;;,,,;q=;/;*/;", 200),  # nothing valid in it: as if no header was sent
    ("text/turtle;q=garbage, application/ld+json;q=-1, */*;q=2", 200),
    ("text/turtle;q=NaN, text/turtle;q=inf, text/turtle;q=1e400", 200),
    ("image/png", 406),
    ("image/png;q=1, */*;q=0", 406),
    (", ".join(f"x/y{i};q=0.{i % 10}" for i in range(2500)), 406),  # thousands of entries
    (", ".join(f"x/y{i};q=0.{i % 10}" for i in range(2500)) + ", */*;q=0.1", 200),
    ("text/" + "a" * 40_000, 406),
    ("a" * 100_000, 431),  # over the HTTP server's line limit: refused before the app
]


@pytest.mark.parametrize(("accept", "status"), ABSURD_ACCEPT, ids=[a[:40] or "empty" for a, _ in ABSURD_ACCEPT])
@pytest.mark.parametrize("path", ["/doc/person/nancy-faeser", "/sparql?query=ASK%7B%7D", "/dumps/", "/"])
def test_absurd_accept_headers(dumps_server, path, accept, status):
    reply = raw(dumps_server.port, "GET", path, {"Accept": accept})
    assert reply.status < 500
    if status == 431:
        assert reply.status == 431
    elif status == 406:
        # "/" falls back to HTML rather than refusing; the others refuse with 406 and a message
        assert reply.status in (406, 200) if path == "/" else reply.status == 406
        if reply.status == 406:
            assert len(message_of(reply)) > 10
    else:
        assert reply.status == 200, reply.body[:200]

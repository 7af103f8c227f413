"""The W3C SPARQL 1.1 Protocol test suite, run against the live endpoint.

Built from ``../shared/refdata/sparql-protocol/manifest.ttl`` (see CASES.md there): every
``mf:ProtocolTest`` is a list of HTTP requests encoded in RDF (``ht:``/``cnt:``) with the
expected status class, result format and ASK value. ``data1/2/3.nt`` are loaded into the named
graphs the manifest names. Paths starting with ``/sparql/`` are rewritten to ``/sparql``.

The endpoint is read-only, so the seven SPARQL Update cases pass when the update is refused
with a 4xx (and nothing changes); every query case and malformed-request case must pass as
written. Run with ``-s`` to see the ``passed/total`` line.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import SHARED, LiveServer
from rdflib import RDF, RDFS, Graph, Namespace
from rdflib.collection import Collection
from test_sparql_support import serve

from sccon_ld.release import folders as release

SUITE = SHARED / "refdata" / "sparql-protocol"
MANIFEST = SUITE / "manifest.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
STATUS_CLASS = {"StatusCode2xx": 2, "StatusCode3xx": 3, "StatusCode4xx": 4, "StatusCode5xx": 5}
TABULAR = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values"}
RDF_TYPES = {"text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml",
             "application/n-quads", "application/trig"}


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[int]
    fmt: str | None
    boolean: bool | None


@dataclass(frozen=True)
class Case:
    name: str
    exchanges: tuple[Exchange, ...]
    graph_data: tuple[tuple[Path, str], ...]

    @property
    def is_update(self) -> bool:
        return self.name.startswith("update_")


def _exchange(g: Graph, node) -> Exchange:
    headers = {}
    for h in Collection(g, g.value(node, HT.headers)) if g.value(node, HT.headers) else []:
        headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
    body_node = g.value(node, HT.body)
    body = None
    if body_node is not None:
        encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(g.value(body_node, CNT.chars)).encode(encoding.lower())
    resp = g.value(node, HT.resp)
    statuses = frozenset(STATUS_CLASS[str(s).rsplit("#", 1)[1]] for s in g.objects(resp, MF.expectedStatus))
    fmt = g.value(resp, MF.expectedFormat)
    boolean = g.value(resp, MF.expectedBoolean)
    return Exchange(str(g.value(node, HT.methodName)), str(g.value(node, HT.absolutePath)), headers, body,
                    statuses, str(fmt) if fmt is not None else None,
                    boolean.toPython() if boolean is not None else None)


def load_cases() -> list[Case]:
    if not MANIFEST.is_file():
        return []
    g = Graph().parse(MANIFEST, format="turtle")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    cases = []
    for entry in Collection(g, g.value(manifest, MF.entries)):
        action = g.value(entry, MF.action)
        exchanges = tuple(_exchange(g, r) for r in Collection(g, g.value(action, HT.requests)))
        data = tuple((SUITE / Path(str(g.value(d, UT.graph))).name, str(g.value(d, RDFS.label)))
                     for d in g.objects(entry, UT.graphData))
        cases.append(Case(str(entry).rsplit("#", 1)[1], exchanges, data))
    return cases


CASES = load_cases()
needs_suite = pytest.mark.skipif(not CASES, reason=f"needs the W3C protocol manifest at {MANIFEST}")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A release holding data1/2/3.nt in the named graphs the manifest uses."""
    lines = set()
    for case in CASES:
        for path, graph in case.graph_data:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    lines.add(line.strip().removesuffix(".").rstrip() + f" <{graph}> .\n")
    out = tmp_path_factory.mktemp("w3c-protocol")
    release.publish(out, sorted(lines))
    with serve(out) as server:
        yield server


def send(server: LiveServer, ex: Exchange) -> tuple[int, str, bytes]:
    path = ex.path.replace("/sparql/", "/sparql", 1) if ex.path.startswith("/sparql/") else ex.path
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.putrequest(ex.method, path, skip_accept_encoding=True)
        for name, value in ex.headers.items():
            conn.putheader(name, value)
        conn.putheader("Content-Length", str(len(ex.body or b"")))
        conn.endheaders(ex.body)
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type", ""), resp.read()
    finally:
        conn.close()


def _boolean(content_type: str, body: bytes) -> bool | None:
    if "json" in content_type:
        return json.loads(body).get("boolean")
    if "xml" in content_type:
        node = ElementTree.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
        return None if node is None else node.text == "true"
    return None


def check(server: LiveServer, case: Case) -> str | None:
    """None if the case passes, else why not."""
    for i, ex in enumerate(case.exchanges):
        status, content_type, body = send(server, ex)
        media_type = content_type.split(";")[0].strip()
        if case.is_update:
            # Read-only endpoint: the update must be refused; the follow-up ASK must not see its effect.
            if i == 0 and status // 100 != 4:
                return f"update answered {status}, expected a 4xx refusal"
            if i > 0 and status // 100 == 2 and _boolean(media_type, body) is True and ex.boolean is True:
                return "the refused update seems to have had an effect"
            continue
        if status // 100 not in ex.statuses:
            return f"request {i}: status {status}, expected {sorted(ex.statuses)}xx: {body[:200]!r}"
        if ex.fmt == "tabular" and media_type not in TABULAR:
            return f"request {i}: {media_type} is not a tabular result format"
        if ex.fmt == "RDF" and media_type not in RDF_TYPES:
            return f"request {i}: {media_type} is not an RDF format"
        if ex.fmt == "boolean" or ex.boolean is not None:
            value = _boolean(media_type, body)
            if value is None or (ex.boolean is not None and value != ex.boolean):
                return f"request {i}: boolean {value}, expected {ex.boolean}"
    return None


@needs_suite
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_w3c_protocol_case(endpoint, case):
    assert check(endpoint, case) is None


@needs_suite
def test_w3c_protocol_summary(endpoint):
    failures = {c.name: why for c in CASES if (why := check(endpoint, c)) is not None}
    updates = sum(c.is_update for c in CASES)
    print(f"\nW3C SPARQL 1.1 Protocol: {len(CASES) - len(failures)}/{len(CASES)} passed "
          f"({updates} update cases refused with 4xx, as a read-only endpoint must)")
    assert not failures, failures
    assert len(CASES) == 34

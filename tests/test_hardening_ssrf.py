"""No request makes the server open a network connection (SSRF).

A listening socket on loopback records every connection it receives; its address is put into
every IRI a query could make a SPARQL engine or a JSON-LD processor dereference (``SERVICE``,
``FROM``, ``FROM NAMED``, ``GRAPH``, ``LOAD`` and other updates, the protocol's dataset
parameters, ``BASE``) and into the ``Host`` a JSON-LD document's context URL is built from.
Then the test proves no connection arrived.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import requests
import test_sparql_support as support

dumps_release, dumps_server = support.dumps_release, support.dumps_server  # shared fixtures
TIMEOUT = 30


class Listener:
    """A TCP server on 127.0.0.1 that only counts who connects (accept loop bounded by a stop flag)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections: list[tuple[str, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, addr = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections.append(addr)
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    bait = Listener()
    try:
        socket.create_connection(("127.0.0.1", bait.port), timeout=5).close()  # control: it does notice
        for _ in range(100):
            if bait.connections:
                break
            time.sleep(0.02)
        assert len(bait.connections) == 1, "the listener does not record connections"
        bait.connections.clear()
        yield bait
    finally:
        bait.close()


def queries(url: str) -> list[str]:
    """Every way a SPARQL request names a remote resource, aimed at ``url``."""
    return [
        f"SELECT * {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE SILENT <{url}sparql> {{ ?s ?p ?o }} }}",
        f"PREFIX r: <{url}> SELECT * {{ ?x ?y ?z . SERVICE r:sparql {{ ?s ?p ?o }} }} LIMIT 1",
        f"SELECT * {{ SERVICE ?endpoint {{ ?s ?p ?o }} VALUES ?endpoint {{ <{url}sparql> }} }}",
        f"SELECT * FROM <{url}data.ttl> {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}data.ttl> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"BASE <{url}> SELECT * FROM <data.ttl> {{ ?s ?p ?o }}",
        f"ASK {{ GRAPH <{url}x> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ GRAPH <{url}x> {{ ?s ?p ?o }} }}",
        f"DESCRIBE <{url}x>",
        f"CONSTRUCT {{ <{url}x> ?p ?o }} WHERE {{ GRAPH <{url}x> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ BIND(IRI('{url}x') AS ?x) ?x ?p ?o }}",
        f"LOAD <{url}data.ttl>",
        f"LOAD SILENT <{url}data.ttl> INTO GRAPH <urn:x:g>",
        f"INSERT DATA {{ GRAPH <{url}g> {{ <urn:x:s> <urn:x:p> <urn:x:o> }} }}",
        f"CREATE GRAPH <{url}g>",
        f"ADD <{url}a> TO <{url}b>",
        f"COPY <{url}a> TO DEFAULT",
        f"CLEAR GRAPH <{url}g>",
        f"DROP SILENT GRAPH <{url}g>",
    ]


def test_no_query_or_update_makes_a_connection(dumps_server, listener):
    url = f"http://127.0.0.1:{listener.port}/"
    endpoint = dumps_server.url + "/sparql"
    answers = []
    for query in queries(url):
        for accept in ("application/sparql-results+json", "application/ld+json"):
            answers.append(requests.get(endpoint, params={"query": query}, headers={"Accept": accept},
                                        timeout=TIMEOUT))
        answers.append(requests.post(endpoint, data={"update": query}, timeout=TIMEOUT))
        answers.append(requests.post(endpoint, data=query.encode(), timeout=TIMEOUT,
                                     headers={"Content-Type": "application/sparql-update"}))
    for params in ({"default-graph-uri": f"{url}data.ttl"}, {"named-graph-uri": f"{url}data.ttl"},
                   {"using-graph-uri": f"{url}data.ttl"}):
        answers.append(requests.get(endpoint, params={"query": "SELECT * { ?s ?p ?o }", **params},
                                    timeout=TIMEOUT))
    html = requests.get(endpoint, params={"query": f"ASK {{ GRAPH <{url}x> {{ ?s ?p ?o }} }}"},
                        headers={"Accept": "text/html"}, timeout=TIMEOUT)
    answers.append(html)
    assert all(r.status_code < 500 for r in answers), [r.text for r in answers if r.status_code >= 500]
    assert html.status_code == 200 and "false" in html.text.lower()
    time.sleep(0.3)  # let a late connection attempt reach the listener
    assert listener.connections == []


@pytest.mark.parametrize("path", [
    "/doc/person/nancy-faeser.jsonld", "/doc/person/nancy-faeser.html", "/doc/event/sccon-2023.jsonld",
    "/context.jsonld", "/.well-known/void.jsonld", "/catalog.jsonld", "/sparql", "/dataset", "/",
])
def test_jsonld_output_fetches_no_context(dumps_server, listener, path):
    """Context URLs are built from the Host: point it at the listener; nothing may fetch it."""
    bait = f"127.0.0.1:{listener.port}"
    for headers in ({"Host": bait}, {"X-Forwarded-Host": bait}):
        for accept in ("application/ld+json", "text/html"):
            r = requests.get(dumps_server.url + path, headers={**headers, "Accept": accept}, timeout=TIMEOUT)
            assert r.status_code in (200, 406), r.text[:300]
    time.sleep(0.3)
    assert listener.connections == []

"""The endpoint's bounds on a real server: size, rows, wall time (worker killed), concurrency.

The runaway query is a five-way cross product of the sample graph (~10^10 solutions): it never
finishes on its own, so only the timeout can end it. No assertion is about wall time: the
tests check status codes, messages and the order in which answers arrive.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import test_sparql_support as support
from conftest import LiveServer
from test_sparql_support import serve, with_sparql_limits

dumps_release = support.dumps_release  # shared fixture
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n0 ?o }"
CHEAP = "ASK {}"
TIMEOUT = 3.0


@pytest.fixture(scope="module")
def limited(dumps_release: Path) -> Iterator[LiveServer]:
    # Every request here comes from 127.0.0.1: the per-client share is above the pool, so these tests
    # see the global slots (the fair share between clients: tests/test_public_internet.py).
    limits = with_sparql_limits(query_timeout=TIMEOUT, max_result_rows=5, max_query_chars=500,
                                max_concurrent_queries=2, queue_wait=0.5, max_queries_per_client=3,
                                max_waiting_per_client=4)
    with serve(dumps_release, limits) as server:
        yield server


def ask(server: LiveServer, query: str, timeout: float = 60) -> requests.Response:
    return requests.get(server.url + "/sparql", params={"query": query}, timeout=timeout)


def pool(server: LiveServer):
    return server.server.app.extensions["sccon-sparql-pool"]


def wait_for_slots_taken(server: LiveServer, taken: int) -> None:
    """Bounded wait until ``taken`` queries hold a slot (so the next request meets them running)."""
    slots = pool(server)._slots
    for _ in range(200):
        if pool(server).size - slots._value >= taken:
            time.sleep(0.2)  # and give the workers a moment to start evaluating
            return
        time.sleep(0.05)
    raise AssertionError("the runaway queries never started")


def test_too_many_rows_is_an_error_not_a_silent_cut(limited):
    r = ask(limited, "SELECT * { ?s ?p ?o }")
    assert r.status_code == 400
    assert "more than 5 rows" in r.json()["detail"] and "LIMIT" in r.json()["detail"]
    assert ask(limited, "SELECT * { ?s ?p ?o } LIMIT 5").status_code == 200
    construct = ask(limited, "CONSTRUCT WHERE { ?s ?p ?o }")
    assert construct.status_code == 400 and "triples" in construct.json()["detail"]


def test_query_too_long(limited):
    long_query = "SELECT * { ?s ?p ?o } #" + "x" * 600
    r = requests.post(limited.url + "/sparql", data=long_query.encode(),
                      headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert r.status_code == 413 and "500" in r.json()["detail"]


def test_timeout_kills_the_worker_and_the_endpoint_recovers(limited):
    killed_before = pool(limited).killed
    r = ask(limited, RUNAWAY)
    assert r.status_code == 503
    assert "query_timeout" in r.json()["detail"] and r.headers.get("Retry-After")
    assert pool(limited).killed == killed_before + 1
    alive = [w for w in pool(limited)._all if w.alive()]
    assert len(alive) <= 2  # the killed worker is gone, not piling up
    assert ask(limited, CHEAP).json()["boolean"] is True


def test_a_runaway_query_does_not_block_others(limited):
    finished: list[str] = []
    statuses: dict[str, int] = {}

    def run(name: str, query: str) -> None:
        statuses[name] = ask(limited, query).status_code
        finished.append(name)

    runaway = threading.Thread(target=run, args=("runaway", RUNAWAY))
    runaway.start()
    wait_for_slots_taken(limited, 1)
    cheap = threading.Thread(target=run, args=("cheap", CHEAP))
    cheap.start()
    cheap.join(60)
    runaway.join(60)
    assert finished == ["cheap", "runaway"]
    assert statuses == {"cheap": 200, "runaway": 503}


def test_more_queries_than_slots_get_503_busy(limited):
    results: dict[str, requests.Response] = {}
    runaways = [threading.Thread(target=lambda i=i: results.__setitem__(f"r{i}", ask(limited, RUNAWAY)))
                for i in range(2)]
    for t in runaways:
        t.start()
    wait_for_slots_taken(limited, 2)
    busy = ask(limited, CHEAP)
    for t in runaways:
        t.join(60)
    assert busy.status_code == 503 and "busy" in busy.json()["detail"]
    assert [results[k].status_code for k in sorted(results)] == [503, 503]
    assert ask(limited, CHEAP).status_code == 200

"""Property-based fuzzing of the HTTP interface from its own OpenAPI description (schemathesis).

Every operation of ``/openapi.json`` gets a fixed number of generated requests, valid
(``positive``) and invalid (``negative``: wrong types, missing parameters, odd bodies), against
a real server on loopback with short SPARQL limits. The property: no answer is a 5xx. The run
is derandomised (the same requests every time) and bounded: examples per operation and mode
are fixed, each request has a timeout, the whole run takes well under 60 s.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import test_sparql_support as support
from conftest import LiveServer
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a test dependency (pyproject [test])")
from schemathesis import GenerationMode  # noqa: E402

dumps_release = support.dumps_release  # shared fixture
EXAMPLES = 30  # per operation and generation mode
REQUEST_TIMEOUT = 20


@pytest.fixture(scope="module")
def fuzzed(dumps_release: Path) -> Iterator[LiveServer]:
    limits = support.with_sparql_limits(query_timeout=2.0, max_concurrent_queries=2, queue_wait=1.0)
    with support.serve(dumps_release, limits) as server:
        yield server


def test_openapi_describes_every_route(fuzzed):
    spec = requests.get(fuzzed.url + "/openapi.json", timeout=REQUEST_TIMEOUT).json()
    assert spec["openapi"].startswith("3.")
    app = fuzzed.server.app
    routes = {rule.rule.replace("<path:", "{").replace("<", "{").replace(">", "}")
              for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    assert routes == set(spec["paths"])
    schemathesis.openapi.from_dict(spec).validate()  # a valid OpenAPI document


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_fuzz_never_5xx(fuzzed, mode):
    spec = requests.get(fuzzed.url + "/openapi.json", timeout=REQUEST_TIMEOUT).json()
    schema = schemathesis.openapi.from_dict(spec)
    session = requests.Session()
    server_errors: list[str] = []
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def call(case) -> None:
            nonlocal calls
            response = case.call(base_url=fuzzed.url, session=session, timeout=REQUEST_TIMEOUT,
                                 allow_redirects=False)
            calls += 1
            if response.status_code >= 500:
                server_errors.append(f"{case.method} {response.request.url} -> {response.status_code}: "
                                     f"{response.text[:200]}")

        try:
            call()
        except Unsatisfiable:
            assert mode == GenerationMode.NEGATIVE  # nothing to get wrong in an operation without input
    print(f"{mode}: {calls} requests")
    assert calls >= EXAMPLES, calls
    assert server_errors == []

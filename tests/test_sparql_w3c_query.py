"""The W3C SPARQL 1.1 query test slice (``../shared/refdata/sparql11-query``, 220 cases) through the
query path /sparql uses (``query_runner.execute``: dataset, engine, row cap, our result writers).

The few cases allowed to fail are data (``fixtures/w3c-query-allowed-failures.txt``, each with its
reason); one of them passing again fails the suite, so the list cannot go stale. The pass count is
printed in the test summary.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SHARED, requires_shared
from w3c_query import RESULT_TYPES, Case, cases, compare, store_for

from sccon_ld.store.query_runner import Job, QueryError, execute

ROOT = SHARED / "refdata" / "sparql11-query"
ALLOWED_FILE = FIXTURES / "w3c-query-allowed-failures.txt"
GRAPH_TYPES = ("application/n-triples",)
OUTCOMES: dict[str, bool] = {}  # case -> passed; read by conftest's terminal summary


def allowed_failures() -> dict[str, str]:
    out = {}
    for line in ALLOWED_FILE.read_text(encoding="utf-8").splitlines():
        name, _, reason = line.partition("#")
        if name.strip():
            out[name.strip()] = reason.strip()
    return out


CASES = cases(ROOT) if ROOT.is_dir() else []
ALLOWED = allowed_failures()


def run(case: Case) -> str | None:
    """None if our query path gives the expected answer, else what went wrong."""
    query = case.query.read_text(encoding="utf-8")
    result_type = RESULT_TYPES.get(case.result.suffix, "application/sparql-results+json") if case.result else None
    job = Job(store_dir="", query=query, base_iri=case.query.resolve().as_uri(),
              result_types=(result_type or "application/sparql-results+json",), graph_types=GRAPH_TYPES)
    try:
        answer = execute(store_for(case), job)
    except QueryError as e:
        if case.kind == "NegativeSyntaxTest11":
            return None if e.status == 400 else f"refused with {e.status}, not 400"
        return f"{e.status}: {e.message}"
    if case.kind == "NegativeSyntaxTest11":
        return "an invalid query was answered"
    return compare(case, answer.form, answer.media_type, answer.body)


@requires_shared
def test_the_slice_is_all_there() -> None:
    assert len(CASES) == 220
    assert set(ALLOWED) <= {c.name for c in CASES}, "allowed failures must name cases of the slice"


@requires_shared
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_w3c_query_case(case: Case) -> None:
    problem = run(case)
    OUTCOMES[case.name] = problem is None
    if case.name in ALLOWED:
        assert problem is not None, f"{case.name} passes now: take it off {ALLOWED_FILE.name}"
        pytest.xfail(f"allowed: {ALLOWED[case.name]} ({problem})")
    assert problem is None, problem

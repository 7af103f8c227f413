"""Real client-side engines against the server on loopback: Comunica (from the npm registry,
``tests/comunica/``, installed by ``make setup`` with ``npm ci``) answers three competency questions
(a) through /sparql, (b) through /fragments (Triple Pattern Fragments, evaluated client-side) and
(c) by link traversal from an entity IRI, and gets the endpoint's answers every time.

For (c) the engine starts at the entity's ``https://w3id.org/sccon/id/…`` IRI; its fetch sends
those IRIs to the loopback server (what w3id.org's redirect does in production) and refuses any
other host, so nothing leaves the machine.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import crawl_support
import pytest
import requests
from conftest import PROJECT_ROOT
from crawl_support import BASE

history, history_server = crawl_support.history, crawl_support.history_server  # shared fixtures
CLIENT = PROJECT_ROOT / "tests" / "comunica"
NODE = shutil.which("node")
QUERIES = PROJECT_ROOT / "queries"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
# competency question -> the entity IRI link traversal starts from
QUESTIONS = {"cq03": BASE + "id/event/sccon", "cq04": BASE + "id/event/sccon-2023", "cq05": BASE + "id/event/sccon"}

pytestmark = pytest.mark.skipif(
    NODE is None or not (CLIENT / "node_modules" / "@comunica").is_dir(),
    reason="needs Node and tests/comunica/node_modules (make setup runs npm ci)",
)


def normal(term: dict) -> tuple:
    """A result term, comparable across SPARQL JSON results and Comunica's terms."""
    if term["type"] in ("literal", "typed-literal"):
        lang = term.get("xml:lang") or term.get("lang")
        datatype = None if lang else (term.get("datatype") or XSD_STRING)
        return ("literal", term["value"], lang, None if datatype == LANG_STRING else datatype)
    return (term["type"], term["value"])


def rows(bindings: list[dict]) -> list[tuple]:
    return sorted(tuple(sorted((k, normal(v)) for k, v in b.items())) for b in bindings)


def endpoint(server, query: str) -> list[tuple]:
    r = requests.post(server.url + "/sparql", data=query.encode(), timeout=60,
                      headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    return rows(r.json()["results"]["bindings"])


def comunica_run(mode: str, question: str, source: str, server) -> dict:
    """One run of tests/comunica/query.js: rows, request count and the URLs it fetched."""
    args = [NODE, "query.js", mode, str(QUERIES / f"{question}.rq"), source, BASE, server.url + "/"]
    done = subprocess.run(args, cwd=CLIENT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def comunica(mode: str, question: str, source: str, server) -> tuple[list[tuple], int]:
    out = comunica_run(mode, question, source, server)
    return rows(out["rows"]), out["requests"]


def show(question: str, mode: str, answer: list[tuple], requests_made: int) -> None:
    print(f"\n{question} via {mode}: {len(answer)} rows, {requests_made} HTTP requests")
    for row in answer:
        print("   ", "  ".join(f"{k}={v[1]}" for k, v in row))


@pytest.mark.parametrize("question", sorted(QUESTIONS))
@pytest.mark.parametrize("mode", ["sparql", "fragments", "traversal"])
def test_comunica_gets_the_endpoints_answers(history_server, question, mode):
    expected = endpoint(history_server, (QUERIES / f"{question}.rq").read_text(encoding="utf-8"))
    assert expected, f"{question} has no answer on the sample release: nothing to compare"
    source = {"sparql": history_server.url + "/sparql", "fragments": history_server.url + "/fragments",
              "traversal": QUESTIONS[question]}[mode]
    out = comunica_run(mode, question, source, history_server)
    answer = rows(out["rows"])
    show(question, mode, answer, out["requests"])
    if mode == "traversal":
        # Link traversal joins over the triples of every document it fetched, kept per document: a triple
        # that several entity descriptions state yields its solution once per description. The answers,
        # as a set, are the endpoint's (whose default graph is a set, issue 10).
        answer = sorted(set(answer))
    assert answer == expected
    paths = [url[len(history_server.url):] for url in out["urls"]]
    assert paths and all(url.startswith(history_server.url) for url in out["urls"])
    if mode == "traversal":  # Cool URIs and their documents only: no query service was asked
        assert paths[0] == QUESTIONS[question][len(BASE) - 1:]
        assert not any(p.startswith(("/sparql", "/fragments")) for p in paths), paths
    else:
        assert all(p.startswith(f"/{mode}") for p in paths), paths


def test_fragments_client_reads_only_fragments(history_server):
    """The fragments engine asks /fragments and nothing else (no fallback to /sparql or documents)."""
    out = comunica_run("fragments", "cq05", history_server.url + "/fragments", history_server)
    assert out["rows"] and out["urls"]
    assert all(url.startswith(history_server.url + "/fragments") for url in out["urls"]), out["urls"]

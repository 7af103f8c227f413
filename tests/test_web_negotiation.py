"""negotiation.choose (RFC 9110 Accept) and the shared error format, rendered per Accept."""

from __future__ import annotations

import json

import pytest
import requests
from conftest import LiveServer
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph

from sccon_ld.web.negotiation import accepts, choose, parse_accept

OFFER = ["text/turtle", "application/ld+json", "text/html", "application/n-triples", "application/rdf+xml"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("", "text/turtle"),
        ("*/*", "text/turtle"),
        ("*", "text/turtle"),
        ("text/html", "text/html"),
        ("TEXT/HTML", "text/html"),
        ("text/turtle;q=0.5,text/html;q=0.3", "text/turtle"),
        ("text/turtle;q=0.3,text/html;q=0.5", "text/html"),
        ("application/rdf+xml;q=0.5,text/html;q=.3", "application/rdf+xml"),
        ("application/rdf+xml,text/html", "application/rdf+xml"),  # tie: client order
        ("text/html,application/rdf+xml", "text/html"),
        ("text/*", "text/turtle"),  # tie within a wildcard: server order
        ("text/*;q=0.9, text/html", "text/html"),  # specific range beats the wildcard
        ("text/html;q=0.2, */*;q=0.1", "text/html"),
        ("*/*;q=0.1, text/html;q=0.2", "text/html"),
        ("text/html, */*", "text/html"),  # explicit beats wildcard at equal q
        ("*/*, text/turtle;q=0", "application/ld+json"),  # q=0 excludes even under */*
        ("text/turtle;charset=utf-8", "text/turtle"),
        ("text/html;level=1;q=0.4, application/ld+json;q=0.3", "text/html"),
        ("text/html; q=0.8; foo=bar, application/n-triples; q=0.9", "application/n-triples"),
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
            "text/html",
        ),
        ("garbage, ;;, /, text/", "text/turtle"),  # nothing valid: as if absent
        (
            "text/html;q=abc, text/turtle;q=2, application/ld+json;q=0.5",
            "application/ld+json",
        ),  # bad q dropped
    ],
)
def test_choose(accept, expected):
    assert choose(accept, OFFER, "text/turtle") == expected


@pytest.mark.parametrize("accept", ["image/png", "text/turtle;q=0", "*/*;q=0", "image/*, audio/*"])
def test_nothing_acceptable_is_none(accept):
    assert choose(accept, OFFER, "text/turtle") is None


def test_offered_types_with_parameters_match_on_type():
    assert (
        choose("text/csv", ["application/json", "text/csv; charset=utf-8"], "application/json")
        == "text/csv; charset=utf-8"
    )


def test_parse_accept_keeps_client_order_and_q():
    ranges = parse_accept("a/b;q=0.5, c/*, */*;q=0")
    assert [(r.type, r.subtype, r.q, r.position) for r in ranges] == [
        ("a", "b", 0.5, 0),
        ("c", "*", 1.0, 1),
        ("*", "*", 0.0, 2),
    ]


def test_accepts():
    assert accepts(None, "text/html")
    assert accepts("text/*", "text/html")
    assert not accepts("text/*, text/html;q=0", "text/html")


media = st.sampled_from(OFFER + ["image/png", "text/*", "application/*", "*/*", "x/y"])
qvalue = st.one_of(st.none(), st.sampled_from(["0", "0.1", ".5", "1", "1.0", "0.999", "2", "x"]))


@given(st.lists(st.tuples(media, qvalue), max_size=6))
def test_choose_always_answers_from_the_offer(items):
    header = ", ".join(m + (f";q={q}" if q is not None else "") for m, q in items)
    chosen = choose(header, OFFER, "text/turtle")
    assert chosen is None or chosen in OFFER
    if chosen is not None:
        assert accepts(header, chosen)


# ------------------------------------------------------------------ error format over HTTP

MISSING = "/id/event/sccon-1999"


def test_error_is_problem_details_by_default(live_server):
    r = requests.get(live_server.url + MISSING, timeout=10)
    assert r.status_code == 404
    assert r.headers["Content-Type"] == "application/problem+json"
    body = r.json()
    assert body == {"type": "about:blank", "status": 404, "title": "Not Found", "detail": body["detail"]}
    assert "sccon-1999" in body["detail"]


@pytest.mark.parametrize(
    ("accept", "check"),
    [
        (
            "text/html",
            lambda r: (
                "<h1>404 Nicht gefunden</h1>" in r.text and '<header class="site">' in r.text  # the site's page
                and "default-src" in r.headers["Content-Security-Policy"]
            ),
        ),
        ("text/plain", lambda r: r.text.startswith("404 Not Found: ")),
        (
            "text/turtle",
            lambda r: len(Graph().parse(data=r.text, format="turtle")) == 0 and r.text.startswith("# 404"),
        ),
        ("application/n-triples", lambda r: r.text.startswith("# 404")),
        ("application/rdf+xml", lambda r: len(Graph().parse(data=r.text, format="xml")) == 0),
        ("application/ld+json", lambda r: json.loads(r.text)["status"] == 404),
    ],
)
def test_error_in_the_asked_format(live_server, accept, check):
    r = requests.get(live_server.url + MISSING, headers={"Accept": accept}, timeout=10)
    assert r.status_code == 404
    assert r.headers["Content-Type"].startswith(accept)
    assert check(r)


def test_error_html_escapes_the_path(live_server):
    r = requests.get(
        live_server.url + "/id/event/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        headers={"Accept": "text/html"},
        timeout=10,
    )
    assert r.status_code == 404
    assert "<script>" not in r.text and "&lt;script&gt;" in r.text


@pytest.mark.parametrize("path", ["/no/such/route", "/static/missing.css", "/list/unicorn"])
def test_unknown_routes_use_the_error_format(live_server, path):
    r = requests.get(live_server.url + path, timeout=10)
    assert r.status_code == 404
    assert r.headers["Content-Type"] == "application/problem+json" and r.json()["status"] == 404


def test_wrong_method_is_405_in_the_error_format(live_server):
    r = requests.delete(live_server.url + "/id/event/sccon-2023", timeout=10)
    assert r.status_code == 405
    assert r.json()["status"] == 405
    assert "GET" in r.headers["Allow"]


def test_unexpected_exception_is_a_json_500_without_traceback(sample_release):
    from sccon_ld.web.app import create_app

    app = create_app(sample_release)

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internal detail")

    with LiveServer(app) as server:
        r = requests.get(server.url + "/boom", headers={"Accept": "text/html"}, timeout=10)
    assert r.status_code == 500
    text = r.text
    assert "secret internal detail" not in text and "Traceback" not in text
    assert "<h1>500 Interner Fehler</h1>" in text

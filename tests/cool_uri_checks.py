"""The core Cool-URI checks as functions of a server's root URL, so that every server that publishes
a release (the Flask app, the static export under nginx) is held to the same HTTP behaviour.

The expected format always comes from the project's own negotiation rule
(``sccon_ld.web.negotiation.choose``); helpers and scenarios are those of test_cool_uris.py.
"""

from __future__ import annotations

import requests
from rdflib import Literal, URIRef
from test_cool_uris import BASE, RDF_TYPES, SCHEMA, VAPOUR_SCENARIOS, follow, parse, vary

from sccon_ld.web import negotiation, render

TIMEOUT = 10
ENTITY = "event/sccon-2023"
ENTITY_NAME = "Smart Country Convention 2023"
# Accept headers both servers must answer alike: each format alone, Vapour's, wildcards, none.
ACCEPTS = [None, "*/*", "text/*", *render.NEGOTIABLE, *dict.fromkeys(a for a, _ in VAPOUR_SCENARIOS if a)]
UNKNOWN = ["/id/event/sccon-1999", "/doc/event/sccon-1999", "/doc/event/sccon-1999.ttl",
           "/doc/person/nobody.jsonld", "/id/unicorn/x"]


def expected_ext(accept: str | None) -> str:
    """The document suffix the project's negotiation picks for ``accept``."""
    chosen = negotiation.choose(accept, tuple(render.NEGOTIABLE), render.BY_EXT[render.DEFAULT_EXT].media_type)
    assert chosen is not None
    return render.NEGOTIABLE[chosen]


def _get(url: str, accept: str | None = None, headers: dict | None = None) -> requests.Response:
    headers = {**({"Accept": accept} if accept is not None else {}), **(headers or {})}
    return requests.get(url, headers=headers, allow_redirects=False, timeout=TIMEOUT)


def check_thing_redirects(root: str, path: str, accept: str | None) -> None:
    """/id/... is 303 (never 200) to the document in the negotiated format, with Vary: Accept."""
    r = _get(f"{root}/id/{path}", accept)
    assert r.status_code == 303, (accept, r.status_code)
    assert r.headers["Location"] == f"{root}/doc/{path}.{expected_ext(accept)}", accept
    assert "accept" in vary(r)
    assert len(r.content) < 200 and "schema.org" not in r.text


def check_vapour_chain(root: str, path: str, accept: str | None) -> None:
    """Vapour's walk: one 303 hop, then a 200 whose RDF parses and describes the thing."""
    hops = follow(f"{root}/id/{path}", accept)
    assert [h.status_code for h in hops] == [303, 200]
    final = hops[-1]
    media = final.headers["Content-Type"].split(";")[0]
    if media != "text/html":
        graph = parse(final)
        assert (URIRef(BASE + "id/" + path), None, None) in graph


def check_fixed_document(root: str, path: str, ext: str) -> requests.Response:
    """/doc/....<ext> is 200 in its own media type with charset, whatever Accept says; validators."""
    media = render.BY_EXT[ext].media_type
    for accept in (None, "image/png", "text/html", "text/turtle"):
        r = _get(f"{root}/doc/{path}.{ext}", accept)
        assert r.status_code == 200, (ext, accept)
        assert r.headers["Content-Type"] == f"{media}; charset=utf-8"
        assert "accept" not in vary(r)
        assert r.headers.get("ETag") and r.headers.get("Last-Modified")
    if media in RDF_TYPES:
        graph = parse(r)
        thing = URIRef(BASE + "id/" + path)
        assert (thing, URIRef(SCHEMA + "name"), Literal(ENTITY_NAME)) in graph or path != ENTITY
        assert (URIRef(BASE + "doc/" + path), URIRef("http://xmlns.com/foaf/0.1/primaryTopic"), thing) in graph
    else:
        assert ENTITY_NAME in r.text or path != ENTITY
    return r


def check_conditional_get(root: str, path: str) -> None:
    """A client holding the current ETag gets 304 without a body."""
    url = f"{root}/doc/{path}.ttl"
    etag = _get(url).headers["ETag"]
    r = _get(url, headers={"If-None-Match": etag})
    assert r.status_code == 304 and r.content == b""


def check_negotiated_document(root: str, path: str, accept: str | None) -> None:
    """/doc/... without suffix negotiates: Vary: Accept and Content-Location naming the variant."""
    ext = expected_ext(accept)
    r = _get(f"{root}/doc/{path}", accept)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == f"{render.BY_EXT[ext].media_type}; charset=utf-8", accept
    assert "accept" in vary(r)
    assert r.headers["Content-Location"] == f"{root}/doc/{path}.{ext}"


def check_unknown(root: str, path: str) -> None:
    """An entity the release does not have is 404 on the thing and on every document; no redirect."""
    r = _get(root + path, "text/turtle")
    assert r.status_code == 404, path
    assert "Location" not in r.headers


def check_unacceptable(root: str, path: str) -> None:
    """An Accept header no format satisfies is 406, on the thing and on the negotiated document."""
    r = _get(f"{root}{path}", "image/png")
    assert r.status_code == 406
    assert r.json()["status"] == 406


def check_alternates(root: str, path: str) -> None:
    """The Link header names every format's document URL."""
    r = _get(f"{root}/doc/{path}.html")
    for f in render.FORMATS:
        assert f'<{root}/doc/{path}.{f.ext}>; rel="alternate"; type="{f.media_type}"' in r.headers["Link"]

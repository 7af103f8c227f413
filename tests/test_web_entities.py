"""Entity documents over real HTTP: what a description holds, caching, gzip, paging, proxies,
odd paths."""

from __future__ import annotations

import gzip
from datetime import timedelta

import pytest
import requests
from conftest import LiveServer
from rdflib import Graph, Literal, URIRef
from werkzeug.http import http_date, parse_date

from sccon_ld import settings as settings_module

BASE = "https://w3id.org/sccon/"
SCHEMA = "https://schema.org/"
SCCON = BASE + "ontology#"
EDITION = URIRef(BASE + "id/event/sccon-2023")


def turtle(server, path: str, **params) -> Graph:
    r = requests.get(f"{server.url}/doc/{path}.ttl", params=params, timeout=10)
    assert r.status_code == 200, r.text
    return Graph().parse(data=r.text, format="turtle")


# ------------------------------------------------------------------ what a description holds


def test_description_holds_own_triples_from_all_graphs(live_server):
    g = turtle(live_server, "organization/bitkom")
    bitkom = URIRef(BASE + "id/organization/bitkom")
    assert (bitkom, URIRef(SCHEMA + "name"), Literal("Bitkom e.V.")) in g  # authority graph
    assert (
        bitkom,
        URIRef(SCHEMA + "contactPoint"),
        URIRef(BASE + "id/contact/andreas-streim"),
    ) in g  # pm-2023


def test_description_labels_everything_it_links_to(live_server):
    g = turtle(live_server, "event/sccon-2023")
    for slug, name in [
        ("place/berlin", "Berlin"),
        ("place/ukraine", "Ukraine"),
        ("person/nancy-faeser", "Nancy Faeser"),
        ("event/sccon", "Smart Country Convention"),
    ]:
        assert (URIRef(BASE + "id/" + slug), URIRef(SCHEMA + "name"), Literal(name)) in g


def test_description_holds_incoming_links_with_labels(live_server):
    g = turtle(live_server, "event/sccon-2023")
    award = URIRef(BASE + "id/award/smart-city-index-award-2023")
    assert (award, URIRef(SCCON + "presentedAt"), EDITION) in g
    assert (award, URIRef(SCHEMA + "name"), Literal("Smart City Index Award 2023")) in g
    assert (URIRef(BASE + "id/document/pm-2023"), URIRef(SCHEMA + "mentions"), EDITION) in g


def test_description_holds_provenance_with_sentence(live_server):
    g = turtle(live_server, "event/sccon-2023")
    fact = URIRef(BASE + "id/document/pm-2023#fact-1")
    assert (fact, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"), EDITION) in g
    assert (
        fact,
        URIRef(SCCON + "sourceSentence"),
        Literal("Mit mehr als 15.000 Teilnehmenden endet die SCCON 2023.", lang="de"),
    ) in g
    doc = URIRef(BASE + "doc/event/sccon-2023")
    sources = set(g.objects(doc, URIRef("http://purl.org/dc/terms/source")))
    assert URIRef(BASE + "graph/pm-2023") in sources


def test_html_shows_sentence_next_to_the_fact(live_server):
    html = requests.get(f"{live_server.url}/doc/event/sccon-2023.html", timeout=10).text
    assert "Mit mehr als 15.000 Teilnehmenden endet die SCCON 2023." in html
    assert 'href="/id/document/pm-2023"' in html


def test_fragment_iris_are_described_with_their_base(live_server):
    g = turtle(live_server, "award/smart-city-index-award-2023")
    placement = URIRef(BASE + "id/award/smart-city-index-award-2023#placement-1")
    assert (placement, URIRef(SCCON + "rank"), Literal(1)) in g
    assert (placement, URIRef(SCCON + "recipient"), URIRef(BASE + "id/place/muenchen")) in g
    assert (URIRef(BASE + "id/place/muenchen"), URIRef(SCHEMA + "name"), Literal("München")) in g
    html = requests.get(f"{live_server.url}/doc/award/smart-city-index-award-2023.html", timeout=10).text
    assert 'id="placement-1"' in html
    # a document carries its provenance nodes ("<doc>#fact-…")
    doc = turtle(live_server, "document/pm-2023")
    assert (URIRef(BASE + "id/document/pm-2023#fact-1"), None, None) in doc


def test_place_receives_incoming_link_from_a_fragment(live_server):
    g = turtle(live_server, "place/muenchen")
    placement = URIRef(BASE + "id/award/smart-city-index-award-2023#placement-1")
    assert (placement, URIRef(SCCON + "recipient"), URIRef(BASE + "id/place/muenchen")) in g


# ------------------------------------------------------------------ paging incoming links


@pytest.fixture(scope="module")
def paged_server(sample_release):
    from sccon_ld.web.app import create_app

    settings = settings_module.load()
    settings.data["server"]["incoming_links_per_page"] = 2
    with LiveServer(create_app(sample_release, settings)) as server:
        yield server


def test_incoming_links_are_paged(paged_server):
    seen = set()
    for page in (1, 2, 3):
        g = turtle(paged_server, "event/sccon-2023", **({"page": page} if page > 1 else {}))
        incoming = {
            (s, p)
            for s, p, o in g
            if o == EDITION
            and not str(s).startswith((str(EDITION) + "#", BASE + "doc/"))
            and str(p) != "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
        }
        assert 1 <= len(incoming) <= 2
        seen |= incoming
    assert len(seen) == 5


def test_page_links_in_headers_rdf_and_html(paged_server):
    r = requests.get(f"{paged_server.url}/doc/event/sccon-2023.ttl", timeout=10)
    assert r.links["next"]["url"] == f"{paged_server.url}/doc/event/sccon-2023.ttl?page=2"
    g = Graph().parse(data=r.text, format="turtle")
    doc = URIRef(BASE + "doc/event/sccon-2023")
    assert (doc, URIRef("http://www.w3.org/ns/hydra/core#next"), URIRef(str(doc) + "?page=2")) in g
    last = requests.get(f"{paged_server.url}/doc/event/sccon-2023.ttl?page=3", timeout=10)
    assert "next" not in last.links and last.links["prev"]["url"].endswith("?page=2")
    html = requests.get(f"{paged_server.url}/doc/event/sccon-2023.html?page=2", timeout=10).text
    assert 'rel="next" href="/doc/event/sccon-2023.html?page=3"' in html
    thing = requests.get(
        f"{paged_server.url}/id/event/sccon-2023?page=2",
        headers={"Accept": "text/turtle"},
        allow_redirects=False,
        timeout=10,
    )
    assert thing.headers["Location"] == f"{paged_server.url}/doc/event/sccon-2023.ttl?page=2"


@pytest.mark.parametrize(("page", "status"), [("4", 404), ("0", 400), ("-1", 400), ("x", 400), ("²", 400)])
def test_bad_pages(paged_server, page, status):
    r = requests.get(f"{paged_server.url}/doc/event/sccon-2023.ttl", params={"page": page}, timeout=10)
    assert r.status_code == status


# ------------------------------------------------------------------ one release, one version


def test_etag_last_modified_and_304(live_server):
    url = f"{live_server.url}/doc/event/sccon-2023.ttl"
    r = requests.get(url, headers={"Accept-Encoding": "identity"}, timeout=10)
    etag, modified = r.headers["ETag"], r.headers["Last-Modified"]
    assert etag.startswith('"') and "-ttl" in etag
    assert "max-age=300" in r.headers["Cache-Control"]
    again = requests.get(url, headers={"If-None-Match": etag}, timeout=10)
    assert again.status_code == 304 and again.content == b""
    assert again.headers["ETag"] == etag
    assert requests.get(url, headers={"If-None-Match": '"other"'}, timeout=10).status_code == 200
    assert requests.get(url, headers={"If-Modified-Since": modified}, timeout=10).status_code == 304
    earlier = http_date(parse_date(modified) - timedelta(days=1))
    assert requests.get(url, headers={"If-Modified-Since": earlier}, timeout=10).status_code == 200
    # If-None-Match wins over If-Modified-Since
    assert (
        requests.get(
            url, headers={"If-None-Match": '"other"', "If-Modified-Since": modified}, timeout=10
        ).status_code
        == 200
    )


def test_etag_differs_per_variant_of_a_negotiated_url(live_server):
    url = f"{live_server.url}/doc/event/sccon-2023"
    tags = {
        requests.get(url, headers={"Accept": a}, timeout=10).headers["ETag"]
        for a in ("text/turtle", "text/html", "application/ld+json")
    }
    assert len(tags) == 3
    r = requests.get(url, headers={"Accept": "text/html", "If-None-Match": next(iter(tags))}, timeout=10)
    assert r.status_code in (200, 304)


def test_gzip_for_large_bodies_when_accepted(live_server):
    url = f"{live_server.url}/doc/event/sccon-2023.html"
    raw = requests.get(url, headers={"Accept-Encoding": "identity"}, timeout=10)
    zipped = requests.get(url, headers={"Accept-Encoding": "gzip"}, stream=True, timeout=10)
    assert "Content-Encoding" not in raw.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "accept-encoding" in zipped.headers["Vary"].lower()
    assert gzip.decompress(zipped.raw.read()) == raw.content
    assert zipped.headers["ETag"] != raw.headers["ETag"]
    revalidate = requests.get(
        url, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]}, timeout=10
    )
    assert revalidate.status_code == 304


def test_small_bodies_are_not_compressed(live_server):
    r = requests.get(
        f"{live_server.url}/doc/contact/andreas-streim.nt",
        headers={"Accept-Encoding": "gzip"},
        stream=True,
        timeout=10,
    )
    assert len(r.raw.read()) <= 1024 or r.headers.get("Content-Encoding") == "gzip"
    small = requests.get(
        f"{live_server.url}/context.jsonld", headers={"Accept-Encoding": "gzip"}, stream=True, timeout=10
    )
    assert "Content-Encoding" not in small.headers


def test_repeated_requests_are_served_from_the_render_cache(sample_release):
    from sccon_ld.web.app import create_app

    app = create_app(sample_release)
    cache = app.extensions["sccon"].cache
    with LiveServer(app) as server:
        first = requests.get(f"{server.url}/doc/person/nancy-faeser.ttl", timeout=10)
        misses = cache.misses
        second = requests.get(f"{server.url}/doc/person/nancy-faeser.ttl", timeout=10)
    assert second.content == first.content
    assert cache.misses == misses and cache.hits >= 1


# ------------------------------------------------------------------ odd paths and proxies


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/id/person/nancy%2Dfaeser", 303),  # percent-encoded unreserved character
        ("/id/person/Nancy-Faeser", 301),  # same slug, other spelling: to the canonical IRI
        ("/id/place/M%C3%BCnchen", 301),  # non-ASCII spelling of muenchen
        ("/id/place/münchen", 301),
        ("/doc/place/M%C3%BCnchen.ttl", 301),
        ("/id/person/%E2%98%83", 404),
        ("/id/person/%FF%FE", 404),  # not UTF-8
        ("/id/person/a%00b", 404),
        ("/id/person/a/b/c", 404),
        ("/doc/person/nancy-faeser.png", 404),
        ("/id/person/" + "x" * 3000, 404),
    ],
)
def test_odd_paths_never_500(live_server, path, status):
    r = requests.get(live_server.url + path, allow_redirects=False, timeout=10)
    assert r.status_code == status


def test_canonical_redirect_targets(live_server):
    r = requests.get(live_server.url + "/id/place/M%C3%BCnchen", allow_redirects=False, timeout=10)
    assert r.headers["Location"] == "/id/place/muenchen"
    r = requests.get(live_server.url + "/doc/place/M%C3%BCnchen.ttl", allow_redirects=False, timeout=10)
    assert r.headers["Location"] == "/doc/place/muenchen.ttl"


def test_proxy_headers_shape_locations_and_links(proxied_server):
    headers = {
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "data.example.org",
        "X-Forwarded-Prefix": "/lod",
        "Accept": "text/html",
    }
    r = requests.get(
        proxied_server.url + "/id/event/sccon-2023", headers=headers, allow_redirects=False, timeout=10
    )
    assert r.headers["Location"] == "https://data.example.org/lod/doc/event/sccon-2023.html"
    page = requests.get(proxied_server.url + "/doc/event/sccon-2023.html", headers=headers, timeout=10)
    assert 'href="/lod/id/place/berlin"' in page.text
    assert 'href="/lod/static/style.css"' in page.text
    assert "https://data.example.org/lod/doc/event/sccon-2023.ttl" in page.headers["Link"]
    jsonld = requests.get(
        proxied_server.url + "/doc/event/sccon-2023.jsonld", headers=headers, timeout=10
    ).json()
    assert jsonld["@context"] == "https://data.example.org/lod/context.jsonld"
    plain = requests.get(proxied_server.url + "/doc/event/sccon-2023.jsonld", timeout=10).json()
    assert plain["@context"] == f"{proxied_server.url}/context.jsonld"


def test_html_names_unnamed_things_and_curated_graphs(live_server):
    html = requests.get(f"{live_server.url}/doc/organization/bitkom.html", headers={"Accept-Language": "en"},
                        timeout=10).text
    assert "Pressekontakt · a.streim@bitkom.org · +49 30 27576-112" in html  # a contact point has no name
    assert "Curated reference data (authority file)" in html
    assert 'href="/graph/authority"' not in html  # graphs are named, not linked
    bmi = requests.get(f"{live_server.url}/doc/organization/bmi.html", timeout=10).text
    assert ">https://w3id.org/sccon/id/document/" not in bmi  # sources of incoming links are labelled too
    contact = requests.get(f"{live_server.url}/doc/contact/andreas-streim.html", timeout=10).text
    assert '<a href="mailto:a.streim@bitkom.org">' in contact

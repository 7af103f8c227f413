"""/sitemap.xml and /robots.txt on a live server: every entity page, its lastmod from the release
that last changed it, a sitemap index past the per-file limit, and a bounded crawl from robots.txt
that finds every entity of the release."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from datetime import datetime
from urllib.parse import urljoin, urlparse

import crawl_support
import requests
from crawl_support import CREATED, DELETED, UPDATED, crawl_settings
from test_sparql_support import serve

history, history_server = crawl_support.history, crawl_support.history_server  # shared fixtures
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ENTITIES = """SELECT DISTINCT ?e WHERE { { ?e ?p ?o } UNION { ?s ?p ?e }
  FILTER(isIRI(?e) && STRSTARTS(STR(?e), "https://w3id.org/sccon/id/") && !CONTAINS(STR(?e), "#")) }"""


def entity_iris(server) -> set[str]:
    """Every entity of the release, asked of the SPARQL endpoint (not of the index the sitemap uses)."""
    r = requests.get(server.url + "/sparql", params={"query": ENTITIES},
                     headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200, r.text
    return {b["e"]["value"] for b in r.json()["results"]["bindings"]}


def urls(body: bytes, kind: str = "url") -> list[tuple[str, str]]:
    root = ET.fromstring(body)
    return [(u.find("sm:loc", NS).text, u.find("sm:lastmod", NS).text) for u in root.findall(f"sm:{kind}", NS)]


def crawl(start: str, max_requests: int = 500, max_seconds: float = 60) -> dict:
    """Follow robots.txt -> sitemap(s) -> pages, bounded in requests and time; returns what it saw."""
    deadline = time.monotonic() + max_seconds
    robots = requests.get(urljoin(start, "/robots.txt"), timeout=10)
    assert robots.status_code == 200
    queue = [line.split(":", 1)[1].strip() for line in robots.text.splitlines() if line.startswith("Sitemap:")]
    pages: dict[str, requests.Response] = {}
    requests_made = 1
    while queue and requests_made < max_requests and time.monotonic() < deadline:
        url = queue.pop(0)
        r = requests.get(url, timeout=10)
        requests_made += 1
        assert r.status_code == 200, (url, r.status_code)
        root = ET.fromstring(r.content)
        if root.tag.endswith("sitemapindex"):
            queue += [loc for loc, _ in urls(r.content, "sitemap")]
            continue
        for loc, _ in urls(r.content):
            if requests_made >= max_requests or time.monotonic() >= deadline:
                break
            pages[loc] = requests.get(loc, headers={"Accept": "text/html"}, timeout=10)
            requests_made += 1
    return pages


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_queries(history_server):
    r = requests.get(history_server.url + "/robots.txt", timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {history_server.url}/sitemap.xml" in r.text.splitlines()
    for path in ("/sparql", "/fragments", "/search"):
        assert f"Disallow: {path}" in r.text.splitlines()


def test_sitemap_lists_every_entity_page_once(history_server):
    r = requests.get(history_server.url + "/sitemap.xml", timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/xml")
    assert r.headers.get("ETag")
    listed = [loc for loc, _ in urls(r.content)]
    assert len(listed) == len(set(listed))
    expected = {history_server.url + "/doc/" + iri.split("/id/", 1)[1] for iri in entity_iris(history_server)}
    assert set(listed) == expected
    assert history_server.url + "/doc/" + DELETED.split("/id/", 1)[1] not in listed


def test_lastmod_is_the_release_that_last_changed_the_entity(history_server, history):
    lastmod = dict(urls(requests.get(history_server.url + "/sitemap.xml", timeout=10).content))
    first, second = history.first.manifest["created"], history.second.manifest["created"]
    page = {iri: history_server.url + "/doc/" + iri.split("/id/", 1)[1] for iri in (UPDATED, CREATED)}
    assert lastmod[page[UPDATED]] == second
    assert lastmod[page[CREATED]] == second
    unchanged = history_server.url + "/doc/organization/bitkom"
    assert lastmod[unchanged] == first
    assert first < second
    for value in lastmod.values():
        datetime.fromisoformat(value)  # W3C datetime


def test_sitemap_index_past_the_limit_and_crawl_finds_every_entity(history):
    with serve(history.folder, crawl_settings(crawl={"sitemap_max_urls": 7})) as server:
        r = requests.get(server.url + "/sitemap.xml", timeout=10)
        assert ET.fromstring(r.content).tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
        parts = [loc for loc, _ in urls(r.content, "sitemap")]
        expected = entity_iris(server)
        assert len(parts) == -(-len(expected) // 7) > 1
        for loc in parts:
            assert len(urls(requests.get(loc, timeout=10).content)) <= 7
        assert requests.get(server.url + f"/sitemap-{len(parts) + 1}.xml", timeout=10).status_code == 404
        assert requests.get(server.url + "/sitemap-0.xml", timeout=10).status_code == 404

        pages = crawl(server.url)
        assert all(r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
                   for r in pages.values())
        found = {server_iri(loc) for loc in pages}
        print(f"\nsitemap crawl: {len(parts)} sitemap files, {len(pages)} pages, {len(found)} entities "
              f"of {len(expected)}")
        assert found == expected


def server_iri(page_url: str) -> str:
    return "https://w3id.org/sccon/id/" + urlparse(page_url).path.split("/doc/", 1)[1]

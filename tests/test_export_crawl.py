"""The static export (real ``sccon-ld export-static``, served by a real nginx) has the crawler and
client-side-engine files too: robots.txt, the sitemap, the change feed, and the Triple Pattern
Fragments, which Comunica queries through nginx with the endpoint's answers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from urllib.parse import quote

import crawl_support
import pyoxigraph as ox
import pytest
import requests
import test_comunica as clients
from conftest import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT))
from benchmarks.servers import free_port  # noqa: E402
from benchmarks.static import export_site, nginx_binary, static_nginx  # noqa: E402

history, history_server = crawl_support.history, crawl_support.history_server  # shared fixtures
pytestmark = pytest.mark.skipif(nginx_binary() is None, reason="needs nginx (Debian package nginx)")


@pytest.fixture(scope="module")
def static_url(history: crawl_support.History, tmp_path_factory) -> Iterator[str]:
    port = free_port()
    out = export_site(history.folder, tmp_path_factory.mktemp("export-crawl"), port)
    with static_nginx(out, port, log=tmp_path_factory.mktemp("nginx-log") / "nginx.log") as url:
        yield url


def same_as_server(static_url: str, server, path: str, **headers) -> requests.Response:
    static = requests.get(static_url + path, headers=headers, timeout=10)
    live = requests.get(server.url + path, headers=headers, timeout=10)
    assert static.status_code == live.status_code == 200, path
    assert static.content.replace(static_url.encode(), b"ROOT") == live.content.replace(server.url.encode(), b"ROOT")
    return static


def test_robots_sitemap_and_changes_are_exported(static_url, history_server):
    assert same_as_server(static_url, history_server, "/robots.txt").headers["Content-Type"].startswith("text/plain")
    assert same_as_server(static_url, history_server, "/sitemap.xml").headers["Content-Type"].startswith(
        "application/xml")
    accept = {"Accept": "application/ld+json"}
    feed = same_as_server(static_url, history_server, "/changes", **accept)
    assert feed.headers["Content-Type"].startswith("application/ld+json")
    same_as_server(static_url, history_server, "/changes?page=1", **accept)
    assert requests.get(static_url + "/changes?page=x", timeout=10).status_code == 400


def test_fragments_are_exported(static_url, history_server):
    r = same_as_server(static_url, history_server, "/fragments?predicate=https%3A%2F%2Fschema.org%2Fname",
                       Accept="application/trig")
    assert r.headers["Content-Type"].startswith("application/trig")
    for hostile in ("/fragments?subject=../../../etc/passwd", "/fragments?subject=a/../../x"):
        assert requests.get(static_url + hostile, timeout=10).status_code == 404
    # a pattern too long for a file name was not exported: absent (404), never a wrong empty page
    long = "/fragments?object=" + quote('"' + "x" * 300 + '"', safe="")
    assert requests.get(history_server.url + long, timeout=10).status_code == 200
    assert requests.get(static_url + long, timeout=10).status_code == 404
    # a short pattern matching nothing: an empty fragment whose controls name the URL asked for
    empty = "/fragments?object=" + quote('"no such literal"', safe="")
    r = requests.get(static_url + empty, timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/trig")
    quads = list(ox.parse(r.content, format=ox.RdfFormat.TRIG))
    assert not [q for q in quads if q.graph_name == ox.DefaultGraph()]
    assert any(q.subject.value == static_url + empty and q.predicate.value.endswith("#totalItems")
               and q.object.value == "0" for q in quads)


@pytest.mark.skipif(clients.pytestmark.args[0], reason=clients.pytestmark.kwargs["reason"])
@pytest.mark.parametrize("question", sorted(clients.QUESTIONS))
def test_comunica_through_the_static_fragments(static_url, history_server, question):
    expected = clients.endpoint(history_server, (clients.QUERIES / f"{question}.rq").read_text(encoding="utf-8"))
    answer, requests_made = clients.comunica("fragments", question, static_url + "/fragments", history_server)
    clients.show(question, "static fragments (nginx)", answer, requests_made)
    assert answer == expected


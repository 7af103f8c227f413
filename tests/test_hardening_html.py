"""Every HTML page carries a Content-Security-Policy and shows data as text.

A bounded crawl follows every same-origin link from the landing page (and the pages only a
request reaches: search, the query page with results, error pages), checking each HTML
answer: the CSP header allows no inline script, no inline ``<script>`` executes anything (only
``src=`` scripts and JSON-LD data blocks), and the sample's literal
``<script>alert(1)</script>`` (tests/fixtures/sample.trig) and hostile input echoed back from
the URL only ever appear escaped. test_browser.py checks the same literal in a real browser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests
import test_sparql_support as support

dumps_release, dumps_server = support.dumps_release, support.dumps_server  # shared fixtures
MAX_PAGES = 250
PAYLOAD = "<script>alert(1)</script>"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "script":
            self.scripts.append(values)
        for name, _ in attrs:
            assert not name.startswith("on"), f"inline event handler {name} on <{tag}>"


def check_html(r: requests.Response) -> _Page:
    """The checks every HTML answer must pass; returns its parsed links."""
    csp = r.headers.get("Content-Security-Policy", "")
    assert "default-src" in csp, f"{r.url} has no CSP"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, csp
    assert r.headers.get("X-Content-Type-Options") == "nosniff"
    assert PAYLOAD not in r.text and "<script>alert" not in r.text.lower(), r.url
    page = _Page()
    page.feed(r.text)
    for script in page.scripts:
        assert script.get("src") or script.get("type") == "application/ld+json", (r.url, script)
    return page


def test_crawl_every_html_page(dumps_server):
    root = dumps_server.url
    todo, seen, html_pages, escaped_payload = [root + "/"], set(), 0, 0
    session = requests.Session()
    while todo and len(seen) < MAX_PAGES:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        r = session.get(url, headers={"Accept": "text/html"}, timeout=30)
        assert r.status_code < 500, url
        if r.headers.get("Content-Type", "").split(";")[0] != "text/html":
            continue
        html_pages += 1
        escaped_payload += "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
        for href in check_html(r).links:
            target = urljoin(url, href).split("#")[0]
            if urlsplit(target).netloc == urlsplit(root).netloc and "/dumps/" not in urlsplit(target).path[1:]:
                todo.append(target)
    assert html_pages >= 20, f"only {html_pages} HTML pages reached"
    assert escaped_payload >= 1, "the page of the document with the script literal was not reached"


def test_echoed_input_is_escaped(dumps_server):
    root = dumps_server.url
    hostile = {
        "/search": {"q": PAYLOAD},
        "/sparql": {"query": f'SELECT ?x {{ BIND("{PAYLOAD}" AS ?x) }}'},
        "/sparql?example=": {"example": PAYLOAD},
    }
    for path, params in hostile.items():
        r = requests.get(root + path.split("?")[0], params=params, headers={"Accept": "text/html"}, timeout=30)
        assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html"), path
        check_html(r)
    result = requests.get(root + "/sparql", params=hostile["/sparql"], headers={"Accept": "text/html"},
                          timeout=30)
    assert result.text.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2  # the query and the result cell
    for path in ("/doc/person/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/list/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                 "/nothing/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/sparql?query=%3Cscript%3Ealert(1)%3C%2Fscript%3E"):
        r = requests.get(root + path, headers={"Accept": "text/html"}, timeout=30)
        assert 400 <= r.status_code < 500 and r.headers["Content-Type"].startswith("text/html"), path
        check_html(r)


def test_jsonld_block_cannot_close_its_script(dumps_server):
    r = requests.get(dumps_server.url + "/doc/document/pm-2023.html", timeout=30)
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', r.text, re.S)
    assert blocks and all("<" not in block for block in blocks)
    assert "\\u003cscript\\u003ealert(1)" in blocks[0]

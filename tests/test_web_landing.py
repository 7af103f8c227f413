"""The landing page, per-kind lists, label search, the JSON-LD context and page security headers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import requests

BASE = "https://w3id.org/sccon/"


@pytest.fixture(scope="module")
def landing(live_server) -> requests.Response:
    return requests.get(live_server.url + "/", headers={"Accept-Language": "en"}, timeout=10)


def test_landing_says_what_the_dataset_is(landing):
    assert landing.status_code == 200
    assert "The Smart Country Convention (SCCON) as Linked Open Data" in landing.text
    assert "every statement with its source" in landing.text


def test_landing_lists_editions_oldest_first(landing):
    table = landing.text.split('<table class="editions">')[1].split("</table>")[0]
    assert re.findall(r'<a href="/id/event/(sccon-\d{4})">', table) == ["sccon-2020", "sccon-2023"]
    for value in ("15,000", "10,600", "300", "600", "Ukraine", "Berlin", "2023-11-07", "Online"):
        assert value in table


def test_landing_chart_is_inline_svg_scaled_per_metric(landing):
    svgs = re.findall(r"<svg.*?</svg>", landing.text, flags=re.S)
    assert len(svgs) == 3
    heights = {}
    for svg in svgs:
        root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
        title = root.find("{http://www.w3.org/2000/svg}title").text
        bars = root.findall("{http://www.w3.org/2000/svg}rect")
        heights[title] = [float(b.get("height")) for b in bars]
    participants = heights["Participant count per year"]
    assert len(participants) == 2 and participants[0] < participants[1]  # 10,600 < 15,000
    assert participants[0] / participants[1] == pytest.approx(10600 / 15000, rel=0.01)
    assert len(heights["Exhibitor count per year"]) == 1  # 2020 has no exhibitor count: no bar
    assert "<script" not in "".join(svgs) and "cdn" not in landing.text.lower()


def test_landing_entry_points_and_services(live_server, landing):
    for kind in ("event", "organization", "person", "place", "award", "document", "quote", "contact"):
        assert f'href="/list/{kind}"' in landing.text
    for path in ("/sparql", "/dumps/", "/catalog", "/.well-known/void", "/context.jsonld"):
        assert f'href="{path}"' in landing.text
    assert '<form class="search big" action="/search"' in landing.text


def test_list_of_a_kind(live_server):
    r = requests.get(live_server.url + "/list/person", timeout=10)
    assert r.status_code == 200
    assert re.findall(r'<a href="(/id/person/[^"]+)">', r.text) == [
        "/id/person/andreas-streim",
        "/id/person/nancy-faeser",
    ]
    assert requests.get(live_server.url + "/list/unicorn", timeout=10).status_code == 404


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("faeser", ["/id/person/nancy-faeser"]),
        ("FAESER nancy", ["/id/person/nancy-faeser"]),
        ("münchen", ["/id/place/muenchen"]),
        ("zzz-nothing", []),
    ],
)
def test_search_by_label(live_server, q, expected):
    r = requests.get(live_server.url + "/search", params={"q": q}, timeout=10)
    assert r.status_code == 200
    found = re.findall(r'<li><a href="(/id/[^"]+)">', r.text)
    assert found == expected


def test_landing_query_redirects_to_search(live_server):
    r = requests.get(live_server.url + "/", params={"q": "a b&c"}, allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["Location"].endswith("/search?q=a+b%26c")


def test_search_escapes_the_query(live_server):
    r = requests.get(live_server.url + "/search", params={"q": '<script>alert("x")</script>'}, timeout=10)
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;alert" in r.text


def test_literals_are_escaped_in_entity_pages(live_server):
    html = requests.get(live_server.url + "/doc/document/pm-2023.html", timeout=10).text
    body, script = html.split("</head>")[1], html.split('<script type="application/ld+json">')[1]
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    script = script.split("</script>")[0]
    assert "</" not in script and "\\u003cscript\\u003e" in script


@pytest.mark.parametrize(
    "path", ["/", "/list/event", "/search?q=x", "/doc/event/sccon-2023.html", "/doc/event/sccon-2023"]
)
def test_html_has_csp_without_inline_scripts(live_server, path):
    r = requests.get(live_server.url + path, headers={"Accept": "text/html"}, timeout=10)
    assert r.headers["Content-Type"].startswith("text/html")
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    # every <script> is a data block, never executable
    assert all(t == "application/ld+json" for t in re.findall(r'<script(?: type="([^"]*)")?', r.text))


def test_stylesheet_is_served_locally(live_server):
    r = requests.get(live_server.url + "/static/style.css", timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/css")
    assert "@import" not in r.text and "http" not in r.text


def test_context_document(live_server):
    r = requests.get(live_server.url + "/context.jsonld", timeout=10)
    ctx = r.json()["@context"]
    assert ctx["schema"] == "https://schema.org/" and ctx["sccon"] == BASE + "ontology#"
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert (
        requests.get(
            live_server.url + "/context.jsonld", headers={"If-None-Match": r.headers["ETag"]}, timeout=10
        ).status_code
        == 304
    )


def test_landing_is_cached_with_validators(live_server, landing):
    assert landing.headers["ETag"] and landing.headers["Last-Modified"]
    r = requests.get(live_server.url + "/", headers={"If-None-Match": landing.headers["ETag"],
                                                     "Accept-Language": "en"}, timeout=10)
    assert r.status_code == 304
    german = requests.get(live_server.url + "/", headers={"If-None-Match": landing.headers["ETag"],
                                                          "Accept-Language": "de"}, timeout=10)
    assert german.status_code == 200 and german.headers["ETag"] != landing.headers["ETag"]  # one per language
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in german.headers["Vary"].split(",")}
    head = requests.head(live_server.url + "/", headers={"Accept-Encoding": "identity"}, timeout=10)
    assert head.status_code == 200 and head.content == b""

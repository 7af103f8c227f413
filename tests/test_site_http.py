"""The site over real HTTP (sample release): language choice and Vary, the switch, lists of what
documents mention, search in HTML and JSON with true counts and pages, HTML views of the
catalogue, VoID and service description for browsers while RDF clients keep RDF."""

from __future__ import annotations

import re

import requests
from rdflib import Graph

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def get(server, path, **headers):
    return requests.get(server.url + path, headers=headers, timeout=10, allow_redirects=False)


def test_language_follows_accept_language_and_says_so_in_vary(live_server):
    de = get(live_server, "/list/place", **{"Accept-Language": "de-DE,de;q=0.9"})
    en = get(live_server, "/list/place", **{"Accept-Language": "en-GB,en;q=0.8"})
    assert '<html lang="de">' in de.text and ">Orte <" in de.text
    assert '<html lang="en">' in en.text and ">Places <" in en.text
    for r in (de, en):
        assert {"Accept-Language", "Cookie"} <= {v.strip() for v in r.headers["Vary"].split(",")}
    assert de.headers["ETag"] != en.headers["ETag"]
    turtle = get(live_server, "/doc/place/berlin.ttl", **{"Accept-Language": "en"})
    assert "Accept-Language" not in turtle.headers.get("Vary", "")  # RDF is the same in every language


def test_switch_sets_a_cookie_and_goes_back_but_never_off_site(live_server):
    r = get(live_server, "/lang/en?next=/list/place%3Fall%3D1")
    assert r.status_code == 303 and r.headers["Location"].endswith("/list/place?all=1")
    assert "lang=en" in r.headers["Set-Cookie"]
    page = requests.get(live_server.url + "/list/place", cookies={"lang": "en"},
                        headers={"Accept-Language": "de"}, timeout=10)
    assert '<html lang="en">' in page.text
    for evil in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        r = get(live_server, "/lang/de?next=" + requests.utils.quote(evil, safe=""))
        assert r.status_code == 303 and r.headers["Location"] in ("/", live_server.url + "/")
    assert get(live_server, "/lang/fr").status_code == 404


def test_switch_link_on_a_page_points_to_the_other_language(live_server):
    html = get(live_server, "/search?q=berlin&lang=de").text
    link = re.search(r'<a class="lang-switch" href="([^"]+)"', html).group(1)
    assert link.startswith("/lang/en?next=") and "lang%3D" not in link and "q%3Dberlin" in link


def test_lists_show_what_documents_mention_and_the_rest_behind_a_filter(live_server):
    default = get(live_server, "/list/place", **{"Accept-Language": "en"}).text
    everything = get(live_server, "/list/place?all=1", **{"Accept-Language": "en"}).text
    shown = re.findall(r'<a href="/id/place/([^"]+)">', default)
    assert shown == ["berlin", "muenchen", "ukraine"]  # Deutschland is only in the authority file
    assert "3 of 4 entries are mentioned in documents." in default and 'href="/list/place?all=1"' in default
    assert re.findall(r'<a href="/id/place/([^"]+)">', everything) == ["berlin", "deutschland", "muenchen", "ukraine"]
    assert "reference data only" in everything


def test_list_and_search_pages_are_checked(live_server):
    assert get(live_server, "/list/place?page=0").status_code == 400
    assert get(live_server, "/list/place?page=2").status_code == 404
    assert get(live_server, "/search?q=a&page=x").status_code == 400
    assert get(live_server, "/search.json?q=a&page=99").status_code == 404


def test_search_json_has_true_counts_and_pages(live_server):
    first = get(live_server, "/search.json?q=s").json()
    assert first["total"] > 6 and first["page"] == 1 and first["per_page"] >= 1
    seen, page, url = [], first, "/search.json?q=s"
    while url and len(seen) < 1000:
        page = get(live_server, url).json()
        seen += [r["iri"] for r in page["results"]]
        url = page["next"] and page["next"].replace("/search?", "/search.json?")
        url = url and url.removeprefix(live_server.url)
    assert len(seen) == len(set(seen)) == first["total"]
    hit = get(live_server, "/search.json?q=Teilnehmenden").json()["results"]
    assert any("15.000" in r["snippet"] for r in hit)
    accept = get(live_server, "/search?q=muenchen", Accept="application/json")
    assert accept.headers["Content-Type"].startswith("application/json")
    assert accept.json()["results"][0]["label"] == "München" and "Accept" in accept.headers["Vary"]


def test_search_finds_transliterations(live_server):
    for q in ("muenchen", "Munchen", "MÜNCHEN"):
        assert get(live_server, f"/search.json?q={q}").json()["results"][0]["label"] == "München"


def test_catalogue_and_void_are_pages_for_browsers_and_rdf_for_clients(live_server):
    for path in ("/catalog", "/.well-known/void", "/sparql?format=html"):
        page = get(live_server, path, Accept=BROWSER, **{"Accept-Language": "en"})
        assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html"), path
        assert '<header class="site">' in page.text and 'class="graph-card"' in page.text
    for path in ("/catalog", "/.well-known/void"):
        rdf = get(live_server, path, Accept="*/*")
        assert rdf.headers["Content-Type"].startswith("text/turtle")
        assert len(Graph().parse(data=rdf.text, format="turtle")) > 10
        assert "Accept" in rdf.headers["Vary"]
    sd = get(live_server, "/sparql?format=ttl")
    assert sd.headers["Content-Type"].startswith("text/turtle") and "Service" in sd.text


def test_landing_lists_only_dumps_that_exist(live_server, sample_release):
    from sccon_ld.release import dumps

    index = dumps.read_index(sample_release / "current")
    html = get(live_server, "/", **{"Accept-Language": "en"}).text
    services = html.split('<ul class="services">')[1].split("</ul>")[0]
    if index is None:  # no dumps: no promise of any
        assert 'href="/dumps/"' not in services
    else:
        for name in ("N-Quads", "Turtle", "TriG"):
            assert (name in services) == any(f.get("label", "").startswith(name) for f in index["files"])

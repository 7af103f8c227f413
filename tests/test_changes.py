"""The change feed: description hashes compared at publish time, /changes as an Activity Streams
2.0 OrderedCollection (paged, newest first) on a live server over two releases."""

from __future__ import annotations

import crawl_support
import pyoxigraph as ox
import requests
from crawl_support import CREATED, DELETED, UPDATED, crawl_settings
from test_sparql_support import serve

from sccon_ld.release import entity_changes

history, history_server = crawl_support.history, crawl_support.history_server  # shared fixtures
AS = "https://www.w3.org/ns/activitystreams"
ID = "https://w3id.org/sccon/id/"


def get(server, path: str, **headers) -> requests.Response:
    return requests.get(server.url + path, headers={"Accept": "application/activity+json", **headers}, timeout=10)


def every_activity(server) -> list[dict]:
    """All pages from first to the end, following ``next`` (bounded)."""
    collection = get(server, "/changes").json()
    url, items = collection["first"]["id"], []
    for _ in range(100):
        page = requests.get(url, timeout=10).json()
        assert page["type"] == "OrderedCollectionPage" and page["partOf"] == collection["id"]
        items += page["orderedItems"]
        if "next" not in page:
            break
        url = page["next"]
    assert len(items) == collection["totalItems"]
    return items


def quad(s: str, o: str, graph: str = "https://w3id.org/sccon/graph/g") -> ox.Quad:
    return ox.Quad(ox.NamedNode(s), ox.NamedNode("https://schema.org/knows"), ox.NamedNode(o), ox.NamedNode(graph))


def test_hashes_cover_fragments_and_objects_and_ignore_blank_node_labels():
    a, b, frag = ID + "person/a", ID + "person/b", ID + "person/a#part-1"
    blank1 = ox.Quad(ox.NamedNode(a), ox.NamedNode("https://schema.org/x"), ox.BlankNode("x1"), ox.DefaultGraph())
    blank2 = ox.Quad(ox.NamedNode(a), ox.NamedNode("https://schema.org/x"), ox.BlankNode("zz"), ox.DefaultGraph())
    h1 = entity_changes.description_hashes([quad(a, b), blank1], ID)
    assert set(h1) == {a, b}  # b is only an object: it has an (empty) description all the same
    assert h1 == entity_changes.description_hashes([quad(a, b), blank2], ID)
    h2 = entity_changes.description_hashes([quad(a, b), blank1, quad(frag, b)], ID)
    assert h2[a] != h1[a] and h2[b] == h1[b]
    assert entity_changes.diff(h1, h2) == [(a, "Update")]
    assert entity_changes.diff(h2, {b: h2[b]}) == [(a, "Delete")]
    assert entity_changes.diff({}, {b: h2[b]}) == [(b, "Create")]


def test_collection_is_activity_streams(history_server):
    r = get(history_server, "/changes")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/activity+json")
    assert r.headers.get("ETag") and "public" in r.headers["Cache-Control"]
    doc = r.json()
    assert doc["@context"] == AS and doc["type"] == "OrderedCollection"
    assert doc["id"] == history_server.url + "/changes"
    assert doc["first"]["id"].endswith("/changes?page=1") and doc["totalItems"] > 0
    default = requests.get(history_server.url + "/changes", timeout=10)
    assert default.headers["Content-Type"].startswith('application/ld+json; profile="https://www.w3.org/ns/activitystreams"')


def test_second_release_updates_creates_and_deletes_one_entity_each(history_server, history):
    items = every_activity(history_server)
    newest = [a for a in items if a["endTime"] == history.second.manifest["created"]]
    assert {(a["object"]["id"], a["type"]) for a in newest} == {(UPDATED, "Update"), (CREATED, "Create"),
                                                                 (DELETED, "Delete")}
    first = [a for a in items if a["endTime"] == history.first.manifest["created"]]
    assert {a["type"] for a in first} == {"Create"}
    assert DELETED in {a["object"]["id"] for a in first}
    # newest first: every activity of the second release comes before any of the first
    assert items[:len(newest)] == newest
    one = requests.get(newest[0]["id"], timeout=10)
    assert one.status_code == 200 and one.json()["type"] == newest[0]["type"]


def test_pages_are_bounded_and_linked(history):
    with serve(history.folder, crawl_settings(changes={"page_size": 2})) as server:
        collection = get(server, "/changes").json()
        pages = -(-collection["totalItems"] // 2)
        assert collection["last"]["id"].endswith(f"page={pages}")
        items = every_activity(server)
        assert len({a["id"] for a in items}) == len(items)
        last = get(server, f"/changes?page={pages}").json()
        assert "next" not in last and last["prev"].endswith(f"page={pages - 1}")
        assert get(server, f"/changes?page={pages + 1}").status_code == 404
        for bad in ("0", "-1", "x", "1e3"):
            r = get(server, f"/changes?page={bad}")
            assert r.status_code == 400 and "page" in r.text


def test_republishing_the_same_content_changes_nothing(tmp_path):
    from crawl_support import first_lines

    from sccon_ld.release import folders as release

    one = release.publish(tmp_path, first_lines())
    again = release.publish(tmp_path, first_lines())
    assert again.version == one.version
    log = entity_changes.ChangeLog.open(again.path)
    assert [r.version for r in log.releases()] == [one.version]
    log.close()

"""Dump files (written by streaming from dataset.nq) and their download URLs on a live server."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import requests
import test_sparql_support as support
from rdflib import Dataset, Graph
from test_sparql_support import sample_lines, serve

from sccon_ld.release import folders as release
from sccon_ld.release.dumps import write_dumps

dumps_release, dumps_server = support.dumps_release, support.dumps_server  # shared fixtures
DUPLICATE = ('<https://w3id.org/sccon/id/event/sccon> <https://schema.org/alternateName> "SCCON" '
             '<https://w3id.org/sccon/graph/extra-copy> .\n')


def current_dumps(releases_dir: Path) -> tuple[Path, dict]:
    folder = release.load(releases_dir).path
    return folder, json.loads((folder / "dumps" / "dumps.json").read_text())


def union_triples(folder: Path) -> set:
    ds = Dataset()
    ds.parse(folder / "dataset.nq", format="nquads")
    return {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}


def test_dump_files_hold_the_release(dumps_release):
    folder, index = current_dumps(dumps_release)
    files = {f["name"].split(".", 1)[1]: folder / "dumps" / f["name"] for f in index["files"]}
    assert set(files) == {"nq.gz", "nt.gz", "ttl", "jsonld"}
    for entry in index["files"]:
        path = folder / "dumps" / entry["name"]
        assert entry["bytes"] == path.stat().st_size
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert gzip.decompress(files["nq.gz"].read_bytes()) == (folder / "dataset.nq").read_bytes()
    expected = union_triples(folder)
    nt = gzip.decompress(files["nt.gz"].read_bytes()).decode()
    assert set(Graph().parse(data=nt, format="nt")) == expected
    assert set(Graph().parse(files["ttl"], format="turtle")) == expected
    from_jsonld = Dataset()
    from_jsonld.parse(files["jsonld"], format="json-ld")
    from_nquads = Dataset()
    from_nquads.parse(folder / "dataset.nq", format="nquads")
    assert set(from_jsonld.quads((None, None, None, None))) == set(from_nquads.quads((None, None, None, None)))


def test_a_triple_in_two_graphs_appears_once_in_the_union_dumps(tmp_path):
    lines = sample_lines(DUPLICATE)
    release.publish(tmp_path, lines, derived=write_dumps)
    folder, index = current_dumps(tmp_path)
    nt_name = next(f["name"] for f in index["files"] if f["name"].endswith(".nt.gz"))
    nt_lines = gzip.decompress((folder / "dumps" / nt_name).read_bytes()).decode().splitlines()
    assert len(nt_lines) == len(set(nt_lines)) == len(lines) - 1
    assert sum('"SCCON"' in line and "alternateName" in line for line in nt_lines) == 1


def test_index_lists_every_dump(dumps_server, dumps_release):
    _, index = current_dumps(dumps_release)
    r = requests.get(dumps_server.url + "/dumps/", timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/json")
    listed = r.json()
    assert [f["sha256"] for f in listed["files"]] == [f["sha256"] for f in index["files"]]
    for f in listed["files"]:
        assert f["url"] == f"{dumps_server.url}/dumps/{index['version']}/{f['name']}"
        assert f["bytes"] > 0 and f["media_type"] in (
            "application/n-quads", "application/n-triples", "text/turtle", "application/ld+json")
    html = requests.get(dumps_server.url + "/dumps/", headers={"Accept": "text/html"}, timeout=30)
    assert html.headers["Content-Type"].startswith("text/html")
    assert all(f["sha256"] in html.text for f in listed["files"])


def test_versioned_url_is_immutable_with_etag_and_range(dumps_server):
    entry = requests.get(dumps_server.url + "/dumps/", timeout=30).json()["files"][2]  # the Turtle dump
    r = requests.get(entry["url"], timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    assert "immutable" in r.headers["Cache-Control"]
    assert r.headers["ETag"].strip('"') == entry["sha256"] == hashlib.sha256(r.content).hexdigest()
    assert r.headers["Accept-Ranges"] == "bytes"
    again = requests.get(entry["url"], headers={"If-None-Match": r.headers["ETag"]}, timeout=30)
    assert again.status_code == 304
    part = requests.get(entry["url"], headers={"Range": "bytes=10-19"}, timeout=30)
    assert part.status_code == 206 and part.content == r.content[10:20]
    assert part.headers["Content-Range"] == f"bytes 10-19/{entry['bytes']}"


def test_latest_url_serves_the_current_release(dumps_server):
    for entry in requests.get(dumps_server.url + "/dumps/", timeout=30).json()["files"]:
        latest = requests.get(entry["latest_url"], timeout=30)
        assert latest.status_code == 200
        assert hashlib.sha256(latest.content).hexdigest() == entry["sha256"]
        assert "immutable" not in latest.headers["Cache-Control"]
        if entry["name"].endswith(".gz"):
            assert latest.headers["Content-Type"] == "application/gzip"
            assert "Content-Encoding" not in latest.headers  # the file itself is gzip: no transparent unzip


def test_no_path_leaves_the_dump_folder(dumps_server, dumps_release):
    version = release.load(dumps_release).version
    for path in (f"/dumps/{version}/dataset.nq", f"/dumps/{version}/manifest.json",
                 f"/dumps/{version}/..%2Fdataset.nq", f"/dumps/{version}/%2E%2E%2Fmanifest.json",
                 "/dumps/latest/..%2F..%2Fmanifest.json", "/dumps/latest/dumps.json",
                 "/dumps/../current/dataset.nq", "/dumps/0000000000000000/sccon-0000000000000000.ttl",
                 f"/dumps/{version}/dumps.json", "/dumps/current/dataset.nq"):
        r = requests.get(dumps_server.url + path, timeout=30)
        assert r.status_code == 404, path


def test_old_versions_stay_downloadable_after_a_new_release(tmp_path):
    first = release.publish(tmp_path, sample_lines(), derived=write_dumps)
    with serve(tmp_path) as server:
        old = requests.get(server.url + "/dumps/", timeout=30).json()["files"][0]
        release.publish(tmp_path, sample_lines(DUPLICATE), derived=write_dumps)
        second = release.load(tmp_path)
        assert second.version != first.version
        r = requests.get(old["url"], timeout=30)
        assert r.status_code == 200 and hashlib.sha256(r.content).hexdigest() == old["sha256"]
        new_name = old["name"].replace(first.version, second.version)
        assert requests.get(f"{server.url}/dumps/{second.version}/{new_name}", timeout=30).status_code == 200


def test_latest_url_honours_etag_range_and_head_too(dumps_server):
    entry = requests.get(dumps_server.url + "/dumps/", timeout=30).json()["files"][0]  # N-Quads, gzip
    url = entry["latest_url"]
    head = requests.head(url, timeout=30)
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["Content-Length"]) == entry["bytes"]
    assert head.headers["ETag"] == f'"{entry["sha256"]}"' and head.headers["Accept-Ranges"] == "bytes"
    assert requests.get(url, headers={"If-None-Match": head.headers["ETag"]}, timeout=30).status_code == 304
    other = requests.get(url, headers={"If-None-Match": '"0000"'}, timeout=30)
    assert other.status_code == 200 and len(other.content) == entry["bytes"]
    tail = requests.get(url, headers={"Range": "bytes=-16"}, timeout=30)
    assert tail.status_code == 206 and tail.content == other.content[-16:]
    # resuming only if the file is still the same one (If-Range with the ETag)
    resumed = requests.get(url, headers={"Range": "bytes=5-", "If-Range": head.headers["ETag"]}, timeout=30)
    assert resumed.status_code == 206 and resumed.content == other.content[5:]
    changed = requests.get(url, headers={"Range": "bytes=5-", "If-Range": '"0000"'}, timeout=30)
    assert changed.status_code == 200 and changed.content == other.content
    beyond = requests.get(url, headers={"Range": f"bytes={entry['bytes'] + 10}-"}, timeout=30)
    assert beyond.status_code == 416

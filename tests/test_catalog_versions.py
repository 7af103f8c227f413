"""The catalogue over two releases: dct:modified, dcat:version, adms:versionNotes, dcat:previousVersion
with the previous release's dump URLs (which still download), ?modified_since= as ckanext-dcat
harvesters send it, and still no DCAT-AP.de 3.0 violation."""

from __future__ import annotations

from datetime import datetime, timedelta

import crawl_support
import requests
from conftest import requires_shared
from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS
from test_catalog import DATASET, fetch, violations

history, history_server = crawl_support.history, crawl_support.history_server  # shared fixtures
DCAT = Namespace("http://www.w3.org/ns/dcat#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
VOID = Namespace("http://rdfs.org/ns/void#")
CATALOG = URIRef("https://w3id.org/sccon/catalog")


def test_dataset_names_its_version_and_the_previous_one(history_server, history):
    g = fetch(history_server)
    assert str(g.value(DATASET, DCAT.version)) == history.second.version
    assert datetime.fromisoformat(str(g.value(DATASET, DCTERMS.modified))) == history.second.created
    notes = str(g.value(DATASET, ADMS.versionNotes))
    assert "1 entities created, 1 updated, 1 deleted" in notes and history.first.version in notes
    previous = g.value(DATASET, DCAT.previousVersion)
    assert previous is not None and str(g.value(previous, DCAT.version)) == history.first.version
    dumps = sorted(str(u) for u in g.objects(previous, VOID.dataDump))
    assert dumps and all(f"/dumps/{history.first.version}/" in u for u in dumps)
    for url in dumps:
        r = requests.head(url, timeout=10)
        assert r.status_code == 200, url


@requires_shared
def test_versioned_catalog_still_validates(history_server):
    found = violations(fetch(history_server))
    assert found == []
    assert violations(fetch(history_server, "/catalog?modified_since=2999-01-01")) == []


def test_modified_since(history_server, history):
    created = history.second.created
    before = (created - timedelta(days=1)).date().isoformat()
    changed = fetch(history_server, f"/catalog?modified_since={before}")
    assert (CATALOG, DCAT.dataset, DATASET) in changed
    exact = fetch(history_server, "/catalog.ttl?modified_since=" + requests.utils.quote(created.isoformat()))
    assert (CATALOG, DCAT.dataset, DATASET) in exact
    later = (created + timedelta(seconds=1)).isoformat()
    unchanged = fetch(history_server, "/catalog?modified_since=" + requests.utils.quote(later))
    assert (CATALOG, DCAT.dataset, None) not in unchanged
    assert (DATASET, None, None) not in unchanged
    assert (CATALOG, DCTERMS.title, None) in unchanged
    for bad in ("yesterday", "2026-13-01", ""):
        r = requests.get(history_server.url + "/catalog", params={"modified_since": bad}, timeout=10)
        assert r.status_code == 400 and "modified_since" in r.text

"""The JSON-LD of every entity kind means the same RDF as its Turtle: the document read back by a
JSON-LD processor (rdflib's, with the published context) is the graph the Turtle says."""

from __future__ import annotations

import json

import pytest
import requests
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic

from sccon_ld.release import folders as release
from sccon_ld.release.entity_index import INDEX_FILE, EntityIndex


def _one_entity_per_kind(sample_release) -> list[tuple[str, str]]:
    rel = release.load(sample_release)
    base = rel.manifest.get("base") or "https://w3id.org/sccon/"
    index = EntityIndex.open(rel.path / INDEX_FILE, base)
    assert index is not None
    return [(kind, index.of_kind(kind)[0].slug) for kind in index.kinds()]


def test_every_kind_is_covered(sample_release):
    kinds = {kind for kind, _ in _one_entity_per_kind(sample_release)}
    assert {"event", "organization", "person", "document"} <= kinds


def test_jsonld_and_turtle_are_the_same_graph(live_server, sample_release):
    context = requests.get(f"{live_server.url}/context.jsonld", timeout=10).json()["@context"]
    checked = 0
    for kind, slug in _one_entity_per_kind(sample_release):
        url = f"{live_server.url}/doc/{kind}/{slug}"
        jsonld = requests.get(url + ".jsonld", timeout=10)
        turtle = requests.get(url + ".ttl", timeout=10)
        assert jsonld.status_code == turtle.status_code == 200, url
        document = jsonld.json()
        assert document["@context"] == f"{live_server.url}/context.jsonld"
        document["@context"] = context  # the published context, inline: no fetch while parsing
        from_jsonld = Graph().parse(data=json.dumps(document), format="json-ld")
        from_turtle = Graph().parse(data=turtle.text, format="turtle")
        if not isomorphic(from_jsonld, from_turtle):
            _, only_jsonld, only_turtle = graph_diff(from_jsonld, from_turtle)
            pytest.fail(f"{url}: only in JSON-LD {sorted(only_jsonld)[:5]}, only in Turtle {sorted(only_turtle)[:5]}")
        checked += 1
    assert checked >= 4

"""The landing page's schema.org Dataset markup (JSON-LD), checked against the schema.org vocabulary
(``../shared/refdata/schemaorg``, release 30.0): every class and property exists, every property is
used on a type of its domain and with a value of its range, and the fields dataset search engines
need are there with working download URLs."""

from __future__ import annotations

import json
from functools import cache

import pytest
import requests
import test_sparql_support as support
from bs4 import BeautifulSoup
from conftest import SHARED, requires_shared
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

dumps_release, dumps_server = support.dumps_release, support.dumps_server  # shared fixtures
SCHEMA = Namespace("https://schema.org/")
VOCABULARY = SHARED / "refdata" / "schemaorg" / "schemaorg-current-https.ttl"
# schema.org's data types: a literal fits a range that is one of these (or their subclasses).
DATA_TYPES = {SCHEMA[t] for t in ("Text", "URL", "Number", "Integer", "Float", "Boolean", "Date", "DateTime",
                                  "Time", "DataType", "CssSelectorType", "XPathType", "PronounceableText")}


@cache
def vocabulary() -> Graph:
    return Graph().parse(VOCABULARY, format="turtle")


def superclasses(g: Graph, cls: URIRef) -> set[URIRef]:
    return set(g.transitive_objects(cls, RDFS.subClassOf))


def problems(markup: Graph) -> list[str]:
    """What in ``markup`` the schema.org vocabulary does not allow."""
    vocab = vocabulary()
    out = []
    for s, p, o in markup:
        if p == RDF.type:
            if (o, RDF.type, RDFS.Class) not in vocab:
                out.append(f"unknown class {o}")
            continue
        if (p, RDF.type, RDF.Property) not in vocab:
            out.append(f"unknown property {p}")
            continue
        domains = set(vocab.objects(p, SCHEMA.domainIncludes))
        types = {c for t in markup.objects(s, RDF.type) for c in superclasses(vocab, t)}
        if not domains & types:
            out.append(f"{p} on {sorted(types)}: domain is {sorted(domains)}")
        ranges = set(vocab.objects(p, SCHEMA.rangeIncludes))
        if isinstance(o, Literal):
            allowed = {c for r in ranges for c in superclasses(vocab, r)} | ranges
            if not allowed & DATA_TYPES:
                out.append(f"{p} has a literal; range is {sorted(ranges)}")
        else:
            value_types = {c for t in markup.objects(o, RDF.type) for c in superclasses(vocab, t)}
            if value_types and not value_types & ranges:
                out.append(f"{p} value of type {sorted(value_types)}; range is {sorted(ranges)}")
            if not value_types and SCHEMA.URL not in ranges and not ranges & {SCHEMA.Thing, SCHEMA.CreativeWork}:
                out.append(f"{p} has an IRI; range is {sorted(ranges)}")
    return out


def landing_markup(server) -> dict:
    r = requests.get(server.url + "/", headers={"Accept": "text/html"}, timeout=30)
    assert r.status_code == 200
    blocks = BeautifulSoup(r.text, "html.parser").find_all("script", type="application/ld+json")
    datasets = [json.loads(b.string) for b in blocks if json.loads(b.string).get("@type") == "Dataset"]
    assert len(datasets) == 1
    return datasets[0]


def as_graph(doc: dict) -> Graph:
    """The markup as RDF, with schema.org's own context (URL-valued terms are IRIs) read offline."""
    text = (SHARED / "refdata" / "schemaorg" / "schemaorgcontext.jsonld").read_text(encoding="utf-8")
    context = json.loads(text.replace("http://schema.org/", str(SCHEMA)))["@context"]  # it names http:
    context = {k: v for k, v in context.items() if not k.startswith("@")} | {"@vocab": str(SCHEMA)}
    return Graph().parse(data=json.dumps({**doc, "@context": context}), format="json-ld")


def test_dataset_markup_has_what_dataset_search_needs(dumps_server):
    doc = landing_markup(dumps_server)
    assert doc["@context"] == "https://schema.org/"
    for key in ("name", "description", "license", "creator", "temporalCoverage", "spatialCoverage", "distribution"):
        assert doc.get(key), key
    assert doc["temporalCoverage"].count("/") == 1
    dumps = requests.get(dumps_server.url + "/dumps/", headers={"Accept": "application/json"}, timeout=10)
    assert len(doc["distribution"]) >= 4
    for d in doc["distribution"]:
        assert d["@type"] == "DataDownload" and d["encodingFormat"] and d["contentSize"].endswith(" B")
        r = requests.get(d["contentUrl"], timeout=30)
        assert r.status_code == 200 and len(r.content) == int(d["contentSize"].split()[0])
    assert dumps.status_code == 200


@requires_shared
def test_dataset_markup_fits_the_schemaorg_vocabulary(dumps_server):
    graph = as_graph(landing_markup(dumps_server))
    assert len(graph) > 20
    assert problems(graph) == []


@requires_shared
@pytest.mark.parametrize("change", [
    {"temporalCoverage": None, "startDate": "2020-01-01"},   # Dataset has no startDate
    {"distribution": [{"@type": "DataDownload", "contentUrl": "x", "foo": "bar"}]},  # no such property
    {"creator": {"@type": "Organisation", "name": "x"}},     # no such class (British spelling)
    {"spatialCoverage": {"@type": "Person", "name": "x"}},   # wrong range
])
def test_the_check_can_fail(dumps_server, change):
    doc = {k: v for k, v in landing_markup(dumps_server).items() if change.get(k, 0) is not None} | {
        k: v for k, v in change.items() if v is not None}
    assert problems(as_graph(doc)) != []

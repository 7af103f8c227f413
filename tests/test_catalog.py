"""/catalog on a live server: DCAT-AP.de 3.0 validation (zero violations), distributions, formats.

Validation follows ``../shared/refdata/dcat-ap-de/CHECKLIST.md``: shapes = SEMIC DCAT-AP 3.0.0 +
the four German 3.0 files; data = the catalogue merged with the GovData licence and contributor
lists, the EU file-type table, and our stub of the few other EU codes we use
(``data/catalog/eu-codelists.ttl``). Only ``sh:Violation`` counts as failure.
"""

from __future__ import annotations

from functools import cache

import pytest
import requests
import test_sparql_support as support
from conftest import PROJECT_ROOT, SHARED, requires_shared
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SH, SKOS

dumps_release, dumps_server = support.dumps_release, support.dumps_server  # shared fixtures
proxied_dumps_server = support.proxied_dumps_server
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # open namespace: rdflib's closed one warns at collection
SPDX = Namespace("http://spdx.org/rdf/terms#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
DCAT_DE = SHARED / "refdata" / "dcat-ap-de"
SHAPES = [SHARED / "refdata" / "dcat-ap-eu" / "3.0.0" / "dcat-ap-SHACL.ttl"] + [
    DCAT_DE / "shacl-3.0" / name for name in (
        "dcat-ap-SHACL-DE.ttl", "dcat-ap-de-deprecated.ttl", "dcat-ap-spec-german-additions.ttl",
        "dcat-ap-de-controlledvocabularies.ttl")]
VOCABULARIES = [DCAT_DE / "vocab" / name for name in (
    "dcat-ap-de-licenses-20210721.rdf", "dcat-ap-de-contributors.rdf", "eu-nal/file-type-skos-20220316.rdf")]
STUB = PROJECT_ROOT / "data" / "catalog" / "eu-codelists.ttl"
DATASET = URIRef("https://w3id.org/sccon/dataset")


def fetch(server, path: str = "/catalog", accept: str = "text/turtle", **headers) -> Graph:
    return support.fetch_rdf(server, path, accept, **headers)


@cache
def shapes_and_vocabularies() -> tuple[Graph, Graph]:
    shapes, vocab = Graph(), Graph()
    for path in SHAPES:
        shapes.parse(path, format="turtle")
    for path in VOCABULARIES:
        vocab.parse(path, format="xml")
    vocab.parse(STUB, format="turtle")
    return shapes, vocab


def violations(catalog: Graph) -> list[str]:
    import pyshacl

    shapes, vocab = shapes_and_vocabularies()
    _, report, _ = pyshacl.validate(catalog + vocab, shacl_graph=shapes, inference="none", advanced=True,
                                    allow_warnings=True)
    return [" ".join(str(report.value(r, p)) for p in (SH.focusNode, SH.resultPath, SH.resultMessage))
            for r in report.subjects(SH.resultSeverity, SH.Violation)]


@requires_shared
def test_catalog_validates_against_dcat_ap_de_3(dumps_server):
    catalog = fetch(dumps_server)
    found = violations(catalog)
    print(f"\nDCAT-AP.de 3.0 validation of /catalog: {len(found)} violations ({len(catalog)} triples)")
    assert found == []


@requires_shared
def test_validation_catches_a_broken_catalog(dumps_server):
    """The check above can fail: drop a distribution's licence and use an unlisted licence."""
    catalog = fetch(dumps_server)
    distribution = next(catalog.objects(DATASET, DCAT.distribution))
    catalog.remove((distribution, DCTERMS.license, None))
    catalog.set((DATASET, DCATDE.contributorID, URIRef("http://dcat-ap.de/def/contributors/noSuchPortal")))
    found = violations(catalog)
    assert any(str(distribution) in v and "license" in v for v in found)


def test_every_dump_is_a_distribution(dumps_server):
    catalog = fetch(dumps_server)
    listing = requests.get(dumps_server.url + "/dumps/", timeout=30).json()["files"]
    downloads = {}
    for dist in catalog.objects(DATASET, DCAT.distribution):
        url = catalog.value(dist, DCAT.downloadURL)
        if url is not None:
            downloads[str(url)] = dist
            assert catalog.value(dist, DCAT.accessURL) == url
    assert set(downloads) == {f["url"] for f in listing}
    for entry in listing:
        dist = downloads[entry["url"]]
        assert int(catalog.value(dist, DCAT.byteSize)) == entry["bytes"]
        checksum = catalog.value(dist, SPDX.checksum)
        assert str(catalog.value(checksum, SPDX.checksumValue)) == entry["sha256"]
        assert (checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256) in catalog
        assert str(catalog.value(dist, DCAT.mediaType)) == (
            "https://www.iana.org/assignments/media-types/" + entry["media_type"])
        assert str(catalog.value(dist, DCTERMS["format"])).startswith(
            "http://publications.europa.eu/resource/authority/file-type/")
        assert catalog.value(dist, DCTERMS.license) == URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")


def test_sparql_endpoint_is_a_data_service(dumps_server):
    catalog = fetch(dumps_server)
    services = list(catalog.subjects(RDF.type, DCAT.DataService))
    assert len(services) == 1
    endpoint = URIRef(dumps_server.url + "/sparql")
    assert (services[0], DCAT.endpointURL, endpoint) in catalog
    assert (services[0], DCAT.servesDataset, DATASET) in catalog
    via = [d for d in catalog.objects(DATASET, DCAT.distribution) if catalog.value(d, DCAT.accessService)]
    assert len(via) == 1 and catalog.value(via[0], DCAT.accessURL) == endpoint
    assert catalog.value(via[0], DCAT.downloadURL) is None  # K41


def test_publisher_contributor_and_contact_come_from_settings(dumps_server):
    from sccon_ld import settings

    dataset = settings.get().dataset
    catalog = fetch(dumps_server)
    publisher = catalog.value(DATASET, DCTERMS.publisher)
    name = catalog.value(publisher, URIRef("http://xmlns.com/foaf/0.1/name"))
    assert name == Literal(dataset["publisher_name"])
    assert catalog.value(DATASET, DCATDE.contributorID) == URIRef(dataset["contributor_id"])
    contact = catalog.value(DATASET, DCAT.contactPoint)
    vcard = Namespace("http://www.w3.org/2006/vcard/ns#")
    assert catalog.value(contact, vcard.hasEmail) == URIRef(dataset["contact_email"])


@pytest.mark.parametrize(("path", "accept"), [
    ("/catalog", "application/ld+json"), ("/catalog", "application/rdf+xml"),
    ("/catalog.ttl", "*/*"), ("/catalog.rdf", "*/*"), ("/catalog.jsonld", "*/*"),
])
def test_catalog_formats(dumps_server, path, accept):
    r = requests.get(dumps_server.url + path, headers={"Accept": accept}, timeout=30)
    suffix_type = {"ttl": "text/turtle", "rdf": "application/rdf+xml", "jsonld": "application/ld+json"}
    expected = suffix_type[path.rsplit(".", 1)[1]] if "." in path else accept
    assert r.headers["Content-Type"].split(";")[0] == expected
    assert isomorphic(Graph().parse(data=r.content, format=support.RDFLIB_FORMATS[expected]), fetch(dumps_server))


def test_catalog_urls_follow_the_request_host(proxied_dumps_server):
    catalog = fetch(proxied_dumps_server, **{"X-Forwarded-Host": "daten.example.de", "X-Forwarded-Proto": "https"})
    urls = [str(u) for u in catalog.objects(None, DCAT.downloadURL)] + [
        str(u) for u in catalog.objects(None, DCAT.endpointURL)]
    assert urls and all(u.startswith("https://daten.example.de/") for u in urls)


CODE_LISTS = ("http://publications.europa.eu/resource/authority/", "http://dcat-ap.de/def/licenses/",
              "http://dcat-ap.de/def/contributors/")


@requires_shared
def test_every_code_the_catalog_uses_is_in_a_shipped_code_list(dumps_server):
    """Some shapes cannot see a code (``dcatap:availability`` is checked in the hash namespace):
    every code-list IRI must still be listed, in ../shared's vocabularies or data/catalog/."""
    catalog = fetch(dumps_server)
    _, vocab = shapes_and_vocabularies()
    codes = {o for o in catalog.objects() if isinstance(o, URIRef) and str(o).startswith(CODE_LISTS)
             and (o, RDF.type, SKOS.ConceptScheme) not in vocab}
    assert len(codes) >= 10
    assert sorted(str(c) for c in codes if vocab.value(c, SKOS.inScheme) is None) == []


@requires_shared
def test_publisher_licence_contributor_and_contact_settings_change_the_catalog(dumps_release):
    licence = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    contributor = "http://dcat-ap.de/def/contributors/berlinOpenData"
    custom = support.with_settings("dataset", publisher_name="Land Berlin", license=licence,
                                   contributor_id=contributor, contact_email="opendata@example.berlin",
                                   publisher_url="https://www.berlin.de/")
    with support.serve(dumps_release, custom) as server:
        catalog = fetch(server)
        void = support.fetch_rdf(server, "/.well-known/void")
    publisher = catalog.value(DATASET, DCTERMS.publisher)
    assert catalog.value(publisher, URIRef("http://xmlns.com/foaf/0.1/name")) == Literal("Land Berlin")
    assert catalog.value(DATASET, DCATDE.contributorID) == URIRef(contributor)
    contact = catalog.value(DATASET, DCAT.contactPoint)
    assert catalog.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail")) == URIRef(
        "mailto:opendata@example.berlin")
    licensed = set(catalog.subjects(DCTERMS.license, URIRef(licence)))
    assert set(catalog.objects(DATASET, DCAT.distribution)) <= licensed
    assert (DATASET, DCTERMS.license, URIRef(licence)) in void
    assert violations(catalog) == []

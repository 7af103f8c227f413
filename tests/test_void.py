"""/.well-known/void on a live server: figures that match the release, subsets, links, conneg, host."""

from __future__ import annotations

from collections import Counter

import requests
import test_sparql_support as support
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from sccon_ld.release import folders as release

dumps_release, dumps_server = support.dumps_release, support.dumps_server  # shared fixtures
proxied_dumps_server = support.proxied_dumps_server
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
BASE = "https://w3id.org/sccon/"
DATASET = URIRef(BASE + "dataset")


def fetch(server, accept: str = "text/turtle", **headers) -> Graph:
    return support.fetch_rdf(server, "/.well-known/void", accept, **headers)


def value(g: Graph, s, p) -> int:
    return int(g.value(s, p))


def test_figures_match_the_release(dumps_server, dumps_release):
    g = fetch(dumps_server)
    ds = Dataset()
    ds.parse(release.load(dumps_release).dataset_file, format="nquads")
    quads = list(ds.quads((None, None, None, None)))
    union = {(s, p, o) for s, p, o, _ in quads}
    assert (DATASET, RDF.type, VOID.Dataset) in g
    assert value(g, DATASET, VOID.triples) == len(union)
    entities = {s for s, _, _ in union if str(s).startswith(BASE + "id/")}
    assert value(g, DATASET, VOID.entities) == len(entities)
    partitions = {g.value(n, VOID.property): value(g, n, VOID.triples)
                  for n in g.objects(DATASET, VOID.propertyPartition)}
    assert partitions == Counter(p for _, p, _ in union)
    classes = {g.value(n, VOID["class"]) for n in g.objects(DATASET, VOID.classPartition)}
    assert URIRef("https://schema.org/Event") in classes
    per_graph = Counter(str(c) for _, _, _, c in quads)
    subsets = {str(g.value(n, SD.name)): value(g, n, VOID.triples) for n in g.objects(DATASET, VOID.subset)}
    assert subsets == {name: n for name, n in per_graph.items()}
    assert URIRef("https://schema.org/") in set(g.objects(DATASET, VOID.vocabulary))
    assert (DATASET, VOID.uriSpace, Literal(BASE + "id/")) in g
    assert (DATASET, DCTERMS.license, URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")) in g


def test_links_resolve_on_this_server(dumps_server):
    g = fetch(dumps_server)
    assert (DATASET, VOID.sparqlEndpoint, URIRef(dumps_server.url + "/sparql")) in g
    dumps = sorted(g.objects(DATASET, VOID.dataDump))
    assert len(dumps) == 4
    for url in dumps:
        assert str(url).startswith(dumps_server.url + "/dumps/")
        assert requests.head(str(url), timeout=30).status_code == 200


def test_urls_follow_the_request_host_behind_a_proxy(dumps_server, proxied_dumps_server):
    g = fetch(proxied_dumps_server, **{"X-Forwarded-Host": "lod.example.org", "X-Forwarded-Proto": "https"})
    assert (DATASET, VOID.sparqlEndpoint, URIRef("https://lod.example.org/sparql")) in g
    assert all(str(u).startswith("https://lod.example.org/dumps/") for u in g.objects(DATASET, VOID.dataDump))
    direct = fetch(dumps_server)
    assert (DATASET, VOID.sparqlEndpoint, URIRef(dumps_server.url + "/sparql")) in direct


def test_every_rdf_syntax_says_the_same(dumps_server):
    turtle = fetch(dumps_server)
    for accept in ("application/ld+json", "application/rdf+xml", "application/n-triples"):
        assert len(fetch(dumps_server, accept)) == len(turtle)
    suffix = requests.get(dumps_server.url + "/.well-known/void.nt", timeout=30)
    assert suffix.headers["Content-Type"].startswith("application/n-triples")
    assert requests.get(dumps_server.url + "/.well-known/void", headers={"Accept": "image/png"},
                        timeout=30).status_code == 406


def test_dataset_iri_leads_to_its_description(dumps_server):
    r = requests.get(dumps_server.url + "/dataset", allow_redirects=False, timeout=30)
    assert r.status_code == 303 and r.headers["Location"].endswith("/.well-known/void")


def test_subset_per_source_document_with_its_partitions(dumps_server, dumps_release):
    g = fetch(dumps_server)
    ds = Dataset()
    ds.parse(release.load(dumps_release).dataset_file, format="nquads")
    quads = list(ds.quads((None, None, None, None)))
    subsets = {str(g.value(n, SD.name)): n for n in g.objects(DATASET, VOID.subset)}
    assert set(subsets) == {f"{BASE}graph/authority", f"{BASE}graph/pm-2023", f"{BASE}graph/blog-2020"}
    for name, node in subsets.items():
        mine = [(s, p, o) for s, p, o, c in quads if str(c) == name]
        assert (node, RDF.type, VOID.Dataset) in g
        assert (node, VOID.sparqlEndpoint, URIRef(dumps_server.url + "/sparql")) in g
        assert value(g, node, VOID.entities) == len({s for s, _, _ in mine if str(s).startswith(BASE + "id/")})
        properties = {g.value(n, VOID.property): value(g, n, VOID.triples)
                      for n in g.objects(node, VOID.propertyPartition)}
        assert properties == Counter(p for _, p, _ in mine)
        assert value(g, node, VOID.properties) == len(properties)
        classes = {g.value(n, VOID["class"]): value(g, n, VOID.entities)
                   for n in g.objects(node, VOID.classPartition)}
        typed = {(s, o) for s, p, o in mine if p == RDF.type}
        assert classes == Counter(o for _, o in typed)
        assert value(g, node, VOID.classes) == len(classes)
        document = g.value(node, DCTERMS.source)
        if name.endswith("/authority"):
            assert document is None
        else:  # a source document's graph names the document it was extracted from
            assert document == URIRef(name.replace("/graph/", "/id/document/"))
            assert (document, None, None) in ds.graph(URIRef(name))


def test_union_class_partitions_and_vocabularies(dumps_server, dumps_release):
    g = fetch(dumps_server)
    ds = Dataset()
    ds.parse(release.load(dumps_release).dataset_file, format="nquads")
    typed = {(s, o) for s, p, o, _ in ds.quads((None, RDF.type, None, None))}
    classes = {g.value(n, VOID["class"]): value(g, n, VOID.entities)
               for n in g.objects(DATASET, VOID.classPartition)}
    assert classes == Counter(o for _, o in typed)
    used = {str(p) for _, p, _, _ in ds.quads((None, None, None, None))} | {str(o) for _, o in typed}
    vocabularies = {str(v) for v in g.objects(DATASET, VOID.vocabulary)}
    assert all(any(term.startswith(v) for v in vocabularies) for term in used)
    assert "https://w3id.org/sccon/ontology#" in vocabularies

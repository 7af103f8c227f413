"""Descriptions of the dataset as graphs: VoID statistics and the DCAT-AP.de 3.0 catalogue.

Pure functions of (statistics, settings, the public root URL, the dump index), so the web
layer can build them per request host (behind a proxy the URLs must name the public host)
while the statistics, which cost a few aggregate queries, are computed once per release.

Identifiers are stable IRIs under the dataset base (``<base>dataset``, ``<base>catalog``):
they do not change with the host that serves them; only access and download URLs do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

import pyoxigraph as ox
from rdflib import XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS

from .. import formats as F
from .. import iris, vocab
from ..iris import SD, VOID
from ..store.embedded import GraphStore

DCATDE = Namespace(vocab.DCATDE)
DCATAP = Namespace(vocab.DCATAP)
SPDX = Namespace(vocab.SPDX)
VCARD = Namespace(vocab.VCARD)
FORMATS = Namespace(vocab.FORMATS)
EU = vocab.EU_AUTHORITY
IANA = vocab.IANA_MEDIA_TYPES
# The syntaxes the dumps come in, as VoID features.
DUMP_SYNTAXES = (F.N_QUADS, F.N_TRIPLES, F.TURTLE, F.JSON_LD, F.RDF_XML)

LANGUAGE_CODES = {"de": "DEU", "en": "ENG"}


@dataclass
class GraphStats:
    """VoID figures of one graph (or of the union, ``graph == ""``)."""

    graph: str
    triples: int = 0
    entities: int = 0
    properties: dict[str, int] = field(default_factory=dict)  # property -> triples
    classes: dict[str, int] = field(default_factory=dict)  # class -> entities


@dataclass
class DatasetStats:
    union: GraphStats
    subsets: list[GraphStats]
    first_date: str | None = None
    last_date: str | None = None

    @property
    def vocabularies(self) -> list[str]:
        """Namespaces of every property and class used."""
        terms = set(self.union.properties) | set(self.union.classes)
        return sorted({re.sub(r"[^#/]*$", "", t) for t in terms})


def _int(term) -> int:
    return int(term.value)


def compute_stats(store: GraphStore, base: str) -> DatasetStats:
    """Counts per named graph and for the default graph (each distinct triple once), by SPARQL aggregates."""
    space = str(ox.Literal(iris.id_prefix(base)))  # N-Triples form: quotes and escapes included
    q = store.query  # the same on the local and on a remote store (both resolve the service's dataset)
    per_graph: dict[str, GraphStats] = {}

    def stats(g) -> GraphStats:
        return per_graph.setdefault(g.value, GraphStats(g.value))

    for row in q("SELECT ?g ?p (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ?p"):
        s = stats(row["g"])
        s.properties[row["p"].value] = _int(row["n"])
        s.triples += _int(row["n"])
    for row in q("SELECT ?g ?c (COUNT(DISTINCT ?s) AS ?n) { GRAPH ?g { ?s a ?c } } GROUP BY ?g ?c"):
        stats(row["g"]).classes[row["c"].value] = _int(row["n"])
    entity_filter = f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {space}))"
    for row in q(f"SELECT ?g (COUNT(DISTINCT ?s) AS ?n) {{ GRAPH ?g {{ ?s ?p ?o }} {entity_filter} }}"
                 " GROUP BY ?g"):
        stats(row["g"]).entities = _int(row["n"])

    union = GraphStats("")
    for row in q("SELECT ?p (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?p"):
        union.properties[row["p"].value] = _int(row["n"])
    union.triples = sum(union.properties.values())
    for row in q("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) { ?s a ?c } GROUP BY ?c"):
        union.classes[row["c"].value] = _int(row["n"])
    for row in q(f"SELECT (COUNT(DISTINCT ?s) AS ?n) {{ ?s ?p ?o {entity_filter} }}"):
        union.entities = _int(row["n"])
    first = last = None
    for row in q(f"PREFIX schema: <{vocab.SCHEMA}> "
                 "SELECT (MIN(STR(?a)) AS ?first) (MAX(STR(?b)) AS ?last) { GRAPH ?g {"
                 " ?e a schema:Event ; schema:startDate ?a . OPTIONAL { ?e schema:endDate ?b0 } }"
                 " BIND(COALESCE(?b0, ?a) AS ?b) }"):
        first = row["first"].value[:10] if row["first"] else None
        last = row["last"].value[:10] if row["last"] else None
    return DatasetStats(union, [per_graph[g] for g in sorted(per_graph)], first, last)


# ---------------------------------------------------------------- shared identifiers


@dataclass(frozen=True)
class Links:
    """Public URLs of the services, from the root URL of the current request."""

    root: str  # ends with "/"
    base: str  # dataset base (IRIs)

    @property
    def dataset(self) -> URIRef:
        return URIRef(self.base + "dataset")

    @property
    def catalog(self) -> URIRef:
        return URIRef(self.base + "catalog")

    def node(self, name: str) -> URIRef:
        """A described-with-the-dataset node (publisher, contact, distributions)."""
        return URIRef(f"{self.base}dataset#{name}")

    @property
    def sparql(self) -> URIRef:
        return URIRef(self.root + "sparql")

    def dump(self, version: str, name: str) -> URIRef:
        return URIRef(f"{self.root}dumps/{version}/{name}")

    def latest(self, suffix: str) -> URIRef:
        return URIRef(f"{self.root}dumps/latest/sccon.{suffix}")


def _lang_literals(graph: Graph, subject: URIRef, predicate: URIRef, dataset: Mapping, key: str) -> None:
    for lang in ("de", "en"):
        if dataset.get(f"{key}_{lang}"):
            graph.add((subject, predicate, Literal(dataset[f"{key}_{lang}"], lang=lang)))


def _bind(graph: Graph, base: str) -> Graph:
    for prefix, ns in (("void", VOID), ("sd", SD), ("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF),
                       ("dcatde", DCATDE), ("dcatap", DCATAP), ("spdx", SPDX), ("vcard", VCARD),
                       ("formats", FORMATS), ("schema", Namespace(vocab.SCHEMA)),
                       ("sccon", Namespace(vocab.ontology(base)))):
        graph.bind(prefix, ns)
    return graph


def _slug(iri: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", iri.rstrip("/#").rsplit("/", 1)[-1]).strip("-").lower() or "graph"


def _partitions(graph: Graph, links: Links, subject: URIRef, stats: GraphStats, prefix: str) -> None:
    for i, (prop, n) in enumerate(sorted(stats.properties.items()), 1):
        node = links.node(f"{prefix}property-{i}")
        graph.add((subject, VOID.propertyPartition, node))
        graph.add((node, VOID.property, URIRef(prop)))
        graph.add((node, VOID.triples, Literal(n)))
    for i, (cls, n) in enumerate(sorted(stats.classes.items()), 1):
        node = links.node(f"{prefix}class-{i}")
        graph.add((subject, VOID.classPartition, node))
        graph.add((node, VOID["class"], URIRef(cls)))
        graph.add((node, VOID.entities, Literal(n)))


def _counts(graph: Graph, subject: URIRef, stats: GraphStats) -> None:
    graph.add((subject, VOID.triples, Literal(stats.triples)))
    graph.add((subject, VOID.entities, Literal(stats.entities)))
    graph.add((subject, VOID.classes, Literal(len(stats.classes))))
    graph.add((subject, VOID.properties, Literal(len(stats.properties))))


def void_graph(stats: DatasetStats, dataset: Mapping, links: Links, dumps: Mapping | None,
               modified: datetime) -> Graph:
    """VoID: the dataset, its statistics and partitions, dumps, endpoint, one subset per graph."""
    g = _bind(Graph(), links.base)
    ds = links.dataset
    g.add((ds, RDF.type, VOID.Dataset))
    _lang_literals(g, ds, DCTERMS.title, dataset, "title")
    _lang_literals(g, ds, DCTERMS.description, dataset, "description")
    g.add((ds, DCTERMS.license, URIRef(dataset["license"])))
    g.add((ds, DCTERMS.publisher, links.node("publisher")))
    g.add((links.node("publisher"), RDF.type, FOAF.Agent))
    g.add((links.node("publisher"), FOAF.name, Literal(dataset["publisher_name"])))
    g.add((ds, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.dateTime)))
    g.add((ds, FOAF.homepage, URIRef(links.root)))
    g.add((ds, VOID.uriSpace, Literal(iris.id_prefix(links.base))))
    g.add((ds, VOID.sparqlEndpoint, links.sparql))
    g.add((ds, VOID.rootResource, URIRef(iris.series_iri(links.base))))
    g.add((ds, VOID.exampleResource, URIRef(iris.series_iri(links.base))))
    for fmt in DUMP_SYNTAXES:
        g.add((ds, VOID.feature, FORMATS[fmt.w3c]))
    for entry in (dumps or {}).get("files", []):
        g.add((ds, VOID.dataDump, links.dump(dumps["version"], entry["name"])))
    for vocabulary in stats.vocabularies:
        g.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    _counts(g, ds, stats.union)
    _partitions(g, links, ds, stats.union, "")
    for sub in stats.subsets:
        slug = _slug(sub.graph)
        node = links.node(f"graph-{slug}")
        g.add((ds, VOID.subset, node))
        g.add((node, RDF.type, VOID.Dataset))
        g.add((node, SD.name, URIRef(sub.graph)))
        g.add((node, RDFS.label, Literal(f"Named graph {sub.graph}")))
        g.add((node, VOID.sparqlEndpoint, links.sparql))
        document = iris.document_of_graph(links.base, sub.graph)
        if document is not None:
            g.add((node, DCTERMS.source, URIRef(document)))
        _counts(g, node, sub)
        _partitions(g, links, node, sub, f"graph-{slug}-")
    return g


# ---------------------------------------------------------------- DCAT-AP.de


def _agent(g: Graph, node: URIRef, dataset: Mapping) -> URIRef:
    g.add((node, RDF.type, FOAF.Agent))
    g.add((node, RDF.type, FOAF.Organization))
    g.add((node, FOAF.name, Literal(dataset["publisher_name"])))
    if dataset.get("publisher_url"):
        g.add((node, FOAF.homepage, URIRef(dataset["publisher_url"])))
    return node


def _contact(g: Graph, node: URIRef, dataset: Mapping) -> URIRef:
    g.add((node, RDF.type, VCARD.Kind))  # typed explicitly: the shapes run without inference
    g.add((node, RDF.type, VCARD.Organization))
    g.add((node, VCARD.fn, Literal(dataset["publisher_name"])))
    email = dataset.get("contact_email", "")
    if email:
        g.add((node, VCARD.hasEmail, URIRef(email if email.startswith("mailto:") else f"mailto:{email}")))
    if dataset.get("publisher_url"):
        g.add((node, VCARD.hasURL, URIRef(dataset["publisher_url"])))
    return node


def _licensed(g: Graph, node: URIRef, dataset: Mapping) -> None:
    g.add((node, DCTERMS.license, URIRef(dataset["license"])))
    g.add((node, DCATDE.licenseAttributionByText, Literal(attribution(dataset), lang="de")))


def attribution(dataset: Mapping) -> str:
    """Attribution text required by BY licences (dcatde:licenseAttributionByText)."""
    return dataset.get("attribution") or f"{dataset['publisher_name']}: {dataset.get('title_de', '')}".strip()


def _date_time(value: datetime) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.dateTime)


def _distribution(g: Graph, links: Links, dataset: Mapping, version: str, entry: Mapping,
                  modified: datetime) -> URIRef:
    suffix = entry["name"].split(".", 1)[1]
    node = links.node("dump-" + suffix.replace(".", "-"))
    url = links.dump(version, entry["name"])
    g.add((node, RDF.type, DCAT.Distribution))
    g.add((node, DCTERMS.title, Literal(entry["label"], lang="en")))
    g.add((node, DCAT.accessURL, url))  # K39: a direct download names the same URL twice
    g.add((node, DCAT.downloadURL, url))
    g.add((node, DCAT.mediaType, URIRef(IANA + entry["media_type"])))
    g.add((node, DCTERMS["format"], URIRef(f"{EU}file-type/{entry['file_type']}")))
    if entry.get("gzip"):
        g.add((node, DCAT.compressFormat, URIRef(IANA + F.GZIP.media_type)))
    g.add((node, DCAT.byteSize, Literal(entry["bytes"], datatype=XSD.nonNegativeInteger)))
    checksum = URIRef(f"{node}-checksum")
    g.add((node, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(entry["sha256"], datatype=XSD.hexBinary)))
    g.add((node, DCTERMS.modified, _date_time(modified)))
    g.add((node, DCATAP.availability, URIRef(EU + "planned-availability/STABLE")))
    _licensed(g, node, dataset)
    return node


def dcat_graph(stats: DatasetStats | None, dataset: Mapping, links: Links, dumps: Mapping | None,
               modified: datetime) -> Graph:
    """The DCAT-AP.de 3.0 catalogue: catalogue, dataset, one distribution per dump, SPARQL service."""
    g = _bind(Graph(), links.base)
    cat, ds, service = links.catalog, links.dataset, links.node("sparql-service")
    publisher = _agent(g, links.node("publisher"), dataset)
    lang = URIRef(f"{EU}language/{LANGUAGE_CODES[dataset['language']]}")

    g.add((cat, RDF.type, DCAT.Catalog))
    _lang_literals(g, cat, DCTERMS.title, dataset, "title")
    _lang_literals(g, cat, DCTERMS.description, dataset, "description")
    g.add((cat, DCTERMS.publisher, publisher))
    g.add((cat, DCAT.dataset, ds))
    g.add((cat, DCAT.service, service))
    g.add((cat, FOAF.homepage, URIRef(links.root)))
    g.add((cat, DCTERMS.language, lang))
    g.add((cat, DCTERMS.license, URIRef(dataset["license"])))
    g.add((cat, DCTERMS.modified, _date_time(modified)))
    g.add((cat, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))

    g.add((ds, RDF.type, DCAT.Dataset))
    _lang_literals(g, ds, DCTERMS.title, dataset, "title")
    _lang_literals(g, ds, DCTERMS.description, dataset, "description")
    g.add((ds, DCTERMS.identifier, Literal(str(ds))))
    g.add((ds, DCTERMS.publisher, publisher))
    g.add((ds, DCATDE.contributorID, URIRef(dataset["contributor_id"])))
    g.add((ds, DCAT.contactPoint, _contact(g, links.node("contact"), dataset)))
    g.add((ds, DCTERMS.language, lang))
    g.add((ds, DCAT.landingPage, URIRef(links.root)))
    g.add((ds, DCTERMS.modified, _date_time(modified)))
    g.add((ds, DCTERMS.accrualPeriodicity, URIRef(EU + "frequency/IRREG")))
    g.add((ds, DCTERMS.accessRights, URIRef(EU + "access-right/PUBLIC")))
    g.add((ds, DCATAP.availability, URIRef(EU + "planned-availability/STABLE")))
    for keyword in dataset["keywords"]:
        g.add((ds, DCAT.keyword, Literal(keyword, lang="de")))
    for theme in dataset["themes"]:
        g.add((ds, DCAT.theme, URIRef(f"{EU}data-theme/{theme}")))
    for country in dataset["spatial"]:
        place = URIRef(f"{EU}country/{country}")
        g.add((ds, DCTERMS.spatial, place))
        g.add((place, RDF.type, DCTERMS.Location))  # typed: the shapes check the class, without inference
    if stats is not None and stats.first_date:
        period = links.node("temporal")
        g.add((ds, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(stats.first_date, datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(stats.last_date, datatype=XSD.date)))
    for entry in (dumps or {}).get("files", []):
        g.add((ds, DCAT.distribution, _distribution(g, links, dataset, dumps["version"], entry, modified)))

    # The SPARQL endpoint: a DataService, and a distribution accessed through it (K41).
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal("SPARQL 1.1 endpoint", lang="en")))
    g.add((service, DCTERMS.title, Literal("SPARQL-1.1-Endpunkt", lang="de")))
    g.add((service, DCAT.endpointURL, links.sparql))
    g.add((service, DCAT.endpointDescription, links.sparql))
    g.add((service, DCAT.servesDataset, ds))
    g.add((service, DCTERMS.publisher, publisher))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((service, DCATAP.availability, URIRef(EU + "planned-availability/STABLE")))
    _licensed(g, service, dataset)
    via = links.node("sparql")
    g.add((ds, DCAT.distribution, via))
    g.add((via, RDF.type, DCAT.Distribution))
    g.add((via, DCTERMS.title, Literal("SPARQL endpoint", lang="en")))
    g.add((via, DCAT.accessURL, links.sparql))
    g.add((via, DCAT.accessService, service))
    g.add((via, DCTERMS["format"], URIRef(EU + "file-type/SPARQLQ")))
    g.add((via, DCATAP.availability, URIRef(EU + "planned-availability/STABLE")))
    _licensed(g, via, dataset)
    return g


def service_description(links: Links, named_graphs: Iterable[str], result_formats: Iterable[URIRef]) -> Graph:
    """SPARQL 1.1 Service Description of the endpoint (sd:Service with sd:endpoint)."""
    g = _bind(Graph(), links.base)
    svc = links.sparql
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, svc))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    for fmt in result_formats:
        g.add((svc, SD.resultFormat, fmt))
    g.add((svc, RDFS.comment, Literal(
        "Read-only: SPARQL Update, SERVICE and remote FROM graphs are refused. The default graph is the "
        "union of all named graphs (one per source document).", lang="en")))
    default = URIRef(f"{svc}#dataset")
    g.add((svc, SD.defaultDataset, default))
    g.add((default, RDF.type, SD.Dataset))
    g.add((default, DCTERMS.source, links.dataset))
    g.add((default, SD.defaultGraph, URIRef(f"{svc}#default-graph")))
    g.add((URIRef(f"{svc}#default-graph"), RDF.type, SD.Graph))
    g.add((URIRef(f"{svc}#default-graph"), RDFS.comment, Literal("union of all named graphs", lang="en")))
    for i, name in enumerate(named_graphs, 1):
        node = URIRef(f"{svc}#named-graph-{i}")
        g.add((default, SD.namedGraph, node))
        g.add((node, RDF.type, SD.NamedGraph))
        g.add((node, SD.name, URIRef(name)))
    return g

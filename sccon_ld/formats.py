"""Every syntax the project reads or writes: one table of RDF syntaxes, SPARQL result formats and
the plain formats of pages and errors.

Each :class:`Format` says its short names, file extension, media type and the other media types
clients send for it, the pyoxigraph and rdflib names, the W3C format IRI (``formats:``) and EU
file-type code, and what it can carry (a graph, a dataset with named graphs, query results).
Content negotiation (``web/negotiation.py``), SPARQL, entity pages, dumps, VoID, errors, OpenAPI
and the static export's nginx maps all read this table; no other module spells a media type.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Flag, auto

import pyoxigraph as ox


class Carries(Flag):
    """What a format can hold."""

    GRAPH = auto()  # triples
    DATASET = auto()  # quads (named graphs)
    SOLUTIONS = auto()  # SELECT results
    BOOLEAN = auto()  # ASK results
    DOCUMENT = auto()  # a page, a listing, an error message
    RESULTS = SOLUTIONS | BOOLEAN
    RDF = GRAPH | DATASET


@dataclass(frozen=True)
class Format:
    """One syntax: how it is named, typed, written, and what it can carry."""

    label: str
    ext: str
    media_type: str
    carries: Carries
    aliases: tuple[str, ...] = ()  # other media types clients send for it (Accept, ``format=``)
    names: tuple[str, ...] = ()  # short names of the SPARQL ``format``/``output`` parameter
    ox_format: ox.RdfFormat | ox.QueryResultsFormat | None = None
    rdflib: str | None = None  # rdflib's serializer name
    w3c: str | None = None  # local name under http://www.w3.org/ns/formats/
    eu_file_type: str | None = None  # EU file-type authority code (DCAT-AP)

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)

    @property
    def content_type(self) -> str:
        return content_type(self.media_type)


TURTLE = Format("Turtle", "ttl", "text/turtle", Carries.GRAPH, ("application/x-turtle",), ("turtle", "ttl", "n3"),
                ox.RdfFormat.TURTLE, "turtle", "Turtle", "RDF_TURTLE")
JSON_LD = Format("JSON-LD", "jsonld", "application/ld+json", Carries.RDF, ("application/json",),
                 ("jsonld", "json-ld", "json"), ox.RdfFormat.JSON_LD, "json-ld", "JSON-LD", "JSON_LD")
N_TRIPLES = Format("N-Triples", "nt", "application/n-triples", Carries.GRAPH, ("text/plain",), ("ntriples", "nt"),
                   ox.RdfFormat.N_TRIPLES, "nt", "N-Triples", "RDF_N_TRIPLES")
RDF_XML = Format("RDF/XML", "rdf", "application/rdf+xml", Carries.GRAPH, ("application/xml", "text/xml"),
                 ("rdfxml", "rdf", "rdf+xml", "xml"), ox.RdfFormat.RDF_XML, "xml", "RDF_XML", "RDF_XML")
N_QUADS = Format("N-Quads", "nq", "application/n-quads", Carries.RDF, (), ("nquads", "nq"),
                 ox.RdfFormat.N_QUADS, "nquads", "N-Quads", "RDF_N_QUADS")
TRIG = Format("TriG", "trig", "application/trig", Carries.RDF, (), ("trig",), ox.RdfFormat.TRIG, "trig", "TriG",
              "RDF_TRIG")
SPARQL_JSON = Format("SPARQL Results JSON", "srj", "application/sparql-results+json", Carries.RESULTS,
                     ("application/json",), ("json",), ox.QueryResultsFormat.JSON, None, "SPARQL_Results_JSON")
SPARQL_XML = Format("SPARQL Results XML", "srx", "application/sparql-results+xml", Carries.RESULTS,
                    ("application/xml", "text/xml"), ("xml",), ox.QueryResultsFormat.XML, None, "SPARQL_Results_XML")
SPARQL_CSV = Format("SPARQL Results CSV", "csv", "text/csv", Carries.SOLUTIONS, (), ("csv",),
                    ox.QueryResultsFormat.CSV, None, "SPARQL_Results_CSV")
SPARQL_TSV = Format("SPARQL Results TSV", "tsv", "text/tab-separated-values", Carries.SOLUTIONS, (), ("tsv",),
                    ox.QueryResultsFormat.TSV, None, "SPARQL_Results_TSV")
HTML = Format("HTML", "html", "text/html", Carries.DOCUMENT, ("application/xhtml+xml",), ("html",))
JSON = Format("JSON", "json", "application/json", Carries.DOCUMENT)
# RFC 9457 problem details: the one JSON error format of the server.
PROBLEM_JSON = Format("Problem details (RFC 9457)", "", "application/problem+json", Carries.DOCUMENT)
TEXT = Format("Plain text", "txt", "text/plain", Carries.DOCUMENT)
GZIP = Format("gzip", "gz", "application/gzip", Carries.DOCUMENT)
FORM = Format("HTML form", "", "application/x-www-form-urlencoded", Carries.DOCUMENT)
SPARQL_QUERY = Format("SPARQL query", "rq", "application/sparql-query", Carries.DOCUMENT)
SPARQL_UPDATE = Format("SPARQL update", "ru", "application/sparql-update", Carries.DOCUMENT)
# The change feed (/changes) and the sitemap. The sitemap's application/xml stays out of ALL:
# there it is an alias of RDF/XML, which clients asking for VoID or the catalogue mean by it.
ACTIVITY_STREAMS = Format("Activity Streams 2.0", "", "application/activity+json", Carries.DOCUMENT)
SITEMAP = Format("Sitemap", "xml", "application/xml", Carries.DOCUMENT)

ALL = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML, N_QUADS, TRIG, SPARQL_JSON, SPARQL_XML, SPARQL_CSV, SPARQL_TSV,
       HTML, JSON, PROBLEM_JSON, TEXT, GZIP, FORM, SPARQL_QUERY, SPARQL_UPDATE, ACTIVITY_STREAMS)
BY_MEDIA_TYPE = {f.media_type: f for f in ALL}
BY_EXT = {f.ext: f for f in ALL if f.ext}

# The graph syntaxes every RDF document of the server is offered in, default first.
GRAPH_SYNTAXES = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML)
# What a Triple Pattern Fragment is written in, default first (TriG keeps the controls apart).
FRAGMENT_SYNTAXES = (TRIG, N_QUADS, TURTLE, N_TRIPLES)
# What a SELECT or ASK answer is written in, default first.
RESULT_FORMATS = (SPARQL_JSON, SPARQL_XML, SPARQL_CSV, SPARQL_TSV)


def content_type(media_type: str) -> str:
    """``Content-Type`` header value: text formats say their charset (JSON and XML carry theirs)."""
    if media_type.endswith("+xml") or "json" in media_type:
        return media_type
    return f"{media_type}; charset=utf-8"


def of(media_type: str) -> Format | None:
    """The format a bare media type names (its own or an alias), preferring its own."""
    media_type = media_type.split(";", 1)[0].strip().lower()
    return BY_MEDIA_TYPE.get(media_type) or next((f for f in ALL if media_type in f.aliases), None)


def offer(formats: tuple[Format, ...], aliases: bool = True) -> dict[str, Format]:
    """Media type -> format for content negotiation over ``formats``: each format's own type in
    the order given (the first is the default), then the aliases not claimed by an earlier one."""
    offered = {f.media_type: f for f in formats}
    if aliases:
        for f in formats:
            for alias in f.aliases:
                offered.setdefault(alias, f)
    return offered

"""Serialisations of a description: Turtle, N-Triples, RDF/XML (pyoxigraph), JSON-LD (rdflib's
JSON-LD writer, compacted against the published context) and the HTML view model.

``@vocab`` is schema.org, other terms use the one prefix map (``vocab.prefixes``); every node
``@id`` is the same absolute IRI as in Turtle. ``tests/test_jsonld_roundtrip.py`` reads the
JSON-LD of every entity kind back and compares it with the Turtle.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime

import pyoxigraph as ox
from rdflib import Graph

from .. import formats as F
from ..vocab import DCT, FOAF, HYDRA, RDF, SCHEMA, XSD
from ..vocab import prefixes as vocab_prefixes
from .describe import RDF_TYPE, Description

prefixes = vocab_prefixes  # the one prefix map (vocab.py), for every serialisation here

# Server order: the first is the default for clients that accept anything (data-first service).
FORMATS = (F.TURTLE, F.JSON_LD, F.HTML, F.N_TRIPLES, F.RDF_XML)
Format = F.Format
BY_EXT = {f.ext: f for f in FORMATS}
# Media types a client may ask for, mapped to the variant that answers them.
NEGOTIABLE = {
    **{f.media_type: f.ext for f in FORMATS},
    F.HTML.aliases[0]: F.HTML.ext,  # application/xhtml+xml
    F.JSON.media_type: F.JSON_LD.ext,
}
DEFAULT_EXT = F.TURTLE.ext


def document_triples(
    doc_iri: str, desc: Description, modified: datetime, license_iri: str, next_page: str | None
) -> list[ox.Triple]:
    """What the document says about itself: its topic, sources, date, licence, next page."""
    doc = ox.NamedNode(doc_iri)
    out = [
        ox.Triple(doc, RDF_TYPE, ox.NamedNode(FOAF + "Document")),
        ox.Triple(doc, ox.NamedNode(FOAF + "primaryTopic"), ox.NamedNode(desc.iri)),
        ox.Triple(
            doc,
            ox.NamedNode(DCT + "modified"),
            ox.Literal(modified.isoformat(), datatype=ox.NamedNode(XSD + "dateTime")),
        ),
        ox.Triple(doc, ox.NamedNode(DCT + "license"), ox.NamedNode(license_iri)),
    ]
    out += [ox.Triple(doc, ox.NamedNode(DCT + "source"), ox.NamedNode(g)) for g in desc.sources() if g]
    out.append(
        ox.Triple(
            doc,
            ox.NamedNode(HYDRA + "totalItems"),
            ox.Literal(str(desc.incoming_total), datatype=ox.NamedNode(XSD + "integer")),
        )
    )
    if next_page:
        out.append(ox.Triple(doc, ox.NamedNode(HYDRA + "next"), ox.NamedNode(next_page)))
    return out


def serialize(triples: list[ox.Triple], ext: str, base: str) -> bytes:
    """Turtle, N-Triples or RDF/XML bytes of ``triples`` (in the order given)."""
    if ext == "nt":
        return b"".join(f"{t.subject} {t.predicate} {t.object} .\n".encode() for t in triples)
    return ox.serialize(triples, format=BY_EXT[ext].ox_format, prefixes=prefixes(base))


# ---------------------------------------------------------------- JSON-LD

_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def context(base: str) -> dict:
    """The published JSON-LD context (served at ``/context.jsonld``)."""
    return {"@context": {"@vocab": SCHEMA, **prefixes(base)}}


class _Compactor:
    def __init__(self, base: str):
        self.prefixes = sorted(prefixes(base).items(), key=lambda kv: -len(kv[1]))

    def term(self, iri: str) -> str:
        """A property or class IRI as a vocab-relative term or compact IRI."""
        if iri.startswith(SCHEMA) and _LOCAL_NAME.match(iri[len(SCHEMA) :]):
            return iri[len(SCHEMA) :]
        for name, ns in self.prefixes:
            if ns != SCHEMA and iri.startswith(ns) and _LOCAL_NAME.match(iri[len(ns) :]):
                return f"{name}:{iri[len(ns) :]}"
        return iri


def to_jsonld(triples: Iterable[ox.Triple], base: str, context_ref: object, first: str) -> dict:
    """Compact JSON-LD of ``triples`` by rdflib's JSON-LD writer against the published context
    (``context_ref`` is what the document names as its context: the URL of ``/context.jsonld``,
    or the context itself): one node object per subject, ``first`` leading, keys and values
    sorted so that every worker writes the same bytes."""
    triples = list(triples)
    graph = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    written = json.loads(graph.serialize(format="json-ld", context=context(base)["@context"], auto_compact=True))
    if isinstance(written, list):  # nothing to compact (no triples)
        nodes = written
    else:
        written.pop("@context", None)
        nodes = written.pop("@graph", None)
        nodes = nodes if nodes is not None else ([written] if written else [])
    ordered = []
    for node in sorted(nodes, key=lambda n: (n.get("@id") != first, n.get("@id", ""))):
        tidy = {}
        for key in sorted(node):
            values = node[key]
            if isinstance(values, list):
                values = sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
            tidy[key] = values
        ordered.append(tidy)
    return {"@context": context_ref, "@graph": ordered}


def jsonld_bytes(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


def script_json(document: dict) -> str:
    """JSON for a ``<script type="application/ld+json">`` block: ``<``, ``>`` and ``&`` are
    escaped so a literal containing ``</script>`` cannot close the block."""
    text = json.dumps(document, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---------------------------------------------------------------- HTML pages
# The page's view model is :mod:`.entity_page`; links and the embedded JSON-LD are here.


def href(iri: str, base: str, root: str) -> str | None:
    """Where a link to ``iri`` points: this server for dataset IRIs, the web for http(s) IRIs."""
    if iri.startswith(base):
        return root + "/" + iri[len(base) :]
    return iri if iri.startswith(("http://", "https://")) else None


def page_jsonld(desc: Description, base: str) -> str:
    """The JSON-LD a page embeds: the entity's facts (not the provenance statements) and labels."""
    statement = ox.NamedNode(str(RDF) + "Statement")
    statements = {f.subject.value for f in desc.facts if f.predicate == RDF_TYPE and f.object == statement}
    own = [ox.Triple(f.subject, f.predicate, f.object) for f in desc.facts if f.subject.value not in statements]
    return script_json(to_jsonld(own + desc.label_triples, base, context(base)["@context"], desc.iri))

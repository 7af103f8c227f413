"""Serialisations of a description: Turtle, N-Triples, RDF/XML (pyoxigraph), JSON-LD (by hand,
compact, against the published context) and the HTML view model.

JSON-LD is written here rather than by a library so that the output is compact, stable and
cheap: ``@vocab`` is schema.org, other terms use the prefixes of :data:`PREFIXES`, and every
``@id`` is the same absolute IRI as in Turtle.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime

import pyoxigraph as ox

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

    def value(self, term) -> object:
        if isinstance(term, ox.NamedNode):
            return {"@id": term.value}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        datatype = term.datatype.value
        if datatype == XSD + "string":
            return term.value
        if datatype == XSD + "integer" and re.fullmatch(r"-?(0|[1-9][0-9]*)", term.value):
            return int(term.value)
        if datatype == XSD + "boolean" and term.value in ("true", "false"):
            return term.value == "true"
        return {"@value": term.value, "@type": self.term(datatype)}


def to_jsonld(triples: Iterable[ox.Triple], base: str, context_ref: object, first: str) -> dict:
    """Compact JSON-LD: one node object per subject (``first`` leading), values sorted."""
    c = _Compactor(base)
    nodes: dict[str, dict] = {}
    for t in triples:
        node = nodes.setdefault(t.subject.value, {"@id": t.subject.value})
        if t.predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(c.term(t.object.value))
        else:
            node.setdefault(c.term(t.predicate.value), []).append(c.value(t.object))
    ordered = sorted(nodes.values(), key=lambda n: (n["@id"] != first, n["@id"]))
    for node in ordered:
        for key, values in node.items():
            if isinstance(values, list):
                values.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
                node[key] = values[0] if len(values) == 1 else values
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

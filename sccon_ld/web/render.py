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
from ..vocab import DCT, FOAF, HYDRA, RDF_LANG_STRING, SCHEMA, XSD
from ..vocab import prefixes as vocab_prefixes
from .claims_view import contested
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


# ---------------------------------------------------------------- HTML view model

# Facts shown first, in this order, when the entity has them.
KEY_PROPERTIES = (
    [
        SCHEMA + p
        for p in (
            "alternateName",
            "headline",
            "startDate",
            "endDate",
            "location",
            "eventAttendanceMode",
        )
    ]
    + [
        "ontology#" + p
        for p in (
            "participantCount",
            "exhibitorCount",
            "speakerCount",
            "stageCount",
            "partnerCount",
            "workshopCount",
            "partnerCountry",
            "editionNumber",
            "patron",
        )
    ]
    + [
        SCHEMA + p
        for p in (
            "organizer",
            "superEvent",
            "honorificPrefix",
            "jobTitle",
            "worksFor",
            "affiliation",
            "containedInPlace",
            "datePublished",
            "publisher",
            "author",
            "creator",
            "text",
            "telephone",
            "email",
            "contactType",
            "url",
            "sameAs",
        )
    ]
    + ["ontology#presentedAt"]
)

PROPERTY_LABELS = {
    "startDate": "Start",
    "endDate": "End",
    "location": "Place",
    "eventAttendanceMode": "Attendance",
    "participantCount": "Participants",
    "exhibitorCount": "Exhibitors",
    "speakerCount": "Speakers",
    "stageCount": "Stages",
    "partnerCount": "Partners",
    "workshopCount": "Workshops",
    "partnerCountry": "Partner country",
    "editionNumber": "Edition",
    "organizer": "Organisers",
    "superEvent": "Part of",
    "subEvent": "Parts",
    "performer": "Speakers and opening",
    "sponsor": "Partners",
    "premiumPartner": "Premium partners",
    "supporter": "Supported by",
    "patron": "Patron",
    "worksFor": "Works for",
    "jobTitle": "Job title",
    "sameAs": "Same as",
    "containedInPlace": "Located in",
    "datePublished": "Published",
    "isPartOf": "From document",
    "contactPoint": "Contact",
    "alternateName": "Also known as",
    "type": "Type",
    "url": "Web site",
}


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def property_label(iri: str) -> str:
    name = local_name(iri)
    if name in PROPERTY_LABELS:
        return PROPERTY_LABELS[name]
    if name.isupper():
        return name
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
    return words[:1].upper() + words[1:]


def key_rank(iri: str) -> int | None:
    for rank, suffix in enumerate(KEY_PROPERTIES):
        if iri.endswith(suffix) and (suffix.startswith(SCHEMA) is iri.startswith(SCHEMA)):
            return rank
    return None


# Datatypes whose values speak for themselves on a page (no badge).
_SELF_EVIDENT_DATATYPES = {XSD + t for t in ("string", "integer", "date", "dateTime", "anyURI", "gYear")} | {
    RDF_LANG_STRING
}
_ENUM_LABELS = {
    "OfflineEventAttendanceMode": "On site",
    "OnlineEventAttendanceMode": "Online",
    "MixedEventAttendanceMode": "Hybrid (on site and online)",
}
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}")


def href(iri: str, base: str, root: str) -> str | None:
    """Where a link to ``iri`` points: this server for dataset IRIs, the web for http(s) IRIs."""
    if iri.startswith(base):
        return root + "/" + iri[len(base) :]
    return iri if iri.startswith(("http://", "https://")) else None


def value_view(term, labels: dict[str, str], base: str, root: str) -> dict:
    """A term as the template shows it: text, optional link, language or datatype."""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        text = labels.get(iri)
        if text is None:
            name = local_name(iri)
            text = _ENUM_LABELS.get(name) or (
                property_label(iri) if iri.startswith(SCHEMA) else _Compactor(base).term(iri)
            )
        return {"text": text, "href": href(iri, base, root), "iri": iri, "internal": iri.startswith(base)}
    datatype = term.datatype.value if term.datatype else ""
    text = term.value
    if datatype == XSD + "integer" and re.fullmatch(r"-?[0-9]+", text):
        text = f"{int(text):,}".replace(",", "\u202f")
    link = None
    if datatype == XSD + "anyURI" and term.value.startswith(("http://", "https://")):
        link = term.value
    elif _EMAIL.fullmatch(term.value):
        link = "mailto:" + term.value
    return {
        "text": text,
        "href": link,
        "lang": term.language,
        "datatype": local_name(datatype) if datatype and datatype not in _SELF_EVIDENT_DATATYPES else None,
    }


def entity_view(
    desc: Description,
    kind: str,
    slug: str,
    page: int,
    formats: list[tuple[str, str, str]],
    base: str,
    root: str,
    script_root_doc: str,
) -> dict:
    """Everything the entity page shows, in display order."""

    def v(term):
        return value_view(term, desc.labels, base, root)

    def source_view(source) -> dict | None:
        """The document a source names (linked), or its graph (named, not linked)."""
        if source.document:
            return v(ox.NamedNode(source.document))
        if source.graph:
            return {"text": desc.labels.get(source.graph, source.graph), "href": None}
        return None

    def sources_view(sources):
        return [{"document": source_view(s), "sentence": s.sentence, "graph": s.graph} for s in sources]

    own = [f for f in desc.facts if f.subject.value == desc.iri]
    types = [v(f.object) for f in own if f.predicate == RDF_TYPE]
    key: dict[str, dict] = {}
    for f in own:
        rank = key_rank(f.predicate.value)
        if rank is None:
            continue
        row = key.setdefault(
            f.predicate.value,
            {"rank": rank, "label": property_label(f.predicate.value), "values": [], "property_iri": f.predicate.value},
        )
        row["values"].append(v(f.object))
    for predicate, iris in desc.inherited.items():
        key[predicate] = {
            "rank": key_rank(predicate) or 0,
            "label": property_label(predicate) + " (of the series)",
            "values": [v(ox.NamedNode(i)) for i in iris],
        }
    key_rows = sorted(key.values(), key=lambda r: r["rank"])

    def fact_rows(facts):
        return [
            {
                "property": property_label(f.predicate.value),
                "property_iri": f.predicate.value,
                "value": v(f.object),
                "sources": sources_view(f.sources),
            }
            for f in facts
        ]

    statement_type = ox.NamedNode(prefixes(base)["rdf"] + "Statement")
    statements = {
        f.subject.value for f in desc.facts if f.predicate == RDF_TYPE and f.object == statement_type
    }
    fragments, extracted = [], []
    for frag in sorted({f.subject.value for f in desc.facts} - {desc.iri}):
        facts = [f for f in desc.facts if f.subject.value == frag]
        if frag in statements:
            props = {f.predicate.value.rsplit("#", 1)[-1]: f.object for f in facts}
            extracted.append(
                {
                    "id": frag.partition("#")[2],
                    "subject": v(props["subject"]) if "subject" in props else None,
                    "property": property_label(props["predicate"].value) if "predicate" in props else "",
                    "object": v(props["object"]) if "object" in props else None,
                    "sentence": props["sourceSentence"].value if "sourceSentence" in props else None,
                }
            )
        else:
            fragments.append({"id": frag.partition("#")[2], "iri": frag, "rows": fact_rows(facts)})
    described = [f for f in desc.facts if f.subject.value not in statements]

    by_document: dict[str, dict] = {}
    for f in described:
        for s in f.sources:
            doc = s.document or s.graph
            entry = by_document.setdefault(doc, {"document": source_view(s), "graph": s.graph, "facts": []})
            entry["facts"].append(
                {"property": property_label(f.predicate.value), "value": v(f.object), "sentence": s.sentence}
            )
    incoming = [
        {
            "property": property_label(f.predicate.value),
            "subject": v(f.subject),
            "sources": sources_view(f.sources),
        }
        for f in desc.incoming
    ]
    own_triples = [ox.Triple(f.subject, f.predicate, f.object) for f in described] + desc.label_triples
    embedded = to_jsonld(own_triples, base, context(base)["@context"], desc.iri)
    return {
        "iri": desc.iri,
        "title": desc.info.label,
        "kind": kind,
        "slug": slug,
        "types": types,
        "key_facts": key_rows,
        "claims": contested(desc, base, v),  # contested facts: resolved value and alternatives
        "facts": fact_rows(own),
        "fragments": fragments,
        "extracted": extracted,
        "documents": sorted(by_document.values(), key=lambda d: (d["document"] or {}).get("text", "")),
        "incoming": incoming,
        "incoming_total": desc.incoming_total,
        "page": page,
        "pages": desc.pages,
        "page_url": script_root_doc,
        "quotes": [
            {
                **q,
                "creator_href": href(q.get("creator", ""), base, root),
                "document_href": href(q.get("isPartOf", ""), base, root),
            }
            for q in desc.quotes
        ],
        "formats": formats,
        "jsonld": script_json(embedded),
    }

"""Every namespace the project writes or reads, and the one prefix map of every serialisation.

A namespace IRI is spelled here and nowhere else (the ontology's own namespace depends on the
base, so it comes from :func:`ontology`). Each is a plain ``str`` (``SCHEMA + "name"``), so the
SPARQL worker imports this without rdflib; modules that build rdflib graphs wrap one in
``rdflib.Namespace`` (``iris.py`` does it for the pipeline).
"""

from __future__ import annotations

import re

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
DCAT = "http://www.w3.org/ns/dcat#"
ADMS = "http://www.w3.org/ns/adms#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
HYDRA = "http://www.w3.org/ns/hydra/core#"
SH = "http://www.w3.org/ns/shacl#"
RESULTS = "http://www.w3.org/2005/sparql-results#"
DCATDE = "http://dcat-ap.de/def/dcatde/"
DCATAP = "http://data.europa.eu/r5r/"
SPDX = "http://spdx.org/rdf/terms#"
VCARD = "http://www.w3.org/2006/vcard/ns#"
FORMATS = "http://www.w3.org/ns/formats/"
# Authority tables the DCAT-AP catalogue points at (EU vocabularies, IANA media types).
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"

RDF_TYPE = RDF + "type"
# How a qualified figure is shown ("> 1.234"): the ontology's sccon:CountQualifier individuals.
COUNT_QUALIFIER_SYMBOLS = {"MoreThan": ">", "AtLeast": "≥", "Approximately": "≈", "Nearly": "<≈", "AtMost": "≤"}
XSD_STRING = XSD + "string"
RDF_LANG_STRING = RDF + "langString"

# Prefixes printed in Turtle and TriG (entity pages and dumps alike) and used by the JSON-LD
# context; ``sccon`` (the ontology) is added by :func:`prefixes`, since it follows the base.
_COMMON = {
    "schema": SCHEMA,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "prov": PROV,
    "dct": DCT,
    "foaf": FOAF,
    "hydra": HYDRA,
}


def ontology(base: str) -> str:
    """The project's ontology namespace under ``base`` (MODEL.md: ``<base>ontology#``)."""
    return base + "ontology#"


def prefixes(base: str) -> dict[str, str]:
    """The one prefix map of every serialisation: prefix -> namespace IRI (plain strings)."""
    return {"schema": SCHEMA, "sccon": ontology(base), **{k: v for k, v in _COMMON.items() if k != "schema"}}


_LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[\w.-]*[\w-])?")


def prefixed_name(iri: str, prefixes: dict[str, str]) -> str | None:
    """``schema:Event`` for ``https://schema.org/Event`` (the longest namespace that leaves a plain
    local name), None when no prefix fits."""
    best = None
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace):]) and (
                best is None or len(namespace) > len(prefixes[best])):
            best = prefix
    return None if best is None else f"{best}:{iri[len(prefixes[best]):]}"

"""Every namespace the project writes or reads, and the one prefix map of every serialisation.

A namespace IRI is spelled here and nowhere else (the ontology's own namespace depends on the
base, so it comes from :func:`prefixes`). Each is an rdflib ``Namespace``, which is a ``str``:
``SCHEMA + "name"`` is the plain IRI string the web layer compares with pyoxigraph values,
``SCHEMA.name`` the rdflib term the pipeline builds graphs with.
"""

from __future__ import annotations

from rdflib import Namespace

RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
SH = Namespace("http://www.w3.org/ns/shacl#")
RESULTS = Namespace("http://www.w3.org/2005/sparql-results#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
DCATAP = Namespace("http://data.europa.eu/r5r/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
# Authority tables the DCAT-AP catalogue points at (EU vocabularies, IANA media types).
EU_AUTHORITY = Namespace("http://publications.europa.eu/resource/authority/")
IANA_MEDIA_TYPES = Namespace("https://www.iana.org/assignments/media-types/")

RDF_TYPE = RDF.type
XSD_STRING = XSD.string
RDF_LANG_STRING = RDF.langString

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


def ontology(base: str) -> Namespace:
    """The project's ontology namespace under ``base`` (MODEL.md: ``<base>ontology#``)."""
    return Namespace(base + "ontology#")


def prefixes(base: str) -> dict[str, str]:
    """The one prefix map of every serialisation: prefix -> namespace IRI (plain strings)."""
    return {"schema": str(SCHEMA), "sccon": str(ontology(base)),
            **{k: str(v) for k, v in _COMMON.items() if k != "schema"}}

"""IRIs the project mints and reads (MODEL.md, "IRIs"): no IRI is built or taken apart elsewhere.

An IRI never changes once published, so everything here is a pure function of its input. The
string functions (``entity_iri``, ``parse``, ``doc``, ``graph_iri``, ``document_of_graph``,
``edition_year``) serve the web layer and the release, which work with plain strings
(pyoxigraph values); :class:`IRIs` mints rdflib terms for the pipeline with the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from . import settings, vocab

# vocab.py's namespaces as rdflib Namespaces, for the modules that build rdflib graphs.
SCHEMA = Namespace(vocab.SCHEMA)
PROV = Namespace(vocab.PROV)
DCAT = Namespace(vocab.DCAT)
DCT = Namespace(vocab.DCT)
VOID = Namespace(vocab.VOID)
SD = Namespace(vocab.SD)

KINDS = ("event", "organization", "person", "place", "award", "document", "quote", "contact")

_TRANSLIT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss",
             # letters NFKD cannot decompose (they would vanish): Danish, Norwegian, Polish, Icelandic
             "æ": "ae", "Æ": "ae", "ø": "oe", "Ø": "oe", "å": "aa", "Å": "aa", "œ": "oe", "Œ": "oe",
             "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d"}
_LEGAL_FORMS = re.compile(r"\b(e\.\s?v\.|gmbh|mbh|ag|kg|ggmbh|se|ltd\.?|inc\.?|aör|a\.ö\.r\.)$", re.I)


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """``Jürgen Müßig`` -> ``juergen-muessig``; ``Bitkom e.V.`` -> ``bitkom`` (MODEL.md slug rule).

    Cached: every IRI the emitter mints checks its slug again, and names repeat across a corpus."""
    text = text.strip()
    while True:
        stripped = _LEGAL_FORMS.sub("", text).strip(" ,")
        if stripped == text or not stripped:
            break
        text = stripped
    text = "".join(_TRANSLIT.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return re.sub(r"-{2,}", "-", text)


SERIES_SLUG = "sccon"
_EDITION_SLUG = re.compile(r"^sccon-([0-9]{4})$")


def id_prefix(base: str) -> str:
    """Every entity IRI starts with this (``<base>id/``)."""
    return base + "id/"


def graph_prefix(base: str) -> str:
    """Every named graph of the dataset starts with this (``<base>graph/``)."""
    return base + "graph/"


def entity_iri(base: str, kind: str, slug: str) -> str:
    """``<base>id/<kind>/<slug>`` as a string (no check: a request path may name anything)."""
    return f"{id_prefix(base)}{kind}/{slug}"


def doc(base: str, kind: str, slug: str) -> str:
    """The document about an entity, ``<base>doc/<kind>/<slug>``."""
    return f"{base}doc/{kind}/{slug}"


def graph_iri(base: str, slug: str) -> str:
    return graph_prefix(base) + slug


def series_iri(base: str) -> str:
    return entity_iri(base, "event", SERIES_SLUG)


def parse(base: str, iri: str) -> tuple[str, str] | None:
    """``<base>id/<kind>/<slug>`` -> (kind, slug); None for anything else (fragments included)."""
    prefix = id_prefix(base)
    if not iri.startswith(prefix) or "#" in iri:
        return None
    kind, slash, slug = iri[len(prefix) :].partition("/")
    return (kind, slug) if slash and slug else None


def graph_slug(base: str, graph: str) -> str | None:
    """``<base>graph/<slug>`` -> slug; None for another graph."""
    prefix = graph_prefix(base)
    return graph[len(prefix) :] or None if graph.startswith(prefix) else None


def document_of_graph(base: str, graph: str) -> str | None:
    """The document entity a source document's graph holds (``graph/<slug>`` -> ``id/document/<slug>``);
    None for other graphs (the authority file, the ontology, foreign graphs)."""
    slug = graph_slug(base, graph)
    if slug is None or slug in ("authority", "ontology"):
        return None
    return entity_iri(base, "document", slug)


def edition_year(base: str, iri: str) -> int | None:
    """The year of an edition IRI (``id/event/sccon-<yyyy>``), else None."""
    parsed = parse(base, iri)
    if parsed is None or parsed[0] != "event":
        return None
    match = _EDITION_SLUG.match(parsed[1])
    return int(match.group(1)) if match else None


class IRIs:
    """Mints the IRIs of one dataset base (``settings.dataset.base`` by default)."""

    def __init__(self, base: str | None = None):
        self.base = base or settings.get().base
        self.ontology = Namespace(vocab.ontology(self.base))

    def entity(self, kind: str, slug: str) -> URIRef:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        if not slug or slug != slugify(slug):
            raise ValueError(f"not a slug: {slug!r}")
        return URIRef(entity_iri(self.base, kind, slug))

    def named(self, kind: str, name: str) -> URIRef:
        """An entity IRI from a display name."""
        return self.entity(kind, slugify(name))

    @property
    def series(self) -> URIRef:
        return self.entity("event", SERIES_SLUG)

    def edition(self, year: int) -> URIRef:
        return self.entity("event", f"{SERIES_SLUG}-{year}")

    def document(self, slug: str) -> URIRef:
        return self.entity("document", slug)

    def graph(self, slug: str) -> URIRef:
        """Named graph of one source document (``graph/<slug>``) or ``graph/authority``."""
        return URIRef(graph_iri(self.base, slug))

    @property
    def authority_graph(self) -> URIRef:
        return self.graph("authority")

    @property
    def ontology_graph(self) -> URIRef:
        return self.graph("ontology")

    def is_entity(self, iri: str) -> bool:
        return iri.startswith(id_prefix(self.base))


# The base the files in ontology/ and shapes/ are written with; other bases are rebased on load.
DEFAULT_BASE = "https://w3id.org/sccon/"


def rebase(graph: Graph, base: str, from_base: str = DEFAULT_BASE) -> Graph:
    """The same graph with every IRI (and IRI-valued literal) under ``from_base`` moved to ``base``."""
    if base == from_base:
        return graph

    def move(term: Node) -> Node:
        if isinstance(term, URIRef) and term.startswith(from_base):
            return URIRef(base + term[len(from_base) :])
        if (
            isinstance(term, Literal)
            and term.language is None
            and term.datatype in (None, XSD.anyURI, XSD.string)
            and str(term).startswith(from_base)
        ):
            return Literal(base + str(term)[len(from_base) :], datatype=term.datatype)
        return term

    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, move(URIRef(namespace)), replace=True)
    for s, p, o in graph:
        out.add((move(s), move(p), move(o)))
    return out

"""IRIs the project mints (MODEL.md, "IRIs"): one function per kind, no IRI built elsewhere.

An IRI never changes once published, so everything here is a pure function of its input.
"""

from __future__ import annotations

import re
import unicodedata

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


def slugify(text: str) -> str:
    """``Jürgen Müßig`` -> ``juergen-muessig``; ``Bitkom e.V.`` -> ``bitkom`` (MODEL.md slug rule)."""
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
        return URIRef(f"{self.base}id/{kind}/{slug}")

    def named(self, kind: str, name: str) -> URIRef:
        """An entity IRI from a display name."""
        return self.entity(kind, slugify(name))

    @property
    def series(self) -> URIRef:
        return self.entity("event", "sccon")

    def edition(self, year: int) -> URIRef:
        return self.entity("event", f"sccon-{year}")

    def document(self, slug: str) -> URIRef:
        return self.entity("document", slug)

    def graph(self, slug: str) -> URIRef:
        """Named graph of one source document (``graph/<slug>``) or ``graph/authority``."""
        return URIRef(f"{self.base}graph/{slug}")

    @property
    def authority_graph(self) -> URIRef:
        return self.graph("authority")

    @property
    def ontology_graph(self) -> URIRef:
        return self.graph("ontology")

    def is_entity(self, iri: str) -> bool:
        return iri.startswith(self.base + "id/")


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

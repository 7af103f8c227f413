"""A small RDF description (the DCAT catalogue, VoID, the SPARQL service description) as a
page a person can read: one card per subject, labels instead of IRIs, prefixed names for
properties, links for every IRI. Browsers get this; RDF clients keep getting RDF."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS

_IRI = re.compile(r"(?:https?://|mailto:)[^\s<>\"']+")
# Predicates that name a node, best first.
NAME_PREDICATES = (DCTERMS.title, RDFS.label, FOAF.name, SKOS.prefLabel)


@dataclass
class Cell:
    """One value as a page shows it: text, a link, a language tag."""

    text: str
    href: str | None = None
    lang: str | None = None
    anchor: str | None = None


@dataclass
class Card:
    """One subject: its name, types, and property -> values rows."""

    anchor: str
    title: str
    href: str | None
    types: list[Cell] = field(default_factory=list)
    rows: list[tuple[Cell, list[Cell]]] = field(default_factory=list)


def compact(graph: Graph, iri: str) -> str:
    """``dcat:Dataset`` for a bound namespace, else the IRI's last segment."""
    try:
        prefix, namespace, name = graph.namespace_manager.compute_qname(iri, generate=False)
        if name:
            return f"{prefix}:{name}" if prefix else name
    except (ValueError, KeyError):
        pass
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def _name(graph: Graph, node, lang: str) -> str | None:
    for predicate in NAME_PREDICATES:
        values = [o for o in graph.objects(node, predicate) if isinstance(o, Literal)]
        if values:
            chosen = next((v for v in values if v.language == lang), None) or min(values, key=str)
            return str(chosen)
    return None


@dataclass
class Site:
    """Where this server's and this dataset's IRIs lead, and what they are called."""

    root_url: str
    script_root: str
    base: str
    # A dataset IRI -> (its label, the dataset IRI a page describes), for graphs and entities.
    resolve: Callable[[str], tuple[str | None, str | None]]

    def href(self, iri: str) -> str | None:
        """A link that stays on this server for its own and the dataset's IRIs, else the IRI."""
        if iri.startswith(self.root_url):
            return self.script_root + "/" + iri[len(self.root_url) :]
        if iri.startswith(self.base):
            target = self.resolve(iri)[1] or iri
            return self.script_root + "/" + target[len(self.base) :]
        return iri if iri.startswith(("http://", "https://", "mailto:")) else None

    def text(self, iri: str) -> str:
        """A dataset IRI as words: its label, else its fragment or last segment (never the raw IRI)."""
        for prefix in (self.base, self.root_url):
            if iri.startswith(prefix):
                label = self.resolve(iri)[0]
                if label:
                    return label
                rest = iri[len(prefix) :]
                last = rest.rpartition("#")[2] if "#" in rest else rest.rstrip("/").rpartition("/")[2]
                return last.replace("-", " ") or rest
        return _readable(iri)


def cards(graph: Graph, lang: str, site: Site) -> list[Card]:
    """Every subject of ``graph`` as a card, the typed ones first, in a stable order."""
    anchors: dict = {}
    for index, subject in enumerate(sorted(set(graph.subjects()), key=lambda s: (isinstance(s, BNode), str(s)))):
        anchors[subject] = f"n{index}"

    def cell(term) -> Cell:
        if isinstance(term, Literal):
            text = str(term)
            if _IRI.fullmatch(text):  # an IRI written as a literal (an identifier, a URI space)
                return Cell(site.text(text), href=site.href(text))
            return Cell(_IRI.sub(lambda m: site.text(m.group()), text), lang=term.language)
        name = _name(graph, term, lang)
        name = _IRI.sub(lambda m: site.text(m.group()), name) if name else None
        if isinstance(term, BNode):
            return Cell(name or "…", anchor=anchors.get(term))
        iri = str(term)
        short = compact(graph, iri)
        prefixed = ":" in short and short.partition(":")[0] in dict(graph.namespaces())
        text = name or (short if prefixed and not iri.startswith((site.base, site.root_url)) else site.text(iri))
        return Cell(text, href=site.href(iri), anchor=anchors.get(term))

    out = []
    for subject, anchor in anchors.items():
        rows: dict[URIRef, list[Cell]] = {}
        types = []
        for predicate, obj in sorted(graph.predicate_objects(subject), key=lambda po: (str(po[0]), str(po[1]))):
            if predicate == RDF.type:
                types.append(Cell(compact(graph, str(obj)), href=str(obj)))
            elif predicate not in NAME_PREDICATES or not isinstance(obj, Literal):
                rows.setdefault(predicate, []).append(cell(obj))
        name = _name(graph, subject, lang)
        title = (_IRI.sub(lambda m: site.text(m.group()), name) if name else None) or (
            site.text(str(subject)) if isinstance(subject, URIRef) else (types[0].text if types else "…")
        )
        href = site.href(str(subject)) if isinstance(subject, URIRef) else None
        card_rows = [(Cell(compact(graph, str(p)), href=str(p)), _in_language(values, lang)) for p, values in rows.items()]
        out.append(Card(anchor, title, href, types, card_rows))
    out.sort(key=lambda c: (not c.types, c.types[0].text if c.types else "", c.title))
    return out


def _readable(iri: str) -> str:
    """An IRI without its scheme, for when nothing better names it (never a bare ``https://``)."""
    if iri.startswith(("mailto:", "tel:")):
        return iri.partition(":")[2]
    return iri.split("://", 1)[-1].removeprefix("www.").rstrip("/")


def _in_language(values: list[Cell], lang: str) -> list[Cell]:
    """Of texts given in several languages, those in the page's (all of them when none is)."""
    mine = [v for v in values if v.lang == lang]
    return [v for v in values if not v.lang or v.lang == lang] if mine else values

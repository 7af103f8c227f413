"""Facts -> triples in the document's named graph, each with the sentence it came from.

Provenance is a reified statement per triple (``<doc>#fact-<hash>`` a rdf:Statement with
prov:wasDerivedFrom, sccon:sourceSentence, sccon:sourceOffset, the sccon:rule that read it, that
rule's sccon:confidence and a count's sccon:countQualifier), so "which sentence says
that an edition had its participant count" is one SPARQL query. No blank nodes: IRIs are
hashes of their content, so the same input gives the same quads on every run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from ..extract.confidence import confidence
from ..extract.facts import DocumentFacts, Ref
from ..iris import PROV, SCHEMA, IRIs, rebase
from ..link.authority import Authority
from ..link.resolve import Linker, Resolution

STRUCTURAL = {RDF.type, SCHEMA.mentions}


def document_graph(
    facts: DocumentFacts, linker: Linker, resolution: Resolution | None = None
) -> tuple[Graph, set[URIRef]]:
    """The document's named graph, and the authority IRIs it refers to."""
    iris = linker.iris
    g = Graph(identifier=iris.graph(linker.doc_slug))
    doc = linker.iri(Ref("document", "self"))
    referenced: set[URIRef] = set()
    evidenced: set[tuple] = set()

    def node(value):
        if isinstance(value, Ref):
            iri = linker.iri(value)
            if iri is not None and value.key.startswith("@"):
                referenced.add(iri)
            return iri
        return value

    for ref, rdf_type in sorted(facts.types.items()):
        iri = node(ref)
        if iri is not None:
            g.add((iri, RDF.type, linker.term(rdf_type)))
    for fact in facts.facts:
        s, o = node(fact.subject), node(fact.obj)
        if s is None or o is None:
            continue  # about an edition the document does not date
        p = linker.term(fact.predicate)
        g.add((s, p, o))
        if fact.evidence is None or p in STRUCTURAL or (s, p, o) in evidenced:
            continue
        evidenced.add((s, p, o))
        digest = hashlib.sha1(f"{s} {p} {o.n3()}".encode()).hexdigest()[:16]
        st = URIRef(f"{doc}#fact-{digest}")
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, PROV.wasDerivedFrom, doc))
        g.add((st, iris.ontology.sourceSentence, Literal(fact.evidence.sentence, lang="de")))
        g.add((st, iris.ontology.sourceOffset, Literal(fact.evidence.offset, datatype=XSD.integer)))
        if fact.rule:
            g.add((st, iris.ontology.rule, Literal(fact.rule)))
            g.add((st, iris.ontology.confidence, Literal(confidence(fact.rule), datatype=XSD.decimal)))
        if fact.qualifier:
            g.add((st, iris.ontology.countQualifier, iris.ontology[fact.qualifier]))
        if fact.evidence.expected:
            g.add((st, iris.ontology.claimStatus, iris.ontology.Expected))
    for edition in set(g.subjects(SCHEMA.superEvent, iris.series)):
        year = str(edition).rsplit("-", 1)[-1]
        g.add((edition, SCHEMA.name, Literal(f"Smart Country Convention {year}")))  # its name, by definition
    if resolution is not None:
        g.add((doc, iris.ontology.resolutionNote, Literal(resolution.note, lang="en")))
    referenced.add(iris.series)  # every edition is part of it
    return g, referenced


def authority_graph(authority: Authority, iris: IRIs, only: set[URIRef] | None = None) -> Graph:
    """Curated reference data; with ``only``, just those entities (and what they point to)."""
    g = Graph(identifier=iris.authority_graph)
    wanted = set(only) if only is not None else None
    if wanted is not None:  # close over parents, containing places and organisers
        changed = True
        while changed:
            changed = False
            for entry in authority.entries.values():
                iri = _iri(entry, iris)
                if iri in wanted:
                    for nxt in _links(entry, iris):
                        if nxt not in wanted:
                            wanted.add(nxt)
                            changed = True
    for entry in authority.entries.values():
        iri = _iri(entry, iris)
        if wanted is not None and iri not in wanted:
            continue
        g.add((iri, RDF.type, SCHEMA[entry.type]))
        g.add((iri, SCHEMA.name, Literal(entry.name)))
        for alt in entry.alternate_names:
            g.add((iri, SCHEMA.alternateName, Literal(alt)))
        for alias in entry.aliases:  # other surface forms texts use (also inflected): SKOS alternative labels
            g.add((iri, SKOS.altLabel, Literal(alias, lang="de")))
        if entry.url:
            g.add((iri, SCHEMA.url, Literal(entry.url, datatype=XSD.anyURI)))
        if entry.wikidata:
            g.add((iri, SCHEMA.sameAs, URIRef(f"http://www.wikidata.org/entity/{entry.wikidata}")))
        if entry.parent:
            prop = SCHEMA.parentOrganization if entry.kind == "organization" else SCHEMA.containedInPlace
            kind = "organization" if entry.kind == "organization" else "place"
            g.add((iri, prop, iris.entity(kind, entry.parent)))
        for org in entry.organizers:
            g.add((iri, SCHEMA.organizer, iris.entity("organization", org)))
    return g


def _iri(entry, iris: IRIs) -> URIRef:
    return iris.series if entry.kind == "series" else iris.entity(entry.kind, entry.slug)


def _links(entry, iris: IRIs) -> list[URIRef]:
    out = [iris.entity("organization", o) for o in entry.organizers]
    if entry.parent:
        out.append(iris.entity("organization" if entry.kind == "organization" else "place", entry.parent))
    return out


def ontology_graph(ontology_dir: Path, iris: IRIs) -> Graph:
    """The project's ontology files, published as ``graph/ontology`` (rebased to this base)."""
    g = Graph(identifier=iris.ontology_graph)
    for path in sorted(Path(ontology_dir).glob("*.ttl")):
        for triple in rebase(Graph().parse(path, format="turtle"), iris.base):
            g.add(triple)
    return g

"""The sccon: ontology is complete (labels, comments, domain, range in de+en) and every schema: term
the project uses exists in schema.org, in its https form."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from sccon_ld import validate
from sccon_ld.iris import DEFAULT_BASE
from sccon_ld.validate import load_ontology, load_shapes

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
SCHEMAORG = SHARED / "refdata" / "schemaorg" / "schemaorg-current-https.ttl"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
ONTOLOGY_IRI = URIRef(DEFAULT_BASE + "ontology")
SCCON = DEFAULT_BASE + "ontology#"
DCT_LICENSE = URIRef("http://purl.org/dc/terms/license")
DCT_TITLE = URIRef("http://purl.org/dc/terms/title")

requires_schemaorg = pytest.mark.skipif(
    not SCHEMAORG.is_file(), reason=f"needs the schema.org vocabulary at {SCHEMAORG} (../shared, in CI)"
)

CLASSES = {"Award", "Placement", "ClaimRank", "ClaimStatus", "CountQualifier"}
INDIVIDUALS = {"PreferredRank", "NormalRank", "DeprecatedRank", "Expected",
               "MoreThan", "AtLeast", "Approximately", "Nearly", "AtMost"}
PROPERTIES = {
    "participantCount", "exhibitorCount", "speakerCount", "stageCount", "partnerCount", "workshopCount",
    "partnerCountry", "editionNumber", "patron", "supporter", "premiumPartner", "presentedAt", "placement",
    "rank", "recipient", "sourceSentence", "sourceOffset", "sourceFile", "contentHash", "resolutionNote",
    "claimRank", "competesWith", "rankReason", "claimStatus", "rule", "confidence", "countQualifier",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(DEFAULT_BASE)


def sccon_terms(graph: Graph) -> set[URIRef]:
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and t.startswith(SCCON)}


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def test_ontology_describes_itself(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, DCT_LICENSE) is not None
    assert languages(ontology, ONTOLOGY_IRI, DCT_TITLE) == {"de", "en"}


def test_ontology_defines_exactly_the_contract_terms(ontology):
    defined = {s for s in ontology.subjects(RDFS.isDefinedBy, ONTOLOGY_IRI)}
    assert {str(t)[len(SCCON):] for t in defined} == CLASSES | PROPERTIES | INDIVIDUALS
    assert sccon_terms(ontology) == defined


@pytest.mark.parametrize("name", sorted(CLASSES | PROPERTIES | INDIVIDUALS))
def test_term_has_german_and_english_label_and_comment(ontology, name):
    term = URIRef(SCCON + name)
    assert languages(ontology, term, RDFS.label) == {"de", "en"}
    assert languages(ontology, term, RDFS.comment) == {"de", "en"}


@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_property_has_domain_and_range(ontology, name):
    term = URIRef(SCCON + name)
    assert (term, RDF.type, RDF.Property) in ontology
    assert isinstance(ontology.value(term, RDFS.domain), URIRef)
    assert isinstance(ontology.value(term, RDFS.range), URIRef)


def test_ontology_has_no_blank_nodes(ontology):
    assert not [t for triple in ontology for t in triple if isinstance(t, BNode)]


def test_every_sccon_term_the_project_uses_is_defined(ontology):
    used = sccon_terms(load_shapes())
    for path in [FIXTURES / "sample.trig", *sorted((FIXTURES / "shapes").glob("*.trig"))]:
        ds = Dataset()
        ds.parse(path, format="trig")
        used |= {t for q in ds.quads() for t in q[:3] if isinstance(t, URIRef) and t.startswith(SCCON)}
    assert used <= sccon_terms(ontology)


def test_load_ontology_rebases():
    moved = load_ontology("https://example.org/kg/")
    assert (URIRef("https://example.org/kg/ontology"), RDF.type, OWL.Ontology) in moved
    assert URIRef("https://example.org/kg/ontology#participantCount") in set(moved.subjects())
    assert not [t for triple in moved for t in triple if str(t).startswith(DEFAULT_BASE)]


# ------------------------------------------------------------------ schema.org, https form


@cache
def schemaorg() -> Graph:
    return Graph().parse(SCHEMAORG, format="turtle")


def unknown_schema_terms(graph: Graph) -> set[URIRef]:
    """schema: terms in ``graph`` (Graph or Dataset, e.g. a real build) missing from schema.org."""
    return validate.unknown_schema_terms(graph, schemaorg())


def project_graphs() -> dict[str, Graph]:
    sample = Dataset()
    sample.parse(FIXTURES / "sample.trig", format="trig")
    valid = Dataset()
    valid.parse(FIXTURES / "shapes" / "valid.trig", format="trig")
    return {"ontology": load_ontology(), "shapes": load_shapes(), "sample.trig": sample, "valid.trig": valid}


@requires_schemaorg
@pytest.mark.parametrize("name", ["ontology", "shapes", "sample.trig", "valid.trig"])
def test_schema_terms_exist_in_schemaorg(name):
    assert unknown_schema_terms(project_graphs()[name]) == set()


@requires_schemaorg
def test_unknown_schema_terms_finds_made_up_and_http_terms():
    graph = Graph()
    thing = URIRef("https://w3id.org/sccon/id/event/sccon-2023")
    graph.add((thing, RDF.type, URIRef("https://schema.org/Event")))
    graph.add((thing, URIRef("https://schema.org/participantCount"), Literal(1)))
    graph.add((thing, URIRef("http://schema.org/name"), Literal("SCCON")))
    assert unknown_schema_terms(graph) == {
        URIRef("https://schema.org/participantCount"),
        URIRef("http://schema.org/name"),
    }


@requires_schemaorg
def test_class_hierarchy_file_is_schemaorgs():
    """ontology/schemaorg-hierarchy.ttl holds exactly schema.org's subclass axioms between its classes."""
    expected = {
        (s, o)
        for s, o in schemaorg().subject_objects(RDFS.subClassOf)
        if isinstance(o, URIRef) and str(s).startswith("https://schema.org/") and str(o).startswith("https://schema.org/")
    }
    shipped = Graph().parse(PROJECT_ROOT / "ontology" / validate.SCHEMA_HIERARCHY_FILE, format="turtle")
    assert set(shipped.subject_objects(RDFS.subClassOf)) == expected
    assert len(shipped) == len(expected)


def test_published_ontology_is_rebased_like_the_validated_one() -> None:
    """Regression: the published graph/ontology kept IRI-valued literals at the default base."""
    from sccon_ld import settings
    from sccon_ld.emit.rdf import ontology_graph
    from sccon_ld.iris import IRIs

    base = "https://example.org/x/"
    published = ontology_graph(settings.get().path("ontology"), IRIs(base))
    assert set(load_ontology(base)) <= set(published)
    assert not any(DEFAULT_BASE in str(term) for triple in published for term in triple)

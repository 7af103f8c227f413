"""Every shapes file catches its broken example; valid data (and the sample release) conforms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from sccon_ld import settings
from sccon_ld.iris import DEFAULT_BASE, rebase
from sccon_ld.validate import load_class_hierarchy, load_shapes, validate_dataset

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHAPES_DIR = PROJECT_ROOT / "shapes"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
SHAPE_FIXTURES = FIXTURES / "shapes"
AUTHORITY = URIRef("https://w3id.org/sccon/graph/authority")

# What each broken example must produce, exactly: (shape or SPARQL constraint, property path).
# Node-level results (wrong class, wrong IRI kind, a missing alternative) have no path.
EXPECTED = {
    "event": {
        ("EventShape", ""),  # a count on an organisation: not a schema:Event, not an event IRI
        ("EventInSeriesShape", ""),  # an edition without schema:superEvent
        ("Event-datesInOrder", "schema:startDate"),
        ("Event-endDate", "schema:endDate"),  # "2019-02-30"^^xsd:date is ill-typed
        ("Event-participantCount", "sccon:participantCount"),  # 0
        ("Event-stageCount", "sccon:stageCount"),  # "4" as a string
        ("Event-attendanceMode", "schema:eventAttendanceMode"),
        ("Event-partnerCountry", "sccon:partnerCountry"),  # a city
        ("Event-yearMatchesIri", "schema:startDate"),  # sccon-2018 starting in 2019
    },
    "organization": {
        ("OrganizationShape", ""),  # an organisation under /id/person/
        ("Organization-name", "schema:name"),  # tagged @de; and a missing one
        ("Organization-url", "schema:url"),
        ("Organization-sameAs", "schema:sameAs"),
        ("Organization-parentOrganization", "schema:parentOrganization"),
    },
    "person": {
        ("PersonShape", ""),  # a job title on an organisation
        ("Person-name", "schema:name"),
        ("Person-jobTitle", "schema:jobTitle"),
        ("Person-honorificPrefix", "schema:honorificPrefix"),
        ("Person-worksFor", "schema:worksFor"),
    },
    "place": {
        ("PlaceShape", ""),
        ("Place-name", "schema:name"),
        ("Place-containedInPlace", "schema:containedInPlace"),
        ("Place-sameAs", "schema:sameAs"),
    },
    "award": {
        ("Award-name", "schema:name"),
        ("Award-presentedAt", "sccon:presentedAt"),
        ("Placement-award", "^sccon:placement"),
        ("Placement-rank", "sccon:rank"),
        ("Placement-recipient", "sccon:recipient"),
        ("Placement-underItsAward", ""),
    },
    "quote": {
        ("QuoteShape", ""),
        ("Quote-text", "schema:text"),
        ("Quote-creator", "schema:creator"),
        ("Quote-isPartOf", "schema:isPartOf"),
    },
    "contact": {
        ("ContactReachableShape", ""),
        ("Contact-telephone", "schema:telephone"),
        ("Contact-email", "schema:email"),
        ("Contact-contactType", "schema:contactType"),
        ("Contact-linkedFrom", "^schema:contactPoint"),
    },
    "document": {
        ("DocumentTitledShape", ""),
        ("Document-inLanguage", "schema:inLanguage"),
        ("Document-datePublished", "schema:datePublished"),
        ("Document-author", "schema:author"),
        ("Document-url", "schema:url"),
        ("Document-mentions", "schema:mentions"),
        ("Document-contentHash", "sccon:contentHash"),
        ("Document-resolutionNote", "sccon:resolutionNote"),
    },
    "provenance": {
        ("Statement-derivedFrom", "prov:wasDerivedFrom"),
        ("Statement-sourceSentence", "sccon:sourceSentence"),
        ("Statement-sourceOffset", "sccon:sourceOffset"),
        ("Statement-rule", "sccon:rule"),
        ("Statement-confidence", "sccon:confidence"),
        ("Statement-countQualifier", "sccon:countQualifier"),
        ("Statement-underItsDocument", ""),
        ("Statement-tripleAsserted", ""),
    },
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def hierarchy() -> Graph:
    return load_class_hierarchy()


def dataset(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(path, format="trig")
    return ds


def local(term) -> str:
    return str(term).rsplit("#", 1)[-1]


def found(result) -> set[tuple[str, str]]:
    return {(local(v.constraint or v.shape), v.path_text) for v in result.violations}


def shapes_defined_in(path: Path) -> set[str]:
    graph = Graph().parse(path, format="turtle")
    kinds = (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint)
    return {local(s) for kind in kinds for s in graph.subjects(RDF.type, kind)}


def test_every_shapes_file_has_a_broken_example():
    files = {p.stem for p in SHAPES_DIR.glob("*.ttl")}
    assert files == set(EXPECTED)
    assert files == {p.name.removesuffix("-broken.trig") for p in SHAPE_FIXTURES.glob("*-broken.trig")}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_broken_example_is_caught_by_its_shapes(kind, shapes, hierarchy):
    result = validate_dataset(dataset(SHAPE_FIXTURES / f"{kind}-broken.trig"), shapes, hierarchy)
    assert not result.conforms
    assert found(result) == EXPECTED[kind]
    # ... and by the shapes of that very file, nothing else.
    assert {name for name, _ in found(result)} <= shapes_defined_in(SHAPES_DIR / f"{kind}.ttl")
    assert {v.source_file for v in result.violations} == {f"broken-{kind}.txt"}


def test_valid_example_conforms(shapes, hierarchy):
    result = validate_dataset(dataset(SHAPE_FIXTURES / "valid.trig"), shapes, hierarchy)
    assert result.violations == []
    assert result.conforms


def test_sample_release_conforms(shapes, hierarchy):
    """tests/fixtures/sample.trig (all graphs) has zero violations."""
    result = validate_dataset(dataset(FIXTURES / "sample.trig"), shapes, hierarchy)
    assert result.text().endswith("the dataset conforms.\n"), result.text()
    assert len(result.graphs_checked) == 3


def test_documents_may_disagree(shapes, hierarchy):
    """Two end dates of one edition in two documents are two claims, not a violation."""
    ds = dataset(SHAPE_FIXTURES / "valid.trig")
    edition = URIRef("https://w3id.org/sccon/id/event/sccon-2021")
    end_dates = {o for _, _, o, _ in ds.quads((edition, URIRef("https://schema.org/endDate"), None, None))}
    assert len(end_dates) == 2
    assert validate_dataset(ds, shapes, hierarchy).conforms


def test_a_document_graph_needs_the_authority_graph(shapes, hierarchy):
    """Types of places and organisers live in the authority graph; without it the documents fail."""
    ds = dataset(SHAPE_FIXTURES / "valid.trig")
    ds.remove_graph(ds.graph(AUTHORITY))
    result = validate_dataset(ds, shapes, hierarchy)
    assert ("Event-location", "schema:location") in found(result)
    assert ("Event-superEvent", "schema:superEvent") in found(result)


def test_a_fault_of_the_authority_graph_is_reported_once(shapes, hierarchy):
    ds = dataset(SHAPE_FIXTURES / "valid.trig")
    nameless = URIRef("https://w3id.org/sccon/id/organization/nameless")
    ds.graph(AUTHORITY).add((nameless, RDF.type, URIRef("https://schema.org/Organization")))
    result = validate_dataset(ds, shapes, hierarchy)
    assert [(local(v.shape), v.graph) for v in result.violations] == [("Organization-name", AUTHORITY)]


def test_shapes_follow_the_configured_base(tmp_path, monkeypatch):
    """Another dataset.base: shapes, ontology and data all move; the checks stay the same."""
    base = "https://example.org/kg/"
    config = tmp_path / "settings.toml"
    config.write_text(f'[dataset]\nbase = "{base}"\n', encoding="utf-8")
    monkeypatch.setattr(settings, "get", lambda: settings.load(config))

    def moved(path: Path) -> Dataset:
        ds = Dataset()
        for graph in dataset(path).graphs():
            target = ds.graph(URIRef(str(graph.identifier).replace(DEFAULT_BASE, base)))
            for triple in rebase(graph, base):
                target.add(triple)
        return ds

    shapes = load_shapes()
    assert not any(str(t).startswith("https://w3id.org/sccon/") for triple in shapes for t in triple)
    assert validate_dataset(moved(SHAPE_FIXTURES / "valid.trig"), shapes).conforms
    broken = validate_dataset(moved(SHAPE_FIXTURES / "award-broken.trig"), shapes)
    assert found(broken) == EXPECTED["award"]
    assert {v.graph for v in broken.violations} == {URIRef(base + "graph/broken")}


def test_engines_agree():
    """pyshacl-turbo (optional) gives the same results as pyshacl, the reference."""
    pytest.importorskip("pyshacl_turbo")
    shapes, hierarchy = load_shapes(), load_class_hierarchy()
    for path in sorted(SHAPE_FIXTURES.glob("*.trig")) + [FIXTURES / "sample.trig"]:
        ds = dataset(path)
        results = [validate_dataset(ds, shapes, hierarchy, engine=e) for e in ("pyshacl", "pyshacl-turbo")]
        reference, turbo = ([(*map(str, v.key), str(v.constraint or v.shape)) for v in r.violations]
                            for r in results)
        assert sorted(reference) == sorted(turbo), path.name

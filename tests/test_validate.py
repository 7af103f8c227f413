"""The validation API: a report a person can read, a SHACL report graph, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from sccon_ld.validate import ValidationResult, load_shapes, make_engine, validate_dataset

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
EDITION = URIRef("https://w3id.org/sccon/id/event/sccon-2023")
PM_2023 = URIRef("https://w3id.org/sccon/graph/pm-2023")


@pytest.fixture(scope="module")
def broken_sample() -> ValidationResult:
    """The sample release with one wrong fact: the 2023 edition ends before it starts."""
    ds = Dataset()
    ds.parse(FIXTURES / "sample.trig", format="trig")
    graph = ds.graph(PM_2023)
    graph.set((EDITION, URIRef("https://schema.org/endDate"), Literal("2023-11-05", datatype=XSD.date)))
    return validate_dataset(ds)


def test_violation_is_located(broken_sample):
    assert not broken_sample.conforms
    [violation] = broken_sample.violations
    assert violation.focus == EDITION
    assert violation.path == URIRef("https://schema.org/startDate")
    assert violation.value == Literal("2023-11-07", datatype=XSD.date)
    assert violation.graph == PM_2023
    assert violation.source_file == "pm-2023.txt"
    assert violation.severity == "Violation"
    assert violation.message == "schema:startDate must not be after schema:endDate."


def test_text_report_names_document_node_property_value_and_problem(broken_sample):
    text = broken_sample.text()
    assert text.startswith("SHACL validation: 3 named graphs checked, 1 violation in 1 of them\n")
    assert "[Violation] schema:startDate must not be after schema:endDate." in text
    assert "document: pm-2023.txt  graph <https://w3id.org/sccon/graph/pm-2023>" in text
    assert "node:     <https://w3id.org/sccon/id/event/sccon-2023>" in text
    assert "property: schema:startDate" in text
    assert 'value:    "2023-11-07"^^xsd:date' in text


def test_text_report_shows_inverse_paths_and_engine_iris_compactly():
    ds = Dataset()
    ds.parse(FIXTURES / "shapes" / "contact-broken.trig", format="trig")
    text = validate_dataset(ds).text()
    assert "property: ^schema:contactPoint" in text
    assert "node:     <https://w3id.org/sccon/id/contact/nobody>" in text
    assert "document: broken-contact.txt" in text


def test_report_graph_is_a_shacl_report(broken_sample):
    report = broken_sample.report
    [node] = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    [result] = report.objects(node, SH.result)
    assert report.value(result, SH.focusNode) == EDITION
    assert report.value(result, SH.sourceConstraintComponent) == SH.LessThanOrEqualsConstraintComponent


def test_conforming_dataset_has_an_empty_conforming_report():
    ds = Dataset()
    ds.parse(FIXTURES / "sample.trig", format="trig")
    result = validate_dataset(ds)
    [node] = result.report.subjects(RDF.type, SH.ValidationReport)
    assert result.report.value(node, SH.conforms) == Literal(True)
    assert list(result.report.objects(node, SH.result)) == []


def test_missing_shapes_folder_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no shapes"):
        load_shapes(tmp_path)


def test_unknown_engine_is_an_error():
    with pytest.raises(ValueError, match="unknown SHACL engine"):
        make_engine("jena", load_shapes())

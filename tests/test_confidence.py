"""Every claim knows its rule, its rule's measured confidence and a count's qualifier; claims below
``extract.min_confidence`` are held back by the build (and by ``convert --min-confidence``) and listed."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
import requests
from conftest import LiveServer
from rdflib import Dataset, Graph, Literal, Namespace
from rdflib.namespace import RDF, XSD

from sccon_ld import settings
from sccon_ld.cli import main
from sccon_ld.extract import confidence as conf
from sccon_ld.extract.facts import DocumentFacts, Evidence, Ref
from sccon_ld.extract.qualifiers import count_qualifier
from sccon_ld.iris import SCHEMA, IRIs
from sccon_ld.pipeline import convert

IRIS = IRIs("https://w3id.org/sccon/")
SC = Namespace(str(IRIS.ontology))
# Sentences of our own wording.
REPORT = """Bilanz der Smart Country Convention 2024

Berlin, 10. Oktober 2024 – Die Smart Country Convention 2024 ist am Donnerstag zu Ende gegangen. Mehr als 1.234 Besucher informierten sich in drei Tagen über die digitale Verwaltung. Rund 321 Aussteller zeigten ihre Lösungen auf fünf Bühnen.

„Wir sind zufrieden“, sagte Erika Mustermann, Geschäftsführerin der Beispiel GmbH.

Für das kommende Jahr erwartet der Veranstalter 2.000 Besucher.
"""


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    path = tmp_path / "bilanz.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def union(ds: Dataset | Graph) -> Graph:
    if not isinstance(ds, Dataset):
        return ds
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def statements(ds: Dataset) -> dict[tuple, dict]:
    out = {}
    ds = union(ds)
    for st in set(ds.subjects(RDF.type, RDF.Statement)):
        triple = (ds.value(st, RDF.subject), ds.value(st, RDF.predicate), ds.value(st, RDF.object))
        out[triple] = {p: o for p, o in ds.predicate_objects(st)}
    return out


def add_here(facts: DocumentFacts) -> None:
    facts.add(Ref("edition", "2024"), SCHEMA.name, Literal("x"), Evidence("x", 0))


def test_a_fact_is_named_after_the_function_that_added_it():
    facts = DocumentFacts()
    add_here(facts)
    facts.add(Ref("edition", "2024"), SCHEMA.url, Literal("y"), None, rule="custom.rule")
    assert [f.rule for f in facts.facts] == ["test_confidence.add_here", "custom.rule"]


def test_the_rule_and_qualifier_take_no_part_in_equality():
    facts = DocumentFacts()
    add_here(facts)
    facts.add(Ref("edition", "2024"), SCHEMA.name, Literal("x"), Evidence("x", 0), rule="other")
    assert len(facts.facts) == 1 and facts.facts[0].rule == "test_confidence.add_here"


@pytest.mark.parametrize(("before", "expected"), [
    ("Mehr als ", "MoreThan"), ("es kamen über ", "MoreThan"), ("rund ", "Approximately"),
    ("Ca. ", "Approximately"), ("knapp ", "Nearly"), ("fast ", "Nearly"), ("bis zu ", "AtMost"),
    ("es kamen ", None), ("Rundgang mit ", None), ("Sommerfast ", None),
])
def test_count_qualifier(before, expected):
    assert count_qualifier(before) == expected


def test_statement_nodes_carry_rule_confidence_and_qualifier(report):
    ds = union(convert([report]).dataset)
    st = statements(ds)
    edition = IRIS.edition(2024)
    counted = st[(edition, SC.participantCount, Literal(1234, datatype=XSD.integer))]
    assert counted[SC.rule] == Literal("edition_facts.count")
    assert counted[SC.countQualifier] == SC.MoreThan
    assert counted[SC.confidence].datatype == XSD.decimal
    assert Decimal(str(counted[SC.confidence])) == conf.confidence("edition_facts.count")
    assert st[(edition, SC.exhibitorCount, Literal(321, datatype=XSD.integer))][SC.countQualifier] == SC.Approximately
    assert SC.countQualifier not in st[(edition, SC.stageCount, Literal(5, datatype=XSD.integer))]
    assert all(SC.rule in props and SC.confidence in props for props in st.values())
    # the expected figure of the next edition is no actual count (the extractor skips it)
    assert not [o for o in ds.objects(None, SC.participantCount) if int(o) == 2000]


def test_the_generated_table_names_its_command_and_fits_its_figures():
    text = conf.TABLE_FILE.read_text(encoding="utf-8")
    assert "tools/rule_confidence.py" in text.splitlines()[1]
    data = tomllib.loads(text)
    assert 0.5 <= data["default"] <= 1
    for name, entry in data["rules"].items():
        assert "." in name
        assert entry["confidence"] == pytest.approx(entry["right"] / (entry["right"] + entry["wrong"]), abs=5e-4)


def test_holding_back_a_persons_name_holds_back_the_person(report, monkeypatch):
    monkeypatch.setattr(conf, "table", lambda path=None: conf.RuleTable(Decimal("0.9"), {
        "edition_facts.extract_people": Decimal("0.2")}, {}))
    ds = convert([report], min_confidence=0.5)
    persons = set(union(ds.dataset).subjects(RDF.type, SCHEMA.Person))
    assert persons == set()
    held = ds.documents[0].held_back
    assert held and {h["rule"] for h in held} == {"edition_facts.extract_people"}
    assert any("Erika Mustermann" in h["triple"] for h in held) and all(h["confidence"] == 0.2 for h in held)
    assert (IRIS.edition(2024), SC.participantCount, Literal(1234, datatype=XSD.integer)) in union(ds.dataset)


def test_convert_publishes_everything_unless_asked(report, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(conf, "table", lambda path=None: conf.RuleTable(Decimal("0.9"), {
        "edition_facts.count": Decimal("0.3")}, {}))
    everything, strict = tmp_path / "all.nq", tmp_path / "strict.nq"
    assert main(["convert", str(report), "-o", str(everything)]) == 0
    assert "held back" not in capsys.readouterr().err
    assert main(["convert", str(report), "--min-confidence", "0.5", "-o", str(strict)]) == 0
    err = capsys.readouterr().err
    assert "held back:" in err and "sccon:participantCount 1234  (rule edition_facts.count, confidence 0.30)" in err
    everything_text, strict_text = everything.read_text(), strict.read_text()
    assert "ontology#participantCount" in everything_text and "ontology#participantCount" not in strict_text
    assert set(strict_text.splitlines()) < set(everything_text.splitlines())


def test_a_bad_min_confidence_is_refused(report, capsys):
    with pytest.raises(SystemExit) as e:
        main(["convert", str(report), "--min-confidence", "2"])
    assert e.value.code == 2 and "between 0 and 1" in capsys.readouterr().err


def test_the_build_holds_back_and_lists_what_it_left_out_and_pages_show_qualifiers(
        report, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(conf, "table", lambda path=None: conf.RuleTable(Decimal("0.9"), {
        "edition_facts.extract_people": Decimal("0.3"), "edition_facts.count": Decimal("1")}, {}))
    config = tmp_path / "settings.toml"
    config.write_text('[extract]\nmin_confidence = 0.6\n[build]\ncache_dir = ""\n', encoding="utf-8")
    out = tmp_path / "releases"
    monkeypatch.setenv("SCCON_LD_CONFIG", str(config))  # main() sets it; undone after the test
    try:
        assert main(["--config", str(config), "build", "--sources", str(report.parent), "--out", str(out)]) == 0
    finally:
        settings.get.cache_clear()
    printed = capsys.readouterr().out
    summary = json.loads((out / "current" / "summary.json").read_text(encoding="utf-8"))
    held = summary["held_back"]
    assert held["min_confidence"] == 0.6 and held["claims"]
    assert {h["rule"] for h in held["claims"]} == {"edition_facts.extract_people"}
    assert all(h["confidence"] == 0.3 and h["document"].endswith("bilanz.txt") for h in held["claims"])
    assert f"held back: {len(held['claims'])} claims below extract.min_confidence 0.6" in printed
    assert "bilanz.txt: person:Erika Mustermann schema:name 'Erika Mustermann'" in printed
    ds = Dataset()
    ds.parse(out / "current" / "dataset.nq", format="nquads")
    g = union(ds)
    assert not set(g.subjects(RDF.type, SCHEMA.Person))
    published = list(g.objects(None, SC.confidence))
    assert published and all(float(o) >= 0.6 for o in published)
    from sccon_ld.web.app import create_app

    with LiveServer(create_app(releases_dir=out)) as live:
        page = requests.get(live.url + "/id/event/sccon-2024", headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200
    assert "&gt; 1.234" in page.text and "≈ 321" in page.text and "5" in page.text

"""``sccon-ld explain DOC``: each claim with its sentence, rule and confidence, and what was held
back or not read, and why (sentences of our own wording)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_confidence import REPORT

from sccon_ld.cli import main
from sccon_ld.extract import confidence as conf


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    path = tmp_path / "bilanz.txt"
    path.write_text(REPORT + "\n" + "Tabelle " * 500 + "\n", encoding="utf-8")
    return path


def explained(capsys, *args: str) -> str:
    assert main(["explain", *args]) == 0
    return capsys.readouterr().out


def test_each_claim_with_its_sentence_rule_confidence_and_qualifier(report, capsys):
    text = explained(capsys, str(report))
    count = conf.confidence("edition_facts.count")
    assert "«Mehr als 1.234 Besucher informierten sich in drei Tagen über die digitale Verwaltung.»" in text
    assert f"edition:2024  sccon:participantCount  > 1234  (MoreThan)    [rule edition_facts.count, confidence {count}]" in text
    assert "edition:2024  sccon:exhibitorCount  ≈ 321  (Approximately)" in text
    assert "person:Erika Mustermann  schema:name  'Erika Mustermann'    [rule edition_facts.extract_people" in text
    # the claims of one sentence stand under it, sentences in the order of the text
    assert text.index("Mehr als 1.234") < text.index("sccon:participantCount") < text.index("Rund 321")


def test_what_was_not_read_and_why(report, capsys):
    text = explained(capsys, str(report))
    not_read = text[text.index("\nnot read:"):]
    assert "skipped as a comparison or expected figure ('erwartet')" in not_read
    assert "«Für das kommende Jahr erwartet der Veranstalter 2.000 Besucher.»" in not_read
    assert "longer than 3000 characters (build.max_sentence_chars); nothing was extracted from it" in not_read


def test_claims_below_min_confidence_are_marked_and_listed(report, capsys, monkeypatch):
    monkeypatch.setattr(conf, "table", lambda path=None: conf.RuleTable(Decimal("0.9"), {
        "edition_facts.count": Decimal("0.4")}, {}))
    text = explained(capsys, str(report), "--min-confidence", "0.5")
    assert "3 held back below extract.min_confidence 0.5" in text.splitlines()[0]
    assert "    HELD BACK edition:2024  sccon:stageCount  5    [rule edition_facts.count, confidence 0.4]" in text
    held = text[text.index("held back (below extract.min_confidence):"):]
    assert "edition:2024 sccon:participantCount 1234  rule edition_facts.count, confidence 0.4" in held
    assert "Erika Mustermann" not in held
    # a lower threshold holds nothing back
    assert "HELD BACK" not in explained(capsys, str(report), "--min-confidence", "0.3")


def test_a_missing_or_unreadable_document_is_one_line(tmp_path, capsys):
    assert main(["explain", str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt: no such file or folder" in capsys.readouterr().err
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not a document the reader takes")
    rc = main(["explain", str(bad)])
    out = capsys.readouterr().out
    assert rc == 1 and out.count("\n") == 1 and "cannot be read" in out


def test_an_expected_figure_is_marked_as_expected(tmp_path, capsys):
    doc = tmp_path / "vorschau.txt"
    doc.write_text("Smart Country Convention 2031\n\nFür die SCCON 2031 werden 20.000 Teilnehmende erwartet.\n",
                   encoding="utf-8")
    text = explained(capsys, str(doc))
    assert "edition:2031  sccon:participantCount  20000  (expected, not an actual figure)" in text

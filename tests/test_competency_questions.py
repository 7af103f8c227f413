"""The twelve competency questions of MODEL.md, answered by one SPARQL query each (queries/*.rq)
over the sample corpus converted together and published as a release: plain SPARQL over the
release's default graph (each distinct triple once), no work-arounds for repeated triples."""

from __future__ import annotations

from pathlib import Path

import pytest

from sccon_ld.pipeline import convert, sorted_nquads
from sccon_ld.release import folders as release
from sccon_ld.store.embedded import GraphStore

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    conversion = convert([ROOT / "data" / "documents"], with_authority="all")
    releases = tmp_path_factory.mktemp("cq-releases")
    release.publish(releases, sorted_nquads(conversion.dataset))
    return GraphStore.open(releases)


def ask(store: GraphStore, number: int) -> list[dict[str, str]]:
    result = store.query((QUERIES / f"cq{number:02d}.rq").read_text(encoding="utf-8"))
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def test_every_question_has_a_query() -> None:
    assert sorted(p.name for p in QUERIES.glob("cq*.rq")) == [f"cq{i:02d}.rq" for i in range(1, 13)]


@pytest.mark.parametrize("number", range(1, 13))
def test_questions_are_plain_sparql(number: int) -> None:
    """No nested SELECT DISTINCT to undo repeated triples: the default graph is a set."""
    text = (QUERIES / f"cq{number:02d}.rq").read_text(encoding="utf-8").upper()
    assert text.count("SELECT") == 1, "one SELECT, no sub-queries"


def test_cq01_editions_oldest_first(store) -> None:
    rows = ask(store, 1)
    years = [r["name"][-4:] for r in rows]
    assert years == sorted(years) and {"2020", "2021", "2023", "2024"} <= set(years)
    y2023 = next(r for r in rows if r["name"].endswith("2023"))
    assert (y2023["startDate"], y2023["endDate"], y2023["place"]) == ("2023-11-07", "2023-11-09", "Berlin")
    assert (y2023["participants"], y2023["exhibitors"], y2023["speakers"], y2023["stages"]) == ("15000", "300", "600", "4")
    y2020 = next(r for r in rows if r["name"].endswith("2020"))
    assert y2020["attendanceMode"].endswith("OnlineEventAttendanceMode") and y2020["participants"] == "10600"


def test_cq02_most_participants(store) -> None:
    assert [(r["name"], r["most"]) for r in ask(store, 2)] == [("Smart Country Convention 2023", "15000")]


def test_cq03_partner_country(store) -> None:
    rows = ask(store, 3)
    assert [(r["name"], r["countryName"], r["wikidata"]) for r in rows] == [
        ("Smart Country Convention 2023", "Ukraine", "http://www.wikidata.org/entity/Q212")
    ]


def test_cq04_speakers_2023(store) -> None:
    rows = {r["name"]: r for r in ask(store, 4)}
    assert {"Nancy Faeser", "Cem Özdemir", "Klara Geywitz", "Marco Buschmann", "Michael Heinze"} <= set(rows)
    assert "Bundesinnenministerin" in rows["Nancy Faeser"]["titles"]
    assert "Bundesministerium für Ernährung und Landwirtschaft" in rows["Cem Özdemir"]["organisations"]
    assert "Andreas Streim" not in rows  # a press contact, not a speaker


def test_cq05_series_organisers(store) -> None:
    assert {r["name"] for r in ask(store, 5)} == {"Bitkom e.V.", "Messe Berlin GmbH"}


def test_cq06_smart_city_index_ranking(store) -> None:
    assert [(r["rank"], r["recipientName"]) for r in ask(store, 6)] == [("1", "München"), ("2", "Hamburg"), ("3", "Köln")]


def test_cq07_documents_mentioning_faeser(store) -> None:
    rows = ask(store, 7)
    docs = {r["document"].rsplit("/", 1)[-1] for r in rows}
    assert docs == {"001-65d702e9bfb0a4f7", "002-49f9a30707908a42", "003-78e45c1190804d05"}
    press = next(r for r in rows if r["document"].endswith("001-65d702e9bfb0a4f7"))
    assert (press["date"], press["publisherName"]) == ("2023-11-09", "Bitkom e.V.")


def test_cq08_source_of_participant_count(store) -> None:
    rows = ask(store, 8)
    assert {r["document"].rsplit("/", 1)[-1] for r in rows} == {"001-65d702e9bfb0a4f7", "002-49f9a30707908a42"}
    assert all(r["count"] == "15000" and "15.000" in r["sentence"] for r in rows)


def test_cq09_parts_of_2023(store) -> None:
    rows = {r["name"]: r for r in ask(store, 9)}
    barcamp = next(r for n, r in rows.items() if "barcamp" in n.lower())
    assert barcamp["organizers"] == "Kompetenzzentrum Open Data"
    panel = next(r for n, r in rows.items() if n.startswith("Podiumsdiskussion"))
    assert panel["performers"] == "Michael Heinze"


def test_cq10_bitkom_press_contacts(store) -> None:
    rows = {r["name"]: r for r in ask(store, 10)}
    assert rows["Andreas Streim"]["telephone"] == "+49 30 27576-112"
    assert rows["Andreas Streim"]["email"] == "a.streim@bitkom.org"
    assert rows["Lisa Murche"]["email"] == "l.murche@bitkom-service.de"


def test_cq11_premium_partners_2020(store) -> None:
    assert {r["name"] for r in ask(store, 11)} == {
        "Accenture", "Bechtle", "Bundesdruckerei GmbH", "BWI",  # linked to the authority entry by its short name
        "Deutsche Telekom", "Google Cloud", "Huawei", "SAP",
        "Smart City Berlin",
    }


def test_cq12_online_editions(store) -> None:
    assert [r["name"] for r in ask(store, 12)] == ["Smart Country Convention 2020"]

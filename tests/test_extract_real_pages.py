"""Regression tests for the error classes found on real published pages (issue 9).

Each test pins one class, on sentences of our own wording (the real pages stay in ../shared):
phrases taken for persons, names cut, dates of someone's visit taken for the event's, pre-event
texts, places and modes stated indirectly, and so on. One test per class, named after it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from tests.test_extract import ID, S, editions, kg, values

ED = ID + "event/sccon-"


def persons(g) -> set[str]:
    return {str(n) for p in g.subjects(RDF.type, URIRef(S + "Person")) for n in g.objects(p, URIRef(S + "name"))}


# -- phrases taken for persons --------------------------------------------------------------

@pytest.mark.parametrize("sentence,not_a_person", [
    ("Auf der Smart Country Convention 2024 ging es um den AI Act und seine Folgen für Kommunen.", "AI Act"),
    ("Auf der Smart Country Convention 2024 stellte KI den Antrag auf Wohngeld vor.", "KI den Antrag"),
    ("Auf der Smart Country Convention 2024 zeigte Urban Tech neue Sensoren.", "Urban Tech"),
    ("Die Smart Country Convention 2024 lud ins Vienna House am Alexanderplatz.", "Vienna House"),
    ("Die Messe Fira de Barcelona richtet einen anderen Kongress aus als die Smart Country Convention 2024.",
     "Fira de Barcelona"),
    ("Die Smart Country Convention 2024 zeigte viele Lösungen. Deren Gemeinsamkeit ist die Cloud.", "Deren Gemeinsamkeit"),
])
def test_terms_and_places_are_not_persons(tmp_path: Path, sentence: str, not_a_person: str) -> None:
    assert not_a_person not in persons(kg(tmp_path, sentence))


@pytest.mark.parametrize("sentence,name", [
    ("Auf der Smart Country Convention 2024 sprach Staatspräsident Edgars Ozoliņš über Verwaltung.", "Edgars Ozoliņš"),
    ("Auf der Smart Country Convention 2024 sprach Stadträtin Aoife O'Connell über Mobilität.", "Aoife O'Connell"),
])
def test_names_in_other_latin_scripts_are_kept_whole(tmp_path: Path, sentence: str, name: str) -> None:
    assert name in persons(kg(tmp_path, sentence))


# -- dates ----------------------------------------------------------------------------------

def test_days_someone_attended_are_not_the_event_dates(tmp_path: Path) -> None:
    g = kg(tmp_path, "Am 2. und 3. Oktober 2025 nahm der Verein Beispiel an der Smart Country Convention in Berlin teil.")
    assert values(g, ED + "2025", S + "startDate") == set()


def test_event_days_without_the_name_in_a_document_about_it(tmp_path: Path) -> None:
    text = ("Smart Country Convention: ein neues Format\n\n"
            "Die Smart Country Convention wird als Plattform für die Verwaltung etabliert. "
            "Die vom Verband Beispiel organisierte Veranstaltung wird im Oktober 2030 ihre Premiere feiern. "
            "An drei Veranstaltungstagen vom 8. Bis 10. Oktober 2030 sollen Lösungen gezeigt werden.")
    g = kg(tmp_path, text)
    assert editions(g) == {"2030"}
    assert values(g, ED + "2030", S + "startDate") == {"2030-10-08"}
    assert values(g, ED + "2030", S + "endDate") == {"2030-10-10"}


def test_next_edition_words_keep_an_undated_report_unresolved(tmp_path: Path) -> None:
    """Only the future tense makes a pre-event text about its year; "nächste" announces the next one."""
    text = ("Die Smart Country Convention war ein Erfolg. Rund 900 Aussteller waren dabei. "
            "Die nächste Smart Country Convention wird vom 6. bis 8. Oktober 2031 stattfinden.")
    g = kg(tmp_path, text)
    assert values(g, ED + "2031", ID.replace("id/", "ontology#") + "exhibitorCount") == set()


# -- places and organisers stated indirectly ----------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Viele Gäste kamen 2030 zur Smart Country Convention (SCCON) in Berlin.",
    "Die Smart Country Convention 2030, die in Berlin stattfand, war gut besucht.",
    "Im Oktober 2030 reisten viele Verwaltungen zur Smart Country Convention (SCCON) nach Berlin.",
])
def test_city_after_the_name_or_a_verb_of_taking_place(tmp_path: Path, sentence: str) -> None:
    g = kg(tmp_path, sentence)
    assert URIRef(ID + "place/berlin") in set(g.objects(URIRef(ED + "2030"), URIRef(S + "location")))


def test_organisers_of_a_format_carried_out_by_them(tmp_path: Path) -> None:
    g = kg(tmp_path, "Durchgeführt wird die Smart Country Convention vom Digitalverband Bitkom mit der Messe Berlin.")
    organizers = set(g.objects(URIRef(ID + "event/sccon"), URIRef(S + "organizer")))
    assert {URIRef(ID + "organization/bitkom"), URIRef(ID + "organization/messe-berlin")} <= organizers

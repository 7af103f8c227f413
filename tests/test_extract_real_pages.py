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


# -- attendance mode from presence on site ------------------------------------------------------

SC_TERMS = ID.replace("id/", "ontology#")
OFFLINE = S + "OfflineEventAttendanceMode"


@pytest.mark.parametrize("text", [
    "Die Smart Country Convention 2030 war gut besucht. Am Gemeinschaftsstand des Landes gab es viele Gespräche.",
    "Auf der Smart Country Convention 2030 trafen sich die Teams endlich wieder persönlich vor Ort.",
    "Die Smart Country Convention 2030 in Berlin zeigte Lösungen für Kommunen.",
])
def test_presence_on_site_makes_the_edition_offline(tmp_path: Path, text: str) -> None:
    g = kg(tmp_path, "Smart Country Convention 2030: ein Rückblick\n\n" + text)
    assert values(g, ED + "2030", S + "eventAttendanceMode") == {OFFLINE}


def test_any_sign_of_an_online_edition_blocks_the_inference(tmp_path: Path) -> None:
    text = ("Smart Country Convention 2030: ein Rückblick\n\n"
            "Die Smart Country Convention 2030 in Berlin wurde live gestreamt. Am Stand des Landes gab es Gespräche.")
    assert OFFLINE not in values(kg(tmp_path, text), ED + "2030", S + "eventAttendanceMode")


# -- rankings ---------------------------------------------------------------------------------

def test_a_ranking_reported_on_its_own_is_an_award_with_ranks(tmp_path: Path) -> None:
    from tests.test_extract import placements

    text = (" date 2031-09-10 BERLIN (dpa) - Der Beispiel-Index 2031 vergleicht Großstädte. "
            "Den ersten Platz sichert sich mit 90,5 von 100 Punkten Hamburg. "
            "Erst mit Abstand folgen Köln auf dem insgesamt zweiten und Karlsruhe auf dem dritten Platz. "
            "Stuttgart verliert und rutscht auf den vierten Platz. Rang fünf geht an Bonn.")
    g = kg(tmp_path, text)
    ranks = {name: rank for name, ranks in placements(g).items() for rank in ranks}
    assert ranks == {"Hamburg": 1, "Köln": 2, "Karlsruhe": 3, "Stuttgart": 4, "Bonn": 5}
    assert editions(g) == set()  # a ranking outside any SCCON text is not placed at an edition


def test_an_index_named_without_results_is_no_award(tmp_path: Path) -> None:
    g = kg(tmp_path, "Auf der Smart Country Convention 2031 wird der Beispiel-Index 2031 vorgestellt.")
    assert not set(g.subjects(RDF.type, URIRef(SC_TERMS + "Award")))


# -- document metadata ----------------------------------------------------------------------------

@pytest.mark.parametrize("top,date", [
    ("03.11.31", "2031-11-03"),
    ("[24.10.2031] Auf der Smart Country Convention war viel los.", "2031-10-24"),
    ("Meldung Verwaltung 25.10.2031", "2031-10-25"),
    ("29.10.2031, 14:30 Uhr", "2031-10-29"),
])
def test_publication_date_lines_near_the_top(tmp_path: Path, top: str, date: str) -> None:
    g = kg(tmp_path, f"Ein Rückblick auf die Messe\n{top}\nDie Smart Country Convention war ein Erfolg.")
    assert values(g, ID + "document/doc", S + "datePublished") == {date}


def test_a_month_only_archive_prefix_is_no_publication_date(tmp_path: Path) -> None:
    g = kg(tmp_path, " date 2031-10 Die Smart Country Convention findet in diesem Jahr wieder statt.")
    assert values(g, ID + "document/doc", S + "datePublished") == set()


def test_headline_skips_navigation_credits_and_the_kicker(tmp_path: Path) -> None:
    text = ("Zum Hauptinhalt springen\nSo lief die Messe ab\n"
            "Smart Country Convention 2031: die Höhepunkte\n"
            "Die Smart Country Convention 2031 ist zu Ende gegangen. Es war voll.")
    g = kg(tmp_path, text)
    assert values(g, ID + "document/doc", S + "headline") == {"Smart Country Convention 2031: die Höhepunkte"}


def test_one_paragraph_per_line_keeps_the_headline_apart(tmp_path: Path) -> None:
    head = "Rückblick: Das Ministerium auf der Smart Country Convention 2031 mit vielen Gästen"
    body = "Die Smart Country Convention 2031 präsentierte Ideen für die Verwaltung. " * 3
    g = kg(tmp_path, f"{head}\nMeldung Verwaltung 25.10.2031\n{body}")
    assert values(g, ID + "document/doc", S + "headline") == {head}


def test_a_text_told_in_the_first_person_is_a_blog_post(tmp_path: Path) -> None:
    g = kg(tmp_path, "Wir waren auf der Smart Country Convention 2031. Unser Team hat viel gelernt.")
    assert URIRef(S + "BlogPosting") in set(g.objects(URIRef(ID + "document/doc"), RDF.type))


# -- people: titles and affiliations ----------------------------------------------------------------

def affiliations(g, name: str) -> set[str]:
    """Names of the organisations the person called ``name`` is affiliated with."""
    people = [p for p in g.subjects(RDF.type, URIRef(S + "Person")) if name in values(g, str(p), S + "name")]
    return {str(n) for p in people for o in g.objects(p, URIRef(S + "affiliation")) for n in g.objects(o, URIRef(S + "name"))}


@pytest.mark.parametrize("sentence,name,org", [
    ("Auf der Smart Country Convention 2031 sprach Dr. Max Beispiel, Geschäftsführer der Messe Berlin sagt dazu viel.",
     "Max Beispiel", "Messe Berlin GmbH"),
    ("Auf der Smart Country Convention 2031 sprach Erika Muster, Leiterin des Smart City Büros der Stadt Beispielhausen.",
     "Erika Muster", "Stadt Beispielhausen"),
    ("Auf der Smart Country Convention 2031 sprach Erika Muster, Referentin für Daten bei der Stadt Köln.",
     "Erika Muster", "Stadt Köln"),
    ("Auf der Smart Country Convention 2031 sprachen Max Beispiel, Bereichsleiter Daten bei Bitkom e.V. und Erika Muster.",
     "Max Beispiel", "Bitkom e.V."),
    ("Auf der Smart Country Convention 2031 sprach Dr. Max Beispiel, Minister für Justiz des Landes Brandenburg.",
     "Max Beispiel", "Land Brandenburg"),
    ("Auf der Smart Country Convention 2031 sprach Max Beispiel, Wirtschaftsminister des Partnerlandes Lettland.",
     "Max Beispiel", "Regierung von Lettland"),
    ("Auf der Smart Country Convention 2031 sprach Berlins Regierender Bürgermeister Max Beispiel.",
     "Max Beispiel", "Stadt Berlin"),
    ("Auf der Smart Country Convention 2031 sprach NRW-Ministerpräsident Max Beispiel.",
     "Max Beispiel", "Land Nordrhein-Westfalen"),
])
def test_affiliations_as_real_pages_word_them(tmp_path: Path, sentence: str, name: str, org: str) -> None:
    assert org in affiliations(kg(tmp_path, sentence), name)


def test_a_person_named_by_title_and_family_name(tmp_path: Path) -> None:
    g = kg(tmp_path, "Auf der Smart Country Convention 2031 erläuterte Frau Staatssekretärin Beispielmann das Verfahren.")
    assert "Beispielmann" in persons(g)


def test_a_family_name_alone_is_the_full_name_of_the_document(tmp_path: Path) -> None:
    g = kg(tmp_path, "Auf der Smart Country Convention 2031 sprach Erika Muster. "
                     "Ministerin Muster betonte die Rolle der Kommunen.")
    assert persons(g) == {"Erika Muster"}


def test_no_person_from_a_role_and_a_field(tmp_path: Path) -> None:
    g = kg(tmp_path, "Kontakt zur Smart Country Convention 2031: Projektleiterin Messen & Events")
    assert persons(g) == set()


# -- organisations -------------------------------------------------------------------------------

def org_names(g) -> set[str]:
    return {str(n) for o, t in g.subject_objects(RDF.type) if str(t).startswith(S) and "Organization" in str(t)
            for n in g.objects(o, URIRef(S + "name"))}


@pytest.mark.parametrize("sentence,org", [
    ("Auf der Smart Country Convention 2031 war auch die beispiel GmbH mit einem Stand vertreten.", "beispiel GmbH"),
    ("Auf der Smart Country Convention 2031 zeigte die Muster Bau GmbH & Co. KG ihre Lösungen.", "Muster Bau GmbH & Co. KG"),
    ("Auf der Smart Country Convention 2031 präsentierte sich die Stadt Beispielhausen.", "Stadt Beispielhausen"),
])
def test_organisations_by_their_form(tmp_path: Path, sentence: str, org: str) -> None:
    assert org in org_names(kg(tmp_path, sentence))


# -- counts, dates and modes as real pages word them ----------------------------------------------

def claim_status(g, subject: str, prop: str, value: int) -> set[str]:
    from rdflib import Literal
    from rdflib.namespace import XSD

    statements = set(g.subjects(RDF.object, Literal(value, datatype=XSD.integer)))
    return {str(o) for st in statements if (st, RDF.predicate, URIRef(prop)) in g
            for o in g.objects(st, URIRef(SC_TERMS + "claimStatus"))}


def test_an_expected_figure_is_a_claim_marked_expected(tmp_path: Path) -> None:
    g = kg(tmp_path, "Die Smart Country Convention 2031 startet heute. Zur Smart Country Convention 2031 "
                     "werden mehr als 16.000 Besucherinnen und Besucher erwartet.")
    assert values(g, ED + "2031", SC_TERMS + "participantCount") == {"16000"}
    assert claim_status(g, ED + "2031", SC_TERMS + "participantCount", 16000) == {SC_TERMS + "Expected"}


def test_counted_workshops_do_not_make_the_audience_a_parts_one(tmp_path: Path) -> None:
    g = kg(tmp_path, "Rückblick auf die Smart Country Convention 2031\n\nDie Smart Country Convention 2031 war ein Erfolg. "
                     "Mehr als 16.000 Besucher:innen, 300 Aussteller und 70 Workshops gab es.")
    assert values(g, ED + "2031", SC_TERMS + "participantCount") == {"16000"}


def test_two_adjectives_joined_by_und_before_the_noun(tmp_path: Path) -> None:
    g = kg(tmp_path, "Auf der Smart Country Convention 2031 sprachen mehr als 400 nationale und internationale Speaker.")
    assert values(g, ED + "2031", SC_TERMS + "speakerCount") == {"400"}


def test_dates_in_the_sentence_after_the_name(tmp_path: Path) -> None:
    g = kg(tmp_path, "Smart Country Convention 2031 eröffnet\n\nDie Smart Country Convention 2031 ist heute gestartet. "
                     "Vom 7. bis 9. Oktober werden viele Gäste kommen.")
    assert values(g, ED + "2031", S + "startDate") == {"2031-10-07"}


def test_a_capitalised_und_between_two_days(tmp_path: Path) -> None:
    g = kg(tmp_path, "Am 7. Und 8. Oktober fand die Smart Country Convention 2031 statt.")
    assert values(g, ED + "2031", S + "endDate") == {"2031-10-08"}


@pytest.mark.parametrize("sentence", [
    "Rund 9.000 Menschen nahmen über das Internet an der Smart Country Convention 2031 teil.",
    "Virtuell und interaktiv startete die Smart Country Convention 2031.",
    "Die Smart Country Convention 2031 wurde gänzlich digital abgehalten.",
])
def test_online_editions_as_real_pages_say_it(tmp_path: Path, sentence: str) -> None:
    g = kg(tmp_path, sentence)
    assert values(g, ED + "2031", S + "eventAttendanceMode") == {S + "OnlineEventAttendanceMode"}


@pytest.mark.parametrize("sentence,name,org", [
    ("Auf der Smart Country Convention 2031 sprach der Ministerpräsident Nordrhein-Westfalens, Max Beispiel.",
     "Max Beispiel", "Land Nordrhein-Westfalen"),
    ("Auf der Smart Country Convention 2031 sprach Erika Muster, Ministerin für Arbeit, Soziales und Digitales "
     "des Landes Rheinland-Pfalz.", "Erika Muster", "Land Rheinland-Pfalz"),
])
def test_affiliations_in_longer_titles(tmp_path: Path, sentence: str, name: str, org: str) -> None:
    assert org in affiliations(kg(tmp_path, sentence), name)


def test_where_a_firm_is_from_is_not_the_affiliation(tmp_path: Path) -> None:
    g = kg(tmp_path, "Auf der Smart Country Convention 2031 sprach Erika Muster, CEO von Beispielsoft aus Litauen.")
    assert "Regierung von Litauen" not in affiliations(g, "Erika Muster")


def test_title_after_an_article_in_apposition(tmp_path: Path) -> None:
    g = kg(tmp_path, "Die Smart Country Convention 2031 eröffnete Dr. Max Beispiel, dem ersten Bundesminister für Digitales.")
    people = [p for p in g.subjects(RDF.type, URIRef(S + "Person"))]
    titles = {str(t) for p in people for t in g.objects(p, URIRef(S + "jobTitle"))}
    assert any(t.endswith("Bundesminister für Digitales") and not t.startswith("dem") for t in titles)


def test_the_series_with_its_abbreviation_is_no_organisation(tmp_path: Path) -> None:
    g = kg(tmp_path, "Am 7. Oktober 2031 nahm der Verein an der Smart Country Convention (SCCON) in Berlin teil.")
    assert "Smart Country Convention" not in org_names(g)


def test_a_byline_under_the_headline_is_its_own_line(tmp_path: Path) -> None:
    g = kg(tmp_path, "Ein Besuch bei der Smart Country Convention 2031\n\nvon Frau Dr. Erika Muster\n\n"
                     "Die Smart Country Convention 2031 zeigte viele Lösungen.")
    assert values(g, ID + "document/doc", S + "headline") == {"Ein Besuch bei der Smart Country Convention 2031"}
    authors = {str(n) for a in g.objects(URIRef(ID + "document/doc"), URIRef(S + "author"))
               for n in g.objects(a, URIRef(S + "name"))}
    assert authors == {"Erika Muster"}


def test_the_lead_gives_the_edition_its_days(tmp_path: Path) -> None:
    text = ("Beispielland wird Partnerland der Smart Country Convention\n\n"
            "Vom 6. bis 8. Oktober 2031 wird das Nachbarland auf dem Berliner Messegelände Lösungen zeigen. "
            "Die Verwaltung dort ist weit.")
    g = kg(tmp_path, text)
    assert editions(g) == {"2031"}
    assert values(g, ED + "2031", S + "startDate") == {"2031-10-06"}

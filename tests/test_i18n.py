"""The interface language: how it is chosen, and that every phrase and label exists in both."""

from __future__ import annotations

import pytest

from sccon_ld import settings
from sccon_ld.web import i18n
from sccon_ld.web.vocab_labels import VocabularyLabels

BASE = "https://w3id.org/sccon/"


@pytest.mark.parametrize(
    ("requested", "cookie", "accept", "expected"),
    [
        (None, None, [], "de"),
        (None, None, [("en-GB", 1.0), ("de", 0.5)], "en"),
        (None, None, [("fr", 1.0), ("de-AT", 0.8)], "de"),
        (None, None, [("fr", 1.0)], "de"),
        (None, "en", [("de", 1.0)], "en"),
        ("de", "en", [("en", 1.0)], "de"),
        ("xx", None, [("en", 1.0)], "en"),
        (None, None, [("en", 0.0), ("de", 0.1)], "de"),
    ],
)
def test_language_is_chosen_by_switch_cookie_header_then_default(requested, cookie, accept, expected):
    assert i18n.choose(requested, cookie, accept, "de") == expected


def test_every_message_exists_in_both_languages_with_the_same_placeholders():
    import string

    for key, (de, en) in i18n.MESSAGES.items():
        assert de and en, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in (de, en)]
        assert fields[0] == fields[1], key


def test_numbers_are_written_as_each_language_writes_them():
    assert i18n.Translator("de").number(15000) == "15.000"
    assert i18n.Translator("en").number(15000) == "15,000"


@pytest.fixture(scope="module")
def labels() -> VocabularyLabels:
    return VocabularyLabels.read(settings.get().path("ontology"), BASE)


@pytest.mark.parametrize(
    ("iri", "de", "en"),
    [
        (BASE + "ontology#Award", "Preis", "Award"),
        (BASE + "ontology#participantCount", "Anzahl Teilnehmende", "Participant count"),
        ("https://schema.org/Event", "Veranstaltung", "Event"),
        ("https://schema.org/startDate", "Beginn", "Start"),
    ],
)
def test_class_and_property_labels_come_from_the_ontology_in_both_languages(labels, iri, de, en):
    assert labels.label(iri, "de") == de and labels.label(iri, "en") == en


def test_labels_follow_the_dataset_base():
    moved = VocabularyLabels.read(settings.get().path("ontology"), "https://example.org/x/")
    assert moved.get("https://example.org/x/ontology#Placement", "de") == "Platzierung"


def test_every_class_and_property_the_data_uses_has_both_labels(labels, sample_release):
    """Every type and predicate of the sample release, except provenance bookkeeping, is labelled."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(sample_release / "current" / "store"))
    used = {q.predicate.value for q in store} | {
        q.object.value for q in store if q.predicate.value.endswith("#type")
    }
    plumbing = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/ns/prov#",
                "http://www.w3.org/2002/07/owl#", "http://www.w3.org/2000/01/rdf-schema#",
                "http://purl.org/dc/terms/", "http://purl.org/vocab/vann/", "http://www.w3.org/ns/shacl#")
    missing = sorted(
        iri for iri in used
        if not iri.startswith(plumbing) and (labels.get(iri, "de") is None or "en" not in labels.labels.get(iri, {}))
    )
    assert not missing

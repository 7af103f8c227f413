"""Search over names, labels and source sentences (SQLite FTS5 in the entity index), and which
entities the documents mention: on the hand-written sample release, through the real index file."""

from __future__ import annotations

import sqlite3

import pytest

from sccon_ld.release import search_index
from sccon_ld.release.search_index import fold, query_tokens

BASE = "https://w3id.org/sccon/"


@pytest.mark.parametrize(
    ("written", "typed"),
    [("Özdemir", "oezdemir"), ("Özdemir", "Ozdemir"), ("München", "muenchen"), ("München", "Munchen"),
     ("Straße", "strasse"), ("Aßmann", "assmann"), ("Élysée", "elysee"), ("Faeser", "FAESER")],
)
def test_fold_makes_umlauts_transliterations_and_accents_one(written, typed):
    assert fold(written) == fold(typed)


def test_fold_keeps_different_words_apart():
    assert fold("Berlin") != fold("Bern") and fold("Köln") != fold("Kiel")
    assert query_tokens("Messe  messe, Berlin") == ["messe", "berlin"]


@pytest.fixture(scope="module")
def rows(sample_release):
    path = sample_release / "current" / "entities.sqlite"
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    yield lambda sql, *args: db.execute(sql, args).fetchall()
    db.close()


def test_release_index_has_the_tables(rows):
    assert search_index.has_tables(rows)


@pytest.mark.parametrize("typed", ["muenchen", "Munchen", "München", "münch"])
def test_search_finds_a_name_however_it_is_typed(rows, typed):
    hits = search_index.search(rows, typed, limit=10)
    assert hits and hits[0].iri == BASE + "id/place/muenchen"
    assert [piece for piece, matched in hits[0].name if matched] == ["München"]


def test_search_finds_a_source_sentence_and_shows_it(rows):
    hits = search_index.search(rows, "Teilnehmenden", limit=10)
    iris = [h.iri for h in hits]
    assert BASE + "id/event/sccon-2023" in iris
    hit = hits[iris.index(BASE + "id/event/sccon-2023")]
    assert "".join(p for p, _ in hit.snippet).startswith("Mit mehr als 15.000")
    assert [p for p, m in hit.snippet if m] == ["Teilnehmenden"]


def test_a_name_ranks_above_a_sentence(rows):
    hits = search_index.search(rows, "faeser", limit=10)
    assert hits[0].iri == BASE + "id/person/nancy-faeser"


def test_counts_are_true_and_pages_do_not_overlap(rows):
    total = search_index.count(rows, "s")
    first = search_index.search(rows, "s", limit=3)
    second = search_index.search(rows, "s", limit=3, offset=3)
    everything = search_index.search(rows, "s", limit=1000)
    assert len(everything) == total > 6
    assert not {h.iri for h in first} & {h.iri for h in second}
    assert [h.iri for h in first + second] == [h.iri for h in everything[:6]]


def test_an_empty_or_punctuation_query_finds_nothing(rows):
    assert search_index.search(rows, " .,; ", limit=10) == [] and search_index.count(rows, '"*') == 0


def test_mentions_count_documents_not_the_authority_file(rows):
    found = search_index.mentioned(rows, [BASE + "id/place/berlin", BASE + "id/place/deutschland",
                                          BASE + "id/person/nancy-faeser"])
    assert found == {BASE + "id/place/berlin": 1, BASE + "id/person/nancy-faeser": 2}


def test_a_long_sentence_is_cut_around_its_match_at_word_boundaries():
    sentence = " ".join(f"wort{i}" for i in range(80)) + " München " + " ".join(f"rest{i}" for i in range(80))
    pieces, found = search_index.mark(sentence, search_index.query_tokens("muenchen"))
    window = search_index._window(pieces)
    text = "".join(p for p, _ in window)
    assert found == 1 and [p for p, m in window if m] == ["München"]
    assert text.startswith("…wort") and text.endswith("…") and len(text) <= search_index.SNIPPET_CHARS + 2
    assert text[1:].split(" ")[0] in sentence.split(" ")  # the first word is whole

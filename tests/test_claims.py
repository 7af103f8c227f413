"""The claims-resolution policy, one rule at a time, on small graphs of our own.

Each test builds a dataset the way the emitter writes one (a named graph per document, the
document's metadata, a statement node per claim) plus the authority graph naming the series'
organisers, and checks which value the default graph keeps, the ranks, and the report.
"""

from __future__ import annotations

import hashlib

import pytest
from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from sccon_ld.iris import PROV, SCHEMA, IRIs
from sccon_ld.release import claims
from sccon_ld.vocab import XSD as XSD_NS

XSD = Namespace(XSD_NS)

IRIS = IRIs("https://w3id.org/sccon/")
SCCON = IRIS.ontology
EDITION = IRIS.edition(2030)
ORGANISER = IRIS.entity("organization", "organiser-one")
DAUGHTER = IRIS.entity("organization", "organiser-service")
OTHER = IRIS.entity("organization", "some-newspaper")
CITY = IRIS.entity("place", "city-a")
HALL = IRIS.entity("place", "hall-b")
FAIR = IRIS.entity("place", "fairground-c")
OTHER_HALL = IRIS.entity("place", "hall-d")


def integer(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def day(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


class Corpus:
    """A tiny dataset built as the converter builds one."""

    def __init__(self) -> None:
        self.ds = Dataset()
        auth = self.ds.graph(IRIS.authority_graph)
        auth.add((IRIS.series, RDF.type, SCHEMA.EventSeries))
        auth.add((IRIS.series, SCHEMA.organizer, ORGANISER))
        auth.add((DAUGHTER, SCHEMA.parentOrganization, ORGANISER))
        for place in (HALL, FAIR, OTHER_HALL):
            auth.add((place, SCHEMA.containedInPlace, CITY))

    def document(self, slug: str, published: str | None = None, publisher: URIRef | None = None,
                 author: URIRef | None = None) -> Document:
        return Document(self, slug, published, publisher, author)


class Document:
    def __init__(self, corpus: Corpus, slug: str, published, publisher, author) -> None:
        self.iri = IRIS.document(slug)
        self.graph = corpus.ds.graph(IRIS.graph(slug))
        g = self.graph
        g.add((self.iri, RDF.type, SCHEMA.NewsArticle))
        g.add((self.iri, SCHEMA.inLanguage, Literal("de")))
        if published:
            g.add((self.iri, SCHEMA.datePublished, day(published)))
        if publisher:
            g.add((self.iri, SCHEMA.publisher, publisher))
        if author:
            g.add((self.iri, SCHEMA.author, author))
        g.add((EDITION, SCHEMA.superEvent, IRIS.series))

    def says(self, predicate: URIRef, value, **qualifiers) -> URIRef:
        """The triple and its statement node (``<doc>#fact-<hash>``), as the emitter writes them."""
        g = self.graph
        g.add((EDITION, predicate, value))
        digest = hashlib.sha1(f"{EDITION} {predicate} {value.n3()}".encode()).hexdigest()[:16]
        st = URIRef(f"{self.iri}#fact-{digest}")
        for p, o in ((RDF.type, RDF.Statement), (RDF.subject, EDITION), (RDF.predicate, predicate),
                     (RDF.object, value), (PROV.wasDerivedFrom, self.iri),
                     (SCCON.sourceSentence, Literal("Ein Satz.", lang="de"))):
            g.add((st, p, o))
        for name, value_q in qualifiers.items():
            g.add((st, SCCON[name], value_q))
        return st


def published_values(resolution: claims.Resolution, ds: Dataset, predicate: URIRef) -> set:
    """What the default graph would hold: every claimed value not in the exclusion set."""
    values = {o for _, _, o, _ in ds.quads((EDITION, predicate, None, None))}
    return {v for v in values if (EDITION, predicate, v) not in resolution.excluded}


def rank_of(resolution: claims.Resolution, statement: URIRef) -> str:
    ranks = [o for s, p, o, _ in resolution.rank_quads if s == statement and p == SCCON.claimRank]
    assert len(ranks) == 1, ranks
    return str(ranks[0]).rsplit("#", 1)[-1]


def only_decision(resolution: claims.Resolution) -> claims.Decision:
    assert len(resolution.decisions) == 1, resolution.lines()
    return resolution.decisions[0]


@pytest.fixture
def corpus() -> Corpus:
    return Corpus()


def dates(doc: Document, start: str = "2030-10-01", end: str = "2030-10-03") -> None:
    doc.says(SCHEMA.startDate, day(start))
    doc.says(SCHEMA.endDate, day(end))


# ---------------------------------------------------------------- one rule at a time


def test_after_the_event_beats_before_it_even_against_the_organiser(corpus):
    before = corpus.document("vorab", "2030-06-01", publisher=ORGANISER)
    after = corpus.document("bericht", "2030-10-05", publisher=OTHER)
    dates(before), dates(after)
    lost = before.says(SCCON.participantCount, integer(20000))
    won = after.says(SCCON.participantCount, integer(17000))
    r = claims.resolve(corpus.ds, IRIS)
    d = only_decision(r)
    assert (d.predicate, d.rule) == (SCCON.participantCount, "after-event")
    assert published_values(r, corpus.ds, SCCON.participantCount) == {integer(17000)}
    assert (rank_of(r, won), rank_of(r, lost)) == ("PreferredRank", "DeprecatedRank")


def test_published_on_the_last_day_counts_as_after_the_event(corpus):
    closing = corpus.document("abschluss", "2030-10-03", publisher=OTHER)
    early = corpus.document("vorab", "2030-09-01", publisher=OTHER)
    early2 = corpus.document("vorab-zwei", "2030-09-02", publisher=OTHER)
    for doc in (closing, early, early2):
        dates(doc)
    closing.says(SCCON.exhibitorCount, integer(450))
    early.says(SCCON.exhibitorCount, integer(400))
    early2.says(SCCON.exhibitorCount, integer(400))
    r = claims.resolve(corpus.ds, IRIS)
    assert only_decision(r).rule == "after-event"
    assert published_values(r, corpus.ds, SCCON.exhibitorCount) == {integer(450)}


def test_an_expected_figure_is_not_after_the_event_whatever_its_date(corpus):
    """The extractor's "expected" status (issue 9) outranks the publication date."""
    a = corpus.document("a", "2030-10-05", publisher=ORGANISER)
    b = corpus.document("b", "2030-10-06", publisher=ORGANISER)
    dates(a), dates(b)
    a.says(SCCON.participantCount, integer(20000), claimStatus=SCCON.expected)
    b.says(SCCON.participantCount, integer(18000))
    r = claims.resolve(corpus.ds, IRIS)
    assert only_decision(r).rule == "after-event"
    assert published_values(r, corpus.ds, SCCON.participantCount) == {integer(18000)}


def test_the_organisers_release_beats_third_parties_even_when_they_are_more(corpus):
    own = corpus.document("eigene", "2030-10-04", publisher=ORGANISER)
    press = [corpus.document(f"presse-{i}", "2030-10-04", publisher=OTHER) for i in range(3)]
    for doc in (own, *press):
        dates(doc)
    own.says(SCCON.speakerCount, integer(650))
    for doc in press:
        doc.says(SCCON.speakerCount, integer(600))
    r = claims.resolve(corpus.ds, IRIS)
    assert only_decision(r).rule == "organiser"
    assert published_values(r, corpus.ds, SCCON.speakerCount) == {integer(650)}


@pytest.mark.parametrize("how", ["daughter-publisher", "author-works-for"])
def test_an_organisers_document_is_known_by_its_publisher_or_its_authors_employer(corpus, how):
    if how == "daughter-publisher":
        own = corpus.document("eigene", "2030-10-04", publisher=DAUGHTER)
    else:
        person = IRIS.entity("person", "pressesprecherin")
        own = corpus.document("eigene", "2030-10-04", author=person)
        own.graph.add((person, SCHEMA.worksFor, ORGANISER))
    other = corpus.document("fremd", "2030-10-04", publisher=OTHER)
    dates(own), dates(other)
    own.says(SCCON.stageCount, integer(5))
    other.says(SCCON.stageCount, integer(6))
    r = claims.resolve(corpus.ds, IRIS)
    assert only_decision(r).rule == "organiser"
    assert published_values(r, corpus.ds, SCCON.stageCount) == {integer(5)}


def test_a_later_announcement_of_dates_beats_an_earlier_one(corpus):
    first = corpus.document("ankuendigung", "2029-10-20", publisher=ORGANISER)
    second = corpus.document("verschoben", "2030-03-01", publisher=ORGANISER)
    third = corpus.document("erste-wiederholt", "2029-11-01", publisher=ORGANISER)
    first.says(SCHEMA.startDate, day("2030-09-30"))
    third.says(SCHEMA.startDate, day("2030-09-30"))
    moved = second.says(SCHEMA.startDate, day("2030-10-07"))
    r = claims.resolve(corpus.ds, IRIS)
    d = only_decision(r)
    assert (d.predicate, d.rule) == (SCHEMA.startDate, "later-announcement")
    assert published_values(r, corpus.ds, SCHEMA.startDate) == {day("2030-10-07")}
    assert rank_of(r, moved) == "PreferredRank"


def test_a_later_document_does_not_decide_a_count(corpus):
    """"Later" is for dates; two pre-event figures of one document each are a tie."""
    a = corpus.document("a", "2030-05-01", publisher=OTHER)
    b = corpus.document("b", "2030-06-01", publisher=OTHER)
    a.says(SCCON.partnerCount, integer(30))
    b.says(SCCON.partnerCount, integer(35))
    r = claims.resolve(corpus.ds, IRIS)
    assert only_decision(r).rule == "tie"


def test_more_documents_beat_fewer(corpus):
    docs = [corpus.document(f"d{i}", "2030-10-10", publisher=OTHER) for i in range(3)]
    for doc in docs:
        dates(doc)
    docs[0].says(SCCON.workshopCount, integer(12))
    docs[1].says(SCCON.workshopCount, integer(12))
    docs[2].says(SCCON.workshopCount, integer(14))
    r = claims.resolve(corpus.ds, IRIS)
    assert only_decision(r).rule == "more-documents"
    assert published_values(r, corpus.ds, SCCON.workshopCount) == {integer(12)}


def test_a_higher_confidence_decides_when_the_extractor_gives_one(corpus):
    a = corpus.document("a", "2030-10-10", publisher=OTHER)
    b = corpus.document("b", "2030-10-10", publisher=OTHER)
    dates(a), dates(b)
    a.says(SCCON.editionNumber, integer(13), confidence=Literal(0.7, datatype=XSD.decimal))
    b.says(SCCON.editionNumber, integer(12), confidence=Literal(0.95, datatype=XSD.decimal))
    r = claims.resolve(corpus.ds, IRIS)
    assert only_decision(r).rule == "confidence"
    assert published_values(r, corpus.ds, SCCON.editionNumber) == {integer(12)}


def test_a_tie_publishes_no_value_keeps_both_claims_and_is_reported(corpus):
    a = corpus.document("a", "2030-10-10", publisher=OTHER)
    b = corpus.document("b", "2030-10-10", publisher=OTHER)
    dates(a), dates(b)
    country_a, country_b = IRIS.entity("place", "land-a"), IRIS.entity("place", "land-b")
    sa = a.says(SCCON.partnerCountry, country_a)
    sb = b.says(SCCON.partnerCountry, country_b)
    r = claims.resolve(corpus.ds, IRIS)
    d = only_decision(r)
    assert d.winner is None and d.rule == "tie"
    assert published_values(r, corpus.ds, SCCON.partnerCountry) == set()
    assert rank_of(r, sa) == rank_of(r, sb) == "NormalRank"
    competes = {(s, o) for s, p, o, _ in r.rank_quads if p == SCCON.competesWith}
    assert competes == {(sa, sb), (sb, sa)}
    summary = r.summary()
    assert summary["ties"] == 1 and summary["decisions"][0]["published"] == []
    assert "tie: none published" in r.lines()[0]


def test_agreeing_documents_make_no_conflict_and_every_statement_is_ranked_normal(corpus):
    a = corpus.document("a", "2030-10-10", publisher=OTHER)
    b = corpus.document("b", "2030-10-11", publisher=ORGANISER)
    statements = [*(doc.says(SCCON.participantCount, integer(15000)) for doc in (a, b))]
    statements.append(a.says(SCHEMA.eventAttendanceMode, SCHEMA.MixedEventAttendanceMode))
    r = claims.resolve(corpus.ds, IRIS)
    assert r.decisions == [] and r.excluded == set()
    assert all(rank_of(r, st) == "NormalRank" for st in statements)
    assert not [q for q in r.rank_quads if q[1] != SCCON.claimRank]


# ---------------------------------------------------------------- places fit together


def test_places_stated_together_or_within_each_other_do_not_compete(corpus):
    a = corpus.document("a", "2030-10-10", publisher=OTHER)
    b = corpus.document("b", "2030-10-11", publisher=OTHER)
    a.says(SCHEMA.location, HALL)
    a.says(SCHEMA.location, FAIR)  # "in hall B on fairground C": one document, both
    b.says(SCHEMA.location, CITY)  # the city around them
    r = claims.resolve(corpus.ds, IRIS)
    assert r.decisions == []
    assert published_values(r, corpus.ds, SCHEMA.location) == {HALL, FAIR, CITY}


def test_two_venues_compete_and_the_city_around_both_stays(corpus):
    a = corpus.document("a", "2030-10-10", publisher=ORGANISER)
    b = corpus.document("b", "2030-10-11", publisher=OTHER)
    c = corpus.document("c", "2030-10-11", publisher=OTHER)
    for doc in (a, b, c):
        dates(doc)
    a.says(SCHEMA.location, HALL)
    b.says(SCHEMA.location, OTHER_HALL)
    city = c.says(SCHEMA.location, CITY)
    r = claims.resolve(corpus.ds, IRIS)
    d = only_decision(r)
    assert d.rule == "organiser" and d.winner.values == (HALL,)
    assert published_values(r, corpus.ds, SCHEMA.location) == {HALL, CITY}
    assert rank_of(r, city) == "PreferredRank"
    assert not [q for q in r.rank_quads if q[0] == city and q[1] == SCCON.competesWith]


# ---------------------------------------------------------------- pure functions, no graph


def _claim(value, doc: str, published=None, organiser=False, expected=False) -> claims.Claim:
    from datetime import date

    src = claims.Source(URIRef(doc), URIRef(doc), None, date.fromisoformat(published) if published else None,
                        organiser, expected)
    return claims.Claim(EDITION, SCCON.participantCount, value, src)


def test_decide_applies_the_rules_in_the_documented_order():
    from datetime import date

    assert [r.name for r in claims.RULES] == [
        "after-event", "organiser", "later-announcement", "more-documents", "confidence"]
    ctx = claims.Context(date(2030, 10, 3), is_date=False)
    options = claims.options_of([
        _claim(integer(1), "x:a", "2030-10-04"),  # after, third party
        _claim(integer(2), "x:b", "2030-09-01", organiser=True),  # before, organiser
        _claim(integer(2), "x:c", "2030-09-02", organiser=True),
    ])
    winner, rule = claims.decide(options, ctx)
    assert (winner.values, rule) == ((integer(1),), "after-event")
    no_dates = claims.Context(None, is_date=False)  # nobody says when it ends: "after" cannot be known
    winner, rule = claims.decide(options, no_dates)
    assert (winner.values, rule) == ((integer(2),), "organiser")


# ---------------------------------------------------------------- the ranked graph is valid


def test_ranked_document_graphs_conform_to_the_shapes(corpus):
    from sccon_ld import validate

    a = corpus.document("a", "2030-06-01", publisher=ORGANISER)
    b = corpus.document("b", "2030-10-05", publisher=OTHER)
    c = corpus.document("c", "2030-10-05", publisher=OTHER)
    for doc in (a, b, c):
        dates(doc)
        doc.graph.add((doc.iri, SCHEMA.headline, Literal("Überschrift")))
    for org in (ORGANISER, OTHER):
        corpus.ds.graph(IRIS.authority_graph).add((org, RDF.type, SCHEMA.Organization))
        corpus.ds.graph(IRIS.authority_graph).add((org, SCHEMA.name, Literal(str(org)[-8:])))
    corpus.ds.graph(IRIS.authority_graph).add((IRIS.series, SCHEMA.name, Literal("Series")))
    edition_name = Literal("Smart Country Convention 2030")
    for doc in (a, b, c):
        doc.graph.add((EDITION, RDF.type, SCHEMA.Event))
        doc.graph.add((EDITION, SCHEMA.name, edition_name))
    a.says(SCCON.participantCount, integer(20000))
    b.says(SCCON.participantCount, integer(17000))
    c.says(SCCON.participantCount, integer(16000))
    r = claims.resolve(corpus.ds, IRIS)
    assert only_decision(r).rule == "tie"  # two post-event third parties, one document each
    claims.apply_ranks(corpus.ds, r)
    for s, _, _, g in r.rank_quads:  # each rank in the statement's own document graph
        assert str(s).startswith(str(IRIS.document(str(g).rsplit("/", 1)[-1])) + "#fact-")
    result = validate.validate_dataset(corpus.ds)
    problems = [v for v in result.violations if "Statement" in str(v.shape) or "rank" in v.message.lower()
                or "competes" in v.message.lower()]
    assert problems == [], result.text()

"""Synthetic extraction results: what a converted document says, as the extract stage's facts.

The graph generator writes no RDF of its own. It builds the ``DocumentFacts`` the extractor
produces (provisional references such as ``Ref("person", "<Name>")``, each fact with the sentence
it was read from), and the link and emit stages turn them into the document's named graph, with
the same IRIs, provenance statements and fact IRIs as a converted document. Building the facts
directly, instead of extracting them from synthetic text, makes a graph of a million triples a
matter of seconds rather than of hours.

Pools of people and companies grow with the graph, so entities recur across documents as they do
in a real corpus; ministries, publishers, countries, cities and venues come from the authority file.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..extract.facts import TERM, DocumentFacts, Evidence, Ref
from ..iris import SCHEMA, slugify
from ..link.authority import Authority, Entry
from .names import (
    COMPANY_FORMS,
    COMPANY_WORDS,
    CQ7_PERSON,
    FAMILY_NAMES,
    FIRST_YEAR,
    GIVEN_NAMES,
    LAST_YEAR,
    PREFIXES,
    PRESS_TITLES,
    Person,
    german_date,
    host_country,
    ministries,
    places,
    thousands,
)

SERIES = Ref("series", "sccon")
DOCUMENT = Ref("document", "self")
DOC_TYPES = (SCHEMA.NewsArticle, SCHEMA.BlogPosting, SCHEMA.Article)
MODES = (SCHEMA.OfflineEventAttendanceMode, SCHEMA.OfflineEventAttendanceMode, SCHEMA.OnlineEventAttendanceMode,
         SCHEMA.MixedEventAttendanceMode)
CQ7_EVERY = 20  # every 20th document names the data contract's CQ7 person, so cq07 has answers at every size


class _Document:
    """One document's facts as the extractor records them (see ``extract/context.py``)."""

    def __init__(self) -> None:
        self.out = DocumentFacts()
        self.offset = 0

    def say(self, sentence: str) -> Evidence:
        """The evidence of the next sentence of the document's text."""
        evidence = Evidence(sentence, self.offset)
        self.offset += len(sentence) + 1
        return evidence

    def add(self, s: Ref, p: URIRef, o: Ref | Literal | URIRef, e: Evidence | None) -> None:
        self.out.add(s, p, o, e)

    def mention(self, ref: Ref) -> Ref:
        self.add(DOCUMENT, SCHEMA.mentions, ref, None)
        return ref

    def edition(self, year: int) -> Ref:
        ref = self.out.typed(Ref("edition", str(year)), SCHEMA.Event)
        self.add(ref, SCHEMA.superEvent, SERIES, None)
        return self.mention(ref)

    def known(self, kind: str, entry: Entry) -> Ref:
        """An authority entry (organisation or place)."""
        return self.mention(Ref(kind, "@" + entry.slug))

    def organization(self, name: str, e: Evidence) -> Ref:
        """An organisation the authority file does not know, by its name."""
        ref = self.out.typed(Ref("organization", name), SCHEMA.Organization)
        self.add(ref, SCHEMA.name, Literal(name), e)
        return self.mention(ref)

    def person(self, p: Person, e: Evidence | None, title: str = "", affiliation: Ref | None = None) -> Ref:
        ref = self.out.typed(Ref("person", p.name), SCHEMA.Person)
        self.add(ref, SCHEMA.name, Literal(p.name), e)
        self.add(ref, SCHEMA.givenName, Literal(p.given), e)
        self.add(ref, SCHEMA.familyName, Literal(p.family), e)
        if p.prefix:
            self.add(ref, SCHEMA.honorificPrefix, Literal(p.prefix.strip()), e)
        if title:
            self.add(ref, SCHEMA.jobTitle, Literal(title, lang="de"), e)
        if affiliation is not None:
            self.add(ref, SCHEMA.affiliation, affiliation, e)
        return self.mention(ref)


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


class CorpusFacts:
    """Document after document of facts for a graph of about ``n_triples`` triples."""

    def __init__(self, n_triples: int, seed: int, source: Authority):
        self.rng = random.Random(seed)
        self.ministries = [source.get("organization", m.slug) for m in ministries(source)]
        home = host_country(source)
        self.countries = [e for e in places("Country", source) if e.slug != home]
        self.cities = places("City", source)
        self.venues = places("Place", source)
        self.publishers = [e for e in source.of_kind("organization") if e.domains]
        size = max(50, n_triples // 200)
        self.people = [Person(GIVEN_NAMES[i % len(GIVEN_NAMES)], FAMILY_NAMES[(i // len(GIVEN_NAMES)) % len(FAMILY_NAMES)]
                              + ("" if i < len(GIVEN_NAMES) * len(FAMILY_NAMES) else f"-{GIVEN_NAMES[i % 7]}"),
                              PREFIXES[i % len(PREFIXES)]) for i in range(size)]
        self.companies = [f"{COMPANY_WORDS[i % len(COMPANY_WORDS)]} {FAMILY_NAMES[i // len(COMPANY_WORDS) % len(FAMILY_NAMES)]}"
                          f" {COMPANY_FORMS[i % len(COMPANY_FORMS)]}" + (f" {i}" if i >= 1000 else "")
                          for i in range(max(20, size // 4))]
        self.press = self.people[:12]

    def document(self, k: int) -> tuple[str, DocumentFacts]:
        """The slug and the facts of the ``k``-th synthetic document."""
        rng, d = self.rng, _Document()
        slug = f"synth-{k:07d}"
        year = FIRST_YEAR + k % (LAST_YEAR - FIRST_YEAR + 1)
        start = date(year, 10, 1 + year % 20)
        end = start + timedelta(days=2)
        publisher = rng.choice(self.publishers)
        speakers = rng.sample(self.people, 4)
        if k % CQ7_EVERY == 0:
            speakers[0] = Person(*CQ7_PERSON)
        author = rng.choice(self.people)
        companies = rng.sample(self.companies, 3)
        venue = self.venues[year % len(self.venues)]
        country = self.countries[year % len(self.countries)]

        headline = f"Smart Country Convention {year}: Bericht {k}"
        d.out.typed(DOCUMENT, DOC_TYPES[k % len(DOC_TYPES)])
        d.add(DOCUMENT, SCHEMA.inLanguage, Literal("de"), None)
        d.add(DOCUMENT, SCHEMA.headline, Literal(headline), None)
        d.add(DOCUMENT, SCHEMA.name, Literal(headline), None)
        d.add(DOCUMENT, SCHEMA.datePublished, _date(end + timedelta(days=k % 15)), None)
        d.add(DOCUMENT, SCHEMA.url, Literal(f"https://www.{publisher.domains[0]}/presse/{slug}", datatype=XSD.anyURI),
              None)
        d.add(DOCUMENT, SCHEMA.publisher, d.known("organization", publisher), None)
        d.add(DOCUMENT, SCHEMA.author, d.person(author, None), None)
        d.add(DOCUMENT, TERM.sourceFile, Literal(f"{slug}.txt"), None)
        d.add(DOCUMENT, TERM.contentHash, Literal(hashlib.sha256(slug.encode()).hexdigest()), None)
        edition = d.edition(year)
        d.add(DOCUMENT, SCHEMA.about, edition, None)

        e = d.say(f"Die Smart Country Convention {year} fand vom {start.day}. bis {german_date(end)} "
                  f"auf dem Gelände {venue.name} statt.")
        d.add(edition, SCHEMA.startDate, _date(start), e)
        d.add(edition, SCHEMA.endDate, _date(end), e)
        d.add(edition, SCHEMA.location, d.known("place", venue), e)
        d.add(edition, SCHEMA.eventAttendanceMode, MODES[year % len(MODES)], e)
        e = d.say(f"Die SCCON {year} war die {year - FIRST_YEAR + 1}. Ausgabe der Kongressmesse.")
        d.add(edition, TERM.editionNumber, _integer(year - FIRST_YEAR + 1), e)
        counts = {"participantCount": rng.randrange(8_000, 22_000, 100), "exhibitorCount": rng.randrange(150, 520, 10),
                  "speakerCount": rng.randrange(150, 800, 10), "stageCount": rng.randint(3, 8)}
        e = d.say(f"Mit mehr als {thousands(counts['participantCount'])} Teilnehmenden, {counts['exhibitorCount']} "
                  f"Ausstellern und {counts['speakerCount']} Speakern auf {counts['stageCount']} Bühnen endet die "
                  f"Smart Country Convention {year}.")
        for key, value in counts.items():
            d.add(edition, TERM[key], _integer(value), e)
        e = d.say(f"Partnerland der Smart Country Convention {year} war {country.name}.")
        d.add(edition, TERM.partnerCountry, d.known("place", country), e)
        e = d.say(f"Premiumpartner der SCCON {year} war {companies[0]}.")
        partner = d.organization(companies[0], e)
        d.add(edition, SCHEMA.sponsor, partner, e)
        d.add(edition, TERM.premiumPartner, partner, e)

        ministry = rng.choice(self.ministries)
        employers = [*companies, ministry.name]
        e = d.say("Zu den Speakern gehörten " + ", ".join(f"{p.display} ({org})" for p, org in zip(
            speakers, employers, strict=True)) + ".")
        title = "Geschäftsführer" if k % 2 else "Referatsleiterin"
        affiliations = [d.organization(c, e) for c in companies] + [d.known("organization", ministry)]
        people = [d.person(p, e, title, org) for p, org in zip(speakers, affiliations, strict=True)]
        for person in people:
            d.add(edition, SCHEMA.performer, person, e)

        name = f"Panel {k}: Digitale Verwaltung"
        e = d.say(f"Das Panel „{name}“, organisiert von {companies[1]}, eröffnete {speakers[1].display}.")
        part = d.mention(d.out.typed(Ref("part", f"{year}|{name}"), SCHEMA.Event))
        d.add(part, SCHEMA.name, Literal(name), e)
        d.add(part, SCHEMA.superEvent, edition, e)
        d.add(edition, SCHEMA.subEvent, part, e)
        d.add(part, SCHEMA.organizer, affiliations[1], e)
        d.add(part, SCHEMA.performer, people[1], e)

        words = f"Die Verwaltung wird digital, Bericht {k}."
        e = d.say(f"{speakers[0].display}: „{words}“")
        quote = d.out.typed(Ref("quote", "1"), SCHEMA.Quotation)
        d.add(quote, SCHEMA.text, Literal(words, lang="de"), e)
        d.add(quote, SCHEMA.creator, people[0], e)
        d.add(quote, SCHEMA.isPartOf, DOCUMENT, None)
        d.add(quote, SCHEMA.about, edition, e)

        self._contact(d, k, publisher)
        if k % 13 == year - FIRST_YEAR:
            self._award(d, edition, year)
        return slug, d.out

    def _contact(self, d: _Document, k: int, publisher: Entry) -> None:
        """A press contact block: name, title, telephone, e-mail at the publisher's domain."""
        who = self.press[k % len(self.press)]
        title = PRESS_TITLES[k % len(PRESS_TITLES)]
        phone = f"+49 30 27576-{100 + k % 12}"
        mail = f"{who.given[0].lower()}.{slugify(who.family)}@{publisher.domains[0]}"
        e = d.say(f"Kontakt {who.name} {title} Telefon: {phone} E-Mail: {mail}")
        person = d.person(Person(who.given, who.family), e, title)
        contact = d.mention(d.out.typed(Ref("contact", who.name), SCHEMA.ContactPoint))
        org = d.known("organization", publisher)
        d.add(contact, SCHEMA.contactType, Literal("Pressekontakt", lang="de"), e)
        d.add(contact, SCHEMA.telephone, Literal(phone), e)
        d.add(contact, SCHEMA.email, Literal(mail), e)
        d.add(person, SCHEMA.contactPoint, contact, e)
        d.add(person, SCHEMA.worksFor, org, e)
        d.add(org, SCHEMA.contactPoint, contact, e)

    def _award(self, d: _Document, edition: Ref, year: int) -> None:
        """The Smart City Index Award of the edition: three cities ranked."""
        name = f"Smart City Index Award {year}"
        winners = self.rng.sample(self.cities, 3)
        e = d.say(f"Auf der SCCON wurde der {name} verliehen: Den ersten Platz belegte {winners[0].name}, "
                  f"gefolgt von {winners[1].name} und {winners[2].name}.")
        award = d.mention(d.out.typed(Ref("award", name), TERM.Award))
        d.add(award, SCHEMA.name, Literal(name), e)
        d.add(award, TERM.presentedAt, edition, e)
        for rank, city in enumerate(winners, start=1):
            placement = d.out.typed(Ref("placement", f"{name}#{rank}"), TERM.Placement)
            d.add(award, TERM.placement, placement, e)
            d.add(placement, TERM.recipient, d.known("place", city), e)
            d.add(placement, TERM.rank, _integer(rank), e)

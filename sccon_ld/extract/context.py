"""The state one document's extraction shares: its sentences, the people found so far, and
which SCCON edition the document is about. Every extractor adds facts through this object,
so entity naming (person, organisation, place, edition) happens in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rdflib import Literal
from rdflib.namespace import XSD

from ..iris import SCHEMA
from ..link.authority import Authority, Entry
from ..read import SourceDocument
from .facts import DocumentFacts, Evidence, Ref
from .people import PersonMention
from .text import Sentence

SERIES = Ref("series", "sccon")


class DocumentNames:
    """The authority file plus the abbreviations a document defines itself ("… GmbH (NKIT)").

    People's affiliations are looked up here, so "Geschäftsführer der NKIT" and
    "VKD-Vorstandsvorsitzender" resolve to the organisation the document introduced. A local
    abbreviation resolves to the full name (a new organisation), never to an authority entry.
    """

    def __init__(self, authority: Authority, abbreviations: dict[str, str]):
        self._authority = authority
        self._abbreviations = abbreviations

    def by_name(self, name: str, kinds: tuple[str, ...] = ("organization", "place")) -> Entry | str | None:
        found = self._authority.by_name(name, kinds)
        if found is None and "organization" in kinds:
            return self._abbreviations.get(name)
        return found

    def __getattr__(self, attr: str):
        return getattr(self._authority, attr)


@dataclass
class Context:
    doc: SourceDocument
    sentences: list[Sentence]
    authority: Authority
    out: DocumentFacts = field(default_factory=DocumentFacts)
    people: dict[int, list[PersonMention]] = field(default_factory=dict)
    main_edition: str | None = None  # a year, UNRESOLVED, or None (not about an edition)
    abbreviations: dict[str, str] = field(default_factory=dict)  # "<ABK>" -> "<Name> GmbH"
    organizations_by_sentence: dict[int, list] = field(default_factory=dict)  # found once, asked often
    foreign: set[int] = field(default_factory=set)  # sentences in a section about another event
    section_years: dict[int, str] = field(default_factory=dict)  # sentence index -> year of its heading
    focus: bool = False  # the document is about SCCON (not merely mentioning it)
    dateline: dt.date | None = None
    published: dt.date | None = None
    # An archive's or wire's month without a day (" date <JJJJ>-<MM>"): the time the text speaks
    # from, never a publication date.
    written_in: dt.date | None = None
    lead: tuple | None = None  # (sentence, date range) the lead gives the edition, see editions.lead_range

    @property
    def reference(self) -> dt.date | None:
        """When the text was written, as far as it says: dateline, publication date, or month."""
        return self.dateline or self.published or self.written_in

    @property
    def names(self) -> DocumentNames:
        return DocumentNames(self.authority, self.abbreviations)

    @property
    def doc_ref(self) -> Ref:
        return Ref("document", "self")

    # -- evidence -------------------------------------------------------------------------
    @staticmethod
    def ev(sentence: Sentence | None) -> Evidence | None:
        return Evidence(sentence.text, sentence.start) if sentence else None

    def mention(self, ref: Ref) -> Ref:
        self.out.add(self.doc_ref, SCHEMA.mentions, ref, None)
        return ref

    # -- entities -------------------------------------------------------------------------
    def edition(self, year: str, sentence: Sentence | None) -> Ref:
        ref = self.out.typed(Ref("edition", str(year)), SCHEMA.Event)
        self.out.add(ref, SCHEMA.superEvent, SERIES, None)
        return self.mention(ref)

    def organization(self, org: Entry | str, sentence: Sentence | None) -> Ref:
        if isinstance(org, str):
            org = self.abbreviations.get(org, org)
            org = self.authority.by_name(org, ("organization",)) or org
        if isinstance(org, Entry):
            return self.mention(Ref("organization", "@" + org.slug))
        ref = self.out.typed(Ref("organization", org), SCHEMA.Organization)
        self.out.add(ref, SCHEMA.name, Literal(org), self.ev(sentence))
        return self.mention(ref)

    def place(self, entry: Entry) -> Ref:
        return self.mention(Ref("place", "@" + entry.slug))

    def person(self, p: PersonMention, sentence: Sentence | None) -> Ref:
        ref = self.out.typed(Ref("person", p.name), SCHEMA.Person)
        e = self.ev(sentence)
        self.out.add(ref, SCHEMA.name, Literal(p.name), e)
        if p.given:
            self.out.add(ref, SCHEMA.givenName, Literal(p.given), e)
        self.out.add(ref, SCHEMA.familyName, Literal(p.family), e)
        if p.honorific:
            self.out.add(ref, SCHEMA.honorificPrefix, Literal(p.honorific), e)
        if p.title:
            self.out.add(ref, SCHEMA.jobTitle, Literal(p.title, lang="de"), e)
        if p.affiliation:
            org = self.organization(p.affiliation, sentence)
            self.out.add(ref, SCHEMA.affiliation, org, e)
        return self.mention(ref)

    def person_by_name(self, name: str) -> Ref | None:
        """A person of this document by full name or by family name alone ("so <Name>")."""
        for mentions in self.people.values():
            for p in mentions:
                if name in (p.name, p.family):
                    return Ref("person", p.name)
        return None

    @staticmethod
    def date(value: dt.date) -> Literal:
        return Literal(value.isoformat(), datatype=XSD.date)

    @staticmethod
    def integer(value: int) -> Literal:
        return Literal(value, datatype=XSD.integer)

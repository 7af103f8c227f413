"""Invented names and German spellings the synthetic generators share.

Nothing here is a fact: people are combinations of common German given and family names,
companies and start-ups are invented. Ministries, countries, cities and venues are not listed
here: they come from the authority file (``data/authority``), so the converter links them as it
does real text.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date

from ..iris import slugify
from ..link import authority
from ..link.authority import Authority, Entry
from ..settings import PROJECT_ROOT


def _cq7_person() -> tuple[str, ...]:
    """The person the competency question CQ7 asks about, read from ``queries/cq07.rq`` (the query
    names the person's IRI), so the synthetic corpus gives that query answers without this module
    naming anyone: ``…/id/person/<given>-<family>`` -> ("<Given>", "<Family>")."""
    text = (PROJECT_ROOT / "queries" / "cq07.rq").read_text(encoding="utf-8")
    slug = re.search(r"/id/person/([a-z0-9-]+)>", text)
    if slug is None:
        raise ValueError("queries/cq07.rq names no person IRI")
    return tuple(part.capitalize() for part in slug.group(1).split("-"))


CQ7_PERSON = _cq7_person()
GIVEN_NAMES = (
    "Anna", "Lena", "Marie", "Sophie", "Julia", "Katrin", "Sabine", "Petra", "Miriam", "Jana",
    "Claudia", "Franziska", "Heike", "Ines", "Nadine", "Aylin", "Elif", "Olga", "Birgit", "Yvonne",
    "Lukas", "Jonas", "Felix", "Tobias", "Stefan", "Markus", "Thomas", "Andreas", "Michael", "Jan",
    "Matthias", "Florian", "Sebastian", "Kai", "Deniz", "Mehmet", "Piotr", "Ralf", "Uwe", "Henrik",
)
FAMILY_NAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier",
    "Lehmann", "Köhler", "Herrmann", "König", "Walter", "Kaiser", "Fuchs", "Peters", "Lang",
    "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Vogel", "Friedrich", "Keller", "Günther", "Frank",
    "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster",
    "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher", "Krämer", "Vogt", "Stein",
)
PREFIXES = ("", "", "", "", "Dr. ", "Prof. Dr. ")
COMPANY_WORDS = (
    "Digital", "Data", "Cloud", "Verwaltung", "Kommunal", "GovTech", "Civic", "Netz", "Portal", "Register",
    "Stadt", "Bürger", "Service", "Plattform", "Sicherheit", "Infrastruktur",
)
COMPANY_FORMS = ("GmbH", "AG", "Labs", "Systems", "Solutions", "eG")
STARTUP_WORDS = ("Formular", "Amt", "Akte", "Antrag", "Termin", "Bürger", "Kiez", "Park", "Rat", "Wahl")
PRESS_TITLES = ("Pressesprecherin", "Pressesprecher", "Referentin Presse & Events", "Referent Presse & Events",
                "PR & Partnership Managerin", "Leiter Unternehmenskommunikation")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
NUMBERS = ("null", "eine", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn")
FIRST_YEAR, LAST_YEAR = 2018, 2030
STYLES = ("press", "markdown", "html", "blog")


@dataclass(frozen=True)
class Org:
    slug: str
    name: str
    abbreviation: str
    type: str


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    prefix: str = ""

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def display(self) -> str:
        return f"{self.prefix}{self.name}"

    @property
    def slug(self) -> str:
        return slugify(self.name)


def ministries(source: Authority | None = None) -> list[Org]:
    """The federal ministries of the authority file that have an abbreviation ("(BMI)" in a text)."""
    source = source or authority.default()
    return [Org(e.slug, e.name, e.alternate_names[0], e.type) for e in source.of_kind("organization")
            if e.name.startswith("Bundesministerium") and e.alternate_names]


def places(kind: str, source: Authority | None = None) -> list[Entry]:
    """The authority file's places of one schema.org type (City, Country, Place, ...)."""
    return [e for e in (source or authority.default()).of_kind("place") if e.type == kind]


def host_country(source: Authority | None = None) -> str:
    """The slug of the country the venues lie in (a partner country is another one)."""
    source = source or authority.default()
    entry = places("Place", source)[0]
    while entry.parent and source.get("place", entry.parent):
        entry = source.get("place", entry.parent)
    return entry.slug


def person(rng: random.Random) -> Person:
    return Person(rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES), rng.choice(PREFIXES))


def people(rng: random.Random, n: int) -> list[Person]:
    """``n`` different people."""
    out: dict[str, Person] = {}
    while len(out) < n:
        p = person(rng)
        out.setdefault(p.name, p)
    return list(out.values())


def german_date(d: date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")

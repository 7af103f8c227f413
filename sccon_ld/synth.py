"""Synthetic, seeded input for benchmarks and scale tests: German documents and contract-shaped graphs.

Nothing here is a fact: people are combinations of common German given and family names, counts
are random, companies are invented. Ministries, countries and cities come from the authority file
(``data/authority``) so the converter links them as it does real text. The same ``(n, seed)``
always gives the same bytes, so benchmark runs are comparable.

    sccon-ld synth docs 1000 --seed 1 --out /tmp/docs
    sccon-ld synth graph 1000000 --seed 1 --out /tmp/graph.nq
"""

from __future__ import annotations

import argparse
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .iris import IRIs, slugify

CQ7_PERSON = ("Nancy", "Faeser")  # the person named by the data contract's CQ7, not a document fact
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
ORDINALS = ("ersten", "zweiten", "dritten")
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


def _authority():
    from .link import authority

    return authority.default()


def _ministries() -> list[Org]:
    return [Org(e.slug, e.name, e.alternate_names[0], e.type) for e in _authority().of_kind("organization")
            if e.name.startswith("Bundesministerium") and e.alternate_names]


def _places(kind: str) -> list[str]:
    return [e.name for e in _authority().of_kind("place") if e.type == kind]


def _person(rng: random.Random) -> Person:
    return Person(rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES), rng.choice(PREFIXES))


def _people(rng: random.Random, n: int) -> list[Person]:
    out: dict[str, Person] = {}
    while len(out) < n:
        p = _person(rng)
        out.setdefault(p.name, p)
    return list(out.values())


def _german_date(d: date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# ----------------------------------------------------------------------------------- documents


@dataclass
class _Edition:
    """What one synthetic document says about one edition."""

    year: int
    start: date
    participants: int
    exhibitors: int
    speakers: int
    stages: int
    mode: str  # "vor Ort" | "digital" | "hybrid"
    partner_country: str
    speakers_named: list[tuple[Person, Org]]
    quote_by: tuple[Person, str]
    index_winners: list[str]
    startups: list[tuple[str, str]]
    contacts: list[tuple[Person, str, str, str]]

    @property
    def end(self) -> date:
        return self.start + timedelta(days=2)

    @property
    def number(self) -> int:
        return self.year - FIRST_YEAR + 1

    @property
    def span(self) -> str:
        if self.start.month == self.end.month:
            return f"{self.start.day}. bis {self.end.day}. {MONTHS[self.end.month - 1]} {self.year}"
        return f"{self.start.day}. {MONTHS[self.start.month - 1]} bis {_german_date(self.end)}"


def _edition(rng: random.Random, ministries: list[Org], countries: list[str], cities: list[str]) -> _Edition:
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    start = date(year, rng.choice((9, 10, 11)), rng.randint(1, 26))
    people = _people(rng, 6)
    startup_cities = rng.sample(cities, 2)
    return _Edition(
        year=year,
        start=start,
        participants=rng.randrange(8_000, 22_000, 100),
        exhibitors=rng.randrange(150, 520, 10),
        speakers=rng.randrange(150, 800, 10),
        stages=rng.randint(3, 8),
        mode=rng.choice(("vor Ort", "vor Ort", "vor Ort", "digital", "hybrid")),
        partner_country=rng.choice(countries),
        speakers_named=[(p, rng.choice(ministries)) for p in people[:3]],
        quote_by=(people[3], rng.choice(("Bitkom-Präsidentin", "Bitkom-Präsident", "Geschäftsführer der Messe Berlin",
                                         "Geschäftsführerin der Messe Berlin"))),
        index_winners=rng.sample(cities, 3),
        startups=[(f"{rng.choice(STARTUP_WORDS)}{rng.choice(('werk', 'los', 'lotse', 'box'))} AI", c)
                  for c in startup_cities],
        contacts=[(p, rng.choice(PRESS_TITLES), f"+49 30 27576-{rng.randint(100, 399)}",
                   f"{p.given[0].lower()}.{slugify(p.family)}@bitkom.org") for p in people[4:6]],
    )


def _mode_sentence(ed: _Edition) -> str:
    if ed.mode == "digital":
        return "Die Smart Country Convention fand in diesem Jahr rein digital statt, alle Bühnen wurden gestreamt."
    if ed.mode == "hybrid":
        return "Die Veranstaltung fand hybrid statt: vor Ort auf dem Berliner Messegelände und im Livestream."
    return "Die Smart Country Convention fand auf dem Berliner Messegelände statt."


def _body_paragraphs(ed: _Edition) -> list[str]:
    named = ", ".join(f"{p.display} ({org.abbreviation})" for p, org in ed.speakers_named[:-1])
    last_p, last_org = ed.speakers_named[-1]
    quote_p, quote_role = ed.quote_by
    w1, w2, w3 = ed.index_winners
    (s1, c1), (s2, c2) = ed.startups
    stages = NUMBERS[ed.stages] if ed.stages < len(NUMBERS) else str(ed.stages)
    return [
        f"Mit mehr als {_thousands(ed.participants)} Teilnehmenden, {ed.exhibitors} Ausstellern und "
        f"{ed.speakers} Speakern auf {stages} Bühnen endet die Smart Country Convention {ed.year}. "
        + _mode_sentence(ed),
        f"Zu den Speakern gehörten {named} und {last_p.display} ({last_org.abbreviation}).",
        f"{quote_p.display}, {quote_role}: „Die Digitalisierung der Verwaltung ist eine Gemeinschaftsaufgabe. "
        f"Die SCCON {ed.year} hat gezeigt, dass die Lösungen längst da sind.“",
        f"Partnerland der Smart Country Convention {ed.year} war {ed.partner_country}.",
        f"Auf der Smart Country Convention wurde zudem der Smart City Index Award {ed.year} verliehen. "
        f"Den ersten Platz belegte dabei {w1}, gefolgt von {w2} und {w3}.",
        f"Mit dem Smart Country Startup Award {ed.year} wurden {s1} aus {c1} und {s2} aus {c2} ausgezeichnet.",
    ]


def _contact_block(ed: _Edition) -> str:
    lines = ["Kontakt", ""]
    for person, title, phone, mail in ed.contacts:
        lines += [person.name, "", title, "", f"Telefon: {phone}", "", f"E-Mail: {mail}", ""]
    return "\n".join(lines)


def _press_release(ed: _Edition, published: date) -> str:
    paragraphs = _body_paragraphs(ed)
    return "\n\n".join([
        "",
        f"[Smart Country Convention {ed.year}: Verwaltung wird digital](#)",
        f"- **Mehr als {_thousands(ed.participants)} Teilnehmende, {ed.exhibitors} Aussteller und "
        f"{ed.speakers} Speaker**\n- **Partnerland {ed.partner_country}**",
        f"Berlin, {_german_date(published)} - " + paragraphs[0],
        *paragraphs[1:],
        f"Die Smart Country Convention {ed.year} fand vom {ed.span} statt.",
        _contact_block(ed),
        "Link zur Presseinformation auf der Webseite:",
        f"<https://www.bitkom.org/Presse/Presseinformation/SCCON-{ed.year}-{published.isoformat()}>",
    ]) + "\n"


def _markdown(ed: _Edition, published: date, author: Person) -> str:
    paragraphs = _body_paragraphs(ed)
    return "\n".join([
        "---",
        f'title: "Unser Rückblick auf die Smart Country Convention {ed.year}"',
        f"date: {published.isoformat()}",
        f"author: {author.name}",
        "tags:\n  - SCCON\n  - Digitalisierung",
        f'description: "Drei Tage Smart Country Convention {ed.year} in Berlin."',
        "---",
        "",
        f"Die Smart Country Convention (SCCON) fand vom {ed.span} in Berlin statt – und wir waren dabei! "
        + paragraphs[0],
        "",
        "## Auf den Bühnen",
        "",
        *(p + "\n" for p in paragraphs[1:3]),
        "## Partnerland und Preise",
        "",
        *(p + "\n" for p in paragraphs[3:]),
        f"*Text: {author.name}*",
    ]) + "\n"


def _html(ed: _Edition, published: date, author: Person) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in _body_paragraphs(ed))
    title = f"SCCON {ed.year}: Rückblick"
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>{title} | Aktuelles</title>
<meta name="description" content="Bericht von der Smart Country Convention {ed.year} in Berlin.">
<meta name="author" content="{author.name}">
</head>
<body>
<nav><ul><li><a href="/">Startseite</a></li><li><a href="/aktuelles/">Aktuelles</a></li></ul></nav>
<main>
<h1>{title}</h1>
<p class="news-meta">Veröffentlicht am <time datetime="{published.isoformat()}">{_german_date(published)}</time>
von {author.name}</p>
<p><strong>Vom {ed.span} fand die Smart Country Convention statt.</strong></p>
{paragraphs}
</main>
<footer><p>© {published.year} Beispiel-Kommunal-IT GmbH</p></footer>
</body>
</html>
"""


def _blog(ed: _Edition) -> str:
    paragraphs = _body_paragraphs(ed)
    return "\n".join([
        f"Drei Tage, {_thousands(ed.participants)} Menschen: unser Team war auf der Smart Country Convention "
        f"{ed.year} in Berlin unterwegs.",
        "Die Mischung aus Konferenz und Messe wird jährlich vom Bitkom e.V. und der Messe Berlin veranstaltet.",
        *paragraphs[1:4],
        "Mit vielen neuen Impulsen ging es dann mit dem Zug zurück nach Hause.",
    ]) + "\n"


def synth_documents(n: int, seed: int, out: Path) -> list[Path]:
    """Write ``n`` German documents (four styles, editions 2018-2030) into ``out``; their paths, sorted."""
    rng = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    ministries = _ministries()
    countries = [c for c in _places("Country") if c != "Deutschland"]
    cities = _places("City")
    paths = []
    for i in range(n):
        ed = _edition(rng, ministries, countries, cities)
        published = ed.end + timedelta(days=rng.randint(0, 20))
        style = STYLES[i % len(STYLES)]
        if style == "press":
            text, suffix = _press_release(ed, published), "txt"
        elif style == "markdown":
            text, suffix = _markdown(ed, published, _person(rng)), "md"
        elif style == "html":
            text, suffix = _html(ed, published, _person(rng)), "html"
        else:
            text, suffix = _blog(ed), "txt"
        path = out / f"synth_{i:06d}_{style}_{ed.year}.{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return sorted(paths)


# ----------------------------------------------------------------------------------- graphs

SCHEMA = "https://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
MODES = ("OfflineEventAttendanceMode", "OfflineEventAttendanceMode", "OnlineEventAttendanceMode",
         "MixedEventAttendanceMode")
DOC_TYPES = ("NewsArticle", "BlogPosting", "Article")


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


class _GraphWriter:
    """Builds N-Quad lines for one named graph at a time; terms are pre-formatted strings."""

    def __init__(self, iris: IRIs):
        self.iris = iris
        self.base = iris.base
        self.onto = iris.base + "ontology#"
        self.lines: list[str] = []
        self.graph = ""

    def start(self, graph_slug: str) -> None:
        self.graph = f"<{self.base}graph/{graph_slug}>"

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} {self.graph} .\n")

    def iri(self, kind: str, slug: str) -> str:
        return f"<{self.base}id/{kind}/{slug}>"

    def schema(self, name: str) -> str:
        return f"<{SCHEMA}{name}>"

    def sccon(self, name: str) -> str:
        return f"<{self.onto}{name}>"

    def take(self) -> list[str]:
        """The lines so far, each once (a person can be both speaker and press contact)."""
        lines, self.lines = list(dict.fromkeys(self.lines)), []
        return lines


def _authority_lines(w: _GraphWriter, ministries: list[Org]) -> list[str]:
    a, name = f"<{RDF}type>", w.schema("name")
    w.start("authority")
    series = w.iri("event", "sccon")
    w.add(series, a, w.schema("EventSeries"))
    w.add(series, name, _lit("Smart Country Convention"))
    w.add(series, w.schema("alternateName"), _lit("SCCON"))
    w.add(series, w.schema("url"), _typed("https://www.smartcountry.berlin/", "anyURI"))
    for org in (Org("bitkom", "Bitkom e.V.", "Bitkom", "NGO"), Org("messe-berlin", "Messe Berlin GmbH", "", "Corporation")):
        w.add(series, w.schema("organizer"), w.iri("organization", org.slug))
    for org in [Org("bitkom", "Bitkom e.V.", "Bitkom", "NGO"), Org("messe-berlin", "Messe Berlin GmbH", "", "Corporation"),
                Org("bitkom-servicegesellschaft", "Bitkom Servicegesellschaft mbH", "", "Corporation"), *ministries]:
        node = w.iri("organization", org.slug)
        w.add(node, a, w.schema(org.type))
        w.add(node, name, _lit(org.name))
        if org.abbreviation:
            w.add(node, w.schema("alternateName"), _lit(org.abbreviation))
    w.add(w.iri("organization", "bitkom-servicegesellschaft"), w.schema("parentOrganization"),
          w.iri("organization", "bitkom"))
    for entry in _authority().of_kind("place"):
        node = w.iri("place", entry.slug)
        w.add(node, a, w.schema(entry.type))
        w.add(node, name, _lit(entry.name))
        if entry.parent:
            w.add(node, w.schema("containedInPlace"), w.iri("place", entry.parent))
        if entry.wikidata:
            w.add(node, w.schema("sameAs"), f"<http://www.wikidata.org/entity/{entry.wikidata}>")
    return w.take()


class _GraphSynth:
    """Document blocks in the contract's shape; pools grow with the graph so entities recur realistically."""

    def __init__(self, n_triples: int, seed: int, iris: IRIs):
        self.rng = random.Random(seed)
        self.w = _GraphWriter(iris)
        self.ministries = _ministries()
        self.countries = [e.slug for e in _authority().of_kind("place") if e.type == "Country" and e.slug != "deutschland"]
        self.cities = [e.slug for e in _authority().of_kind("place") if e.type == "City"]
        size = max(50, n_triples // 200)
        self.people = [Person(GIVEN_NAMES[i % len(GIVEN_NAMES)], FAMILY_NAMES[(i // len(GIVEN_NAMES)) % len(FAMILY_NAMES)]
                              + ("" if i < len(GIVEN_NAMES) * len(FAMILY_NAMES) else f"-{GIVEN_NAMES[i % 7]}"),
                              PREFIXES[i % len(PREFIXES)]) for i in range(size)]
        self.companies = [f"{COMPANY_WORDS[i % len(COMPANY_WORDS)]} {FAMILY_NAMES[i // len(COMPANY_WORDS) % len(FAMILY_NAMES)]}"
                          f" {COMPANY_FORMS[i % len(COMPANY_FORMS)]}" + (f" {i}" if i >= 1000 else "")
                          for i in range(max(20, size // 4))]
        self.press = self.people[:12]
        # MODEL.md's competency question 7 asks for the documents mentioning this person (queries/cq07.rq),
        # so every 20th synthetic document names her: the query then has answers to time at every size.
        self.cq7_person = Person(*CQ7_PERSON)

    def authority(self) -> list[str]:
        return _authority_lines(self.w, self.ministries)

    def document(self, k: int) -> list[str]:
        w, rng = self.w, self.rng
        a, name = f"<{RDF}type>", w.schema("name")
        year = FIRST_YEAR + k % (LAST_YEAR - FIRST_YEAR + 1)
        slug = f"synth-{k:07d}"
        w.start(slug)
        doc, edition = w.iri("document", slug), w.iri("event", f"sccon-{year}")
        start = date(year, 10, 1 + year % 20)
        published = start + timedelta(days=2 + k % 15)
        publisher = rng.choice(("bitkom", "messe-berlin", *(m.slug for m in self.ministries[:5])))
        speakers = rng.sample(self.people, 4)
        if k % 20 == 0:
            speakers[0] = self.cq7_person
        author = rng.choice(self.people)
        company_names = rng.sample(self.companies, 3)
        companies = [w.iri("organization", slugify(c)) for c in company_names]
        mentions = [edition, *(w.iri("person", p.slug) for p in speakers), *companies]
        w.add(doc, a, w.schema(DOC_TYPES[k % 3]))
        w.add(doc, w.schema("headline"), _lit(f"Smart Country Convention {year}: Bericht {k}"))
        w.add(doc, w.schema("inLanguage"), _lit("de"))
        w.add(doc, w.schema("datePublished"), _typed(published.isoformat(), "date"))
        w.add(doc, w.schema("publisher"), w.iri("organization", publisher))
        w.add(doc, w.schema("author"), w.iri("person", author.slug))
        w.add(doc, w.schema("about"), edition)
        w.add(doc, w.schema("url"), _typed(f"https://example.org/presse/{slug}", "anyURI"))
        w.add(doc, w.sccon("sourceFile"), _lit(f"{slug}.txt"))
        w.add(doc, w.sccon("contentHash"), _lit(hashlib.sha256(slug.encode()).hexdigest()))
        for m in mentions:
            w.add(doc, w.schema("mentions"), m)
        counts = {"participantCount": rng.randrange(8_000, 22_000, 100), "exhibitorCount": rng.randrange(150, 520, 10),
                  "speakerCount": rng.randrange(150, 800, 10), "stageCount": rng.randint(3, 8)}
        w.add(edition, a, w.schema("Event"))
        w.add(edition, name, _lit(f"Smart Country Convention {year}"))
        w.add(edition, w.schema("superEvent"), w.iri("event", "sccon"))
        w.add(edition, w.schema("startDate"), _typed(start.isoformat(), "date"))
        w.add(edition, w.schema("endDate"), _typed((start + timedelta(days=2)).isoformat(), "date"))
        w.add(edition, w.schema("location"), w.iri("place", "berlin"))
        w.add(edition, w.schema("eventAttendanceMode"), w.schema(MODES[year % len(MODES)]))
        w.add(edition, w.sccon("editionNumber"), _typed(year - FIRST_YEAR + 1, "integer"))
        w.add(edition, w.sccon("partnerCountry"), w.iri("place", self.countries[year % len(self.countries)]))
        for key, value in counts.items():
            w.add(edition, w.sccon(key), _typed(value, "integer"))
        w.add(edition, w.schema("sponsor"), companies[0])
        w.add(edition, w.sccon("premiumPartner"), companies[0])
        for p in speakers:
            w.add(edition, w.schema("performer"), w.iri("person", p.slug))
        for person, org in zip(speakers, [*companies, w.iri("organization", rng.choice(self.ministries).slug)],
                               strict=False):
            node = w.iri("person", person.slug)
            w.add(node, a, w.schema("Person"))
            w.add(node, name, _lit(person.name))
            w.add(node, w.schema("givenName"), _lit(person.given))
            w.add(node, w.schema("familyName"), _lit(person.family))
            if person.prefix:
                w.add(node, w.schema("honorificPrefix"), _lit(person.prefix.strip()))
            w.add(node, w.schema("jobTitle"), _lit("Geschäftsführer" if k % 2 else "Referatsleiterin") + "@de")
            w.add(node, w.schema("worksFor"), org)
        for c_name, node in zip(company_names, companies, strict=True):
            w.add(node, a, w.schema("Corporation"))
            w.add(node, name, _lit(c_name))
        part = w.iri("event", f"sccon-{year}-{slug}-panel")
        w.add(edition, w.schema("subEvent"), part)
        w.add(part, a, w.schema("Event"))
        w.add(part, name, _lit(f"Panel {k}: Digitale Verwaltung"))
        w.add(part, w.schema("superEvent"), edition)
        w.add(part, w.schema("organizer"), companies[1])
        w.add(part, w.schema("performer"), w.iri("person", speakers[1].slug))
        quote = w.iri("quote", f"{slug}-1")
        w.add(quote, a, w.schema("Quotation"))
        w.add(quote, w.schema("text"), _lit(f"Die Verwaltung wird digital, Bericht {k}.") + "@de")
        w.add(quote, w.schema("creator"), w.iri("person", speakers[0].slug))
        w.add(quote, w.schema("isPartOf"), doc)
        w.add(quote, w.schema("about"), edition)
        self._contact(doc, k)
        if k % 13 == year - FIRST_YEAR:
            self._award(doc, edition, year)
        for i, (key, value) in enumerate(counts.items()):
            self._provenance(doc, k, i, edition, w.sccon(key), _typed(value, "integer"),
                             f"Die SCCON {year} zählte {value} ({key}).")
        return w.take()

    def _contact(self, doc: str, k: int) -> None:
        w = self.w
        person = self.press[k % len(self.press)]
        org = ("bitkom", "bitkom-servicegesellschaft", "messe-berlin")[k % 3]
        contact, node = w.iri("contact", person.slug), w.iri("person", person.slug)
        w.add(contact, f"<{RDF}type>", w.schema("ContactPoint"))
        w.add(contact, w.schema("telephone"), _lit(f"+49 30 27576-{100 + k % 12}"))
        w.add(contact, w.schema("email"), _lit(f"{person.given[0].lower()}.{slugify(person.family)}@bitkom.org"))
        w.add(contact, w.schema("contactType"), _lit("Pressekontakt") + "@de")
        w.add(node, f"<{RDF}type>", w.schema("Person"))
        w.add(node, w.schema("name"), _lit(person.name))
        w.add(node, w.schema("contactPoint"), contact)
        w.add(w.iri("organization", org), w.schema("contactPoint"), contact)
        w.add(doc, w.schema("mentions"), node)

    def _award(self, doc: str, edition: str, year: int) -> None:
        w = self.w
        award = w.iri("award", f"smart-city-index-award-{year}")
        w.add(award, f"<{RDF}type>", w.sccon("Award"))
        w.add(award, w.schema("name"), _lit(f"Smart City Index Award {year}"))
        w.add(award, w.sccon("presentedAt"), edition)
        for rank, city in enumerate(self.rng.sample(self.cities, 3), start=1):
            placement = f"<{award[1:-1]}#placement-{rank}>"
            w.add(award, w.sccon("placement"), placement)
            w.add(placement, f"<{RDF}type>", w.sccon("Placement"))
            w.add(placement, w.sccon("rank"), _typed(rank, "integer"))
            w.add(placement, w.sccon("recipient"), w.iri("place", city))
        w.add(doc, w.schema("mentions"), award)

    def _provenance(self, doc: str, k: int, i: int, s: str, p: str, o: str, sentence: str) -> None:
        w = self.w
        fact = f"<{doc[1:-1]}#fact-{hashlib.sha1(f'{k}-{i}'.encode()).hexdigest()[:12]}>"
        w.add(fact, f"<{RDF}type>", f"<{RDF}Statement>")
        w.add(fact, f"<{RDF}subject>", s)
        w.add(fact, f"<{RDF}predicate>", p)
        w.add(fact, f"<{RDF}object>", o)
        w.add(fact, f"<{PROV}wasDerivedFrom>", doc)
        w.add(fact, w.sccon("sourceSentence"), _lit(sentence) + "@de")
        w.add(fact, w.sccon("sourceOffset"), _typed(40 * i, "integer"))


def graph_lines(n_triples: int, seed: int, iris: IRIs | None = None) -> Iterator[str]:
    """Exactly ``n_triples`` N-Quad lines (unique, not sorted): the authority graph, then documents."""
    synth = _GraphSynth(n_triples, seed, iris or IRIs())
    remaining = n_triples
    block = synth.authority()
    k = 0
    while remaining > 0:
        chunk = block[:remaining]
        yield from chunk
        remaining -= len(chunk)
        block = synth.document(k)
        k += 1


def synth_graph(n_triples: int, seed: int, out: Path) -> Path:
    """Write ``n_triples`` N-Quads in the contract's shape to ``out`` (streamed, flat memory)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
        for line in graph_lines(n_triples, seed):
            f.write(line)
    return out


# ----------------------------------------------------------------------------------- command line


def _cmd_synth(args: argparse.Namespace) -> int:
    if args.what == "docs":
        paths = synth_documents(args.n, args.seed, Path(args.out))
        print(f"{len(paths)} documents -> {args.out}")
    else:
        synth_graph(args.n, args.seed, Path(args.out))
        print(f"{args.n} quads -> {args.out}")
    return 0


def add_parser(subparsers) -> None:
    """Register ``sccon-ld synth {docs,graph} N --seed S --out PATH``."""
    p = subparsers.add_parser("synth", help="write synthetic documents or a synthetic graph (benchmarks)")
    p.add_argument("what", choices=("docs", "graph"), help="docs: German documents; graph: N-Quads")
    p.add_argument("n", type=int, help="number of documents, or of quads")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True, help="folder (docs) or .nq file (graph)")
    p.set_defaults(func=_cmd_synth)

"""Synthetic German documents in the four styles the converter reads (press release, Markdown
with front matter, HTML page, blog text), one edition each.

The same ``(n, seed)`` always gives the same bytes, so benchmark runs are comparable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..iris import slugify
from . import names
from .names import (
    FIRST_YEAR,
    LAST_YEAR,
    MONTHS,
    NUMBERS,
    PRESS_TITLES,
    STARTUP_WORDS,
    STYLES,
    Org,
    Person,
    german_date,
    thousands,
)


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
        return f"{self.start.day}. {MONTHS[self.start.month - 1]} bis {german_date(self.end)}"


def _edition(rng: random.Random, ministries: list[Org], countries: list[str], cities: list[str]) -> _Edition:
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    start = date(year, rng.choice((9, 10, 11)), rng.randint(1, 26))
    people = names.people(rng, 6)
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
        f"Mit mehr als {thousands(ed.participants)} Teilnehmenden, {ed.exhibitors} Ausstellern und "
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
        f"- **Mehr als {thousands(ed.participants)} Teilnehmende, {ed.exhibitors} Aussteller und "
        f"{ed.speakers} Speaker**\n- **Partnerland {ed.partner_country}**",
        f"Berlin, {german_date(published)} - " + paragraphs[0],
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
<p class="news-meta">Veröffentlicht am <time datetime="{published.isoformat()}">{german_date(published)}</time>
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
        f"Drei Tage, {thousands(ed.participants)} Menschen: unser Team war auf der Smart Country Convention "
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
    ministries = names.ministries()
    home = names.host_country()
    countries = [e.name for e in names.places("Country") if e.slug != home]
    cities = [e.name for e in names.places("City")]
    paths = []
    for i in range(n):
        ed = _edition(rng, ministries, countries, cities)
        published = ed.end + timedelta(days=rng.randint(0, 20))
        style = STYLES[i % len(STYLES)]
        if style == "press":
            text, suffix = _press_release(ed, published), "txt"
        elif style == "markdown":
            text, suffix = _markdown(ed, published, names.person(rng)), "md"
        elif style == "html":
            text, suffix = _html(ed, published, names.person(rng)), "html"
        else:
            text, suffix = _blog(ed), "txt"
        path = out / f"synth_{i:06d}_{style}_{ed.year}.{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return sorted(paths)

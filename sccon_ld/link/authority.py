"""The authority file (``data/authority/*.yaml``): curated series, organisations and places.

It answers two questions: "is this surface form a known organisation or place?" (the gazetteer
the extractors use) and "what do we know about it?" (the triples of ``graph/authority``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from ..iris import slugify

PLACE_TYPES = {"countries": "Country", "states": "State", "cities": "City", "venues": "Place"}
# Common German words that are also place names: matched only after a locative preposition.
AMBIGUOUS_PLACES = {"Essen", "Halle", "Kiel", "Island", "Polen", "Brandenburg"}


@dataclass(frozen=True)
class Entry:
    kind: str  # "organization" | "place" | "series"
    slug: str
    type: str  # schema.org class local name
    name: str
    alternate_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    url: str | None = None
    domains: tuple[str, ...] = ()
    parent: str | None = None  # organisation slug / containing place slug
    wikidata: str | None = None
    organizers: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.alternate_names, *self.aliases)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entry: Entry
    surface: str


@dataclass
class Authority:
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    # Names of large places worldwide (gazetteer/places.txt, generated from GeoNames): not linked,
    # only evidence that a capitalised word is a place, not a person's name.
    gazetteer: frozenset[str] = frozenset()
    # German common nouns (lexicon/german-nouns.txt, generated from Wiktionary): a word of this list
    # after a role noun names a field ("Bereichsleiter Daten"), not a person.
    common_nouns: frozenset[str] = frozenset()

    def is_place_name(self, word: str) -> bool:
        return word in self.gazetteer or self.by_name(word, ("place",)) is not None

    def is_common_noun(self, word: str) -> bool:
        return word in self.common_nouns

    def named(self, name: str, kinds: tuple[str, ...] = ("organization", "place")) -> Entry | None:
        """The entity ``name`` names exactly, also where the bare word is ambiguous ("Brandenburg" after
        "des Landes"): for callers that already know the word names an entity of ``kinds``."""
        entry = self._forms.get(name) if self._pattern else None
        return entry if entry is not None and entry.kind in kinds else None

    def get(self, kind: str, slug: str) -> Entry | None:
        return self.entries.get((kind, slug))

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for (k, _), e in sorted(self.entries.items()) if k == kind]

    @property
    def _pattern(self) -> re.Pattern[str]:
        if not hasattr(self, "_compiled"):
            forms: dict[str, Entry] = {}
            for e in self.entries.values():
                if e.kind == "series":
                    continue
                for f in e.forms:
                    for variant in _inflected(f):
                        forms.setdefault(variant, e)
            self._forms = forms
            alts = sorted(forms, key=len, reverse=True)
            body = "|".join(re.escape(f) + (r"(?:e?s)?" if _declinable(f.split()[-1]) else "") for f in alts)
            self._compiled = re.compile(r"(?<![\w.])(?:" + body + r")(?![\w])")
        return self._compiled

    def find(self, text: str, kinds: tuple[str, ...] = ("organization", "place")) -> list[Match]:
        """Every authority entity named in ``text`` (longest forms first, no overlaps)."""
        out = []
        for m in self._pattern.finditer(text):
            surface = m.group(0)
            entry = self._forms.get(surface) or self._forms.get(re.sub(r"e?s$", "", surface)) \
                or self._forms.get(surface[:-1])
            if entry is None or entry.kind not in kinds:
                continue
            if entry.name in AMBIGUOUS_PLACES and not re.search(r"\b(?:in|aus|nach|von)\s+$", text[: m.start()]):
                continue
            out.append(Match(m.start(), m.end(), entry, surface))
        return out

    def by_name(self, name: str, kinds: tuple[str, ...] = ("organization", "place")) -> Entry | None:
        """The entity whose whole name (or alias, abbreviation) is exactly ``name``."""
        for m in self.find(name, kinds):
            if m.start == 0 and m.end == len(name):
                return m.entry
        return None

    def by_domain(self, host: str) -> Entry | None:
        host = host.lower().removeprefix("www.")
        for e in self.of_kind("organization"):
            if any(host == d or host.endswith("." + d) for d in e.domains):
                return e
        return None


def _inflected(form: str) -> tuple[str, ...]:
    """The form and its dative/genitive: "Deutscher Landkreistag" -> "Deutschen Landkreistag(es)".

    A leading adjective ("Deutscher", "Niedersächsisches", "Europäische") takes -en; the last noun
    its genitive -s/-es, which the matcher allows for any declinable last word.
    """
    words = form.split()
    m = re.fullmatch(r"([A-ZÄÖÜ][a-zäöüß]*(?:sch|ch|l))(?:er|es|e)", words[0]) if len(words) > 1 else None
    if not m:
        return (form,)
    return (form, " ".join([m.group(1) + "en", *words[1:]]))


def _declinable(form: str) -> bool:
    """Single German words take a genitive -s/-es ("des Bundesverwaltungsamtes")."""
    return " " not in form and not form.isupper() and len(form) >= 6 and form[-1] not in "sßxz"


def load(directory: Path) -> Authority:
    """Read every YAML file of the authority folder."""
    auth = Authority()
    place_slugs: dict[str, str] = {}
    raw: dict[str, list] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, items in data.items():
            raw.setdefault(key, []).extend(items or [])
    for item in raw.get("series", []):
        auth.entries[("series", item["slug"])] = Entry(
            "series", item["slug"], "EventSeries", item["name"], tuple(item.get("alternate_names", [])),
            url=item.get("url"), organizers=tuple(item.get("organizers", [])),
        )
    for item in raw.get("organizations", []):
        slug = item.get("slug") or slugify(item["name"])
        auth.entries[("organization", slug)] = Entry(
            "organization", slug, item.get("type", "Organization"), item["name"],
            tuple(item.get("alternate_names", [])), tuple(item.get("aliases", [])), item.get("url"),
            tuple(item.get("domains", [])), item.get("parent"), item.get("wikidata"),
        )
    for group in PLACE_TYPES:
        for item in raw.get(group, []):
            place_slugs[item["name"]] = slugify(item["name"])
    for group, schema_type in PLACE_TYPES.items():
        for item in raw.get(group, []):
            slug = place_slugs[item["name"]]
            parent = place_slugs.get(item.get("in", ""))
            if item.get("in") and parent is None:
                raise ValueError(f"{directory}: place {item['name']!r} is in unknown place {item['in']!r}")
            auth.entries[("place", slug)] = Entry(
                "place", slug, schema_type, item["name"], (), tuple(item.get("aliases", [])),
                parent=parent, wikidata=item.get("wikidata"),
            )
    auth.gazetteer = _word_list(Path(directory) / "gazetteer" / "places.txt")
    auth.common_nouns = _word_list(Path(directory) / "lexicon" / "german-nouns.txt")
    return auth


def _word_list(path: Path) -> frozenset[str]:
    """A generated list, one entry per line, "#" comments; empty where the file is absent."""
    if not path.is_file():
        return frozenset()
    return frozenset(line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))


@cache
def default() -> Authority:
    from .. import settings

    return load(settings.get().path("authority"))

"""Awards presented at an edition, with their winners and ranks.

"Auf der SCCON wurde der <Award> <Jahr> verliehen. Den ersten Platz belegte <Stadt A>, dicht
gefolgt von <Stadt B> und <Stadt C>." -> three placements, ranks 1-3.
"<Firma A> und <Firma B> ... wurden mit dem <Award> prämiert" -> two winners without rank. A sentence about places without an award name refers to the award
named last.
"""

from __future__ import annotations

import re

from ..iris import SCHEMA
from .context import Context
from .editions import edition_at
from .facts import TERM, UNRESOLVED, Ref
from .lexicon import ORDINAL_WORDS
from .organizations import name_list
from .text import Sentence

AWARD = re.compile(
    r"(?P<name>(?:[A-ZÄÖÜ][\w-]*\s+){0,5}(?:Award|Awards|Preis|Innovationspreis|Wettbewerb|Index)|[A-ZÄÖÜ][\w-]*-(?:Award|Preis|Index))"
    r"(?:\s+(?P<year>20\d\d))?\b"
)
# An index ("Smart City Index") is an award only where the text ranks its winners: it is created by
# its first placement, never by its name alone (an index announced without results is no award).
RANKING = re.compile(r"\bIndex$")
_NOT_NAME = {"Verleihung", "Auf", "Den", "Der", "Die", "Das", "Dem", "Mit", "Beim", "Bei", "Im", "Zum", "Zur", "Als",
             "Auch", "Ausgezeichnet", "Gewinner", "Gewinnerin", "Sieger", "Siegerin", "Preisträger", "Des", "Einen"}
_RANK = r"(?P<rank>\d{1,2}\.|" + "|".join(w for w in ORDINAL_WORDS if w.endswith("en")) + r")"
# Adverbs between verb and winner: "Den ersten Platz belegte erneut <Stadt>", "Platz 1 belegt zum
# vierten Mal in Folge <Stadt>".
_ADV = r"(?:(?:erneut|wieder|abermals|dabei|diesmal|sich|zum\s+\S+\s+Mal(?:\s+in\s+Folge)?)\s+)*"
# The winner ends at a clause boundary or where its description starts ("<Firma> aus <Stadt> mit einer App").
_WHO = r"(?P<who>[^,.;]+?)(?=,|\.|;|\s+und\s+|\s+aus\s+|\s+mit\s+|\s+vor\s+|\s+–|$)"
_VERB = r"(?:belegte|belegten|belegt|belegen|erreichte|erreichten|erreicht|holte|holten|holt|sicherte sich|sicherten sich|sichert sich)"
# Between verb and winner, a score: "Den ersten Platz sichert sich mit <N> von 100 Punkten <Stadt>".
_SCORE = r"(?:mit\s+[\d,.]+\s+(?:von\s+\d+\s+)?Punkten\s+)?"
_RANK_WORD = r"(?P<rank>\d{1,2}|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)"
_PLACE_NOUN = r"(?:Platz|Rang)"
_MOVES = (r"(?:[^.,;]*?\bund\s+)?(?:landet|landete|liegt|lag|steht|stand|kommt|kam|rutscht|rutschte|rutsch|"
          r"fällt|fiel|steigt|stieg|klettert|kletterte|springt|sprang)")
_CITY = r"(?P<who>[A-ZÄÖÜ][\w-]+(?:\s+am\s+Main)?)"
FIRST_PLACE = [
    re.compile(rf"\b[Dd]en\s+{_RANK}\s+{_PLACE_NOUN}\s+{_VERB}\s+{_ADV}{_SCORE}{_WHO}"),
    re.compile(rf"\b{_PLACE_NOUN}\s+{_RANK_WORD}\s+(?:ging|geht|gingen|{_VERB})\s+{_ADV}(?:an\s+)?{_WHO}"),
    # elliptic after a first placement: "Platz 2 ging an X, Platz 3 an die Y"
    re.compile(rf"(?:,|\bund)\s+{_PLACE_NOUN}\s+{_RANK_WORD}\s+an\s+{_WHO}"),
    re.compile(rf"(?P<who>[A-ZÄÖÜ][\w .-]*?)\s+(?:belegte|belegt|erreichte|erreicht|landete auf|landet auf|holte|holt|sicherte sich|sichert sich)\s+(?:den\s+)?"
               rf"{_RANK}\s+{_PLACE_NOUN}"),
    # "<Stadt A> landet erneut auf Platz zwei", "... und landet auf Rang vier" (the subject opens the sentence)
    re.compile(rf"^\s*{_CITY}\s+{_MOVES}\s+{_ADV}(?:\w+\s+)?auf\s+{_PLACE_NOUN}\s+{_RANK_WORD}\b"),
    re.compile(rf"^\s*{_CITY}\s+{_MOVES}\s+{_ADV}(?:\w+\s+)?auf\s+den\s+{_RANK}\s+{_PLACE_NOUN}\b"),
    # "Erst mit Abstand folgen <Stadt B> auf dem insgesamt zweiten und <Stadt C> auf dem dritten Platz"
    re.compile(rf"(?:\bfolg(?:en|t|te|ten)\s+|\bund\s+){_CITY}\s+auf\s+dem\s+(?:insgesamt\s+)?{_RANK}(?=[^.]*\b{_PLACE_NOUN}\b)"),
]
FOLLOWED = re.compile(r"\bgefolgt\s+von\s+(?P<list>[^.;]+)")
# "Mit dem <Award> <Jahr> wurden <Firma A> aus <Stadt> und <Firma B> aus <Stadt> ausgezeichnet."
WINNERS_AFTER = re.compile(
    r"\b[Mm]it\s+dem\s+(?P<award>[^.;]*?(?:Award|Preis))(?:\s+20\d\d)?\s+(?:wurden|wurde)\s+(?P<list>[^.;]+?)\s+"
    r"(?:ausgezeichnet|prämiert|geehrt)\b"
)
# "Den <Award> <Jahr> holte sich erneut <Stadt>."
WINNER_TOOK = re.compile(
    rf"\b[Dd]en\s+[^.;]*?(?:Award|Preis)(?:\s+20\d\d)?\s+(?:holte|holten|gewann|gewannen|erhielt|erhielten)\s+"
    rf"(?:sich\s+)?{_ADV}{_WHO}"
)
# "Den <Award> <Jahr> nahmen die Teams von <Firma A> und <Firma B> entgegen."
WINNERS_RECEIVED = re.compile(
    r"\b[Dd]en\s+[^.;]*?(?:Award|Preis)(?:\s+20\d\d)?\s+nahmen\s+(?:in diesem Jahr\s+|dieses Jahr\s+)?"
    r"(?:die\s+Teams\s+(?:von\s+)?|das\s+Team\s+(?:von\s+)?)?(?P<list>[^.;]+?)\s+entgegen\b"
)
# "Rang zwei und drei gingen an <Stadt B> und <Stadt C>."
NEXT_RANKS = re.compile(
    r"\b(?:Rang|Ränge|Platz|Plätze)\s+(?P<a>zwei|2|drei|3)\s+und\s+(?P<b>drei|3|vier|4)\s+(?:gingen|ging|belegten)\s+an\s+"
    r"(?P<x>[A-ZÄÖÜ][^,.;]*?)\s+und\s+(?P<y>[A-ZÄÖÜ][^,.;]*?)(?=[,.;]|$)"
)
# "<Firma> ist einer der beiden Gewinner des <Award> <Jahr>."
WINNER_IS = re.compile(
    r"^\s*(?P<list>[A-ZÄÖÜ0-9][^.;:]*?)\s+(?:ist|sind|war|waren)\s+(?:(?:einer|eine|eines)\s+der\s+(?:\w+\s+)?)?"
    r"(?:Gewinner|Gewinnerin|Gewinnerinnen|Sieger|Siegerin|Preisträger|Preisträgerin)\w*\s+(?:des|der|beim)\s+"
    r"(?P<award>[^.;]*?(?:Award|Preis|Wettbewerb)s?)\b"
)
WINNERS = re.compile(
    r"(?P<list>[A-ZÄÖÜ0-9](?:[^.;:]|\b[a-z]\.\s)*?)\s+(?:konnten sich|konnte sich|wurden|wurde|gewannen|gewann|erhielten|erhielt)\b"
    r"[^.;]*?\b(?:mit dem|den)\s+(?P<award>[^.;]*?(?:Award|Preis|Wettbewerb))\b[^.;]*?"
    r"(?:prämiert|ausgezeichnet|geehrt|gewonnen|\.|$)"
)
_NUM = {"eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10}


def _rank(text: str) -> int | None:
    text = text.rstrip(".")
    if text.isdigit():
        return int(text)
    return _NUM.get(text) or ORDINAL_WORDS.get(text)


def _award_name(raw: str) -> str | None:
    words = raw.split()
    while words and (words[0] in _NOT_NAME or not words[0][0].isupper()):
        words.pop(0)
    if len(words) < 2 and "-" not in (words[0] if words else ""):
        return None
    return " ".join(words)


def extract_awards(ctx: Context) -> None:
    current: tuple[str, str] | None = None  # (name, year) of the award named last
    headings: dict[str, str] = {}
    for s in ctx.sentences:
        for m in AWARD.finditer(s.masked):
            name = _award_name(m.group("name"))
            if name and m.group("year"):
                headings[name] = m.group("year")
    next_rank = 1
    last_name: str | None = None  # the award named last, with or without a year (for ranked lists)
    for s in ctx.sentences:
        text = s.masked
        ranked = RANKED_BULLET.match(text) if s.block.kind == "bullet" else None
        if ranked and last_name:
            _ranked_list(ctx, (last_name, ranked["year"]), ranked["list"], s)
            continue
        for m in AWARD.finditer(text):
            name = _award_name(m.group("name"))
            if not name:
                continue
            if current and RANKING.search(name) and any(name.endswith(" ".join(current[0].split()[:k]))
                                                        for k in range(2, len(current[0].split()) + 1)):
                continue  # "der Smart City Index Award ... Der Bitkom Smart City Index bewertet ...": the same award
            last_name = name
            year = _award_year(ctx, s, m, headings.get(name))
            if year is None and RANKING.search(name) and ctx.main_edition is None and ctx.published:
                year = str(ctx.published.year)  # a ranking reported on its own: the year of the report
            if year and year != UNRESOLVED:  # every award the sentence names exists, not only the last
                current = (name, year)
                next_rank = 1
                if not RANKING.search(name):
                    _award(ctx, current, s)
        if current is None:
            continue
        placed = []
        for regex in FIRST_PLACE:
            for m in regex.finditer(text):
                rank = _rank(m.group("rank")) if "rank" in regex.groupindex else None
                if rank:
                    placed.append((m.start(), rank, m.group("who").strip()))
        r = NEXT_RANKS.search(text)
        if r:
            placed += [(r.start("x"), _rank_word(r["a"]), r["x"]), (r.start("y"), _rank_word(r["b"]), r["y"])]
        for _pos, rank, who in sorted(placed):
            _place(ctx, current, rank, who, s)
            next_rank = rank + 1
        if placed:
            f = FOLLOWED.search(text)
            if f:
                for who in name_list(f.group("list"), ctx):
                    _place(ctx, current, next_rank, who, s)
                    next_rank += 1
        took = WINNER_TOOK.search(text)
        if took and not placed:
            _place(ctx, current, None, took["who"], s)
            continue
        w = WINNERS_AFTER.search(text) or WINNERS_RECEIVED.search(text) or WINNER_IS.search(text) or WINNERS.search(text)
        if w and not placed:
            for who in name_list(re.sub(r"\s+aus\s+[A-ZÄÖÜ][\w.]*(?:\s+(?:i\.|im|am)\s*[A-ZÄÖÜ]\w*)?", "", w.group("list")), ctx):
                _place(ctx, current, None, who, s)


# "<Jahr>: 1. <Stadt A>, 2. <Stadt B>, 3. <Stadt C>" under a heading naming the award
RANKED_BULLET = re.compile(r"^\s*(?P<year>20[1-4]\d)\s*:\s*(?P<list>1\.\s*.+)$")
RANKED_ITEM = re.compile(r"(?P<rank>\d{1,2})\.\s*(?P<who>[^,;]+)")
# "verleiht <Organisation> seit <Jahr> den <Award>": the award in general, not one presentation
GENERIC = re.compile(r"\b(?:seit|jährlich|jedes Jahr|alljährlich|regelmäßig)\b")


def _award_year(ctx: Context, s: Sentence, m: re.Match[str], heading_year: str | None) -> str | None:
    """The year of one presentation: written with the name, else the edition of the sentence, but
    never for a heading or a sentence about the award in general."""
    if m.group("year"):
        return m.group("year")
    if s.in_heading or GENERIC.search(s.masked):
        return None
    return heading_year or edition_at(ctx, s, m.start())


def _ranked_list(ctx: Context, award: tuple[str, str], items: str, s: Sentence) -> None:
    for m in RANKED_ITEM.finditer(items):
        _place(ctx, award, int(m["rank"]), m["who"].strip(), s)


def _rank_word(word: str) -> int:
    return int(word) if word.isdigit() else {"zwei": 2, "drei": 3, "vier": 4}[word]


def _award(ctx: Context, current: tuple[str, str], s: Sentence) -> Ref:
    name, year = current
    full = name if name.endswith(year) else f"{name} {year}"
    ref = ctx.out.typed(Ref("award", full), TERM.Award)
    ctx.out.add(ref, SCHEMA.name, _lit(full), ctx.ev(s))
    if ctx.main_edition is not None:  # a ranking reported outside any SCCON text is not placed at an edition
        ctx.out.add(ref, TERM.presentedAt, ctx.edition(year, s), ctx.ev(s))
    return ctx.mention(ref)


def _place(ctx: Context, current: tuple[str, str], rank: int | None, who: str, s: Sentence) -> None:
    who = re.sub(r"^(?:die|der|das|dabei)\s+", "", who.strip())
    # a city adjective before a company is where it comes from, not its name: "die Kölner <Name> GmbH"
    who = re.sub(r"^[A-ZÄÖÜ][a-zäöüß]+er\s+(?=[A-ZÄÖÜ]\w*\s+(?:GmbH|AG|UG|e\.\s?V\.|SE|KG)\b)", "", who)
    who = re.sub(r"\s*,?\s*(?:dicht|knapp)$", "", who)
    if not who or not who[0].isupper() or len(who.split()) > 6:
        return
    award = _award(ctx, current, s)
    place = ctx.authority.by_name(who, ("place",))
    recipient = ctx.place(place) if place else ctx.organization(who, s)
    key = f"{award.key}#{rank if rank is not None else who}"
    placement = ctx.out.typed(Ref("placement", key), TERM.Placement)
    ctx.out.add(award, TERM.placement, placement, ctx.ev(s))
    ctx.out.add(placement, TERM.recipient, recipient, ctx.ev(s))
    if rank is not None:
        ctx.out.add(placement, TERM.rank, ctx.integer(rank), ctx.ev(s))
    if recipient.kind in ("organization", "person"):
        label = award.key + (f" (Platz {rank})" if rank else "")
        ctx.out.add(recipient, SCHEMA.award, _lit(label, "de"), ctx.ev(s))


def _lit(text: str, lang: str | None = None):
    from rdflib import Literal

    return Literal(text, lang=lang)

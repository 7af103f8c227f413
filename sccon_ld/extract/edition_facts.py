"""Facts about editions: dates, counts, partner country, attendance mode, edition number,
place, patrons, supporters, partners and organisers.

Counts are bound to the noun they count ("300 Aussteller") and to the edition of their
sentence; comparisons, expectations and percentages are skipped, because a wrong number in a
published graph is worse than a missing one.
"""

from __future__ import annotations

import dataclasses
import re

from ..iris import SCHEMA
from .context import SERIES, Context
from .dates import find_dates
from .editions import (
    NEXT,
    NEXT_EDITION,
    edition_at,
    names_other_event,
    refers_back,
    sccon_mentions,
    sentence_years,
)
from .facts import TERM, UNRESOLVED, Ref
from .lexicon import NUMBER_WORDS, ORDINAL_WORDS
from .people import find_people
from .qualifiers import count_qualifier
from .text import Sentence

_G = r"(?:\*innen|:innen|_innen|Innen|innen)?"
COUNT_NOUNS = {
    "participantCount": rf"(?:Teilnehm(?:ende|enden|ern|er){_G}|Besucher(?:n)?{_G}|Besuchende[n]?|Gäste[n]?|Fachbesucher(?:n)?{_G}"
                        r"|(?P<people>Menschen))",
    "exhibitorCount": rf"(?:Aussteller(?:n)?{_G}|ausstellende[n]?\s+(?:Unternehmen|Firmen|Organisationen)|Ausstellende[n]?)",
    "speakerCount": rf"(?:Speaker(?:n|s)?{_G}|Sprecher(?:n)?{_G}|Referent(?:en)?{_G}|Referierende[n]?|Redner(?:n)?{_G}|Vortragende[n]?)",
    "stageCount": r"(?:Bühnen)",
    "partnerCount": rf"(?:Partner(?:n)?{_G})",
    "workshopCount": r"(?:Workshops)",
}
_NUMBER = r"(\d{1,3}(?:,\d{1,3})?\s?(?:Tsd\.|Tausend)|\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+|\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_QUALIFIER = r"(?:(?:mehr als|über|rund|ca\.|circa|etwa|knapp|fast|nahezu|gut|insgesamt|annähernd|mindestens|weit über)\s+)?"
COUNT = re.compile(
    rf"(?<![\w.,])(?<!bis zu )(?<!Bis zu ){_QUALIFIER}{_NUMBER}\s+(?:[a-zäöüß]+(?:e|en|er|es)\s+(?:und\s+)?){{0,3}}"
    rf"(?P<noun>{'|'.join(f'(?P<{k}>{v})' for k, v in COUNT_NOUNS.items())})(?![\w*])"
)
# Counts whose noun stands before the number: "Die Teilnehmendenzahl lag bei 12.000",
# "Ausgestellt haben 420 Firmen und Organisationen".
_FIGURE = rf"\s+(?:von|lag bei|betrug|:)\s+{_QUALIFIER}{_NUMBER}"
COUNT_AFTER = [
    (re.compile(rf"(?:Teilnehm|Besuch)\w*zahl\w*{_FIGURE}"), "participantCount"),
    (re.compile(rf"Ausstell\w*zahl\w*{_FIGURE}"), "exhibitorCount"),
    (re.compile(rf"Ausgestellt haben\s+{_QUALIFIER}{_NUMBER}\s+(?:Firmen|Unternehmen|Organisationen)"), "exhibitorCount"),
]
NOT_A_COUNT = re.compile(
    r"\b(?:Vorjahr\w*|vergangenen Jahr|letzten Jahr|[Ll]etztes Jahr|(?:vergangenen|letzten|[Ll]etzte) Ausgabe|(?<!nie )zuvor|damals|gegenüber|erwartet\w*|erwarten|rechnet|"
    r"sollen|Ziel|[Gg]eplant\w*|hofft|Umfrage|Befragung|befragt\w*|Studie|Vergleich|jährlich)\b"
)
NEXT_YEAR = re.compile(r"\b(?:[Nn]ächstes Jahr|[Ii]m nächsten Jahr|[Ii]m kommenden Jahr|[Kk]ommendes Jahr)\b")
# Parts of an edition; their audience is not the edition's ("<N> Teilnehmende im Workshop").
PART_NOUN = re.compile(r"\b(?:Workshop|Session|Panel|Barcamp|Vortrag|Masterclass|Führung|Diskussionsrunde|Stand)\w*")
PARTNER_COUNTRY = re.compile(r"\b(?:Partnerland|Partnerlandes|Partnerstaat|Gastland|Partnerländer)\b")
ONLINE = re.compile(
    r"(?:zu\s+100\s+Prozent|rein|komplett|vollständig|ausschließlich)\s+(?:digital|virtuell|online)"
    r"|\bvirtuelle[nr]?\s+(?:Smart Country Convention|SCCON|Ausgabe|Edition|Veranstaltung)"
    r"|\bOnline-(?:Ausgabe|Edition|Veranstaltung|Event|Format|Kongress)"
    r"|\b(?:findet|fand|finden)\s+(?:\w+\s+){0,3}(?:digital|virtuell|online)\s+statt"
    r"|(?:gänzlich|erstmals|erstmalig)\s+(?:digital|virtuell|online)\s+(?:statt|abgehalten|durchgeführt|ausgerichtet)"
    r"|\büber das Internet\b[^.]{0,60}\bteil|\b[Vv]irtuell\b[^.]{0,40}\b(?:startete|startet|begann|beginnt|fand|findet)\b"
)
MIXED = re.compile(
    r"\bhybride?[nrs]?\b|\bHybrid-|(?:vor Ort|in Präsenz)\s+(?:und|sowie)\s+(?:digital|online|virtuell)"
    r"|(?:digital|online|virtuell)\s+(?:und|sowie)\s+(?:vor Ort|in Präsenz)"
)
OFFLINE = re.compile(r"\b(?:in Präsenz|vor Ort)\s+(?:statt|stattfinden|stattfand)|\bPräsenzveranstaltung|wieder (?:live|in Präsenz|persönlich|vor Ort)"
                     r"|\b(?:ausschließlich|komplett|vollständig|nur)\s+(?:vor Ort|in Präsenz)\b|\bPräsenz pur\b")
# What a mode word in a clause about another time or a survey says is not this edition's mode:
# "Nachdem die Kongressmesse im vergangenen Jahr hybrid stattfand, ...", "71 Prozent wollen ... online erledigen".
MODE_ELSEWHERE = re.compile(r"\b(?:Vorjahr\w*|vergangenen Jahr|letzten Jahr|damals|zuvor|früher|Prozent|Umfrage|Befragung)\b")
PHYSICAL = re.compile(r"\b(?:findet|fand|stattfinden|stattfindet|stattfand|statt|Messehalle|Messegelände)\b")
ORDINAL = re.compile(
    r"zum\s+(?P<a>\d{1,2}\.|" + "|".join(ORDINAL_WORDS) + r")\s+Mal(?!\s+(?:\w+\s+)?(?:digital|virtuell|online|hybrid))"
    r"|(?P<b>\d{1,2})\.\s+(?:Ausgabe|Auflage|Smart Country Convention|SCCON)\b"
    r"|\b(?P<c>" + "|".join(ORDINAL_WORDS) + r")\s+(?:Ausgabe|Auflage)\b"
)
PATRON = re.compile(r"\bSchirmherr(?:in|en|schaft)?\b")
SUPPORT = re.compile(r"\b(?:unterstützt|Unterstützung|Unterstützer\w*)\b")
PARTNERS = re.compile(r"\b(?P<premium>Premium[- ]?)?Partner(?:n)?\s+(?:waren|sind|ist|:)\s+(?P<list>[^.;]+)")
ORGANIZED = re.compile(r"\b(?:veranstaltet|organisiert|ausgerichtet|[Dd]urchgeführt)\s+(?:wird\s+)?(?:[\w-]+\s+){0,3}?(?:von|vom|durch)\b"
                       r"|\bVeranstalter\w*\s+(?:ist|sind|war|waren)\b"
                       r"|\b(?:vom|von der|von)\s+(?=[^.]{0,80}?\b(?:durchgeführte|organisierte|veranstaltete|ausgerichtete)\b)")
LOCATED = re.compile(r"\b(?:in|im|auf dem|am|an der|nach)\s+$")


def _number(text: str) -> int | None:
    text = text.lower()
    thousands = re.fullmatch(r"(\d{1,3})(?:,(\d{1,3}))?\s?(?:tsd\.|tausend)", text)
    if thousands:  # "17 Tsd.", "16,5 Tausend"
        return int(thousands[1]) * 1000 + int((thousands[2] or "0").ljust(3, "0"))
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    digits = re.sub(r"[.\u202f\u00a0 ]", "", text)
    return int(digits) if digits.isdigit() else None


def _ordinal(text: str) -> int | None:
    return int(text.rstrip(".")) if text[0].isdigit() else ORDINAL_WORDS.get(text)


def extract_edition_facts(ctx: Context) -> None:
    for s in ctx.sentences:
        _dates(ctx, s)
        _counts(ctx, s)
        _partner_country(ctx, s)
        _edition_number(ctx, s)
        _patrons_supporters_partners(ctx, s)
        _organizers(ctx, s)
    _attendance_and_place(ctx)
    _dateline_end(ctx)
    _dateline_start(ctx)
    _unnamed_dates(ctx)


def _edition(ctx: Context, year: str | None, s: Sentence) -> Ref | None:
    return ctx.edition(year, s) if year else None


# "Am <T1>. und <T2>. <Monat> nahm <Org> an der SCCON teil": the days someone attended, not the event's dates.
ATTENDED = re.compile(r"\b(?:nahm|nahmen|nimmt|nehmen)\b[^.]*\bteil\b|\bbesucht(?:e|en)?\b|\bdurft(?:e|en)\s+(?:ich|wir)\b")
# "An drei Veranstaltungstagen vom <T1>. bis <T2>. <Monat> <Jahr>": the event's days, though it is not named.
def _continues_named(ctx: Context, s: Sentence) -> bool:
    """"Die SCCON ist heute gestartet. Vom <T1>. bis <T2>. <Monat> werden ...": the sentence right after
    one naming the convention, in the same paragraph, speaks of it."""
    if s.index == 0 or s.block.kind != "paragraph":
        return False
    before = ctx.sentences[s.index - 1]
    return before.block is s.block and bool(sccon_mentions(before.masked)) and not sccon_mentions(s.masked) \
        and not names_other_event(s.masked)


def _attended(text: str) -> bool:
    return bool(ATTENDED.search(text)) and not re.search(r"\bstatt(?:fand|findet|finden)?\b", text)


EVENT_DAYS = re.compile(r"\b(?:Veranstaltungstag\w*|Messetag\w*|Kongresstag\w*|Kongressmesse|Veranstaltung)\b")


def _dates(ctx: Context, s: Sentence) -> None:
    text = s.masked
    mentions = sccon_mentions(text)
    lead = ctx.lead if not mentions else None
    event_days = ctx.focus and (EVENT_DAYS.search(text) or _continues_named(ctx, s) or (lead and lead[0] is s))
    if not mentions and not refers_back(text) and s.block.kind != "heading" and s.index not in ctx.section_years \
            and not event_days:
        return
    if _attended(text):
        return
    for d in find_dates(text):
        if not d.is_range or (event_days and not mentions and not d.year and not _continues_named(ctx, s)):
            continue
        year = edition_at(ctx, s, d.span[0], allow_main=not NEXT.search(text))
        if year is None and not d.year and NEXT_YEAR.search(text) and ctx.main_edition not in (None, UNRESOLVED):
            year = str(int(ctx.main_edition) + 1)  # "Nächstes Jahr soll die SCCON vom <T1>. bis <T2>. <Monat> stattfinden"
        if year is None or year == UNRESOLVED:
            continue
        dates = d.resolved(int(year))
        if dates is None or str(dates[0].year) != year:
            continue
        ed = ctx.edition(year, s)
        ctx.out.add(ed, SCHEMA.startDate, ctx.date(dates[0]), ctx.ev(s))
        ctx.out.add(ed, SCHEMA.endDate, ctx.date(dates[1]), ctx.ev(s))


# "Im vergangenen Jahr hatte die SCCON rund <N> Teilnehmende": the edition before the main one.
# Not "mehr als im Vorjahr" (a comparison), and only when nothing else in the sentence blocks a count.
PAST_EDITION = re.compile(r"(?<!als )(?<!wie )\b(?:[Ii]m\s+(?:Vorjahr|vergangenen Jahr|letzten Jahr)|[Ll]etztes Jahr|"
                          r"[Bb]ei der (?:vergangenen|letzten) Ausgabe)\b")
EVENT_NAMED = re.compile(r"\b(?:SCCON|Smart Country Convention|Kongressmesse|Veranstaltung|Veranstalter\w*|Messe|Ausgabe)\b")


def _previous_edition(ctx: Context, s: Sentence, clause: str) -> str | None:
    """The year before the main edition, when ``clause`` says "im Vorjahr" and the sentence names no year."""
    main = ctx.main_edition
    if not PAST_EDITION.search(clause) or main in (None, UNRESOLVED) or sentence_years(s):
        return None
    if not EVENT_NAMED.search(s.masked) or edition_at(ctx, s, 0) != main:
        return None  # "Im Vorjahr ca. <N> Teilnehmende" in a calendar entry of another event
    if s.index in ctx.foreign or s.index in ctx.section_years:
        return None
    return str(int(main) - 1)


# "Zur SCCON <Jahr> werden <N> Besucher erwartet": an expected figure of the edition the text announces.
EXPECTED = re.compile(r"\b(?:erwartet|erwarten)\b")


def _counts(ctx: Context, s: Sentence) -> None:
    text = s.masked
    if EXPECTED.search(text) and not NOT_A_COUNT.search(EXPECTED.sub(" ", text)) and not NEXT_EDITION.search(text):
        for m in COUNT.finditer(text):
            prop = next(k for k in COUNT_NOUNS if m.group(k))
            if prop in ("participantCount", "exhibitorCount", "speakerCount") and edition_at(ctx, s, m.start()) == ctx.main_edition:
                _count(ctx, s, m, prop, expected=True)
        return
    if NOT_A_COUNT.search(PAST_EDITION.sub(" ", text)):
        return
    past_clauses = NOT_A_COUNT.search(text) is not None  # only "im Vorjahr" blocks, clause by clause
    if past_clauses:
        last_prop = None
        for m in COUNT.finditer(text):
            prop = next(k for k in COUNT_NOUNS if m.group(k))
            clause = _clause(text, m.start())
            if not PAST_EDITION.search(clause):
                _count(ctx, s, m, prop)  # "in diesem Jahr über <N> Gäste, im Vorjahr ..."
                last_prop = prop
                continue
            year = _previous_edition(ctx, s, clause)
            if year:
                _count(ctx, s, m, prop, year)
        # "..., im Vorjahr waren es rund <N>": the bare number counts what the sentence counted before
        bare = re.search(rf"\bwaren es\s+{_QUALIFIER}{_NUMBER}(?!\s*[A-Za-zÄÖÜäöü])", text)
        if bare and last_prop:
            year = _previous_edition(ctx, s, _clause(text, bare.start()))
            if year:
                _count(ctx, s, bare, last_prop, year)
        return
    # "<N> Teilnehmende kamen zu unserem Workshop": a part's audience; "<N> Workshops" in a list is counted
    part_only = any(not re.search(r"\d\s*$", text[: m.start()]) for m in PART_NOUN.finditer(text)) and not sccon_mentions(text)
    for m in COUNT.finditer(text):
        prop = next(k for k in COUNT_NOUNS if m.group(k))
        if part_only and prop == "participantCount":
            continue  # "Rund <N> Teilnehmer*innen kamen zu unserem Workshop": the part's audience
        _count(ctx, s, m, prop)
    for regex, prop in COUNT_AFTER:
        for m in regex.finditer(text):
            _count(ctx, s, m, prop)


def _count(ctx: Context, s: Sentence, m: re.Match[str], prop: str, year: str | None = None, expected: bool = False) -> None:
    """One count (the number is group 1 of ``m``) bound to ``year``, else to the edition of its place
    in the sentence. A number word counts only small things ("vier Bühnen", not "zwanzig")."""
    text = s.masked
    value = _number(m.group(1))
    if prop == "partnerCount" and re.search(r"Premium|Partnerland", text):
        return
    if prop == "participantCount" and "people" in m.re.groupindex and m.group("people") and not EVENT_NAMED.search(text):
        return  # "Menschen" counts a convention's audience only in a sentence about it
    year = year or edition_at(ctx, s, m.start())
    if not value or year in (None, UNRESOLVED) or re.search(r"\d", m.group(1)) is None and value > 12:
        return
    evidence = ctx.ev(s)
    if expected and evidence is not None:
        evidence = dataclasses.replace(evidence, expected=True)
    ctx.out.add(ctx.edition(year, s), TERM[prop], ctx.integer(value), evidence,
                qualifier=count_qualifier(m.string[:m.start(1)]))


def _partner_country(ctx: Context, s: Sentence) -> None:
    key = PARTNER_COUNTRY.search(s.masked)
    if not key:
        return
    countries = [m for m in ctx.authority.find(s.masked, ("place",)) if m.entry.type == "Country"]
    if not countries:
        return
    nearest = min(countries, key=lambda m: abs(m.start - key.start()))
    year = edition_at(ctx, s, key.start())
    if year in (None, UNRESOLVED):
        return
    ctx.out.add(ctx.edition(year, s), TERM.partnerCountry, ctx.place(nearest.entry), ctx.ev(s))


def _edition_number(ctx: Context, s: Sentence) -> None:
    m = ORDINAL.search(s.masked)
    if not m or not sccon_mentions(s.masked):
        return
    number = _ordinal(m.group("a") or m.group("b") or m.group("c"))
    year = edition_at(ctx, s, m.start())
    if number and year not in (None, UNRESOLVED):
        ctx.out.add(ctx.edition(year, s), TERM.editionNumber, ctx.integer(number), ctx.ev(s))


def _orgs_in(ctx: Context, s: Sentence, start: int, end: int | None = None) -> list[Ref]:
    from .organizations import organizations_in

    return [ref for pos, ref in organizations_in(ctx, s) if pos >= start and (end is None or pos < end)]


def _patrons_supporters_partners(ctx: Context, s: Sentence) -> None:
    text = s.masked
    m = PATRON.search(text)
    if m:
        year = edition_at(ctx, s, m.start())
        if year not in (None, UNRESOLVED):
            people = [p for p in ctx.people.get(s.index, []) if 0 <= p.start - m.end() <= 80]
            orgs = _orgs_in(ctx, s, m.end(), m.end() + 80)
            patron = ctx.person(people[0], s) if people else (orgs[0] if orgs else None)
            if patron:
                ctx.out.add(ctx.edition(year, s), TERM.patron, patron, ctx.ev(s))
    m = SUPPORT.search(text)
    if m and (sccon_mentions(text) or re.search(r"\b(?:Veranstaltung|Kongressmesse|Messe)\b", text)):
        year = edition_at(ctx, s, m.start())
        if year not in (None, UNRESOLVED):
            for org in _orgs_in(ctx, s, 0):
                ctx.out.add(ctx.edition(year, s), TERM.supporter, org, ctx.ev(s))
    m = PARTNERS.search(text)
    if m:
        year = edition_at(ctx, s, m.start())
        if year not in (None, UNRESOLVED):
            from .organizations import name_list

            ed = ctx.edition(year, s)
            for name in name_list(m.group("list"), ctx):
                org = ctx.organization(name, s)
                ctx.out.add(ed, SCHEMA.sponsor, org, ctx.ev(s))
                if m.group("premium"):
                    ctx.out.add(ed, TERM.premiumPartner, org, ctx.ev(s))


def _organizers(ctx: Context, s: Sentence) -> None:
    m = ORGANIZED.search(s.masked)
    if not m or not (sccon_mentions(s.masked) or re.search(r"\b(?:Konferenz|Messe|Veranstaltung)\b", s.masked)):
        return
    explicit = [y for _, y in sccon_mentions(s.masked) if y]
    if edition_at(ctx, s, m.start(), allow_main=False) is None and re.search(r"\b\w+kongress\b", s.masked):
        return
    target = ctx.edition(explicit[0], s) if explicit else SERIES
    for org in _orgs_in(ctx, s, m.start()):
        ctx.out.add(target, SCHEMA.organizer, org, ctx.ev(s))


def _attendance_and_place(ctx: Context) -> None:
    """Mode per edition; offline only where the main edition is placed in a city or venue."""
    modes: dict[str, set[str]] = {}
    located: list[Sentence] = []
    for s in ctx.sentences:
        text = s.masked
        for regex, mode in ((ONLINE, "Online"), (MIXED, "Mixed"), (OFFLINE, "Offline")):
            m = regex.search(text)
            if m and mode == "Online" and not _about_the_event(ctx, s):
                continue  # "ihr Auto komplett online zulassen": a service, not the convention
            if m and MODE_ELSEWHERE.search(_clause(text, m.start())):
                # "Nachdem die Kongressmesse im vergangenen Jahr hybrid stattfand, ..."
                year = _previous_edition(ctx, s, _clause(text, m.start()))
                if year and not MODE_ELSEWHERE.search(PAST_EDITION.sub(" ", _clause(text, m.start()))):
                    modes.setdefault(year, set()).update({mode, f"{mode}@{s.index}"})
                continue
            if m:
                year = edition_at(ctx, s, m.start())
                if year not in (None, UNRESOLVED):
                    modes.setdefault(year, set()).add(mode)
                    modes[year].add(f"{mode}@{s.index}")
        for place in _located_places(ctx, s):
            year = edition_at(ctx, s, place[0])
            if year in (None, UNRESOLVED):
                continue
            ed = ctx.edition(year, s)
            ctx.out.add(ed, SCHEMA.location, ctx.place(place[1]), ctx.ev(s))
            if year == ctx.main_edition and not NEXT.search(text) and (PHYSICAL.search(text) or place[1].type == "Place"):
                modes.setdefault(year, set()).add("Physical")
                modes[year].add(f"Physical@{s.index}")
            elif year == ctx.main_edition and not NEXT_EDITION.search(text):
                located.append(s)  # "die SCCON in Berlin": there in person, unless the text says otherwise
    _physical_presence(ctx, modes, located)
    for year, found in modes.items():
        kinds = {k for k in found if "@" not in k}
        declared = kinds - {"Physical"}
        mode = None
        if len(declared) == 1:
            mode = declared.pop()
        elif not declared and "Physical" in kinds:
            mode = "Offline"
        if mode:
            where = min(int(k.split("@")[1]) for k in found if k.startswith(("Physical" if mode == "Offline" else mode) + "@")
                        or k.startswith(mode + "@"))
            ctx.out.add(ctx.edition(year, ctx.sentences[where]), SCHEMA.eventAttendanceMode,
                        SCHEMA[f"{mode}EventAttendanceMode"], ctx.ev(ctx.sentences[where]))


# Presence on site, said without a mode word: stands, halls, "vor Ort", meeting in person.
# "Stand" only as the noun of a fair ("am <Org>-Stand", "auf dem Stand des ..."), not "Stand der Technik".
ON_SITE = re.compile(
    r"\bMessest(?:a|ä)nd\w*|\bGemeinschaftsst(?:a|ä)nd\w*|\b[A-ZÄÖÜ][\w]*-Stand\b|\bMessehalle\w*|\bMessetag\w*"
    r"|\b(?:am|auf dem|einem|gemeinsamen|eigenen|unserem|ihrem|seinem|diesen|dem)\s+(?:[a-zäöüß]+\s+)?Stand\b(?!\s+der\s+(?:Technik|Dinge))"
    r"|\bvor Ort\b|\bpersönlich\w*\s+(?:vor Ort|kennen|getroffen|treffen|austauschen|Networking|Gespräch\w*|ins Gespräch)"
    r"|\b(?:Das|das)\s+persönliche\s+(?:Networking|Gespräch|Treffen|Wiedersehen)|\bStudienexkursion\b"
)
# Any sign of an online or hybrid edition blocks the inference from presence (a virtual "Stand").
ANY_ONLINE = re.compile(
    r"\bvirtuell\w*|\bhybrid\w*|\bLivestream\w*|\bgestreamt\b|\bStreaming\b|über das Internet"
    r"|\b(?:digital|online)\s+(?:statt\w*|abgehalten|durchgeführt|ausgerichtet|teil\w*|dabei|übertragen)\b"
    r"|\b(?:komplett|rein|ganz|gänzlich|vollständig|ausschließlich|nur)\s+(?:digital|online)\b"
    r"|\b(?:digitale[nr]?|Online-)\s*(?:Ausgabe|Edition|Format|Kongress|Messe|Veranstaltung|Konferenz)\b", re.I)


def _physical_presence(ctx: Context, modes: dict[str, set[str]], located: list[Sentence]) -> None:
    """Offline for the main edition of a document about SCCON that describes being there in person
    (a stand, "vor Ort", the city it is held in), when nothing in the text speaks of an online edition."""
    year = ctx.main_edition
    if not ctx.focus or year in (None, UNRESOLVED) or any(ANY_ONLINE.search(s.masked) for s in ctx.sentences):
        return
    if located:
        modes.setdefault(year, set()).update({"Physical", f"Physical@{located[0].index}"})
        return
    for s in ctx.sentences:
        m = ON_SITE.search(s.masked)
        if m and edition_at(ctx, s, m.start()) == year and not NEXT.search(s.masked):
            modes.setdefault(year, set()).update({"Physical", f"Physical@{s.index}"})
            return


SERVICE_VERB = re.compile(r"\b(?:zulassen|erledigen|beantragen|Anträge|Antrag|stellen|abwickeln|nutzen|anbieten)\b")


def _about_the_event(ctx: Context, s: Sentence) -> bool:
    """The sentence's subject can be the convention itself, not a public service it shows."""
    return bool(EVENT_NAMED.search(s.masked) or s.index in ctx.section_years) and not SERVICE_VERB.search(s.masked)


def _clause(text: str, pos: int) -> str:
    """The clause around ``pos``: between the nearest commas, semicolons, dashes or colons."""
    start = max(text.rfind(c, 0, pos) for c in ",;–:") + 1
    ends = [i for i in (text.find(c, pos) for c in ",;–:") if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def _located_places(ctx: Context, s: Sentence) -> list[tuple[int, object]]:
    """Cities and venues an edition takes place in.

    A venue from the authority file ("im hub27", "auf dem Berliner Messegelände") places the
    edition of its sentence in a document about SCCON; a city only with a verb of taking place
    ("findet ... in Berlin statt") or right after the name ("SCCON 2024 in Berlin"), because
    "ein Startup aus Berlin" says nothing about where the convention was.
    """
    text = s.masked
    named = bool(sccon_mentions(text))
    taking_place = re.search(r"\b(?:findet|fand|finden|stattfinden|stattfindet|stattfand|statt|kommt|zurück|zu Gast|"
                             r"feiern|feiert|Premiere)\b", text) and (
        named or refers_back(text))
    out = []
    for m in ctx.authority.find(text, ("place",)):
        if m.entry.type not in ("City", "Place") or not LOCATED.search(text[: m.start]):
            continue
        venue_ok = m.entry.type == "Place" and (named or ctx.focus)
        after_name = re.search(r"(?:Smart[ -]Country[ -]Convention|SCCON)(?:[ -]?20\d\d)?(?:\s+\([^()]{1,20}\))?\s+(?:in|nach)\s+$",
                               text[: m.start])
        if taking_place or venue_ok or after_name:
            out.append((m.start, m.entry))
    venues = [p for p in out if p[1].type == "Place"]
    return venues or out


def _dateline_end(ctx: Context) -> None:
    """A press release dated the last day ("<Ort>, <T>. <Monat> <Jahr> - ... endet die SCCON") gives the end date."""
    if not ctx.dateline:
        return
    for s in ctx.sentences[:6]:
        text = s.masked
        if not re.search(r"\bendet(?:e)?\b|\bging\b[^.]*\bzu Ende\b", text):
            continue
        if not (re.search(r"\bheute\b", text) or any(d.span[0] < 40 and not d.is_range for d in find_dates(text))):
            continue
        m = re.search(r"\bende", text)
        year = edition_at(ctx, s, m.start() if m else 0)
        if year == str(ctx.dateline.year):
            ctx.out.add(ctx.edition(year, s), SCHEMA.endDate, ctx.date(ctx.dateline), ctx.ev(s))
            return


OPENS_TODAY = re.compile(r"\bheute\b.*\b(?:geöffnet|eröffnet|öffnet|startet|beginnt|begonnen|gestartet)\b"
                         r"|\b(?:öffnet|startet|beginnt)\b.*\bheute\b")
UNTIL = re.compile(r"\bBis\s+(?:einschließlich|zum|Donnerstag,|Mittwoch,|Freitag,)?\s*(?P<date>\d{1,2}\.\s*\w+)")


def _dateline_start(ctx: Context) -> None:
    """An opening-day release ("<Ort>, <T>. <Monat> <Jahr> – Seit heute hat die SCCON geöffnet. Bis
    einschließlich <T+2>. <Monat> ...") gives the start date, and the end date it names."""
    if not ctx.dateline:
        return
    year = str(ctx.dateline.year)
    for i, s in enumerate(ctx.sentences[:6]):
        if not (OPENS_TODAY.search(s.masked) and sccon_mentions(s.masked)) or edition_at(ctx, s, 0) != year:
            continue
        ed = Ref("edition", year)
        if any(f.subject == ed and f.predicate == SCHEMA.startDate for f in ctx.out.facts):
            return
        ctx.out.add(ctx.edition(year, s), SCHEMA.startDate, ctx.date(ctx.dateline), ctx.ev(s))
        for nxt in ctx.sentences[i : i + 2]:
            m = UNTIL.search(nxt.masked)
            dates = [d for d in find_dates(m.group("date") + " " + year)] if m else []
            end = dates[0].resolved(int(year)) if dates else None
            if end and 0 < (end[0] - ctx.dateline).days <= 5:
                ctx.out.add(ctx.edition(year, nxt), SCHEMA.endDate, ctx.date(end[0]), ctx.ev(nxt))
                break
        return


def extract_people(ctx: Context) -> None:
    """Find people in every sentence first: patrons, quotes and parts refer back to them."""
    for s in ctx.sentences:
        found = find_people(s.masked, ctx.names)
        if found:
            ctx.people[s.index] = found
    full = {p.family: p for mentions in ctx.people.values() for p in mentions if p.given}
    for s in ctx.sentences:
        found = ctx.people.get(s.index, [])
        if found:
            for k, p in enumerate(found):
                if not p.given and p.family in full:  # "Ministerin <Name>" after "<Vorname Name>": the same person
                    known = full[p.family]
                    p = found[k] = dataclasses.replace(p, name=known.name, given=known.given)
                ref = ctx.person(p, s)
                year = edition_at(ctx, s, p.start)
                if year not in (None, UNRESOLVED) and re.search(
                    r"\b(?:Speaker\w*|Keynote\w*|Rede|Eröffnungsrede|eröffnet\w*|sprach|sprachen|referierte\w*|"
                    r"Bühnenprogramm|auf der Bühne|Vortrag|Podium\w*|Mit dabei waren|zu Gast)\b", s.masked
                ):
                    ctx.out.add(ctx.edition(year, s), SCHEMA.performer, ref, ctx.ev(s))


def _unnamed_dates(ctx: Context) -> None:
    """"Vom <T1>.-<T2>.<M>.<Jahr> informierten sich ..." in a document about SCCON: the one date range of
    the main edition's year gives its dates when no sentence naming SCCON did."""
    year = ctx.main_edition
    if not ctx.focus or year in (None, UNRESOLVED):
        return
    edition = Ref("edition", year)
    if any(f.subject == edition and f.predicate == SCHEMA.startDate for f in ctx.out.facts):
        return
    found = []
    for s in ctx.sentences:
        if NEXT.search(s.masked) or edition_at(ctx, s, 0) != year or _attended(s.masked):
            continue
        for d in find_dates(s.masked):
            dates = d.resolved(int(year)) if d.is_range and (d.year or sccon_mentions(s.masked)) else None
            if dates and str(dates[0].year) == year:
                found.append((s, dates))
    if len({dates for _, dates in found}) == 1:
        s, dates = found[0]
        ed = ctx.edition(year, s)
        ctx.out.add(ed, SCHEMA.startDate, ctx.date(dates[0]), ctx.ev(s))
        ctx.out.add(ed, SCHEMA.endDate, ctx.date(dates[1]), ctx.ev(s))

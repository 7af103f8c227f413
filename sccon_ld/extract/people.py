"""People named in a sentence, with honorific, job title and affiliation where the text gives them.

Recognised forms (the title may stand before or after the name, or in brackets):
  "<Rolle> <Vorname Name>" ("Bundesministerin Erika Muster", "EU-Kommissar für <Bereich> Max
  Beispiel"), "<Dr. Vorname Name>, <Org>-Präsident:", "<Vorname Name>, CEO der <Org>",
  "<Vorname Name> (<ABK>)", "<Vorname Name> (<Rolle> <Bereich>)", "... nahm als Speaker der <org> ...".
A name is a known given name followed by a capitalised family name; after a job title or an
honorific, two capitalised words suffice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..link.authority import Authority, Entry
from .lexicon import (
    ENGLISH_TITLE,
    INSTITUTION_HEADS,
    NOT_FAMILY_NAMES,
    NOT_GIVEN_NAMES,
    is_given_name,
    is_role,
    nominative_institution,
)
from .tokens import HONORIFICS, Token, tokenize

_PARTICLES = {"von", "van", "de", "zu", "der", "den", "di", "da", "del"}
_TITLE_INNER = {"für", "der", "des", "den", "dem", "und", "im", "in", "von", "&", "of", "for", "and", "-"}
_APOSTROPHE_PREFIX = re.compile(r"^(?:O|D|d)[’']")  # "O'Sullivan", "D'Amato"


def _family_shaped(word: str) -> bool:
    """A capitalised name word in any Latin script ("Rinkēvičs", "Kauliņš", "O'Sullivan",
    "Müller-Lüdenscheidt"): one or two hyphenated parts, each capital + lower-case letters."""
    parts = word.split("-")
    if len(parts) > 2:
        return False
    for part in parts:
        core = _APOSTROPHE_PREFIX.sub("", part)
        if len(core) < 2 or not core.isalpha() or not core[0].isupper() or not core[1:].islower():
            return False
    return True
# German common nouns and adjectives by their endings ("Kommunale Lösungen", "Digitale Verwaltung"):
# after a role word they are the role's field, not an unknown given name.
_COMMON_WORD = re.compile(r"(?:ale|ische|liche|ive|ungen|ung|heit|keit|schaft|ionen|ion|ismus|täten|tät|ierung)$")
_LEGAL = re.compile(r"\b(?:GmbH|gGmbH|mbH|AG|SE|e\.\s?V\.|KG|AöR|Ltd\.?|Inc\.?)$")
_AFFIL_AFTER = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?(?:[a-zäöüß]+\s+){0,2}als\s+[\w*:-]+\s+(?:der|des|von|bei|vom)\s+"
    r"|^\s+(?:von\s+der|vom|von|bei\s+der|beim)\s+(?=[A-ZÄÖÜ])"  # "Dr. Erika Muster von der <ABK>"
)
# Affiliations may also be a municipality's administration: "Stadt <Name>", "Gemeinde <Name>".
_INSTITUTION = re.compile(r"^(?:[A-ZÄÖÜ]\w+\s+)?(?:" + "|".join(
    [*INSTITUTION_HEADS, "Stadt", "Gemeinde", "Landeshauptstadt", "Hansestadt", "Kreisstadt", "Samtgemeinde"]) + r")\b")


def _institution(name: str) -> str | None:
    """A new organisation named by an institution noun: "Landkreis <Name>"."""
    name = name.strip()
    if _INSTITUTION.match(name) and len(name.split()) >= 2 and not re.search(r"[,;:]", name):
        return nominative_institution(name)
    return None


@dataclass
class PersonMention:
    name: str
    given: str
    family: str
    start: int  # offsets in the sentence (honorific included)
    end: int
    honorific: str | None = None
    title: str | None = None
    affiliation: str | Entry | None = None  # an authority entry or a new organisation's name


def _is_family(tok: Token, authority: Authority) -> bool:
    word = tok.text
    return (
        _family_shaped(word) and word not in NOT_GIVEN_NAMES and not is_role(word)
        and authority.by_name(word) is None
    )


def find_people(masked: str, authority: Authority) -> list[PersonMention]:
    """People in ``masked`` (a sentence with quoted speech blanked out)."""
    toks = tokenize(masked)
    found: list[PersonMention] = []
    i = 0
    while i < len(toks):
        mention = _name_at(toks, i, authority)
        if mention is None:
            i += 1
            continue
        start_tok, end_tok, given, family = mention
        hon_start = start_tok
        while hon_start > 0 and toks[hon_start - 1].text in HONORIFICS:
            hon_start -= 1
        honorific = " ".join(t.text for t in toks[hon_start:start_tok]) or None
        name = masked[toks[start_tok].start : toks[end_tok - 1].end]
        p = PersonMention(name, given, family, toks[hon_start].start, toks[end_tok - 1].end, honorific)
        floor = found[-1].end if found else -1
        p.title, affil = _title_before(toks, hon_start, masked, authority, floor)
        if p.title is None and hon_start > 1 and toks[hon_start - 1].text == ",":
            p.title, affil = _apposed_title(toks, hon_start - 1, masked, authority, floor)
        if affil:
            p.affiliation = affil
        after_title, after_affil = _after(toks, end_tok, masked, authority)
        p.title = p.title or after_title
        p.affiliation = p.affiliation or after_affil
        m = _AFFIL_AFTER.match(masked[p.end :])
        if m and p.affiliation is None:
            p.affiliation = _org_at(masked[p.end + m.end() :], authority)
        found.append(p)
        i = end_tok
    return found


def _name_at(toks: list[Token], i: int, authority: Authority) -> tuple[int, int, str, str] | None:
    """(first token, end token, given names, family name) of a name starting at token i."""
    t = toks[i]
    if not t.is_cap or i + 1 >= len(toks):
        return None
    prev = toks[i - 1].text if i else ""
    strong = prev in HONORIFICS or (i and is_role(prev))
    unknown_given_ok = strong and _family_shaped(t.text) and not _COMMON_WORD.search(t.text) \
        and t.text not in NOT_GIVEN_NAMES and authority.by_name(t.text) is None
    if i and is_role(prev) and not prev.isupper() and prev.lower() not in _ENGLISH_ROLES and _family_alone(toks, i, authority):
        return i, i + 1, "", t.text  # "Staatssekretärin <Name>": a person named by title and family name
    if (is_given_name(t.text) and authority.by_name(t.text) is None) or unknown_given_ok:
        j = i + 1
        given = [t.text]
        if j + 1 < len(toks) and (is_given_name(toks[j].text) or re.fullmatch(r"[A-Z]\.", toks[j].text)) \
                and _is_family(toks[j + 1], authority) and not _is_family_end(toks, j):
            given.append(toks[j].text)
            j += 1
        particles = []
        while j < len(toks) and toks[j].text in _PARTICLES:
            particles.append(toks[j].text)
            j += 1
        if j < len(toks) and _is_family(toks[j], authority) and toks[j].start - toks[j - 1].end <= 1 \
                and not (unknown_given_ok and not is_given_name(t.text) and _COMMON_WORD.search(toks[j].text)):
            if not strong and (toks[j].text in NOT_FAMILY_NAMES or (particles and authority.is_place_name(toks[j].text))):
                return None  # "Urban Tech", "Fira de Barcelona": a term or a place, not a person
            family = " ".join([*particles, toks[j].text])
            return i, j + 1, " ".join(given), family
    return None


def _family_alone(toks: list[Token], i: int, authority: Authority) -> bool:
    """A family name right after a role noun, with no given name: not a given name itself, not a
    known word, place or organisation, and nothing capitalised after it ("Ministerin <Name> sagte")."""
    word = toks[i].text
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return (_is_family(toks[i], authority) and not is_given_name(word) and not _COMMON_WORD.search(word)
            and word not in NOT_FAMILY_NAMES and not authority.is_place_name(word) and not authority.is_common_noun(word)
            and not word.endswith(("s", "es")) and (nxt is None or not (nxt.is_cap and nxt.is_word) or nxt.text in _MANDATES)
            and not (nxt is not None and nxt.text in ("-", "&", "und", "sowie", "/", "+")))


_ENGLISH_ROLES = {"officer", "president", "director", "head", "lead", "founder", "manager", "partner"}


def _is_family_end(toks: list[Token], j: int) -> bool:
    """True when token j already ends the name (what follows is not a name word)."""
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    return nxt is None or not nxt.is_cap


def _title_before(
    toks: list[Token], start: int, text: str, authority: Authority, floor: int
) -> tuple[str | None, object]:
    """A job title right before the name: the leftmost role noun within reach, and what it spans."""
    head = None
    j = start - 1
    while j >= 0 and start - j <= 8 and toks[j].start >= floor:
        word = toks[j].text
        if is_role(word):
            head = j
        elif not (word in _TITLE_INNER or (toks[j].is_cap and toks[j].is_word) or _inner_adjective(toks, j)):
            break
        j -= 1
    if head is None:
        return None, None
    # "Verkehrs- und Digitalminister": a truncated compound joined by "und"
    if head >= 3 and toks[head - 1].text == "und" and toks[head - 2].text == "-":
        head -= 3
    title = text[toks[head].start : toks[start - 1].end]
    if toks[start - 1].text in _TITLE_INNER:
        return None, None
    affil = _compound_org(toks[head].text if toks[head].text != "-" else toks[head + 3].text, authority)
    if affil is None:
        affil = _genitive_place_before(toks, head, authority)
    if affil is None and toks[start - 1].text.endswith("s") and start - 1 > head:
        place = authority.by_name(toks[start - 1].text[:-1], kinds=("place",))  # "Ministerpräsident <Land>s"
        affil = government_of(place) if place is not None else None
    if affil is None:
        for m in _ORG_AFTER_TITLE.finditer(title):  # "Minister für <Bereich> des Landes <Land> <Name>"
            affil = _org_named(title[m.end():], authority)
            if affil:
                title = title[: m.start()]
                break
    return title, affil


def _genitive_place_before(toks: list[Token], head: int, authority: Authority) -> str | None:
    """"Berlins Regierender Bürgermeister <Name>", "Sachsens Ministerpräsident <Name>": the place's
    government, named in the genitive before the title (capitalised adjectives may stand between)."""
    j = head - 1
    while j >= 0 and head - j <= 2:
        word = toks[j].text
        if word.endswith("s") and word[:1].isupper():
            place = authority.by_name(word[:-1], kinds=("place",))
            if place is not None:
                return government_of(place)
        if not (word[:1].isupper() and word.endswith(("er", "e", "en"))):
            return None
        j -= 1
    return None


def _apposed_title(
    toks: list[Token], comma: int, text: str, authority: Authority, floor: int
) -> tuple[str | None, object]:
    """"die sächsische Staatsministerin für Digitales, Dr. Erika Muster": a title set off by a comma.

    Only after an article, so the title of the person before ("Dr. Max Beispiel,
    <Org>-Präsident, Erika Muster") is never handed on to the next name.
    """
    title, affil = _title_before(toks, comma, text, authority, floor)
    if title is None:
        return None, None
    head = next(k for k in range(comma - 1, -1, -1) if text[toks[k].start:].startswith(title))
    k = head - 1
    if k >= 0 and toks[k].text.endswith(("e", "en", "er")) and toks[k].text not in _TITLE_INNER \
            and (toks[k].text.islower() or toks[k].text.endswith("er")):
        k -= 1  # an adjective: "die sächsische ...", "der Wiener ..."
    if k < 0 or toks[k].text.lower() in _ARTICLES or toks[k].text in ("und", "sowie"):
        # after an article or a conjunction ("... und Bundesministerin, <Name>"), or the sentence starts with it
        return title, affil
    return None, None


_ARTICLES = {"der", "die", "dem", "den", "des"}


def _inner_adjective(toks: list[Token], j: int) -> bool:
    """Lower-case adjectives inside a title after "für": "für digitale Infrastruktur"."""
    return toks[j].text.islower() and j > 0 and toks[j - 1].text in ("für", "for") and toks[j].text[-1] in "enr"


def _compound_org(word: str, authority: Authority) -> Entry | str | None:
    """"Bitkom-Präsident" -> Bitkom; "<Marke.digital>-Chefin" -> "<Marke.digital>" (a brand with a dot)."""
    if "-" not in word:
        return None
    prefix = word.rsplit("-", 1)[0]
    entry = authority.by_name(prefix, kinds=("organization",))
    if entry:
        return entry
    place = authority.by_name(prefix, kinds=("place",))
    if place is not None:
        return government_of(place)  # "<Land>-Ministerpräsident": the government of that Land
    if prefix.lower() in ("bundes", "landes", "eu", "stadt"):
        return None
    if re.search(r"[.\d]", prefix) and re.match(r"^[A-Za-zÄÖÜ][\w.]+$", prefix):
        return prefix
    return None


def _after(toks: list[Token], end: int, text: str, authority: Authority):
    """Title/affiliation after the name: ", CEO der Messe Berlin," or " (BMEL)"."""
    if end < len(toks) and toks[end].text in _MANDATES:
        end += 1  # "Max Beispiel MdB, Vorsitzender des <Ausschusses>"
    if end >= len(toks):
        return None, None
    if toks[end].text == "(":
        close = next((k for k in range(end + 1, min(len(toks), end + 25)) if toks[k].text == ")"), None)
        if close is None:
            return None, None
        inner = text[toks[end + 1].start : toks[close - 1].end] if close > end + 1 else ""
        # "(<Rolle>, <Org>)", "(<Rolle> <Bereich>, <Org>)"
        parts = [p.strip() for p in inner.split(",")] if inner.count(",") == 1 else [inner]
        title = affiliation = None
        for part in parts:
            org = _bracketed_org(part, authority)
            if org is not None and affiliation is None:
                affiliation = org
            elif any(is_role(w) for w in part.split()[:3]) and title is None:
                title = part
        return title, affiliation
    if toks[end].text != ",":
        return None, None
    stop = end + 1
    while stop < len(toks) and toks[stop].text not in (",", ":", ";", "(", ")", "„", "“", "\"") \
            and not (toks[stop].text == "." and stop == len(toks) - 1) and not _name_at(toks, stop, authority):
        stop += 1
    while stop > end + 1 and toks[stop - 1].text in ("und", "sowie", "sagt", "sagte", "betont", "betonte", "erklärt", "erklärte"):
        stop -= 1  # "..., <Rolle> bei <Org> und <Vorname Name>": the next person starts here
    if stop == end + 1:
        return None, None
    phrase = text[toks[end + 1].start : toks[stop - 1].end].rstrip(" .")
    # "..., dem ersten Bundesminister für <Bereich>": the article is not part of the title
    phrase = re.sub(r"^(?:der|die|das|dem|den|des)\s+(?:(?:ersten|erste|neuen|neue|neuer|neu gewählten|designierten)\s+)?", "", phrase)
    # "Ministerin für Arbeit, Soziales und Digitalisierung des Landes <Land>": a list of fields goes on over commas
    if re.search(r"\bfür\s+[A-ZÄÖÜ]\w+$", phrase) and stop < len(toks) and toks[stop].text == ",":
        rest = text[toks[stop].end :]
        more = re.match(r"((?:\s*[A-ZÄÖÜ]\w+,)*\s*[A-ZÄÖÜ]\w+\s+und\s+[A-ZÄÖÜ]\w+(?:\s+(?:des|der)\s+(?:Landes|Freistaates|Stadt)\s+[A-ZÄÖÜ][\w-]+)?)", rest)
        if more:
            phrase = phrase + "," + more.group(1)
    words = phrase.split()
    if not words:
        return None, None
    first_role = next((k for k, w in enumerate(words[:3]) if is_role(w)), None)
    english = ENGLISH_TITLE.match(phrase)
    if first_role is None and not english:
        return None, None
    if not english and first_role is not None and any(
            not (w.endswith(("er", "e", "en", "es")) and (w.islower() or w[:1].isupper())) for w in words[:first_role]):
        return None, None  # only adjectives before the role: "stellvertretender", "Parlamentarischer"
    title, affil = phrase, _compound_org(words[first_role], authority) if first_role is not None else None
    for k, m in enumerate(_ORG_AFTER_TITLE.finditer(phrase)):
        if k and m.group(0).strip() == "aus":
            break  # "CEO von <Firma> aus <Land>": where the firm is from, not whom the person works for
        org = _org_named(phrase[m.end():], authority)
        if org:
            title, affil = phrase[: m.start()], org
            break
    if affil is None and stop < len(toks) and toks[stop].text == ",":
        # "<Rolle> bei <Referat>, Stadt <Name>": the institution follows as the next comma part
        nxt = stop + 1
        close = nxt
        while close < len(toks) and toks[close].text not in (",", ";", ":", ".", "(", ")") and not _name_at(toks, close, authority):
            close += 1
        if close > nxt:
            part = text[toks[nxt].start : toks[close - 1].end]
            inst = _institution(part) if part.split()[0] in ("Stadt", "Landkreis", "Kreis", "Gemeinde", "Landeshauptstadt") else None
            affil = inst
    return title, affil


# Where an organisation starts after a title: "<Rolle> der <Org>", "<Rolle> bei der <Org>", "des Landes <Land>".
_ORG_AFTER_TITLE = re.compile(r"\s+(?:der|des|von der|von|bei der|bei dem|beim|bei|vom|im|in der|am|aus)\s+(?=[A-ZÄÖÜ])")


def _org_named(text: str, authority: Authority) -> Entry | str | None:
    """The organisation (or the government of a place) that ``text`` starts with."""
    text = text.strip()
    exact = authority.by_name(text.split(",")[0].strip(), kinds=("organization",))  # also a document's own abbreviation
    if exact:
        return exact
    for match in authority.find(text, kinds=("organization",)):
        if match.start == 0:
            return match.entry
        break
    if _LEGAL.search(text.split(",")[0]):
        return text.split(",")[0]
    institution = _institution(text.split(",")[0])
    if institution:
        return institution
    m = _PLACE_BODY.match(text)
    if m:
        lookup = authority.named if m["body"] else authority.by_name  # after "des Landes" the word is a place
        place = lookup(m["place"], kinds=("place",)) or lookup(_genitive_base(m["place"]), kinds=("place",))
        if place is not None and (m["body"] or m["place"] == text.split(",")[0].strip()):
            return government_of(place)
    return None


# "des Landes Brandenburg", "des Partnerlandes Lettland", "des Freistaates Sachsen", "Nordrhein-Westfalens"
_PLACE_BODY = re.compile(
    r"(?P<body>(?:Landes|Partnerlandes|Freistaates|Freistaats|Bundeslandes|Stadt|Landeshauptstadt|Hansestadt)\s+)?"
    r"(?P<place>[A-ZÄÖÜ][\w-]+(?:\s+am\s+Main)?)")


def _genitive_base(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


def government_of(place: Entry) -> str | None:
    """The body a person of a place works for: "Land <Land>", "Stadt <Stadt>", "Regierung von <Staat>"."""
    if place.type == "State":
        freistaat = next((a for a in place.aliases if a.startswith("Freistaat ")), None)
        return freistaat or f"Land {place.name}"
    if place.type == "City":
        return f"Stadt {place.name}"
    if place.type == "Country":
        return f"Regierung von {place.name}"
    return None


_MANDATES = {"MdB", "MdL", "MdEP", "MdA", "MdBB", "MdHB"}  # members of parliament: not a title, not a name


def _bracketed_org(inner: str, authority: Authority) -> Entry | str | None:
    """An organisation as a bracket names it: known, an acronym ("BMEL", "HTW Berlin"), a legal form,
    an institution ("Landkreis <Name>", "Stadt <Name>")."""
    entry = authority.by_name(inner, kinds=("organization",))
    if entry:
        return entry
    if any(is_role(w) for w in inner.split()[:3]):
        return None
    acronym = re.fullmatch(r"([A-ZÄÖÜ][A-ZÄÖÜa-z]{1,6})(?:\s+([A-ZÄÖÜ][a-zäöüß]+))?", inner)
    if acronym and sum(c.isupper() for c in acronym[1]) >= 2 and (
            acronym[2] is None or authority.by_name(acronym[2], kinds=("place",))):
        return inner
    if _LEGAL.search(inner):
        return inner
    return _institution(inner)


def _org_at(text: str, authority: Authority) -> Entry | str | None:
    """The organisation named at the start of ``text`` ("<org21> außerdem ..." -> "<org21>")."""
    for match in authority.find(text, kinds=("organization",)):
        if match.start == 0:
            return match.entry
        break
    m = re.match(r"([A-ZÄÖÜ]{2,}(?:\s[A-ZÄÖÜ]{2,3})?)(?![\w-])", text)
    if m and authority.by_name(m.group(1), kinds=("organization",)):
        return authority.by_name(m.group(1), kinds=("organization",))
    m = re.match(r"([A-ZÄÖÜa-z][\w.&-]*\d[\w.-]*|[A-ZÄÖÜ][\w.&-]+(?:\s+[A-ZÄÖÜ][\w.&-]+){0,3})", text)
    if m and (re.search(r"\d", m.group(1)) or _LEGAL.search(m.group(1)) or " " in m.group(1)):
        return m.group(1)
    return None

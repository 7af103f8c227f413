"""Linguistic resources for German: given names, role nouns, months, number words.

These are language knowledge, not facts of any document: a given-name dictionary (from the
gender-guesser package's name list) tells a person's name from two capitalised nouns.
"""

from __future__ import annotations

import re
from functools import cache

MONTHS = {
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3, "april": 4,
    "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}
MONTH_RE = r"(?:Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|" \
           r"Jan\.|Feb\.|Mär\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Okt\.|Nov\.|Dez\.)"

NUMBER_WORDS = {
    "ein": 1, "eine": 1, "einen": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30,
    "fünfzig": 50, "hundert": 100,
}
ORDINAL_WORDS = {
    "ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "fünften": 5, "sechsten": 6, "siebten": 7,
    "achten": 8, "neunten": 9, "zehnten": 10, "elften": 11, "zwölften": 12,
    "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "fünfte": 5, "sechste": 6, "siebte": 7, "achte": 8,
    "neunte": 9, "zehnte": 10, "elfte": 11, "zwölfte": 12,
}

# Role nouns: a token ending in one of these (case-insensitive, also hyphen compounds such as
# "Bitkom-Präsident", "Bundes-CIO") is a job title.
ROLE_SUFFIXES = (
    "minister", "ministerin", "präsident", "präsidentin", "kommissar", "kommissarin", "chef", "chefin",
    "leiter", "leiterin", "geschäftsführer", "geschäftsführerin", "sprecher", "sprecherin", "beauftragte",
    "beauftragter", "direktor", "direktorin", "referent", "referentin", "vorsitzende", "vorsitzender",
    "bürgermeister", "bürgermeisterin", "staatssekretär", "staatssekretärin", "dezernent", "dezernentin",
    "landrat", "landrätin", "managerin", "manager", "berater", "beraterin", "vorstand", "vorständin",
    "koordinator", "koordinatorin", "senator", "senatorin", "gründer", "gründerin", "inhaber", "inhaberin",
    "partnerin", "stadtrat", "stadträtin", "ministerialrat", "ministerialrätin", "professor", "professorin", "kanzler", "kanzlerin", "abgeordnete", "abgeordneter",
    "bevollmächtigte", "bevollmächtigter", "ceo", "cdo", "cio", "cto", "coo", "cfo", "cso", "cmo",
    "officer", "president", "director", "head", "lead", "founder",
    "beigeordneter", "beigeordnete", "regierungschef", "regierungschefin", "teamleiter", "teamleiterin",
    "bürgermeister", "oberbürgermeister", "oberbürgermeisterin", "stadtdirektor", "stadtdirektorin",
)
_ROLE_RE = re.compile(r"(?:^|[-])?(?:\w*?)(?:" + "|".join(ROLE_SUFFIXES) + r")$", re.I)
# Roles at the event, not jobs: "Schirmherrin <Vorname Name>" is a patron, "Speaker X" a performer.
NOT_JOB_TITLES = {"schirmherr", "schirmherrin", "speaker", "speakerin", "teilnehmer", "teilnehmerin",
                  "moderator", "moderatorin", "partner", "aussteller", "redner", "rednerin", "gast"}
ENGLISH_TITLE = re.compile(
    r"(?:(?:Executive|Senior|Deputy|Managing|Chief|General|Vice|Global|Regional)\s+)*"
    r"(?:Vice President|President|Director|Officer|Head of [A-Z][\w&]*(?: [A-Z&][\w&]*)*|Manager|Partner|Lead)"
    r"|Chief [A-Z]\w+ Officer"
)

# Words that are never a given name even if a name list says so (sentence-initial nouns, months).
# Names of organisations and places are excluded through the authority file (people.py), not here.
NOT_GIVEN_NAMES = {
    "August", "April", "Mai", "Juni", "Juli", "Smart", "Open", "Digital", "Neben", "Mit", "Auch", "Bei", "Bis",
    "Das", "Der", "Die", "Den", "Dem", "Des", "Ein", "Eine", "Im", "In", "Am", "An", "Auf", "Aus", "Nach",
    "Von", "Vom", "Zum", "Zur", "Für", "Über", "Unter", "Als", "Wie", "So", "Sie", "Er", "Es", "Wir", "Ihr",
    "Messe", "Bund", "Land", "Stadt", "Deutsche", "Deutscher", "Deutschland",
    "Europa", "Award", "Preis", "Platz", "Frau", "Herr", "Bürger", "Star", "Summit", "Forum", "Start", "Mark",
    "Will", "Art", "Grant", "Hope", "Page", "Ideal", "Chance", "Kommune", "Justiz", "Innern", "Heimat",
    "Kontakt", "Telefon", "Pressesprecher", "Link", "Download", "Nachricht", "Weitere", "Public", "Cloud",
    "Media", "Data", "Cyber", "Government", "City",
    "Country", "Convention", "Innovation", "Future", "Best", "Practice", "Leading",
    "Mal", "Jahr", "Tag", "Tage", "Ende", "Mitte", "Anfang", "Rund", "Team", "Gold", "Silber", "Bonus",
    # possessives and English words that gender-guesser lists as names ("Mein Amt", "The German Federal")
    "Alle", "Mein", "Meine", "Dein", "Deine", "Unser", "Unsere", "Euer", "The", "German", "Federal", "State",
    "Minister", "Ministry", "President", "Chief", "General", "Major", "Royal", "National", "Young",
    # German function words that open a sentence and that name lists carry ("Deren", "Dessen")
    "Deren", "Dessen", "Denen", "Diese", "Dieser", "Dieses", "Jene", "Jener", "Welche", "Welcher", "Solche",
    "Man", "Nun", "Dann", "Doch", "Noch", "Nur", "Schon", "Sehr", "Viel", "Viele", "Mehr", "Wer", "Was",
}
# English and German words that are never a family name after a weak (unknown or rare) given name:
# "Urban Tech", "Vienna House", "Open Space", "AI Act".
NOT_FAMILY_NAMES = {
    "Tech", "House", "Act", "Space", "Hub", "Lab", "Labs", "Data", "Cloud", "City", "Cities", "Mobility",
    "Summit", "Award", "Awards", "Forum", "Day", "Days", "Week", "Talk", "Talks", "Stage", "Session", "Lounge",
    "Area", "Village", "Campus", "Group", "Team", "Network", "Services", "Solutions", "Systems", "Software",
    "Government", "Governance", "Transformation", "Innovation", "Future", "Region", "Regions", "Country",
    "Convention", "Congress", "Kongress", "Festival", "Park", "Hall", "Center", "Centre", "Hotel", "Plaza",
    "Tower", "Square", "Street", "Expo", "World", "Europe", "Portal", "App", "Apps", "Platform", "Index",
}


@cache
def _name_detector():
    import gender_guesser.detector as gd

    return gd.Detector(case_sensitive=False)


def is_given_name(word: str) -> bool:
    """True if ``word`` is a known given name (gender-guesser's list) and not a common word."""
    if not word or not word[0].isupper() or word in NOT_GIVEN_NAMES or len(word) < 2:
        return False
    if word.isupper():  # "AI", "KI", "IT": acronyms, never a given name
        return False
    if "-" in word:  # "Marie-Luise", "Hans-Peter"
        return all(is_given_name(part) for part in word.split("-"))
    return _name_detector().get_gender(word) != "unknown"


def is_role(word: str) -> bool:
    """True for a job-title noun: "Bundesinnenministerin", "Bitkom-Präsident", "CDO"."""
    bare = word.strip(",.:;()")
    low = bare.lower()
    if not bare or low in NOT_JOB_TITLES or low.split("-")[-1] in NOT_JOB_TITLES:
        return False
    if bare.isupper() and len(bare) == 3 and low in ROLE_SUFFIXES:
        return True
    return bool(_ROLE_RE.search(bare)) and (bare[0].isupper() or "-" in bare)


# Institution nouns that head an organisation's name, with their grammatical gender, so an
# inflected adjective can be put back in the nominative: "im Niedersächsischen Ministerium für
# Inneres" -> "Niedersächsisches Ministerium für Inneres".
INSTITUTION_HEADS = {
    "Kompetenzzentrum": "n", "Zentrum": "n", "Institut": "n", "Ministerium": "n", "Bundesministerium": "n",
    "Landesministerium": "n", "Amt": "n", "Landesamt": "n", "Bundesamt": "n", "Netzwerk": "n",
    "Kompetenzstelle": "f", "Stiftung": "f", "Agentur": "f", "Akademie": "f", "Hochschule": "f",
    "Universität": "f", "Behörde": "f", "Stadtverwaltung": "f", "Senatsverwaltung": "f", "Senatskanzlei": "f",
    "Staatskanzlei": "f", "Landesregierung": "f", "Initiative": "f", "Genossenschaft": "f",
    "Kreisverwaltung": "f", "Verband": "m", "Verein": "m", "Landkreis": "m", "Zweckverband": "m",
    "Stadtwerke": "pl",
}
_NOMINATIVE_ENDING = {"n": "es", "f": "e", "m": "er", "pl": "e"}


def nominative_institution(name: str) -> str:
    """Undo the dative/genitive of a leading adjective: "Niedersächsischen Ministerium ..." ->
    "Niedersächsisches Ministerium ..."; names without one are returned unchanged."""
    words = name.split()
    if len(words) > 1 and words[1] in INSTITUTION_HEADS and re.fullmatch(r"[A-ZÄÖÜ]\w+en", words[0]):
        words[0] = words[0][:-2] + _NOMINATIVE_ENDING[INSTITUTION_HEADS[words[1]]]
    return " ".join(words)

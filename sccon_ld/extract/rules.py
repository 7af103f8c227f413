"""The extraction rules as data: one entry per rule, the pattern the extractor itself uses, the fact
it makes or the claim it blocks, and sentences that must and must not fire it.

WHY: a rule is only as good as the cases it was checked on. pySHACL keeps one class per constraint
component with the specification's words beside it; here each rule keeps its own examples and
counter-examples beside its pattern, and ``tests/test_rules.py`` runs every one of them, so a rule
changed for one document cannot silently stop reading the forms it was made for. The patterns are the
extractor's own objects (imported, not copied): editing a rule means editing it where it is used,
and its examples here say what it must still do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import awards, edition_facts, editions, metadata, organizations


@dataclass(frozen=True)
class Rule:
    name: str  # stable, dotted: "<what>.<how>"
    makes: str  # the fact it makes, or "blocks: ..." for a rule that keeps a claim from being made
    pattern: re.Pattern[str]
    fires: tuple[str, ...]  # sentences (of our own wording) it must match
    not_fires: tuple[str, ...] = ()  # look-alikes it must not match


RULES: tuple[Rule, ...] = (
    Rule("count.noun_after_number", "sccon:participantCount / exhibitorCount / speakerCount / stageCount",
         edition_facts.COUNT,
         ("Die SCCON zählte rund 12 700 Besucherinnen und Besucher.", "Mehr als 400 nationale und internationale Speaker.",
          "300 Aussteller:innen zeigten Lösungen.", "auf vier Bühnen"),
         ("Bis zu 500 Gäste passen in den Saal.", "Die Halle 7 ist groß.")),
    Rule("count.not_a_count", "blocks: counts in comparisons, surveys, plans and look-backs", edition_facts.NOT_A_COUNT,
         ("Im Vorjahr kamen 15 Besucher.", "80 Prozent der Aussteller laut einer Umfrage.", "Geplant sind 20 Bühnen."),
         ("In diesem Jahr kamen 9.000 Gäste.",)),
    Rule("count.expected", "a count claim marked sccon:Expected", edition_facts.EXPECTED,
         ("Zur SCCON werden 18.000 Besucherinnen und Besucher erwartet.",), ("Es kamen 18.000 Besucher.",)),
    Rule("count.part_audience", "blocks: the audience of a workshop or panel as the edition's", edition_facts.PART_NOUN,
         ("Rund 60 Teilnehmende kamen zu unserem Workshop.",), ("Rund 60 Teilnehmende kamen zur Messe.",)),
    Rule("mode.online", "schema:OnlineEventAttendanceMode", edition_facts.ONLINE,
         ("Die SCCON fand komplett digital statt.", "Rund 9.000 Menschen nahmen über das Internet an der Messe teil.",
          "Virtuell und interaktiv startete die Smart Country Convention.", "die Konferenz wurde gänzlich digital abgehalten"),
         ("Die Verwaltung soll digital werden.", "Anträge lassen sich online stellen.")),
    Rule("mode.mixed", "schema:MixedEventAttendanceMode", edition_facts.MIXED,
         ("Die SCCON findet hybrid statt.", "vor Ort und digital"), ("Die Hybridisierung der Verwaltung",)),
    Rule("mode.offline_declared", "schema:OfflineEventAttendanceMode", edition_facts.OFFLINE,
         ("Die SCCON fand wieder in Präsenz statt.", "endlich wieder persönlich vor Ort"), ("Die SCCON fand statt.",)),
    Rule("mode.on_site", "schema:OfflineEventAttendanceMode (presence on site, no online sign)", edition_facts.ON_SITE,
         ("Am Gemeinschaftsstand des Landes gab es Gespräche.", "Der Messestand der Stadt war voll.",
          "Die Teams trafen sich vor Ort.", "am BMI-Stand", "Das persönliche Networking war wertvoll."),
         ("Der Stand der Technik ist hoch.", "Die Digitalisierung stand im Mittelpunkt.")),
    Rule("mode.any_online", "blocks: offline from presence where the text speaks of an online edition",
         edition_facts.ANY_ONLINE,
         ("Die SCCON wurde live gestreamt.", "eine virtuelle Ausgabe", "Die Messe fand rein online statt."),
         ("Die Zukunft der Verwaltung ist digital.", "das Onlinezugangsgesetz")),
    Rule("dates.attended", "blocks: the days someone attended as the event's dates", edition_facts.ATTENDED,
         ("Am 2. und 3. Oktober nahm der Verein an der SCCON teil.", "durften wir auf der SCCON sprechen"),
         ("Die SCCON fand vom 7. bis 9. Oktober statt.",)),
    Rule("dates.event_days", "schema:startDate / endDate from the event's days without its name",
         edition_facts.EVENT_DAYS, ("An drei Veranstaltungstagen vom 8. bis 10. Oktober",), ("An drei Tagen im Büro",)),
    Rule("edition.next", "blocks: facts of an announcement as the reported edition's", editions.NEXT_EDITION,
         ("Die nächste SCCON findet im Oktober statt.", "Save the Date: SCCON 2031"), ("Die SCCON war ein Erfolg.",)),
    Rule("edition.other_event", "blocks: a sentence about another congress", editions.OTHER_EVENT,
         ("Der Zukunftskongress Staat & Verwaltung tagte.", "Auf der Konferenz Beispiel sprach"),
         ("Auf der Smart Country Convention sprach",)),
    Rule("edition.refers_back", "the sentence is about the convention without naming it", editions.REFERS_BACK,
         ("Die Kongressmesse zählte viele Gäste.", "Die vom Verband mit der Messe durchgeführte Veranstaltung wird"),
         ("Die Messe Berlin ist Mitveranstalter.",)),
    Rule("organizer.carried_out_by", "schema:organizer", edition_facts.ORGANIZED,
         ("Die SCCON wird veranstaltet von Bitkom.", "Durchgeführt wird das Format vom Verband Beispiel"),
         ("Die SCCON ist eine Messe.",)),
    Rule("award.first_place", "sccon:placement with sccon:rank", awards.FIRST_PLACE[0],
         ("Den ersten Platz belegte Hamburg.", "Den ersten Platz sichert sich mit 88,1 von 100 Punkten Hamburg."),
         ("Der erste Platz ist begehrt.",)),
    Rule("award.rank_goes_to", "sccon:placement with sccon:rank", awards.FIRST_PLACE[1],
         ("Platz 2 ging an Köln.", "Rang drei geht an Stuttgart."), ("Der Platz ging verloren.",)),
    Rule("award.lands_on_rank", "sccon:placement with sccon:rank", awards.FIRST_PLACE[4],
         ("Hamburg landet erneut auf Platz zwei.", "Köln wird verdrängt und landet auf Rang vier."),
         ("Die Stadt landet einen Coup.",)),
    Rule("award.ranking_needs_placements", "blocks: an index named without results as an award", awards.RANKING,
         ("Smart City Index",), ("Smart City Award",)),
    Rule("organization.legal_form", "schema:Organization by its legal form", organizations.LEGAL,
         ("Die Muster Bau GmbH & Co. KG zeigte Lösungen.", "die beispiel GmbH war dabei", "Verein Beispiel e.V."),
         ("Die GmbH-Gründung ist einfach.",)),
    Rule("organization.municipal", "schema:Organization for a municipality's administration", organizations.MUNICIPAL,
         ("Die Stadt Beispielhausen präsentierte sich.", "der Kreis Unna"), ("die Stadtentwicklung",)),
    Rule("document.published_line", "schema:datePublished from a date line near the top", metadata.PUBLISHED_LINE[0],
         ("02.11.20", "[24.10.2031] Auf der SCCON", "29.10.2031, 14:30 Uhr"), ("07.–09.11.2031",)),
    Rule("document.archive_date", "schema:datePublished (day) or the time the text speaks from (month)",
         metadata.ARCHIVE_DATE, (" date 2025-09-11 BERLIN (dpa) -", " date 2019-10 Der Verband"), ("Datum: heute",)),
    Rule("document.byline", "schema:author", metadata.BYLINE,
         ("von Frau Dr. Erika Muster", "Redakteur: Max Beispiel", "Das Gespräch führte Erika Muster"), ("Vor Ort waren",)),
    Rule("document.not_headline", "blocks: navigation, credits and counters as the headline", metadata.NOT_HEADLINE,
         ("Zum Hauptinhalt springen", "© Messe Berlin", "1134"), ("Smart Country Convention 2031: die Höhepunkte",)),
    Rule("document.credit", "blocks: an image caption (the line above a credit) as the headline", metadata.CREDIT,
         ("© Messe Berlin GmbH", "Foto: Erika Muster"), ("Fotografie in der Verwaltung",)),
)

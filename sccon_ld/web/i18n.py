"""The interface in German and English: which language a request gets, and every phrase of
the pages in both.

The language is, in this order: ``?lang=de|en`` (the switch on every page links there), the
``lang`` cookie the switch sets, the browser's ``Accept-Language``, then the dataset's language
(``dataset.language``). A response that depends on it says so in ``Vary``
(:data:`VARY`). Labels of classes and properties come from the ontology
(:mod:`.vocab_labels`), not from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup, escape

LANGUAGES = ("de", "en")
COOKIE = "lang"
# Request headers a page's language is chosen by (for ``Vary``).
VARY = ("Accept-Language", "Cookie")

# key -> (German, English). Placeholders in str.format style.
MESSAGES: dict[str, tuple[str, str]] = {
    "site.brand": ("SCCON Linked Data", "SCCON Linked Data"),
    "site.menu": ("Menü", "Menu"),
    "site.search_placeholder": ("Suche nach Namen, Begriffen, Sätzen …", "Search names, terms, sentences…"),
    "site.search_label": ("Suche", "Search"),
    "site.language": ("Sprache", "Language"),
    "site.switch_to": ("English", "Deutsch"),
    "site.release": ("Release {version} vom {created}", "release {version} of {created}"),
    "site.licence": ("Lizenz", "licence"),
    "site.home": ("Start", "Home"),
    "nav.event": ("Veranstaltungen", "Events"),
    "nav.organization": ("Organisationen", "Organisations"),
    "nav.person": ("Personen", "People"),
    "nav.place": ("Orte", "Places"),
    "nav.award": ("Preise", "Awards"),
    "nav.document": ("Quelldokumente", "Source documents"),
    "nav.quote": ("Zitate", "Quotations"),
    "nav.contact": ("Kontakte", "Contact points"),
    "nav.sparql": ("SPARQL", "SPARQL"),
    "nav.dumps": ("Downloads", "Dumps"),
    "nav.catalog": ("Katalog", "Catalogue"),
    "nav.void": ("VoID", "VoID"),
    # landing page
    "home.title": ("{title}", "{title}"),
    "home.editions": ("Ausgaben", "editions"),
    "home.entities": ("Einträge", "entities"),
    "home.entities_hint": (
        "Dinge mit eigener IRI (/id/…), auch Zitate, Kontakte und Quelldokumente",
        "things with an IRI of their own (/id/…), quotations, contacts and source documents included",
    ),
    "home.graphs": ("benannte Graphen", "named graphs"),
    "home.statements": ("Aussagen (Quads)", "statements (quads)"),
    "home.over_time": ("Die Ausgaben im Zeitverlauf", "The editions over time"),
    "home.per_year": ("{metric} je Jahr", "{metric} per year"),
    "home.edition": ("Ausgabe", "Edition"),
    "home.dates": ("Datum", "Dates"),
    "home.place": ("Ort", "Place"),
    "home.format": ("Format", "Format"),
    "home.partner_country": ("Partnerland", "Partner country"),
    "home.browse": ("Stöbern", "Browse"),
    "home.find": ("Suche nach Namen, Begriffen und Sätzen", "Find by name, term or sentence"),
    "home.find_example": ("Name, Ort, Thema …", "a name, a place, a topic…"),
    "home.search_button": ("Suchen", "Search"),
    "home.use": ("Die Daten nutzen", "Use the data"),
    "home.mentioned": ("{mentioned} in Dokumenten erwähnt", "{mentioned} mentioned in documents"),
    "service.sparql": ("SPARQL-Endpunkt", "SPARQL endpoint"),
    "service.sparql_text": ("den Graphen mit SPARQL 1.1 abfragen", "query the graph with SPARQL 1.1"),
    "service.dumps": ("Downloads", "Dumps"),
    "service.dumps_text": ("der ganze Graph als {formats}", "the whole graph as {formats}"),
    "service.catalog": ("DCAT-Katalog", "DCAT catalogue"),
    "service.catalog_text": ("DCAT-AP.de-Beschreibung des Datensatzes", "DCAT-AP.de description of the dataset"),
    "service.void": ("VoID", "VoID"),
    "service.void_text": ("VoID-Beschreibung: Statistik, Vokabulare, Verweise",
                          "VoID description: statistics, vocabularies, links"),
    "home.howto": (
        "Jeder Eintrag hat eine Cool URI wie {example}: Sie antwortet mit 303 See Other auf ein Dokument in "
        "{formats}, je nach Accept-Header oder Endung ({suffixes}). JSON-LD-Kontext: {context}.",
        "Every entity has a Cool URI such as {example}: it answers 303 See Other to a document in {formats}, "
        "chosen by your Accept header or by a suffix ({suffixes}). JSON-LD context: {context}.",
    ),
    # lists
    "list.count_mentioned": (
        "{shown} von {total} Einträgen werden in Dokumenten erwähnt.",
        "{shown} of {total} entries are mentioned in documents.",
    ),
    "list.count_all": ("Alle {total} Einträge, auch reine Referenzdaten.",
                       "All {total} entries, reference data included."),
    "list.show_all": ("Auch Referenzdaten zeigen, die kein Dokument erwähnt ({hidden})",
                      "Also show reference data no document mentions ({hidden})"),
    "list.show_mentioned": ("Nur in Dokumenten Erwähnte zeigen", "Show only what documents mention"),
    "list.documents": ("{n} Dokument", "{n} document"),
    "list.documents_plural": ("{n} Dokumente", "{n} documents"),
    "list.reference": ("nur Referenzdaten", "reference data only"),
    "list.empty": ("Keine Einträge.", "No entries."),
    "pager.previous": ("← zurück", "← previous"),
    "pager.next": ("weiter →", "next →"),
    "pager.page": ("Seite {page} von {pages}", "page {page} of {pages}"),
    # search
    "search.title": ("Suche", "Search"),
    "search.count": ("{total} Treffer für „{q}“", "{total} matches for “{q}”"),
    "search.count_one": ("1 Treffer für „{q}“", "1 match for “{q}”"),
    "search.none": ("Nichts gefunden für „{q}“.", "Nothing found for “{q}”."),
    "search.hint": (
        "Sucht in Namen, Bezeichnungen und den Sätzen der Quelldokumente; Umlaute und Akzente sind egal "
        "(ö = oe = o).",
        "Searches names, labels and the sentences of the source documents; umlauts and accents do not "
        "matter (ö = oe = o).",
    ),
    "search.json": ("als JSON", "as JSON"),
    # entity page
    "entity.also_as": ("Auch als", "Also as"),
    "entity.show_iri": ("IRI zeigen", "Show IRI"),
    "entity.quotes": ("Zitate", "Quotes"),
    "entity.in_document": ("in", "in"),
    "entity.all_statements": ("Alle Aussagen", "All statements"),
    "entity.property": ("Eigenschaft", "Property"),
    "entity.value": ("Wert", "Value"),
    "entity.source": ("Quelle", "Source"),
    "entity.of_series": ("{label} (der Reihe)", "{label} (of the series)"),
    "entity.extracted": ("Aussagen aus diesem Dokument", "Facts extracted from this document"),
    "entity.extracted_hint": ("in der Reihenfolge des Dokuments; das Belegte ist im Satz markiert",
                              "in the document's order; what each states is marked in its sentence"),
    "entity.about": ("Über", "About"),
    "entity.sentence": ("Satz", "Sentence"),
    "entity.linked_from": ("Verweise hierher", "Linked from"),
    "entity.provenance": ("Woher diese Aussagen stammen", "Where these facts come from"),
    "entity.default_graph": ("(Standardgraph)", "(default graph)"),
    "entity.graph_authority": ("Kuratierte Referenzdaten (Normdatei)", "Curated reference data (authority file)"),
    "entity.graph_ontology": ("Die Ontologie des Projekts", "The project's ontology"),
    "entity.sentence_source": ("Belegsatz", "source sentence"),
    "entity.placement": ("{rank}. Platz", "Place {rank}"),
    # dumps
    "dumps.title": ("Downloads", "Dumps"),
    "dumps.heading": ("Downloads des Release {version}", "Dumps of release {version}"),
    "dumps.intro": (
        "Jede Datei hat eine unveränderliche versionierte URL und eine stabile latest-URL. Die SHA-256 ist "
        "auch das ETag; Downloads lassen sich fortsetzen (Range).",
        "Every file has an immutable versioned URL and a stable latest URL. The SHA-256 is also the ETag; "
        "downloads can be resumed (Range).",
    ),
    "dumps.file": ("Datei", "File"),
    "dumps.format": ("Format", "Format"),
    "dumps.media_type": ("Medientyp", "Media type"),
    "dumps.bytes": ("Bytes", "Bytes"),
    "dumps.latest": ("Neueste", "Latest"),
    # contested facts (templates/_claims.html)
    "claims.tie": ("kein Wert veröffentlicht: die Dokumente widersprechen sich",
                   "no value published: the documents disagree"),
    "claims.disagree": ("{n} Dokument widerspricht", "{n} document disagrees"),
    "claims.disagree_plural": ("{n} Dokumente widersprechen sich", "{n} documents disagree"),
    "claims.say_this": ("{n} Dokument sagt das", "{n} document says this"),
    "claims.say_this_plural": ("{n} Dokumente sagen das", "{n} documents say this"),
    "claims.say_otherwise": ("{n} sagt etwas anderes", "{n} says otherwise"),
    "claims.say_otherwise_plural": ("{n} sagen etwas anderes", "{n} say otherwise"),
    "claims.rank_preferred": ("bevorzugt", "preferred"),
    "claims.rank_normal": ("normal", "normal"),
    "claims.rank_deprecated": ("veraltet", "deprecated"),
    # the query page (/sparql); sparql.editor_* are also handed to static/sparql-page.js
    "sparql.title": ("SPARQL-Endpunkt", "SPARQL endpoint"),
    "sparql.intro": (
        "SPARQL-1.1-Abfragen, nur lesend, über das Release {version}. Der Standardgraph vereint alle {graphs} "
        "benannten Graphen (einen je Quelldokument, dazu die Normdaten und die Ontologie); mit GRAPH lässt "
        "sich fragen, welches Dokument was sagt.",
        "Read-only SPARQL 1.1 queries over release {version}. The default graph is the union of all {graphs} "
        "named graphs (one per source document, plus the authority data and the ontology); use GRAPH to ask "
        "which document says what.",
    ),
    "sparql.limits": ("Höchstens {rows} Ergebniszeilen, {seconds} s und {chars} Zeichen je Abfrage.",
                      "At most {rows} result rows, {seconds} s and {chars} characters per query."),
    "sparql.known_prefixes": ("Ohne Deklaration bekannte Präfixe:", "Prefixes that need no declaration:"),
    "sparql.machines": ("Für Programme: {get} oder {post};", "Machine clients: {get} or {post};"),
    "sparql.service_description": ("Dienstbeschreibung", "service description"),
    "sparql.query": ("Abfrage", "Query"),
    "sparql.result_format": ("Ergebnisformat", "Result format"),
    "sparql.html_table": ("HTML-Tabelle", "HTML table"),
    "sparql.graph_forms": ("(CONSTRUCT, DESCRIBE)", "(CONSTRUCT, DESCRIBE)"),
    "sparql.run": ("Abfrage ausführen", "Run query"),
    "sparql.error": ("Fehler", "Error"),
    "sparql.results": ("Ergebnisse", "Results"),
    "sparql.rows": ("{n} Zeile", "{n} row"),
    "sparql.rows_plural": ("{n} Zeilen", "{n} rows"),
    "sparql.keys": ("Strg+Enter (⌘+Enter) führt die Abfrage aus, Strg+Leertaste ergänzt Präfixe und Variablen.",
                    "Ctrl+Enter (⌘+Enter) runs the query, Ctrl+Space completes prefixes and variables."),
    "sparql.download": ("Herunterladen:", "Download:"),
    "sparql.examples": ("Kompetenzfragen", "Competency questions"),
    "sparql.edit": ("Bearbeiten", "Edit"),
    "sparql.run_example": ("Ausführen", "Run"),
    "sparql.no_examples": ("Keine Beispielabfragen installiert ({path}).", "No example queries are installed ({path})."),
    "sparql.editor_downloading": ("Wird geladen …", "Downloading…"),
    "sparql.editor_download_failed": ("Download fehlgeschlagen:", "Download failed:"),
    # YASGUI's own controls (English in yasgui.min.js; sparql-page.js swaps the English for these)
    "sparql.widget_table": ("Tabelle", "Table"),
    "sparql.widget_response": ("Antwort", "Response"),
    "sparql.widget_simple_view": ("Einfache Ansicht", "Simple view"),
    "sparql.widget_ellipse": ("Kürzen", "Ellipse"),
    "sparql.widget_filter": ("Ergebnisse filtern", "Filter query results"),
    "sparql.widget_page_size": ("Zeilen je Seite: ", "Page size: "),
    "sparql.widget_summary": ("{n} Ergebnisse in {s} s", "{n} results in {s} s"),
    "sparql.widget_info": ("Zeilen _START_ bis _END_ von _TOTAL_", "Showing _START_ to _END_ of _TOTAL_ entries"),
    "sparql.widget_info_empty": ("Keine Zeilen", "Showing 0 to 0 of 0 entries"),
    "sparql.widget_info_filtered": ("(gefiltert aus _MAX_)", "(filtered from _MAX_ total entries)"),
    "sparql.widget_no_match": ("Keine passenden Zeilen", "No matching records found"),
    "sparql.widget_empty": ("Keine Ergebnisse", "No data available in table"),
    # error pages
    "error.back": ("Zur Startseite", "Back to the start page"),
    "error.try_search": ("Vielleicht hilft die Suche:", "Perhaps a search helps:"),
    "error.offered": ("Angebotene Formate:", "Offered formats:"),
    "error.title_400": ("Ungültige Anfrage", "Bad Request"),
    "error.title_404": ("Nicht gefunden", "Not Found"),
    "error.title_405": ("Methode nicht erlaubt", "Method Not Allowed"),
    "error.title_406": ("Kein passendes Format", "Not Acceptable"),
    "error.title_413": ("Anfrage zu groß", "Content Too Large"),
    "error.title_500": ("Interner Fehler", "Internal Server Error"),
    "error.title_503": ("Vorübergehend nicht verfügbar", "Service Unavailable"),
    # catalogue and VoID views
    "meta.catalog_title": ("DCAT-AP.de-Katalog", "DCAT-AP.de catalogue"),
    "meta.void_title": ("VoID-Beschreibung", "VoID description"),
    "meta.sd_title": ("SPARQL-Dienstbeschreibung", "SPARQL service description"),
    "meta.as_rdf": ("Maschinenlesbar als", "Machine-readable as"),
    "meta.datasets": ("Datensätze", "Datasets"),
    "meta.distributions": ("Distributionen", "Distributions"),
    "meta.subsets": ("Teilmengen", "Subsets"),
    "meta.resource": ("Ressource", "Resource"),
}


def choose(
    requested: str | None, cookie: str | None, accept_languages: Iterable[tuple[str, float]], default: str
) -> str:
    """The language of a page (see the module docstring). ``accept_languages`` is the parsed
    header, best first (werkzeug's ``request.accept_languages``)."""
    for candidate in (requested, cookie):
        if candidate in LANGUAGES:
            return candidate
    for value, quality in accept_languages:
        primary = value.split("-")[0].lower()
        if quality > 0 and primary in LANGUAGES:
            return primary
        if quality > 0 and primary == "*":
            break
    return default if default in LANGUAGES else LANGUAGES[0]


class Translator:
    """``t("key", **values)`` in templates: the phrase in the page's language."""

    def __init__(self, lang: str, messages: Mapping[str, tuple[str, str]] = MESSAGES):
        self.lang = lang
        self._index = LANGUAGES.index(lang)
        self._messages = messages

    def __call__(self, key: str, **values: object) -> str:
        text = self._messages[key][self._index]
        return text.format(**values) if values else text

    def html(self, key: str, **values: object) -> Markup:
        """The phrase as HTML: its text escaped, values that are ``Markup`` (links) kept."""
        return Markup(escape(self._messages[key][self._index])).format(**values)

    def plural(self, key: str, n: int, **values: object) -> str:
        """The ``key`` phrase for one, ``key_plural`` for any other count (both languages agree)."""
        return self(key if n == 1 else key + "_plural", n=n, **values)

    def number(self, n: int) -> str:
        """A count as the language writes it: ``1.234`` in German, ``1,234`` in English."""
        text = f"{n:,}"
        return text.replace(",", ".") if self.lang == "de" else text

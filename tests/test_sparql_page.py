"""The SPARQL query page in a real browser (Debian chromium, playwright).

With JavaScript the page is YASGUI's editor (bundled from the npm registry by ``make setup``, no
CDN): syntax highlighting, prefix completion, Ctrl+Enter runs, results with prefixed names and
links that open on this server, a download in each result format; under the site's CSP and at
1280 and 390 px. Without JavaScript the plain form does the same job server-side. The twelve
competency questions (``queries/cq*.rq``) are the examples of both. Every request the browser
makes must go to this server.
"""

from __future__ import annotations

import json
import re
import time

import pytest
import test_sparql_support as support
from test_browser import CHROMIUM, SCREENSHOTS, shoot

from sccon_ld.web import sparql_editor
from sccon_ld.web.sparql import examples

dumps_release, dumps_server = support.dumps_release, support.dumps_server  # shared fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Debian chromium at {CHROMIUM} (make browser)"),
]
needs_editor = pytest.mark.skipif(not sparql_editor.installed(),
                                  reason="needs YASGUI's files in sccon_ld/web/static/vendor (make setup)")

EVENT_TYPES = "SELECT ?event ?type WHERE { ?event a ?type . FILTER(?type = schema:Event) } ORDER BY ?event"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page plus what it did: every URL requested and every console error (CSP reports land there)."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.page.set_default_timeout(15000)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"{m.text} at {m.location}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def only_local(self, server) -> bool:
        return all(url.startswith((server.url + "/", "blob:" + server.url + "/")) for url in self.requests)


def _open(browser, width: int, javascript: bool = True, locale: str = "en-GB") -> Watched:
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript,
                                  accept_downloads=True, locale=locale)
    return Watched(context)


@pytest.fixture
def wide(browser):
    w = _open(browser, 1280)
    yield w
    w.context.close()


@pytest.fixture
def narrow(browser):
    w = _open(browser, 390)
    yield w
    w.context.close()


@pytest.fixture
def plain(browser):
    w = _open(browser, 1280, javascript=False)
    yield w
    w.context.close()


def editor_ready(pg) -> None:
    pg.wait_for_selector("#sparql-editor[data-ready=true] .CodeMirror")


def type_query(pg, text: str) -> None:
    """Replace the editor's text by typing, as a person does (autocompletion may pop up)."""
    pg.locator("#sparql-editor .CodeMirror").click()
    pg.keyboard.press("Control+A")
    pg.keyboard.press("Delete")
    pg.keyboard.insert_text(text)


def no_page_scroll(pg) -> bool:
    """Nothing sticks out sideways: wide tables and the editor scroll inside themselves."""
    return pg.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def editor_text(pg) -> str:
    return pg.evaluate("document.querySelector('#sparql-editor .CodeMirror').CodeMirror.getValue()")


def result_rows(pg) -> list[str]:
    pg.wait_for_selector("#sparql-editor .sparql-editor-results table.dataTable tbody tr td a, "
                         "#sparql-editor .sparql-editor-results .dataTables_empty")
    return pg.locator("#sparql-editor .sparql-editor-results table.dataTable tbody tr").all_inner_texts()


# ---------------------------------------------------------------- with JavaScript: YASGUI


@needs_editor
def test_editor_replaces_the_form_and_highlights(dumps_server, wide):
    pg = wide.page
    pg.goto(dumps_server.url + "/sparql")
    editor_ready(pg)
    assert pg.locator("form.sparql").is_hidden()
    assert editor_text(pg).startswith("# CQ1:")
    # syntax highlighting: CodeMirror's SPARQL mode marks keywords, variables and comments
    for token in ("keyword", "atom", "comment"):
        assert pg.locator(f"#sparql-editor .CodeMirror-code .cm-{token}").count() > 0, token
    titles = pg.locator(".sparql-examples li summary").all_inner_texts()
    assert len(titles) == len(examples()) == 12
    assert wide.only_local(dumps_server), wide.requests
    assert wide.errors == []  # no CSP violation, no script error
    shoot(pg, "sparql-editor-1280")


@needs_editor
def test_typed_query_runs_with_the_key_and_shows_prefixed_names_and_links(dumps_server, wide):
    pg = wide.page
    pg.goto(dumps_server.url + "/sparql")
    editor_ready(pg)
    type_query(pg, EVENT_TYPES)
    pg.keyboard.press("Control+Enter")
    found = result_rows(pg)
    assert len(found) == 3 and all("schema:Event" in row for row in found)  # prefixed, not <https://…>
    assert "https://schema.org/Event" not in " ".join(found)
    link = pg.locator("#sparql-editor table.dataTable a.iri", has_text="sccon-2023").first
    assert link.get_attribute("href") == "/id/event/sccon-2023"  # a dataset IRI opens here
    shoot(pg, "sparql-editor-results-1280")
    link.click()
    pg.wait_for_load_state()
    assert pg.url == dumps_server.url + "/doc/event/sccon-2023.html"
    assert wide.only_local(dumps_server), wide.requests
    assert wide.errors == []


@needs_editor
def test_prefix_completion_offers_the_endpoints_prefixes(dumps_server, wide):
    pg = wide.page
    pg.goto(dumps_server.url + "/sparql")
    editor_ready(pg)
    type_query(pg, "")
    pg.keyboard.type("PREFIX scc")
    pg.keyboard.press("Control+Space")
    hints = pg.locator(".CodeMirror-hints li")
    hints.first.wait_for()
    assert any(h.startswith("sccon: <https://w3id.org/sccon/ontology#>") for h in hints.all_inner_texts())
    pg.keyboard.press("Enter")
    assert editor_text(pg).startswith("PREFIX sccon: <https://w3id.org/sccon/ontology#>")
    assert wide.only_local(dumps_server), wide.requests


def _download(pg, label: str) -> tuple[str, str]:
    with pg.expect_download() as info:
        pg.locator(f"#sparql-editor .sparql-downloads button[data-label='{label}']").click()
    download = info.value
    return download.suggested_filename, open(download.path(), encoding="utf-8").read()


@needs_editor
def test_downloads_in_each_result_format(dumps_server, wide):
    pg = wide.page
    pg.goto(dumps_server.url + "/sparql")
    editor_ready(pg)
    type_query(pg, EVENT_TYPES)
    visible = pg.locator("#sparql-editor .sparql-downloads button:visible").all_inner_texts()
    assert visible == ["JSON", "XML", "CSV", "TSV"]
    name, text = _download(pg, "JSON")
    assert name == "query-result.srj" and len(json.loads(text)["results"]["bindings"]) == 3
    name, text = _download(pg, "XML")
    assert name == "query-result.srx" and text.count("<result>") == 3
    name, text = _download(pg, "CSV")
    assert name == "query-result.csv" and text.splitlines()[0] == "event,type" and len(text.splitlines()) == 4
    name, text = _download(pg, "TSV")
    assert name == "query-result.tsv" and text.splitlines()[0] == "?event\t?type"
    type_query(pg, "CONSTRUCT { ?e a schema:Event } WHERE { ?e a schema:Event }")
    visible = pg.locator("#sparql-editor .sparql-downloads button:visible").all_inner_texts()
    assert visible == ["Turtle", "JSON-LD", "N-Triples", "RDF/XML"]
    name, text = _download(pg, "N-Triples")
    assert name == "query-result.nt" and len(text.strip().splitlines()) == 3
    name, text = _download(pg, "Turtle")
    assert name == "query-result.ttl" and "sccon-2023" in text
    name, text = _download(pg, "JSON-LD")
    assert name == "query-result.jsonld" and json.loads(text)
    name, text = _download(pg, "RDF/XML")
    assert name == "query-result.rdf" and "rdf:RDF" in text
    assert wide.only_local(dumps_server), wide.requests
    assert wide.errors == []


@needs_editor
def test_an_example_runs_in_the_editor(dumps_server, wide):
    pg = wide.page
    pg.goto(dumps_server.url + "/sparql")
    editor_ready(pg)
    sixth = pg.locator(".sparql-examples li").nth(5)
    sixth.locator("summary").click()
    sixth.locator("a", has_text="Run").click()
    found = result_rows(pg)
    assert len(found) == 1
    assert editor_text(pg).startswith("# CQ6:")
    assert pg.url == dumps_server.url + "/sparql"  # ran in place, no page load
    assert wide.errors == []


@needs_editor
def test_the_page_holds_at_390_px(dumps_server, narrow):
    pg = narrow.page
    pg.goto(dumps_server.url + "/sparql")
    editor_ready(pg)
    type_query(pg, EVENT_TYPES)
    pg.keyboard.press("Control+Enter")
    assert len(result_rows(pg)) == 3
    time.sleep(0.2)  # DataTables settles its column widths
    shoot(pg, "sparql-editor-results-390")
    assert pg.evaluate("(m => m.scrollWidth <= m.clientWidth)(document.querySelector('main'))")
    assert no_page_scroll(pg)
    assert narrow.errors == []


# ---------------------------------------------------------------- without JavaScript: the form


def test_page_lists_the_twelve_competency_questions(dumps_server, plain):
    pg = plain.page
    pg.goto(dumps_server.url + "/sparql")
    titles = pg.locator(".sparql-examples li summary").all_inner_texts()
    assert len(titles) == len(examples()) == 12
    assert titles[0].startswith("CQ1:") and titles[11].startswith("CQ12:")
    assert pg.locator("textarea#sparql-query").input_value().startswith("# CQ1:")
    assert plain.only_local(dumps_server), plain.requests


def rows(pg) -> list[str]:
    return pg.locator(".sparql-results table tbody tr").all_inner_texts()


def test_running_an_example_shows_a_result_table(dumps_server, plain):
    pg = plain.page
    pg.goto(dumps_server.url + "/sparql")
    first = pg.locator(".sparql-examples li").first
    first.locator("summary").click()
    first.locator("a", has_text="Run").click()
    pg.wait_for_load_state()
    assert pg.locator(".sparql-results table thead th").first.inner_text() == "?edition"
    found = rows(pg)
    assert len(found) == 2 and any("Smart Country Convention 2023" in r for r in found)
    shoot(pg, "sparql-example-cq1")
    pg.locator(".sparql-results a[href='/id/event/sccon-2023']").first.click()
    pg.wait_for_load_state()
    assert pg.url == dumps_server.url + "/doc/event/sccon-2023.html"  # dataset IRIs open on this server
    assert plain.only_local(dumps_server), plain.requests


def test_an_example_loaded_into_the_editor_runs_from_the_form(dumps_server, plain):
    pg = plain.page
    pg.goto(dumps_server.url + "/sparql")
    sixth = pg.locator(".sparql-examples li").nth(5)
    sixth.locator("summary").click()
    sixth.locator("a", has_text="Edit").click()
    pg.wait_for_load_state()
    editor = pg.locator("textarea#sparql-query")
    assert editor.input_value().startswith("# CQ6:")
    pg.locator("form.sparql button[type=submit]").click()
    pg.wait_for_load_state()
    assert pg.locator(".sparql-results table thead th").all_inner_texts() == [
        "?rank", "?recipient", "?recipientName"]
    assert len(rows(pg)) == 1
    editor.fill("SELECT * {")  # a broken query: an error on the page, not a crash
    pg.locator("form.sparql button[type=submit]").click()
    pg.wait_for_load_state()
    assert "syntax error" in pg.locator(".sparql-error").inner_text()


def test_ask_from_the_form(dumps_server, plain):
    pg = plain.page
    pg.goto(dumps_server.url + "/sparql")
    pg.locator("textarea#sparql-query").fill("ASK { <https://w3id.org/sccon/id/event/sccon-2023> ?p ?o }")
    pg.locator("form.sparql button[type=submit]").click()
    pg.wait_for_load_state()
    assert pg.locator(".sparql-results .boolean").inner_text() == "true"
    shoot(pg, "sparql-ask")


def test_form_results_show_prefixed_names_and_fit_390_px(dumps_server, browser):
    w = _open(browser, 390, javascript=False)
    try:
        pg = w.page
        pg.goto(dumps_server.url + "/sparql")
        pg.locator("textarea#sparql-query").fill(EVENT_TYPES)
        pg.locator("form.sparql button[type=submit]").click()
        pg.wait_for_load_state()
        types = pg.locator(".sparql-results tbody td:nth-child(2) a")
        assert types.all_inner_texts() == ["schema:Event"] * 3
        assert types.first.get_attribute("title") == "https://schema.org/Event"
        assert pg.evaluate("(m => m.scrollWidth <= m.clientWidth)(document.querySelector('main'))")
        assert no_page_scroll(pg)
        shoot(pg, "sparql-form-results-390")
    finally:
        w.context.close()


@needs_editor
def test_ask_and_construct_run_in_the_editor(dumps_server, wide):
    pg = wide.page
    pg.goto(dumps_server.url + "/sparql")
    editor_ready(pg)
    type_query(pg, "ASK { ?e a schema:Event }")
    pg.keyboard.press("Control+Enter")
    assert pg.locator("#sparql-editor .sparql-editor-results .booleanResult").inner_text(timeout=15000).strip() \
        .lower().startswith("true")
    type_query(pg, "CONSTRUCT { ?e a schema:Event } WHERE { ?e a schema:Event }")
    pg.keyboard.press("Control+Enter")
    found = result_rows(pg)
    assert len(found) == 3 and all("schema:Event" in row for row in found)
    assert wide.only_local(dumps_server), wide.requests
    assert wide.errors == []


@pytest.mark.parametrize("locale, lang, title, run", [("de-DE", "de", "SPARQL-Endpunkt", "Ausführen"),
                                                      ("en-GB", "en", "SPARQL endpoint", "Run")])
def test_the_page_speaks_the_browsers_language(dumps_server, browser, locale, lang, title, run):
    w = _open(browser, 1280, locale=locale)
    try:
        pg = w.page
        pg.goto(dumps_server.url + "/sparql")
        assert pg.locator("html").get_attribute("lang") == lang
        assert pg.locator("h1").inner_text() == title
        first = pg.locator(".sparql-examples li").first
        first.locator("summary").click()
        assert first.locator("a[data-action=run]").inner_text() == run
        if sparql_editor.installed():
            editor_ready(pg)
            type_query(pg, EVENT_TYPES)
            pg.keyboard.press("Control+Enter")
            assert len(result_rows(pg)) == 3
            results = pg.locator("#sparql-editor .sparql-editor-results")
            chip = results.locator(".yasr_response_chip").inner_text()
            tabs = results.locator(".yasr_btn span").all_inner_texts()
            info = results.locator(".dt-info, .dataTables_info").first.inner_text()
            if lang == "de":  # YASGUI's own controls follow the page language too
                assert re.fullmatch(r"3 Ergebnisse in [\d,]+ s", chip), chip
                assert tabs == ["Tabelle", "Antwort"] and info == "Zeilen 1 bis 3 von 3"
                assert results.locator("input.tableFilter").get_attribute("placeholder") == "Ergebnisse filtern"
            else:
                assert chip.startswith("3 results in") and tabs == ["Table", "Response"]
                assert info == "Showing 1 to 3 of 3 entries"
            shoot(pg, f"sparql-editor-{lang}-1280")
        assert w.errors == []
    finally:
        w.context.close()

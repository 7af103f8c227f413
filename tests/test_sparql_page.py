"""The SPARQL query page in a real browser (Debian chromium, playwright): examples run, tables show.

The twelve competency questions (``queries/cq*.rq``) are the page's examples; a person can run
one as it is, or load it into the editor and submit the form. Every request the browser makes
must go to this server: the page works without any CDN.
"""

from __future__ import annotations

import pytest
import test_browser
import test_sparql_support as support
from test_browser import CHROMIUM, shoot

from sccon_ld.web.sparql import examples

dumps_release, dumps_server = support.dumps_release, support.dumps_server  # shared fixtures
page = test_browser.page  # the chromium page fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Debian chromium at {CHROMIUM} (make browser)"),
]


@pytest.fixture
def requests_seen(page) -> list[str]:
    """Every URL the browser requests while the test runs."""
    seen: list[str] = []

    def record(request) -> None:
        seen.append(request.url)

    page.on("request", record)
    yield seen
    page.remove_listener("request", record)


def rows(pg) -> list[str]:
    return pg.locator(".sparql-results table tbody tr").all_inner_texts()


def test_page_lists_the_twelve_competency_questions(dumps_server, page, requests_seen):
    page.goto(dumps_server.url + "/sparql")
    titles = page.locator(".sparql-examples li summary").all_inner_texts()
    assert len(titles) == len(examples()) == 12
    assert titles[0].startswith("CQ1:") and titles[11].startswith("CQ12:")
    assert page.locator("textarea#sparql-query").input_value().startswith("# CQ1:")
    assert requests_seen and all(url.startswith(dumps_server.url + "/") for url in requests_seen)


def test_running_an_example_shows_a_result_table(dumps_server, page, requests_seen):
    page.goto(dumps_server.url + "/sparql")
    first = page.locator(".sparql-examples li").first
    first.locator("summary").click()
    first.locator("a", has_text="Run").click()
    page.wait_for_load_state()
    assert page.locator(".sparql-results table thead th").first.inner_text() == "?edition"
    found = rows(page)
    assert len(found) == 2 and any("Smart Country Convention 2023" in r for r in found)
    shoot(page, "sparql-example-cq1")
    page.locator(".sparql-results a", has_text="https://w3id.org/sccon/id/event/sccon-2023").first.click()
    page.wait_for_load_state()
    assert page.url == dumps_server.url + "/doc/event/sccon-2023.html"  # dataset IRIs open on this server
    assert all(url.startswith(dumps_server.url + "/") for url in requests_seen)


def test_an_example_loaded_into_the_editor_runs_from_the_form(dumps_server, page):
    page.goto(dumps_server.url + "/sparql")
    sixth = page.locator(".sparql-examples li").nth(5)
    sixth.locator("summary").click()
    sixth.locator("a", has_text="Edit").click()
    page.wait_for_load_state()
    editor = page.locator("textarea#sparql-query")
    assert editor.input_value().startswith("# CQ6:")
    page.locator("form.sparql button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".sparql-results table thead th").all_inner_texts() == [
        "?rank", "?recipient", "?recipientName"]
    assert len(rows(page)) == 1
    editor.fill("SELECT * {")  # a broken query: an error on the page, not a crash
    page.locator("form.sparql button[type=submit]").click()
    page.wait_for_load_state()
    assert "syntax error" in page.locator(".sparql-error").inner_text()
    assert page.dialogs == []


def test_ask_from_the_form(dumps_server, page):
    page.goto(dumps_server.url + "/sparql")
    page.locator("textarea#sparql-query").fill(
        "ASK { <https://w3id.org/sccon/id/event/sccon-2023> ?p ?o }")
    page.locator("form.sparql button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".sparql-results .boolean").inner_text() == "true"
    shoot(page, "sparql-ask")

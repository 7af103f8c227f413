"""The HTML a person sees, in a real browser: Debian's chromium driven by playwright.

Screenshots are saved to ``test-artifacts/screenshots/`` (project root) for people to look at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
BASE = "https://w3id.org/sccon/"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Debian chromium at {CHROMIUM} (make browser)"),
]


@pytest.fixture(scope="module")
def page():
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.set_default_timeout(15000)
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs
        yield pg
        context.close()
        browser.close()


def shoot(pg, name: str) -> None:
    pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def embedded_jsonld(pg) -> dict:
    return json.loads(pg.locator('script[type="application/ld+json"]').text_content())


def test_landing_page(live_server, page):
    page.goto(live_server.url + "/")
    assert "Smart Country Convention" in page.title()
    assert page.locator("figure.chart svg").count() == 3
    assert page.locator("figure.chart rect.bar").count() >= 2
    assert page.locator("table.editions tbody tr").count() == 2
    assert page.locator('a[href="/sparql"]').count() >= 1
    shoot(page, "landing")


def test_edition_page_follows_303_and_embeds_jsonld(live_server, page):
    page.goto(live_server.url + "/id/event/sccon-2023")
    assert page.url == live_server.url + "/doc/event/sccon-2023.html"
    assert page.locator("h1").inner_text() == "Smart Country Convention 2023"
    facts = page.locator(".key-facts").inner_text()
    for text in ("2023-11-07", "2023-11-09", "Berlin", "15,000", "Ukraine", "Messe Berlin"):
        assert text in facts
    data = embedded_jsonld(page)
    event = next(n for n in data["@graph"] if n["@id"] == BASE + "id/event/sccon-2023")
    assert event["@type"] == "Event" and event["name"] == "Smart Country Convention 2023"
    shoot(page, "edition-2023")


def test_person_page_and_following_a_link(live_server, page):
    page.goto(live_server.url + "/id/person/nancy-faeser")
    assert page.locator("h1").inner_text() == "Nancy Faeser"
    assert "Bundesinnenministerin" in page.locator(".key-facts").inner_text()
    assert "Die Ideen sind da." in page.locator(".quotes").inner_text()
    shoot(page, "person-nancy-faeser")
    page.locator(".key-facts a", has_text="Bundesministerium des Innern").first.click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/doc/organization/bmi.html"
    assert page.locator("h1").inner_text() == "Bundesministerium des Innern und für Heimat"
    shoot(page, "organization-bmi")


def test_script_in_a_literal_does_not_run(live_server, page):
    page.goto(live_server.url + "/doc/document/pm-2023.html")
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert page.dialogs == []
    data = embedded_jsonld(page)
    doc = next(n for n in data["@graph"] if n["@id"] == BASE + "id/document/pm-2023")
    assert doc["headline"] == "SCCON 2023 endet mit Rekord <script>alert(1)</script>"
    shoot(page, "document-with-script-literal")


def test_search_by_label(live_server, page):
    page.goto(live_server.url + "/")
    page.fill("#q", "faeser")
    page.locator("form.search.big button").click()
    page.wait_for_load_state()
    assert "/search?q=faeser" in page.url
    page.locator("ol.hits a", has_text="Nancy Faeser").click()
    page.wait_for_load_state()
    assert page.url.endswith("/doc/person/nancy-faeser.html")

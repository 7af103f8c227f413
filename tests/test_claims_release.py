"""Claims resolved, every claim kept, end to end: ``sccon-ld build`` on the project's own corpus
(where documents disagree on the 2020 edition's last day), served on loopback.

The build's printed output and summary.json list the conflict; the entity page shows the resolved
value with "n documents say this, m say otherwise" and the alternatives one click away; SPARQL on
the default graph gives one value, the document graphs still hold every claim, with their ranks.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from conftest import FIXTURES, LiveServer
from rdflib import Literal, Namespace

from sccon_ld import vocab
from sccon_ld.iris import IRIs

XSD = Namespace(vocab.XSD)

CORPUS_DOCS = FIXTURES / "corpus" / "docs"
IRIS = IRIs("https://w3id.org/sccon/")
EDITION = IRIS.edition(2020)
PREFIXES = f"""PREFIX schema: <https://schema.org/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX sccon: <{IRIS.ontology}>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
SRJ = "application/sparql-results+json"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A release of the corpus made by the command a user runs, and what it printed."""
    out = tmp_path_factory.mktemp("claims-releases")
    run = subprocess.run(
        [sys.executable, "-m", "sccon_ld.cli", "build", "--sources", str(CORPUS_DOCS), "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr
    return out, run.stdout


@pytest.fixture(scope="module")
def server(built):
    from sccon_ld.web.app import create_app

    with LiveServer(create_app(releases_dir=built[0])) as live:
        yield live


def select(server, query: str) -> list[dict[str, str]]:
    r = requests.get(server.url + "/sparql", params={"query": PREFIXES + query}, headers={"Accept": SRJ},
                     timeout=30)
    assert r.status_code == 200, r.text
    return [{k: v["value"] for k, v in row.items()} for row in r.json()["results"]["bindings"]]


def end_date_conflict(summary: dict) -> dict:
    found = [d for d in summary["claims"]["decisions"]
             if d["subject"] == str(EDITION) and d["property"].endswith("endDate")]
    assert len(found) == 1, summary["claims"]
    return found[0]


def test_the_build_prints_and_summarises_each_conflict_and_its_decision(built):
    out, printed = built
    summary = json.loads((out / "current" / "summary.json").read_text(encoding="utf-8"))
    decision = end_date_conflict(summary)
    assert decision["rule"] == "after-event"  # a document published years later against an announcement
    winner = next(o for o in decision["options"] if o["won"])
    loser = next(o for o in decision["options"] if not o["won"])
    assert decision["published"] == winner["values"] and winner["values"] != loser["values"]
    assert summary["claims"]["conflicts"] == len(summary["claims"]["decisions"]) >= 1
    assert "conflicts:" in printed
    line = next(li for li in printed.splitlines() if "sccon-2020 endDate" in li)
    assert f"-> {winner['values'][0]} by after-event" in line


def test_the_default_graph_holds_one_value_where_documents_disagree(built, server):
    summary = json.loads((built[0] / "current" / "summary.json").read_text(encoding="utf-8"))
    winner = next(o for o in end_date_conflict(summary)["options"] if o["won"])["values"]
    rows = select(server, f"SELECT ?d WHERE {{ <{EDITION}> schema:endDate ?d }}")
    assert [r["d"] for r in rows] == winner


def test_the_document_graphs_keep_every_claim_with_its_rank(built, server):
    summary = json.loads((built[0] / "current" / "summary.json").read_text(encoding="utf-8"))
    decision = end_date_conflict(summary)
    rows = select(server, f"""SELECT ?d ?g ?rank ?other WHERE {{ GRAPH ?g {{
        ?st rdf:subject <{EDITION}> ; rdf:predicate schema:endDate ; rdf:object ?d ; sccon:claimRank ?rank .
        OPTIONAL {{ ?st sccon:competesWith ?other }} }} }}""")
    claimed = {(r["d"], r["g"].rsplit("/", 1)[-1]) for r in rows}
    expected = {(v, d.rsplit("/", 1)[-1]) for o in decision["options"] for v in o["values"] for d in o["documents"]}
    assert claimed == expected
    ranks = {r["d"]: r["rank"].rsplit("#", 1)[-1] for r in rows}
    for option in decision["options"]:
        assert ranks[option["values"][0]] == ("PreferredRank" if option["won"] else "DeprecatedRank")
    assert all(r.get("other") for r in rows)  # each names the claims it competes with
    loser = Literal(next(o for o in decision["options"] if not o["won"])["values"][0], datatype=XSD.date)
    reason = select(server, f"""SELECT ?why WHERE {{ GRAPH ?g {{ ?st rdf:subject <{EDITION}> ;
        rdf:predicate schema:endDate ; rdf:object {loser.n3()} ; sccon:rankReason ?why }} }}""")
    assert reason and "after-event" in reason[0]["why"]


def test_uncontested_statements_are_ranked_normal(server):
    rows = select(server, """SELECT (COUNT(?st) AS ?all) (SUM(IF(?rank = sccon:NormalRank, 1, 0)) AS ?normal)
        WHERE { GRAPH ?g { ?st a rdf:Statement . OPTIONAL { ?st sccon:claimRank ?rank } } }""")
    total, normal = int(rows[0]["all"]), int(rows[0]["normal"])
    unranked = select(server, "SELECT ?st WHERE { GRAPH ?g { ?st a rdf:Statement "
                              "FILTER NOT EXISTS { ?st sccon:claimRank ?r } } } LIMIT 3")
    assert unranked == [] and 0 < total - 2 <= normal < total


def test_the_entity_page_shows_the_resolved_value_and_the_alternatives(built, server):
    summary = json.loads((built[0] / "current" / "summary.json").read_text(encoding="utf-8"))
    decision = end_date_conflict(summary)
    winner = next(o for o in decision["options"] if o["won"])
    loser = next(o for o in decision["options"] if not o["won"])
    r = requests.get(server.url + "/doc/event/sccon-2020", headers={"Accept": "text/html", "Accept-Language": "en"},
                     timeout=30)
    assert r.status_code == 200
    html = r.text
    n, m = len(winner["documents"]), len(loser["documents"])
    says = f"{n} document{'s' * (n != 1)} say{'s' * (n == 1)} this, {m} say{'s' * (m == 1)} otherwise"
    assert says in html
    block = html[html.index('<details class="claims">'):]
    block = block[: block.index("</details>")]
    assert winner["values"][0] in block and loser["values"][0] in block
    assert "deprecated" in block and "preferred" in block


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Debian chromium at {CHROMIUM} (make browser)")
def test_the_alternatives_are_one_click_away_in_a_browser(built, server):
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    summary = json.loads((built[0] / "current" / "summary.json").read_text(encoding="utf-8"))
    loser = next(o for o in end_date_conflict(summary)["options"] if not o["won"])["values"][0]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.set_default_timeout(15000)
            page.goto(server.url + "/doc/event/sccon-2020")
            alternative = page.locator("details.claims li.claim-deprecated").first
            assert not alternative.is_visible()  # folded away: the page leads with the resolved value
            page.locator("details.claims summary").first.click()
            assert alternative.is_visible() and loser in alternative.inner_text()
        finally:
            browser.close()


def test_a_tie_shows_no_value_and_every_alternative(tmp_path):
    """Two documents, one figure each, no rule decides: the page says so and lists both."""
    from conftest import sorted_nquads
    from test_claims import OTHER, SCCON, Corpus, dates, integer

    from sccon_ld.release import claims, folders
    from sccon_ld.web.app import create_app

    corpus = Corpus()
    for slug, figure in (("erster-bericht", 17000), ("zweiter-bericht", 16000)):
        doc = corpus.document(slug, "2030-10-05", publisher=OTHER)
        dates(doc)
        doc.says(SCCON.participantCount, integer(figure))
    claims.apply_ranks(corpus.ds, claims.resolve(corpus.ds, IRIS))
    folders.publish(tmp_path, sorted_nquads(corpus.ds))
    with LiveServer(create_app(releases_dir=tmp_path)) as live:
        html = requests.get(live.url + "/doc/event/sccon-2030", headers={"Accept": "text/html", "Accept-Language": "en"},
                            timeout=30).text
    block = html[html.index('<span class="claim-resolved">'):]
    block = block[: block.index("</details>")]
    assert "no value published" in block and "2 documents disagree" in block
    assert "17,000" in block and "16,000" in block and block.count("claim-normal") == 2

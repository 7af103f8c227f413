"""``sccon-ld export-static`` served by a real nginx passes the same Cool-URI checks as the Flask app.

The export is made by the real command (a child process) for a free loopback port, then Debian's
nginx runs the generated configuration there; every check of cool_uri_checks.py runs against
both servers. The bodies nginx sends are the bytes the Flask app renders.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import cool_uri_checks as checks
import pytest
import requests
import test_sparql_support as support
from conftest import PROJECT_ROOT

from sccon_ld.release import export_static
from sccon_ld.web import negotiation, render

sys.path.insert(0, str(PROJECT_ROOT))
from benchmarks.servers import free_port  # noqa: E402
from benchmarks.static import export_site, nginx_binary, static_nginx  # noqa: E402

dumps_release, dumps_server = support.dumps_release, support.dumps_server  # shared fixtures
needs_nginx = pytest.mark.skipif(nginx_binary() is None, reason="needs nginx (Debian package nginx)")
SERVERS = ["flask", pytest.param("nginx", marks=needs_nginx)]
ENTITIES = [checks.ENTITY, "organization/bitkom", "person/nancy-faeser", "quote/pm-2023-1"]


@pytest.fixture(scope="module")
def export(dumps_release: Path, tmp_path_factory) -> tuple[Path, int]:
    port = free_port()
    return export_site(dumps_release, tmp_path_factory.mktemp("export"), port), port


@pytest.fixture(scope="module")
def nginx_url(export, tmp_path_factory) -> Iterator[str]:
    out, port = export
    with static_nginx(out, port, log=tmp_path_factory.mktemp("nginx-log") / "nginx.log") as url:
        yield url


@pytest.fixture(params=SERVERS)
def root(request) -> str:
    """The root URL of the Flask app or of nginx serving the export (same release)."""
    if request.param == "flask":
        return request.getfixturevalue("dumps_server").url
    return request.getfixturevalue("nginx_url")


@pytest.mark.parametrize("accept", checks.ACCEPTS)
def test_thing_303_per_accept(root: str, accept: str | None) -> None:
    checks.check_thing_redirects(root, checks.ENTITY, accept)


@pytest.mark.parametrize("path", ENTITIES)
def test_vapour_chain(root: str, path: str) -> None:
    for accept in (None, "application/rdf+xml", "text/html", "text/turtle;q=0.5,text/html;q=0.3"):
        checks.check_vapour_chain(root, path, accept)


@pytest.mark.parametrize("ext", list(render.BY_EXT))
def test_fixed_format_document(root: str, ext: str) -> None:
    checks.check_fixed_document(root, checks.ENTITY, ext)


@pytest.mark.parametrize("accept", checks.ACCEPTS)
def test_negotiated_document(root: str, accept: str | None) -> None:
    checks.check_negotiated_document(root, checks.ENTITY, accept)


@pytest.mark.parametrize("path", checks.UNKNOWN)
def test_unknown_entity_is_404(root: str, path: str) -> None:
    checks.check_unknown(root, path)


@pytest.mark.parametrize("path", [f"/id/{checks.ENTITY}", f"/doc/{checks.ENTITY}"])
def test_unacceptable_is_406(root: str, path: str) -> None:
    checks.check_unacceptable(root, path)


def test_conditional_get_and_alternates(root: str) -> None:
    checks.check_conditional_get(root, checks.ENTITY)
    checks.check_alternates(root, checks.ENTITY)


# ------------------------------------------------------------------ the export itself


def _root_free(text: bytes, root: str) -> bytes:
    return text.replace(root.encode(), b"ROOT")


@needs_nginx
@pytest.mark.parametrize("ext", list(render.BY_EXT))
@pytest.mark.parametrize("path", ENTITIES)
def test_bodies_are_the_apps(nginx_url: str, dumps_server, path: str, ext: str) -> None:
    """What nginx sends is what the Flask app renders (up to the server's own root URL)."""
    static = requests.get(f"{nginx_url}/doc/{path}.{ext}", timeout=10).content
    live = requests.get(f"{dumps_server.url}/doc/{path}.{ext}", timeout=10).content
    assert _root_free(static, nginx_url) == _root_free(live, dumps_server.url)


@needs_nginx
@pytest.mark.parametrize("path", ["/", "/list/event", "/context.jsonld", "/.well-known/void.ttl", "/catalog.ttl",
                                  "/dumps/latest/sccon.nq.gz", "/static/style.css"])
def test_dataset_pages_and_dumps(nginx_url: str, dumps_server, path: str) -> None:
    static = requests.get(nginx_url + path, timeout=10)
    live = requests.get(dumps_server.url + path, timeout=10)
    assert static.status_code == live.status_code == 200
    assert static.headers["Content-Type"].split(";")[0] == live.headers["Content-Type"].split(";")[0]
    assert _root_free(static.content, nginx_url) == _root_free(live.content, dumps_server.url)


@needs_nginx
def test_negotiated_void_and_dumps_listing(nginx_url: str) -> None:
    void = requests.get(nginx_url + "/.well-known/void", headers={"Accept": "application/rdf+xml"}, timeout=10)
    assert void.headers["Content-Type"] == "application/rdf+xml; charset=utf-8"
    assert "accept" in checks.vary(void) and void.headers["Access-Control-Allow-Origin"] == "*"
    listing = requests.get(nginx_url + "/dumps/", headers={"Accept": "application/json"}, timeout=10).json()
    for entry in listing["files"]:
        assert requests.head(entry["url"], timeout=10).status_code == 200, entry["url"]
    page = requests.get(nginx_url + "/dumps/", headers={"Accept": "text/html"}, timeout=10)
    assert page.headers["Content-Type"].startswith("text/html")


@needs_nginx
def test_bad_page_is_400_and_sparql_is_not_static(nginx_url: str) -> None:
    assert requests.get(f"{nginx_url}/doc/{checks.ENTITY}.ttl?page=x", timeout=10).status_code == 400
    assert requests.get(f"{nginx_url}/sparql", timeout=10).status_code == 404


def test_export_files_and_configuration(export) -> None:
    out, port = export
    site = out / "site"
    for f in render.FORMATS:
        assert (site / "doc" / "event" / f"sccon-2023.{f.ext}").is_file()
    assert f"listen 127.0.0.1:{port};" in (out / "site.conf").read_text(encoding="utf-8")
    assert str(out / "site.conf") in (out / "nginx.conf").read_text(encoding="utf-8")
    assert not list(out.glob(".site-*")), "the folder written aside was not swapped in"


@needs_nginx
def test_generated_configuration_is_valid_nginx(export, tmp_path: Path) -> None:
    out, _ = export
    result = subprocess.run([nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(out / "nginx.conf"), "-e", "stderr"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def test_bad_url_is_a_clear_error(dumps_release: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "sccon_ld.cli", "export-static", "--data", str(dumps_release),
                             "--out", str(tmp_path), "--url", "http://example.org/sub/path"],
                            capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT)
    assert result.returncode == 1
    assert "root URL" in result.stderr and "Traceback" not in result.stderr


# ------------------------------------------------------------------ negotiation in nginx


@pytest.mark.parametrize("header", [
    "text/turtle", "application/ld+json, text/html", "text/html, application/ld+json", "application/n-triples,*/*",
    "image/png, text/*", "application/*", "text/turtle;q=0, */*", "application/xhtml+xml, image/webp",
    "text/n3, application/rdf+xml", "text/turtle;charset=utf-8, text/html", "application/json", "image/*",
    "text/turtle;q=0, application/ld+json;q=0, text/html;q=0, application/n-triples;q=0, application/rdf+xml;q=0, "
    "application/xhtml+xml;q=0, application/json;q=0, */*",
])
def test_nginx_rule_matches_the_apps_without_q_preferences(header: str) -> None:
    """Where the client states no preference between offered types by q, nginx decides as the app."""
    offered = tuple(render.NEGOTIABLE)
    default = render.BY_EXT[render.DEFAULT_EXT].media_type
    assert export_static.choose_like_nginx(header, offered, default) == negotiation.choose(header, offered, default)


@needs_nginx
@pytest.mark.parametrize("header", ["application/ld+json, text/html", "image/png, text/*",
                                    "text/turtle;q=0, */*", "text/n3, application/rdf+xml", "image/*"])
def test_nginx_decides_as_its_model(nginx_url: str, header: str) -> None:
    """The generated map, run by nginx, answers what choose_like_nginx says (the regexes are PCRE-safe)."""
    offered = tuple(render.NEGOTIABLE)
    chosen = export_static.choose_like_nginx(header, offered, render.BY_EXT[render.DEFAULT_EXT].media_type)
    r = requests.get(f"{nginx_url}/id/{checks.ENTITY}", headers={"Accept": header}, allow_redirects=False, timeout=10)
    if chosen is None:
        assert r.status_code == 406
    else:
        assert r.status_code == 303
        assert re.search(rf"\.{render.NEGOTIABLE[chosen]}$", r.headers["Location"])

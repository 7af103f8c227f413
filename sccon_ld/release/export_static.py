"""``sccon-ld export-static``: the current release as static files plus an nginx configuration.

nginx serving files answers ~20x faster than any Python server, so a release can be published
without one: every entity in every format (and every page of incoming links), the landing and
list pages, the JSON-LD context, VoID, the catalogue, the dumps. The bodies are rendered by the
Flask app itself (its test client, as a browser would ask), so they are the bytes the server
sends. The generated ``site.conf`` does the same content negotiation, 303s and headers; only
the SPARQL endpoint and search need the server.

Layout of ``--out``: ``site/`` (the document root), ``site.conf`` (for nginx's http context),
``nginx.conf`` (a standalone nginx that includes it).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .. import formats as F
from .. import settings as settings_module
from ..iris import KINDS
from ..settings import Settings
from ..web import negotiation
from ..web.app import create_app
from ..web.context import CSP

TEMPLATES = Path(__file__).parent / "export"
SLUG = re.compile(r"^[a-z0-9-]+$")
DATA_SUFFIXES = tuple(f.ext for f in F.GRAPH_SYNTAXES)
IDENTITY = {"Accept-Encoding": "identity"}
# Longest fragment query string exported (its file name, with ".trig", must stay under 255 bytes).
MAX_FRAGMENT_QUERY = 240

# Accept headers of common clients, matched exactly in nginx and decided by negotiation.choose:
# browsers, command-line tools, RDF libraries, and the scenarios of the Vapour validator.
KNOWN_ACCEPT = (
    "*/*",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
    "application/signed-exchange;v=b3;q=0.7",
    "text/turtle,application/n-triples;q=0.95,application/n-quads;q=0.9,application/ld+json;q=0.9,"
    "application/rdf+xml;q=0.7,application/trig;q=0.7,*/*;q=0.5",
    "text/turtle, application/rdf+xml;q=0.9, */*;q=0.1",
    "application/rdf+xml, text/turtle;q=0.9, application/ld+json;q=0.8, */*;q=0.1",
    "application/ld+json, application/json;q=0.9, */*;q=0.1",
    "application/xhtml+xml,text/html",
    "application/rdf+xml;q=0.5,text/html;q=.3",
    "application/rdf+xml;q=0.3,text/html;q=.5",
    "application/rdf+xml,text/html",
    "text/html,application/rdf+xml",
    "application/rdf+xml;q=0.5",
    "text/html;q=0.5",
    "application/xhtml+xml;q=0.5",
    "text/turtle;q=0.5,text/html;q=0.3",
    "text/turtle;q=0.3,text/html;q=0.5",
)


class ExportError(RuntimeError):
    """The app did not answer a page the export needs."""


@dataclass
class ExportReport:
    out: Path
    version: str
    entities: int = 0
    files: int = 0
    bytes: int = 0
    skipped: int = 0
    seconds: float = 0.0


# ---------------------------------------------------------------------------- negotiation in nginx

def _q0(types: str) -> str:
    """An Accept element naming one of ``types`` with q=0 (refused)."""
    return rf"\s*(?:{types})\s*;[^,]*?q\s*=\s*0(?:\.0{{0,3}})?\s*(?=;|,|$)[^,]*"


_PARAMS_OK = r"(?:\s*;(?!\s*q\s*=\s*0(?:\.0{0,3})?\s*(?:;|,|$))[^;,]*)*"


def _fallback_regexes(offered: Sequence[str], default: str) -> list[tuple[str, str]]:
    """(regex, media type) for headers not in the table: the first listed acceptable offered type;
    else a wildcard's first offered type the client did not refuse (server order)."""
    any_offered = "|".join(re.escape(t) for t in offered)
    skip = rf"(?:(?:(?!{any_offered})[^,])*|{_q0(any_offered)})"
    out = [(rf"^(?:{skip},)*\s*{re.escape(t)}\s*{_PARAMS_OK}\s*(?:,|$)", t) for t in offered]
    for wildcard in ("text/*", "application/*", "*/*"):
        main = wildcard.split("/")[0]
        for t in offered:
            if main in ("*", t.split("/")[0]):
                refused = rf"(?!(?:^|.*,){_q0(re.escape(t))}(?:,|$))"
                out.append((rf"^{refused}(?:.*,)?\s*{re.escape(wildcard)}\s*{_PARAMS_OK}\s*(?:,|$)", t))
    return out


def choose_like_nginx(accept: str | None, offered: Sequence[str], default: str) -> str | None:
    """What the generated map answers for ``accept`` (None: 406); used to check the map."""
    if not accept:
        return default
    if accept in KNOWN_ACCEPT or accept in offered:
        return negotiation.choose(accept, offered, default)
    for regex, media_type in _fallback_regexes(offered, default):
        if re.search(regex, accept, re.IGNORECASE):
            return media_type
    return None


def nginx_map(variable: str, offered: dict[str, str], default: str) -> str:
    """An nginx ``map $http_accept $variable`` from media type to file suffix ("" means 406)."""
    types = list(offered)
    lines = [f"map $http_accept ${variable} {{", '    ""  ' + f'"{offered[default]}";']
    for accept in dict.fromkeys((*KNOWN_ACCEPT, *types)):
        chosen = negotiation.choose(accept, types, default)
        lines.append(f'    "{accept}"  "{offered[chosen] if chosen else ""}";')
    for regex, media_type in _fallback_regexes(types, default):
        lines.append(f'    "~*{regex}"  "{offered[media_type]}";')
    lines += ['    default  "";', "}"]
    return "\n".join(lines)


# ---------------------------------------------------------------------------- the site

class _Writer:
    """Writes files under the site root, counting them."""

    def __init__(self, root: Path, report: ExportReport, url: str):
        self.root = root
        self.report = report
        self.url = url  # the public root: the app renders links and Locations for it

    def write(self, rel: str, data: bytes) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.report.files += 1
        self.report.bytes += len(data)

    def fetch(self, client, url: str, rel: str, headers: dict | None = None, optional: bool = False):
        response = client.get(url, base_url=self.url, headers={**IDENTITY, **(headers or {})})
        if response.status_code != 200:
            if optional and response.status_code == 404:
                return None
            raise ExportError(f"GET {url}: HTTP {response.status_code}")
        self.write(rel, response.get_data())
        return response


def _entities(app, writer: _Writer, client) -> None:
    from ..web import render

    for info in sorted(app.extensions["sccon"].index.entities.values(), key=lambda e: e.iri):
        if info.kind not in KINDS or not SLUG.match(info.slug):
            writer.report.skipped += 1  # not served under a Cool URI by the app either
            continue
        writer.report.entities += 1
        for fmt in render.FORMATS:
            page = 1
            while page < 1_000_000:  # bounded: stops at the last page the app links to
                query = f"?page={page}" if page > 1 else ""
                suffix = f".p{page}" if page > 1 else ""
                r = writer.fetch(client, f"/doc/{info.kind}/{info.slug}.{fmt.ext}{query}",
                                 f"doc/{info.kind}/{info.slug}{suffix}.{fmt.ext}")
                if 'rel="next"' not in r.headers.get("Link", ""):
                    break
                page += 1


def _dataset_pages(app, writer: _Writer, client) -> None:
    writer.fetch(client, "/", "index.html")
    for kind in app.extensions["sccon"].index.kinds():
        writer.fetch(client, f"/list/{kind}", f"list/{kind}.html")
    writer.fetch(client, "/context.jsonld", "context.jsonld")
    for name in (".well-known/void", "catalog"):
        for suffix in DATA_SUFFIXES:
            writer.fetch(client, f"/{name}.{suffix}", f"{name}.{suffix}", optional=True)


def _dumps(app, writer: _Writer, client) -> None:
    from . import dumps

    rel = app.extensions["sccon"].store.release
    index = dumps.read_index(rel.path)
    if index is None:
        return
    writer.fetch(client, "/dumps/", "dumps/index.json", {"Accept": F.JSON.media_type})
    writer.fetch(client, "/dumps/", "dumps/index.html", {"Accept": F.HTML.media_type})
    for entry in index["files"]:
        source = rel.path / dumps.DUMPS_DIR / entry["name"]
        target = writer.root / "dumps" / index["version"] / entry["name"]
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)  # no copy of a large dump when on the same file system
        except OSError:
            shutil.copyfile(source, target)
        writer.report.files += 1
        writer.report.bytes += entry["bytes"]


def _crawl_files(app, writer: _Writer, client) -> None:
    """robots.txt, the sitemap (and its parts past the per-file limit), the change feed's pages."""
    writer.fetch(client, "/robots.txt", "robots.txt")
    sitemap = writer.fetch(client, "/sitemap.xml", "sitemap.xml")
    for n in range(1, sitemap.get_data().count(b"<sitemap>") + 1):
        writer.fetch(client, f"/sitemap-{n}.xml", f"sitemap-{n}.xml")
    accept = {"Accept": F.JSON_LD.media_type}
    if writer.fetch(client, "/changes", "changes/index.json", accept, optional=True) is not None:
        page = 1
        while writer.fetch(client, f"/changes?page={page}", f"changes/page-{page}.json", accept, optional=True):
            page += 1


def _fragments(app, writer: _Writer, client, max_triples: int) -> None:
    """Every non-empty Triple Pattern Fragment, every page, in TriG, under its canonical query
    string (the URLs the hydra controls and a URI-template client such as Comunica ask for)."""
    from ..web import fragments

    patterns = fragments.static_patterns(app.extensions["sccon"].store, max_triples)
    if patterns is None:
        writer.report.skipped += 1
        return
    for pattern in patterns:
        for page in range(1, 1_000_000):  # bounded: stops at the last page the app links to
            query = pattern.query_string(page)
            if len(query) > MAX_FRAGMENT_QUERY:  # no file name that long: nginx answers 404 for it
                writer.report.skipped += 1
                break
            name = f"fragments/{query or '_'}.trig"
            r = writer.fetch(client, "/fragments" + (f"?{query}" if query else ""), name,
                             {"Accept": F.TRIG.media_type})
            if 'rel="next"' not in r.headers.get("Link", ""):
                break


def _errors(writer: _Writer) -> None:
    from ..web.errors import problem
    from ..web.render import FORMATS

    bodies = {
        400: problem(400, "page must be a positive integer."),
        404: problem(404, "No such entity or document in this dataset."),
        406: problem(406, "None of the formats offered is acceptable.",
                        {"offered": [f.media_type for f in FORMATS]}),
    }
    for status, body in bodies.items():
        writer.write(f"_errors/{status}.json", (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode())


def _touch_all(root: Path, mtime: float) -> None:
    """Every file gets the release time, so nginx's Last-Modified is the app's."""
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (mtime, mtime))


# ---------------------------------------------------------------------------- nginx configuration

def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", value)
    left = re.findall(r"\{\{[A-Z_]+\}\}", template)
    if left:
        raise ExportError(f"unfilled placeholders in the nginx template: {left}")
    return template


def _alternates(url: str) -> str:
    from ..web.render import FORMATS

    return ", ".join(f'<{url}doc/$kind/$slug.{f.ext}$sccon_page_arg>; rel=\\"alternate\\"; type=\\"{f.media_type}\\"'
                     for f in FORMATS)


def nginx_site_conf(version: str, root: Path, url: str, listen: str, s: Settings) -> str:
    """``site.conf``: maps and the server block, for nginx's http context."""
    from ..web import dumps as web_dumps
    from ..web import fragments, render, void

    maps = [
        "# Long Accept headers are matched exactly: they need big hash buckets.",
        "map_hash_bucket_size 256;",
        nginx_map("sccon_doc_ext", render.NEGOTIABLE, render.BY_EXT[render.DEFAULT_EXT].media_type),
        nginx_map("sccon_data_ext", {**{t: e for e, t in void.SUFFIXES.items()},
                                     **{a: {v: e for e, v in void.SUFFIXES.items()}[t] for a, t in void.ALIASES.items()}},
                  F.TURTLE.media_type),
        nginx_map("sccon_listing_ext", {t: F.of(t).ext for t in web_dumps.LISTING_TYPES}, F.JSON.media_type),
    ]
    return _fill((TEMPLATES / "site.conf").read_text(encoding="utf-8"), {
        "VERSION": version, "MAPS": "\n\n".join(maps), "LISTEN": listen, "ROOT": str(root.resolve()),
        "URL": url, "KINDS": "|".join(KINDS), "EXTS": "|".join(render.BY_EXT),
        "DATA_EXTS": "|".join(DATA_SUFFIXES), "ALTERNATES": _alternates(url), "CSP": CSP,
        "MAX_AGE": str(s.server["cache_max_age"]), "GZIP_MIN": str(s.server["gzip_min_bytes"]),
        "MAX_FRAGMENT_QUERY": str(MAX_FRAGMENT_QUERY),
        "EMPTY_FRAGMENT": fragments.empty_page(url, url + "fragments?$args", int(s.fragments["page_size"])),
    })


def nginx_conf(out: Path) -> str:
    """A standalone ``nginx.conf`` including ``site.conf``; relative paths are under the prefix."""
    out = out.resolve()
    return _fill((TEMPLATES / "nginx.conf").read_text(encoding="utf-8"), {
        "PREFIX": str(out / "nginx"), "CONF": str(out / "nginx.conf"), "SITE_CONF": str(out / "site.conf")})


# ---------------------------------------------------------------------------- the command

def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") or parts.query:
        raise ExportError(f"--url must be a root URL such as http://example.org/, not {url!r}")
    return f"{parts.scheme}://{parts.netloc}/"


def export_static(releases_dir: Path | None = None, out: Path | None = None, url: str | None = None,
                  listen: str | None = None, s: Settings | None = None) -> ExportReport:
    """Write the current release of ``releases_dir`` as a static site into ``out``.

    The new site is written aside and then swapped in, so an nginx serving ``out`` never sees a
    half-written release.
    """

    started = time.perf_counter()
    s = s or settings_module.get()
    conf = s.export
    url = _check_url(url or conf["url"])
    if out is None:
        out = settings_module.resolve(conf["out"])
    app = create_app(releases_dir, s)
    version = app.extensions["sccon"].store.version
    report = ExportReport(out, version)
    out.mkdir(parents=True, exist_ok=True)
    building = out / f".site-{version}-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    writer = _Writer(building, report, url)
    client = app.test_client()
    _entities(app, writer, client)
    _dataset_pages(app, writer, client)
    _dumps(app, writer, client)
    _crawl_files(app, writer, client)
    _fragments(app, writer, client, int(conf["fragments_max_triples"]))
    _errors(writer)
    shutil.copytree(Path(app.static_folder), building / "static")
    _touch_all(building, app.extensions["sccon"].store.release.created.timestamp())
    site = out / "site"
    old = out / f".old-{os.getpid()}"
    if site.exists():
        site.rename(old)
    building.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    (out / "site.conf").write_text(nginx_site_conf(version, site, url, listen or conf["listen"], s), encoding="utf-8")
    (out / "nginx.conf").write_text(nginx_conf(out), encoding="utf-8")
    (out / "nginx").mkdir(exist_ok=True)
    report.seconds = time.perf_counter() - started
    return report


def _cmd_export(args: argparse.Namespace) -> int:
    from .folders import ReleaseError

    try:
        report = export_static(Path(args.data) if args.data else None, Path(args.out) if args.out else None,
                               args.url, args.listen)
    except (ExportError, ReleaseError) as e:
        print(f"sccon-ld: error: export failed: {e}", file=sys.stderr)
        return 1
    print(f"release {report.version} -> {report.out}/site: {report.entities} entities, {report.files} files, "
          f"{report.bytes / 1e6:.1f} MB in {report.seconds:.1f}s"
          + (f"; {report.skipped} IRIs without a Cool URI skipped" if report.skipped else ""))
    print(f"serve it: nginx -p {report.out / 'nginx'} -c {report.out / 'nginx.conf'} -e stderr -g 'daemon off;'")
    return 0


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``sccon-ld export-static [--out DIR] [--url URL] [--listen ADDR] [--data DIR]``."""
    p = subparsers.add_parser("export-static", help="write the release as static files with an nginx configuration")
    p.add_argument("--out", help="output folder (default: [export] out, export/)")
    p.add_argument("--url", help="public root URL of the site (default: [export] url)")
    p.add_argument("--listen", help="address nginx listens on (default: [export] listen)")
    p.add_argument("--data", help="releases folder (default: release/)")
    p.set_defaults(func=_cmd_export)

"""``/sitemap.xml`` and ``/robots.txt``: every entity page, for search engines and crawlers.

One ``<url>`` per entity of the release (its HTML page, ``/doc/<kind>/<slug>``: the ``/id/`` IRI
answers 303, which a sitemap must not list), with ``lastmod`` from the release that last changed
the entity's description (``changes.sqlite``, see :mod:`sccon_ld.release.entity_changes`; the release's
own date without one). Past ``crawl.sitemap_max_urls`` (the protocol's 50,000) ``/sitemap.xml``
becomes a sitemap index of ``/sitemap-<n>.xml`` files. ``robots.txt`` names the sitemap and keeps
crawlers out of the query services, whose URL space has no end.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote
from xml.sax.saxutils import escape

from flask import Blueprint, Response, request

from .. import formats as F
from ..release.entity_changes import ChangeLog
from .context import cached_page, site
from .errors import error_response

blueprint = Blueprint("sitemap", __name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_TYPE = F.SITEMAP.content_type
# Paths whose URL space is unbounded (queries, patterns, searches): not for crawlers.
NOT_CRAWLED = ("/sparql", "/fragments", "/search")


def _per_file() -> int:
    return int(site().settings.crawl["sitemap_max_urls"])


def _files(total: int, per_file: int) -> int:
    return max(1, -(-total // per_file))


def _lastmod(value: str | datetime) -> str:
    text = value.isoformat() if isinstance(value, datetime) else value
    return escape(text)


def _urlset(offset: int, limit: int) -> bytes:
    """The ``<urlset>`` of entities ``offset`` .. ``offset + limit`` in IRI order."""
    ctx = site()
    root = request.url_root
    released = ctx.store.release.created.isoformat()
    entities = ctx.index.entities.values()[offset:offset + limit]
    log = ChangeLog.open(ctx.store.release.path)
    try:
        modified = log.modified(e.iri for e in entities) if log is not None else {}
    finally:
        if log is not None:
            log.close()
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for e in entities:
        loc = f"{root}doc/{quote(e.kind)}/{quote(e.slug)}"
        lines.append(f"<url><loc>{escape(loc)}</loc><lastmod>{_lastmod(modified.get(e.iri, released))}</lastmod></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def _index(files: int) -> bytes:
    ctx = site()
    root = request.url_root
    released = _lastmod(ctx.store.release.created)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for n in range(1, files + 1):
        lines.append(f"<sitemap><loc>{escape(root)}sitemap-{n}.xml</loc><lastmod>{released}</lastmod></sitemap>")
    lines.append("</sitemapindex>")
    return ("\n".join(lines) + "\n").encode()


@blueprint.route("/sitemap.xml", methods=["GET"])
def sitemap() -> Response:
    per_file = _per_file()
    files = _files(len(site().index.entities), per_file)
    if files == 1:
        return cached_page("sitemap", XML_TYPE, lambda: _urlset(0, per_file))
    return cached_page("sitemap-index", XML_TYPE, lambda: _index(files))


@blueprint.route("/sitemap-<number>.xml", methods=["GET"])
def sitemap_file(number: str) -> Response:
    per_file = _per_file()
    files = _files(len(site().index.entities), per_file)
    if not number.isdigit() or files == 1 or not 1 <= int(number) <= files:
        return error_response(404, f"No sitemap file {number}; see /sitemap.xml.")
    n = int(number)
    return cached_page(f"sitemap-{n}", XML_TYPE, lambda: _urlset((n - 1) * per_file, per_file))


def robots_txt(root: str) -> str:
    """robots.txt for a site at ``root`` (used by the server and the static export)."""
    prefix = root.rstrip("/")
    path_prefix = prefix.split("://", 1)[-1].partition("/")[2]
    path_prefix = f"/{path_prefix}" if path_prefix else ""
    lines = ["User-agent: *", *(f"Disallow: {path_prefix}{p}" for p in NOT_CRAWLED), "Allow: /", "",
             f"Sitemap: {prefix}/sitemap.xml", ""]
    return "\n".join(lines)


@blueprint.route("/robots.txt", methods=["GET"])
def robots() -> Response:
    return cached_page("robots", F.TEXT.content_type, lambda: robots_txt(request.url_root).encode())

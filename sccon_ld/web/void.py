"""``/.well-known/void``: the VoID description (RFC 5785 / VoID §7), in the RDF syntax asked for.

Also home of :func:`describe`, which the catalogue and the SPARQL service description share:
a small rdflib graph rendered by content negotiation (or a file suffix), cached per release
version and public root URL (the graph names the host the client used, proxy included).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import Blueprint, Response, redirect, render_template, request
from rdflib import Graph

from .. import formats as F
from ..release import dumps as dump_files
from ..release.describe_dataset import DatasetStats, Links, compute_stats, void_graph
from . import caching, graph_page, negotiation
from .context import cached_page, page_context, site
from .errors import error_response
from .language import translator

blueprint = Blueprint("void", __name__)

# media type -> rdflib format; the first is the default for clients that accept anything.
RDF_SYNTAXES = {f.media_type: f.rdflib for f in F.GRAPH_SYNTAXES}
ALIASES = {alias: f.media_type for f in F.GRAPH_SYNTAXES for alias in f.aliases}
SUFFIXES = {f.ext: f.media_type for f in F.GRAPH_SYNTAXES}

def links() -> Links:
    """Public URLs for this request (ProxyFix has already applied X-Forwarded-*)."""
    return Links(request.url_root, site().settings.base)


def dataset_stats() -> DatasetStats:
    """VoID figures of the current release, computed once per version."""
    ctx = site()
    with ctx.stats_lock:  # a few aggregate queries: one request computes them, the others wait
        if ctx.stats is None or ctx.stats[0] != ctx.store.version:
            ctx.stats = (ctx.store.version, compute_stats(ctx.store, ctx.settings.base))
        return ctx.stats[1]


def dump_index() -> dict | None:
    return dump_files.read_index(site().store.release.path)


HTML = F.HTML.media_type
# The heading of each description's page for people (i18n message keys).
PAGE_TITLES = {"void": "meta.void_title", "catalog": "meta.catalog_title", "sparql-service": "meta.sd_title"}


def negotiate_rdf(suffix: str | None = None) -> str | None:
    """The media type to send: from the suffix if given, else from Accept; None = 406. HTML
    (for people) only when asked for by name: ``*/*`` still gets Turtle."""
    if suffix is not None:
        return SUFFIXES.get(suffix) or (HTML if suffix == F.HTML.ext else None)
    offered = [*RDF_SYNTAXES, *ALIASES, HTML]
    chosen = negotiation.choose(request.headers.get("Accept"), offered, F.TURTLE.media_type)
    return chosen and ALIASES.get(chosen, chosen)


def describe(name: str, build: Callable[[], Graph], suffix: str | None = None) -> Response:
    """Render the graph ``build()`` returns as Turtle/JSON-LD/RDF/XML/N-Triples, with caching."""
    media_type = negotiate_rdf(suffix)
    if media_type is None:
        if suffix is not None:
            return error_response(404, f"No such format: .{suffix}")
        return error_response(406, "Not acceptable.", details={"offered": list(RDF_SYNTAXES)})
    if media_type == HTML:
        return _page(name, build, suffix)
    ctx = site()
    root_tag = hashlib.sha256(request.url_root.encode()).hexdigest()[:8]
    variant = f"{name}-{RDF_SYNTAXES[media_type]}-{root_tag}"
    key = (ctx.store.version, request.url_root, name, media_type)
    body = ctx.cache.get_or_render(key, lambda: build().serialize(format=RDF_SYNTAXES[media_type],
                                                                   encoding="utf-8"))
    response = caching.cached_response(
        request, body, content_type=f"{media_type}; charset=utf-8",
        etag=caching.etag_for(ctx.store.version, variant), last_modified=ctx.store.release.created,
        max_age=ctx.settings.server["cache_max_age"],
        gzip_min_bytes=ctx.settings.server["gzip_min_bytes"],
    )
    if suffix is None:
        caching.add_vary(response, "Accept")
    return response


def _page(name: str, build: Callable[[], Graph], suffix: str | None) -> Response:
    """The description as a page a person reads (labels, links), with links to its RDF forms."""
    path = request.path.rsplit(".", 1)[0] if suffix else request.path

    def body() -> bytes:
        t = translator()
        cards = graph_page.cards(build(), t.lang, graph_page.Site(request.url_root, request.script_root,
                                                                  site().base, _resolve))
        separator = "&" if "?" in path else "?"
        formats = [
            (label, f"{request.script_root}{path}" + (f".{ext}" if name != "sparql-service" else f"{separator}format={ext}"), media)
            for ext, (media, label) in FORMAT_LINKS.items()
        ]
        return render_template("graph.html", heading=t(PAGE_TITLES.get(name, "meta.void_title")), cards=cards,
                               formats=formats, **page_context()).encode()

    response = cached_page(f"{name}-html", F.HTML.content_type, body)
    if suffix is None:
        caching.add_vary(response, "Accept")
    return response


def _resolve(iri: str) -> tuple[str | None, str | None]:
    """A graph IRI stands for its source document; an entity IRI for itself."""
    ctx = site()
    entity = ctx.describer.document_of_graph(iri) or iri
    label = ctx.index.label(entity)
    return label, entity if label is not None else None


FORMAT_LINKS = {f.ext: (f.media_type, f.label) for f in F.GRAPH_SYNTAXES}


def _void() -> Graph:
    ctx = site()
    return void_graph(dataset_stats(), ctx.settings.dataset, links(), dump_index(), ctx.store.release.created)


@blueprint.route("/.well-known/void", methods=["GET"])
def void() -> Response:
    return describe("void", _void)


@blueprint.route("/.well-known/void.<suffix>", methods=["GET"])
def void_file(suffix: str) -> Response:
    return describe("void", _void, suffix)


@blueprint.route("/dataset", methods=["GET"])
def dataset() -> Response:
    """``<base>dataset`` names the dataset; dereferencing it leads to its VoID description."""
    response = redirect(f"{request.script_root}/.well-known/void", code=303)
    response.headers["Vary"] = "Accept"
    return response

"""Cool URIs: ``/id/<kind>/<slug>`` (the thing) answers ``303 See Other`` to the document about
it, ``/doc/<kind>/<slug>`` (negotiated) or ``/doc/<kind>/<slug>.<ext>`` (one fixed format).

Dataset IRIs ``<base>id/…`` map to this server's ``/id/…`` whatever host or proxy prefix it
runs under (ProxyFix in app.py), so links and Locations always name the public URL.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from werkzeug.exceptions import NotFound

from .. import formats as F
from .. import iris
from ..iris import KINDS, slugify
from . import caching, errors, negotiation, render
from .context import page_context, page_language, site
from .describe import Describer, Description, PageOutOfRange
from .entity_page import entity_view
from .language import translator, vocabulary

blueprint = Blueprint("entities", __name__)

NEGOTIABLE_TYPES = tuple(render.NEGOTIABLE)


def describer() -> Describer:
    return site().describer


def url_root() -> str:
    """This server's public root URL (after ProxyFix), ending in ``/``."""
    return request.url_root


def doc_url(kind: str, slug: str, ext: str | None = None, page: int = 1) -> str:
    url = f"{url_root()}doc/{kind}/{slug}" + (f".{ext}" if ext else "")
    return url + (f"?page={page}" if page > 1 else "")


def _alternate_links(kind: str, slug: str, page: int) -> list[str]:
    return [
        f'<{doc_url(kind, slug, f.ext, page)}>; rel="alternate"; type="{f.media_type}"'
        for f in render.FORMATS
    ]


def _page() -> int:
    raw = request.args.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        raise _Abort(errors.error_response(400, f"page must be a positive integer, not {raw!r}"))
    return int(raw)


class _Abort(Exception):
    def __init__(self, response: Response):
        self.response = response


@blueprint.errorhandler(_Abort)
def _abort(exc: _Abort) -> Response:
    return exc.response


def _resolve(kind: str, slug: str, accept: str | None = None, suffix: str = "") -> str:
    """The entity IRI for a path; 301 to the canonical slug if only the spelling differs; 404."""
    ctx = site()
    iri = iris.entity_iri(ctx.base, kind, slug)
    if kind in KINDS and ctx.index.get(iri) is not None:
        return iri
    canonical = slugify(slug) if kind in KINDS else ""
    if canonical and canonical != slug and ctx.index.get(iris.entity_iri(ctx.base, kind, canonical)) is not None:
        where = f"{request.script_root}/{request.path.split('/')[1]}/{kind}/{canonical}{suffix}"
        raise _Abort(
            Response(
                f"Moved Permanently: {where}\n",
                status=301,
                headers={"Location": where},
                content_type=F.TEXT.content_type,
            )
        )
    raise _Abort(errors.error_response(404, f"No entity /id/{kind}/{slug} in this dataset.", accept))


@blueprint.route("/id/<kind>/<path:slug>", methods=["GET"])
def thing(kind: str, slug: str) -> Response:
    """The thing itself is not a document: 303 to the document in the format asked for."""
    _resolve(kind, slug)
    page = _page()
    ext = _negotiate()
    location = doc_url(kind, slug, ext, page)
    response = Response(f"303 See Other: {location}\n", status=303, content_type=F.TEXT.content_type)
    response.headers["Location"] = location
    response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = f"public, max-age={site().settings.server['cache_max_age']}"
    response.headers["Link"] = ", ".join(_alternate_links(kind, slug, page))
    return response


def _negotiate() -> str:
    chosen = negotiation.choose(
        request.headers.get("Accept"), NEGOTIABLE_TYPES, render.BY_EXT[render.DEFAULT_EXT].media_type
    )
    if chosen is None:
        offered = [f.media_type for f in render.FORMATS]
        raise _Abort(
            errors.error_response(
                406,
                "None of the formats offered is acceptable. Offered: " + ", ".join(offered),
                accept=f"{F.JSON.media_type}, {F.TEXT.media_type};q=0.9, {F.HTML.media_type};q=0.8",
                headers={"Vary": "Accept"},
                details={"offered": offered},
            )
        )
    return render.NEGOTIABLE[chosen]


@blueprint.route("/doc/<kind>/<path:slug>", methods=["GET"])
def document(kind: str, slug: str) -> Response:
    """The document about an entity: negotiated, or a fixed format when the path has a suffix."""
    stem, dot, suffix = slug.rpartition(".")
    if dot and suffix in render.BY_EXT:
        fmt = render.BY_EXT[suffix]
        _resolve(kind, stem, accept=fmt.media_type, suffix=f".{suffix}")
        return _document(kind, stem, fmt, negotiated=False)
    _resolve(kind, slug)
    fmt = render.BY_EXT[_negotiate()]
    return _document(kind, slug, fmt, negotiated=True)


def _document(kind: str, slug: str, fmt: render.Format, negotiated: bool) -> Response:
    ctx = site()
    page = _page()
    iri = iris.entity_iri(ctx.base, kind, slug)
    # An HTML page is in the page language; the RDF is the same in every one.
    variant = f"{fmt.ext}-p{page}" + (f"-{page_language()}" if fmt.ext == F.HTML.ext else "")
    key = (ctx.store.version, url_root(), kind, slug, variant)

    def build() -> caching.Body:
        try:
            desc = describer().describe(iri, page)
        except PageOutOfRange as e:
            raise _Abort(
                errors.error_response(404, f"No such page of incoming links: {e}.", fmt.media_type)
            ) from e
        if desc is None:
            raise NotFound()
        return caching.Body(_render(desc, kind, slug, fmt, page), pages=desc.pages)

    body = ctx.cache.get_or_render(key, build)
    server = ctx.settings.server
    response = caching.cached_response(
        request,
        body,
        content_type=f"{fmt.media_type}; charset=utf-8",
        etag=caching.etag_for(ctx.store.version, variant),
        last_modified=ctx.store.release.created,
        max_age=server["cache_max_age"],
        gzip_min_bytes=server["gzip_min_bytes"],
    )
    links = _alternate_links(kind, slug, page)
    if page < body.pages:
        links.append(f'<{doc_url(kind, slug, fmt.ext if not negotiated else None, page + 1)}>; rel="next"')
    if page > 1:
        links.append(f'<{doc_url(kind, slug, fmt.ext if not negotiated else None, page - 1)}>; rel="prev"')
    response.headers["Link"] = ", ".join(links)
    if negotiated:
        response.headers["Content-Location"] = doc_url(kind, slug, fmt.ext, page)
        caching.add_vary(response, "Accept")
    return response


def _render(desc: Description, kind: str, slug: str, fmt: render.Format, page: int) -> bytes:
    ctx = site()
    base = ctx.base
    doc_iri = iris.doc(base, kind, slug)
    next_page = f"{doc_iri}?page={page + 1}" if page < desc.pages else None
    triples = desc.triples() + render.document_triples(
        doc_iri + (f"?page={page}" if page > 1 else ""),
        desc,
        ctx.store.release.created,
        ctx.settings.dataset["license"],
        next_page,
    )
    if fmt.ext == "jsonld":
        return render.jsonld_bytes(render.to_jsonld(triples, base, f"{url_root()}context.jsonld", desc.iri))
    if fmt.ext == "html":
        formats = [(f.label, doc_url(kind, slug, f.ext, page), f.media_type) for f in render.FORMATS]
        view = entity_view(
            desc,
            kind,
            slug,
            page,
            formats,
            translator(),
            vocabulary(),
            base,
            request.script_root,
            f"{request.script_root}/doc/{kind}/{slug}.html",
            render.page_jsonld(desc, base),
        )
        return render_template("entity.html", view=view, **page_context()).encode()
    return render.serialize(triples, fmt.ext, base)

"""``/search?q=…``: ranked full-text search over names, labels and source sentences (the FTS5
tables of the entity index, :mod:`.search_index`), with a snippet per hit, the true number of
matches and pages; ``/search.json`` (or ``Accept: application/json``) gives the same as JSON."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request
from markupsafe import Markup, escape

from .. import formats as F
from . import errors, negotiation
from .context import page_context, site
from .language import translator, vocabulary
from .paging import BadPage, Pager, requested_page

blueprint = Blueprint("search", __name__)
MAX_QUERY_CHARS = 200


def marked_html(pieces: list[tuple[str, bool]]) -> Markup:
    """Text pieces with the matched ones in ``<mark>``, escaped."""
    return Markup("").join(Markup("<mark>%s</mark>") % p if m else escape(p) for p, m in pieces)


def _results(q: str, page: int, per_page: int) -> tuple[Pager, list[dict]]:
    ctx = site()
    total = ctx.index.search_count(q)
    pager = Pager(page, per_page, total, request.path, {"q": q})
    t, vocab = translator(), vocabulary()
    root = request.script_root
    results = []
    for hit in ctx.index.search_hits(q, pager.per_page, pager.offset):
        info = ctx.index.get(hit.iri)
        if info is None:
            continue
        results.append({
            "iri": hit.iri,
            "label": info.label,
            "kind": info.kind,
            "kind_title": t(f"nav.{info.kind}"),
            "types": [vocab.label(iri, t.lang) for iri in info.types],
            "href": root + "/" + hit.iri[len(ctx.base) :],
            "name_html": marked_html(hit.name) if hit.name else escape(info.label),
            "snippet_html": marked_html(hit.snippet) if hit.snippet else None,
            "snippet": "".join(p for p, _ in hit.snippet),
            "score": hit.score,
        })
    return pager, results


def _wants_json() -> bool:
    chosen = negotiation.choose(request.headers.get("Accept"), [F.HTML.media_type, F.JSON.media_type], F.HTML.media_type)
    return request.path.endswith(".json") or chosen == F.JSON.media_type


@blueprint.route("/search", methods=["GET"])
@blueprint.route("/search.json", methods=["GET"])
def search() -> Response:
    ctx = site()
    q = request.args.get("q", "").strip()[:MAX_QUERY_CHARS]
    as_json = _wants_json()
    try:
        page = requested_page(request.args.get("page"))
        pager, results = _results(q, page, ctx.settings.server["search_page_size"])
    except BadPage as e:
        return errors.error_response(e.status, str(e), F.JSON.media_type if as_json else None)
    if as_json:
        response = jsonify({
            "query": q, "total": pager.total, "page": pager.page, "pages": pager.pages,
            "per_page": pager.per_page, "next": pager.next_url, "previous": pager.previous_url,
            "results": [{k: r[k] for k in ("iri", "label", "kind", "href", "snippet", "score")} for r in results],
        })
        response.headers["Access-Control-Allow-Origin"] = "*"
    else:
        response = Response(
            render_template("search.html", q=q, hits=results, pager=pager,
                            json_url=pager.url(pager.page).replace("/search", "/search.json", 1), **page_context()),
            content_type=F.HTML.content_type,
        )
    if not request.path.endswith(".json"):
        response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = f"public, max-age={ctx.settings.server['cache_max_age']}"
    return response

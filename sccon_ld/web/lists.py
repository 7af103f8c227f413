"""``/list/<kind>``: the entities of one kind that the documents mention, with how many do;
``?all=1`` adds the reference-only entries of the authority file. True counts, paged."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from .. import formats as F
from . import errors
from .context import cached_page, page_context, site
from .language import translator, vocabulary
from .paging import BadPage, Pager, requested_page

blueprint = Blueprint("lists", __name__)


@blueprint.route("/list/<kind>", methods=["GET"])
def list_kind(kind: str) -> Response:
    ctx = site()
    if kind not in ctx.index.kinds():
        return errors.error_response(404, f"No entities of kind {kind!r}.")
    show_all = request.args.get("all") in ("1", "true", "yes")
    try:
        page = requested_page(request.args.get("page"))
        entities = ctx.index.of_kind(kind)
        mentions = ctx.index.mentions([e.iri for e in entities])
        filtered = mentions is not None and not show_all
        shown = [e for e in entities if e.iri in mentions] if filtered else entities
        args = {"all": "1"} if show_all else {}
        pager = Pager(page, ctx.settings.server["list_page_size"], len(shown), request.path, args)
    except BadPage as e:
        return errors.error_response(e.status, str(e))

    def build() -> bytes:
        t, vocab = translator(), vocabulary()
        root = request.script_root
        items = [
            {
                "label": e.label,
                "href": root + "/" + e.iri[len(ctx.base) :],
                "types": [vocab.label(iri, t.lang) for iri in e.types],
                "documents": (mentions or {}).get(e.iri, 0),
            }
            for e in shown[pager.offset : pager.offset + pager.per_page]
        ]
        return render_template(
            "list.html",
            kind=kind,
            title=t(f"nav.{kind}"),
            items=items,
            total=len(entities),
            mentioned=len(mentions) if mentions is not None else None,
            show_all=show_all or mentions is None,
            pager=pager,
            all_url=request.path + "?all=1",
            mentioned_url=request.path,
            **page_context(),
        ).encode()

    return cached_page(f"list-{kind}-{int(show_all)}-{page}", F.HTML.content_type, build)

"""The page language in a request: chosen once before the handler (:func:`sccon_ld.web.i18n.choose`),
offered to every template (``t``, ``lang``, the switch), and declared in ``Vary`` on every
HTML response. ``/lang/<code>?next=/path`` is the switch: it remembers the choice in a cookie
and sends the browser back to the page it came from."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Response, redirect, request

from .. import formats as F
from . import caching, i18n
from .context import page_language, site
from .vocab_labels import VocabularyLabels, labels_for

blueprint = Blueprint("language", __name__)
COOKIE_MAX_AGE = 365 * 24 * 3600


def current() -> str:
    """The language of this request's pages."""
    return page_language()


def translator() -> i18n.Translator:
    return i18n.Translator(current())


def vocabulary() -> VocabularyLabels:
    """Class and property labels of the ontology folder, for the dataset's base."""
    ctx = site()
    return labels_for(ctx.settings.path("ontology"), ctx.base)


def _local(target: str | None) -> str:
    """A path on this site to go back to (never another host: no open redirect)."""
    root = request.script_root or ""
    if not target:
        return root + "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or target.startswith("//"):
        return root + "/"
    return target


def switch_href(to: str) -> str:
    """The switch link of the current page to language ``to`` (its own ``?lang=`` dropped: it would win)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    here = request.path + (f"?{urlencode(args)}" if args else "")
    return f"{request.script_root}/lang/{to}?{urlencode({'next': request.script_root + here})}"


@blueprint.app_context_processor
def _template_globals() -> dict:
    lang = current()
    other = next(code for code in i18n.LANGUAGES if code != lang)
    return {"t": i18n.Translator(lang), "lang": lang, "other_lang": other, "switch_href": switch_href(other)}


@blueprint.after_app_request
def _vary(response: Response) -> Response:
    if response.mimetype == F.HTML.media_type:
        for header in i18n.VARY:
            caching.add_vary(response, header)
    return response


@blueprint.route("/lang/<code>", methods=["GET"])
def switch(code: str) -> Response:
    from .errors import error_response

    if code not in i18n.LANGUAGES:
        return error_response(404, f"No interface language {code!r}; there are: {', '.join(i18n.LANGUAGES)}.")
    response = redirect(_local(request.args.get("next")), code=303)
    response.set_cookie(i18n.COOKIE, code, max_age=COOKIE_MAX_AGE, samesite="Lax", path=(request.script_root or "/"))
    response.headers["Cache-Control"] = "no-store"
    return response

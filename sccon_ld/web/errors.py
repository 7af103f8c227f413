"""One error format for the whole server: RFC 9457 problem details, rendered in the format asked for.

JSON clients (and clients that do not say) get ``application/problem+json``:
``{"type": "about:blank", "title": "Not Found", "status": 404, "detail": "<what went wrong>"}``
plus extension members where useful (``offered`` for 406). People get a small HTML page with the
same title and detail; plain-text clients a line ``<status> <title>: <detail>``; RDF clients of
entity documents an empty graph in their syntax whose comment holds the detail (so a Turtle
parser does not choke on an HTML body). The SPARQL endpoint restricts errors to
:data:`DOCUMENT_FORMATS`: an error is never labelled as a result. Handlers are registered for every
HTTP error and for any exception, so no request ever sees a traceback; the gunicorn worker
(``serving_worker.py``) writes the same document for what it refuses before the app sees it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, has_request_context, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge
from werkzeug.http import HTTP_STATUS_CODES

from .. import formats as F
from ..vocab import RDF
from . import negotiation
from .context import CSP

log = logging.getLogger(__name__)

PROBLEM = F.PROBLEM_JSON.media_type
JSON = F.JSON.media_type
HTML = F.HTML.media_type
TEXT = F.TEXT.media_type
# What any error can be written as, problem details first (the default). A client asking for plain
# JSON gets problem details, labelled as such (RFC 9457 section 3).
DOCUMENT_FORMATS = (PROBLEM, JSON, HTML, TEXT)
# Entity documents, VoID and the catalogue also answer RDF clients with an empty graph.
ERROR_FORMATS = (*DOCUMENT_FORMATS, *(f.media_type for f in (
    F.JSON_LD, F.TURTLE, F.N_TRIPLES, F.N_QUADS, F.TRIG, F.RDF_XML)))
# Paths whose errors are never an RDF graph, even from the app-wide handlers (405, 413): on the
# SPARQL endpoint an empty graph would read as an answer. Endpoints add themselves (documents_only).
_DOCUMENT_ONLY_PATHS: set[str] = set()
# Where a ``#`` starts a comment, the message is written as one.
_HASH_COMMENT = {f.media_type for f in (F.TURTLE, F.N_TRIPLES, F.N_QUADS, F.TRIG)}


def documents_only(path: str) -> None:
    """Errors on ``path`` take only :data:`DOCUMENT_FORMATS`, whichever handler writes them."""
    _DOCUMENT_ONLY_PATHS.add(path)


def problem(status: int, detail: str, extensions: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The RFC 9457 problem details object (``type`` about:blank: the title is the status phrase)."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if extensions:
        body.update(extensions)
    return body


def problem_bytes(status: int, detail: str, extensions: Mapping[str, Any] | None = None) -> bytes:
    """:func:`problem` as the ``application/problem+json`` body."""
    return (json.dumps(problem(status, detail, extensions), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _render(media_type: str, body: dict[str, Any], root: str = "") -> str:
    title, message = body["title"], body["detail"]
    if media_type in (PROBLEM, JSON, F.JSON_LD.media_type):
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    if media_type in _HASH_COMMENT:
        return "".join(f"# {line}\n" for line in f"{body['status']} {title}: {message}".splitlines())
    if media_type == F.RDF_XML.media_type:
        text = str(escape(f"{body['status']} {title}: {message}")).replace("--", "- -")
        return f'<?xml version="1.0" encoding="utf-8"?>\n<!-- {text} -->\n<rdf:RDF xmlns:rdf="{RDF}"/>\n'
    if media_type == HTML:
        page = _html_page(body)
        if page is not None:
            return page
        extra = "".join(f"<li><code>{escape(v)}</code></li>" for v in body.get("offered", []))
        offered = f"<p>Offered formats:</p><ul>{extra}</ul>" if extra else ""
        return (
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{body['status']} {escape(title)}</title>"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="stylesheet" href="{root}/static/style.css">'
            f'<link rel="icon" href="{root}/static/favicon.svg" type="image/svg+xml"></head>'
            f'<body><main class="error"><h1>{body["status"]} {escape(title)}</h1>'
            f"<p>{escape(message)}</p>{offered}"
            f'<p><a href="{root}/">Back to the dataset</a></p></main></body></html>\n'
        )
    return f"{body['status']} {title}: {message}\n"


def _html_page(body: dict[str, Any]) -> str | None:
    """The error as a page of the site (header, navigation, search, page language); None when
    the site itself cannot be drawn (no release context), and the plain page is sent instead."""
    if not has_request_context():
        return None
    try:
        from flask import render_template

        from .context import page_context, page_language
        from .i18n import MESSAGES, Translator

        t = Translator(page_language())
        key = f"error.title_{body['status']}"
        title = t(key) if key in MESSAGES else body["title"]
        return render_template("error.html", status=body["status"], title=title, message=body["detail"],
                               offered=body.get("offered", []), **page_context())
    except Exception:  # an error page must never fail: fall back to the plain one
        log.exception("error page not rendered with the site template")
        return None


def error_response(
    status: int,
    message: str,
    accept: str | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    details: Mapping[str, Any] | None = None,
    formats: tuple[str, ...] = ERROR_FORMATS,
) -> Response:
    """An error response in the one of ``formats`` that ``accept`` (default: the current request's
    Accept) asks for, else problem details. ``details`` are extension members (``offered`` for 406)."""
    if accept is None and has_request_context():
        accept = request.headers.get("Accept")
    if has_request_context() and request.path in _DOCUMENT_ONLY_PATHS:
        formats = DOCUMENT_FORMATS
    media_type = negotiation.choose(accept, formats, PROBLEM) or PROBLEM
    if media_type == JSON:
        media_type = PROBLEM
    body = problem(status, message, details)
    root = escape(request.script_root) if has_request_context() else ""
    response = Response(_render(media_type, body, root), status=status, content_type=F.content_type(media_type))
    response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = "no-store" if status >= 500 else "no-cache"
    if media_type == HTML:
        response.headers["Content-Security-Policy"] = CSP
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _http_error(exc: HTTPException) -> Response:
    headers = {
        k: v for k, v in exc.get_headers() if k.lower() in ("allow", "www-authenticate", "retry-after", "content-range")
    }
    message = exc.description or exc.name
    if isinstance(exc, RequestEntityTooLarge) and has_request_context():
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        message = f"The request body is larger than {limit} bytes (server.max_request_bytes)."
    return error_response(exc.code or 500, message, headers=headers)


def _unexpected(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    log.exception("unhandled error", exc_info=exc)
    return error_response(500, InternalServerError.description)


def register(app: Flask) -> None:
    """Answer every HTTP error and every unexpected exception with :func:`error_response`."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)

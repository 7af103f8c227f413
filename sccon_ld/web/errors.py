"""One error format for the whole server, rendered in whatever format the client asked for.

The JSON shape follows Datasette's (``{"ok": false, "status": 404, "error": "..."}``) so that
scripts can rely on it on every endpoint; people get a small HTML page, RDF clients get an
empty graph in their syntax whose comment says what went wrong (so a Turtle parser does not
choke on an HTML body). Handlers are registered for every HTTP error and for any exception,
so no request ever sees a traceback.
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
from ..vocab import RDF, RESULTS
from . import negotiation
from .context import CSP

log = logging.getLogger(__name__)

JSON = F.JSON.media_type
HTML = F.HTML.media_type
TEXT = F.TEXT.media_type
# Formats an error body can take; JSON first: the default for clients that do not say.
ERROR_FORMATS = tuple(f.media_type for f in (
    F.JSON, F.HTML, F.TEXT, F.JSON_LD, F.TURTLE, F.N_TRIPLES, F.N_QUADS, F.TRIG, F.RDF_XML,
    F.SPARQL_JSON, F.SPARQL_XML, F.SPARQL_CSV, F.SPARQL_TSV,
))
# Where a ``#`` starts a comment, the message is written as one.
_HASH_COMMENT = {f.media_type for f in (F.TURTLE, F.N_TRIPLES, F.N_QUADS, F.TRIG, F.SPARQL_CSV, F.SPARQL_TSV)}
_XML = {F.RDF_XML.media_type, F.SPARQL_XML.media_type}


def error_body(status: int, message: str, details: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The stable JSON error object."""
    body: dict[str, Any] = {
        "ok": False,
        "status": status,
        "title": HTTP_STATUS_CODES.get(status, "Error"),
        "error": message,
    }
    if details:
        body.update(details)
    return body


def _render(media_type: str, body: dict[str, Any], root: str = "") -> str:
    title, message = body["title"], body["error"]
    if media_type in (JSON, F.JSON_LD.media_type, F.SPARQL_JSON.media_type):
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    if media_type in _HASH_COMMENT:
        return "".join(f"# {line}\n" for line in f"{body['status']} {title}: {message}".splitlines())
    if media_type in _XML:
        text = str(escape(f"{body['status']} {title}: {message}")).replace("--", "- -")
        return f'<?xml version="1.0" encoding="utf-8"?>\n<!-- {text} -->\n' + (
            f'<rdf:RDF xmlns:rdf="{RDF}"/>\n'
            if media_type == F.RDF_XML.media_type
            else f'<sparql xmlns="{RESULTS}"/>\n'
        )
    if media_type == HTML:
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


def error_response(
    status: int,
    message: str,
    accept: str | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    details: Mapping[str, Any] | None = None,
) -> Response:
    """An error response in the format ``accept`` (default: the current request's Accept) asks
    for, falling back to JSON. ``details`` are extra JSON members (e.g. ``offered`` for 406)."""
    if accept is None and has_request_context():
        accept = request.headers.get("Accept")
    media_type = negotiation.choose(accept, ERROR_FORMATS, JSON) or JSON
    body = error_body(status, message, details)
    root = escape(request.script_root) if has_request_context() else ""
    response = Response(
        _render(media_type, body, root), status=status, content_type=f"{media_type}; charset=utf-8"
    )
    response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = "no-store" if status >= 500 else "no-cache"
    if media_type == HTML:
        response.headers["Content-Security-Policy"] = CSP
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _http_error(exc: HTTPException) -> Response:
    headers = {
        k: v for k, v in exc.get_headers() if k.lower() in ("allow", "www-authenticate", "retry-after")
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

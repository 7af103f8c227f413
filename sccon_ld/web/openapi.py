"""``/openapi.json``: an OpenAPI 3.1 description of the HTTP interface.

Written by hand, next to the routes it describes, so that clients (and the fuzz test in
tests/test_hardening_fuzz.py) know every path, parameter and status; the limits quoted in it
are the running server's ``[server]`` and ``[sparql]`` settings. Path parameters are plain
strings on purpose: a fuzzer should try slugs and kinds that do not exist.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, json, request

from .. import formats as F
from ..iris import KINDS
from .context import site

blueprint = Blueprint("openapi", __name__)

RDF = tuple(f.media_type for f in F.GRAPH_SYNTAXES)
RESULTS = tuple(f.media_type for f in F.RESULT_FORMATS)
HTML, JSON, TEXT = F.HTML.media_type, F.JSON.media_type, F.TEXT.media_type
ERROR = {"$ref": "#/components/responses/Error"}
# RFC 9457 problem details, as web/errors.py writes them.
PROBLEM_SCHEMA = {
    "type": "object", "required": ["type", "title", "status", "detail"],
    "properties": {"type": {"type": "string", "const": "about:blank"},
                   "title": {"type": "string", "description": "The HTTP status phrase."},
                   "status": {"type": "integer"}, "detail": {"type": "string", "description": "What went wrong."},
                   "offered": {"type": "array", "items": {"type": "string"},
                               "description": "406 only: the media types offered."}}}


def _content(*media_types: str) -> dict[str, Any]:
    return {t: {"schema": {"type": "string"}} for t in media_types}


def _param(name: str, where: str, description: str, required: bool = False, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required or where == "path", "description": description,
            "schema": {"type": "string", **schema}}


def _get(summary: str, ok: dict[str, Any], *params: dict[str, Any], status: str = "200") -> dict[str, Any]:
    responses: dict[str, Any] = {status: ok, "4XX": ERROR}
    return {"get": {"summary": summary, "parameters": list(params), "responses": responses}}


def _dump(summary: str, *params: dict[str, Any]) -> dict[str, Any]:
    op = _get(summary, {"description": "The file."}, *params)
    op["get"]["parameters"].append(_param("Range", "header", "One byte range (RFC 9110); a malformed or "
                                          "multi-range header is ignored (200)."))
    op["get"]["responses"]["206"] = {"description": "The range asked for (Content-Range)."}
    return op


def _query_params() -> list[dict[str, Any]]:
    return [
        _param("default-graph-uri", "query", "A graph of the dataset to use as default graph (repeatable)."),
        _param("named-graph-uri", "query", "A graph of the dataset to use as named graph (repeatable)."),
        _param("format", "query", "Result format instead of Accept: json, xml, csv, tsv, turtle, jsonld, "
                                  "ntriples, rdfxml, html."),
    ]


def _sparql(limits: dict[str, Any]) -> dict[str, Any]:
    bounds = (f"At most {limits['max_query_chars']} characters (413), nesting {limits['max_nesting_depth']} "
              f"levels deep (400), {limits['max_result_rows']} rows (400), {limits['query_timeout']} s (503), "
              f"{limits['max_concurrent_queries']} queries at once per server process and "
              f"{limits['max_queries_per_client']} per client (503 when busy). Read-only: updates get 403; "
              "SERVICE and remote FROM get 400. Errors are problem details, text or HTML, never results.")
    answers = {"200": {"description": "Query results.", "content": _content(*RESULTS, *RDF, HTML)},
               "4XX": ERROR, "503": ERROR}
    form = {"type": "object", "required": ["query"], "properties": {"query": {"type": "string"}}}
    return {
        "get": {"summary": "SPARQL 1.1 query (without `query`: the service description).",
                "description": bounds,
                "parameters": [_param("query", "query", "A SPARQL 1.1 query."), *_query_params()],
                "responses": answers},
        "post": {"summary": f"SPARQL 1.1 query in the body (form or {F.SPARQL_QUERY.media_type}).",
                 "description": bounds, "parameters": _query_params(),
                 "requestBody": {"required": True, "content": {
                     F.FORM.media_type: {"schema": form},
                     F.SPARQL_QUERY.media_type: {"schema": {"type": "string"}}}},
                 "responses": answers},
    }


def _crawl_paths() -> dict[str, Any]:
    """Sitemap, robots.txt, the change feed and Triple Pattern Fragments (issue 13)."""
    xml = {"description": "Sitemap (urlset, or an index past the per-file limit).",
           "content": _content(F.SITEMAP.media_type)}
    feed = {"description": "Activity Streams 2.0.", "content": _content(
        F.JSON_LD.media_type, F.ACTIVITY_STREAMS.media_type, JSON)}
    trig = {"description": "The matching triples and hydra controls.", "content": _content(
        *(f.media_type for f in F.FRAGMENT_SYNTAXES))}
    term = "A term in the hydra ExplicitRepresentation (an IRI, or \"text\", \"text\"@lang, \"text\"^^datatype for the object); empty or ?name: any."
    page = _param("page", "query", "Page number, from 1.", pattern="^[0-9]+$")
    return {
        "/robots.txt": _get("robots.txt, naming the sitemap.", {"description": "Text.",
                                                                "content": _content(TEXT)}),
        "/sitemap.xml": _get("Every entity page with its lastmod.", xml),
        "/sitemap-{number}.xml": _get("One part of the sitemap.", xml, _param("number", "path", "From 1.")),
        "/changes": _get("Change feed between releases (newest first).", feed, page),
        "/changes/{seq}": _get("One activity of the change feed.", feed, _param("seq", "path", "Its number.")),
        "/fragments": _get("Triple Pattern Fragments.", trig, *(_param(name, "query", term)
                                                                 for name in ("subject", "predicate", "object")),
                           page),
    }


def spec(server_url: str, settings_server: dict[str, Any], settings_sparql: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document for a server at ``server_url`` with these limits."""
    html = {"description": "An HTML page.", "content": _content(HTML)}
    rdf = {"description": "RDF in the negotiated syntax.", "content": _content(*RDF, HTML)}
    see_other = {"description": "See Other: the document about the thing (Location)."}
    kind = _param("kind", "path", "Entity kind: " + ", ".join(KINDS) + ".")
    slug = _param("slug", "path", "Entity slug (lower-case ASCII); other spellings get 301.")
    page = _param("page", "query", f"Page of incoming links ({settings_server['incoming_links_per_page']} "
                                   "per page).", pattern="^[0-9]+$")
    suffix = _param("suffix", "path", "ttl, jsonld, rdf, nt, html")
    q = _param("q", "query", "Words to find (each as a prefix).")
    list_page = _param("page", "query", "Page (from 1).", pattern="^[0-9]+$")
    found = {"description": "Matches, best first.", "content": _content(F.HTML.media_type, F.JSON.media_type)}
    found_json = {"description": "Matches, best first.", "content": _content(F.JSON.media_type)}
    since = _param("modified_since", "query", "ISO 8601 date or date-time: without a dataset changed "
                                              "since then, the catalogue lists none (ckanext-dcat).")
    return {
        "openapi": "3.1.0",
        "info": {"title": "sccon-ld Linked Data server", "version": "1",
                 "description": "Cool URIs, SPARQL, dumps, VoID and DCAT-AP.de for the Smart Country "
                                "Convention knowledge graph. Errors: RFC 9457 problem details "
                                f"({F.PROBLEM_JSON.media_type}: type, title, status, detail) or the asked format "
                                "(text, HTML, an empty RDF graph for entity documents). Request bodies over "
                                f"{settings_server['max_request_bytes']} bytes get 413."},
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/": _get("Landing page.", html),
            "/search": _get("Full-text search over names, labels and source sentences (ö = oe = o), "
                            "ranked, paged; JSON when Accept asks for it.", found, q, list_page),
            "/search.json": _get("The same search as JSON: query, total, page, pages, per_page, next, "
                                 "previous, results.", found_json, q, list_page),
            "/list/{kind}": _get("Entities of one kind that the documents mention (all=1: also reference "
                                 "data), paged.", html, kind, list_page,
                                 _param("all", "query", "1: also entities no document mentions.")),
            "/lang/{code}": _get("Interface language switch: sets the lang cookie, 303 back to next.",
                                 see_other, _param("code", "path", "de or en."),
                                 _param("next", "query", "A path on this site to go back to."), status="303"),
            "/id/{kind}/{slug}": _get("The thing: 303 to its document.", see_other, kind, slug, page,
                                      status="303"),
            "/doc/{kind}/{slug}": _get("The document about an entity (negotiated; a suffix such as .ttl "
                                       "fixes the format).", rdf, kind, slug, page),
            "/context.jsonld": _get("The JSON-LD context.", {"description": "JSON-LD context",
                                                             "content": _content(F.JSON_LD.media_type)}),
            "/sparql": _sparql(settings_sparql),
            "/dumps/": _get("Dump index.", {"description": "Dump files with sizes and SHA-256.",
                                            "content": _content(JSON, HTML)}),
            "/dumps/latest/": _get("The dumps of the current release (the same listing as /dumps/).",
                                   {"description": "Dump files with sizes and SHA-256.", "content": _content(JSON, HTML)}),
            "/dumps/latest/{name}": _dump("A dump of the current release.",
                                          _param("name", "path", "sccon.nq.gz, sccon.nt.gz, sccon.ttl, ...")),
            "/dumps/{version}/{name}": _dump("A dump of one release (immutable).",
                                             _param("version", "path", "Release version (16 hex digits)."),
                                             _param("name", "path", "File name from /dumps/.")),
            "/.well-known/void": _get("VoID description of the dataset.", rdf),
            "/.well-known/void.{suffix}": _get("VoID in one syntax.", rdf, suffix),
            "/dataset": _get("The dataset IRI: 303 to its VoID.", see_other, status="303"),
            "/catalog": _get("DCAT-AP.de catalogue.", rdf, since),
            "/catalog.{suffix}": _get("The catalogue in one syntax.", rdf, suffix, since),
            **_crawl_paths(),
            "/openapi.json": _get("This description.", {"description": "OpenAPI 3.1",
                                                        "content": _content(JSON)}),
        },
        "components": {"responses": {"Error": {
            "description": "What went wrong: RFC 9457 problem details (the default, also for clients asking "
                           "for JSON), plain text, HTML, or for RDF clients of entity documents an empty graph "
                           "whose comment holds the detail.",
            "content": {F.PROBLEM_JSON.media_type: {"schema": PROBLEM_SCHEMA}, **_content(TEXT, HTML, *RDF)}}}},
    }


@blueprint.route("/openapi.json", methods=["GET"])
def openapi() -> Response:
    ctx = site()
    body = json.dumps(spec(request.url_root, ctx.settings.server, ctx.settings.sparql), indent=2)
    response = Response(body + "\n", content_type=F.JSON.content_type)
    response.headers["Cache-Control"] = "no-cache"
    return response

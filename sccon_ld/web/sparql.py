"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint over the current release.

- Query operation: ``GET ?query=``, ``POST`` form (``query=``), ``POST application/sparql-query``
  (UTF-8). The dataset (``default-graph-uri`` / ``named-graph-uri``, else ``FROM`` / ``FROM
  NAMED``, else the release's: its default graph, each distinct triple once, and every document
  graph) is resolved once per request (:mod:`sccon_ld.store.dataset`).
- Results by ``Accept`` (q-values) or a ``format`` parameter: SPARQL JSON/XML/CSV/TSV for
  SELECT (JSON/XML for ASK); Turtle, JSON-LD, N-Triples, RDF/XML for CONSTRUCT/DESCRIBE; an
  HTML table for browsers. The form is known only after parsing, so the worker gets every
  acceptable type best first and writes the first its form allows (406 if none).
- Read-only and offline: SPARQL Update (``update=``, ``application/sparql-update``, update
  keywords) gets 403; ``SERVICE`` (pyoxigraph *would* call it) and ``FROM`` naming a graph
  that is not in this dataset get 400, so a query never makes the server fetch anything.
- Bounded: ``[sparql]`` settings cap query size (413), rows (400, never a silent cut), wall
  time (503; the worker process is killed, see :mod:`sccon_ld.store.query_runner`) and concurrency
  (503 after a short wait).
- ``GET``/``HEAD /sparql`` without a query: the service description (``sd:Service``) or, for
  browsers, a query page with the competency questions (``queries/cq*.rq``) as examples.
- Errors are problem details, text or HTML (``errors.DOCUMENT_FORMATS``), never labelled as results.
- CORS (``cors.py``, for every route): ``Access-Control-Allow-Origin: *`` and ``OPTIONS`` preflight.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request
from rdflib import Graph, URIRef
from werkzeug.datastructures import CombinedMultiDict, MultiDict

from .. import formats as F
from ..release.describe_dataset import service_description
from ..settings import PROJECT_ROOT
from ..store.dataset import QueryDataset, resolve, tokens
from ..store.query_runner import GRAPH_FORMATS, RESULT_FORMATS, Answer, Job, QueryError, QueryPool, execute
from ..vocab import FORMATS as W3C_FORMATS
from ..vocab import prefixed_name
from ..vocab import prefixes as default_prefixes
from . import i18n, negotiation, render, sparql_editor
from .context import CSP, page_language, site
from .errors import documents_only, error_response
from .void import RDF_SYNTAXES, SUFFIXES, describe, links

blueprint = Blueprint("sparql", __name__)
documents_only("/sparql")  # errors here are problem details, text or HTML: never results nor a graph

POOL_KEY = "sccon-sparql-pool"
QUERIES_DIR = PROJECT_ROOT / "queries"
HTML = F.HTML.media_type
SRJ = F.SPARQL_JSON.media_type
TURTLE = F.TURTLE.media_type
FORM = F.FORM.media_type
DIRECT = F.SPARQL_QUERY.media_type
UPDATE = F.SPARQL_UPDATE.media_type
ALLOW = "GET, HEAD, POST, OPTIONS"
READ_ONLY = "This endpoint is read-only: SPARQL Update is not accepted."

# What a client may ask for (a format's own media type or an alias) -> what the worker writes.
RESULT_TYPES = {t: f.media_type for t, f in F.offer(F.RESULT_FORMATS).items()}
GRAPH_TYPES = {t: f.media_type for t, f in F.offer(F.GRAPH_SYNTAXES).items()}
# ``format``/``output`` short names -> (results type, graph type); SPARQLWrapper repeats its
# choice in ``format`` for every return format, so a name may stand for both.
FORMAT_NAMES = {
    name: (next((f.media_type for f in F.RESULT_FORMATS if name in f.names), None),
           next((f.media_type for f in F.GRAPH_SYNTAXES if name in f.names), None))
    for name in dict.fromkeys(n for f in (*F.RESULT_FORMATS, *F.GRAPH_SYNTAXES) for n in f.names)
}
SD_RESULT_FORMATS = [URIRef(W3C_FORMATS + f.w3c) for f in (*F.RESULT_FORMATS, *F.GRAPH_SYNTAXES)]


class ProtocolError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class QueryRequest:
    query: str
    dataset: QueryDataset  # resolved once here; the store, the worker and a remote server all use it
    params: MultiDict


@blueprint.record_once
def _start_pool(state) -> None:
    limits = state.app.extensions["sccon"].settings.sparql
    state.app.extensions[POOL_KEY] = QueryPool(
        size=limits["max_concurrent_queries"], timeout=limits["query_timeout"],
        queue_wait=limits["queue_wait"], per_client=limits["max_queries_per_client"],
        waiting_per_client=limits["max_waiting_per_client"])


def pool() -> QueryPool:
    return current_app.extensions[POOL_KEY]


# ---------------------------------------------------------------- the protocol


def _one_query(values: list[str]) -> str | None:
    if len(values) > 1:
        raise ProtocolError(400, "Exactly one 'query' parameter is allowed.")
    return values[0] if values else None


def parse_request() -> QueryRequest | None:
    """The query and dataset of this request; None for a GET without a query."""
    args = request.args
    if "update" in args or "using-graph-uri" in args or "using-named-graph-uri" in args:
        raise ProtocolError(403, READ_ONLY)
    if request.method in ("GET", "HEAD"):
        query, params = _one_query(args.getlist("query")), args
        if query is None:
            return None
    else:
        mimetype = request.mimetype
        if mimetype == UPDATE:
            raise ProtocolError(403, READ_ONLY)
        if mimetype == FORM:
            if "update" in request.form:
                raise ProtocolError(403, READ_ONLY)
            params = CombinedMultiDict([args, request.form])
            query = _one_query(request.form.getlist("query") + args.getlist("query"))
        elif mimetype == DIRECT:
            charset = request.mimetype_params.get("charset", "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                raise ProtocolError(415, f"The query must be sent as UTF-8, not {charset}.")
            if "query" in args:
                raise ProtocolError(400, "The query is in the body; do not repeat it as a 'query' parameter.")
            try:
                query, params = request.get_data().decode("utf-8"), args
            except UnicodeDecodeError:
                raise ProtocolError(400, "The query is not valid UTF-8.") from None
        elif not mimetype:
            raise ProtocolError(400, f"POST needs a Content-Type: {FORM} or {DIRECT}.")
        else:
            raise ProtocolError(415, f"Unsupported Content-Type {mimetype}; use {FORM} or {DIRECT}.")
        if query is None:
            raise ProtocolError(400, "No 'query' given.")
    default_graphs, named_graphs = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    for iri in default_graphs + named_graphs:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise ProtocolError(400, f"Not an absolute IRI: {iri!r}") from None
    dataset = resolve(query, default_graphs, named_graphs, default_prefixes(site().settings.base), request.base_url)
    return QueryRequest(query, dataset, params)


# ---------------------------------------------------------------- guard: read-only, offline

UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


_OPENS, _CLOSES = set("{(["), set("})]")


def nesting_depth(query: str) -> int:
    """How deeply groups, expressions and blank-node lists nest (``{``, ``(``, ``[``; strings,
    IRIs and comments do not count)."""
    depth = deepest = 0
    for tok in tokens(query):
        if tok.kind != "other":
            continue
        text = tok.text
        if text in _OPENS:
            depth += 1
            deepest = max(deepest, depth)
        elif text in _CLOSES:
            depth = max(0, depth - 1)
    return deepest


def check_nesting(query: str, limit: int) -> None:
    """Refuse a query nested deeper than ``limit`` before the engine parses it: its recursive parser
    overflows the stack on thousands of levels and takes exponential time on a few hundred nested
    collections."""
    depth = nesting_depth(query)
    if depth > limit:
        raise ProtocolError(400, f"The query nests {{ }}, ( ) or [ ] {depth} levels deep; at most {limit} "
                                 "levels are allowed (sparql.max_nesting_depth).")


def check_query(query: str, dataset: QueryDataset, local_graphs: set[str]) -> None:
    """Refuse updates, SERVICE and FROM graphs that are not in this dataset (ProtocolError)."""
    words = [tok.text.upper() for tok in tokens(query) if tok.kind == "word"]
    first = next((w for w in words if w not in ("PREFIX", "BASE")), None)
    if first in UPDATE_WORDS:
        raise ProtocolError(403, READ_ONLY)
    if "SERVICE" in words:
        raise ProtocolError(400, "SERVICE is not supported: this endpoint never queries other endpoints.")
    if dataset.source != "query":
        return  # default-graph-uri / named-graph-uri replace FROM and FROM NAMED
    for iri in dataset.graphs():
        if iri not in local_graphs:
            raise ProtocolError(400, f"FROM <{iri}> is not a graph of this dataset; this endpoint never "
                                     "fetches data from the web (the graphs are listed at GET /sparql).")


# ---------------------------------------------------------------- formats


@dataclass(frozen=True)
class Formats:
    """What to answer in: an HTML page, or (type sent, type the worker writes) pairs, best first."""

    html: bool = False
    results: tuple[tuple[str, str], ...] = ()
    graphs: tuple[tuple[str, str], ...] = ()

    def sent(self, answer: Answer) -> str:
        """The media type to label ``answer`` with: the client's name for what the worker wrote."""
        pairs = self.results if answer.form in ("select", "ask") else self.graphs
        return next((sent for sent, written in pairs if written == answer.media_type), answer.media_type)


PAGE_FORMATS = Formats(results=((SRJ, SRJ),), graphs=((TURTLE, TURTLE),))


def _ranked(ranges: list[negotiation.MediaRange], offered: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Every acceptable offered type, best first by ``Accept`` (q-values, specificity, order)."""
    return tuple((best, offered[best]) for best in negotiation.ranked(ranges, list(offered)))


def _by_name(fmt: str) -> Formats:
    """The ``format`` (or ``output``) parameter: a short name or a media type."""
    if fmt in ("html", HTML):
        return Formats(html=True)
    if fmt in FORMAT_NAMES:
        result, graph = FORMAT_NAMES[fmt]
    elif fmt in RESULT_TYPES or fmt in GRAPH_TYPES:
        result, graph = (fmt if fmt in RESULT_TYPES else None), (fmt if fmt in GRAPH_TYPES else None)
    else:
        names = ", ".join(FORMAT_NAMES)
        raise ProtocolError(400, f"Unknown format {fmt!r}; use one of {names}, html.")
    return Formats(results=((result, RESULT_TYPES[result]),) if result else (),
                   graphs=((graph, GRAPH_TYPES[graph]),) if graph else ())


def choose_formats(params: MultiDict, accept: str | None) -> Formats:
    """``format``/``output`` if given (it overrides Accept), else content negotiation on ``Accept``."""
    fmt = (params.get("format") or params.get("output") or "").strip().lower()
    if fmt:
        return _by_name(fmt)
    ranges = negotiation.parse_accept(accept)  # once per request
    everything = [*RESULT_TYPES, *GRAPH_TYPES, HTML]
    if negotiation.choose_in(ranges, everything, SRJ) == HTML:
        return Formats(html=True)
    formats = Formats(results=_ranked(ranges, RESULT_TYPES), graphs=_ranked(ranges, GRAPH_TYPES))
    if not formats.results and not formats.graphs:
        raise ProtocolError(406, "Not acceptable; offered: " + ", ".join([*RESULT_FORMATS, *GRAPH_FORMATS]))
    return formats


# ---------------------------------------------------------------- handlers


def _error(status: int, message: str) -> Response:
    headers = {"Retry-After": "5"} if status == 503 else None
    response = error_response(status, message, headers=headers)
    if status in (403, 405):
        response.headers["Allow"] = ALLOW
    return response


def _job(q: QueryRequest, formats: Formats) -> Job:
    ctx = site()
    return Job(
        store_dir=str(ctx.store.release.store_dir), query=q.query, dataset=q.dataset,
        result_types=tuple(w for _, w in formats.results),
        graph_types=tuple(w for _, w in formats.graphs),
        max_rows=ctx.settings.sparql["max_result_rows"], prefixes=default_prefixes(ctx.settings.base),
        base_iri=request.base_url,
    )


@blueprint.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint() -> Response:
    if request.method == "OPTIONS":
        return _preflight()
    ctx = site()
    try:
        q = parse_request()
        if q is None:
            return _without_query()
        limit = ctx.settings.sparql["max_query_chars"]
        if len(q.query) > limit:
            raise ProtocolError(413, f"The query has {len(q.query)} characters; at most {limit} are allowed.")
        check_nesting(q.query, ctx.settings.sparql["max_nesting_depth"])
        check_query(q.query, q.dataset, set(ctx.store.named_graphs()) if q.dataset.source == "query" else set())
        formats = choose_formats(q.params, request.headers.get("Accept"))
        if formats.html:
            return _page(q.query, asked=q)
        answer = _answer(_job(q, formats))
    except (ProtocolError, QueryError) as e:
        return _error(e.status, e.message)
    response = Response(answer.body, content_type=F.content_type(formats.sent(answer)))
    response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-SPARQL-Release"] = ctx.store.version
    return response


def _preflight() -> Response:
    response = Response(status=204)  # the CORS headers are added for every route (cors.py)
    response.headers["Allow"] = ALLOW
    return response


def _service_description() -> Graph:
    return service_description(links(), site().store.named_graphs(), SD_RESULT_FORMATS)


def _without_query() -> Response:
    accept = request.headers.get("Accept")
    described = request.args.get("format")
    if described in (*SUFFIXES, F.HTML.ext):  # the service description by name (a link can say which)
        return describe("sparql-service", _service_description, described)
    if negotiation.choose(accept, [*RDF_SYNTAXES, HTML], TURTLE) == HTML or "example" in request.args:
        return _page(request.args.get("query", ""))
    return describe("sparql-service", _service_description)


# ---------------------------------------------------------------- the HTML page


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    query: str


def examples(folder: Path | None = None) -> list[Example]:
    """The competency questions as shipped in ``queries/cq*.rq``, read once per process and folder."""
    return _examples(folder or QUERIES_DIR)


@cache
def _examples(folder: Path) -> list[Example]:
    out = []
    for path in sorted(folder.glob("cq*.rq")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        first = text.lstrip().splitlines()[0] if text.strip() else ""
        title = first.lstrip("#").strip() if first.startswith("#") else path.stem
        out.append(Example(path.stem, title, text))
    return out


def _cell(binding: dict | None, base: str, root: str, prefixes: dict[str, str]) -> dict | None:
    """A JSON result term plus where to link it (dataset IRIs open on this server) and how to show
    it (a prefixed name where one of the endpoint's prefixes fits)."""
    if binding is None:
        return None
    if binding["type"] != "uri":
        return {**binding, "href": None, "text": binding["value"]}
    iri = binding["value"]
    return {**binding, "href": render.href(iri, base, root), "text": prefixed_name(iri, prefixes) or iri}


def _answer(job: Job) -> Answer:
    """Run a query where it can be bounded: in a killable worker on the release's store, or on the
    remote SPARQL server (``serve --store``), which bounds it itself."""
    store = site().store
    if store.release.store_dir is not None:
        return pool().run(job, client=request.remote_addr or "")
    from ..store.remote import RemoteStoreError

    try:
        return execute(store, job)
    except RemoteStoreError as e:
        raise QueryError(400 if "HTTP 4" in str(e) else 502, str(e)) from None


def _results_table(q: QueryRequest) -> dict:
    answer = _answer(_job(q, PAGE_FORMATS))
    if answer.form == "graph":
        return {"form": "graph", "text": answer.body.decode("utf-8")}
    data = json.loads(answer.body)
    if answer.form == "ask":
        return {"form": "ask", "boolean": data["boolean"]}
    variables = data["head"]["vars"]
    base, root = site().settings.base, request.script_root
    prefixes = default_prefixes(base)
    rows = [[_cell(row.get(v), base, root, prefixes) for v in variables] for row in data["results"]["bindings"]]
    return {"form": "select", "vars": variables, "rows": rows}


def _editor() -> dict:
    """What the template needs for YASGUI (nothing when its files are not installed)."""
    if not sparql_editor.installed():
        return {}
    base, root = site().settings.base, request.script_root
    config = sparql_editor.editor_config(root + "/sparql", default_prefixes(base), base, root,
                                         i18n.Translator(page_language()))
    return {"editor": config, "downloads": sparql_editor.downloads()}


def _page(query: str, asked: QueryRequest | None = None) -> Response:
    """The query page; with ``asked`` (a request already parsed and checked) also its results."""
    ctx = site()
    shown = examples()
    chosen = request.args.get("example")
    if chosen and not query:
        query = next((e.query for e in shown if e.name == chosen), "")
    results, error, status = None, None, 200
    if asked is not None:
        try:
            results = _results_table(asked)
        except (ProtocolError, QueryError) as e:
            error, status = e.message, e.status
    if not query and shown:
        query = shown[0].query
    body = render_template(
        "sparql.html", query=query, examples=shown,
        results=results, error=error, dataset=ctx.settings.dataset, version=ctx.store.version,
        created=ctx.store.release.created, root=request.script_root,
        limits=ctx.settings.sparql, graphs=ctx.store.named_graphs(), known_prefixes=list(default_prefixes(ctx.settings.base)),
        **_editor(),
    )
    response = Response(body, status=status, content_type=F.HTML.content_type)
    if sparql_editor.installed():
        response.headers["Content-Security-Policy"] = sparql_editor.page_csp(CSP)
    response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = "no-cache"
    return response

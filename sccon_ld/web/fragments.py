"""``/fragments``: Triple Pattern Fragments (the Linked Data Fragments interface).

``/fragments?subject=&predicate=&object=&page=`` answers the triples of the default graph that
match one pattern (an empty or ``?var`` position matches anything; terms in the hydra
ExplicitRepresentation: an IRI as it is, a literal as ``"text"``, ``"text"@lang`` or
``"text"^^datatype``), one page at a time, with the hydra controls (search template, first /
next / previous pages) and a ``void:triples`` count that lets a client-side engine such as
Comunica plan its joins. TriG puts the controls in their own graph (``<page#metadata>``,
``foaf:primaryTopic``) so the data stays clean; Turtle and N-Triples mix them in, as the
specification allows.

The triples come from the store's public query interface (its default graph, each triple once),
so the fragments always agree with ``/sparql``. Every page depends only on the release and its
URL: cached per release, ``ETag`` by release, ``Cache-Control: public``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from itertools import product
from urllib.parse import quote

import pyoxigraph as ox
from flask import Blueprint, Response, request

from .. import formats as F
from ..vocab import DCT, FOAF, HYDRA, RDF, VOID, XSD, prefixes
from . import caching, negotiation
from .context import site
from .errors import error_response

blueprint = Blueprint("fragments", __name__)

POSITIONS = ("subject", "predicate", "object")
SYNTAXES = {f.media_type: f for f in F.FRAGMENT_SYNTAXES}  # own media types only: the first is the default
_LITERAL = re.compile(r'^"(?P<text>.*)"(?:@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^<?(?P<datatype>[^<>"\s]+)>?)?$',
                      re.DOTALL)


class BadPattern(ValueError):
    """A pattern position that is no term (400)."""


Term = ox.NamedNode | ox.Literal


def parse_term(position: str, value: str | None) -> Term | None:
    """One position of the pattern: None for a variable (absent, empty, ``?name``), else the term."""
    value = (value or "").strip()
    if not value or value.startswith("?"):
        return None
    if value.startswith("_:"):
        raise BadPattern(f"{position}: blank nodes cannot be asked for ({value!r}); leave the position empty.")
    if value.startswith('"'):
        if position != "object":
            raise BadPattern(f"{position}: a literal can only be the object ({value!r}).")
        match = _LITERAL.match(value)
        if match is None:
            raise BadPattern(f'object: not a literal in the form "text", "text"@lang or "text"^^datatype ({value!r}).')
        try:
            if match["lang"]:
                return ox.Literal(match["text"], language=match["lang"])
            if match["datatype"]:
                return ox.Literal(match["text"], datatype=ox.NamedNode(match["datatype"]))
            return ox.Literal(match["text"])
        except ValueError as e:
            raise BadPattern(f"object: {e} ({value!r})") from None
    iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", iri):
        raise BadPattern(f"{position}: not an absolute IRI ({value!r}).")
    try:
        return ox.NamedNode(iri)
    except ValueError as e:
        raise BadPattern(f"{position}: {e} ({value!r})") from None


def explicit(term: Term) -> str:
    """A term in the hydra ExplicitRepresentation (how the search template expects it)."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if term.language:
        return f'"{term.value}"@{term.language}'
    if term.datatype.value != XSD + "string":
        return f'"{term.value}"^^{term.datatype.value}'
    return f'"{term.value}"'


@dataclass(frozen=True)
class Pattern:
    subject: ox.NamedNode | None
    predicate: ox.NamedNode | None
    object: Term | None

    def terms(self) -> tuple[Term | None, ...]:
        return self.subject, self.predicate, self.object

    def where(self) -> str:
        parts = [str(t) if t is not None else f"?{name[0]}" for name, t in zip(POSITIONS, self.terms(), strict=True)]
        return " ".join(parts)

    def variables(self) -> list[str]:
        return [f"?{name[0]}" for name, t in zip(POSITIONS, self.terms(), strict=True) if t is None]

    def query_string(self, page: int | None = None) -> str:
        """The canonical query string of this pattern (and page), percent-encoded like a URI template."""
        items = [(name, explicit(t)) for name, t in zip(POSITIONS, self.terms(), strict=True) if t is not None]
        if page is not None and page > 1:
            items.append(("page", str(page)))
        return "&".join(f"{k}={quote(v, safe='')}" for k, v in items)


def matching(store, pattern: Pattern, offset: int, limit: int) -> list[ox.Triple]:
    """Up to ``limit`` distinct triples of the default graph matching ``pattern``, from ``offset``."""
    variables = pattern.variables()
    if not variables:
        found = store.query(f"ASK {{ {pattern.where()} }}")
        return [ox.Triple(*pattern.terms())] if bool(found) and offset == 0 else []
    rows = store.query(f"SELECT DISTINCT {' '.join(variables)} WHERE {{ {pattern.where()} }} "
                       f"LIMIT {limit} OFFSET {offset}")
    out = []
    for row in rows:
        s, p, o = (t if t is not None else row[f"{name[0]}"] for name, t in zip(POSITIONS, pattern.terms(), strict=True))
        out.append(ox.Triple(s, p, o))
    return out


def count(store, pattern: Pattern) -> int:
    """How many distinct triples match (exact: the store counts them once per release and pattern)."""
    variables = pattern.variables()
    if not variables:
        return len(matching(store, pattern, 0, 1))
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT {' '.join(variables)} "
                       f"WHERE {{ {pattern.where()} }} }}")
    return int(next(iter(rows))["n"].value)


def page_link(root: str, pattern: Pattern, page: int) -> str:
    """The canonical URL of one page of a fragment."""
    qs = pattern.query_string(page)
    return root + "fragments" + (f"?{qs}" if qs else "")


def last_page(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def fragment_quads(triples: list[ox.Triple], total: int, pattern: Pattern, page: int, per_page: int,
                   root: str, page_url: str, keep_graphs: bool) -> list[ox.Quad]:
    """Data and hydra controls of one page: data in the default graph, controls in the metadata graph."""
    interface = root + "fragments"
    fragment_qs = pattern.query_string()
    fragment = ox.NamedNode(interface + (f"?{fragment_qs}" if fragment_qs else ""))
    this_page = ox.NamedNode(page_url)
    dataset = ox.NamedNode(interface + "#dataset")
    meta_graph = ox.NamedNode(page_url + "#metadata") if keep_graphs else ox.DefaultGraph()
    out = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]

    def add(s, p: str, o) -> None:
        out.append(ox.Quad(s, ox.NamedNode(p), o, meta_graph))

    def link(p: int) -> ox.NamedNode:
        return ox.NamedNode(page_link(root, pattern, p))

    integer = ox.NamedNode(XSD + "integer")
    if keep_graphs:
        add(meta_graph, FOAF + "primaryTopic", fragment)
    add(dataset, RDF + "type", ox.NamedNode(VOID + "Dataset"))
    add(dataset, RDF + "type", ox.NamedNode(HYDRA + "Collection"))
    add(dataset, VOID + "subset", fragment)
    search = ox.BlankNode("search")
    add(dataset, HYDRA + "search", search)
    add(search, HYDRA + "template", ox.Literal(interface + "{?subject,predicate,object}"))
    add(search, HYDRA + "variableRepresentation", ox.NamedNode(HYDRA + "ExplicitRepresentation"))
    for name in POSITIONS:
        mapping = ox.BlankNode(name)
        add(search, HYDRA + "mapping", mapping)
        add(mapping, HYDRA + "variable", ox.Literal(name))
        add(mapping, HYDRA + "property", ox.NamedNode(RDF + name))
    add(fragment, VOID + "subset", this_page)
    add(this_page, RDF + "type", ox.NamedNode(HYDRA + "PartialCollectionView"))
    add(this_page, DCT + "source", dataset)
    add(this_page, VOID + "triples", ox.Literal(str(total), datatype=integer))
    add(this_page, HYDRA + "totalItems", ox.Literal(str(total), datatype=integer))
    add(this_page, HYDRA + "itemsPerPage", ox.Literal(str(per_page), datatype=integer))
    last = last_page(total, per_page)
    add(this_page, HYDRA + "first", link(1))
    add(this_page, HYDRA + "last", link(last))
    if page > 1:
        add(this_page, HYDRA + "previous", link(page - 1))
    if page < last:
        add(this_page, HYDRA + "next", link(page + 1))
    return out


def render(store, pattern: Pattern, page: int, per_page: int, root: str, page_url: str, media_type: str,
           base: str) -> bytes:
    """One fragment page, serialised in ``media_type`` (with the project's prefixes, and void's)."""
    names = prefixes(base) | {"void": str(VOID)}
    total = count(store, pattern)
    triples = matching(store, pattern, (page - 1) * per_page, per_page)
    syntax = SYNTAXES[media_type]
    keep_graphs = bool(syntax.carries & F.Carries.DATASET)
    quads = fragment_quads(triples, total, pattern, page, per_page, root, page_url, keep_graphs)
    with_prefixes = names if syntax in (F.TRIG, F.TURTLE) else None
    if keep_graphs:
        return ox.serialize(quads, format=syntax.ox_format, prefixes=with_prefixes)
    return ox.serialize([q.triple for q in quads], format=syntax.ox_format, prefixes=with_prefixes)


def static_patterns(store, max_triples: int) -> list[Pattern] | None:
    """Every pattern whose fragment is not empty, for the static export: each triple of the default
    graph with each of its positions bound or not (a blank node stays a variable). None when the
    graph has more than ``max_triples`` triples (the files would be about seven per triple)."""
    if count(store, Pattern(None, None, None)) > max_triples:
        return None
    found: set[Pattern] = set()
    for row in store.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"):
        terms = [t if isinstance(t, ox.NamedNode | ox.Literal) else None for t in (row["s"], row["p"], row["o"])]
        for keep in product((False, True), repeat=3):
            found.add(Pattern(*(t if k else None for t, k in zip(terms, keep, strict=True))))
    return sorted(found, key=lambda p: p.query_string())


def empty_page(root: str, page_url: str, per_page: int) -> str:
    """TriG of a fragment without triples at ``page_url``: what the static export's nginx answers
    for a pattern it has no file for (a pattern that matches nothing), with ``$args`` in the URL."""
    everything = ox.NamedNode(root + "fragments")
    this_page = ox.NamedNode(page_url)
    quads = [ox.Quad(*(this_page if t == everything else t for t in (q.subject, q.predicate, q.object)),
                     ox.NamedNode(page_url + "#metadata"))
             for q in fragment_quads([], 0, Pattern(None, None, None), 1, per_page, root, page_url, True)]
    return ox.serialize(quads, format=ox.RdfFormat.TRIG).decode()


def parse_request(args) -> tuple[Pattern, int]:
    """The pattern and page number of a request (BadPattern on anything malformed)."""
    unknown = sorted(set(args) - {*POSITIONS, "page"})
    if unknown:
        raise BadPattern(f"unknown parameter(s): {', '.join(unknown)}; use subject, predicate, object, page.")
    s, p, o = (parse_term(name, args.get(name)) for name in POSITIONS)
    if isinstance(p, ox.Literal):
        raise BadPattern("predicate: must be an IRI.")
    raw_page = args.get("page", "1")
    if not raw_page.isdigit() or not 1 <= int(raw_page) <= 10**9:
        raise BadPattern(f"page: a positive whole number, not {raw_page!r}.")
    return Pattern(s, p, o), int(raw_page)


def _request_url() -> str:
    """The URL exactly as the client asked for it (its own encoding), which the controls describe."""
    raw = request.query_string.decode("latin-1")
    return request.root_url + "fragments" + (f"?{raw}" if raw else "")


@blueprint.route("/fragments", methods=["GET"])
def fragments() -> Response:
    try:
        pattern, page = parse_request(request.args)
    except BadPattern as e:
        return error_response(400, f"Bad triple pattern: {e}")
    media_type = negotiation.choose(request.headers.get("Accept"), list(SYNTAXES), F.TRIG.media_type)
    if media_type is None:
        return error_response(406, "Not acceptable.", details={"offered": list(SYNTAXES)})
    ctx = site()
    per_page = int(ctx.settings.fragments["page_size"])
    page_url = _request_url()
    key = (ctx.store.version, "fragments", page_url, media_type)
    count_key = (ctx.store.version, "fragments-count", pattern)
    total = int(ctx.cache.get_or_render(count_key, lambda: str(count(ctx.store, pattern)).encode()).data)
    if page > 1 and (page - 1) * per_page >= total:
        return error_response(404, f"Page {page} is past the end ({total} triples, {per_page} per page).")
    body = ctx.cache.get_or_render(key, lambda: render(ctx.store, pattern, page, per_page, request.root_url,
                                                       page_url, media_type, ctx.base))
    tag = hashlib.sha256(f"{page_url}\n{media_type}".encode()).hexdigest()[:16]
    response = caching.cached_response(
        request, body, content_type=F.content_type(media_type),
        etag=caching.etag_for(ctx.store.version, f"fragments-{tag}"), last_modified=ctx.store.release.created,
        max_age=int(ctx.settings.server["cache_max_age"]), gzip_min_bytes=int(ctx.settings.server["gzip_min_bytes"]),
    )
    caching.add_vary(response, "Accept")
    response.headers["Access-Control-Allow-Origin"] = "*"
    if page < last_page(total, per_page):  # also in the body (hydra:next); here for plain HTTP clients
        response.headers["Link"] = f'<{page_link(request.root_url, pattern, page + 1)}>; rel="next"'
    return response

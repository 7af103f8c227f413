"""The RDF dataset of one query, as SPARQL 1.1 (13.2) and its Protocol (2.1.4) define it.

Built once per request by :func:`resolve` and handed, as one value, to whatever evaluates the
query (the embedded store, the query worker, a remote SPARQL server), so they cannot disagree:

- the Protocol's ``default-graph-uri`` / ``named-graph-uri`` win; given either, they are the
  whole dataset (a missing list is empty) and ``FROM`` / ``FROM NAMED`` are ignored;
- otherwise the query's own ``FROM`` / ``FROM NAMED`` are the whole dataset, in the same way
  (only ``FROM NAMED``: the default graph is empty; only ``FROM``: no named graphs);
- otherwise the service's dataset: the release's default graph, which holds each distinct
  triple of the release once (materialised at publish time, see ``default_graph``), and every
  named graph of the release.

The default graph of an explicit dataset is the RDF *merge* of the graphs named: a set, so a
triple stated in two of them is matched once (:func:`evaluate` merges when more than one is
named; Oxigraph itself would match it once per graph).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

import pyoxigraph as ox

# SPARQL tokens, as far as this module (and the endpoint's read-only guard) needs them:
# comments and strings are skipped, so a keyword inside them is no keyword.
LEXER = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^\\]|\\.)*?\"\"\"|'''(?:[^\\]|\\.)*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7-\uffff]+)
  | (?P<pname>(?:[A-Za-z][\w.\-]*)?:[\w.:%\-]*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>\S)
""", re.X)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


def tokens(query: str) -> list[Token]:
    """The query's tokens without comments and strings."""
    return [Token(m.lastgroup, m.group()) for m in LEXER.finditer(query)
            if m.lastgroup not in ("comment", "string")]


@dataclass(frozen=True)
class QueryDataset:
    """``default``: graphs merged into the default graph, or None for the service's default graph;
    ``named``: the named graphs, or None for every graph of the release."""

    default: tuple[str, ...] | None = None
    named: tuple[str, ...] | None = None
    source: str = "service"  # "protocol", "query" or "service": where it came from (for messages)

    @property
    def is_service_default(self) -> bool:
        return self.default is None and self.named is None

    def graphs(self) -> list[str]:
        """Every graph IRI the dataset names explicitly."""
        return [*(self.default or ()), *(self.named or ())]


SERVICE_DATASET = QueryDataset()


@dataclass(frozen=True)
class DatasetClauses:
    """The ``FROM`` and ``FROM NAMED`` IRIs written in a query, resolved against its prologue."""

    default: tuple[str, ...]
    named: tuple[str, ...]


def dataset_clauses(query: str | list[Token], prefixes: dict[str, str] | None = None,
                    base_iri: str = "") -> DatasetClauses:
    """``FROM`` / ``FROM NAMED`` of ``query`` (IRIs resolved with its BASE and PREFIXes)."""
    toks = tokens(query) if isinstance(query, str) else query
    base, known = base_iri, dict(prefixes or {})
    default: list[str] = []
    named: list[str] = []
    for i, tok in enumerate(toks[:-1]):
        upper = tok.text.upper() if tok.kind == "word" else ""
        if upper == "BASE" and toks[i + 1].kind == "iri":
            base = urljoin(base, toks[i + 1].text[1:-1])
        elif upper == "PREFIX" and i + 2 < len(toks) and toks[i + 1].kind == "pname":
            known[toks[i + 1].text[:-1]] = urljoin(base, toks[i + 2].text[1:-1])
        elif upper == "FROM":
            is_named = toks[i + 1].kind == "word" and toks[i + 1].text.upper() == "NAMED"
            j = i + 2 if is_named else i + 1
            if j >= len(toks):
                continue
            target = toks[j]
            if target.kind == "iri":
                iri = urljoin(base, target.text[1:-1])
            elif target.kind == "pname":
                prefix, _, local = target.text.partition(":")
                if prefix not in known:
                    continue  # the engine reports the undefined prefix
                iri = known[prefix] + local
            else:
                continue
            (named if is_named else default).append(iri)
    return DatasetClauses(tuple(default), tuple(named))


def resolve(query: str | list[Token], default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = (),
            prefixes: dict[str, str] | None = None, base_iri: str = "") -> QueryDataset:
    """The dataset of one request: the Protocol's parameters, else the query's FROM clauses, else the service's."""
    if default_graph_uris or named_graph_uris:
        return QueryDataset(tuple(default_graph_uris), tuple(named_graph_uris), "protocol")
    clauses = dataset_clauses(query, prefixes, base_iri)
    if clauses.default or clauses.named:
        return QueryDataset(clauses.default, clauses.named, "query")
    return SERVICE_DATASET


def _nodes(iris: Iterable[str]) -> list[ox.NamedNode]:
    return [ox.NamedNode(i) for i in dict.fromkeys(iris)]


def evaluate(store: ox.Store, query: str, dataset: QueryDataset = SERVICE_DATASET, *,
             prefixes: dict[str, str] | None = None, base_iri: str | None = None):
    """``query`` on an Oxigraph store over ``dataset`` (the store's default graph is the service's).

    Oxigraph's own dataset keywords override the query's FROM clauses, as the Protocol wants; a
    default graph merged from several graphs is built in memory, so that it is a set.
    """
    options: dict = {"prefixes": prefixes or None, "base_iri": base_iri}
    if dataset.is_service_default:
        return store.query(query, **options)
    default = _nodes(dataset.default or ())
    named = _nodes(dataset.named or ())
    if len(default) <= 1:
        return store.query(query, default_graph=default, named_graphs=named, **options)
    merged = ox.Store()
    merged.bulk_extend(ox.Quad(q.subject, q.predicate, q.object)
                       for g in default for q in store.quads_for_pattern(None, None, None, g))
    merged.bulk_extend(q for g in named for q in store.quads_for_pattern(None, None, None, g))
    return merged.query(query, default_graph=ox.DefaultGraph(), named_graphs=named, **options)


def without_dataset_clauses(query: str) -> str:
    """``query`` with its ``FROM`` / ``FROM NAMED`` clauses blanked out: for servers that add the
    Protocol's graphs to the query's (Virtuoso) instead of replacing them; the dataset travels as
    the Protocol's parameters."""
    matches = [m for m in LEXER.finditer(query) if m.lastgroup not in ("comment", "string")]
    cuts: list[tuple[int, int]] = []
    for i, m in enumerate(matches[:-1]):
        if m.lastgroup != "word" or m.group().upper() != "FROM":
            continue
        j = i + 1
        if matches[j].lastgroup == "word" and matches[j].group().upper() == "NAMED":
            j += 1
        if j < len(matches) and matches[j].lastgroup in ("iri", "pname"):
            cuts.append((m.start(), matches[j].end()))
    for start, end in reversed(cuts):
        query = query[:start] + " " * (end - start) + query[end:]
    return query


def uses_named_graphs(query: str | list[Token]) -> bool:
    """Whether the query can see named graphs at all (``GRAPH``): without it their list is moot."""
    toks = tokens(query) if isinstance(query, str) else query
    return any(t.kind == "word" and t.text.upper() == "GRAPH" for t in toks)


def protocol_form(dataset: QueryDataset, query: str, default_set_graph: str, release_graphs: Sequence[str],
                  empty_graph: str) -> list[tuple[str, str]]:
    """The ``default-graph-uri`` / ``named-graph-uri`` parameters that give a remote SPARQL server
    the same dataset, always both explicit, since servers disagree on what is left out:

    - the default set lives there in the named graph ``default_set_graph`` (what a server's own
      default graph is differs: the unnamed graph, or every graph with repeats, as in Virtuoso);
    - ``release_graphs`` (the release's named graphs) are listed only for a query that uses
      ``GRAPH``; no named graphs at all is said by naming ``empty_graph``, a graph that holds
      nothing, since Virtuoso takes a missing ``named-graph-uri`` for "every graph it holds".
    """
    if dataset.is_service_default:
        default: Sequence[str] = (default_set_graph,)
        named: Sequence[str] = release_graphs
    else:
        default = dataset.default or ()
        named = dataset.named if dataset.named is not None else release_graphs
        if not default:
            default = (empty_graph,)
    if not uses_named_graphs(query):
        named = ()
    elif not named:
        named = (empty_graph,)
    return [*(("default-graph-uri", g) for g in dict.fromkeys(default)),
            *(("named-graph-uri", g) for g in dict.fromkeys(named))]

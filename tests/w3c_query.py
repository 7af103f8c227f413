"""Runs the W3C SPARQL 1.1 query tests (``../shared/refdata/sparql11-query``) through the query path of /sparql.

Each manifest entry's ``qt:data`` goes into a store's default graph and each ``qt:graphData``
into a named graph of its own file IRI, as the manifests intend; the query then runs as a job
of ``query_runner.execute`` (what the query worker runs for /sparql: the dataset, the engine,
the row cap and our own result writers) and the bytes it writes are parsed again and compared
with the expected results:

- SELECT: the same multiset of rows (order not checked), blank nodes wildcarded, numbers by value;
- ASK: the same boolean; CONSTRUCT: isomorphic graphs;
- CSV results: the same lines (CSV cannot be parsed back to terms), row order ignored;
- negative syntax tests: refused with 400.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                             "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
                             "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}

RESULT_TYPES = {".srx": "application/sparql-results+xml", ".srj": "application/sparql-results+json",
                ".tsv": "text/tab-separated-values", ".csv": "text/csv"}
RESULT_PARSERS = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON,
                  ".tsv": ox.QueryResultsFormat.TSV}
DATA_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".rdf": ox.RdfFormat.RDF_XML, ".nt": ox.RdfFormat.N_TRIPLES}


@dataclass(frozen=True)
class Case:
    """One manifest entry: ``name`` is ``<folder>/<local name>``."""

    name: str
    kind: str  # QueryEvaluationTest, NegativeSyntaxTest11, CSVResultFormatTest
    query: Path
    data: tuple[Path, ...] = ()
    graph_data: tuple[Path, ...] = ()
    result: Path | None = None


def _path(node) -> Path:
    return Path(str(node).removeprefix("file://"))


def cases(root: Path) -> list[Case]:
    """Every entry of every ``<root>/*/manifest.ttl``, in manifest order."""
    out = []
    for manifest in sorted(root.glob("*/manifest.ttl")):
        g = Graph()
        g.parse(manifest, format="turtle", publicID=manifest.resolve().as_uri())
        head = next(g.subjects(RDF_TYPE, URIRef(MF + "Manifest")))
        for entries in g.objects(head, URIRef(MF + "entries")):
            for entry in Collection(g, entries):
                kind = str(g.value(entry, RDF_TYPE)).removeprefix(MF)
                action = g.value(entry, URIRef(MF + "action"))
                name = f"{manifest.parent.name}/{str(entry).rsplit('#', 1)[-1]}"
                if kind == "NegativeSyntaxTest11":
                    out.append(Case(name, kind, _path(action)))
                    continue
                result = g.value(entry, URIRef(MF + "result"))
                out.append(Case(
                    name, kind, _path(g.value(action, URIRef(QT + "query"))),
                    tuple(_path(d) for d in g.objects(action, URIRef(QT + "data"))),
                    tuple(sorted(_path(d) for d in g.objects(action, URIRef(QT + "graphData")))),
                    _path(result) if result is not None else None))
    return out


def store_for(case: Case) -> ox.Store:
    store = ox.Store()
    for path in case.data:
        store.load(path=str(path), format=DATA_FORMATS[path.suffix], base_iri=path.resolve().as_uri())
    for path in case.graph_data:
        iri = path.resolve().as_uri()
        store.load(path=str(path), format=DATA_FORMATS[path.suffix], base_iri=iri, to_graph=ox.NamedNode(iri))
    return store


# ------------------------------------------------------------------ comparing


def _term_key(term) -> tuple:
    if term is None:
        return ("unbound",)
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.Triple):
        return ("triple", _term_key(term.subject), _term_key(term.predicate), _term_key(term.object))
    datatype = term.datatype.value
    if term.language:
        return ("lang", term.value, term.language.lower())
    if datatype in NUMERIC:
        try:
            return ("number", Decimal(term.value.strip()))
        except InvalidOperation:
            return ("literal", term.value, datatype)
    return ("literal", term.value, datatype)


def _rows(solutions: ox.QuerySolutions) -> tuple[list[str], list[tuple]]:
    variables = sorted(v.value for v in solutions.variables)
    return variables, [tuple(_term_key(row[v]) for v in variables) for row in solutions]


def _csv_lines(text: str) -> list[str]:
    """CSV lines, sorted, blank node labels made equal (they are local to a result)."""
    return sorted(re.sub(r"_:[^,\s]+", "_:b", line) for line in text.replace("\r\n", "\n").strip().split("\n"))


def _result_set(path: Path) -> tuple[list[str], list[tuple]]:
    """A result set written in the DAWG result-set vocabulary (Turtle)."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    variables = sorted(str(v[0].value) for v in store.query(
        f"SELECT DISTINCT ?v WHERE {{ ?rs <{RS}resultVariable> ?v }}"))
    rows = []
    for quad in store.quads_for_pattern(None, ox.NamedNode(RS + "solution"), None):
        values = {}
        for binding in store.quads_for_pattern(quad.object, ox.NamedNode(RS + "binding"), None):
            name = next(store.quads_for_pattern(binding.object, ox.NamedNode(RS + "variable"), None)).object
            value = next(store.quads_for_pattern(binding.object, ox.NamedNode(RS + "value"), None)).object
            values[name.value] = value
        rows.append(tuple(_term_key(values.get(v)) for v in variables))
    return variables, rows


def compare(case: Case, answer_form: str, answer_type: str, body: bytes) -> str | None:
    """None when ``body`` (what our query path wrote) is the expected result, else why not."""
    assert case.result is not None
    suffix = case.result.suffix
    if case.kind == "CSVResultFormatTest":
        expected = _csv_lines(case.result.read_text(encoding="utf-8"))
        got = _csv_lines(body.decode("utf-8"))
        return None if got == expected else f"CSV differs: {got} != {expected}"
    if suffix in (".ttl", ".nt", ".rdf"):
        if (case.result.read_text(encoding="utf-8").find(RS) >= 0) and answer_form == "select":
            return _compare_rows(_result_set(case.result), ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))
        if answer_form != "graph":
            return f"expected a graph, got {answer_form}"
        want = Graph().parse(case.result, format={".ttl": "turtle", ".nt": "nt", ".rdf": "xml"}[suffix])
        got = Graph().parse(data=body, format="nt")
        return None if isomorphic(want, got) else f"graphs differ ({len(got)} vs {len(want)} triples)"
    expected = ox.parse_query_results(path=str(case.result), format=RESULT_PARSERS[suffix])
    written = ox.parse_query_results(body, format=ox.QueryResultsFormat.from_media_type(answer_type))
    if isinstance(expected, ox.QueryBoolean):
        if not isinstance(written, ox.QueryBoolean):
            return "expected a boolean"
        return None if bool(expected) == bool(written) else f"ASK: got {bool(written)}"
    if not isinstance(written, ox.QuerySolutions):
        return "expected solutions"
    return _compare_rows(_rows(expected), written)


def _compare_rows(expected: tuple[list[str], list[tuple]], written: ox.QuerySolutions) -> str | None:
    want_vars, want = expected
    got_vars, got = _rows(written)
    if want_vars != got_vars:
        return f"variables {got_vars} != {want_vars}"
    return None if sorted(got) == sorted(want) else f"rows differ: got {len(got)}, expected {len(want)}"


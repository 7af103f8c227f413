"""SHACL validation of the dataset, graph by graph, with a report a person can read.

Why graph by graph: every document keeps its own claims in its own named graph, and documents
may disagree (an announced date that later changed). So each document graph is validated on its
own, merged only with the curated authority graph it points into (places, organisers, the
series); the authority graph is also validated alone. pyshacl is the reference engine;
pyshacl-turbo (same API, native) can be chosen with ``engine="pyshacl-turbo"``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from . import settings
from .iris import PROV, SCHEMA, IRIs, rebase

ONTOLOGY_FILE = "sccon.ttl"
# schema.org's class hierarchy: SHACL looks for rdfs:subClassOf in the data graph only.
SCHEMA_HIERARCHY_FILE = "schemaorg-hierarchy.ttl"
ENGINES = ("pyshacl", "pyshacl-turbo")
SCHEMA_HTTPS = URIRef(str(SCHEMA))
SCHEMA_HTTP = URIRef("http://schema.org/")

Engine = Callable[[Graph], tuple[bool, Graph]]


@dataclass(frozen=True)
class Violation:
    """One SHACL result, located: which node, which property, which document."""

    focus: Node
    path: Node | None
    value: Node | None
    message: str
    severity: str
    graph: URIRef | None
    source_file: str | None
    shape: Node | None = None
    component: URIRef | None = None
    constraint: Node | None = None
    path_text: str = ""

    @property
    def key(self) -> tuple:
        """What makes two results the same finding, whichever run produced them."""
        return (self.focus, self.path_text, self.value, self.message, self.component)


def _count(n: int, noun: str) -> str:
    """``1 graph``, ``6 graphs``: a count that reads right."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass
class ValidationResult:
    conforms: bool
    violations: list[Violation]
    report: Graph
    graphs_checked: list[URIRef] = field(default_factory=list)

    def text(self) -> str:
        """One block per violation: what is wrong, where (document, node, property), which value."""
        nsm = _namespaces(settings.get().base).namespace_manager
        checked = _count(len(self.graphs_checked), "named graph")
        if self.conforms:
            return f"SHACL validation: {checked} checked, no violations: the dataset conforms.\n"
        faulty = len({v.graph for v in self.violations})
        head = (f"SHACL validation: {checked} checked, {_count(len(self.violations), 'violation')} "
                f"in {faulty} of them")
        blocks: list[str] = []
        for v in self.violations:
            value = "-" if v.value is None or v.value == v.focus else _show(v.value, nsm)
            block = (
                f"[{v.severity}] {_readable(v.message, nsm)}\n"
                f"  document: {v.source_file or '(no source file)'}  graph <{v.graph}>\n"
                f"  node:     {_show(v.focus, nsm, compact=False)}\n"
                f"  property: {v.path_text or '-'}\n"
                f"  value:    {value}\n"
            )
            if block not in blocks:  # one block even where two constraints of a shape say the same
                blocks.append(block)
        return "\n".join([head + "\n", *blocks])


# ---------------------------------------------------------------------------- loading


def _parse(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def load_ontology(base: str | None = None) -> Graph:
    """The published sccon: ontology (ontology/sccon.ttl) with its IRIs under ``base``."""
    base = base or settings.get().base
    return rebase(_parse(settings.get().path("ontology") / ONTOLOGY_FILE), base)


def load_class_hierarchy(base: str | None = None) -> Graph:
    """The class axioms mixed into each data graph: schema.org's hierarchy plus the ontology's."""
    hierarchy = _parse(settings.get().path("ontology") / SCHEMA_HIERARCHY_FILE)
    return hierarchy + _subclass_axioms(load_ontology(base))


def _subclass_axioms(ontology: Graph) -> Graph:
    axioms = Graph()
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        axioms.add(triple)
    return axioms


def load_shapes(shapes_dir: Path | None = None) -> Graph:
    """All shapes files (shapes/*.ttl) in one graph, with IRIs under the configured base."""
    shapes_dir = Path(shapes_dir) if shapes_dir is not None else settings.get().path("shapes")
    files = sorted(shapes_dir.glob("*.ttl"))
    if not files:
        raise FileNotFoundError(f"no shapes (*.ttl) in {shapes_dir}")
    shapes = Graph()
    for path in files:
        shapes.parse(path, format="turtle")
    return rebase(shapes, settings.get().base)


# ---------------------------------------------------------------------------- engines


def _checked(outcome: tuple) -> tuple[bool, Graph]:
    """(conforms, report) of an engine call; a failure (e.g. a broken SPARQL constraint) raises."""
    conforms, report, text = outcome
    if not isinstance(report, Graph):
        raise RuntimeError(f"SHACL validation failed to run: {text}")
    return bool(conforms), report


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _PreparedQueryGraph(Graph):
    """A graph that parses each SPARQL text once.

    pyshacl sends a SPARQL constraint's text again for every focus node (binding ``$this``);
    parsing it each time cost ~90 % of a validation run. Same queries, same answers.
    """

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def make_engine(name: str, shapes: Graph) -> Engine:
    """A function validating one data graph against ``shapes``: (conforms, report graph)."""
    if name == "pyshacl":
        import pyshacl

        def run(data: Graph) -> tuple[bool, Graph]:
            return _checked(pyshacl.validate(data, shacl_graph=shapes, inference="none"))

        return run
    if name == "pyshacl-turbo":
        import pyshacl_turbo

        compiled = pyshacl_turbo.compile_shapes(shapes)  # shapes compiled once, reused per graph

        def run_turbo(data: Graph) -> tuple[bool, Graph]:
            return _checked(compiled.validate(data))

        return run_turbo
    raise ValueError(f"unknown SHACL engine {name!r}; choose one of {', '.join(ENGINES)}")


# ---------------------------------------------------------------------------- validation


def validate_dataset(
    ds: Dataset,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    engine: str = "pyshacl",
) -> ValidationResult:
    """Validate the authority graph alone, then each document graph merged with it.

    ``ontology`` supplies the rdfs:subClassOf axioms mixed into every data graph (default: the
    schema.org hierarchy plus ontology/sccon.ttl). A result that the authority graph already
    produces on its own is reported once, under the authority graph.
    """
    iris = IRIs(settings.get().base)
    shapes = shapes if shapes is not None else load_shapes()
    axioms = _subclass_axioms(ontology) if ontology is not None else load_class_hierarchy(iris.base)
    run = make_engine(engine, shapes)
    authority = _triples_of(ds, iris.authority_graph)

    report = Graph()
    report_node = BNode()
    report.add((report_node, RDF.type, SH.ValidationReport))
    violations: list[Violation] = []
    from_authority: set[tuple] = set()
    checked: list[URIRef] = []
    for name, own in _graphs_to_check(ds, iris, authority):
        data = _PreparedQueryGraph()
        for part in (own, authority):
            for triple in part:
                data.add(triple)
        for triple in _superclass_chains(data, axioms):
            data.add(triple)
        _, result_graph = run(data)
        checked.append(name)
        source_file = _source_file(own)
        for result in sorted(result_graph.objects(None, SH.result), key=lambda r: _sort_key(result_graph, r)):
            violation = _violation(result_graph, result, name, source_file)
            if own is authority:
                from_authority.add(violation.key)
            elif violation.key in from_authority:
                continue  # the authority graph's own fault, already reported under it
            violations.append(violation)
            report.add((report_node, SH.result, result))
            _copy_description(result_graph, result, report)
    conforms = not violations
    report.add((report_node, SH.conforms, Literal(conforms)))
    for prefix, namespace in _namespaces(iris.base).namespaces():
        report.bind(prefix, namespace)
    return ValidationResult(conforms, violations, report, checked)


def _superclass_chains(data: Graph, axioms: Graph) -> set[tuple[Node, Node, Node]]:
    """The subclass axioms leading up from the classes ``data`` uses: all SHACL needs of them.

    SHACL instance checks walk rdf:type/rdfs:subClassOf* upwards only, so the rest of the
    ~1000 schema.org axioms would only slow every engine down.
    """
    chains: set[tuple[Node, Node, Node]] = set()
    pending = set(data.objects(None, RDF.type))
    seen: set[Node] = set()
    while pending:
        cls = pending.pop()
        seen.add(cls)
        for parent in axioms.objects(cls, RDFS.subClassOf):
            chains.add((cls, RDFS.subClassOf, parent))
            if parent not in seen:
                pending.add(parent)
    return chains


def _triples_of(ds: Dataset, name: URIRef) -> Graph:
    graph = Graph()
    for triple in ds.graph(name):
        graph.add(triple)
    return graph


def _graphs_to_check(ds: Dataset, iris: IRIs, authority: Graph) -> Iterable[tuple[URIRef, Graph]]:
    """The authority graph first (alone), then every other non-empty graph but the ontology's."""
    yield iris.authority_graph, authority
    skip = {iris.authority_graph, iris.ontology_graph}
    for graph in sorted(ds.graphs(), key=lambda g: g.identifier):
        if graph.identifier not in skip and len(graph):
            yield graph.identifier, graph


def _source_file(graph: Graph) -> str | None:
    files = sorted(str(o) for o in graph.objects(None, _sccon().sourceFile))
    return files[0] if files else None


def _sccon() -> Namespace:
    return IRIs(settings.get().base).ontology


def _violation(report: Graph, result: Node, graph: URIRef, source_file: str | None) -> Violation:
    path = report.value(result, SH.resultPath)
    nsm = _namespaces(settings.get().base).namespace_manager
    severity = report.value(result, SH.resultSeverity)
    messages = [str(m) for m in report.objects(result, SH.resultMessage)]
    return Violation(
        focus=report.value(result, SH.focusNode),
        path=path,
        value=report.value(result, SH.value),
        message=" / ".join(sorted(messages)) or "constraint not met",
        severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        graph=graph,
        source_file=source_file,
        shape=report.value(result, SH.sourceShape),
        component=report.value(result, SH.sourceConstraintComponent),
        constraint=report.value(result, SH.sourceConstraint),
        path_text=_path_text(report, path, nsm) if path is not None else "",
    )


def _sort_key(report: Graph, result: Node) -> tuple[str, ...]:
    return tuple(str(report.value(result, p) or "") for p in (SH.focusNode, SH.resultPath, SH.value))


def _copy_description(source: Graph, node: Node, target: Graph) -> None:
    """Copy a result node and the blank nodes it owns (paths, details) into the merged report."""
    pending, done = [node], set()
    while pending:
        current = pending.pop()
        if current in done:
            continue
        done.add(current)
        for p, o in source.predicate_objects(current):
            target.add((current, p, o))
            if isinstance(o, BNode):
                pending.append(o)


# ---------------------------------------------------------------------------- readable text


@cache
def _namespaces(base: str) -> Graph:
    """An empty graph whose prefixes (schema:, sccon: of ``base``, ...) render IRIs compactly."""
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in (("schema", SCHEMA), ("sccon", IRIs(base).ontology), ("prov", PROV), ("sh", SH)):
        graph.bind(prefix, namespace, replace=True)
    return graph


def _show(term: Node, nsm, compact: bool = True) -> str:
    if isinstance(term, Literal):
        return term.n3(nsm)
    if isinstance(term, URIRef) and compact:
        return term.n3(nsm)
    return term.n3()


def _path_text(report: Graph, path: Node, nsm) -> str:
    """A SHACL property path in the compact SPARQL-like form people know (``^schema:contactPoint``)."""
    if isinstance(path, URIRef):
        return path.n3(nsm)
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(report, inverse, nsm)
    alternatives = report.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_path_text(report, p, nsm) for p in report.items(alternatives))
    if report.value(path, RDF.first) is not None:
        return "/".join(_path_text(report, p, nsm) for p in report.items(path))
    return str(path)


_IRI_IN_TEXT = re.compile(r"<?(https?://[^\s<>\"']+)>?")


def _readable(message: str, nsm) -> str:
    """Engine messages name full IRIs; show the known ones as prefixed names."""

    def compact(match: re.Match[str]) -> str:
        iri = match.group(1)
        shown = URIRef(iri).n3(nsm)
        return shown if not shown.startswith("<") else f"<{iri}>"

    return _IRI_IN_TEXT.sub(compact, message)


# ---------------------------------------------------------------------------- schema.org terms


def unknown_schema_terms(graph: Graph, vocabulary: Graph) -> set[URIRef]:
    """schema.org IRIs used in ``graph`` (a Graph or Dataset) that ``vocabulary`` does not define.

    Any ``http://schema.org/`` IRI counts as unknown: the contract uses the https form only.
    """
    defined = {s for s in vocabulary.subjects() if isinstance(s, URIRef)}
    quads = graph.quads((None, None, None, None)) if isinstance(graph, Dataset) else graph
    unknown: set[URIRef] = set()
    for statement in quads:
        for term in statement[:3]:
            if not isinstance(term, URIRef) or term in (SCHEMA_HTTPS, SCHEMA_HTTP):
                continue
            if term.startswith(SCHEMA_HTTP) or (term.startswith(SCHEMA_HTTPS) and term not in defined):
                unknown.add(term)
    return unknown

"""The pipeline end to end: read -> extract -> link -> emit, for a set of documents.

A document that cannot be read is reported (file and reason) and skipped; the others are
converted. Converting documents together links them (one IRI per person, organisation,
edition) and may resolve an undated document's edition from the rest of the corpus.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, URIRef

from . import settings
from .emit import authority_graph, document_graph, ontology_graph
from .extract import UNRESOLVED, DocumentFacts, extract
from .iris import IRIs, slugify
from .link import authority as authority_file
from .link.resolve import Linker, resolve_undated
from .read import DocumentError, SourceDocument, read_document
from .read.dispatch import HTML_SUFFIXES, TEXT_SUFFIXES


@dataclass
class DocumentReport:
    path: str
    slug: str
    format: str
    encoding: str
    triples: int
    entities: dict[str, int]
    edition: str | None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Failure:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Conversion:
    dataset: Dataset
    documents: list[DocumentReport]
    failures: list[Failure]
    sources: dict[str, str]  # graph IRI -> source file path


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the readable files inside folders named (sorted, hidden ones skipped)."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            out.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES and p.name.lower() != "readme.md"
            )
        else:
            out.append(path)
    return out


def _slugs(paths: Sequence[Path]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for p in paths:
        base = slugify(p.stem) or "document"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def _read_and_extract(path: Path) -> tuple[SourceDocument, DocumentFacts] | Failure:
    limit = settings.get().build["max_document_bytes"]
    try:
        doc = read_document(path, max_bytes=limit)
        return doc, extract(doc, authority_file.default())
    except DocumentError as e:
        return Failure(str(path), str(e))
    except RecursionError:
        return Failure(str(path), "too deeply nested to read")


def convert(
    paths: Iterable[Path],
    iris: IRIs | None = None,
    with_authority: str = "referenced",
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Conversion:
    """Convert documents; ``with_authority`` is "referenced", "all" or "none"."""
    iris = iris or IRIs()
    files = expand(paths)
    slugs = _slugs(files)
    results = _map(_read_and_extract, files, workers, progress)
    facts: dict[str, DocumentFacts] = {}
    docs: dict[str, SourceDocument] = {}
    failures: list[Failure] = []
    for slug, result in zip(slugs, results, strict=True):
        if isinstance(result, Failure):
            failures.append(result)
        else:
            docs[slug], facts[slug] = result
    resolutions = resolve_undated(facts)
    ds = Dataset()
    referenced: set[URIRef] = set()
    reports, sources = [], {}
    for slug, doc_facts in facts.items():
        resolution = resolutions.get(slug)
        linker = Linker(iris, slug, resolution.year if resolution else None)
        graph, refs = document_graph(doc_facts, linker, resolution)
        referenced |= refs
        target = ds.graph(graph.identifier)
        for triple in graph:
            target.add(triple)
        sources[str(graph.identifier)] = str(docs[slug].path)
        reports.append(_report(docs[slug], slug, graph, doc_facts, resolution.year if resolution else None))
    if with_authority != "none":
        auth = authority_graph(authority_file.default(), iris, None if with_authority == "all" else referenced)
        target = ds.graph(auth.identifier)
        for triple in auth:
            target.add(triple)
    return Conversion(ds, reports, failures, sources)


def add_ontology(ds: Dataset, iris: IRIs) -> None:
    onto = ontology_graph(settings.get().path("ontology"), iris)
    target = ds.graph(onto.identifier)
    for triple in onto:
        target.add(triple)


def _map(fn, items: list[Path], workers: int, progress):
    if workers <= 0:
        workers = os.cpu_count() or 1
    out = []
    if workers == 1 or len(items) < 8:
        for i, item in enumerate(items):
            out.append(fn(item))
            if progress:
                progress(i + 1, len(items))
        return out
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for i, result in enumerate(pool.map(fn, items, chunksize=8)):
            out.append(result)
            if progress:
                progress(i + 1, len(items))
    return out


def _report(doc: SourceDocument, slug: str, graph, facts: DocumentFacts, resolved: str | None) -> DocumentReport:
    from rdflib.namespace import RDF

    kinds: dict[str, int] = {}
    for s, _, o in graph.triples((None, RDF.type, None)):
        if "/id/" in str(s) and "#" not in str(s):
            name = str(o).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            kinds[name] = kinds.get(name, 0) + 1
    editions = sorted({f.subject.key for f in facts.facts if f.subject.kind == "edition"})
    warnings = list(doc.warnings) + list(facts.warnings)
    if UNRESOLVED in editions and not resolved:
        warnings.append("names no edition year: its edition facts are left out")
    return DocumentReport(str(doc.path), slug, doc.format, doc.encoding, len(graph), kinds,
                          resolved or ", ".join(e for e in editions if e != UNRESOLVED) or None, warnings)


def sorted_nquads(ds: Dataset) -> list[str]:
    """The dataset as sorted, unique N-Quad lines: the canonical, deterministic form."""
    text = ds.serialize(format="nquads")
    return sorted({line + "\n" for line in text.splitlines() if line.strip()})

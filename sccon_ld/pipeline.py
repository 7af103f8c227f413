"""The pipeline end to end: read -> extract -> link -> emit, for a set of documents.

A document that cannot be read is reported (file and reason) and skipped; the others are
converted. Converting documents together links them (one IRI per person, organisation,
edition) and may resolve an undated document's edition from the rest of the corpus.

Reading and extracting is per document: it runs in a process pool (``build.workers``) and,
given a ``ConversionCache``, only for documents whose content changed. Corpus resolution needs
every document's facts, so it runs afterwards, in the parent; a document it cannot concern (one
that never speaks of an edition without its year) is emitted as soon as its facts arrive, while
the workers go on. Graphs join the dataset in file order: the output is the same byte for byte
whatever the number of workers or cache hits.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from rdflib import Dataset, Graph, URIRef

from . import settings
from .conversion_cache import ConversionCache
from .emit import authority_graph, document_graph, ontology_graph
from .extract import UNRESOLVED, DocumentFacts, extract
from .extract.confidence import HeldBack, hold_back
from .iris import IRIs, slugify
from .link import authority as authority_file
from .link.resolve import Linker, resolve_undated
from .read import DocumentError, SourceDocument, read_document
from .read.dispatch import HTML_SUFFIXES, TEXT_SUFFIXES

T = TypeVar("T")


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
    held_back: list[dict] = field(default_factory=list)  # claims below min_confidence (HeldBack.as_dict)


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
    reused: int = 0  # documents taken from the conversion cache (not read nor extracted again)


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


def _read_and_extract(path: Path, data: bytes | None = None) -> tuple[SourceDocument, DocumentFacts] | Failure:
    limit = settings.get().build["max_document_bytes"]
    try:
        doc = read_document(path, max_bytes=limit, data=data)
        return doc, extract(doc, authority_file.default())
    except DocumentError as e:
        return Failure(str(path), str(e))
    except RecursionError:
        return Failure(str(path), "too deeply nested to read")


Extracted = tuple[SourceDocument, DocumentFacts] | Failure


def _convert_one(path: Path, cache: ConversionCache | None = None) -> tuple[Extracted, bool]:
    """Read and extract one document, through ``cache`` when given; (result, taken from the cache)."""
    if cache is None:
        return _read_and_extract(path), False
    try:
        small = path.stat().st_size <= settings.get().build["max_document_bytes"]
        data = path.read_bytes() if small else None
    except OSError:
        data = None
    if data is None:  # unreadable or too large: the reader says why
        return _read_and_extract(path), False
    key = cache.key(path.name, data)
    stored = cache.get(key)
    if stored is not None:
        doc, facts = stored
        doc.path = path
        return (doc, facts), True
    result = _read_and_extract(path, data)  # the bytes the key was made of: read once
    if not isinstance(result, Failure):
        cache.put(key, result)
    return result, False


def default_cache() -> ConversionCache | None:
    """The cache named by ``build.cache_dir`` (relative to the project root), or None when it is empty."""
    cfg = settings.get()
    folder = cfg.build.get("cache_dir") or ""
    if not folder:
        return None
    return ConversionCache.open(settings.resolve(folder), cfg.path("authority"), cfg.build)


def convert(
    paths: Iterable[Path],
    iris: IRIs | None = None,
    with_authority: str = "referenced",
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    cache: ConversionCache | None = None,
    min_confidence: float | None = None,
) -> Conversion:
    """Convert documents; ``with_authority`` is "referenced", "all" or "none".

    With ``min_confidence``, claims whose rule is less reliable are held back (not emitted) and
    listed in each document's report (``extract.confidence.hold_back``).

    ``workers`` processes read and extract (0 = one per CPU); ``cache`` skips unchanged documents.
    """
    iris = iris or IRIs()
    files = expand(paths)
    slugs = _slugs(files)
    facts: dict[str, DocumentFacts] = {}
    docs: dict[str, SourceDocument] = {}
    failures: list[Failure] = []
    early: dict[str, tuple[Graph, set[URIRef]]] = {}  # emitted while the workers extract the rest
    held: dict[str, list[HeldBack]] = {}
    reused = 0
    results = _map(partial(_convert_one, cache=cache), files, workers, progress)
    for slug, (result, hit) in zip(slugs, results, strict=True):
        reused += hit
        if isinstance(result, Failure):
            failures.append(result)
            continue
        docs[slug], facts[slug] = result
        facts[slug], held[slug] = hold_back(facts[slug], min_confidence)
        if not _names_unresolved_edition(facts[slug]):
            early[slug] = document_graph(facts[slug], Linker(iris, slug), None)
    resolutions = resolve_undated(facts)
    ds = Dataset()
    referenced: set[URIRef] = set()
    reports, sources = [], {}
    for slug, doc_facts in facts.items():
        resolution = resolutions.get(slug)
        if resolution is None and slug in early:  # the same call as below, made earlier
            graph, refs = early.pop(slug)
        else:
            linker = Linker(iris, slug, resolution.year if resolution else None)
            graph, refs = document_graph(doc_facts, linker, resolution)
        referenced |= refs
        _copy_into(ds, graph)
        sources[str(graph.identifier)] = str(docs[slug].path)
        reports.append(_report(docs[slug], slug, graph, doc_facts, resolution.year if resolution else None))
        reports[-1].held_back = [h.as_dict(str(docs[slug].path)) for h in held[slug]]
    if with_authority != "none":
        auth = authority_graph(authority_file.default(), iris, None if with_authority == "all" else referenced)
        _copy_into(ds, auth)
    return Conversion(ds, reports, failures, sources, reused)


def _names_unresolved_edition(facts: DocumentFacts) -> bool:
    """Whether corpus resolution may concern the document (it speaks of "the edition" with no year)."""
    return any(f.subject.kind == "edition" and f.subject.key == UNRESOLVED for f in facts.facts)


def add_ontology(ds: Dataset, iris: IRIs) -> None:
    onto = ontology_graph(settings.get().path("ontology"), iris)
    _copy_into(ds, onto)


def _copy_into(ds: Dataset, graph) -> None:
    """Add ``graph``'s triples to its named graph in ``ds`` (``addN``: one call, not one per triple)."""
    target = ds.graph(graph.identifier)
    ds.addN((s, p, o, target) for s, p, o in graph)


MIN_PARALLEL = 8  # fewer documents are converted in-process: starting workers would cost more


def _map(fn: Callable[[Path], T], items: list[Path], workers: int,
         progress: Callable[[int, int], None] | None) -> Iterator[T]:
    """``fn`` over ``items``, yielded in order as they come, from ``workers`` processes (0 = one per CPU)."""
    if workers <= 0:
        workers = os.cpu_count() or 1
    if workers == 1 or len(items) < MIN_PARALLEL:
        results: Iterable[T] = map(fn, items)
        for i, result in enumerate(results):
            if progress:
                progress(i + 1, len(items))
            yield result
        return
    chunk = max(1, min(8, len(items) // (4 * workers)))
    with ProcessPoolExecutor(max_workers=min(workers, len(items))) as pool:
        for i, result in enumerate(pool.map(fn, items, chunksize=chunk)):
            if progress:
                progress(i + 1, len(items))
            yield result


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

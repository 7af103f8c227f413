"""The synthetic generators: SHACL-valid output through the real stages, deterministic, authority-fed.

``sccon-ld synth docs`` writes documents the converter reads; ``sccon-ld synth graph`` writes the
graph the link and emit stages make from synthetic facts. Both must pass the project's shapes
(``shapes/``, ``sccon_ld.validate``) as every published document graph does, and use nothing of
the authority file but what ``data/authority`` holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from sccon_ld.bench import graph_lines, synth_documents, synth_graph
from sccon_ld.bench.facts import CorpusFacts
from sccon_ld.emit import document_graph
from sccon_ld.iris import IRIs
from sccon_ld.link import authority
from sccon_ld.link.resolve import Linker
from sccon_ld.pipeline import convert
from sccon_ld.validate import validate_dataset

IRI = IRIs()
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "documents"


def _dataset(lines: list[str]) -> Dataset:
    ds = Dataset()
    ds.parse(data="".join(lines), format="nquads")
    return ds


@pytest.fixture(scope="module")
def converted_synthetic_documents(tmp_path_factory) -> tuple[list[Path], object]:
    folder = tmp_path_factory.mktemp("synth-docs")
    paths = synth_documents(8, seed=5, out=folder)  # two of each of the four styles
    return paths, convert([folder], with_authority="all")


def test_synthetic_documents_convert_into_shacl_valid_graphs(converted_synthetic_documents) -> None:
    paths, conversion = converted_synthetic_documents
    assert not conversion.failures
    assert len(conversion.documents) == len(paths)
    for report in conversion.documents:
        assert report.edition, f"{report.path}: no edition found"
        assert report.entities.get("Person", 0) >= 3, f"{report.path}: {report.entities}"
    result = validate_dataset(conversion.dataset)
    assert result.conforms, result.text()
    assert len(result.graphs_checked) == len(paths) + 1  # each document graph, and the authority graph


def _whole_documents(n: int, seed: int) -> list[str]:
    """``n`` synthetic quads without the last document graph, which is cut to make exactly ``n``."""
    lines = list(graph_lines(n, seed))
    last = lines[-1].rsplit(" ", 2)[-2]
    return [line for line in lines if not line.endswith(f"{last} .\n")]


def test_synthetic_graph_is_shacl_valid() -> None:
    ds = _dataset(_whole_documents(8000, seed=3))
    documents = [g for g in ds.graphs() if "/graph/synth-" in str(g.identifier)]
    assert len(documents) >= 8
    result = validate_dataset(ds)
    assert result.conforms, result.text()
    assert len(result.graphs_checked) == len(documents) + 1


def test_a_synthetic_graph_is_the_emitted_graph_of_its_facts() -> None:
    """Each document block is what ``emit.document_graph`` makes of ``CorpusFacts``' facts: no other writer."""
    n = 2000
    lines = list(graph_lines(n, seed=4))
    corpus = CorpusFacts(n, 4, authority.default())
    slug, facts = corpus.document(0)
    graph, _ = document_graph(facts, Linker(IRI, slug))
    emitted = _dataset(lines).graph(IRI.graph(slug))
    assert len(graph) > 100
    assert set(emitted) == set(graph)


def test_authority_triples_are_those_of_the_authority_file() -> None:
    """The ``graph/authority`` part is ``data/authority`` as emitted, limited to what the documents refer to."""
    ds = _dataset(_whole_documents(8000, seed=3))
    published = ds.graph(IRI.authority_graph)
    from sccon_ld.emit import authority_graph

    everything = authority_graph(authority.default(), IRI)
    assert len(published) > 0
    assert set(published) <= set(everything)
    referenced = {o for g in ds.graphs() if "/graph/synth-" in str(g.identifier) for o in g.objects()
                  if isinstance(o, URIRef) and str(o).startswith(IRI.base + "id/")}
    curated = {s for s in everything.subjects(RDF.type, None)}
    assert referenced & curated <= set(published.subjects(RDF.type, None))


def test_graph_has_exactly_n_unique_lines_and_is_seeded(tmp_path: Path) -> None:
    for name in ("a.nq", "b.nq"):
        synth_graph(1200, seed=9, out=tmp_path / name)
    a = (tmp_path / "a.nq").read_bytes()
    assert a == (tmp_path / "b.nq").read_bytes()
    lines = a.decode("utf-8").splitlines()
    assert len(lines) == len(set(lines)) == 1200
    synth_graph(1200, seed=10, out=tmp_path / "c.nq")
    assert (tmp_path / "c.nq").read_bytes() != a


def test_documents_are_seeded(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in synth_documents(4, seed=2, out=tmp_path / "a")]
    again = [p.read_bytes() for p in synth_documents(4, seed=2, out=tmp_path / "b")]
    other = [p.read_bytes() for p in synth_documents(4, seed=3, out=tmp_path / "c")]
    assert first == again
    assert first != other


def test_cq7_person_recurs_so_the_query_has_answers() -> None:
    """Every 20th synthetic document mentions the person of the contract's CQ7 (queries/cq07.rq)."""
    ds = _dataset(list(graph_lines(25_000, seed=1)))
    query = (Path(__file__).resolve().parents[1] / "queries" / "cq07.rq").read_text(encoding="utf-8")
    ds.default_union = True
    rows = list(ds.query(query))
    assert len(rows) >= 2
    assert all(row.date is not None and row.publisherName is not None for row in rows)

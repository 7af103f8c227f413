"""``sccon-ld build``: the whole corpus -> a validated release, switched in atomically.

A document whose graph violates the shapes is reported and left out; the rest is published.
If nothing valid remains, or anything fails, the previous release stays current.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from rdflib import Dataset, URIRef

from .. import settings
from ..iris import IRIs
from ..pipeline import Conversion, Failure, add_ontology, convert, default_cache, sorted_nquads
from . import claims
from . import folders as release


@dataclass
class BuildResult:
    conversion: Conversion
    rejected: dict[str, list[str]]  # graph IRI -> violation texts
    release: release.Release
    validation_text: str
    claims: claims.Resolution | None = None  # how documents that disagree were resolved


def build(
    sources: Path | None = None,
    out: Path | None = None,
    iris: IRIs | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    from .. import validate
    from . import dumps

    cfg = settings.get()
    iris = iris or IRIs()
    sources = Path(sources or cfg.path("sources"))
    out = Path(out or cfg.path("releases"))
    conversion = convert([sources], iris, with_authority="all", workers=cfg.build["workers"], progress=progress,
                         cache=default_cache(), min_confidence=cfg.extract["min_confidence"])
    if not conversion.documents:
        reasons = "; ".join(str(f) for f in conversion.failures[:5]) or "no documents found"
        raise release.ReleaseError(f"no document of {sources} could be converted ({reasons})")
    result = validate.validate_dataset(conversion.dataset)
    rejected: dict[str, list[str]] = {}
    for v in result.violations:
        if v.severity.endswith("Violation") and v.graph is not None and v.graph != iris.authority_graph:
            rejected.setdefault(str(v.graph), []).append(f"{v.path_text or '-'}: {v.message}")
    if any(v.graph == iris.authority_graph and v.severity.endswith("Violation") for v in result.violations):
        raise release.ReleaseError("the authority graph (data/authority) violates the shapes:\n" + result.text())
    dataset = _without(conversion.dataset, {URIRef(g) for g in rejected})
    for graph, problems in rejected.items():
        conversion.failures.append(Failure(conversion.sources.get(graph, graph),
                                           f"violates the shapes, left out ({problems[0]})"))
    resolution = claims.resolve(dataset, iris)  # over the accepted documents only
    claims.apply_ranks(dataset, resolution)
    add_ontology(dataset, iris)
    summary = {
        "documents": [asdict(d) for d in conversion.documents if iris.graph(d.slug) not in map(URIRef, rejected)],
        "failures": [asdict(f) for f in conversion.failures],
        "claims": resolution.summary(),
        "held_back": {"min_confidence": cfg.extract["min_confidence"],
                      "claims": [h for d in conversion.documents for h in d.held_back]},
    }
    extra = {
        "report.ttl": result.report.serialize(format="turtle").encode("utf-8"),
        "report.txt": result.text().encode("utf-8"),
        "summary.json": json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True).encode("utf-8"),
    }
    rel = release.publish(out, sorted_nquads(dataset), extra_files=extra,
                          derived=functools.partial(dumps.write_dumps, base=iris.base),
                          info={"base": iris.base, "documents": len(summary["documents"])},
                          exclude_from_default=resolution.excluded_ox())
    return BuildResult(conversion, rejected, rel, result.text(), resolution)


def _without(ds: Dataset, graphs: set[URIRef]) -> Dataset:
    if not graphs:
        return ds
    out = Dataset()
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if hasattr(g, "identifier") else g
        if gid not in graphs:
            out.graph(gid).add((s, p, o))
    return out

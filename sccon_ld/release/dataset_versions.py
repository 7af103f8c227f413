"""The release history in the DCAT catalogue: version, version notes, the previous release.

DCAT 3 versioning as DCAT-AP.de 3.0 accepts it: the dataset gets ``dcat:version`` (the
release's content hash), ``adms:versionNotes`` (how many entities the release created, updated
and deleted, from the change log) and ``dcat:previousVersion`` pointing at a node for the
release before, which names that release's version, date and immutable dump URLs
(``void:dataDump``), so a harvester can fetch exactly what it had before. The previous node is
deliberately untyped: typed as ``dcat:Dataset`` it would need the whole DCAT-AP.de record again.

Also ``modified_since``, the ``?modified_since=`` filter of ckanext-dcat harvesters: a catalogue
whose dataset has not changed since the given time lists no dataset.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from rdflib import XSD, Graph, Literal, Namespace, URIRef

from .. import vocab
from ..iris import DCAT, DCT, VOID
from .describe_dataset import Links
from .entity_changes import ReleaseInfo

ADMS = Namespace(vocab.ADMS)


def version_notes(current: ReleaseInfo, previous: ReleaseInfo | None) -> str:
    since = f"since release {previous.version} ({previous.published})" if previous else "(the first release)"
    return (f"Release {current.version}: {current.created} entities created, {current.updated} updated, "
            f"{current.deleted} deleted {since}. Changes per entity: /changes.")


def add_versions(g: Graph, links: Links, history: list[ReleaseInfo], previous_dumps: Mapping | None) -> None:
    """Version, notes and previous version of ``links.dataset``; ``history`` newest first."""
    if not history:
        return
    g.bind("adms", ADMS)
    ds = links.dataset
    current = history[0]
    previous = history[1] if len(history) > 1 else None
    g.add((ds, DCAT.version, Literal(current.version)))
    g.add((ds, ADMS.versionNotes, Literal(version_notes(current, previous), lang="en")))
    if previous is None:
        return
    node = links.node(f"release-{previous.version}")
    g.add((ds, DCAT.previousVersion, node))
    g.add((node, DCAT.version, Literal(previous.version)))
    g.add((node, DCT.modified, Literal(previous.published, datatype=XSD.dateTime)))
    for entry in (previous_dumps or {}).get("files", []):
        g.add((node, VOID.dataDump, URIRef(links.dump(previous.version, entry["name"]))))


def parse_since(text: str) -> datetime:
    """``2026-05-01`` or ``2026-05-01T12:00:00[+02:00]`` (naive = UTC); ValueError otherwise."""
    text = text.strip()
    try:
        value = datetime.fromisoformat(text) if "T" in text or " " in text else None
        if value is None:
            day = date.fromisoformat(text)
            value = datetime(day.year, day.month, day.day)
    except ValueError:
        raise ValueError(f"modified_since: not an ISO 8601 date or date-time ({text!r}).") from None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def without_datasets(g: Graph, catalog: URIRef) -> Graph:
    """The catalogue record alone (its own description and publisher), no dataset or service."""
    keep = {catalog, *(o for o in g.objects(catalog, DCT.publisher))}
    out = Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns)
    for s, p, o in g:
        if s in keep and p not in (DCAT.dataset, DCAT.service, DCAT.record):
            out.add((s, p, o))
    return out

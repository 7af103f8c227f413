"""``/catalog``: the DCAT-AP.de 3.0 catalogue of the dataset (Turtle, RDF/XML, JSON-LD, N-Triples).

Content negotiation on ``/catalog``, or a fixed format by suffix (``/catalog.ttl``,
``/catalog.rdf``, ``/catalog.jsonld``, ``/catalog.nt``) for harvesters that cannot send
``Accept``. The graph itself is built by :func:`sccon_ld.release.describe_dataset.dcat_graph`,
the release history by :mod:`sccon_ld.release.dataset_versions`; ``?modified_since=`` (ckanext-dcat) leaves
out a dataset that has not changed since then.
"""

from __future__ import annotations

from flask import Blueprint, Response, request
from rdflib import Graph

from ..release import dataset_versions
from ..release import dumps as dump_files
from ..release.describe_dataset import dcat_graph
from ..release.entity_changes import ChangeLog
from ..release.folders import VERSIONS
from .context import site
from .errors import error_response
from .void import dataset_stats, describe, dump_index, links

blueprint = Blueprint("catalog", __name__)


def _history() -> tuple[list, dict | None]:
    """The releases newest first (empty without a change log) and the previous one's dump index."""
    ctx = site()
    log = ChangeLog.open(ctx.store.release.path)
    if log is None:
        return [], None
    try:
        history = log.releases()
    finally:
        log.close()
    previous = ctx.releases_dir / VERSIONS / history[1].version if len(history) > 1 else None
    return history, dump_files.read_index(previous) if previous is not None and previous.is_dir() else None


def _catalog(changed: bool = True) -> Graph:
    ctx = site()
    g = dcat_graph(dataset_stats(), ctx.settings.dataset, links(), dump_index(), ctx.store.release.created)
    dataset_versions.add_versions(g, links(), *_history())
    return g if changed else dataset_versions.without_datasets(g, links().catalog)


def _respond(suffix: str | None = None) -> Response:
    since = request.args.get("modified_since")
    if since is None:
        return describe("catalog", _catalog, suffix)
    try:
        changed = site().store.release.created >= dataset_versions.parse_since(since)
    except ValueError as e:
        return error_response(400, str(e))
    return describe("catalog" if changed else "catalog-unchanged", lambda: _catalog(changed), suffix)


@blueprint.route("/catalog", methods=["GET"])
def catalog() -> Response:
    return _respond()


@blueprint.route("/catalog.<suffix>", methods=["GET"])
def catalog_file(suffix: str) -> Response:
    return _respond(suffix)

"""``/catalog``: the DCAT-AP.de 3.0 catalogue of the dataset (Turtle, RDF/XML, JSON-LD, N-Triples).

Content negotiation on ``/catalog``, or a fixed format by suffix (``/catalog.ttl``,
``/catalog.rdf``, ``/catalog.jsonld``, ``/catalog.nt``) for harvesters that cannot send
``Accept``. The graph itself is built by :func:`sccon_ld.release.describe_dataset.dcat_graph`.
"""

from __future__ import annotations

from flask import Blueprint, Response
from rdflib import Graph

from ..release.describe_dataset import dcat_graph
from .context import site
from .void import dataset_stats, describe, dump_index, links

blueprint = Blueprint("catalog", __name__)


def _catalog() -> Graph:
    ctx = site()
    return dcat_graph(dataset_stats(), ctx.settings.dataset, links(), dump_index(), ctx.store.release.created)


@blueprint.route("/catalog", methods=["GET"])
def catalog() -> Response:
    return describe("catalog", _catalog)


@blueprint.route("/catalog.<suffix>", methods=["GET"])
def catalog_file(suffix: str) -> Response:
    return describe("catalog", _catalog, suffix)

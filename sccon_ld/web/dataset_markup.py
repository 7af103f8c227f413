"""schema.org ``Dataset`` markup (JSON-LD) for the landing page, so dataset search engines find it.

The same facts as the DCAT catalogue, in the terms Google Dataset Search and schema.org
crawlers read: name, description, licence, creator, temporal and spatial coverage, and one
``DataDownload`` per dump with its ``contentUrl``, ``encodingFormat`` and size. Templates call
``dataset_markup()`` (a context processor registered with this module's blueprint) and put the
result in a ``<script type="application/ld+json">`` block (``templates/dataset_markup.html``).
"""

from __future__ import annotations

from flask import Blueprint, request
from markupsafe import Markup

from .. import formats as F
from ..vocab import EU_AUTHORITY, SCHEMA
from . import render
from .context import site
from .void import dataset_stats, dump_index

blueprint = Blueprint("dataset_markup", __name__)

SCHEMA_CONTEXT = str(SCHEMA)


def dataset_document(root: str) -> dict:
    """The ``Dataset`` of the current release, with URLs under ``root`` (ends with "/")."""
    ctx = site()
    dataset = ctx.settings.dataset
    stats = dataset_stats()
    dumps = dump_index() or {"files": []}
    doc: dict = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Dataset",
        "@id": f"{ctx.base}dataset",
        "name": dataset["title_en"],
        "alternateName": dataset["title_de"],
        "description": dataset["description_en"],
        "url": root,
        "identifier": f"{ctx.base}dataset",
        "version": ctx.store.version,
        "dateModified": ctx.store.release.created.isoformat(),
        "inLanguage": dataset["language"],
        "keywords": list(dataset["keywords"]),
        "license": dataset["license"],
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": dataset["publisher_name"],
                    **({"url": dataset["publisher_url"]} if dataset.get("publisher_url") else {})},
        "publisher": {"@type": "Organization", "name": dataset["publisher_name"]},
        "spatialCoverage": [{"@type": "Place", "sameAs": f"{EU_AUTHORITY}country/{code}"} for code in dataset["spatial"]],
        "includedInDataCatalog": {"@type": "DataCatalog", "name": dataset["title_en"], "url": f"{root}catalog"},
        "distribution": [
            {"@type": "DataDownload", "name": entry["label"], "contentUrl": f"{root}dumps/{dumps['version']}/{entry['name']}",
             "encodingFormat": F.GZIP.media_type if entry.get("gzip") else entry["media_type"],
             "contentSize": f"{entry['bytes']} B", "sha256": entry["sha256"]}
            for entry in dumps["files"]
        ],
    }
    if stats.first_date:
        doc["temporalCoverage"] = f"{stats.first_date}/{stats.last_date or '..'}"
    return doc


@blueprint.app_context_processor
def _markup() -> dict:
    def dataset_markup() -> Markup:
        """The JSON-LD text for a ``<script type="application/ld+json">`` block (safely escaped)."""
        return Markup(render.script_json(dataset_document(request.url_root)))

    return {"dataset_markup": dataset_markup}

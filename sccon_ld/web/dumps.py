"""``/dumps/``: download the release as N-Quads, N-Triples, Turtle and JSON-LD.

Two URLs per file: ``/dumps/<version>/<file>`` never changes (``Cache-Control: immutable``;
every release keeps its folder) and ``/dumps/latest/sccon.<suffix>`` always serves the
current release; ``/dumps/`` and ``/dumps/latest/`` list them (JSON or HTML). Both send the SHA-256
as a strong ETag and honour one ``Range`` and conditional requests (werkzeug's
``send_file(conditional=True)``); a malformed or multi-range ``Range`` is ignored (200, RFC 9110),
an unsatisfiable one gets 416 with ``Content-Range: bytes */N``. Only names listed in a release's
``dumps.json`` are ever opened, so no path can escape the release folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from flask import Blueprint, Response, render_template_string, request, send_file

from .. import formats as F
from ..release import dumps as dump_files
from ..release.folders import VERSIONS
from . import negotiation, ranges
from .context import page_context, site
from .errors import error_response

blueprint = Blueprint("dumps", __name__)

_VERSION = re.compile(r"^[0-9a-f]{16}$")
IMMUTABLE = "public, max-age=31536000, immutable"
# Compressed dumps are sent as what they are on the wire (a browser must not unpack them).
LISTING_TYPES = [F.JSON.media_type, F.HTML.media_type]  # the /dumps/ listing, JSON first
DOWNLOAD_TYPES = {k.suffix: F.GZIP.media_type for k in dump_files.KINDS if k.gzip}

_INDEX_HTML = """{% extends "base.html" %}
{% block title %}{{ t('dumps.title') }} · {{ dataset['title_' + lang] }}{% endblock %}
{% block main %}
<nav class="crumbs"><a href="{{ root }}/">{{ t('site.home') }}</a> › {{ t('dumps.title') }}</nav>
<h1>{{ t('dumps.heading', version=version) }}</h1>
<p>{{ t('dumps.intro') }}</p>
<div class="table-scroll"><table class="dumps">
<thead><tr><th>{{ t('dumps.file') }}</th><th>{{ t('dumps.format') }}</th><th>{{ t('dumps.media_type') }}</th>
<th class="num">{{ t('dumps.bytes') }}</th><th>SHA-256</th><th>{{ t('dumps.latest') }}</th></tr></thead>
<tbody>
{% for f in files %}
<tr><td><a href="{{ f.url }}">{{ f.name }}</a></td><td>{{ f.label }}</td><td><code>{{ f.media_type }}</code>
{% if f.gzip %} (gzip){% endif %}</td><td class="num">{{ t.number(f.bytes) }}</td><td><code class="hash">{{ f.sha256 }}</code></td>
<td><a href="{{ f.latest_url }}">{{ f.latest_path }}</a></td></tr>
{% endfor %}
</tbody></table></div>
{% endblock %}
"""


def _suffix(name: str) -> str:
    return name.split(".", 1)[1]


def _listing() -> dict:
    ctx = site()
    index = dump_files.read_index(ctx.store.release.path) or {"version": ctx.store.version, "files": []}
    root = request.url_root
    files = [
        {**entry, "url": f"{root}dumps/{index['version']}/{entry['name']}",
         "latest_url": f"{root}dumps/latest/sccon.{_suffix(entry['name'])}",
         "latest_path": f"/dumps/latest/sccon.{_suffix(entry['name'])}"}
        for entry in index["files"]
    ]
    return {"version": index["version"], "files": files}


@blueprint.route("/dumps/", methods=["GET"])
@blueprint.route("/dumps/latest/", methods=["GET"])
def index() -> Response:
    listing = _listing()
    chosen = negotiation.choose(request.headers.get("Accept"), LISTING_TYPES, F.JSON.media_type)
    if chosen == F.HTML.media_type:
        body = render_template_string(_INDEX_HTML, **{**page_context(), **listing})
        response = Response(body, content_type=F.HTML.content_type)
    elif chosen is None:
        return error_response(406, "The dump index is offered as JSON or HTML.")
    else:
        response = Response(json.dumps(listing, indent=2) + "\n", content_type=F.JSON.content_type)
    response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = "no-cache"
    return response


def _send(folder: Path, entry: dict, cache_control: str) -> Response:
    path = folder / dump_files.DUMPS_DIR / entry["name"]
    asked = ranges.single_byte_range(request.headers.get("Range"))
    if asked is None:
        request.environ.pop("HTTP_RANGE", None)  # malformed or multi-range: the whole file (RFC 9110 14.2)
    else:
        request.environ["HTTP_RANGE"] = asked
    mimetype = DOWNLOAD_TYPES.get(_suffix(entry["name"]), entry["media_type"])
    response = send_file(path, mimetype=mimetype, conditional=True, etag=entry["sha256"],
                         download_name=entry["name"], as_attachment=False, max_age=None)
    response.headers["Cache-Control"] = cache_control
    return response


def _entry(folder: Path, match) -> dict | None:
    index = dump_files.read_index(folder)
    for entry in (index or {}).get("files", []):
        if match(entry):
            return entry
    return None


@blueprint.route("/dumps/latest/<name>", methods=["GET"])
def latest(name: str) -> Response:
    folder = site().store.release.path
    stem, _, suffix = name.partition(".")
    entry = _entry(folder, lambda e: stem == "sccon" and _suffix(e["name"]) == suffix)
    if entry is None:
        return error_response(404, f"No dump named {name}; see /dumps/.")
    return _send(folder, entry, "public, max-age=60, must-revalidate")


@blueprint.route("/dumps/<version>/<name>", methods=["GET"])
def versioned(version: str, name: str) -> Response:
    if not _VERSION.match(version):
        return error_response(404, f"No release {version}; see /dumps/.")
    ctx = site()
    folder = ctx.releases_dir / VERSIONS / version
    entry = _entry(folder, lambda e: e["name"] == name)
    if entry is None:
        return error_response(404, f"No dump {version}/{name}; see /dumps/.")
    return _send(folder, entry, IMMUTABLE)

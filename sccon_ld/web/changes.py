"""``/changes``: what changed between releases, as an Activity Streams 2.0 change feed.

As the Getty's LOD Gateway publishes its data: an ``OrderedCollection`` whose pages
(``/changes?page=N``, newest first) hold one ``Create``/``Update``/``Delete`` per entity whose
description changed in a release, with the release's time as ``endTime``. A harvester reads
pages until it meets an activity it has already seen, instead of downloading every dump again.
The activities come from the release's ``changes.sqlite`` (:mod:`sccon_ld.release.entity_changes`),
which carries the whole history; each activity also has its own URL (``/changes/<n>``).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from flask import Blueprint, Response, request

from .. import formats as F
from ..release.entity_changes import Activity, ChangeLog
from . import negotiation
from .context import cached_page, site
from .errors import error_response

blueprint = Blueprint("changes", __name__)

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
AS_PROFILE = f'{F.JSON_LD.media_type}; profile="{AS_CONTEXT}"'
MEDIA_TYPES = (F.JSON_LD.media_type, F.ACTIVITY_STREAMS.media_type, F.JSON.media_type)


def _media_type() -> str | None:
    chosen = negotiation.choose(request.headers.get("Accept"), list(MEDIA_TYPES), F.JSON_LD.media_type)
    if chosen is None:
        return None
    return AS_PROFILE if chosen == F.JSON_LD.media_type else chosen


def _json(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()


def _with_log(build: Callable[[ChangeLog], object]) -> object:
    log = ChangeLog.open(site().store.release.path)
    if log is None:
        return None
    try:
        return build(log)
    finally:
        log.close()


def activity_json(activity: Activity, root: str) -> dict:
    """One activity: its URL, type, the entity it is about, when its release was published."""
    info = site().index.get(activity.iri) if activity.type != "Delete" else None
    target: dict = {"id": activity.iri}
    if info is not None and info.types:
        target["type"] = info.types
    return {"id": f"{root}changes/{activity.seq}", "type": activity.type, "object": target,
            "endTime": activity.published, "published": activity.published,
            "summary": f"{activity.type} in release {activity.version}"}


def _collection(log: ChangeLog, root: str, per_page: int) -> dict:
    total = log.activity_count()
    pages = max(1, -(-total // per_page))
    releases = log.releases()
    return {
        "@context": AS_CONTEXT, "id": f"{root}changes", "type": "OrderedCollection",
        "summary": f"Entities created, updated and deleted by each of the {len(releases)} releases, newest first.",
        "totalItems": total,
        "updated": releases[0].published if releases else None,
        "first": {"id": f"{root}changes?page=1", "type": "OrderedCollectionPage"},
        "last": {"id": f"{root}changes?page={pages}", "type": "OrderedCollectionPage"},
    }


def _page(log: ChangeLog, root: str, per_page: int, page: int) -> dict | None:
    total = log.activity_count()
    pages = max(1, -(-total // per_page))
    if page > pages:
        return None
    doc = {
        "@context": AS_CONTEXT, "id": f"{root}changes?page={page}", "type": "OrderedCollectionPage",
        "partOf": f"{root}changes", "startIndex": (page - 1) * per_page, "totalItems": total,
    }
    if page > 1:
        doc["prev"] = f"{root}changes?page={page - 1}"
    if page < pages:
        doc["next"] = f"{root}changes?page={page + 1}"
    doc["orderedItems"] = [activity_json(a, root) for a in log.activities((page - 1) * per_page, per_page)]
    return doc


def _respond(variant: str, build: Callable[[ChangeLog], dict | None]) -> Response:
    media_type = _media_type()
    if media_type is None:
        return error_response(406, "Not acceptable.", details={"offered": list(MEDIA_TYPES)})

    def render() -> bytes:  # empty: no log, or nothing at this URL (cached as such for the release)
        doc = _with_log(build)
        return _json(doc) if doc is not None else b""

    response = cached_page(f"{variant}-{media_type}", F.content_type(media_type), render)
    if response.status_code == 200 and not response.get_data():
        return error_response(404, "No change feed: this release has no change log (built before change "
                                   "tracking, or served from a remote store), or no such page.")
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers.add("Vary", "Accept")
    return response


@blueprint.route("/changes", methods=["GET"])
def changes() -> Response:
    per_page = int(site().settings.changes["page_size"])
    root = request.url_root
    raw = request.args.get("page")
    if raw is None:
        return _respond("changes", lambda log: _collection(log, root, per_page))
    if not raw.isdigit() or not 1 <= int(raw) <= 10**9:
        return error_response(400, f"page: a positive whole number, not {raw!r}.")
    page = int(raw)
    return _respond(f"changes-{page}", lambda log: _page(log, root, per_page, page))


@blueprint.route("/changes/<seq>", methods=["GET"])
def activity(seq: str) -> Response:
    if not seq.isdigit() or len(seq) > 18:
        return error_response(404, f"No activity {seq!r}; see /changes.")
    root = request.url_root

    def one(log: ChangeLog) -> dict | None:
        found = log.activity(int(seq))
        return {"@context": AS_CONTEXT, **activity_json(found, root), "partOf": f"{root}changes"} if found else None

    return _respond(f"activity-{int(seq)}", one)

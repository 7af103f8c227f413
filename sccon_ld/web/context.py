"""What every request handler shares: the release it is served from, and the page around it.

``app.extensions["sccon"]`` holds a :class:`SiteContext` (store, settings, entity index, body
cache, describer); :func:`site` returns the one this request started with, so every blueprint
reads the same release without importing the app. A rebuild switches ``current`` while the
server runs: at most every ``server.reload_check_seconds`` a request reads where ``current``
points (one readlink); when it changed, that request opens the new release (:class:`ReleaseWatcher`)
and later requests get it. Each request keeps the context it started with (``g``), so the old
store stays open until the requests using it have finished.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, Response, current_app, g, has_request_context, request

from ..release import folders as release
from ..release.entity_index import INDEX_FILE, EntityIndex
from ..settings import Settings
from ..store.embedded import GraphStore
from . import caching
from .caching import BodyCache
from .describe import Describer

log = logging.getLogger(__name__)

# The policy of every HTML page, here and in the static export's nginx configuration.
CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
# The services every page links to: (name, path, what it offers).
SERVICES = (
    ("SPARQL endpoint", "/sparql", "query the graph with SPARQL 1.1"),
    ("Dumps", "/dumps/", "the whole graph in N-Quads, TriG, Turtle …"),
    ("DCAT catalogue", "/catalog", "DCAT-AP.de description of the dataset"),
    ("VoID", "/.well-known/void", "VoID description: statistics, vocabularies, links"),
)


@dataclass
class SiteContext:
    """What a request handler needs: the store of the release, settings, and derived indexes."""

    store: GraphStore
    settings: Settings
    releases_dir: Path
    index: EntityIndex
    cache: BodyCache
    describer: Describer
    # VoID/DCAT figures of the release: (version, DatasetStats), computed on first need (void.py)
    stats: tuple | None = None
    stats_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def base(self) -> str:
        return self.settings.base


def site() -> SiteContext:
    """The :class:`SiteContext` of this request (the one it started with), else the app's latest."""
    if has_request_context() and "sccon" in g:
        return g.sccon
    return current_app.extensions["sccon"]


def entity_index(store, base: str) -> EntityIndex:
    """The release's entity index file when it has one for this base (opened, not read: start-up
    stays instant at any size), else an index built from the store on first use."""
    folder = store.release.path
    index = EntityIndex.open(folder / INDEX_FILE, base) if folder is not None else None
    return index if index is not None else EntityIndex.build(store, base)


def open_context(store, settings: Settings, releases_dir: Path) -> SiteContext:
    """Everything derived from one release's store (indexes and caches start empty)."""
    index = entity_index(store, settings.base)
    return SiteContext(
        store=store,
        settings=settings,
        releases_dir=releases_dir,
        index=index,
        describer=Describer(store, index, settings.server["incoming_links_per_page"],
                            settings.server["description_cache_entries"]),
        cache=BodyCache(settings.server["render_cache_entries"]),
    )


class ReleaseWatcher:
    """Notices a new ``current`` release and opens it, without ever blocking a request on it
    except the one that does the opening (others keep the old release meanwhile)."""

    def __init__(self, app: Flask, releases_dir: Path, interval: float, fixed: bool):
        self.app, self.releases_dir, self.interval, self.fixed = app, releases_dir, interval, fixed
        self.target = release.current_target(releases_dir)
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    def context(self) -> SiteContext:
        """The latest context, re-checking ``current`` when ``interval`` has passed."""
        now = time.monotonic()
        if not self.fixed and now - self._checked >= self.interval and self._lock.acquire(blocking=False):
            try:
                self._checked = now
                target = release.current_target(self.releases_dir)
                if target is not None and target != self.target:
                    self._switch(target)
            finally:
                self._lock.release()
        return self.app.extensions["sccon"]

    def _switch(self, target: str) -> None:
        old = self.app.extensions["sccon"]
        try:
            store = GraphStore.open(self.releases_dir)
            self.app.extensions["sccon"] = open_context(store, old.settings, self.releases_dir)
        except (release.ReleaseError, OSError) as e:  # keep serving the old one; retry next interval
            log.warning("release %s not opened, still serving %s: %s", target, old.store.version, e)
            return
        self.target = target
        log.info("switched from release %s to %s", old.store.version, store.version)


def cached_page(variant: str, content_type: str, render_body: Callable[[], bytes]) -> Response:
    """A page that depends only on the release: cached body, validators, 304, gzip."""
    ctx = site()
    key = (ctx.store.version, request.url_root, request.path, variant)
    body = ctx.cache.get_or_render(key, render_body)
    server = ctx.settings.server
    return caching.cached_response(
        request,
        body,
        content_type=content_type,
        etag=caching.etag_for(ctx.store.version, variant),
        last_modified=ctx.store.release.created,
        max_age=server["cache_max_age"],
        gzip_min_bytes=server["gzip_min_bytes"],
    )


def page_context() -> dict:
    """Variables every page template needs (dataset, release, services)."""
    ctx = site()
    root = request.script_root
    return {
        "dataset": ctx.settings.dataset,
        "version": ctx.store.version,
        "created": ctx.store.release.created,
        "root": root,
        "services": [(name, root + path, text) for name, path, text in SERVICES],
    }

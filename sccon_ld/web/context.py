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

from .. import formats as F
from ..release import dumps as dump_files
from ..release import folders as release
from ..release.entity_index import INDEX_FILE, EntityIndex
from ..settings import Settings
from ..store.embedded import GraphStore
from . import caching, i18n
from .caching import BodyCache
from .describe import Describer

log = logging.getLogger(__name__)

# The policy of every HTML page, here and in the static export's nginx configuration.
CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
# The services every page links to: (message key, path); names and texts are in i18n.MESSAGES.
SERVICES = (("sparql", "/sparql"), ("dumps", "/dumps/"), ("catalog", "/catalog"), ("void", "/.well-known/void"))


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


def page_language() -> str:
    """The interface language of this request's pages (:func:`sccon_ld.web.i18n.choose`)."""
    if not has_request_context():
        return i18n.LANGUAGES[0]
    if "lang" not in g:
        g.lang = i18n.choose(
            request.args.get("lang"),
            request.cookies.get(i18n.COOKIE),
            request.accept_languages,
            str(site().settings.dataset.get("language", "de")),
        )
    return g.lang


def cached_page(variant: str, content_type: str, render_body: Callable[[], bytes]) -> Response:
    """A page that depends only on the release (and, for HTML, the page language): cached body,
    validators, 304, gzip."""
    ctx = site()
    if content_type.startswith(F.HTML.media_type):
        variant = f"{variant}-{page_language()}"
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
    """Variables every page template needs (dataset, release, services in the page language;
    the dumps named are those the release has)."""
    ctx = site()
    root = request.script_root
    t = i18n.Translator(page_language())
    index = dump_files.read_index(ctx.store.release.path) if ctx.store.release.path else None
    names = (f.get("label", "").split(" (")[0].split(",")[0] for f in (index or {}).get("files", []))
    formats = [name for name in dict.fromkeys(names) if name]
    services = [
        (t(f"service.{key}"), root + path,
         t(f"service.{key}_text", formats=", ".join(formats)) if key != "dumps" or formats else "")
        for key, path in SERVICES
        if key != "dumps" or formats
    ]
    return {
        "dataset": ctx.settings.dataset,
        "version": ctx.store.version,
        "created": ctx.store.release.created,
        "root": root,
        "services": services,
    }

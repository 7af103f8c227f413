"""The Flask application: one release, opened read-only, published under Cool URIs.

``app.extensions["sccon"]`` is a :class:`SiteContext` (also readable as a mapping: keys
``store`` (GraphStore), ``settings`` (Settings), ``releases_dir``, ``index``, ``cache``, ``iris``,
``describer``) so that every blueprint, including the
optional service blueprints (``sccon_ld.web.sparql``, ``.dumps``, ``.void``, ``.catalog``, ``.openapi``),
reads the same store and settings without importing this module. Use :func:`site` in a request.

A rebuild switches ``current`` while the server runs: at most every ``server.reload_check_seconds``
a request reads where ``current`` points (one readlink); when it changed, that request opens the
new release and later requests get it. Each request keeps the context it started with (``g``),
so the old store stays open until the requests using it have finished, then is garbage.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app, g, has_request_context
from werkzeug.middleware.proxy_fix import ProxyFix

from .. import release
from .. import settings as settings_module
from ..settings import Settings
from ..store import GraphStore
from . import errors
from .caching import BodyCache
from .describe import INDEX_FILE, Describer, EntityIndex

log = logging.getLogger(__name__)

# Service blueprints that plug in when their module exists and defines ``blueprint``.
OPTIONAL_BLUEPRINTS = ("sparql", "dumps", "void", "catalog", "openapi")


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
        describer=Describer(store, index, int(settings.server["incoming_links_per_page"])),
        cache=BodyCache(int(settings.server["render_cache_entries"])),
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


def _register_optional(app: Flask) -> None:
    for name in OPTIONAL_BLUEPRINTS:
        module_name = f"{__package__}.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as e:
            if e.name == module_name:
                continue
            raise
        blueprint = getattr(module, "blueprint", None)
        if blueprint is not None:
            app.register_blueprint(blueprint)


# The policy of every HTML page, here and in the static export's nginx configuration.
CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"


def _security_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def create_app(releases_dir: Path | None = None, settings: Settings | None = None, store=None) -> Flask:
    """The app serving the current release of ``releases_dir`` (default: settings ``paths.releases``).

    ``store`` replaces the release's embedded Oxigraph store by any object with GraphStore's read
    interface (``remote.RemoteGraphStore`` for ``serve --store URL``).
    """
    settings = settings or settings_module.get()
    releases_dir = Path(releases_dir) if releases_dir is not None else settings.path("releases")
    fixed = store is not None
    store = store if store is not None else GraphStore.open(releases_dir)
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config["MAX_CONTENT_LENGTH"] = int(settings.server["max_request_bytes"])
    app.config["JSON_SORT_KEYS"] = False
    app.json.ensure_ascii = False
    app.url_map.strict_slashes = False
    # No 308 to a "cleaned" path (``/doc//etc`` -> ``/doc/etc``): odd paths get a plain 404 in
    # the format asked for, like every other error.
    app.url_map.merge_slashes = False
    app.extensions["sccon"] = open_context(store, settings, releases_dir)
    watcher = ReleaseWatcher(app, releases_dir, float(settings.server["reload_check_seconds"]), fixed)
    app.extensions["sccon-watcher"] = watcher

    @app.before_request
    def _pin_release() -> None:
        g.sccon = watcher.context()

    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    errors.register(app)
    from . import entities, landing

    app.register_blueprint(landing.blueprint)
    app.register_blueprint(entities.blueprint)
    _register_optional(app)
    app.after_request(_security_headers)
    # Behind a reverse proxy: trust one hop of X-Forwarded-For/Proto/Host/Port/Prefix, so
    # Location headers and links name the public URL.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_port=1, x_prefix=1)
    log.info("serving release %s from %s", store.version, releases_dir)
    return app

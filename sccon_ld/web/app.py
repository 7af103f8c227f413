"""The Flask application: assembles the web layer around one release (see :mod:`.context`).

The app opens the current release of ``releases_dir`` read-only, pins each request to the
release it started with, and registers every blueprint explicitly: the pages (``landing``, ``lists``, ``site_search``,
``entities``, the ``language`` switch) and the services (``sparql``, ``dumps``, ``void``, ``catalog``, ``openapi``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, g

from .. import formats as F
from .. import settings as settings_module
from ..settings import Settings
from ..store.embedded import GraphStore
from . import (
    catalog,
    changes,
    cors,
    dataset_markup,
    dumps,
    entities,
    errors,
    fragments,
    landing,
    language,
    lists,
    openapi,
    proxies,
    site_search,
    sitemap,
    sparql,
    void,
)
from .context import CSP, ReleaseWatcher, open_context

log = logging.getLogger(__name__)

BLUEPRINTS = (language, landing, lists, site_search, entities, sparql, dumps, void, catalog, openapi,
              sitemap, changes, fragments, dataset_markup)


def _security_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype == F.HTML.media_type:
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
    app.config["MAX_CONTENT_LENGTH"] = settings.server["max_request_bytes"]
    app.config["JSON_SORT_KEYS"] = False
    app.json.ensure_ascii = False
    app.url_map.strict_slashes = False
    # No 308 to a "cleaned" path (``/doc//etc`` -> ``/doc/etc``): odd paths get a plain 404 in
    # the format asked for, like every other error.
    app.url_map.merge_slashes = False
    app.extensions["sccon"] = open_context(store, settings, releases_dir)
    watcher = ReleaseWatcher(app, releases_dir, settings.server["reload_check_seconds"], fixed)
    app.extensions["sccon-watcher"] = watcher

    @app.before_request
    def _pin_release() -> None:
        g.sccon = watcher.context()

    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    errors.register(app)
    for module in BLUEPRINTS:
        app.register_blueprint(module.blueprint)
    app.after_request(_security_headers)
    cors.install(app)
    # Behind a reverse proxy: one hop of X-Forwarded-* is trusted from server.trusted_proxies only.
    proxies.install(app, settings.server["trusted_proxies"])
    log.info("serving release %s from %s", store.version, releases_dir)
    return app

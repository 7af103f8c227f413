"""WSGI entry point for production servers::

    gunicorn -w 2 -b 127.0.0.1:8080 sccon_ld.web.wsgi:app

Configuration reaches the workers through the environment (``sccon-ld serve`` sets it): the
releases folder comes from ``$SCCON_LD_RELEASES`` or else the settings (``paths.releases``);
``$SCCON_LD_STORE``, when set, is the query endpoint of a SPARQL 1.1 server holding the release
(``sccon-ld load``), and the workers then keep no local store at all.
"""

from __future__ import annotations

import os
from pathlib import Path

from .app import create_app

RELEASES_ENV = "SCCON_LD_RELEASES"
STORE_ENV = "SCCON_LD_STORE"


def _store():
    url = os.environ.get(STORE_ENV)
    if not url:
        return None
    from ..store.remote import RemoteGraphStore

    return RemoteGraphStore(url)


_releases = os.environ.get(RELEASES_ENV)
app = create_app(Path(_releases) if _releases else None, store=_store())

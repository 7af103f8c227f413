"""WSGI entry point for production servers::

    gunicorn -w 2 -b 127.0.0.1:8080 sccon_ld.web.wsgi:app

The releases folder comes from ``$SCCON_LD_RELEASES`` or else the settings (``paths.releases``).
"""

from __future__ import annotations

import os
from pathlib import Path

from .app import create_app

_releases = os.environ.get("SCCON_LD_RELEASES")
app = create_app(Path(_releases) if _releases else None)

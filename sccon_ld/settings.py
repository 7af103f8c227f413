"""Settings: read once from the packaged ``settings.toml``, overridden by a user file.

Every default lives in ``settings.toml`` next to this module (with its comment), so there is
one place to look. A deployment overrides keys with its own TOML file named by the
``SCCON_LD_CONFIG`` environment variable or ``--config``.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
DEFAULTS_FILE = PACKAGE_DIR / "settings.toml"


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def resolve(path: str | Path) -> Path:
    """A path from the settings: absolute as given, else relative to the project root."""
    p = Path(path)
    return p if p.is_absolute() else PROJECT_ROOT / p


class Settings:
    """Nested settings with attribute access: ``settings.sparql["query_timeout"]``."""

    def __init__(self, data: dict[str, Any]):
        self.data = data

    def __getattr__(self, section: str) -> dict[str, Any]:
        try:
            return self.data[section]
        except KeyError:
            raise AttributeError(section) from None

    def path(self, key: str) -> Path:
        """A ``[paths]`` entry, resolved against the project root."""
        return resolve(self.data["paths"][key])

    @property
    def base(self) -> str:
        return self.data["dataset"]["base"]


def load(config_file: str | os.PathLike[str] | None = None) -> Settings:
    """Defaults merged with ``config_file`` (or ``$SCCON_LD_CONFIG``) if given."""
    data = tomllib.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))
    user = config_file or os.environ.get("SCCON_LD_CONFIG")
    if user:
        data = _merge(data, tomllib.loads(Path(user).read_text(encoding="utf-8")))
    return Settings(data)


@cache
def get() -> Settings:
    """The process-wide settings (defaults plus ``$SCCON_LD_CONFIG``)."""
    return load()

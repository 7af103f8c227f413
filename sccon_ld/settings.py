"""Settings: declared once in the packaged ``settings.toml``, overridden by a user file.

Every setting lives in ``settings.toml`` next to this module with its default and the comment
above it, so there is one place to look; :data:`SETTINGS` reads that file into typed
:class:`Setting` entries (Datasette's ``Setting(name, default, help)``): the type is the
default's. A deployment overrides keys with its own TOML file named by the ``SCCON_LD_CONFIG``
environment variable or ``--config``; a key that is not declared, or a value of the wrong type,
is a :class:`SettingsError` naming it (a typo in a limit must not be a limit silently not applied).
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
DEFAULTS_FILE = PACKAGE_DIR / "settings.toml"


class SettingsError(ValueError):
    """A user's settings file names a setting that does not exist or gives it the wrong type."""


@dataclass(frozen=True)
class Setting:
    """One setting: ``[section] name``, its default, what it does, and the type it must have."""

    section: str
    name: str
    default: Any
    help: str
    type: type

    @property
    def key(self) -> str:
        return f"{self.section}.{self.name}"


_SECTION = re.compile(r"^\[([A-Za-z0-9_]+)\]\s*$")
_KEY = re.compile(r"^([A-Za-z0-9_]+)\s*=")


def declared(text: str) -> tuple[Setting, ...]:
    """The settings a ``settings.toml`` text declares, each with the comment lines just above it."""
    values = tomllib.loads(text)
    out: list[Setting] = []
    section, comment, after_key = "", [], False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#"):
            comment = [*([] if after_key else comment), line.lstrip("# ").rstrip()]
            after_key = False
        elif match := _SECTION.match(line):
            section, comment, after_key = match.group(1), [], False
        elif (match := _KEY.match(line)) and section:
            # A comment block describes every key below it, up to a blank line or the next comment.
            name = match.group(1)
            default = values[section][name]
            out.append(Setting(section, name, default, " ".join(comment), type(default)))
            after_key = True
        elif not line:
            comment, after_key = [], False
    return tuple(out)


SETTINGS = declared(DEFAULTS_FILE.read_text(encoding="utf-8"))
_BY_KEY = {(s.section, s.name): s for s in SETTINGS}
_SECTIONS = sorted({s.section for s in SETTINGS})


def _checked(setting: Setting, value: Any, source: str) -> Any:
    if setting.type is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, setting.type) and not (setting.type is int and isinstance(value, bool)):
        return value
    raise SettingsError(f"{source}: {setting.key} must be {setting.type.__name__} "
                        f"(default {setting.default!r}), not {value!r}")


def check(user: dict[str, Any], source: str = "settings") -> dict[str, Any]:
    """``user`` with every key declared and every value of its setting's type (ints accepted
    for floats); SettingsError naming the first key that is not."""
    out: dict[str, Any] = {}
    for section, values in user.items():
        if section not in _SECTIONS:
            hint = difflib.get_close_matches(section, _SECTIONS, 1)
            raise SettingsError(f"{source}: unknown section [{section}]"
                                + (f" (did you mean [{hint[0]}]?)" if hint else f"; sections: {', '.join(_SECTIONS)}"))
        if not isinstance(values, dict):
            raise SettingsError(f"{source}: [{section}] must be a table of settings, not {values!r}")
        out[section] = {}
        for name, value in values.items():
            setting = _BY_KEY.get((section, name))
            if setting is None:
                names = [s.name for s in SETTINGS if s.section == section]
                hint = difflib.get_close_matches(name, names, 1)
                raise SettingsError(f"{source}: unknown setting {section}.{name}"
                                    + (f" (did you mean {section}.{hint[0]}?)" if hint else ""))
            out[section][name] = _checked(setting, value, source)
    return out


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
    """Nested settings with attribute access: ``settings.sparql["query_timeout"]`` (typed values)."""

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
    """Defaults merged with ``config_file`` (or ``$SCCON_LD_CONFIG``) if given; SettingsError if
    that file names an unknown setting or gives one a value of the wrong type."""
    data = tomllib.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))
    user = config_file or os.environ.get("SCCON_LD_CONFIG")
    if user:
        try:
            overrides = tomllib.loads(Path(user).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise SettingsError(f"{user}: {e}") from e
        data = _merge(data, check(overrides, str(user)))
    return Settings(data)


@cache
def get() -> Settings:
    """The process-wide settings (defaults plus ``$SCCON_LD_CONFIG``)."""
    return load()

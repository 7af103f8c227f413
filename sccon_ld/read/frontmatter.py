"""YAML front matter (``---`` ... ``---`` at the top of a Markdown or text file)."""

from __future__ import annotations

import datetime as dt
import re

import yaml

from .document import DocumentError

_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def split(text: str) -> tuple[dict[str, str], str]:
    """Return (metadata as strings, body). No front matter -> ({}, text)."""
    m = _OPEN.match(text)
    if not m:
        return {}, text
    close = _CLOSE.search(text, m.end())
    if not close:
        raise DocumentError("broken front matter: opening '---' has no closing '---'")
    raw = text[m.end() : close.start()]
    try:
        data = yaml.safe_load(raw) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise DocumentError(f"broken front matter{where}: {problem}") from None
    if not isinstance(data, dict):
        raise DocumentError("broken front matter: expected key: value pairs")
    meta = {}
    for key, value in data.items():
        if isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        if isinstance(value, str | int | float) and str(value).strip():
            meta[str(key).lower()] = str(value).strip()
        elif key in ("author", "authors") and value:
            # "author: [A, B]", "author: {name: A, url: ...}", "authors: [{name: A}]"
            first = value[0] if isinstance(value, list) else value
            name = first.get("name") if isinstance(first, dict) else first
            if isinstance(name, str) and name.strip():
                meta["author"] = name.strip()
    if "authors" in meta and "author" not in meta:
        meta["author"] = meta.pop("authors")
    return meta, text[close.end() :]

"""HTTP caching for a read-only release: validators, 304s, Cache-Control, gzip, a body LRU.

One release is one version, so every representation's ETag is the release version plus the
variant, and Last-Modified is the release's creation time. Rendered bodies are kept in a
bounded LRU keyed by (version, URL root, path, variant) so a repeated dereference costs a
dictionary lookup, not a query.
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime

from flask import Request, Response
from werkzeug.http import http_date, parse_date

GZIP_SUFFIX = "-gz"


@dataclass
class Body:
    """A rendered body, how many pages of incoming links its description has, and, made once on
    demand, its gzip form."""

    data: bytes
    pages: int = 1
    _gzipped: bytes | None = field(default=None, repr=False)

    def gzipped(self) -> bytes:
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.data, compresslevel=6, mtime=0)
        return self._gzipped


class BodyCache:
    """A thread-safe LRU of rendered bodies, bounded by entry count and total bytes."""

    def __init__(self, max_entries: int = 2048, max_bytes: int = 64 * 1024 * 1024):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, Body] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_render(self, key: Hashable, render: Callable[[], bytes | Body]) -> Body:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return body
            self.misses += 1
        made = render()  # rendered outside the lock; a race renders twice, harmlessly
        body = made if isinstance(made, Body) else Body(made)
        with self._lock:
            if key not in self._items and len(body.data) <= self.max_bytes:
                self._items[key] = body
                self._bytes += len(body.data)
                while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                    _, old = self._items.popitem(last=False)
                    self._bytes -= len(old.data)
        return body

    def __len__(self) -> int:
        return len(self._items)


def etag_for(version: str, variant: str) -> str:
    return f"{version}-{variant}"


def _etag_matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 §13.1.2), treating the gzip variant as the same entity."""
    if if_none_match.strip() == "*":
        return True
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        tag = tag.strip('"')
        if tag.endswith(GZIP_SUFFIX):
            tag = tag[: -len(GZIP_SUFFIX)]
        if tag == etag:
            return True
    return False


def not_modified(request: Request, etag: str, last_modified: datetime) -> bool:
    """Whether the client's copy is current (If-None-Match wins over If-Modified-Since)."""
    inm = request.headers.get("If-None-Match")
    if inm is not None:
        return _etag_matches(inm, etag)
    ims = parse_date(request.headers.get("If-Modified-Since"))
    return ims is not None and last_modified.replace(microsecond=0) <= ims


def accepts_gzip(request: Request) -> bool:
    for coding in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = coding.strip().partition(";")
        if name.strip().lower() in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=").strip()
            try:
                return not q or float(q) > 0
            except ValueError:
                return False
    return False


def cached_response(
    request: Request,
    body: Body,
    *,
    content_type: str,
    etag: str,
    last_modified: datetime,
    max_age: int,
    gzip_min_bytes: int,
    status: int = 200,
) -> Response:
    """A response for ``body`` with validators, 304 when the client is current, gzip when worth it."""
    headers = {
        "Cache-Control": f"public, max-age={max_age}",
        "Last-Modified": http_date(last_modified),
        "Vary": "Accept-Encoding",
    }
    if not_modified(request, etag, last_modified):
        response = Response(status=304, headers=headers)
        response.headers["ETag"] = f'"{etag}"'
        return response
    data = body.data
    if len(data) > gzip_min_bytes and accepts_gzip(request):
        data = body.gzipped()
        headers["Content-Encoding"] = "gzip"
        etag += GZIP_SUFFIX
    response = Response(data, status=status, content_type=content_type, headers=headers)
    response.headers["ETag"] = f'"{etag}"'
    return response


def add_vary(response: Response, *fields: str) -> None:
    """Add header names to Vary without duplicates."""
    present = [v.strip() for v in response.headers.get("Vary", "").split(",") if v.strip()]
    for f in fields:
        if f.lower() not in (p.lower() for p in present):
            present.append(f)
    response.headers["Vary"] = ", ".join(present)

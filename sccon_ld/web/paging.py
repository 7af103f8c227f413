"""Pages of a long list: the ``?page=N`` parameter (a positive integer, 400 otherwise), how many
pages there are, and the links between them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlencode


class BadPage(ValueError):
    """``?page=`` is not a positive integer, or past the last page (with ``status`` 400 or 404)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def requested_page(raw: str | None) -> int:
    raw = raw if raw is not None else "1"
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        raise BadPage(f"page must be a positive integer, not {raw!r}", 400)
    return int(raw)


@dataclass
class Pager:
    """Where page ``page`` of ``total`` items, ``per_page`` a page, starts, and its neighbours' URLs."""

    page: int
    per_page: int
    total: int
    path: str
    args: dict[str, str]

    def __post_init__(self) -> None:
        if self.page > self.pages:
            raise BadPage(f"page {self.page} of {self.pages}", 404)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def url(self, page: int) -> str:
        args = {k: v for k, v in self.args.items() if k != "page"}
        if page > 1:
            args["page"] = str(page)
        return self.path + (f"?{urlencode(args)}" if args else "")

    @property
    def previous_url(self) -> str | None:
        return self.url(self.page - 1) if self.page > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.page + 1) if self.page < self.pages else None

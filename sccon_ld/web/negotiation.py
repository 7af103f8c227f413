"""Content negotiation on the ``Accept`` header (RFC 9110 §12.5.1), shared by every endpoint.

One parser for the whole server so that entity documents, SPARQL results and error bodies
agree on what a client asked for. Rules, in order:

1. each offered type gets the quality of the *most specific* media range that matches it
   (``text/turtle`` beats ``text/*`` beats ``*/*``); ``q=0`` means "not acceptable";
2. the highest quality wins;
3. on equal quality, an offered type named explicitly beats one matched by a wildcard;
4. then the range the client listed first wins (``rdf,html`` -> RDF, ``html,rdf`` -> HTML,
   as the Vapour validator expects);
5. then the server's order of ``offered`` (so ``*/*`` gives ``offered[0]``-first order).

No (or an empty, or an entirely malformed) header means "anything": ``default`` is returned.
``None`` means nothing offered is acceptable: answer ``406``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float
    position: int

    @property
    def specificity(self) -> int:
        """2 for ``type/subtype``, 1 for ``type/*``, 0 for ``*/*``."""
        if self.type == "*":
            return 0
        return 1 if self.subtype == "*" else 2

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return self.type in ("*", main) and self.subtype in ("*", sub)


def _parse_q(value: str) -> float | None:
    """RFC qvalue, leniently (``.3`` is accepted: Vapour sends it); None if it is not one."""
    try:
        q = float(value)
    except ValueError:
        return None
    return q if 0.0 <= q <= 1.0 else None


def parse_accept(header: str | None) -> list[MediaRange]:
    """The valid media ranges of an Accept header, in client order; malformed entries dropped."""
    ranges: list[MediaRange] = []
    for position, item in enumerate((header or "").split(",")):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if media == "*":  # old clients send a bare "*"
            media = "*/*"
        main, slash, sub = media.partition("/")
        if not slash or not _TOKEN.match(main) or not _TOKEN.match(sub) or (main == "*" and sub != "*"):
            continue
        q: float | None = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                q = _parse_q(value.strip().strip('"'))
                break  # parameters after q are accept-extensions, not media-type parameters
        if q is not None:
            ranges.append(MediaRange(main, sub, q, position))
    return ranges


def _bare(media_type: str) -> str:
    return media_type.split(";", 1)[0].strip().lower()


def quality(ranges: Sequence[MediaRange], media_type: str) -> tuple[float, int, int]:
    """(q, specificity, -position) of the most specific range matching ``media_type``."""
    best: MediaRange | None = None
    for r in ranges:
        if r.matches(media_type) and (
            best is None
            or r.specificity > best.specificity
            or (r.specificity == best.specificity and r.q > best.q)
        ):
            best = r
    if best is None:
        return (0.0, 0, 0)
    return (best.q, best.specificity, -best.position)


def choose(accept_header: str | None, offered: Sequence[str], default: str) -> str | None:
    """The offered type to send for ``accept_header``; ``default`` if the client did not say;
    ``None`` if nothing offered is acceptable (the caller answers 406)."""
    return choose_in(parse_accept(accept_header), offered, default)


def _scored(ranges: Sequence[MediaRange], offered: Sequence[str]) -> list[tuple[tuple, str]]:
    scored = []
    for order, media_type in enumerate(offered):
        q, specificity, neg_position = quality(ranges, _bare(media_type))
        if q > 0:
            scored.append(((q, specificity, neg_position, -order), media_type))
    return scored


def choose_in(ranges: Sequence[MediaRange], offered: Sequence[str], default: str) -> str | None:
    """:func:`choose` for an Accept header already parsed (one parse per request)."""
    if not ranges:
        return default
    scored = _scored(ranges, offered)
    return max(scored)[1] if scored else None


def ranked(ranges: Sequence[MediaRange], offered: Sequence[str]) -> list[str]:
    """Every acceptable offered type, best first (q-values, specificity, client order, offer
    order); all of ``offered`` in order when the client did not say."""
    if not ranges:
        return list(offered)
    return [media_type for _, media_type in sorted(_scored(ranges, offered), reverse=True)]


def accepts(accept_header: str | None, media_type: str) -> bool:
    """Whether ``media_type`` is acceptable at all (no header accepts everything)."""
    ranges = parse_accept(accept_header)
    return not ranges or quality(ranges, _bare(media_type))[0] > 0

"""Which ``Range`` headers are worth answering with a part (RFC 9110, section 14).

werkzeug answers a single byte range (206) and an unsatisfiable one (416 with
``Content-Range: bytes */N``), but it also refuses with 416 what RFC 9110 says to ignore: a
malformed header and a multi-range it cannot send. :func:`single_byte_range` tells them apart,
so a caller drops the header and sends the whole file (200) for anything but one valid range,
and gives werkzeug that one range spelled plainly (empty list elements, whitespace and the unit's
case are allowed by RFC 9110 and not by werkzeug).
"""

from __future__ import annotations

import re

# int-range "first-last" (last optional) or suffix-range "-length"; digits only (RFC 9110 14.1.1).
_SPEC = re.compile(r"^(?:(\d+)-(\d*)|-(\d+))$")


def single_byte_range(header: str | None) -> str | None:
    """``bytes=<spec>`` when ``header`` holds exactly one syntactically valid byte range-spec
    (satisfiable or not: an unsatisfiable one still gets 416), else None."""
    if not header:
        return None
    unit, sep, specs = header.partition("=")
    if not sep or unit.strip().lower() != "bytes":
        return None
    parts = [p.strip() for p in specs.split(",") if p.strip()]
    if len(parts) != 1 or len(parts[0]) > 40:
        return None
    match = _SPEC.match(parts[0])
    if match is None:
        return None
    first, last = match.group(1), match.group(2)
    if first is not None and last and int(last) < int(first):
        return None
    return f"bytes={parts[0]}"

"""Bytes -> text. UTF-8 (with or without BOM) first, UTF-16 by its BOM, else Windows-1252.

Windows-1252 is the only legacy guess: it is what German Windows tools and old CMS exports
write, and it decodes Latin-1 text identically except for 0x80-0x9F. The choice is reported,
never silent, and binary content is refused rather than decoded into mojibake.
"""

from __future__ import annotations

from .document import DocumentError

_CONTROL = {b for b in range(32)} - {9, 10, 12, 13}


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise DocumentError for empty or binary content."""
    if not data.strip():
        raise DocumentError("empty document")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise DocumentError("binary content (NUL bytes), not a text document")
    sample = data[:8192]
    controls = sum(1 for b in sample if b in _CONTROL)
    if controls > max(2, len(sample) // 100):
        raise DocumentError(f"binary content ({controls} control bytes in the first {len(sample)}), not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"

"""Pick the reader by content (and file name), decode, and build the SourceDocument."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .document import DocumentError, SourceDocument
from .encoding import decode
from .frontmatter import split
from .html import read_html
from .lines import to_blocks

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_LOOKS_HTML = re.compile(r"\A\s*(?:<!doctype html|<html|<\?xml[^>]*>\s*<html)", re.I)


def read_document(path: Path, max_bytes: int | None = None, data: bytes | None = None) -> SourceDocument:
    """Read one file (or ``data``, its bytes already read). Raises DocumentError with a message a
    person can act on."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise DocumentError(f"unknown format {suffix!r} (readable: .txt .md .html)")
    try:
        size = len(data) if data is not None else path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise DocumentError(f"too large ({size} bytes; the limit build.max_document_bytes is {max_bytes})")
        data = data if data is not None else path.read_bytes()
    except OSError as e:
        raise DocumentError(f"cannot read: {e.strerror or e}") from None
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    warnings = [] if encoding == "utf-8" else [f"not UTF-8; decoded as {encoding}"]
    if suffix in HTML_SUFFIXES or _LOOKS_HTML.match(text):
        items, meta = read_html(text)
        fmt = "html"
    else:
        meta, body = split(text)
        items, urls = to_blocks(body)
        fmt = "markdown" if meta or suffix in (".md", ".markdown") else "text"
        if urls:
            meta.setdefault("links", " ".join(urls))
    doc = SourceDocument.from_blocks(
        path, fmt, items, meta=meta, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(), warnings=warnings
    )
    if not any(ch.isalpha() for b in doc.blocks for ch in b.text):
        raise DocumentError("no text found")
    return doc

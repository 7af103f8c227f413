"""The reader's output: the document's text as blocks with offsets, plus its metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class DocumentError(Exception):
    """A document that cannot be read; the message names the problem, the caller the file."""


def table_text(rows: list[list[str]]) -> str:
    """A table as one block: one line per row, cells joined by " | " (what extract/tables.py reads)."""
    return "\n".join(" | ".join(" ".join(c.split()) for c in row) for row in rows if any(c.strip() for c in row))


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, bullet or line of the text; ``start`` is its offset in ``text``."""

    kind: str  # "heading" | "paragraph" | "bullet" | "table" (rows on lines, cells joined by " | ")
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class SourceDocument:
    """A document reduced to text blocks. ``text`` is the blocks joined by blank lines."""

    path: Path
    format: str  # "markdown" | "text" | "html"
    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)  # title, date, author, url, description, type, site
    encoding: str = "utf-8"
    sha256: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    @classmethod
    def from_blocks(cls, path: Path, fmt: str, items: list[tuple[str, str]], **kw) -> SourceDocument:
        """Build from (kind, text) pairs, computing offsets into the joined text."""
        blocks, pos = [], 0
        for kind, text in items:
            lines = text.split("\n") if kind == "table" else [text]  # a table keeps one line per row
            text = "\n".join(" ".join(_CONTROL.sub(" ", line).split()) for line in lines).strip()
            if not text:
                continue
            blocks.append(Block(kind, text, pos))
            pos += len(text) + 2
        return cls(path=path, format=fmt, blocks=blocks, **kw)

"""Readers: a source file on disk -> a :class:`SourceDocument` (plain text in blocks + metadata).

Readers know file formats (front matter, Markdown, HTML, encodings), nothing about SCCON.
"""

from .dispatch import read_document
from .document import Block, DocumentError, SourceDocument

__all__ = ["Block", "DocumentError", "SourceDocument", "read_document"]

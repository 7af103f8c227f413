"""Plain text and light Markdown -> blocks.

Press releases and web copy arrive with every kind of line breaking: one paragraph per line,
hard-wrapped paragraphs, headings without markup, and sentences cut by a stray blank line.
The rules: a line ending in sentence punctuation ends its block; a following line that starts
in lower case continues it (even across a blank line); a short line without final punctuation
is a heading; bullets (``-``, ``*``, ``•``) are blocks of their own.
"""

from __future__ import annotations

import re

from .document import table_text

_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_EMPH = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)")
_HEADING = re.compile(r"^#{1,6}\s+")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_TABLE_RULE = re.compile(r"^\|[\s:|-]+\|$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_TERMINAL = re.compile(r"[.!?:;“”\"»«)]$")
HEADING_MAX = 100
_BYLINE = re.compile(r"von\s+(?:Frau|Herrn?)\s+[A-ZÄÖÜ]")  # "von Frau Dr. <Name>" under a headline starts its own line
_CONTINUES = re.compile(r"[a-zäöüß]+\b(?![\d.])")  # a plain lower-case word, not a brand like "ekom21"


def strip_markup(line: str) -> tuple[str, list[str]]:
    """Remove inline Markdown, returning the text and the link targets found."""
    urls: list[str] = []

    def link(m: re.Match[str]) -> str:
        if m.group(2) and m.group(2) != "#":
            urls.append(m.group(2))
        return "" if m.group(0).startswith("!") else m.group(1)

    line = _LINK.sub(link, line)
    line = _AUTOLINK.sub(lambda m: (urls.append(m.group(1)), m.group(1))[1], line)
    line = _EMPH.sub(lambda m: m.group(2) or m.group(3) or "", line)
    return line.replace("\\", ""), urls


WRAP_WIDTH = 100


def _hard_wrapped(body: str) -> bool:
    """Text wrapped at a fixed width (no line much longer than ~80 characters) joins its lines into
    paragraphs; text with one paragraph per line (web copy, archived pages) keeps each line apart,
    so a headline above a date line stays a headline."""
    lengths = [len(line.strip()) for line in body.splitlines() if line.strip()]
    return bool(lengths) and max(lengths) <= 2 * WRAP_WIDTH and sum(n > WRAP_WIDTH for n in lengths) <= 0.1 * len(lengths)


def to_blocks(body: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Split text into (kind, text) blocks; also return every link target seen."""
    urls: list[str] = []
    items: list[tuple[str, str]] = []
    current: list[str] = []
    kind = "paragraph"
    blank_before = False

    def flush() -> None:
        nonlocal current, kind
        if current:
            text = " ".join(current).strip()
            if kind == "paragraph" and len(text) <= HEADING_MAX and not _TERMINAL.search(text):
                kind = "heading"
            items.append((kind, text))
        current, kind = [], "paragraph"

    table: list[list[str]] = []

    def flush_table() -> None:
        nonlocal table
        if table:
            items.append(("table", table_text(table)))
        table = []

    hard_wrapped = _hard_wrapped(body)
    for raw in body.splitlines():
        line = raw.strip()
        if _TABLE_ROW.match(line):  # a Markdown pipe table: one block, one line per row
            flush()
            if not _TABLE_RULE.match(line):
                table.append([strip_markup(c)[0].strip() for c in line.strip("|").split("|")])
            continue
        flush_table()
        if not line:
            blank_before = True
            continue
        text, found = strip_markup(line)
        urls.extend(found)
        text = text.strip()
        if not text:
            continue
        if _HEADING.match(line):
            flush()
            items.append(("heading", _HEADING.sub("", text)))
        elif _BULLET.match(line):
            flush()
            current, kind = [_BULLET.sub("", text)], "bullet"
            flush()
        elif current and _CONTINUES.match(text) and not _TERMINAL.search(current[-1]) \
                and not (blank_before and _BYLINE.match(text)):
            current.append(text)  # continuation, even across a blank line
        elif current and hard_wrapped and not blank_before and not _TERMINAL.search(current[-1]) and len(current[-1]) > 60:
            current.append(text)  # hard-wrapped paragraph
        else:
            flush()
            current = [text]
        blank_before = False
    flush()
    flush_table()
    return items, urls

"""Sentences with offsets and the quoted spans inside them.

Facts are read from sentences; quoted speech is masked first, because what someone says
("Die Veranstaltung geht mit einem Rekord zu Ende") is an opinion, not a reported fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from somajo import SoMaJo

from ..read import Block, SourceDocument

# „…“ ‚…‘ (German), “…”, "…", «…», »…«
_QUOTES = re.compile(r"„[^“”\"]{2,}?[“”\"]|“[^”“]{2,}?”|»[^«]{2,}?«|«[^»]{2,}?»|\"[^\"\n]{2,}?\"")


@cache
def _tokenizer() -> SoMaJo:
    return SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the document text
    block: Block
    masked: str  # text with quoted speech replaced by spaces (same length)
    index: int

    @property
    def in_heading(self) -> bool:
        return self.block.kind in ("heading", "bullet")


def quote_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)


def sentences(doc: SourceDocument, max_chars: int | None = None) -> tuple[list[Sentence], list[int]]:
    """Split every block into sentences (SoMaJo, rule-based German), masking quoted speech.

    Returns the sentences and the offsets of those longer than ``max_chars``, which are left out:
    a "sentence" of thousands of characters is a table or garbage, and the rules are not linear
    in sentence length.
    """
    out: list[Sentence] = []
    too_long: list[int] = []
    texts = [b.text for b in doc.blocks]
    for block, sents in zip(doc.blocks, _split_all(texts), strict=True):
        if block.kind == "table":
            continue  # read cell by cell in tables.py, not as sentences
        masked_block = mask(block.text, quote_spans(block.text))
        for s, e in sents:
            if max_chars is not None and e - s > max_chars:
                too_long.append(block.start + s)
                continue
            out.append(Sentence(block.text[s:e], block.start + s, block, masked_block[s:e], len(out)))
    return out, too_long


def _split_all(texts: list[str]) -> list[list[tuple[int, int]]]:
    result: list[list[tuple[int, int]]] = []
    tok = _tokenizer()
    for text in texts:
        spans = []
        for sent in tok.tokenize_text([text]):
            if not sent:
                continue
            s = sent[0].character_offset[0]
            e = sent[-1].character_offset[1]
            spans.append((s, e))
        result.append(spans or [(0, len(text))])
    return result

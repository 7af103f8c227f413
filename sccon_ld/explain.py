"""``sccon-ld explain DOC``: what the converter read from a document, and why, for the people who
maintain the corpus.

Sentence by sentence: each claim with its rule and confidence (and a count's qualifier), then what
was held back and why: claims below ``extract.min_confidence``, sentences too long to read, and
sentences with a figure the count rules read no claim from (a comparison, an expected figure, ...).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TextIO

from . import settings
from .extract import extract
from .extract.confidence import confidence, hold_back, ref_text, term_text
from .extract.edition_facts import COUNT, NOT_A_COUNT
from .extract.facts import DocumentFacts, Fact
from .extract.text import sentences
from .link import authority as authority_file
from .read import DocumentError, read_document
from .vocab import COUNT_QUALIFIER_SYMBOLS

WIDTH = 100


def explain(path: Path, out: TextIO, min_confidence: float | None = None) -> int:
    """Write the explanation of one document to ``out``; 1 when it cannot be read, else 0."""
    cfg = settings.get()
    limit = cfg.extract["min_confidence"] if min_confidence is None else min_confidence
    try:
        doc = read_document(path, max_bytes=cfg.build["max_document_bytes"])
    except DocumentError as e:
        out.write(f"{path}: cannot be read: {e}\n")
        return 1
    facts = extract(doc, authority_file.default())
    _, held = hold_back(facts, limit)
    held_facts = {h.fact for h in held}
    claims = [f for f in facts.facts if f.evidence is not None]
    out.write(f"{path}: {len(claims)} claims, {len(held)} held back below extract.min_confidence {limit}\n")
    by_sentence: dict[int, list[Fact]] = {}
    texts: dict[int, str] = {}
    for f in claims:
        by_sentence.setdefault(f.evidence.offset, []).append(f)
        texts[f.evidence.offset] = f.evidence.sentence
    for offset in sorted(by_sentence):
        out.write(f"\n@{offset} {_quoted(texts[offset])}\n")
        for f in by_sentence[offset]:
            mark = "HELD BACK " if f in held_facts else ""
            out.write(f"    {mark}{_claim(f)}\n")
    kept, _ = sentences(doc, cfg.build["max_sentence_chars"])
    _not_read(facts, [(s.start, s.text) for s in kept], out)
    if held:
        out.write("\nheld back (below extract.min_confidence):\n")
        for h in held:
            out.write(f"    {h.triple_text()}  rule {h.fact.rule}, confidence {h.confidence}\n")
    return 0


def _claim(f: Fact) -> str:
    value = ref_text(f.obj)
    if f.qualifier:
        value = f"{COUNT_QUALIFIER_SYMBOLS.get(f.qualifier, '')} {value}  ({f.qualifier})"
    if getattr(f.evidence, "expected", False):
        value += "  (expected, not an actual figure)"
    return (f"{ref_text(f.subject)}  {term_text(f.predicate)}  {value}"
            f"    [rule {f.rule or '-'}, confidence {confidence(f.rule)}]")


def _not_read(facts: DocumentFacts, kept: list[tuple[int, str]], out: TextIO) -> None:
    """Warnings (sentences too long) and sentences with a figure that gave no count claim."""
    lines = [f"    {w}" for w in facts.warnings]
    counted = {f.evidence.offset for f in facts.facts if f.evidence is not None and "Count" in str(f.predicate)}
    for offset, text in kept:
        if offset in counted or not COUNT.search(text):
            continue
        why = NOT_A_COUNT.search(text)
        reason = (f"skipped as a comparison or expected figure ({why.group(0)!r})" if why
                  else "no count claim (no edition to bind it to, or a part's audience)")
        lines.append(f"    @{offset} {reason}:\n      {_quoted(text)}")
    if lines:
        out.write("\nnot read:\n" + "\n".join(lines) + "\n")


def _quoted(sentence: str) -> str:
    return "\n      ".join(textwrap.wrap(f"«{' '.join(sentence.split())}»", WIDTH)) or "«»"

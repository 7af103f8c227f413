"""Extraction: one SourceDocument -> DocumentFacts, by rules over German sentences.

Order matters: metadata (the dateline) and the main edition first, then people (quotes,
patrons and parts refer back to them), then everything else.
"""

from __future__ import annotations

from .. import settings
from ..link.authority import Authority
from ..read import SourceDocument
from .awards import extract_awards
from .contacts import extract_contacts
from .context import Context
from .edition_facts import extract_edition_facts, extract_people
from .editions import find_main_edition
from .facts import UNRESOLVED, DocumentFacts, Evidence, Fact, Ref
from .hints import edition_hints
from .metadata import detect_dateline, extract_metadata
from .organizations import define_abbreviations, extract_organizations
from .parts import extract_parts
from .quotes import extract_quotes
from .tables import extract_tables
from .text import sentences

__all__ = ["UNRESOLVED", "DocumentFacts", "Evidence", "Fact", "Ref", "extract"]


def extract(doc: SourceDocument, authority: Authority) -> DocumentFacts:
    limit = settings.get().build["max_sentence_chars"]
    kept, too_long = sentences(doc, limit)
    ctx = Context(doc=doc, sentences=kept, authority=authority)
    for offset in too_long:
        ctx.out.warnings.append(f"sentence at character {offset} is longer than {limit} characters "
                                "(build.max_sentence_chars); nothing was extracted from it")
    detect_dateline(ctx)
    find_main_edition(ctx)
    extract_metadata(ctx)
    define_abbreviations(ctx)
    extract_people(ctx)
    extract_organizations(ctx)
    extract_edition_facts(ctx)
    extract_tables(ctx)
    extract_awards(ctx)
    extract_quotes(ctx)
    extract_contacts(ctx)
    extract_parts(ctx)
    if ctx.main_edition is not None:
        ctx.out.add(ctx.doc_ref, _about(), ctx.edition(ctx.main_edition, None), None)
    if ctx.main_edition == UNRESOLVED:
        ctx.out.edition_hints = edition_hints(ctx)
    return ctx.out


def _about():
    from ..iris import SCHEMA

    return SCHEMA.about

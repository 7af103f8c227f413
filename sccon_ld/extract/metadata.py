"""The document's own metadata: kind (press release, blog post, article), title, date, author,
publisher and original URL, from front matter, HTML meta tags or the press-release form
(dateline "<Ort>, <T>. <Monat> <Jahr> -", "Link zur Presseinformation").
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

from rdflib import Literal
from rdflib.namespace import XSD

from ..iris import SCHEMA
from .context import Context
from .dates import find_dates
from .facts import TERM
from .people import find_people

_DATE = r"(?P<date>\d{1,2}\.\s*\S+\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4})"
# "<Ort>, <T>. <Monat> <Jahr> –" opening the text, or "<Ort>, <T>.<M>.<Jahr>" alone on its line.
DATELINE = re.compile(rf"^(?P<place>[A-ZÄÖÜ][^\d,\n]{{1,40}}?)(?:,?\s+(?:den\s+)?{_DATE}\s*[-–—:]|,\s+(?:den\s+)?{_DATE.replace('date', 'date2')}\s*$)")
PRESS = re.compile(r"Link zur Presseinformation|Pressemitteilung|Presseinformation|Pressemeldung|Press Release", re.I)
HASHTAG = re.compile(r"(?<![\w&#])#[A-Za-zÄÖÜäöü]\w+")
BLOG = re.compile(r"\bblog\b|/blog/|Blogbeitrag|blogpost", re.I)


def parse_date(value: str) -> dt.date | None:
    value = value.strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    for d in find_dates(value):
        if d.start[0]:
            r = d.resolved()
            return r[0] if r else None
    return None


# The archive's or wire's own prefix opening the text: " date <JJJJ>-<MM>[-<TT>] <Ort> (ots) - ...".
ARCHIVE_DATE = re.compile(r"^\s*date\s+(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?\b")
# A publication date near the top, on its own or with a short label or time: "<TT>.<MM>.<JJ>",
# "[<TT>.<MM>.<JJJJ>] Auf der ...", "Meldung <Rubrik> <TT>.<MM>.<JJJJ>", "<TT>.<MM>.<JJJJ>, 14:30 Uhr".
_NUMERIC = r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d.–-])"
PUBLISHED_LINE = [
    re.compile(rf"^\[?{_NUMERIC}\]?(?:\s*$|\s*,\s*\d{{1,2}}[:.]\d{{2}}\s*Uhr|\]\s+)"),
    re.compile(rf"^(?:Veröffentlicht(?:\s+am)?|Datum|Erschienen(?:\s+am)?|Meldung)\b[^\d]{{0,40}}?{_NUMERIC}\s*$"),
]


def _published_line(ctx: Context) -> dt.date | None:
    for block in ctx.doc.blocks[:6]:
        for regex in PUBLISHED_LINE:
            m = regex.match(block.text.strip())
            if m:
                year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
                try:
                    return dt.date(year, int(m["m"]), int(m["d"]))
                except ValueError:
                    return None
    return None


def _archive_date(ctx: Context) -> None:
    m = ARCHIVE_DATE.match(ctx.doc.blocks[0].text) if ctx.doc.blocks else None
    if not m:
        return
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"] or 1))
    except ValueError:
        return
    if m["d"]:
        ctx.published = ctx.published or day
    else:
        ctx.written_in = day


def detect_dateline(ctx: Context) -> None:
    """Set ctx.dateline / ctx.published before editions are resolved (both inform the year)."""
    for block in ctx.doc.blocks[:8]:
        m = DATELINE.match(block.text)
        if m:
            ctx.dateline = parse_date(m.group("date") or m.group("date2"))
            break
    ctx.published = parse_date(ctx.doc.meta.get("date", "")) or ctx.dateline or _published_line(ctx)
    _archive_date(ctx)
    text = ctx.doc.text
    if ctx.dateline and (PRESS.search(text) or re.search(r"^Kontakt\b", text, re.M)) or ctx.doc.format == "html" and PRESS.search(ctx.doc.meta.get("title", "") + ctx.doc.meta.get("url", "")):
        ctx.doc.meta["kind"] = "press_release"


def extract_metadata(ctx: Context) -> None:
    meta, doc = ctx.doc.meta, ctx.doc_ref
    kind = meta.get("kind")
    url = meta.get("url") or _press_link(ctx)
    if kind == "press_release" or PRESS.search(meta.get("type", "")):
        rdf_type = SCHEMA.NewsArticle
    elif len(HASHTAG.findall(ctx.doc.text)) >= 3:  # "#SCCON #SmartCountry #GovTech": a social media post
        rdf_type = SCHEMA.SocialMediaPosting
    elif BLOG.search(meta.get("type", "") + " " + (url or "")) or meta.get("layout", "").lower() in ("post", "blog") \
            or (ctx.doc.format == "markdown" and meta.get("author")) or _first_person(ctx):
        rdf_type = SCHEMA.BlogPosting
    elif ctx.doc.format == "html" and meta.get("type", "").lower() == "article":
        rdf_type = SCHEMA.NewsArticle if meta.get("site") and PRESS.search(meta.get("site", "")) else SCHEMA.Article
    else:
        rdf_type = SCHEMA.Article
    ctx.out.typed(doc, rdf_type)
    ctx.out.add(doc, SCHEMA.inLanguage, Literal("de"), None)
    title = meta.get("title") or (_first_heading(ctx) if kind == "press_release" else None) or _headline(ctx)
    if title:
        ctx.out.add(doc, SCHEMA.headline, Literal(title), None)
    name = title or _first_heading(ctx) or ctx.doc.path.stem
    ctx.out.add(doc, SCHEMA.name, Literal(name), None)
    if ctx.published:
        ctx.out.add(doc, SCHEMA.datePublished, Literal(ctx.published.isoformat(), datatype=XSD.date), None)
    if url and re.match(r"https?://", url):
        ctx.out.add(doc, SCHEMA.url, Literal(url, datatype=XSD.anyURI), None)
        publisher = ctx.authority.by_domain(urlparse(url).hostname or "")
        if publisher:
            ctx.out.add(doc, SCHEMA.publisher, ctx.organization(publisher, None), None)
    author = meta.get("author") or _byline(ctx)
    if author:
        people = find_people(author, ctx.authority)
        if people and people[0].start == 0:
            ctx.out.add(doc, SCHEMA.author, ctx.person(people[0], None), None)
        else:
            ctx.out.add(doc, SCHEMA.author, ctx.organization(author, None), None)
    ctx.out.add(doc, TERM.sourceFile, Literal(ctx.doc.path.name), None)
    ctx.out.add(doc, TERM.contentHash, Literal(ctx.doc.sha256), None)


def _first_heading(ctx: Context) -> str | None:
    """The headline: the first heading that is not a letterhead ("MESSE BERLIN"), a document kind
    ("Presseinformation") or a dateline ("<Ort>, <T>.<M>.<Jahr>")."""
    for block in ctx.doc.blocks[:6]:
        text = block.text
        if block.kind != "heading" or len(text) <= 10 or text.isupper() or DATELINE.match(text):
            continue
        if PRESS.fullmatch(text.strip()) or not re.search(r"[a-zäöü]", text):
            continue
        return text
    return None


BYLINE = re.compile(r"^(?:Text|Redaktion|Redakteur|Redakteurin|Autor|Autorin|Von|von|Verfasst von|Das Gespräch führte|"
                    r"Das Interview führte|Ein Beitrag von)\s*:?\s+(?:(?:Frau|Herr|Herrn)\s+)?(?P<name>[^,|]+)")
FIRST_PERSON = re.compile(r"\b(?:ich|mein|meine|meinem|meinen|meiner|wir|uns|unser|unsere|unserem|unseren|unserer)\b", re.I)
# Lines above the headline that are not it: page navigation, image credits, counters, datelines.
NOT_HEADLINE = re.compile(r"^(?:(?:Seiteninhalt|Zum Hauptinhalt springen|Zum Inhalt springen|Navigation|Menü|Startseite|"
                          r"Inhalt|Suche|Foto|Bild|Quelle|Copyright)\b|©|\(c\))|^[\d\s.,:/\[\]-]*$", re.I)
CREDIT = re.compile(r"^(?:(?:Foto|Bild|Quelle|Copyright)\b|©|\(c\))", re.I)


def _first_person(ctx: Context) -> bool:
    """Told in the first person outside quotes ("Wir freuen uns ...", "durfte ich"): a blog post."""
    return ctx.doc.meta.get("kind") != "press_release" and sum(
        len(FIRST_PERSON.findall(s.masked)) for s in ctx.sentences) >= 2


def _headline(ctx: Context) -> str | None:
    """The headline of a text without markup: the first title-like line at the top (no final
    punctuation, not navigation, a credit or a date), skipping an image caption (a line followed by
    its credit) and, of a kicker and a headline on two lines, the one that does not name the event."""
    from .editions import sccon_mentions

    blocks = ctx.doc.blocks[:8]
    candidates = []
    for i, block in enumerate(blocks):
        text = block.text.strip()
        if NOT_HEADLINE.search(text) or DATELINE.match(text) or ARCHIVE_DATE.match(text):
            continue
        if i + 1 < len(blocks) and CREDIT.match(blocks[i + 1].text.strip()):
            continue  # an image caption above its credit
        if block.kind not in ("heading", "paragraph") or len(text) > 200 or re.search(r"[.!?:;“”\"»«)]$", text) \
                or len(text.split()) < 3:
            break
        candidates.append(text)
        if len(candidates) == 2:
            break
    if not candidates:
        return None
    named = [c for c in candidates if sccon_mentions(c)]
    return named[0] if len(candidates) == 2 and named else candidates[0]


def _byline(ctx: Context) -> str | None:
    """"Text: <Vorname Name>, Unternehmenskommunikation", "Redaktion: <Vorname Name>"."""
    for block in ctx.doc.blocks:
        m = BYLINE.match(block.text) if len(block.text) < 100 else None
        if m:
            people = find_people(m["name"].strip(), ctx.authority)
            if people and people[0].start == 0:
                return people[0].name
    return None


def _press_link(ctx: Context) -> str | None:
    blocks = ctx.doc.blocks
    for i, block in enumerate(blocks):
        if block.text.startswith("Link zur Presseinformation"):
            rest = " ".join(b.text for b in blocks[i : i + 2])
            m = re.search(r"https?://\S+", rest)
            if m:
                return m.group(0).rstrip(">.)")
    return None

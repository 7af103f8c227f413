"""HTML pages -> blocks and metadata (title, date, author, canonical URL, site name)."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from .document import table_text

_DROP = ("script", "style", "nav", "footer", "header", "aside", "noscript", "form", "template", "svg", "iframe")
_BLOCKS = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
           "h6": "heading", "p": "paragraph", "li": "bullet", "blockquote": "paragraph", "dt": "paragraph",
           "dd": "paragraph", "td": "paragraph", "th": "paragraph", "figcaption": "paragraph", "pre": "paragraph"}
_META = {
    "title": ("og:title", "twitter:title", "dc.title"),
    "date": ("article:published_time", "datepublished", "date", "dc.date", "dcterms.date", "publish-date"),
    "author": ("author", "article:author", "dc.creator"),
    "description": ("description", "og:description"),
    "url": ("og:url",),
    "site": ("og:site_name", "publisher"),
    "type": ("og:type",),
}


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    found: dict[str, str] = {}
    tags = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        if key and tag.get("content") and key not in tags:
            tags[key] = " ".join(str(tag["content"]).split())
    for field, keys in _META.items():
        for key in keys:
            if tags.get(key):
                found[field] = tags[key]
                break
    if "date" not in found:
        time = soup.find("time", attrs={"datetime": True})
        if time:
            found["date"] = str(time["datetime"])
    if "url" not in found:
        link = soup.find("link", rel="canonical", href=True)
        if link:
            found["url"] = str(link["href"])
    if "author" not in found:
        rel = soup.find(attrs={"rel": "author"}) or soup.find(class_="author")
        if rel and rel.get_text(strip=True):
            found["author"] = " ".join(rel.get_text(" ", strip=True).split())
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        found["title"] = " ".join(h1.get_text(" ", strip=True).split())
    elif "title" not in found and soup.title and soup.title.string:
        found["title"] = " ".join(soup.title.string.split())
    return found


def _has_block_ancestor(tag: Tag) -> bool:
    return any(parent.name in _BLOCKS or parent.name == "table" for parent in tag.parents)


def _table(tag: Tag) -> str:
    rows = [[cell.get_text(" ", strip=True).replace("\xad", "") for cell in tr.find_all(["th", "td"])]
            for tr in tag.find_all("tr")]
    return table_text(rows)


def read_html(text: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Return (blocks, metadata) of an HTML page; boilerplate (nav, footer, scripts) removed."""
    soup = BeautifulSoup(text, "html.parser")
    meta = _meta(soup)
    for tag in soup.find_all(_DROP):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    items = []
    for tag in root.find_all([*_BLOCKS, "table"]):
        if _has_block_ancestor(tag):
            continue
        if tag.name == "table":
            text = _table(tag)
            if text:
                items.append(("table", text))
            continue
        text = tag.get_text(" ", strip=True).replace("\xad", "")
        if text:
            items.append((_BLOCKS[tag.name], text))
    if not items:
        items = [("paragraph", line) for line in root.get_text("\n").splitlines() if line.strip()]
    return items, meta

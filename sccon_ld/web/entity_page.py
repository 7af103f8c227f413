"""The HTML view model of an entity page, in the page's language: labels where a person reads
(class and property labels from the ontology, names of linked things, fragments such as a
placement named by their class), IRIs only as links or on request; "Linked from" grouped by
relation with each linking thing once; a document's facts in the document's own order with
the value marked in its sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from ..release import search_index
from ..vocab import COUNT_QUALIFIER_SYMBOLS, RDF, SCHEMA, XSD
from .claims_view import contested
from .describe import RDF_TYPE, Description
from .i18n import Translator
from .vocab_labels import VocabularyLabels

RDF_STATEMENT = str(RDF) + "Statement"
# Datatypes whose values speak for themselves on a page (no badge).
_SELF_EVIDENT_DATATYPES = {XSD + t for t in ("string", "integer", "date", "dateTime", "anyURI", "gYear")} | {
    RDF + "langString"
}
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}")
# Facts shown first, in this order, when the entity has them (local names; schema: or sccon:).
KEY_PROPERTIES = (
    "alternateName", "headline", "startDate", "endDate", "location", "eventAttendanceMode",
    "participantCount", "exhibitorCount", "speakerCount", "stageCount", "partnerCount", "workshopCount",
    "partnerCountry", "editionNumber", "patron", "organizer", "superEvent", "honorificPrefix", "jobTitle",
    "worksFor", "affiliation", "containedInPlace", "datePublished", "publisher", "author", "creator", "text",
    "telephone", "email", "contactType", "url", "sameAs", "presentedAt",
)
_KEY_RANK = {name: rank for rank, name in enumerate(KEY_PROPERTIES)}


@dataclass
class Page:
    """What turns terms into text on one page: language, labels, where links point."""

    t: Translator
    vocab: VocabularyLabels
    labels: dict[str, str]
    base: str
    root: str
    # IRI -> class IRIs, for fragment IRIs (``<award>#placement-1``) that have no name.
    types: dict[str, list[str]]
    # The entity the page is about.
    subject: str = ""

    @property
    def lang(self) -> str:
        return self.t.lang

    def href(self, iri: str) -> str | None:
        """This server for dataset IRIs (a fragment stays an anchor of its page), the web for http(s)."""
        if iri.startswith(self.base):
            return f"{self.root}/{iri[len(self.base) :]}"
        return iri if iri.startswith(("http://", "https://")) else None

    def fragment_label(self, iri: str) -> str:
        """``Platzierung 1`` for ``…#placement-1`` typed sccon:Placement (else the words of the id)."""
        fragment = iri.partition("#")[2]
        number = re.search(r"(\d+)$", fragment)
        types = self.types.get(iri, [])
        if types:
            name = self.vocab.label(types[0], self.lang)
        else:
            name = re.sub(r"[-_]+\d*$", "", fragment).replace("-", " ").replace("_", " ").capitalize() or fragment
        return f"{name} {number.group(1)}" if number else name

    def iri_text(self, iri: str) -> str:
        """What a person reads for an IRI that is not described here: never the raw IRI."""
        known = self.vocab.get(iri, self.lang)  # a class or enumeration: in the page language
        if known is not None:
            return known
        if iri in self.labels:
            return self.labels[iri]
        if iri.startswith(self.base) and "#" in iri:
            entity = iri.partition("#")[0]
            owner = self.labels.get(entity) if entity != self.subject else None  # own fragments need no owner
            label = self.fragment_label(iri)
            return f"{label} · {owner}" if owner else label
        if iri.startswith(self.base):
            return self.vocab.label(iri, self.lang)
        return readable_iri(iri)

    def value(self, term) -> dict:
        """A term as the template shows it: text, optional link, language or datatype badge."""
        if isinstance(term, ox.NamedNode):
            iri = term.value
            return {"text": self.iri_text(iri), "href": self.href(iri), "iri": iri,
                    "internal": iri.startswith(self.base)}
        datatype = term.datatype.value if term.datatype else ""
        text = term.value
        if datatype == XSD + "integer" and re.fullmatch(r"-?[0-9]+", text):
            text = self.t.number(int(text))
        link = None
        if datatype == XSD + "anyURI" and term.value.startswith(("http://", "https://")):
            link, text = term.value, readable_iri(term.value)
        elif _EMAIL.fullmatch(term.value):
            link = "mailto:" + term.value
        return {
            "text": text,
            "href": link,
            "lang": term.language,
            "datatype": self.vocab.label(datatype, self.lang, capitalise=False)
            if datatype and datatype not in _SELF_EVIDENT_DATATYPES else None,
        }

    def property(self, iri: str) -> str:
        return self.vocab.label(iri, self.lang)


def readable_iri(iri: str) -> str:
    """An external IRI shortened for reading: ``wikidata.org › Q64``, ``bitkom.org``."""
    rest = iri.split("://", 1)[-1].removeprefix("www.").rstrip("/")
    host, _, path = rest.partition("/")
    if not path:
        return host
    last = re.split(r"[/#]", path)[-1]
    return f"{host} › {last}" if last else host


def key_rank(iri: str, base: str) -> int | None:
    for namespace in (SCHEMA, base + "ontology#"):
        if iri.startswith(namespace):
            return _KEY_RANK.get(iri[len(namespace) :])
    return None


_NUMBER = re.compile(r"^-?[0-9]+$")
# Words of a value not worth marking in its sentence (folded, as search_index.fold writes them).
_FUNCTION_WORDS = {"und", "der", "die", "das", "des", "den", "dem", "von", "fur", "mit", "the", "and", "for"}


def qualified(value: dict, sources) -> dict:
    """A figure with the qualifier its sources agree on: "> 1.234" for "mehr als 1.234"."""
    kinds = {getattr(s, "qualifier", None) for s in sources or []}
    symbol = COUNT_QUALIFIER_SYMBOLS.get(next(iter(kinds))) if len(kinds) == 1 else None
    return {**value, "text": f"{symbol} {value['text']}"} if symbol else value


def mark_value(sentence: str, value_text: str) -> list[tuple[str, bool]]:
    """The sentence cut into (piece, marked) pieces, the words stating ``value_text`` marked:
    a number however it is grouped (``1.234`` for 1234), else the words of the value."""
    plain = re.sub(r"[\s.,\u202f]", "", value_text)
    if _NUMBER.match(plain):
        digits = plain.lstrip("-")
        groups = [digits[max(0, i - 3) : i] for i in range(len(digits), 0, -3)][::-1]
        pattern = re.compile(r"(?<![\d.,])" + r"[.,\u202f\s]?".join(groups) + r"(?![\d]|[.,]\d)")
        pieces, last = [], 0
        for m in pattern.finditer(sentence):
            pieces += [(sentence[last : m.start()], False), (m.group(), True)]
            last = m.end()
        return [p for p in pieces + [(sentence[last:], False)] if p[0]]
    tokens = [t for t in search_index.query_tokens(value_text) if len(t) > 2 and t not in _FUNCTION_WORDS]
    pieces, _ = search_index.mark(sentence, tokens) if tokens else ([(sentence, False)], 0)
    return pieces


def entity_view(
    desc: Description,
    kind: str,
    slug: str,
    page: int,
    formats: list[tuple[str, str, str]],
    t: Translator,
    vocab: VocabularyLabels,
    base: str,
    root: str,
    page_url: str,
    jsonld: str,
) -> dict:
    """Everything the entity page shows, in display order."""
    types_of: dict[str, list[str]] = dict(getattr(desc, "types", {}) or {})
    for f in desc.facts:
        if f.predicate == RDF_TYPE and isinstance(f.object, ox.NamedNode) and f.subject.value != desc.iri:
            types_of.setdefault(f.subject.value, []).append(f.object.value)
    p = Page(t, vocab, dict(desc.labels), base, root, types_of, desc.iri)
    p.labels.setdefault(desc.iri, desc.info.label)

    def source_view(source) -> dict | None:
        if source.document:
            return p.value(ox.NamedNode(source.document))
        if source.graph:
            name = source.graph.rsplit("/", 1)[-1]
            key = f"entity.graph_{name}"
            text = t(key) if key in _GRAPH_KEYS else p.labels.get(source.graph, readable_iri(source.graph))
            return {"text": text, "href": None}
        return None

    def sources_view(sources):
        return [{"document": source_view(s), "sentence": s.sentence, "graph": s.graph} for s in sources]

    own = [f for f in desc.facts if f.subject.value == desc.iri]
    types = [{**p.value(f.object), "text": vocab.label(f.object.value, t.lang)} for f in own if f.predicate == RDF_TYPE]
    key: dict[str, dict] = {}
    for f in own:
        rank = key_rank(f.predicate.value, base)
        if rank is None:
            continue
        row = key.setdefault(f.predicate.value, {"rank": rank, "label": p.property(f.predicate.value),
                                                 "property_iri": f.predicate.value, "values": []})
        row["values"].append(qualified(p.value(f.object), f.sources))
    for predicate, iris in desc.inherited.items():
        key[predicate] = {
            "rank": key_rank(predicate, base) or 0,
            "label": t("entity.of_series", label=p.property(predicate)),
            "property_iri": predicate,
            "values": [p.value(ox.NamedNode(i)) for i in iris],
        }
    key_rows = sorted(key.values(), key=lambda r: r["rank"])

    def fact_rows(facts):
        return [
            {"property": p.property(f.predicate.value), "property_iri": f.predicate.value,
             "value": qualified(p.value(f.object), f.sources), "sources": sources_view(f.sources)}
            for f in facts
        ]

    statements = {
        f.subject.value for f in desc.facts if f.predicate == RDF_TYPE and f.object.value == RDF_STATEMENT
    }
    fragments, extracted = [], []
    for frag in sorted({f.subject.value for f in desc.facts} - {desc.iri}):
        facts = [f for f in desc.facts if f.subject.value == frag]
        if frag in statements:
            props = {f.predicate.value.rsplit("#", 1)[-1]: f.object for f in facts}
            obj = p.value(props["object"]) if "object" in props else None
            sentence = props["sourceSentence"].value if "sourceSentence" in props else None
            offset = props.get("sourceOffset")
            extracted.append({
                "id": frag.partition("#")[2],
                "subject": p.value(props["subject"]) if "subject" in props else None,
                "property": p.property(props["predicate"].value) if "predicate" in props else "",
                "object": obj,
                "sentence": mark_value(sentence, obj["text"]) if sentence and obj else None,
                "offset": int(offset.value) if isinstance(offset, ox.Literal) and offset.value.isdigit() else None,
            })
        else:
            rows = [r for r in fact_rows(facts) if r["property_iri"] != RDF_TYPE.value]
            fragments.append({"id": frag.partition("#")[2], "title": p.fragment_label(frag), "rows": rows})
    extracted.sort(key=lambda e: (e["offset"] is None, e["offset"] or 0, _natural(e["id"])))
    fragments.sort(key=lambda fr: _natural(fr["id"]))
    described = [f for f in desc.facts if f.subject.value not in statements]

    by_document: dict[str, dict] = {}
    for f in described:
        for s in f.sources:
            doc = s.document or s.graph
            entry = by_document.setdefault(doc, {"document": source_view(s), "graph": s.graph, "facts": []})
            entry["facts"].append({"property": p.property(f.predicate.value), "value": p.value(f.object),
                                   "sentence": s.sentence})
    return {
        "iri": desc.iri,
        "title": desc.info.label,
        "kind": kind,
        "kind_title": t(f"nav.{kind}") if f"nav.{kind}" in _NAV_KEYS else kind,
        "slug": slug,
        "types": types,
        "key_facts": key_rows,
        "claims": contested(desc, base, p.value),  # contested facts: resolved value and alternatives
        "facts": fact_rows(own),
        "fragments": fragments,
        "extracted": extracted,
        "documents": sorted(by_document.values(), key=lambda d: (d["document"] or {}).get("text", "")),
        "incoming": incoming_groups(desc, p, sources_view),
        "incoming_total": desc.incoming_total,
        "page": page,
        "pages": desc.pages,
        "page_url": page_url,
        "quotes": [
            {**q, "creator_href": p.href(q.get("creator", "")) if q.get("creator") else None,
             "document_href": p.href(q.get("isPartOf", "")) if q.get("isPartOf") else None}
            for q in desc.quotes
        ],
        "formats": formats,
        "jsonld": jsonld,
    }


_GRAPH_KEYS = {"entity.graph_authority", "entity.graph_ontology"}
_NAV_KEYS = {f"nav.{k}" for k in ("event", "organization", "person", "place", "award", "document", "quote", "contact")}


def _natural(text: str) -> list:
    """``fact-2`` before ``fact-10``."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def incoming_groups(desc: Description, p: Page, sources_view) -> list[dict]:
    """"Linked from": one group per relation, each linking thing once on the page. A thing that
    links by several relations (a document that is *about* the entity and *mentions* it) is
    listed under the most specific one (the relation with fewest links), the others named beside it."""
    by_subject: dict[str, list] = {}
    for f in desc.incoming:
        by_subject.setdefault(f.subject.value, []).append(f)
    sizes: dict[str, int] = {}
    for f in desc.incoming:
        sizes[f.predicate.value] = sizes.get(f.predicate.value, 0) + 1
    groups: dict[str, dict] = {}
    for facts in by_subject.values():
        facts.sort(key=lambda f: (sizes[f.predicate.value], p.property(f.predicate.value)))
        main = facts[0].predicate.value
        group = groups.setdefault(main, {"property": p.property(main), "property_iri": main, "items": []})
        group["items"].append({
            "subject": p.value(facts[0].subject),
            "also": [p.property(f.predicate.value) for f in facts[1:]],
            "sources": sources_view([s for f in facts for s in f.sources][:1]),
        })
    for group in groups.values():
        group["items"].sort(key=lambda i: i["subject"]["text"].casefold())
    return sorted(groups.values(), key=lambda g: (sizes[g["property_iri"]], g["property"]))

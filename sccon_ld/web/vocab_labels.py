"""The German and English labels of the classes and properties a page shows, read from the
ontology folder: the project's own terms (``sccon.ttl``, rebased to the dataset base) and the
schema.org terms it uses (``schemaorg-labels.ttl``). One place for every label a person reads
next to a value, so that a German page never says "Event" beside "Preis"."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pyoxigraph as ox

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
LABEL_FILES = ("sccon.ttl", "schemaorg-labels.ttl")
# The base the ontology file is written with (``iris.DEFAULT_BASE``); its IRIs move to the dataset's.
WRITTEN_BASE = "https://w3id.org/sccon/"


class VocabularyLabels:
    """IRI -> language -> label, with a readable fallback for a term without one."""

    def __init__(self, labels: dict[str, dict[str, str]]):
        self.labels = labels

    @classmethod
    def read(cls, folder: Path, base: str) -> VocabularyLabels:
        labels: dict[str, dict[str, str]] = {}
        for name in LABEL_FILES:
            path = folder / name
            if not path.is_file():
                continue
            for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                obj = triple.object
                if triple.predicate.value != RDFS_LABEL or not isinstance(obj, ox.Literal) or not obj.language:
                    continue
                iri = triple.subject.value
                if iri.startswith(WRITTEN_BASE):
                    iri = base + iri[len(WRITTEN_BASE) :]
                labels.setdefault(iri, {}).setdefault(obj.language, obj.value)
        return cls(labels)

    def get(self, iri: str, lang: str) -> str | None:
        """The label of ``iri`` in ``lang`` (or in English, then German), None without one."""
        found = self.labels.get(iri)
        if not found:
            return None
        return found.get(lang) or found.get("en") or found.get("de")

    def label(self, iri: str, lang: str, capitalise: bool = True) -> str:
        """The label of ``iri``, else its local name as words (``jobTitle`` -> ``Job title``)."""
        text = self.get(iri, lang)
        if text is None:
            name = re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri
            text = name if name.isupper() else re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
        return text[:1].upper() + text[1:] if capitalise and not text[:1].isupper() else text


@functools.lru_cache(maxsize=8)
def labels_for(folder: Path, base: str) -> VocabularyLabels:
    """The labels of the ontology folder for a base, read once per process."""
    return VocabularyLabels.read(folder, base)

"""The conversion cache: a rebuild reconverts only the documents whose content changed.

Reading and extracting is the costly, per-document part of a build, and its result depends on
nothing but the document's bytes, its file name (the reader is chosen by suffix; the name is
stated in the graph), the converter's code, the authority data and the reading limits. The
cache keys each result by the SHA-256 of all of that, so any change to one of them is a miss:
no stale fact survives a change of code or authority file. Entries live in one folder per
converter fingerprint; folders of older fingerprints are removed when the cache is opened.
Entries are pickles written by this program into a folder of its own (never from elsewhere).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
# The code that reads and extracts a document (the corpus-level steps run on every build anyway).
CONVERTER_CODE = ("read", "extract", "link", "iris.py", "settings.py", "pipeline.py", "conversion_cache.py")
LIBRARIES = ("somajo", "gender-guesser", "beautifulsoup4", "charset-normalizer", "pyyaml", "rdflib")
LIMITS = ("max_document_bytes", "max_sentence_chars")
_FINGERPRINT_DIR = re.compile(r"[0-9a-f]{16}")


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "-"


def fingerprint(authority_dir: Path, limits: dict[str, Any]) -> str:
    """SHA-256 of the converter code, the authority files, the libraries' versions and the limits."""
    h = hashlib.sha256()

    def feed(label: str, data: bytes) -> None:
        h.update(label.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)

    for part in CONVERTER_CODE:
        for path in _files(PACKAGE_DIR / part):
            feed(f"code/{path.relative_to(PACKAGE_DIR).as_posix()}", path.read_bytes())
    authority_dir = Path(authority_dir)
    for path in _files(authority_dir):
        feed(f"authority/{path.relative_to(authority_dir).as_posix()}", path.read_bytes())
    for library in LIBRARIES:
        feed(f"library/{library}", _version(library).encode())
    feed("python", sys.version.encode())
    feed("limits", repr(sorted((k, limits.get(k)) for k in LIMITS)).encode())
    return h.hexdigest()


@dataclass(frozen=True)
class ConversionCache:
    """Per-document conversion results on disk under ``folder/<fingerprint>``; picklable for workers."""

    folder: Path
    fingerprint: str

    @classmethod
    def open(cls, folder: Path, authority_dir: Path, limits: dict[str, Any]) -> ConversionCache:
        """The cache for the current converter; entries of other fingerprints are dropped."""
        cache = cls(Path(folder), fingerprint(authority_dir, limits))
        cache.entries.mkdir(parents=True, exist_ok=True)
        for old in cache.folder.iterdir():
            if old.is_dir() and old != cache.entries and _FINGERPRINT_DIR.fullmatch(old.name):
                shutil.rmtree(old, ignore_errors=True)
        return cache

    @property
    def entries(self) -> Path:
        return self.folder / self.fingerprint[:16]

    def key(self, name: str, data: bytes) -> str:
        h = hashlib.sha256(self.fingerprint.encode() + b"\0" + name.encode("utf-8") + b"\0")
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        """The stored result, or None (missing or unreadable entries are misses)."""
        try:
            with self._file(key).open("rb") as f:
                return pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        """Store atomically (written aside, then renamed), so readers never see half an entry."""
        target = self._file(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

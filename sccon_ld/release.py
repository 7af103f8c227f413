"""Release folders: write aside, then swap, so nothing half-written is ever published.

Layout under the releases folder (``settings.paths.releases``)::

    current -> versions/<version>      symlink, replaced atomically (os.replace)
    versions/<version>/
        dataset.nq       every named graph, sorted N-Quads (the canonical form)
        store/           the same data as a persisted Oxigraph store (opened read-only)
        report.ttl       SHACL validation report
        report.txt       the same, for people
        summary.json     what was extracted per document, warnings, errors
        manifest.json    version, created, triples, files with size and SHA-256

``version`` is the first 16 hex digits of the SHA-256 of ``dataset.nq``: the same input gives
the same version, so ETags are stable across rebuilds and machines.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

CURRENT = "current"
VERSIONS = "versions"
DATASET_FILE = "dataset.nq"
STORE_DIR = "store"
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class Release:
    """One published release folder."""

    path: Path
    manifest: dict

    @property
    def version(self) -> str:
        return self.manifest["version"]

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.manifest["created"])

    @property
    def dataset_file(self) -> Path:
        return self.path / DATASET_FILE

    @property
    def store_dir(self) -> Path:
        return self.path / STORE_DIR


class ReleaseError(RuntimeError):
    pass


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(
    releases_dir: Path,
    nquads_lines: Iterable[str],
    extra_files: dict[str, bytes] | None = None,
    info: dict | None = None,
    derived: Callable[[Path, str], None] | None = None,
) -> Release:
    """Write a release aside, load its store, then switch ``current`` to it atomically.

    ``nquads_lines`` must already be sorted and de-duplicated (one quad per line, with
    newline). ``derived(folder, version)`` writes further files (dumps, descriptions) into the
    folder before the manifest lists them. If anything fails, the previous release stays current
    and untouched.
    """
    releases_dir = Path(releases_dir)
    versions = releases_dir / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".partial-", dir=versions))
    try:
        digest = hashlib.sha256()
        count = 0
        with (tmp / DATASET_FILE).open("w", encoding="utf-8", newline="\n") as f:
            for line in nquads_lines:
                f.write(line)
                digest.update(line.encode("utf-8"))
                count += 1
            f.flush()
            os.fsync(f.fileno())
        version = digest.hexdigest()[:16]
        for name, data in (extra_files or {}).items():
            (tmp / name).write_bytes(data)
        store = ox.Store(str(tmp / STORE_DIR))
        store.bulk_load(path=str(tmp / DATASET_FILE), format=ox.RdfFormat.N_QUADS)
        store.optimize()
        store.flush()
        del store
        if derived is not None:
            derived(tmp, version)
        files = {
            p.name: {"bytes": p.stat().st_size, "sha256": sha256_file(p)}
            for p in sorted(tmp.iterdir())
            if p.is_file()
        }
        manifest = {
            "version": version,
            "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "quads": count,
            "files": files,
            **(info or {}),
        }
        (tmp / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
        _fsync_dir(tmp)
        final = versions / version
        if final.exists():
            # Same content already published: keep the existing folder (its store may be open).
            shutil.rmtree(tmp)
        else:
            os.rename(tmp, final)
            _fsync_dir(versions)
        _switch_current(releases_dir, final)
        return load(releases_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _switch_current(releases_dir: Path, target: Path) -> None:
    link = releases_dir / CURRENT
    tmp_link = releases_dir / f".{CURRENT}.{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(Path(VERSIONS) / target.name, tmp_link)
    os.replace(tmp_link, link)
    _fsync_dir(releases_dir)


def load(releases_dir: Path) -> Release:
    """The current release of ``releases_dir``; ReleaseError if there is none."""
    current = Path(releases_dir) / CURRENT
    try:
        path = current.resolve(strict=True)
        manifest = json.loads((path / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ReleaseError(f"no release in {releases_dir}: {e}") from e
    return Release(path=path, manifest=manifest)


def exists(releases_dir: Path) -> bool:
    return (Path(releases_dir) / CURRENT / MANIFEST_FILE).is_file()

"""Release folders: write aside, then swap, so nothing half-written is ever published.

Layout under the releases folder (``settings.paths.releases``)::

    current -> versions/<version>      symlink, replaced atomically (os.replace)
    versions/<version>/
        dataset.nq       every named graph, sorted N-Quads (the canonical form)
        store/           the same data as a persisted Oxigraph store (opened read-only)
        entities.sqlite  entity IRIs with kind, label, types and fragments (the web layer's index)
        changes.sqlite   per-entity description hashes and the change history (entity_changes.py)
        report.ttl       SHACL validation report
        report.txt       the same, for people
        summary.json     what was extracted per document, warnings, errors
        manifest.json    version, created, triples, files with size and SHA-256

``version`` is the first 16 hex digits of the SHA-256 of ``dataset.nq``: the same input gives
the same version, so ETags are stable across rebuilds and machines.

A build killed half-way leaves at most ``versions/.partial-<pid>-*`` (and a ``.current.<pid>``
link) behind: never a release, since only ``current`` names one, and removed by the next
publish once that pid is gone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from . import default_graph

CURRENT = "current"
VERSIONS = "versions"
DATASET_FILE = "dataset.nq"
STORE_DIR = "store"
MANIFEST_FILE = "manifest.json"
PARTIAL_PREFIX = ".partial-"


class ManifestFields:
    """What every release offers from its manifest, local folder or remote store alike."""

    manifest: dict

    @property
    def version(self) -> str:
        return self.manifest["version"]

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.manifest["created"])


@dataclass(frozen=True)
class Release(ManifestFields):
    """One published release folder."""

    path: Path
    manifest: dict

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


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner(name: str, prefix: str) -> int | None:
    """The pid written into a leftover's name (``.partial-<pid>-…``, ``.current.<pid>``)."""
    head = name[len(prefix):].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def clean_leftovers(releases_dir: Path) -> list[Path]:
    """Remove what killed builds left (partial folders, temporary links) whose process is gone."""
    releases_dir = Path(releases_dir)
    candidates = [(p, PARTIAL_PREFIX) for p in (releases_dir / VERSIONS).glob(PARTIAL_PREFIX + "*")]
    candidates += [(p, f".{CURRENT}.") for p in releases_dir.glob(f".{CURRENT}.*")]
    removed = []
    for path, prefix in candidates:
        pid = _owner(path.name, prefix)
        if pid is not None and _pid_alive(pid):
            continue  # another build is writing it right now
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
        else:
            shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def verify(folder: Path) -> list[str]:
    """What is wrong with a release folder (missing manifest, files whose size or SHA-256
    differ from it); empty when it is intact."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST_FILE).read_text(encoding="utf-8"))
        files = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        return [f"{MANIFEST_FILE}: unreadable ({e})"]
    problems = []
    for name, meta in files.items():
        path = Path(folder) / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif path.stat().st_size != meta["bytes"] or sha256_file(path) != meta["sha256"]:
            problems.append(f"{name}: differs from the manifest")
    return problems


def current_target(releases_dir: Path) -> str | None:
    """Where ``current`` points (one readlink: cheap enough to ask on every request)."""
    try:
        return os.readlink(Path(releases_dir) / CURRENT)
    except OSError:
        return None


def publish(
    releases_dir: Path,
    nquads_lines: Iterable[str],
    extra_files: dict[str, bytes] | None = None,
    info: dict | None = None,
    derived: Callable[[Path, str], None] | None = None,
    exclude_from_default: Collection[ox.Triple] = (),
) -> Release:
    """Write a release aside, load its store, then switch ``current`` to it atomically.

    ``nquads_lines`` must already be sorted and de-duplicated (one quad per line, with
    newline). The store holds them in their named graphs and, in its default graph, each
    distinct triple once except ``exclude_from_default`` (see ``default_graph``; the excluded
    triples are listed in the folder). ``derived(folder, version)`` writes further files (dumps,
    descriptions) into the folder before the manifest lists them. If anything fails, the previous
    release stays current and untouched.
    """
    releases_dir = Path(releases_dir)
    versions = releases_dir / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    clean_leftovers(releases_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f"{PARTIAL_PREFIX}{os.getpid()}-", dir=versions))
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
        excluded = default_graph.write_excluded(tmp, exclude_from_default)
        digest.update(excluded)  # the same quads with another default graph are another release
        version = digest.hexdigest()[:16]
        for name, data in (extra_files or {}).items():
            (tmp / name).write_bytes(data)
        store = ox.Store(str(tmp / STORE_DIR))
        store.bulk_load(path=str(tmp / DATASET_FILE), format=ox.RdfFormat.N_QUADS)
        base = _write_entity_index(tmp, store, (info or {}).get("base"))
        default_graph.materialise(store, tmp / DATASET_FILE, exclude_from_default)
        store.optimize()
        store.flush()
        del store
        created = datetime.now(UTC).replace(microsecond=0).isoformat()
        _write_changes(tmp, version, created, base, releases_dir)
        if derived is not None:
            derived(tmp, version)
        files = {
            p.name: {"bytes": p.stat().st_size, "sha256": sha256_file(p)}
            for p in sorted(tmp.iterdir())
            if p.is_file()
        }
        manifest = {
            "version": version,
            "created": created,
            "quads": count,
            "files": files,
            **(info or {}),
        }
        (tmp / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
        _fsync_dir(tmp)
        final = versions / version
        if final.exists() and (not verify(final) or _is_current(releases_dir, final)):
            # Same content already published: keep the existing folder (its store may be open).
            shutil.rmtree(tmp)
        else:
            if final.exists():  # a damaged folder of this version that nobody serves: replace it
                shutil.rmtree(final)
            os.rename(tmp, final)
            _fsync_dir(versions)
        _switch_current(releases_dir, final)
        return load(releases_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write_entity_index(folder: Path, store: ox.Store, base: str | None) -> str:
    """The web layer's entity index (``entities.sqlite``), so that no server scans the graph
    at start-up: written once here, opened read-only by every worker. Returns the base used."""
    from .. import settings
    from .entity_index import INDEX_FILE, write_index_file

    base = base or settings.get().base
    write_index_file(folder / INDEX_FILE, store.quads_for_pattern(None, None, None, None), base)
    return base


def _write_changes(folder: Path, version: str, created: str, base: str, releases_dir: Path) -> None:
    """``changes.sqlite``: what this release changed against the current one (the predecessor)."""
    from .entity_changes import write_changes

    previous = load(releases_dir).path if exists(releases_dir) else None
    write_changes(folder, folder / DATASET_FILE, version, created, base, previous)


def _is_current(releases_dir: Path, folder: Path) -> bool:
    return current_target(releases_dir) in (str(Path(VERSIONS) / folder.name), str(folder))


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

"""Releases under faults: a build killed half-way changes nothing that is served, and a rebuild
while the server runs switches to the new release without one failed request.

Both run the real command (``sccon-ld build`` as a subprocess over data/documents) next to a real
server on loopback that serves the previous release (the sample graph). Every wait is bounded.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import requests
import test_sparql_support as support
from test_sparql_support import sample_lines

from sccon_ld.release import folders as release
from sccon_ld.release.dumps import write_dumps

ROOT = Path(__file__).resolve().parents[1]
BUILD = [sys.executable, "-m", "sccon_ld.cli", "build", "--sources", str(ROOT / "data" / "documents")]
DOC = "/doc/person/nancy-faeser.ttl"  # in the sample graph and in the corpus
ASK = "/sparql?query=ASK%7B%7D"
DUMP = "/dumps/latest/sccon.nq.gz"


def fast_reload() -> support.Settings:
    settings = support.with_sparql_limits()
    settings.data["server"] = {**settings.data["server"], "reload_check_seconds": 0.05}
    return settings


@pytest.fixture()
def previous(tmp_path: Path) -> Path:
    """A releases folder whose current release is the sample graph, with dumps."""
    out = tmp_path / "releases"
    release.publish(out, sample_lines(), derived=write_dumps)
    return out


def partial_folders(out: Path) -> list[Path]:
    return sorted((out / release.VERSIONS).glob(release.PARTIAL_PREFIX + "*"))


def kill_while_publishing(out: Path) -> None:
    """Start a build and SIGKILL it once it writes its release aside (ideally mid store load)."""
    proc = subprocess.Popen([*BUILD, "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while not partial_folders(out) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        store_deadline = time.monotonic() + 0.2
        while partial_folders(out) and time.monotonic() < store_deadline:
            if any((p / release.STORE_DIR).exists() for p in partial_folders(out)):
                break
            time.sleep(0.002)
        assert proc.poll() is None, "the build finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def test_killed_build_leaves_the_previous_release_served_and_intact(previous: Path):
    before = release.load(previous)
    with support.serve(previous, fast_reload()) as server:
        etag = requests.get(server.url + DOC, timeout=30).headers["ETag"]
        kill_while_publishing(previous)
        leftovers = partial_folders(previous)
        assert leftovers, "the kill was meant to leave a half-written folder behind"
        after = release.load(previous)
        assert after.path == before.path and after.version == before.version
        assert release.verify(after.path) == []  # every file matches its manifest checksum
        time.sleep(0.2)  # past reload_check_seconds: the server looked at `current` again
        r = requests.get(server.url + DOC, timeout=30)
        assert r.status_code == 200 and r.headers["ETag"] == etag
        assert requests.get(server.url + ASK, timeout=30).headers["X-SPARQL-Release"] == before.version
        dump = requests.get(server.url + DUMP, timeout=30)
        assert dump.status_code == 200 and dump.headers["ETag"].strip('"') == next(
            f["sha256"] for f in requests.get(server.url + "/dumps/", timeout=30).json()["files"]
            if f["name"].endswith(".nq.gz"))
        for leftover in leftovers:  # a half-written folder is never reachable as a release
            assert requests.get(f"{server.url}/dumps/{leftover.name}/dataset.nq", timeout=30).status_code == 404
    # a fresh server takes the same (intact) release, not the half-written folder
    with support.serve(previous) as fresh:
        assert requests.get(fresh.url + ASK, timeout=30).headers["X-SPARQL-Release"] == before.version
    # the next build cleans up what the killed one left
    nxt = release.publish(previous, sample_lines("<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g> .\n"))
    assert partial_folders(previous) == [] and not list(previous.glob(".current.*"))
    assert nxt.version != before.version and release.verify(nxt.path) == []


def test_damaged_version_folder_is_replaced_not_reused(tmp_path: Path):
    """A version folder that does not match its manifest (a crash after the rename) is rebuilt."""
    first = release.publish(tmp_path, sample_lines())
    second = release.publish(tmp_path, sample_lines("<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g> .\n"))
    (first.path / release.DATASET_FILE).write_text("damaged\n", encoding="utf-8")
    assert release.verify(first.path) == [f"{release.DATASET_FILE}: differs from the manifest"]
    again = release.publish(tmp_path, sample_lines())
    assert again.version == first.version and release.verify(again.path) == []
    assert release.load(tmp_path).version == first.version != second.version


class Clients:
    """Threads that keep requesting a few URLs and record every status and validator seen."""

    def __init__(self, base: str, paths: list[str], threads: int = 3):
        self.base, self.paths = base, paths
        self.seen: list[tuple[str, int, str]] = []
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._loop, daemon=True) for _ in range(threads)]

    def _loop(self) -> None:
        session = requests.Session()
        while not self._stop.is_set():
            for path in self.paths:
                try:
                    r = session.get(self.base + path, timeout=30)
                    tag = r.headers.get("X-SPARQL-Release") or r.headers.get("ETag", "")
                    self.seen.append((path, r.status_code, tag))
                except requests.RequestException as e:
                    self.errors.append(f"{path}: {e}")

    def __enter__(self) -> Clients:
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=60)


def test_rebuild_while_serving_switches_without_a_failed_request(previous: Path):
    old = release.load(previous)
    with support.serve(previous, fast_reload()) as server:
        old_etag = requests.get(server.url + DOC, timeout=30).headers["ETag"]
        with Clients(server.url, [DOC, ASK, DUMP]) as clients:
            build = subprocess.run([*BUILD, "--out", str(previous)], capture_output=True, text=True, timeout=300)
            assert build.returncode == 0, build.stderr
            new = release.load(previous)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not any(t == new.version for _, _, t in clients.seen[-10:]):
                time.sleep(0.05)
            time.sleep(0.3)  # some requests after the switch
        assert clients.errors == []
        statuses = Counter(status for _, status, _ in clients.seen)
        assert set(statuses) == {200}, statuses
        assert new.version != old.version
        sparql = [tag for path, _, tag in clients.seen if path == ASK]
        assert sparql[0] == old.version and sparql[-1] == new.version
        docs = [tag for path, _, tag in clients.seen if path == DOC]
        assert docs[0] == old_etag and docs[-1] != old_etag and new.version in docs[-1]
        dumps = [tag for path, _, tag in clients.seen if path == DUMP]
        assert dumps[0] != dumps[-1]

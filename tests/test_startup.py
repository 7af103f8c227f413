"""Start-up without a scan: ``release.publish`` writes the entity index beside the store, and the
app serves from that file (so a server of any size answers at once); without the file, or made
for another base, the app falls back to scanning the store the first time it needs the index."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from sccon_ld import settings
from sccon_ld.release import folders as release
from sccon_ld.release.entity_index import INDEX_FILE, EntityIndex
from sccon_ld.store.embedded import GraphStore
from sccon_ld.web.app import create_app
from sccon_ld.web.context import entity_index

BASE = settings.get().base
ENTITY = "id/event/sccon-2023"


@pytest.fixture
def copied_release(sample_release: Path, tmp_path: Path) -> Path:
    """A private copy of the sample releases folder, free to damage."""
    out = tmp_path / "releases"
    shutil.copytree(sample_release, out, symlinks=True)
    return out


def index_file(releases: Path) -> Path:
    return release.load(releases).path / INDEX_FILE


def test_publish_writes_the_index_and_lists_it_in_the_manifest(sample_release: Path) -> None:
    rel = release.load(sample_release)
    assert (rel.path / INDEX_FILE).is_file()
    assert INDEX_FILE in rel.manifest["files"]
    assert release.verify(rel.path) == []


def test_the_index_file_holds_what_a_scan_of_the_store_finds(sample_release: Path) -> None:
    store = GraphStore.open(sample_release)
    from_file = EntityIndex.open(index_file(sample_release), BASE)
    scanned = EntityIndex.build(store, BASE)
    assert from_file is not None
    assert len(from_file.entities) > 10
    assert list(from_file.entities.values()) == list(scanned.entities.values())
    assert from_file.kinds() == scanned.kinds()
    for iri in from_file.entities:
        assert from_file.fragments_of(iri) == scanned.fragments_of(iri)
    assert any(from_file.fragments_of(iri) for iri in from_file.entities)
    hits = [h.iri for h in from_file.search_hits("smart country", 50)]
    assert hits and hits == [h.iri for h in scanned.search_hits("smart country", 50)]
    assert from_file.search_count("smart country") == scanned.search_count("smart country") == len(hits)


def test_the_app_answers_from_the_index_file(copied_release: Path) -> None:
    """Remove one entity from the file only: the app, reading the file, no longer knows it."""
    db = sqlite3.connect(index_file(copied_release))
    assert db.execute("DELETE FROM entity WHERE iri = ?", (BASE + ENTITY,)).rowcount == 1
    db.commit()
    db.close()
    client = create_app(copied_release).test_client()
    assert client.get(f"/doc/{ENTITY.removeprefix('id/')}", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/doc/event/sccon", headers={"Accept": "text/turtle"}).status_code == 200


def test_without_the_file_the_app_scans_the_store_on_first_need(copied_release: Path) -> None:
    index_file(copied_release).unlink()
    app = create_app(copied_release)
    response = app.test_client().get(f"/doc/{ENTITY.removeprefix('id/')}", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert f"<{BASE}{ENTITY}>" in response.get_data(as_text=True)


def test_an_index_made_for_another_base_is_not_used(sample_release: Path) -> None:
    assert EntityIndex.open(index_file(sample_release), "https://example.org/other/") is None
    store = GraphStore.open(sample_release)
    assert entity_index(store, "https://example.org/other/").get(BASE + ENTITY) is None
    assert entity_index(store, BASE).get(BASE + ENTITY) is not None

"""Build speed without changing the result: conversion in a process pool, and the conversion cache.

Parallel conversion must give the serial output byte for byte; a warm cache must skip reading and
extracting (seen by extraction being made to fail) and still give the same output; a changed
document, or changed authority data, must be converted again.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

from sccon_ld import pipeline, settings
from sccon_ld.bench import synth_documents
from sccon_ld.conversion_cache import ConversionCache
from sccon_ld.link import authority as authority_file
from sccon_ld.pipeline import Conversion, convert, default_cache, sorted_nquads

ROOT = Path(__file__).resolve().parents[1]
NEW_ORG = '  - {type: NGO, name: "Beispielverband Digitale Verwaltung e.V.", alternate_names: [Beispielverband]}\n'
MENTION = ("Smart Country Convention 2023\n\nBerlin, 9. November 2023. Auf der Smart Country Convention 2023 "
           "stellte der Beispielverband seine Arbeit vor.\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus, synthetic documents and one unreadable file: enough for the process pool."""
    folder = tmp_path_factory.mktemp("corpus")
    for doc in sorted((ROOT / "data" / "documents").iterdir()):
        shutil.copy(doc, folder / doc.name)
    synth_documents(4, seed=7, out=folder / "synth")
    (folder / "zz-binary.txt").write_bytes(bytes(range(256)) * 4)
    assert len(pipeline.expand([folder])) >= pipeline.MIN_PARALLEL
    return folder


def output(c: Conversion) -> tuple[list[str], list[dict], list[str]]:
    return sorted_nquads(c.dataset), [asdict(d) for d in c.documents], [str(f) for f in c.failures]


def cache_for(folder: Path) -> ConversionCache:
    cfg = settings.get()
    return ConversionCache.open(folder, cfg.path("authority"), cfg.build)


@pytest.fixture(scope="module")
def serial(corpus: Path) -> tuple[list[str], list[dict], list[str]]:
    return output(convert([corpus], with_authority="all", workers=1))


def test_parallel_equals_serial(corpus: Path, serial, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = tmp_path / "pids"
    seen.mkdir()
    real = pipeline._read_and_extract

    def recording(path: Path):
        (seen / str(os.getpid())).touch()
        return real(path)

    monkeypatch.setattr(pipeline, "_read_and_extract", recording)  # forked workers inherit it
    parallel = output(convert([corpus], with_authority="all", workers=2))
    assert len(serial[0]) > 1000 and len(serial[1]) == 9 and len(serial[2]) == 1
    assert parallel == serial
    if multiprocessing.get_start_method() == "fork":
        assert {p.name for p in seen.iterdir()} - {str(os.getpid())}, "no document was converted in a worker"


def test_warm_cache_skips_conversion(corpus: Path, serial, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = cache_for(tmp_path / "cache")
    cold = convert([corpus], with_authority="all", workers=2, cache=cache)
    assert cold.reused == 0 and output(cold) == serial

    def no_extraction(*_: object) -> None:
        raise AssertionError("extract() called although the document is in the cache")

    monkeypatch.setattr(pipeline, "extract", no_extraction)
    warm = convert([corpus], with_authority="all", workers=1, cache=cache)
    assert warm.reused == 9  # every readable document; the unreadable one is reported again
    assert output(warm) == serial


def test_changed_document_is_reconverted(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    shutil.copytree(corpus, folder)
    cache = cache_for(tmp_path / "cache")
    convert([folder], workers=1, cache=cache)
    changed = folder / "synth" / sorted(os.listdir(folder / "synth"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nNachtrag: Auf der Smart Country Convention "
                       "2021 sprach Bundesinnenministerin Nancy Faeser.\n", encoding="utf-8")
    again = convert([folder], workers=1, cache=cache)
    assert again.reused == 8
    assert output(again) == output(convert([folder], workers=1))
    assert any("nancy-faeser" in line and changed.stem.replace("_", "-") in line for line in output(again)[0])


@pytest.fixture()
def own_authority(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings whose authority folder and cache folder are copies under ``tmp_path``."""
    authority = tmp_path / "authority"
    shutil.copytree(ROOT / "data" / "authority", authority)
    config = tmp_path / "settings.toml"
    config.write_text(f'[paths]\nauthority = "{authority}"\n[build]\ncache_dir = "{tmp_path / "cache"}"\n',
                      encoding="utf-8")
    monkeypatch.setenv("SCCON_LD_CONFIG", str(config))
    settings.get.cache_clear()
    authority_file.default.cache_clear()
    yield authority
    monkeypatch.delenv("SCCON_LD_CONFIG")
    settings.get.cache_clear()
    authority_file.default.cache_clear()


def test_changed_authority_invalidates(own_authority: Path, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "verband.txt").write_text(MENTION, encoding="utf-8")
    first = convert([folder], workers=1, cache=default_cache())
    assert first.reused == 0 and convert([folder], workers=1, cache=default_cache()).reused == 1
    assert not any("beispielverband" in line for line in output(first)[0])

    with (own_authority / "organizations.yaml").open("a", encoding="utf-8") as f:
        f.write(NEW_ORG)
    authority_file.default.cache_clear()
    cache = default_cache()
    after = convert([folder], workers=1, cache=cache)
    assert after.reused == 0, "a cached result survived a change of the authority data"
    assert any("/document/verband> <https://schema.org/mentions> <https://w3id.org/sccon/id/organization/"
               "beispielverband" in line for line in output(after)[0])
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [cache.entries.name]  # the stale entries are gone


def test_corpus_resolution_runs_after_parallel_and_cached_conversion(tmp_path: Path) -> None:
    """An undated document is resolved from another document's dates, however it was converted."""
    folder = tmp_path / "docs"
    synth_documents(6, seed=3, out=folder)
    (folder / "a-dated.txt").write_text(
        "Smart Country Convention 2023\n\nBerlin, 1. September 2023. Die Smart Country Convention 2023 findet "
        "vom 17. bis 19. Oktober 2023 im hub27 in Berlin statt.\n", encoding="utf-8")
    (folder / "b-undated.txt").write_text(
        "Smart Country Convention\n\nDie Smart Country Convention findet Mitte Oktober im hub27 in Berlin statt.\n",
        encoding="utf-8")
    cache = cache_for(tmp_path / "cache")
    runs = [convert([folder], workers=1), convert([folder], workers=2, cache=cache),
            convert([folder], workers=2, cache=cache)]
    assert [r.reused for r in runs] == [0, 0, 8]
    note = [line for line in output(runs[0])[0] if "/document/b-undated> <https://w3id.org/sccon/ontology#resolutionNote>"
            in line]
    assert note and "2023" in note[0]
    assert output(runs[1]) == output(runs[0]) and output(runs[2]) == output(runs[0])

"""Fixtures for the crawler and harvester tests (sitemap, change feed, catalogue versions,
fragments, Comunica): a releases folder with two releases of the sample graph, the second of
which updates, creates and deletes one entity each, and servers over it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import LiveServer
from test_sparql_support import sample_lines, serve, with_settings

from sccon_ld.release import folders as release
from sccon_ld.release.dumps import write_dumps

BASE = "https://w3id.org/sccon/"
ORG = BASE + "id/organization/"
UPDATED = ORG + "messe-berlin"  # its name changes in the second release
CREATED = ORG + "new-test-organisation"  # only in the second release
DELETED = ORG + "retired-test-organisation"  # only in the first release
AUTHORITY = f"<{BASE}graph/authority>"
RETIRED = f'<{DELETED}> <https://schema.org/name> "Retired test organisation" {AUTHORITY} .\n'
NEW = f'<{CREATED}> <https://schema.org/name> "New test organisation" {AUTHORITY} .\n'


def first_lines() -> list[str]:
    return sample_lines(RETIRED)


def second_lines() -> list[str]:
    lines = [line.replace('"Messe Berlin"', '"Messe Berlin GmbH"') for line in sample_lines(NEW)]
    return sorted(set(lines))


@dataclass
class History:
    folder: Path
    first: release.Release
    second: release.Release


def publish_history(folder: Path) -> History:
    first = release.publish(folder, first_lines(), derived=write_dumps)
    time.sleep(1.1)  # release times have whole seconds: the two must differ
    second = release.publish(folder, second_lines(), derived=write_dumps)
    return History(folder, first, second)


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    return publish_history(tmp_path_factory.mktemp("releases-history"))


def crawl_settings(**sections):
    """Default settings with keys replaced per section: ``crawl_settings(fragments={"page_size": 5})``."""
    settings = with_settings("server")
    for section, keys in sections.items():
        settings.data[section].update(keys)
    return settings


@pytest.fixture(scope="session")
def history_server(history: History) -> Iterator[LiveServer]:
    with serve(history.folder) as server:
        yield server

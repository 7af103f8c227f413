"""Fixtures shared by the SPARQL, dumps, VoID and catalogue tests (import them by name).

A release of the sample graph published with ``derived=write_dumps`` (so it has dumps/), the
app serving it on a loopback port, and settings with tight ``[sparql]`` limits.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest import FIXTURES, LiveServer, sorted_nquads
from rdflib import Dataset, Graph

from sccon_ld import settings
from sccon_ld.release import folders as release
from sccon_ld.release.dumps import write_dumps
from sccon_ld.settings import Settings


def sample_lines(extra: str = "") -> list[str]:
    """The sample graph (tests/fixtures/sample.trig) plus ``extra`` N-Quads, as sorted lines."""
    ds = Dataset()
    ds.parse(FIXTURES / "sample.trig", format="trig")
    if extra:
        ds.parse(data=extra, format="nquads")
    return sorted_nquads(ds)


def with_settings(section: str, **keys) -> Settings:
    """The default settings with some keys of ``[section]`` replaced."""
    data = copy.deepcopy(settings.get().data)
    data[section].update(keys)
    return Settings(data)


def with_sparql_limits(**limits) -> Settings:
    """The default settings with some ``[sparql]`` keys replaced."""
    return with_settings("sparql", **limits)


def serve(releases_dir: Path, app_settings: Settings | None = None) -> LiveServer:
    from sccon_ld.web.app import create_app

    return LiveServer(create_app(releases_dir=releases_dir, settings=app_settings))


RDFLIB_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/rdf+xml": "xml",
                  "application/n-triples": "nt"}


def fetch_rdf(server: LiveServer, path: str, accept: str = "text/turtle", **headers: str) -> Graph:
    """GET ``path`` and parse the RDF in whatever syntax the server chose."""
    r = requests.get(server.url + path, headers={"Accept": accept, **headers}, timeout=30)
    assert r.status_code == 200, r.text
    return Graph().parse(data=r.content, format=RDFLIB_FORMATS[r.headers["Content-Type"].split(";")[0]])


@pytest.fixture(scope="session")
def dumps_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("releases-with-dumps")
    release.publish(out, sample_lines(), derived=write_dumps)
    return out


@pytest.fixture(scope="session")
def dumps_server(dumps_release: Path) -> Iterator[LiveServer]:
    with serve(dumps_release) as server:
        yield server


@pytest.fixture(scope="session")
def proxied_dumps_server(dumps_release: Path) -> Iterator[LiveServer]:
    """As ``dumps_server``, behind a reverse proxy on 127.0.0.1 (``server.trusted_proxies``)."""
    with serve(dumps_release, with_settings("server", trusted_proxies=["127.0.0.1"])) as server:
        yield server


def triples_by_graph(release_folder: Path) -> dict[str, set[str]]:
    """Graph IRI -> its triples (N-Triples text), read from the release's dataset.nq."""
    out: dict[str, set[str]] = defaultdict(set)
    for line in release.load(release_folder).dataset_file.read_text(encoding="utf-8").splitlines():
        cut = line.rindex(" <")
        out[line[cut + 2:-3]].add(line[:cut])
    return dict(out)

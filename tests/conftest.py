"""Shared fixtures: a real release on disk and a real HTTP server on loopback serving it."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset

from sccon_ld.release import folders as release

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"

requires_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"needs the shared reference material at {SHARED} (present in CI)"
)


def sorted_nquads(ds: Dataset) -> list[str]:
    text = ds.serialize(format="nquads")
    return sorted({line + "\n" for line in text.splitlines() if line.strip()})


@pytest.fixture(scope="session")
def sample_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A releases folder holding the hand-written sample graph (tests/fixtures/sample.trig)."""
    ds = Dataset()
    ds.parse(FIXTURES / "sample.trig", format="trig")
    out = tmp_path_factory.mktemp("releases")
    release.publish(out, sorted_nquads(ds))
    return out


class LiveServer:
    """A WSGI app served by werkzeug on 127.0.0.1 in a thread, for tests over real HTTP."""

    def __init__(self, app):
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(sample_release: Path) -> Iterator[LiveServer]:
    """The project's Flask app over the sample release, on a free loopback port."""
    from sccon_ld.web.app import create_app

    with LiveServer(create_app(releases_dir=sample_release)) as server:
        yield server


@pytest.fixture(scope="session")
def proxied_server(sample_release: Path) -> Iterator[LiveServer]:
    """The app as behind a reverse proxy on 127.0.0.1 (``server.trusted_proxies``): the tests' own
    X-Forwarded-* headers play the proxy's."""
    import copy

    from sccon_ld import settings
    from sccon_ld.settings import Settings
    from sccon_ld.web.app import create_app

    data = copy.deepcopy(settings.get().data)
    data["server"]["trusted_proxies"] = ["127.0.0.1"]
    with LiveServer(create_app(releases_dir=sample_release, settings=Settings(data))) as server:
        yield server


def pytest_terminal_summary(terminalreporter) -> None:
    """The W3C SPARQL 1.1 query slice's pass count, when its cases ran (tests/test_sparql_w3c_query.py)."""
    module = sys.modules.get("test_sparql_w3c_query")
    outcomes = getattr(module, "OUTCOMES", None)
    if outcomes:
        passed = sum(outcomes.values())
        terminalreporter.write_line(f"W3C SPARQL 1.1 query slice through /sparql's query path: {passed} of "
                                    f"{len(outcomes)} cases pass (allowed to fail: "
                                    "tests/fixtures/w3c-query-allowed-failures.txt)")

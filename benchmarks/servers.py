"""Real servers on loopback for benchmarks and tests: ``oxigraph serve`` and the project's gunicorn app.

Each is a context manager that starts the process on a free 127.0.0.1 port, waits (bounded) until
it answers, and stops exactly that process and its children on exit: the server runs in a session
of its own and the whole process group is signalled, so a gunicorn worker busy in a long query
cannot outlive its killed master.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests

from sccon_ld.serving import gunicorn_command

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _FromAddress(requests.adapters.HTTPAdapter):
    """Connections from one local source address (127.0.0.0/8 is all loopback on Linux)."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def session_from(address: str | None) -> requests.Session:
    """A requests session whose connections leave from ``address`` (None: the default), so the
    server sees distinct clients (its per-client SPARQL share counts by address)."""
    session = requests.Session()
    if address:
        session.mount("http://", _FromAddress(address))
    return session


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` CLI (PyPI package ``oxigraph``), next to this Python or on PATH."""
    local = BIN / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    """Poll ``url`` until any HTTP answer, the process dies, or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers, even if not 200
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


@contextlib.contextmanager
def _running(cmd: list[str], probe_path: str, port: int, env: dict | None = None,
             log: Path | None = None) -> Iterator[subprocess.Popen]:
    out = log.open("wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}{probe_path}", proc)
        yield proc
    finally:
        _signal_group(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _signal_group(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)
        _signal_group(proc.pid, signal.SIGKILL)  # any child left behind by the master
        if log:
            out.close()


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


@dataclass(frozen=True)
class OxigraphServer:
    url: str

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"


@contextlib.contextmanager
def oxigraph_server(location: Path, union_default_graph: bool = False, read_only: bool = False
                    ) -> Iterator[OxigraphServer]:
    """``oxigraph serve`` (or ``serve-read-only``) over the store folder ``location``."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph CLI is not installed (pip install oxigraph)")
    port = free_port()
    cmd = [binary, "serve-read-only" if read_only else "serve", "--location", str(location),
           "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        cmd.append("--union-default-graph")
    with _running(cmd, "/query?query=ASK%7B%7D", port):
        yield OxigraphServer(f"http://127.0.0.1:{port}")


@contextlib.contextmanager
def project_server(releases_dir: Path, workers: int = 2, log: Path | None = None,
                   config: Path | None = None) -> Iterator[str]:
    """The project's app under gunicorn (as ``sccon-ld serve`` runs it), with settings file ``config``
    if given; yields its base URL once ``/sparql`` answers."""
    port = free_port()
    env = dict(os.environ, SCCON_LD_RELEASES=str(releases_dir))
    if config is not None:
        env["SCCON_LD_CONFIG"] = str(config)
    cmd = gunicorn_command("127.0.0.1", port, workers, timeout=120)  # what `sccon-ld serve` runs
    with _running(cmd, "/sparql?query=ASK%7B%7D", port, env=env, log=log):
        yield f"http://127.0.0.1:{port}"

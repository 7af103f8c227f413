"""The production entry point: ``gunicorn sccon_ld.web.wsgi:app`` serves the release named by
``$SCCON_LD_RELEASES``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not GUNICORN.exists(), reason=f"needs gunicorn at {GUNICORN}")
def test_gunicorn_serves_the_wsgi_app(sample_release):
    port = _free_port()
    env = {**os.environ, "SCCON_LD_RELEASES": str(sample_release)}
    proc = subprocess.Popen(
        [str(GUNICORN), "-w", "2", "-b", f"127.0.0.1:{port}", "sccon_ld.web.wsgi:app"],
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):  # up to ~20 s for the workers to boot
            try:
                r = requests.get(
                    url + "/id/event/sccon-2023",
                    headers={"Accept": "text/turtle"},
                    allow_redirects=False,
                    timeout=2,
                )
                break
            except requests.ConnectionError:
                if proc.poll() is not None:
                    pytest.fail(f"gunicorn exited: {proc.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer")
        assert r.status_code == 303
        assert r.headers["Location"] == f"{url}/doc/event/sccon-2023.ttl"
        doc = requests.get(r.headers["Location"], timeout=5)
        assert doc.status_code == 200 and "Smart Country Convention 2023" in doc.text
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_error_pages_behind_a_prefix_link_the_prefixed_stylesheet(proxied_server):
    r = requests.get(
        proxied_server.url + "/id/event/nope",
        headers={"Accept": "text/html", "X-Forwarded-Prefix": "/lod"},
        timeout=10,
    )
    assert r.status_code == 404
    assert 'href="/lod/static/style.css"' in r.text and 'href="/lod/"' in r.text

"""Requests per second of a Linked Data dereference vs serving the same bytes as a static file.

    .venv/bin/python benchmarks/deref.py [--releases DIR] [--duration 5] [--connections 16]

Starts ``gunicorn -w 2 sccon_ld.web.wsgi:app`` on a free loopback port, loads it with
``wrk -t2 -c16 -d5s http://127.0.0.1:PORT/doc/event/sccon-2023.ttl``, then serves the very same
Turtle body as a static file with ``python -m http.server`` and (when installed) nginx, under
the same load, and prints requests/second and the ratios. Bounded: each run lasts ``--duration``
seconds on 127.0.0.1 only. Without ``--releases`` it publishes the test fixture
(tests/fixtures/sample.trig) into a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATH = "/doc/event/sccon-2023.ttl"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up within {timeout}s")


@contextlib.contextmanager
def running(cmd: list[str], url: str, env: dict | None = None, cwd: Path | None = None) -> Iterator[None]:
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(url)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def wrk(url: str, duration: int, connections: int) -> float:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 30, check=True).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not match:
        raise RuntimeError(f"no Requests/sec in wrk output:\n{out}")
    if "Non-2xx" in out:
        raise RuntimeError(f"non-2xx responses under load:\n{out}")
    return float(match.group(1))


def sample_release(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from rdflib import Dataset

    from sccon_ld import release

    ds = Dataset()
    ds.parse(ROOT / "tests" / "fixtures" / "sample.trig", format="trig")
    lines = sorted({line + "\n" for line in ds.serialize(format="nquads").splitlines() if line.strip()})
    release.publish(folder, lines)
    return folder


NGINX_CONF = """
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fcgi;
  uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  types {{ text/turtle ttl; }}
  server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=Path, help="releases folder (default: publish the test fixture)")
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed")
    with tempfile.TemporaryDirectory(prefix="sccon-bench-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)  # nginx workers may run as another user and must read the static file
        releases = args.releases or sample_release(tmp / "releases")
        bin_dir = Path(sys.executable).parent
        results: dict[str, float] = {}

        port = free_port()
        url = f"http://127.0.0.1:{port}{PATH}"
        env = {**os.environ, "SCCON_LD_RELEASES": str(releases)}
        gunicorn = [str(bin_dir / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "sccon_ld.web.wsgi:app"]
        with running(gunicorn, url, env=env, cwd=ROOT):
            body = urllib.request.urlopen(url, timeout=10).read()
            results["gunicorn -w 2 (Flask, dereference)"] = wrk(url, args.duration, args.connections)

        static = tmp / "static" / "doc" / "event"
        static.mkdir(parents=True)
        (static / "sccon-2023.ttl").write_bytes(body)
        port = free_port()
        url = f"http://127.0.0.1:{port}{PATH}"
        http_server = [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(tmp / "static"),
        ]
        with running(http_server, url):
            results["python -m http.server (static file)"] = wrk(url, args.duration, args.connections)

        nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
        if nginx:
            port = free_port()
            url = f"http://127.0.0.1:{port}{PATH}"
            conf = tmp / "nginx.conf"
            conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, root=tmp / "static"))
            cmd = [nginx, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"]
            with running(cmd, url):
                results["nginx (static file)"] = wrk(url, args.duration, args.connections)

    print(f"GET {PATH} ({len(body)} bytes), wrk -t2 -c{args.connections} -d{args.duration}s on 127.0.0.1")
    for name, rps in results.items():
        print(f"  {name:40s} {rps:10.0f} req/s")
    deref = results["gunicorn -w 2 (Flask, dereference)"]
    for name, rps in results.items():
        if "static" in name:
            print(f"  ratio dereference / {name}: {deref / rps:.2f}")


if __name__ == "__main__":
    main()

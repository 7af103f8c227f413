"""Requests per second and p99 of a Linked Data dereference through the project's Flask app vs a bare
Flask + pyoxigraph lookup app, both under ``gunicorn -w 2``, and vs static file servers.

    .venv/bin/python benchmarks/deref.py [--triples 20000] [--duration 5] [--connections 16]

Publishes a synthetic release (``sccon-ld synth graph``; ``--triples 0``: the test fixture
tests/fixtures/sample.trig), starts ``gunicorn -w 2 sccon_ld.web.wsgi:app`` on a free loopback
port and loads it with ``wrk --latency -t2 -c16 -d5s http://127.0.0.1:PORT/doc/event/sccon-2023.ttl``;
then the baseline ``gunicorn -w 2 'benchmarks.deref:bare_app()'`` (the entity's triples from
pyoxigraph, serialised to Turtle, nothing else) under the same load; then the very same Turtle
body as a static file with ``python -m http.server`` and (when installed) nginx. Prints
requests/second, p99 and the ratios. Bounded: each run lasts ``--duration`` seconds on 127.0.0.1.
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
import urllib.error
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


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def wrk(url: str, duration: int, connections: int, accept: str | None = None,
        expect_status: int = 200) -> tuple[float, float]:
    """(requests/second, p99 in ms) of ``wrk --latency``; fails on any error response."""
    check = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        status = urllib.request.urlopen(check, timeout=10).status
    except urllib.error.HTTPError as e:
        status = e.code
    if expect_status == 303:
        status = 303 if status == 200 else status  # urllib follows the redirect
    if status != expect_status:
        raise RuntimeError(f"{url} answers {status}, not {expect_status}")
    cmd = ["wrk", "--latency", "-t2", f"-c{connections}", f"-d{duration}s", url]
    if accept:
        cmd[1:1] = ["-H", f"Accept: {accept}"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 30, check=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
    if not rps or not p99:
        raise RuntimeError(f"no Requests/sec or 99% line in wrk output:\n{out}")
    if "Non-2xx" in out:
        raise RuntimeError(f"error responses under load:\n{out}")
    return float(rps.group(1)), float(p99.group(1)) * _UNITS[p99.group(2)]


def publish_release(folder: Path, n_triples: int) -> Path:
    """A releases folder: ``n_triples`` synthetic quads (``bench.graph_lines``), or the fixture when 0."""
    sys.path.insert(0, str(ROOT))
    from sccon_ld import bench
    from sccon_ld.release import folders as release

    if n_triples:
        lines = sorted(set(bench.graph_lines(n_triples, seed=1)))
    else:
        from rdflib import Dataset

        ds = Dataset()
        ds.parse(ROOT / "tests" / "fixtures" / "sample.trig", format="trig")
        lines = sorted({line + "\n" for line in ds.serialize(format="nquads").splitlines() if line.strip()})
    release.publish(folder, lines)
    return folder


def bare_app():
    """The baseline: Flask + pyoxigraph, no negotiation, caching or description; one lookup per request."""
    import pyoxigraph as ox
    from flask import Flask, Response, abort

    from sccon_ld import settings
    from sccon_ld.release import folders as release

    store = ox.Store.read_only(str(release.load(Path(os.environ["SCCON_LD_RELEASES"])).store_dir))
    base = settings.get().base
    app = Flask(__name__)

    @app.get("/doc/<kind>/<slug>.ttl")
    def document(kind: str, slug: str) -> Response:
        triples = [q.triple for q in store.quads_for_pattern(ox.NamedNode(f"{base}id/{kind}/{slug}"), None, None)]
        if not triples:
            abort(404)
        return Response(ox.serialize(triples, format=ox.RdfFormat.TURTLE), content_type="text/turtle; charset=utf-8")

    return app


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
    parser.add_argument("--releases", type=Path, help="releases folder (default: publish --triples)")
    parser.add_argument("--triples", type=int, default=20_000, help="synthetic graph size (0: the test fixture)")
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed")
    with tempfile.TemporaryDirectory(prefix="sccon-bench-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)  # nginx workers may run as another user and must read the static file
        releases = args.releases or publish_release(tmp / "releases", args.triples)
        bin_dir = Path(sys.executable).parent
        results: dict[str, tuple[float, float]] = {}
        env = {**os.environ, "SCCON_LD_RELEASES": str(releases)}
        apps = {"Flask app (full dereference path)": "sccon_ld.web.wsgi:app",
                "bare Flask + pyoxigraph lookup": "benchmarks.deref:bare_app()"}
        for name, target in apps.items():
            port = free_port()
            url = f"http://127.0.0.1:{port}{PATH}"
            gunicorn = [str(bin_dir / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", target]
            with running(gunicorn, url, env=env, cwd=ROOT):
                if name.startswith("Flask"):
                    body = urllib.request.urlopen(url, timeout=10).read()
                results[name] = wrk(url, args.duration, args.connections)

        static = tmp / "static" / "doc" / "event"
        static.mkdir(parents=True)
        (static / "sccon-2023.ttl").write_bytes(body)
        port = free_port()
        url = f"http://127.0.0.1:{port}{PATH}"
        http_server = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                       "--directory", str(tmp / "static")]
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

    print(f"GET {PATH} ({len(body)} bytes), wrk --latency -t2 -c{args.connections} -d{args.duration}s "
          f"on 127.0.0.1, {args.triples or 'fixture'} triples")
    for name, (rps, p99) in results.items():
        print(f"  {name:40s} {rps:10.0f} req/s   p99 {p99:7.2f} ms")
    deref = results["Flask app (full dereference path)"][0]
    for name, (rps, _) in results.items():
        if name != "Flask app (full dereference path)":
            print(f"  ratio Flask app / {name}: {deref / rps:.2f}")
    ratio = deref / results["bare Flask + pyoxigraph lookup"][0]
    print(f"figure deref_vs_bare_flask: {ratio:.2f} (target >= 0.90: {'MET' if ratio >= 0.9 else 'MISSED'})")


if __name__ == "__main__":
    main()

"""The static export under nginx vs nginx serving the same pre-rendered files plainly.

    .venv/bin/python benchmarks/static.py [--triples 20000] [--duration 5] [--connections 16]

Publishes a synthetic release (``sccon-ld synth graph``; or the test fixture with
``--triples 0``), runs ``sccon-ld export-static`` into a temporary folder and serves it with the
generated nginx configuration (maps, regex locations, try_files, headers), then serves the
very same ``site/`` folder with a bare nginx (``root`` and a ``types`` block, nothing else).
Each URL is loaded with ``wrk --latency -t2 -cC -dDs`` on 127.0.0.1 and requests/s and p99
are printed with the ratio export / plain. Bounded: every run lasts ``--duration`` seconds.

Also the home of :func:`static_nginx`, which the tests use to run an export under nginx.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.deref import publish_release, wrk  # noqa: E402
from benchmarks.servers import _running, free_port  # noqa: E402

NGINX = "/usr/sbin/nginx"

PLAIN_CONF = """
worker_processes auto;
pid nginx.pid;
error_log stderr warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  open_file_cache max=10000 inactive=60s;
  client_body_temp_path client_body_temp; proxy_temp_path proxy_temp; fastcgi_temp_path fastcgi_temp;
  uwsgi_temp_path uwsgi_temp; scgi_temp_path scgi_temp;
  types {{ text/turtle ttl; text/html html; application/ld+json jsonld; }}
  server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
"""


def nginx_binary() -> str | None:
    """Debian's nginx, or one on PATH."""
    return NGINX if Path(NGINX).exists() else shutil.which("nginx")


def _nginx_cmd(prefix: Path, conf: Path) -> list[str]:
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (Debian package nginx)")
    prefix.mkdir(parents=True, exist_ok=True)
    # As root, nginx's workers would become "nobody", who cannot read a private temp folder.
    run_as = " user root;" if os.geteuid() == 0 else ""
    return [binary, "-p", str(prefix), "-c", str(conf), "-e", "stderr", "-g", f"daemon off;{run_as}"]


def export_site(releases: Path, out: Path, port: int) -> Path:
    """``sccon-ld export-static`` (the real command, in a child process) for 127.0.0.1:port."""
    cmd = [sys.executable, "-m", "sccon_ld.cli", "export-static", "--data", str(releases), "--out", str(out),
           "--url", f"http://127.0.0.1:{port}/", "--listen", f"127.0.0.1:{port}"]
    subprocess.run(cmd, check=True, timeout=1800, capture_output=True, cwd=ROOT)
    return out


@contextlib.contextmanager
def static_nginx(out: Path, port: int, log: Path | None = None) -> Iterator[str]:
    """nginx with the configuration ``export-static`` wrote into ``out``; yields its base URL."""
    with _running(_nginx_cmd(out / "nginx", out / "nginx.conf"), "/", port, log=log):
        yield f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def plain_nginx(root: Path, workdir: Path) -> Iterator[str]:
    """A bare nginx serving the folder ``root`` (the baseline: no maps, no headers)."""
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    conf = workdir / "plain.conf"
    conf.write_text(PLAIN_CONF.format(port=port, root=root.resolve()), encoding="utf-8")
    with _running(_nginx_cmd(workdir, conf), "/index.html", port):
        yield f"http://127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=20_000, help="synthetic graph size (0: the test fixture)")
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk") or nginx_binary() is None:
        sys.exit("needs wrk and nginx")
    with tempfile.TemporaryDirectory(prefix="sccon-static-") as tmp_name:
        tmp = Path(tmp_name)
        releases = publish_release(tmp / "releases", args.triples)
        port = free_port()
        out = export_site(releases, tmp / "export", port)
        site = out / "site"
        doc = "/doc/event/sccon-2023"
        cases = [  # (label, path on the export, Accept, the plain file it amounts to)
            ("fixed-format document", f"{doc}.ttl", None, f"{doc}.ttl"),
            ("negotiated document", doc, "text/turtle", f"{doc}.ttl"),
            ("negotiated document, browser", doc,
             "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", f"{doc}.html"),
        ]
        results = []
        with static_nginx(out, port) as url:
            for label, path, accept, _ in cases:
                results.append([label, wrk(url + path, args.duration, args.connections, accept)])
            results.append(["303 on /id (export only)",
                            wrk(url + "/id/event/sccon-2023", args.duration, args.connections, "text/turtle",
                                expect_status=303)])
        with plain_nginx(site, tmp / "plain") as url:
            for row, (_, _, _, plain_path) in zip(results, cases, strict=False):
                row.append(wrk(url + plain_path, args.duration, args.connections))
    print(f"nginx, wrk --latency -t2 -c{args.connections} -d{args.duration}s on 127.0.0.1, "
          f"{args.triples or 'fixture'} triples")
    print(f"  {'':38s} {'export req/s':>12s} {'p99 ms':>8s} {'plain req/s':>12s} {'p99 ms':>8s} {'ratio':>6s}")
    for label, (rps, p99), *plain in results:
        line = f"  {label:38s} {rps:12.0f} {p99:8.2f}"
        if plain:
            (base_rps, base_p99), = plain
            line += f" {base_rps:12.0f} {base_p99:8.2f} {rps / base_rps:6.2f}"
        print(line)
    ratios = [row[1][0] / row[2][0] for row in results if len(row) == 3]
    print(f"figure static_export_vs_plain_nginx: min ratio {min(ratios):.2f} (target >= 0.50: "
          f"{'MET' if min(ratios) >= 0.5 else 'MISSED'})")


if __name__ == "__main__":
    main()

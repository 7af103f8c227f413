"""How the app runs in production: the one gunicorn command line, shared by ``sccon-ld serve``,
the benchmarks and the load test, so what is measured is what is served.

Threads (gthread, as ``serving_worker.Worker``) keep cheap requests answered while a worker waits
on a long query (queries run in their own killable processes, see store/query_runner.py); the
worker timeout stays above the query limit so gunicorn never kills a worker that is merely waiting
for a query to be stopped. gunicorn believes ``X-Forwarded-Proto`` only from
``server.trusted_proxies``, the same addresses the app believes (web/proxies.py).
"""

from __future__ import annotations

import errno
import socket
import sys

from . import settings


def gunicorn_command(host: str, port: int, workers: int, threads: int | None = None,
                     timeout: int | None = None) -> list[str]:
    """argv for gunicorn serving ``sccon_ld.web.wsgi:app`` (``timeout``: when the workers read other
    settings than this process, e.g. a benchmark's longer query limit)."""
    cfg = settings.get()
    server = cfg.server
    threads = threads or server["threads"]
    timeout = timeout or int(cfg.sparql["query_timeout"]) + 30  # gunicorn takes whole seconds
    # gunicorn reads an empty list as "nobody"; its default would trust 127.0.0.1.
    trusted = ",".join(str(a) for a in server["trusted_proxies"])
    return [sys.executable, "-m", "gunicorn", "--workers", str(workers),
            "--worker-class", "sccon_ld.serving_worker.Worker", "--threads", str(threads),
            "--timeout", str(timeout), "--keep-alive", str(int(server["keepalive_seconds"]) or 1),
            "--limit-request-line", str(server["max_request_line_bytes"]),
            f"--forwarded-allow-ips={trusted}", "--bind", f"{host}:{port}",
            "--access-logfile", "-", "sccon_ld.web.wsgi:app"]


def listen_problem(host: str, port: int) -> str | None:
    """Why gunicorn could not listen on ``host:port`` (None if it can). Checked before gunicorn
    starts, so that a taken port is one clear line instead of gunicorn's five retries."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
    except socket.gaierror as e:
        return f"cannot listen on {host}: {e.strerror}"
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
        try:
            probe.bind(address)
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is already in use"
            return f"cannot listen on {host}:{port}: {e.strerror}"
    return None

"""How the app runs in production: the one gunicorn command line, shared by ``sccon-ld serve``,
the benchmarks and the load test, so what is measured is what is served.

Threads (gthread, as ``serving_worker.Worker``) keep cheap requests answered while a worker waits
on a long query (queries run in their own killable processes, see store/query_runner.py); the
worker timeout stays above the query limit so gunicorn never kills a worker that is merely waiting
for a query to be stopped. gunicorn believes ``X-Forwarded-Proto`` only from
``server.trusted_proxies``, the same addresses the app believes (web/proxies.py).
"""

from __future__ import annotations

import sys

from . import settings


def gunicorn_command(host: str, port: int, workers: int, threads: int | None = None,
                     timeout: int | None = None) -> list[str]:
    """argv for gunicorn serving ``sccon_ld.web.wsgi:app`` (``timeout``: when the workers read other
    settings than this process, e.g. a benchmark's longer query limit)."""
    cfg = settings.get()
    server = cfg.server
    threads = threads or int(server["threads"])
    timeout = timeout or int(float(cfg.sparql["query_timeout"])) + 30
    # gunicorn reads an empty list as "nobody"; its default would trust 127.0.0.1.
    trusted = ",".join(str(a) for a in server["trusted_proxies"])
    return [sys.executable, "-m", "gunicorn", "--workers", str(workers),
            "--worker-class", "sccon_ld.serving_worker.Worker", "--threads", str(threads),
            "--timeout", str(timeout), "--keep-alive", str(int(float(server["keepalive_seconds"])) or 1),
            "--limit-request-line", str(int(server["max_request_line_bytes"])),
            f"--forwarded-allow-ips={trusted}", "--bind", f"{host}:{port}",
            "--access-logfile", "-", "sccon_ld.web.wsgi:app"]

"""How the app runs in production: the one gunicorn command line, shared by ``sccon-ld serve``,
the benchmarks and the load test, so what is measured is what is served.

Threads (gthread) keep cheap requests answered while a worker waits on a long query (queries
run in their own killable processes, see query_runner.py); the worker timeout stays above the
query limit so gunicorn never kills a worker that is merely waiting for a query to be stopped.
"""

from __future__ import annotations

import sys

from . import settings


def gunicorn_command(host: str, port: int, workers: int, threads: int | None = None,
                     timeout: int | None = None) -> list[str]:
    """argv for gunicorn serving ``sccon_ld.web.wsgi:app`` (``timeout``: when the workers read other
    settings than this process, e.g. a benchmark's longer query limit)."""
    cfg = settings.get()
    threads = threads or cfg.server["threads"]
    timeout = timeout or int(cfg.sparql["query_timeout"]) + 30  # gunicorn takes whole seconds
    return [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "gthread",
            "--threads", str(threads), "--timeout", str(timeout), "--bind", f"{host}:{port}",
            "--access-logfile", "-", "sccon_ld.web.wsgi:app"]

"""Load test on loopback: many clients mixing cheap requests while one client runs runaway queries.

    .venv/bin/python benchmarks/load.py                      # 60 s, 16 clients, corpus built first
    .venv/bin/python benchmarks/load.py --quick              # 10 s, 8 clients (the test suite's run)
    .venv/bin/python benchmarks/load.py --data release/ --duration 120 --clients 32 --json

The server is the project's app under gunicorn, started as ``sccon-ld serve`` starts it
(benchmarks/servers.py), over ``--data`` (a releases folder) or, without it, a release built
from data/documents into a temporary folder. For a fixed duration, ``--clients`` threads each
loop over a fixed mix (seeded): entity dereferences (``/id/`` 303 and ``/doc/`` documents), small
SPARQL queries and dump downloads (index and files); one more client only sends a query that
never finishes on its own, so the server must stop it (``[sparql] query_timeout``, 503). Against a
server on 127.0.0.1 each client connects from its own loopback address (cheap clients 127.0.0.10+,
the runaway client 127.0.0.2), so the server's per-client SPARQL share sees distinct clients.

Printed: counts per request kind and status, dropped connections (connection errors and
timeouts of the client), requests/s, and p50/p99 latency of the cheap requests. The client
threads share the machine with the server: latencies include client-side Python overhead.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from servers import ROOT, project_server, session_from  # noqa: E402

from sccon_ld import settings  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n0 ?o }"
CHEAP_QUERIES = [
    "SELECT ?s ?label { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 20",
    "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "ASK { ?s a <https://schema.org/Event> }",
    "SELECT ?type (COUNT(?s) AS ?n) { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n) LIMIT 10",
]
ENTITY_QUERY = "SELECT DISTINCT ?s { ?s ?p ?o FILTER(STRSTARTS(STR(?s), '{base}id/') && !CONTAINS(STR(?s), '#')) }"
CLIENT_TIMEOUT = 60.0


@dataclass
class Tally:
    """What every client saw, merged under a lock."""

    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    dropped: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, status: int | None, seconds: float, why: str = "") -> None:
        with self.lock:
            if status is None:
                self.dropped[f"{kind}: {why}"] += 1
            else:
                self.statuses[kind][status] += 1
                self.latencies[kind].append(seconds)


def timed(tally: Tally, kind: str, call: Callable[[], requests.Response]) -> None:
    start = time.perf_counter()
    try:
        r = call()
        r.content  # noqa: B018 - read the whole body: a download counts until its last byte
    except requests.RequestException as e:
        tally.record(kind, None, time.perf_counter() - start, type(e).__name__)
        return
    tally.record(kind, r.status_code, time.perf_counter() - start)


def client_address(url: str, n: int) -> str | None:
    """Client ``n``'s own source address when the server is on 127.0.0.1 (each client is then a
    distinct client to the server's per-client SPARQL share), else the default."""
    return f"127.0.0.{10 + n}" if "//127.0.0.1:" in url else None


def cheap_client(url: str, entities: list[str], dumps: list[str], seed: int, until: float, tally: Tally,
                 address: str | None = None) -> None:
    """One client looping over the cheap mix until ``until`` (monotonic)."""
    rnd = random.Random(seed)
    session = session_from(address)
    accepts = ["text/turtle", "application/ld+json", "text/html", "application/n-triples"]
    while time.monotonic() < until:
        pick = rnd.random()
        path = rnd.choice(entities)
        if pick < 0.3:
            timed(tally, "doc", lambda p=path: session.get(f"{url}/doc/{p}", timeout=CLIENT_TIMEOUT,
                                                          headers={"Accept": rnd.choice(accepts)}))
        elif pick < 0.5:
            timed(tally, "id-303", lambda p=path: session.get(f"{url}/id/{p}", allow_redirects=False,
                                                             timeout=CLIENT_TIMEOUT))
        elif pick < 0.8:
            query = rnd.choice(CHEAP_QUERIES)
            timed(tally, "sparql", lambda q=query: session.get(f"{url}/sparql", params={"query": q},
                                                              timeout=CLIENT_TIMEOUT))
        elif pick < 0.9:
            timed(tally, "dump-index", lambda: session.get(f"{url}/dumps/", timeout=CLIENT_TIMEOUT))
        else:
            name = rnd.choice(dumps)
            timed(tally, "dump-file", lambda n=name: session.get(f"{url}/dumps/latest/{n}", timeout=CLIENT_TIMEOUT))


def runaway_client(url: str, until: float, tally: Tally, address: str | None = None) -> None:
    session = session_from(address)
    while time.monotonic() < until:
        timed(tally, "runaway", lambda: session.get(f"{url}/sparql", params={"query": RUNAWAY},
                                                    timeout=CLIENT_TIMEOUT))


def targets(url: str) -> tuple[list[str], list[str]]:
    """Entity paths (``kind/slug``) and latest dump names offered by the server."""
    base = settings.get().base
    r = requests.get(f"{url}/sparql", params={"query": ENTITY_QUERY.replace("{base}", base)},
                     headers={"Accept": "application/sparql-results+json"}, timeout=60)
    r.raise_for_status()
    entities = sorted(b["s"]["value"][len(base) + 3:] for b in r.json()["results"]["bindings"])
    listing = requests.get(f"{url}/dumps/", timeout=30).json()
    dumps = sorted({f["latest_url"].rsplit("/", 1)[1] for f in listing["files"]})
    if not entities or not dumps:
        raise SystemExit("the release has no entities or no dumps to request")
    return entities, dumps


def run(url: str, duration: float, clients: int, seed: int = 1) -> dict:
    """Drive the server at ``url``; the summary as a dict."""
    entities, dumps = targets(url)
    tally = Tally()
    until = time.monotonic() + duration
    threads = [threading.Thread(target=cheap_client, args=(url, entities, dumps, seed + i, until, tally,
                                                           client_address(url, i)))
               for i in range(clients)]
    runaway_address = "127.0.0.2" if client_address(url, 0) else None
    threads.append(threading.Thread(target=runaway_client, args=(url, until, tally, runaway_address)))
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + CLIENT_TIMEOUT + 30)
    elapsed = time.monotonic() - started
    cheap = [s for kind, values in tally.latencies.items() if kind != "runaway" for s in values]
    cheap_statuses = Counter()
    for kind, counts in tally.statuses.items():
        if kind != "runaway":
            cheap_statuses.update(counts)
    return {
        "duration_s": round(elapsed, 1),
        "clients": clients,
        "entities": len(entities),
        "statuses": {kind: dict(sorted(c.items())) for kind, c in sorted(tally.statuses.items())},
        "cheap_requests": len(cheap),
        "cheap_per_s": round(len(cheap) / elapsed, 1),
        "cheap_5xx": sum(n for status, n in cheap_statuses.items() if status >= 500),
        "dropped": dict(tally.dropped),
        "cheap_p50_ms": round(1000 * percentile(cheap, 50), 1),
        "cheap_p99_ms": round(1000 * percentile(cheap, 99), 1),
        "cheap_max_ms": round(1000 * max(cheap, default=0), 1),
        "per_kind_p99_ms": {kind: round(1000 * percentile(v, 99), 1)
                            for kind, v in sorted(tally.latencies.items())},
    }


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[min(98, max(0, int(p) - 1))]


def build_corpus(out: Path) -> None:
    subprocess.run([sys.executable, "-m", "sccon_ld.cli", "build", "--out", str(out)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="releases folder to serve (default: build data/documents into a temp folder)")
    ap.add_argument("--url", help="drive an already running server instead of starting one")
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2, help="gunicorn workers (as `sccon-ld serve`)")
    ap.add_argument("--query-timeout", type=float, help="override [sparql] query_timeout for the server")
    ap.add_argument("--quick", action="store_true", help="10 s, 8 clients, query_timeout 3 s")
    ap.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    args = ap.parse_args(argv)
    if args.quick:
        args.duration, args.clients = 10.0, 8
        args.query_timeout = args.query_timeout or 3.0
    if args.url:
        summary = run(args.url.rstrip("/"), args.duration, args.clients)
    else:
        with tempfile.TemporaryDirectory(prefix="sccon-load-") as tmp:
            data = Path(args.data) if args.data else Path(tmp) / "releases"
            if not args.data:
                build_corpus(data)
            if args.query_timeout:
                config = Path(tmp) / "load.toml"
                config.write_text(f"[sparql]\nquery_timeout = {args.query_timeout}\n", encoding="utf-8")
                os.environ["SCCON_LD_CONFIG"] = str(config)
            with project_server(data, workers=args.workers) as url:
                summary = run(url, args.duration, args.clients)
    if args.json:
        print(json.dumps(summary))
        return 0
    print(f"load: {summary['clients']} cheap clients + 1 runaway client for {summary['duration_s']} s, "
          f"{summary['entities']} entities")
    for kind, counts in summary["statuses"].items():
        print(f"  {kind:11} " + "  ".join(f"{status}: {n}" for status, n in counts.items()))
    print(f"  dropped connections: {sum(summary['dropped'].values())} {summary['dropped'] or ''}")
    print(f"figure cheap_requests_per_s: {summary['cheap_per_s']}")
    print(f"figure cheap_5xx: {summary['cheap_5xx']}")
    print(f"figure cheap_p50_ms: {summary['cheap_p50_ms']}  cheap_p99_ms: {summary['cheap_p99_ms']}  "
          f"max: {summary['cheap_max_ms']}")
    print("  p99 per kind (ms): " + ", ".join(f"{k} {v}" for k, v in summary["per_kind_p99_ms"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run SPARQL queries in worker processes, so a runaway query can really be stopped.

A Python thread cannot be killed, and pyoxigraph does not give the GIL-free evaluation a
cancel hook, so every query runs in a separate process that opens the release store
read-only (``pyoxigraph.Store.read_only``). The parent waits at most ``timeout`` seconds for
the answer; on timeout it kills that process and starts a fresh one. A semaphore caps the
queries running at once: more wait ``queue_wait`` seconds, then are turned away, so one
client's runaway query never blocks everybody else (the other workers stay free).

The worker serialises the result itself (only bytes cross the pipe) and enforces the row
cap: a result with more than ``max_rows`` solutions (SELECT) or triples (CONSTRUCT/DESCRIBE)
is refused with a message rather than cut short silently.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from .. import formats as F
from ..vocab import RESULTS
from .dataset import SERVICE_DATASET, QueryDataset, evaluate
from .fair_share import ClientBusy, FairShare

# Media types the worker can write, by query form (results: the writer's short name).
RESULT_FORMATS = {f.media_type: f.names[0] for f in F.RESULT_FORMATS}
BOOLEAN_FORMATS = tuple(f.media_type for f in F.RESULT_FORMATS if F.Carries.BOOLEAN in f.carries)
GRAPH_FORMATS = {f.media_type: f.ox_format for f in F.GRAPH_SYNTAXES}


class QueryError(Exception):
    """A query that could not be answered; ``status`` is the HTTP status to send."""

    def __init__(self, status: int, message: str):
        super().__init__(status, message)  # both in args, so it survives pickling
        self.status = status
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Job:
    """What a worker needs: the query, its dataset, and the formats the client takes."""

    store_dir: str
    query: str
    dataset: QueryDataset = SERVICE_DATASET  # resolved once per request (store.dataset.resolve)
    # Media types the client takes, best first; the worker writes the first its query form allows.
    result_types: tuple[str, ...] = (F.SPARQL_JSON.media_type,)
    graph_types: tuple[str, ...] = (F.TURTLE.media_type,)
    max_rows: int = 10_000
    prefixes: dict[str, str] = field(default_factory=dict)
    base_iri: str | None = None  # relative IRIs in the query resolve against it (the endpoint URL)


@dataclass(frozen=True)
class Answer:
    """A serialised result: ``form`` is ``select``, ``ask`` or ``graph``."""

    form: str
    media_type: str
    body: bytes


# ---------------------------------------------------------------- serialisers (worker side)


class _RowCap(io.BytesIO):
    """Collects SPARQL TSV results and stops the writer once they hold more than ``max_rows`` rows
    (one line per row after the header: TSV escapes line breaks inside terms)."""

    def __init__(self, max_rows: int):
        super().__init__()
        self.lines_left = max_rows + 1

    def write(self, data) -> int:
        self.lines_left -= bytes(data).count(b"\n")
        if self.lines_left < 0:
            raise _RowsExceeded
        return super().write(data)


class _RowsExceeded(Exception):
    pass


TSV = ox.QueryResultsFormat.TSV


def write_solutions_natively(solutions: ox.QuerySolutions, media_type: str, max_rows: int) -> bytes:
    """Solutions in ``media_type`` by Oxigraph's own writers (about 3x faster than writing them here
    for large results): first as TSV through a row cap, then, unless TSV was asked for, parsed
    back and written in the format asked for. More than ``max_rows`` rows is refused, never cut."""
    capped = _RowCap(max_rows)
    try:
        solutions.serialize(capped, TSV)
    except _RowsExceeded:
        raise _too_many(max_rows, "rows") from None
    wanted = ox.QueryResultsFormat.from_media_type(media_type)
    if wanted == TSV:
        return capped.getvalue()
    out = io.BytesIO()
    ox.parse_query_results(capped.getvalue(), TSV).serialize(out, wanted)
    return out.getvalue()


def write_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="' + RESULTS + '">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    return json.dumps({"head": {}, "boolean": value}).encode()


def _first(wanted: tuple[str, ...], able) -> str | None:
    """The first media type in the client's order that this query form can be written in."""
    return next((t for t in wanted if t in able), None)


def _too_many(max_rows: int, what: str) -> QueryError:
    return QueryError(
        400,
        f"The result has more than {max_rows} {what} (max_result_rows). Add LIMIT/OFFSET to page "
        "through it, or download a dump from /dumps/.",
    )


def execute(store, job: Job) -> Answer:
    """Evaluate ``job`` on ``store`` (an Oxigraph store in a worker, or a GraphStore or RemoteGraphStore)
    over the job's dataset, and serialise the answer."""
    try:
        if isinstance(store, ox.Store):
            result = evaluate(store, job.query, job.dataset, prefixes=job.prefixes, base_iri=job.base_iri)
        else:  # GraphStore, RemoteGraphStore
            result = store.query(job.query, job.dataset, prefixes=job.prefixes, base_iri=job.base_iri)
    except SyntaxError as e:
        raise QueryError(400, f"SPARQL syntax error: {e}") from None
    if isinstance(result, ox.QueryBoolean):
        media_type = _first(job.result_types, BOOLEAN_FORMATS)
        if media_type is None:
            raise QueryError(406, "ASK results are offered as SPARQL JSON or XML results.")
        return Answer("ask", media_type, write_boolean(bool(result), RESULT_FORMATS[media_type]))
    if isinstance(result, ox.QuerySolutions):
        media_type = _first(job.result_types, RESULT_FORMATS)
        if media_type is None:
            raise QueryError(406, "SELECT results are offered as " + ", ".join(RESULT_FORMATS) + ".")
        return Answer("select", media_type, write_solutions_natively(result, media_type, job.max_rows))
    media_type = _first(job.graph_types, GRAPH_FORMATS)
    if media_type is None:
        raise QueryError(406, "CONSTRUCT/DESCRIBE results are offered as " + ", ".join(GRAPH_FORMATS) + ".")
    rdf_format = GRAPH_FORMATS[media_type]
    triples = list(islice(result, job.max_rows + 1))
    if len(triples) > job.max_rows:
        raise _too_many(job.max_rows, "triples")
    prefixes = job.prefixes if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    body = ox.serialize(triples, format=rdf_format, prefixes=prefixes or None)
    return Answer("graph", media_type, body)


def _worker_main(conn: Connection) -> None:
    """Worker loop: receive a Job, send back an Answer or a QueryError, until None arrives."""
    stores: dict[str, ox.Store] = {}
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            if job.store_dir not in stores:
                stores.clear()  # a new release: drop the old store
                stores[job.store_dir] = ox.Store.read_only(job.store_dir)
            reply: Answer | QueryError = execute(stores[job.store_dir], job)
        except QueryError as e:
            reply = e
        except Exception as e:  # noqa: BLE001 - reported to the client, never a crash
            reply = QueryError(500, f"query failed: {type(e).__name__}: {e}")
        conn.send(reply)


# ---------------------------------------------------------------- the pool (server side)

def serve_fd(fd: int) -> None:
    """Entry point of a worker process: answer jobs on the socket inherited as ``fd``."""
    _worker_main(Connection(fd))


# A fresh interpreter that imports only this module: unlike multiprocessing's spawn it does
# not re-run the parent's __main__, so any script (or REPL) can host the pool safely.
_WORKER_CODE = "import sys; from sccon_ld.store.query_runner import serve_fd; serve_fd(int(sys.argv[1]))"
_PROJECT_ROOT = Path(__file__).resolve().parents[2]


class _Worker:
    """One worker process and the parent's end of the socket pair it listens on."""

    def __init__(self) -> None:
        parent, child = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_PROJECT_ROOT), env.get("PYTHONPATH")) if p)
        with child:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _WORKER_CODE, str(child.fileno())],
                pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL, env=env, close_fds=True,
            )
        self.conn = Connection(parent.detach())

    def alive(self) -> bool:
        return self.process.poll() is None

    def ask(self, job: Job, timeout: float) -> Answer:
        self.conn.send(job)
        if not self.conn.poll(timeout):
            raise TimeoutError
        reply = self.conn.recv()
        if isinstance(reply, QueryError):
            raise reply
        return reply

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        try:
            self.process.wait(2)
        except subprocess.TimeoutExpired:
            self.kill()


class QueryPool:
    """At most ``size`` queries at once, each in its own killable worker process."""

    def __init__(self, size: int, timeout: float, queue_wait: float = 2.0, per_client: int | None = None,
                 waiting_per_client: int = 0):
        self.size = max(1, int(size))
        self.timeout = float(timeout)
        self.queue_wait = float(queue_wait)
        self.share = FairShare(per_client or self.size, waiting_per_client)
        self._slots = threading.BoundedSemaphore(self.size)
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self.killed = 0  # workers killed on timeout (for tests and monitoring)
        atexit.register(self.close)

    def _take(self) -> _Worker:
        try:
            worker = self._idle.get_nowait()
            if worker.alive():
                return worker
            self._forget(worker)
        except queue.Empty:
            pass
        worker = _Worker()
        with self._lock:
            self._all.add(worker)
        return worker

    def _forget(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)

    def run(self, job: Job, client: str = "") -> Answer:
        """The answer to ``job``; QueryError 503 when ``client`` has its share running, when every
        slot stays busy, or when the query is too slow."""
        deadline = time.monotonic() + self.queue_wait
        try:
            with self.share.admit(client, self.queue_wait):
                return self._run(job, max(0.0, deadline - time.monotonic()))
        except ClientBusy as e:
            raise QueryError(
                503, f"You have {e.running} queries running (at most {self.share.per_client} per client, "
                     "sparql.max_queries_per_client); try again when one has finished.") from None

    def _run(self, job: Job, wait: float) -> Answer:
        if not self._slots.acquire(timeout=wait):
            raise QueryError(503, f"All {self.size} query slots are busy; try again in a moment.")
        try:
            worker = self._take()
            try:
                answer = worker.ask(job, self.timeout)
            except TimeoutError:
                worker.kill()
                self._forget(worker)
                self.killed += 1
                self._idle.put(self._take())  # start the replacement now, not on the next query
                raise QueryError(
                    503, f"The query took longer than {self.timeout:g} s (query_timeout) and was stopped."
                ) from None
            except (EOFError, OSError, BrokenPipeError):
                worker.kill()
                self._forget(worker)
                raise QueryError(500, "The query worker died; the query was not answered.") from None
            except QueryError:
                self._idle.put(worker)
                raise
            self._idle.put(worker)
            return answer
        finally:
            self._slots.release()

    def close(self) -> None:
        """Stop every worker (called at exit)."""
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()


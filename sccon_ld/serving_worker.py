"""The gunicorn worker ``sccon-ld serve`` runs: gthread, plus three things gunicorn does not offer.

- Errors gunicorn answers itself, before the app sees the request (request line or headers too
  large, malformed requests), are written as the project's problem details
  (``formats.PROBLEM_JSON``, ``web/errors.py``) instead of gunicorn's HTML page.
- The request line may be as long as ``server.max_request_line_bytes`` (gunicorn caps
  ``limit_request_line`` at 8190 bytes, too short for a GET query of ``sparql.max_query_chars``).
- A connection that stays silent for ``server.read_timeout`` seconds while its request is read or
  its answer written is closed (gunicorn's gthread threads otherwise block on it forever: slowloris).

This leans on gunicorn internals (``util.write_error``, ``http.message.MAX_REQUEST_LINE``,
``gthread.TConn``); ``pyproject.toml`` pins the gunicorn major version it was written against, and
``tests/test_public_internet.py`` checks each point against a real gunicorn.
"""

from __future__ import annotations

import errno

from gunicorn import util
from gunicorn.http import message
from gunicorn.workers import gthread

from . import formats as F
from . import settings
from .web.errors import problem_bytes

_SERVER = settings.get().server
READ_TIMEOUT = float(_SERVER["read_timeout"])
REQUEST_LINE_BYTES = int(_SERVER["max_request_line_bytes"])

# What the client is told, by status, when gunicorn refuses a request (gunicorn's own text otherwise).
_DETAILS = {
    414: f"The request line is longer than {REQUEST_LINE_BYTES} bytes (server.max_request_line_bytes); "
         "send long SPARQL queries by POST.",
    431: "The request header fields are too large (at most 8190 bytes per field, 100 fields).",
}


def write_problem(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's ``util.write_error``, writing problem details instead of an HTML page."""
    body = problem_bytes(status_int, _DETAILS.get(status_int) or mesg or reason)
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
            f"Content-Type: {F.PROBLEM_JSON.content_type}\r\nContent-Length: {len(body)}\r\n"
            "Access-Control-Allow-Origin: *\r\nCache-Control: no-store\r\n\r\n")
    util.write_nonblock(sock, head.encode("latin-1") + body)


util.write_error = write_problem
message.MAX_REQUEST_LINE = max(message.MAX_REQUEST_LINE, REQUEST_LINE_BYTES)


class _TimedConn(gthread.TConn):
    """A connection whose blocking reads and writes give up after ``READ_TIMEOUT`` seconds of silence
    (``init`` runs before every request on it, after gunicorn made the socket blocking again)."""

    def init(self) -> None:
        super().init()
        self.sock.settimeout(READ_TIMEOUT)


class Worker(gthread.ThreadWorker):
    """gthread with :class:`_TimedConn` connections."""

    def accept(self, listener) -> None:
        try:
            client_sock, client_addr = listener.accept()
            self.nr_conns += 1
            client_sock.setblocking(True)
            self.enqueue_req(_TimedConn(self.cfg, client_sock, client_addr, listener.getsockname()))
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise

"""Per-client admission to the query pool: one client's runaway queries cannot take every slot.

Each client (its address, or the forwarded one behind a trusted proxy, see ``web/proxies.py``)
may have ``per_client`` queries running; up to ``max_waiting`` more wait for one of them to finish,
at most ``wait`` seconds; anything beyond is refused at once. Refusals are 503 for that client only:
the other clients' queries never wait behind it. The count is per server process (one pool each).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Iterator


class ClientBusy(Exception):
    """This client has its share of queries running (``waited``: seconds spent waiting for it)."""

    def __init__(self, running: int, waited: float):
        super().__init__(running, waited)
        self.running = running
        self.waited = waited


class FairShare:
    """Counts running and waiting queries per client under one condition variable."""

    def __init__(self, per_client: int, max_waiting: int):
        self.per_client = max(1, int(per_client))
        self.max_waiting = max(0, int(max_waiting))
        self._changed = threading.Condition()
        self._running: Counter[str] = Counter()
        self._waiting: Counter[str] = Counter()

    def running(self, client: str) -> int:
        with self._changed:
            return self._running[client]

    @contextlib.contextmanager
    def admit(self, client: str, wait: float) -> Iterator[None]:
        """Run the body as one of ``client``'s queries, waiting up to ``wait`` s for its turn."""
        start = time.monotonic()
        with self._changed:
            if self._running[client] >= self.per_client:
                if self._waiting[client] >= self.max_waiting:
                    raise ClientBusy(self._running[client], 0.0)
                self._waiting[client] += 1
                try:
                    turn = self._changed.wait_for(lambda: self._running[client] < self.per_client, timeout=wait)
                finally:
                    self._waiting[client] -= 1
                    if not self._waiting[client]:
                        del self._waiting[client]
                if not turn:
                    raise ClientBusy(self._running[client], time.monotonic() - start)
            self._running[client] += 1
        try:
            yield
        finally:
            with self._changed:
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]
                self._changed.notify_all()

"""A real Virtuoso (Debian's ``virtuoso-opensource``, installed by ``make virtuoso``) on loopback, for tests.

A fresh database in a folder of the test's own, both ports (SQL and HTTP) free ones on 127.0.0.1,
waits bounded in time; the SPARQL endpoint user is granted SPARQL Update (Virtuoso's endpoint is
read-only by default), so ``sccon-ld load --store URL`` fills it through the endpoint itself.
Stopped by signalling exactly the process group it started.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.servers import free_port, wait_until_up  # noqa: E402

START_SECONDS = 120.0  # a first start creates the database (about 15 s on an idle machine)

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


@dataclass(frozen=True)
class VirtuosoServer:
    url: str

    @property
    def query_url(self) -> str:
        """Virtuoso answers queries and updates at the same URL."""
        return f"{self.url}/sparql"


def _isql(sql_port: int, statement: str) -> None:
    subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statement}"],
                   check=True, capture_output=True, timeout=60)


@contextlib.contextmanager
def virtuoso_server(folder: Path) -> Iterator[VirtuosoServer]:
    """Virtuoso over a new database in ``folder``, on free loopback ports."""
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError("virtuoso-t is not installed (make virtuoso)")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(dir=folder.resolve(), sql_port=sql_port, http_port=http_port), encoding="utf-8")
    with (folder / "stdout.log").open("wb") as log:
        proc = subprocess.Popen([binary, "+configfile", str(ini), "+foreground"], cwd=folder, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until_up(f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D", proc, timeout=START_SECONDS)
            _isql(sql_port, 'GRANT SPARQL_UPDATE TO "SPARQL";')
            yield VirtuosoServer(f"http://127.0.0.1:{http_port}")
        finally:
            _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 15)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            time.sleep(0)

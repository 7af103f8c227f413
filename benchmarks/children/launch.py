"""Spawn ``argv[2:]``, wait, write ``"<peak RSS KiB> <seconds>"`` to ``argv[1]``, exit with its status.

Run as ``python -I -S launch.py FIGURES CMD...``: a tiny process (no site, no project imports) whose
``os.wait4`` reports the peak resident set of the child alone. A child spawned straight from the
benchmark would inherit the benchmark's own high-water mark; this launcher's floor is about 10 MB.
"""

import os
import sys
import time


def main(argv: list[str]) -> int:
    figures, cmd = argv[0], argv[1:]
    start = time.perf_counter()
    pid = os.posix_spawnp(cmd[0], cmd, os.environ)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    with open(figures, "w") as out:
        out.write(f"{usage.ru_maxrss} {seconds}")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

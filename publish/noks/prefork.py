"""Worker processes for `noks serve`: `run(processes, work)` forks `processes` children that each
run `work()` (a server on a listening socket they share), replaces a child that exits (one that
retired after a query over the time limit, or crashed), and stops them all when interrupted or
terminated. POSIX only (fork); the parent holds no threads and no graph when it forks.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable

from noks.parallel import fork_process

QUICK_EXIT = 1.0  # seconds: a child that exits sooner after starting is replaced only after this pause


def run(processes: int, work: Callable[[], None]) -> None:
    """Keep `processes` children running `work()` until interrupted (Ctrl-C) or terminated."""
    children: dict[int, float] = {}  # pid -> start time

    def start() -> None:
        pid = fork_process()
        if pid == 0:
            os._exit(_child(work))
        children[pid] = time.monotonic()

    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        for _ in range(max(1, processes)):
            start()
        while True:
            pid, _ = os.wait()
            started = children.pop(pid, None)
            if started is not None:
                if time.monotonic() - started < QUICK_EXIT:
                    time.sleep(QUICK_EXIT)
                start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for pid in children:
            _kill(pid)
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def _child(work: Callable[[], None]) -> int:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    try:
        work()
    except KeyboardInterrupt:
        return 0
    except BaseException:  # noqa: BLE001 (a child reports and exits; the parent replaces it)
        traceback.print_exc()
        sys.stderr.flush()
        return 1
    return 0


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


def _die_with_parent() -> None:
    """On Linux, the child gets SIGTERM when the parent dies, even by SIGKILL (prctl PR_SET_PDEATHSIG)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
        except (OSError, AttributeError):
            pass

"""A watchdog for work that may run too long: `watch(seconds, on_overtime)` around a block, and one
thread calls `on_overtime()` if the block is still running when its time is up.

It cannot stop the block (a pyoxigraph query cannot be interrupted): the callback answers for it
and retires the process that runs it (see serve.Request.retire). The thread looks every
`TICK` seconds, so a time limit is kept to within that; watching costs no wake-up.
"""

from __future__ import annotations

import itertools
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager

TICK = 0.1  # seconds between looks


class Watchdog:
    def __init__(self, tick: float = TICK) -> None:
        self.tick = tick
        self._watched: dict[int, tuple[float, Callable[[], None]]] = {}
        self._keys = itertools.count()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @contextmanager
    def watch(self, seconds: float, on_overtime: Callable[[], None]) -> Iterator[None]:
        """Call `on_overtime()` (from the watchdog's thread) if the block runs longer than `seconds`."""
        key = next(self._keys)
        with self._lock:
            self._watched[key] = (time.monotonic() + seconds, on_overtime)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="watchdog", daemon=True)
                self._thread.start()
        try:
            yield
        finally:
            with self._lock:
                self._watched.pop(key, None)

    def _run(self) -> None:
        while True:
            time.sleep(self.tick)
            now = time.monotonic()
            with self._lock:
                due = [key for key, (deadline, _) in self._watched.items() if deadline <= now]
                callbacks = [self._watched.pop(key)[1] for key in due]
            for callback in callbacks:
                try:
                    callback()
                except Exception:  # noqa: BLE001 (the watchdog keeps watching the others)
                    traceback.print_exc()

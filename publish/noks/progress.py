"""A progress display for long steps: one line per stage on a terminal, rewritten in place with counts;
nothing at all when the output is not a terminal (CI logs, pipes, tests)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._stage = ""
        self._started = 0.0
        self._shown = 0.0
        self.count = 0

    @contextmanager
    def stage(self, name: str) -> Iterator[Progress]:
        """Time a stage; `advance()` inside it updates its count."""
        self._stage, self._started, self.count = name, time.perf_counter(), 0
        self._show(force=True)
        yield self
        self._show(force=True, end="\n")

    def advance(self, n: int = 1) -> None:
        self.count += n
        self._show()

    def _show(self, force: bool = False, end: str = "") -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not force and now - self._shown < 0.1:
            return
        self._shown = now
        counted = f" {self.count:,}" if self.count else ""
        self.stream.write(f"\r\033[K{self._stage:<22}{counted:>10}  {now - self._started:6.1f} s{end}")
        self.stream.flush()


QUIET = Progress(enabled=False)

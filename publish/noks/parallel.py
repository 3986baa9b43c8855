"""Run a stage in a forked child process, over the same graph in memory (copy-on-write), while the
parent goes on with other stages: the build's way of using every core. The child's return value
(or its exception) comes back through a pipe, pickled."""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

from noks.errors import NoksError, Problem

T = TypeVar("T")


class Forked(Generic[T]):
    def __init__(self, work: Callable[[], T]) -> None:
        self._value: tuple[str, object] | None = None
        if not hasattr(os, "fork"):  # no fork (Windows): run it here and now
            self._value = _run(work)
            self._pid = 0
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: work, send, leave without running the parent's exit handlers
            os.close(read)
            status = 0
            try:
                with os.fdopen(write, "wb") as pipe:
                    pickle.dump(_run(work), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T:
        """Wait for the child; its value, or its error raised here."""
        if self._value is None:
            with os.fdopen(self._read, "rb") as pipe:
                data = pipe.read()
            os.waitpid(self._pid, 0)
            self._value = pickle.loads(data) if data else ("crash", "the stage's process ended without an answer")
        kind, value = self._value
        if kind == "ok":
            return value  # type: ignore[return-value]
        if kind == "error" and isinstance(value, BaseException):
            raise value
        raise NoksError(Problem(f"a build stage failed in its process: {value}", hint="run the build again"))


def _run(work: Callable[[], T]) -> tuple[str, object]:
    try:
        return ("ok", work())
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, raised there
        try:
            pickle.dumps(exc)
            return ("error", exc)
        except Exception:  # noqa: BLE001 - an exception that cannot travel: send its text
            return ("text", "".join(traceback.format_exception(exc)))


def fork(work: Callable[[], T]) -> Forked[T]:
    return Forked(work)

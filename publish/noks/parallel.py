"""Pages rendered on every core. Once the index is built, `render_shares` forks one worker per extra
core; the workers inherit the index and the compiled templates (copy-on-write: nothing is pickled on
the way in). The items are cut into a few pieces per process, in order; each process (the parent too)
takes the next piece not yet taken until none is left, so a slow process or a heavy piece holds no
one up. The parent merges the pieces in order: the result, keys and bytes and order, is that of a
serial run. With `into` (the build's `SiteWriter`), each process writes the pages it renders into the
site folder itself, and only their paths (and the search records taken of them) come back. Where fork
is missing, with one core, or for a few items, it simply runs serially.

`NOKS_WORKERS` sets the number of processes (1 turns parallel rendering off).

`Standby()` forks a child early, while the parent is small, and `start` gives it its work later (the
build's validation, and its RDF documents while the pages are rendered); its value or its exception
comes back pickled.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized
from typing import Any, Generic, NoReturn, TypeVar

from noks import reuse
from noks.errors import NoksError, Problem
from noks.progress import QUIET
from noks.site_writer import SiteWriter

T = TypeVar("T")
MIN_SHARE = 64  # fewer items than this per process are not worth a fork
PIECES_PER_PROCESS = 8


def workers() -> int:
    """How many processes render: `NOKS_WORKERS`, else the cores this process may run on."""
    setting = os.environ.get("NOKS_WORKERS", "").strip()
    if setting:
        if not setting.isdigit() or int(setting) < 1:
            raise NoksError(Problem(f"NOKS_WORKERS={setting!r} is not a whole number of at least 1"))
        return int(setting)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def shares(items: Sequence[T], count: int) -> list[Sequence[T]]:
    """`items` cut into `count` contiguous shares of (nearly) equal size, in order."""
    size, extra = divmod(len(items), count)
    bounds = [0]
    for number in range(count):
        bounds.append(bounds[-1] + size + (1 if number < extra else 0))
    return [items[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]


def render_shares(
    items: Sequence[T],
    work: Callable[[Sequence[T]], dict[str, Any]],
    min_share: int | None = None,
    into: SiteWriter | None = None,
) -> dict[str, Any]:
    """`work(items)`, computed piece by piece on every core; the same dict, in the same order, as a serial call.

    `min_share`: the fewest items worth a process (default `MIN_SHARE`; 1 for a few heavy items).
    `into`: write each page there from the process that rendered it (nothing travels back but the paths,
    which `into` counts as written), and return nothing ({})."""
    if into is not None:
        write_shares(items, work, into, min_share)
        return {}
    min_share = MIN_SHARE if min_share is None else min_share
    count = min(workers(), len(items) // min_share)
    forkable = "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon
    if count <= 1 or not forkable:
        return work(items)
    pieces = shares(items, max(count, min(count * PIECES_PER_PROCESS, len(items) // min_share)))
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)  # the number of pieces taken so far, shared, with its lock
    frozen = gc.get_freeze_count() > 0  # by the build, for as long as it runs: left so
    gc.freeze()  # the workers' garbage collector leaves the shared objects (and their pages) alone
    running = []
    try:
        for _ in range(count - 1):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(work, pieces, taken, send), daemon=True)
            process.start()
            send.close()
            running.append((process, receive))
    finally:
        if not frozen:
            gc.unfreeze()
    try:
        done = _take(work, pieces, taken)
        for process, receive in running:
            done.update(_result(receive))
            process.join()
    finally:
        for process, receive in running:
            receive.close()
            if process.is_alive():
                process.kill()
                process.join()
    out: dict[str, bytes] = {}
    for number in range(len(pieces)):
        out.update(done[number])
    return out


def write_shares(
    items: Sequence[T], work: Callable[[Sequence[T]], dict[str, bytes]], into: SiteWriter, min_share: int | None = None
) -> None:
    """`work(items)` computed piece by piece on every core, each page written into `into`'s folder by the
    process that rendered it (nothing travels back but the paths, which `into` then counts as written, and
    the search records taken of the pages)."""
    parent = os.getpid()

    def render_and_write(share: Sequence[T]) -> dict[str, Any]:
        pages = work(share)
        if os.getpid() != parent:
            into.progress = QUIET  # a worker's copy: the parent counts its pages
        # each page's search record, and what it read of the graph (`reuse`)
        return {path: (into.write(path, content), reuse.noted(path)) for path, content in pages.items()}

    written = render_shares(items, render_and_write, min_share)
    for path, (_, read) in written.items():
        reuse.note(path, read)
    new = [path for path in written if path not in into]
    into.adopt(new, {path: record for path, (record, _) in written.items()})
    into.progress.advance(len(new))


def _take(
    work: Callable[[Sequence[T]], dict[str, bytes]], pieces: list[Sequence[T]], taken: Synchronized
) -> dict[int, dict[str, bytes]]:
    """Render the next piece nobody has taken, until none is left: {piece number: its pages}."""
    done: dict[int, dict[str, bytes]] = {}
    while True:
        with taken.get_lock():
            number = taken.value
            taken.value = number + 1
        if number >= len(pieces):
            return done
        done[number] = work(pieces[number])


def _worker(
    work: Callable[[Sequence[T]], dict[str, bytes]], pieces: list[Sequence[T]], taken: Synchronized, send: Connection
) -> None:
    try:
        result: tuple[str, object] = ("ok", _take(work, pieces, taken))
    except NoksError as exc:  # raised again in the parent, with its problems
        result = ("problems", exc.problems)
    except BaseException:
        result = ("failed", traceback.format_exc())
    send.send(result)
    send.close()


def _result(receive: Connection) -> dict[int, dict[str, bytes]]:
    try:
        kind, value = receive.recv()
    except EOFError as exc:
        raise NoksError(Problem("a page-rendering worker process died", hint="try NOKS_WORKERS=1")) from exc
    if kind == "problems":
        raise NoksError(value)  # type: ignore[arg-type]
    if kind == "failed":
        raise RuntimeError(f"a page-rendering worker failed:\n{value}")
    return value  # type: ignore[return-value]


class Forked(Generic[T]):
    """The answer of a child process (`fork`, `Standby.start`): read by a thread as the child writes it, so
    a child whose answer outgrows the pipe's buffer can end (and free its memory) before it is asked for."""

    def __init__(self, pid: int, read: int, value: tuple[str, object] | None = None) -> None:
        self._pid, self._data, self._value = pid, b"", value
        if value is None:
            self._reader = threading.Thread(target=self._receive, args=(read,), daemon=True)
            self._reader.start()

    def _receive(self, read: int) -> None:
        with os.fdopen(read, "rb") as pipe:
            self._data = pipe.read()
        os.waitpid(self._pid, 0)

    def done(self) -> bool:
        """Whether the child has answered (and ended): `result()` will not wait."""
        return self._value is not None or not self._reader.is_alive()

    def wait(self) -> None:
        """Wait until the child has answered (and ended), without taking its answer."""
        if self._value is None:
            self._reader.join()

    def result(self) -> T:
        """Wait for the child; its value, or its error raised here."""
        if self._value is None:
            self._reader.join()
            data = self._data
            self._value = pickle.loads(data) if data else ("crash", "the stage's process ended without an answer")
        kind, value = self._value
        if kind == "ok":
            return value  # type: ignore[return-value]
        if kind == "error" and isinstance(value, BaseException):
            raise value
        if kind == "problems":
            raise NoksError(value)  # type: ignore[arg-type]
        raise NoksError(Problem(f"a build stage failed in its process: {value}", hint="run the build again"))


_HELD: set[int] = set()  # the ends through which this process sends their work to its standby children


class Standby:
    """A child forked now, while this process is still small (before the graph is made), that waits for one
    piece of work. A child forked from a large process shares its memory pages, and every page either of
    them writes afterwards (a reference count is enough) is copied: the validation, forked once the graph
    was made, so held about 190 MB that it never used (10,000 qualifications, measured). `start(function,
    *args)` sends it the work, pickled (a module-level function and its arguments); `close()` ends a child
    that was given none. Where there is no fork, the work runs here, when started."""

    def __init__(self) -> None:
        self._pid, self._send, self._answer = 0, -1, -1
        if not hasattr(os, "fork"):
            return
        work_read, work_write = os.pipe()
        answer_read, answer_write = os.pipe()
        pid = fork_process()
        if pid == 0:  # the child: wait for the work (none: the pipe is closed), do it, answer, leave
            os.close(work_write)
            os.close(answer_read)
            try:
                with os.fdopen(work_read, "rb") as pipe:
                    function, args = pickle.load(pipe)
            except BaseException:  # noqa: BLE001 - given no work: nothing to answer
                os._exit(0)
            _answer(answer_write, lambda: function(*args))
        os.close(work_read)
        os.close(answer_write)
        self._pid, self._send, self._answer = pid, work_write, answer_read
        _HELD.add(work_write)

    def start(self, function: Callable[..., T], *args: Any) -> Forked[T]:
        """Give the child its work; `.result()` of what is returned waits for its answer."""
        if not self._pid:
            return Forked(0, -1, _run(lambda: function(*args)))
        send, self._send = self._send, -1
        _HELD.discard(send)
        try:
            with os.fdopen(send, "wb") as pipe:
                pickle.dump((function, args), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        except BrokenPipeError:  # the child is gone: the answer says so
            pass
        return Forked(self._pid, self._answer)

    def close(self) -> None:
        """End the child if it was given no work (an error before it was needed)."""
        if self._send >= 0:
            _HELD.discard(self._send)
            os.close(self._send)
            self._send = -1
            os.close(self._answer)
            os.waitpid(self._pid, 0)


def _run(work: Callable[[], T]) -> tuple[str, object]:
    try:
        return ("ok", work())
    except NoksError as exc:  # raised again in the parent, with its problems
        return ("problems", exc.problems)
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, raised there
        try:
            pickle.loads(pickle.dumps(exc))  # one that cannot be made again there travels as text
            return ("error", exc)
        except Exception:  # noqa: BLE001 - an exception that cannot travel: send its text
            return ("text", "".join(traceback.format_exception(exc)))


def fork_process() -> int:
    """`os.fork()`, once what this process has buffered for its output is written (so a child that writes
    to it does not write that again). The child closes its copies of the ends through which the parent
    sends standby children their work: a copy held open would keep a standby given none waiting forever."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        for end in _HELD:
            os.close(end)
        _HELD.clear()
    return pid


def _answer(write: int, work: Callable[[], object]) -> NoReturn:
    """In a child: do the work, send its value or error through `write`, and leave without running the
    parent's exit handlers."""
    status = 0
    try:
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(_run(work), pipe, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - the parent reads no answer and says so
        status = 1
    finally:
        os._exit(status)

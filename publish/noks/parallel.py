"""Pages rendered on every core. Once the index is built, `render_shares` forks one worker per extra
core; the workers inherit the index and the compiled templates (copy-on-write, nothing is pickled on
the way in), each renders one contiguous share of the items, and the parent, which renders the first
share itself, merges the shares in order: the result, keys and bytes and order, is that of a serial
run. Where fork is missing, with one core, or for a few items, it simply runs serially.

`NOKS_WORKERS` sets the number of processes (1 turns parallel rendering off).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

from noks.errors import NoksError, Problem

T = TypeVar("T")
MIN_SHARE = 64  # fewer items than this per process are not worth a fork


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


def render_shares(items: Sequence[T], work: Callable[[Sequence[T]], dict[str, bytes]]) -> dict[str, bytes]:
    """`work(items)`, computed in shares on every core; the same dict, in the same order, as a serial call."""
    count = min(workers(), len(items) // MIN_SHARE)
    forkable = "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon
    if count <= 1 or not forkable:
        return work(items)
    first, *rest = shares(items, count)
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the workers' garbage collector leaves the shared objects (and their pages) alone
    running = []
    try:
        for share in rest:
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(work, share, send), daemon=True)
            process.start()
            send.close()
            running.append((process, receive))
    finally:
        gc.unfreeze()
    try:
        out = work(first)
        for process, receive in running:
            out.update(_result(receive))
            process.join()
    finally:
        for process, receive in running:
            receive.close()
            if process.is_alive():
                process.kill()
                process.join()
    return out


def _worker(work: Callable[[Sequence[T]], dict[str, bytes]], share: Sequence[T], send: Connection) -> None:
    try:
        result: tuple[str, object] = ("ok", work(share))
    except NoksError as exc:  # raised again in the parent, with its problems
        result = ("problems", exc.problems)
    except BaseException:
        result = ("failed", traceback.format_exc())
    send.send(result)
    send.close()


def _result(receive: Connection) -> dict[str, bytes]:
    try:
        kind, value = receive.recv()
    except EOFError as exc:
        raise NoksError(Problem("a page-rendering worker process died", hint="try NOKS_WORKERS=1")) from exc
    if kind == "problems":
        raise NoksError(value)  # type: ignore[arg-type]
    if kind == "failed":
        raise RuntimeError(f"a page-rendering worker failed:\n{value}")
    return value  # type: ignore[return-value]

"""watchdog: a block that runs past its time gets its callback called, once, from another thread."""

from __future__ import annotations

import threading
import time

from noks.watchdog import Watchdog


def test_overtime_is_called_for_a_block_that_runs_too_long() -> None:
    watchdog, calls = Watchdog(tick=0.01), []
    with watchdog.watch(0.05, lambda: calls.append(threading.current_thread().name)):
        time.sleep(0.3)
    assert calls == ["watchdog"]


def test_a_block_in_time_is_left_alone() -> None:
    watchdog, calls = Watchdog(tick=0.01), []
    with watchdog.watch(0.5, lambda: calls.append("late")):
        time.sleep(0.02)
    time.sleep(0.6)
    assert calls == []


def test_a_failing_callback_does_not_stop_the_watchdog() -> None:
    watchdog, calls = Watchdog(tick=0.01), []

    def fail() -> None:
        raise RuntimeError("callback failed")

    with watchdog.watch(0.02, fail):
        time.sleep(0.1)
    with watchdog.watch(0.02, lambda: calls.append("second")):
        time.sleep(0.1)
    assert calls == ["second"]

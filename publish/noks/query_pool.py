"""Run queries in worker processes, so that a query over the time limit can be stopped: the worker
is killed and replaced (a thread cannot be stopped, and pyoxigraph has no query timeout).

Each worker loads the graph once from the dump and answers jobs over a pipe with `task(graph, *args)`
(a module-level function, as the workers are spawned, not forked).
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from noks.query import Graph

STARTUP_SECONDS = 300.0  # loading a national register (millions of triples) takes a few seconds


class QueryFailed(Exception):
    """The query took too long, all workers stayed busy, or a worker died."""


def _work(conn: Connection, dump: str, base: str, task: Callable[..., Any]) -> None:
    store = ox.Store()
    store.bulk_load(path=dump, format=ox.RdfFormat.TURTLE)
    graph = Graph(store, base, dump)
    conn.send("ready")
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(task(graph, *args))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection

    def stop(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.join(5)


class QueryPool:
    """`workers` processes holding the graph of `dump`; `run` gives each job at most `timeout` seconds."""

    def __init__(self, dump: Path, base: str, task: Callable[..., Any], workers: int = 2, timeout: float = 10.0):
        self.dump, self.base, self.task = str(dump), base, task
        self.size, self.timeout = max(1, workers), timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: list[_Worker] = []
        self._lock, self._start_lock = threading.Lock(), threading.Lock()
        self._started = self._closed = False

    def _spawn(self) -> _Worker:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(target=_work, args=(child, self.dump, self.base, self.task), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        try:
            ready = parent.poll(STARTUP_SECONDS) and parent.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            worker.stop()
            raise QueryFailed(f"the query worker could not load {self.dump}")
        with self._lock:
            self._workers.append(worker)
        return worker

    def _start(self) -> None:
        """Start the workers on the first query (so a server that is never queried starts none)."""
        with self._start_lock:
            if not self._started:
                for _ in range(self.size):
                    self._idle.put(self._spawn())
                self._started = True

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
            if self._closed:
                return
        threading.Thread(target=lambda: self._idle.put(self._spawn()), daemon=True).start()

    def run(self, *args: Any) -> Any:
        """`task(graph, *args)` in a worker; QueryFailed if it takes longer than the time limit."""
        self._start()
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryFailed(f"all {self.size} query workers are busy; try again later") from None
        try:
            worker.conn.send(args)
            if worker.conn.poll(self.timeout):
                result = worker.conn.recv()
                self._idle.put(worker)
                return result
            message = f"the query ran longer than the time limit of {self.timeout:g} s"
        except (EOFError, OSError):
            message = "the query worker stopped unexpectedly (out of memory?)"
        self._replace(worker)
        raise QueryFailed(message)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.stop()

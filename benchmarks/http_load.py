"""A small HTTP load generator for SPARQL endpoints: `clients` processes, each with one keep-alive
connection (http.client), sending the same GET requests in the same order; warm-up excluded.

Throughput is requests over the wall time from the moment every client is ready to the moment
the last one finishes; latencies are per request, as the client sees them.
"""

from __future__ import annotations

import http.client
import multiprocessing
import time
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Load:
    requests: int
    wall: float  # seconds, all clients
    latencies: tuple[float, ...]  # seconds, sorted
    failures: int

    @property
    def per_second(self) -> float:
        return self.requests / self.wall

    def percentile(self, p: float) -> float:
        return self.latencies[min(len(self.latencies) - 1, int(p / 100 * len(self.latencies)))]


def paths(endpoint_path: str, queries: list[str]) -> list[str]:
    """GET paths (`/sparql?query=…`) for the queries."""
    return [f"{endpoint_path}?query={quote(q, safe='')}" for q in queries]


def _send(connection: http.client.HTTPConnection, path: str, accept: str) -> int:
    connection.request("GET", path, headers={"Accept": accept})
    response = connection.getresponse()
    response.read()
    return response.status


def _client(host: str, port: int, requests: list[tuple[str, str]], passes: int, start, conn) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    for path, accept in requests:  # warm-up: every request once, not counted
        _send(connection, path, accept)
    start.wait()
    latencies, failures = [], 0
    began = time.perf_counter()
    for _ in range(passes):
        for path, accept in requests:
            sent = time.perf_counter()
            failures += _send(connection, path, accept) != 200
            latencies.append(time.perf_counter() - sent)
    conn.send((began, time.perf_counter(), latencies, failures))
    connection.close()


def run(host: str, port: int, requests: list[tuple[str, str]], clients: int, passes: int) -> Load:
    """Each of `clients` processes sends every (path, accept) request `passes` times over one connection."""
    context = multiprocessing.get_context("fork")
    start = context.Barrier(clients + 1)
    pipes, workers = [], []
    for index in range(clients):
        rotated = requests[index % len(requests) :] + requests[: index % len(requests)]  # clients out of step
        parent, child = context.Pipe(duplex=False)
        worker = context.Process(target=_client, args=(host, port, rotated, passes, start, child))
        worker.start()
        child.close()
        pipes.append(parent)
        workers.append(worker)
    start.wait()
    results = [pipe.recv() for pipe in pipes]
    for worker in workers:
        worker.join()
    began = min(r[0] for r in results)
    ended = max(r[1] for r in results)
    latencies = sorted(x for r in results for x in r[2])
    return Load(len(latencies), ended - began, tuple(latencies), sum(r[3] for r in results))

"""A small HTTP load generator for SPARQL endpoints: `clients` processes, each with one keep-alive
connection (http.client) per server, sending the same GET requests in the same order; warm-up
excluded.

Servers compared side by side are measured in short alternating segments (all clients on server A,
then all on B, then A …, a barrier between segments), so that both see the same background load on a
shared machine. A server's time is the sum of its segments' wall times (first request sent to last
answer read, over all clients); latencies are per request, as the client sees them.
"""

from __future__ import annotations

import http.client
import multiprocessing
import time
from dataclasses import dataclass
from urllib.parse import quote

Requests = list[tuple[str, str]]  # (path with query, Accept)


@dataclass(frozen=True)
class Target:
    port: int
    requests: Requests
    host: str = "127.0.0.1"


@dataclass(frozen=True)
class Load:
    requests: int
    wall: float  # seconds, all clients
    latencies: tuple[float, ...]  # seconds, sorted
    failures: int

    @property
    def per_request(self) -> float:
        return self.wall / self.requests

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


def _rotated(requests: Requests, by: int) -> Requests:
    return requests[by % len(requests) :] + requests[: by % len(requests)]  # clients out of step


def _client(index: int, targets: list[Target], segments: int, passes: int, barrier, conn) -> None:
    connections = [http.client.HTTPConnection(t.host, t.port, timeout=60) for t in targets]
    mine = [_rotated(t.requests, index) for t in targets]
    for connection, requests in zip(connections, mine, strict=True):
        for path, accept in requests:  # warm-up: every request once, not counted
            _send(connection, path, accept)
    out = []
    for segment in range(segments):
        which = segment % len(targets)
        barrier.wait()
        latencies, failures = [], 0
        began = time.perf_counter()
        for _ in range(passes):
            for path, accept in mine[which]:
                sent = time.perf_counter()
                failures += _send(connections[which], path, accept) != 200
                latencies.append(time.perf_counter() - sent)
        out.append((which, began, time.perf_counter(), latencies, failures))
    conn.send(out)
    for connection in connections:
        connection.close()


def run(targets: list[Target], clients: int, segments: int, passes: int) -> list[Load]:
    """Per target, the load of `clients` processes each sending its requests `passes` times per
    segment, in `segments` segments taking the targets in turn."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(clients)
    pipes, workers = [], []
    for index in range(clients):
        parent, child = context.Pipe(duplex=False)
        worker = context.Process(target=_client, args=(index, targets, segments, passes, barrier, child))
        worker.start()
        child.close()
        pipes.append(parent)
        workers.append(worker)
    results = [pipe.recv() for pipe in pipes]
    for worker in workers:
        worker.join()
    loads = []
    for which in range(len(targets)):
        wall, latencies, failures = 0.0, [], 0
        for segment in range(which, segments, len(targets)):
            parts = [r[segment] for r in results]
            wall += max(p[2] for p in parts) - min(p[1] for p in parts)
            latencies += [x for p in parts for x in p[3]]
            failures += sum(p[4] for p in parts)
        loads.append(Load(len(latencies), wall, tuple(sorted(latencies)), failures))
    return loads

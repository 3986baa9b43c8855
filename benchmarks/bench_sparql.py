"""SPARQL: the example queries (publish/noks/queries/*.rq) answered by our path against pyoxigraph
in-process, and `noks serve`'s /sparql endpoint against the Oxigraph server, on the same data.

- 'SPARQL examples': each example query answered and serialised (`noks query --format json`'s work:
  evaluate + format_result; CONSTRUCT as Turtle) against pyoxigraph's query + its own serialiser,
  the graph loaded beforehand (both graphs in one fresh process, runs interleaved: sub-millisecond
  timings on a shared machine are fair only side by side); per query the median of many runs, the
  row the sum of those medians. The note names the slowest query.
- 'SPARQL load + examples': the same in a fresh process with the loading (the built site/noks.ttl),
  every query once: what `noks query` costs.
- 'SPARQL endpoint c=N': N client processes with keep-alive connections send every example query
  (GET, Accept application/sparql-results+json; n-triples for CONSTRUCT) to `noks serve` and to
  `oxigraph serve-read-only` on a store loaded from the same file, both up at once and measured in
  short alternating segments (http_load); time per request, p50 and p99, over ctx.repeat rounds,
  each with fresh servers.

The data: the project of ctx.size, its graph (sources + derive) written once as site/noks.ttl by
the build's dump writer (serialize.dumps: what `noks build` publishes), cached with the Oxigraph
store loaded from it under CACHE.
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "publish"))

import harness  # noqa: E402
import http_load  # noqa: E402
import pyoxigraph as ox  # noqa: E402
from harness import CACHE, ROOT, Context, Row, process_tree  # noqa: E402

ANSWER_RUNS = 30  # per query, in the in-process comparison
SEGMENTS = 40  # alternating: 20 for each server
PASSES = {1: 3, 4: 1}  # passes over the example queries per client and segment
JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"


def data(size: str) -> Path:
    """CACHE/sparql-SIZE with site/noks.ttl (+ a stub index.html for `noks serve`) and oxigraph/ (the store)."""
    project = harness.project(size)
    folder = CACHE / f"sparql-{size}"
    stamp = folder / ".ready"
    if stamp.exists() and stamp.stat().st_mtime >= (project / ".ready").stat().st_mtime:
        return folder
    env = {**os.environ, "PYTHONPATH": str(ROOT / "publish")}
    subprocess.run([sys.executable, "-c", _DUMP, str(project), str(folder / "site")], check=True, env=env)
    (folder / "site" / "index.html").write_text("<!doctype html><title>noks</title>\n", encoding="utf-8")
    store = folder / "oxigraph"
    subprocess.run(["rm", "-rf", str(store)], check=True)
    subprocess.run(["oxigraph", "load", "--location", str(store), "--file", str(folder / "site" / "noks.ttl")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    stamp.touch()
    return folder


_DUMP = """
import sys
from pathlib import Path
from noks.graph import derive
from noks.load import load_sources
from noks.project import load_project
from noks.serialize import DUMP_NAME, dumps
project = load_project(Path(sys.argv[1]))
triples = derive(load_sources(project.source_files(), project.base).triples, project.base)
site = Path(sys.argv[2])
site.mkdir(parents=True, exist_ok=True)
name = f"{DUMP_NAME}.ttl"
(site / name).write_bytes(dumps(triples, project.base)[name])
"""


def examples() -> list[tuple[str, str]]:
    from noks.examples import load_examples

    return [(e.slug, e.text) for e in load_examples()]


# --- in-process: our query path against pyoxigraph ---------------------------------------------------


def _ours_load(project: Path, site: Path) -> Any:
    from noks.project import load_project
    from noks.query import load_graph

    return load_graph(load_project(project, site))


def _ours_answer(graph: Any, text: str) -> bytes:
    from noks.query import evaluate
    from noks.results import format_result

    return format_result(evaluate(graph, text), "json", graph.base)


def _anchor_load(project: Path, site: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(site / "noks.ttl"), format=ox.RdfFormat.TURTLE)
    return store


@functools.cache
def _prefixes() -> dict[str, str]:
    from noks.namespaces import all_prefixes
    from noks.project import DEFAULT_BASE

    return all_prefixes(DEFAULT_BASE)


def _anchor_answer(store: ox.Store, text: str) -> bytes:
    result = store.query(text, base_iri="https://w3id.org/noks/", prefixes=_prefixes())
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.TURTLE)
    return result.serialize(format=ox.QueryResultsFormat.JSON)


def _answers(graphs: tuple[Any, ox.Store], queries: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Per query, the median seconds of ANSWER_RUNS runs of ours and of pyoxigraph, interleaved run by
    run (who goes first alternates), so that both see the same background load; answers checked."""
    ours, anchor = graphs
    out = {}
    for slug, text in queries:
        seconds: tuple[list[float], list[float]] = ([], [])
        for run in range(ANSWER_RUNS):
            for side in (0, 1) if run % 2 == 0 else (1, 0):
                start = time.perf_counter()
                body = _ours_answer(ours, text) if side == 0 else _anchor_answer(anchor, text)
                seconds[side].append(time.perf_counter() - start)
                assert body, slug
        out[slug] = (statistics.median(seconds[0]), statistics.median(seconds[1]))
    return out


def _once(load, answer, project: Path, site: Path, queries: list[tuple[str, str]]) -> float:
    """Load the graph and answer every query once (the work of a fresh `noks query` per example, loaded once)."""
    graph = load(project, site)
    return sum(len(answer(graph, text)) for _, text in queries)


def in_process_rows(ctx: Context, folder: Path, detail: bool = False) -> list[Row]:
    """The two in-process rows; with `detail`, the note lists every query (ours/pyoxigraph ms)."""
    site, queries = folder / "site", examples()
    project = ctx.project

    def both() -> tuple[Any, ox.Store]:
        return _ours_load(project, site), _anchor_load(project, site)

    rounds = [harness.timed(both, lambda graphs: _answers(graphs, queries)) for _ in range(ctx.repeat)]
    ours_q = {s: statistics.median(r[2][s][0] for r in rounds) for s, _ in queries}
    anchor_q = {s: statistics.median(r[2][s][1] for r in rounds) for s, _ in queries}
    peak = max(r[1] for r in rounds)
    ratios = sorted(((ours_q[s] / anchor_q[s], s) for s, _ in queries), reverse=True)
    results = [(r, s) for r, s in ratios if "CONSTRUCT" not in dict(queries)[s]]
    note = (f"{len(queries)} queries, median of {ANSWER_RUNS} runs each; slowest {ratios[0][1]} {ratios[0][0]:.2f}x; "
            f"slowest SELECT/ASK {results[0][1]} {results[0][0]:.2f}x; MB: both graphs in one process")  # fmt: skip
    if detail:
        note += "\n    " + "\n    ".join(f"{s:28} {ours_q[s] * 1e3:6.2f} / {anchor_q[s] * 1e3:6.2f} ms  {r:.2f}x"
                                          for r, s in ratios)  # fmt: skip
    rows = [
        Row("SPARQL examples", ctx.size, sum(ours_q.values()), "pyoxigraph", sum(anchor_q.values()), 1.2,
            peak, 0.0, note),
    ]  # fmt: skip

    def whole(load, answer):
        return (lambda: None, lambda _: _once(load, answer, project, site, queries))

    mine, theirs = harness.paired(whole(_ours_load, _ours_answer), whole(_anchor_load, _anchor_answer), ctx.repeat)
    note = f"load site/noks.ttl, answer {len(queries)} queries once"
    rows.append(Row("SPARQL load + examples", ctx.size, mine.median, "pyoxigraph", theirs.median, 1.2,
                    mine.peak_mb, theirs.peak_mb, note))  # fmt: skip
    return rows


# --- over HTTP: `noks serve` against the Oxigraph server ---------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: no server outlives its benchmark


def _wait(url: str, process: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer")


def _cpu_seconds(pid: int) -> float:
    total = 0.0
    for current in process_tree(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return total


def _settle(pid: int, timeout: float = 300.0) -> None:
    """Until the server (all its processes) is idle: done loading, in the background too."""
    deadline, before = time.monotonic() + timeout, _cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = _cpu_seconds(pid)
        if now - before < 0.02:
            return
        before = now


def _peak_mb(pid: int) -> float:
    """Peak RSS of a server and its worker processes, MB."""
    total = 0.0
    for current in process_tree(pid):
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) / 1024
    return total


def _start(kind: str, folder: Path, project: Path) -> tuple[subprocess.Popen, int, str]:
    """`noks serve` or `oxigraph serve-read-only` over the same data on a free port: (process, port, path)."""
    port = _free_port()
    if kind == "ours":
        env = {**os.environ, "PYTHONPATH": str(ROOT / "publish")}
        args = [sys.executable, "-m", "noks", "serve", "--site", str(folder / "site"), "--port", str(port)]
        path = "/sparql"
    else:
        env = None
        store = str(folder / "oxigraph")
        args = ["oxigraph", "serve-read-only", "--location", store, "--bind", f"127.0.0.1:{port}"]
        path = "/query"
    process = subprocess.Popen(args, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=_die_with_parent)  # fmt: skip
    _wait(f"http://127.0.0.1:{port}{path}", process)
    return process, port, path


def _requests(path: str) -> list[tuple[str, str]]:
    queries = examples()
    accepts = [NTRIPLES if "CONSTRUCT" in text else JSON for _, text in queries]
    return list(zip(http_load.paths(path, [text for _, text in queries]), accepts, strict=True))


Servers = list[tuple[subprocess.Popen, int, str]]


def _servers(folder: Path, project: Path) -> Callable[[], Servers]:
    def prepare() -> Servers:
        servers = [_start("ours", folder, project), _start("oxigraph", folder, project)]
        for process, port, path in servers:  # warm-up: every query once; then wait until all is loaded
            http_load.run([http_load.Target(port, _requests(path))], 1, 1, 1)
            _settle(process.pid)
        return servers

    return prepare


def _side_by_side(clients: int, ours_first: bool) -> Callable[[Servers], tuple[list[http_load.Load], list[float]]]:
    def work(servers: Servers) -> tuple[list[http_load.Load], list[float]]:
        order = servers if ours_first else servers[::-1]
        targets = [http_load.Target(port, _requests(path)) for _, port, path in order]
        loads = http_load.run(targets, clients, SEGMENTS, PASSES[clients])
        if not ours_first:
            loads = loads[::-1]
        peaks = [_peak_mb(process.pid) for process, _, _ in servers]
        for process, _, _ in servers:
            process.terminate()
            process.wait(10)
        if any(load.failures for load in loads):
            raise RuntimeError(f"failed requests: {[load.failures for load in loads]}")
        return loads, peaks

    return work


def endpoint_rows(ctx: Context, folder: Path) -> list[Row]:
    """Both servers up at once (fresh processes each round), measured in alternating segments."""
    rows = []
    for clients in (1, 4):
        rounds = [harness.timed(_servers(folder, ctx.project), _side_by_side(clients, r % 2 == 0))[2]
                  for r in range(ctx.repeat)]  # fmt: skip
        figures = []
        for side in (0, 1):
            loads = [result[0][side] for result in rounds]
            latencies = sorted(x for load in loads for x in load.latencies)
            pooled = http_load.Load(len(latencies), 1.0, tuple(latencies), 0)
            per_request = statistics.median(load.per_request for load in loads)
            p50, p99 = pooled.percentile(50) * 1e3, pooled.percentile(99) * 1e3
            note = f"{1 / per_request:,.0f} req/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms"
            figures.append((per_request, max(result[1][side] for result in rounds), note))
        (ours_s, ours_mb, ours_note), (anchor_s, anchor_mb, anchor_note) = figures
        requests = rounds[0][0][0].requests
        note = f"{requests} requests a round; ours {ours_note}; Oxigraph {anchor_note}"
        rows.append(Row(f"SPARQL endpoint c={clients}", ctx.size, ours_s, "Oxigraph server", anchor_s, 1.5,
                        ours_mb, anchor_mb, note))  # fmt: skip
    return rows


def measure(ctx: Context) -> list[Row]:
    folder = data(ctx.size)
    return [*in_process_rows(ctx, folder), *endpoint_rows(ctx, folder)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10k", choices=sorted(harness.SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=["examples", "endpoint"], help="one half of the rows")
    args = parser.parse_args()
    ctx = Context(args.size, harness.project(args.size), args.repeat)
    folder = data(args.size)
    rows = []
    if args.only != "endpoint":
        rows += in_process_rows(ctx, folder, detail=True)
    if args.only != "examples":
        rows += endpoint_rows(ctx, folder)
    for row in rows:
        print(f"{row.stage:24} {row.size:>4}  ours {row.ours:9.5f} s  {row.anchor_name} {row.anchor:9.5f} s  "
              f"ratio {row.ratio:5.2f} (target {row.target})  {'met' if row.met else 'NOT MET'}  "
              f"{row.ours_mb:.0f}/{row.anchor_mb:.0f} MB")  # fmt: skip
        print(f"    {row.note}")


if __name__ == "__main__":
    main()

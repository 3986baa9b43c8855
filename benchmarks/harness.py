"""What every benchmark shares: a project of N synthetic qualifications, and a side-by-side timing of
our stage against its anchor (the fastest engine doing the same work), alternating, in fresh processes.

A stage module (benchmarks/bench_*.py) exposes `measure(ctx: Context) -> list[Row]`; `run.py` calls them
and prints one table. Times are medians of `ctx.repeat` runs; peak memory is the child process's peak RSS.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("NOKS_BENCH_CACHE", "/tmp/noks-bench"))
SET_ASIDE = CACHE / "set-aside"  # folders a benchmark is done with, deleted when it ends
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}


@dataclass(frozen=True)
class Context:
    size: str  # "1k", "10k", "100k"
    project: Path  # a copy of the repository's ontology/, data/, shapes/ with data/register.ttl of that size
    repeat: int


@dataclass(frozen=True)
class Row:
    """One line of the table: our stage and its anchor, on the same input, in the same run.

    `ratio` is ours/anchor in time (lower is better); the row meets its target when ratio <= target.
    A throughput target ("1.5x the pages per second of Hugo") is a time ratio of 1/1.5.
    """

    stage: str
    size: str
    ours: float  # seconds, median
    anchor_name: str
    anchor: float  # seconds, median
    target: float  # highest acceptable ours/anchor
    ours_mb: float = 0.0
    anchor_mb: float = 0.0
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours / self.anchor if self.anchor else float("inf")

    @property
    def met(self) -> bool:
        return self.ratio <= self.target


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    result: Any = None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _child(prepare: Callable[[], Any], work: Callable[[Any], Any], conn) -> None:
    state = prepare()
    start = time.perf_counter()
    result = work(state)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    conn.send((elapsed, peak, result))
    conn.close()


def timed(prepare: Callable[[], Any], work: Callable[[Any], Any]) -> tuple[float, float, Any]:
    """Run prepare() then work(state) in a fresh forked process; time work only. (seconds, peak MB, result)."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(prepare, work, child))
    process.start()
    child.close()
    elapsed, peak, result = parent.recv()
    process.join()
    if process.exitcode != 0:
        raise RuntimeError(f"benchmark child failed with exit code {process.exitcode}")
    return elapsed, peak, result


def paired(
    ours: tuple[Callable[[], Any], Callable[[Any], Any]],
    anchor: tuple[Callable[[], Any], Callable[[Any], Any]],
    repeat: int,
) -> tuple[Timing, Timing]:
    """Alternate ours and the anchor `repeat` times each (ours first on odd rounds, anchor first on even)."""
    mine, theirs = Timing(), Timing()
    for round_ in range(repeat):
        order = [(ours, mine), (anchor, theirs)]
        for (prepare, work), timing in order if round_ % 2 == 0 else reversed(order):
            seconds, peak, result = timed(prepare, work)
            timing.seconds.append(seconds)
            timing.peak_mb = max(timing.peak_mb, peak)
            timing.result = result
    return mine, theirs


def process_tree(pid: int) -> list[int]:
    """The process and all its descendants (Linux /proc)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(child) for child in task.read_text().split()]
            except OSError:
                pass
    return found


def _field_mb(path: str, field: str) -> float:
    """A memory figure (kB) of a /proc file, in MB; 0 once the process is gone."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def rss_mb(pid: int) -> float:
    return _field_mb(f"/proc/{pid}/status", "VmRSS:")


def pss_mb(pid: int) -> float:
    """The process's proportional set: its own pages, plus each page it shares with its forked relatives
    divided by the number of them sharing it (so a sum over a process tree counts every page once)."""
    return _field_mb(f"/proc/{pid}/smaps_rollup", "Pss:")


def command_seconds(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Run a command; its wall time. Nothing else runs meanwhile (no memory sampling: reading the
    proportional sets of big processes every few milliseconds takes a good part of a core)."""
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {done.stderr.decode()[-2000:]}")
    return elapsed


def command_peak(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Run a command; (wall seconds, peak memory in MB, peak resident sets in MB). The memory is the
    highest sum, at one time, of the proportional sets of the command and all its child processes (pages
    shared between a parent and its forked children counted once); the resident sets' sum counts shared
    pages in every process that maps them (an upper bound). Sampled every 20 ms, which slows the command
    down: time it apart (`command_seconds`)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = peak_rss = 0.0
    while process.poll() is None:
        tree = process_tree(process.pid)
        peak = max(peak, sum(pss_mb(pid) for pid in tree))
        peak_rss = max(peak_rss, sum(rss_mb(pid) for pid in tree))
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return elapsed, peak, peak_rss


def project(size: str) -> Path:
    """A project folder with a synthetic register of `size` qualifications (made once, cached in CACHE)."""
    rows = SIZES[size]
    folder = CACHE / f"project-{size}"
    stamp = folder / ".ready"
    sources = [ROOT / "pyproject.toml", *(ROOT / "data").glob("*.ttl"), *(ROOT / "shapes").glob("*.ttl")]
    newest = max(p.stat().st_mtime for p in [*sources, ROOT / "ontology" / "noks.ttl"])
    if stamp.exists() and stamp.stat().st_mtime >= newest:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in ("ontology", "data", "shapes"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    csv = CACHE / f"register-{size}.csv"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "publish")}
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate_register.py"), "--rows", str(rows), "--seed", "1",
         "--out", str(csv)], check=True, env=env)  # fmt: skip
    subprocess.run([sys.executable, "-m", "noks", "import", str(csv)], cwd=folder, check=True, env=env)
    stamp.touch()
    return folder


def stage_main(measure: Callable[[Context], list[Row]], repeat: int = 3) -> None:
    """`python benchmarks/bench_<stage>.py [--size 10k] [--repeat N]`: that stage's rows alone."""
    import argparse

    from run import print_rows

    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="10k", choices=sorted(SIZES))
    parser.add_argument("--repeat", type=int, default=repeat)
    args = parser.parse_args()
    print_rows(measure(Context(args.size, project(args.size), args.repeat)))


def set_aside(folder: Path) -> None:
    """Take `folder` out of the way now and delete it when the benchmark ends. On ext4 without a journal (this
    machine's disk), an inode freed less than a minute ago (up to six while its table block is unwritten)
    is not given out again, and the allocator checks each such inode for every file it makes: deleting a
    10k site (176,000 files and folders) right before a first build made that build's system time 42 s
    instead of 12 (`perf`: half of all samples in the kernel's `recently_deleted`). A first build on a fresh
    machine has deleted nothing, so the first build is measured on a file system left as it was."""
    if not folder.exists():
        return
    SET_ASIDE.mkdir(parents=True, exist_ok=True)
    _SET_ASIDE_NOW.append(folder)  # a name of its own, also in a forked child (its own pid)
    folder.rename(SET_ASIDE / f"{os.getpid()}-{len(_SET_ASIDE_NOW)}-{folder.name}")


_SET_ASIDE_NOW: list[Path] = []
# when the benchmark's process ends (a forked child ends with os._exit, so only the benchmark itself);
# what a run that was stopped left there goes too
atexit.register(shutil.rmtree, SET_ASIDE, True)

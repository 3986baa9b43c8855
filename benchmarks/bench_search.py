"""The search index: ours (each page's text to Pagefind's indexing service, one service per language
tree) against the plain Pagefind CLI with its default settings (`pagefind --site SITE`), over the same
written pages of the project's site: both index what the pages mark (`data-pagefind-body` less what is
marked `data-pagefind-ignore`: a qualification's title and lead, not its register fields). Both read
the pages from disk and write their bundles to a fresh folder. A second row times what the build does
at its end: the pages' records are already in memory (taken as each page was written), so only
Pagefind's work and the writing of the bundles remain. Peak memory is the highest sum over the process
and its children (the Pagefind processes). A third row shows how the stage grows: the site's records
(their URLs made unique with a suffix of one length) given to one index 40,000 times against four
indexes given 10,000 each, all bundles made (alternating, medians). Pagefind's indexing service
alone is quadratic (it checks each record's URL against every URL added before it); the stage is not,
because it splits each tree into shards of at most `SHARD_PAGES` pages on average.

    python benchmarks/bench_search.py [--size 10k] [--repeat 3]
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from harness import CACHE, ROOT, Context, Row, paired, rss_mb, set_aside, stage_main

from noks.search_index import SearchIndex, html_files, index_search, write_search
from noks.search_text import Record
from noks.site_writer import SiteWriter


def written_site(ctx: Context) -> Path:
    """The project's site as `noks build` writes it, without its search index (made once for these
    templates, which say what is searchable, and cached)."""
    templates = ROOT / "publish" / "noks" / "templates"
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(templates.rglob("*.html")))).hexdigest()
    site = CACHE / f"search-site-{ctx.size}-{digest[:12]}"
    stamp = ctx.project / ".ready"
    ready = site / ".ready"
    if ready.exists() and stamp.exists() and ready.stat().st_mtime >= stamp.stat().st_mtime:
        return site
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "publish")}
    subprocess.run([sys.executable, "-m", "noks", "--project", str(ctx.project), "build"], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    shutil.move(ctx.project / "site", site)
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    ready.touch()
    return site


class PeakMemory:
    """The highest sum of the resident sets of this process and its children, sampled every 100 ms (a
    light sampler: it runs in the measured process, and ours does its work there too)."""

    def __init__(self) -> None:
        self.peak, self.running = 0.0, True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self) -> None:
        me = os.getpid()
        while self.running:
            children = []
            for task in os.listdir(f"/proc/{me}/task"):
                try:
                    with open(f"/proc/{me}/task/{task}/children") as listed:
                        children += listed.read().split()
                except OSError:
                    pass
            self.peak = max(self.peak, rss_mb(me) + sum(rss_mb(int(pid)) for pid in children))
            time.sleep(0.1)

    def stop(self) -> float:
        self.running = False
        self.thread.join()
        return self.peak


def measure(ctx: Context) -> list[Row]:
    site = written_site(ctx)
    output = CACHE / f"search-out-{ctx.size}"

    def prepare() -> Path:
        set_aside(output)  # not deleted: writing many files right after deleting as many is slow here
        output.mkdir(parents=True)
        return output

    def ours(into: Path) -> tuple[int, float]:
        memory = PeakMemory()
        pages = index_search(site, into)
        return pages, memory.stop()

    def anchor(into: Path) -> tuple[int, float]:
        memory = PeakMemory()
        done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path",
                               str(into / "pagefind")], capture_output=True, text=True, check=True)  # fmt: skip
        found = re.search(r"Total:\s*\n.*?Indexed (\d+) pages?", done.stdout, re.S)
        return int(found[1]) if found else 0, memory.stop()

    def records() -> tuple[SearchIndex, Path]:
        return site_records(site), prepare()

    def tail(taken: tuple[SearchIndex, Path]) -> tuple[int, float]:
        memory = PeakMemory()
        index, into = taken
        pages = write_search(index, SiteWriter(into, clear=False))
        return pages, memory.stop()

    mine, theirs = paired((prepare, ours), (prepare, anchor), ctx.repeat)
    built, theirs_again = paired((records, tail), (prepare, anchor), ctx.repeat)
    set_aside(output)
    pages, peak = mine.result
    their_pages, their_peak = theirs.result
    note = f"{pages:,} pages, {pages / mine.median:,.0f}/s (CLI: {their_pages:,}, {their_pages / theirs.median:,.0f}/s)"
    in_memory = built.result[0]
    tail_note = f"{in_memory:,} pages, records in memory, as at the end of `noks build`"
    return [
        Row("Search index", ctx.size, mine.median, "Pagefind CLI", theirs.median, 1.0, peak, their_peak, note),
        Row("Search index (build's end)", ctx.size, built.median, "Pagefind CLI", theirs_again.median, 1.0,
            built.result[1], theirs_again.result[1], tail_note),
        service_growth(ctx, site),
    ]  # fmt: skip


def site_records(site: Path) -> SearchIndex:
    """The search records of the site's written pages, as the build takes them."""
    index = SearchIndex()
    for path in html_files(site):
        index.add(path, (site / path).read_bytes())
    return index


def service_growth(ctx: Context, site: Path, small: int = 10_000, times: int = 4) -> Row:
    """The seconds of the search index given `small * times` records against `times` indexes given `small`
    each, one after the other (alternating, `ctx.repeat` times each, medians): the records of the site's
    pages in path order, over and over, each in its tree, its URL made unique."""
    found = site_records(site).records

    def larger() -> list[SearchIndex]:
        return [_index(found, small * times)]

    def smaller() -> list[SearchIndex]:
        return [_index(found, small, offset=small * part) for part in range(times)]

    def bundles(indexes: list[SearchIndex]) -> int:
        return sum(len(index.files()) for index in indexes)

    mine, theirs = paired((larger, bundles), (smaller, bundles), ctx.repeat)
    return Row(f"Growth: search index x{times}", ctx.size, mine.median, f"{times} x {small:,} records",
               theirs.median, 1.0, mine.peak_mb, theirs.peak_mb, note=f"{small * times:,} records in one index "
               f"against {times} x {small:,} (Python only: Pagefind's processes not counted); time over linear "
               "extrapolation")  # fmt: skip


def _index(found: dict[str, Record], count: int, offset: int = 0) -> SearchIndex:
    """A search index of `count` of the records (repeated), each URL made unique by a suffix of one length."""
    paths = sorted(found)
    index = SearchIndex()
    for number in range(offset, offset + count):
        path = paths[number % len(paths)]
        index.keep(f"{path.removesuffix('index.html')}{number:07d}/index.html", found[path])
    return index


if __name__ == "__main__":
    stage_main(measure, repeat=3)

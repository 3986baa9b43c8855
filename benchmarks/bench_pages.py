"""HTML pages: our qualification pages against Hugo (Debian's `hugo`) rendering the same pages.

    python benchmarks/bench_pages.py [--size 10k] [--repeat 3]

Both sides render every qualification's page in the three languages and write the files into an empty
folder. Ours: from the derived graph (outside the timing) to files, inside the timing: the shared index,
the view models, Jinja2 on every core (`noks.parallel`), each file written (by the build's `SiteWriter`)
by the process that rendered it.
Hugo: from the same view data exported as content files with JSON front matter (`hugo_export`, made once
per size, outside the timing) to files, with `benchmarks/hugo/` (config and a layout mirroring ours:
same fields, same labels in three languages, same markup), run as `hugo --source S --destination D
--quiet`: Hugo uses every core by default (GOMAXPROCS = cores); no minification, no other page kinds.
The target is 1.5 times Hugo's pages per second: a time ratio of at most 1/1.5.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from harness import CACHE, Context, Row, paired, set_aside, stage_main
from hugo_export import export

from noks.graph import derive
from noks.load import load_sources
from noks.pages import shared_index
from noks.parallel import render_shares, workers
from noks.project import load_project
from noks.register_pages import qualification_pages
from noks.register_views import qualifications
from noks.site_writer import SiteWriter

TARGET = 1 / 1.5
HUGO = ("hugo", "--quiet")


def _graph(ctx: Context):
    loaded = load_project(ctx.project, ctx.project / "site")
    return loaded, derive(load_sources(loaded.source_files(), loaded.base).triples, loaded.base)


def _clean(folder: Path) -> Path:
    set_aside(folder)  # not deleted: writing many files right after deleting as many is slow here
    return folder


def hugo_site(ctx: Context) -> Path:
    """The Hugo site of this size (made once; again when the project or the layouts change)."""
    folder = CACHE / f"hugo-{ctx.size}"
    stamp = folder / ".ready"
    here = Path(__file__).parent
    sources = [ctx.project / ".ready", *here.joinpath("hugo").rglob("*"), here / "hugo_export.py"]
    newest = max(p.stat().st_mtime for p in sources if p.exists())
    if not (stamp.exists() and stamp.stat().st_mtime >= newest):
        loaded, triples = _graph(ctx)
        export(shared_index(triples, loaded.base), folder)
        stamp.touch()
    return folder


def measure(ctx: Context) -> list[Row]:
    site = hugo_site(ctx)
    ours_out, hugo_out = CACHE / f"pages-ours-{ctx.size}", CACHE / f"pages-hugo-{ctx.size}"

    def ours_prepare():
        _clean(ours_out)
        return _graph(ctx)

    def ours(state) -> int:
        loaded, triples = state
        index = shared_index(triples, loaded.base)
        written = SiteWriter(ours_out)
        render_shares(qualifications(index), lambda share: qualification_pages(index, share), into=written)
        return len(written)

    def hugo_prepare():
        return _clean(hugo_out)

    def hugo(_state) -> float:
        process = subprocess.Popen([*HUGO, "--source", str(site), "--destination", str(hugo_out)], cwd=site)
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError("hugo failed")
        return usage.ru_maxrss / 1024

    mine, theirs = paired((ours_prepare, ours), (hugo_prepare, hugo), ctx.repeat)
    count = mine.result
    made = sum(1 for _ in hugo_out.glob("**/qualification/*/index.html"))
    if made != count:
        raise RuntimeError(f"Hugo wrote {made} qualification pages, ours {count}")
    size = {name: _average_size(folder) for name, folder in (("ours", ours_out), ("hugo", hugo_out))}
    note = (
        f"{count:,} pages; ours {count / mine.median:,.0f}/s ({workers()} processes), "
        f"Hugo {count / theirs.median:,.0f}/s; average page {size['ours']:.1f} KB / {size['hugo']:.1f} KB"
    )
    return [Row("HTML pages", ctx.size, mine.median, "hugo " + _hugo_version(), theirs.median, TARGET,
                mine.peak_mb, theirs.result, note)]  # fmt: skip


def _average_size(folder: Path) -> float:
    sizes = [p.stat().st_size for p in folder.glob("**/qualification/*/index.html")]
    return sum(sizes) / len(sizes) / 1024 if sizes else 0.0


def _hugo_version() -> str:
    words = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True).stdout.split()
    return words[1].split("+")[0].removeprefix("v") if len(words) > 1 else "?"


if __name__ == "__main__":
    stage_main(measure, repeat=3)

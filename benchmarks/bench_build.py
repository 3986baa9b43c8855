"""The whole `noks build`: wall time and peak memory against the issue's budget (20 s, 1.5 GB at 10k),
the first build (no earlier site), and a rebuild after one qualification is edited (1 s, and the same
bytes as a build into an empty folder).

    python benchmarks/bench_build.py [--size 10k] [--repeat 3]
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import statistics
import sys
from pathlib import Path

from harness import ROOT, Context, Row, command_peak, command_seconds, set_aside, stage_main

from noks.reuse import RECORD
from noks.site_writer import cache_folder, spare_folder
from noks.validation_cache import NAME as VALIDATION

BUDGET_SECONDS = {"1k": 2.0, "10k": 20.0, "100k": 200.0}  # the 10k budget, scaled linearly
BUDGET_MB = 1536.0


def _noks(folder: Path, *args: str) -> float:
    """The wall time of `noks build` (nothing sampled meanwhile)."""
    return command_seconds(_command(folder, *args), ROOT, _env())


def _noks_memory(folder: Path) -> tuple[float, float]:
    """`noks build` again, its memory sampled: (peak summed PSS, peak summed RSS) in MB."""
    _seconds, peak, resident = command_peak(_command(folder), ROOT, _env())
    return peak, resident


def _command(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "noks", "--project", str(folder), "build", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "publish")}


def site_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(site)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def edit_one_qualification(register: Path) -> None:
    """Change the English title of the first qualification (a steward's typical edit)."""
    text = register.read_text(encoding="utf-8")
    edited, count = re.subn(r'(skos:prefLabel "[^"]*)("@en)', r"\1 (edited)\2", text, count=1)
    if count != 1:
        raise RuntimeError(f"no English title to edit in {register}")
    register.write_text(edited, encoding="utf-8")


def measure(ctx: Context) -> list[Row]:
    """A first build (no earlier site or cache beside it), then builds of unchanged sources (each writes
    into the site before last, `site.spare`, only what differs, takes the validation's results and the
    search bundles from `site.cache` and the pages from the last site), the peak memory of a build that
    validates and makes every page, then a rebuild after one edit, whose bytes are compared with those of
    a build into an empty folder with no cache."""
    site = ctx.project / "site"
    for folder in (site, spare_folder(site), cache_folder(site)):
        set_aside(folder)
    first = _noks(ctx.project)
    seconds = statistics.median(_noks(ctx.project) for _ in range(ctx.repeat))
    cached, _ = _noks_memory(ctx.project)  # the validation's results read back: no validation process
    (cache_folder(site) / VALIDATION).unlink()
    (cache_folder(site) / RECORD).unlink()  # and no page is taken from the last build: the most it holds
    peak, resident = _noks_memory(ctx.project)  # a build that validates; sampling slows a build: a run of its own
    budget = BUDGET_SECONDS[ctx.size]
    rows = [
        Row("Full build, first", ctx.size, first, f"budget {budget:g} s", budget, 1.0, 0.0, 0.0,
            "no earlier site: every file is new"),
        Row("Full build", ctx.size, seconds, f"budget {budget:g} s", budget, 1.0, cached, 0.0,
            "unchanged sources: unchanged files not rewritten; validation results, search bundles and pages "
            "taken from the last build"),
        Row("Peak memory (MB)", ctx.size, peak, f"budget {BUDGET_MB:g} MB", BUDGET_MB, 1.0, peak, 0.0,
            f"a build that validates and makes every page; summed PSS (RSS {resident:.0f}); {cached:.0f} with "
            "everything read back"),
    ]  # fmt: skip
    if ctx.size != "10k":
        return rows
    register = ctx.project / "data" / "register.ttl"
    original = register.read_bytes()
    empty = ctx.project.parent / f"{ctx.project.name}-empty-site"
    try:
        edit_one_qualification(register)
        rebuild = _noks(ctx.project)
        rebuilt = site_digest(site)
        shutil.rmtree(empty, ignore_errors=True)
        _noks(ctx.project, "--site", str(empty))
        same = rebuilt == site_digest(empty)
    finally:
        register.write_bytes(original)
        for folder in (empty, spare_folder(empty), cache_folder(empty)):
            set_aside(folder)
    rows.append(
        Row("Rebuild after one edit", ctx.size, rebuild, "budget 1 s", 1.0, 1.0, 0.0, 0.0,
            "same bytes as a build into an empty folder" if same else "DIFFERS from a build into an empty folder")
    )  # fmt: skip
    return rows


if __name__ == "__main__":
    stage_main(measure, repeat=3)

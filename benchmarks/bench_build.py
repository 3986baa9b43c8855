"""The whole `noks build`: wall time and peak memory against the issue's budget (20 s, 1.5 GB at 10k),
and a rebuild after one qualification is edited (1 s, and the same bytes as a full build).

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

from harness import ROOT, Context, Row, command_peak, stage_main

BUDGET_SECONDS = {"1k": 2.0, "10k": 20.0, "100k": 200.0}  # the 10k budget, scaled linearly
BUDGET_MB = 1536.0


def _noks(folder: Path, *args: str) -> tuple[float, float, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "publish")}
    return command_peak([sys.executable, "-m", "noks", "--project", str(folder), "build", *args], ROOT, env)


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
    site = ctx.project / "site"
    shutil.rmtree(site, ignore_errors=True)
    runs = [_noks(ctx.project) for _ in range(ctx.repeat)]
    seconds = statistics.median(r[0] for r in runs)
    peak = max(r[1] for r in runs)
    resident = max(r[2] for r in runs)
    budget = BUDGET_SECONDS[ctx.size]
    rows = [
        Row("Full build", ctx.size, seconds, f"budget {budget:g} s", budget, 1.0, peak, 0.0, "load to search index"),
        Row(
            "Peak memory (MB)",
            ctx.size,
            peak,
            f"budget {BUDGET_MB:g} MB",
            BUDGET_MB,
            1.0,
            peak,
            0.0,
            f"summed PSS (RSS {resident:.0f})",
        ),
    ]
    if ctx.size != "10k":
        return rows
    edited = ctx.project.parent / f"{ctx.project.name}-edited"
    shutil.rmtree(edited, ignore_errors=True)
    shutil.copytree(ctx.project, edited, ignore=shutil.ignore_patterns("site", "site.*"))
    shutil.copytree(site, edited / "site", symlinks=True)
    edit_one_qualification(edited / "data" / "register.ttl")
    rebuild = _noks(edited)[0]
    rebuilt = site_digest(edited / "site")
    shutil.rmtree(edited / "site")
    _noks(edited)
    same = rebuilt == site_digest(edited / "site")
    rows.append(
        Row("Rebuild after one edit", ctx.size, rebuild, "budget 1 s", 1.0, 1.0, 0.0, 0.0,
            "same bytes as a full build" if same else "DIFFERS from a full build")
    )  # fmt: skip
    shutil.rmtree(edited, ignore_errors=True)
    return rows


if __name__ == "__main__":
    stage_main(measure, repeat=3)

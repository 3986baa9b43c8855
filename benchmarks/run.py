"""Every stage of noks against its anchor, side by side, in one run; then how the whole build grows.

    python benchmarks/run.py                      # 10k qualifications, growth 1k -> 10k
    python benchmarks/run.py --sizes 1k,10k,100k  # growth up to 100k (several minutes)
    python benchmarks/run.py --only rdf,validate  # some stages only

Each row times our stage and its anchor on the same input, alternating, in fresh processes; it prints
medians, the ratio ours/anchor, the target and whether it is met, and the peak memory of each side.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "publish"))

from harness import SIZES, Context, Row, project  # noqa: E402

STAGES = ("rdf", "validate", "pages", "search", "sparql")


def print_rows(rows: list[Row]) -> None:
    header = f"{'stage':<28}{'size':>5}{'ours':>10}{'anchor':>10}  {'anchor is':<26}{'ratio':>7}{'target':>8}  met"
    print(header)
    print("-" * len(header) + "  memory MB (ours/anchor), note")
    for r in rows:
        target = f"<={r.target:.2f}"
        memory = f"{r.ours_mb:.0f}/{r.anchor_mb:.0f}" if r.anchor_mb else f"{r.ours_mb:.0f}"
        print(
            f"{r.stage:<28}{r.size:>5}{r.ours:>10.3f}{r.anchor:>10.3f}  {r.anchor_name:<26}{r.ratio:>7.2f}"
            f"{target:>8}  {'yes' if r.met else 'NO ':<4} {memory}  {r.note}"
        )
    sys.stdout.flush()


def growth(sizes: list[str], repeat: int) -> list[Row]:
    import bench_build

    rows: list[Row] = []
    for size in sizes:
        rows += bench_build.measure(Context(size, project(size), repeat))
    smallest = sizes[0]
    # over an earlier site (validation results and search bundles read back), and first builds (all the work)
    for stage, label in (("Full build", ""), ("Full build, first", ", first")):
        builds = {r.size: r.ours for r in rows if r.stage == stage}
        for size in sizes[1:]:
            scale = SIZES[size] / SIZES[smallest]
            rows.append(
                Row(f"Growth {smallest} -> {size} (x{scale:g}){label}", size, builds[size],
                    f"{scale:g} x {smallest} build", builds[smallest] * scale, 1.0,
                    note="build time over linear extrapolation")
            )  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10k", help="size for the stage rows (1k, 10k, 100k)")
    parser.add_argument("--sizes", default="1k,10k", help="sizes for the whole-build growth rows")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default=",".join(STAGES), help="stages to run: " + ",".join(STAGES))
    args = parser.parse_args()
    print(f"# {platform.node()}: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    ctx = Context(args.size, project(args.size), args.repeat)
    rows: list[Row] = []
    for name in args.only.split(","):
        module = importlib.import_module(f"bench_{name}")
        rows += module.measure(ctx)
    rows += growth(args.sizes.split(","), args.repeat)
    print_rows(rows)
    return 0 if all(r.met for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

"""SHACL validation (`noks check`'s last step): our validate() against pyshacl-turbo alone.

Both get the derived graph's shared Oxigraph Store, built before the timing (the pipeline builds it
once for every stage), and the same shapes. Ours also rebases the shapes, names each problem's rule,
locates it at a file and line, and sorts the problems; the anchor only runs the engine.

    python benchmarks/bench_validate.py [--size 10k] [--repeat 3]
    python benchmarks/bench_validate.py --size 1k,10k,100k --repeat 1    # how the cost grows
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path
from typing import Any

import pyshacl_turbo
import rdflib
from rdflib.namespace import SH

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1] / "publish")]
import harness  # noqa: E402
from harness import Context, Row  # noqa: E402

from noks.graph import derive, to_store  # noqa: E402
from noks.load import load_sources  # noqa: E402
from noks.project import load_project  # noqa: E402
from noks.validate import prepare_shapes, validate  # noqa: E402

TARGET = 1.5  # issue 7: within 1.5x of the fastest engine giving pySHACL's results


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _inputs(folder: Path) -> tuple[list, list, Any, str]:
    """What `check` hands to validate(): the derived triples (Store built), the shape triples, origins, base."""
    project = load_project(folder)
    sources = load_sources(project.source_files(), project.base)
    shapes = load_sources(project.shape_files(), project.base)
    triples = derive(sources.triples, project.base)
    to_store(triples)  # the shared Store, built once by the pipeline before validation
    return triples, shapes.triples, sources.origins, project.base


def _ours(folder: Path) -> tuple:
    def prepare() -> tuple:
        return _inputs(folder)

    def work(state: tuple) -> tuple[int, int, float]:
        start = _cpu()
        report = validate(*state)
        return len(report.violations), len(report.warnings), _cpu() - start

    return prepare, work


def _anchor(folder: Path) -> tuple:
    def prepare() -> tuple:
        triples, shape_triples, _origins, base = _inputs(folder)
        return to_store(triples), to_store(prepare_shapes(shape_triples, base)), len(triples)

    def work(state: tuple) -> tuple[int, int, float]:
        data, shapes, _size = state
        start = _cpu()
        _conforms, results, _text = pyshacl_turbo.validate(
            data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
        )
        severities = [
            results.value(r, SH.resultSeverity) for r in results.subjects(rdflib.RDF.type, SH.ValidationResult)
        ]
        violations = sum(1 for s in severities if s == SH.Violation)
        return violations, len(severities) - violations, _cpu() - start

    return prepare, work


def measure(ctx: Context) -> list[Row]:
    mine, theirs = harness.paired(_ours(ctx.project), _anchor(ctx.project), ctx.repeat)
    (violations, warnings, _), (a_violations, a_warnings, _) = mine.result, theirs.result
    same = (violations, warnings) == (a_violations, a_warnings)
    note = (
        f"{violations} violations, {warnings} warnings"
        + ("" if same else f" (anchor: {a_violations}, {a_warnings}: DIFFERENT)")
        + f"; CPU of the last run {mine.result[2]:.2f} s vs {theirs.result[2]:.2f} s"
    )
    return [
        Row(
            stage="SHACL validation",
            size=ctx.size,
            ours=mine.median,
            anchor_name="pyshacl-turbo",
            anchor=theirs.median,
            target=TARGET,
            ours_mb=mine.peak_mb,
            anchor_mb=theirs.peak_mb,
            note=note,
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10k", help="1k, 10k or 100k; several, comma-separated, show the growth")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rows: list[Row] = []
    for size in args.size.split(","):
        rows += measure(Context(size=size, project=harness.project(size), repeat=args.repeat))
    print(f"{'stage':18} {'size':>5} {'ours s':>8} {'anchor':>14} {'anchor s':>8} {'ratio':>6} {'target':>6} "
          f"{'ours MB':>8} {'anch. MB':>8}  note")  # fmt: skip
    for row in rows:
        print(
            f"{row.stage:18} {row.size:>5} {row.ours:8.2f} {row.anchor_name:>14} {row.anchor:8.2f} {row.ratio:6.2f} "
            f"{row.target:6.2f} {row.ours_mb:8.0f} {row.anchor_mb:8.0f}  {'ok' if row.met else 'MISSED'}; {row.note}"
        )
    if len(rows) > 1:
        first = rows[0]
        for row in rows[1:]:
            scale = harness.SIZES[row.size] / harness.SIZES[first.size]
            print(
                f"growth {first.size} -> {row.size} (x{scale:g} data): ours x{row.ours / first.ours:.1f}, "
                f"anchor x{row.anchor / first.anchor:.1f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Turtle parsing and writing: our stages against pyoxigraph alone, on the project's sources.

python benchmarks/bench_rdf.py [--size 10k] [--repeat 5]
"""

from __future__ import annotations

import pyoxigraph as ox
from harness import Context, Row, paired, stage_main

from noks.graph import derive
from noks.load import load_sources
from noks.namespaces import all_prefixes
from noks.project import load_project
from noks.serialize import fast_turtle


def _sources(ctx: Context):
    loaded = load_project(ctx.project, ctx.project / "site")
    return loaded, loaded.source_files()


def _graph(ctx: Context):
    loaded, files = _sources(ctx)
    return loaded, derive(load_sources(files, loaded.base).triples, loaded.base)


def measure(ctx: Context) -> list[Row]:
    def ours_parse(state):
        loaded, files = state
        return len(load_sources(files, loaded.base).triples)

    def anchor_parse(state):
        loaded, files = state
        parsed = [list(ox.parse(path=str(f), format=ox.RdfFormat.TURTLE, base_iri=loaded.base)) for f in files]
        return sum(map(len, parsed))

    mine, theirs = paired((lambda: _sources(ctx), ours_parse), (lambda: _sources(ctx), anchor_parse), ctx.repeat)
    rows = [
        Row("Turtle parsing", ctx.size, mine.median, "pyoxigraph.parse", theirs.median, 1.2, mine.peak_mb,
            theirs.peak_mb, f"{mine.result:,} triples"),
    ]  # fmt: skip

    def ours_write(state):
        loaded, triples = state
        return len(fast_turtle(triples, all_prefixes(loaded.base), prune=False))

    def anchor_write(state):
        loaded, triples = state
        return len(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=all_prefixes(loaded.base)))

    mine, theirs = paired((lambda: _graph(ctx), ours_write), (lambda: _graph(ctx), anchor_write), ctx.repeat)
    rows.append(
        Row("Turtle writing (noks.ttl)", ctx.size, mine.median, "pyoxigraph.serialize", theirs.median, 1.2,
            mine.peak_mb, theirs.peak_mb, f"{mine.result / 1e6:.1f} MB")
    )  # fmt: skip
    return rows


if __name__ == "__main__":
    stage_main(measure, repeat=5)

"""The pipeline, top to bottom: load, derive, validate, gather every output in memory, then write
the site into a fresh folder and swap it in, so a failed build leaves the last good site as it was."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from noks.dcat import dataset_metadata
from noks.errors import NoksError, Problem
from noks.graph import derive
from noks.load import Sources, load_sources
from noks.project import Project
from noks.query_pages import query_page_paths, query_site
from noks.referencing_site import referencing_site
from noks.register_pages import CLAIMED
from noks.register_publish import register_outputs
from noks.release import load_releases
from noks.release_site import release_site
from noks.serialize import rdf_outputs
from noks.site import full_sitemap, html_site, index_search
from noks.tables import tables
from noks.validate import Report, validate


@dataclass(frozen=True)
class Checked:
    sources: Sources
    triples: list[ox.Triple]
    report: Report


@dataclass(frozen=True)
class Built:
    checked: Checked
    files: int
    site: Path


def check(project: Project) -> Checked:
    """Load ontology and data, derive, validate against shapes. Raises on syntax errors only."""
    files = project.source_files()
    if not files:
        raise NoksError(Problem("no Turtle files found", file=project.data_dir, hint="put the data in data/*.ttl"))
    sources = load_sources(files, project.base)
    shapes = load_sources(project.shape_files(), project.base)
    triples = derive(sources.triples, project.base)
    report = validate(triples, shapes.triples, sources.origins, project.base)
    return Checked(sources, triples, report)


def gather(project: Project, triples: list[ox.Triple]) -> dict[str, bytes]:
    """Every output of the build, by its path in the site."""
    outputs: dict[str, bytes] = {}
    outputs.update(rdf_outputs(triples, project.base))
    outputs.update(register_outputs(triples, project.base))
    outputs.update(html_site(triples, project.base, claimed=CLAIMED, also=query_page_paths(project)))
    outputs.update(query_site(project, triples))
    outputs.update(tables(triples, project.base))
    outputs.update(referencing_site(triples, project.base))
    releases = load_releases(project)
    outputs.update(release_site(project, releases, triples))
    # last: the dataset's description lists the files gathered above, with their sizes and checksums
    outputs.update(dataset_metadata(triples, project.base, outputs, releases))
    outputs["sitemap.xml"] = full_sitemap(outputs, project.base)  # every page gathered above
    return outputs


def build(project: Project, finish: Callable[[Path], None] | None = None) -> Built:
    """Check, then write the site. `finish` post-processes the new folder before the swap (default: search index)."""
    checked = check(project)
    if checked.report.violations:
        raise NoksError(checked.report.violations)
    outputs = gather(project, checked.triples)
    write_site(project.site, outputs, index_search if finish is None else finish)
    return Built(checked, len(outputs), project.site)


def write_site(site: Path, outputs: dict[str, bytes], finish: Callable[[Path], None] | None = None) -> None:
    """Write `outputs` into a fresh folder beside `site`, then swap it in atomically."""
    fresh = site.with_name(f"{site.name}.new-{os.getpid()}")
    stale = site.with_name(f"{site.name}.old-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        for relative, content in sorted(outputs.items()):
            target = fresh / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        if finish is not None:
            finish(fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if site.exists():
        site.rename(stale)
    fresh.rename(site)
    shutil.rmtree(stale, ignore_errors=True)

"""The pipeline, top to bottom: load, derive, validate, then write every output into a fresh folder as
it is made and swap the folder in, so a failed build leaves the last good site as it was."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from noks import reuse
from noks.dcat import dataset_metadata
from noks.errors import NoksError, Problem
from noks.graph import Statements, Triples, derive
from noks.load import Sources, load_sources
from noks.pages import shared_index
from noks.parallel import Forked, Standby
from noks.progress import QUIET, Progress
from noks.project import Project
from noks.query_pages import query_page_paths, query_site
from noks.referencing_site import referencing_site
from noks.register_pages import CLAIMED
from noks.register_publish import register_outputs
from noks.release import load_releases
from noks.release_site import release_site
from noks.search_index import BundleCache, SearchIndex, write_search
from noks.serialize import rdf_outputs
from noks.site import full_sitemap, html_site
from noks.site_writer import SiteWriter, cache_folder, claim_folder, list_folder, prune, release, swap
from noks.tables import tables
from noks.validate import Report, validate
from noks.validation_cache import ValidationCache

T = TypeVar("T")


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


def prepare(project: Project, progress: Progress = QUIET) -> tuple[Sources, Sources, Triples]:
    """Load ontology, data and shapes, and derive the graph. Raises on syntax errors only."""
    files = project.source_files()
    if not files:
        raise NoksError(Problem("no Turtle files found", file=project.data_dir, hint="put the data in data/*.ttl"))
    with progress.stage("load"):
        sources = load_sources(files, project.base)
        shapes = load_sources(project.shape_files(), project.base)
        progress.advance(len(sources.triples))
    with progress.stage("derive"):
        triples = derive(sources.triples, project.base)
        progress.advance(len(triples))
    return sources, shapes, triples


def check(project: Project, progress: Progress = QUIET) -> Checked:
    """Load ontology and data, derive, validate against shapes. Raises on syntax errors only."""
    sources, shapes, triples = prepare(project, progress)
    with progress.stage("validate"):
        report = validate(triples, shapes.triples, sources.origins, project.base, _cache(project))
        progress.advance(len(report.problems))
    return Checked(sources, triples, report)


def _cache(project: Project) -> ValidationCache:
    return ValidationCache(cache_folder(project.site))


def _rdf_files(folder: Path, statements: Statements, base: str) -> list[str]:
    """In a child process: write the dumps and the per-resource documents, return their paths. The graph
    is read from its N-Triples text, parsed on each pass."""
    writer = SiteWriter(folder, clear=False)
    writer.update(rdf_outputs(statements, base))
    return writer.written()


class _Documents:
    """The RDF documents' child, given its work once: as soon as there is room for it (the validation's
    child gone: the parent, a page worker and the validation's child leave no memory for a fourth
    process) or when `start` is called, whichever comes first; never after `close`."""

    def __init__(self, start: Callable[[], Forked[list[str]]], validation: Forked[Report]) -> None:
        self._start, self._lock = start, threading.Lock()
        self._forked: Forked[list[str]] | None = None
        self._closed = False
        if validation.done():  # the results were read back, or the engine is done: room from the start
            self.start()
        else:
            threading.Thread(target=self._when_gone, args=(validation,), daemon=True).start()

    def _when_gone(self, validation: Forked[Report]) -> None:
        validation.wait()
        self.start()

    def start(self) -> None:
        with self._lock:
            if self._forked is None and not self._closed:
                self._forked = self._start()

    def result(self) -> list[str]:
        self.start()
        assert self._forked is not None, "the RDF documents were asked for after the build ended"
        return self._forked.result()

    def close(self) -> None:
        with self._lock:
            self._closed = True


def gather(project: Project, triples: Triples, outputs: SiteWriter, rdf: Standby, validation: Forked[Report]) -> None:
    """Every output of the build, written by its path in the site as each stage makes it. The RDF
    documents are written by the `rdf` child (forked while the build was small: it shares none of the
    graph's memory, a child forked now would copy what either process writes) while this one renders the
    pages: as soon as the `validation`'s child is gone (at once if its results were read back), or once the
    last page worker is done, whichever comes first (the parent, a page worker and the validation's child
    at once leave no memory for it: 1.55-1.58 GB at 10k, measured). The query and referencing pages (the
    Store's, about 160 MB) are made before its documents are taken, while it works."""
    work = (_rdf_files, outputs.folder, triples.statements(), project.base)
    documents = _Documents(lambda: rdf.start(*work), validation)
    try:
        _gather(project, triples, outputs, documents)
    finally:
        documents.close()


def _gather(project: Project, triples: Triples, outputs: SiteWriter, documents: _Documents) -> None:
    stage = outputs.progress.stage
    with stage("register"):
        outputs.update(register_outputs(triples, project.base, into=outputs))
    with stage("pages"):
        outputs.update(html_site(triples, project.base, claimed=CLAIMED, also=query_page_paths(project), into=outputs))
    with stage("tables"):
        outputs.update(tables(triples, project.base))
    with stage("releases"):
        releases = load_releases(project)
        outputs.update(release_site(project, releases, triples, into=outputs))
    documents.start()  # at the latest now: no page worker is left beside it
    with stage("query pages"):
        outputs.update(query_site(project, triples))
    with stage("referencing"):
        outputs.update(referencing_site(triples, project.base))
    if outputs.search is not None:  # every page to index is made: Pagefind starts while the rest is made
        outputs.search.begin()
    with stage("RDF documents"):
        outputs.adopt(documents.result())
    with stage("metadata"):
        # last: the dataset's description lists the files written above, with their sizes and checksums
        outputs.update(dataset_metadata(triples, project.base, outputs, releases))
        outputs["sitemap.xml"] = full_sitemap(outputs, project.base)  # every page written above


def build(project: Project, finish: Callable[[Path], None] | None = None, progress: Progress = QUIET) -> Built:
    """Check, then write the site into a folder beside it (the site before last, kept as the spare folder:
    only what changed is written) and swap it in: a failed build leaves the last good site as it was.
    Validation runs in a child process while the outputs are made (they are thrown away if it finds a
    violation). The search index is made of the pages' text, taken as each page is written (a shard of
    a tree whose texts did not change since the last build is taken from the cache folder beside the
    site); `finish`, if given, post-processes the new folder before the swap instead."""
    frozen = gc.get_freeze_count() > 0
    try:
        return _build(project, finish, progress)
    finally:
        if not frozen:
            gc.unfreeze()  # what the build froze (its graph, store and index) is the collector's again


def _build(project: Project, finish: Callable[[Path], None] | None, progress: Progress) -> Built:
    # the validation's and the RDF documents' processes, forked while this one is small: they share none of
    # the graph (a child forked later copies every memory page that either process then writes)
    validating, documents = Standby(), Standby()
    try:
        return _build_with(project, finish, progress, validating, documents)
    finally:
        validating.close()  # a child given no work (an error came before it was needed) ends
        documents.close()


def _build_with(
    project: Project, finish: Callable[[Path], None] | None, progress: Progress, validating: Standby, rdf: Standby
) -> Built:
    sources, shapes, triples = prepare(project, progress)
    gc.freeze()  # the graph lives as long as the build: the collector leaves it alone (here and in children)
    cache = _cache(project)  # results already found for this very graph and shapes are read back
    # the graph goes as its N-Triples text (what the engine reads; made once: the dump's text too)
    validation = validating.start(validate, triples.statements(), shapes.triples, sources.origins, project.base, cache)
    with progress.stage("index"):
        shared_index(triples, project.base)  # made once here, shared by every page producer
    gc.freeze()  # and its index
    fresh, recycled = claim_folder(project.site)  # the site before last, if kept: unchanged files stay as they are
    # what it holds, listed while the build writes into it (walking 60,000 folders is mostly waiting on the
    # disk): what this build does not write is pruned at the end; a new folder holds only what it writes
    listing = _in_background(list_folder, fresh) if recycled else None
    cache_dir, key = cache_folder(project.site), reuse.fingerprint(project.base)
    try:
        # pages that read nothing that changed since the last build are copied from the site
        reuse.begin(cache_dir, project.site, key, triples.ntriples, project.base)
        # takes each page's text as it is written; a shard whose texts did not change is not indexed again
        search = SearchIndex(cache=BundleCache(cache_dir)) if finish is None else None
        outputs = SiteWriter(fresh, progress, clear=False, search=search)
        try:
            gather(project, triples, outputs, rdf, validation)
            if search is not None:
                with progress.stage("search index"):  # while the validation ends
                    write_search(search, outputs)
        finally:
            if search is not None:
                search.stop()  # the Pagefind processes a failure left running
            with progress.stage("validate"):
                report = validation.result()
        if report.violations:
            raise NoksError(report.violations)
        if listing is not None:
            prune(fresh, outputs, listing.result())  # what an earlier build left there and this one did not write
        if finish is not None:
            with progress.stage("search index"):
                finish(fresh)
        reads = reuse.end()
    except BaseException as exc:
        reuse.end()
        release(fresh, project.site, recycled)
        if not isinstance(exc, NoksError) and report_violations(validation):
            raise NoksError(report_violations(validation)) from exc  # bad data, not a bug: say what is wrong
        raise
    reuse.forget(cache_dir)  # it describes the site about to be replaced
    swap(fresh, project.site)
    reuse.save(cache_dir, project.site, key, triples.ntriples, reads)
    return Built(Checked(sources, triples, report), len(outputs), project.site)


def _in_background(function: Callable[[Path], T], folder: Path) -> Future[T]:
    """`function(folder)` in a thread of its own, which ends with it."""
    runner = ThreadPoolExecutor(1)
    try:
        return runner.submit(function, folder)
    finally:
        runner.shutdown(wait=False)


def report_violations(validation: Forked[Report]) -> list[Problem]:
    try:
        return validation.result().violations
    except BaseException:  # noqa: BLE001 - the validation itself failed: the original error is the news
        return []

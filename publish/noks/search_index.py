"""The search index: one Pagefind bundle per language tree, in `pagefind/{lang}/`, built from the pages'
text in memory.

Each page's searchable text comes from `search_text.page_record` (pages without `data-pagefind-body`,
such as the history pages, are left out), taken as the page is written (by the process that rendered
it: `SiteWriter`), and goes to Pagefind's indexing service as a custom record: Pagefind neither reads
the site's files nor parses their HTML again. The records are handed over at the end, in path order,
so the same pages give the same bytes whatever order they were made in. The trees are indexed side by
side, one service each, as many at a time as there are cores. The Serbian trees are indexed as Serbian
(`sr`): its stemmer reads Cyrillic as Latin, so a query in either script finds pages in both. No
filters or sorts.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from noks import urls
from noks.pagefind_service import Service
from noks.parallel import workers
from noks.search_text import BODY, Record, page_record
from noks.site_writer import SiteWriter

OUTSIDE = ("pagefind/", "static/")  # folders at the top of the default tree that hold no pages


class SearchIndex:
    """The records of the pages to index: `add` each page as it is made (in any order), or `keep` the
    record another process took of it, then take the bundles with `files()`.

    `at_once`: how many trees Pagefind indexes at the same time, one process each (default: one per
    core, at most one per tree). Each process works on one core and holds about 20 kB a page, so on
    two cores two at a time index as fast as three, with two thirds of the memory."""

    def __init__(self, at_once: int | None = None) -> None:
        self.at_once = max(1, min(len(urls.LANGUAGES), workers()) if at_once is None else at_once)
        self.records: dict[str, Record] = {}

    @property
    def pages(self) -> int:
        return len(self.records)

    def add(self, path: str, page: bytes) -> Record | None:
        """Take the record of the page at this site path if it is an HTML page with a `data-pagefind-body`."""
        record = None
        if path.endswith(".html") and not path.startswith(OUTSIDE) and BODY in page:
            record = page_record(page)
        if record is not None:
            self.records[path] = record
        elif path in self.records:  # written again, now without a body
            del self.records[path]
        return record

    def keep(self, path: str, record: Record) -> None:
        self.records[path] = record

    def files(self) -> dict[str, bytes]:
        """Every file of the bundles, {site path: bytes}."""
        return {name: content for bundle in self.bundles() for name, content in bundle.items()}

    def bundles(self) -> Iterator[dict[str, bytes]]:
        """The bundle of each tree, {site path: bytes}, as each is done: the pages of each tree are given to
        Pagefind in path order, `at_once` trees at a time."""
        trees: dict[str, list[str]] = {lang: [] for lang in urls.LANGUAGES}
        for path in sorted(self.records):
            trees[language_of(path)].append(path)
        waiting, running = list(trees.items()), []
        try:
            while waiting or running:
                while waiting and len(running) < self.at_once:
                    lang, paths = waiting.pop(0)
                    running.append((lang, self.start(lang, paths)))
                lang, service = running.pop(0)  # the one started first ends first
                try:
                    bundle = service.files()
                finally:
                    service.stop()
                if waiting:  # the next tree starts before this one is written
                    next_lang, paths = waiting.pop(0)
                    running.append((next_lang, self.start(next_lang, paths)))
                yield {f"pagefind/{lang}/{name}": bundle[name] for name in sorted(bundle)}
        finally:
            for _, service in running:
                service.stop()

    def start(self, lang: str, paths: list[str]) -> Service:
        """A Pagefind process given these pages of one tree, building its bundle."""
        service = Service(lang, "en" if lang == "en" else "sr")
        try:
            for path in paths:
                record = self.records[path]
                service.add(page_url(path), record.content, record.title)
            service.request_files()
        except BaseException:
            service.stop()
            raise
        return service


def search_files(pages: Mapping[str, bytes], at_once: int | None = None) -> dict[str, bytes]:
    """The search bundles of the HTML pages among `pages` ({site path: bytes})."""
    index = SearchIndex(at_once)
    for path, page in pages.items():
        index.add(path, page)
    return index.files()


def write_search(index: SearchIndex, writer: SiteWriter) -> int:
    """Write the bundles of `index` into the site's `pagefind/`, each as soon as it is done (while Pagefind
    builds the others). Returns the number of pages indexed."""
    for bundle in index.bundles():
        writer.update(bundle)
    return index.pages


def index_search(site: Path, into: Path | None = None, at_once: int | None = None) -> int:
    """Build the search bundles of a written site into `site/pagefind/`, or into `into/pagefind/`.
    Returns the number of pages indexed."""
    index = SearchIndex(at_once)
    for path in html_files(site):
        with open(site / path, "rb") as page:
            index.add(path, page.read())
    return write_search(index, SiteWriter(site if into is None else into, clear=False))


def html_files(site: Path) -> list[str]:
    """The site paths of the HTML files under `site`, sorted."""
    found = []
    for folder, _, names in os.walk(site):
        relative = os.path.relpath(folder, site)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found += [prefix + name for name in names if name.endswith(".html")]
    return sorted(found)


def language_of(path: str) -> str:
    """The language whose tree holds a site path (the default language's tree is the root)."""
    trees = [lang for lang in urls.LANGUAGES if urls.tree(lang) and path.startswith(urls.tree(lang))]
    return trees[0] if trees else urls.DEFAULT_LANGUAGE


def page_url(path: str) -> str:
    """The URL a search result links to: the site path from the root, without `index.html`."""
    return "/" + path.removesuffix("index.html")

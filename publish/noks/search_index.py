"""The search index: one Pagefind bundle per language tree, in `pagefind/{lang}/`, built from the pages'
text in memory.

Each page's searchable text comes from `search_text.page_record` (pages without `data-pagefind-body`,
such as the history pages, are left out) and goes to Pagefind's indexing service as a custom record:
Pagefind neither reads the site's files nor parses their HTML again. The three trees are indexed side
by side, one service each. The Serbian trees are indexed as Serbian (`sr`): its stemmer reads Cyrillic
as Latin, so a query in either script finds pages in both. No filters or sorts. The same pages added
in the same order give the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

from noks import urls
from noks.pagefind_service import Service
from noks.search_text import page_record

OUTSIDE = ("pagefind/", "static/")  # folders at the top of the default tree that hold no pages


class SearchIndex:
    """The bundles being built: `add` each page (in a fixed order) as it is made, then take `files()`.
    Use as a context manager (it ends the Pagefind processes).

    `side_by_side`: one Pagefind process per tree from the start, indexing while pages are added (the
    fastest on two cores). Otherwise the pages' text is kept and the trees are indexed one after the
    other at `files()`: a third of the memory (Pagefind holds about 75 kB per page of ~100 words)."""

    def __init__(self, side_by_side: bool = True) -> None:
        self.side_by_side = side_by_side
        self.services: dict[str, Service] = {}
        self.kept: dict[str, list[tuple[str, str, str]]] = {lang: [] for lang in urls.LANGUAGES}
        self.pages = 0
        if side_by_side:
            for lang in urls.LANGUAGES:
                self.start(lang)

    def start(self, lang: str) -> Service:
        try:
            self.services[lang] = Service(lang, "en" if lang == "en" else "sr")
        except BaseException:
            self.close()
            raise
        return self.services[lang]

    def add(self, path: str, page: bytes) -> None:
        """Index the page at this site path if it is an HTML page with a `data-pagefind-body`."""
        if path.endswith(".html") and not path.startswith(OUTSIDE):
            record = page_record(page.decode("utf-8"))
            if record is not None:
                lang, entry = language_of(path), (page_url(path), record.content, record.title)
                if self.side_by_side:
                    self.services[lang].add(*entry)
                else:
                    self.kept[lang].append(entry)
                self.pages += 1

    def files(self) -> dict[str, bytes]:
        """Every file of the bundles, {site path: bytes}."""
        if self.side_by_side:
            for service in self.services.values():
                service.request_files()
            bundles = {lang: service.files() for lang, service in self.services.items()}
        else:
            bundles = {lang: self.one_after_another(lang) for lang in urls.LANGUAGES}
        return {f"pagefind/{lang}/{name}": bundle[name] for lang, bundle in bundles.items() for name in sorted(bundle)}

    def one_after_another(self, lang: str) -> dict[str, bytes]:
        service = self.start(lang)
        for entry in self.kept.pop(lang):
            service.add(*entry)
        service.request_files()
        bundle = service.files()
        service.stop()
        return bundle

    def close(self) -> None:
        for service in self.services.values():
            service.stop()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, kind: type | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()


def search_files(pages: Mapping[str, bytes], side_by_side: bool = True) -> dict[str, bytes]:
    """The search bundles of the HTML pages among `pages` ({site path: bytes}, taken in path order)."""
    with SearchIndex(side_by_side) as index:
        for path in sorted(pages):
            index.add(path, pages[path])
        return index.files()


def index_search(site: Path, into: Path | None = None, side_by_side: bool = True) -> int:
    """Build the search bundles of a written site into `site/pagefind/` (the build's finishing step), or
    into `into/pagefind/`. Returns the number of pages indexed."""
    into = site if into is None else into
    with SearchIndex(side_by_side) as index:
        for path in html_files(site):
            with open(site / path, "rb") as page:
                index.add(path, page.read())
        bundles, pages = index.files(), index.pages
    folders: set[Path] = set()
    for name, content in bundles.items():
        target = into / name
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(content)
    return pages


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

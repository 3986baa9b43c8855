"""The search index: one Pagefind bundle per language tree, in `pagefind/{lang}/`, built from the pages'
text in memory.

Each page's searchable text comes from `search_text.page_record` (pages without `data-pagefind-body`,
such as the history pages, are left out), taken as the page is written (by the process that rendered
it: `SiteWriter`), and goes to Pagefind's indexing service as a custom record: Pagefind neither reads
the site's files nor parses their HTML again. The records are handed over at the end, in path order,
so the same pages give the same bytes whatever order they were made in. The trees are indexed side by
side, one service each, as many at a time as there are cores. A tree whose records are those of the
bundle kept in the cache folder beside the site (`{site}.cache/`, `BundleCache`) is not indexed again:
the bundle is taken from there (an edit that changes no heading or lead, or one language only, leaves
the other trees' bundles as they were). The Serbian trees are indexed as Serbian
(`sr`): its stemmer reads Cyrillic as Latin, so a query in either script finds pages in both. No
filters or sorts.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from importlib import metadata
from pathlib import Path

from noks import urls
from noks.pagefind_service import Service
from noks.parallel import workers
from noks.search_text import BODY, Record, page_record
from noks.site_writer import SiteWriter, keep

OUTSIDE = ("pagefind/", "static/")  # folders at the top of the default tree that hold no pages


class SearchIndex:
    """The records of the pages to index: `add` each page as it is made (in any order), or `keep` the
    record another process took of it, then take the bundles with `files()`.

    `at_once`: how many trees Pagefind indexes at the same time, one process each (default: one per
    core, at most one per tree). Each process works on one core and holds about 20 kB a page, so on
    two cores two at a time index as fast as three, with two thirds of the memory."""

    def __init__(self, at_once: int | None = None, cache: BundleCache | None = None) -> None:
        self.at_once = max(1, min(len(urls.LANGUAGES), workers()) if at_once is None else at_once)
        self.records: dict[str, Record] = {}
        self.cache = cache
        self.indexed: list[str] = []  # the trees Pagefind indexed (the others came from the cache)

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
        waiting: list[tuple[str, list[str], str]] = []
        for lang, paths in trees.items():
            key = self.key(lang, paths) if self.cache is not None else ""
            kept = self.cache.get(lang, key) if self.cache is not None else None
            if kept is None:
                waiting.append((lang, paths, key))
            else:
                yield _in_site(lang, kept)
        running: list[tuple[str, str, Service]] = []
        try:
            while waiting or running:
                while waiting and len(running) < self.at_once:
                    lang, paths, key = waiting.pop(0)
                    running.append((lang, key, self.start(lang, paths)))
                lang, key, service = running.pop(0)  # the one started first ends first
                try:
                    bundle = service.files()
                finally:
                    service.stop()
                if waiting:  # the next tree starts before this one is written
                    next_lang, paths, next_key = waiting.pop(0)
                    running.append((next_lang, next_key, self.start(next_lang, paths)))
                if self.cache is not None:
                    self.cache.put(lang, key, bundle)
                yield _in_site(lang, bundle)
        finally:
            for _, _, service in running:
                service.stop()

    def key(self, lang: str, paths: list[str]) -> str:
        """The hash of everything Pagefind is given for this tree (and of its version)."""
        digest = hashlib.sha256(f"{_pagefind_version()}\0{lang}\0{_stemmer(lang)}".encode())
        for path in paths:
            record = self.records[path]
            for text in (page_url(path), record.title, record.content):
                encoded = text.encode("utf-8", "surrogatepass")
                digest.update(b"%d:" % len(encoded) + encoded)
        return digest.hexdigest()

    def start(self, lang: str, paths: list[str]) -> Service:
        """A Pagefind process given these pages of one tree, building its bundle."""
        self.indexed.append(lang)
        service = Service(lang, _stemmer(lang))
        try:
            for path in paths:
                record = self.records[path]
                service.add(page_url(path), record.content, record.title)
            service.request_files()
        except BaseException:
            service.stop()
            raise
        return service


class BundleCache:
    """The last bundle of each tree, in one file per tree under the hash of all that made it
    (`SearchIndex.key`). A file that is not whole (or of another format) counts as missing."""

    FORMAT = b"noks search bundle 1\n"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, lang: str, key: str) -> dict[str, bytes] | None:
        try:
            data = (self.folder / f"search-{lang}.bundle").read_bytes()
        except OSError:
            return None
        head = self.FORMAT + key.encode() + b"\n"
        if not data.startswith(head):
            return None
        bundle, at = {}, len(head)
        try:
            while at < len(data):
                end = data.index(b"\n", at)
                name_size, size = (int(n) for n in data[at:end].split(b" "))
                name = data[end + 1 : end + 1 + name_size].decode()
                at = end + 1 + name_size + size
                if at > len(data):
                    return None
                bundle[name] = data[at - size : at]
        except ValueError:
            return None
        return bundle

    def put(self, lang: str, key: str, bundle: Mapping[str, bytes]) -> None:
        parts = [self.FORMAT, key.encode(), b"\n"]
        for name in sorted(bundle):
            encoded = name.encode()
            parts += [b"%d %d\n" % (len(encoded), len(bundle[name])), encoded, bundle[name]]
        keep(self.folder / f"search-{lang}.bundle", b"".join(parts))


def _in_site(lang: str, bundle: Mapping[str, bytes]) -> dict[str, bytes]:
    return {f"pagefind/{lang}/{name}": bundle[name] for name in sorted(bundle)}


def _stemmer(lang: str) -> str:
    return "en" if lang == "en" else "sr"


def _pagefind_version() -> str:
    """The versions of the Pagefind packages (the program comes with one of them)."""
    found = []
    for package in ("pagefind", "pagefind_bin", "pagefind_bin_extended"):
        try:
            found.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    return ", ".join(found)


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

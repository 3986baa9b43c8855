"""The search index: Pagefind bundles for each language tree, in `pagefind/{lang}/{shard}/`, built from
the pages' text in memory.

Each page's searchable text comes from `search_text.page_record` (pages without `data-pagefind-body`,
such as the history pages, are left out), taken as the page is written (by the process that rendered
it: `SiteWriter`), and goes to Pagefind's indexing service as a custom record: Pagefind neither reads
the site's files nor parses their HTML again. The records are handed over at the end, in path order,
so the same pages give the same bytes whatever order they were made in.

A tree's pages are split into shards (`shard_count`, `shard_of`): at most `SHARD_PAGES` pages each on
average, each page in the shard its URL's CRC-32 names. Each shard is one Pagefind index; the search
page loads the first with `pagefind.js` and merges the others into it (Pagefind's `mergeIndex`, which
ranks the results of all of them together and loads the search engine once), reading their list from
`pagefind/{lang}/shards.json`. Two reasons: Pagefind's indexing service checks each record's URL
against every record before it (quadratic: 100,000 records took 40 times as long as 10,000), and a
shard whose records did not change is taken from the cache folder beside the site (`{site}.cache/`,
`BundleCache`) instead of indexed again, so an edit re-indexes one shard of its tree. The shards are
indexed side by side, one service each, as many at a time as there are cores. The count is a power of
two, so a tree that grows moves its pages to other shards only when it doubles. The Serbian trees are
indexed as Serbian (`sr`): its stemmer reads Cyrillic as Latin, so a query in either script finds pages
in both. No filters or sorts.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import zlib
from collections.abc import Iterator, Mapping
from concurrent.futures import Future
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from noks import urls
from noks.pagefind_service import Service
from noks.parallel import workers
from noks.search_text import BODY, Record, page_record
from noks.site_writer import SiteWriter, keep

OUTSIDE = ("pagefind/", "static/")  # folders at the top of the default tree that hold no pages
SHARD_PAGES = 4096  # the most pages a shard of a tree holds on average
MANIFEST = "shards.json"  # in pagefind/{lang}/: the list of the tree's shards, the first one the primary
# what a merged shard is read for (the first shard holds Pagefind's whole bundle: its scripts, the engine)
MERGED_FILES = ("pagefind-entry.json", "index/", "fragment/", "filter/")


def shard_count(pages: int, most: int = SHARD_PAGES) -> int:
    """The number of shards of a tree of this many pages: the least power of two that keeps them at
    `most` pages each on average (at least one, so an empty tree has its bundle too)."""
    count = 1
    while pages > count * most:
        count *= 2
    return count


def shard_of(url: str, count: int) -> int:
    """The shard of a page, by its URL's CRC-32: the same whatever the other pages, the hash seed or
    the machine; when the count doubles, a shard's pages are split between it and one new shard."""
    return zlib.crc32(url.encode("utf-8", "surrogatepass")) % count


class Shard(NamedTuple):
    """One shard of a language tree: its pages (site paths, in order) and the key of what Pagefind is
    given for them."""

    lang: str
    number: int
    count: int  # the tree's shards
    paths: list[str]
    key: str

    @property
    def name(self) -> str:
        return f"{self.lang}/{self.number}"


class SearchIndex:
    """The records of the pages to index: `add` each page as it is made (in any order), or `keep` the
    record another process took of it, then take the bundles with `files()` or `bundles()`. `begin()`
    starts Pagefind early, once every page to index is made: it indexes while the caller goes on.

    `at_once`: how many shards Pagefind indexes at the same time, one process each (default: one per
    core). Each process works on one core and holds about 20 kB a page. `shard_pages`: the most pages
    a shard holds on average (`SHARD_PAGES`)."""

    def __init__(
        self, at_once: int | None = None, cache: BundleCache | None = None, shard_pages: int = SHARD_PAGES
    ) -> None:
        self.at_once = max(1, workers() if at_once is None else at_once)
        self.records: dict[str, Record] = {}
        self.cache = cache
        self.shard_pages = shard_pages
        self.indexed: list[str] = []  # the shards Pagefind indexed, as "{lang}/{shard}" (others: the cache)
        self._plan: list[Shard] | None = None  # once begun: every shard, in tree and shard order
        self._waiting: list[Shard] = []  # shards to index, not started yet
        self._running: list[tuple[Shard, Service]] = []  # started, oldest first
        self._made: dict[str, Future[dict[str, bytes]]] = {}  # the bundle of each shard to index, once made
        self._driver: threading.Thread | None = None  # takes the bundles and starts the next shards
        self._lock = threading.Lock()  # the thread's starts against `stop`
        self._stopping = False

    @property
    def pages(self) -> int:
        return len(self.records)

    def add(self, path: str, page: bytes) -> Record | None:
        """Take the record of the page at this site path if it is an HTML page with a `data-pagefind-body`."""
        record = None
        if path.endswith(".html") and not path.startswith(OUTSIDE) and BODY in page:
            record = page_record(page)
        if record is not None:
            self.keep(path, record)
        elif path in self.records:  # written again, now without a body
            self._unplanned(path)
            del self.records[path]
        return record

    def keep(self, path: str, record: Record) -> None:
        self._unplanned(path)
        self.records[path] = record

    def _unplanned(self, path: str) -> None:
        if self._plan is not None:
            raise RuntimeError(f"{path}: a page to index was made after the search index began")

    def files(self) -> dict[str, bytes]:
        """Every file of the bundles, {site path: bytes}."""
        return {name: content for bundle in self.bundles() for name, content in bundle.items()}

    def begin(self) -> list[Shard]:
        """Split each tree into its shards and start Pagefind on the first `at_once` shards that the cache
        does not hold; a thread then takes each bundle as soon as Pagefind has made it and starts the next
        shard, so the shards index while the caller makes what is left. No page to index may come after.
        Returns every shard, in tree and shard order."""
        if self._plan is not None:
            return self._plan
        trees: dict[str, list[str]] = {lang: [] for lang in urls.LANGUAGES}
        for path in sorted(self.records):
            trees[language_of(path)].append(path)
        self._plan = []
        for lang, paths in trees.items():
            count = shard_count(len(paths), self.shard_pages)
            shards: list[list[str]] = [[] for _ in range(count)]
            for path in paths:
                shards[shard_of(page_url(path), count)].append(path)
            for number, members in enumerate(shards):
                key = self.key(lang, members) if self.cache is not None else ""
                shard = Shard(lang, number, count, members, key)
                self._plan.append(shard)
                if self.cache is None or not self.cache.has(shard.name, key):
                    self._waiting.append(shard)
                    self._made[shard.name] = Future()
        self._start_next()
        if self._running:
            self._driver = threading.Thread(target=self._drive, name="pagefind", daemon=True)
            self._driver.start()
        return self._plan

    def bundles(self) -> Iterator[dict[str, bytes]]:
        """The files of each tree's shards and their list, {site path: bytes}, in tree and shard order, each
        as soon as it is done (the pages of each shard are given to Pagefind in path order)."""
        plan = self.begin()
        try:
            for shard in plan:
                if shard.number == 0:
                    yield {f"pagefind/{shard.lang}/{MANIFEST}": manifest(shard.count)}
                made = self._made.get(shard.name)
                if made is not None:
                    bundle = made.result()
                    del self._made[shard.name]  # held here no longer than it is written
                else:
                    kept = self.cache.get(shard.name, shard.key) if self.cache is not None else None
                    bundle = kept if kept is not None else self._index(shard)  # changed since `begin` looked
                yield _in_site(shard, bundle)
        finally:
            self.stop()
        if self.cache is not None:
            self.cache.keep_only([shard.name for shard in plan])

    def _drive(self) -> None:
        """The thread `begin` starts: the bundle of the shard started first, once Pagefind has made it (the
        wait on its answer lets the caller run), then the next shard started, until none is left."""
        try:
            while self._running:
                shard, service = self._running[0]
                bundle = _taken(service)
                with self._lock:
                    self._running.pop(0)
                    self._start_next()  # the next shard starts before this one is kept
                self._keep(shard, bundle)
                self._made[shard.name].set_result(bundle)
        except BaseException as exc:  # noqa: BLE001 - given to the caller, who reads the bundles
            with self._lock:
                self._stopping = True
                self._waiting.clear()
            while self._running:
                self._running.pop()[1].stop()
            for made in list(self._made.values()):
                if not made.done():
                    made.set_exception(exc)

    def _index(self, shard: Shard) -> dict[str, bytes]:
        """One shard's bundle, made now."""
        bundle = _taken(self.start(shard))
        self._keep(shard, bundle)
        return bundle

    def _keep(self, shard: Shard, bundle: dict[str, bytes]) -> None:
        if self.cache is not None:
            self.cache.put(shard.name, shard.key, bundle)

    def _start_next(self) -> None:
        while self._waiting and len(self._running) < self.at_once and not self._stopping:
            shard = self._waiting.pop(0)
            self._running.append((shard, self.start(shard)))

    def stop(self) -> None:
        """End the Pagefind processes still running (a build that failed after `begin`), and the thread."""
        with self._lock:
            self._stopping = True
            self._waiting.clear()
            running = [service for _, service in self._running]
        if self._driver is not None:
            for service in running:
                service.process.kill()  # the thread, waiting on its answer, sees it end and stops them all
            self._driver.join()
        while self._running:
            self._running.pop()[1].stop()

    def key(self, lang: str, paths: list[str]) -> str:
        """The hash of everything Pagefind is given for these pages of a tree (and of its version)."""
        digest = hashlib.sha256(f"{_pagefind_version()}\0{lang}\0{_stemmer(lang)}".encode())
        for path in paths:
            record = self.records[path]
            for text in (page_url(path), record.title, record.content):
                encoded = text.encode("utf-8", "surrogatepass")
                digest.update(b"%d:" % len(encoded) + encoded)
        return digest.hexdigest()

    def start(self, shard: Shard) -> Service:
        """A Pagefind process given the pages of one shard, building its bundle."""
        self.indexed.append(shard.name)
        service = Service(shard.name, _stemmer(shard.lang))
        try:
            for path in shard.paths:
                record = self.records[path]
                service.add(page_url(path), record.content, record.title)
            service.request_files()
        except BaseException:
            service.stop()
            raise
        return service


class BundleCache:
    """The last bundle of each shard ("{lang}/{shard}"), in one file per shard under the hash of all that
    made it (`SearchIndex.key`). A file that is not whole (or of another format) counts as missing."""

    FORMAT = b"noks search bundle 1\n"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def file(self, name: str) -> Path:
        return self.folder / f"search-{name.replace('/', '-')}.bundle"

    def has(self, name: str, key: str) -> bool:
        """Whether the shard's file is there under this key (`get` reads it whole)."""
        head = self.FORMAT + key.encode() + b"\n"
        try:
            with open(self.file(name), "rb") as kept:
                return kept.read(len(head)) == head
        except OSError:
            return False

    def get(self, name: str, key: str) -> dict[str, bytes] | None:
        try:
            data = self.file(name).read_bytes()
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

    def put(self, name: str, key: str, bundle: Mapping[str, bytes]) -> None:
        parts = [self.FORMAT, key.encode(), b"\n"]
        for path in sorted(bundle):
            encoded = path.encode()
            parts += [b"%d %d\n" % (len(encoded), len(bundle[path])), encoded, bundle[path]]
        keep(self.file(name), b"".join(parts))

    def keep_only(self, names: list[str]) -> None:
        """Remove the bundles of shards that are no longer made (a tree that doubled, or an older layout)."""
        wanted = {self.file(name).name for name in names}
        try:
            found = [path for path in self.folder.glob("search-*.bundle") if path.name not in wanted]
        except OSError:
            return
        for path in found:
            path.unlink(missing_ok=True)


def _taken(service: Service) -> dict[str, bytes]:
    """The bundle of a started service, which then ends."""
    try:
        return service.files()
    finally:
        service.stop()


def manifest(count: int) -> bytes:
    """The list of a tree's shards, as the search page reads it: their folders beside the list."""
    return json.dumps([f"{number}/" for number in range(count)]).encode() + b"\n"


def _in_site(shard: Shard, bundle: Mapping[str, bytes]) -> dict[str, bytes]:
    """A shard's files at their place in the site; a shard after the first keeps only what a merged index
    reads."""
    merged = shard.number != 0
    return {
        f"pagefind/{shard.name}/{path}": bundle[path]
        for path in sorted(bundle)
        if not merged or path.startswith(MERGED_FILES) or path.endswith(".pf_meta")
    }


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

"""The search bundles: each language tree's shards, made by Pagefind's indexing service from the pages'
text in memory; the same pages give the same bytes; each page is in exactly one shard, the same one
whatever the other pages; an edit indexes its shard again and no other; a missing or failing Pagefind is
a clear error. (Searching them in a browser, in both scripts and over merged shards, is in
test_site_browser.py.)"""

from __future__ import annotations

import gzip
import json
from concurrent.futures import wait
from pathlib import Path

import pytest

from noks.build import Built
from noks.errors import NoksError
from noks.pagefind_service import ALLOCATOR, Service
from noks.search_index import (
    SHARD_PAGES,
    BundleCache,
    SearchIndex,
    Shard,
    html_files,
    language_of,
    page_url,
    search_files,
    shard_count,
    shard_of,
)
from noks.search_text import page_record


def fragments(files: dict[str, bytes], lang: str, shard: int | None = None) -> dict[str, dict]:
    """The decoded page fragments of one language's shards (or of one shard), by URL; a page in two
    shards fails."""
    found: dict[str, dict] = {}
    for name, content in files.items():
        parts = name.split("/")
        if parts[:2] == ["pagefind", lang] and parts[3:4] == ["fragment"] and shard in (None, int(parts[2])):
            fragment = json.loads(gzip.decompress(content).removeprefix(b"pagefind_dcd"))
            assert fragment["url"] not in found
            found[fragment["url"]] = fragment
    return found


def pages_of(site: Path) -> dict[str, bytes]:
    return {path: (site / path).read_bytes() for path in html_files(site)}


def bundle_of(site: Path) -> dict[str, bytes]:
    folder = site / "pagefind"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_build_writes_what_the_pages_give_again_byte_for_byte(fixture_site: Path) -> None:
    built = bundle_of(fixture_site)
    again = search_files(pages_of(fixture_site))
    assert again == built
    assert search_files(pages_of(fixture_site), at_once=1) == built  # one tree after the other
    assert search_files(pages_of(fixture_site), at_once=3) == built  # all at once
    assert {name.split("/")[1] for name in built} == {"sr-Cyrl", "sr-Latn", "en"}
    for lang in ("sr-Cyrl", "sr-Latn", "en"):  # 20 pages a tree: one shard each
        assert json.loads(built[f"pagefind/{lang}/shards.json"]) == ["0/"]
        assert f"pagefind/{lang}/0/pagefind.js" in built and f"pagefind/{lang}/0/pagefind-entry.json" in built


def test_each_tree_holds_exactly_its_pages_with_a_search_body(fixture_site: Path) -> None:
    pages = pages_of(fixture_site)
    files = search_files(pages)
    for lang in ("sr-Cyrl", "sr-Latn", "en"):
        expected = {
            page_url(path)
            for path, page in pages.items()
            if language_of(path) == lang and page_record(page.decode()) is not None
        }
        assert set(fragments(files, lang)) == expected
        assert len(expected) == 20
    entry = json.loads(files["pagefind/sr-Latn/0/pagefind-entry.json"])
    assert list(entry["languages"]) == ["sr"] and entry["languages"]["sr"]["page_count"] == 20


def test_a_fragment_holds_the_page_text_title_and_url(fixture_site: Path) -> None:
    level = fragments(search_files(pages_of(fixture_site)), "en")["/en/level/1/"]
    assert level["meta"] == {"title": "Level 1"}
    assert level["content"].startswith("Level 1. Identifier: https://example.org/noks-test/level/1. Name: Level 1.")
    assert "___" not in level["content"]  # Pagefind read our weight marks (h1 7 … h6 2) and dropped them
    cyrillic = fragments(search_files(pages_of(fixture_site)), "sr-Cyrl")["/level/1/"]
    assert cyrillic["meta"] == {"title": "Ниво 1 – ЉУБАВ, ЊИВА, ЏЕП"}


def test_history_pages_are_left_out(fixture_site: Path) -> None:
    pages = pages_of(fixture_site)
    history = [path for path in pages if "/history/" in path]
    assert history and all(page_record(pages[path].decode()) is None for path in history)
    urls = set(fragments(search_files(pages), "en"))
    assert not any("/history/" in url for url in urls)


def test_a_missing_pagefind_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind"))
    with pytest.raises(NoksError, match="cannot run Pagefind"):
        search_files({"index.html": b"<main data-pagefind-body><p>Hi</p></main>"})


def test_a_service_that_dies_is_a_clear_error() -> None:
    service = Service("en", "en")
    try:
        service.process.kill()
        service.process.wait()
        with pytest.raises(NoksError, match="Pagefind failed on the en pages"):
            for n in range(2000):  # the pipe takes a while to fill before the write fails
                service.add(f"/p{n}/", "word " * 50, "title")
            service.request_files()
            service.files()
    finally:
        service.stop()


@pytest.mark.parametrize("given", [None, "", "thp:never"])
def test_pagefind_asks_its_allocator_for_huge_pages_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch, given: str | None
) -> None:
    """The running Pagefind's own environment holds the allocator's setting: ours when none (or an empty
    one) is given, the one given otherwise; and its bundle is the same either way."""
    name, ours = ALLOCATOR
    bundles = {}
    for setting in (given, "thp:default"):
        if setting is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, setting)
        service = Service("en", "en")
        try:
            environ = Path(f"/proc/{service.process.pid}/environ").read_bytes().split(b"\0")
            expected = setting or ours
            assert f"{name}={expected}".encode() in environ
            service.add("/a/", "huge pages", "A")
            service.request_files()
            bundles[setting] = service.files()
        finally:
            service.stop()
    assert bundles[given] == bundles["thp:default"] and bundles[given]


def test_a_qualification_is_found_by_its_heading_and_lead_only(built_register: Built) -> None:
    files = bundle_of(built_register.site)
    dragons = fragments(files, "en")["/en/qualification/Q-1013-3-002/"]
    assert dragons["meta"] == {"title": "Q-1013-3-002 Cook for dragons"}
    lead = "Prepares hot dishes and keeps the fire going in the giant oven."
    assert dragons["content"] == f"Q-1013-3-002 Cook for dragons. {lead}"
    page = (built_register.site / "en/qualification/Q-1013-3-002/index.html").read_text()
    assert "Grows herbs to supply the kitchen" in page  # a learning outcome: on the page, not in the index
    register = fragments(files, "sr-Latn")["/sr-Latn/register/qualifications/"]
    assert "Q-1013-3-002" not in register["content"]  # the register's table is not indexed, its pages are


def sharded(pages: dict[str, bytes], cache: BundleCache | None = None, most: int = 8) -> SearchIndex:
    index = SearchIndex(cache=cache, shard_pages=most)
    for path, page in pages.items():
        index.add(path, page)
    return index


def indexed_with(cache: BundleCache, pages: dict[str, bytes]) -> tuple[dict[str, bytes], list[str]]:
    """The bundles of these pages made with this cache, and the shards Pagefind had to index."""
    index = sharded(pages, cache, most=SHARD_PAGES)
    return index.files(), index.indexed


def test_a_tree_whose_texts_did_not_change_comes_from_the_cache(fixture_site: Path, tmp_path: Path) -> None:
    pages, cache = pages_of(fixture_site), BundleCache(tmp_path / "site.cache")
    built = bundle_of(fixture_site)
    assert indexed_with(cache, pages) == (built, ["sr-Cyrl/0", "sr-Latn/0", "en/0"])
    assert indexed_with(cache, pages) == (built, [])  # nothing changed: no Pagefind at all
    edited = dict(pages)
    path = "en/level/1/index.html"
    assert b"Level 1" in edited[path]
    edited[path] = edited[path].replace(b"Level 1", b"Level one")
    files, indexed = indexed_with(cache, edited)
    assert indexed == ["en/0"] and files == search_files(edited)  # the other trees as they were
    assert files != built
    kept = tmp_path / "site.cache" / "search-sr-Latn-0.bundle"
    kept.write_bytes(kept.read_bytes()[: kept.stat().st_size // 2])
    assert indexed_with(cache, edited) == (files, ["sr-Latn/0"])  # a file cut short counts as missing


def test_a_tree_has_the_least_power_of_two_of_shards_that_keeps_them_small() -> None:
    assert [shard_count(n, 4096) for n in (0, 1, 4096, 4097, 8192, 8193, 10_338, 40_000)] == [1, 1, 1, 2, 2, 4, 4, 16]
    assert shard_count(20, 8) == 4


def test_a_page_keeps_its_shard_whatever_the_hash_seed_and_splits_when_the_count_doubles() -> None:
    assert shard_of("/en/level/1/", 1) == 0
    assert shard_of("/en/level/1/", 1 << 32) == 1_604_023_031  # its CRC-32: no per-process hash
    for url in (f"/en/qualification/Q-{n}/" for n in range(200)):
        assert shard_of(url, 8) % 4 == shard_of(url, 4)  # a shard of 4 splits into two of 8


def test_each_page_is_in_one_shard_and_the_others_hold_only_what_a_merged_index_reads(fixture_site: Path) -> None:
    pages = pages_of(fixture_site)
    files = sharded(pages).files()
    whole = search_files(pages)
    for lang in ("sr-Cyrl", "sr-Latn", "en"):
        assert json.loads(files[f"pagefind/{lang}/shards.json"]) == ["0/", "1/", "2/", "3/"]
        assert set(fragments(files, lang)) == set(fragments(whole, lang))  # every page, each once
        for shard in range(4):
            urls = set(fragments(files, lang, shard))
            assert urls and all(shard_of(url, 4) == shard for url in urls)
            entry = json.loads(files[f"pagefind/{lang}/{shard}/pagefind-entry.json"])
            assert sum(language["page_count"] for language in entry["languages"].values()) == len(urls)
        assert f"pagefind/{lang}/0/pagefind.js" in files
        merged = {name.split("/", 3)[3].split("/")[0] for name in files if name.startswith(f"pagefind/{lang}/1/")}
        assert merged - {"pagefind-entry.json", "index", "fragment"} == {
            name for name in merged if name.endswith(".pf_meta")
        }
    assert sharded(pages, most=8).files() == files  # the same bytes again


def test_an_edit_indexes_its_shard_again_and_no_other(fixture_site: Path, tmp_path: Path) -> None:
    pages, cache = pages_of(fixture_site), BundleCache(tmp_path / "site.cache")
    (tmp_path / "site.cache").mkdir()
    (tmp_path / "site.cache" / "search-en.bundle").write_bytes(b"a bundle of an older layout")
    first = sharded(pages, cache)
    files = first.files()
    assert len(first.indexed) == 12
    assert sorted(p.name for p in (tmp_path / "site.cache").iterdir()) == sorted(
        f"search-{lang}-{shard}.bundle" for lang in ("sr-Cyrl", "sr-Latn", "en") for shard in range(4)
    )  # the older layout's bundle is gone
    edited = dict(pages)
    path = "en/level/1/index.html"
    edited[path] = edited[path].replace(b"Level 1", b"Level one")
    again = sharded(edited, cache)
    assert again.files() == sharded(edited).files() != files
    assert again.indexed == [f"en/{shard_of(page_url(path), 4)}"]


def recorded(index: SearchIndex, kill_after: int | None = None) -> list[Service]:
    """Every Pagefind process the index starts, in order (the one after the first `kill_after` killed at
    once: it fails in the thread that takes the bundles)."""
    started: list[Service] = []
    start = index.start

    def recording(shard: Shard) -> Service:
        service = start(shard)
        if len(started) == kill_after:
            service.process.kill()
        started.append(service)
        return service

    index.start = recording  # type: ignore[method-assign]
    return started


def test_begun_early_the_bundles_are_the_same_and_no_page_may_come_after(fixture_site: Path) -> None:
    pages = pages_of(fixture_site)
    index = sharded(pages)
    started = recorded(index)
    plan = index.begin()
    assert len(started) == index.at_once < len(plan)  # Pagefind runs on the first shards when `begin` returns
    with pytest.raises(RuntimeError, match="en/level/1/index.html: a page to index was made after"):
        index.add("en/level/1/index.html", pages["en/level/1/index.html"])
    index.add("pagefind/en/0/pagefind.js", b"not a page")  # a file of the bundles is no page
    assert index.files() == sharded(pages).files()
    assert len(started) == len(plan) and all(service.process.poll() is not None for service in started)
    assert index._made == {}  # no bundle is held once written


def test_begun_early_every_shard_is_indexed_before_the_bundles_are_asked_for(fixture_site: Path) -> None:
    index = sharded(pages_of(fixture_site))
    plan = index.begin()
    done, waiting = wait(index._made.values(), timeout=120)  # the caller makes the rest of the site meanwhile
    assert not waiting and len(done) == len(plan) > index.at_once
    index._driver.join(timeout=60)  # it ends once the last bundle is given
    assert not index._driver.is_alive() and index._running == []


def test_stop_ends_the_pagefind_processes_of_a_build_that_failed(fixture_site: Path) -> None:
    index = sharded(pages_of(fixture_site))
    started = recorded(index)
    index.begin()
    assert started
    index.stop()
    assert all(service.process.poll() is not None for service in started)
    assert index._running == [] and index._waiting == [] and not index._driver.is_alive()


def test_a_pagefind_that_fails_while_begun_is_the_callers_error_and_every_process_ends(fixture_site: Path) -> None:
    index = sharded(pages_of(fixture_site))
    started = recorded(index, kill_after=index.at_once)  # the first shard the thread starts
    with pytest.raises(NoksError, match="Pagefind failed on the"):
        index.files()
    assert len(started) > index.at_once and all(service.process.poll() is not None for service in started)
    assert index._running == [] and not index._driver.is_alive()

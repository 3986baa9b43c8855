"""The search bundles: one per language tree, made by Pagefind's indexing service from the pages' text in
memory; the same pages give the same bytes; a missing or failing Pagefind is a clear error. (Searching
them in a browser, in both scripts, is in test_site_browser.py.)"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from noks.build import Built
from noks.errors import NoksError
from noks.pagefind_service import Service
from noks.search_index import BundleCache, SearchIndex, html_files, language_of, page_url, search_files
from noks.search_text import page_record


def fragments(files: dict[str, bytes], lang: str) -> dict[str, dict]:
    """The decoded page fragments of one language's bundle, by URL."""
    prefix = f"pagefind/{lang}/fragment/"
    decoded = [
        json.loads(gzip.decompress(v).removeprefix(b"pagefind_dcd")) for k, v in files.items() if k.startswith(prefix)
    ]
    return {fragment["url"]: fragment for fragment in decoded}


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
    for lang in ("sr-Cyrl", "sr-Latn", "en"):
        assert f"pagefind/{lang}/pagefind.js" in built and f"pagefind/{lang}/pagefind-entry.json" in built


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
    entry = json.loads(files["pagefind/sr-Latn/pagefind-entry.json"])
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


def indexed_with(cache: BundleCache, pages: dict[str, bytes]) -> tuple[dict[str, bytes], list[str]]:
    """The bundles of these pages made with this cache, and the trees Pagefind had to index."""
    index = SearchIndex(cache=cache)
    for path, page in pages.items():
        index.add(path, page)
    return index.files(), index.indexed


def test_a_tree_whose_texts_did_not_change_comes_from_the_cache(fixture_site: Path, tmp_path: Path) -> None:
    pages, cache = pages_of(fixture_site), BundleCache(tmp_path / "site.cache")
    built = bundle_of(fixture_site)
    assert indexed_with(cache, pages) == (built, ["sr-Cyrl", "sr-Latn", "en"])
    assert indexed_with(cache, pages) == (built, [])  # nothing changed: no Pagefind at all
    edited = dict(pages)
    path = "en/level/1/index.html"
    assert b"Level 1" in edited[path]
    edited[path] = edited[path].replace(b"Level 1", b"Level one")
    files, indexed = indexed_with(cache, edited)
    assert indexed == ["en"] and files == search_files(edited)  # the other trees as they were
    assert files != built
    kept = tmp_path / "site.cache" / "search-sr-Latn.bundle"
    kept.write_bytes(kept.read_bytes()[: kept.stat().st_size // 2])
    assert indexed_with(cache, edited) == (files, ["sr-Latn"])  # a file cut short counts as missing

"""The site in a real browser (Debian's Chromium driven by Playwright): each language, the language
switch, search in both scripts, the escaping of a label holding <script>, and axe-core (WCAG 2.1 AA)
on every page template. Screenshots go to test-output/site/."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from noks.search_index import SearchIndex, html_files, shard_count, shard_of, write_search
from noks.site_writer import SiteWriter

from .browser import WCAG_21_AA, serving
from .conftest import ROOT

SHOTS = ROOT / "test-output" / "site"
TEMPLATES = {  # one page of each template (and the search and 404 pages), Cyrillic tree
    "home": "index.html",
    "level": "level/6.1/index.html",
    "code": "code-list/2019/62/index.html",
    "prior": "pre-2018/master-of-science/index.html",
    "scheme": "pre-2018/index.html",
    "resource": "legal/law-on-noks/index.html",
    "search": "search/index.html",
    "not-found": "404.html",
}


@pytest.fixture(scope="module")
def site_url(main_site: Path) -> Iterator[str]:
    with serving(main_site) as url:
        yield url


@pytest.fixture(scope="module")
def fixture_url(fixture_site: Path) -> Iterator[str]:
    with serving(fixture_site) as url:
        yield url


@pytest.fixture(scope="module")
def sharded_site(main_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project's site with each tree's search index in shards of about 64 pages, merged by the
    search page (the real site's trees fit in one shard each)."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(main_site, site, ignore=shutil.ignore_patterns("pagefind"))
    index = SearchIndex(shard_pages=64)
    for path in html_files(site):
        index.add(path, (site / path).read_bytes())
    write_search(index, SiteWriter(site, clear=False))
    return site


@pytest.fixture(scope="module")
def sharded_url(sharded_site: Path) -> Iterator[str]:
    with serving(sharded_site) as url:
        yield url


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(
    ("tree", "lang", "home", "level"),
    [
        ("", "sr-Cyrl", "Национални оквир квалификација Србије", "6.1 Ниво 6.1"),
        ("sr-Latn/", "sr-Latn", "Nacionalni okvir kvalifikacija Srbije", "6.1 Nivo 6.1"),
        ("en/", "en", "Serbian National Qualifications Framework", "6.1 Level 6.1"),
    ],
)
def test_home_and_level_page_in_each_language(page: Page, site_url: str, tree: str, lang: str, home: str, level: str):
    page.goto(site_url + tree + "index.html")
    assert page.get_attribute("html", "lang") == lang
    assert page.inner_text("h1") == home
    assert page.locator("table.levels tbody tr").count() == 12
    assert page.locator(".diagram svg a.box").count() == 12
    shot(page, f"home-{lang}")
    page.locator("table.levels").get_by_role("link", name=level.split(" ", 1)[1], exact=True).click()
    assert page.url == f"{site_url}{tree}level/6.1/index.html"
    assert page.inner_text("h1") == level
    shot(page, f"level-6.1-{lang}")


def test_language_switch_keeps_the_resource(page: Page, site_url: str) -> None:
    page.goto(site_url + "sr-Latn/code-list/2019/62/index.html")
    page.get_by_role("navigation", name="Jezik i pismo").get_by_role("link", name="English").click()
    assert page.url == site_url + "en/code-list/2019/62/index.html"
    assert page.get_attribute("html", "lang") == "en"
    page.get_by_role("navigation", name="Language and script").get_by_role("link", name="Ћирилица").click()
    assert page.url == site_url + "code-list/2019/62/index.html"
    assert page.inner_text(".crumbs li:first-child") == "Почетна"


SEARCHES = [
    ("", "магистар", "pre-2018/master-of-science/", "Магистар наука"),
    ("", "magistar", "pre-2018/master-of-science/", "Магистар наука"),
    ("sr-Latn/", "доктор", "sr-Latn/pre-2018/doctor-of-science/", "Doktor nauka"),
    ("en/", "doctor", "en/pre-2018/doctor-of-science/", "Doctor of Science (doktor nauka)"),
]


@pytest.mark.parametrize(("tree", "query", "result", "title"), SEARCHES)
def test_search_finds_pages_whichever_script_you_type(
    page: Page, site_url: str, tree: str, query: str, result: str, title: str
) -> None:
    page.goto(site_url + tree + "search/index.html")
    page.fill("#search-input", query)
    page.press("#search-input", "Enter")
    link = page.locator(f'#search-results a[href="/{result}"]')
    link.wait_for(timeout=10_000)
    shot(page, f"search-{tree.strip('/') or 'sr-Cyrl'}-{query}")
    link.click()
    page.wait_for_url(site_url + result)
    assert page.inner_text("h1") == title


def entry(bundle: Path) -> dict[str, int]:
    """The pages of each language in one Pagefind index."""
    languages = json.loads((bundle / "pagefind-entry.json").read_text())["languages"]
    return {name: language["page_count"] for name, language in languages.items()}


def test_the_searched_pages_lie_in_several_shards(main_site: Path, sharded_site: Path) -> None:
    for lang in ("sr-Cyrl", "sr-Latn", "en"):
        (whole,) = entry(main_site / "pagefind" / lang / "0").values()
        shards = json.loads((sharded_site / "pagefind" / lang / "shards.json").read_text())
        assert len(shards) == shard_count(whole, 64) > 1
        assert sum(sum(entry(sharded_site / "pagefind" / lang / shard).values()) for shard in shards) == whole
    count = len(json.loads((sharded_site / "pagefind" / "en" / "shards.json").read_text()))
    assert shard_of("/en/pre-2018/doctor-of-science/", count) != 0  # found in a merged shard, not the first


def searched(page: Page, url: str, query: str) -> tuple[str, list[str]]:
    """The status line and the result links of a search on the search page at this URL."""
    page.goto(url)
    page.fill("#search-input", query)
    page.press("#search-input", "Enter")
    page.locator("#search-results li").first.wait_for(timeout=10_000)
    page.wait_for_function("document.getElementById('search-status').textContent !== ''")
    return page.inner_text("#search-status"), page.eval_on_selector_all(
        "#search-results a", "links => links.map((a) => a.getAttribute('href'))"
    )


@pytest.mark.parametrize(("tree", "query", "result", "title"), SEARCHES)
def test_search_over_merged_shards_finds_every_page_one_index_finds(
    page: Page, site_url: str, sharded_url: str, main_site: Path, tree: str, query: str, result: str, title: str
) -> None:  # fmt: skip
    lang = {"": "sr-Cyrl", "sr-Latn/": "sr-Latn", "en/": "en"}[tree]
    assert json.loads((main_site / "pagefind" / lang / "shards.json").read_text()) == ["0/"]
    one_status, one_links = searched(page, site_url + tree + "search/index.html", query)
    status, links = searched(page, sharded_url + tree + "search/index.html", query)
    # every page one index finds (and its count); Pagefind falls back to words that start with the query in
    # an index where no page holds the word itself, so a shard can add a page ("доктор": 18 against 17)
    assert f"/{result}" in links and set(one_links) <= set(links)
    assert int(status.split()[-1]) >= int(one_status.split()[-1]) == len(one_links)
    assert len(links) - len(one_links) <= 2
    shot(page, f"search-sharded-{lang}-{query}")
    page.locator(f'#search-results a[href="/{result}"]').click()
    page.wait_for_url(sharded_url + result)
    assert page.inner_text("h1") == title


def test_a_label_holding_a_script_element_shows_as_text(page: Page, fixture_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(fixture_url + "en/code-list/10/index.html")
    assert page.inner_text("h1") == "Code 10 <script>alert(1)</script>"
    assert page.locator("main script").count() == 0
    page.goto(fixture_url + "en/level/1/index.html")
    assert "Code 10 <script>alert(1)</script>" in page.inner_text("main")
    assert dialogs == []


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_no_wcag_21_aa_violations(page: Page, site_url: str, template: str) -> None:
    page.goto(site_url + TEMPLATES[template])
    if template == "search":
        page.fill("#search-input", "nivo")
        page.locator("#search-results li").first.wait_for(timeout=10_000)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_phone_width_has_no_sideways_scroll(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    tab = context.new_page()
    for name in ("index.html", "level/6.1/index.html", "code-list/2019/70/index.html"):
        tab.goto(site_url + name)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360, name
    shot(tab, "phone-code-70")
    context.close()

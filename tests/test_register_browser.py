"""The register pages in a real browser (Debian's Chromium via Playwright): the filters, a level's link
to its part of the register, search finding a qualification in either script, and axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from noks.build import Built

from .browser import WCAG_21_AA, serving
from .test_site_browser import shot


@pytest.fixture(scope="module")
def register_url(built_register: Built) -> Iterator[str]:
    with serving(built_register.site) as url:
        yield url


def visible_codes(page: Page) -> list[str]:
    return page.locator("#register-table tbody tr:visible td:first-child").all_inner_texts()


def test_filters_narrow_the_list(page: Page, register_url: str) -> None:
    page.goto(register_url + "en/register/qualifications/index.html")
    assert len(visible_codes(page)) == 11
    page.select_option("#filter-level", "6")
    assert visible_codes(page) == ["Q-0215-62-007", "Q-0613-61-006"]
    page.select_option("#filter-type", "academic")
    assert visible_codes(page) == ["Q-0613-61-006"]
    assert page.inner_text("#register-status") == "Qualifications shown: 1 of 11."
    assert page.url.endswith("#level=6&type=academic")
    page.select_option("#filter-level", "")
    page.select_option("#filter-type", "")
    page.select_option("#filter-field", "07")
    assert visible_codes(page) == ["Q-0713-4-001"]
    shot(page, "register-filtered")


def test_a_level_page_opens_its_part_of_the_register(page: Page, register_url: str) -> None:
    page.goto(register_url + "sr-Latn/level/4/index.html")
    page.click("p.register-link a")
    expect(page.locator("#filter-level")).to_have_value("4")  # once the register page has read its address
    assert visible_codes(page) == ["Q-0411-4-011", "Q-0713-4-001"]


@pytest.mark.parametrize(("tree", "query"), [("", "kuvar zmajeve"), ("sr-Latn/", "кувар змајеве"), ("en/", "dragons")])
def test_search_finds_a_qualification(page: Page, register_url: str, tree: str, query: str) -> None:
    page.goto(register_url + tree + "search/index.html")
    page.fill("#search-input", query)
    page.press("#search-input", "Enter")
    link = page.locator(f'#search-results a[href="/{tree}qualification/Q-1013-3-002/"]')
    link.wait_for(timeout=10_000)


@pytest.mark.parametrize("path", ["register/qualifications/index.html", "en/qualification/Q-0613-61-006/index.html"])
def test_no_wcag_21_aa_violations(page: Page, register_url: str, path: str) -> None:
    page.goto(register_url + path)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()

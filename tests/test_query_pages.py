"""The example queries on the site (a page per query with its answer, in three languages) and the
in-browser query page, run in real Chromium over the site served on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from noks.build import Built, build
from noks.examples import load_examples
from noks.project import Project

from .browser import WCAG_21_AA, serving
from .conftest import ROOT

EXAMPLES = {example.slug: example for example in load_examples()}
SHOTS = ROOT / "test-output" / "query"


def page_text(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def code_block(html: str) -> str:
    """The query shown on an example page, as text."""
    return unescape(html.split('<pre class="sparql"><code>')[-1].split("</code></pre>", 1)[0])


def body_rows(html: str) -> list[str]:
    return re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>", 1)[1].split("</tbody>", 1)[0])


def test_a_page_per_example_in_three_languages(built_main: Built) -> None:
    site = built_main.site
    for slug, example in EXAMPLES.items():
        assert (site / "query" / f"{slug}.rq").read_text(encoding="utf-8") == example.text
        for prefix, lang in (("", "sr-Cyrl"), ("sr-Latn/", "sr-Latn"), ("en/", "en")):
            html = page_text(site, f"{prefix}query/{slug}/index.html")
            assert f'<html lang="{lang}">' in html
            assert f"<h1>{example.questions[lang]}</h1>" in html
    listing = page_text(site, "en/query/index.html")
    assert listing.count('<li><a href="') >= len(EXAMPLES)
    assert '<a href="eqf-6/index.html">Which NOKS levels and codes correspond to EQF level 6?</a>' in listing


def test_example_page_shows_the_answer_with_links(built_main: Built) -> None:
    html = page_text(built_main.site, "en/query/eqf-6/index.html")
    rows = body_rows(html)
    assert len(rows) == 5 and "<p>Rows: 5</p>" in html
    for code in ("60", "61", "62", "63"):
        assert f'<a href="../../code-list/2019/{code}/index.html">' in html
    assert '<a href="../../level/6/index.html">Level 6</a>' in rows[0]
    assert (
        '<a href="../index.html?example=eqf-6#editor">' in html
        and '<a href="../../../query/eqf-6.rq" download>' in html
    )


def test_labels_follow_the_page_language(built_main: Built) -> None:
    site = built_main.site
    cyrillic = page_text(site, "query/pre-2018-equivalents/index.html")
    latin = page_text(site, "sr-Latn/query/pre-2018-equivalents/index.html")
    english = page_text(site, "en/query/pre-2018-equivalents/index.html")
    assert len(body_rows(cyrillic)) == len(body_rows(latin)) == len(body_rows(english)) == 15
    assert ">I степен стручне спреме</a>" in cyrillic and 'VALUES ?language { "sr-Cyrl" }' in code_block(cyrillic)
    assert ">I stepen stručne spreme</a>" in latin and 'VALUES ?language { "sr-Latn" }' in code_block(latin)
    assert code_block(english) == EXAMPLES["pre-2018-equivalents"].text


def test_ask_and_construct_pages(built_main: Built) -> None:
    site = built_main.site
    assert '<p class="answer"><strong>no</strong></p>' in page_text(site, "en/query/is-6.1-exactly-eqf-6/index.html")
    assert '<p class="answer"><strong>не</strong></p>' in page_text(site, "query/is-6.1-exactly-eqf-6/index.html")
    turtle = page_text(site, "en/query/eqf-mapping-graph/index.html")
    assert "&lt;level/6.1&gt;\n    skos:broadMatch eqf:6 ;\n    skos:notation &#34;6.1&#34; ." in turtle


def test_engine_is_copied_from_node_modules(built_main: Built) -> None:
    package = ROOT / "node_modules" / "oxigraph"
    assert package.is_dir(), "run `npm ci` (tests/setup.sh does)"
    for name in ("web.js", "web_bg.wasm"):
        assert (built_main.site / "static" / "oxigraph" / name).read_bytes() == (package / name).read_bytes()
    html = page_text(built_main.site, "en/query/index.html")
    assert '<form class="query-form" id="query-form" data-dump="../../noks.ttl"' in html
    assert '<script type="module" src="../../static/query.js"></script>' in html


def test_without_the_engine_the_page_says_so(fixture_project: Project) -> None:
    assert not (fixture_project.root / "node_modules").exists()
    site = build(fixture_project).site
    html = page_text(site, "en/query/index.html")
    assert "The in-browser query engine is not installed in this build of the site." in html
    assert "query.js" not in html and not (site / "static" / "oxigraph").exists()


@pytest.fixture(scope="module")
def browser_page(built_main: Built, browser: Browser) -> Iterator[tuple[Page, str, list[str]]]:
    failed: list[str] = []
    with serving(built_main.site, routes={}) as url:
        page = browser.new_page()
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.on("requestfailed", lambda r: failed.append(r.url))
        yield page, url.rstrip("/"), failed
        page.close()


def run(page: Page, prefix: str) -> str:
    page.click("#query-form button[type=submit]")
    page.wait_for_function(f"document.getElementById('query-status').textContent.startsWith({prefix!r})", timeout=30000)
    return page.text_content("#query-status") or ""


def test_in_browser_query_page(browser_page: tuple[Page, str, list[str]]) -> None:
    page, root, failed = browser_page
    page.goto(f"{root}/en/query/index.html?example=eqf-6#editor")
    assert page.input_value("#query-example") == "eqf-6"
    assert page.input_value("#query-text") == EXAMPLES["eqf-6"].text
    assert run(page, "Rows") == "Rows: 5"
    cells = page.locator("#query-results tbody tr").all_inner_texts()
    assert [re.findall(r"\t(6\d)$", row) for row in cells] == [[], ["60"], ["61"], ["62"], ["63"]]
    assert cells[1].split("\t")[:4] == ["<level/6.1>", "6.1", "skos:broadMatch", "<code-list/2019/60>"]
    page.select_option("#query-example", "is-6.1-exactly-eqf-6")
    run(page, "")
    page.wait_for_selector("#query-results p.answer")
    assert page.inner_text("#query-results") == "no"
    page.fill("#query-text", "SELECT ?x WHERE { ?x ?y }")
    assert run(page, "Error").startswith("Error: error at 1:26")
    assert [url for url in failed if "/static/" in url or url.endswith(".ttl")] == []


def test_in_browser_query_page_in_cyrillic(browser_page: tuple[Page, str, list[str]]) -> None:
    page, root, _ = browser_page
    page.goto(f"{root}/query/index.html?example=preconditions-7.1#editor")
    assert run(page, "Број") == "Број редова: 4"
    assert "Интегрисане академске студије" in page.inner_text("#query-results")


def test_query_pages_are_accessible_and_fit_a_phone(browser_page: tuple[Page, str, list[str]]) -> None:
    page, root, _ = browser_page
    page.goto(f"{root}/query/index.html?example=eqf-6#editor")
    run(page, "Број")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "query-page.png"), full_page=True)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    page.goto(f"{root}/query/preconditions-7.1/index.html")
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=str(SHOTS / "example-page.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    try:
        for path in ("query/index.html", "query/preconditions-7.1/index.html", "en/query/eqf-mapping-graph/index.html"):
            page.goto(f"{root}/{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})

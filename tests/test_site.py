"""site: the HTML site of the real project and of the fixture: every page valid HTML (Nu validator), no
broken internal link (a crawler over the served site), a page per resource in three languages, escaping,
sitemap, robots.txt, server rules."""

from __future__ import annotations

import http.client
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .browser import serving
from .conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LOADED = {("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src")}


class Page(HTMLParser):
    """The links and ids of one HTML page; `loads` are the URLs the page loads by itself (not `<a>`)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.loads: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            if name in ("href", "src"):
                self.links.append(value)
                if (tag, name) in LOADED and not (tag == "link" and ("rel", "alternate") in attrs):
                    self.loads.append(value)


@pytest.fixture(scope="module")
def served(main_site: Path) -> Iterator[str]:
    with serving(main_site) as url:
        yield url


def fetch(url: str) -> tuple[int, str, bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", parts.path, headers={"Accept": "text/html,*/*;q=0.8"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader("Content-Type") or "", body


def test_no_broken_internal_link_and_nothing_loaded_from_outside(served: str, main_site: Path) -> None:
    todo = [served, served + "sr-Latn/index.html", served + "en/index.html"]
    pages: dict[str, Page] = {}
    checked: dict[str, int] = {}
    anchors: list[tuple[str, str, str]] = []  # (from page, to page, fragment)
    while todo:
        url = todo.pop()
        if url in checked:
            continue
        status, kind, body = fetch(url)
        checked[url] = status
        if status != 200 or not kind.startswith("text/html"):
            continue
        page = pages[url] = Page()
        page.feed(body.decode("utf-8"))
        assert [x for x in page.loads if urlsplit(x).scheme not in ("", "data")] == [], url
        for link in page.links:
            target = urljoin(url, link)
            if not target.startswith(served):
                assert urlsplit(link).scheme in ("http", "https", "data"), f"{url}: {link}"
                continue
            address, _, fragment = target.partition("#")
            if fragment:
                anchors.append((url, address, unquote(fragment)))
            todo.append(address)
    broken = sorted(url for url, status in checked.items() if status != 200)
    assert broken == []
    missing = sorted({f"{to[len(served) :]}#{f}" for _, to, f in anchors if f not in pages[to].ids})
    assert missing == []
    html = {str(p.relative_to(main_site)) for p in main_site.rglob("*.html")} - {"404.html"}
    reached = {unquote(urlsplit(url).path).lstrip("/") or "index.html" for url in pages}
    assert html - reached == set(), "pages no link leads to"
    assert len(pages) > 300


def test_every_resource_has_a_page_in_three_languages_with_its_data(main_site: Path) -> None:
    documents = sorted(p.parent.relative_to(main_site) for p in main_site.rglob("index.ttl"))
    assert len(documents) > 100
    for folder in documents:
        for tree in ("", "sr-Latn/", "en/"):
            page = main_site / tree / folder / "index.html"
            assert page.is_file(), page
        html = (main_site / "en" / folder / "index.html").read_text(encoding="utf-8")
        depth = "../" * (len(folder.parts) + 1)
        assert f'<link rel="alternate" type="text/turtle" href="{depth}{folder.as_posix()}/index.ttl">' in html


def test_level_pages_show_codes_eqf_and_cycle_by_their_labels(main_site: Path) -> None:
    html = (main_site / "en" / "level" / "6.1" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert '<a href="http://data.europa.eu/snb/eqf/6">EQF level 6</a>' in html
    assert '<a href="../../qf-ehea/first-cycle/index.html">First cycle</a>' in html
    assert '<span class="notation">60</span>' in html and '<span class="notation">61</span>' in html
    assert '"@type": "DefinedTerm"' in html and '"termCode": "6.1"' in html
    home = (main_site / "index.html").read_text(encoding="utf-8")
    rows = [line for line in home.splitlines() if line.startswith("    <tr")]
    order = [row.split('index.html">', 1)[1].split("<", 1)[0] for row in rows]
    assert order[5:8] == ["Ниво 6", "Ниво 6.1", "Ниво 6.2"] and len(order) == 12


def test_a_label_holding_a_script_element_is_text(fixture_site: Path) -> None:
    html = (fixture_site / "en" / "code-list" / "10" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Code 10 &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
    assert "<script>alert" not in html
    assert '"name": "Code 10 \\u003cscript\\u003ealert(1)\\u003c/script\\u003e"' in html
    assert html.count("<script") == 1  # the page's own schema.org JSON-LD


def test_sitemap_robots_and_server_rules(main_site: Path) -> None:
    sitemap = ET.parse(main_site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = [u.findtext("s:loc", namespaces=ns) for u in sitemap.findall("s:url", ns)]
    pages = [p for p in main_site.rglob("index.html")]
    assert len(locs) == len(set(locs)) == len(pages)
    assert "https://w3id.org/noks/sr-Latn/level/6.1/" in locs
    first = sitemap.find("s:url", ns)
    assert [link.get("hreflang") for link in first.findall("x:link", ns)] == ["sr-Cyrl", "sr-Latn", "en"]
    assert (
        main_site / "robots.txt"
    ).read_text() == "User-agent: *\nAllow: /\nSitemap: https://w3id.org/noks/sitemap.xml\n"
    assert "RewriteRule ^(.+?)/?$ $1/index.ttl [L]" in (main_site / ".htaccess").read_text()
    assert '"~*(text/turtle|application/x-turtle)" "index.ttl";' in (main_site / "nginx.conf").read_text()
    assert (main_site / "404.html").is_file() and (main_site / "static" / "style.css").is_file()
    assert sorted(p.name for p in (main_site / "pagefind").iterdir()) == ["en", "sr-Cyrl", "sr-Latn"]


@pytest.mark.parametrize("which", ["main_site", "fixture_site"])
def test_every_page_is_valid_html(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    java = shutil.which("java")
    assert java and VNU.is_file(), "run tests/setup.sh (installs Java and the Nu HTML checker, vnu-jar)"
    done = subprocess.run(
        [java, "-Xss1m", "-jar", str(VNU), "--skip-non-html", "--errors-only", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[:4000]

"""The register on the site: a page per qualification in three languages, linked from its level and its
field, its RDF documents, the register page with its filters, the sitemap and the search index."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

from noks.build import Built

from .conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CODES = [
    "Q-0011-1-004",
    "Q-0215-62-007",
    "Q-0222-71-008",
    "Q-0311-8-010",
    "Q-0411-4-011",
    "Q-0532-5-005",
    "Q-0613-61-006",
    "Q-0713-4-001",
    "Q-0841-2-003",
    "Q-0914-72-009",
    "Q-1013-3-002",
]


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_qualification_has_pages_and_documents(built_register: Built) -> None:
    site = built_register.site
    assert sorted(p.name for p in (site / "qualification").iterdir()) == CODES
    for code in CODES:
        for tree in ("", "sr-Latn/", "en/"):
            assert (site / tree / "qualification" / code / "index.html").is_file()
        assert (site / "qualification" / code / "index.ttl").is_file()
        assert json.loads((site / "qualification" / code / "index.jsonld").read_text())["@graph"]


def test_qualification_page_in_three_languages(built_register: Built) -> None:
    site = built_register.site
    cyrillic = html(site, "qualification/Q-1013-3-002/index.html")
    latin = html(site, "sr-Latn/qualification/Q-1013-3-002/index.html")
    english = html(site, "en/qualification/Q-1013-3-002/index.html")
    assert '<h1><span class="notation">Q-1013-3-002</span> Кувар за змајеве</h1>' in cyrillic
    assert '<h1><span class="notation">Q-1013-3-002</span> Kuvar za zmajeve</h1>' in latin
    assert '<h1><span class="notation">Q-1013-3-002</span> Cook for dragons</h1>' in english
    assert '<li id="outcome-3">Његовањем зачинског биља обезбеђује намирнице</li>' in cyrillic
    assert '<a href="../../level/3/index.html">Level 3</a>' in english  # from en/qualification/…
    assert '<a href="http://data.europa.eu/snb/eqf/3">EQF level 3</a>' in english  # derived, never typed
    assert '<a href="../../isced-f/1013/index.html">1013 Hotel, restaurants and catering</a>' in english
    assert "<dd>3 years</dd>" in english and "<dd>3 године</dd>" in cyrillic
    assert "<dd>20 May 2021</dd>" in english
    assert '"@type": "EducationalOccupationalCredential"' in english
    untranslated = html(site, "en/qualification/Q-0411-4-011/index.html")  # no English: Serbian, marked
    assert '<span lang="sr-Latn">Računovođa patuljastih rudnika</span>' in untranslated


def test_level_and_field_pages_link_to_their_qualifications(built_register: Built) -> None:
    site = built_register.site
    sublevel = html(site, "en/level/6.1/index.html")
    assert '<a href="../../qualification/Q-0613-61-006/index.html">Teleportation software engineer</a>' in sublevel
    level = html(site, "en/level/6/index.html")  # 6.1 and 6.2 count as level 6
    assert 'index.html#level%3D6">All qualifications of this level in the register (2)' in level
    field = html(site, "en/isced-f/07/index.html")
    assert '#field%3D07">All qualifications of this field in the register (1)' in field
    assert '<a href="../../qualification/Q-0713-4-001/index.html">' in html(site, "en/isced-f/0713/index.html")


def test_register_page_lists_and_filters(built_register: Built) -> None:
    page = html(built_register.site, "en/register/qualifications/index.html")
    rows = re.findall(r'<tr data-level="([^"]*)" data-type="([^"]*)" data-field="([^"]*)">', page)
    assert len(rows) == 11
    assert ("6 6.1", "academic", "06 061 0613") in rows
    options = re.findall(r'<select id="filter-(\w+)"', page)
    assert options == ["level", "type", "field"]
    assert '<option value="6.1">Level 6.1</option>' in page
    assert 'data-template="Qualifications shown: {n} of 11."' in page
    assert '<script src="../../../static/register.js" defer></script>' in page
    assert 'href="../../../register/qualifications/register.csv-metadata.json"' in page
    assert 'href="../../../eu/qualifications.rdf"' in page


def test_pages_are_in_the_sitemap_and_the_search_index(built_register: Built) -> None:
    site = built_register.site
    sitemap = html(site, "sitemap.xml")
    assert "<loc>https://w3id.org/noks/en/qualification/Q-0613-61-006/</loc>" in sitemap
    assert "<loc>https://w3id.org/noks/register/qualifications/</loc>" in sitemap
    indexed = set()
    for fragment in (site / "pagefind" / "en").glob("*/fragment/*"):  # every shard
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        indexed.add(data["url"])
    assert {f"/en/qualification/{code}/" for code in CODES} <= indexed


def test_register_pages_are_valid_html(built_register: Built, tmp_path: Path) -> None:
    java = shutil.which("java")
    assert java and VNU.is_file(), "run tests/setup.sh (installs Java and the Nu HTML checker, vnu-jar)"
    site = built_register.site
    pages = ["register/qualifications/index.html", "en/qualification/Q-0613-61-006/index.html"]
    pages += ["qualification/Q-1013-3-002/index.html", "en/level/6/index.html"]
    done = subprocess.run(
        [java, "-Xss1m", "-jar", str(VNU), "--errors-only", *(str(site / p) for p in pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[:4000]


def test_the_real_register_is_empty_and_says_so(main_site: Path) -> None:
    page = html(main_site, "en/register/qualifications/index.html")
    assert "The register holds no qualification yet." in page
    assert "<table" not in page and "register.js" not in page
    assert not (main_site / "qualification").exists()
    assert "qualifications: 0." in (main_site / "eu" / "qualifications.ttl").read_text(encoding="utf-8")

"""Releases: a fixture project released twice, with known edits in between, gives the exact change
set; the build regenerates every release from the tracked `releases/` folder."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from noks.build import build
from noks.errors import NoksError
from noks.project import Project, load_project
from noks.release import load_releases, release_date
from noks.versioning import compare, current_triples, make_release

from .browser import WCAG_21_AA
from .conftest import FIXTURE_PROJECT

BASE = "https://example.org/noks-test/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
LEVEL_2 = """
<level/2>
    a skos:Concept ;
    skos:inScheme <framework> ;
    skos:notation "2" ;
    skos:prefLabel "Level 2"@en,
        "Nivo 2"@sr-Latn ;
    skos:topConceptOf <framework> .
"""


def nt(s: str, p: str, o: str) -> str:
    return f"<{BASE}{s}> <{p}> {o} ."


def edit(root: Path) -> None:
    """The known edits: relabel level 1 in English, remove level 1.1, add level 2."""
    data = root / "data" / "levels.ttl"
    text = data.read_text(encoding="utf-8")
    start = text.index("<level/1.1>")
    text = text[:start].rstrip() + "\n" + LEVEL_2
    data.write_text(text.replace('"Level 1"@en', '"Level one"@en'), encoding="utf-8")


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fixture project with releases 1.0 and 1.1 (edited in between), built into its site.
    Shared by the tests of this module: none of them changes what it holds."""
    tmp_path = tmp_path_factory.mktemp("released")
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    project = load_project(root, tmp_path / "site")
    make_release(project, "1.0", "2026-01-01")
    edit(root)
    make_release(project, "1.1", "2026-02-01")
    build(project)
    return project


def test_release_diff_on_known_edits_is_exact(released: Project) -> None:
    changes = compare(released, "1.0", "1.1")
    assert changes.added == (BASE + "level/2",)
    assert changes.removed == (BASE + "level/1.1",)
    assert [c.resource for c in changes.changed] == [BASE + "framework", BASE + "level/1"]
    framework, level = changes.changed
    assert framework.added == (nt("framework", SKOS + "hasTopConcept", f"<{BASE}level/2>"),)
    assert framework.removed == ()
    assert level.added == (nt("level/1", SKOS + "prefLabel", '"Level one"@en'),)
    assert level.removed == (
        nt("level/1", SKOS + "narrower", f"<{BASE}level/1.1>"),
        nt("level/1", SKOS + "prefLabel", '"Level 1"@en'),
    )


def test_site_holds_each_release_its_change_set_and_latest(released: Project) -> None:
    site = released.site
    changes = json.loads((site / "releases" / "1.1" / "changes.json").read_text())
    assert changes["summary"] == {
        "resources_added": 1,
        "resources_removed": 1,
        "resources_changed": 2,
        "triples_added": 2,
        "triples_removed": 2,
    }
    assert changes["from"] == "1.0" and changes["to"] == "1.1"
    first = json.loads((site / "releases" / "1.0" / "changes.json").read_text())
    assert first["from"] == "(nothing)"
    assert first["added"] == [
        BASE + path for path in ("code-list", "code-list/10", "framework", "level/1", "level/1.1", "ontology")
    ]
    assert (site / "releases" / "latest" / "noks.nt").read_bytes() == (
        site / "releases" / "1.1" / "noks.nt"
    ).read_bytes()
    listing = json.loads((site / "releases" / "index.json").read_text())
    assert listing["latest"] == "1.1"
    assert [r["version"] for r in listing["releases"]] == ["1.0", "1.1"]
    assert listing["unreleased"]["resources_changed"] == 0


def test_release_graph_carries_its_version_iris(released: Project) -> None:
    graph = ox.Store()
    graph.load(path=str(released.site / "releases" / "1.1" / "noks.ttl"), format=ox.RdfFormat.TURTLE)
    version, dataset = ox.NamedNode(BASE + "releases/1.1"), ox.NamedNode(BASE + "dataset")
    owl, dct, dcat = "http://www.w3.org/2002/07/owl#", "http://purl.org/dc/terms/", "http://www.w3.org/ns/dcat#"
    assert ox.Quad(dataset, ox.NamedNode(owl + "versionIRI"), version) in graph
    assert ox.Quad(version, ox.NamedNode(dct + "isVersionOf"), dataset) in graph
    assert ox.Quad(version, ox.NamedNode(dcat + "previousVersion"), ox.NamedNode(BASE + "releases/1.0")) in graph


def test_frozen_graph_reads_back_as_the_graph_it_froze(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    project = load_project(root, tmp_path / "site")
    make_release(project, "1.0", "2026-01-01")
    assert compare(project, "1.0", "build").empty
    assert [(r.version, r.date, r.previous) for r in load_releases(project)] == [("1.0", "2026-01-01", None)]
    assert len(current_triples(project)) > 20


def test_build_regenerates_releases_after_the_site_is_wiped(released: Project) -> None:
    before = (released.site / "releases" / "1.0" / "noks.ttl").read_bytes()
    shutil.rmtree(released.site)
    build(released)
    assert (released.site / "releases" / "1.0" / "noks.ttl").read_bytes() == before


def test_release_refuses_an_existing_an_older_or_a_malformed_version(released: Project) -> None:
    for version, message in (("1.1", "exists already"), ("1.0.5", "not newer"), ("v2", "not X.Y")):
        with pytest.raises(NoksError, match=message):
            make_release(released, version, "2026-03-01")
    assert [r.version for r in load_releases(released)] == ["1.0", "1.1"]


def test_release_date_from_option_or_source_date_epoch_never_the_clock() -> None:
    assert release_date("2026-05-01", {}) == "2026-05-01"
    assert release_date(None, {"SOURCE_DATE_EPOCH": "1767225600"}) == "2026-01-01"
    with pytest.raises(NoksError, match="needs a date"):
        release_date(None, {})
    with pytest.raises(NoksError, match="YYYY-MM-DD"):
        release_date("1.5.2026", {})


def test_diff_command_prints_the_change_set(released: Project) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "noks", "--project", str(released.root), "diff", *args]
        return subprocess.run(command, capture_output=True, text=True)

    result = run("1.0", "1.1", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (released.site / "releases" / "1.1" / "changes.json").read_text()
    folder = str(released.root / "releases" / "1.1")  # the tracked folder: the frozen graph only
    text = run("1.0", folder).stdout.splitlines()
    assert text[0] == f"from 1.0 to {folder}: 1 added, 1 removed, 2 changed (2 triples added, 2 removed)"
    assert f"+ <{BASE}level/2>" in text and f"- <{BASE}level/1.1>" in text
    missing = run("9.9")
    assert missing.returncode == 1 and "is no release, file or folder" in missing.stderr


def test_release_command_needs_a_date(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURE_PROJECT, root)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "publish")}
    result = subprocess.run(
        [sys.executable, "-m", "noks", "release", "1.0"], cwd=root, capture_output=True, text=True, env=env
    )
    assert result.returncode == 1 and "a release needs a date" in result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "noks", "release", "1.0", "--date", "2026-01-01"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert (root / "releases" / "1.0" / "release.ttl").is_file() and (
        root / "site" / "releases" / "1.0" / "noks.nt"
    ).is_file()


def test_resource_page_links_its_history_which_shows_each_release(released: Project) -> None:
    site = released.site
    page = (site / "en" / "level" / "1" / "index.html").read_text(encoding="utf-8")
    assert 'href="history/index.html"' in page
    history = (site / "en" / "level" / "1" / "history" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<h2><a href="([^"]+)">([^<]+)</a>', history)
    assert sections == [("../../../releases/1.1/index.html", "1.1"), ("../../../releases/1.0/index.html", "1.0")]
    assert "<code>skos:prefLabel &#34;Level one&#34;@en</code>" in history
    assert "<code>skos:narrower &lt;level/1.1&gt;</code>" in history


def test_changelog_page_lists_added_removed_and_changed(released: Project) -> None:
    html = (released.site / "en" / "releases" / "1.1" / "index.html").read_text(encoding="utf-8")
    added = html[html.index('id="added"') : html.index('id="removed"')]
    removed = html[html.index('id="removed"') : html.index('id="changed"')]
    assert '<a href="../../level/2/index.html">Level 2</a>' in added
    assert "level/1.1" not in added and "1.1" in removed
    assert "Resources added: 1, removed: 1, changed: 2 (2 triples added, 2 removed)." in html
    latest = (released.site / "en" / "releases" / "latest" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Release 1.1</h1>" in latest
    listing = (released.site / "en" / "releases" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<th scope="row"><a href="([^"]+)">', listing) == ["1.1/index.html", "1.0/index.html"]


@pytest.mark.parametrize("page_path", ["releases/index.html", "releases/1.1/index.html", "level/1/history/index.html"])
def test_release_pages_meet_wcag_21_aa(released: Project, page_path: str, page: Page) -> None:
    page.goto((released.site / page_path).as_uri())
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()

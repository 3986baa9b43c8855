"""Shared fixtures: the real project built once per session, and a tiny fixture project."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from noks.build import Built, build
from noks.project import Project, load_project

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_PROJECT = Path(__file__).resolve().parent / "fixtures" / "project"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def main_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real project (ontology/, data/, shapes/), building into a temporary site folder."""
    return load_project(ROOT, tmp_path_factory.mktemp("main") / "site")


@pytest.fixture(scope="session")
def built_main(main_project: Project) -> Built:
    return build(main_project)


@pytest.fixture(scope="session")
def noks_graph(built_main: Built) -> ox.Store:
    """The published graph, read back from site/noks.ttl by pyoxigraph."""
    store = ox.Store()
    store.load(path=str(built_main.site / "noks.ttl"), format=ox.RdfFormat.TURTLE)
    return store


@pytest.fixture()
def fixture_project(tmp_path: Path) -> Project:
    return load_project(FIXTURE_PROJECT, tmp_path / "site")


def _write_html_site(project: Project) -> Path:
    """The full site (RDF documents, HTML, search index) of a project, built without SHACL validation
    (test_build covers that), so the site tests stay fast."""
    from noks.build import gather, write_site
    from noks.graph import derive
    from noks.load import load_sources
    from noks.site import index_search

    triples = derive(load_sources(project.source_files(), project.base).triples, project.base)
    write_site(project.site, gather(project, triples), index_search)
    return project.site


@pytest.fixture(scope="session")
def main_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project's site, with HTML pages and search index."""
    return _write_html_site(load_project(ROOT, tmp_path_factory.mktemp("main-html") / "site"))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project's site (its English label of code 10 holds a <script> element)."""
    return _write_html_site(load_project(FIXTURE_PROJECT, tmp_path_factory.mktemp("fixture-html") / "site"))

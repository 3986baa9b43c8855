"""Shared fixtures: the real project built once per session, and a tiny fixture project."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from rdflib.plugins.sparql import processor

from noks.build import Built, build
from noks.project import Project, load_project

from .browser import CHROMIUM, FLAGS

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


@pytest.fixture(scope="session")
def main_site(built_main: Built) -> Path:
    """The real project's site, with HTML pages and search index."""
    return built_main.site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project's site (its English label of code 10 holds a <script> element)."""
    return build(load_project(FIXTURE_PROJECT, tmp_path_factory.mktemp("fixture-html") / "site")).site


@pytest.fixture(scope="session")
def prepared_sparql() -> Iterator[None]:
    """Parse each SPARQL query once when pySHACL (the reference engine) runs in the tests.

    pySHACL hands rdflib the same query text for every validation; rdflib reuses a translated query
    across evaluations (as with prepareQuery), so this only saves parsing time and changes no result.
    Without it the shape fixtures take minutes instead of seconds.
    """
    original = processor.SPARQLProcessor.query

    @functools.cache
    def prepare(text: str, base: str | None, namespaces: tuple) -> object:
        return processor.translateQuery(processor.parseQuery(text), base, dict(namespaces))

    def query(self, str_or_query, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(str_or_query, str):
            str_or_query = prepare(str_or_query, base, tuple(sorted((initNs or {}).items())))
        return original(self, str_or_query, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query
    yield
    processor.SPARQLProcessor.query = original


REGISTER_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "register"


@pytest.fixture(scope="session")
def register_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the project with the fictional register of tests/fixtures/register imported into
    data/register.ttl. Its shapes are shapes/register.ttl only: the others are checked by their own tests."""
    import shutil

    from noks.register import import_register

    root = tmp_path_factory.mktemp("register") / "project"
    for folder in ("ontology", "data"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("register.ttl"))
    (root / "shapes").mkdir()
    shutil.copy(ROOT / "shapes" / "register.ttl", root / "shapes")
    shutil.copy(ROOT / "pyproject.toml", root)
    project = load_project(root, root.parent / "site")
    import_register(project, REGISTER_FIXTURES / "qualifications.csv")
    return project


@pytest.fixture(scope="session")
def built_register(register_project: Project) -> Built:
    """The copy's site, pages and search index included."""
    from noks.site import index_search

    return build(register_project, finish=index_search)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One real Chromium (Debian's, never a downloaded one) for the whole session."""
    assert Path(CHROMIUM).is_file(), "run tests/setup.sh (installs Debian's chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab; a script error on the page fails the test."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []

"""The validation's results kept beside the site: read back only for the very same graph, shapes and engine,
and turned into the same located problems as a fresh validation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import noks.validate
from noks.build import build, check
from noks.errors import NoksError
from noks.graph import canonical
from noks.load import load_sources, parse_file
from noks.project import load_project
from noks.site_writer import cache_folder
from noks.validate import validate
from noks.validation_cache import NAME, ValidationCache, validation_key

from .conftest import FIXTURE_PROJECT, ROOT

BASE = "https://w3id.org/noks/"
SHAPES = sorted((ROOT / "shapes").glob("*.ttl"))
INVALID = sorted((ROOT / "tests" / "shapes" / "invalid").glob("*.ttl"))

pytestmark = pytest.mark.usefixtures("prepared_sparql")


@pytest.fixture(scope="module")
def shape_triples() -> list:
    return [t for path in SHAPES for t in parse_file(path, BASE)]


@pytest.fixture(scope="module")
def invalid_graph() -> list:
    """Every invalid shape fixture in one graph: violations and warnings of every kind, on IRIs and literals."""
    return canonical(t for path in INVALID for t in parse_file(path, BASE))


class Counted:
    """run_fast, counted."""

    def __init__(self) -> None:
        self.calls = 0
        self.engine = noks.validate.run_fast

    def __call__(self, data: list, shapes: list, last: object = None):  # noqa: ANN204 - the engine's results graph
        self.calls += 1
        return self.engine(data, shapes, last=last)


@pytest.fixture()
def engine(monkeypatch: pytest.MonkeyPatch) -> Counted:
    counted = Counted()
    monkeypatch.setattr(noks.validate, "run_fast", counted)
    return counted


def test_results_read_back_give_the_same_problems(
    tmp_path: Path, invalid_graph: list, shape_triples: list, engine: Counted
) -> None:
    fresh = validate(invalid_graph, shape_triples, {}, BASE)
    assert len(fresh.violations) > 50 and any(p.message.count('value "') for p in fresh.problems)
    cache = ValidationCache(tmp_path)
    assert validate(invalid_graph, shape_triples, {}, BASE, cache) == fresh  # validated, and kept
    assert engine.calls == 2
    assert validate(invalid_graph, shape_triples, {}, BASE, cache) == fresh  # read back
    assert engine.calls == 2


def test_another_graph_or_other_shapes_are_validated_again(
    tmp_path: Path, invalid_graph: list, shape_triples: list, engine: Counted
) -> None:
    cache = ValidationCache(tmp_path)
    before = validate(invalid_graph, shape_triples, {}, BASE, cache)
    extra = ox.Triple(ox.NamedNode(BASE + "level/6.1"), ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
                      ox.Literal(" Nivo ", language="sr-Latn"))  # fmt: skip
    edited = canonical([*invalid_graph, extra])
    assert len(edited) == len(invalid_graph) + 1
    after = validate(edited, shape_triples, {}, BASE, cache)
    assert engine.calls == 2 and after != before
    validate(invalid_graph, shape_triples[1:], {}, BASE, cache)
    assert engine.calls == 3
    assert validate(invalid_graph, shape_triples[1:], {}, BASE, cache) is not None
    assert engine.calls == 3  # the last results are the ones kept


def test_the_key_does_not_depend_on_the_shapes_blank_node_labels(invalid_graph: list) -> None:
    """The parser names blank nodes anew each time: the shapes, read twice, still give the same key."""
    once, again = ([t for path in SHAPES for t in load_sources([path], BASE).triples] for _ in range(2))
    assert {str(t) for t in once} != {str(t) for t in again}  # sh:property [ … ]: other labels
    assert validation_key(invalid_graph, once) == validation_key(invalid_graph, again)
    assert validation_key(invalid_graph, once) != validation_key(invalid_graph, once[1:])


@pytest.mark.parametrize("damage", ["cut", "garbage", "empty", "other key"])
def test_a_damaged_file_counts_as_missing(
    tmp_path: Path, invalid_graph: list, shape_triples: list, engine: Counted, damage: str
) -> None:
    cache = ValidationCache(tmp_path)
    fresh = validate(invalid_graph, shape_triples, {}, BASE, cache)
    file = tmp_path / NAME
    data = file.read_bytes()
    file.write_bytes(
        {
            "cut": data[: len(data) // 2],
            "garbage": data.replace(b"<", b"", 3),
            "empty": b"",
            "other key": data.replace(data.split(b"\n", 1)[0][-8:], b"00000000", 1),
        }[damage]
    )
    assert validate(invalid_graph, shape_triples, {}, BASE, cache) == fresh
    assert engine.calls == 2
    assert validate(invalid_graph, shape_triples, {}, BASE, cache) == fresh
    assert engine.calls == 2  # kept again, whole


def test_a_build_after_a_check_reads_the_checks_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    shutil.rmtree(root / "shapes")
    shutil.copytree(ROOT / "shapes", root / "shapes")  # the real shapes: blank nodes, named anew at each read
    project = load_project(root)
    checked = check(project).report
    assert (cache_folder(project.site) / NAME).is_file()

    def no_engine(data: list, shapes: list) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(noks.validate, "run_fast", no_engine)  # the build's child inherits it
    with pytest.raises(NoksError) as failed:  # the fixture's data breaks the real shapes' rules
        build(project)
    assert checked.violations and list(failed.value.problems) == checked.violations
    # a line moved: the same graph, the problems located where the resources now are
    data = root / "data"
    first = sorted(data.glob("*.ttl"))[0]
    first.write_text("\n\n" + first.read_text(encoding="utf-8"), encoding="utf-8")
    moved = check(load_project(root)).report
    lines = [p.line + 2 for p in checked.problems if p.file == first]
    assert lines and [p.line for p in moved.problems if p.file == first] == lines


def test_where_nothing_can_be_written_nothing_is_kept(
    tmp_path: Path, invalid_graph: list, shape_triples: list, engine: Counted
) -> None:
    (tmp_path / "a file").write_text("")
    cache = ValidationCache(tmp_path / "a file" / "site.cache")  # its folder cannot be made
    fresh = validate(invalid_graph, shape_triples, {}, BASE, cache)
    assert fresh.violations and validate(invalid_graph, shape_triples, {}, BASE, cache) == fresh
    assert engine.calls == 2

"""The register's shapes (shapes/register.ttl): each has a fixture that fires exactly it, and a
complete qualification passes them all. (Regenerate the fixtures: tests/shapes/make_register_fixtures.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SH

from noks.graph import derive
from noks.load import parse_file
from noks.project import DEFAULT_BASE
from noks.register_layout import column
from noks.validate import run_shacl, to_rdflib

from .conftest import ROOT

SHAPES_FILE = ROOT / "shapes" / "register.ttl"
FIXTURES = Path(__file__).parent / "shapes"
NOKSSH = DEFAULT_BASE + "shapes#"


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return to_rdflib(parse_file(SHAPES_FILE, DEFAULT_BASE))


def shape_names(shapes: rdflib.Graph) -> list[str]:
    named = set(shapes.subjects(rdflib.RDF.type, SH.NodeShape)) | set(
        shapes.subjects(rdflib.RDF.type, SH.PropertyShape)
    )
    return sorted(str(s).removeprefix(NOKSSH) for s in named)


def fired(path: Path, shapes: rdflib.Graph) -> set[str]:
    data = to_rdflib(derive(parse_file(path, DEFAULT_BASE), DEFAULT_BASE))
    results = run_shacl(data, shapes)
    return {str(s).removeprefix(NOKSSH) for s in results.objects(None, SH.sourceShape)}


def test_every_shape_is_named_with_message_and_severity(shapes: rdflib.Graph) -> None:
    names = shape_names(shapes)
    assert len(names) == 23
    for name in names:
        shape = rdflib.URIRef(NOKSSH + name)
        assert shapes.value(shape, SH.name) and shapes.value(shape, SH.message), name
        assert shapes.value(shape, SH.severity) in (SH.Violation, SH.Warning), name


def test_the_complete_qualification_passes(shapes: rdflib.Graph) -> None:
    assert fired(FIXTURES / "valid" / "register.ttl", shapes) == set()


@pytest.mark.parametrize("name", shape_names(to_rdflib(parse_file(SHAPES_FILE, DEFAULT_BASE))))
def test_each_fixture_fires_exactly_its_shape(name: str, shapes: rdflib.Graph) -> None:
    assert fired(FIXTURES / "invalid" / f"{name}.ttl", shapes) == {name}


def test_shapes_use_the_patterns_of_the_layout() -> None:
    text = SHAPES_FILE.read_text(encoding="utf-8")
    patterns = {m.encode().decode("unicode_escape") for m in re.findall(r'sh:pattern "((?:[^"\\]|\\.)*)"', text)}
    assert {column("code").pattern, column("occupations").pattern, column("isced_f").pattern} == patterns

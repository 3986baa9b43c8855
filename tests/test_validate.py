"""The build's SHACL engine (pyshacl-turbo) gives the same results as the reference, pySHACL."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SH

from noks.graph import derive
from noks.load import load_sources, parse_file
from noks.project import load_project
from noks.validate import run_fast, run_shacl, to_rdflib

from .conftest import ROOT

BASE = "https://w3id.org/noks/"
SHAPES = sorted((ROOT / "shapes").glob("*.ttl"))
FIXTURES = sorted((ROOT / "tests" / "shapes").glob("*/*.ttl"))


pytestmark = pytest.mark.usefixtures("prepared_sparql")


def _text(node: rdflib.term.Node | None) -> str:
    return "_:blank" if isinstance(node, rdflib.BNode) else str(node)  # blank node labels differ by engine


def results(graph: rdflib.Graph) -> set[tuple[str, ...]]:
    keys = (SH.focusNode, SH.sourceShape, SH.resultPath, SH.value, SH.resultSeverity)
    return {tuple(_text(graph.value(r, p)) for p in keys) for r in graph.subjects(rdflib.RDF.type, SH.ValidationResult)}


@pytest.fixture(scope="module")
def shape_triples() -> list:
    return [t for path in SHAPES for t in parse_file(path, BASE)]


def test_there_are_fixtures_to_compare() -> None:
    assert len(SHAPES) >= 4
    assert len(FIXTURES) >= 80


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_same_results_as_pyshacl_on_every_fixture(fixture: Path, shape_triples: list) -> None:
    data = parse_file(fixture, BASE)
    reference = results(run_shacl(to_rdflib(data), to_rdflib(shape_triples)))
    assert results(run_fast(data, shape_triples)) == reference
    if fixture.parent.name == "invalid":
        assert reference, f"{fixture.name} should fail"


def test_same_results_as_pyshacl_on_the_data(shape_triples: list) -> None:
    project = load_project(ROOT)
    data = derive(load_sources(project.source_files(), BASE).triples, BASE)
    reference = results(run_shacl(to_rdflib(data), to_rdflib(shape_triples)))
    assert len(reference) > 10  # the data has warnings (recommendations) to compare
    assert results(run_fast(data, shape_triples)) == reference

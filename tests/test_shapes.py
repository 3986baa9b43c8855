"""The SHACL shapes (shapes/*.ttl) against their fixtures (tests/shapes/), with pySHACL.

- every named shape has tests/shapes/invalid/<ShapeName>.ttl, and validating that fixture
  yields a result whose sh:sourceShape is exactly that shape, with the shape's severity;
- every tests/shapes/valid/*.ttl conforms with no result at all (no violation, no warning);
- the suite cannot pass vacuously: at least 25 shapes, one fixture per shape, no stray fixture.

Fixtures are small self-contained graphs, parsed like the project's Turtle (relative IRIs against
the base). They are not derived, so they carry their own sr-Cyrl text where a shape needs it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from pyshacl import validate
from rdflib.namespace import RDF, SH

BASE = "https://w3id.org/noks/"
NOKSSH = BASE + "shapes#"
ROOT = Path(__file__).resolve().parent.parent
SHAPE_FILES = sorted((ROOT / "shapes").glob("*.ttl"))
FIXTURES = Path(__file__).resolve().parent / "shapes"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = FIXTURES / "invalid"
PLACEHOLDER = re.compile(r"\{[?$]\w+\}")


def parse(*paths: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in paths:
        graph.parse(path, format="turtle", publicID=BASE)
    return graph


SHAPES = parse(*SHAPE_FILES)


def named_shapes(shapes: rdflib.Graph) -> list[rdflib.term.Node]:
    """Subjects typed sh:NodeShape or sh:PropertyShape, and every object of sh:property."""
    found = set(shapes.subjects(RDF.type, SH.NodeShape))
    found |= set(shapes.subjects(RDF.type, SH.PropertyShape))
    found |= set(shapes.objects(None, SH.property))
    return sorted(found, key=str)


SHAPE_NODES = named_shapes(SHAPES)
SHAPE_NAMES = [str(s).removeprefix(NOKSSH) for s in SHAPE_NODES]


pytestmark = pytest.mark.usefixtures("prepared_sparql")


def results(path: Path) -> list[dict[str, rdflib.term.Node | None]]:
    """Validate one fixture against all shapes (inference off); one dict per result."""
    _conforms, report, _text = validate(parse(path), shacl_graph=SHAPES, inference="none")
    return [
        {
            "shape": report.value(r, SH.sourceShape),
            "severity": report.value(r, SH.resultSeverity),
            "focus": report.value(r, SH.focusNode),
            "value": report.value(r, SH.value),
            "message": report.value(r, SH.resultMessage),
        }
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]


def describe(found: list[dict]) -> str:
    return (
        "\n".join(
            f"  {str(r['shape']).removeprefix(NOKSSH)} ({str(r['severity']).removeprefix(str(SH))}): {r['message']}"
            for r in found
        )
        or "  (no results)"
    )


def test_the_suite_is_not_vacuous() -> None:
    assert len(SHAPE_NAMES) >= 25, f"only {len(SHAPE_NAMES)} named shapes found in shapes/*.ttl"
    fixtures = sorted(p.stem for p in INVALID.glob("*.ttl"))
    assert fixtures == sorted(SHAPE_NAMES), (
        "one invalid fixture per shape: "
        f"missing {sorted(set(SHAPE_NAMES) - set(fixtures))}, stray {sorted(set(fixtures) - set(SHAPE_NAMES))}"
    )
    assert VALID, "no valid fixture in tests/shapes/valid/"


def test_every_shape_is_named_and_every_blank_node_is_a_list_cell() -> None:
    assert all(isinstance(s, rdflib.URIRef) and str(s).startswith(NOKSSH) for s in SHAPE_NODES)
    blank = {n for triple in SHAPES for n in triple if isinstance(n, rdflib.BNode)}
    not_lists = [b for b in blank if (b, RDF.first, None) not in SHAPES]
    assert not not_lists, f"blank nodes other than RDF list cells in shapes/: {not_lists}"


@pytest.mark.parametrize("name", SHAPE_NAMES)
def test_shape_is_documented(name: str) -> None:
    shape = rdflib.URIRef(NOKSSH + name)
    assert len(list(SHAPES.objects(shape, SH.name))) == 1, f"{name}: give it one sh:name"
    messages = list(SHAPES.objects(shape, SH.message))
    assert len(messages) == 1, f"{name}: give it one sh:message"
    message = messages[0]
    assert message.language in (None, "en") and len(str(message)) > 40, (
        f"{name}: the sh:message says, in English, what is wrong and how to fix it"
    )
    assert list(SHAPES.objects(shape, SH.severity)) in ([SH.Violation], [SH.Warning], [SH.Info]), (
        f"{name}: declare exactly one sh:severity"
    )


@pytest.mark.parametrize("name", SHAPE_NAMES)
def test_invalid_fixture_exists(name: str) -> None:
    assert (INVALID / f"{name}.ttl").is_file(), f"write tests/shapes/invalid/{name}.ttl (a graph that fails {name})"


@pytest.mark.parametrize("name", SHAPE_NAMES)
def test_invalid_fixture_fails_on_its_shape(name: str) -> None:
    shape = rdflib.URIRef(NOKSSH + name)
    severity = SHAPES.value(shape, SH.severity)
    found = results(INVALID / f"{name}.ttl")
    own = [r for r in found if r["shape"] == shape]
    assert own, f"{name}.ttl does not fail {name}; results:\n{describe(found)}"
    assert all(r["severity"] == severity for r in own), f"{name}: results not at its declared severity {severity}"
    for r in own:
        assert not PLACEHOLDER.search(str(r["message"])), f"{name}: unfilled placeholder in {r['message']!r}"
    if (shape, SH.sparql, None) in SHAPES:
        assert all(r["value"] is not None for r in own), f"{name}: a SPARQL rule reports the offending node as sh:value"


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_conforms(path: Path) -> None:
    found = results(path)
    assert not found, f"{path.name} should have no results:\n{describe(found)}"

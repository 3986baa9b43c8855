"""The whole-graph SPARQL constraints run by Oxigraph give the SHACL engine's own results, messages included."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyshacl_turbo
import pytest
import rdflib
from rdflib.namespace import SH

from noks import sparql_constraints
from noks.graph import canonical, to_store
from noks.load import parse_file
from noks.shapes import shape_namer
from noks.validate import interpret, run_fast

from .conftest import ROOT

BASE = "https://w3id.org/noks/"
SHAPES = sorted((ROOT / "shapes").glob("*.ttl"))
FIXTURES = sorted((ROOT / "tests" / "shapes").glob("*/*.ttl"))

DATA = """@prefix ex: <http://ex/> .
ex:a ex:p "lit"@en , 5 , ex:b , [ ex:q 1 ] .
"""
SHAPES_TEXT = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex/> .
ex:decl sh:declare [ sh:prefix "ex" ; sh:namespace "http://ex/" ] .
ex:NoValue a sh:NodeShape ; sh:targetNode ex:anchor ; sh:message "each {?o} of {$this}, {?missing} and {?nope}" ;
    sh:sparql [ sh:prefixes ex:decl ;
        sh:select "SELECT $this ?o ?missing WHERE { ?s ex:p ?o . OPTIONAL { ?s ex:zz ?missing } }" ] .
ex:Blank a sh:NodeShape ; sh:targetNode ex:anchor , ex:other ; sh:severity sh:Warning ; sh:message "the shape's" ;
    sh:sparql [ sh:select "SELECT $this ?value WHERE { ?value <http://ex/q> ?x }" ;
        sh:message "one {?value}"@en , "two {?value}"@de ] .
ex:Current a sh:NodeShape ; sh:targetNode ex:anchor ; sh:message "current" ;
    sh:sparql [ sh:select '''SELECT $this ?value WHERE {
        ?value <http://ex/p> ?o FILTER(STRSTARTS(STR($currentShape), "http://ex/C")) }''' ] .
ex:ShapesGraph a sh:NodeShape ; sh:targetNode ex:anchor ;
    sh:sparql [ sh:select "SELECT $this ?value WHERE { ?value <http://ex/p> ?o FILTER(BOUND($shapesGraph)) }" ] .
ex:Property a sh:PropertyShape ; sh:targetNode ex:a ; sh:path ex:p ;
    sh:sparql [ sh:select "SELECT $this ?value WHERE { $this $PATH ?value }" ] .
ex:ByClass a sh:NodeShape ; sh:targetClass ex:K ;
    sh:sparql [ sh:select "SELECT $this ?value WHERE { $this <http://ex/p> ?value }" ] .
ex:Silent a sh:NodeShape ; sh:targetNode ex:anchor ;
    sh:sparql [ sh:select "SELECT $this ?value WHERE { ?value <http://ex/p> ?o }" ] .
ex:Off a sh:NodeShape ; sh:targetNode ex:anchor ; sh:deactivated true ;
    sh:sparql [ sh:select "SELECT $this ?value WHERE { ?value <http://ex/p> ?o }" ] .
"""


def _triples(text: str) -> list[ox.Triple]:
    return [q.triple for q in ox.parse(text, format=ox.RdfFormat.TURTLE)]


def _engine_alone(data: list[ox.Triple], shapes: list[ox.Triple]) -> rdflib.Graph:
    _conforms, results, _text = pyshacl_turbo.validate(
        to_store(data), shacl_graph=to_store(shapes), inference="none", advanced=True, allow_warnings=True
    )
    return results


def _results(graph: rdflib.Graph) -> list[tuple[str, ...]]:
    keys = (SH.focusNode, SH.sourceShape, SH.resultPath, SH.value, SH.resultSeverity)
    return sorted(
        tuple(str(graph.value(r, p)) for p in keys) + tuple(sorted(map(str, graph.objects(r, SH.resultMessage))))
        for r in graph.subjects(rdflib.RDF.type, SH.ValidationResult)
    )


def test_only_simple_whole_graph_constraints_are_taken_from_the_engine() -> None:
    shapes = _triples(SHAPES_TEXT)
    kept, taken = sparql_constraints.split(shapes)
    assert {c.shape.value for c in taken} == {"http://ex/NoValue", "http://ex/Blank", "http://ex/Current"}
    assert len(kept) == len(shapes) - 3  # only their sh:sparql statements
    assert {t.subject.value for t in kept if t.predicate.value == str(SH.sparql)} == {
        "http://ex/ShapesGraph",
        "http://ex/Property",
        "http://ex/ByClass",
        "http://ex/Off",
        "http://ex/Silent",
    }


def test_the_results_and_messages_are_the_engines() -> None:
    data, shapes = _triples(DATA), _triples(SHAPES_TEXT)
    ours = _results(run_fast(data, shapes))
    assert ours == _results(_engine_alone(data, shapes))
    message = "each 5 of http://ex/anchor, {?missing} and {?nope}"  # an unbound or unknown variable stays
    assert ("http://ex/anchor", "http://ex/NoValue", "None", "http://ex/anchor", str(SH.Violation), message) in ours
    blank = [r for r in ours if r[1] == "http://ex/Blank"]
    assert len(blank) == 2  # one per target node
    assert {r[5:] for r in blank} == {("one " + blank[0][3], "the shape's", "two " + blank[0][3])}  # all messages
    assert [r[3] for r in ours if r[1] == "http://ex/Current"] == ["http://ex/a"]  # $currentShape is ex:Current, once


def test_the_report_conforms_only_without_violations() -> None:
    data, shapes = _triples(DATA), _triples(SHAPES_TEXT)
    for only, conforms in (("http://ex/NoValue", False), ("http://ex/Blank", True)):  # a violation, a warning
        kept = [
            t
            for t in shapes
            if t.subject.value in (only, "http://ex/decl") or not t.subject.value.startswith("http://ex/")
        ]
        results = run_fast(data, kept)  # only a constraint the engine no longer runs finds anything
        report = results.value(predicate=rdflib.RDF.type, object=SH.ValidationReport)
        assert results.value(report, SH.conforms) == rdflib.Literal(conforms)
        assert len(list(results.objects(report, SH.result))) == len(_results(results)) > 0


@pytest.fixture(scope="module")
def shapes() -> list[ox.Triple]:
    return [t for path in SHAPES for t in parse_file(path, BASE)]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_same_problems_as_the_engine_alone_on_every_fixture(fixture: Path, shapes: list[ox.Triple]) -> None:
    data = parse_file(fixture, BASE)
    rule = shape_namer(shapes, {})
    expected = interpret(_engine_alone(data, shapes), rule, {}, BASE, data)
    # as in the build: the graph read as text (tests/test_validate.py runs both inputs against pySHACL)
    assert interpret(run_fast(canonical(data), shapes), rule, {}, BASE, data) == expected

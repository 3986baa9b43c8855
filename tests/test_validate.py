"""The build's SHACL engine (pyshacl-turbo) gives the same results as the reference, pySHACL."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import SH

from noks import validate
from noks.graph import canonical, derive
from noks.load import load_sources, parse_file
from noks.project import DEFAULT_BASE, load_project
from noks.shapes import prepare_shapes, shape_namer
from noks.validate import interpret, literal_holders, run_fast, run_shacl, to_rdflib

from .conftest import ROOT

BASE = "https://w3id.org/noks/"
OTHER = "https://example.org/elsewhere/"
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
    assert results(run_fast(data, shape_triples)) == reference  # a list: the engine reads a Store
    assert results(run_fast(canonical(data), shape_triples)) == reference  # the graph, no Store yet: read as text
    if fixture.parent.name == "invalid":
        assert reference, f"{fixture.name} should fail"


def test_same_results_as_pyshacl_on_the_data(shape_triples: list) -> None:
    project = load_project(ROOT)
    data = derive(load_sources(project.source_files(), BASE).triples, BASE)
    reference = results(run_shacl(to_rdflib(data), to_rdflib(shape_triples)))
    assert len(reference) > 10  # the data has warnings (recommendations) to compare
    assert not data.has_store
    assert results(run_fast(data, shape_triples)) == reference  # given as text
    data.store  # noqa: B018 - made: now the engine reads the Store
    assert results(run_fast(data, shape_triples)) == reference


def _namespaces(triples: list) -> set[str]:
    return {t.object.value for t in triples if t.predicate.value == str(SH.namespace)}


def test_the_shapes_declare_our_ontology_prefix_for_the_published_base(shape_triples: list) -> None:
    assert BASE == DEFAULT_BASE
    assert BASE + "ontology#" in _namespaces(shape_triples)
    assert prepare_shapes(shape_triples, BASE) is shape_triples  # nothing to do: the very same list


def test_the_ontology_prefix_follows_another_base() -> None:
    shapes = prepare_shapes([t for path in SHAPES for t in parse_file(path, OTHER)], OTHER)
    assert OTHER + "ontology#" in _namespaces(shapes)
    assert not [ns for ns in _namespaces(shapes) if ns.startswith(BASE)]


def test_a_rule_on_our_ontology_terms_holds_under_another_base() -> None:
    """The queries name noks: terms; under another base they still find what they look for."""
    data = parse_file(ROOT / "tests" / "shapes" / "invalid" / "EquivalenceLevelConsistencyShape.ttl", OTHER)
    written = [t for path in SHAPES for t in parse_file(path, OTHER)]
    shape = OTHER + "shapes#EquivalenceLevelConsistencyShape"
    found = {(r[0], r[1], r[3]) for r in results(run_fast(data, prepare_shapes(written, OTHER)))}
    assert (OTHER + "ontology", shape, OTHER + "pre-2018/faculty-three-years") in found
    assert shape not in {r[1] for r in results(run_fast(data, written))}  # not rebased: the rule sees nothing


def _turtle(text: str) -> list:
    return [q.triple for q in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE, base_iri="http://ex/")]


def test_a_problem_names_its_rule_by_the_shape_iri_or_the_name_of_an_anonymous_shape() -> None:
    shapes = _turtle(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<shapes#S> a sh:NodeShape ; sh:targetClass skos:Concept ; sh:property [ sh:path skos:notation ;"
        ' sh:minCount 1 ; sh:name "one notation" ] .\n'
        "<shapes#T> a sh:PropertyShape ; sh:targetClass skos:Concept ; sh:path skos:prefLabel ; sh:minCount 1 ."
    )
    data = _turtle("<c> a <http://www.w3.org/2004/02/skos/core#Concept> .")
    report = interpret(run_fast(data, shapes), shape_namer(shapes, {"exsh": "http://ex/shapes#"}), {}, "http://ex/")
    assert sorted(p.rule for p in report.problems) == ["exsh:T", "one notation"]
    assert {p.resource for p in report.problems} == {"http://ex/c"}


def test_a_literal_is_held_by_the_first_subject_stating_it() -> None:
    triples = _turtle(
        '<a> <p> "x", "y"@SR-Latn . <b> <p> "x" ; <q> "7"^^<http://www.w3.org/2001/XMLSchema#integer> . <c> <p> "z" .'
    )
    literals = [rdflib.Literal("x"), rdflib.Literal("y", lang="sr-latn"), rdflib.Literal(7), rdflib.Literal("w")]
    found = literal_holders(triples, literals)
    assert found == {literals[0]: "http://ex/a", literals[1]: "http://ex/a", literals[2]: "http://ex/b"}
    assert literal_holders(triples, []) == {}


def test_a_blank_node_value_is_written_as_a_blank_node() -> None:
    shapes = [t for path in SHAPES for t in parse_file(path, BASE)]
    data = parse_file(ROOT / "tests" / "shapes" / "invalid" / "NoBlankNodesShape.ttl", BASE)
    report = interpret(run_fast(data, shapes), shape_namer(shapes, {}), {}, BASE)
    blank = [p.message for p in report.problems if p.rule.endswith("NoBlankNodesShape")]
    assert blank and all("(value _:" in message for message in blank), blank


WIDE = """@prefix ex: <http://ex/> .
ex:Škola ex:name "Škola № 1 — Ниво 6.1 🎓", "café\\\\xe9 and a\\\\u0041 kept", "line\\nbreak"@sr-Latn .
<http://ex/ć> ex:name "Ünïcödé ½"@en ; ex:see <http://ex/日本> .
"""


def _wide_graph() -> list[ox.Triple]:
    return canonical(ox.parse(WIDE, format=ox.RdfFormat.TURTLE))


def test_the_engine_is_given_the_same_statements_in_ascii(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _wide_graph()
    monkeypatch.setattr(validate, "_PIECE", 16)  # several pieces, cut at line ends
    text = validate.engine_text(data.ntriples)
    assert text.isascii() and "\\u0160kola" in text and "\\U0001f393" in text and "\\u00E9" in text
    assert set(ox.parse(text, format=ox.RdfFormat.N_TRIPLES)) == set(data)  # the backslashes written stay so


def test_a_blank_node_label_beyond_ascii_keeps_the_text_as_it_is() -> None:
    ntriples = '_:čvor <http://ex/p> "ж" .\n'.encode()
    assert validate.engine_text(ntriples) == ntriples.decode()
    assert validate.engine_text(b'<http://ex/a> <http://ex/p> "a" .\n') == '<http://ex/a> <http://ex/p> "a" .\n'


def test_the_engine_finds_the_same_on_text_beyond_ascii() -> None:
    shapes = list(
        ox.parse(
            """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex/> .
            ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:name ;
              sh:property [ sh:path ex:name ; sh:maxLength 3 ] , [ sh:path ex:see ; sh:hasValue ex:x ] .""",
            format=ox.RdfFormat.TURTLE,
        )
    )
    data = _wide_graph()
    found = results(run_fast(data, shapes))  # as text (no Store yet)
    assert found == results(run_fast(list(data), shapes))  # read from a Store
    values = {r[3] for r in found}
    assert "Škola № 1 — Ниво 6.1 🎓" in values and "http://ex/Škola" in {r[0] for r in found}

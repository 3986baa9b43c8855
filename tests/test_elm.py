"""The ELM v3 export for the Europass QDR conforms to both EU shape files (pySHACL, inference off)."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from pyshacl import validate
from rdflib.compare import isomorphic

from noks.build import Built
from noks.elm import elm_view
from noks.graph import derive
from noks.load import load_sources
from noks.project import Project
from noks.validate import to_rdflib

EU_SHAPES = Path(__file__).resolve().parent / "fixtures" / "elm-loq"  # the EU's files, unchanged
ELM = rdflib.Namespace("http://data.europa.eu/snb/model/elm/")
SKOS = rdflib.SKOS
EQF = "http://data.europa.eu/snb/eqf/"
QDR = "http://data.europa.eu/snb/qdr/"


@pytest.fixture(scope="module")
def eu_shapes() -> dict[str, rdflib.Graph]:
    return {name: rdflib.Graph().parse(EU_SHAPES / name) for name in ("LOQ-constraints.ttl", "LOQ-constraints-mdr.ttl")}


def conforms(data: rdflib.Graph, shapes: dict[str, rdflib.Graph]) -> dict[str, bool]:
    return {name: validate(data, shacl_graph=g, inference="none")[0] for name, g in shapes.items()}


@pytest.fixture(scope="module")
def elm_graph(built_register: Built) -> rdflib.Graph:
    return rdflib.Graph().parse(built_register.site / "eu" / "qualifications.ttl")


def test_three_formats_hold_the_same_graph(built_register: Built, elm_graph: rdflib.Graph) -> None:
    site = built_register.site / "eu"
    assert isomorphic(elm_graph, rdflib.Graph().parse(site / "qualifications.rdf", format="xml"))
    assert isomorphic(elm_graph, rdflib.Graph().parse(site / "qualifications.jsonld", format="json-ld"))
    assert len(set(elm_graph.subjects(rdflib.RDF.type, ELM.Qualification))) == 11


def test_export_conforms_to_both_eu_shape_files(elm_graph: rdflib.Graph, eu_shapes: dict[str, rdflib.Graph]) -> None:
    assert conforms(elm_graph, eu_shapes) == {"LOQ-constraints.ttl": True, "LOQ-constraints-mdr.ttl": True}


def test_a_qualification_without_title_fails_the_eu_shapes(
    elm_graph: rdflib.Graph, eu_shapes: dict[str, rdflib.Graph]
) -> None:
    broken = rdflib.Graph()
    for triple in elm_graph:
        broken.add(triple)
    broken.remove((next(broken.subjects(rdflib.RDF.type, ELM.Qualification)), rdflib.DCTERMS.title, None))
    assert conforms(broken, eu_shapes) == {"LOQ-constraints.ttl": False, "LOQ-constraints-mdr.ttl": True}


def test_levels_field_and_concepts(register_project: Project, elm_graph: rdflib.Graph) -> None:
    q = rdflib.URIRef(register_project.base + "qualification/Q-0613-61-006")
    assert set(elm_graph.objects(q, ELM.EQFLevel)) == {rdflib.URIRef(EQF + "6")}  # derived from level 6.1
    assert set(elm_graph.objects(q, ELM.NQFLevel)) == {rdflib.URIRef(QDR + "c_6bfeff7a")}  # NQFS 6.1 in the QDR
    assert set(elm_graph.objects(q, ELM.ISCEDFCode)) == {rdflib.URIRef("http://data.europa.eu/snb/isced-f/0613")}
    doctor = rdflib.URIRef(register_project.base + "qualification/Q-0311-8-010")
    assert set(elm_graph.objects(doctor, ELM.EQFLevel)) == {rdflib.URIRef(EQF + "8")}
    for concept, scheme in [
        (EQF + "6", EQF + "25831c2"),
        (QDR + "c_6bfeff7a", QDR + "25831c2"),
        ("http://data.europa.eu/snb/isced-f/0613", "http://data.europa.eu/snb/isced-f/25831c2"),
    ]:
        assert (rdflib.URIRef(concept), rdflib.RDF.type, SKOS.Concept) in elm_graph
        assert set(elm_graph.objects(rdflib.URIRef(concept), SKOS.inScheme)) == {rdflib.URIRef(scheme)}
    outcomes = set(elm_graph.objects(q, ELM.learningOutcome))
    assert len(outcomes) == 3
    titles = {str(t) for o in outcomes for t in elm_graph.objects(o, rdflib.DCTERMS.title) if t.language == "en"}
    assert "Leads a small development team" in titles


def test_empty_register_gives_a_valid_export_that_says_so(
    main_project: Project, eu_shapes: dict[str, rdflib.Graph]
) -> None:
    sources = load_sources(main_project.source_files(), main_project.base)  # the real data: no qualification
    graph = to_rdflib(elm_view(derive(sources.triples, main_project.base), main_project.base))
    assert set(graph.subjects(rdflib.RDF.type, ELM.Qualification)) == set()
    assert conforms(graph, eu_shapes) == {"LOQ-constraints.ttl": True, "LOQ-constraints-mdr.ttl": True}
    void = rdflib.URIRef("http://rdfs.org/ns/void#entities")
    assert [int(n) for n in graph.objects(None, void)] == [0]

"""Validating again only what an edit reached (`validation_delta`) finds what validating everything finds:
on the project's own data, after random edits and after edits that reach a node through a value (its
type, read by `sh:class`; its scheme, read at the end of a two-step path)."""

from __future__ import annotations

import random
import re

import pyoxigraph as ox
import pytest
import rdflib

import noks.validate
from noks import sparql_constraints, validation_delta
from noks.build import prepare
from noks.graph import Triples, canonical
from noks.load import parse_file
from noks.namespaces import RDF_TYPE, SKOS, all_prefixes
from noks.project import Project
from noks.validate import Report, interpret, prepare_shapes, run_fast, shape_namer, validate
from noks.validation_cache import ValidationCache

BASE = "https://w3id.org/noks/"
EDUCATION_KIND = "<https://w3id.org/noks/ontology#educationKind>"


@pytest.fixture(scope="module")
def prepared(main_project: Project) -> tuple:
    sources, shapes, triples = prepare(main_project)
    shape_triples = prepare_shapes(shapes.triples, BASE)
    return sources, shape_triples, triples, run_fast(triples.statements(), shape_triples)


class Taken:
    """`reached`, noting whether each call could tell what an edit reached."""

    def __init__(self) -> None:
        self.told: list[bool] = []
        self.reached = validation_delta.reached

    def __call__(self, *args: object) -> set | None:
        found = self.reached(*args)
        self.told.append(found is not None)
        return found


@pytest.fixture()
def taken(monkeypatch: pytest.MonkeyPatch) -> Taken:
    counted = Taken()
    monkeypatch.setattr(validation_delta, "reached", counted)
    return counted


def _problems(prepared: tuple, results: object, graph: Triples) -> tuple:
    sources, shapes, _, _ = prepared
    return interpret(results, shape_namer(shapes, all_prefixes(BASE)), sources.origins, BASE, graph).problems


def _edited(lines: list[str]) -> Triples:
    return canonical(ox.parse("\n".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES))


def _both(prepared: tuple, edited: Triples) -> tuple[tuple, tuple]:
    _, shapes, triples, results = prepared
    whole = run_fast(edited.statements(), shapes)
    again = run_fast(edited.statements(), shapes, last=(triples.ntriples, results))
    return _problems(prepared, whole, edited), _problems(prepared, again, edited)


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_give_what_validating_everything_gives(prepared: tuple, taken: Taken, seed: int) -> None:
    lines = prepared[2].ntriples.decode().splitlines()
    chance = random.Random(seed)
    for _ in range(4):
        edited = list(lines)
        for _ in range(chance.randint(1, 3)):
            i, j = chance.randrange(len(edited)), chance.randrange(len(lines))
            kind = chance.choice(["drop", "object", "type", "text"])
            if kind == "drop":
                edited[i] = ""
            elif kind == "object":  # another statement's object in place of this one's
                edited[i] = " ".join(edited[i].split(" ", 2)[:2] + [lines[j].split(" ", 2)[2]])
            elif kind == "type" and lines[j].split(" ", 2)[2].startswith("<"):
                edited.append(f"{lines[j].split(' ', 2)[2][:-2]} <{RDF_TYPE}> <http://example.org/Thing> .")
            else:
                edited[i] = re.sub(r'"([^"]*)"', r'"\1 (edited)"', edited[i], count=1)
        whole, again = _both(prepared, _edited(edited))
        assert again == whole
    assert taken.told.count(True) >= 3  # the edits were told apart, not all validated whole


def _held_values(lines: list[str], predicate: str) -> list[str]:
    return sorted({line.split(" ", 2)[2][:-2] for line in lines if line.split(" ", 2)[1] == predicate})


@pytest.mark.parametrize(
    "predicate",
    [
        RDF_TYPE,  # `sh:class` reads the value's type: the holder's results change, not its statements
        f"{SKOS}inScheme",  # the path `(noks:educationKind skos:inScheme)` reads the value's scheme
    ],
)
def test_a_value_changed_is_found_at_who_holds_it(prepared: tuple, taken: Taken, predicate: str) -> None:
    lines = prepared[2].ntriples.decode().splitlines()
    held = _held_values(lines, EDUCATION_KIND)[0]
    edited = [line for line in lines if not line.startswith(f"{held} <{predicate}> ")]
    assert len(edited) < len(lines)
    whole, again = _both(prepared, _edited(edited))
    assert again == whole
    assert whole != _problems(prepared, prepared[3], prepared[2])  # the edit was seen
    assert taken.told == [True]


def test_what_it_cannot_tell_is_validated_whole(prepared: tuple) -> None:
    _, shapes, triples, _ = prepared
    engine_shapes, _ = sparql_constraints.split(shapes)
    onward = validation_delta.local_shapes(engine_shapes)
    assert onward is not None and f"{SKOS}inScheme" in onward
    store = ox.Store()
    store.bulk_extend(triples)
    text = triples.ntriples
    blank = text + b'_:b1 <http://example.org/p> "x" .\n'
    assert validation_delta.reached(text, store, blank, onward) is None
    hierarchy = text + b"<http://example.org/A> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://ex.org/B> .\n"
    assert validation_delta.reached(text, store, hierarchy, onward) is None
    assert validation_delta.reached(b"", store, text, onward) is None  # the whole graph is new
    shape = ox.BlankNode("s")
    nested = [ox.Triple(shape, ox.NamedNode("http://www.w3.org/ns/shacl#node"), ox.NamedNode("http://example.org/S"))]
    assert validation_delta.local_shapes(engine_shapes + nested) is None
    a, b, c = (ox.BlankNode(name) for name in "abc")
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    three = [
        ox.Triple(shape, ox.NamedNode("http://www.w3.org/ns/shacl#path"), a),
        *(ox.Triple(x, ox.NamedNode(rdf + "first"), ox.NamedNode(f"http://example.org/{x.value}")) for x in (a, b, c)),
        ox.Triple(a, ox.NamedNode(rdf + "rest"), b),
        ox.Triple(b, ox.NamedNode(rdf + "rest"), c),
        ox.Triple(c, ox.NamedNode(rdf + "rest"), ox.NamedNode(rdf + "nil")),
    ]
    assert validation_delta.local_shapes(engine_shapes + three) is None  # a path of three steps


def test_the_cache_hands_the_last_graph_to_the_next_validation(
    prepared: tuple, main_project: Project, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources, _, triples, _ = prepared
    shape_triples = [t for path in main_project.shape_files() for t in parse_file(path, BASE)]
    cache = ValidationCache(tmp_path)
    first = validate(triples, shape_triples, sources.origins, BASE, cache)
    lines = triples.ntriples.decode().splitlines()
    label = next(i for i, line in enumerate(lines) if f"<{SKOS}prefLabel>" in line and line.endswith('"@en .'))
    lines[label] = lines[label].replace('"@en .', ' (edited)"@en .').replace('" (edited)', " (edited)")
    edited = _edited(lines)
    handed: list[object] = []
    engine = noks.validate.run_fast

    def noted(data: object, shapes: list, last: object = None) -> object:
        handed.append(last)
        return engine(data, shapes, last=last)

    monkeypatch.setattr(noks.validate, "run_fast", noted)
    again = validate(edited, shape_triples, sources.origins, BASE, cache)
    assert handed and handed[0] is not None and handed[0][0] == triples.ntriples
    assert isinstance(again, Report) and isinstance(first, Report)
    monkeypatch.setattr(noks.validate, "run_fast", engine)
    assert again == validate(edited, shape_triples, sources.origins, BASE)


def test_the_last_graph_is_handed_only_with_its_results_and_shapes(tmp_path) -> None:
    cache = ValidationCache(tmp_path)
    results = rdflib.Graph()
    results.add((rdflib.BNode(), rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#ValidationReport")))
    cache.put("k1", results, b"<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n", "s1")
    graph, found = cache.last("s1")
    assert graph.startswith(b"<http://example.org/a>") and len(found) == 1
    assert cache.last("s2") is None  # other shapes or engine
    cache.put("k2", results)  # results of another graph, whose text was not kept
    assert cache.last("s1") is None

"""SHACL validation of the derived graph against shapes/, reported as located problems."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
import pyshacl_turbo
import rdflib
from pyshacl import validate as pyshacl_validate
from pyshacl_turbo.rdf import Input as EngineInput  # what the engine makes of a Store (pinned < 0.7)
from rdflib.namespace import SH

from noks import sparql_constraints, validation_delta
from noks.errors import Problem
from noks.graph import Statements, Triples, in_order, to_store
from noks.load import Origin
from noks.namespaces import all_prefixes
from noks.serialize import write_ntriples
from noks.shapes import prepare_shapes, shape_namer
from noks.terms import compact, natural_key
from noks.validation_cache import ValidationCache, shapes_key, validation_key

# Whole-graph SPARQL constraints (one query for all resources, instead of one per resource) use the
# ontology as their single focus node and report the offending resource as sh:value.
GRAPH_ANCHOR = "ontology"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]

    @property
    def violations(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "violation"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "violation"]


def to_rdflib(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=write_ntriples(triples), format="nt")
    return graph


def run_shacl(data: rdflib.Graph, shapes: rdflib.Graph) -> rdflib.Graph:
    """pySHACL, inference off: the reference engine (kept for the tests). Returns the results graph."""
    _conforms, results, _text = pyshacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    return results


def run_fast(
    data: Iterable[ox.Triple], shapes: list[ox.Triple], last: tuple[bytes, rdflib.Graph] | None = None
) -> rdflib.Graph:
    """pyshacl-turbo (a Rust engine with pySHACL's API) on Oxigraph stores: the build's engine, with the
    whole-graph SPARQL constraints answered by Oxigraph's query engine (`sparql_constraints`), faster.

    It gives the same results as pySHACL on every shape fixture and on the data (tests/test_validate.py),
    several times faster, and stays fast at the size of the national register.

    The engine copies a Store's statements out as N-Quads text and parses that. The build's graph, with no
    Store yet, is handed over as that text directly (`Triples.ntriples`: N-Triples are N-Quads in the
    default graph), so the validation can start before the build's Store exists, in a child that does not
    touch the graph's objects; the SPARQL constraints then read a store made from the same text (blank
    nodes keep their labels, as in the engine), freed before the engine runs.

    `last`: a graph validated before and the results found then. If what changed since can be told to
    reach only some focus nodes (`validation_delta`), the engine validates only those, on the part of the
    graph their results read, and the others keep their results.
    """
    engine_shapes, constraints = sparql_constraints.split(shapes)
    engine_input: ox.Store | EngineInput
    if isinstance(data, Statements) or (isinstance(data, Triples) and not data.has_store):
        store = _store_of(data.ntriples)
        found = sparql_constraints.run(store, constraints)
        results = None if last is None else _since(last, store, data.ntriples, engine_shapes)
        del store
        if results is not None:
            sparql_constraints.add(results, found)
            return results
        engine_input = _engine_input(data.ntriples)
    else:
        engine_input = to_store(data)
        found = sparql_constraints.run(engine_input, constraints)
    results = _engine(engine_input, engine_shapes)
    sparql_constraints.add(results, found)
    return results


def _since(
    last: tuple[bytes, rdflib.Graph], store: ox.Store, ntriples: bytes, shapes: list[ox.Triple]
) -> rdflib.Graph | None:
    """The engine's results of the graph in `store` (`ntriples`) from those of the `last` one, validating
    only what the edit reached; None if that cannot be told (`validation_delta`)."""
    onward = validation_delta.local_shapes(shapes)
    focus = None if onward is None else validation_delta.reached(last[0], store, ntriples, onward)
    if onward is None or focus is None:
        return None
    part = ox.serialize(validation_delta.neighbourhood(store, focus, onward), format=ox.RdfFormat.N_TRIPLES)
    return validation_delta.merged(last[1], _engine(_engine_input(part), shapes), focus)


def _engine_input(ntriples: bytes) -> EngineInput:
    return EngineInput(engine_text(ntriples), "oxigraph-nquads", None, {}, preserve_ids=True)


def _engine(data: ox.Store | EngineInput, shapes: list[ox.Triple]) -> rdflib.Graph:
    _conforms, results, _text = pyshacl_turbo.validate(
        data, shacl_graph=to_store(shapes), inference="none", advanced=True, allow_warnings=True
    )
    return results


def _store_of(ntriples: bytes) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))  # labels kept (bulk_load renames)
    return store


_LATIN1 = re.compile("[\x80-\xff]")
# a blank node label holding a character beyond ASCII (labels have no escapes); also "_:…" in a literal
_WIDE_LABEL = re.compile(rb"_:[^ \t\n]*[\x80-\xff]")
_PIECE = 1 << 20


def engine_text(ntriples: bytes) -> str:
    """N-Triples text as the engine is given it: in ASCII, every other character written as its `\\u`
    or `\\U` escape (the same statements, unless a blank node's label needs the character itself). A
    Python text with Cyrillic in it takes two bytes a character, and the engine reads it through a UTF-8
    copy kept beside it: an ASCII one takes less than half as much (about 110 MB less at 10,000
    qualifications, measured). Converted piece by piece, so no whole wide copy is made on the way."""
    if ntriples.isascii() or _WIDE_LABEL.search(ntriples):
        return ntriples.decode()
    out = bytearray()
    view, start = memoryview(ntriples), 0
    while start < len(ntriples):
        end = ntriples.find(b"\n", start + _PIECE) + 1 or len(ntriples)
        piece = str(view[start:end], "utf-8")
        if ntriples.find(b"\xc2", start, end) >= 0 or ntriples.find(b"\xc3", start, end) >= 0:  # U+0080-U+00FF
            for char in set(_LATIN1.findall(piece)):  # the one range backslashreplace writes as \\xHH
                piece = piece.replace(char, f"\\u{ord(char):04X}")
        out += piece.encode("ascii", "backslashreplace")  # \\uHHHH, or \\UHHHHHHHH beyond the BMP
        start = end
    return out.decode("ascii")


def _origin(focus: str, origins: Mapping[str, Origin]) -> Origin | None:
    return origins.get(focus) or origins.get(focus.split("#", 1)[0])


def _problem_order(p: Problem) -> tuple:
    return (p.severity != "violation", str(p.file or ""), p.line or 0, natural_key(p.resource), p.rule, p.message)


def _literal_key(value: str, language: str | None, datatype: str | None) -> tuple[str, str, str]:
    return (value, (language or "").lower(), "" if language else (datatype or XSD_STRING))


def literal_holders(triples: Iterable[ox.Triple], literals: Iterable[rdflib.Literal]) -> dict[rdflib.Literal, str]:
    """For each literal, the subject (an IRI) of the first triple that states it, in the graph's order.

    One pass over the graph, made only when a result needs it, stopping when every literal is found.
    """
    wanted: dict[tuple[str, str, str], list[rdflib.Literal]] = {}
    for literal in literals:
        dt = str(literal.datatype) if literal.datatype else None
        wanted.setdefault(_literal_key(str(literal), literal.language, dt), []).append(literal)
    found: dict[rdflib.Literal, str] = {}
    for t in triples if wanted else ():
        value = t.object
        if isinstance(value, ox.Literal) and isinstance(t.subject, ox.NamedNode):
            same = wanted.pop(_literal_key(value.value, value.language, value.datatype.value), ())
            found.update((literal, t.subject.value) for literal in same)
            if same and not wanted:
                break
    return found


def interpret(
    results: rdflib.Graph,
    rule: Callable[[rdflib.term.Node], str],
    origins: Mapping[str, Origin],
    base: str,
    triples: Iterable[ox.Triple] = (),
) -> Report:
    """Turn a SHACL results graph into problems with file, line, resource, rule and fix.

    A whole-graph SPARQL check reports the graph anchor as its focus and the offending resource (or
    literal) as sh:value: the problem is then located at that resource (or the first one in `triples`
    stating the literal). Costs O(results), plus one pass over `triples` if a result is on a literal.
    """
    prefixes = all_prefixes(base)
    anchor = rdflib.URIRef(base + GRAPH_ANCHOR)
    found = [
        (result, results.value(result, SH.focusNode), results.value(result, SH.value))
        for result in results.subjects(rdflib.RDF.type, SH.ValidationResult)
    ]
    holders = literal_holders(triples, {v for _, f, v in found if f == anchor and isinstance(v, rdflib.Literal)})
    problems: list[Problem] = []
    for result, focus_node, value in found:
        focus = str(focus_node)
        if focus_node == anchor and isinstance(value, rdflib.URIRef):
            focus = str(value)
        elif focus_node == anchor and isinstance(value, rdflib.Literal):
            focus = holders.get(value, focus)
        path = results.value(result, SH.resultPath)
        message = str(results.value(result, SH.resultMessage) or "constraint not met")
        detail = []
        if isinstance(path, rdflib.URIRef):
            detail.append(f"property {compact(str(path), prefixes) or path}")
        if value is not None and str(value) != focus:
            detail.append(f"value {value.n3()}")  # <iri>, _:blank or "literal"@lang
        origin = _origin(focus, origins)
        problems.append(
            Problem(
                message=message + (f" ({'; '.join(detail)})" if detail else ""),
                file=origin.file if origin else None,
                line=origin.line if origin else None,
                severity=SEVERITY.get(results.value(result, SH.resultSeverity), "violation"),
                resource=focus,
                rule=rule(results.value(result, SH.sourceShape)),
            )
        )
    problems.sort(key=_problem_order)
    return Report(tuple(problems))


def validate(
    triples: Iterable[ox.Triple],
    shape_triples: list[ox.Triple],
    origins: Mapping[str, Origin],
    base: str,
    cache: ValidationCache | None = None,
) -> Report:
    """Validate the graph against the shapes; located problems. With `cache`, results kept for this very
    graph and shapes are read back instead (and new ones kept)."""
    shapes = prepare_shapes(shape_triples, base)
    if cache is None:
        results = run_fast(triples, shapes)
    else:
        part = shapes_key(shapes)
        key = validation_key(triples, part)
        results = cache.get(key)
        if results is None:  # the engine's results of the graph validated last are reused where an edit left them
            results = run_fast(triples, shapes, last=cache.last(part))
            cache.put(key, results, in_order(triples).ntriples, part)
    return interpret(results, shape_namer(shapes, all_prefixes(base)), origins, base, triples)

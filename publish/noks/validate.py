"""SHACL validation of the derived graph against shapes/, reported as located problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
import pyshacl_turbo
import rdflib
from pyshacl import validate as pyshacl_validate
from rdflib.namespace import SH

from noks.errors import Problem
from noks.graph import to_store
from noks.load import Origin
from noks.namespaces import all_prefixes
from noks.project import DEFAULT_BASE
from noks.serialize import write_ntriples
from noks.terms import compact, natural_key

# Whole-graph SPARQL constraints (one query for all resources, instead of one per resource) use the
# ontology as their single focus node and report the offending resource as sh:value.
GRAPH_ANCHOR = "ontology"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
SH_NAMESPACE = ox.NamedNode(str(SH.namespace))
SH_NAME = ox.NamedNode(str(SH.name))


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


def prepare_shapes(shape_triples: list[ox.Triple], base: str) -> list[ox.Triple]:
    """The shapes as the engine runs them, for a project whose base IRI is `base`.

    The SPARQL queries name our ontology's terms with the prefix noks:, declared in shapes/ for the
    published base (sh:namespace "https://w3id.org/noks/ontology#"), so that every triple pattern
    has a constant predicate and class. Here, in this one place, a declared namespace under the
    published base moves under `base` (the rest of the shapes follows the base through Turtle's
    relative IRIs). With the published base, the very same list is returned.
    """
    if base == DEFAULT_BASE:
        return shape_triples
    return [_rebased(t, base) for t in shape_triples]


def _rebased(t: ox.Triple, base: str) -> ox.Triple:
    value = t.object
    if t.predicate != SH_NAMESPACE or not isinstance(value, ox.Literal) or not value.value.startswith(DEFAULT_BASE):
        return t
    rebased = ox.Literal(base + value.value[len(DEFAULT_BASE) :], datatype=value.datatype)
    return ox.Triple(t.subject, t.predicate, rebased)


def run_shacl(data: rdflib.Graph, shapes: rdflib.Graph) -> rdflib.Graph:
    """pySHACL, inference off: the reference engine (kept for the tests). Returns the results graph."""
    _conforms, results, _text = pyshacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    return results


def run_fast(data: list[ox.Triple], shapes: list[ox.Triple]) -> rdflib.Graph:
    """pyshacl-turbo (a Rust engine with pySHACL's API) on Oxigraph stores: the build's engine.

    It gives the same results as pySHACL on every shape fixture and on the data (tests/test_validate.py),
    several times faster, and stays fast at the size of the national register.
    """
    _conforms, results, _text = pyshacl_turbo.validate(
        to_store(data), shacl_graph=to_store(shapes), inference="none", advanced=True, allow_warnings=True
    )
    return results


def _origin(focus: str, origins: Mapping[str, Origin]) -> Origin | None:
    return origins.get(focus) or origins.get(focus.split("#", 1)[0])


def shape_namer(shape_triples: list[ox.Triple], prefixes: dict[str, str]) -> Callable[[rdflib.term.Node], str]:
    """The rule shown for a result's source shape: its compact IRI, or the sh:name of an unnamed shape."""
    names: dict[str, str] | None = None

    def name(shape: rdflib.term.Node) -> str:
        nonlocal names
        if isinstance(shape, rdflib.URIRef):
            return compact(str(shape), prefixes) or str(shape)
        if names is None:  # an anonymous shape (there is none in shapes/): read the names once
            names = {t.subject.value: t.object.value for t in shape_triples if t.predicate == SH_NAME}
        return names.get(str(shape), "(anonymous shape)")

    return name


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
            detail.append(f"value {value.n3() if isinstance(value, rdflib.Literal) else '<' + str(value) + '>'}")
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
    triples: list[ox.Triple], shape_triples: list[ox.Triple], origins: Mapping[str, Origin], base: str
) -> Report:
    """Validate the graph (its shared Store, `to_store(triples)`) against the shapes; located problems."""
    shapes = prepare_shapes(shape_triples, base)
    results = run_fast(triples, shapes)
    return interpret(results, shape_namer(shapes, all_prefixes(base)), origins, base, triples)

"""SHACL validation of the derived graph against shapes/, reported as located problems."""

from __future__ import annotations

from collections.abc import Iterable
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
from noks.serialize import write_ntriples
from noks.terms import compact, natural_key

# Whole-graph SPARQL constraints (one query for all resources, instead of one per resource) use the
# ontology as their single focus node and report the offending resource as sh:value.
GRAPH_ANCHOR = "ontology"
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


def run_fast(data: list[ox.Triple], shapes: list[ox.Triple]) -> rdflib.Graph:
    """pyshacl-turbo (a Rust engine with pySHACL's API) on Oxigraph stores: the build's engine.

    It gives the same results as pySHACL on every shape fixture and on the data (tests/test_validate.py),
    several times faster, and stays fast at the size of the national register.
    """
    _conforms, results, _text = pyshacl_turbo.validate(
        to_store(data), shacl_graph=to_store(shapes), inference="none", advanced=True, allow_warnings=True
    )
    return results


def _origin(focus: str, origins: dict[str, Origin]) -> Origin | None:
    return origins.get(focus) or origins.get(focus.split("#", 1)[0])


def _shape_name(shapes: rdflib.Graph, shape: rdflib.term.Node, prefixes: dict[str, str]) -> str:
    if isinstance(shape, rdflib.URIRef):
        return compact(str(shape), prefixes) or str(shape)
    name = shapes.value(shape, SH.name)
    return str(name) if name else "(anonymous shape)"


def _problem_order(p: Problem) -> tuple:
    return (p.severity != "violation", str(p.file or ""), p.line or 0, natural_key(p.resource), p.rule, p.message)


def interpret(results: rdflib.Graph, shapes: rdflib.Graph, origins: dict[str, Origin], base: str) -> Report:
    """Turn a SHACL results graph into problems with file, line, resource, rule and fix."""
    prefixes = all_prefixes(base)
    problems: list[Problem] = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = str(results.value(result, SH.focusNode))
        if focus == base + GRAPH_ANCHOR and isinstance(results.value(result, SH.value), rdflib.URIRef):
            focus = str(results.value(result, SH.value))  # a whole-graph SPARQL check names the resource as value
        shape = results.value(result, SH.sourceShape)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
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
                rule=_shape_name(shapes, shape, prefixes),
            )
        )
    problems.sort(key=_problem_order)
    return Report(tuple(problems))


def validate(triples: list[ox.Triple], shape_triples: list[ox.Triple], origins: dict[str, Origin], base: str) -> Report:
    return interpret(run_fast(triples, shape_triples), to_rdflib(shape_triples), origins, base)

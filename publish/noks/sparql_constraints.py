"""The shapes' whole-graph SPARQL constraints, run by Oxigraph's query engine instead of the SHACL engine.

Most of our rules are SHACL-SPARQL constraints of a node shape whose one focus is a fixed node (`sh:targetNode
<ontology>`): one query over the whole graph each. pyoxigraph runs these queries 2-3 times faster than
the SHACL engine's own SPARQL (measured at 10k qualifications: 4.9 s against 13.6 s), so `split` takes
them out of the shapes the engine runs and `run` answers them, with the results the SHACL recommendation
(section 5.3) asks for and the engines give: one result per solution, its value the solution's ?value
(else the focus node), its messages the constraint's and the shape's with each {?var} or {$var} filled
in (an unbound one stays), its severity the shape's; solutions that make the same result make one. A
constraint of another kind (a property shape, another target, no message, a query that needs
$shapesGraph or that Oxigraph cannot pre-bind) is left to the engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib

SH = "http://www.w3.org/ns/shacl#"
THIS = ox.Variable("this")
VIOLATION = ox.NamedNode(SH + "Violation")
TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
_TARGETS = {SH + name for name in ("targetNode", "targetClass", "targetSubjectsOf", "targetObjectsOf", "target")}
_CURRENT_SHAPE = re.compile(r"[?$]currentShape\b")
_SHAPES_GRAPH = re.compile(r"[?$]shapesGraph\b")
_FILLED = re.compile(r"\{[?$]([A-Za-z0-9_]+)\}")

Node = ox.NamedNode | ox.BlankNode


@dataclass(frozen=True)
class Constraint:
    shape: ox.NamedNode
    constraint: Node
    focus: tuple[ox.NamedNode | ox.Literal, ...]  # the shape's target nodes
    query: str  # $currentShape written in
    prefixes: tuple[tuple[str, str], ...]
    messages: tuple[ox.Literal, ...]
    severity: ox.NamedNode


def split(shapes: list[ox.Triple]) -> tuple[list[ox.Triple], list[Constraint]]:
    """The shapes the SHACL engine still runs, and the constraints taken out of them for `run`."""
    about: dict[Node, dict[str, list[ox.Term]]] = {}
    for t in shapes:
        about.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)
    taken = [c for shape, values in about.items() for c in _constraints(shape, values, about)]
    moved = {(c.shape, c.constraint) for c in taken}
    kept = [t for t in shapes if not (t.predicate.value == SH + "sparql" and (t.subject, t.object) in moved)]
    return kept, taken


def _constraints(shape: Node, values: dict[str, list[ox.Term]], about: dict) -> Iterator[Constraint]:
    targets = {p for p in values if p in _TARGETS}
    if not isinstance(shape, ox.NamedNode) or targets != {SH + "targetNode"} or SH + "path" in values:
        return
    if TRUE in values.get(SH + "deactivated", ()) or len(values.get(SH + "severity", ())) > 1:
        return
    focus = tuple(sorted(values[SH + "targetNode"], key=str))
    for node in values.get(SH + "sparql", ()):
        constraint = about.get(node, {})
        selects = constraint.get(SH + "select", [])
        off = TRUE in constraint.get(SH + "deactivated", ())
        if len(selects) != 1 or off or _SHAPES_GRAPH.search(selects[0].value):
            continue
        query = _CURRENT_SHAPE.sub(f"<{shape.value}>", selects[0].value)
        prefixes = _prefixes(constraint.get(SH + "prefixes", []), about)
        if prefixes is None or not _runs(query, prefixes, focus):
            continue
        said = constraint.get(SH + "message", []) + values.get(SH + "message", [])  # the engine says both
        messages = [m for m in said if isinstance(m, ox.Literal)]
        if not messages:  # pySHACL and the engine differ on what to say then: left to the engine
            continue
        yield Constraint(
            shape=shape,
            constraint=node,
            focus=focus,
            query=query,
            prefixes=prefixes,
            messages=tuple(sorted(set(messages), key=lambda m: (m.value, m.language or ""))),
            severity=values.get(SH + "severity", [VIOLATION])[0],
        )


def _prefixes(holders: list[ox.Term], about: dict) -> tuple[tuple[str, str], ...] | None:
    """The prefixes declared (sh:declare) by the constraint's sh:prefixes; None if one is not well formed."""
    found = {}
    for holder in holders:
        for declaration in about.get(holder, {}).get(SH + "declare", []):
            declared = about.get(declaration, {})
            prefix, namespace = declared.get(SH + "prefix", []), declared.get(SH + "namespace", [])
            if len(prefix) != 1 or len(namespace) != 1:
                return None
            if found.get(prefix[0].value, namespace[0].value) != namespace[0].value:
                return None
            found[prefix[0].value] = namespace[0].value
    return tuple(sorted(found.items()))


def _runs(query: str, prefixes: tuple[tuple[str, str], ...], focus: tuple[ox.Term, ...]) -> bool:
    """Whether Oxigraph can run the query with $this bound (it must be a SELECT that projects it)."""
    try:
        answer = ox.Store().query(query, prefixes=dict(prefixes), substitutions={THIS: focus[0]})
    except (SyntaxError, RuntimeError, ValueError, TypeError):
        return False
    return isinstance(answer, ox.QuerySolutions)


def run(store: ox.Store, constraints: Iterable[Constraint]) -> rdflib.Graph:
    """The validation results of the constraints on the graph in `store`, with their terms as the engine
    gives them. Solutions that make the same result (the same value, path and messages) make it once, as
    in the engines."""
    results = rdflib.Graph()
    for c in constraints:
        for focus in c.focus:
            made = set()
            for solution in store.query(c.query, prefixes=dict(c.prefixes), substitutions={THIS: focus}):
                value, path = solution["value"], solution["path"]  # None if unbound or not in the query
                messages = tuple(_filled(m.value, solution) for m in c.messages)
                path = path if isinstance(path, ox.NamedNode) else None
                result = (value if value is not None else focus, path, messages)
                if result not in made:
                    made.add(result)
                    _add_result(results, c, focus, *result)
    return results


def _add_result(
    results: rdflib.Graph,
    c: Constraint,
    focus: ox.Term,
    value: ox.Term,
    path: ox.NamedNode | None,
    messages: tuple[str, ...],
) -> None:
    node, sh = rdflib.BNode(), rdflib.namespace.SH
    results.add((node, rdflib.RDF.type, sh.ValidationResult))
    results.add((node, sh.focusNode, _rdflib(focus)))
    results.add((node, sh.value, _rdflib(value)))
    if path is not None:
        results.add((node, sh.resultPath, _rdflib(path)))
    for message in messages:
        results.add((node, sh.resultMessage, rdflib.Literal(message)))
    results.add((node, sh.resultSeverity, _rdflib(c.severity)))
    results.add((node, sh.sourceShape, _rdflib(c.shape)))
    results.add((node, sh.sourceConstraint, _rdflib(c.constraint)))
    results.add((node, sh.sourceConstraintComponent, sh.SPARQLConstraintComponent))


def _rdflib(term: ox.Term) -> rdflib.term.Node:
    """The term as the engine gives it in rdflib (a blank node keeps its label, a literal its datatype)."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _filled(template: str, solution: ox.QuerySolution) -> str:
    """The message with each {?var} (or {$var}) replaced by the variable's value; an unbound one stays."""

    def value(match: re.Match[str]) -> str:
        term = solution[match.group(1)]
        return match.group(0) if term is None else term.value

    return _FILLED.sub(value, template)


def add(results: rdflib.Graph, found: rdflib.Graph) -> None:
    """Add the results found by `run` to the SHACL engine's results graph, in its report (which then
    conforms only if neither holds a violation)."""
    sh = rdflib.namespace.SH
    for report in list(results.subjects(rdflib.RDF.type, sh.ValidationReport)):
        for result in found.subjects(rdflib.RDF.type, sh.ValidationResult):
            results.add((report, sh.result, result))
        if (None, sh.resultSeverity, sh.Violation) in found:
            results.set((report, sh.conforms, rdflib.Literal(False)))
    results += found

"""The engine's results after an edit, from the last validation's: only the focus nodes the edit reached are
validated again, on the part of the graph their results can read.

The engine's shapes here are local: a focus node's results read its own statements (the values of one
predicate, or of a sequence of two), the types of the values (`sh:class`) and the class hierarchy, and
whether it is a target reads its own types or statements. So after an edit, a focus node whose
statements did not change, and none of whose values changed what a path or `sh:class` reads of them, has
the results it had. The ones that may not: the subjects and IRI objects of every statement added or
removed, and the holders of a node whose type or path step changed (and their holders, for a two-step
path). The engine runs on what their results read (`neighbourhood`), and its results for them replace
theirs. (The whole-graph SPARQL rules are answered anew every time.)

Anything this reasoning does not cover gives None (the caller validates everything): a shape using
anything but the local constraints listed in `LOCAL`, a blank node in a changed statement, a change to
the class hierarchy, or an edit that reaches more than a tenth of the graph's subjects (the whole run is
then about as fast).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
import rdflib

from noks.namespaces import DCTERMS, OWL, RDF, RDF_TYPE, RDFS, SH

SUBCLASS = RDFS + "subClassOf"
# what the engine's shapes may say for a focus node's results to read only what is described above
LOCAL = frozenset(
    [RDF_TYPE, RDF + "first", RDF + "rest"]
    + [
        SH + name
        for name in (
            "targetClass targetSubjectsOf targetNode property path class datatype in nodeKind pattern flags "
            "minCount maxCount lessThan lessThanOrEquals equals disjoint hasValue uniqueLang languageIn "
            "minInclusive maxInclusive minExclusive maxExclusive minLength maxLength severity name message "
            "description deactivated order group declare prefix namespace prefixes select"
        ).split()
    ]
    + [DCTERMS + name for name in ("title", "description", "license")]
    + [RDFS + "label", RDFS + "comment"]
)
OWL_ONTOLOGY = OWL + "Ontology"  # the shapes file's own description
SHAPE_TYPES = frozenset(SH + name for name in ("NodeShape", "PropertyShape", "SPARQLConstraint"))
_SHNS = rdflib.namespace.SH
_NESTED = _SHNS.detail  # the one link from a result to a blank node of the report's own (the others name
# the data's terms or the shapes', whose blank nodes keep their labels)


def local_shapes(shapes: Iterable[ox.Triple]) -> frozenset[str] | None:
    """If every shape is of the local kind described above, the predicates its paths follow from a value on
    (each path is one predicate or a sequence of two; `rdf:type` is read from values too, by `sh:class`),
    else None."""
    shapes = list(shapes)
    lists = {t.subject: t.object for t in shapes if t.predicate.value == RDF + "first"}
    rests = {t.subject: t.object for t in shapes if t.predicate.value == RDF + "rest"}
    onward = {RDF_TYPE}
    for t in shapes:
        p, o = t.predicate.value, t.object
        if p not in LOCAL:
            return None
        if p == RDF_TYPE and o.value not in SHAPE_TYPES and o.value != OWL_ONTOLOGY:
            return None  # a shape that is also a class targets its instances
        if p == SH + "path" and not isinstance(o, ox.NamedNode):
            steps = [lists.get(o), lists.get(rests.get(o))]
            end = rests.get(rests.get(o))
            if not all(isinstance(step, ox.NamedNode) for step in steps) or end != ox.NamedNode(RDF + "nil"):
                return None
            onward.add(steps[1].value)
    return frozenset(onward)


def reached(old: bytes, store: ox.Store, new: bytes, onward: frozenset[str]) -> set[ox.NamedNode] | None:
    """The focus nodes whose results an edit from the graph `old` to `new` (N-Triples, one statement a line;
    `store` holds `new`) may change, `onward` being what paths read from a value on (`local_shapes`), or
    None if that cannot be told this way."""
    before, after = set(old.split(b"\n")), set(new.split(b"\n"))
    lines = before.symmetric_difference(after)
    lines.discard(b"")
    if any(b"_:" in line for line in lines):  # a blank node, or the text "_:" (rare): validate everything
        return None
    found: set[ox.NamedNode] = set()
    seen_from: set[ox.NamedNode] = set()  # nodes whose statements read from them on changed
    for t in ox.parse(b"\n".join(sorted(lines)), format=ox.RdfFormat.N_TRIPLES):
        if t.predicate.value == SUBCLASS:
            return None
        found.add(t.subject)
        if isinstance(t.object, ox.NamedNode):
            found.add(t.object)
        if t.predicate.value in onward:
            seen_from.add(t.subject)
    # who holds such a node as a value reads it, and, through a sequence path, who holds that holder (its
    # value's type is read at the end of the path)
    for node in sorted(seen_from, key=str):
        for q in store.quads_for_pattern(None, None, node):
            if isinstance(q.subject, ox.NamedNode):
                found.add(q.subject)
                if q.predicate.value in onward:
                    holders = store.quads_for_pattern(None, None, q.subject)
                    found.update(h.subject for h in holders if isinstance(h.subject, ox.NamedNode))
    return found if len(found) <= len(after) // 400 + 10 else None  # over about a tenth of the subjects


def neighbourhood(store: ox.Store, focus: Iterable[ox.NamedNode], onward: frozenset[str]) -> list[ox.Quad]:
    """What the results of `focus` read: their statements, their values' statements on the `onward`
    predicates and the types of those values' values, and the class hierarchy."""
    part: dict[str, ox.Quad] = {}
    onward_nodes = [ox.NamedNode(p) for p in sorted(onward)]
    type_ = ox.NamedNode(RDF_TYPE)
    for node in focus:
        for q in store.quads_for_pattern(node, None, None):
            part[str(q)] = q
            if isinstance(q.object, ox.NamedNode | ox.BlankNode):
                for p in onward_nodes:
                    for v in store.quads_for_pattern(q.object, p, None):
                        part[str(v)] = v
                        if isinstance(v.object, ox.NamedNode | ox.BlankNode):
                            part.update((str(t), t) for t in store.quads_for_pattern(v.object, type_, None))
    part.update((str(q), q) for q in store.quads_for_pattern(None, ox.NamedNode(SUBCLASS), None))
    return [part[key] for key in sorted(part)]


def merged(last: rdflib.Graph, fresh: rdflib.Graph, focus: set[ox.NamedNode]) -> rdflib.Graph:
    """One report: the last engine results of every focus node not in `focus` and the fresh ones of those
    in `focus` (the SPARQL rules' results, found anew, are added by the caller: `sparql_constraints.add`)."""
    reached_iris = {rdflib.URIRef(node.value) for node in focus}
    results = rdflib.Graph()
    report = rdflib.BNode()
    results.add((report, rdflib.RDF.type, _SHNS.ValidationReport))
    for result in _results(last):
        if last.value(result, _SHNS.focusNode) not in reached_iris and (
            last.value(result, _SHNS.sourceConstraintComponent) != _SHNS.SPARQLConstraintComponent
        ):
            _copy(last, result, results, report)
    for result in _results(fresh):
        if fresh.value(result, _SHNS.focusNode) in reached_iris:
            _copy(fresh, result, results, report)
    conforms = (None, _SHNS.resultSeverity, _SHNS.Violation) not in results
    results.add((report, _SHNS.conforms, rdflib.Literal(conforms)))
    return results


def _results(graph: rdflib.Graph) -> Iterator[rdflib.term.Node]:
    return iter(sorted(graph.subjects(rdflib.RDF.type, _SHNS.ValidationResult)))


def _copy(source: rdflib.Graph, result: rdflib.term.Node, into: rdflib.Graph, report: rdflib.BNode) -> None:
    """A result and the results nested in it (`sh:detail`), named anew (the two reports' labels may meet)."""
    names: dict[rdflib.term.Node, rdflib.BNode] = {}
    todo = [result]
    while todo:
        node = todo.pop()
        if node in names:
            continue
        names[node] = rdflib.BNode()
        todo.extend(o for p, o in source.predicate_objects(node) if p == _NESTED)
    into.add((report, _SHNS.result, names[result]))
    for node, name in names.items():
        for p, o in source.predicate_objects(node):
            into.add((name, p, names[o] if p == _NESTED else o))

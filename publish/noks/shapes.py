"""The shapes as the engine runs them: our SPARQL prefix under the project's base, and each shape's name."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

from noks.project import DEFAULT_BASE
from noks.terms import compact

SH_NAMESPACE = ox.NamedNode(str(SH.namespace))
SH_NAME = ox.NamedNode(str(SH.name))


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

"""The graph: the sources plus what the build derives from them (inverses, the other script, the EQF level
of a qualification from its NOKS level)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from noks.namespaces import ELM, EQF, SKOS, noks_term
from noks.translit import to_cyrillic

SOURCE_TAG = "sr-latn"  # pyoxigraph keeps language tags lower-cased
DERIVED_TAG = "sr-Cyrl"


def _inverse_pairs(base: str) -> list[tuple[str, str]]:
    """(p, q): for every `s p o` the graph also states `o q s`."""
    return [
        (SKOS + "broader", SKOS + "narrower"),
        (SKOS + "narrower", SKOS + "broader"),
        (SKOS + "topConceptOf", SKOS + "hasTopConcept"),
        (SKOS + "hasTopConcept", SKOS + "topConceptOf"),
        (noks_term(base, "level"), noks_term(base, "code")),
    ]


def _implied(base: str) -> list[tuple[str, str]]:
    """(p, q): every `s p o` also states `s q o` (q is a super-property of p)."""
    return [
        (noks_term(base, "level"), SKOS + "broadMatch"),
        (SKOS + "topConceptOf", SKOS + "inScheme"),
    ]


def _eqf_of_levels(triples: list[ox.Triple]) -> dict[ox.NamedNode, ox.NamedNode]:
    """Each level's EQF level: the `eqf:N` it matches exactly (levels) or broadly (sublevels)."""
    matches = (ox.NamedNode(SKOS + "exactMatch"), ox.NamedNode(SKOS + "broadMatch"))
    return {
        t.subject: t.object
        for t in triples
        if t.predicate in matches
        and isinstance(t.object, ox.NamedNode)
        and t.object.value.startswith(EQF)
        and t.object.value[len(EQF) :].isdigit()
    }


def derive(triples: Iterable[ox.Triple], base: str) -> list[ox.Triple]:
    """Return the source triples plus the derived ones, without duplicates, in a stable order."""
    source = list(dict.fromkeys(triples))
    seen = set(source)
    derived: list[ox.Triple] = []

    def add(t: ox.Triple) -> None:
        if t not in seen:
            seen.add(t)
            derived.append(t)

    eqf_of = _eqf_of_levels(source)
    nqf_level, eqf_level = ox.NamedNode(ELM + "NQFLevel"), ox.NamedNode(ELM + "EQFLevel")
    inverse = {ox.NamedNode(p): ox.NamedNode(q) for p, q in _inverse_pairs(base)}
    implied = {ox.NamedNode(p): ox.NamedNode(q) for p, q in _implied(base)}
    has_cyrillic = {
        (t.subject, t.predicate)
        for t in source
        if isinstance(t.object, ox.Literal) and (t.object.language or "").lower() == DERIVED_TAG.lower()
    }
    for t in source:
        obj = t.object
        if isinstance(obj, ox.Literal) and obj.language == SOURCE_TAG:
            if (t.subject, t.predicate) not in has_cyrillic:
                add(ox.Triple(t.subject, t.predicate, ox.Literal(to_cyrillic(obj.value), language=DERIVED_TAG)))
        if t.predicate in inverse and isinstance(obj, ox.NamedNode):
            add(ox.Triple(obj, inverse[t.predicate], t.subject))
        if t.predicate in implied:
            add(ox.Triple(t.subject, implied[t.predicate], obj))
        if t.predicate == nqf_level and obj in eqf_of:
            add(ox.Triple(t.subject, eqf_level, eqf_of[obj]))  # the EQF level of a qualification, never typed
    return source + derived


def to_store(triples: Iterable[ox.Triple]) -> ox.Store:
    """An in-memory Oxigraph store holding the triples in its default graph."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    return store

"""What the build derives: here, a qualification's EQF level from its NOKS level (never typed twice)."""

from __future__ import annotations

import pyoxigraph as ox

from noks.graph import Statements, canonical, derive

BASE = "https://example.org/noks/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ELM = "http://data.europa.eu/snb/model/elm/"
EQF = "http://data.europa.eu/snb/eqf/"


def t(s: str, p: str, o: str) -> ox.Triple:
    return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o))


def eqf_levels(triples: list[ox.Triple]) -> dict[str, str]:
    return {x.subject.value: x.object.value for x in derive(triples, BASE) if x.predicate.value == ELM + "EQFLevel"}


def test_eqf_level_follows_the_noks_level() -> None:
    source = [
        t(BASE + "level/4", SKOS + "exactMatch", EQF + "4"),
        t(BASE + "level/4", SKOS + "exactMatch", "http://data.europa.eu/snb/qdr/c_71bf982b"),
        t(BASE + "level/6.1", SKOS + "broadMatch", EQF + "6"),
        t(BASE + "level/6.1", SKOS + "inScheme", EQF + "25831c2"),
        t(BASE + "q/a", ELM + "NQFLevel", BASE + "level/4"),
        t(BASE + "q/b", ELM + "NQFLevel", BASE + "level/6.1"),
        t(BASE + "q/c", ELM + "NQFLevel", BASE + "level/9"),
    ]
    assert eqf_levels(source) == {BASE + "q/a": EQF + "4", BASE + "q/b": EQF + "6"}


def test_statements_held_as_text_are_the_graphs_on_every_pass() -> None:
    triples = [
        t(BASE + "q/b", SKOS + "broader", BASE + "q/a"),
        ox.Triple(ox.NamedNode(BASE + "q/a"), ox.NamedNode(SKOS + "prefLabel"), ox.Literal("A", language="sr-Latn")),
        ox.Triple(ox.NamedNode(BASE + "q/a#x"), ox.NamedNode(SKOS + "notation"), ox.Literal('say "@en', language="en")),
        ox.Triple(ox.NamedNode(BASE + "q/a"), ox.NamedNode(SKOS + "notation"), ox.Literal("1\n2")),
    ]
    graph = canonical(triples)
    text = graph.statements()
    assert [str(x) for x in text] == [str(x) for x in text] == [str(x) for x in graph]  # parsed afresh each pass
    found = Statements(graph.ntriples)  # what is known of the whole, found in the text
    assert (found.tags, found.quoted) == (graph.tags, graph.quoted) == (frozenset({"sr-latn"}), True)
    assert not Statements(canonical(triples[:2] + triples[3:]).ntriples).quoted and list(Statements(b"")) == []

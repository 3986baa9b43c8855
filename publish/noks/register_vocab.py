"""The project's vocabularies a register row points into (levels, types, ways of acquiring, ISCED-F
fields, bodies), as lookups from what a person writes in a cell to the concept's IRI.

A cell may give the concept's code (`6.1`, `0713`), the end of its IRI (`vocational`, `nsvo`) or any
of its labels in any language or script, in any case: `Stručne kvalifikacije`, `стручне квалификације`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from noks.namespaces import RDF_TYPE, SKOS, noks_term
from noks.terms import natural_key
from noks.translit import to_latin

ORG = "http://www.w3.org/ns/org#Organization"


def key(text: str) -> str:
    """How cells and labels are compared: Latin script, case-folded, single spaces."""
    return " ".join(to_latin(text).split()).casefold()


@dataclass(frozen=True)
class Lookup:
    """One vocabulary: cell key -> IRI, and the codes to suggest when a cell matches nothing."""

    what: str
    iris: dict[str, str]
    choices: tuple[str, ...]

    def find(self, cell: str) -> str | None:
        return self.iris.get(key(cell))


@dataclass(frozen=True)
class Vocabularies:
    levels: Lookup
    types: Lookup
    acquisition: Lookup
    fields: Lookup
    bodies: Lookup


def vocabularies(triples: Iterable[ox.Triple], base: str) -> Vocabularies:
    """Lookups for every vocabulary, from the project's ontology and data."""
    facts: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        if isinstance(t.subject, ox.NamedNode) and not isinstance(t.object, ox.BlankNode):
            facts[t.subject.value][t.predicate.value].append(t.object)

    def members(test) -> list[str]:
        return sorted((s for s, p in facts.items() if test(p)), key=natural_key)

    def in_scheme(scheme: str):
        return lambda p: any(o.value == base + scheme for o in p.get(SKOS + "inScheme", []))

    def typed(cls: str):
        return lambda p: any(o.value == cls for o in p.get(RDF_TYPE, []))

    def lookup(what: str, iris: list[str], show_notation: bool) -> Lookup:
        table: dict[str, str] = {}
        shown: list[str] = []
        for iri in iris:
            p = facts[iri]
            slug = iri.rsplit("/", 1)[-1]
            notations = [o.value for o in p.get(SKOS + "notation", [])]
            names = [o.value for pred in ("prefLabel", "altLabel") for o in p.get(SKOS + pred, [])]
            for text in [*names, slug, *notations]:  # codes win over labels that happen to be equal
                table[key(text)] = iri
            shown.append(notations[0] if show_notation and notations else slug)
        return Lookup(what, table, tuple(shown))

    return Vocabularies(
        levels=lookup("NOKS levels", members(typed(noks_term(base, "Level"))), True),
        types=lookup("types of qualification", members(in_scheme("qualification-type")), False),
        acquisition=lookup("ways of acquiring", members(in_scheme("acquisition")), False),
        fields=lookup("ISCED-F fields", members(in_scheme("isced-f")), True),
        bodies=lookup("bodies", [s for s in members(typed(ORG)) if s.startswith(base + "body/")], False),
    )

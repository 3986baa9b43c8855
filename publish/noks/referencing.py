"""The EQF referencing view, generated from the graph (never a hand-written table): the NOKS beside
the EQF and the QF-EHEA, level by level (EQF level and kind of match, QDR identifier, QF-EHEA
cycle, codes, routes and ECTS volumes), the adoption of the referencing, and the evidence the
graph holds for each of the ten EQF referencing criteria (`noks.evidence`).

The model is plain data with texts in every language; `referencing_pages` renders it as pages,
and `referencing_data` writes it as CSV and JSON for re-use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from noks.namespaces import DCTERMS, EQF, QDR, RDF, RDF_TYPE, RDFS, SCHEMA, SKOS, STANDARD_PREFIXES, canonical_language
from noks.pages import Index
from noks.terms import natural_key

FOAF = STANDARD_PREFIXES["foaf"]
NAMES = (SKOS + "prefLabel", RDFS + "label", DCTERMS + "title", FOAF + "name", SCHEMA + "name")
LANGUAGES = ("sr-Cyrl", "sr-Latn", "en")


class Graph:
    """The graph's `Index` read as subject -> predicate -> objects, with texts by language."""

    def __init__(self, index: Index) -> None:
        self.base = index.base
        self.out: Mapping[str, Mapping[str, list]] = index.out
        self._into = index.into

    def iris(self, subject: str, predicate: str, namespace: str = "") -> list[str]:
        found = [o.value for o in self.out.get(subject, {}).get(predicate, []) if isinstance(o, ox.NamedNode)]
        return sorted((iri for iri in found if iri.startswith(namespace)), key=natural_key)

    def first(self, subject: str, predicate: str) -> str:
        found = sorted(o.value for o in self.out.get(subject, {}).get(predicate, []))
        return found[0] if found else ""

    def texts(self, subject: str, predicates: Iterable[str]) -> dict[str, str]:
        """The first of `predicates` that has literals, as {language: text} (one text per language)."""
        for predicate in predicates:
            literals = [o for o in self.out.get(subject, {}).get(predicate, []) if isinstance(o, ox.Literal)]
            if literals:
                chosen: dict[str, str] = {}
                for lit in sorted(literals, key=lambda x: x.value):
                    chosen.setdefault(canonical_language(lit.language or ""), lit.value)
                return chosen
        return {}

    def subjects_of_type(self, kind: str) -> list[str]:
        return sorted(self._into.get(kind, {}).get(RDF_TYPE, []), key=natural_key)

    def thing(self, iri: str) -> Thing:
        labels = self.texts(iri, NAMES)
        if not labels and RDF + "Statement" in [o.value for o in self.out.get(iri, {}).get(RDF_TYPE, [])]:
            subject, obj = self.first(iri, RDF + "subject"), self.first(iri, RDF + "object")
            one, other = self.thing(subject).labels, self.thing(obj).labels
            labels = {lang: f"{one.get(lang, '')} → {other.get(lang, '')}" for lang in one}
        if not labels:
            labels = {"": self.first(iri, SKOS + "notation") or iri.rstrip("/#").rsplit("/", 1)[-1]}
        return Thing(iri, labels)


@dataclass(frozen=True)
class Thing:
    iri: str
    labels: Mapping[str, str]  # language -> text ("" for no language)


@dataclass(frozen=True)
class Volume:
    """A volume in ECTS credits: exact, or a range, or only a lower or an upper bound."""

    exact: int | None = None
    low: int | None = None
    high: int | None = None

    @property
    def text(self) -> str:
        """Language-neutral: `180`, `300–360`, `≥ 60`, `≤ 60` (pages spell it out per language)."""
        if self.exact is not None:
            return str(self.exact)
        if self.low is not None and self.high is not None:
            return f"{self.low}–{self.high}"
        return f"≥ {self.low}" if self.low is not None else (f"≤ {self.high}" if self.high is not None else "")


@dataclass(frozen=True)
class Route:
    thing: Thing
    ects: Volume | None


@dataclass(frozen=True)
class Code:
    thing: Thing
    notation: str
    designation: str
    routes: tuple[Route, ...]


@dataclass(frozen=True)
class LevelRow:
    thing: Thing
    notation: str
    parent: str  # notation of the broader level, "" for a level
    eqf: Thing | None
    match: str  # "exact", "broad" or ""
    statement: str  # the derived mapping statement (`level/6.1#eqf`), "" if the data has none
    reason: Mapping[str, str]  # why: the statement's scope note
    qdr: str
    cycle: Thing | None
    codes: tuple[Code, ...]

    @property
    def ects(self) -> tuple[Volume, ...]:
        """The ECTS volumes of the routes to this level, each once, in the order of the codes."""
        return tuple(dict.fromkeys(r.ects for c in self.codes for r in c.routes if r.ects))


def ects(graph: Graph, route: str, term: str) -> Volume | None:
    exact, low, high = (graph.first(route, term + local) for local in ("ects", "minEcts", "maxEcts"))
    if not (exact or low or high):
        return None
    return Volume(int(exact) if exact else None, int(low) if low else None, int(high) if high else None)


def levels(graph: Graph) -> tuple[LevelRow, ...]:
    """Every level and sublevel of the NOKS, in notation order (1 < … < 6 < 6.1 < 6.2 < 7)."""
    term = graph.base + "ontology#"
    statements = {
        (graph.first(s, RDF + "subject"), graph.first(s, RDF + "object")): s
        for s in graph.subjects_of_type(RDF + "Statement")
    }
    rows = []
    for level in graph.subjects_of_type(term + "Level"):
        exact, broad = graph.iris(level, SKOS + "exactMatch", EQF), graph.iris(level, SKOS + "broadMatch", EQF)
        eqf = (exact or broad or [""])[0]
        cycles = graph.iris(level, term + "qfEheaCycle")
        codes = []
        for code in sorted(
            graph.iris(level, term + "code"), key=lambda c: natural_key(graph.first(c, SKOS + "notation"))
        ):
            designation = graph.iris(code, term + "designation")
            routes = tuple(Route(graph.thing(r), ects(graph, r, term)) for r in graph.iris(code, term + "route"))
            notation = graph.first(designation[0], SKOS + "notation") if designation else ""
            codes.append(Code(graph.thing(code), graph.first(code, SKOS + "notation"), notation, routes))
        broader = graph.iris(level, SKOS + "broader")
        rows.append(
            LevelRow(
                thing=graph.thing(level),
                notation=graph.first(level, SKOS + "notation"),
                parent=graph.first(broader[0], SKOS + "notation") if broader else "",
                eqf=graph.thing(eqf) if eqf else None,
                match="exact" if exact else ("broad" if broad else ""),
                statement=statements.get((level, eqf), ""),
                reason=graph.texts(statements.get((level, eqf), ""), [SKOS + "scopeNote"]),
                qdr=(graph.iris(level, SKOS + "exactMatch", QDR) or [""])[0],
                cycle=graph.thing(cycles[0]) if cycles else None,
                codes=tuple(codes),
            )
        )
    return tuple(sorted(rows, key=lambda r: natural_key(r.notation)))

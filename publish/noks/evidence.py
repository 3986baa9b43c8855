"""What the graph holds as evidence for each of the ten EQF referencing criteria, and the adoption
of the referencing. The criteria themselves are data (`data/eqf-referencing-criteria.ttl`); this
module maps each one, by its notation, to SPARQL queries that find the evidence, each query a
kind of evidence (named by the interface strings `evidence_{kind}`). A criterion without any
evidence is shown as "not in our data": we never claim more than the graph holds.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from noks.graph import to_store
from noks.referencing import Graph, Thing
from noks.terms import natural_key

PROLOGUE = """BASE <{base}>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dcatap: <http://data.europa.eu/r5r/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX noks: <{base}ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# criterion notation -> ((kind of evidence, SPARQL WHERE clause binding ?r), ...)
EVIDENCE: dict[str, tuple[tuple[str, str], ...]] = {
    "1": (
        (
            "bodies",
            "{ <framework> dcterms:creator ?r } UNION { <register> noks:keptBy ?r } UNION"
            " { ?r a org:Organization ; dcterms:source ?act . <framework> dcatap:applicableLegislation ?act } UNION"
            " { ?doc noks:coversLevel ?l ; noks:adoptedBy|dcterms:creator ?r } UNION"
            " { ?o a noks:Opinion ; noks:issuedBy ?r }",
        ),
        (
            "legal-basis",
            "{ <framework> dcatap:applicableLegislation ?r } UNION"
            " { <framework> dcatap:applicableLegislation/eli:amended_by ?r }",
        ),
    ),
    "2": (
        (
            "level-mapping",
            "?r a rdf:Statement ; rdf:subject/a noks:Level ; rdf:object ?eqf . FILTER STRSTARTS(STR(?eqf), 'http://data.europa.eu/snb/eqf/')",
        ),
    ),
    "3": (
        ("descriptors", "?r skos:inScheme <descriptor-dimension>"),
        ("validation", "?r skos:inScheme <acquisition>"),
        ("credit", "?r a noks:Route . { ?r noks:ects ?v } UNION { ?r noks:minEcts ?v } UNION { ?r noks:maxEcts ?v }"),
    ),
    "4": (
        ("register", "?r a dcat:Catalog ; dcatap:applicableLegislation ?act"),
        (
            "classification",
            "{ <standard-element> a skos:ConceptScheme . BIND(<standard-element> AS ?r) } UNION"
            " { ?r a skos:ConceptScheme ; dcatap:applicableLegislation ?act . FILTER(?r != <framework>) }",
        ),
        (
            "procedure-acts",
            "{ ?s a dcat:Catalog ; dcatap:applicableLegislation ?r } UNION"
            " { ?s a skos:ConceptScheme ; dcatap:applicableLegislation ?r . FILTER(?s != <framework>) }",
        ),
    ),
    "5": (),
    "6": (),
    "7": (),
    "8": (
        ("report", "?r dcterms:references ?e . ?e a schema:Event ; schema:about <framework>"),
        ("meeting", "?r a schema:Event ; schema:about <framework>"),
        ("qf-ehea", "?r a rdf:Statement ; rdf:predicate noks:qfEheaCycle"),
    ),
    "9": (
        (
            "qdr",
            "{ <framework> rdfs:seeAlso ?r } UNION { ?l a noks:Level ; skos:exactMatch ?r } FILTER STRSTARTS(STR(?r), 'http://data.europa.eu/snb/qdr/')",
        ),
    ),
    "10": (
        (
            "standard-element",
            "<standard-element/level> skos:inScheme <standard-element> . BIND(<standard-element/level> AS ?r)",
        ),
    ),
}


@dataclass(frozen=True)
class Evidence:
    kind: str
    items: tuple[Thing, ...]


@dataclass(frozen=True)
class Criterion:
    thing: Thing
    notation: str
    definition: dict[str, str]
    evidence: tuple[Evidence, ...]  # only kinds with at least one item; empty = not in our data


@dataclass(frozen=True)
class Adoption:
    event: Thing
    start: str
    end: str
    location: str
    report: Thing
    issued: str


def _select(store: ox.Store, base: str, where: str) -> list[str]:
    query = PROLOGUE.format(base=base) + "PREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
    rows = store.query(query + f"SELECT DISTINCT ?r WHERE {{ {where} }}")
    return sorted({row["r"].value for row in rows if isinstance(row["r"], ox.NamedNode)}, key=natural_key)


def criteria(graph: Graph, triples: list[ox.Triple]) -> tuple[Criterion, ...]:
    """The ten criteria (from the data) with the evidence the graph holds for each."""
    store = to_store(triples)
    scheme = graph.base + "eqf-referencing-criteria"
    found = []
    for iri in [
        s for s in graph.subjects_of_type("http://www.w3.org/2004/02/skos/core#Concept") if s.startswith(scheme + "/")
    ]:
        notation = graph.first(iri, "http://www.w3.org/2004/02/skos/core#notation")
        kinds = [
            Evidence(kind, tuple(graph.thing(r) for r in _select(store, graph.base, where)))
            for kind, where in EVIDENCE.get(notation, ())
        ]
        definition = graph.texts(iri, ["http://www.w3.org/2004/02/skos/core#definition"])
        found.append(Criterion(graph.thing(iri), notation, definition, tuple(k for k in kinds if k.items)))
    return tuple(sorted(found, key=lambda c: natural_key(c.notation)))


def adoption(graph: Graph, triples: list[ox.Triple]) -> Adoption | None:
    """The meeting at which the NOKS was referenced, and the report that records it."""
    store = to_store(triples)
    reports = _select(store, graph.base, EVIDENCE["8"][0][1])
    events = _select(store, graph.base, EVIDENCE["8"][1][1])
    if not (reports and events):
        return None
    event, schema = events[0], "https://schema.org/"
    return Adoption(
        event=graph.thing(event),
        start=graph.first(event, schema + "startDate"),
        end=graph.first(event, schema + "endDate"),
        location=graph.first(event, schema + "location"),
        report=graph.thing(reports[0]),
        issued=graph.first(reports[0], "http://purl.org/dc/terms/issued"),
    )

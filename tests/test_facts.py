"""The facts of the two seeds (and of facts.md) are in the graph, queryable with SPARQL.

One query per kind of fact, each compared with the exact expected answer taken from the seeds.
`noks_graph` (tests/conftest.py) is the BUILT graph: data + ontology + derived triples.
Tests marked "derived" need the build's derived triples (sr-Cyrl, narrower, hasTopConcept, noks:code).
`_raw_graph` is data/ and ontology/ as written, for the checks that are about the files themselves.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/noks/"
SEEDS = {
    "ministry-page": Path(__file__).resolve().parent / "seeds" / "000_dc31712b6830ae9b.txt",
    "sifarnik-2019": Path(__file__).resolve().parent / "seeds" / "001_d7ed8b43988c4665.txt",
}
EQF = "http://data.europa.eu/snb/eqf/"
QDR = "http://data.europa.eu/snb/qdr/"

PREFIXES = f"""
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcatap: <http://data.europa.eu/r5r/>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX noks: <{BASE}ontology#>
PREFIX eqf: <{EQF}>
PREFIX qdr: <{QDR}>
BASE <{BASE}>
PREFIX base: <{BASE}>
"""


@pytest.fixture(scope="module")
def _raw_graph() -> ox.Store:
    store = ox.Store()
    for path in sorted((ROOT / "ontology").glob("*.ttl")) + sorted((ROOT / "data").glob("*.ttl")):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=BASE)
    return store


def _py(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value[len(BASE) :] if term.value.startswith(BASE) else term.value
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#integer":
            return int(term.value)
        if dt == "http://www.w3.org/2001/XMLSchema#boolean":
            return term.value == "true"
        return term.value
    return str(term)


def rows(graph: ox.Store, query: str) -> list[tuple]:
    """SELECT rows as tuples of Python values (IRIs under the base made relative)."""
    result = graph.query(PREFIXES + query)
    names = [v.value for v in result.variables]
    return [tuple(_py(sol[n]) for n in names) for sol in result]


def rowset(graph: ox.Store, query: str) -> set[tuple]:
    return set(rows(graph, query))


def column(graph: ox.Store, query: str) -> set:
    return {r[0] for r in rows(graph, query)}


def seed_lines(doc: str) -> dict[int, str]:
    lines = SEEDS[doc].read_text(encoding="utf-8").split("\n")
    return {n: line.rstrip() for n, line in enumerate(lines, 1) if line.strip()}


# ------------------------------------------------------------------ levels


LEVELS = {"1", "2", "3", "4", "5", "6", "6.1", "6.2", "7", "7.1", "7.2", "8"}


def test_levels_and_hierarchy(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?n ?parent ?top WHERE {
          ?l a noks:Level ; skos:notation ?n ; skos:inScheme base:framework .
          OPTIONAL { ?l skos:broader/skos:notation ?parent }
          BIND(EXISTS { ?l skos:topConceptOf base:framework } AS ?top)
        }""",
    )
    assert got == {
        ("1", None, True),
        ("2", None, True),
        ("3", None, True),
        ("4", None, True),
        ("5", None, True),
        ("6", None, True),
        ("7", None, True),
        ("8", None, True),
        ("6.1", "6", False),
        ("6.2", "6", False),
        ("7.1", "7", False),
        ("7.2", "7", False),
    }


def test_level_labels(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?n ?sr ?en ?alt WHERE {
          ?l a noks:Level ; skos:notation ?n ;
             skos:prefLabel ?sr, ?en ; skos:altLabel ?alt .
          FILTER(langMatches(lang(?sr), "sr-Latn") && langMatches(lang(?en), "en"))
          FILTER(langMatches(lang(?alt), "sr-Latn"))
          FILTER(?n IN ("1", "6", "6.1", "7.2", "8"))
        }""",
    )
    assert got == {
        ("1", "Nivo 1", "Level 1", "Prvi nivo"),
        ("6", "Nivo 6", "Level 6", "Šesti nivo"),
        ("6.1", "Nivo 6.1", "Level 6.1", "Šesti nivo, podnivo jedan"),
        ("7.2", "Nivo 7.2", "Level 7.2", "Sedmi nivo, podnivo dva"),
        ("8", "Nivo 8", "Level 8", "Osmi nivo"),
    }


def test_framework_has_eight_levels_per_seed(noks_graph: ox.Store) -> None:
    # "integralni nacionalni okvir kvalifikacija u Srbiji u ovoj fazi ima osam nivoa"
    [(count,)] = rows(noks_graph, "SELECT (COUNT(DISTINCT ?l) AS ?c) WHERE { ?l skos:topConceptOf base:framework }")
    assert count == 8


# ------------------------------------------------------------------ codes


CODE_LEVEL = {
    "10": "1",
    "20": "2",
    "30": "3",
    "40": "4",
    "41": "4",
    "50": "5",
    "60": "6.1",
    "61": "6.1",
    "62": "6.2",
    "63": "6.2",
    "70": "7.1",
    "71": "7.1",
    "72": "7.2",
    "80": "8",
}


def test_codes_and_their_levels(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?code ?level WHERE {
          ?c a noks:Code ; skos:inScheme <code-list/2019> ; skos:topConceptOf <code-list/2019> ;
             skos:notation ?code ; noks:level/skos:notation ?level .
        }""",
    )
    assert got == set(CODE_LEVEL.items())


def test_each_code_has_exactly_one_level(noks_graph: ox.Store) -> None:
    got = rows(
        noks_graph,
        """
        SELECT ?c (COUNT(?l) AS ?n) WHERE { ?c a noks:Code ; noks:level ?l } GROUP BY ?c HAVING (COUNT(?l) != 1)""",
    )
    assert got == []


def test_a_s_designations(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?code ?d ?type WHERE {
          ?c a noks:Code ; skos:notation ?code ; noks:designation ?des .
          ?des skos:notation ?d ; skos:related ?type .
        }""",
    )
    assert got == {
        ("60", "A", "qualification-type/academic"),
        ("61", "S", "qualification-type/applied"),
        ("62", "A", "qualification-type/academic"),
        ("63", "S", "qualification-type/applied"),
        ("70", "A", "qualification-type/academic"),
        ("71", "S", "qualification-type/applied"),
    }


def test_code_definition_is_the_seed_line(noks_graph: ox.Store) -> None:
    got = dict(
        rows(
            noks_graph,
            """
        SELECT ?code ?def WHERE {
          ?c a noks:Code ; skos:notation ?code ; skos:definition ?def .
          FILTER(langMatches(lang(?def), "sr-Latn"))
        }""",
        )
    )
    expected = {}
    for line in seed_lines("sifarnik-2019").values():
        head = line.split(" ", 1)[0]
        if head in CODE_LEVEL:
            expected[head] = line[len(head) + 1 :]
    assert len(expected) == 14
    assert got == expected


def test_code_labels_are_distinct(noks_graph: ox.Store) -> None:
    got = rows(
        noks_graph,
        """
        SELECT ?label WHERE {
          ?c a noks:Code ; skos:prefLabel ?label . FILTER(langMatches(lang(?label), "sr-Latn"))
        }""",
    )
    assert len(got) == 14 and len(set(got)) == 14


# ------------------------------------------------------------------ routes


ROUTES = {  # code -> {(kind, acquisition mode)}
    "10": {
        ("primary-education", "formal"),
        ("primary-adult-education", "formal"),
        ("primary-music-education", "formal"),
        ("primary-ballet-education", "formal"),
    },
    "20": {
        ("vocational-training", "formal"),
        ("education-for-work", "formal"),
        ("non-formal-adult-education", "non-formal"),
    },
    "30": {("secondary-vocational-education", "formal"), ("non-formal-adult-education", "non-formal")},
    "40": {("gymnasium-education", "formal")},
    "41": {("secondary-vocational-and-art-education", "formal")},
    "50": {
        ("master-craftsman-education", "formal"),
        ("specialist-education", "formal"),
        ("non-formal-adult-education", "non-formal"),
    },
    "60": {("basic-academic-studies", "formal")},
    "61": {("basic-applied-studies", "formal")},
    "62": {("basic-academic-studies", "formal")},
    "63": {("specialist-applied-studies", "formal")},
    "70": {("integrated-academic-studies", "formal"), ("master-academic-studies", "formal")},
    "71": {("master-applied-studies", "formal")},
    "72": {("specialist-academic-studies", "formal")},
    "80": {("doctoral-studies", "formal")},
}


def test_routes_per_code_with_kind_and_mode(noks_graph: ox.Store) -> None:
    got = rows(
        noks_graph,
        """
        SELECT ?code ?kind ?mode WHERE {
          ?c a noks:Code ; skos:notation ?code ; noks:route ?r .
          ?r a noks:Route ; noks:educationKind ?k ; noks:acquisitionMode ?m .
          BIND(STRAFTER(STR(?k), "education-kind/") AS ?kind)
          BIND(STRAFTER(STR(?m), "acquisition/") AS ?mode)
        }""",
    )
    by_code: dict[str, set] = {}
    for code, kind, mode in got:
        by_code.setdefault(code, set()).add((kind, mode))
    assert by_code == ROUTES
    counts = {
        code: n
        for code, n in rows(
            noks_graph,
            """
        SELECT ?code (COUNT(?r) AS ?n) WHERE { ?c a noks:Code ; skos:notation ?code ; noks:route ?r }
        GROUP BY ?code""",
        )
    }
    assert counts == {
        "10": 4,
        "20": 3,
        "30": 2,
        "40": 1,
        "41": 1,
        "50": 3,
        "60": 1,
        "61": 1,
        "62": 1,
        "63": 1,
        "70": 3,
        "71": 1,
        "72": 1,
        "80": 1,
    }


def test_non_formal_routes(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?code ?kind WHERE {
          ?c skos:notation ?code ; noks:route ?r . ?r noks:acquisitionMode <acquisition/non-formal> ;
             noks:educationKind/skos:prefLabel ?kind . FILTER(langMatches(lang(?kind), "sr-Latn"))
        }""",
    )
    assert got == {
        ("20", "Neformalno obrazovanje odraslih"),
        ("30", "Neformalno obrazovanje odraslih"),
        ("50", "Neformalno obrazovanje odraslih"),
    }


def test_route_durations(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?code ?kind ?exact ?min ?max ?months WHERE {
          ?c skos:notation ?code ; noks:route ?r . ?r noks:educationKind ?k .
          BIND(STRAFTER(STR(?k), "education-kind/") AS ?kind)
          OPTIONAL { ?r noks:durationYears ?exact } OPTIONAL { ?r noks:minDurationYears ?min }
          OPTIONAL { ?r noks:maxDurationYears ?max } OPTIONAL { ?r noks:minDurationMonths ?months }
          FILTER(BOUND(?exact) || BOUND(?min) || BOUND(?max) || BOUND(?months))
        }""",
    )
    assert got == {
        ("20", "vocational-training", None, None, 1, None),
        ("20", "education-for-work", None, None, 2, None),
        ("30", "secondary-vocational-education", 3, None, None, None),
        ("40", "gymnasium-education", 4, None, None, None),
        ("41", "secondary-vocational-and-art-education", 4, None, None, None),
        ("50", "master-craftsman-education", 2, None, None, None),
        ("50", "specialist-education", 1, None, None, None),
        ("50", "non-formal-adult-education", None, None, None, 6),
    }


def test_training_hours(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?code ?min ?max WHERE {
          ?c skos:notation ?code ; noks:route ?r .
          OPTIONAL { ?r noks:minTrainingHours ?min } OPTIONAL { ?r noks:maxTrainingHours ?max }
          FILTER(BOUND(?min) || BOUND(?max))
        }""",
    )
    assert got == {("20", 120, 360), ("30", 960, None)}


def test_ects(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?code ?kind ?exact ?min ?max WHERE {
          ?c skos:notation ?code ; noks:route ?r . ?r noks:educationKind ?k .
          BIND(STRAFTER(STR(?k), "education-kind/") AS ?kind)
          OPTIONAL { ?r noks:ects ?exact } OPTIONAL { ?r noks:minEcts ?min } OPTIONAL { ?r noks:maxEcts ?max }
          FILTER(BOUND(?exact) || BOUND(?min) || BOUND(?max))
        }""",
    )
    assert got == {
        ("60", "basic-academic-studies", None, 180, None),
        ("61", "basic-applied-studies", 180, None, None),
        ("62", "basic-academic-studies", None, 240, None),
        ("63", "specialist-applied-studies", None, 60, None),
        ("70", "integrated-academic-studies", None, 300, 360),
        ("70", "master-academic-studies", None, 60, None),
        ("70", "master-academic-studies", None, 120, None),
        ("71", "master-applied-studies", None, 120, None),
        ("72", "specialist-academic-studies", None, 60, None),
        ("80", "doctoral-studies", 180, None, None),
    }


def test_code_70_after_previously_completed_studies(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?kind ?min ?max ?prior ?priorEcts WHERE {
          <code-list/2019/70> noks:route ?r . ?r noks:educationKind ?k ; noks:minEcts ?min .
          OPTIONAL { ?r noks:maxEcts ?max }
          OPTIONAL { ?r noks:precondition ?p . ?p noks:requiredPriorEducation ?pk ; noks:requiredPriorEcts ?priorEcts .
                     BIND(STRAFTER(STR(?pk), "education-kind/") AS ?prior) }
          BIND(STRAFTER(STR(?k), "education-kind/") AS ?kind)
        }""",
    )
    assert got == {
        ("integrated-academic-studies", 300, 360, None, None),
        ("master-academic-studies", 60, None, "basic-academic-studies", 240),
        ("master-academic-studies", 120, None, "basic-academic-studies", 180),
    }


# ------------------------------------------------------------------ preconditions


def _preconditions(graph: ox.Store) -> dict[tuple[str, str], frozenset]:
    """(code, education kind of the route) -> frozenset of alternative preconditions, each a tuple
    (required levels, required maturas, required prior education, required prior ECTS)."""
    got = rows(
        graph,
        """
        SELECT ?code ?kind ?r ?p
               (GROUP_CONCAT(DISTINCT ?lv; separator=",") AS ?levels)
               (GROUP_CONCAT(DISTINCT ?mat; separator=",") AS ?maturas)
               (GROUP_CONCAT(DISTINCT ?prior; separator=",") AS ?priors)
               (SAMPLE(?ects) AS ?e)
        WHERE {
          ?c a noks:Code ; skos:notation ?code ; noks:route ?r . ?r noks:educationKind ?k ; noks:precondition ?p .
          ?p a noks:Precondition .
          BIND(STRAFTER(STR(?k), "education-kind/") AS ?kind)
          OPTIONAL { ?p noks:requiredLevel/skos:notation ?lv }
          OPTIONAL { ?p noks:requiredMatura ?m BIND(STRAFTER(STR(?m), "matura/") AS ?mat) }
          OPTIONAL { ?p noks:requiredPriorEducation ?pe BIND(STRAFTER(STR(?pe), "education-kind/") AS ?prior) }
          OPTIONAL { ?p noks:requiredPriorEcts ?ects }
        } GROUP BY ?code ?kind ?r ?p""",
    )
    out: dict[tuple[str, str], set] = {}
    for code, kind, route, _p, levels, maturas, priors, ects in got:
        alt = (
            frozenset(filter(None, (levels or "").split(","))),
            frozenset(filter(None, (maturas or "").split(","))),
            frozenset(filter(None, (priors or "").split(","))),
            ects,
        )
        out.setdefault((code, kind, route), set()).add(alt)
    merged: dict[tuple[str, str], frozenset] = {}
    for (code, kind, _route), alts in out.items():
        key = (code, kind)
        merged.setdefault(key, frozenset())
        merged[key] = merged[key] | frozenset([frozenset(alts)])
    return merged


def _alt(levels=(), maturas=(), priors=(), ects=None) -> tuple:
    return (frozenset(levels), frozenset(maturas), frozenset(priors), ects)


def test_preconditions(noks_graph: ox.Store) -> None:
    l1 = frozenset([frozenset([_alt(["1"])])])
    matura = _alt(["4"], ["general", "vocational", "art"])
    oss = _alt(["6.1"], [], ["basic-applied-studies"], 180)
    assert _preconditions(noks_graph) == {
        ("20", "vocational-training"): l1,
        ("20", "education-for-work"): l1,
        ("20", "non-formal-adult-education"): l1,
        ("30", "secondary-vocational-education"): l1,
        ("30", "non-formal-adult-education"): l1,
        ("40", "gymnasium-education"): l1,
        ("41", "secondary-vocational-and-art-education"): l1,
        ("50", "master-craftsman-education"): frozenset([frozenset([_alt(["3"]), _alt(["4"])])]),
        ("50", "specialist-education"): frozenset([frozenset([_alt(["3"]), _alt(["4"])])]),
        ("50", "non-formal-adult-education"): frozenset([frozenset([_alt(["4"])])]),
        ("60", "basic-academic-studies"): frozenset([frozenset([matura])]),
        ("61", "basic-applied-studies"): frozenset([frozenset([matura])]),
        ("62", "basic-academic-studies"): frozenset([frozenset([matura, oss])]),
        ("63", "specialist-applied-studies"): frozenset([frozenset([matura, oss])]),
        ("70", "master-academic-studies"): frozenset(
            [
                frozenset([_alt([], [], ["basic-academic-studies"], 240)]),
                frozenset([_alt([], [], ["basic-academic-studies"], 180)]),
            ]
        ),
        ("71", "master-applied-studies"): frozenset([frozenset([_alt([], [], ["basic-applied-studies"], 180)])]),
        ("72", "specialist-academic-studies"): frozenset([frozenset([_alt([], [], ["master-academic-studies"])])]),
        ("80", "doctoral-studies"): frozenset(
            [frozenset([_alt([], [], ["integrated-academic-studies", "master-academic-studies"])])]
        ),
    }


def test_routes_without_preconditions(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?code ?kind WHERE {
          ?c skos:notation ?code ; noks:route ?r . ?r noks:educationKind ?k .
          FILTER NOT EXISTS { ?r noks:precondition ?p }
          BIND(STRAFTER(STR(?k), "education-kind/") AS ?kind)
        }""",
    )
    assert got == {
        ("10", "primary-education"),
        ("10", "primary-adult-education"),
        ("10", "primary-music-education"),
        ("10", "primary-ballet-education"),
        ("70", "integrated-academic-studies"),
    }


def test_matura_preconditions_cite_the_secondary_and_higher_education_laws(noks_graph: ox.Store) -> None:
    got = column(
        noks_graph,
        """
        SELECT DISTINCT ?code WHERE {
          ?c skos:notation ?code ; noks:route/noks:precondition ?p . ?p noks:requiredMatura ?m ; skos:note ?n .
          FILTER(langMatches(lang(?n), "sr-Latn"))
          FILTER(CONTAINS(?n, "srednje obrazovanje i vaspitanje i visoko obrazovanje"))
        }""",
    )
    assert got == {"60", "61", "62", "63"}


def test_shared_precondition_of_code_20(noks_graph: ox.Store) -> None:
    got = column(noks_graph, "SELECT DISTINCT ?p WHERE { <code-list/2019/20> noks:route/noks:precondition ?p }")
    assert got == {"code-list/2019/20#precondition-1"}


# ------------------------------------------------------------------ equivalences


def test_fifteen_equivalences_and_their_levels(noks_graph: ox.Store) -> None:
    got = rows(
        noks_graph,
        """
        SELECT ?code ?level ?degree ?years ?min ?max WHERE {
          ?q a noks:PriorQualification ; skos:inScheme base:pre-2018 ;
             noks:equivalentLevel/skos:notation ?level ; noks:equivalenceStatedUnder/skos:notation ?code .
          OPTIONAL { ?q skos:broader/skos:notation ?degree }
          OPTIONAL { ?q noks:durationYears ?years } OPTIONAL { ?q noks:minDurationYears ?min }
          OPTIONAL { ?q noks:maxDurationYears ?max }
        }""",
    )
    assert len(got) == 15
    assert sorted(got, key=str) == sorted(EQUIVALENCES_LIST, key=str)


EQUIVALENCES_LIST = [
    ("10", "1", None, None, None, None),
    ("20", "2", "I", 1, None, None),
    ("20", "2", "II", 2, None, None),
    ("30", "3", "III", 3, None, None),
    ("40", "4", "IV", 4, None, None),
    ("41", "4", "IV", None, None, None),
    ("50", "5", "V", None, None, None),
    ("60", "6.1", None, None, None, None),
    ("60", "6.1", None, 3, None, None),
    ("61", "6.1", None, None, None, 3),
    ("70", "7.1", None, None, 4, 6),
    ("71", "7.1", None, None, None, None),
    ("72", "7.2", None, None, None, None),
    ("72", "7.2", None, None, None, None),
    ("80", "8", None, None, None, None),
]


def test_named_pre_2018_titles(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?label ?level WHERE {
          ?q a noks:PriorQualification ; skos:prefLabel ?label ; noks:equivalentLevel/skos:notation ?level .
          FILTER(langMatches(lang(?label), "sr-Latn") && STR(?label) IN ("Magistar nauka", "Doktor nauka"))
        }""",
    )
    assert got == {("Magistar nauka", "7.2"), ("Doktor nauka", "8")}


def test_degrees_of_professional_qualification(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?n ?label WHERE {
          ?d skos:topConceptOf base:pre-2018 ; skos:notation ?n ; skos:prefLabel ?label .
          FILTER(langMatches(lang(?label), "sr-Latn"))
        }""",
    )
    assert got == {
        ("I", "I stepen stručne spreme"),
        ("II", "II stepen stručne spreme"),
        ("III", "III stepen stručne spreme"),
        ("IV", "IV stepen stručne spreme"),
        ("V", "V stepen stručne spreme"),
    }


def test_equivalence_definitions_are_seed_text(noks_graph: ox.Store) -> None:
    got = rows(
        noks_graph,
        """
        SELECT ?q ?def ?line WHERE {
          ?q a noks:PriorQualification ; noks:equivalentLevel ?l ; skos:definition ?def ;
             prov:wasDerivedFrom/rdf:value ?line .
          FILTER(langMatches(lang(?def), "sr-Latn") && langMatches(lang(?line), "sr-Latn"))
        }""",
    )
    assert len(got) == 15
    eq_lines = {text for text in seed_lines("sifarnik-2019").values() if text.startswith("Ekvivalencija")}
    for _q, definition, line in got:
        assert line in eq_lines
        assert definition.rstrip(";") in line.split(" – ", 1)[1]


def test_equivalence_under_law_on_higher_education(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?code ?id WHERE {
          ?q noks:equivalenceStatedUnder/skos:notation ?code ; dcterms:relation ?law .
          ?law schema:legislationIdentifier ?id . FILTER(CONTAINS(?id, "76/05"))
        }""",
    )
    assert got == {("71", "Sl. glasnik RS 76/05")}


# ------------------------------------------------------------------ the code list and its successor


def test_code_list_metadata(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?title ?from ?through ?law ?field ?form ?src ?origin ?next ?version WHERE {
          <code-list/2019> a skos:ConceptScheme ; dcterms:title ?title ; schema:validFrom ?from ;
             schema:validThrough ?through ; owl:versionInfo ?version ;
             dcatap:applicableLegislation/schema:legislationIdentifier ?law ;
             noks:usedIn ?f ; dcterms:source ?src ; dcterms:isReplacedBy ?next .
          ?f a noks:FormField ; noks:fieldNumber ?field ; dcterms:isPartOf/dcterms:title ?form .
          ?src prov:wasDerivedFrom/dcterms:title ?origin .
          FILTER(langMatches(lang(?title), "sr-Latn") && langMatches(lang(?form), "sr-Latn"))
          FILTER(langMatches(lang(?origin), "sr-Latn"))
        }""",
    )
    assert got == {
        (
            "Šifarnik nivoa kvalifikacija",
            "2019-01-01",
            "2020-08-24",
            "Sl. glasnik RS 56/18",
            29,
            "Obrazac 1 – Izveštaj o povredi na radu",
            "source/sifarnik-2019",
            "EKSPERT – digitalna baza propisa, službenih mišljenja, sudske prakse, modela akata i obrazaca",
            "code-list/2020",
            "2019",
        )
    }
    [(dt,)] = rows(noks_graph, "SELECT (DATATYPE(?d) AS ?t) WHERE { <code-list/2019> schema:validFrom ?d }")
    assert dt == "http://www.w3.org/2001/XMLSchema#date"


def test_code_list_has_fourteen_codes(noks_graph: ox.Store) -> None:
    [(n,)] = rows(noks_graph, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c skos:inScheme <code-list/2019> }")
    assert n == 14


def test_successor_code_list_is_metadata_only(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?title ?from ?prev ?law ?amends WHERE {
          <code-list/2020> a skos:ConceptScheme ; dcterms:title ?title ; schema:validFrom ?from ;
             dcterms:replaces ?prev ; dcatap:applicableLegislation ?a .
          ?a schema:legislationIdentifier ?law ; eli:amends ?amends .
          FILTER(langMatches(lang(?title), "sr-Latn"))
        }""",
    )
    assert got == {
        (
            "Šifarnik nivoa i vrsta kvalifikacija",
            "2020-08-25",
            "code-list/2019",
            "Sl. glasnik RS 101/20",
            "legal/decision-unified-code-book",
        )
    }
    assert rows(noks_graph, "SELECT ?c WHERE { ?c skos:inScheme <code-list/2020> }") == []
    notes = column(
        noks_graph,
        """
        SELECT ?n WHERE { <code-list/2020> skos:changeNote ?n FILTER(langMatches(lang(?n), "sr-Latn")) }""",
    )
    assert len(notes) == 1 and "00" in next(iter(notes))


# ------------------------------------------------------------------ the framework


def test_framework_purposes_and_goals(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?kind ?label WHERE {
          { base:framework noks:purpose ?a BIND("purpose" AS ?kind) }
          UNION { base:framework noks:goal ?a BIND("goal" AS ?kind) }
          ?a a noks:Aim ; skos:prefLabel ?label . FILTER(langMatches(lang(?label), "sr-Latn"))
        }""",
    )
    assert got == {
        (
            "purpose",
            "Uređenje sistema kvalifikacija koje se stiču obrazovanjem i obučavanjem "
            "u skladu sa zahtevima društveno-ekonomskog razvoja",
        ),
        ("purpose", "Podrška primeni koncepta celoživotnog učenja"),
        ("purpose", "Omogućavanje lakše pokretljivosti radne snage"),
        ("goal", "Razvoj standarda kvalifikacija zasnovanih na zahtevima privrede i društva"),
    }


def test_framework_definition_scope_owner_and_law(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?def ?scope ?owner ?law ?qdr WHERE {
          base:framework skos:definition ?def ; skos:scopeNote ?scope ; dcterms:creator ?owner ;
             dcatap:applicableLegislation ?law ; rdfs:seeAlso ?qdr .
          FILTER(langMatches(lang(?def), "sr-Latn") && langMatches(lang(?scope), "sr-Latn"))
        }""",
    )
    assert got == {
        (
            "Nacionalni okvir kvalifikacija (NOK) je instrument kojim se uređuju pitanja kvalifikacija potrebnih "
            "tržištu radne snage i predstavlja osnovu za primenu koncepta celoživotnog učenja.",
            "Nacionalni okvir kvalifikacija u Srbiji definiše i procese i institucije (tela, organizacije) "
            "odgovorne za utvrđivanje kvalifikacija i standarda kvalifikacija, načine i uslove za sticanje, "
            "upoređivanje i prepoznavanje kvalifikacija, kao i druge mehanizme za obezbeđivanje kvaliteta.",
            "body/ministry-of-education",
            "legal/law-on-noks",
            QDR + "c_69e1fd15",
        )
    }


def test_glossary_definitions(noks_graph: ox.Store) -> None:
    got = dict(
        rows(
            noks_graph,
            """
        SELECT ?c ?def WHERE {
          ?c skos:inScheme base:glossary ; skos:definition ?def . FILTER(langMatches(lang(?def), "sr-Latn"))
        }""",
        )
    )
    assert set(got) == {
        "glossary/qualifications-framework",
        "glossary/qualification",
        "glossary/qualification-standard",
        "glossary/descriptors",
        "glossary/public-document",
    }
    assert got["glossary/qualification"] == (
        "Kvalifikacija je formalno priznanje stečenih kompetencija. Pojedinac stiče kvalifikaciju kada nadležno "
        "telo utvrdi da je zadovoljio ishode učenja prema zadatom standardu kvalifikacije, o čemu izdaje javnu "
        "ispravu (diplomu ili sertifikat)."
    )
    assert got["glossary/qualification-standard"] == (
        "Standard kvalifikacije je dokument koji propisuje sadržaj kvalifikacije."
    )
    assert "diploma ili sertifikat" in got["glossary/public-document"]
    assert "neophodni za obavljanje zanimanja ili dalje učenje" in got["glossary/descriptors"]


def test_standard_elements_scheme_notes_truncated_list(noks_graph: ox.Store) -> None:
    [(n, src)] = rows(
        noks_graph,
        """
        SELECT (COUNT(DISTINCT ?e) AS ?n) (SAMPLE(?s) AS ?src) WHERE {
          ?e skos:inScheme base:standard-element ; dcterms:source ?s . FILTER(?s = <legal/law-on-noks>)
          base:standard-element skos:editorialNote ?note .
        }""",
    )
    assert (n, src) == (14, "legal/law-on-noks")


# ------------------------------------------------------------------ descriptors


def test_descriptor_dimensions_per_level(noks_graph: ox.Store) -> None:
    got = rows(
        noks_graph,
        """
        SELECT ?level ?dim WHERE {
          ?l a noks:Level ; skos:notation ?level ; noks:descriptor ?d .
          ?d a noks:Descriptor ; noks:dimension ?dm ; dcterms:source <legal/law-on-noks> .
          BIND(STRAFTER(STR(?dm), "descriptor-dimension/") AS ?dim)
        }""",
    )
    assert sorted(got) == sorted((lv, dim) for lv in LEVELS for dim in ("knowledge", "skills", "abilities-attitudes"))


def test_descriptor_texts_are_left_empty(noks_graph: ox.Store) -> None:
    assert rows(noks_graph, "SELECT ?d ?t WHERE { ?d noks:descriptorText ?t }") == []


def test_higher_education_descriptors_cite_the_2010_proposal(noks_graph: ox.Store) -> None:
    got = column(
        noks_graph,
        """
        SELECT DISTINCT ?level WHERE {
          ?l skos:notation ?level ; noks:descriptor/dcterms:source <document/he-nqf-proposal-2010> .
        }""",
    )
    assert got == {"6", "6.1", "6.2", "7", "7.1", "7.2", "8"}


def test_descriptor_dimension_labels(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?sr ?en WHERE {
          ?d skos:inScheme base:descriptor-dimension ; skos:prefLabel ?sr, ?en .
          FILTER(langMatches(lang(?sr), "sr-Latn") && langMatches(lang(?en), "en"))
        }""",
    )
    assert got == {("Znanje", "Knowledge"), ("Veštine", "Skills"), ("Sposobnosti i stavovi", "Abilities and attitudes")}


# ------------------------------------------------------------------ vocabularies


def test_qualification_types(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?c ?sr WHERE {
          ?c skos:inScheme base:qualification-type ; skos:prefLabel ?sr ; dcterms:source <legal/law-on-noks> .
          FILTER(langMatches(lang(?sr), "sr-Latn"))
        }""",
    )
    assert got == {
        ("qualification-type/general", "Opšte kvalifikacije"),
        ("qualification-type/vocational", "Stručne kvalifikacije"),
        ("qualification-type/academic", "Akademske kvalifikacije"),
        ("qualification-type/applied", "Strukovne kvalifikacije"),
    }


def test_ways_of_acquiring(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?c ?en WHERE {
          ?c skos:inScheme base:acquisition ; skos:prefLabel ?en . FILTER(langMatches(lang(?en), "en"))
        }""",
    )
    assert got == {
        ("acquisition/formal", "Formal education"),
        ("acquisition/non-formal", "Non-formal education"),
        ("acquisition/recognition-of-prior-learning", "Recognition of prior learning"),
    }


def test_maturas(noks_graph: ox.Store) -> None:
    got = column(
        noks_graph,
        """
        SELECT ?sr WHERE {
          ?c skos:inScheme base:matura ; skos:prefLabel ?sr . FILTER(langMatches(lang(?sr), "sr-Latn"))
        }""",
    )
    assert got == {"Opšta matura", "Stručna matura", "Umetnička matura"}


def test_abbreviations_of_studies(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?c ?alt WHERE {
          ?c skos:inScheme base:education-kind ; skos:altLabel ?alt . FILTER(langMatches(lang(?alt), "sr-Latn"))
        }""",
    )
    assert got == {
        ("education-kind/basic-academic-studies", "OAS"),
        ("education-kind/basic-applied-studies", "OSS"),
        ("education-kind/master-academic-studies", "MAS"),
    }


# ------------------------------------------------------------------ bodies and history


def test_working_group(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?created ?chair ?ministry ?sector ?sectorParent WHERE {
          <body/working-group-2010> a org:Organization ; dcterms:created ?created ;
             noks:chairedBy/foaf:name ?chair ; noks:establishedBy ?m ; noks:participant ?s .
          ?m skos:prefLabel ?ministry . ?s skos:prefLabel ?sector ; org:subOrganizationOf ?sectorParent .
          FILTER(langMatches(lang(?ministry), "sr-Latn") && langMatches(lang(?sector), "sr-Latn"))
        }""",
    )
    assert got == {
        (
            "2010-11-10",
            "Mirjana Bojanić",
            "Ministarstvo prosvete i nauke",
            "Sektor za razvoj kvalifikacija i mrežu škola",
            "body/ministry-of-education-and-science",
        )
    }


def test_vet_proposal_by_the_working_group(noks_graph: ox.Store) -> None:
    got = rows(
        noks_graph,
        """
        SELECT ?level WHERE {
          <document/vet-nqf-proposal> dcterms:creator <body/working-group-2010> ;
             noks:coversLevel/skos:notation ?level ; skos:note ?rec .
          FILTER(langMatches(lang(?rec), "sr-Latn") && CONTAINS(?rec, "jedinstvenog integralnog"))
        }""",
    )
    assert sorted(got) == [("1",), ("2",), ("3",), ("4",), ("5",)]


def test_nsvo_adopted_the_higher_education_proposal(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?date ?body ?page (GROUP_CONCAT(?n; separator=",") AS ?levels) WHERE {
          <document/he-nqf-proposal-2010> noks:adoptedBy ?b ; dcterms:dateAccepted ?date ; foaf:page ?page ;
             noks:coversLevel/skos:notation ?n .
          ?b skos:altLabel ?body . FILTER(langMatches(lang(?body), "sr-Latn"))
        } GROUP BY ?date ?body ?page""",
    )
    assert len(got) == 1
    (date, body, page, levels) = next(iter(got))
    assert (date, body, page) == ("2010-04-23", "NSVO", "http://nsvo.etf.rs")
    assert sorted(levels.split(",")) == ["6", "7", "8"]


def test_bodies(noks_graph: ox.Store) -> None:
    got = column(noks_graph, "SELECT ?b WHERE { ?b a org:Organization }")
    assert got == {
        "body/ministry-of-education",
        "body/ministry-of-education-and-science",
        "body/sector-for-qualifications-development",
        "body/working-group-2010",
        "body/qualifications-agency",
        "body/noks-council",
        "body/sector-councils",
        "body/government",
        "body/nsvo",
        "body/ssooo",
        "body/cekos",
        "body/european-commission",
    }


def test_sector_councils(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?by ?proposer WHERE {
          <body/sector-councils> noks:establishedBy ?by ; noks:proposedBy ?proposer ; skos:note ?n .
          FILTER(langMatches(lang(?n), "sr-Latn") && CONTAINS(?n, "novinu u srpskoj praksi"))
        }""",
    )
    assert got == {("body/government", "body/noks-council")}


def test_opinion_on_fourteen_standards(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?count ?body WHERE {
          ?o a noks:Opinion ; noks:standardsCount ?count ; noks:issuedBy/skos:prefLabel ?body .
          FILTER(langMatches(lang(?body), "sr-Latn"))
        }""",
    )
    assert got == {(14, "Savet za stručno obrazovanje i obrazovanje odraslih")}


def test_register(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?part ?keeper ?law WHERE {
          base:register a dcat:Catalog ; noks:keptBy ?keeper ; dcterms:hasPart ?part ;
             dcatap:applicableLegislation/schema:legislationIdentifier ?law .
        }""",
    )
    assert got == {
        (p, "body/qualifications-agency", "Sl. glasnik RS 159/2020")
        for p in ("register/qualifications", "register/qualification-standards", "register/adult-education-providers")
    }


def test_legal_acts_and_amendments(noks_graph: ox.Store) -> None:
    acts = rowset(
        noks_graph,
        """
        SELECT ?act ?id WHERE {
          ?act a eli:LegalResource ; schema:legislationIdentifier ?id FILTER NOT EXISTS { ?act eli:amends ?x }
        }""",
    )
    assert acts == {
        ("legal/law-on-noks", "Sl. glasnik RS 27/2018"),
        ("legal/decision-unified-code-book", "Sl. glasnik RS 56/18"),
        ("legal/rulebook-noks-register", "Sl. glasnik RS 159/2020"),
        ("legal/rulebook-klasnoks", "Sl. glasnik RS 159/2020"),
        ("legal/law-on-higher-education-2005", "Sl. glasnik RS 76/05"),
    }
    amendments = rowset(
        noks_graph,
        """
        SELECT ?act ?id WHERE { ?act eli:amended_by ?a . ?a eli:amends ?act ; schema:legislationIdentifier ?id }""",
    )
    assert amendments == {
        ("legal/law-on-noks", "Sl. glasnik RS 6/2020"),
        ("legal/law-on-noks", "Sl. glasnik RS 129/2021"),
        ("legal/law-on-noks", "Sl. glasnik RS 76/2023"),
        ("legal/decision-unified-code-book", "Sl. glasnik RS 101/20"),
        ("legal/rulebook-noks-register", "Sl. glasnik RS 46/2022"),
    } | {
        ("legal/law-on-higher-education-2005", f"Sl. glasnik RS {n}")
        for n in ("100/07", "97/08", "44/10", "93/12", "89/13", "99/14", "45/15", "68/15", "87/16", "88/17")
    }
    kinds = rowset(
        noks_graph,
        """
        SELECT ?id ?note WHERE { ?a eli:amends ?act ; schema:legislationIdentifier ?id ; skos:note ?note
          FILTER(langMatches(lang(?note), "sr-Latn"))
          FILTER(CONTAINS(?note, "autentično") || CONTAINS(?note, "dr. zakon")) }""",
    )
    assert {i for i, _ in kinds} == {
        "Sl. glasnik RS 100/07",
        "Sl. glasnik RS 45/15",
        "Sl. glasnik RS 88/17",
        "Sl. glasnik RS 129/2021",
    }


def test_law_on_noks_dates(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?adopted ?inForce WHERE {
          <legal/law-on-noks> eli:date_document ?adopted ; eli:first_date_entry_in_force ?inForce }""",
    )
    assert got == {("2018-04-05", "2018-04-14")}


# ------------------------------------------------------------------ EU links


EQF_EXPECTED = {
    ("1", "exactMatch", EQF + "1"),
    ("2", "exactMatch", EQF + "2"),
    ("3", "exactMatch", EQF + "3"),
    ("4", "exactMatch", EQF + "4"),
    ("5", "exactMatch", EQF + "5"),
    ("6", "exactMatch", EQF + "6"),
    ("7", "exactMatch", EQF + "7"),
    ("8", "exactMatch", EQF + "8"),
    ("6.1", "broadMatch", EQF + "6"),
    ("6.2", "broadMatch", EQF + "6"),
    ("7.1", "broadMatch", EQF + "7"),
    ("7.2", "broadMatch", EQF + "7"),
}


def test_eqf_mapping(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?n ?rel ?eqf WHERE {
          ?l a noks:Level ; skos:notation ?n .
          { ?l skos:exactMatch ?eqf BIND("exactMatch" AS ?rel) }
          UNION { ?l skos:broadMatch ?eqf BIND("broadMatch" AS ?rel) }
          ?eqf skos:inScheme eqf:25831c2 .
        }""",
    )
    assert got == EQF_EXPECTED


def test_qdr_exact_match(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?n ?qdr WHERE {
          ?l a noks:Level ; skos:notation ?n ; skos:exactMatch ?qdr . ?qdr skos:inScheme qdr:25831c2
        }""",
    )
    ids = {
        "1": "c_83bf6184",
        "2": "c_c072e4cc",
        "3": "c_8a1ce05d",
        "4": "c_71bf982b",
        "5": "c_dc2cd5c7",
        "6": "c_7e034a16",
        "6.1": "c_6bfeff7a",
        "6.2": "c_529912df",
        "7": "c_e4f11c13",
        "7.1": "c_cca41928",
        "7.2": "c_8cab3c22",
        "8": "c_e3116f9b",
    }
    assert got == {(n, QDR + c) for n, c in ids.items()}


def test_qf_ehea_cycles(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?n ?cycle ?eqf WHERE { ?l skos:notation ?n ; noks:qfEheaCycle ?cycle . ?cycle skos:closeMatch ?eqf }""",
    )
    assert got == {
        ("6", "qf-ehea/first-cycle", EQF + "6"),
        ("6.1", "qf-ehea/first-cycle", EQF + "6"),
        ("6.2", "qf-ehea/first-cycle", EQF + "6"),
        ("7", "qf-ehea/second-cycle", EQF + "7"),
        ("7.1", "qf-ehea/second-cycle", EQF + "7"),
        ("7.2", "qf-ehea/second-cycle", EQF + "7"),
        ("8", "qf-ehea/third-cycle", EQF + "8"),
    }


def test_derived_statements_are_marked_and_asserted(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?n ?p ?o ?src WHERE {
          ?st a rdf:Statement ; noks:derived true ; rdf:subject ?l ; rdf:predicate ?p ; rdf:object ?o ;
              dcterms:source ?src ; skos:scopeNote ?sr, ?en .
          ?l skos:notation ?n .
          FILTER(langMatches(lang(?sr), "sr-Latn") && langMatches(lang(?en), "en"))
          FILTER(?src IN (<document/eqf-referencing-report-2020>, base:qf-ehea))
          FILTER(?p != noks:qfEheaCycle || ?src = base:qf-ehea)
          FILTER(?p = noks:qfEheaCycle || ?src = <document/eqf-referencing-report-2020>)
        }""",
    )
    skos = "http://www.w3.org/2004/02/skos/core#"
    expected = {(n, skos + rel, eqf, "document/eqf-referencing-report-2020") for n, rel, eqf in EQF_EXPECTED}
    expected |= {
        (n, "ontology#qfEheaCycle", c, "qf-ehea")
        for n, c in (
            ("6", "qf-ehea/first-cycle"),
            ("6.1", "qf-ehea/first-cycle"),
            ("6.2", "qf-ehea/first-cycle"),
            ("7", "qf-ehea/second-cycle"),
            ("7.1", "qf-ehea/second-cycle"),
            ("7.2", "qf-ehea/second-cycle"),
            ("8", "qf-ehea/third-cycle"),
        )
    }
    assert got == expected
    # every reified statement is also asserted
    missing = rows(
        noks_graph,
        """
        SELECT ?st WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
          FILTER NOT EXISTS { ?s ?p ?o } }""",
    )
    assert missing == []


def test_eqf_referencing_report_and_meeting(noks_graph: ox.Store) -> None:
    got = rowset(
        noks_graph,
        """
        SELECT ?issued ?start ?end ?where WHERE {
          <document/eqf-referencing-report-2020> dcterms:issued ?issued ; dcterms:references ?e .
          ?e a schema:Event ; schema:startDate ?start ; schema:endDate ?end ; schema:location ?where .
        }""",
    )
    assert got == {("2020-09-24", "2020-02-04", "2020-02-05", "Brussels")}


# ------------------------------------------------------------------ provenance


def test_seed_lines_are_statements_verbatim(noks_graph: ox.Store) -> None:
    for doc in SEEDS:
        got = dict(
            rows(
                noks_graph,
                f"""
            SELECT ?n ?v WHERE {{
              ?s a noks:SourceStatement ; dcterms:isPartOf <source/{doc}> ; noks:lineNumber ?n ; rdf:value ?v .
              FILTER(langMatches(lang(?v), "sr-Latn"))
            }}""",
            )
        )
        assert got == seed_lines(doc)


def test_every_resource_has_a_source(noks_graph: ox.Store) -> None:
    got = rows(
        noks_graph,
        f"""
        SELECT DISTINCT ?s WHERE {{
          ?s a ?type .
          FILTER(STRSTARTS(STR(?s), "{BASE}") && !STRSTARTS(STR(?s), "{BASE}ontology"))
          FILTER NOT EXISTS {{ ?s dcterms:source ?src }}
        }}""",
    )
    assert got == []


def test_derivations_point_to_source_statements(noks_graph: ox.Store) -> None:
    got = rows(
        noks_graph,
        """
        SELECT ?s ?line WHERE {
          ?s prov:wasDerivedFrom ?line . FILTER(STRSTARTS(STR(?line), STR(<source/>)))
          FILTER NOT EXISTS { ?line a noks:SourceStatement }
          FILTER(?line NOT IN (<source/ministry-page>, <source/sifarnik-2019>))
        }""",
    )
    assert got == []


def test_every_seed_line_but_the_menu_is_cited(noks_graph: ox.Store) -> None:
    got = column(
        noks_graph,
        """
        SELECT ?st WHERE { ?st a noks:SourceStatement FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?st } }""",
    )
    assert got == {"source/ministry-page#L1"}  # "MENI": the page's navigation, no fact


def test_codes_cite_their_seed_line(noks_graph: ox.Store) -> None:
    got = rows(
        noks_graph,
        """
        SELECT ?code ?text WHERE {
          ?c a noks:Code ; skos:notation ?code ; prov:wasDerivedFrom/rdf:value ?text .
          FILTER(langMatches(lang(?text), "sr-Latn"))
        }""",
    )
    assert len(got) == 14
    assert all(text.startswith(code + " ") for code, text in got)


# ------------------------------------------------------------------ derived at build (need noks_graph built)


def test_derived_narrower_and_top_concepts(noks_graph: ox.Store) -> None:
    """DERIVED: skos:narrower and skos:hasTopConcept come from the build."""
    got = rowset(noks_graph, "SELECT ?p ?c WHERE { ?p skos:narrower ?c ; a noks:Level }")
    assert got == {
        ("level/6", "level/6.1"),
        ("level/6", "level/6.2"),
        ("level/7", "level/7.1"),
        ("level/7", "level/7.2"),
    }
    top = column(noks_graph, "SELECT ?l WHERE { base:framework skos:hasTopConcept ?l }")
    assert top == {f"level/{n}" for n in range(1, 9)}


def test_derived_codes_of_a_level(noks_graph: ox.Store) -> None:
    """DERIVED: noks:code is the inverse of noks:level, added by the build."""
    got = rowset(noks_graph, "SELECT ?c WHERE { <level/6.1> noks:code/skos:notation ?c }")
    assert got == {("60",), ("61",)}


def test_derived_cyrillic_labels(noks_graph: ox.Store) -> None:
    """DERIVED: sr-Cyrl literals are transliterated from sr-Latn at build."""
    got = column(
        noks_graph,
        """
        SELECT ?l WHERE { <level/4> skos:altLabel ?l FILTER(langMatches(lang(?l), "sr-Cyrl")) }""",
    )
    assert got == {"Четврти ниво"}


# ------------------------------------------------------------------ the data files themselves


def test_data_uses_only_sr_latn_and_en(_raw_graph: ox.Store) -> None:
    tags = column(_raw_graph, "SELECT DISTINCT (LCASE(LANG(?o)) AS ?t) WHERE { ?s ?p ?o FILTER(LANG(?o) != '') }")
    assert tags == {"sr-latn", "en"}


def test_data_has_no_blank_nodes(_raw_graph: ox.Store) -> None:
    assert rows(_raw_graph, "SELECT ?s WHERE { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } LIMIT 5") == []


def test_every_referenced_iri_is_described(_raw_graph: ox.Store) -> None:
    got = column(
        _raw_graph,
        f"""
        SELECT DISTINCT ?o WHERE {{
          ?s ?p ?o . FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{BASE}"))
          FILTER(?p != <http://purl.org/vocab/vann/preferredNamespaceUri>)
          FILTER NOT EXISTS {{ ?o a ?t }}
        }}""",
    )
    assert got == set()


def test_concepts_have_one_label_per_language_a_scheme_and_a_place(_raw_graph: ox.Store) -> None:
    got = rows(
        _raw_graph,
        """
        SELECT ?c WHERE {
          ?c a skos:Concept .
          OPTIONAL { SELECT ?c (COUNT(DISTINCT ?a) AS ?sr) WHERE {
                       ?c skos:prefLabel ?a FILTER(langMatches(lang(?a), "sr-Latn")) } GROUP BY ?c }
          OPTIONAL { SELECT ?c (COUNT(DISTINCT ?b) AS ?en) WHERE {
                       ?c skos:prefLabel ?b FILTER(langMatches(lang(?b), "en")) } GROUP BY ?c }
          FILTER(!BOUND(?sr) || !BOUND(?en) || ?sr != 1 || ?en != 1
                 || NOT EXISTS { ?c skos:inScheme ?s }
                 || NOT EXISTS { { ?c skos:topConceptOf ?x } UNION { ?c skos:broader ?y } })
        }""",
    )
    assert got == []
    [(n,)] = rows(_raw_graph, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a skos:Concept }")
    assert n == 290  # 126 from the seeds and facts, 10 EQF referencing criteria, 14 EU authority-table values,
    # 140 ISCED-F 2013 fields (data/isced-f.ttl, the KLASNOKS positions of the register)

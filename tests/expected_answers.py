"""The answers the example queries must give, taken from the seeds (tests/seeds/*.txt), and the
one way every test reads an answer (in-process, SPARQL results JSON from any server, N-Triples):
rows of plain strings, IRIs relative to the base, language tags lower-cased (`@sr-latn`),
because Oxigraph and Virtuoso lower-case them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from noks.query import Answer

BASE = "https://w3id.org/noks/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
EQF = "http://data.europa.eu/snb/eqf/"
SEEDS = Path(__file__).resolve().parent / "seeds"


def code_list_line(code: str) -> tuple[str, str]:
    """(line number, text) of the line of the 2019 code list (seed 001) that states `code`."""
    lines = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8").splitlines()
    number, text = next((n, t) for n, t in enumerate(lines, start=1) if t.startswith(f"{code} "))
    return str(number), f"{text.rstrip()}@sr-latn"


@dataclass(frozen=True)
class Expected:
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str | None, ...], ...] = ()
    boolean: bool | None = None
    triples: int = 0  # CONSTRUCT: how many triples
    graph: frozenset[tuple[str, str, str]] = frozenset()  # CONSTRUCT: triples that must be there

    def sorted_rows(self) -> list[tuple[str, ...]]:
        return sorted(tuple(c or "" for c in row) for row in self.rows)


EXACT, BROAD = SKOS + "exactMatch", SKOS + "broadMatch"
OAS, OSS = "education-kind/basic-academic-studies", "education-kind/basic-applied-studies"
EXPECTED: dict[str, Expected] = {
    # "Koje šifre i nivoi odgovaraju EQF 6": levels 6, 6.1, 6.2; codes 60, 61 (6.1), 62, 63 (6.2)
    "eqf-6": Expected(
        ("levelNotation", "mapping", "codeNotation"),
        (("6", EXACT, None), ("6.1", BROAD, "60"), ("6.1", BROAD, "61"), ("6.2", BROAD, "62"), ("6.2", BROAD, "63")),
    ),
    # the 15 "Ekvivalencija" statements: degree I -> level 2 (one-year training), II -> 2, III -> 3, ...
    "pre-2018-equivalents": Expected(
        ("degree", "levelNotation", "eqf"),
        (
            (None, "1", EQF + "1"),
            ("pre-2018/degree-1", "2", EQF + "2"),
            ("pre-2018/degree-2", "2", EQF + "2"),
            ("pre-2018/degree-3", "3", EQF + "3"),
            ("pre-2018/degree-4", "4", EQF + "4"),
            ("pre-2018/degree-4", "4", EQF + "4"),
            ("pre-2018/degree-5", "5", EQF + "5"),
            *[(None, "6.1", EQF + "6")] * 3,
            *[(None, "7.1", EQF + "7")] * 2,
            *[(None, "7.2", EQF + "7")] * 2,
            (None, "8", EQF + "8"),
        ),
    ),
    # 70: integrated studies (no precondition), MAS after OAS 240, MAS after OAS 180; 71: MSS after OSS 180
    "preconditions-7.1": Expected(
        ("codeNotation", "requiredPriorEducation", "requiredPriorEcts"),
        (("70", None, None), ("70", OAS, "240"), ("70", OAS, "180"), ("71", OSS, "180")),
    ),
    "labels-of-level-6.1": Expected(
        ("property", "label"),
        (
            (SKOS + "prefLabel", "Nivo 6.1@sr-latn"),
            (SKOS + "prefLabel", "Ниво 6.1@sr-cyrl"),
            (SKOS + "prefLabel", "Level 6.1@en"),
            (SKOS + "altLabel", "Šesti nivo, podnivo jedan@sr-latn"),
            (SKOS + "altLabel", "Шести ниво, подниво један@sr-cyrl"),
            (SKOS + "altLabel", "Sixth level, sublevel one@en"),
        ),
    ),
    "ects-higher-education": Expected(
        ("codeNotation", "ects", "minEcts", "maxEcts"),
        (
            ("60", None, "180", None),
            ("61", "180", None, None),
            ("62", None, "240", None),
            ("63", None, "60", None),
            ("70", None, "300", "360"),
            ("70", None, "60", None),
            ("70", None, "120", None),
            ("71", None, "120", None),
            ("72", None, "60", None),
            ("80", "180", None, None),
        ),
    ),
    # 20: 120-360 hours of training; 30: at least 960 hours; 50: at least six months
    "non-formal-levels": Expected(
        ("levelNotation", "minTrainingHours", "maxTrainingHours", "minDurationMonths"),
        (("2", "120", "360", None), ("3", "960", None, None), ("5", None, None, "6")),
    ),
    "academic-or-applied": Expected(
        ("designationNotation", "codeNotation"),
        (("A", "60"), ("A", "62"), ("A", "70"), ("S", "61"), ("S", "63"), ("S", "71")),
    ),
    "code-to-eqf": Expected(
        ("codeNotation", "levelNotation", "eqfNotation"),
        (
            ("10", "1", "1"),
            ("20", "2", "2"),
            ("30", "3", "3"),
            ("40", "4", "4"),
            ("41", "4", "4"),
            ("50", "5", "5"),
            ("60", "6.1", "6"),
            ("61", "6.1", "6"),
            ("62", "6.2", "6"),
            ("63", "6.2", "6"),
            ("70", "7.1", "7"),
            ("71", "7.1", "7"),
            ("72", "7.2", "7"),
            ("80", "8", "8"),
        ),
    ),
    "source-of-code-62": Expected(("lineNumber", "text"), (code_list_line("62"),)),
    "is-6.1-exactly-eqf-6": Expected(boolean=False),
    "eqf-mapping-graph": Expected(
        triples=24,
        graph=frozenset(
            {("level/6", EXACT, EQF + "6"), ("level/6.1", BROAD, EQF + "6"), ("level/7.2", BROAD, EQF + "7")}
            | {("level/6.1", SKOS + "notation", "6.1"), ("level/8", EXACT, EQF + "8")}
        ),
    ),
}


def plain(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value[len(BASE) :] if term.value.startswith(BASE) else term.value
    if isinstance(term, ox.Literal) and term.language:
        return f"{term.value}@{term.language.lower()}"
    return term.value


def plain_json(binding: dict | None) -> str | None:
    """A term of SPARQL results JSON (any server) as `plain` writes it."""
    if binding is None:
        return None
    value = binding["value"]
    if binding["type"] == "uri":
        return value[len(BASE) :] if value.startswith(BASE) else value
    if binding.get("xml:lang"):
        return f"{value}@{binding['xml:lang'].lower()}"
    return value


def rows_of(answer: Answer, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    index = [answer.variables.index(c) for c in columns]
    return sorted(tuple(plain(row[i]) or "" for i in index) for row in answer.rows)


def rows_of_json(document: dict, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    bindings = document["results"]["bindings"]
    return sorted(tuple(plain_json(b.get(c)) or "" for c in columns) for b in bindings)


def triples_of(triples: list[ox.Triple]) -> set[tuple[str, str, str]]:
    return {(plain(t.subject), plain(t.predicate), plain(t.object)) for t in triples}


def check_answer(slug: str, answer: Answer) -> None:
    """The in-process answer of an example query is the expected one."""
    expected = EXPECTED[slug]
    if expected.boolean is not None:
        assert answer.kind == "ask" and answer.boolean is expected.boolean
    elif expected.triples:
        assert answer.kind == "graph" and len(answer.triples) == expected.triples
        assert expected.graph <= triples_of(list(answer.triples))
    else:
        assert answer.kind == "select"
        assert rows_of(answer, expected.columns) == expected.sorted_rows()


def check_http_answer(slug: str, body: bytes, content_type: str) -> None:
    """The answer a server gave (SPARQL results JSON, or N-Triples for CONSTRUCT) is the expected one."""
    expected = EXPECTED[slug]
    if expected.triples:
        assert content_type.startswith("application/n-triples"), content_type
        triples = [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        assert len(triples) == expected.triples
        assert expected.graph <= triples_of(triples)
        return
    document = json.loads(body)
    if expected.boolean is not None:
        assert document["boolean"] is expected.boolean
    else:
        assert rows_of_json(document, expected.columns) == expected.sorted_rows()

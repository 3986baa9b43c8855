"""results: answers written by pyoxigraph's serialisers, with language tags in canonical case, the
JSON byte for byte what a plain writer gives, and the result limit kept while writing."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from noks.namespaces import XSD, canonical_language
from noks.query import Graph, TooLarge, answer_of, evaluate
from noks.results import write_results

E = "http://example.org/"
TRICKY = ['a"b', "a\\b", "a\\", "x\ny\r\tz", "\x00\x01\x1f\x7f", "ü€😀", "<&>", '"xml:lang":"sr-latn"', "{}", "a,b", ""]


@pytest.fixture(scope="module")
def graph() -> Graph:
    store = ox.Store()
    for i, text in enumerate(TRICKY):
        subject = ox.NamedNode(f"{E}s{i}")
        store.add(ox.Quad(subject, ox.NamedNode(E + "plain"), ox.Literal(text)))
        store.add(ox.Quad(subject, ox.NamedNode(E + "latin"), ox.Literal(text, language="sr-Latn")))
        store.add(ox.Quad(subject, ox.NamedNode(E + "typed"), ox.Literal(text, datatype=ox.NamedNode(E + "dt"))))
    for value in (
        ox.Literal("1", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal(True),
        ox.Literal("x", language="en-gb"),
    ):
        store.add(ox.Quad(ox.NamedNode(E + "t"), ox.NamedNode(E + "value"), value))
    store.add(ox.Quad(ox.BlankNode("b1"), ox.NamedNode(E + "p"), ox.BlankNode("b2")))
    return Graph(store, E, "test")


def plain_json(graph: Graph, query: str) -> bytes:
    """The SPARQL 1.1 JSON results of a plain Python writer (tags in canonical case)."""

    def term(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict:
        if isinstance(t, ox.NamedNode):
            return {"type": "uri", "value": t.value}
        if isinstance(t, ox.BlankNode):
            return {"type": "bnode", "value": t.value}
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = canonical_language(t.language)
        elif t.datatype.value != XSD + "string":
            out["datatype"] = t.datatype.value
        return out

    answer = answer_of(evaluate(graph, query))
    bindings = [
        {v: term(t) for v, t in zip(answer.variables, row, strict=True) if t is not None} for row in answer.rows
    ]
    document = {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


QUERIES = [
    "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
    "SELECT ?none ?s WHERE { ?s ?p ?o OPTIONAL { ?s <urn:none> ?none } } ORDER BY ?s",
    "SELECT ?x WHERE {}",
]


@pytest.mark.parametrize("query", QUERIES)
def test_json_is_byte_for_byte_a_plain_writers(graph: Graph, query: str) -> None:
    expected = plain_json(graph, query)
    assert write_results(evaluate(graph, query), "json") == expected
    assert write_results(evaluate(graph, query), "json", limit=1000) == expected  # written through TSV


def test_language_tags_in_canonical_case_and_values_untouched(graph: Graph) -> None:
    query = f"SELECT ?o WHERE {{ <{E}s7> ?p ?o }} ORDER BY ?o"  # the value '"xml:lang":"sr-latn"'
    document = json.loads(write_results(evaluate(graph, query), "json"))
    terms = [b["o"] for b in document["results"]["bindings"]]
    assert {t.get("xml:lang") for t in terms} == {None, "sr-Latn"}
    assert {t["value"] for t in terms} == {'"xml:lang":"sr-latn"'}
    xml = write_results(evaluate(graph, query), "xml")
    assert xml.count(b'<literal xml:lang="sr-Latn">') == 1 and b"sr-latn" in xml  # in the value only
    tsv = write_results(evaluate(graph, f"SELECT ?o WHERE {{ ?s <{E}latin> ?o }} ORDER BY ?o"), "tsv")
    assert tsv.count(b"@sr-Latn\n") == len(TRICKY) and b"@sr-latn" not in tsv
    assert b'"a\\\\"@sr-Latn\n' in tsv  # a value ending with a backslash
    assert b'"x"@en-GB' in write_results(evaluate(graph, f"SELECT ?o {{ <{E}t> ?p ?o }}"), "tsv")


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_the_result_limit(graph: Graph, fmt: str) -> None:
    rows = len(answer_of(evaluate(graph, "SELECT * WHERE { ?s ?p ?o }")).rows)
    assert rows == 3 * len(TRICKY) + 4
    body = write_results(evaluate(graph, "SELECT * WHERE { ?s ?p ?o }"), fmt, limit=rows)
    assert body == write_results(evaluate(graph, "SELECT * WHERE { ?s ?p ?o }"), fmt)
    with pytest.raises(TooLarge, match=f"more than {rows - 1} results"):
        write_results(evaluate(graph, "SELECT * WHERE { ?s ?p ?o }"), fmt, limit=rows - 1)
    ask = "ASK { ?s ?p ?o }"  # a boolean has no rows to count
    assert write_results(evaluate(graph, ask), fmt, limit=0) == write_results(evaluate(graph, ask), fmt)


def test_the_limit_stops_a_huge_answer_early() -> None:
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"{E}{i}"), ox.NamedNode(E + "p"), ox.Literal(str(i))) for i in range(3000))
    huge = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # 9 million rows: written whole, minutes and gigabytes
    with pytest.raises(TooLarge, match="more than 100 results"):
        write_results(evaluate(Graph(store, E, "test"), huge), "json", limit=100)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_rows_are_counted_across_the_writers_chunks(fmt: str) -> None:
    store = ox.Store()  # 5000 rows: pyoxigraph writes them in chunks of 8 kB, cutting rows anywhere
    store.extend(
        ox.Quad(ox.NamedNode(f"{E}{i}"), ox.NamedNode(E + "p"), ox.Literal("x" * (i % 7))) for i in range(5000)
    )
    graph = Graph(store, E, "test")
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    assert write_results(evaluate(graph, query), fmt, limit=5000) == write_results(evaluate(graph, query), fmt)
    with pytest.raises(TooLarge, match="more than 4999 results"):
        write_results(evaluate(graph, query), fmt, limit=4999)


def test_rows_without_bindings_and_values_that_look_like_them(graph: Graph) -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(E + "a"), ox.NamedNode(E + "p"), ox.Literal('[{},{},{},{}] ,{"x":1}')))
    store.add(ox.Quad(ox.NamedNode(E + "b"), ox.NamedNode(E + "p"), ox.Literal("b")))
    lookalike = Graph(store, E, "test")
    assert write_results(evaluate(lookalike, "SELECT ?o WHERE { ?s ?p ?o }"), "json", limit=2).count(b",{}") == 3
    empty = "SELECT ?none WHERE { ?s ?p ?o }"  # two rows, each binding nothing: {}
    assert write_results(evaluate(lookalike, empty), "json", limit=2).endswith(b'"bindings":[{},{}]}}')
    with pytest.raises(TooLarge):
        write_results(evaluate(lookalike, empty), "json", limit=1)

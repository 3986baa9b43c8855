"""`noks query` and the example queries, in-process over the built graph: the answers the seeds
give, the results formats (read back by pyoxigraph's own parsers), exit codes and messages."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from noks.build import Built
from noks.cli import main
from noks.errors import NoksError
from noks.examples import QUERIES, load_examples
from noks.project import Project
from noks.query import Graph, TooLarge, evaluate, is_update, load_graph, read_query, run_query
from noks.results import to_table, write_results

from .conftest import FIXTURE_PROJECT
from .expected_answers import EXPECTED, check_answer

EXAMPLES = {example.slug: example for example in load_examples()}


def noks(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "noks", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def graph(built_main: Built, main_project: Project) -> Graph:
    return load_graph(main_project)


def test_every_example_has_expected_answers_and_questions() -> None:
    assert sorted(EXAMPLES) == sorted(EXPECTED)
    for example in EXAMPLES.values():
        assert set(example.questions) == {"en", "sr-Latn", "sr-Cyrl"}, example.slug
        assert example.questions["en"].endswith("?") or example.slug == "eqf-mapping-graph"


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_example_query_answers_as_the_seeds_say(graph: Graph, slug: str) -> None:
    check_answer(slug, run_query(graph, EXAMPLES[slug].text))


def test_graph_is_read_from_the_built_dump(graph: Graph, built_main: Built) -> None:
    assert graph.origin == str(built_main.site / "noks.ttl")


def test_per_language_query_gives_labels_in_that_language(graph: Graph) -> None:
    example = EXAMPLES["preconditions-7.1"]
    assert example.per_language and not EXAMPLES["eqf-6"].per_language
    labels = {row[3].language for row in run_query(graph, example.for_language("sr-Cyrl")).rows}
    assert labels == {"sr-cyrl"}
    latin = sorted(row[3].value for row in run_query(graph, example.for_language("sr-Latn")).rows)
    assert latin[0].startswith("Integrisane akademske studije")


def test_results_formats_parse_back_with_pyoxigraph(graph: Graph) -> None:
    text = EXAMPLES["labels-of-level-6.1"].text
    answer = run_query(graph, text)
    for fmt, parser_format in (
        ("json", ox.QueryResultsFormat.JSON),
        ("xml", ox.QueryResultsFormat.XML),
        ("tsv", ox.QueryResultsFormat.TSV),
    ):
        parsed = list(ox.parse_query_results(write_results(evaluate(graph, text), fmt), parser_format))
        assert [tuple(s) for s in parsed] == [tuple(row) for row in answer.rows], fmt
    table = list(csv.reader(io.StringIO(write_results(evaluate(graph, text), "csv").decode())))
    assert table[0] == ["property", "language", "label"] and len(table) == 7
    assert ["http://www.w3.org/2004/02/skos/core#altLabel", "sr-cyrl", "Шести ниво, подниво један"] in table
    document = json.loads(write_results(evaluate(graph, text), "json"))
    assert {b["label"]["xml:lang"] for b in document["results"]["bindings"]} == {"sr-Latn", "sr-Cyrl", "en"}
    assert b'"@sr-Cyrl\t' not in write_results(evaluate(graph, text), "tsv")  # the label is the last column
    assert b'"@sr-Cyrl\n' in write_results(evaluate(graph, text), "tsv")
    assert b'<literal xml:lang="sr-Latn">' in write_results(evaluate(graph, text), "xml")
    ask = EXAMPLES["is-6.1-exactly-eqf-6"].text
    assert bool(ox.parse_query_results(write_results(evaluate(graph, ask), "xml"), ox.QueryResultsFormat.XML)) is False
    assert json.loads(write_results(evaluate(graph, ask), "json")) == {"head": {}, "boolean": False}


def test_table_is_aligned_and_readable(graph: Graph) -> None:
    text = to_table(run_query(graph, EXAMPLES["eqf-6"].text), graph.base)
    lines = text.splitlines()
    assert lines[0].split() == ["level", "levelNotation", "mapping", "code", "codeNotation"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].split() == ["<level/6>", "6", "skos:exactMatch"]
    assert lines[3].split() == ["<level/6.1>", "6.1", "skos:broadMatch", "<code-list/2019/60>", "60"]
    assert lines[-1] == "(5 rows)"
    assert len({line.index("6") for line in lines[2:7]}) == 1  # the notation column starts at one place


def test_result_limit(graph: Graph) -> None:
    with pytest.raises(TooLarge):
        run_query(graph, "SELECT * WHERE { ?s ?p ?o }", limit=100)
    assert len(run_query(graph, "SELECT * WHERE { ?s ?p ?o } LIMIT 100", limit=100).rows) == 100


def test_syntax_error_names_line_and_column(graph: Graph, tmp_path: Path) -> None:
    query = tmp_path / "bad.rq"
    query.write_text("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nSELECT ?x WHERE {\n  ?x foo:bar ?y\n}\n")
    with pytest.raises(NoksError) as caught:
        run_query(graph, *read_query(str(query)))
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == (query, 3)
    assert "column" in problem.message and "?x foo:bar ?y" in problem.message
    assert "prefix 'foo:'" in problem.hint


def test_updates_are_refused() -> None:
    assert is_update("PREFIX a: <http://a/>\n# INSERT nothing\nINSERT DATA { <a> <b> <c> }")
    assert is_update("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert not is_update("# DELETE me\nSELECT * WHERE { ?s ?p ?o }")
    assert not is_update('SELECT ?x WHERE { ?x <p> "INSERT" }')


def in_process(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, str, str]:
    """`noks ARGS` through cli.main in this process: (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsysbinary.readouterr()
    return code, out.decode(), err.decode()


def test_cli_table_csv_json_and_construct(built_main: Built, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    site = str(built_main.site)
    code, table, _ = in_process(capsysbinary, "query", "--site", site, str(QUERIES / "01-eqf-6.rq"))
    assert code == 0 and "(5 rows)" in table and "<code-list/2019/63>" in table
    rows = in_process(
        capsysbinary,
        "query",
        "--site",
        site,
        "--format",
        "csv",
        "SELECT ?n { ?c noks:level <level/7.2> ; skos:notation ?n }",
    )
    assert rows == (0, "n\r\n72\r\n", "")
    _, out, _ = in_process(
        capsysbinary, "query", "--site", site, "--format", "json", "SELECT ?n { <level/8> skos:notation ?n }"
    )
    assert json.loads(out)["results"]["bindings"] == [{"n": {"type": "literal", "value": "8"}}]
    code, turtle, _ = in_process(
        capsysbinary, "query", "--site", site, "CONSTRUCT WHERE { <level/8> skos:exactMatch ?m }"
    )
    assert code == 0 and turtle.startswith("@base <https://w3id.org/noks/> .\n")
    assert turtle.endswith("\n\n<level/8>\n    skos:exactMatch eqf:8,\n        qdr:c_e3116f9b .\n")


def test_cli_exit_codes(built_main: Built, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    site = str(built_main.site)
    assert in_process(capsysbinary, "query", "--site", site, "ASK { <level/6> skos:exactMatch eqf:6 }")[:2] == (
        0,
        "true\n",
    )
    assert in_process(capsysbinary, "query", "--site", site, "ASK { <level/6.1> skos:exactMatch eqf:6 }")[:2] == (
        1,
        "false\n",
    )
    code, _, err = in_process(capsysbinary, "query", "--site", site, "DELETE WHERE { ?s ?p ?o }")
    assert code == 2 and "read-only" in err
    code, _, err = in_process(capsysbinary, "query", "--site", site, "nothing-here.rq")
    assert code == 2 and "cannot read query" in err
    error = noks("query", "--site", site, "SELECT ?x WHERE { ?x ?y }")  # a real process: no traceback
    assert error.returncode == 2
    assert "SPARQL syntax error at line 1, column" in error.stderr and "Traceback" not in error.stderr


def test_without_a_site_the_graph_is_built_from_the_sources(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURE_PROJECT, root)
    result = noks("query", "--format", "tsv", "SELECT ?l WHERE { <level/1.1> skos:prefLabel ?l } ORDER BY ?l", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "querying the sources (no site built)" in result.stderr
    assert '"Level 1.1"@en' in result.stdout and '"Ниво 1.1 – инјекција"@sr-Cyrl' in result.stdout

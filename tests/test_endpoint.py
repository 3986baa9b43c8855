"""The SPARQL 1.1 Protocol endpoint of `noks serve` (/sparql), served by serve.py on 127.0.0.1:
queried by a standard client (SPARQLWrapper) and by curl for the protocol details."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from noks.build import Built
from noks.endpoint import Limits, SparqlEndpoint, handler, read_base
from noks.errors import NoksError
from noks.examples import load_examples
from noks.serve import Request, make_server

from .expected_answers import EXPECTED, check_http_answer, rows_of_json
from .triplestores import ask, free_port

EXAMPLES = {example.slug: example for example in load_examples()}
LIMITS = Limits(timeout=2.0, max_results=1000, max_query_bytes=20_000, workers=2)
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def url(built_main: Built) -> Iterator[str]:
    endpoint = SparqlEndpoint(built_main.site / "noks.ttl", LIMITS)
    server = make_server(built_main.site, routes={"/sparql": lambda site: endpoint})
    assert server.server_address[0] == "127.0.0.1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()
        endpoint.close()


def curl(*args: str) -> tuple[int, str, str]:
    """(status, content type, body) of a curl request."""
    out = subprocess.run(
        ["curl", "-s", "-o", "-", "-w", "\n%{http_code} %{content_type}", *args],
        capture_output=True,
        timeout=60,
    ).stdout.decode()
    body, _, status = out.rpartition("\n")
    code, _, kind = status.partition(" ")
    return int(code), kind, body


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_examples_over_the_protocol(url: str, slug: str) -> None:
    accept = "application/n-triples" if EXPECTED[slug].triples else "application/sparql-results+json"
    check_http_answer(slug, *ask(url, EXAMPLES[slug].text, accept=accept))


def test_sparqlwrapper_select_ask_construct(url: str) -> None:
    client = SPARQLWrapper(url)
    client.setReturnFormat(JSON)
    client.setQuery(EXAMPLES["eqf-6"].text)
    expected = EXPECTED["eqf-6"]
    assert rows_of_json(client.queryAndConvert(), expected.columns) == expected.sorted_rows()
    client.setQuery(EXAMPLES["is-6.1-exactly-eqf-6"].text)
    assert client.queryAndConvert()["boolean"] is False
    client.setMethod("POST")
    client.setQuery("ASK { <https://w3id.org/noks/level/6> <http://www.w3.org/2004/02/skos/core#exactMatch> ?m }")
    assert client.queryAndConvert()["boolean"] is True
    client.setReturnFormat(TURTLE)
    client.setQuery(EXAMPLES["eqf-mapping-graph"].text)
    assert len(rdflib.Graph().parse(data=client.queryAndConvert(), format="turtle")) == 24


def test_results_formats_by_accept(url: str) -> None:
    get = f"{url}?query={quote('SELECT ?n WHERE { <level/8> skos:notation ?n }')}"
    for accept, kind, body in (
        ("application/sparql-results+json", "application/sparql-results+json", '"value":"8"'),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<literal>8</literal>"),
        ("text/csv", "text/csv", "n\r\n8\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", '?n\n"8"\n'),
        ("text/html, */*;q=0.1", "application/sparql-results+json", '"vars":["n"]'),
    ):
        status, got_kind, got = curl("-H", f"Accept: {accept}", get)
        assert (status, got_kind.split(";")[0]) == (200, kind), accept
        assert body in got, accept


def test_construct_formats_by_accept(url: str) -> None:
    query = "CONSTRUCT WHERE { <level/8> skos:exactMatch ?m }"
    for accept, kind, rdf_format in (
        ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("*/*", "text/turtle", ox.RdfFormat.TURTLE),
    ):
        status, got_kind, body = curl("-H", f"Accept: {accept}", "--data-urlencode", f"query={query}", url)
        assert (status, got_kind.split(";")[0]) == (200, kind), accept
        objects = {q.object.value for q in ox.parse(body.encode(), format=rdf_format)}
        assert objects == {"http://data.europa.eu/snb/eqf/8", "http://data.europa.eu/snb/qdr/c_e3116f9b"}, accept


def test_post_bodies(url: str) -> None:
    query = "ASK { <level/7.2> skos:broadMatch eqf:7 }"
    status, kind, body = curl("-H", "Content-Type: application/sparql-query", "--data-binary", query, url)
    assert (status, kind.split(";")[0], body) == (
        200,
        "application/sparql-results+json",
        '{"head":{},"boolean":true}',
    )
    status, _, body = curl("--data-urlencode", f"query={query}", url)
    assert (status, body) == (200, '{"head":{},"boolean":true}')


def test_errors_are_400_with_a_message(url: str) -> None:
    status, kind, body = curl("--data-urlencode", "query=SELECT ?x WHERE { ?x ?y }", url)
    assert (status, kind.split(";")[0]) == (400, "text/plain")
    assert "SPARQL syntax error at line 1, column" in body
    status, _, body = curl(url)
    assert status == 400 and body.startswith("no query:")
    status, _, body = curl(f"{url}?query=ASK%7B%7D&query=ASK%7B%7D")
    assert status == 400 and body.startswith("more than one query")
    status, _, body = curl("-H", "Accept: image/png", "--data-urlencode", "query=ASK {}", url)
    assert status == 406 and "application/sparql-results+json" in body
    status, _, _ = curl("-H", "Content-Type: text/plain", "--data-binary", "ASK {}", url)
    assert status == 415


def test_updates_are_forbidden(url: str) -> None:
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    assert curl("--data-urlencode", f"update={update}", url)[:2] == (403, "text/plain; charset=utf-8")
    assert curl("-H", "Content-Type: application/sparql-update", "--data-binary", update, url)[0] == 403
    assert curl("--data-urlencode", f"query={update}", url)[0] == 403
    assert curl("--data-urlencode", "query=ASK { <urn:a> <urn:b> <urn:c> }", url)[2] == '{"head":{},"boolean":false}'


def test_result_size_limit(url: str) -> None:
    status, _, body = curl("--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o }", url)
    assert status == 400 and "more than 1000 results" in body and "LIMIT" in body
    status, _, _ = curl("--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o } LIMIT 1000", url)
    assert status == 200
    status, _, _ = curl("--data-urlencode", "query=" + "#" * 30_000 + "\nASK {}", url)
    assert status == 413


def children(pid: int) -> set[int]:
    return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def test_time_limit_stops_the_query_and_the_endpoint_recovers(served: tuple[str, subprocess.Popen]) -> None:
    url, server = served
    assert curl("--data-urlencode", "query=ASK { <level/1> ?p ?o }", url)[0] == 200
    workers = children(server.pid)
    assert len(workers) == 2
    started = time.monotonic()
    status, _, body = curl("--data-urlencode", f"query={CARTESIAN}", url)
    assert status == 503 and "time limit of 2 s" in body
    assert time.monotonic() - started < 10
    for _ in range(3):  # the other worker answers at once, the replaced one comes back
        assert curl("--data-urlencode", "query=ASK { <level/1> ?p ?o }", url)[0] == 200
    deadline = time.monotonic() + 30
    while (children(server.pid) & workers) == workers and time.monotonic() < deadline:
        time.sleep(0.1)
    now = children(server.pid)
    assert len(workers - now) == 1, "the worker stuck in the query is gone (with its query)"
    while len(children(server.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(children(server.pid)) == 2, "and a fresh one took its place"


def test_the_base_read_from_the_dump(tmp_path: Path, built_main: Built) -> None:
    assert read_base(built_main.site / "noks.ttl") == "https://w3id.org/noks/"
    dump = tmp_path / "noks.ttl"
    dump.write_text("@base <https://example.org/q/> .\n@prefix noks: <https://w3id.org/noks/ontology#> .\n")
    assert read_base(dump) == "https://example.org/q/"
    dump.write_text(
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n@prefix noks: <https://e.org/n/ontology#> .\n"
    )
    assert read_base(dump) == "https://e.org/n/"
    dump.write_text(
        "<https://e.org/a> <https://e.org/b> <https://e.org/c> .\n@prefix noks: <https://e.org/ontology#> .\n"
    )
    assert read_base(dump) == ""


def test_handler_without_http(tmp_path: Path) -> None:
    endpoint = handler(tmp_path, Limits())
    assert endpoint(Request("PUT", "/sparql", "", {})).status == 405
    missing = endpoint(Request("GET", "/sparql", "query=ASK%7B%7D", {}))
    assert missing.status == 503 and b"run `noks build`" in missing.body
    endpoint.close()


def test_limits_from_the_environment() -> None:
    limits = Limits.from_environment({"NOKS_SPARQL_TIMEOUT": "2.5", "NOKS_SPARQL_MAX_RESULTS": "50"})
    assert limits == Limits(timeout=2.5, max_results=50, max_query_bytes=100_000, workers=2)
    with pytest.raises(NoksError, match="NOKS_SPARQL_WORKERS='many' is not a number"):
        Limits.from_environment({"NOKS_SPARQL_WORKERS": "many"})


@pytest.fixture(scope="module")
def served(built_main: Built) -> Iterator[tuple[str, subprocess.Popen]]:
    """`noks serve` in its own process: two workers, a time limit of 2 s."""
    port = free_port()
    command = [sys.executable, "-m", "noks", "serve", "--site", str(built_main.site), "--port", str(port)]
    env = {**os.environ, "NOKS_SPARQL_TIMEOUT": "2", "NOKS_SPARQL_WORKERS": "2"}
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        deadline = time.monotonic() + 30
        while curl(url)[0] != 400 and time.monotonic() < deadline:  # 400: up, and no query given
            time.sleep(0.1)
        yield url, server
    finally:
        server.terminate()
        server.wait(10)


def test_noks_serve_answers_at_sparql(served: tuple[str, subprocess.Popen]) -> None:
    url, _ = served
    status, kind, body = curl("--data-urlencode", "query=ASK { <level/6.2> skos:broadMatch eqf:6 }", url)
    assert (status, kind, body) == (
        200,
        "application/sparql-results+json; charset=utf-8",
        '{"head":{},"boolean":true}',
    )
    assert curl(url.replace("/sparql", "/en/query/index.html"))[0] == 200

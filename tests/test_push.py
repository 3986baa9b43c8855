"""`noks push` into real triplestores started here (Oxigraph server, a private Virtuoso), then the
example queries over HTTP give the answers `noks query` gives (the seeds' answers)."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from noks.build import Built
from noks.examples import load_examples
from noks.push import graph_url

from .expected_answers import EXPECTED, check_http_answer
from .triplestores import Store, ask, count, oxigraph, virtuoso

GRAPH = "https://w3id.org/noks/"
EXAMPLES = {example.slug: example for example in load_examples()}


def accept(slug: str) -> str:
    return "application/n-triples" if EXPECTED[slug].triples else "application/sparql-results+json"


def push(site: Path, store: Store, *extra: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, STORE_PASSWORD=password or store.password or "")
    auth = ["--user", store.user, "--password-env", "STORE_PASSWORD"] if store.user else []
    command = [
        sys.executable,
        "-m",
        "noks",
        "push",
        "--site",
        str(site),
        "--endpoint",
        store.graph_store,
        *auth,
        *extra,
    ]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def triples_in(site: Path) -> int:
    return (site / "noks.nt").read_bytes().count(b"\n")


@pytest.fixture(scope="module")
def oxigraph_store(built_main: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with oxigraph(tmp_path_factory.mktemp("oxigraph")) as store:
        pushed = push(built_main.site, store)
        assert pushed.returncode == 0, pushed.stderr
        assert f"pushed {triples_in(built_main.site)} triples into <{GRAPH}>" in pushed.stdout
        yield store


@pytest.fixture(scope="module")
def virtuoso_store(built_main: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as store:
        pushed = push(built_main.site, store, "--format", "nt")
        assert pushed.returncode == 0, pushed.stderr
        yield store


def test_graph_url() -> None:
    assert (
        graph_url("http://h/store", "https://w3id.org/noks/") == "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fnoks%2F"
    )
    assert graph_url("http://h/crud?graph-uri=urn:x", "https://w3id.org/noks/") == "http://h/crud?graph-uri=urn:x"
    assert graph_url("http://h/s?a=1", "urn:g") == "http://h/s?a=1&graph=urn%3Ag"


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_oxigraph_answers_the_examples(oxigraph_store: Store, slug: str) -> None:
    check_http_answer(slug, *ask(oxigraph_store.query, EXAMPLES[slug].text, GRAPH, accept(slug)))


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_virtuoso_answers_the_examples(virtuoso_store: Store, slug: str) -> None:
    check_http_answer(slug, *ask(virtuoso_store.query, EXAMPLES[slug].text, GRAPH, accept(slug)))


def test_push_replaces_the_named_graph(oxigraph_store: Store, built_main: Built) -> None:
    stray = f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:stray> <urn:p> <urn:o> }} }}"
    subprocess.run(
        ["curl", "-sf", "--data-urlencode", f"update={stray}", oxigraph_store.query.replace("query", "update")],
        check=True,
    )
    assert count(oxigraph_store, GRAPH) == triples_in(built_main.site) + 1
    assert push(built_main.site, oxigraph_store).returncode == 0
    assert count(oxigraph_store, GRAPH) == triples_in(built_main.site)


def test_push_into_another_named_graph(oxigraph_store: Store, built_main: Built) -> None:
    assert push(built_main.site, oxigraph_store, "--graph", "urn:noks:copy", "--format", "nt").returncode == 0
    assert count(oxigraph_store, "urn:noks:copy") == triples_in(built_main.site)


def test_virtuoso_holds_the_whole_graph(virtuoso_store: Store, built_main: Built) -> None:
    assert count(virtuoso_store, GRAPH) == triples_in(built_main.site)


def test_wrong_password_is_a_clear_error(virtuoso_store: Store, built_main: Built) -> None:
    refused = push(built_main.site, virtuoso_store, password="wrong")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "HTTP 401" in refused.stderr and "digest" in refused.stderr


def test_no_credentials_is_a_clear_error(virtuoso_store: Store, built_main: Built) -> None:
    anonymous = Store(virtuoso_store.graph_store, virtuoso_store.query)
    refused = push(built_main.site, anonymous)
    assert refused.returncode == 1 and "HTTP 401" in refused.stderr and "--password-env" in refused.stderr


def test_unreachable_store_and_missing_site(tmp_path: Path, built_main: Built) -> None:
    nowhere = push(built_main.site, Store("http://127.0.0.1:9/store", ""))
    assert nowhere.returncode == 1 and "cannot reach http://127.0.0.1:9/store" in nowhere.stderr
    empty = push(tmp_path, Store("http://127.0.0.1:9/store", ""))
    assert empty.returncode == 1 and "run `noks build` first" in empty.stderr


class _BasicStore(BaseHTTPRequestHandler):
    """A Graph Store that wants basic authentication and, like Virtuoso, answers 401 unread."""

    received: ClassVar[list[tuple[str, str, bytes]]] = []

    def _challenge(self) -> bool:
        expected = "Basic " + base64.b64encode(b"editor:s3cret").decode()
        if self.headers.get("Authorization") == expected:
            return False
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="noks"')
        self.send_header("Content-Length", "0")
        self.end_headers()
        return True

    def do_HEAD(self) -> None:  # noqa: N802
        self._challenge()

    def do_PUT(self) -> None:  # noqa: N802
        if self._challenge():
            return
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, self.headers["Content-Type"], body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def test_basic_authentication(built_main: Built) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BasicStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    store = Store(f"http://127.0.0.1:{server.server_address[1]}/store", "", "editor", "s3cret")
    try:
        assert push(built_main.site, store).returncode == 0
        assert _BasicStore.received == [
            (
                "/store?graph=https%3A%2F%2Fw3id.org%2Fnoks%2F",
                "text/turtle; charset=utf-8",
                (built_main.site / "noks.ttl").read_bytes(),
            )
        ]
        refused = push(built_main.site, store, password="wrong")
        assert refused.returncode == 1 and "HTTP 401" in refused.stderr
    finally:
        server.shutdown()
        server.server_close()

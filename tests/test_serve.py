"""serve: the site on 127.0.0.1 with content negotiation, and path prefixes routed to handlers."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from noks.serve import Request, Response, make_server, negotiate


def _sparql(site: Path) -> object:
    def handle(request: Request) -> Response:
        return Response(200, f"sparql {request.method} {request.query} {site.name}".encode())

    return handle


@pytest.fixture(scope="module")
def server(fixture_site: Path) -> Iterator[tuple[str, int]]:
    httpd = make_server(fixture_site, "127.0.0.1", 0, routes={"/sparql": _sparql})
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[:2]
    httpd.shutdown()
    httpd.server_close()


def get(server: tuple[str, int], path: str, accept: str = "*/*") -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(*server, timeout=10)
    connection.request("GET", path, headers={"Accept": accept})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_negotiate_by_quality_and_order() -> None:
    both = ["index.html", "index.ttl", "index.jsonld"]
    assert negotiate("text/html,application/xhtml+xml,*/*;q=0.8", both) == "index.html"
    assert negotiate("text/turtle", both) == "index.ttl"
    assert negotiate("text/html;q=0.5, text/turtle", both) == "index.ttl"
    assert negotiate("application/ld+json, text/turtle;q=0.9", both) == "index.jsonld"
    assert negotiate("*/*", both) == "index.html"
    assert negotiate("", both) == "index.html"
    assert negotiate("image/png", both) is None
    assert negotiate("text/*", ["index.ttl"]) == "index.ttl"


def test_a_resource_answers_turtle_or_jsonld_to_rdf_clients(server: tuple[str, int], fixture_site: Path) -> None:
    status, headers, body = get(server, "/level/1", "text/turtle")
    assert (status, headers["content-type"]) == (200, "text/turtle; charset=utf-8")
    assert body == (fixture_site / "level/1/index.ttl").read_bytes()
    assert headers["vary"] == "Accept"
    status, headers, body = get(server, "/level/1/", "application/ld+json")
    assert (status, headers["content-type"]) == (200, "application/ld+json")
    assert body == (fixture_site / "level/1/index.jsonld").read_bytes()


def test_a_browser_is_sent_to_the_html_page(server: tuple[str, int], fixture_site: Path) -> None:
    status, headers, _ = get(server, "/level/1.1", "text/html,*/*;q=0.8")
    assert (status, headers["location"]) == (303, "/level/1.1/")
    status, headers, body = get(server, "/level/1.1/", "text/html,*/*;q=0.8")
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert body == (fixture_site / "level/1.1/index.html").read_bytes()
    status, headers, body = get(server, "/en/level/1.1/index.html")
    assert status == 200 and b'<html lang="en">' in body


def test_missing_paths_get_the_404_page_and_cannot_leave_the_site(server: tuple[str, int], fixture_site: Path) -> None:
    status, _, body = get(server, "/no/such/thing")
    assert status == 404 and body == (fixture_site / "404.html").read_bytes()
    status, _, _ = get(server, "/../../etc/passwd")
    assert status == 404
    status, _, _ = get(server, "/level/1", "image/png")
    assert status == 406


def test_routes_take_their_prefix_before_the_files(server: tuple[str, int]) -> None:
    status, _, body = get(server, "/sparql?query=ASK")
    assert (status, body) == (200, b"sparql GET query=ASK site")
    status, _, body = get(server, "/sparql/sub")
    assert body.startswith(b"sparql GET")
    status, _, _ = get(server, "/sparqlx")
    assert status == 404


def test_connections_are_kept_alive(server: tuple[str, int]) -> None:
    connection = http.client.HTTPConnection(*server, timeout=10)
    answers = []
    for path in ("/level/1", "/sparql?query=ASK", "/no/such/thing"):
        connection.request("GET", path, headers={"Accept": "text/turtle"})
        response = connection.getresponse()
        answers.append((response.status, response.getheader("Connection"), int(response.getheader("Content-Length"))))
        assert len(response.read()) == answers[-1][2]
        if len(answers) == 1:
            first = connection.sock
        assert connection.sock is first  # the same connection answered every request
    connection.close()
    assert [(status, header) for status, header, _ in answers] == [(200, None), (200, None), (404, None)]


def test_an_early_reply_closes_the_connection_and_drops_the_late_answer(fixture_site: Path) -> None:
    release, replies = threading.Event(), []

    def stuck(site: Path) -> object:
        def handle(request: Request) -> Response:
            replies.append(request.reply_now(Response(503, b"too slow\n")))
            replies.append(request.reply_now(Response(503, b"twice\n")))
            release.wait(10)
            return Response(200, b"late\n")

        return handle

    httpd = make_server(fixture_site, routes={"/stuck": stuck})
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        status, headers, body = get(httpd.server_address[:2], "/stuck")
        assert (status, headers["connection"], body) == (503, "close", b"too slow\n")
        deadline = time.monotonic() + 10
        while len(replies) < 2 and time.monotonic() < deadline:  # the handler goes on after its early reply
            time.sleep(0.01)
        assert replies == [True, False]
        assert (httpd.busy, httpd.abandoned) == (1, 1)
        release.set()
        deadline = time.monotonic() + 10
        while httpd.busy and time.monotonic() < deadline:
            time.sleep(0.01)
        assert httpd.busy == 0
        httpd.retire()
        httpd.drain(5)
        assert httpd.retiring
    finally:
        httpd.shutdown()
        httpd.server_close()

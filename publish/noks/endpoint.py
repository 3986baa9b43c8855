"""The SPARQL 1.1 Protocol at /sparql for `noks serve`, over the built graph (site/noks.ttl).

GET `?query=`, POST a form (`query=`) or `application/sparql-query`. SELECT and ASK answer in
JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE in Turtle, N-Triples or JSON-LD, by `Accept`.
Read-only: updates get 403. Errors get 400 with a message; a query over the time limit 503.
Limits come from the environment (see `Limits`). Mounted in serve.ROUTES as `"/sparql": handler`.
Queries run in the server's own threads, over the graph each worker process of `noks serve`
loads once: no hop to another process, answers written by pyoxigraph (see results.write_results).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from noks.errors import NoksError, Problem
from noks.form import parse_form
from noks.namespaces import PROJECT_PREFIXES
from noks.query import Graph, TooLarge, UpdateRefused, answer_of, evaluate
from noks.results import GRAPH_TYPES, RESULT_TYPES, graph_bytes, write_results
from noks.serialize import DUMP_NAME
from noks.serve import Request, Response, accepted
from noks.watchdog import Watchdog

# Media types a client may ask for, in our order of preference, and the format each gives.
RESULT_MEDIA = {**{t: f for f, t in RESULT_TYPES.items()}, "application/json": "json", "application/xml": "xml"}
GRAPH_MEDIA = {**{t: f for f, t in GRAPH_TYPES.items()}, "application/x-turtle": "turtle", "text/plain": "nt"}
HEADERS = (("Access-Control-Allow-Origin", "*"), ("Vary", "Accept"))
_REFUSED = "this endpoint is read-only: updates are refused"
RUNNING = os.cpu_count() or 2  # queries running at once in one server process
USAGE = "send a SPARQL query: GET /sparql?query=… or POST a form with query=… or an application/sparql-query body"


@dataclass(frozen=True)
class Limits:
    """Per query: seconds of run time, results (rows or triples), bytes of query; worker processes
    of `noks serve` (each holds the graph)."""

    timeout: float = 10.0
    max_results: int = 10_000
    max_query_bytes: int = 100_000
    workers: int = 2

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> Limits:
        """NOKS_SPARQL_TIMEOUT, NOKS_SPARQL_MAX_RESULTS, NOKS_SPARQL_MAX_QUERY_BYTES, NOKS_SPARQL_WORKERS."""
        values: dict[str, float | int] = {}
        for field_name, kind in (("timeout", float), ("max_results", int), ("max_query_bytes", int), ("workers", int)):
            name = f"NOKS_SPARQL_{field_name.upper()}"
            if name in env:
                try:
                    values[field_name] = kind(env[name])
                except ValueError:
                    raise NoksError(Problem(f"{name}={env[name]!r} is not a number", hint=f"e.g. {name}=10")) from None
        return cls(**values)


def _text(status: int, message: str, extra: tuple[tuple[str, str], ...] = ()) -> Response:
    return Response(status, (message.rstrip() + "\n").encode(), "text/plain; charset=utf-8", HEADERS + extra)


def choose(accept: str, offered: Mapping[str, str]) -> tuple[str, str] | None:
    """(media type, format) best matching `accept` among `offered`, or None (406)."""
    for _, _, media in accepted(accept):
        for offer, fmt in offered.items():
            if media in ("*/*", offer) or media == offer.split("/")[0] + "/*":
                return offer, fmt
    return None


def answer(graph: Graph, text: str, accept: str, max_results: int) -> Response:
    """Run one query and serialise its answer as the client accepts (runs in a query worker)."""
    try:
        result = evaluate(graph, text)
    except UpdateRefused:
        return _text(403, _REFUSED)
    except NoksError as exc:
        return _text(400, "\n".join(p.render() for p in exc.problems))
    offered = GRAPH_MEDIA if isinstance(result, ox.QueryTriples) else RESULT_MEDIA
    chosen = choose(accept, offered)
    if chosen is None:
        return _text(406, "this answer is available as: " + ", ".join(offered))
    media, fmt = chosen
    try:
        if isinstance(result, ox.QueryTriples):
            body = graph_bytes(answer_of(result, max_results).triples, fmt, graph.base)
        else:
            body = write_results(result, fmt, max_results)
    except TooLarge as exc:
        return _text(400, f"{exc} (the limit of this endpoint): add a LIMIT, or download the dump noks.ttl")
    return Response(200, body, f"{media}; charset=utf-8", HEADERS)


def query_text(request: Request, limits: Limits) -> str | Response:
    """The query of a protocol request, or the error response the request deserves."""
    if request.method not in ("GET", "HEAD", "POST"):
        return _text(405, f"405 Method Not Allowed: {USAGE}", (("Allow", "GET, HEAD, POST"),))
    if len(request.body) > limits.max_query_bytes:
        return _text(413, f"the request is larger than {limits.max_query_bytes} bytes")
    params = parse_form(request.query)
    media = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if request.method == "POST":
        if media == "application/sparql-update":
            return _text(403, _REFUSED)
        if media == "application/sparql-query":
            params.setdefault("query", []).append(request.body.decode("utf-8", errors="replace"))
        elif media == "application/x-www-form-urlencoded":
            for key, values in parse_form(request.body.decode("utf-8", errors="replace")).items():
                params.setdefault(key, []).extend(values)
        else:
            return _text(415, f"unsupported Content-Type {media or '(none)'}: {USAGE}")
    if "update" in params:
        return _text(403, _REFUSED)
    queries = params.get("query", [])
    if len(queries) != 1:
        return _text(400, ("more than one query: " if queries else "no query: ") + USAGE)
    return queries[0]  # an update in `query` is refused by the worker (see `answer`): it never parses as a query


def read_base(dump: Path) -> str:
    """The project's base IRI, from the dump's header: its `@base`, or else the namespace of its
    `noks:` prefix (`<base>ontology#`); "" when it states neither."""
    ontology = PROJECT_PREFIXES["noks"]
    with dump.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("@base <"):
                return line.split("<", 1)[1].split(">", 1)[0]
            if not line.startswith("@prefix "):
                break
            name, _, rest = line[len("@prefix ") :].partition(":")
            namespace = rest.strip().removeprefix("<").split(">", 1)[0]
            if name == "noks" and namespace.endswith(ontology):
                return namespace[: -len(ontology)]
    return ""


class SparqlEndpoint:
    """A serve.py handler: Request -> Response. It loads the graph with `warm()` or the first query
    and answers in the calling thread (pyoxigraph lets other threads run meanwhile), at most
    `RUNNING` queries at a time. A query over the time limit cannot be stopped: the watchdog answers 503 for it and
    retires this server process, which `serve` replaces (see serve.Request.retire)."""

    def __init__(self, dump: Path, limits: Limits) -> None:
        self.dump, self.limits = dump, limits
        self._graph: Graph | None = None
        self._lock = threading.Lock()
        self._running = threading.Semaphore(RUNNING)
        self._watchdog = Watchdog()

    def warm(self) -> None:
        """Load the graph now (`noks serve` does, in the background, as each worker starts)."""
        try:
            self._get_graph()
        except (OSError, SyntaxError):
            pass  # said to the first query

    def _get_graph(self) -> Graph | None:
        with self._lock:
            if self._graph is None and self.dump.is_file():
                store = ox.Store()
                store.bulk_load(path=str(self.dump), format=ox.RdfFormat.TURTLE)
                self._graph = Graph(store, read_base(self.dump), str(self.dump))
            return self._graph

    def __call__(self, request: Request) -> Response:
        text = query_text(request, self.limits)
        if isinstance(text, Response):
            return text
        try:
            graph = self._get_graph()
        except (OSError, SyntaxError) as exc:
            return _text(503, f"cannot load the graph {self.dump}: {exc}")
        if graph is None:
            return _text(503, f"no graph to query: {self.dump} is missing (run `noks build`)")
        limits = self.limits
        if not self._running.acquire(timeout=limits.timeout):
            return _text(503, f"{RUNNING} queries are running here already; try again later")
        try:
            with self._watchdog.watch(limits.timeout, lambda: _overtime(request, limits.timeout)):
                return answer(graph, text, request.headers.get("Accept", "*/*"), limits.max_results)
        finally:
            self._running.release()

    def close(self) -> None:
        with self._lock:
            self._graph = None


def _overtime(request: Request, timeout: float) -> None:
    if request.reply_now(_text(503, f"the query ran longer than the time limit of {timeout:g} s")):
        request.retire()


def handler(site: Path, limits: Limits | None = None) -> SparqlEndpoint:
    """The endpoint over `site/noks.ttl`, with limits from the environment unless given."""
    return SparqlEndpoint(site / f"{DUMP_NAME}.ttl", limits or Limits.from_environment(os.environ))

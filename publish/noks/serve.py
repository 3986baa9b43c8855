"""`noks serve`: the built site on 127.0.0.1, with the content negotiation a static host gets from
the emitted .htaccess / nginx rules: a resource path returns HTML to a browser and Turtle or
JSON-LD to an RDF client, by its Accept header.

Other parts of the project plug in a handler for a path prefix with one line in `ROUTES`
(a factory that gets the site folder and returns a handler of `Request` -> `Response`).
"""

from __future__ import annotations

import mimetypes
import os
import posixpath
import socket
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import import_module
from pathlib import Path
from urllib.parse import unquote, urlsplit

from noks import prefork


def _not_now(response: Response) -> bool:
    return False


def _stay() -> None:
    pass


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # decoded, without the query
    query: str
    headers: Mapping[str, str]
    body: bytes = b""
    # From another thread, while the handler is stuck: send this response now (the connection then
    # closes; the handler's own response is dropped). False if a response was already sent.
    reply_now: Callable[[Response], bool] = _not_now
    # Stop this server taking connections; a worker of `serve` then ends once the requests in flight
    # are answered, and a fresh one takes its place (the way to be rid of work that cannot be stopped).
    retire: Callable[[], None] = _stay


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)


Handler = Callable[[Request], Response]
HandlerFactory = Callable[[Path], Handler]

# Path prefix -> handler factory. Add a line here to serve more than files, e.g. "/sparql": sparql.handler.
ROUTES: dict[str, HandlerFactory] = {"/sparql": lambda site: import_module("noks.endpoint").handler(site)}

# What a resource folder can answer with, in the server's order of preference.
REPRESENTATIONS: tuple[tuple[str, str], ...] = (
    ("text/html", "index.html"),
    ("application/xhtml+xml", "index.html"),
    ("text/turtle", "index.ttl"),
    ("application/x-turtle", "index.ttl"),
    ("application/ld+json", "index.jsonld"),
    ("application/json", "index.jsonld"),
)
KEEP_ALIVE_SECONDS = 60  # an idle connection is closed after this
RETIRE_GRACE_SECONDS = 30  # a retiring worker waits at most this long for the requests in flight
TYPES = {".ttl": "text/turtle; charset=utf-8", ".jsonld": "application/ld+json", ".nt": "application/n-triples"}


def accepted(accept: str) -> list[tuple[float, int, str]]:
    """The media ranges of an Accept header as (q, order, range), best first."""
    ranges = []
    for order, part in enumerate(accept.split(",") if accept.strip() else ["*/*"]):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((q, order, media.lower()))
    return sorted(ranges, key=lambda r: (-r[0], r[1]))


def negotiate(accept: str, available: list[str]) -> str | None:
    """The file (`index.html`, `index.ttl`, `index.jsonld`) that best answers `accept`, of those available."""
    for _, _, media in accepted(accept):
        for offered, name in REPRESENTATIONS:
            if name in available and (media in ("*/*", offered) or media == offered.split("/")[0] + "/*"):
                return name
    return None


def _file(path: Path, extra: tuple[tuple[str, str], ...] = ()) -> Response:
    kind = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith("text/") and "charset" not in kind:
        kind += "; charset=utf-8"
    return Response(200, path.read_bytes(), kind, extra)


def static(site: Path) -> Handler:
    """Files of the site; a folder answers with its index in the representation the client accepts."""
    root = site.resolve()

    def handle(request: Request) -> Response:
        local = posixpath.normpath("/" + request.path.lstrip("/")).lstrip("/")
        target = (root / local).resolve() if local not in ("", ".") else root
        if not target.is_relative_to(root):
            return not_found(root)
        if target.is_file():
            return _file(target)
        if target.is_dir():
            available = [name for _, name in REPRESENTATIONS if (target / name).is_file()]
            chosen = negotiate(request.headers.get("Accept", "*/*"), available)
            if chosen is None:
                return Response(406, b"406 Not Acceptable: text/html, text/turtle, application/ld+json\n")
            if chosen == "index.html" and not request.path.endswith("/"):
                location = request.path + "/" + (f"?{request.query}" if request.query else "")
                return Response(303, b"", headers=(("Location", location), ("Vary", "Accept")))
            return _file(target / chosen, (("Vary", "Accept"),))
        return not_found(root)

    return handle


def not_found(root: Path) -> Response:
    page = root / "404.html"
    body = page.read_bytes() if page.is_file() else b"404 Not Found\n"
    return Response(404, body, "text/html; charset=utf-8" if page.is_file() else "text/plain; charset=utf-8")


def dispatch(routes: Mapping[str, Handler], fallback: Handler, request: Request) -> Response:
    """The handler of the longest matching path prefix, else the static files."""
    for prefix in sorted(routes, key=len, reverse=True):
        if request.path == prefix or request.path.startswith(prefix.rstrip("/") + "/"):
            return routes[prefix](request)
    return fallback(request)


class Server(ThreadingHTTPServer):
    """A thread per connection (kept alive between requests). `retire()` stops it taking connections;
    `drain()` then waits until the requests in flight are answered (or abandoned: answered early by
    `Request.reply_now`, their handler stuck in work that cannot be stopped)."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type,
        listener: socket.socket | None = None,
        handlers: Mapping[str, Handler] | None = None,
    ) -> None:
        super().__init__(address, handler, bind_and_activate=listener is None)
        self.handlers = dict(handlers or {})
        if listener is not None:  # a socket shared with other worker processes (see `serve`)
            self.socket.close()
            self.socket = listener
            self.server_address = listener.getsockname()[:2]
        self._flight = threading.Condition()
        self.busy = self.abandoned = 0
        self.retiring = False

    @contextmanager
    def answering(self) -> Iterator[None]:
        with self._flight:
            self.busy += 1
        try:
            yield
        finally:
            with self._flight:
                self.busy -= 1
                self._flight.notify_all()

    def abandon(self) -> None:
        with self._flight:
            self.abandoned += 1
            self._flight.notify_all()

    def warm(self) -> None:
        """Let each handler with a `warm()` prepare (e.g. load the graph) now, in the background."""
        for handler in self.handlers.values():
            if hasattr(handler, "warm"):
                threading.Thread(target=handler.warm, daemon=True).start()

    def retire(self) -> None:
        with self._flight:
            if self.retiring:
                return
            self.retiring = True
        threading.Thread(target=self.shutdown, daemon=True).start()  # serve_forever returns

    def drain(self, seconds: float = RETIRE_GRACE_SECONDS) -> None:
        with self._flight:
            self._flight.wait_for(lambda: self.busy <= self.abandoned, timeout=seconds)


def make_server(
    site: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    routes: Mapping[str, HandlerFactory] | None = None,
    log: bool = False,
    listener: socket.socket | None = None,
) -> Server:
    """A server for `site` (not yet serving: call serve_forever). Port 0 picks a free port; or
    it takes its connections from `listener`, a listening socket (shared by worker processes)."""
    handlers = {prefix: factory(site) for prefix, factory in (ROUTES if routes is None else routes).items()}
    files = static(site)

    class RequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: a client sends many requests over one connection
        disable_nagle_algorithm = True
        wbufsize = -1  # the head and the body leave together, flushed after each request
        timeout = KEEP_ALIVE_SECONDS
        server: Server

        def _answer(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {key.title(): value for key, value in self.headers.items()}
            self._replied = False
            self._reply_lock = threading.Lock()
            with self.server.answering():
                request = Request(
                    self.command, unquote(parts.path), parts.query, headers, body, self._reply_now, self.server.retire
                )
                response = dispatch(handlers, files, request)
                with self._reply_lock:
                    if not self._replied:
                        self._replied = True
                        self._send(response)

        def _reply_now(self, response: Response) -> bool:
            """Answer from another thread while the handler is stuck; its own answer is then dropped."""
            with self._reply_lock:
                if self._replied:
                    return False
                self._replied = True
            self.server.abandon()
            self.close_connection = True
            self._send(response)
            self.wfile.flush()
            return True

        def _send(self, response: Response) -> None:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for key, value in response.headers:
                self.send_header(key, value)
            if self.close_connection or self.server.retiring:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)

        do_GET = do_HEAD = do_POST = _answer  # noqa: N815 (http.server's naming)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            if log:
                super().log_message(format, *args)

    return Server((host, port), RequestHandler, listener, handlers)


def serve(site: Path, host: str = "127.0.0.1", port: int = 8000, processes: int | None = None) -> None:
    """Serve `site` until interrupted, in `processes` worker processes (default: NOKS_SPARQL_WORKERS,
    2) that share one listening socket; a worker that retires (a query over the time limit) or dies
    is replaced (see prefork)."""
    if processes is None:
        processes = import_module("noks.endpoint").Limits.from_environment(os.environ).workers
    listener = socket.create_server((host, port), backlog=128)
    listener.setblocking(False)  # the workers race to accept: the losers go back to waiting

    def work() -> None:
        server = make_server(site, listener=listener, log=True)
        server.warm()  # the first query finds the graph loaded
        server.serve_forever()
        server.drain()

    try:
        if hasattr(os, "fork"):
            prefork.run(processes, work)
        else:  # no fork (Windows): one process, which nothing replaces; a query over the time limit
            listener.setblocking(True)  # is answered, not ended, and the server goes on
            server = make_server(site, listener=listener, log=True)
            while True:
                server.serve_forever()
                server.retiring = False
    finally:
        listener.close()

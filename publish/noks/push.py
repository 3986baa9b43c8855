"""`noks push`: put the built graph into a SPARQL 1.1 Graph Store (Oxigraph, Virtuoso, Fuseki …)
as one named graph, with one HTTP PUT, which replaces that graph as a whole.

The endpoint is the store's Graph Store Protocol URL (Oxigraph: `http://HOST:7878/store`,
Virtuoso: `http://HOST:8890/sparql-graph-crud-auth`); `?graph=IRI` is added unless the URL names
the graph already. Basic and digest authentication (Virtuoso needs digest).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from noks.errors import NoksError, Problem
from noks.serialize import DUMP_NAME

MEDIA = {"turtle": ("ttl", "text/turtle; charset=utf-8"), "nt": ("nt", "application/n-triples")}
TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class Pushed:
    url: str
    graph: str
    status: int
    triples: int
    size: int


def graph_url(endpoint: str, graph: str) -> str:
    """The endpoint with `graph=IRI`, unless it already has `graph=` or Virtuoso's `graph-uri=`."""
    params = parse_qs(urlsplit(endpoint).query)
    if "graph" in params or "graph-uri" in params:
        return endpoint
    return f"{endpoint}{'&' if '?' in endpoint else '?'}graph={quote(graph, safe='')}"


def _opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, user, password or "")
        handlers += [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


def push(
    site: Path, endpoint: str, graph: str, user: str | None = None, password: str | None = None, fmt: str = "turtle"
) -> Pushed:
    """PUT `site/noks.ttl` (or `.nt`) as the named graph `graph` of the store at `endpoint`."""
    extension, media = MEDIA[fmt]
    dump = site / f"{DUMP_NAME}.{extension}"
    if not dump.is_file():
        raise NoksError(Problem(f"no built graph at {dump}", file=dump, hint="run `noks build` first"))
    body = dump.read_bytes()
    triples = (site / f"{DUMP_NAME}.nt").read_bytes().count(b"\n") if (site / f"{DUMP_NAME}.nt").is_file() else -1
    url = graph_url(endpoint, graph)
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": media})
    try:
        with _opener(url, user, password).open(request, timeout=TIMEOUT_SECONDS) as response:
            return Pushed(url, graph, response.status, triples, len(body))
    except urllib.error.HTTPError as exc:
        detail = exc.read(500).decode("utf-8", errors="replace").strip()
        raise NoksError(_http_problem(url, exc.code, exc.reason, detail, user)) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise NoksError(
            Problem(f"cannot reach {url}: {reason}", hint="is the triplestore running, and is the URL right?")
        ) from exc


def _http_problem(url: str, status: int, reason: str, detail: str, user: str | None) -> Problem:
    hints = {
        401: "give --user and --password-env VAR (the name of an environment variable holding the password)"
        if user is None
        else "check the user and the password (Virtuoso: the graph store at /sparql-graph-crud-auth uses digest)",
        403: "the user may not write this graph (Virtuoso: grant SPARQL_UPDATE to the user)",
        404: "the URL is not a Graph Store endpoint (Oxigraph: /store, Virtuoso: /sparql-graph-crud-auth)",
        405: "the store refuses PUT at this URL: is it read-only, or the query endpoint instead of the graph store?",
    }
    message = f"the triplestore answered HTTP {status} {reason} to PUT {url}"
    if detail:
        message += f": {detail.splitlines()[0][:300]}"
    return Problem(message, hint=hints.get(status, "see the triplestore's log"))

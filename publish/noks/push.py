"""`noks push`: put the built graph into a SPARQL 1.1 Graph Store (Oxigraph, Virtuoso, Fuseki …)
as one named graph, with one HTTP PUT, which replaces that graph as a whole.

The endpoint is the store's Graph Store Protocol URL (Oxigraph: `http://HOST:7878/store`,
Virtuoso: `http://HOST:8890/sparql-graph-crud-auth`); `?graph=IRI` is added unless the URL names
the graph already. Basic and digest authentication (Virtuoso needs digest).
"""

from __future__ import annotations

import base64
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


def _authorize(request: urllib.request.Request, user: str, password: str) -> None:
    """Add the Authorization header before sending the body. A store that answers 401 to a large
    PUT may close the connection before reading it (the client then sees a broken pipe), so ask
    for the challenge first with a HEAD, then answer it (digest) or send the credentials (basic)."""
    probe = urllib.request.Request(request.full_url, method="HEAD")
    try:
        urllib.request.urlopen(probe, timeout=60).close()
        return  # no authentication asked for
    except urllib.error.HTTPError as exc:
        challenge = exc.headers.get("WWW-Authenticate", "") if exc.code == 401 else ""
    scheme, _, params = challenge.partition(" ")
    if scheme.lower() == "digest":
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, request.full_url, user, password)
        fields = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(params)))
        answer = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(request, fields)
        if answer:
            request.add_unredirected_header("Authorization", f"Digest {answer}")
    elif scheme.lower() == "basic" or not scheme:
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        request.add_unredirected_header("Authorization", f"Basic {token}")


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
        if user is not None:
            _authorize(request, user, password or "")
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
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

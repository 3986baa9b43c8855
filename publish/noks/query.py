"""SPARQL 1.1 over the NOKS graph, in-process (pyoxigraph): the graph to query, the query text,
`evaluate` (a query to pyoxigraph's lazy result, for results.write_results to serialise without a
Python loop) and `run_query` (the answer as plain values: rows, a boolean or triples). Syntax
errors become located problems, never tracebacks."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from noks.errors import NoksError, Problem
from noks.graph import derive, to_store
from noks.load import load_sources
from noks.namespaces import all_prefixes
from noks.project import Project
from noks.serialize import DUMP_NAME

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)
_PREFIXED = re.compile(r"([A-Za-z][\w.-]*)?:")
_DECLARED = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_CHAR_SETS = re.compile(r"\[(?:'[^']*'|[^\]])*\],?\s*")
_COMMENT = re.compile(r"#[^\n]*")
_PROLOGUE = re.compile(r"\s*(?:(?:BASE\s*<[^>]*>|PREFIX\s+[\w.-]*:\s*<[^>]*>)\s*)*", re.IGNORECASE)
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Graph:
    """A queryable graph and where it came from (for the user: the site dump or the sources)."""

    store: ox.Store
    base: str
    origin: str


@dataclass(frozen=True)
class Answer:
    """The answer to a query: `kind` is "select", "ask" or "graph" (CONSTRUCT and DESCRIBE)."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool = False
    triples: tuple[ox.Triple, ...] = field(default=())


_READ_ONLY = "query with SELECT, ASK, CONSTRUCT or DESCRIBE; change the data in data/*.ttl and rebuild"
_REFUSED = "this is a SPARQL update: the NOKS graph is read-only"


class UpdateRefused(NoksError):
    """A SPARQL update where only queries are answered."""


class TooLarge(Exception):
    """The answer has more rows or triples than allowed."""


def load_graph(project: Project) -> Graph:
    """The built graph (site/noks.ttl); without a site, the graph built on the fly from the sources."""
    dump = project.site / f"{DUMP_NAME}.ttl"
    if dump.is_file():
        store = ox.Store()
        store.bulk_load(path=str(dump), format=ox.RdfFormat.TURTLE)
        return Graph(store, project.base, str(dump))
    sources = load_sources(project.source_files(), project.base)
    return Graph(to_store(derive(sources.triples, project.base)), project.base, "the sources (no site built)")


def read_query(argument: str) -> tuple[str, Path | None]:
    """The query text: `argument` itself, or the contents of the file it names (FILE.rq)."""
    path = Path(argument)
    if argument.endswith(".rq") or ("\n" not in argument and path.is_file()):
        try:
            return path.read_text(encoding="utf-8"), path
        except OSError as exc:
            raise NoksError(Problem(f"cannot read query: {exc.strerror}", file=path)) from exc
    return argument, None


def evaluate(graph: Graph, text: str, file: Path | None = None) -> Result:
    """Start a SPARQL query: pyoxigraph's result, not yet read (solutions and triples come lazily).
    The project's prefixes (skos:, noks: …) are predeclared; relative IRIs resolve against the base.
    An update (which never parses as a query) is refused as such."""
    prefixes = prefixes_of(graph.base)
    try:
        return graph.store.query(text, base_iri=graph.base or None, prefixes=prefixes)
    except SyntaxError as exc:
        if is_update(text):
            raise UpdateRefused(Problem(_REFUSED, file=file, hint=_READ_ONLY)) from None
        raise NoksError(syntax_problem(text, str(exc), file, set(prefixes))) from exc


def answer_of(result: Result, limit: int | None = None) -> Answer:
    """The result read into plain values; more than `limit` rows or triples raises TooLarge."""
    if isinstance(result, ox.QueryBoolean):
        return Answer("ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        return Answer("select", variables=variables, rows=_take(map(tuple, result), limit))
    return Answer("graph", triples=_take(result, limit))


def asked_false(result: Result) -> bool:
    """Whether the result is an ASK answered false (`noks query` then exits with 1)."""
    return isinstance(result, ox.QueryBoolean) and not result


def run_query(graph: Graph, text: str, file: Path | None = None, limit: int | None = None) -> Answer:
    """Run a SPARQL query (see `evaluate`) and read its answer (see `answer_of`)."""
    return answer_of(evaluate(graph, text, file), limit)


@functools.cache
def prefixes_of(base: str) -> dict[str, str]:
    """The prefixes a query may use undeclared (namespaces.all_prefixes, made once per base; read-only)."""
    return all_prefixes(base)


def _take(items: Iterable, limit: int | None) -> tuple:
    out = tuple(items if limit is None else itertools.islice(items, limit + 1))
    if limit is not None and len(out) > limit:
        raise TooLarge(f"the answer has more than {limit} results")
    return out


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL update (INSERT, DELETE, LOAD …) rather than a query."""
    code = _COMMENT.sub("", text)
    return bool(_UPDATE.match(code, _PROLOGUE.match(code).end()))


def syntax_problem(text: str, message: str, file: Path | None = None, known: set[str] | None = None) -> Problem:
    """A syntax error as a problem: line, column, the line itself with a caret, and a hint."""
    found = _POSITION.match(message)
    if not found:
        return Problem(f"SPARQL error: {message}", file=file, hint="check the query against SPARQL 1.1")
    line, column = int(found.group(1)), int(found.group(2))
    detail = " ".join(_CHAR_SETS.sub("", found.group(3)).split()).rstrip(", ")
    detail = detail.replace("Prefix not found", "a declared prefix")
    lines = text.splitlines() or [""]
    source_line = lines[min(line, len(lines)) - 1]
    caret = " " * (column - 1) + "^"
    where = "" if file else f"line {line}, "
    return Problem(
        f"SPARQL syntax error at {where}column {column}: {detail}\n    {source_line}\n    {caret}",
        file=file,
        line=line if file else None,
        hint=_hint(text, source_line, column, known or set()),
    )


def _hint(text: str, source_line: str, column: int, known: set[str]) -> str:
    declared = known | {m.group(1) or "" for m in _DECLARED.finditer(text)}
    start = source_line.rfind(" ", 0, max(column - 1, 0)) + 1
    for match in _PREFIXED.finditer(source_line[start:]):
        prefix = match.group(1) or ""
        if prefix not in declared:
            return f"is the prefix '{prefix}:' declared? add PREFIX {prefix}: <namespace> at the top"
        break
    return "compare the query with the SPARQL 1.1 grammar (https://www.w3.org/TR/sparql11-query/)"

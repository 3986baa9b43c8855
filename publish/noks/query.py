"""SPARQL 1.1 over the NOKS graph, in-process (pyoxigraph): the graph to query, the query text,
and one function that runs a query and returns its answer as plain values (rows, a boolean or
triples). Syntax errors become located problems, never tracebacks."""

from __future__ import annotations

import re
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


def run_query(graph: Graph, text: str, file: Path | None = None, limit: int | None = None) -> Answer:
    """Run a SPARQL query. The project's prefixes (skos:, noks: …) are predeclared; relative IRIs
    resolve against the base. More than `limit` rows or triples raises TooLarge."""
    prefixes = all_prefixes(graph.base)
    if is_update(text):
        raise NoksError(Problem("this is a SPARQL update: the NOKS graph is read-only", file=file, hint=_READ_ONLY))
    try:
        result = graph.store.query(text, base_iri=graph.base, prefixes=prefixes)
    except SyntaxError as exc:
        raise NoksError(syntax_problem(text, str(exc), file, set(prefixes))) from exc
    if isinstance(result, ox.QueryBoolean):
        return Answer("ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        rows = _take((tuple(solution[v] for v in variables) for solution in result), limit)
        return Answer("select", variables=variables, rows=rows)
    return Answer("graph", triples=_take(iter(result), limit))


def _take(items, limit: int | None) -> tuple:
    out = []
    for item in items:
        if limit is not None and len(out) >= limit:
            raise TooLarge(f"the answer has more than {limit} results")
        out.append(item)
    return tuple(out)


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

"""Answers as bytes: SELECT/ASK in the SPARQL 1.1 results formats (JSON, XML, CSV, TSV) and as an
aligned text table; CONSTRUCT/DESCRIBE as Turtle, N-Triples or JSON-LD (our canonical writers).
Language tags are written in their canonical case (`sr-Latn`).

JSON, XML and TSV are written by pyoxigraph's own serialisers, straight from the lazy result (no
Python loop over the rows), with the language tags it lower-cases put back in canonical case: the
JSON is byte for byte what a Python writer gives. CSV stays ours: pyoxigraph's leaves an IRI with
a comma unquoted and writes an RDF-star triple as bare words.
"""

from __future__ import annotations

import functools
import json
import re

import pyoxigraph as ox

from noks.jsonld import write_jsonld
from noks.namespaces import canonical_language
from noks.query import Answer, Result, Term, TooLarge, answer_of, prefixes_of
from noks.serialize import fast_ntriples
from noks.terms import compact, term_nt
from noks.turtle import write_turtle

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json"}
_WRITTEN_BY_OXIGRAPH = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "tsv": ox.QueryResultsFormat.TSV,
}
# Where a language tag stands in pyoxigraph's output (no match can start inside a value: JSON escapes
# every quote in a string, XML every `<` in text; a TSV literal is matched whole, from its opening quote).
_TAG_SITES = {
    "json": re.compile(rb'"xml:lang":"([^"]*)"'),
    "xml": re.compile(rb'<literal xml:lang="([^"]*)">'),
}
_TSV_LITERAL = re.compile(rb'"(?:[^"\\]|\\.)*"(?:@([A-Za-z0-9-]+))?')


def write_results(result: ox.QuerySolutions | ox.QueryBoolean, fmt: str, limit: int | None = None) -> bytes:
    """SELECT or ASK results as `fmt` ("json", "xml", "csv" or "tsv"). More than `limit` rows
    raises TooLarge, as soon as the rows written show it (the answer is not held whole)."""
    if fmt == "csv":
        return to_csv(answer_of(result, limit))
    written = _WRITTEN_BY_OXIGRAPH[fmt]
    if limit is None or not isinstance(result, ox.QuerySolutions):
        return _canonical_tags(result.serialize(format=written), fmt)
    sink = _Rows(fmt, limit)
    result.serialize(sink, format=written)
    body = b"".join(sink.chunks)
    if sink.rows + sink.maybe > limit and len(json.loads(body)["results"]["bindings"]) > limit:
        raise TooLarge(sink.message)  # an answer with `{}` in its values: counted exactly, once written
    return _canonical_tags(body, fmt)


# How a row starts in pyoxigraph's output, where no value can hold it: TSV escapes line breaks,
# XML every `<`, JSON every `"` (a JSON row with no binding, `{}`, can also be text in a value).
_ROW_STARTS = {"tsv": (b"\n",), "xml": (b"<result>",), "json": (b'[{"', b',{"')}
_EMPTY_ROWS = {"tsv": (), "xml": (), "json": (b"[{}", b",{}")}


class _Rows:
    """A sink for pyoxigraph's writer that counts the rows going through and stops the writer
    with TooLarge once there are surely more than `limit`."""

    def __init__(self, fmt: str, limit: int) -> None:
        self.starts, self.empty = _ROW_STARTS[fmt], _EMPTY_ROWS[fmt]
        self.chunks: list[bytes] = []
        self.rows = -1 if fmt == "tsv" else 0  # the TSV header line
        self.maybe, self.limit, self.tail = 0, limit, b""
        self.keep = len(self.starts[0]) - 1  # bytes carried over: too few to hold a whole row start
        self.message = f"the answer has more than {limit} results"

    def write(self, chunk: bytes) -> int:
        seen = self.tail + chunk  # a row start cut in two by the chunking is counted once
        self.rows += sum(seen.count(start) for start in self.starts)
        self.maybe += sum(seen.count(start) for start in self.empty)
        if self.rows > self.limit:
            raise TooLarge(self.message)
        self.tail = seen[len(seen) - self.keep :]
        self.chunks.append(chunk)
        return len(chunk)

    def flush(self) -> None:
        pass


def _canonical_tags(body: bytes, fmt: str) -> bytes:
    """pyoxigraph's output with its lower-cased language tags (`sr-latn`) in canonical case (`sr-Latn`)."""
    if fmt == "tsv":
        return _TSV_LITERAL.sub(_canonical_literal, body) if b'"@' in body else body
    site = _TAG_SITES[fmt]
    for tag in set(site.findall(body)):
        canonical = _canonical(tag)
        if canonical != tag:
            body = body.replace(_site_text(fmt, tag), _site_text(fmt, canonical))
    return body


@functools.cache
def _canonical(tag: bytes) -> bytes:
    return canonical_language(tag.decode()).encode()


def _site_text(fmt: str, tag: bytes) -> bytes:
    return b'"xml:lang":"' + tag + b'"' if fmt == "json" else b'<literal xml:lang="' + tag + b'">'


def _canonical_literal(match: re.Match[bytes]) -> bytes:
    tag = match.group(1)
    if not tag:
        return match.group(0)
    return match.group(0)[: match.start(1) - match.start(0)] + _canonical(tag)


def _csv_cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.Literal):
        text = term.value
    else:
        text = term_nt(term) if isinstance(term, ox.BlankNode) else str(term)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


def to_csv(answer: Answer) -> bytes:
    if answer.kind == "ask":  # CSV and TSV define no boolean form: `true` or `false`, as Oxigraph writes it
        return str(answer.boolean).lower().encode()
    rows = [",".join(answer.variables), *(",".join(_csv_cell(t) for t in row) for row in answer.rows)]
    return ("\r\n".join(rows) + "\r\n").encode()


def graph_bytes(triples: tuple[ox.Triple, ...], fmt: str, base: str) -> bytes:
    """CONSTRUCT/DESCRIBE results in `fmt` ("turtle", "nt" or "jsonld")."""
    if fmt == "nt":
        return fast_ntriples(triples)
    if fmt == "jsonld":
        return write_jsonld(triples, prefixes_of(base)).encode()
    return write_turtle(triples, prefixes_of(base), base).encode()


def format_result(result: Result, fmt: str, base: str) -> bytes:
    """The bytes `noks query` prints: CONSTRUCT/DESCRIBE as Turtle, SELECT/ASK as `fmt` ("table" or
    a results format)."""
    if isinstance(result, ox.QueryTriples):
        return graph_bytes(answer_of(result).triples, "turtle", base)
    if fmt == "table":
        return to_table(answer_of(result), base).encode()
    return write_results(result, fmt)


def cell_text(term: Term | None, prefixes: dict[str, str], base: str) -> str:
    """A term as people read it: `skos:prefLabel`, `<level/6.1>`, `Nivo 6 @sr-Latn`, `180`."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        short = compact(term.value, prefixes)
        return short or (f"<{term.value[len(base) :]}>" if term.value.startswith(base) else f"<{term.value}>")
    if isinstance(term, ox.Literal):
        return f"{term.value} @{canonical_language(term.language)}" if term.language else term.value
    return term_nt(term) if isinstance(term, ox.BlankNode) else str(term)


def to_table(answer: Answer, base: str, max_width: int = 80) -> str:
    """An aligned text table (cells longer than `max_width` are cut with '…'; 0 = never cut)."""
    if answer.kind == "ask":
        return f"{str(answer.boolean).lower()}\n"
    prefixes = prefixes_of(base)

    def fit(text: str) -> str:
        text = " ".join(text.split())
        return text if not max_width or len(text) <= max_width else text[: max_width - 1] + "…"

    grid = [list(answer.variables)] + [[fit(cell_text(t, prefixes, base)) for t in row] for row in answer.rows]
    widths = [max(len(r[i]) for r in grid) for i in range(len(answer.variables))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in grid]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(answer.rows)} row{'s' if len(answer.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"

"""Answers as bytes: SELECT/ASK in the SPARQL 1.1 results formats (JSON, XML, CSV, TSV) and as an
aligned text table; CONSTRUCT/DESCRIBE as Turtle, N-Triples or JSON-LD (our canonical writers).
Language tags are written in their canonical case (`sr-Latn`)."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from noks.jsonld import write_jsonld
from noks.namespaces import XSD, all_prefixes, canonical_language
from noks.query import Answer, Term
from noks.serialize import write_ntriples
from noks.terms import compact, term_nt
from noks.turtle import write_turtle

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json"}


def _json_term(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = canonical_language(term.language)
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")}}


def to_json(answer: Answer) -> bytes:
    if answer.kind == "ask":
        return json.dumps({"head": {}, "boolean": answer.boolean}, separators=(",", ":")).encode()
    bindings = [
        {v: _json_term(t) for v, t in zip(answer.variables, row, strict=True) if t is not None} for row in answer.rows
    ]
    document = {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(canonical_language(term.language))}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD + "string":
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    parts = "".join(f"<{k}>{_xml_term(getattr(term, k))}</{k}>" for k in ("subject", "predicate", "object"))
    return f"<triple>{parts}</triple>"


def to_xml(answer: Answer) -> bytes:
    head = '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
    if answer.kind == "ask":
        return (head + f"<head/>\n<boolean>{str(answer.boolean).lower()}</boolean>\n</sparql>\n").encode()
    out = [head, "<head>", *(f"<variable name={quoteattr(v)}/>" for v in answer.variables), "</head>\n<results>\n"]
    for row in answer.rows:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(answer.variables, row, strict=True)
            if t is not None
        )
        out.append(f"<result>{cells}</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode()


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


def to_tsv(answer: Answer) -> bytes:
    if answer.kind == "ask":
        return str(answer.boolean).lower().encode()
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    lines += ["\t".join("" if t is None else term_nt(t) for t in row) for row in answer.rows]
    return ("\n".join(lines) + "\n").encode()


SERIALISERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}


def graph_bytes(triples: tuple[ox.Triple, ...], fmt: str, base: str) -> bytes:
    """CONSTRUCT/DESCRIBE results in `fmt` ("turtle", "nt" or "jsonld")."""
    if fmt == "nt":
        return write_ntriples(triples).encode()
    if fmt == "jsonld":
        return write_jsonld(triples, all_prefixes(base)).encode()
    return write_turtle(triples, all_prefixes(base), base).encode()


def format_answer(answer: Answer, fmt: str, base: str) -> bytes:
    """The bytes `noks query` prints: CONSTRUCT/DESCRIBE as Turtle, SELECT/ASK as `fmt`."""
    if answer.kind == "graph":
        return graph_bytes(answer.triples, "turtle", base)
    if fmt == "table":
        return to_table(answer, base).encode()
    return SERIALISERS[fmt](answer)


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
    prefixes = all_prefixes(base)

    def fit(text: str) -> str:
        text = " ".join(text.split())
        return text if not max_width or len(text) <= max_width else text[: max_width - 1] + "…"

    grid = [list(answer.variables)] + [[fit(cell_text(t, prefixes, base)) for t in row] for row in answer.rows]
    widths = [max(len(r[i]) for r in grid) for i in range(len(answer.variables))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in grid]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(answer.rows)} row{'s' if len(answer.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"

"""Graph -> bytes: the dumps (Turtle, JSON-LD + context, N-Triples, RDF/XML) and one Turtle and
one JSON-LD document per resource, at the path its IRI maps to. Pure: returns {site path: bytes}.

The dumps and the per-resource documents are written by pyoxigraph's serialisers (they are the bulk
of the bytes the build writes) from the graph in canonical order (`graph.canonical`), so each subject's
statements come together, predicates and objects sorted; the language tags pyoxigraph lower-cases are
put back in their canonical case. Small files keep the hand-made writers (`turtle.write_turtle`).
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import pyoxigraph as ox

from noks.graph import Statements, Triples, canonical, in_order
from noks.jsonld import (
    ContextSubsets,
    build_context,
    context_document,
    context_text,
    document_text,
    graph_nodes,
    node_text,
)
from noks.namespaces import all_prefixes, canonical_language, resource_path
from noks.terms import term_nt

DUMP_NAME = "noks"

# a language tag with subtags, right after a literal's closing quote (checked: not an escaped quote)
_TURTLE_TAG = re.compile(r'"@([a-z]+(?:-[a-z0-9]+)+)(?=[\s,;.])')
_BLOCK_START = re.compile(rb"\n(?!\t)")
_TURTLE_SITE = '"@{}'  # how a language tag appears in Turtle and N-Triples
_XML_SITE = ' xml:lang="{}"'  # and in RDF/XML
_PIECE = 1 << 16  # bytes of text fixed at a time: few enough to stay in the processor's cache


def _tag_texts(tags: Iterable[str], site: str) -> list[tuple[bytes, bytes]]:
    """How each tag that changes case appears in the text (`site`), lower-cased and in canonical case,
    longest first: a tag that begins a longer one is put right once the longer one is."""
    pairs = [(site.format(tag).encode(), site.format(canonical_language(tag)).encode()) for tag in tags]
    return sorted(((old, new) for old, new in pairs if old != new), key=lambda pair: (-len(pair[0]), pair[0]))


def _replace_in_place(view: memoryview, pairs: list[tuple[bytes, bytes]]) -> None:
    """Each `old` in the buffer replaced by its `new` (of the same length), in place (no copy of the whole
    text), a piece of whole lines at a time: no `old` holds a line break, so none straddles two pieces, and
    each piece is fixed as the whole text would be."""
    start, size = 0, len(view)
    while pairs and start < size:
        width = _PIECE
        while True:  # a line longer than a piece makes the piece wider
            end = min(start + width, size)
            piece = bytes(view[start:end])
            cut = len(piece) if end == size else piece.rfind(b"\n") + 1
            if cut:
                break
            width *= 2
        piece = piece[:cut]
        for old, new in pairs:
            piece = piece.replace(old, new)
        view[start : start + cut] = piece
        start += cut


def _written(ordered: Triples | Statements, format_: ox.RdfFormat, prefixes: dict[str, str], site: str) -> bytes:
    """pyoxigraph's text of the statements, written into one buffer whose language tags with subtags,
    lower-cased by pyoxigraph, are put back in canonical case where they stand (`site`: how a tag
    appears in the text)."""
    out = io.BytesIO()
    ox.serialize(ordered, out, format=format_, prefixes=prefixes)
    with out.getbuffer() as view:
        _replace_in_place(view, _tag_texts(ordered.tags, site))
    return out.getvalue()


def _canonical_tags(data: bytes, triples: Triples | Statements) -> bytes:
    """Put the language tags with subtags that pyoxigraph lower-cased back in canonical case."""
    if triples.quoted:  # a literal holds '"@': replace only real tags, one by one
        text = data.decode()
        return _TURTLE_TAG.sub(lambda m: m.group(0) if text[m.start() - 1] == "\\" else _tag(m), text).encode()
    for old, new in _tag_texts(triples.tags, _TURTLE_SITE):
        data = data.replace(old, new)
    return data


def _tag(match: re.Match[str]) -> str:
    return f'"@{canonical_language(match.group(1))}'


def fast_turtle(triples: Iterable[ox.Triple], prefixes: dict[str, str], prune: bool = True) -> bytes:
    """Turtle by pyoxigraph: absolute IRIs (no relative references), canonical language tags; with
    `prune`, a header with only the prefixes the body uses (the whole graph's dump declares them all)."""
    ordered = in_order(triples)
    if ordered.quoted:
        data = _canonical_tags(ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=prefixes), ordered)
    else:
        data = _written(ordered, ox.RdfFormat.TURTLE, prefixes, _TURTLE_SITE)
    if prune:
        end = 0
        while data.startswith(b"@prefix ", end):
            end = data.index(b"\n", end) + 1
        body = data[end:]
        head = [line for line in data[:end].splitlines(keepends=True) if line.split(b" ", 2)[1] in body]
        data = b"".join(sorted(head)) + body
    return data


def fast_ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """N-Triples by pyoxigraph in canonical order, canonical language tags."""
    ordered = in_order(triples)
    return _canonical_tags(ordered.ntriples, ordered)


def fast_rdfxml(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """RDF/XML by pyoxigraph, one rdf:Description per subject, canonical language tags (a quote in a
    literal or an IRI is written `&quot;`, so `xml:lang="…"` is only ever the attribute)."""
    return _written(in_order(triples), ox.RdfFormat.RDF_XML, dict(sorted(prefixes.items())), _XML_SITE)


def write_ntriples(triples: Iterable[ox.Triple]) -> str:
    """Sorted, canonical N-Triples (one triple per line, language tags in canonical case)."""
    lines = sorted(f"{term_nt(t.subject)} {term_nt(t.predicate)} {term_nt(t.object)} .\n" for t in triples)
    return "".join(lines)


class Node(NamedTuple):
    """A subject's node object as the dump writes it, kept for its resource's document: its IRI, whether it
    is the node's @id (not a blank node's), the keys it uses (for the context's part) and its JSON."""

    iri: str
    named: bool
    keys: frozenset[str]
    text: str


def rdf_outputs(triples: Iterable[ox.Triple], base: str) -> Iterator[tuple[str, bytes]]:
    """The whole graph in every format (the dumps), the JSON-LD context published beside them, and one
    Turtle and one JSON-LD document per resource under the base, as (site path, bytes), each given as
    soon as it is made (and forgotten here). Each node object is made once, written as JSON and forgotten
    (its keys and text kept), shared by the dump and the documents, which use the names of the dump's
    @context (the part they need), so a key means the same everywhere. Each subject is written once: a
    resource's documents are cut from the dumps' text (`documents`)."""
    ordered = in_order(triples)
    prefixes = all_prefixes(base)
    context = build_context(ordered, prefixes)
    keysets: dict[frozenset[str], frozenset[str]] = {}  # each distinct set of keys kept once
    nodes = []
    for iri, node in graph_nodes(ordered, prefixes, context):
        keys = frozenset(node)
        nodes.append(Node(iri, node["@id"] == iri, keysets.setdefault(keys, keys), node_text(node)))
    turtle = fast_turtle(ordered, prefixes, prune=False)
    # the base is declared (IRIs stay absolute) so that a reader of the dump knows it
    yield f"{DUMP_NAME}.ttl", f"@base <{base}> .\n".encode() + turtle
    yield f"{DUMP_NAME}.jsonld", document_text(context_text(context), [node.text for node in nodes]).encode()
    yield "context.jsonld", context_document(context).encode()
    yield f"{DUMP_NAME}.nt", fast_ntriples(ordered)
    yield f"{DUMP_NAME}.rdf", fast_rdfxml(ordered, prefixes)
    yield from documents(ordered, base, prefixes, turtle, context, nodes)


def documents(
    ordered: Triples | Statements, base: str, prefixes: dict[str, str], turtle: bytes, context: dict, nodes: list[Node]
) -> Iterator[tuple[str, bytes]]:
    """Each resource's Turtle and JSON-LD document, by site path, in path order: its subjects' blocks of the
    Turtle dump (one block per subject, in the same order as `nodes`) under the prefixes they use, and
    its node objects' JSON under the part of the context they use. The same bytes as writing each
    resource alone."""
    head, blocks = turtle_blocks(turtle)
    if len(blocks) != len(nodes):  # a writer that groups otherwise: write each resource alone
        blocks = []
    subjects_of: dict[str, list[int]] = defaultdict(list)
    for number, node in enumerate(nodes):
        path = resource_path(node.iri, base) if node.named else None
        if path is not None:
            subjects_of[path].append(number)
    parts = by_resource(ordered, base) if not blocks else {}
    context_of = ContextSubsets(context)
    for path, numbers in sorted(subjects_of.items()):
        if blocks:
            body = b"".join(blocks[n] for n in numbers)
            yield document_path(path, "ttl"), b"".join(line for name, line in head if name in body) + body
        else:
            yield document_path(path, "ttl"), fast_turtle(_part(ordered, parts[path]), prefixes)
        own = [nodes[n] for n in numbers]
        text = document_text(context_of(node.keys for node in own), [node.text for node in own])
        yield document_path(path, "jsonld"), text.encode()


def turtle_blocks(turtle: bytes) -> tuple[list[tuple[bytes, bytes]], list[memoryview]]:
    """pyoxigraph's Turtle cut up: its prefix lines, sorted, each with the `name:` it declares; and one
    block per subject, in order, as a view of the text (a block's further lines start with a tab;
    literals escape line breaks)."""
    end = 0
    while turtle.startswith(b"@prefix ", end):
        end = turtle.index(b"\n", end) + 1
    head = [(line.split(b" ", 2)[1], line) for line in sorted(turtle[:end].splitlines(keepends=True))]
    starts = [end, *(match.end() for match in _BLOCK_START.finditer(turtle, end, len(turtle) - 1))]
    text = memoryview(turtle)
    return head, [text[start:stop] for start, stop in zip(starts, [*starts[1:], len(turtle)], strict=True)]


def dumps(triples: list[ox.Triple], base: str) -> dict[str, bytes]:
    """The whole graph in every format, plus the JSON-LD context published beside it."""
    return {path: data for path, data in rdf_outputs(triples, base) if "/" not in path}


def _part(ordered: Triples | Statements, triples: list[ox.Triple]) -> Triples:
    return ordered.part(triples) if isinstance(ordered, Triples) else canonical(triples)


def by_resource(triples: Iterable[ox.Triple], base: str) -> dict[str, list[ox.Triple]]:
    """Triples grouped by the site path of their subject (a resource with its #fragments), in input order."""
    grouped: dict[str, list[ox.Triple]] = defaultdict(list)
    paths: dict[str, str | None] = {}
    for t in triples:
        subject = t.subject
        if isinstance(subject, ox.NamedNode):
            iri = subject.value
            path = paths[iri] if iri in paths else paths.setdefault(iri, resource_path(iri, base))
            if path is not None:
                grouped[path].append(t)
    return dict(grouped)


def document_path(path: str, extension: str) -> str:
    """Where a resource's document lives: `level/6.1` -> `level/6.1/index.ttl`."""
    return f"{path}/index.{extension}" if path else f"index.{extension}"

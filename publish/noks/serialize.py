"""Graph -> bytes: the dumps (Turtle, JSON-LD + context, N-Triples, RDF/XML) and one Turtle and
one JSON-LD document per resource, at the path its IRI maps to. Pure: returns {site path: bytes}.

The dumps and the per-resource documents are written by pyoxigraph's serialisers (they are the bulk
of the bytes the build writes) from the graph in canonical order (`graph.canonical`), so each subject's
statements come together, predicates and objects sorted; the language tags pyoxigraph lower-cases are
put back in their canonical case. Small files keep the hand-made writers (`turtle.write_turtle`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from noks.graph import Triples, canonical
from noks.jsonld import build_context, context_document, context_subset, document, graph_nodes
from noks.namespaces import RDF, XSD, all_prefixes, canonical_language, resource_path
from noks.terms import predicate_key, term_key, term_nt
from noks.turtle import group

DUMP_NAME = "noks"

# a language tag with subtags, right after a literal's closing quote (checked: not an escaped quote)
_TURTLE_TAG = re.compile(r'"@([a-z]+(?:-[a-z0-9]+)+)(?=[\s,;.])')


def _canonical_tags(data: bytes, triples: Triples) -> bytes:
    """Put the language tags with subtags that pyoxigraph lower-cased back in canonical case."""
    if triples.quoted:  # a literal holds '"@': replace only real tags, one by one
        text = data.decode()
        return _TURTLE_TAG.sub(lambda m: m.group(0) if text[m.start() - 1] == "\\" else _tag(m), text).encode()
    for tag in sorted(triples.tags):
        data = data.replace(f'"@{tag}'.encode(), f'"@{canonical_language(tag)}'.encode())
    return data


def _tag(match: re.Match[str]) -> str:
    return f'"@{canonical_language(match.group(1))}'


def _ordered(triples: Iterable[ox.Triple]) -> Triples:
    return triples if isinstance(triples, Triples) else canonical(triples)


def fast_turtle(triples: Iterable[ox.Triple], prefixes: dict[str, str], prune: bool = True) -> bytes:
    """Turtle by pyoxigraph: absolute IRIs (no relative references), canonical language tags; with
    `prune`, a header with only the prefixes the body uses (the whole graph's dump declares them all)."""
    ordered = _ordered(triples)
    data = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    if prune:
        end = 0
        while data.startswith(b"@prefix ", end):
            end = data.index(b"\n", end) + 1
        body = data[end:]
        head = [line for line in data[:end].splitlines(keepends=True) if line.split(b" ", 2)[1] in body]
        data = b"".join(sorted(head)) + body
    return _canonical_tags(data, ordered)


def fast_ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """N-Triples by pyoxigraph in canonical order, canonical language tags."""
    ordered = _ordered(triples)
    return _canonical_tags(ox.serialize(ordered, format=ox.RdfFormat.N_TRIPLES), ordered)


def fast_rdfxml(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """RDF/XML by pyoxigraph, one rdf:Description per subject, canonical language tags (text content has
    its quotes escaped, so `xml:lang="..."` is found only in tags)."""
    ordered = _ordered(triples)
    data = ox.serialize(ordered, format=ox.RdfFormat.RDF_XML, prefixes=dict(sorted(prefixes.items())))
    for tag in sorted(ordered.tags):
        data = data.replace(f' xml:lang="{tag}"'.encode(), f' xml:lang="{canonical_language(tag)}"'.encode())
    return data


def write_ntriples(triples: Iterable[ox.Triple]) -> str:
    """Sorted, canonical N-Triples (one triple per line, language tags in canonical case)."""
    lines = sorted(f"{term_nt(t.subject)} {term_nt(t.predicate)} {term_nt(t.object)} .\n" for t in triples)
    return "".join(lines)


def _split(iri: str) -> tuple[str, str]:
    for sep in ("#", "/"):
        if sep in iri:
            namespace, local = iri.rsplit(sep, 1)
            if local and (local[0].isalpha() or local[0] == "_"):
                return namespace + sep, local
    raise ValueError(f"cannot write predicate {iri} in RDF/XML")


def write_rdfxml(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> str:
    """RDF/XML, one rdf:Description per subject, in the canonical order."""
    grouped = group(triples)
    namespaces = {ns: name for name, ns in prefixes.items()}
    used: dict[str, str] = {RDF: "rdf"}
    body: list[str] = []
    for subject in sorted(grouped, key=term_key):
        if isinstance(subject, ox.NamedNode):
            about = f"rdf:about={quoteattr(subject.value)}"
        else:
            about = f'rdf:nodeID="{subject.value}"'
        body.append(f"  <rdf:Description {about}>")
        for predicate in sorted(grouped[subject], key=predicate_key):
            namespace, local = _split(predicate.value)
            prefix = namespaces.get(namespace) or used.get(namespace) or f"ns{len(used)}"
            used[namespace] = prefix
            tag = f"{prefix}:{local}"
            for obj in sorted(grouped[subject][predicate], key=term_key):
                if isinstance(obj, ox.NamedNode):
                    body.append(f"    <{tag} rdf:resource={quoteattr(obj.value)}/>")
                elif isinstance(obj, ox.BlankNode):
                    body.append(f'    <{tag} rdf:nodeID="{obj.value}"/>')
                elif obj.language:
                    body.append(f'    <{tag} xml:lang="{canonical_language(obj.language)}">{escape(obj.value)}</{tag}>')
                elif obj.datatype.value == XSD + "string":
                    body.append(f"    <{tag}>{escape(obj.value)}</{tag}>")
                else:
                    body.append(f"    <{tag} rdf:datatype={quoteattr(obj.datatype.value)}>{escape(obj.value)}</{tag}>")
        body.append("  </rdf:Description>")
    xmlns = "".join(f"\n    xmlns:{name}={quoteattr(ns)}" for ns, name in sorted(used.items(), key=lambda i: i[1]))
    return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{xmlns}>\n' + "\n".join(body) + "\n</rdf:RDF>\n"


def rdf_outputs(triples: list[ox.Triple], base: str) -> dict[str, bytes]:
    """The whole graph in every format (the dumps), the JSON-LD context published beside them, and one
    Turtle and one JSON-LD document per resource under the base. The JSON-LD node objects are made once
    and shared by the dump and the documents, which use the names of the dump's @context (the part
    they need), so a key means the same everywhere."""
    ordered = _ordered(triples)
    prefixes = all_prefixes(base)
    context = build_context(ordered, prefixes)
    nodes = graph_nodes(ordered, prefixes, context)
    out = {
        # the base is declared (IRIs stay absolute) so that a reader of the dump knows it
        f"{DUMP_NAME}.ttl": f"@base <{base}> .\n".encode() + fast_turtle(ordered, prefixes, prune=False),
        f"{DUMP_NAME}.jsonld": document(context, (node for _, node in nodes)).encode(),
        "context.jsonld": context_document(context).encode(),
        f"{DUMP_NAME}.nt": fast_ntriples(ordered),
        f"{DUMP_NAME}.rdf": fast_rdfxml(ordered, prefixes),
    }
    nodes_of: dict[str, list[dict]] = defaultdict(list)
    for iri, node in nodes:
        path = resource_path(iri, base)
        if path is not None:
            nodes_of[path].append(node)
    for path, own in sorted(by_resource(ordered, base).items()):
        out[document_path(path, "ttl")] = fast_turtle(ordered.part(own), prefixes)
        out[document_path(path, "jsonld")] = document(context_subset(context, nodes_of[path]), nodes_of[path]).encode()
    return out


def dumps(triples: list[ox.Triple], base: str) -> dict[str, bytes]:
    """The whole graph in every format, plus the JSON-LD context published beside it."""
    return {path: data for path, data in rdf_outputs(triples, base).items() if "/" not in path}


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

"""Graph -> bytes: the dumps (Turtle, JSON-LD + context, N-Triples, RDF/XML) and one Turtle and
one JSON-LD document per resource, at the path its IRI maps to. Pure: returns {site path: bytes}."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from noks.jsonld import build_context, context_document, write_jsonld
from noks.namespaces import RDF, XSD, all_prefixes, canonical_language, resource_path
from noks.terms import predicate_key, term_key, term_nt
from noks.turtle import group, write_turtle

DUMP_NAME = "noks"


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


def dumps(triples: list[ox.Triple], base: str) -> dict[str, bytes]:
    """The whole graph in every format, plus the JSON-LD context published beside it."""
    prefixes = all_prefixes(base)
    context = build_context(triples, prefixes)
    return {
        f"{DUMP_NAME}.ttl": write_turtle(triples, prefixes, base).encode(),
        f"{DUMP_NAME}.jsonld": write_jsonld(triples, prefixes, context).encode(),
        "context.jsonld": context_document(context).encode(),
        f"{DUMP_NAME}.nt": write_ntriples(triples).encode(),
        f"{DUMP_NAME}.rdf": write_rdfxml(triples, prefixes).encode(),
    }


def by_resource(triples: Iterable[ox.Triple], base: str) -> dict[str, list[ox.Triple]]:
    """Triples grouped by the site path of their subject (a resource with its #fragments)."""
    grouped: dict[str, list[ox.Triple]] = defaultdict(list)
    for t in triples:
        if isinstance(t.subject, ox.NamedNode):
            path = resource_path(t.subject.value, base)
            if path is not None:
                grouped[path].append(t)
    return dict(grouped)


def document_path(path: str, extension: str) -> str:
    """Where a resource's document lives: `level/6.1` -> `level/6.1/index.ttl`."""
    return f"{path}/index.{extension}" if path else f"index.{extension}"


def resource_documents(triples: list[ox.Triple], base: str) -> dict[str, bytes]:
    """One Turtle and one JSON-LD document per resource under the base."""
    prefixes = all_prefixes(base)
    out: dict[str, bytes] = {}
    for path, own in sorted(by_resource(triples, base).items()):
        out[document_path(path, "ttl")] = write_turtle(own, prefixes, base).encode()
        out[document_path(path, "jsonld")] = write_jsonld(own, prefixes).encode()
    return out

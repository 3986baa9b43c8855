"""JSON-LD that reads as plain JSON: a generated @context, language maps, sorted keys and nodes.

rdflib's and pyoxigraph's JSON-LD writers are neither stable nor compact, so we write it: every
predicate becomes a short term (its local name, or `prefix:local` where two names clash), IRI
values are coerced with "@type": "@id", labels become language maps, integers and booleans are
JSON numbers and booleans.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox

from noks.graph import in_order
from noks.namespaces import RDF_TYPE, XSD, canonical_language
from noks.terms import compact, compactor, natural_key

_NATIVE = {XSD + "integer", XSD + "boolean"}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _kind(value: ox.NamedNode | ox.BlankNode | ox.Literal) -> tuple[str, str | None]:
    """How a value is written: 'id', 'lang', 'native', 'typed' (with datatype), 'string', 'mixed' (a blank node)."""
    if isinstance(value, ox.NamedNode):
        return ("id", None)
    if isinstance(value, ox.BlankNode):
        return ("mixed", None)
    if value.language:
        return ("lang", None)
    datatype = value.datatype.value
    if datatype == XSD + "string":
        return ("string", None)
    return ("native" if datatype in _NATIVE else "typed", datatype)


Run = tuple[ox.NamedNode | ox.BlankNode, dict[str, list]]
"""A run of the same subject: (subject, predicate IRI -> objects, in canonical order)."""


def build_context(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> dict:
    """A deterministic @context for the predicates the triples use."""
    kinds: dict[str, set[tuple[str, str | None]]] = {}
    for t in triples:
        iri = t.predicate.value
        if iri != RDF_TYPE:
            found = kinds.get(iri)
            if found is None:
                found = kinds[iri] = set()
            found.add(_kind(t.object))
    return _context(kinds, prefixes)


def runs_context(runs: Iterable[Run], prefixes: dict[str, str]) -> dict:
    """`build_context` of the statements of these runs."""
    kinds: dict[str, set[tuple[str, str | None]]] = {}
    for _, predicates in runs:
        for iri, objects in predicates.items():
            if iri != RDF_TYPE:
                kinds.setdefault(iri, set()).update(map(_kind, objects))
    return _context(kinds, prefixes)


def _context(kinds: dict[str, set[tuple[str, str | None]]], prefixes: dict[str, str]) -> dict:
    """The context of predicates whose values are of these kinds (one kind: coerced; several: "mixed")."""
    locals_seen: dict[str, int] = {}
    for iri in kinds:
        locals_seen[_local(iri)] = locals_seen.get(_local(iri), 0) + 1
    context: dict = {name: prefixes[name] for name in sorted(prefixes)}
    for iri in sorted(kinds):
        curie = compact(iri, prefixes) or iri
        name = _local(iri) if locals_seen[_local(iri)] == 1 and _local(iri) not in prefixes else curie
        kind, datatype = next(iter(kinds[iri])) if len(kinds[iri]) == 1 else ("mixed", None)
        definition: dict = {"@id": curie}
        if kind == "id":
            definition["@type"] = "@id"
        elif kind == "lang":
            definition["@container"] = "@language"
        elif kind == "typed" and datatype:
            definition["@type"] = compact(datatype, prefixes) or datatype
        context[name] = definition
    return context


def _value(obj, definition: dict, short: Callable[[str], str | None]):
    if isinstance(obj, ox.NamedNode):
        if definition.get("@type") == "@id":
            return short(obj.value) or obj.value
        return {"@id": obj.value}
    if isinstance(obj, ox.BlankNode):
        return {"@id": f"_:{obj.value}"}
    if "@type" in definition and definition["@type"] != "@id":
        return obj.value
    language = obj.language
    if language:
        return {"@value": obj.value, "@language": canonical_language(language)}
    datatype = obj.datatype.value
    if datatype == XSD + "string":
        return obj.value
    if datatype == XSD + "integer" and obj.value.lstrip("+-").isdigit():
        return int(obj.value)
    if datatype == XSD + "boolean" and obj.value in ("true", "false"):
        return obj.value == "true"
    return {"@value": obj.value, "@type": short(datatype) or datatype}


def _node(subject, predicates: dict, context: dict, names: dict[str, str], short: Callable[[str], str | None]) -> dict:
    """One node object; `predicates` maps predicate IRI -> objects, already in canonical order."""
    node: dict = {"@id": subject.value if isinstance(subject, ox.NamedNode) else f"_:{subject.value}"}
    types = [short(o.value) or o.value for o in predicates.get(RDF_TYPE, ())]
    if types:
        node["@type"] = sorted(types, key=natural_key) if len(types) > 1 else types[0]
    entries = []
    for predicate, objects in predicates.items():
        if predicate == RDF_TYPE:
            continue
        name = names[predicate]
        definition = context[name]
        if definition.get("@container") == "@language":
            langmap: dict[str, str | list[str]] = {}  # a list only where a language has several values
            for o in objects:
                language = canonical_language(o.language)
                found = langmap.get(language)
                if found is None:
                    langmap[language] = o.value
                elif isinstance(found, list):
                    found.append(o.value)
                else:
                    langmap[language] = [found, o.value]
            value = dict(sorted(langmap.items()))
        else:
            values = [_value(o, definition, short) for o in objects]
            value = values[0] if len(values) == 1 else values
        entries.append((name, value))
    for name, value in sorted(entries, key=lambda e: e[0]):
        node[name] = value
    return node


def _subjects(triples: Iterable[ox.Triple]) -> Iterator[Run]:
    """The runs of the triples (in canonical order), each given when the next subject starts."""
    current = None
    predicates: dict[str, list] = {}
    for t in triples:
        subject = t.subject
        if subject != current:
            if current is not None:
                yield current, predicates
            current, predicates = subject, {}
        predicates.setdefault(t.predicate.value, []).append(t.object)
    if current is not None:
        yield current, predicates


def graph_nodes(triples: Iterable[ox.Triple], prefixes: dict[str, str], context: dict) -> Iterator[tuple[str, dict]]:
    """(subject IRI, node object) for every subject, in canonical order, each made when it is asked for."""
    return runs_nodes(_subjects(in_order(triples)), prefixes, context)


def runs_nodes(runs: Iterable[Run], prefixes: dict[str, str], context: dict) -> Iterator[tuple[str, dict]]:
    """`graph_nodes` of the statements of these runs."""
    names = {}
    for name, definition in context.items():
        if isinstance(definition, dict):
            iri = definition["@id"]
            prefix, _, local = iri.partition(":")
            names[prefixes[prefix] + local if prefix in prefixes else iri] = name
    short = compactor(prefixes)
    return ((s.value, _node(s, predicates, context, names, short)) for s, predicates in runs)


def document(context: dict, nodes: Iterable[dict]) -> str:
    """{"@context": ..., "@graph": [...]} on one line: the file is for programs, and Python's JSON
    encoder is ten times faster without indentation."""
    return json.dumps({"@context": context, "@graph": list(nodes)}, ensure_ascii=False, separators=(",", ":")) + "\n"


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def node_text(node: dict) -> str:
    """A node object as compact JSON (as `document` writes it)."""
    return _ENCODE(node)


def context_text(context: dict) -> str:
    return _ENCODE(context)


def document_text(context: str, nodes: list[str]) -> str:
    """`document` from JSON already written: the same bytes."""
    return '{"@context":' + context + ',"@graph":[' + ",".join(nodes) + "]}\n"


class ContextSubsets:
    """The part of a graph's @context that some node objects use (same names as the whole), as JSON;
    each entry is written once for all the groups asked for. Asked with the nodes, or their sets of keys."""

    def __init__(self, context: dict) -> None:
        self._entries = [
            (name, isinstance(value, dict), _ENCODE({name: value})[1:-1]) for name, value in context.items()
        ]

    def __call__(self, nodes: Iterable[dict | frozenset[str]]) -> str:
        used = {key for node in nodes for key in node}
        return "{" + ",".join(text for name, term, text in self._entries if not term or name in used) + "}"


def write_jsonld(triples: Iterable[ox.Triple], prefixes: dict[str, str], context: dict | None = None) -> str:
    """A compact JSON-LD document: {"@context": ..., "@graph": [...]}, nodes in canonical order."""
    ordered = in_order(triples)
    if context is None:
        context = build_context(ordered, prefixes)
    return document(context, (node for _, node in graph_nodes(ordered, prefixes, context)))


def runs_jsonld(runs: Callable[[], Iterable[Run]], prefixes: dict[str, str]) -> str:
    """`write_jsonld` of the statements of these runs, in canonical order (made without going through
    triples): `runs()` gives them, asked twice (for the context, then the nodes). Each node is written as
    JSON as soon as it is made: the same bytes as `document`, without holding every node object."""
    context = runs_context(runs(), prefixes)
    nodes = [node_text(node) for _, node in runs_nodes(runs(), prefixes, context)]
    return document_text(context_text(context), nodes)


def context_document(context: dict) -> str:
    return json.dumps({"@context": context}, ensure_ascii=False, indent=1) + "\n"

"""The canonical Turtle writer: the same triples always give the same bytes, readable by people.

Used for `noks fmt` (data files, IRIs relative to the base) and for every published Turtle file
(`@base` declared, IRIs relative to it). Subjects in natural order, `rdf:type` first, objects
sorted, one prefix block with only the prefixes in use.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from noks.namespaces import RDF_TYPE, XSD
from noks.terms import compactor, literal_nt, predicate_key, quote, term_key

_INTEGER = re.compile(r"^[+-]?\d+$")


class _Writer:
    def __init__(self, prefixes: dict[str, str], base: str) -> None:
        self.prefixes = prefixes
        self.base = base
        self.used: set[str] = set()
        self.compact = compactor(prefixes)

    def iri(self, iri: str) -> str:
        short = self.compact(iri)
        if short is not None:
            self.used.add(short.split(":", 1)[0])
            return short
        if iri.startswith(self.base):
            return f"<{iri[len(self.base) :]}>"
        return f"<{iri}>"

    def term(self, term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        datatype = term.datatype.value
        if not term.language and datatype not in (XSD + "string",):
            if datatype == XSD + "integer" and _INTEGER.match(term.value):
                return term.value
            if datatype == XSD + "boolean" and term.value in ("true", "false"):
                return term.value
            return f"{quote(term.value)}^^{self.iri(datatype)}"
        return literal_nt(term)


def group(triples: Iterable[ox.Triple]) -> dict:
    """subject -> predicate -> set of objects."""
    grouped: dict = defaultdict(lambda: defaultdict(set))
    for t in triples:
        grouped[t.subject][t.predicate].add(t.object)
    return grouped


def write_turtle(
    triples: Iterable[ox.Triple],
    prefixes: dict[str, str],
    base: str,
    declare_base: bool = True,
    relative_prefixes: bool = False,
) -> str:
    """Serialise triples as canonical Turtle.

    `declare_base`: write `@base <base> .` (published files). Without it the IRIs are relative and
    the reader must supply the base (the project's data files). `relative_prefixes`: write the
    namespaces of prefixes under the base relative to it too.
    """
    writer = _Writer(prefixes, base)
    blocks: list[str] = []
    grouped = group(triples)
    for subject in sorted(grouped, key=term_key):
        predicates = grouped[subject]
        lines: list[str] = []
        for predicate in sorted(predicates, key=predicate_key):
            verb = "a" if predicate.value == RDF_TYPE else writer.iri(predicate.value)
            objects = [writer.term(o) for o in sorted(predicates[predicate], key=term_key)]
            lines.append(f"    {verb} " + ",\n        ".join(objects))
        blocks.append(writer.term(subject) + "\n" + " ;\n".join(lines) + " .\n")
    head: list[str] = []
    if declare_base:
        head.append(f"@base <{base}> .")
    for name in sorted(writer.used):
        namespace = prefixes[name]
        if relative_prefixes and namespace.startswith(base):
            namespace = namespace[len(base) :]
        head.append(f"@prefix {name}: <{namespace}> .")
    return "\n".join(head) + "\n\n" + "\n".join(blocks)

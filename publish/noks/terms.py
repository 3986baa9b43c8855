"""RDF terms as text: the one place for sort order, literal escaping and prefixed names."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import pyoxigraph as ox

from noks.namespaces import RDF_TYPE, XSD, canonical_language

_DIGITS = re.compile(r"(\d+)")
_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


@lru_cache(maxsize=1 << 17)
def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key that orders embedded numbers numerically: level/2 < level/10, 6 < 6.1 < 7."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in _DIGITS.split(text) if part)


def term_key(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> tuple:
    """A total, deterministic order on terms: IRIs (naturally), blank nodes, then literals."""
    if isinstance(term, ox.NamedNode):
        return (0, "", natural_key(term.value), "")
    if isinstance(term, ox.BlankNode):
        return (1, "", natural_key(term.value), "")
    return (2, canonical_language(term.language or ""), natural_key(term.value), term.datatype.value)


def predicate_key(term: ox.NamedNode) -> tuple:
    return (0 if term.value == RDF_TYPE else 1, term.value)


def quote(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in text) + '"'


def compact(iri: str, prefixes: dict[str, str]) -> str | None:
    """`prefix:local` for an IRI, when a prefix matches and the local part is safe Turtle."""
    return compactor(prefixes)(iri)


def compactor(prefixes: dict[str, str]) -> Callable[[str], str | None]:
    """`compact` for one set of prefixes, remembering its answers (hot loops call this once)."""
    return _compactor(tuple(prefixes.items()))


@lru_cache(maxsize=16)
def _compactor(items: tuple[tuple[str, str], ...]) -> Callable[[str], str | None]:
    prefixes = dict(items)
    namespaces = tuple(prefixes.values())

    @lru_cache(maxsize=1 << 16)
    def compact_one(iri: str) -> str | None:
        return _compact(iri, prefixes) if iri.startswith(namespaces) else None

    return compact_one


def _compact(iri: str, prefixes: dict[str, str]) -> str | None:
    best: tuple[str, str] | None = None
    for name, namespace in prefixes.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(prefixes[best[0]])):
            local = iri[len(namespace) :]
            if local == "" or _LOCAL.match(local):
                best = (name, local)
    return f"{best[0]}:{best[1]}" if best else None


def literal_nt(lit: ox.Literal) -> str:
    """A literal in N-Triples (and Turtle long) form, with the language tag in canonical case."""
    if lit.language:
        return f"{quote(lit.value)}@{canonical_language(lit.language)}"
    if lit.datatype.value == XSD + "string":
        return quote(lit.value)
    return f"{quote(lit.value)}^^<{lit.datatype.value}>"


def term_nt(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return literal_nt(term)

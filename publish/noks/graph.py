"""The graph: the sources plus what the build derives from them (inverses, the other script, the EQF level
of a qualification from its NOKS level)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from noks.namespaces import ELM, EQF, SKOS, noks_term
from noks.translit import to_cyrillic

SOURCE_TAG = "sr-latn"  # pyoxigraph keeps language tags lower-cased
DERIVED_TAG = "sr-Cyrl"


def _inverse_pairs(base: str) -> list[tuple[str, str]]:
    """(p, q): for every `s p o` the graph also states `o q s`."""
    return [
        (SKOS + "broader", SKOS + "narrower"),
        (SKOS + "narrower", SKOS + "broader"),
        (SKOS + "topConceptOf", SKOS + "hasTopConcept"),
        (SKOS + "hasTopConcept", SKOS + "topConceptOf"),
        (noks_term(base, "level"), noks_term(base, "code")),
    ]


def _implied(base: str) -> list[tuple[str, str]]:
    """(p, q): every `s p o` also states `s q o` (q is a super-property of p)."""
    return [
        (noks_term(base, "level"), SKOS + "broadMatch"),
        (SKOS + "topConceptOf", SKOS + "inScheme"),
    ]


def _eqf_of_levels(triples: list[ox.Triple]) -> dict[ox.NamedNode, ox.NamedNode]:
    """Each level's EQF level: the `eqf:N` it matches exactly (levels) or broadly (sublevels)."""
    matches = (ox.NamedNode(SKOS + "exactMatch"), ox.NamedNode(SKOS + "broadMatch"))
    return {
        t.subject: t.object
        for t in triples
        if t.predicate in matches
        and isinstance(t.object, ox.NamedNode)
        and t.object.value.startswith(EQF)
        and t.object.value[len(EQF) :].isdigit()
    }


class Triples(list):
    """The graph's triples in canonical order (sorted by their N-Triples form: grouped by subject, then
    predicate), with the one Oxigraph store built from them, made on first use and shared by every stage.

    `tags`: the language tags with subtags the literals use, lower-cased (as pyoxigraph writes them);
    `quoted`: whether some literal holds the text '"@' (writers that fix tags in text must then look closer).
    """

    _store: ox.Store | None = None
    _ntriples: bytes | None = None
    tags: frozenset[str] = frozenset()
    quoted: bool = True

    def part(self, triples: Iterable[ox.Triple]) -> Triples:
        """A subsequence (in canonical order too), with what is known of the whole."""
        part = Triples(triples)
        part.tags, part.quoted = self.tags, self.quoted
        return part

    @property
    def has_store(self) -> bool:
        return self._store is not None

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            store = ox.Store()
            store.bulk_extend(self)  # quads in the default graph (see `derive`)
            self._store = store
        return self._store

    def statements(self) -> Statements:
        """The same statements as their N-Triples text only (for a process that need not hold them)."""
        return Statements(self.ntriples, self.tags, self.quoted)

    @property
    def ntriples(self) -> bytes:
        """The graph in N-Triples as pyoxigraph writes it (language tags lower-cased), made once: the SHACL
        engine's input and the N-Triples dump's text. Made before a fork, it lets a child read the whole
        graph without touching the triples, whose memory it would otherwise copy (reference counts)."""
        if self._ntriples is None:
            self._ntriples = ox.serialize(self, format=ox.RdfFormat.N_TRIPLES)
        return self._ntriples


def canonical(triples: Iterable[ox.Triple]) -> Triples:
    """Deduplicated and sorted by N-Triples form: deterministic, and each subject's triples together."""
    return _sorted({str(t): _quad(t) for t in triples})


def _quad(t: ox.Triple | ox.Quad) -> ox.Quad:
    return t if isinstance(t, ox.Quad) else ox.Quad(t.subject, t.predicate, t.object)


def _sorted(keyed: dict[str, ox.Triple]) -> Triples:
    ordered = Triples(keyed[key] for key in sorted(keyed))
    tags = {key[key.rindex('"@') + 2 :] for key in keyed if key[-1] != ">" and '"@' in key}
    ordered.tags = frozenset(tag for tag in tags if "-" in tag and '"' not in tag)
    ordered.quoted = any('\\"@' in key for key in keyed)
    return ordered


# a language tag with subtags at the end of an N-Triples line (a newline in a literal is escaped)
_LINE_TAG = re.compile(rb'"@([a-zA-Z]+-[a-zA-Z0-9-]+) \.$', re.MULTILINE)


class Statements:
    """Statements in canonical order held as their N-Triples text only (pyoxigraph's forms, one a line, in
    UTF-8), parsed afresh on each pass, trusting them (lenient: they are its own forms of valid terms): a
    graph that is only written, or read in a process that need not hold it (the ELM view, the RDF
    documents' and the validation's children), without a Python object per statement. `tags` and `quoted`
    as for `Triples`, found in the text unless given."""

    def __init__(self, ntriples: bytes, tags: frozenset[str] | None = None, quoted: bool | None = None) -> None:
        self.ntriples = ntriples
        self.tags = frozenset(tag.decode() for tag in _LINE_TAG.findall(ntriples)) if tags is None else tags
        self.quoted = b'\\"@' in ntriples if quoted is None else quoted

    def __iter__(self) -> Iterator[ox.Triple]:
        if not self.ntriples:
            return iter(())
        return ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)


def in_order(triples: Iterable[ox.Triple]) -> Triples | Statements:
    """The statements in canonical order: as they are if known to be so, else sorted."""
    return triples if isinstance(triples, Triples | Statements) else canonical(triples)


def derive(triples: Iterable[ox.Triple], base: str) -> Triples:
    """Return the source triples plus the derived ones, without duplicates, in canonical order. Every
    statement is an ox.Quad in the default graph (what the parser gives; a store takes them as they are)."""
    keyed = {str(t): _quad(t) for t in triples}
    derived: dict[str, ox.Triple] = {}

    def add(t: ox.Triple) -> None:
        key = str(t)
        if key not in keyed:
            derived[key] = t

    source = list(keyed.values())
    eqf_of = _eqf_of_levels(source)
    nqf_level, eqf_level = ox.NamedNode(ELM + "NQFLevel"), ox.NamedNode(ELM + "EQFLevel")
    inverse = {ox.NamedNode(p): ox.NamedNode(q) for p, q in _inverse_pairs(base)}
    implied = {ox.NamedNode(p): ox.NamedNode(q) for p, q in _implied(base)}
    cyrillic_tail, latin_tail = f"@{DERIVED_TAG.lower()}", f"@{SOURCE_TAG}"
    # "<s> <p>" of every statement already given in Cyrillic (IRIs hold no spaces)
    has_cyrillic = {key[: key.index(" ", key.index(" ") + 1)] for key in keyed if key.endswith(cyrillic_tail)}
    transliterated: dict[str, str] = {}
    for key, t in keyed.items():
        if key.endswith(latin_tail) and key[: key.index(" ", key.index(" ") + 1)] not in has_cyrillic:
            value = t.object.value
            cyrillic = transliterated.get(value)
            if cyrillic is None:
                cyrillic = transliterated[value] = to_cyrillic(value)
            add(ox.Quad(t.subject, t.predicate, ox.Literal(cyrillic, language=DERIVED_TAG)))
            continue
        predicate = t.predicate
        if predicate in inverse and isinstance(t.object, ox.NamedNode):
            add(ox.Quad(t.object, inverse[predicate], t.subject))
        if predicate in implied:
            add(ox.Quad(t.subject, implied[predicate], t.object))
        if predicate == nqf_level and t.object in eqf_of:
            add(ox.Quad(t.subject, eqf_level, eqf_of[t.object]))  # the EQF level of a qualification, never typed
    keyed.update(derived)
    return _sorted(keyed)


def to_store(triples: Iterable[ox.Triple]) -> ox.Store:
    """The Oxigraph store of the triples: the shared one for the graph's `Triples`, a new one otherwise."""
    if isinstance(triples, Triples):
        return triples.store
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    return store

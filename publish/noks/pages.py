"""Graph -> plain view models: the one place for language fallback and notation order.

`Index` is built once from the triples (a dict per direction), so a page costs only its own
triples, never a query over the whole graph. `Value` is what a template shows: a text, the
language of that text when it is not the page's (fallback), and a relative link when the thing
has a page (or is outside the site).
"""

from __future__ import annotations

import gc
import heapq
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, NamedTuple

import pyoxigraph as ox

from noks import interface, urls
from noks.namespaces import (
    DCTERMS,
    RDF_TYPE,
    RDFS,
    SCHEMA,
    SKOS,
    STANDARD_PREFIXES,
    XSD,
    all_prefixes,
    noks_term,
    resource_path,
)
from noks.terms import compact, natural_key

# Which literals a page in each language shows, in order of preference (tags lower-case, as stored).
FALLBACK: dict[str, tuple[str, ...]] = {
    "sr-Cyrl": ("sr-cyrl", "sr-latn", "en", ""),
    "sr-Latn": ("sr-latn", "sr-cyrl", "en", ""),
    "en": ("en", "sr-latn", "sr-cyrl", ""),
}
FOAF = STANDARD_PREFIXES["foaf"]
TAGS = {"sr-cyrl": "sr-Cyrl", "sr-latn": "sr-Latn", "en": "en", "": ""}
LITERAL = ox.Literal
LABELS = (SKOS + "prefLabel", RDFS + "label", DCTERMS + "title", FOAF + "name", SCHEMA + "name")


class Value(NamedTuple):  # a named tuple: pages make tens of thousands, and tuples are made fastest
    text: str
    lang: str = ""  # set when the text is in another language than the page
    href: str = ""


class Row(NamedTuple):
    label: str
    values: tuple[Value, ...]


class Index:
    """The graph as two dicts: subject -> predicate -> objects, and object IRI -> predicate -> subjects.

    Built in one pass over the triples (plain dicts: reading never inserts). `shared_index` gives every
    page producer of a build the same one. Statements with a blank node are left out (the shapes forbid
    them); `complete` says whether there were none."""

    def __init__(self, triples: Iterable[ox.Triple], base: str) -> None:
        self.base = base
        with paused_collector():  # hundreds of thousands of new lists and dicts, none in a cycle
            self.out, self.into, self.complete = _directions(triples)
            self.pages = _pages(self.out, base)
        self._labels: dict[tuple[str, str], Value] = {}
        self._orders: dict[tuple[str, str], tuple] = {}
        self._notation_orders: dict[str, tuple] = {}
        self._property_labels: dict[tuple[str, str], str] = {}
        self.prefixes = all_prefixes(base)
        self.reads: Reads | None = None  # what the page being made has read, while `recording`

    @contextmanager
    def recording(self) -> Iterator[Reads]:
        """Note what is read of the graph meanwhile (`Reads`), through the methods and the dicts alike: the
        pages made meanwhile depend on nothing else of it (`reuse`)."""
        reads = Reads()
        dicts = self.out, self.into, self.pages
        self.out = _Recorded(self.out, reads.subjects, reads)  # type: ignore[assignment]
        self.into = _Recorded(self.into, reads.objects, reads)  # type: ignore[assignment]
        self.pages = _Recorded(self.pages, reads.paths, reads)  # type: ignore[assignment]
        self.reads = reads
        try:
            yield reads
        finally:
            self.out, self.into, self.pages = dicts
            self.reads = None

    def _read(self, iri: str) -> None:
        """Note a read of `iri`'s statements (and of its parent's, for a #fragment) that a cache answers."""
        reads = self.reads
        if reads is not None:
            reads.subjects.add(iri)
            if "#" in iri:
                reads.subjects.add(iri.split("#", 1)[0])

    def read_everything(self) -> None:
        """Note that what is being made depends on the whole graph (a count over the register, say)."""
        if self.reads is not None:
            self.reads.everything = True

    def objects(self, subject: str, predicate: str) -> list[ox.NamedNode | ox.Literal]:
        return self.out.get(subject, {}).get(predicate, [])

    def iris(self, subject: str, predicate: str) -> list[str]:
        return [o.value for o in self.objects(subject, predicate) if isinstance(o, ox.NamedNode)]

    def subjects(self, predicate: str, obj: str) -> list[str]:
        return self.into.get(obj, {}).get(predicate, [])

    def types(self, subject: str) -> set[str]:
        return set(self.iris(subject, RDF_TYPE))

    def first(self, subject: str, predicate: str) -> str | None:
        found = self.objects(subject, predicate)
        return found[0].value if found else None

    def term(self, local: str) -> str:
        return noks_term(self.base, local)

    def text(self, subject: str, predicates: str | Iterable[str], lang: str) -> Value | None:
        """The literal of the first of `predicates` the subject has, in the page language or its fallback."""
        for predicate in (predicates,) if isinstance(predicates, str) else predicates:
            found = _choose(self._literals(subject, predicate), lang)
            if found is not None:
                return found
        return None

    def text_in_each(self, subject: str, predicates: str | Iterable[str]) -> dict[str, Value | None]:
        """`text` in each of the site's languages (a page is made in all of them), the literals read once."""
        found: dict[str, Value | None] = dict.fromkeys(FALLBACK)
        for predicate in (predicates,) if isinstance(predicates, str) else predicates:
            literals = self._literals(subject, predicate)
            if literals:
                for lang, value in found.items():
                    if value is None:
                        found[lang] = _choose(literals, lang)
                if None not in found.values():
                    break
        return found

    def _literals(self, subject: str, predicate: str) -> list[tuple[str, str]]:
        """The literals of a property as (text, lower-case language tag), by text (literals with the same text
        keep the graph's order)."""
        literals = [
            (o.value, (o.language or "").lower()) for o in self.objects(subject, predicate) if type(o) is LITERAL
        ]
        literals.sort(key=_text_of)
        return literals

    def texts(self, subject: str, predicate: str, lang: str) -> list[Value]:
        """All literals of one property in the first language (of the fallback) that has any."""
        literals = [o for o in self.objects(subject, predicate) if isinstance(o, ox.Literal)]
        for tag in FALLBACK[lang]:
            chosen = sorted((lit for lit in literals if (lit.language or "").lower() == tag), key=lambda x: x.value)
            if chosen:
                shown = TAGS.get(tag, tag)
                return [literal_value(lit, lang, "" if shown in ("", lang) else shown) for lit in chosen]
        return [literal_value(lit, lang, "") for lit in sorted(literals, key=lambda x: x.value)]

    def label(self, iri: str, lang: str) -> Value:
        """The name of a thing in a language: its label, else its line (sources), notation or IRI end.

        Found in every language at once, as a page is made in all of them."""
        self._read(iri)  # the label of a line falls back on its parent's
        found = self._labels.get((iri, lang))
        if found is None:
            for other, text in self.text_in_each(iri, LABELS).items():
                self._labels[iri, other] = self._unlabelled(iri, other) if text is None else text
            found = self._labels[iri, lang]
        return found

    def _unlabelled(self, iri: str, lang: str) -> Value:
        line = self.first(iri, self.term("lineNumber"))
        parent = iri.split("#", 1)[0]
        notation = self.first(iri, SKOS + "notation")
        if line is not None and parent != iri:
            return Value(f"{self.label(parent, lang).text}, {interface.strings(lang)['line']} {line}")
        if notation or iri.startswith(self.base):
            return Value(notation or iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
        return Value(compact(iri, self.prefixes) or iri)

    def notation(self, iri: str) -> str:
        return self.first(iri, SKOS + "notation") or ""

    def order(self, iri: str, lang: str) -> tuple:
        """Notation-aware order: 1 < 2 < … < 6 < 6.1 < 6.2 < 7, then by label, then by IRI."""
        key = (iri, lang)
        self._read(iri)
        if key not in self._orders:
            notation = self.notation(iri)
            label = natural_key(self.label(iri, lang).text)
            self._orders[key] = (0 if notation else 1, natural_key(notation) if notation else (), label, iri)
        return self._orders[key]

    def sort(self, iris: Iterable[str], lang: str) -> list[str]:
        unique = set(iris)
        return list(unique) if len(unique) < 2 else sorted(unique, key=lambda iri: self.order(iri, lang))

    def first_of(self, iris: Iterable[str], lang: str, count: int) -> list[str]:
        """`sort(iris, lang)[:count]`, without the full order of every IRI: the order starts with the notation,
        so only the IRIs whose notation can be among the first `count` need their label (a level's page lists
        40 of its thousands of qualifications)."""
        unique = set(iris)
        if len(unique) <= count:
            return self.sort(unique, lang)
        keys = {iri: self._notation_order(iri) for iri in unique}
        cutoff = heapq.nsmallest(count, keys.values())[-1]
        return self.sort((iri for iri, key in keys.items() if key <= cutoff), lang)[:count]

    def _notation_order(self, iri: str) -> tuple:
        """The start of `order` (the same in every language): IRIs with a notation first, by notation."""
        self._read(iri)
        key = self._notation_orders.get(iri)
        if key is None:
            notation = self.notation(iri)
            key = self._notation_orders[iri] = (0, natural_key(notation)) if notation else (1, ())
        return key

    def has_page(self, iri: str) -> bool:
        path = resource_path(iri, self.base)
        return path is not None and path in self.pages

    def link(self, iri: str, lang: str, here: str) -> Value:
        """A thing as a link: to its page in this language, to itself when outside the site, else as text."""
        name = self.label(iri, lang)
        return Value(name.text, name.lang, self.href(iri, here))

    def href(self, iri: str, here: str) -> str:
        """Where a link to a thing goes from the page at `here`: its page (the same link in every language's
        tree), itself when outside the site and on the web, else nowhere ("")."""
        path = resource_path(iri, self.base)
        if path is None:
            return iri if iri.startswith(("http://", "https://")) else ""
        if path not in self.pages:
            return ""
        fragment = iri.split("#", 1)[1] if "#" in iri else ""
        return urls.href(urls.DEFAULT_LANGUAGE, here, path, fragment)

    def links(self, iris: Iterable[str], lang: str, here: str) -> tuple[Value, ...]:
        return tuple(self.link(iri, lang, here) for iri in self.sort(iris, lang))


class Reads:
    """What a page read of the graph: the statements of `subjects`, the statements whose object is one of
    `objects`, which resources are on the page at each of `paths`; or `everything`."""

    __slots__ = ("subjects", "objects", "paths", "everything")

    def __init__(self) -> None:
        self.subjects: set[str] = set()
        self.objects: set[str] = set()
        self.paths: set[str] = set()
        self.everything = False


class _Recorded(Mapping[str, Any]):
    """One of the index's dicts, read through: each key looked up is noted in `keys`; going over all of it
    notes that everything was read."""

    __slots__ = ("_data", "_keys", "_reads")

    def __init__(self, data: dict[str, Any], keys: set[str], reads: Reads) -> None:
        self._data, self._keys, self._reads = data, keys, reads

    def get(self, key: str, default: Any = None) -> Any:
        self._keys.add(key)
        return self._data.get(key, default)

    def __getitem__(self, key: str) -> Any:
        self._keys.add(key)
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        self._keys.add(key)  # type: ignore[arg-type]
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        self._reads.everything = True
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.everything = True
        return len(self._data)


def _directions(
    triples: Iterable[ox.Triple],
) -> tuple[dict[str, dict[str, list[ox.NamedNode | ox.Literal]]], dict[str, dict[str, list[str]]], bool]:
    """subject -> predicate -> objects, object IRI -> predicate -> subjects, and whether no statement was
    left out (none has a blank node), in one pass. Statements about one subject, and with one predicate,
    come one after the other in canonical order: each subject's and predicate's place is looked up once
    per run of them, not once per statement."""
    out: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]] = {}
    into: dict[str, dict[str, list[str]]] = {}
    named, blank = ox.NamedNode, ox.BlankNode
    last_subject = last_predicate = None
    by_predicate: dict[str, list[ox.NamedNode | ox.Literal]] = {}
    found: list[ox.NamedNode | ox.Literal] = []
    complete = True
    for t in triples:
        subject, obj = t.subject, t.object
        if type(subject) is not named or type(obj) is blank:
            complete = False
            continue
        s, p = subject.value, t.predicate.value
        if s != last_subject:
            by_predicate = out.get(s)
            if by_predicate is None:
                by_predicate = out[s] = {}
            last_subject, last_predicate = s, None
        if p != last_predicate:
            found = by_predicate.get(p)
            if found is None:
                found = by_predicate[p] = []
            last_predicate = p
        found.append(obj)
        if type(obj) is named:
            o = obj.value
            incoming = into.get(o)
            if incoming is None:
                into[o] = {p: [s]}
            else:
                subjects = incoming.get(p)
                if subjects is None:
                    incoming[p] = [s]
                else:
                    subjects.append(s)
    return out, into, complete


def _pages(out: dict[str, dict], base: str) -> dict[str, list[str]]:
    """Site path -> the subjects on its page (the resource, its #fragments), in natural order."""
    pages: dict[str, list[str]] = {}
    for subject in out:
        path = resource_path(subject, base)
        if path is not None:
            pages.setdefault(path, []).append(subject)
    for subjects in pages.values():
        if len(subjects) > 1:
            subjects.sort(key=natural_key)
    return pages


@contextmanager
def paused_collector() -> Iterator[None]:
    """The cyclic garbage collector off for a while: building large acyclic structures (an index of the
    graph) otherwise triggers full collections that traverse every object made so far, again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _text_of(literal: tuple[str, str]) -> str:
    return literal[0]


def _choose(literals: list[tuple[str, str]], lang: str) -> Value | None:
    """The first literal in the page language or its fallback, its language shown when not the page's."""
    for tag in FALLBACK[lang]:
        for text, language in literals:
            if language == tag:
                shown = TAGS.get(tag, tag)
                return Value(text, "" if shown in ("", lang) else shown)
    return None


_SHARED: list[tuple[list[ox.Triple], int, str, Index]] = []  # the last list indexed, its length and base


def shared_index(triples: list[ox.Triple], base: str) -> Index:
    """The Index of this very list of triples, built on first use: a build's page producers share one."""
    if _SHARED:
        known, length, known_base, index = _SHARED[0]
        if known is triples and length == len(triples) and known_base == base:
            return index
    index = Index(triples, base)
    _SHARED[:] = [(triples, len(triples), base, index)]
    return index


def literal_value(literal: ox.Literal, lang: str, shown_lang: str = "") -> Value:
    """A literal as text: dates and booleans in the page language, everything else as written."""
    datatype = literal.datatype.value if literal.datatype else ""
    if datatype == XSD + "date":
        return Value(interface.date(literal.value, lang))
    if datatype == XSD + "boolean":
        return Value(interface.strings(lang)["yes" if literal.value in ("true", "1") else "no"])
    return Value(literal.value, shown_lang)


# Properties shown first on every page, in this order; then the others by their label.
FIRST = (SKOS + "prefLabel", DCTERMS + "title", SKOS + "altLabel", SKOS + "notation", SKOS + "definition")
INCOMING_LIMIT = 40


def property_label(index: Index, predicate: str, lang: str) -> str:
    """A property's name: the interface's, else its label in the ontology, else its prefixed name."""
    key = (predicate, lang)
    index._read(predicate)
    if key not in index._property_labels:
        name = compact(predicate, index.prefixes) or predicate
        known = interface.property_label(name, lang)
        found = index.text(predicate, RDFS + "label", lang)
        index._property_labels[key] = known or (found.text if found else name)
    return index._property_labels[key]


def properties(
    index: Index, subject: str, lang: str, here: str, skip: Iterable[str] = (), only: str | None = None
) -> tuple[Row, ...]:
    """Every property of a subject (or `only` one) as rows (label, values): literals in the page language,
    IRIs as links."""
    skipped = set(skip)
    rows: list[tuple[tuple, Row]] = []
    for predicate, objects in index.out.get(subject, {}).items():
        if predicate in skipped or (only is not None and predicate != only):
            continue
        iris = [o.value for o in objects if isinstance(o, ox.NamedNode)]
        values = list(index.links(iris, lang, here)) + index.texts(subject, predicate, lang)
        label = property_label(index, predicate, lang)
        rank = FIRST.index(predicate) if predicate in FIRST else len(FIRST)
        rows.append(((rank, natural_key(label.casefold())), Row(label, tuple(values))))
    return tuple(row for _, row in sorted(rows, key=lambda item: item[0]))


def incoming(index: Index, iri: str, lang: str, here: str, skip: Iterable[str] = ()) -> tuple[Row, ...]:
    """What refers to a thing from other pages, by property, at most INCOMING_LIMIT links each; not what the
    thing itself links to already (the other side of an inverse, such as skos:narrower for skos:broader)."""
    skipped = set(skip)
    own = resource_path(iri, index.base)
    linked = {o.value for objects in index.out.get(iri, {}).values() for o in objects if isinstance(o, ox.NamedNode)}
    rows: list[Row] = []
    for predicate, subjects in sorted(index.into.get(iri, {}).items()):
        if predicate in skipped:
            continue
        # a subject on the same page has `own` in its IRI: only those need their path computed
        others = {s for s in subjects if s not in linked and (own not in s or resource_path(s, index.base) != own)}
        if not others:
            continue
        more = len(others) - INCOMING_LIMIT
        shown = tuple(index.link(other, lang, here) for other in index.first_of(others, lang, INCOMING_LIMIT))
        values = shown + ((Value(interface.more(more, lang)),) if more > 0 else ())
        rows.append(Row(property_label(index, predicate, lang), values))
    return tuple(sorted(rows, key=lambda row: natural_key(row.label.casefold())))

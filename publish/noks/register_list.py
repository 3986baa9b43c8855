"""Graph -> view model of the register page (every qualification, with the keys its level, type and
field filters match), and the link that a level's or a field's page gives to its part of the register."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any, NamedTuple

from noks import urls
from noks.namespaces import DCTERMS, ELM, RDF_TYPE, SKOS
from noks.pages import Index, Value
from noks.register_views import ESCO_QUALIFICATION, REGISTER, field_value, qualifications, strings
from noks.terms import natural_key

FILTERS = {"level": ELM + "NQFLevel", "type": DCTERMS + "type", "field": ELM + "ISCEDFCode"}


def with_broader(index: Index, iri: str) -> list[str]:
    """A level or field and everything broader: a qualification at 6.1 is also one of level 6."""
    out, todo = [], [iri]
    while todo:
        current = todo.pop()
        if current not in out:
            out.append(current)
            todo.extend(index.iris(current, SKOS + "broader"))
    return out


def key(index: Index, iri: str) -> str:
    """What a filter matches: the notation (`6.1`, `0713`), else the end of the IRI (`vocational`)."""
    return index.notation(iri) or iri.rsplit("/", 1)[-1]


def _keys(index: Index, q: str, name: str) -> list[str]:
    return [b for value in index.iris(q, FILTERS[name]) for b in with_broader(index, value)]


def register_view(index: Index, lang: str, files: dict[str, str]) -> dict[str, Any]:
    """The register page: every qualification as a row with its filter keys, and each filter's options.

    A row's `cells` are the values of the columns after the code: the title, the levels, types and fields."""
    s = strings(lang)
    catalog = index.base + REGISTER
    index.read_everything()  # every qualification is listed (the rows are kept once per index)
    table = _table(index)
    shown: dict[tuple[str, tuple[str, ...]], tuple[Value, ...]] = {}  # a few combinations recur in every row
    for name, found in table.combinations:
        shown[name, found] = _shown(index, name, found, lang)
    rows = []
    for entry in table.entries:
        title = index.label(entry.iri, lang)
        cells = [shown[name, found] for name, found in zip(FILTERS, entry.found, strict=True)]
        cells.insert(0, (Value(title.text, title.lang, entry.href),))
        rows.append({"code": entry.code, "cells": cells, "match": entry.match})
    return {
        "title": index.label(catalog, lang),
        "iri": catalog,
        "notation": "",
        "s": s,
        "description": index.text(catalog, (DCTERMS + "description", SKOS + "definition"), lang),
        "rows": rows,
        "filters": [
            {"name": name, "label": s[name], "options": _options(index, table.keys[name], lang)} for name in FILTERS
        ],
        "files": [{"label": s[label], "href": urls.asset(lang, REGISTER, target)} for label, target in files.items()],
        "shown": s["shown"].replace("{total}", str(len(rows))),
        "script": urls.asset(lang, REGISTER, "static/register.js"),
        "stylesheet": urls.asset(lang, REGISTER, "static/register.css"),
    }


class Entry(NamedTuple):
    """A qualification's row, as far as it is the same in every language."""

    iri: str
    code: str
    href: str  # the link to its page, from the register's
    found: tuple[tuple[str, ...], ...]  # its values of each filter (in the order of FILTERS), in the graph's order
    match: dict[str, str]  # filter -> the keys it matches, broader ones included


class Table(NamedTuple):
    entries: tuple[Entry, ...]
    combinations: tuple[tuple[str, tuple[str, ...]], ...]  # the (filter, values) that rows hold, each once
    keys: dict[str, set[str]]  # filter -> the values rows hold, and everything broader


@lru_cache(maxsize=4)
def _table(index: Index) -> Table:
    """The register's rows, as far as they are the same in every language (made once for its three pages)."""
    entries = []
    keys: dict[str, set[str]] = {name: set() for name in FILTERS}
    matches: dict[tuple[str, tuple[str, ...]], str] = {}
    for q in qualifications(index):
        found = tuple(tuple(index.iris(q, predicate)) for predicate in FILTERS.values())
        match = {}
        for name, values in zip(FILTERS, found, strict=True):
            if (name, values) not in matches:
                broader = [b for value in values for b in with_broader(index, value)]
                keys[name].update(broader)
                matches[name, values] = " ".join(sorted({key(index, i) for i in broader}, key=natural_key))
            match[name] = matches[name, values]
        entries.append(Entry(q, index.notation(q), index.href(q, REGISTER), found, match))
    return Table(tuple(entries), tuple(matches), keys)


def _shown(index: Index, name: str, found: tuple[str, ...], lang: str) -> tuple[Value, ...]:
    """One filter's column of a row whose values are `found` (in the graph's order), as links."""
    if name == "field":
        return tuple(field_value(index, f, lang, REGISTER) for f in found)
    return index.links(found, lang, REGISTER)


def _options(index: Index, iris: set[str], lang: str) -> list[dict[str, str]]:
    out = []
    for iri in index.sort(iris, lang):
        notation = index.notation(iri)
        depth = len(notation) - 2 if notation.isdigit() else 0  # ISCED-F: broad 2, narrow 3, detailed 4 digits
        label = index.label(iri, lang).text
        shown = f"{notation} {label}" if notation and notation not in label else label
        out.append({"value": key(index, iri), "label": "\u2003" * depth + shown})
    return out


@lru_cache(maxsize=4)
def _holders(index: Index) -> dict[tuple[str, str], int]:
    """(filter, level or field) -> how many qualifications it holds, broader ones counting narrower ones."""
    counts: Counter[tuple[str, str]] = Counter()
    for q in qualifications(index):
        for name in ("level", "field"):
            counts.update((name, i) for i in set(_keys(index, q, name)))
    return dict(counts)


def register_link(index: Index, iri: str, lang: str, here: str) -> Value | None:
    """On a level's or a field's page: a link to the register, filtered to it, with how many it holds."""
    if index.reads is not None:  # a page is being made that may be taken as it is next time
        _count_reads(index, iri)
    holders = _holders(index)
    for name in ("level", "field"):
        count = holders.get((name, iri), 0)
        if count:
            s = strings(lang)
            text = s["in_register"].format(what=s[f"of_{name}"], n=count)
            return Value(text, "", urls.href(lang, here, REGISTER, f"{name}={key(index, iri)}"))
    return None


def _count_reads(index: Index, iri: str) -> None:
    """Read what the number of qualifications of `iri` depends on (the counts are made once per index): the
    statements pointing to it and to everything narrower (a qualification's level or field, a narrower
    field's skos:broader), and which things are qualifications."""
    seen, todo = set(), [iri]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(index.subjects(SKOS + "broader", current))
    index.subjects(RDF_TYPE, ESCO_QUALIFICATION)

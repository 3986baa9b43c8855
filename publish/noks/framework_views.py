"""View models of the framework's own pages: a level or sublevel, a code, a pre-2018 qualification.

Plain dicts of `pages.Value` and `pages.Row`, one per (resource, language): the templates only show them.
"""

from __future__ import annotations

from typing import Any

from noks import interface
from noks.namespaces import DCTERMS, RDF, SKOS
from noks.pages import Index, Row, Value, incoming, properties

EQF = "http://data.europa.eu/snb/eqf/"
QDR = "http://data.europa.eu/snb/qdr/"


def _n(index: Index, local: str) -> str:
    return index.term(local)


def amounts(index: Index, subject: str, lang: str) -> tuple[Row, ...]:
    """Duration, volume (ECTS) and training hours of a route or a qualification, in words."""

    def num(local: str) -> int | None:
        found = index.first(subject, _n(index, local))
        return int(found) if found is not None else None

    t = interface.strings(lang)
    found = [
        (
            t["duration"],
            interface.amount("years", lang, num("durationYears"), num("minDurationYears"), num("maxDurationYears")),
        ),
        (t["duration"], interface.amount("months", lang, None, num("minDurationMonths"), None)),
        (t["volume"], interface.amount("ects", lang, num("ects"), num("minEcts"), num("maxEcts"))),
        (t["training"], interface.amount("hours", lang, None, num("minTrainingHours"), num("maxTrainingHours"))),
    ]
    return tuple(Row(label, (Value(text),)) for label, text in found if text)


AMOUNT_TERMS = (
    "durationYears minDurationYears maxDurationYears minDurationMonths ects minEcts maxEcts minTrainingHours"
    " maxTrainingHours"
).split()


def precondition(index: Index, iri: str, lang: str, here: str) -> dict[str, Any]:
    n = _n
    ects = index.first(iri, n(index, "requiredPriorEcts"))
    return {
        "anchor": iri.split("#", 1)[-1],
        "title": index.label(iri, lang),
        "levels": index.links(index.iris(iri, n(index, "requiredLevel")), lang, here),
        "maturas": index.links(index.iris(iri, n(index, "requiredMatura")), lang, here),
        "prior": index.links(index.iris(iri, n(index, "requiredPriorEducation")), lang, here),
        "ects": interface.quantity(int(ects), "ects", lang) if ects else "",
        "notes": tuple(index.texts(iri, SKOS + "note", lang)),
        "laws": index.links(index.iris(iri, "http://data.europa.eu/r5r/applicableLegislation"), lang, here),
    }


def route(index: Index, iri: str, lang: str, here: str) -> dict[str, Any]:
    n = _n
    return {
        "anchor": iri.split("#", 1)[-1],
        "title": index.label(iri, lang),
        "kinds": index.links(index.iris(iri, n(index, "educationKind")), lang, here),
        "modes": index.links(index.iris(iri, n(index, "acquisitionMode")), lang, here),
        "amounts": amounts(index, iri, lang),
        "preconditions": [
            precondition(index, p, lang, here) for p in index.sort(index.iris(iri, n(index, "precondition")), lang)
        ],
    }


def anchored(routes: list[dict[str, Any]], keep: bool) -> list[dict[str, Any]]:
    """Routes with an id only where the page owns the fragment (`keep`), and only on its first appearance
    (one precondition can serve several routes)."""
    seen: set[str] = set()

    def once(anchor: str) -> str:
        shown = anchor if keep and anchor not in seen else ""
        seen.add(anchor)
        return shown

    out = []
    for r in routes:
        anchor = once(r["anchor"])
        out.append(
            dict(r, anchor=anchor, preconditions=[dict(p, anchor=once(p["anchor"])) for p in r["preconditions"]])
        )
    return out


def matches(index: Index, level: str, lang: str, here: str, namespace: str) -> list[dict[str, Any]]:
    """A level's links to EQF (or QDR) concepts, with the kind of match and the reason where derived."""
    reasons = {}
    for statement in index.subjects(RDF + "subject", level):
        target = index.first(statement, RDF + "object")
        reasons[target] = (statement.split("#", 1)[-1], index.text(statement, SKOS + "scopeNote", lang))
    out = []
    for predicate in (SKOS + "exactMatch", SKOS + "broadMatch"):
        for target in index.sort((i for i in index.iris(level, predicate) if i.startswith(namespace)), lang):
            anchor, reason = reasons.get(target, ("", None))
            kind = interface.property_label("skos:" + predicate.rsplit("#", 1)[-1], lang) or ""
            out.append({"target": index.link(target, lang, here), "kind": kind, "anchor": anchor, "reason": reason})
    return out


def cycles(index: Index, level: str, lang: str, here: str) -> list[dict[str, Any]]:
    reasons = {index.first(s, RDF + "object"): s for s in index.subjects(RDF + "subject", level)}
    out = []
    for cycle in index.sort(index.iris(level, _n(index, "qfEheaCycle")), lang):
        statement = reasons.get(cycle, "")
        reason = index.text(statement, SKOS + "scopeNote", lang) if statement else None
        out.append({"target": index.link(cycle, lang, here), "anchor": statement.split("#", 1)[-1], "reason": reason})
    return out


def code_summary(index: Index, code: str, lang: str, here: str) -> dict[str, Any]:
    return {
        "code": index.link(code, lang, here),
        "notation": index.notation(code),
        "designation": index.links(index.iris(code, _n(index, "designation")), lang, here),
    }


def progression(index: Index) -> list[tuple[str, str]]:
    """(required level, level) for every precondition of every route of every code, sorted."""
    n = _n
    edges = set()
    for code in index.subjects("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", n(index, "Code")):
        for level in index.iris(code, n(index, "level")):
            for r in index.iris(code, n(index, "route")):
                for p in index.iris(r, n(index, "precondition")):
                    edges.update((required, level) for required in index.iris(p, n(index, "requiredLevel")))
    return sorted(edges, key=lambda e: (index.order(e[0], "en"), index.order(e[1], "en")))


def level_view(index: Index, iri: str, lang: str, here: str) -> dict[str, Any]:
    n = _n
    codes = index.sort(index.iris(iri, n(index, "code")), lang)
    edges = progression(index)
    descriptors = [
        {
            "anchor": d.split("#", 1)[-1],
            "dimension": index.link((index.iris(d, n(index, "dimension")) or [d])[0], lang, here),
            "text": index.text(d, n(index, "descriptorText"), lang),
            "note": index.text(d, SKOS + "editorialNote", lang),
        }
        for d in index.sort(index.iris(iri, n(index, "descriptor")), lang)
    ]
    shown = [SKOS + p for p in ("prefLabel", "altLabel", "notation", "definition", "broader", "narrower")]
    shown += [SKOS + "exactMatch", SKOS + "broadMatch"] + [n(index, p) for p in ("code", "descriptor", "qfEheaCycle")]
    return {
        "title": index.label(iri, lang),
        "iri": iri,
        "notation": index.notation(iri),
        "alt": tuple(index.texts(iri, SKOS + "altLabel", lang)),
        "definition": index.text(iri, SKOS + "definition", lang),
        "parent": index.links(index.iris(iri, SKOS + "broader"), lang, here),
        "sublevels": index.links(index.iris(iri, SKOS + "narrower"), lang, here),
        "eqf": matches(index, iri, lang, here, EQF),
        "qdr": matches(index, iri, lang, here, QDR),
        "cycles": cycles(index, iri, lang, here),
        "codes": [code_summary(index, c, lang, here) for c in codes],
        "routes": anchored(
            [
                dict(route(index, r, lang, here), code=index.link(c, lang, here))
                for c in codes
                for r in index.sort(index.iris(c, n(index, "route")), lang)
            ],
            False,
        ),
        "requires": index.links([a for a, b in edges if b == iri], lang, here),
        "leads_to": index.links([b for a, b in edges if a == iri], lang, here),
        "descriptors": descriptors,
        "prior": index.links(index.subjects(n(index, "equivalentLevel"), iri), lang, here),
        "rows": properties(index, iri, lang, here, skip=shown),
        "incoming": incoming(
            index, iri, lang, here, skip=[n(index, p) for p in ("level", "equivalentLevel", "requiredLevel")]
        ),
    }


def code_view(index: Index, iri: str, lang: str, here: str) -> dict[str, Any]:
    n = _n
    levels = index.iris(iri, n(index, "level"))
    shown = [SKOS + p for p in ("prefLabel", "notation", "definition", "broadMatch", "inScheme", "topConceptOf")]
    shown += [n(index, p) for p in ("level", "designation", "route")]
    return {
        "title": index.label(iri, lang),
        "iri": iri,
        "notation": index.notation(iri),
        "definition": index.text(iri, SKOS + "definition", lang),
        "scheme": index.links(index.iris(iri, SKOS + "inScheme"), lang, here),
        "level": index.links(levels, lang, here),
        "eqf": [m for level in levels for m in matches(index, level, lang, here, EQF)],
        "designation": index.links(index.iris(iri, n(index, "designation")), lang, here),
        "routes": anchored(
            [route(index, r, lang, here) for r in index.sort(index.iris(iri, n(index, "route")), lang)], True
        ),
        "prior": index.links(index.subjects(n(index, "equivalenceStatedUnder"), iri), lang, here),
        "rows": properties(index, iri, lang, here, skip=shown),
        "incoming": incoming(index, iri, lang, here, skip=[n(index, "equivalenceStatedUnder")]),
    }


def prior_view(index: Index, iri: str, lang: str, here: str) -> dict[str, Any]:
    n = _n
    levels = index.iris(iri, n(index, "equivalentLevel"))
    shown = [SKOS + p for p in ("prefLabel", "notation", "definition", "broader", "narrower")]
    shown += [n(index, p) for p in ["equivalentLevel", "equivalenceStatedUnder", "educationKind", *AMOUNT_TERMS]]
    return {
        "title": index.label(iri, lang),
        "iri": iri,
        "notation": index.notation(iri),
        "definition": index.text(iri, SKOS + "definition", lang),
        "level": index.links(levels, lang, here),
        "eqf": [m for level in levels for m in matches(index, level, lang, here, EQF)],
        "codes": index.links(index.iris(iri, n(index, "equivalenceStatedUnder")), lang, here),
        "broader": index.links(index.iris(iri, SKOS + "broader"), lang, here),
        "narrower": [
            {
                "link": index.link(c, lang, here),
                "level": index.links(index.iris(c, n(index, "equivalentLevel")), lang, here),
            }
            for c in index.sort(index.iris(iri, SKOS + "narrower"), lang)
        ],
        "kinds": index.links(index.iris(iri, n(index, "educationKind")), lang, here),
        "amounts": amounts(index, iri, lang),
        "rows": properties(index, iri, lang, here, skip=shown),
        "incoming": incoming(index, iri, lang, here, skip=[SKOS + "broader"]),
        "sources": index.links(index.iris(iri, DCTERMS + "source"), lang, here),
    }

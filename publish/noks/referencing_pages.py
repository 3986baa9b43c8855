"""The referencing view as pages: `referencing/` and its printable twin `referencing/print/`, in the
three languages, through the site's one layout. Views are plain data; links come from `pages.Index`
(the one place for language fallback) and `urls` (the one URL owner)."""

from __future__ import annotations

from typing import Any

import jinja2

from noks import interface, render, urls
from noks.evidence import Criterion
from noks.namespaces import SKOS
from noks.pages import Index, Value
from noks.referencing import LevelRow, Thing, Volume
from noks.referencing_data import FOLDER, Referencing, kind_key

PATH = FOLDER
PRINT_PATH = f"{FOLDER}/print"
DOWNLOADS = ("referencing.json", "levels.csv", "criteria.csv")
MATCHES = {"exact": ("match_exact", "skos:exactMatch"), "broad": ("match_broad", "skos:broadMatch")}


def _volume(volume: Volume, lang: str) -> str:
    return interface.amount("ects", lang, exact=volume.exact, low=volume.low, high=volume.high)


def _item(index: Index, thing: Thing, lang: str, here: str) -> Value:
    """A thing as a link; a mapping statement keeps the name the model composed for it."""
    link = index.link(thing.iri, lang, here)
    return Value(thing.labels[lang], "", link.href) if lang in thing.labels and "#" in thing.iri else link


def _level(index: Index, row: LevelRow, lang: str, here: str) -> dict[str, Any]:
    t = interface.strings(lang)
    match = MATCHES.get(row.match)
    return {
        "link": index.link(row.thing.iri, lang, here),
        "sub": bool(row.parent),
        "eqf": index.link(row.eqf.iri, lang, here) if row.eqf else None,
        "match": (t[match[0]], match[1]) if match else None,
        "reason": index.text(row.statement, SKOS + "scopeNote", lang) if row.statement else None,
        "qdr": Value(row.qdr.rsplit("/", 1)[-1], "", row.qdr) if row.qdr else None,
        "cycle": index.link(row.cycle.iri, lang, here) if row.cycle else None,
        "codes": [
            {
                "notation": code.notation,
                "link": index.link(code.thing.iri, lang, here),
                "designation": code.designation,
                "routes": [{"link": _item(index, r.thing, lang, here)} for r in code.routes],
            }
            for code in row.codes
        ],
        "ects": [_volume(v, lang) for v in row.ects],
    }


def _criterion(index: Index, criterion: Criterion, lang: str, here: str) -> dict[str, Any]:
    t = interface.strings(lang)
    return {
        "notation": criterion.notation,
        "anchor": f"criterion-{criterion.notation}",
        "title": index.link(criterion.thing.iri, lang, here),
        "definition": index.text(criterion.thing.iri, SKOS + "definition", lang),
        "evidence": [
            {"kind": t[kind_key(e.kind)], "members": [_item(index, i, lang, here) for i in e.items]}
            for e in criterion.evidence
        ],
        "none": t["not_in_data"],
    }


def view(model: Referencing, index: Index, lang: str, here: str) -> dict[str, Any]:
    """Everything the two referencing templates show, in one language."""
    adopted = model.adoption
    return {
        "framework": index.link(model.framework, lang, here),
        "adoption": None
        if adopted is None
        else {
            "event": index.link(adopted.event.iri, lang, here),
            "location": adopted.location,
            "dates": f"{interface.date(adopted.start, lang)} – {interface.date(adopted.end, lang)}",
            "report": index.link(adopted.report.iri, lang, here),
            "issued": interface.date(adopted.issued, lang),
        },
        "levels": [_level(index, row, lang, here) for row in model.levels],
        "criteria": [_criterion(index, c, lang, here) for c in model.criteria],
        "downloads": [{"label": name, "href": urls.asset(lang, here, f"{FOLDER}/{name}")} for name in DOWNLOADS],
        "print": urls.href(lang, here, PRINT_PATH),
        "screen": urls.href(lang, here, PATH),
        "print_css": urls.asset(lang, here, "static/print.css"),
        "css": urls.asset(lang, here, "static/eu.css"),
    }


def referencing_pages(model: Referencing, index: Index, env: jinja2.Environment) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for path, template in ((PATH, "referencing.html"), (PRINT_PATH, "referencing-print.html")):
        for lang in urls.LANGUAGES:
            title = interface.strings(lang)["referencing"]
            crumbs = [(title, PATH)] if path == PRINT_PATH else []
            page = view(model, index, lang, path)
            out[urls.page_file(lang, path)] = render.render_page(
                env, template, page, lang, path, title=title, crumbs=crumbs, indexed=path == PATH
            )
    return out

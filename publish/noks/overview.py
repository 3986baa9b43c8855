"""The home page's view: what the NOKS is, the table of levels and sublevels, and the diagram of
the levels and the progression between them (geometry computed here, drawn by the template)."""

from __future__ import annotations

from typing import Any

from noks import interface
from noks.framework_views import EQF, cycles, matches, progression
from noks.namespaces import RDF_TYPE, SKOS, STANDARD_PREFIXES
from noks.pages import Index, Value

BOX_W, BOX_H, COL, ROW, LEFT, TOP = 120, 44, 170, 72, 80, 16


def levels(index: Index, lang: str) -> list[str]:
    return index.sort(index.subjects(RDF_TYPE, index.term("Level")), lang)


def level_rows(index: Index, lang: str, here: str) -> list[dict[str, Any]]:
    """One row per level and sublevel: how it is acquired, its codes, its EQF level, its QF-EHEA cycle."""
    rows = []
    for level in levels(index, lang):
        codes = index.sort(index.iris(level, index.term("code")), lang)
        routes = [r for c in codes for r in index.iris(c, index.term("route"))]
        kinds = [k for r in routes for k in index.iris(r, index.term("educationKind"))]
        rows.append(
            {
                "link": index.link(level, lang, here),
                "sub": bool(index.iris(level, SKOS + "broader")),
                "acquired": index.links(kinds, lang, here),
                "codes": tuple(Value(index.notation(c), "", index.link(c, lang, here).href) for c in codes),
                "eqf": [m["target"] for m in matches(index, level, lang, here, EQF)],
                "cycles": [c["target"] for c in cycles(index, level, lang, here)],
            }
        )
    return rows


def diagram(index: Index, lang: str, here: str) -> dict[str, Any]:
    """Boxes for levels (a row each, 8 on top) with their sublevels beside them, and arrows for progression."""
    all_levels = levels(index, lang)
    mains = [lv for lv in all_levels if not index.iris(lv, SKOS + "broader")]
    place: dict[str, tuple[int, int]] = {}
    for row, main in enumerate(reversed(mains)):
        place[main] = (LEFT, TOP + row * ROW)
        for col, sub in enumerate(index.sort(index.iris(main, SKOS + "narrower"), lang), start=1):
            place[sub] = (LEFT + col * COL, TOP + row * ROW)
    boxes = []
    for level, (x, y) in place.items():
        eqf = [m["target"].text for m in matches(index, level, lang, here, EQF)]
        link = index.link(level, lang, here)
        boxes.append(
            {
                "x": x,
                "y": y,
                "w": BOX_W,
                "h": BOX_H,
                "cx": x + BOX_W // 2,
                "notation": index.notation(level),
                "label": link.text,
                "href": link.href,
                "sub": bool(index.iris(level, SKOS + "broader")),
                "eqf": ", ".join(eqf),
            }
        )
    edges = []
    for source, target in progression(index):
        if source in place and target in place:
            edges.append(
                {
                    "d": _path(place[source], place[target]),
                    "title": f"{index.label(source, lang).text} → {index.label(target, lang).text}",
                }
            )
    width = max((x for x, _ in place.values()), default=LEFT) + BOX_W + 16
    height = TOP * 2 + len(mains) * ROW - (ROW - BOX_H)
    return {"width": width, "height": height, "boxes": boxes, "edges": edges}


def _path(a: tuple[int, int], b: tuple[int, int]) -> str:
    (xa, ya), (xb, yb) = a, b
    if ya == yb:  # same row: side to side
        left, right = sorted([a, b])
        return f"M{left[0] + BOX_W} {ya + BOX_H // 2} L{right[0] - 4} {ya + BOX_H // 2}"
    if xa == xb:
        gap = abs(ya - yb) // ROW
        if gap == 1:
            return f"M{xa + BOX_W // 2} {ya} L{xb + BOX_W // 2} {yb + BOX_H + 4}"
        bend = xa - 18 * gap
        return f"M{xa} {ya + BOX_H // 2} C{bend} {ya + BOX_H // 2} {bend} {yb + BOX_H // 2} {xb - 4} {yb + BOX_H // 2}"
    if xb > xa:  # out of the right side, then up into the bottom
        return (
            f"M{xa + BOX_W} {ya + BOX_H // 2} Q{xb + BOX_W // 2} {ya + BOX_H // 2} {xb + BOX_W // 2} {yb + BOX_H + 4}"
        )
    return f"M{xa + BOX_W // 2} {ya} Q{xa + BOX_W // 2} {yb + BOX_H // 2} {xb + BOX_W + 4} {yb + BOX_H // 2}"


GROUPS = (
    ("bodies", STANDARD_PREFIXES["org"] + "Organization"),
    ("legal_acts", STANDARD_PREFIXES["eli"] + "LegalResource"),
    ("documents", STANDARD_PREFIXES["foaf"] + "Document"),
    ("registers", STANDARD_PREFIXES["dcat"] + "Catalog"),
)


def home_view(index: Index, lang: str) -> dict[str, Any]:
    here = ""
    framework = index.base + "framework"
    t = interface.strings(lang)
    schemes = [s for s in index.subjects(RDF_TYPE, SKOS + "ConceptScheme") if index.has_page(s)]
    groups = []
    for key, cls in GROUPS:
        members = [
            m
            for m in index.subjects(RDF_TYPE, cls)
            if index.has_page(m)
            and "#" not in m
            and not index.iris(m, STANDARD_PREFIXES["eli"] + "amends")
            and not index.iris(m, "http://purl.org/dc/terms/isPartOf")
        ]
        if members:
            groups.append({"title": t[key], "members": index.links(members, lang, here)})
    return {
        "title": index.label(framework, lang),
        "framework": index.link(framework, lang, here),
        "definition": index.text(framework, SKOS + "definition", lang),
        "scope": index.text(framework, SKOS + "scopeNote", lang),
        "aims": index.links(
            index.iris(framework, index.term("purpose")) + index.iris(framework, index.term("goal")), lang, here
        ),
        "levels": level_rows(index, lang, here),
        "diagram": diagram(index, lang, here),
        "pre2018": index.link(index.base + "pre-2018", lang, here) if index.has_page(index.base + "pre-2018") else None,
        "schemes": index.links(schemes, lang, here),
        "groups": groups,
    }

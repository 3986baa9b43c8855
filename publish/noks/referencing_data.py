"""The referencing view as data for re-use: `referencing/referencing.json` (everything: levels,
adoption, criteria with their evidence) and two CSV tables, `referencing/levels.csv` and
`referencing/criteria.csv`. Texts in every language; IRIs in full."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pyoxigraph as ox

from noks.evidence import Adoption, Criterion, adoption, criteria
from noks.interface import strings
from noks.pages import shared_index
from noks.referencing import LANGUAGES, Graph, LevelRow, Thing, Volume, levels

FOLDER = "referencing"
NOT_IN_DATA = "not-in-our-data"


@dataclass(frozen=True)
class Referencing:
    framework: str
    levels: tuple[LevelRow, ...]
    adoption: Adoption | None
    criteria: tuple[Criterion, ...]


def referencing(triples: list[ox.Triple], base: str) -> Referencing:
    graph = Graph(shared_index(triples, base))  # the build's one index: no pass over the triples of its own
    return Referencing(base + "framework", levels(graph), adoption(graph, triples), criteria(graph, triples))


def kind_key(kind: str) -> str:
    """The interface string that names a kind of evidence."""
    return "evidence_" + kind.replace("-", "_")


def kind_labels(kind: str) -> dict[str, str]:
    return {lang: strings(lang)[kind_key(kind)] for lang in LANGUAGES}


def _thing(thing: Thing | None) -> dict | None:
    return {"iri": thing.iri, "labels": dict(thing.labels)} if thing else None


def _level(row: LevelRow) -> dict:
    return {
        "notation": row.notation,
        **_thing(row.thing),
        "parent": row.parent or None,
        "eqf": _thing(row.eqf),
        "match": row.match or None,
        "reason": dict(row.reason),
        "qdr": row.qdr or None,
        "qf_ehea_cycle": _thing(row.cycle),
        "codes": [
            {
                "notation": code.notation,
                **_thing(code.thing),
                "designation": code.designation or None,
                "routes": [{**_thing(route.thing), "ects": _volume(route.ects)} for route in code.routes],
            }
            for code in row.codes
        ],
        "ects": [_volume(v) for v in row.ects],
    }


def _volume(volume: Volume | None) -> dict | None:
    if volume is None:
        return None
    return {"exact": volume.exact, "min": volume.low, "max": volume.high, "text": volume.text}


def _criterion(criterion: Criterion) -> dict:
    return {
        "notation": criterion.notation,
        **_thing(criterion.thing),
        "definition": criterion.definition,
        "status": "evidence" if criterion.evidence else NOT_IN_DATA,
        "evidence": [
            {"kind": e.kind, "labels": kind_labels(e.kind), "items": [_thing(item) for item in e.items]}
            for e in criterion.evidence
        ],
    }


def to_json(view: Referencing) -> str:
    adopted = view.adoption
    data = {
        "framework": view.framework,
        "adoption": None
        if adopted is None
        else {
            "event": _thing(adopted.event),
            "start": adopted.start,
            "end": adopted.end,
            "location": adopted.location,
            "report": _thing(adopted.report),
            "issued": adopted.issued,
        },
        "levels": [_level(row) for row in view.levels],
        "criteria": [_criterion(c) for c in view.criteria],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def levels_csv(view: Referencing) -> bytes:
    header = ["level", "iri", *(f"label_{lang}" for lang in LANGUAGES), "parent", "eqf_level", "eqf_iri", "match"]
    header += ["qdr_iri", "qf_ehea_cycle_iri", "codes", "ects"]
    rows = []
    for row in view.levels:
        eqf = row.eqf.iri if row.eqf else ""
        codes = "; ".join(f"{c.notation} {c.designation}".strip() for c in row.codes)
        labels = [row.thing.labels.get(lang, "") for lang in LANGUAGES]
        rows.append(
            [row.notation, row.thing.iri, *labels, row.parent, eqf.rsplit("/", 1)[-1] if eqf else "", eqf, row.match]
        )
        rows[-1] += [row.qdr, row.cycle.iri if row.cycle else "", codes, "; ".join(v.text for v in row.ects)]
    return _csv(header, rows)


def criteria_csv(view: Referencing) -> bytes:
    header = ["criterion", "iri", *(f"label_{lang}" for lang in LANGUAGES), "status", "evidence_kinds", "evidence"]
    rows = []
    for c in view.criteria:
        labels = [c.thing.labels.get(lang, "") for lang in LANGUAGES]
        kinds = "; ".join(e.kind for e in c.evidence)
        items = "; ".join(item.iri for e in c.evidence for item in e.items)
        rows.append([c.notation, c.thing.iri, *labels, "evidence" if c.evidence else NOT_IN_DATA, kinds, items])
    return _csv(header, rows)


def referencing_data(view: Referencing) -> dict[str, bytes]:
    return {
        f"{FOLDER}/referencing.json": to_json(view).encode(),
        f"{FOLDER}/levels.csv": levels_csv(view),
        f"{FOLDER}/criteria.csv": criteria_csv(view),
    }

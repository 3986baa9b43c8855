"""Tables for non-RDF users: the levels, codes and equivalences as CSV in the three languages, each
with a CSVW metadata file (`{name}.csv-metadata.json`) whose URI templates turn every row back into
the same triples the graph holds (`noks.csvw.to_triples` does that, and a test checks it).

Each table is declared once (`TABLES`); the CSV and its metadata are both written from that
declaration. A cell holds one value: a column whose property has two values for a resource is an
error, not a silent choice. IRIs are written relative to a namespace and expanded by `valueUrl`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pyoxigraph as ox

from noks.errors import NoksError, Problem
from noks.namespaces import EQF, QDR, RDF_TYPE, SKOS, canonical_language, noks_term
from noks.pages import Index, shared_index
from noks.terms import natural_key

FOLDER = "tables"
LANGUAGES = ("sr-Cyrl", "sr-Latn", "en")
CSVW_CONTEXT = "http://www.w3.org/ns/csvw"


@dataclass(frozen=True)
class Column:
    name: str
    predicate: str  # absolute IRI, or "noks:local" for the project's ontology
    namespace: str = ""  # for IRI values: the cell holds the IRI after this ("{base}" = the base)
    lang: str = ""  # for language-tagged literals


@dataclass(frozen=True)
class Table:
    name: str
    title: tuple[str, str]  # (sr-Latn, en)
    kind: str  # the rdf:type that selects the rows ("noks:Level")
    columns: tuple[Column, ...]


def _labels(column: str, predicate: str) -> tuple[Column, ...]:
    return tuple(Column(f"{column}_{lang}", predicate, lang=lang) for lang in LANGUAGES)


TABLES: tuple[Table, ...] = (
    Table(
        "levels",
        ("Nivoi i podnivoi NOKS-a", "NOKS levels and sublevels"),
        "noks:Level",
        (
            Column("notation", SKOS + "notation"),
            *_labels("label", SKOS + "prefLabel"),
            *_labels("alt_label", SKOS + "altLabel"),
            Column("scheme", SKOS + "inScheme", "{base}"),
            Column("broader", SKOS + "broader", "{base}"),
            Column("eqf_exact", SKOS + "exactMatch", EQF),
            Column("eqf_broad", SKOS + "broadMatch", EQF),
            Column("qdr", SKOS + "exactMatch", QDR),
            Column("qf_ehea_cycle", "noks:qfEheaCycle", "{base}"),
        ),
    ),
    Table(
        "codes",
        ("Šifre nivoa kvalifikacija (2019)", "Qualification level codes (2019)"),
        "noks:Code",
        (
            Column("notation", SKOS + "notation"),
            *_labels("label", SKOS + "prefLabel"),
            *_labels("definition", SKOS + "definition"),
            Column("scheme", SKOS + "inScheme", "{base}"),
            Column("level", "noks:level", "{base}"),
            Column("designation", "noks:designation", "{base}"),
        ),
    ),
    Table(
        "equivalences",
        ("Kvalifikacije stečene pre Zakona o NOKS-u i njihovi nivoi", "Qualifications obtained before the NOKS law"),
        "noks:PriorQualification",
        (
            Column("notation", SKOS + "notation"),
            *_labels("label", SKOS + "prefLabel"),
            *_labels("definition", SKOS + "definition"),
            Column("scheme", SKOS + "inScheme", "{base}"),
            Column("broader", SKOS + "broader", "{base}"),
            Column("equivalent_level", "noks:equivalentLevel", "{base}"),
            Column("stated_under", "noks:equivalenceStatedUnder", "{base}"),
        ),
    ),
)


def _iri(name: str, base: str) -> str:
    return noks_term(base, name.split(":", 1)[1]) if name.startswith("noks:") else name


def _cell(values: list, column: Column, base: str, subject: str) -> str:
    namespace = column.namespace.replace("{base}", base)
    if column.namespace:
        chosen = [v.value for v in values if isinstance(v, ox.NamedNode) and v.value.startswith(namespace)]
    else:
        chosen = [
            v.value for v in values if isinstance(v, ox.Literal) and canonical_language(v.language or "") == column.lang
        ]
    if len(chosen) > 1:
        raise NoksError(Problem(f"table column {column.name!r} has {len(chosen)} values", resource=subject))
    return chosen[0][len(namespace) :] if chosen and column.namespace else (chosen[0] if chosen else "")


def _members(table: Table, index: Index) -> list[str]:
    return sorted(set(index.subjects(RDF_TYPE, _iri(table.kind, index.base))), key=natural_key)


def rows(table: Table, triples: list[ox.Triple], base: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a table (one row per resource of its kind, in natural order)."""
    index = shared_index(triples, base)
    header = ["id"] + [c.name for c in table.columns]
    body = []
    for subject in _members(table, index):
        cells = [subject[len(base) :]]
        for column in table.columns:
            values = list(dict.fromkeys(index.objects(subject, _iri(column.predicate, base))))
            cells.append(_cell(values, column, base, subject))
        body.append(cells)
    return header, body


def types_of(table: Table, triples: list[ox.Triple], base: str) -> list[str]:
    """The rdf:types the rows share (each becomes a virtual column)."""
    index = shared_index(triples, base)
    return sorted({kind for subject in _members(table, index) for kind in index.iris(subject, RDF_TYPE)})


def metadata(table: Table, types: list[str], base: str) -> dict:
    """The CSVW metadata of one table: column titles, properties, languages and URI templates."""
    columns: list[dict] = [{"name": "id", "titles": "id", "suppressOutput": True}]
    for column in table.columns:
        name = column.name.replace("-", "_")  # URI-template variable names allow no hyphen
        spec: dict = {"name": name, "titles": column.name, "propertyUrl": _iri(column.predicate, base)}
        if column.namespace:
            spec["valueUrl"] = column.namespace.replace("{base}", base) + "{+" + name + "}"
        elif column.lang:
            spec["lang"] = column.lang
        columns.append(spec)
    for number, kind in enumerate(types, start=1):
        columns.append({"name": f"type_{number}", "virtual": True, "propertyUrl": RDF_TYPE, "valueUrl": kind})
    return {
        "@context": CSVW_CONTEXT,
        "url": f"{table.name}.csv",
        "dc:title": [{"@value": table.title[0], "@language": "sr-Latn"}, {"@value": table.title[1], "@language": "en"}],
        "dc:license": {"@id": "http://creativecommons.org/licenses/by/4.0/"},
        "tableSchema": {"columns": columns, "primaryKey": "id", "aboutUrl": base + "{+id}"},
    }


def write_csv(header: list[str], body: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(body)
    return out.getvalue().encode("utf-8")


def tables(triples: list[ox.Triple], base: str) -> dict[str, bytes]:
    """Every table as `tables/{name}.csv` and its `tables/{name}.csv-metadata.json`."""
    out: dict[str, bytes] = {}
    for table in TABLES:
        header, body = rows(table, triples, base)
        meta = metadata(table, types_of(table, triples, base), base)
        out[f"{FOLDER}/{table.name}.csv"] = write_csv(header, body)
        out[f"{FOLDER}/{table.name}.csv-metadata.json"] = (
            json.dumps(meta, ensure_ascii=False, indent=1) + "\n"
        ).encode()
    return out

"""`noks import`: a register spreadsheet (CSV or .xlsx) -> `data/register.ttl`, all or nothing.

Every row is checked against the layout (`register.csv-metadata.json`) and the project's
vocabularies; if any cell is wrong, every problem is reported (row, column, what, how to fix) and
nothing is written. Otherwise the qualifications are written as canonical Turtle, exactly as
`noks fmt` writes it, by replacing the output file atomically; from there the register goes
through the same shapes and build as the rest of data/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from noks.errors import NoksError
from noks.load import load_sources
from noks.namespaces import DCTERMS, ELM, RDF_TYPE, SCHEMA, SKOS, STANDARD_PREFIXES, XSD, all_prefixes, noks_term
from noks.project import Project
from noks.register_read import read_table
from noks.register_rows import Record, map_header, parse_rows
from noks.register_vocab import vocabularies
from noks.turtle import write_turtle

ESCO_QUALIFICATION = STANDARD_PREFIXES["esco"] + "Qualification"
QUALIFICATION_PATH = "qualification/"
REGISTER = "register/qualifications"
DEFAULT_OUT = "register.ttl"

# Column -> (predicate, how its values are written: a language tag, "iri" or an XSD datatype).
_TEXT = {
    "title": SKOS + "prefLabel",
    "work_description": "workDescription",
    "entry_requirements": "entryRequirement",
    "progression": "progression",
    "assessment": "assessment",
    "public_document": "publicDocument",
    "awarding_body": "awardingBody",
    "note": SKOS + "note",
}
_OTHER = {
    "level": (ELM + "NQFLevel", "iri"),
    "type": (DCTERMS + "type", "iri"),
    "acquisition": ("wayOfAcquiring", "iri"),
    "isced_f": (ELM + "ISCEDFCode", "iri"),
    "occupations": (SCHEMA + "occupationalCategory", "string"),
    "duration": (SCHEMA + "timeToComplete", "duration"),
    "ects": ("ects", "integer"),
    "verification_act": ("verificationAct", "string"),
    "verified_by": ("verifiedBy", "iri"),
    "verification_date": (DCTERMS + "dateAccepted", "date"),
    "version": (SCHEMA + "version", "string"),
    "entry_date": ("registrationDate", "date"),
}


@dataclass(frozen=True)
class Imported:
    qualifications: int
    out: Path


def import_register(project: Project, source: Path, out: Path | None = None) -> Imported:
    """Check `source`; if every row is good, write its qualifications to `out` (default data/register.ttl)."""
    target = out if out is not None else project.data_dir / DEFAULT_OUT
    table = read_table(source)
    positions, problems = map_header(table, source)
    others = [f for f in project.source_files() if f.resolve() != target.resolve()]
    vocab = vocabularies(load_sources(others, project.base).triples, project.base)
    records, row_problems = parse_rows(table, positions, source, vocab)
    if problems or row_problems:
        raise NoksError(problems + row_problems)
    triples = [t for record in records for t in record_triples(record, project.base)]
    text = write_turtle(triples, all_prefixes(project.base), project.base, declare_base=False, relative_prefixes=True)
    write_atomically(target, text.encode("utf-8"))
    return Imported(len(records), target)


def qualification_iri(code: str, base: str) -> str:
    return f"{base}{QUALIFICATION_PATH}{code}"


def column_predicates(base: str) -> dict[str, tuple[str, str]]:
    """Every column but the code and the outcomes: its predicate and how its values are written."""
    table: dict[str, tuple[str, str]] = {}
    for stem, predicate in _TEXT.items():
        iri = predicate if ":" in predicate else noks_term(base, predicate)
        table[f"{stem}_sr"] = (iri, "sr-Latn")
        table[f"{stem}_en"] = (iri, "en")
    for column, (predicate, kind) in _OTHER.items():
        table[column] = (predicate if ":" in predicate else noks_term(base, predicate), kind)
    return table


def _term(value: str, kind: str) -> ox.NamedNode | ox.Literal:
    if kind == "iri":
        return ox.NamedNode(value)
    if kind in ("sr-Latn", "en"):
        return ox.Literal(value, language=kind)
    if kind == "string":
        return ox.Literal(value)
    return ox.Literal(value, datatype=ox.NamedNode(XSD + kind))


def record_triples(record: Record, base: str) -> list[ox.Triple]:
    """The qualification of one row, with its learning outcomes as `#outcome-N` resources."""
    q = ox.NamedNode(qualification_iri(record.code, base))
    register = ox.NamedNode(base + REGISTER)
    out = [
        ox.Triple(q, ox.NamedNode(RDF_TYPE), ox.NamedNode(ESCO_QUALIFICATION)),
        ox.Triple(q, ox.NamedNode(SKOS + "notation"), ox.Literal(record.code)),
        ox.Triple(q, ox.NamedNode(DCTERMS + "source"), register),
    ]
    for column, (predicate, kind) in column_predicates(base).items():
        out += [ox.Triple(q, ox.NamedNode(predicate), _term(v, kind)) for v in record.values.get(column, ())]
    english = record.values.get("outcomes_en", ())
    label = ox.NamedNode(SKOS + "prefLabel")
    for number, text in enumerate(record.values["outcomes_sr"], start=1):
        outcome = ox.NamedNode(f"{q.value}#outcome-{number}")
        out.append(ox.Triple(q, ox.NamedNode(ELM + "learningOutcome"), outcome))
        out.append(ox.Triple(outcome, ox.NamedNode(RDF_TYPE), ox.NamedNode(ELM + "LearningOutcome")))
        out.append(ox.Triple(outcome, label, ox.Literal(text, language="sr-Latn")))
        if english:
            out.append(ox.Triple(outcome, label, ox.Literal(english[number - 1], language="en")))
    return out


def write_atomically(path: Path, content: bytes) -> None:
    """Write a temporary file beside `path`, then rename it over `path`: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(content)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)

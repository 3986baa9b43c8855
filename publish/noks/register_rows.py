"""Check every row of a register table and turn the good ones into records; report every bad cell.

A record holds, per column, its values as the graph will state them: text in Latin script (Cyrillic
cells are transliterated), IRIs for cells that name a level, type, way of acquiring, field or body,
ISO dates, whole numbers. Nothing here stops at the first problem: one run lists them all.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from noks.errors import Problem
from noks.register_layout import Column, columns
from noks.register_read import Table
from noks.register_vocab import Lookup, Vocabularies
from noks.translit import to_latin

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_SERBIAN_DATE = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\.?$")


@dataclass(frozen=True)
class Record:
    row: int
    values: dict[str, tuple[str, ...]]  # column name -> values (empty columns left out)

    @property
    def code(self) -> str:
        return self.values["code"][0]


def _lookups(vocab: Vocabularies) -> dict[str, Lookup]:
    return {
        "level": vocab.levels,
        "type": vocab.types,
        "acquisition": vocab.acquisition,
        "isced_f": vocab.fields,
        "verified_by": vocab.bodies,
    }


def map_header(table: Table, path: Path) -> tuple[dict[str, int], list[Problem]]:
    """Column name -> position; problems for unknown, repeated and missing required columns."""
    positions: dict[str, int] = {}
    problems: list[Problem] = []
    for index, cell in enumerate(table.header):
        col = next((c for c in columns() if c.matches(cell)), None)
        where = f"column {index + 1}"
        if col is None:
            if cell.strip():
                problems.append(_problem(path, 1, where, f"unknown column {cell!r}", _known_columns()))
        elif col.name in positions:
            problems.append(_problem(path, 1, where, f"column {col.name} appears twice", "keep one of them"))
        else:
            positions[col.name] = index
    for col in columns():
        if col.required and col.name not in positions:
            problems.append(_problem(path, 1, col.name, f"the required column {col.name} is missing", _known_columns()))
    return positions, problems


def _known_columns() -> str:
    return "the columns are: " + ", ".join(c.name for c in columns()) + " (see register.csv-metadata.json)"


def _problem(path: Path, row: int, column: str, message: str, hint: str) -> Problem:
    return Problem(message, file=path, line=row, hint=hint, rule=f"column {column}" if column else "")


def parse_rows(
    table: Table, positions: dict[str, int], path: Path, vocab: Vocabularies
) -> tuple[list[Record], list[Problem]]:
    """Every row as a record, or the problems of its cells; codes must be unique across rows."""
    lookups = _lookups(vocab)
    records: list[Record] = []
    problems: list[Problem] = []
    first_row: dict[str, int] = {}
    for number, cells in table.rows:
        values: dict[str, tuple[str, ...]] = {}
        found: list[Problem] = []
        for col in columns():
            if col.name not in positions:
                continue  # a missing column is reported once, on the header
            raw = cells[positions[col.name]] if positions[col.name] < len(cells) else ""
            parsed, messages = parse_cell(col, raw, lookups.get(col.name))
            found += [_problem(path, number, col.name, message, hint) for message, hint in messages]
            if parsed:
                values[col.name] = parsed
        bad = {p.rule.removeprefix("column ") for p in found}
        found += [_problem(path, number, name, m, h) for name, m, h, uses in _row_rules(values) if not bad & uses]
        code = values.get("code", ("",))[0]
        if code and code in first_row:
            used = f"code {code} is already used in row {first_row[code]}"
            found.append(_problem(path, number, "code", used, "codes must be unique: correct one of the two"))
        elif code:
            first_row[code] = number
        problems += found
        if not found:
            records.append(Record(number, values))
    return records, problems


def parse_cell(col: Column, raw: str, lookup: Lookup | None) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    """A cell's values, or (message, how to fix) pairs for what is wrong with it."""
    if col.separator is None:
        items = [raw.strip()] if raw.strip() else []
    elif "\n" in raw and col.separator not in raw:
        return (), [("several values are on separate lines", f"separate the values with {col.separator!r}")]
    else:
        items = [item.strip() for item in raw.split(col.separator) if item.strip()]
    if not items:
        return (), ([("the cell is empty", "this column is required: fill it in")] if col.required else [])
    values: list[str] = []
    messages: list[tuple[str, str]] = []
    for item in items:
        value, message = _value(col, " ".join(item.split()), lookup)
        if message:
            messages.append(message)
        else:
            values.append(value)
    return tuple(values), messages


def _value(col: Column, item: str, lookup: Lookup | None) -> tuple[str, tuple[str, str] | None]:
    if col.lang == "sr" and _CYRILLIC.search(item):
        item = to_latin(item)
        if _CYRILLIC.search(item):
            return "", (f"{item!r} has letters that are not in the Serbian alphabet", "write Serbian Latin or Cyrillic")
    if col.lang == "en" and _CYRILLIC.search(item):
        serbian = col.name.removesuffix("_en") + "_sr"
        return "", (f"{item!r} is in Cyrillic in an English column", f"write English; Serbian goes in {serbian}")
    if col.pattern and not re.fullmatch(col.pattern, item):
        return "", (f"{item!r} is not well-formed", col.description)
    if lookup is not None:
        iri = lookup.find(item)
        if iri is None:
            return "", (f"{item!r} is not among the project's {lookup.what}", _suggest(item, lookup))
        return iri, None
    if col.datatype == "date":
        return _date(item)
    if col.datatype == "integer":
        if not item.isdigit() or int(item) < 1:
            return "", (f"{item!r} is not a whole number of at least 1", "write digits only, e.g. 240")
        return str(int(item)), None
    return item, None


def _suggest(item: str, lookup: Lookup) -> str:
    if lookup.find("0" + item) is not None:
        return f"did you mean 0{item}? A spreadsheet drops the leading zero: format the column as text"
    return "use one of: " + ", ".join(lookup.choices)


def _date(item: str) -> tuple[str, tuple[str, str] | None]:
    serbian = _SERBIAN_DATE.match(item)
    text = f"{serbian[3]}-{int(serbian[2]):02d}-{int(serbian[1]):02d}" if serbian else item
    try:
        return datetime.date.fromisoformat(text).isoformat(), None
    except ValueError:
        return "", (f"{item!r} is not a date", "write YYYY-MM-DD, e.g. 2021-03-15 (or 15.03.2021.)")


def _row_rules(values: dict[str, tuple[str, ...]]) -> list[tuple[str, str, str, set[str]]]:
    """Rules across cells (column, message, how to fix, the columns it reads): outcomes in every language
    of the title; English lists as long as the Serbian. Skipped where a cell it reads is itself wrong."""
    out: list[tuple[str, str, str, set[str]]] = []
    titles = {"title_sr", "title_en", "outcomes_sr", "outcomes_en"}
    if "title_en" in values and "outcomes_en" not in values and "outcomes_sr" in values:
        out.append(("outcomes_en", "the qualification has an English title but no English outcomes", _SAME, titles))
    if "outcomes_en" in values and "title_en" not in values:
        out.append(("title_en", "the outcomes are in English but the title is not", "add the English title", titles))
    for stem in ("outcomes", "entry_requirements"):
        sr, en = values.get(f"{stem}_sr", ()), values.get(f"{stem}_en", ())
        uses = {f"{stem}_sr", f"{stem}_en"}
        if sr and en and len(sr) != len(en):
            out.append((f"{stem}_en", f"{len(en)} English value(s) for {len(sr)} Serbian one(s)", _SAME, uses))
        if en and not sr:
            out.append((f"{stem}_sr", "there are English values but no Serbian ones", "add the Serbian text", uses))
    return out


_SAME = "give every Serbian value its English translation, in the same order, separated by '|'"

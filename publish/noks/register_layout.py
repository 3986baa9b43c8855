"""The column layout of a register spreadsheet, read from its CSVW metadata (the one description of it).

`register.csv-metadata.json` (shipped in the package, published beside a header-only template) names
each column, says whether it is required, which cells hold several values (`separator`), their
language and datatype. The importer reads the same file, so the documentation cannot drift from it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

METADATA = Path(__file__).parent / "register.csv-metadata.json"
METADATA_NAME = "register.csv-metadata.json"
TEMPLATE_NAME = "register.csv"


@dataclass(frozen=True)
class Column:
    name: str
    titles: tuple[str, ...]
    required: bool = False
    separator: str | None = None
    lang: str = ""  # "sr" (Latin or Cyrillic in the cell) or "en"; "" for codes, numbers and dates
    datatype: str = "string"
    pattern: str | None = None
    description: str = ""

    def matches(self, header: str) -> bool:
        """Whether a header cell names this column (its name or one of its titles, any case)."""
        cell = " ".join(header.split()).casefold()
        return cell == self.name.casefold() or cell in (title.casefold() for title in self.titles)


def metadata_bytes() -> bytes:
    return METADATA.read_bytes()


@cache
def columns() -> tuple[Column, ...]:
    """The columns, in the order of the layout."""
    schema = json.loads(metadata_bytes())["tableSchema"]
    out: list[Column] = []
    for col in schema["columns"]:
        datatype = col.get("datatype", "string")
        base = datatype["base"] if isinstance(datatype, dict) else datatype
        pattern = datatype.get("format") if isinstance(datatype, dict) else None
        out.append(
            Column(
                name=col["name"],
                titles=tuple(col.get("titles", ())),
                required=bool(col.get("required", False)),
                separator=col.get("separator"),
                lang=col.get("lang", ""),
                datatype=base,
                pattern=pattern,
                description=col.get("dc:description", ""),
            )
        )
    return tuple(out)


def column(name: str) -> Column:
    return next(c for c in columns() if c.name == name)


def pattern(name: str) -> re.Pattern[str]:
    """The compiled `format` of a column (the code and ISCED-F patterns are also used by the shapes)."""
    source = column(name).pattern
    if source is None:
        raise KeyError(f"column {name} has no format")
    return re.compile(source)


def template_csv() -> bytes:
    """A header-only CSV in the layout: the file to fill in."""
    return (",".join(c.name for c in columns()) + "\r\n").encode("utf-8")

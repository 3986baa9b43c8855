"""CSV + CSVW metadata -> RDF triples (the "minimal mode" of W3C CSV2RDF), for the tables we write.

Covers what our metadata uses: a table's `url`, `tableSchema.aboutUrl`, and per column `name`,
`titles`, `propertyUrl`, `valueUrl`, `lang`, `datatype`, `virtual` and `suppressOutput`; an empty
cell is null (no triple). URI templates are RFC 6570 level 2 (`{var}` and `{+var}`), filled from
the row's cells by column name. Absolute IRIs only (no prefixed names).
"""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import quote

import pyoxigraph as ox

from noks.namespaces import XSD

_VARIABLE = re.compile(r"\{(\+?)([A-Za-z0-9_.%-]+)\}")
_UNRESERVED = "-._~"
_RESERVED = ":/?#[]@!$&'()*+,;="


def expand(template: str, values: dict[str, str]) -> str:
    """Fill an RFC 6570 level-2 template: `{x}` percent-encodes reserved characters, `{+x}` keeps them."""

    def fill(match: re.Match[str]) -> str:
        value = values.get(match.group(2), "")
        safe = _UNRESERVED + (_RESERVED if match.group(1) else "")
        return quote(value, safe=safe)

    return _VARIABLE.sub(fill, template)


def _literal(text: str, column: dict) -> ox.Literal:
    if column.get("lang"):
        return ox.Literal(text, language=column["lang"])
    datatype = column.get("datatype", "string")
    if isinstance(datatype, dict):
        datatype = datatype.get("base", "string")
    return ox.Literal(text, datatype=ox.NamedNode(datatype if ":" in datatype else XSD + datatype))


def to_triples(metadata: dict, csv_text: str) -> list[ox.Triple]:
    """The triples a CSV table gives under its CSVW metadata (minimal mode)."""
    schema = metadata["tableSchema"]
    columns: list[dict] = schema["columns"]
    real = [c for c in columns if not c.get("virtual")]
    reader = csv.reader(io.StringIO(csv_text))
    header = next(reader)
    titles = [c.get("titles", c["name"]) for c in real]
    if header != titles:
        raise ValueError(f"CSV header {header} does not match the metadata columns {titles}")
    triples: list[ox.Triple] = []
    for cells in reader:
        values = {c["name"]: cell for c, cell in zip(real, cells, strict=True)}
        for column in columns:
            if column.get("suppressOutput"):
                continue
            about = ox.NamedNode(expand(column.get("aboutUrl", schema["aboutUrl"]), values))
            predicate = ox.NamedNode(expand(column.get("propertyUrl", schema.get("propertyUrl", "")), values))
            if column.get("virtual"):
                triples.append(ox.Triple(about, predicate, ox.NamedNode(expand(column["valueUrl"], values))))
                continue
            cell = values[column["name"]]
            if cell == "":
                continue
            if "valueUrl" in column:
                triples.append(ox.Triple(about, predicate, ox.NamedNode(expand(column["valueUrl"], values))))
            else:
                triples.append(ox.Triple(about, predicate, _literal(cell, column)))
    return triples


def read_table(metadata_bytes: bytes, csv_bytes: bytes) -> list[ox.Triple]:
    """Convenience for files: metadata JSON and CSV bytes (UTF-8) -> triples."""
    return to_triples(json.loads(metadata_bytes), csv_bytes.decode("utf-8"))

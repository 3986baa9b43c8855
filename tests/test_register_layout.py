"""The register layout: one CSVW metadata file, read by the importer and published with a template."""

from __future__ import annotations

import csv
import io
import json
import re

from noks.register import column_predicates
from noks.register_layout import column, columns, metadata_bytes, template_csv

from .conftest import REGISTER_FIXTURES, ROOT


def test_metadata_is_csvw_and_names_the_columns() -> None:
    meta = json.loads(metadata_bytes())
    assert meta["@context"][0] == "http://www.w3.org/ns/csvw"
    names = [c["name"] for c in meta["tableSchema"]["columns"]]
    assert names == [c.name for c in columns()]
    assert len(names) == 31 and len(set(names)) == 31
    assert meta["tableSchema"]["primaryKey"] == "code"
    assert [c.name for c in columns() if c.required] == ["code", "title_sr", "level", "type", "isced_f", "outcomes_sr"]
    assert [c.name for c in columns() if c.separator == "|"] == [
        "acquisition",
        "occupations",
        "entry_requirements_sr",
        "entry_requirements_en",
        "outcomes_sr",
        "outcomes_en",
    ]


def test_every_column_reaches_the_graph() -> None:
    handled = set(column_predicates("https://example.org/")) | {"code", "outcomes_sr", "outcomes_en"}
    assert handled == {c.name for c in columns()}


def test_template_and_fixture_use_the_layout() -> None:
    header = next(csv.reader(io.StringIO(template_csv().decode())))
    assert header == [c.name for c in columns()]
    with (REGISTER_FIXTURES / "qualifications.csv").open(encoding="utf-8") as f:
        assert next(csv.reader(f)) == header


def test_a_header_may_use_serbian_titles() -> None:
    assert column("title_sr").matches("Naziv_SR")
    assert column("isced_f").matches(" oblast_isced_f ")
    assert not column("title_sr").matches("title")


def test_shapes_use_the_patterns_of_the_layout() -> None:
    text = (ROOT / "shapes" / "register.ttl").read_text(encoding="utf-8")
    patterns = {m.encode().decode("unicode_escape") for m in re.findall(r'sh:pattern "((?:[^"\\]|\\.)*)"', text)}
    assert patterns == {column("code").pattern, column("occupations").pattern, column("isced_f").pattern}

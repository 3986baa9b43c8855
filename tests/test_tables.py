"""The CSV tables: each converts back, through its CSVW metadata, to exactly the graph's triples."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from noks.build import Built
from noks.csvw import expand, read_table, to_triples
from noks.errors import NoksError
from noks.tables import TABLES, Column, Table, rows

ROWS = {"levels": 12, "codes": 14, "equivalences": 20}


def normal(triples) -> set[ox.Triple]:
    """Language tags compared case-insensitively (pyoxigraph lower-cases them when parsing)."""
    out = set()
    for t in triples:
        obj = t.object
        if isinstance(obj, ox.Literal) and obj.language:
            obj = ox.Literal(obj.value, language=obj.language.lower())
        out.add(ox.Triple(t.subject, t.predicate, obj))
    return out


def site_table(built: Built, name: str) -> tuple[bytes, bytes]:
    folder = built.site / "tables"
    return (folder / f"{name}.csv-metadata.json").read_bytes(), (folder / f"{name}.csv").read_bytes()


@pytest.mark.parametrize("name", sorted(ROWS))
def test_csv_round_trip_through_csvw_gives_the_graphs_triples(built_main: Built, name: str) -> None:
    meta, data = site_table(built_main, name)
    from_csv = normal(read_table(meta, data))
    subjects = {t.subject for t in from_csv}
    predicates = {t.predicate for t in from_csv}
    in_graph = {t for t in normal(built_main.checked.triples) if t.subject in subjects and t.predicate in predicates}
    assert len(subjects) == ROWS[name]
    assert from_csv == in_graph
    assert len(from_csv) > 10 * ROWS[name]


def test_an_edited_cell_no_longer_round_trips(built_main: Built) -> None:
    meta, data = site_table(built_main, "levels")
    edited = data.decode().replace("c_6bfeff7a", "c_00000000").encode()
    assert normal(read_table(meta, edited)) != normal(read_table(meta, data))
    graph = normal(built_main.checked.triples)
    broken = ox.Triple(
        ox.NamedNode("https://w3id.org/noks/level/6.1"),
        ox.NamedNode("http://www.w3.org/2004/02/skos/core#exactMatch"),
        ox.NamedNode("http://data.europa.eu/snb/qdr/c_00000000"),
    )
    assert broken in normal(read_table(meta, edited)) and broken not in graph


def test_levels_table_in_three_languages(built_main: Built) -> None:
    _, data = site_table(built_main, "levels")
    table = list(csv.DictReader(io.StringIO(data.decode())))
    row = next(r for r in table if r["notation"] == "6.1")
    assert row["label_sr-Cyrl"] == "Ниво 6.1"
    assert row["label_sr-Latn"] == "Nivo 6.1"
    assert row["label_en"] == "Level 6.1"
    assert (row["broader"], row["eqf_exact"], row["eqf_broad"], row["qdr"]) == ("level/6", "", "6", "c_6bfeff7a")
    assert row["qf_ehea_cycle"] == "qf-ehea/first-cycle"
    assert [r["notation"] for r in table][:8] == ["1", "2", "3", "4", "5", "6", "6.1", "6.2"]


def test_metadata_names_every_column_and_the_row_iri(built_main: Built) -> None:
    meta, data = site_table(built_main, "codes")
    schema = json.loads(meta)["tableSchema"]
    header = data.decode().splitlines()[0].split(",")
    assert [c["titles"] for c in schema["columns"] if not c.get("virtual")] == header
    assert schema["aboutUrl"] == "https://w3id.org/noks/{+id}"
    level = next(c for c in schema["columns"] if c["name"] == "level")
    assert level["valueUrl"] == "https://w3id.org/noks/{+level}"
    assert {c["valueUrl"] for c in schema["columns"] if c.get("virtual")} == {
        "http://www.w3.org/2004/02/skos/core#Concept",
        "https://w3id.org/noks/ontology#Code",
    }


def test_a_cell_never_hides_a_second_value() -> None:
    base = "https://example.org/t/"
    s, kind = ox.NamedNode(base + "a"), ox.NamedNode(base + "ontology#Thing")
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    triples = [
        ox.Triple(s, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), kind),
        ox.Triple(s, label, ox.Literal("one", language="en")),
        ox.Triple(s, label, ox.Literal("two", language="en")),
    ]
    table = Table("t", ("t", "t"), "noks:Thing", (Column("label_en", label.value, lang="en"),))
    with pytest.raises(NoksError, match="2 values"):
        rows(table, triples, base)


def test_uri_templates_follow_rfc_6570() -> None:
    assert expand("https://x.org/{+id}", {"id": "code-list/2019/60"}) == "https://x.org/code-list/2019/60"
    assert expand("https://x.org/{id}", {"id": "a/b c"}) == "https://x.org/a%2Fb%20c"


def test_converter_checks_the_header() -> None:
    meta = {"tableSchema": {"aboutUrl": "https://x.org/{+id}", "columns": [{"name": "id", "titles": "id"}]}}
    with pytest.raises(ValueError, match="header"):
        to_triples(meta, "other\r\na\r\n")


def test_every_declared_table_is_written(built_main: Built) -> None:
    written = sorted(p.name for p in (built_main.site / "tables").iterdir())
    expected = sorted(f"{t.name}.csv{suffix}" for t in TABLES for suffix in ("", "-metadata.json"))
    assert written == expected

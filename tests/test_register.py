"""`noks import`: a spreadsheet in the documented layout -> canonical Turtle in data/, all or nothing."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
from openpyxl import Workbook

from noks.cli import main
from noks.errors import NoksError
from noks.fmt import canonical
from noks.project import Project
from noks.register import import_register
from noks.translit import to_cyrillic

from .conftest import REGISTER_FIXTURES

GOOD = REGISTER_FIXTURES / "qualifications.csv"
BAD = REGISTER_FIXTURES / "bad-rows.csv"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def graph(path: Path, base: str) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base)
    return store


def values(store: ox.Store, subject: str, predicate: str) -> set[str]:
    return {q.object.value for q in store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None)}


def test_import_writes_every_row_as_canonical_turtle(register_project: Project) -> None:
    out = register_project.data_dir / "register.ttl"
    text = out.read_text(encoding="utf-8")
    assert canonical(out, register_project.base) == text  # exactly what `noks fmt` writes
    store = graph(out, register_project.base)
    kind = ox.NamedNode("http://data.europa.eu/esco/model#Qualification")
    codes = {q.subject.value.rsplit("/", 1)[-1] for q in store.quads_for_pattern(None, None, kind)}
    with GOOD.open(encoding="utf-8") as f:
        assert codes == {row["code"] for row in csv.DictReader(f)}
    assert len(codes) == 11


def test_cyrillic_cells_become_latin_and_come_back(register_project: Project) -> None:
    base = register_project.base
    store = graph(register_project.data_dir / "register.ttl", base)
    cook = base + "qualification/Q-1013-3-002"
    assert values(store, cook, SKOS + "prefLabel") == {"Kuvar za zmajeve", "Cook for dragons"}
    assert values(store, cook, "http://purl.org/dc/terms/type") == {base + "qualification-type/vocational"}
    assert values(store, cook, base + "ontology#verifiedBy") == {base + "body/ministry-of-education"}
    assert values(store, cook, "http://purl.org/dc/terms/dateAccepted") == {"2021-05-20"}
    latin = values(store, cook + "#outcome-1", SKOS + "prefLabel") - {"Prepares hot vegetable dishes"}
    assert latin == {"Priprema ljuta jela od povrća"}
    with GOOD.open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["code"] == "Q-1013-3-002")
    assert to_cyrillic("Kuvar za zmajeve") == row["title_sr"]
    assert [to_cyrillic(text) for text in ["Priprema ljuta jela od povrća"]] == [row["outcomes_sr"].split("|")[0]]


def test_xlsx_gives_the_same_turtle_as_csv(register_project: Project, tmp_path: Path) -> None:
    with GOOD.open(encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    entry, ects = header.index("entry_date"), header.index("ects")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:  # dates and numbers as a spreadsheet keeps them; codes as text
        cells: list[object] = list(row)
        cells[entry] = datetime.datetime.fromisoformat(row[entry])
        cells[ects] = float(row[ects]) if row[ects] else None
        sheet.append(cells)
    workbook.save(tmp_path / "register.xlsx")
    out = import_register(register_project, tmp_path / "register.xlsx", tmp_path / "from-xlsx.ttl")
    assert out.qualifications == 11
    assert out.out.read_bytes() == (register_project.data_dir / "register.ttl").read_bytes()


EXPECTED_BAD = {
    (3, "code"),
    (4, "level"),
    (5, "isced_f"),
    (6, "type"),
    (6, "acquisition"),
    (7, "outcomes_en"),
    (8, "outcomes_en"),
    (9, "duration"),
    (9, "ects"),
    (10, "verified_by"),
    (10, "verification_date"),
    (11, "code"),
    (12, "title_sr"),
    (12, "outcomes_sr"),
    (13, "title_en"),
    (14, "occupations"),
    (15, "outcomes_sr"),
}


def test_every_bad_row_is_reported_and_nothing_is_written(register_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "register.ttl"
    out.write_text("# the last good import\n", encoding="utf-8")
    with pytest.raises(NoksError) as caught:
        import_register(register_project, BAD, out)
    problems = caught.value.problems
    assert {(p.line, p.rule.removeprefix("column ")) for p in problems} == EXPECTED_BAD
    assert all(p.file == BAD and p.hint for p in problems)
    assert out.read_text(encoding="utf-8") == "# the last good import\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.ttl"]
    isced = next(p for p in problems if p.line == 5)
    assert "did you mean 0713?" in isced.hint


def test_header_problems_are_named(register_project: Project, tmp_path: Path) -> None:
    source = tmp_path / "register.csv"
    source.write_text("code;naziv_sr;nivo;tip;isced_f;ishodi_sr\nQ-1;Naziv;4;general;0713;Ishod\n", encoding="utf-8")
    with pytest.raises(NoksError) as caught:
        import_register(register_project, source, tmp_path / "out.ttl")
    found = {(p.line, p.rule, p.message) for p in caught.value.problems}
    assert found == {
        (1, "column column 4", "unknown column 'tip'"),
        (1, "column type", "the required column type is missing"),
    }
    assert not (tmp_path / "out.ttl").exists()


def test_cli_reports_row_and_column(register_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--project", str(register_project.root), "import", str(BAD), "--out", "/nonexistent/never.ttl"])
    err = capsys.readouterr().err
    assert code == 1
    assert "bad-rows.csv:4: error: [column level] '4.5' is not among the project's NOKS levels" in err
    assert "noks import: failed (17 problem(s))" in err

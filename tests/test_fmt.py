"""The data is kept in the one canonical form that `noks fmt` writes."""

from __future__ import annotations

import shutil
from pathlib import Path

from noks.fmt import canonical, fmt
from noks.load import parse_file
from noks.project import Project, load_project

from .conftest import FIXTURE_PROJECT, ROOT


def test_data_files_are_canonical() -> None:
    project = load_project(ROOT)
    files = sorted(project.data_dir.glob("*.ttl"))
    assert len(files) >= 5
    assert fmt(project, write=False) == [], "run `noks fmt` and commit the result"


def test_fmt_keeps_the_triples_and_is_idempotent(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURE_PROJECT, root)
    data = root / "data" / "levels.ttl"
    messy = '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<level/2> skos:notation "2" ; a skos:Concept .\n'
    data.write_text(data.read_text(encoding="utf-8") + messy, encoding="utf-8")
    project: Project = load_project(root)
    before = set(parse_file(data, project.base))
    assert fmt(project) == [data]
    assert set(parse_file(data, project.base)) == before
    assert fmt(project) == []
    assert canonical(data, project.base) == data.read_text(encoding="utf-8")

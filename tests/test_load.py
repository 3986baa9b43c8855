"""Bad input is reported with its file and line, never as a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from noks.errors import NoksError
from noks.load import load_sources, subject_lines

BASE = "https://example.org/t/"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    good = write(tmp_path, "a.ttl", '<x> <http://p> "ok" .\n')
    bad = write(tmp_path, "b.ttl", '<x> <http://p> "ok" .\n<y> <http://p> "no end"\n<z> <http://p> <w> .\n')
    with pytest.raises(NoksError) as caught:
        load_sources([good, bad], BASE)
    problem = caught.value.problems[0]
    assert problem.file == bad
    assert problem.line in (2, 3)
    assert "syntax" in problem.message.lower()


def test_unknown_prefix(tmp_path: Path) -> None:
    text = '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n<x> skosx:prefLabel "a" .\n'
    bad = write(tmp_path, "c.ttl", text)
    with pytest.raises(NoksError) as caught:
        load_sources([bad], BASE)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == (bad, 3)
    assert "skosx" in problem.message
    assert "prefix" in problem.hint


def test_malformed_language_tag(tmp_path: Path) -> None:
    bad = write(tmp_path, "d.ttl", '<x> <http://p> "a"@sr_Latn .\n')
    with pytest.raises(NoksError) as caught:
        load_sources([bad], BASE)
    assert caught.value.problems[0].line == 1


def test_every_bad_file_is_reported_in_one_run(tmp_path: Path) -> None:
    one = write(tmp_path, "e.ttl", "<x> <http://p> .\n")
    two = write(tmp_path, "f.ttl", "<x> <http://p> <y>\n")
    with pytest.raises(NoksError) as caught:
        load_sources([one, two], BASE)
    assert {p.file for p in caught.value.problems} == {one, two}


def test_subject_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.ttl",
        "@prefix ex: <http://ex/> .\n@prefix l: <level/> .\n\n<a>\n    ex:p 1 .\n\nex:b ex:p 2 .\nl:6.1 ex:p 3 .\n",
    )
    assert subject_lines(path, BASE) == {BASE + "a": 4, "http://ex/b": 7, BASE + "level/6.1": 8}

"""Pages taken from the last build: what a page reads is noted, what changed is found, and a build that takes
pages gives the same bytes as a build into an empty folder."""

from __future__ import annotations

import pickle
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from noks import register_pages, register_publish, reuse, site
from noks.build import build
from noks.errors import NoksError
from noks.pages import Index
from noks.project import Project, load_project

from .test_build import snapshot

BASE = "https://w3id.org/noks/"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def triples(text: str) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)]


GRAPH = f"""
@prefix skos: <{SKOS}> .
<{BASE}level/6> skos:prefLabel "Level 6"@en ; skos:notation "6" .
<{BASE}level/6.1> skos:prefLabel "Level 6.1"@en ; skos:broader <{BASE}level/6> .
<{BASE}qualification/Q1> skos:prefLabel "Q1"@en ; skos:related <{BASE}level/6.1> .
"""


def test_recording_notes_subjects_objects_and_pages_read_through_methods_and_dicts() -> None:
    index = Index(triples(GRAPH), BASE)
    index.label(BASE + "level/6", "en")  # cached before the recording: a cache hit is noted all the same
    with index.recording() as reads:
        index.label(BASE + "level/6", "en")
        index.subjects(SKOS + "broader", BASE + "level/6")
        index.has_page(BASE + "qualification/Q1")
        index.out.get(BASE + "level/6.1")
    assert reads.subjects == {BASE + "level/6", BASE + "level/6.1"}
    assert reads.objects == {BASE + "level/6"}
    assert reads.paths == {"qualification/Q1"}
    assert not reads.everything
    assert type(index.out) is dict and index.reads is None  # the plain dicts are back
    with index.recording() as reads:
        list(index.pages)
    assert reads.everything


def test_a_label_of_a_fragment_reads_its_parent_too() -> None:
    index = Index(triples(GRAPH), BASE)
    with index.recording() as reads:
        index.label(BASE + "qualification/Q1#outcome-1", "en")
    assert reads.subjects == {BASE + "qualification/Q1#outcome-1", BASE + "qualification/Q1"}


def nt(text: str) -> bytes:
    return ox.serialize(triples(text), format=ox.RdfFormat.N_TRIPLES)


def test_difference_names_the_subjects_objects_and_pages_of_what_was_added_or_removed() -> None:
    old = nt(GRAPH)
    renamed = GRAPH.replace(f"<{BASE}level/6.1> skos:prefLabel", f"<{BASE}x> skos:prefLabel")
    new = nt(renamed.replace('"Q1"@en', '"Q one"@en'))
    changed = reuse.difference(old, new, BASE)
    assert changed is not None
    assert changed.subjects == {BASE + "qualification/Q1", BASE + "level/6.1", BASE + "x"}
    assert changed.objects == {BASE + "level/6"}  # `level/6.1 skos:broader level/6` went to `x`
    assert changed.paths == {"qualification/Q1", "level/6.1", "x"}
    moved = reuse.difference(old, nt(GRAPH.replace("skos:related <", "skos:broader <")), BASE)
    assert moved is not None and moved.objects == {BASE + "level/6.1"}
    assert reuse.difference(old, old, BASE) == reuse.Read(frozenset(), frozenset(), frozenset())
    assert reuse.difference(old, nt(GRAPH + f"<{BASE}y> <{SKOS}note> [] .\n"), BASE) is None  # a blank node


def test_a_read_touches_what_changed_only_where_they_meet() -> None:
    read = reuse.Read(frozenset({"a"}), frozenset({"b"}), frozenset({"c"}))
    assert not read.touches(reuse.Read(frozenset({"b"}), frozenset({"a"}), frozenset()))
    assert read.touches(reuse.Read(frozenset(), frozenset({"b"}), frozenset()))
    assert read.touches(reuse.Read(frozenset(), frozenset(), frozenset({"c"})))


def test_a_read_of_everything_touches_any_change_and_only_a_change() -> None:
    read = reuse.interned({"a"}, {"b"}, {"c"}, everything=True)
    assert read.subjects == read.objects == read.paths == frozenset()  # all of it: none is kept
    assert not read.touches(reuse.Read(frozenset(), frozenset(), frozenset()))  # the same graph
    assert read.touches(reuse.Read(frozenset({"z"}), frozenset(), frozenset()))
    assert pickle.loads(pickle.dumps(read)) == read


@pytest.fixture()
def project(register_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A copy of the register project, built once; pages are made in this process (counted by `made`)."""
    root = tmp_path / "project"
    shutil.copytree(register_project.root, root)
    monkeypatch.setenv("NOKS_WORKERS", "1")
    built = load_project(root, tmp_path / "site")
    build(built)
    return built


@pytest.fixture()
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The qualifications and resources whose pages are made (not taken from the last build)."""
    found: list[str] = []

    def counted(module: object, name: str) -> None:
        original: Callable[..., dict[str, bytes]] = getattr(module, name)

        def make(index: Index, item: str, *args: str) -> dict[str, bytes]:
            found.append(item)
            return original(index, item, *args)

        monkeypatch.setattr(module, name, make)

    counted(register_pages, "_qualification_pages")
    counted(site, "_resource_pages")
    counted(register_pages, "_listing_page")  # noted as its language
    original_elm = register_publish.elm_files

    def elm(*args: object) -> dict[str, bytes]:
        found.append("ELM")
        return original_elm(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(register_publish, "elm_files", elm)
    return found


def edit(project: Project, file: str, pattern: str, replacement: str) -> None:
    path = project.root / "data" / file
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1)
    assert count == 1, pattern
    path.write_text(changed, encoding="utf-8")


def same_as_a_build_from_nothing(project: Project, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.rmtree(clean.with_name("clean.cache"), ignore_errors=True)
    build(load_project(project.root, clean))
    assert snapshot(project.site) == snapshot(clean)


EDITS = {  # an edit: (file, pattern, replacement, what is made again at least)
    "a qualification's title": ("register.ttl", r'(skos:prefLabel ")', r"\1Edited ", "qualification/"),
    "a level's label": ("framework.ttl", r'"Level 3"@en', '"Level three"@en', "level/3"),
    "a qualification's level": ("register.ttl", r"elm:NQFLevel <level/4>", "elm:NQFLevel <level/5>", "level/5"),
}


@pytest.mark.parametrize("case", sorted(EDITS))
def test_a_build_after_an_edit_makes_only_the_pages_that_read_it_and_gives_the_same_bytes(
    project: Project, made: list[str], tmp_path: Path, case: str
) -> None:
    build(project)  # unchanged: every page is taken, the register's list and the ELM view too
    assert made == []
    file, pattern, replacement, expected = EDITS[case]
    edit(project, file, pattern, replacement)
    build(project)
    assert {"ELM", "en", "sr-Latn", "sr-Cyrl"} <= set(made)  # they read the whole graph: made again
    record = pickle.loads((project.site.with_name("site.cache") / reuse.RECORD).read_bytes())
    pages = len(record["reads"]) // 3  # each made in three languages
    assert pages > 300
    assert any(expected in item for item in made), made
    assert 0 < len(made) < pages / 4  # most pages were taken
    same_as_a_build_from_nothing(project, tmp_path)


def test_a_record_of_another_site_folder_or_other_code_takes_no_page(
    project: Project, made: list[str], tmp_path: Path
) -> None:
    record = project.site.with_name("site.cache") / reuse.RECORD
    kept = pickle.loads(record.read_bytes())
    record.write_bytes(pickle.dumps(dict(kept, key="other code")))
    build(project)
    assert made  # nothing taken
    made.clear()
    build(project)
    assert made == []  # the record of that build is good again
    copy = tmp_path / "copy"
    shutil.copytree(project.site, copy)
    shutil.rmtree(project.site)
    copy.rename(project.site)  # the same files, another folder
    build(project)
    assert made


def test_a_failed_build_keeps_the_record_of_the_site_that_stays(project: Project, made: list[str]) -> None:
    data = project.root / "data" / "more.ttl"
    data.write_text("<qualification/X> a <http://data.europa.eu/esco/model#Qualification> .\n", encoding="utf-8")
    with pytest.raises(NoksError, match="violation"):
        build(project)
    data.unlink()
    made.clear()
    build(project)
    assert made == []

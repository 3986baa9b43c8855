"""The build: check reports located problems; a failed build leaves the last good site as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

from noks.build import _Documents, build, check
from noks.errors import NoksError, Problem
from noks.parallel import Forked, Standby
from noks.project import Project, load_project

from .conftest import FIXTURE_PROJECT


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def copy_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    return root


def test_fixture_project_checks_clean_but_for_warnings(fixture_project: Project) -> None:
    report = check(fixture_project).report
    assert report.violations == []
    assert {p.rule for p in report.warnings} == {"nokssh:ConceptDefinitionShape"}
    assert all(p.file is not None and p.line for p in report.warnings)


def test_violation_names_file_line_resource_and_rule(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    data = root / "data" / "levels.ttl"
    data.write_text(
        data.read_text(encoding="utf-8") + "\n<level/2>\n    a <http://www.w3.org/2004/02/skos/core#Concept> .\n",
        encoding="utf-8",
    )
    report = check(load_project(root)).report
    [problem] = report.violations
    assert problem.file == data
    assert data.read_text(encoding="utf-8").splitlines()[problem.line - 1] == "<level/2>"
    assert problem.resource == "https://example.org/noks-test/level/2"
    assert problem.rule == "nokssh:ConceptNotationShape"
    assert "exactly one skos:notation" in problem.message


def test_failed_build_leaves_last_good_site(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    site = tmp_path / "site"
    build(load_project(root, site))
    before = snapshot(site)
    assert "noks.ttl" in before and len(before) > 5
    (root / "data" / "broken.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(NoksError) as caught:
        build(load_project(root, site))
    assert caught.value.problems[0].file == root / "data" / "broken.ttl"
    assert snapshot(site) == before
    with pytest.raises(ChildProcessError):  # the validation's process, forked first, was given no work and ended
        os.waitpid(-1, os.WNOHANG)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site", "site.cache"]


def test_build_with_violation_writes_nothing(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    (root / "data" / "more.ttl").write_text(
        "<level/9> a <http://www.w3.org/2004/02/skos/core#Concept> .\n", encoding="utf-8"
    )
    site = tmp_path / "site"
    with pytest.raises(NoksError) as caught:
        build(load_project(root, site))
    assert caught.value.problems[0].rule == "nokssh:ConceptNotationShape"
    assert not site.exists()


def test_rebuild_replaces_stale_files(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    site = tmp_path / "site"
    build(load_project(root, site))
    (site / "stale.txt").write_text("left over", encoding="utf-8")
    build(load_project(root, site))
    assert not (site / "stale.txt").exists()


def test_a_first_build_writes_only_what_it_counts_so_it_needs_no_prune(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build into a new folder skips the prune walk: that is right only if every file in the folder is one
    the build counted as written (else a stray file would stay, where a rebuild would prune it)."""
    import noks.build
    from noks.site_writer import prune

    walked: list[Path] = []
    monkeypatch.setattr(noks.build, "prune", lambda folder, *args: walked.append(folder) or prune(folder, *args))
    root = copy_fixture(tmp_path)
    site = tmp_path / "site"
    built = build(load_project(root, site))
    assert walked == []  # no earlier site, no spare: nothing to prune
    files = {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}
    assert len(files) == built.files > 100
    build(load_project(root, site))  # the second build writes into a new folder too (no spare yet)
    build(load_project(root, site))  # the third into the spare: pruned
    assert len(walked) == 1


def test_a_rebuild_writes_into_the_site_before_last_only_what_changed(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    site, spare = tmp_path / "site", tmp_path / "site.spare"
    build(load_project(root, site))
    build(load_project(root, site))  # the first site is now the spare
    unchanged = site / "static/print.css"
    os.utime(unchanged, ns=(0, 0))
    (root / "data" / "levels.ttl").write_text(
        (root / "data" / "levels.ttl").read_text(encoding="utf-8").replace("Nivo 1", "Prvi nivo"), encoding="utf-8"
    )
    build(load_project(root, site))  # the spare, two builds old, was written over
    build(load_project(root, site))
    assert os.stat(unchanged).st_mtime_ns == 0  # the same bytes were not written again
    fresh = tmp_path / "fresh"
    build(load_project(root, fresh))
    assert snapshot(site) == snapshot(fresh)  # nothing stale, nothing missing
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "fresh",
        "fresh.cache",
        "project",
        "site",
        "site.cache",
        "site.spare",
    ]
    (root / "data" / "more.ttl").write_text("<level/9> a <http://www.w3.org/2004/02/skos/core#Concept> .\n")
    before = snapshot(site)
    with pytest.raises(NoksError):
        build(load_project(root, site))
    assert snapshot(site) == before and spare.exists()  # the folder it was writing into is the spare again


def copy_main(tmp_path: Path) -> Path:
    from .conftest import ROOT

    root = tmp_path / "main"
    root.mkdir()
    for name in ("ontology", "data", "shapes"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "pyproject.toml", root)
    return root


BAD_INPUT = {
    "duplicate notation": (
        '<code-list/2019/99> a skos:Concept, noks:Code ; skos:inScheme <code-list/2019> ; skos:notation "10" ;\n'
        "    skos:topConceptOf <code-list/2019> ; noks:level <level/1> .\n",
        "nokssh:NotationUniqueInSchemeShape",
    ),
    "wrong language tag": ('<level/1> skos:altLabel "Nivo jedan"@sr-latin .\n', "language"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_in_the_real_data_is_located(tmp_path: Path, case: str) -> None:
    root = copy_main(tmp_path)
    data = root / "data" / "code-list-2019.ttl"
    text = data.read_text(encoding="utf-8")
    addition, rule = BAD_INPUT[case]
    data.write_text(text + "\n" + addition, encoding="utf-8")
    line = len(text.splitlines()) + 2
    violations = check(load_project(root)).report.violations
    assert violations, f"{case} was not reported"
    located = [p for p in violations if p.file == data and p.line == line]
    assert located, [p.render() for p in violations]
    assert any(rule.lower() in (p.rule + p.message).lower() for p in located), [p.render() for p in located]


def _broken() -> int:
    raise ValueError("cannot write this")


def _bad_data() -> None:
    raise NoksError(Problem("a violation", line=3))


def test_a_stage_that_fails_in_its_child_process_gives_its_error_to_the_parent() -> None:
    from noks.parallel import Standby

    try:
        Standby().start(_broken).result()
    except ValueError as exc:
        assert str(exc) == "cannot write this"
    else:
        raise AssertionError("the child's error was lost")
    assert Standby().start(sorted, [3, 1, 2]).result() == [1, 2, 3]
    with pytest.raises(NoksError) as caught:  # its problems come back as they were
        Standby().start(_bad_data).result()
    assert caught.value.problems[0].message == "a violation" and caught.value.problems[0].line == 3


class Starts:
    """Stands for giving the RDF documents' child its work: notes when it is asked to."""

    def __init__(self) -> None:
        self.at: list[float] = []

    def __call__(self) -> Forked[list[str]]:
        self.at.append(time.monotonic())
        return Forked(0, -1, ("ok", []))


def test_the_rdf_documents_child_starts_once_the_validation_child_is_gone() -> None:
    validation = Standby().start(time.sleep, 0.5)  # a validation's child that ends in half a second
    started = Starts()
    _Documents(started, validation)
    late, never = Standby().start(time.sleep, 0.5), Starts()
    _Documents(never, late).close()  # the build ended before the validation did
    assert started.at == []  # not beside the validation's engine
    validation.wait()
    gone = time.monotonic()
    late.wait()
    time.sleep(0.2)
    assert len(started.at) == 1 and started.at[0] <= gone + 0.2
    assert never.at == []
    at_once = Starts()
    documents = _Documents(at_once, validation)  # its results were there from the start
    assert len(at_once.at) == 1
    documents.start()  # asked again once the register is written: still the one child
    assert len(at_once.at) == 1 and documents.result() == []

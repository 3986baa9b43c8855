"""`noks release` and `noks diff`: freeze the checked graph as a release, and compare any two of
the current sources, a frozen release, or an RDF file or site folder."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from noks.build import check
from noks.changeset import ChangeSet, diff
from noks.errors import NoksError, Problem
from noks.load import parse_file
from noks.project import Project
from noks.release import Release, freeze, frozen_triples, load_releases

CURRENT = ("build", "current")
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def current_triples(project: Project) -> list[ox.Triple]:
    """The graph the sources give now; a violation stops here, as it stops a build."""
    checked = check(project)
    if checked.report.violations:
        raise NoksError(checked.report.violations)
    return checked.triples


def make_release(project: Project, version: str, date: str) -> tuple[Release, ChangeSet]:
    """Freeze the current graph as `version`; return it and its changes against the previous release."""
    triples = current_triples(project)
    release = freeze(project, version, date, triples)
    before = frozen_triples(project, release.previous) if release.previous else []
    return release, diff(before, triples, project.base, release.previous or "(nothing)", version)


def _read(path: Path, base: str) -> list[ox.Triple]:
    if path.is_dir():
        for name in ("noks.nt", "noks.ttl"):
            if (path / name).is_file():
                return _read(path / name, base)
        raise NoksError(Problem("no noks.nt or noks.ttl in this folder", file=path))
    if path.suffix == ".ttl":
        return parse_file(path, base)
    if path.suffix not in FORMATS:
        raise NoksError(
            Problem(
                f"cannot read {path.suffix or 'this'} file as RDF", file=path, hint="use .ttl, .nt, .rdf or .jsonld"
            )
        )
    return [q.triple for q in ox.parse(path=str(path), format=FORMATS[path.suffix], base_iri=base)]


def resolve(project: Project, spec: str) -> list[ox.Triple]:
    """`build`/`current` (the sources now), `latest`, a release version, or an RDF file or folder."""
    if spec in CURRENT:
        return current_triples(project)
    releases = load_releases(project)
    if spec == "latest":
        if not releases:
            raise NoksError(Problem("there is no release yet", hint="make one with `noks release X.Y`"))
        spec = releases[-1].version
    if any(r.version == spec for r in releases):
        return frozen_triples(project, spec)
    path = Path(spec)
    if path.exists():
        return _read(path, project.base)
    known = ", ".join(r.version for r in releases) or "none"
    raise NoksError(Problem(f"{spec!r} is no release, file or folder", hint=f"releases: {known}; or `build`"))


def compare(project: Project, old: str, new: str) -> ChangeSet:
    return diff(resolve(project, old), resolve(project, new), project.base, old, new)

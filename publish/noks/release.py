"""Versioned releases: `noks release X.Y` freezes the checked graph in the tracked folder
`releases/X.Y/` (`noks.ttl`, the graph in canonical Turtle with IRIs relative to the base, and
`release.ttl`, its version, date and predecessor), from which every `noks build` regenerates
`site/releases/X.Y/`. Nothing in `releases/` is ever rewritten; the newest release is "latest".

A release date comes from `--date` or SOURCE_DATE_EPOCH, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from noks.errors import NoksError, Problem
from noks.load import parse_file
from noks.namespaces import DCTERMS, OWL, RDF_TYPE, STANDARD_PREFIXES, XSD, all_prefixes
from noks.project import Project
from noks.terms import natural_key
from noks.turtle import write_turtle

FOLDER = "releases"
GRAPH_FILE = "noks.ttl"
META_FILE = "release.ttl"
DCAT = STANDARD_PREFIXES["dcat"]
_VERSION = re.compile(r"^\d+(\.\d+)+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Release:
    version: str
    date: str  # YYYY-MM-DD
    previous: str | None = None

    @staticmethod
    def path_of(version: str) -> str:
        return f"{FOLDER}/{version}"

    @property
    def path(self) -> str:
        """Its site folder, and its IRI after the base: `releases/1.0`."""
        return self.path_of(self.version)


def release_date(option: str | None, environ: dict[str, str]) -> str:
    """The date of a release: the option, else SOURCE_DATE_EPOCH (UTC), else an error."""
    if option:
        if not _DATE.match(option):
            raise NoksError(Problem(f"release date {option!r} is not YYYY-MM-DD", hint="e.g. --date 2026-12-01"))
        return option
    epoch = environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    raise NoksError(Problem("a release needs a date", hint="pass --date YYYY-MM-DD or set SOURCE_DATE_EPOCH"))


def metadata_triples(release: Release, base: str) -> list[ox.Triple]:
    """What `release.ttl` says (and what the site's copy of the release adds to its graph)."""
    n = ox.NamedNode
    node, dataset = n(base + release.path), n(base + "dataset")
    triples = [
        ox.Triple(node, n(RDF_TYPE), n(DCAT + "Dataset")),
        ox.Triple(node, n(DCAT + "version"), ox.Literal(release.version)),
        ox.Triple(node, n(DCTERMS + "issued"), ox.Literal(release.date, datatype=n(XSD + "date"))),
        ox.Triple(node, n(DCTERMS + "isVersionOf"), dataset),
        ox.Triple(dataset, n(OWL + "versionIRI"), node),
    ]
    if release.previous:
        triples.append(ox.Triple(node, n(DCAT + "previousVersion"), n(base + Release.path_of(release.previous))))
    return triples


def _read_release(folder: Path, base: str) -> Release:
    version = folder.name
    triples = parse_file(folder / META_FILE, base)
    node = base + Release.path_of(version)

    def value(predicate: str) -> str | None:
        found = [t.object.value for t in triples if t.subject.value == node and t.predicate.value == predicate]
        return found[0] if found else None

    date = value(DCTERMS + "issued")
    if not date:
        raise NoksError(Problem(f"release {version} has no dcterms:issued date", file=folder / META_FILE))
    previous = value(DCAT + "previousVersion")
    return Release(version, date, previous.rsplit("/", 1)[-1] if previous else None)


def load_releases(project: Project) -> list[Release]:
    """Every frozen release, oldest first."""
    root = project.root / FOLDER
    if not root.is_dir():
        return []
    folders = [f for f in root.iterdir() if f.is_dir() and _VERSION.match(f.name) and (f / META_FILE).is_file()]
    return [_read_release(f, project.base) for f in sorted(folders, key=lambda f: natural_key(f.name))]


def frozen_triples(project: Project, version: str) -> list[ox.Triple]:
    return parse_file(project.root / FOLDER / version / GRAPH_FILE, project.base)


def freeze(project: Project, version: str, date: str, triples: list[ox.Triple]) -> Release:
    """Write `releases/{version}/`; refuse a malformed, existing or not increasing version."""
    if not _VERSION.match(version):
        raise NoksError(Problem(f"release version {version!r} is not X.Y", hint="e.g. noks release 1.0"))
    existing = load_releases(project)
    if any(r.version == version for r in existing):
        raise NoksError(Problem(f"release {version} exists already", file=project.root / FOLDER / version))
    if existing and natural_key(version) <= natural_key(existing[-1].version):
        raise NoksError(
            Problem(f"release {version} is not newer than {existing[-1].version}", hint="versions only grow")
        )
    release = Release(version, date, existing[-1].version if existing else None)
    folder = project.root / FOLDER / version
    folder.mkdir(parents=True)
    prefixes = all_prefixes(project.base)
    canonical = {"declare_base": False, "relative_prefixes": True}
    (folder / GRAPH_FILE).write_text(write_turtle(triples, prefixes, project.base, **canonical), encoding="utf-8")
    meta = write_turtle(metadata_triples(release, project.base), prefixes, project.base, **canonical)
    (folder / META_FILE).write_text(meta, encoding="utf-8")
    return release

"""Pages taken from the last build when nothing they read of the graph has changed since.

A resource's or a qualification's pages are made from the page index (`pages.Index`), the code and the
templates, nothing else; while they are made, the index notes what they read (`Index.recording`): the
statements of which subjects, the statements pointing to which objects, which resources are on the page
at which paths. After a build, what each such page read is kept beside the site (`site.cache/pages.pickle`)
with the graph it was made from (its N-Triples, `pages.nt`), the site folder it went into and a hash of
the code. The next build compares its graph with that one, line by line: a page whose reads miss every
statement added or removed would come out the same, so its file is copied from the site instead of being
made again (and what it read is kept for the build after). A file that read everything (the register's
list, a count over the register, the ELM export) is taken only if the graph is the same. Another site
folder, other code or a statement with a blank node (the index leaves them out): every page is made.

The build's processes share one ledger per process (`pages` notes, `noted` hands a page's reads to the
process that writes the page); `begin` and `end` open and close it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from noks.namespaces import resource_path
from noks.site_writer import keep

if TYPE_CHECKING:
    from noks.pages import Index

RECORD = "pages.pickle"
GRAPH = "pages.nt"
FORMAT = 3  # a new number when the record's layout changes
PACKAGE = Path(__file__).parent


@dataclass(frozen=True)
class Read:
    """What a group of pages read of the graph (see `pages.Reads`)."""

    subjects: frozenset[str]
    objects: frozenset[str]
    paths: frozenset[str]
    also: bytes = b""  # the hash of what else the pages were made of (a resource's entries in the history)
    everything: bool = False  # the pages read the whole graph

    def __reduce__(self) -> tuple[Callable[..., Read], tuple[object, ...]]:
        return interned, (tuple(self.subjects), tuple(self.objects), tuple(self.paths), self.also, self.everything)

    def touches(self, changed: Read) -> bool:
        if self.everything:
            return bool(changed.subjects or changed.objects or changed.paths)
        return not (
            self.subjects.isdisjoint(changed.subjects)
            and self.objects.isdisjoint(changed.objects)
            and self.paths.isdisjoint(changed.paths)
        )


def interned(
    subjects: Iterable[str], objects: Iterable[str], paths: Iterable[str], also: bytes = b"", everything: bool = False
) -> Read:
    """A `Read` whose texts are interned: the same IRI read by many pages is held once (in this process and
    in the record, which pickles each object once: at 10,000 qualifications 41 MB held, not 91)."""

    def texts(items: Iterable[str]) -> frozenset[str]:
        return frozenset() if everything else frozenset(map(sys.intern, items))  # all of it: none is needed

    return Read(texts(subjects), texts(objects), texts(paths), also, everything)


@dataclass(frozen=True)
class Last:
    """The last build's pages: where they are, what each read, and what changed in the graph since."""

    site: Path
    reads: Mapping[str, Read]
    changed: Read

    def take(self, files: Sequence[str], also: bytes = b"") -> dict[str, bytes] | None:
        """The files as the last build wrote them, if it wrote them all, of the same `also`, and none read
        what changed."""
        for file in files:
            read = self.reads.get(file)
            if read is None or read.also != also or read.touches(self.changed):
                return None
        try:
            return {file: (self.site / file).read_bytes() for file in files}
        except OSError:  # not there any more: made again
            return None


_LAST: list[Last] = []  # the build's, while it runs (in its page workers too: they are forked)
_ACTIVE: list[bool] = []
_NOTED: dict[str, Read] = {}  # page file -> what it read, of the pages this process made or took


def fingerprint(base: str) -> str:
    """The hash of what pages are made by besides the graph: the package's code, templates and strings,
    the libraries that render, and the base IRI."""
    digest = hashlib.sha256(f"{FORMAT} {base} {sys.version}".encode())
    for name in ("jinja2", "markupsafe", "pyoxigraph"):
        digest.update(f"\0{name} {metadata.version(name)}".encode())
    for file in sorted(PACKAGE.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(f"\0{file.relative_to(PACKAGE).as_posix()}\0".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def begin(cache: Path, site: Path, key: str, graph: bytes, base: str) -> None:
    """Open this process's ledger for a build of `graph` into `site`, with the last build's record if it
    holds for this site and code."""
    end()
    _ACTIVE.append(True)
    last = _load(cache, site, key, graph, base)
    if last is not None:
        _LAST.append(last)


def end() -> dict[str, Read]:
    """Close the ledger: what each page made or taken read."""
    noted = dict(_NOTED)
    _NOTED.clear()
    _LAST.clear()
    _ACTIVE.clear()
    return noted


def pages(
    index: Index,
    files: Sequence[str],
    make: Callable[[], dict[str, bytes]],
    also: bytes = b"",
    everything: bool = False,
) -> dict[str, bytes]:
    """The pages `make()` makes, whose files are `files`: taken from the last build if nothing they read
    has changed, else made (noting what they read, while a build's ledger is open). `also`: the hash of
    whatever else than the graph `make` reads, if anything (the pages are taken only if it is the same);
    `everything`: `make` reads the whole graph (nothing is recorded while it runs)."""
    if not _ACTIVE:
        return make()
    if _LAST:
        taken = _LAST[0].take(files, also)
        if taken is not None:
            for file in files:
                _NOTED[file] = _LAST[0].reads[file]
            return taken
    if everything:
        made, made_of = make(), interned((), (), (), also, everything=True)
    else:
        with index.recording() as reads:
            made = make()
        made_of = interned(reads.subjects, reads.objects, reads.paths, also, reads.everything)
    for file in made:
        _NOTED[file] = made_of
    return made


def noted(file: str) -> Read | None:
    """What the page at `file` read (handed over: the ledger forgets it)."""
    return _NOTED.pop(file, None)


def note(file: str, read: Read | None) -> None:
    """Take into this process's ledger what a page made in another process read."""
    if read is not None and _ACTIVE:
        _NOTED[file] = read


def forget(cache: Path) -> None:
    """Remove the record (before the site it describes is replaced)."""
    with contextlib.suppress(FileNotFoundError):
        (cache / RECORD).unlink()


def save(cache: Path, site: Path, key: str, graph: bytes, reads: Mapping[str, Read]) -> None:
    """Keep the record of the build now in `site`: its graph, then what its pages read, under the key."""
    try:
        keep(cache / GRAPH, graph)
        identity = _identity(site)
        record = {"key": key, "site": identity, "graph": hashlib.sha256(graph).hexdigest(), "reads": dict(reads)}
        keep(cache / RECORD, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:  # the folder cannot be written: the next build makes every page
        forget(cache)


def _identity(site: Path) -> tuple[int, int]:
    found = os.stat(site)
    return found.st_dev, found.st_ino


def _load(cache: Path, site: Path, key: str, graph: bytes, base: str) -> Last | None:
    try:
        record = pickle.loads((cache / RECORD).read_bytes())
        old = (cache / GRAPH).read_bytes()
        identity = _identity(site)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None
    if not isinstance(record, dict) or record.get("key") != key or record.get("site") != identity:
        return None
    if record.get("graph") != hashlib.sha256(old).hexdigest():
        return None
    changed = difference(old, graph, base)
    return None if changed is None else Last(site, record["reads"], changed)


def difference(old: bytes, new: bytes, base: str) -> Read | None:
    """What the statements added or removed between two graphs' N-Triples touch: their subjects, their IRI
    objects, and the pages of their subjects. None if one has a blank node (every page is made)."""
    if old == new:
        return Read(frozenset(), frozenset(), frozenset())
    before, after = set(old.split(b"\n")), set(new.split(b"\n"))
    lines = sorted(before.symmetric_difference(after))
    subjects: set[str] = set()
    objects: set[str] = set()
    for statement in _statements(lines):
        if isinstance(statement.subject, ox.BlankNode) or isinstance(statement.object, ox.BlankNode):
            return None
        subjects.add(statement.subject.value)
        if isinstance(statement.object, ox.NamedNode):
            objects.add(statement.object.value)
    paths = {path for path in (resource_path(s, base) for s in subjects) if path is not None}
    return Read(frozenset(subjects), frozenset(objects), frozenset(paths))


def _statements(lines: Iterable[bytes]) -> Iterable[ox.Triple]:
    text = b"\n".join(line for line in lines if line.strip())
    return ox.parse(text, format=ox.RdfFormat.N_TRIPLES)

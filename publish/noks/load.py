"""Read the project's Turtle into triples, and remember where each subject is written."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from noks.errors import NoksError, Problem

_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)
_SUBJECT = re.compile(r"^(<[^>]*>|[\w.-]*:[^\s;,]*)")


@dataclass(frozen=True)
class Origin:
    file: Path
    line: int


class Origins(Mapping[str, Origin]):
    """Subject IRI -> the file and line that introduce it; the files are read on the first lookup only
    (a build without problems to report never needs them)."""

    def __init__(self, files: tuple[Path, ...] = (), base: str = "") -> None:
        self._files, self._base = files, base
        self._found: dict[str, Origin] | None = None

    def _table(self) -> dict[str, Origin]:
        if self._found is None:
            found: dict[str, Origin] = {}
            for path in self._files:
                for iri, line in subject_lines(path, self._base).items():
                    found.setdefault(iri, Origin(path, line))
            self._found = found
        return self._found

    def __getitem__(self, iri: str) -> Origin:
        return self._table()[iri]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


@dataclass(frozen=True)
class Sources:
    """Parsed triples and, for each subject IRI, the file and line that introduce it."""

    triples: list[ox.Triple]
    origins: Mapping[str, Origin] = field(default_factory=dict)
    files: tuple[Path, ...] = ()


def parse_file(path: Path, base: str) -> list[ox.Triple]:
    """Parse one Turtle file (relative IRIs resolve against `base`); errors carry file and line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NoksError(Problem(f"cannot read file: {exc.strerror}", file=path)) from exc
    try:
        # quads in the default graph: they read like triples (subject, predicate, object) and go into a
        # store as they are; turning each into an ox.Triple would cost a quarter of the parse
        return list(ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=base, without_named_graphs=True))
    except SyntaxError as exc:
        raise NoksError(
            Problem(
                f"Turtle syntax error: {_clean(exc.msg)}",
                file=path,
                line=exc.lineno,
                hint=_syntax_hint(exc.msg or ""),
            )
        ) from exc
    except ValueError as exc:
        raise NoksError(Problem(f"invalid RDF: {exc}", file=path, hint="check IRIs and literals")) from exc


def _clean(message: str | None) -> str:
    return (message or "").replace("Parser error at ", "").strip()


def _syntax_hint(message: str) -> str:
    if "prefix" in message and "declared" in message:
        return "declare the prefix at the top of the file (@prefix name: <namespace> .) or fix its spelling"
    if "language" in message.lower():
        return "language tags are BCP 47, e.g. @sr-Latn, @sr-Cyrl, @en"
    return "compare the line with the Turtle syntax (https://www.w3.org/TR/turtle/); every statement ends with ' .'"


def subject_lines(path: Path, base: str) -> dict[str, int]:
    """Map each subject written at the start of a line to that line number (first occurrence).

    Works on the canonical form that `noks fmt` writes (subjects start at column 0) and on most
    hand-written Turtle; it only serves to point error messages at the right place.
    """
    prefixes: dict[str, str] = {}
    found: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        declared = _PREFIX.match(line)
        if declared:
            prefixes[declared.group(1)] = _absolute(declared.group(2), base)
            continue
        if not line or line[0].isspace() or line[0] in "#@)]":
            continue
        token = _SUBJECT.match(line)
        if not token:
            continue
        iri = _resolve(token.group(1), prefixes, base)
        if iri is not None and iri not in found:
            found[iri] = number
    return found


def _absolute(iri: str, base: str) -> str:
    return iri if re.match(r"^[a-zA-Z][\w+.-]*:", iri) else base + iri


def _resolve(token: str, prefixes: dict[str, str], base: str) -> str | None:
    if token.startswith("<"):
        return _absolute(token[1:-1], base)
    prefix, _, local = token.partition(":")
    if prefix in prefixes:
        return prefixes[prefix] + local.replace("\\", "")
    return None


def load_sources(files: list[Path], base: str) -> Sources:
    """Parse every file; collect all syntax errors before failing, so one run shows them all."""
    triples: list[ox.Triple] = []
    problems: list[Problem] = []
    for path in files:
        try:
            triples.extend(parse_file(path, base))
        except NoksError as exc:
            problems.extend(exc.problems)
    if problems:
        raise NoksError(problems)
    return Sources(triples=triples, origins=Origins(tuple(files), base), files=tuple(files))

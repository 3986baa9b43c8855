"""The project: where its folders are and its few settings (from `[tool.noks]` in pyproject.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from noks.errors import NoksError, Problem

DEFAULT_BASE = "https://w3id.org/noks/"
DEFAULT_LANGUAGES = ("sr-Cyrl", "sr-Latn", "en")


@dataclass(frozen=True)
class Project:
    """Paths and settings of one noks project. Conventions: the folder names are the config."""

    root: Path
    base: str = DEFAULT_BASE
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    source_language: str = "sr-Latn"
    site_dir: Path | None = None

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def site(self) -> Path:
        return self.site_dir if self.site_dir is not None else self.root / "site"

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def source_files(self) -> list[Path]:
        """Ontology and data Turtle, in a fixed order."""
        return sorted(self.ontology_dir.glob("*.ttl")) + sorted(self.data_dir.glob("*.ttl"))

    def shape_files(self) -> list[Path]:
        return sorted(self.shapes_dir.glob("*.ttl"))


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` whose pyproject.toml has a [tool.noks] table."""
    for folder in [start.resolve(), *start.resolve().parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "[tool.noks]" in candidate.read_text(encoding="utf-8"):
            return folder
    raise NoksError(
        Problem(
            f"no noks project found at or above {start}",
            hint="run noks inside a project folder (one with pyproject.toml holding [tool.noks]),"
            " or pass --project DIR",
        )
    )


def load_project(root: Path, site_dir: Path | None = None) -> Project:
    """Read `[tool.noks]` from `root/pyproject.toml`."""
    pyproject = root / "pyproject.toml"
    try:
        settings = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("noks", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise NoksError(Problem(f"cannot read settings: {exc}", file=pyproject)) from exc
    base = str(settings.get("base", DEFAULT_BASE))
    if not base.endswith(("/", "#")):
        raise NoksError(
            Problem(f"base IRI {base!r} must end with '/'", file=pyproject, hint='e.g. base = "https://w3id.org/noks/"')
        )
    languages = tuple(settings.get("languages", DEFAULT_LANGUAGES))
    return Project(
        root=root,
        base=base,
        languages=languages,
        source_language=str(settings.get("source-language", "sr-Latn")),
        site_dir=site_dir,
    )

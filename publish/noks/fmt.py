"""`noks fmt`: keep data/*.ttl in the one canonical form (sorted, relative IRIs, standard prefixes)."""

from __future__ import annotations

from pathlib import Path

from noks.load import parse_file
from noks.namespaces import all_prefixes
from noks.project import Project
from noks.turtle import write_turtle


def canonical(path: Path, base: str) -> str:
    """The canonical text of one data file (comments are not kept: use rdfs:comment)."""
    triples = parse_file(path, base)
    return write_turtle(triples, all_prefixes(base), base, declare_base=False, relative_prefixes=True)


def fmt(project: Project, write: bool = True) -> list[Path]:
    """Rewrite every data file that is not canonical; return those files."""
    changed: list[Path] = []
    for path in sorted(project.data_dir.glob("*.ttl")):
        text = canonical(path, project.base)
        if path.read_text(encoding="utf-8") != text:
            changed.append(path)
            if write:
                path.write_text(text, encoding="utf-8")
    return changed

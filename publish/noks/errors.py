"""Domain exceptions: every error a user can cause names the file and line, and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the sources, located as precisely as we can."""

    message: str
    file: Path | None = None
    line: int | None = None
    hint: str = ""
    severity: str = "error"
    resource: str = ""
    rule: str = ""

    def render(self, root: Path | None = None) -> str:
        where = ""
        if self.file is not None:
            shown = self.file
            if root is not None:
                try:
                    shown = self.file.resolve().relative_to(root.resolve())
                except ValueError:
                    shown = self.file
            where = f"{shown}:{self.line}: " if self.line else f"{shown}: "
        head = f"{where}{self.severity}: "
        if self.rule:
            head += f"[{self.rule}] "
        if self.resource:
            head += f"<{self.resource}> "
        text = head + self.message
        if self.hint:
            text += f"\n    how to fix: {self.hint}"
        return text


class NoksError(Exception):
    """A failure the user can fix; carries one or more located problems."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(p.render() for p in self.problems))

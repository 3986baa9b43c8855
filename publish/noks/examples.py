"""The example queries (publish/noks/queries/*.rq): each answers a question users ask, written in
comments at the top (`# en: …`, `# sr-Latn: …`; Cyrillic is derived). A query that selects labels
in one language says so with `VALUES ?language { "en" }`, which `for_language` rewrites."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from noks.project import DEFAULT_BASE
from noks.translit import to_cyrillic

QUERIES = Path(__file__).resolve().parent / "queries"
_QUESTION = re.compile(r"^#\s*(en|sr-Latn):\s*(.+)$")
_LANGUAGE = re.compile(r'(VALUES\s+\?language\s*\{\s*)"[^"]*"(\s*\})')


@dataclass(frozen=True)
class Example:
    slug: str
    text: str
    questions: dict[str, str]
    note: str

    @property
    def per_language(self) -> bool:
        """Whether the answer depends on the language asked for (labels in one language)."""
        return bool(_LANGUAGE.search(self.text))

    def for_language(self, language: str) -> str:
        """The query asking for labels in `language` (unchanged when it has no ?language)."""
        return _LANGUAGE.sub(lambda m: f'{m.group(1)}"{language}"{m.group(2)}', self.text)


def parse_example(path: Path, base: str = DEFAULT_BASE) -> Example:
    """One .rq file: its slug (file name without the order prefix), text, questions and note."""
    text = path.read_text(encoding="utf-8").replace(DEFAULT_BASE, base)
    questions: dict[str, str] = {}
    note: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        found = _QUESTION.match(line)
        if found:
            questions[found.group(1)] = found.group(2).strip()
        else:
            note.append(line.lstrip("#").strip())
    if "sr-Latn" in questions:
        questions["sr-Cyrl"] = to_cyrillic(questions["sr-Latn"])
    slug = re.sub(r"^\d+-", "", path.stem)
    return Example(slug=slug, text=text, questions=questions, note=" ".join(note))


def load_examples(base: str = DEFAULT_BASE, folder: Path = QUERIES) -> list[Example]:
    """Every example query, in the order of the file names."""
    return [parse_example(path, base) for path in sorted(folder.glob("*.rq"))]

"""Writing the site: every output goes into a fresh folder as soon as it is made (the build never holds
the whole site in memory), and the folder replaces the old site only when everything succeeded."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from noks.progress import QUIET, Progress

if TYPE_CHECKING:
    from noks.search_index import SearchIndex
    from noks.search_text import Record


class SiteWriter(Mapping[str, bytes]):
    """{site path: bytes} written straight to disk. Reading a path back reads the written file."""

    def __init__(
        self, folder: Path, progress: Progress = QUIET, clear: bool = True, search: SearchIndex | None = None
    ) -> None:
        self.folder = folder
        self.progress = progress
        self.search = search  # takes each page's search record as the page is written
        self._paths: set[str] = set()
        self._folders: set[str] = set()
        if clear:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)

    def __setitem__(self, path: str, content: bytes) -> None:
        self.write(path, content)

    def write(self, path: str, content: bytes) -> Record | None:
        """Write one output; returns the search record taken of it, if any (for `adopt` in another process)."""
        parent = os.path.dirname(path)
        if parent not in self._folders:
            _folder(os.path.join(self.folder, parent))
            self._folders.add(parent)
        descriptor = os.open(os.path.join(self.folder, path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        self._paths.add(path)
        self.progress.advance()
        return None if self.search is None else self.search.add(path, content)

    def adopt(self, paths: Iterable[str], records: Mapping[str, Record | None] | None = None) -> None:
        """Count as written the paths another process wrote into the same folder (`records`: the search
        records it took of them)."""
        for path in paths:
            self._paths.add(path)
            record = None if records is None else records.get(path)
            if record is not None and self.search is not None:
                self.search.keep(path, record)

    def written(self) -> list[str]:
        return sorted(self._paths)

    def update(self, outputs: Mapping[str, bytes] | Iterable[tuple[str, bytes]]) -> None:
        for path, content in outputs.items() if isinstance(outputs, Mapping) else outputs:
            self[path] = content

    def __getitem__(self, path: str) -> bytes:
        if path not in self._paths:
            raise KeyError(path)
        return (self.folder / path).read_bytes()

    def __contains__(self, path: object) -> bool:
        return path in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._paths))

    def __len__(self) -> int:
        return len(self._paths)


def _folder(path: str) -> None:
    """Make sure the folder exists: one call for a new folder in an existing one, the common case (a page's
    folder; `os.makedirs` would first look at the parent)."""
    try:
        os.mkdir(path)
    except FileNotFoundError:
        os.makedirs(path, exist_ok=True)
    except FileExistsError:
        if not os.path.isdir(path):
            raise


def fresh_folder(site: Path) -> Path:
    return site.with_name(f"{site.name}.new-{os.getpid()}")


def swap(fresh: Path, site: Path) -> None:
    """Put `fresh` in the place of `site`; the old site is deleted in the background (deleting tens of
    thousands of files takes longer than writing them, and nobody needs to wait for it)."""
    if not site.exists():
        fresh.rename(site)
        return
    stale = Path(tempfile.mkdtemp(prefix=f"{site.name}.old-", dir=site.parent))
    site.rename(stale / site.name)
    fresh.rename(site)
    subprocess.Popen(["rm", "-rf", "--", str(stale)], start_new_session=True)


def discard(fresh: Path) -> None:
    shutil.rmtree(fresh, ignore_errors=True)

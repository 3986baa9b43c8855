"""Writing the site: every output goes into a folder beside the site as soon as it is made (the build never
holds the whole site in memory), and the folder replaces the old site only when everything succeeded.

That folder is the site before last, kept beside the site as `{site}.spare` by the previous swap: each
output is compared with the file already in its place and written only if it differs, and what the
build did not write is pruned at the end. The result is the same as in an empty folder, but an
unchanged file is not touched (it keeps its date), and no file or folder is deleted and made again:
on a file system that will not soon reuse a deleted file's inode (ext4 without a journal), making
tens of thousands of files right after deleting as many cost more system time than the whole
rendering."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping
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
        self._folders: set[str] = {""}
        if clear:
            shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)

    def __setitem__(self, path: str, content: bytes) -> None:
        self.write(path, content)

    def write(self, path: str, content: bytes) -> Record | None:
        """Write one output (unless the file in its place already holds it); returns the search record taken
        of it, if any (for `adopt` in another process)."""
        self._make_folder(os.path.dirname(path))
        _put(os.path.join(self.folder, path), content)
        self._paths.add(path)
        self.progress.advance()
        return None if self.search is None else self.search.add(path, content)

    def _make_folder(self, folder: str) -> None:
        """Make sure the folder exists as a real folder, and each folder above it (checked once each)."""
        if folder not in self._folders:
            self._make_folder(os.path.dirname(folder))
            _folder(os.path.join(self.folder, folder))
            self._folders.add(folder)

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


READ_WRITE = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def _put(path: str, content: bytes) -> None:
    """Make the file at `path` hold `content`, leaving it untouched if it already does. A folder or a
    symbolic link in its place is removed first (a link is never followed)."""
    try:
        descriptor = os.open(path, READ_WRITE, 0o644)
    except OSError as exc:  # a folder (EISDIR) or a link (ELOOP) in the way
        if not isinstance(exc, IsADirectoryError) and not os.path.islink(path):
            raise
        _remove(path)
        descriptor = os.open(path, READ_WRITE, 0o644)
    try:
        size = os.fstat(descriptor).st_size
        if size == len(content) and _read(descriptor, size) == content:
            return
        view, offset = memoryview(content), 0
        while offset < len(view):
            offset += os.pwrite(descriptor, view[offset:], offset)
        if size > len(content):
            os.ftruncate(descriptor, len(content))
    finally:
        os.close(descriptor)


def _read(descriptor: int, size: int) -> bytes:
    parts, offset = [], 0
    while offset < size:
        part = os.pread(descriptor, size - offset, offset)
        if not part:
            break
        parts.append(part)
        offset += len(part)
    return b"".join(parts)


def _folder(path: str) -> None:
    """Make sure the folder exists (its parent does): one call for a new folder, the common case. A file or
    a symbolic link in its place (left by an earlier build) is removed first."""
    try:
        os.mkdir(path)
    except FileExistsError:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            _remove(path)
            os.makedirs(path, exist_ok=True)


def _remove(path: str) -> None:
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            shutil.rmtree(path)
        else:
            os.unlink(path)
    except FileNotFoundError:  # another process removed it first
        pass


def prune(folder: Path, keep: Collection[str], listed: Listing | None = None) -> int:
    """Remove from `folder` every file whose site path is not in `keep`, and the folders left empty (what
    an earlier build wrote and this one did not). Returns the number of files removed.

    `listed`: what the folder held, listed beforehand (`list_folder`, in a thread while the build wrote into
    it): a path that has changed kind since (a file that became a folder, or the reverse) is left to the
    build that changed it."""
    files, folders = list_folder(folder) if listed is None else listed
    removed = 0
    for path in files:
        if path not in keep:
            try:
                os.unlink(os.path.join(folder, path))
                removed += 1
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                pass  # no longer there, or now a folder: the build made it so
    needed = {""}
    for path in keep:
        parent = os.path.dirname(path)
        while parent not in needed:
            needed.add(parent)
            parent = os.path.dirname(parent)
    for path in folders:  # deepest first
        if path not in needed:
            try:
                os.rmdir(os.path.join(folder, path))
            except OSError:  # not empty (a file nobody listed), gone, or now a file
                pass
    return removed


Listing = tuple[list[str], list[str]]


def list_folder(folder: Path) -> Listing:
    """Every file (or symbolic link) under `folder` and every folder, by site path; each folder comes after
    what it holds."""
    files: list[str] = []
    folders: list[str] = []

    def visit(directory: str, prefix: str) -> None:
        with os.scandir(directory) as entries:
            for entry in entries:
                path = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    visit(entry.path, path + "/")
                    folders.append(path)
                else:
                    files.append(path)

    visit(str(folder), "")
    return files, folders


def spare_folder(site: Path) -> Path:
    """Where the site before last is kept, for the next build to write into."""
    return site.with_name(f"{site.name}.spare")


def cache_folder(site: Path) -> Path:
    """Where the build keeps what it may reuse next time (the search bundles, the validation's results),
    beside the site."""
    return site.with_name(f"{site.name}.cache")


def keep(file: Path, data: bytes) -> None:
    """Write `file` whole under another name, then rename it into place (its folder made if need be): a
    reader finds the old file or the new one, never half of one; on failure no partial copy is left."""
    temporary = file.with_name(f"{file.name}.{os.getpid()}")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, file)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def claim_folder(site: Path) -> tuple[Path, bool]:
    """The folder the build writes into, and whether it holds an earlier build's files: the spare folder,
    renamed for this build (only one build can take it), else a new empty folder."""
    folder = site.with_name(f"{site.name}.new-{os.getpid()}")
    if folder.exists():  # left by a build that died, with this process number: its files will do
        return folder, True
    try:
        spare_folder(site).rename(folder)
        return folder, True
    except FileNotFoundError:
        folder.mkdir(parents=True)
        return folder, False


def swap(fresh: Path, site: Path) -> None:
    """Put `fresh` in the place of `site`, and keep the old site as the spare folder for the next build. (If
    another build has left a spare meanwhile, the old site is deleted in the background instead: deleting
    tens of thousands of files takes longer than writing them, and nobody needs to wait for it.)"""
    if not site.exists():
        fresh.rename(site)
        return
    spare = spare_folder(site)
    if spare.exists():
        stale = Path(tempfile.mkdtemp(prefix=f"{site.name}.old-", dir=site.parent))
        site.rename(stale / site.name)
        subprocess.Popen(["rm", "-rf", "--", str(stale)], start_new_session=True)
    else:
        site.rename(spare)
    fresh.rename(site)


def release(fresh: Path, site: Path, recycled: bool) -> None:
    """After a failed build: a folder that held an earlier build's files goes back to be the spare (unless
    there is one again), any other is deleted."""
    spare = spare_folder(site)
    if recycled and not spare.exists():
        fresh.rename(spare)
    else:
        shutil.rmtree(fresh, ignore_errors=True)

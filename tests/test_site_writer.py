"""Writing the site: into the site before last (the spare folder), only what changed, swapped in whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from noks.site_writer import SiteWriter, claim_folder, keep, list_folder, prune, release, spare_folder, swap


def test_outputs_are_written_as_they_come_and_read_back(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path / "fresh")
    writer.update({"a/b/index.html": b"<p>1</p>", "noks.ttl": b"x"})
    writer["a/c/index.html"] = b"2"
    assert (tmp_path / "fresh/a/b/index.html").read_bytes() == b"<p>1</p>"
    assert list(writer) == ["a/b/index.html", "a/c/index.html", "noks.ttl"]
    assert writer["noks.ttl"] == b"x" and "a/c/index.html" in writer and "zzz" not in writer


def build_once(site: Path, outputs: dict[str, bytes]) -> Path:
    """What a build does with the folders: claim, write, prune, swap. Returns the folder it wrote into."""
    folder, _ = claim_folder(site)
    writer = SiteWriter(folder, clear=False)
    writer.update(outputs)
    prune(folder, writer)
    swap(folder, site)
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_swap_keeps_the_old_site_as_the_spare_and_the_next_build_writes_into_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_once(site, {"old/index.html": b"old", "same.txt": b"same"})
    assert files(site) == {"old/index.html": b"old", "same.txt": b"same"} and not spare_folder(site).exists()
    build_once(site, {"new/index.html": b"new", "same.txt": b"same"})
    assert files(site) == {"new/index.html": b"new", "same.txt": b"same"}
    assert files(spare_folder(site)) == {"old/index.html": b"old", "same.txt": b"same"}  # the site before
    build_once(site, {"third/index.html": b"3", "same.txt": b"same"})  # written into the spare
    assert files(site) == {"same.txt": b"same", "third/index.html": b"3"}
    assert not (site / "old").exists()  # pruned, folder and all
    assert files(spare_folder(site)) == {"new/index.html": b"new", "same.txt": b"same"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.spare"]


def test_an_unchanged_file_is_not_touched_and_a_changed_one_is_rewritten(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    SiteWriter(folder).update({"same.html": b"a" * 100, "longer.html": b"ab", "shorter.html": b"abcdef", "edit": b"xy"})
    before = {name: os.stat(folder / name) for name in ("same.html", "edit")}
    os.utime(folder / "same.html", ns=(0, 0))
    SiteWriter(folder, clear=False).update(
        {"same.html": b"a" * 100, "longer.html": b"abcd", "shorter.html": b"ab", "edit": b"yx"}
    )
    assert os.stat(folder / "same.html").st_mtime_ns == 0  # not written: its date is the old one
    assert os.stat(folder / "same.html").st_ino == before["same.html"].st_ino
    assert os.stat(folder / "edit").st_ino == before["edit"].st_ino  # rewritten in place
    assert files(folder) == {"edit": b"yx", "longer.html": b"abcd", "same.html": b"a" * 100, "shorter.html": b"ab"}


def in_the_way(tmp_path: Path) -> tuple[Path, Path]:
    """A site folder holding a folder where a file goes, a file where a folder goes, and a link to a folder
    outside it (`outside`, with a page of its own)."""
    folder, outside = tmp_path / "folder", tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_bytes(b"not ours")
    (folder / "was-a-folder/deep").mkdir(parents=True)
    (folder / "was-a-folder/deep/x").write_bytes(b"x")
    (folder / "was-a-file").write_bytes(b"file")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    return folder, outside


def test_files_folders_and_links_in_the_way_are_replaced_and_links_never_followed(tmp_path: Path) -> None:
    folder, outside = in_the_way(tmp_path)
    (folder / "link.html").symlink_to(outside / "index.html")
    writer = SiteWriter(folder, clear=False)
    writer.update(
        {
            "was-a-folder": b"now a file",
            "was-a-file/index.html": b"now a folder",
            "linked/index.html": b"ours",
            "link.html": b"ours too",
        }
    )
    prune(folder, writer)
    assert files(folder) == {
        "link.html": b"ours too",
        "linked/index.html": b"ours",
        "was-a-file/index.html": b"now a folder",
        "was-a-folder": b"now a file",
    }
    assert not (folder / "linked").is_symlink() and not (folder / "link.html").is_symlink()
    assert files(outside) == {"index.html": b"not ours"}


def test_prune_removes_what_was_not_written_and_the_folders_left_empty(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    SiteWriter(folder).update({"a/b/c.html": b"1", "a/keep.html": b"2", "d/e.html": b"3", "top.txt": b"4"})
    assert prune(folder, {"a/keep.html", "top.txt"}) == 2
    assert files(folder) == {"a/keep.html": b"2", "top.txt": b"4"}
    assert sorted(p.name for p in folder.iterdir()) == ["a", "top.txt"]
    assert [p.name for p in (folder / "a").iterdir()] == ["keep.html"]


@pytest.mark.parametrize("recycled", [True, False])
def test_a_failed_build_gives_back_a_recycled_folder_and_deletes_a_new_one(tmp_path: Path, recycled: bool) -> None:
    site = tmp_path / "site"
    build_once(site, {"index.html": b"1"})
    if recycled:
        build_once(site, {"index.html": b"2"})
    folder, was_recycled = claim_folder(site)
    assert was_recycled is recycled and not spare_folder(site).exists()
    SiteWriter(folder, clear=False)["half.html"] = b"half-written"
    release(folder, site, was_recycled)
    assert not folder.exists()
    assert spare_folder(site).exists() is recycled
    assert files(site) == {"index.html": b"2" if recycled else b"1"}


def test_keep_replaces_a_file_whole_and_leaves_nothing_behind_on_failure(tmp_path: Path) -> None:
    file = tmp_path / "cache" / "kept.bin"
    keep(file, b"first")
    keep(file, b"second")
    assert file.read_bytes() == b"second" and sorted(p.name for p in file.parent.iterdir()) == ["kept.bin"]
    (tmp_path / "cache" / "in the way").mkdir()
    with pytest.raises(OSError):
        keep(tmp_path / "cache" / "in the way", b"x")  # a folder cannot be replaced by a file
    assert sorted(p.name for p in file.parent.iterdir()) == ["in the way", "kept.bin"]


def test_a_listing_taken_before_the_writes_prunes_the_same(tmp_path: Path) -> None:
    """The build lists the spare folder while it writes into it: files and folders that changed kind since the
    listing, or were written since, are kept; what the build did not write goes, and the folders it leaves
    empty."""
    folder, outside = in_the_way(tmp_path)
    (folder / "stale/deeper").mkdir(parents=True)
    (folder / "stale/deeper/old.html").write_bytes(b"old")
    (folder / "kept/old.html").parent.mkdir()
    (folder / "kept/old.html").write_bytes(b"old")
    listed = list_folder(folder)
    assert listed[1].index("stale/deeper") < listed[1].index("stale")  # a folder after what it holds
    writer = SiteWriter(folder, clear=False)
    writer.update(
        {
            "was-a-folder": b"now a file",
            "was-a-file/index.html": b"now a folder",
            "linked/index.html": b"ours",
            "kept/new.html": b"new",
        }
    )
    assert prune(folder, writer, listed) == 2  # stale/deeper/old.html and kept/old.html (the writes took the rest)
    assert files(folder) == {
        "kept/new.html": b"new",
        "linked/index.html": b"ours",
        "was-a-file/index.html": b"now a folder",
        "was-a-folder": b"now a file",
    }
    assert sorted(p.name for p in folder.iterdir()) == ["kept", "linked", "was-a-file", "was-a-folder"]
    assert files(outside) == {"index.html": b"not ours"}

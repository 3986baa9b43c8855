"""Writing the site: straight to a fresh folder, swapped in whole."""

from __future__ import annotations

from pathlib import Path

from noks.site_writer import SiteWriter, fresh_folder, swap


def test_outputs_are_written_as_they_come_and_read_back(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path / "fresh")
    writer.update({"a/b/index.html": b"<p>1</p>", "noks.ttl": b"x"})
    writer["a/c/index.html"] = b"2"
    assert (tmp_path / "fresh/a/b/index.html").read_bytes() == b"<p>1</p>"
    assert list(writer) == ["a/b/index.html", "a/c/index.html", "noks.ttl"]
    assert writer["noks.ttl"] == b"x" and "a/c/index.html" in writer and "zzz" not in writer


def test_swap_replaces_the_old_site_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old/index.html").write_text("old")
    fresh = fresh_folder(site)
    SiteWriter(fresh)["new/index.html"] = b"new"
    swap(fresh, site)
    assert (site / "new/index.html").read_text() == "new"
    assert not (site / "old").exists()
    assert not fresh.exists()
    fresh = fresh_folder(site)  # a second build from the same process
    SiteWriter(fresh)["third/index.html"] = b"3"
    swap(fresh, site)
    assert sorted(p.name for p in site.iterdir()) == ["third"]

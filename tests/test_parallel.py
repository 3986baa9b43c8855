"""parallel: pages rendered in forked workers come back exactly as a serial run makes them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from noks import parallel
from noks.build import check
from noks.errors import NoksError, Problem
from noks.pages import shared_index
from noks.project import Project
from noks.register_pages import register_pages
from noks.search_index import SearchIndex
from noks.search_text import page_record
from noks.site import html_site
from noks.site_writer import SiteWriter


@pytest.fixture()
def two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes, and a fork for any number of items (the real threshold spares small sites)."""
    monkeypatch.setenv("NOKS_WORKERS", "2")
    monkeypatch.setattr(parallel, "MIN_SHARE", 1)


def pages_with_pid(items: Sequence[int]) -> dict[str, bytes]:
    return {f"page/{i}": f"{i}:{os.getpid()}".encode() for i in items}


def test_shares_are_contiguous_equal_and_complete() -> None:
    assert parallel.shares(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert parallel.shares("abcd", 2) == ["ab", "cd"]


def test_workers_reads_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOKS_WORKERS", "3")
    assert parallel.workers() == 3
    monkeypatch.setenv("NOKS_WORKERS", "none")
    with pytest.raises(NoksError, match="NOKS_WORKERS"):
        parallel.workers()


def test_pieces_are_rendered_in_two_processes_and_merged_in_order(two_workers: None) -> None:
    def slow(items: Sequence[int]) -> dict[str, bytes]:
        time.sleep(0.05)  # long enough for the worker to start and take pieces too
        return pages_with_pid(items)

    out = parallel.render_shares(list(range(10)), slow)
    assert list(out) == [f"page/{i}" for i in range(10)]
    pids = {int(content.split(b":")[1]) for content in out.values()}
    assert len(pids) == 2 and os.getpid() in pids


def test_one_worker_renders_serially(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOKS_WORKERS", "1")
    monkeypatch.setattr(parallel, "MIN_SHARE", 1)
    out = parallel.render_shares(list(range(10)), pages_with_pid)
    assert {int(content.split(b":")[1]) for content in out.values()} == {os.getpid()}


def test_a_workers_problem_is_raised_in_the_parent(two_workers: None) -> None:
    parent = os.getpid()

    def work(items: Sequence[int]) -> dict[str, bytes]:
        time.sleep(0.05)
        if os.getpid() != parent:
            raise NoksError(Problem("a bad item", resource="urn:x:9"))
        return pages_with_pid(items)

    with pytest.raises(NoksError) as raised:
        parallel.render_shares(list(range(10)), work)
    assert [(p.message, p.resource) for p in raised.value.problems] == [("a bad item", "urn:x:9")]


def test_a_workers_failure_is_raised_with_its_traceback(two_workers: None) -> None:
    parent = os.getpid()

    def work(items: Sequence[int]) -> dict[str, bytes]:
        time.sleep(0.05)
        if os.getpid() != parent:
            raise ValueError("broken in a worker")
        return pages_with_pid(items)

    with pytest.raises(RuntimeError, match="ValueError: broken in a worker"):
        parallel.render_shares(list(range(10)), work)


def test_parallel_site_is_byte_identical_to_serial(
    main_project: Project, monkeypatch: pytest.MonkeyPatch, two_workers: None
) -> None:
    triples = check(main_project).triples
    shared_index(triples, main_project.base)
    parallel_pages = html_site(triples, main_project.base)
    monkeypatch.setenv("NOKS_WORKERS", "1")
    serial_pages = html_site(triples, main_project.base)
    assert len(serial_pages) > 900
    assert list(parallel_pages) == list(serial_pages)
    assert parallel_pages == serial_pages


def test_parallel_register_pages_are_byte_identical_to_serial(
    register_project: Project, monkeypatch: pytest.MonkeyPatch, two_workers: None
) -> None:
    triples = check(register_project).triples
    parallel_pages = register_pages(triples, register_project.base)
    monkeypatch.setenv("NOKS_WORKERS", "1")
    serial_pages = register_pages(triples, register_project.base)
    assert sum(1 for name in serial_pages if "/qualification/" in f"/{name}") >= 6
    assert list(parallel_pages) == list(serial_pages)
    assert parallel_pages == serial_pages


def test_pages_written_by_the_processes_that_render_them(tmp_path: Path, two_workers: None) -> None:
    def slow(items: Sequence[int]) -> dict[str, bytes]:
        time.sleep(0.05)
        return pages_with_pid(items)

    into = SiteWriter(tmp_path / "site")
    into["other/file.txt"] = b"written before"
    assert parallel.render_shares(list(range(10)), slow, into=into) == {}
    assert list(into) == ["other/file.txt", *sorted(f"page/{i}" for i in range(10))]
    writers = {int(into[f"page/{i}"].split(b":")[1]) for i in range(10)}
    assert len(writers) == 2 and os.getpid() in writers


def test_register_pages_written_in_place_are_the_pages_returned(
    register_project: Project, tmp_path: Path, two_workers: None
) -> None:
    triples = check(register_project).triples
    returned = register_pages(triples, register_project.base)
    into = SiteWriter(tmp_path / "site", search=SearchIndex())
    assert register_pages(triples, register_project.base, into=into) == {}
    assert list(into) == sorted(returned)
    assert all(into[path] == content for path, content in returned.items())
    # the search records the workers took of their pages came back with the paths
    records = {path: page_record(page) for path, page in returned.items() if path.endswith(".html")}
    assert into.search is not None and into.search.records == {path: r for path, r in records.items() if r}
    assert sum(1 for path in into.search.records if "qualification/" in path) >= 18


MADE_LATER: list[int] = []


def _seen_in_child(extra: int) -> tuple[int, int, int]:
    """What the standby child sees: its pid, what the parent added to a list after the fork, an argument."""
    return os.getpid(), len(MADE_LATER), extra


def _fails(message: str) -> None:
    raise NoksError(Problem(message))


def _dies() -> None:
    os._exit(3)


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)  # a child still running, or one that ended and was not waited for
    except ChildProcessError:
        return True
    return False


def test_a_standby_child_is_forked_before_and_works_later() -> None:
    standby = parallel.Standby()
    MADE_LATER.extend(range(1000))  # after the fork: the child never had it
    try:
        pid, seen, extra = standby.start(_seen_in_child, 7).result()
    finally:
        MADE_LATER.clear()
    assert pid != os.getpid() and seen == 0 and extra == 7
    assert _no_child_left()


def test_a_standby_childs_error_or_death_is_raised_in_the_parent() -> None:
    with pytest.raises(NoksError) as caught:
        parallel.Standby().start(_fails, "wrong here").result()
    assert caught.value.problems[0].message == "wrong here"
    with pytest.raises(NoksError, match="ended without an answer"):
        parallel.Standby().start(_dies).result()
    assert _no_child_left()


def test_a_standby_child_given_no_work_ends_when_closed() -> None:
    standby = parallel.Standby()
    standby.close()
    standby.close()  # once is enough
    assert _no_child_left()


TWO_STANDBYS = """
from noks.parallel import Standby
first, second = Standby(), Standby()  # the second forked while the first waits for its work
first.close()  # the second must not hold the first's pipe open: the first would wait forever
second.start(sorted, [2, 1]).result()
second.close()
print("closed")
"""


def test_a_standby_given_no_work_ends_though_another_was_forked_after_it() -> None:
    done = subprocess.run([sys.executable, "-c", TWO_STANDBYS], capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout) == (0, "closed\n"), done.stderr


CHILD_WRITES = """
from functools import partial
from noks.parallel import Standby
print("parent before", end=";")  # buffered: stdout is a pipe
Standby().start(partial(print, "standby child", end=";", flush=True)).result()
print("parent after", end=";")
"""


def test_a_child_that_writes_does_not_write_the_parents_buffered_output_again() -> None:
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # stdout buffered
    done = subprocess.run([sys.executable, "-c", CHILD_WRITES], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.split(";") == [
        "parent before", "standby child", "parent after", ""
    ]  # fmt: skip

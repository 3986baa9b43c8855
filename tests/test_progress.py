"""The progress display: counts per stage on a terminal, silence elsewhere."""

from __future__ import annotations

import io

from noks.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_each_stage_with_its_count() -> None:
    stream = Terminal()
    progress = Progress(stream)
    with progress.stage("pages"):
        progress.advance(1200)
    with progress.stage("search index"):
        pass
    lines = stream.getvalue().split("\n")
    assert lines[0].rsplit("\r", 1)[-1].startswith("\x1b[Kpages")
    assert "1,200" in lines[0]
    assert lines[1].rsplit("\r", 1)[-1].startswith("\x1b[Ksearch index")


def test_quiet_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    with progress.stage("pages"):
        progress.advance(5)
    assert stream.getvalue() == ""

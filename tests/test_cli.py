"""The command line: exit codes and messages, no tracebacks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURE_PROJECT


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "noks", *args], capture_output=True, text=True, cwd=cwd)


def test_check_exits_zero_on_warnings_only(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURE_PROJECT, root)  # a copy: the check keeps its results beside the project's site
    result = run("--project", str(root), "check")
    assert result.returncode == 0, result.stderr
    assert "0 violation(s), 3 warning(s)" in result.stdout


def test_check_exits_one_on_violation(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURE_PROJECT, root)
    (root / "data" / "x.ttl").write_text("<level/9> a <http://www.w3.org/2004/02/skos/core#Concept> .\n")
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert "data/x.ttl:1: violation: [nokssh:ConceptNotationShape]" in result.stdout


def test_syntax_error_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURE_PROJECT, root)
    (root / "data" / "x.ttl").write_text('\n\n<a> <b> "unterminated .\n')
    result = run("--project", str(root), "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "x.ttl:3: error: Turtle syntax error" in result.stderr


def test_outside_a_project(tmp_path: Path) -> None:
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "no noks project found" in result.stderr


def test_a_build_exits_at_once_with_its_output_whole(tmp_path: Path) -> None:
    # the command ends with os._exit (nothing freed object by object): its output must still be flushed
    root = tmp_path / "p"
    shutil.copytree(FIXTURE_PROJECT, root)
    result = run("--project", str(root), "build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().splitlines()[-1].startswith("built ")
    assert (root / "site" / "index.html").is_file()

"""The `noks` command: a thin shell, each command parses its options and calls one function."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from noks.build import build, check
from noks.errors import NoksError, Problem
from noks.fmt import fmt
from noks.project import Project, find_root, load_project
from noks.serve import serve


def _project(args: argparse.Namespace) -> Project:
    root = Path(args.project) if args.project else find_root(Path.cwd())
    return load_project(root, Path(args.site).resolve() if getattr(args, "site", None) else None)


def cmd_check(args: argparse.Namespace) -> int:
    project = _project(args)
    report = check(project).report
    for problem in report.problems:
        print(problem.render(project.root))
    print(f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s)")
    return 1 if report.violations else 0


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    built = build(project)
    for problem in built.checked.report.warnings:
        print(problem.render(project.root))
    print(f"built {built.files} files from {len(built.checked.triples)} triples into {built.site}")
    return 0


def cmd_fmt(args: argparse.Namespace) -> int:
    project = _project(args)
    changed = fmt(project, write=not args.check)
    for path in changed:
        print(f"{path.relative_to(project.root)}: {'not canonical' if args.check else 'rewritten'}")
    if args.check and changed:
        print("run `noks fmt` to rewrite them")
        return 1
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    project = _project(args)
    if not (project.site / "index.html").is_file():
        raise NoksError(Problem(f"no site to serve in {project.site}", hint="run `noks build` first"))
    print(f"serving {project.site} at http://{args.host}:{args.port}/ (Ctrl-C stops)")
    serve(project.site, args.host, args.port)
    return 0


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="noks", description="The NOKS as linked open data.")
    main_parser.add_argument("--project", help="project folder (default: nearest one with [tool.noks])")
    sub = main_parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="load, derive and validate; list every problem").set_defaults(func=cmd_check)
    p_build = sub.add_parser("build", help="check, then write site/")
    p_build.add_argument("--site", help="output folder (default: site/ in the project)")
    p_build.set_defaults(func=cmd_build)
    p_fmt = sub.add_parser("fmt", help="rewrite data/*.ttl in the canonical form")
    p_fmt.add_argument("--check", action="store_true", help="only report files that are not canonical")
    p_fmt.set_defaults(func=cmd_fmt)
    p_serve = sub.add_parser("serve", help="preview site/ on 127.0.0.1 with content negotiation")
    p_serve.add_argument("--site", help="folder to serve (default: site/ in the project)")
    p_serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p_serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p_serve.set_defaults(func=cmd_serve)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except NoksError as exc:
        root = getattr(exc, "root", None)
        for problem in exc.problems:
            print(problem.render(root or Path.cwd()), file=sys.stderr)
        print(f"noks {args.command}: failed ({len(exc.problems)} problem(s))", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130

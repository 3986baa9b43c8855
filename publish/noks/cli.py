"""The `noks` command: a thin shell, each command parses its options and calls one function."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from noks.build import build, check
from noks.errors import NoksError, Problem
from noks.fmt import fmt
from noks.progress import Progress
from noks.project import Project, find_root, load_project
from noks.push import push
from noks.query import asked_false, evaluate, load_graph, read_query
from noks.register import import_register
from noks.release import FOLDER, release_date
from noks.results import format_result
from noks.serve import serve
from noks.versioning import compare, make_release


def _project(args: argparse.Namespace) -> Project:
    root = Path(args.project) if args.project else find_root(Path.cwd())
    return load_project(root, Path(args.site).resolve() if getattr(args, "site", None) else None)


def cmd_check(args: argparse.Namespace) -> int:
    project = _project(args)
    report = check(project, Progress()).report
    for problem in report.problems:
        print(problem.render(project.root))
    print(f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s)")
    return 1 if report.violations else 0


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    built = build(project, progress=Progress())
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


def cmd_import(args: argparse.Namespace) -> int:
    project = _project(args)
    imported = import_register(project, Path(args.file), Path(args.out) if args.out else None)
    print(f"imported {imported.qualifications} qualification(s) into {imported.out}")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    graph = load_graph(_project(args))
    if not graph.origin.endswith(".ttl"):
        print(f"noks query: querying {graph.origin}", file=sys.stderr)
    text, file = read_query(args.query)
    result = evaluate(graph, text, file)
    sys.stdout.buffer.write(format_result(result, args.format, graph.base))
    return 1 if asked_false(result) else 0


def cmd_push(args: argparse.Namespace) -> int:
    project = _project(args)
    password = os.environ.get(args.password_env) if args.password_env else None
    if args.password_env and password is None:
        raise NoksError(Problem(f"the environment variable {args.password_env} is not set", hint="export it first"))
    pushed = push(project.site, args.endpoint, args.graph or project.base, args.user, password, args.format)
    print(f"pushed {pushed.triples} triples into <{pushed.graph}> at {pushed.url} (HTTP {pushed.status})")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    project = _project(args)
    if not (project.site / "index.html").is_file():
        raise NoksError(Problem(f"no site to serve in {project.site}", hint="run `noks build` first"))
    print(f"serving {project.site} at http://{args.host}:{args.port}/ (Ctrl-C stops)")
    serve(project.site, args.host, args.port)
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    project = _project(args)
    release, changes = make_release(project, args.version, release_date(args.date, dict(os.environ)))
    print(f"froze release {release.version} ({release.date}) in {FOLDER}/{release.version}/")
    print(changes.to_text().splitlines()[0])
    return cmd_build(args)


def cmd_diff(args: argparse.Namespace) -> int:
    changes = compare(_project(args), args.old, args.new)
    print(changes.to_json() if args.json else changes.to_text(), end="")
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
    p_import = sub.add_parser("import", help="check a register spreadsheet (.csv, .xlsx) and write it as Turtle")
    p_import.add_argument("file", help="the register: one row per qualification (see register.csv-metadata.json)")
    p_import.add_argument("--out", help="the Turtle file to write (default: data/register.ttl)")
    p_import.set_defaults(func=cmd_import)
    p_query = sub.add_parser("query", help="run a SPARQL query over the built graph (exit 0; ASK false 1; error 2)")
    p_query.add_argument("query", help="the query text, or a FILE.rq")
    p_query.add_argument("--format", choices=["table", "csv", "tsv", "json", "xml"], default="table")
    p_query.add_argument("--site", help="the built site to query (default: site/ in the project)")
    p_query.set_defaults(func=cmd_query, error_status=2)
    p_push = sub.add_parser("push", help="put the built graph into a SPARQL Graph Store as a named graph")
    p_push.add_argument("--endpoint", required=True, help="Graph Store URL, e.g. http://127.0.0.1:7878/store")
    p_push.add_argument("--graph", help="named graph IRI (default: the base IRI)")
    p_push.add_argument("--user", help="user name (basic or digest authentication)")
    p_push.add_argument("--password-env", metavar="VAR", help="environment variable holding the password")
    p_push.add_argument("--format", choices=["turtle", "nt"], default="turtle", help="what to send (default turtle)")
    p_push.add_argument("--site", help="the built site (default: site/ in the project)")
    p_push.set_defaults(func=cmd_push)
    p_serve = sub.add_parser("serve", help="preview site/ on 127.0.0.1 with content negotiation")
    p_serve.add_argument("--site", help="folder to serve (default: site/ in the project)")
    p_serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p_serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p_serve.set_defaults(func=cmd_serve)
    p_release = sub.add_parser("release", help="freeze the checked graph as release X.Y in releases/, then build")
    p_release.add_argument("version", help="the new version, e.g. 1.0 (must be newer than the last)")
    p_release.add_argument("--date", help="release date YYYY-MM-DD (default: from SOURCE_DATE_EPOCH)")
    p_release.add_argument("--site", help="output folder of the build (default: site/ in the project)")
    p_release.set_defaults(func=cmd_release)
    p_diff = sub.add_parser("diff", help="what changed between two releases or builds")
    p_diff.add_argument("old", help="a release version, `latest`, `build` (the sources now), or an RDF file or folder")
    p_diff.add_argument("new", nargs="?", default="build", help="the same kinds (default: build)")
    p_diff.add_argument("--json", action="store_true", help="the machine-readable change set")
    p_diff.set_defaults(func=cmd_diff)
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
        return int(getattr(args, "error_status", 1))
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """The `noks` command: `main`, then an exit at once. What the command holds (at 10k qualifications the
    graph, its index and the rendered pages: millions of objects) is not freed one object at a time,
    which took 2.3 s after `noks build`; the operating system takes the process's memory back whole."""
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(status)

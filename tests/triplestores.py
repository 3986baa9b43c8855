"""Real triplestores for the tests, each a private instance on 127.0.0.1 on free ports, in a
temporary folder, stopped by its process id: the Oxigraph server and Virtuoso."""

from __future__ import annotations

import json
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

VIRTUOSO_INI = Path("/usr/share/virtuoso-opensource-7/virtuoso.ini")
VIRTUOSO_PASSWORD = "noks-test-dba"
JSON = "application/sparql-results+json"


@dataclass(frozen=True)
class Store:
    """A running triplestore: where to PUT a graph, where to query, and the credentials."""

    graph_store: str
    query: str
    user: str | None = None
    password: str | None = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 30.0) -> None:
    """Until `url` answers over HTTP (any status); fails early when the process has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')[-2000:]}"
            )
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} not ready after {timeout} s:\n{log.read_text(errors='replace')[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@contextmanager
def oxigraph(folder: Path) -> Iterator[Store]:
    """`oxigraph serve` (pip package `oxigraph`) on a free port, with its store in `folder`."""
    port = free_port()
    log = folder / "oxigraph.log"
    command = [
        shutil.which("oxigraph") or "oxigraph",
        "serve",
        "--location",
        str(folder / "db"),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{port}/", process, log)
        yield Store(f"http://127.0.0.1:{port}/store", f"http://127.0.0.1:{port}/query")
    finally:
        stop(process)


def virtuoso_ini(template: str, folder: Path, sql_port: int, http_port: int) -> str:
    """The packaged virtuoso.ini with its files in `folder` and both ports on 127.0.0.1 only."""
    settings = {
        "Database": {
            "DatabaseFile": folder / "noks.db",
            "ErrorLogFile": folder / "noks.log",
            "LockFile": folder / "noks.lck",
            "TransactionFile": folder / "noks.trx",
            "xa_persistent_file": folder / "noks.pxa",
        },
        "TempDatabase": {"DatabaseFile": folder / "noks-temp.db", "TransactionFile": folder / "noks-temp.trx"},
        "Parameters": {"ServerPort": f"127.0.0.1:{sql_port}", "DirsAllowed": f"., {folder}", "NumberOfBuffers": 10000},
        "HTTPServer": {"ServerPort": f"127.0.0.1:{http_port}"},
    }
    section, out = "", []
    for line in template.splitlines():
        header = re.match(r"^\[(.+)\]\s*$", line)
        if header:
            section = header.group(1)
        key = re.match(r"^([A-Za-z_]+)\s*=", line)
        if key and key.group(1) in settings.get(section, {}):
            line = f"{key.group(1)} = {settings[section][key.group(1)]}"
        out.append(line)
    return "\n".join(out) + "\n"


@contextmanager
def virtuoso(folder: Path) -> Iterator[Store]:
    """A private Virtuoso (Debian `virtuoso-opensource`) in `folder`, its dba password changed."""
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(virtuoso_ini(VIRTUOSO_INI.read_text(), folder, sql_port, http_port))
    log = folder / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(ini)], cwd=folder, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        wait_for(f"http://127.0.0.1:{http_port}/sparql", process, log, timeout=60)
        subprocess.run(
            ["isql-vt", str(sql_port), "dba", "dba", f"EXEC=USER_SET_PASSWORD('dba', '{VIRTUOSO_PASSWORD}');"],
            check=True,
            capture_output=True,
            timeout=30,
        )
        base = f"http://127.0.0.1:{http_port}"
        yield Store(f"{base}/sparql-graph-crud-auth", f"{base}/sparql", "dba", VIRTUOSO_PASSWORD)
    finally:
        stop(process)


def ask(url: str, query: str, graph: str | None = None, accept: str = JSON) -> tuple[bytes, str]:
    """A query over HTTP (SPARQL 1.1 Protocol, POST form; `graph` as the default graph): body, type."""
    fields = {"query": query} | ({"default-graph-uri": graph} if graph else {})
    headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers.get("Content-Type", "")


def count(store: Store, graph: str) -> int:
    body, _ = ask(store.query, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph)
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

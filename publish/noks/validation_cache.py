"""The last validation's results, kept beside the site (`site.cache/validation.nt`) under the hash of all
that made them: the graph as the engine reads it, the shapes as it runs them, and the engine's version.

The engine is deterministic, so the same key gives the same results: a build or a check of a graph that
was already validated (`noks check`, then `noks build`; or a build of unchanged sources) reads them back
instead of validating again. Only the engine's results are kept: they are turned into located problems
each time, with the lines of the sources as they are now. A file that is not whole, of another format or
under another key counts as missing.

The graph those results are of is kept too (`validated.nt`, with the key of the shapes and engine): a
validation of an edited graph starts from them and validates again only what the edit reached
(`validation_delta`).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import pyoxigraph as ox
import rdflib

from noks.graph import in_order
from noks.site_writer import keep

FORMAT = b"# noks validation results 3 "  # a new number when what makes the results changes (here: sparql_constraints)
NAME = "validation.nt"
GRAPH = "validated.nt"  # the graph the kept results are of (what an edit is measured against)
GRAPH_HEAD = b"# noks validated graph 1 "


def shapes_key(shapes: list[ox.Triple]) -> str:
    """The hash of what the results depend on besides the graph: the engine and the shapes (whose blank
    nodes are named canonically, in Oxigraph's way: its version is in the key too)."""
    versions = " ".join(f"{name} {metadata.version(name)}" for name in ("pyshacl_turbo", "pyoxigraph"))
    named = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in shapes)
    named.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    digest = hashlib.sha256(f"{FORMAT.decode()}{versions}\n".encode())
    digest.update("\n".join(sorted(map(str, named))).encode())
    return digest.hexdigest()


def validation_key(triples: Iterable[ox.Triple], shapes: list[ox.Triple] | str) -> str:
    """The hash of what the results depend on: the engine and shapes (`shapes_key`, or that key) and the
    graph's N-Triples (a graph with blank nodes, which the parser names anew each time, is never found
    again: it is invalid anyway)."""
    digest = hashlib.sha256((shapes if isinstance(shapes, str) else shapes_key(shapes)).encode() + b"\0")
    digest.update(in_order(triples).ntriples)
    return digest.hexdigest()


class ValidationCache:
    def __init__(self, folder: Path) -> None:
        self.file = folder / NAME
        self.graph = folder / GRAPH

    def get(self, key: str) -> rdflib.Graph | None:
        """The results kept under `key`, or None."""
        try:
            data = self.file.read_bytes()
        except OSError:
            return None
        head = FORMAT + key.encode() + b"\n"
        end = data.rfind(b"# end\n")
        if not data.startswith(head) or end < 0 or end + len(b"# end\n") != len(data):
            return None
        results = rdflib.Graph()
        try:  # blank nodes keep their labels (the data's own, which problems may name)
            results.parse(data=data[len(head) : end].decode(), format="nt", bnode_context=_SameLabels())
        except Exception:  # noqa: BLE001 - a damaged file: validate again
            return None
        return results

    def put(self, key: str, results: rdflib.Graph, graph: bytes | None = None, shapes: str = "") -> None:
        """Keep `results` under `key` (written whole, then renamed into place), and the `graph` they are of
        with the `shapes` key they were found with, for `last`. Where nothing can be written (a read-only
        checkout, say), nothing is kept: `noks check` still answers."""
        body = results.serialize(format="nt", encoding="utf-8")
        with contextlib.suppress(OSError):
            if graph is not None:
                keep(self.graph, GRAPH_HEAD + f"{key} {shapes}\n".encode() + graph)
            keep(self.file, FORMAT + key.encode() + b"\n" + body + b"# end\n")

    def last(self, shapes: str) -> tuple[bytes, rdflib.Graph] | None:
        """The graph last validated with the same engine and shapes (key `shapes`), and its results."""
        try:
            with open(self.graph, "rb") as file:
                head = file.readline()
                parts = head[len(GRAPH_HEAD) :].split()
                if not head.startswith(GRAPH_HEAD) or len(parts) != 2 or parts[1].decode() != shapes:
                    return None
                results = self.get(parts[0].decode())  # first: without them the graph is not read
                return None if results is None else (file.read(), results)
        except OSError:
            return None


class _SameLabels(dict):
    """What rdflib's N-Triples parser renames a blank node to: nothing, its label stays."""

    def get(self, label: str, default: object = None) -> str:
        return label

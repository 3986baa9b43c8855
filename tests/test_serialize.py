"""The dumps: read back by an independent parser, stable bytes, golden files for the fixture."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from noks.build import Built, build
from noks.namespaces import canonical_language
from noks.project import Project

from .conftest import FIXTURE_PROJECT, GOLDEN, ROOT

FORMATS = {
    "noks.ttl": ox.RdfFormat.TURTLE,
    "noks.nt": ox.RdfFormat.N_TRIPLES,
    "noks.rdf": ox.RdfFormat.RDF_XML,
    "noks.jsonld": ox.RdfFormat.JSON_LD,
}


def normalised(triples) -> set[tuple[str, str, str]]:
    """Triples as comparable strings, language tags compared case-insensitively."""
    out = set()
    for t in triples:
        o = t.object
        if isinstance(o, ox.Literal) and o.language:
            obj = f'"{o.value}"@{canonical_language(o.language)}'
        else:
            obj = str(o)
        out.add((str(t.subject), str(t.predicate), obj))
    return out


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_dumps_read_back_as_the_same_graph(built_main: Built, name: str) -> None:
    expected = normalised(built_main.checked.triples)
    assert len(expected) > 1000
    got = normalised(q.triple for q in ox.parse(path=str(built_main.site / name), format=FORMATS[name]))
    assert got == expected


def test_per_resource_documents_partition_the_graph(built_main: Built) -> None:
    base = "https://w3id.org/noks/"
    ours = {t for t in normalised(built_main.checked.triples) if t[0].startswith("<" + base)}
    from_ttl: set = set()
    from_jsonld: set = set()
    ttl_files = sorted(p for p in built_main.site.rglob("index.ttl"))
    assert len(ttl_files) > 100
    for ttl in ttl_files:
        from_ttl |= normalised(q.triple for q in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
        jsonld = ttl.with_suffix(".jsonld")
        from_jsonld |= normalised(q.triple for q in ox.parse(path=str(jsonld), format=ox.RdfFormat.JSON_LD))
    assert from_ttl == ours
    assert from_jsonld == ours


def test_level_document_is_at_the_path_its_iri_maps_to(built_main: Built) -> None:
    doc = built_main.site / "level" / "6.1" / "index.ttl"
    triples = list(ox.parse(path=str(doc), format=ox.RdfFormat.TURTLE))
    assert {str(t.subject) for t in triples} >= {"<https://w3id.org/noks/level/6.1>"}


def test_jsonld_reads_as_plain_json(built_main: Built) -> None:
    doc = json.loads((built_main.site / "noks.jsonld").read_text(encoding="utf-8"))
    context = json.loads((built_main.site / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert doc["@context"] == context
    level = next(n for n in doc["@graph"] if n["@id"] == "https://w3id.org/noks/level/6.1")
    assert level["prefLabel"]["en"] == "Level 6.1"
    assert set(level["prefLabel"]) == {"en", "sr-Cyrl", "sr-Latn"}
    assert level["notation"] == "6.1"


def _build_with_seed(project: Path, site: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "noks", "--project", str(project), "build", "--site", str(site)],
        check=True,
        env=env,
        capture_output=True,
    )
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("project", [FIXTURE_PROJECT, ROOT], ids=["fixture", "main"])
def test_same_sources_same_bytes_whatever_the_hash_seed(tmp_path: Path, project: Path) -> None:
    first = _build_with_seed(project, tmp_path / "a", "1")
    second = _build_with_seed(project, tmp_path / "b", "4242")
    assert len(first) > 5
    assert first == second


RDF_SUFFIXES = {".ttl", ".jsonld", ".nt", ".rdf"}


def test_fixture_site_matches_golden_files(fixture_project: Project, update_golden: bool) -> None:
    built = build(fixture_project)
    golden = GOLDEN / "project-site"
    produced = {
        str(p.relative_to(built.site)): p.read_bytes()
        for p in sorted(built.site.rglob("*"))
        if p.is_file() and p.suffix in RDF_SUFFIXES  # the HTML site has its own tests (test_site_*.py)
    }
    if update_golden:
        for name, content in produced.items():
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_bytes(content)
    expected = {str(p.relative_to(golden)): p.read_bytes() for p in sorted(golden.rglob("*")) if p.is_file()}
    assert len(expected) > 5, "no golden files: run pytest --update-golden once"
    assert produced.keys() == expected.keys()
    for name in produced:
        assert produced[name] == expected[name], f"{name} differs from its golden file"


def test_fast_writers_restore_tag_case_but_never_touch_literal_text() -> None:
    import pyoxigraph as ox

    from noks.graph import canonical
    from noks.serialize import fast_ntriples, fast_turtle

    s, p = ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p")
    plain = canonical([ox.Triple(s, p, ox.Literal("Nivo", language="sr-Latn")), ox.Triple(s, p, ox.Literal("x"))])
    assert plain.tags == {"sr-latn"} and not plain.quoted
    assert b'"Nivo"@sr-Latn' in fast_turtle(plain, {})
    tricky = ox.Literal('he wrote "@sr-latn here', language="sr-Latn")
    quoted = canonical([ox.Triple(s, p, tricky)])
    assert quoted.quoted
    for data, format_ in (
        (fast_turtle(quoted, {}), ox.RdfFormat.TURTLE),
        (fast_ntriples(quoted), ox.RdfFormat.N_TRIPLES),
    ):
        assert b'\\"@sr-latn here"@sr-Latn' in data
        assert [q.triple for q in ox.parse(data, format=format_)] == [ox.Triple(s, p, tricky)]


def test_tags_are_put_right_in_place_across_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """The in-place fix gives what replacing in the whole text gives, whatever the width of the pieces: a tag
    at the end of a piece is put right too (pieces of 1 to 120 bytes, lines of 44 to 50, tags at every offset)."""
    from noks import serialize

    pairs = serialize._tag_texts(["sr-latn", "sr-cyrl", "sr-latn-rs", "en"], serialize._TURTLE_SITE)
    assert [old for old, _ in pairs] == [b'"@sr-latn-rs', b'"@sr-cyrl', b'"@sr-latn']  # `en` keeps its case
    text = b"".join(b"x" * (n % 7) + b'"a"@sr-latn ;"b"@sr-cyrl,"c"@sr-latn-rs .\n' for n in range(40))
    expected = text
    for old, new in pairs:
        expected = expected.replace(old, new)
    assert expected.count(b"@sr-Latn-RS") == 40 and expected.count(b"@sr-Latn ") == 40
    for piece in range(1, 121):
        monkeypatch.setattr(serialize, "_PIECE", piece)
        buffer = bytearray(text)
        serialize._replace_in_place(memoryview(buffer), pairs)
        assert buffer == expected, piece


def test_a_tag_that_begins_another_does_not_spoil_it() -> None:
    """`sr-latn` begins `sr-latn-rs`: each ends in its own canonical case, in every writer."""
    from noks.graph import canonical
    from noks.serialize import fast_ntriples, fast_rdfxml, fast_turtle

    s, p = ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p")
    graph = canonical([ox.Triple(s, p, ox.Literal(v, language=t)) for v, t in (("a", "sr-Latn"), ("b", "sr-Latn-RS"))])
    for data in (fast_turtle(graph, {}), fast_ntriples(graph)):
        assert b'"a"@sr-Latn ' in data and b'"b"@sr-Latn-RS ' in data and b"sr-latn" not in data
    xml = fast_rdfxml(graph, {})
    assert b'xml:lang="sr-Latn"' in xml and b'xml:lang="sr-Latn-RS"' in xml and b"sr-latn" not in xml


def test_documents_cut_from_the_dumps_are_each_resource_written_alone() -> None:
    """A resource's Turtle and JSON-LD are cut from the dumps' text: the same as writing it alone, for
    IRIs that sort between a resource and its #fragments, line breaks in literals and blank nodes."""
    from noks.graph import canonical
    from noks.jsonld import build_context, graph_nodes
    from noks.namespaces import all_prefixes
    from noks.serialize import fast_rdfxml, fast_turtle, rdf_outputs

    base = "https://example.org/noks/"
    n = ox.NamedNode
    label, note = n("http://www.w3.org/2004/02/skos/core#prefLabel"), n("http://www.w3.org/2004/02/skos/core#note")
    six, six_one, fragment = n(base + "level/6"), n(base + "level/6.1"), n(base + "level/6#outcome-1")
    blank = ox.BlankNode("b1")
    graph = canonical(
        [
            ox.Triple(six, label, ox.Literal("Nivo 6", language="sr-Latn")),
            ox.Triple(six, note, ox.Literal("two\nlines\n<level/6.1> .", language="en")),
            ox.Triple(six, note, blank),
            ox.Triple(blank, label, ox.Literal("anonymous")),
            ox.Triple(fragment, label, ox.Literal("Ishod", language="sr-Latn")),
            ox.Triple(six_one, label, ox.Literal("Nivo 6.1", language="sr-Latn")),
            ox.Triple(six_one, n(base + "ontology#level"), six),
        ]
    )
    out = dict(rdf_outputs(graph, base))
    prefixes = all_prefixes(base)
    context = build_context(graph, prefixes)
    nodes = dict(graph_nodes(graph, prefixes, context))
    for path, subjects in (("level/6", (six, fragment)), ("level/6.1", (six_one,))):
        alone = graph.part(t for t in graph if t.subject in subjects)
        assert out[f"{path}/index.ttl"] == fast_turtle(alone, prefixes)
        document = json.loads(out[f"{path}/index.jsonld"])
        own = [nodes[s.value] for s in sorted(subjects, key=str)]
        used = {key for node in own for key in node}
        assert document["@graph"] == own
        assert document["@context"] == {k: v for k, v in context.items() if not isinstance(v, dict) or k in used}
    assert b'xml:lang="sr-Latn"' in fast_rdfxml(graph, prefixes)
    assert "level/index.ttl" not in out and len([p for p in out if p.endswith("index.ttl")]) == 2

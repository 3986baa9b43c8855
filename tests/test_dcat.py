"""The DCAT-AP 3 description conforms to the EU's shapes; sizes and checksums are those of the site's
files; VoID counts what the dumps hold."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from pyshacl import validate

from noks.build import Built
from noks.dcat import describe
from noks.distributions import distributable
from noks.release import Release
from noks.void import describe_void

DCAT_AP = Path("/work/shared/reference/dcat-ap-3")
SHAPES = Path(__file__).resolve().parent / "fixtures" / "dcat-ap-3"
BASE = "https://w3id.org/noks/"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DISTRIBUTIONS = [
    "eu/qualifications.jsonld",
    "eu/qualifications.rdf",
    "eu/qualifications.ttl",
    "noks.jsonld",
    "noks.nt",
    "noks.rdf",
    "noks.ttl",
    "referencing/criteria.csv",
    "referencing/levels.csv",
    "referencing/referencing.json",
    "tables/codes.csv",
    "tables/codes.csv-metadata.json",
    "tables/equivalences.csv",
    "tables/equivalences.csv-metadata.json",
    "tables/levels.csv",
    "tables/levels.csv-metadata.json",
]


@cache
def shapes(*names: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    for name in names:
        graph.parse(SHAPES / name, format="turtle")
    return graph


def results(data: rdflib.Graph, *names: str) -> set[tuple[str, str, str]]:
    """(severity, path, message start) of every SHACL result."""
    _, report, _ = validate(data, shacl_graph=shapes(*names), inference="none", allow_warnings=True)
    found = set()
    for r in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = str(report.value(r, SH.resultPath) or "")
        found.add((severity, path, str(report.value(r, SH.resultMessage))[:40]))
    return found


@pytest.fixture(scope="module")
def description(built_main: Built) -> rdflib.Graph:
    return rdflib.Graph().parse(built_main.site / "dcat-ap.ttl", format="turtle")


def test_the_shapes_are_the_eus_unchanged() -> None:
    for name in ("shapes.ttl", "range.ttl", "shapes_recommended.ttl", "mdr-vocabularies.shape.ttl"):
        if DCAT_AP.is_dir():
            assert (SHAPES / name).read_bytes() == (DCAT_AP / name).read_bytes()
        assert (SHAPES / name).stat().st_size > 10_000


def test_conforms_to_dcat_ap_mandatory_and_range_shapes(description: rdflib.Graph) -> None:
    assert results(description, "shapes.ttl", "range.ttl") == set()


def test_only_known_deviations_from_the_controlled_vocabulary_shapes(description: rdflib.Graph) -> None:
    # Our publisher is not an EU body; SPDX's own IRI for SHA-256 is http:, the EU shape expects https:.
    found = {(severity, path) for severity, path, _ in results(description, "mdr-vocabularies.shape.ttl")}
    assert found == {
        ("Violation", str(SPDX.algorithm)),
        ("Violation", ""),
        ("Violation", "http://www.w3.org/2004/02/skos/core#inScheme"),
        ("Warning", "http://purl.org/dc/terms/publisher"),
    }


def test_recommended_properties_missing_are_known(description: rdflib.Graph) -> None:
    paths = {
        path.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for _, path, _ in results(description, "shapes_recommended.ttl")
    }
    assert paths == {"description", "contactPoint", "temporal", "type", "bbox", "centroid"}


def test_each_distribution_gives_the_size_and_checksum_of_the_file(
    built_main: Built, description: rdflib.Graph
) -> None:
    dataset = rdflib.URIRef(BASE + "dataset")
    seen = []
    for dist in description.objects(dataset, DCAT.distribution):
        path = str(description.value(dist, DCAT.downloadURL))[len(BASE) :]
        content = (built_main.site / path).read_bytes()
        checksum = description.value(dist, SPDX.checksum)
        assert int(description.value(dist, DCAT.byteSize)) == len(content)
        assert str(description.value(checksum, SPDX.checksumValue)) == hashlib.sha256(content).hexdigest()
        seen.append(path)
    assert sorted(seen) == DISTRIBUTIONS


def test_dates_licence_and_publisher_come_from_the_data(description: rdflib.Graph) -> None:
    dataset = rdflib.URIRef(BASE + "dataset")
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    assert str(description.value(dataset, dct.issued)) == "2026-11-23"
    assert str(description.value(dataset, dct.modified)) == "2026-11-23"
    assert str(description.value(dataset, dct.license)) == "http://creativecommons.org/licenses/by/4.0/"
    assert str(description.value(dataset, dct.publisher)) == BASE + "publisher"


def test_the_elm_export_and_releases_are_described() -> None:
    dataset = ox.NamedNode(BASE + "dataset")
    outputs = {"eu/qualifications.ttl": b"x", "eu/qualifications.jsonld": b"yy", "releases/1.0/noks.ttl": b"zzz"}
    graph = describe([], BASE, outputs, [Release("1.0", "2026-01-01")])
    dists = {t.object.value for t in graph if t.subject == dataset and t.predicate.value.endswith("#distribution")}
    assert dists == {BASE + "dataset#eu/qualifications.ttl", BASE + "dataset#eu/qualifications.jsonld"}
    release = ox.NamedNode(BASE + "releases/1.0")
    assert ox.Triple(release, ox.NamedNode("http://purl.org/dc/terms/isVersionOf"), dataset) in graph
    assert ox.Triple(dataset, ox.NamedNode(str(DCAT.hasCurrentVersion)), release) in graph
    size = [
        t.object.value
        for t in graph
        if t.subject.value == BASE + "releases/1.0#noks.ttl" and "byteSize" in t.predicate.value
    ]
    assert size == ["3"]
    assert not distributable("level/1/index.ttl") and distributable("eu/qualifications.xml")


def test_void_counts_the_dump_and_its_links_to_eu_vocabularies(built_main: Built) -> None:
    void = rdflib.Graph().parse(built_main.site / "void.ttl", format="turtle")
    dataset = rdflib.URIRef(BASE + "dataset")
    lines = (built_main.site / "noks.nt").read_bytes().count(b"\n")
    assert int(void.value(dataset, VOID.triples)) == lines
    linksets = {}
    for linkset in void.objects(dataset, VOID.subset):
        target = str(void.value(linkset, VOID.objectsTarget)).rsplit("#", 1)[-1]
        predicate = str(void.value(linkset, VOID.linkPredicate)).rsplit("#", 1)[-1]
        linksets[(target, predicate)] = int(void.value(linkset, VOID.triples))
    assert linksets[("eqf", "exactMatch")] == 8
    assert linksets[("eqf", "broadMatch")] == 4
    assert linksets[("qdr", "exactMatch")] == 12
    assert linksets[("qdr", "seeAlso")] == 1


def test_void_classes_partition_the_types() -> None:
    s = ox.NamedNode(BASE + "a")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples = [ox.Triple(s, rdf_type, ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept"))]
    out = describe_void(triples, BASE)
    counts = [t.object.value for t in out if t.predicate.value == str(VOID.classes)]
    assert counts == ["1"]

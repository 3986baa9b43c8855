"""The DCAT-AP 3 description of the dataset, its distributions and its releases.

The catalogue and dataset facts (title, publisher, licence, issued and modified dates, themes,
languages) come from the data (`data/dataset.ttl`); the build adds one distribution per file it
publishes for re-use (`noks.distributions`), one `dcat:Dataset` per frozen release
(`dcterms:isVersionOf` the dataset), and the class and scheme triples the DCAT-AP shapes ask of
the values it uses. Written to `dcat-ap.ttl` and `dcat-ap.jsonld` (the documents of `catalog`
and `dataset` stay the graph's own triples, like every resource's).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox

from noks.distributions import AUTHORITY, DCAT, SPDX, distributable, distribution
from noks.graph import to_store
from noks.jsonld import write_jsonld
from noks.namespaces import DCTERMS, OWL, RDF_TYPE, RDFS, SKOS, STANDARD_PREFIXES, XSD, all_prefixes
from noks.release import Release
from noks.turtle import write_turtle
from noks.void import void_document

FOAF = STANDARD_PREFIXES["foaf"]
LICENCE_TYPE = "http://purl.org/adms/licencetype/"
DESCRIPTION = "dcat-ap"

# Class of the values of a property, as the DCAT-AP range shapes expect it.
RANGES: dict[str, str] = {
    DCTERMS + "language": DCTERMS + "LinguisticSystem",
    DCTERMS + "spatial": DCTERMS + "Location",
    DCTERMS + "accrualPeriodicity": DCTERMS + "Frequency",
    DCTERMS + "format": DCTERMS + "MediaTypeOrExtent",
    DCAT + "mediaType": DCTERMS + "MediaType",
    DCTERMS + "conformsTo": DCTERMS + "Standard",
    DCAT + "landingPage": FOAF + "Document",
    DCAT + "theme": SKOS + "Concept",
    DCTERMS + "type": SKOS + "Concept",
}
NAMES = (SKOS + "prefLabel", RDFS + "label", DCTERMS + "title", FOAF + "name")


def _named(graph: Mapping[str, Mapping[str, list]], triples: list[ox.Triple]) -> list[ox.Triple]:
    """The types, names and schemes the graph gives to every IRI the description mentions."""
    mentioned = {term.value for t in triples for term in (t.subject, t.object) if isinstance(term, ox.NamedNode)}
    keep = (RDF_TYPE, *NAMES, DCTERMS + "type", SKOS + "inScheme")
    return [
        ox.Triple(ox.NamedNode(iri), ox.NamedNode(p), o)
        for iri in sorted(mentioned)
        for p in keep
        for o in graph.get(iri, {}).get(p, [])
    ]


def _value_classes(triples: list[ox.Triple]) -> list[ox.Triple]:
    """The class of each value the range shapes check, and the scheme of each EU authority-table value."""
    n = ox.NamedNode
    out: list[ox.Triple] = []
    for t in triples:
        if not isinstance(t.object, ox.NamedNode):
            continue
        if t.predicate.value in RANGES:
            out.append(ox.Triple(t.object, n(RDF_TYPE), n(RANGES[t.predicate.value])))
        iri = t.object.value
        scheme = None
        if iri.startswith(AUTHORITY) and iri.count("/") == AUTHORITY.count("/") + 1:
            scheme = iri.rsplit("/", 1)[0]
        elif iri.startswith(LICENCE_TYPE):
            scheme = LICENCE_TYPE + "1.0"
        if scheme:
            out += [
                ox.Triple(t.object, n(RDF_TYPE), n(SKOS + "Concept")),
                ox.Triple(t.object, n(SKOS + "inScheme"), n(scheme)),
            ]
            out.append(ox.Triple(n(scheme), n(RDF_TYPE), n(SKOS + "ConceptScheme")))
    return out


def _release(release: Release, dataset: str, graph: Mapping, base: str) -> list[ox.Triple]:
    n = ox.NamedNode
    node = n(base + release.path)
    triples = [
        ox.Triple(n(dataset), n(DCTERMS + "hasVersion"), node),
        ox.Triple(node, n(RDF_TYPE), n(DCAT + "Dataset")),
        ox.Triple(node, n(DCTERMS + "isVersionOf"), n(dataset)),
        ox.Triple(node, n(DCAT + "version"), ox.Literal(release.version)),
        ox.Triple(node, n(OWL + "versionInfo"), ox.Literal(release.version)),
        ox.Triple(node, n(DCTERMS + "issued"), ox.Literal(release.date, datatype=n(XSD + "date"))),
    ]
    if release.previous:
        triples.append(ox.Triple(node, n(DCAT + "previousVersion"), n(base + Release.path_of(release.previous))))
    words = {"sr-latn": "izdanje", "sr-cyrl": "издање", "en": "release"}
    for predicate in (DCTERMS + "title", DCTERMS + "description"):
        for literal in graph.get(dataset, {}).get(predicate, []):
            text = literal.value
            if predicate.endswith("title"):
                text = f"{text}, {words.get((literal.language or '').lower(), 'release')} {release.version}"
            triples.append(ox.Triple(node, n(predicate), ox.Literal(text, language=literal.language)))
    return triples


class Described(Mapping[str, dict[str, list]]):
    """Subject IRI -> predicate IRI -> objects, looked up in the graph's store on demand (the
    description needs a few dozen subjects of a graph that may hold hundreds of thousands)."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._seen: dict[str, dict[str, list]] = {}

    def __getitem__(self, iri: str) -> dict[str, list]:
        if iri not in self._seen:
            found: dict[str, list] = {}
            for q in self._store.quads_for_pattern(ox.NamedNode(iri), None, None, ox.DefaultGraph()):
                found.setdefault(q.predicate.value, []).append(q.object)
            self._seen[iri] = found
        if not self._seen[iri]:
            raise KeyError(iri)
        return self._seen[iri]

    def __iter__(self) -> Iterator[str]:
        raise TypeError("a Described graph is looked up, not listed")

    def __len__(self) -> int:
        raise TypeError("a Described graph is looked up, not listed")


def describe(
    triples: list[ox.Triple], base: str, outputs: Mapping[str, bytes], releases: Iterable[Release]
) -> list[ox.Triple]:
    """The DCAT-AP graph: catalogue, dataset, distributions (with sizes and checksums), releases."""
    graph = Described(to_store(triples))
    catalog, dataset = base + "catalog", base + "dataset"
    n = ox.NamedNode
    licences = [o.value for o in graph.get(dataset, {}).get(DCTERMS + "license", [])]
    licence = licences[0] if licences else None
    # all their triples but dcterms:source, which DCAT-AP reserves for a dataset a dataset comes from
    out = [
        ox.Triple(n(s), n(p), o)
        for s in (catalog, dataset)
        for p, objs in graph.get(s, {}).items()
        if p != DCTERMS + "source"
        for o in objs
    ]
    out += [
        ox.Triple(n(dataset), n(DCAT + "landingPage"), n(base)),
        ox.Triple(n(catalog), n(FOAF + "homepage"), n(base)),
    ]
    for path in sorted(p for p in outputs if distributable(p)):
        out += distribution(dataset, path, path, outputs[path], base, licence)
    releases = list(releases)
    for release in releases:
        out += _release(release, dataset, graph, base)
        out.append(ox.Triple(n(catalog), n(DCAT + "dataset"), n(base + release.path)))
        prefix = release.path + "/"
        for path in sorted(p for p in outputs if p.startswith(prefix) and p[len(prefix) :].startswith("noks.")):
            out += distribution(base + release.path, path[len(prefix) :], path, outputs[path], base, licence)
    if releases:
        out.append(ox.Triple(n(dataset), n(DCAT + "hasCurrentVersion"), n(base + releases[-1].path)))
    out += _value_classes(out)
    out += _named(graph, out)
    out += _named(graph, out)  # twice: the schemes of the values found the first time
    return list(dict.fromkeys(out))


def dcat_documents(
    triples: list[ox.Triple], base: str, outputs: Mapping[str, bytes], releases: Iterable[Release]
) -> dict[str, bytes]:
    """The DCAT-AP description, `dcat-ap.ttl` and `dcat-ap.jsonld` (the URL to give a harvester)."""
    described = describe(triples, base, outputs, releases)
    prefixes = {**all_prefixes(base), "spdx": SPDX}
    turtle = write_turtle(described, prefixes, base).encode()
    jsonld = write_jsonld(described, prefixes).encode()
    return {f"{DESCRIPTION}.ttl": turtle, f"{DESCRIPTION}.jsonld": jsonld}


def dataset_metadata(
    triples: list[ox.Triple], base: str, outputs: Mapping[str, bytes], releases: Iterable[Release]
) -> dict[str, bytes]:
    """The DCAT-AP and VoID descriptions. Call it last: it describes the files gathered before it."""
    return {**dcat_documents(triples, base, outputs, releases), **void_document(triples, base)}

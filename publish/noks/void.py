"""The VoID description of the published graph (`site/void.ttl`): its size, its classes, its
vocabularies, its dumps, and one link set per EU vocabulary (EQF, QDR) and linking property."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox

from noks.namespaces import DCTERMS, EQF, QDR, RDF_TYPE, STANDARD_PREFIXES, XSD, all_prefixes
from noks.terms import compact
from noks.turtle import write_turtle

VOID = STANDARD_PREFIXES["void"]
DUMPS = ("noks.nt", "noks.ttl", "noks.jsonld", "noks.rdf")
# The EU vocabularies we link to: (key, namespace, IRI of the scheme in our graph).
TARGETS = (("eqf", EQF, EQF + "25831c2"), ("qdr", QDR, QDR + "25831c2"))


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _local(iri: str, prefixes: dict[str, str]) -> str:
    return (compact(iri, prefixes) or iri).replace(":", "-").replace("/", "-").replace("#", "-")


def describe_void(triples: list[ox.Triple], base: str) -> list[ox.Triple]:
    n = ox.NamedNode
    prefixes = all_prefixes(base)
    dataset = n(base + "dataset")

    def integer(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=n(XSD + "integer"))

    out = [
        ox.Triple(dataset, n(RDF_TYPE), n(VOID + "Dataset")),
        ox.Triple(dataset, n(VOID + "triples"), integer(len(set(triples)))),
        ox.Triple(dataset, n(VOID + "distinctSubjects"), integer(len({t.subject for t in triples}))),
        ox.Triple(dataset, n(VOID + "properties"), integer(len({t.predicate for t in triples}))),
        ox.Triple(dataset, n(VOID + "uriSpace"), ox.Literal(base)),
    ]
    out += [ox.Triple(dataset, n(VOID + "dataDump"), n(base + name)) for name in DUMPS]
    classes = Counter(
        t.object.value for t in triples if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode)
    )
    out.append(ox.Triple(dataset, n(VOID + "classes"), integer(len(classes))))
    for cls, count in sorted(classes.items()):
        part = n(f"{dataset.value}#class-{_local(cls, prefixes)}")
        out += [
            ox.Triple(dataset, n(VOID + "classPartition"), part),
            ox.Triple(part, n(VOID + "class"), n(cls)),
            ox.Triple(part, n(VOID + "entities"), integer(count)),
        ]
    vocabularies = {_namespace(t.predicate.value) for t in triples} - {_namespace(base + "x")}
    out += [ox.Triple(dataset, n(VOID + "vocabulary"), n(ns)) for ns in sorted(vocabularies)]
    out += _linksets(triples, base, dataset, prefixes)
    return out


def _linksets(triples: list[ox.Triple], base: str, dataset: ox.NamedNode, prefixes: dict[str, str]) -> list[ox.Triple]:
    n = ox.NamedNode
    out: list[ox.Triple] = []
    for key, namespace, scheme in TARGETS:
        links = Counter(
            t.predicate.value
            for t in triples
            if t.subject.value.startswith(base)
            and isinstance(t.object, ox.NamedNode)
            and t.object.value.startswith(namespace)
        )
        if not links:
            continue
        target = n(f"{dataset.value}#{key}")
        out += [
            ox.Triple(target, n(RDF_TYPE), n(VOID + "Dataset")),
            ox.Triple(target, n(VOID + "uriSpace"), ox.Literal(namespace)),
            ox.Triple(target, n(VOID + "rootResource"), n(scheme)),
        ]
        title = DCTERMS + "title"
        out += [
            ox.Triple(target, n(title), t.object)
            for t in triples
            if t.subject.value == scheme and t.predicate.value == title
        ]
        for predicate, count in sorted(links.items()):
            linkset = n(f"{dataset.value}#links-{key}-{_local(predicate, prefixes)}")
            out += [
                ox.Triple(dataset, n(VOID + "subset"), linkset),
                ox.Triple(linkset, n(RDF_TYPE), n(VOID + "Linkset")),
                ox.Triple(linkset, n(VOID + "subjectsTarget"), dataset),
                ox.Triple(linkset, n(VOID + "objectsTarget"), target),
                ox.Triple(linkset, n(VOID + "linkPredicate"), n(predicate)),
                ox.Triple(linkset, n(VOID + "triples"), ox.Literal(str(count), datatype=n(XSD + "integer"))),
            ]
    return out


def void_document(triples: list[ox.Triple], base: str) -> dict[str, bytes]:
    return {"void.ttl": write_turtle(describe_void(triples, base), all_prefixes(base), base).encode()}

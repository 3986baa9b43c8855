"""The VoID description of the published graph (`site/void.ttl`): its size, its classes, its
vocabularies, its dumps, and one link set per EU vocabulary (EQF, QDR) and linking property."""

from __future__ import annotations

import pyoxigraph as ox

from noks.graph import to_store
from noks.namespaces import DCTERMS, EQF, QDR, RDF_TYPE, STANDARD_PREFIXES, XSD, all_prefixes
from noks.pages import Index, shared_index
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


def _count(store: ox.Store, query: str) -> int:
    return int(next(iter(store.query(query)))[0].value)


def describe_void(triples: list[ox.Triple], base: str) -> list[ox.Triple]:
    n = ox.NamedNode
    prefixes = all_prefixes(base)
    dataset = n(base + "dataset")
    store, index = to_store(triples), shared_index(triples, base)

    def integer(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=n(XSD + "integer"))

    if index.complete:  # the index holds every statement: its subjects and predicates are at hand
        subjects, predicates = len(index.out), {p for by_predicate in index.out.values() for p in by_predicate}
    else:  # a blank node (which the shapes forbid): ask the store, which has every statement
        subjects = _count(store, DISTINCT_SUBJECTS)
        predicates = {row[0].value for row in store.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}
    out = [
        ox.Triple(dataset, n(RDF_TYPE), n(VOID + "Dataset")),
        ox.Triple(dataset, n(VOID + "triples"), integer(len(store))),
        ox.Triple(dataset, n(VOID + "distinctSubjects"), integer(subjects)),
        ox.Triple(dataset, n(VOID + "properties"), integer(len(predicates))),
        ox.Triple(dataset, n(VOID + "uriSpace"), ox.Literal(base)),
    ]
    out += [ox.Triple(dataset, n(VOID + "dataDump"), n(base + name)) for name in DUMPS]
    classes = {row[0].value: int(row[1].value) for row in store.query(CLASSES)}
    out.append(ox.Triple(dataset, n(VOID + "classes"), integer(len(classes))))
    for cls, count in sorted(classes.items()):
        part = n(f"{dataset.value}#class-{_local(cls, prefixes)}")
        out += [
            ox.Triple(dataset, n(VOID + "classPartition"), part),
            ox.Triple(part, n(VOID + "class"), n(cls)),
            ox.Triple(part, n(VOID + "entities"), integer(count)),
        ]
    vocabularies = {_namespace(p) for p in predicates} - {_namespace(base + "x")}
    out += [ox.Triple(dataset, n(VOID + "vocabulary"), n(ns)) for ns in sorted(vocabularies)]
    out += _linksets(store, index, dataset, prefixes)
    return out


DISTINCT_SUBJECTS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"
CLASSES = "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c"


def _links(index: Index, namespace: str) -> dict[str, int]:
    """Linking predicate -> how many statements link a resource of ours (under the base) to one in `namespace`."""
    links: dict[str, int] = {}
    for obj, by_predicate in index.into.items():
        if obj.startswith(namespace):
            for predicate, subjects in by_predicate.items():
                count = sum(1 for s in subjects if s.startswith(index.base))
                if count:
                    links[predicate] = links.get(predicate, 0) + count
    return links


def _linksets(store: ox.Store, index: Index, dataset: ox.NamedNode, prefixes: dict[str, str]) -> list[ox.Triple]:
    n = ox.NamedNode
    out: list[ox.Triple] = []
    for key, namespace, scheme in TARGETS:
        links = _links(index, namespace)
        if not links:
            continue
        target = n(f"{dataset.value}#{key}")
        out += [
            ox.Triple(target, n(RDF_TYPE), n(VOID + "Dataset")),
            ox.Triple(target, n(VOID + "uriSpace"), ox.Literal(namespace)),
            ox.Triple(target, n(VOID + "rootResource"), n(scheme)),
        ]
        title = n(DCTERMS + "title")
        titles = store.quads_for_pattern(n(scheme), title, None, ox.DefaultGraph())
        out += [ox.Triple(target, title, q.object) for q in titles]
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

"""Prefixes, and the one function that maps an IRI to its place in the site."""

from __future__ import annotations

from functools import lru_cache

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SH = "http://www.w3.org/ns/shacl#"
SCHEMA = "https://schema.org/"
EQF = "http://data.europa.eu/snb/eqf/"
QDR = "http://data.europa.eu/snb/qdr/"
ELM = "http://data.europa.eu/snb/model/elm/"

RDF_TYPE = RDF + "type"

# Standard prefixes, used by every writer. Project prefixes (relative to the base) are added by
# `project_prefixes`.
STANDARD_PREFIXES: dict[str, str] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatap": "http://data.europa.eu/r5r/",
    "dcterms": DCTERMS,
    "elm": ELM,
    "eli": "http://data.europa.eu/eli/ontology#",
    "eqf": EQF,
    "esco": "http://data.europa.eu/esco/model#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "isced": "http://data.europa.eu/snb/isced-f/",
    "org": "http://www.w3.org/ns/org#",
    "owl": OWL,
    "prov": PROV,
    "qdr": QDR,
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": SCHEMA,
    "sh": SH,
    "skos": SKOS,
    "vann": "http://purl.org/vocab/vann/",
    "void": "http://rdfs.org/ns/void#",
    "xkos": "http://rdf-vocabulary.ddialliance.org/xkos#",
    "xsd": XSD,
}

# Prefixes for the project's own namespaces, relative to the base IRI.
PROJECT_PREFIXES: dict[str, str] = {
    "noks": "ontology#",
    "nokssh": "shapes#",
}


def noks_term(base: str, local: str) -> str:
    """The IRI of a term of the project's ontology."""
    return f"{base}ontology#{local}"


def all_prefixes(base: str) -> dict[str, str]:
    """Standard and project prefixes, with the project's made absolute under `base`."""
    prefixes = dict(STANDARD_PREFIXES)
    prefixes.update({name: base + rel for name, rel in PROJECT_PREFIXES.items()})
    return prefixes


def resource_path(iri: str, base: str) -> str | None:
    """The site folder (relative, no leading or trailing slash) that holds a resource's documents.

    `https://w3id.org/noks/level/6.1#eqf` -> `level/6.1`; the base itself -> ``;
    an IRI outside the base -> None (we publish no documents for other people's resources).
    """
    if not iri.startswith(base):
        return None
    local = iri[len(base) :].split("#", 1)[0].strip("/")
    return local


@lru_cache(maxsize=256)
def canonical_language(tag: str) -> str:
    """BCP 47 case conventions: `sr-latn` -> `sr-Latn`, `en-gb` -> `en-GB`."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)

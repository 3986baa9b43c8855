"""One DCAT distribution per file the site publishes for re-use: its URL, EU file type, IANA media
type, byte size and SHA-256 checksum, computed from the very bytes the build writes."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from noks.namespaces import DCTERMS, RDF_TYPE, STANDARD_PREFIXES, XSD
from noks.translit import to_cyrillic

DCAT = STANDARD_PREFIXES["dcat"]
DCATAP = STANDARD_PREFIXES["dcatap"]
SPDX = "http://spdx.org/rdf/terms#"
SHA256 = SPDX + "checksumAlgorithm_sha256"  # the SPDX IRI (http:), which the EU's mdr shape expects as https:
AUTHORITY = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
CSVW = "http://www.w3.org/ns/csvw"

# file name ending -> (EU file type, IANA media type)
FORMATS: dict[str, tuple[str, str]] = {
    ".ttl": ("RDF_TURTLE", "text/turtle"),
    ".jsonld": ("JSON_LD", "application/ld+json"),
    ".nt": ("RDF_N_TRIPLES", "application/n-triples"),
    ".rdf": ("RDF_XML", "application/rdf+xml"),
    ".csv": ("CSV", "text/csv"),
    ".csv-metadata.json": ("JSON", "application/csvm+json"),
    ".json": ("JSON", "application/json"),
    ".xml": ("XML", "application/xml"),
}
# (path prefix, (sr-Latn, en) title): the files described; the file name is added after a comma.
KINDS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("noks.", ("Ceo graf", "The whole graph")),
    ("tables/", ("Tabela", "Table")),
    ("referencing/", ("Povezivanje sa EOK-om", "EQF referencing")),
    ("eu/qualifications.", ("Izvoz po Evropskom modelu učenja (ELM)", "Export in the European Learning Model (ELM)")),
)


ENDINGS = sorted(FORMATS, key=len, reverse=True)  # the longest first: `.csv-metadata.json` before `.json`
PREFIXES = tuple(prefix for prefix, _ in KINDS)


def _format(path: str) -> tuple[str, str] | None:
    for extension in ENDINGS:
        if path.endswith(extension):
            return FORMATS[extension]
    return None


def distributable(path: str) -> bool:
    """Whether a site file is described as a distribution (the dumps, tables, referencing data, ELM)."""
    return path.startswith(PREFIXES) and _format(path) is not None


def _titles(name: str) -> dict[str, str]:
    latin, english = next(title for prefix, title in KINDS if name.startswith(prefix))
    return {"sr-Latn": f"{latin}, {name}", "sr-Cyrl": f"{to_cyrillic(latin)}, {name}", "en": f"{english}, {name}"}


def distribution(owner: str, name: str, path: str, content: bytes, base: str, licence: str | None) -> list[ox.Triple]:
    """The distribution `{owner}#{name}` of a dataset: the site file at `path`, whose bytes are `content`."""
    file_type, media_type = _format(path) or ("OCTET", "application/octet-stream")
    node = ox.NamedNode(f"{owner}#{name}")
    checksum = ox.NamedNode(node.value + "-sha256")
    url = ox.NamedNode(base + path)
    n = ox.NamedNode
    triples = [
        ox.Triple(n(owner), n(DCAT + "distribution"), node),
        ox.Triple(node, n(RDF_TYPE), n(DCAT + "Distribution")),
        ox.Triple(node, n(DCAT + "accessURL"), url),
        ox.Triple(node, n(DCAT + "downloadURL"), url),
        ox.Triple(node, n(DCTERMS + "format"), n(f"{AUTHORITY}file-type/{file_type}")),
        ox.Triple(node, n(DCAT + "mediaType"), n(IANA + media_type)),
        ox.Triple(node, n(DCAT + "byteSize"), ox.Literal(str(len(content)), datatype=n(XSD + "nonNegativeInteger"))),
        ox.Triple(node, n(SPDX + "checksum"), checksum),
        ox.Triple(checksum, n(RDF_TYPE), n(SPDX + "Checksum")),
        ox.Triple(checksum, n(SPDX + "algorithm"), n(SHA256)),
        ox.Triple(n(SHA256), n(RDF_TYPE), n(SPDX + "ChecksumAlgorithm")),
        ox.Triple(node, n(DCATAP + "availability"), n(AUTHORITY + "planned-availability/STABLE")),
        ox.Triple(
            checksum,
            n(SPDX + "checksumValue"),
            ox.Literal(hashlib.sha256(content).hexdigest(), datatype=n(XSD + "hexBinary")),
        ),
    ]
    triples += [
        ox.Triple(node, n(DCTERMS + "title"), ox.Literal(text, language=lang)) for lang, text in _titles(name).items()
    ]
    if path.endswith(".csv-metadata.json"):
        triples.append(ox.Triple(node, n(DCTERMS + "conformsTo"), n(CSVW)))
    if licence:
        triples.append(ox.Triple(node, n(DCTERMS + "license"), n(licence)))
    return triples

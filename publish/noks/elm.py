"""The ELM v3 view of the register, for the Europass Qualification Dataset Register (QDR).

A separate graph (the EU's LOQ shapes are closed: any predicate they do not list is a violation),
written as `site/eu/qualifications.ttl`, `.rdf` (what the QDR ingests) and `.jsonld`. Each
esco:Qualification becomes an elm:Qualification with its title, description of work, learning
outcomes, EQF level (derived), NQF level on the EU QDR concept of its NOKS level, ISCED-F field on
the EU concept, type, entry requirements, ECTS credits and register identifier. Every concept value
carries its own rdf:type skos:Concept, skos:inScheme and labels, as the EU shapes require. With no
qualification in the register the view holds only its own description, which says so.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from noks.jsonld import write_jsonld
from noks.namespaces import DCTERMS, ELM, EQF, QDR, RDF_TYPE, SKOS, STANDARD_PREFIXES, XSD, all_prefixes, noks_term
from noks.pages import Index, shared_index
from noks.parallel import render_shares
from noks.register import ESCO_QUALIFICATION
from noks.serialize import write_rdfxml
from noks.terms import natural_key
from noks.translit import to_cyrillic
from noks.turtle import write_turtle

ELM_PATH = "eu/qualifications"
ISCED = STANDARD_PREFIXES["isced"]
ADMS = "http://www.w3.org/ns/adms#"
ECTS = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
SCHEMES = {EQF: EQF + "25831c2", QDR: QDR + "25831c2", ISCED: ISCED + "25831c2"}
_HOURS = re.compile(r"^PT\d+H$")
XSD_ANYURI = ox.NamedNode(XSD + "anyURI")

_NONE: dict[str, list] = {}


class Facts:
    """The shared index read as `facts[subject][predicate]` -> objects (empty when absent; never inserts)."""

    def __init__(self, index: Index) -> None:
        self.out = index.out

    def __getitem__(self, subject: str) -> _Row:
        return _Row(self.out.get(subject, _NONE))


class _Row:
    def __init__(self, by_predicate: dict[str, list]) -> None:
        self.by_predicate = by_predicate

    def __getitem__(self, predicate: str) -> list:
        return self.by_predicate.get(predicate, [])


class _View:
    """Collects the triples of the view (in no particular order: the writers sort them); `add` takes IRIs as
    strings and terms as they are. A concept value is described once, however many qualifications use it,
    and what every qualification shares (`add_once`) is stated once."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.triples: list[ox.Triple] = []
        self._nodes: dict[str, ox.NamedNode] = {}
        self._concepts: set[tuple[str, str, str]] = set()
        self._once: set[tuple[str, str, str | ox.Literal]] = set()

    def node(self, iri: str) -> ox.NamedNode:
        found = self._nodes.get(iri)
        if found is None:
            found = self._nodes[iri] = ox.NamedNode(iri)
        return found

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal | str) -> None:
        obj = self.node(o) if isinstance(o, str) else o
        self.triples.append(ox.Triple(self.node(s), self.node(p), obj))

    def add_once(self, s: str, p: str, o: ox.Literal | str) -> None:
        if (s, p, o) not in self._once:
            self._once.add((s, p, o))
            self.add(s, p, o)

    def one_per_language(self, s: str, p: str, source: str, p_source: str) -> None:
        """For each language, the first literal of `source`'s `p_source` in natural order."""
        by_language: dict[str, list[ox.Literal]] = {}
        for lit in self.facts[source][p_source]:
            if isinstance(lit, ox.Literal) and lit.language:
                by_language.setdefault(lit.language, []).append(lit)
        for found in by_language.values():
            self.add(s, p, found[0] if len(found) == 1 else min(found, key=lambda o: natural_key(o.value)))

    def concept(self, iri: str, scheme: str, described_by: str) -> str:
        """A concept value with its type, scheme, labels and (one) notation, from `described_by`."""
        if (iri, scheme, described_by) in self._concepts:
            return iri
        self._concepts.add((iri, scheme, described_by))
        self.add(iri, RDF_TYPE, SKOS + "Concept")
        self.add(iri, SKOS + "inScheme", scheme)
        self.add_once(scheme, RDF_TYPE, SKOS + "ConceptScheme")
        self.one_per_language(iri, SKOS + "prefLabel", described_by, SKOS + "prefLabel")
        notations = sorted(o.value for o in self.facts[described_by][SKOS + "notation"])
        if notations:
            self.add(iri, SKOS + "notation", ox.Literal(notations[0]))
        return iri

    def match(self, iri: str, namespace: str) -> str | None:
        """The concept in `namespace` that `iri` matches exactly (or broadly), if any."""
        for p in (SKOS + "exactMatch", SKOS + "broadMatch"):
            for o in sorted(x.value for x in self.facts[iri][p] if isinstance(x, ox.NamedNode)):
                if o.startswith(namespace) and o != SCHEMES.get(namespace):
                    return o
        return None


def elm_view(triples: list[ox.Triple], base: str) -> list[ox.Triple]:
    """The ELM graph of every qualification in the (derived) project graph."""
    index = shared_index(triples, base)
    view = _View(Facts(index))
    qualifications = sorted(set(index.subjects(RDF_TYPE, ESCO_QUALIFICATION)), key=natural_key)
    for q in qualifications:
        _qualification(view, q, base)
    _describe(view, base, len(qualifications))
    return view.triples


def _qualification(view: _View, q: str, base: str) -> None:
    facts = view.facts[q]
    view.add(q, RDF_TYPE, ELM + "Qualification")
    view.one_per_language(q, DCTERMS + "title", q, SKOS + "prefLabel")
    view.one_per_language(q, DCTERMS + "description", q, noks_term(base, "workDescription"))
    for eqf in facts[ELM + "EQFLevel"]:
        view.add(q, ELM + "EQFLevel", view.concept(eqf.value, SCHEMES[EQF], eqf.value))
    for level in facts[ELM + "NQFLevel"]:
        qdr = view.match(level.value, QDR)
        if qdr is not None:
            view.add(q, ELM + "NQFLevel", view.concept(qdr, SCHEMES[QDR], qdr))
    for field in facts[ELM + "ISCEDFCode"]:
        eu = view.match(field.value, ISCED)
        if eu is not None:
            view.add(q, ELM + "ISCEDFCode", view.concept(eu, SCHEMES[ISCED], field.value))
    for kind in facts[DCTERMS + "type"]:
        view.add(q, DCTERMS + "type", view.concept(kind.value, base + "qualification-type", kind.value))
    for outcome in sorted((o.value for o in facts[ELM + "learningOutcome"]), key=natural_key):
        view.add(q, ELM + "learningOutcome", outcome)
        view.add(outcome, RDF_TYPE, ELM + "LearningOutcome")
        view.one_per_language(outcome, DCTERMS + "title", outcome, SKOS + "prefLabel")
    requirements = facts[noks_term(base, "entryRequirement")]
    if requirements:
        note = f"{q}#entry-requirement"
        view.add(q, ELM + "entryRequirement", note)
        view.add(note, RDF_TYPE, ELM + "Note")
        for text in requirements:
            view.add(note, ELM + "noteLiteral", text)
    for ects in facts[noks_term(base, "ects")]:
        credit = f"{q}#credit-points"
        view.add(q, ELM + "creditPoint", credit)
        view.add(credit, RDF_TYPE, ELM + "CreditPoint")
        view.add(credit, ELM + "framework", ECTS)
        view.add(credit, ELM + "point", ox.Literal(ects.value))
        view.add_once(ECTS, RDF_TYPE, SKOS + "Concept")
        view.add_once(ECTS, SKOS + "inScheme", "http://data.europa.eu/snb/education-credit/25831c2")
        view.add_once(ECTS, SKOS + "prefLabel", ox.Literal("European Credit Transfer System", language="en"))
        view.add_once("http://data.europa.eu/snb/education-credit/25831c2", RDF_TYPE, SKOS + "ConceptScheme")
    for duration in facts["https://schema.org/timeToComplete"]:
        if _HOURS.match(duration.value):
            view.add(q, ELM + "volumeOfLearning", duration)
    for code in facts[SKOS + "notation"]:
        identifier = f"{q}#identifier"
        view.add(q, ADMS + "identifier", identifier)
        view.add(identifier, RDF_TYPE, ELM + "Identifier")
        view.add(identifier, SKOS + "notation", ox.Literal(code.value))
        view.add(identifier, ELM + "schemeName", ox.Literal("Registar NOKS-a: podregistar nacionalnih kvalifikacija"))
        view.add(identifier, ELM + "schemeId", ox.Literal(base + "register/qualifications", datatype=XSD_ANYURI))


def _describe(view: _View, base: str, count: int) -> None:
    """The view's own description: what it is, and how many qualifications it holds (possibly none)."""
    me = base + ELM_PATH
    view.add(me, RDF_TYPE, "http://www.w3.org/ns/dcat#Dataset")
    view.add(me, RDF_TYPE, "http://rdfs.org/ns/void#Dataset")
    latin = f"Kvalifikacije Registra NOKS-a u Evropskom modelu učenja (ELM 3), za QDR; broj kvalifikacija: {count}."
    english = (
        f"The qualifications of the NOKS Register in the European Learning Model (ELM 3), for the QDR; "
        f"qualifications: {count}."
    )
    title = ("Registar NOKS-a u ELM-u", "The NOKS Register in ELM")
    for text, lang in ((title[0], "sr-Latn"), (to_cyrillic(title[0]), "sr-Cyrl"), (title[1], "en")):
        view.add(me, DCTERMS + "title", ox.Literal(text, language=lang))
    for text, lang in ((latin, "sr-Latn"), (to_cyrillic(latin), "sr-Cyrl"), (english, "en")):
        view.add(me, DCTERMS + "description", ox.Literal(text, language=lang))
    view.add(me, "http://rdfs.org/ns/void#entities", ox.Literal(str(count), datatype=ox.NamedNode(XSD + "integer")))
    view.add(me, DCTERMS + "conformsTo", "http://data.europa.eu/snb/model/ap/loq-constraints")
    view.add(me, DCTERMS + "source", base + "register/qualifications")
    view.add(me, DCTERMS + "license", "http://creativecommons.org/licenses/by/4.0/")


def elm_files(triples: list[ox.Triple], base: str) -> dict[str, bytes]:
    """The view in Turtle, RDF/XML and JSON-LD, by site path (the three written side by side on every core)."""
    view = elm_view(triples, base)
    prefixes = {**all_prefixes(base), "adms": ADMS}
    writers = {
        f"{ELM_PATH}.ttl": lambda: write_turtle(view, prefixes, base),
        f"{ELM_PATH}.rdf": lambda: write_rdfxml(view, prefixes),
        f"{ELM_PATH}.jsonld": lambda: write_jsonld(view, prefixes),
    }
    return render_shares(list(writers), lambda names: {n: writers[n]().encode() for n in names}, min_share=1)

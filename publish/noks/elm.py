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
from collections.abc import Iterator

import pyoxigraph as ox

from noks.graph import Statements
from noks.jsonld import Run, runs_jsonld
from noks.namespaces import DCTERMS, ELM, EQF, QDR, RDF_TYPE, SKOS, STANDARD_PREFIXES, XSD, all_prefixes, noks_term
from noks.pages import Index, paused_collector, shared_index
from noks.register import ESCO_QUALIFICATION
from noks.serialize import fast_rdfxml, fast_turtle
from noks.terms import natural_key
from noks.translit import to_cyrillic

ELM_PATH = "eu/qualifications"
ELM_FILES = tuple(f"{ELM_PATH}.{extension}" for extension in ("ttl", "rdf", "jsonld"))  # what elm_files makes
ISCED = STANDARD_PREFIXES["isced"]
ADMS = "http://www.w3.org/ns/adms#"
ECTS = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
ECTS_SCHEME = "http://data.europa.eu/snb/education-credit/25831c2"
ECTS_LABEL = ox.Literal("European Credit Transfer System", language="en")
SCHEMES = {EQF: EQF + "25831c2", QDR: QDR + "25831c2", ISCED: ISCED + "25831c2"}
_HOURS = re.compile(r"^PT\d+H$")
XSD_ANYURI = ox.NamedNode(XSD + "anyURI")

_NONE: dict[str, list] = {}


class _View:
    """The view's statements: subject -> predicate -> the object's N-Triples form -> the object (sorting
    these keys is sorting by the canonical key). `add` takes IRIs as strings and literals as they are;
    a statement made twice (a concept value, the ECTS framework) is kept once. `objects` reads the
    project graph (the shared index)."""

    def __init__(self, index: Index) -> None:
        self.out = index.out
        self.subjects: dict[str, dict[str, dict[str, ox.NamedNode | ox.Literal]]] = {}
        self._nodes: dict[str, ox.NamedNode] = {}
        self._concepts: set[tuple[str, str, str]] = set()
        self._matches: dict[tuple[str, str], str | None] = {}

    def objects(self, s: str, p: str) -> list:
        return self.out.get(s, _NONE).get(p, [])

    def node(self, iri: str) -> ox.NamedNode:
        found = self._nodes.get(iri)
        if found is None:
            found = self._nodes[iri] = ox.NamedNode(iri)
        return found

    def values(self, s: str, p: str) -> dict[str, ox.NamedNode | ox.Literal]:
        """The objects of `s p` so far, by N-Triples form (to add to)."""
        predicates = self.subjects.get(s)
        if predicates is None:
            predicates = self.subjects[s] = {}
        objects = predicates.get(p)
        if objects is None:
            objects = predicates[p] = {}
        return objects

    def add(self, s: str, p: str, o: ox.Literal | str) -> None:
        if type(o) is str:
            self.values(s, p)[f"<{o}>"] = self.node(o)
        else:
            self.values(s, p)[str(o)] = o

    def one_per_language(self, s: str, p: str, source: str, p_source: str) -> None:
        """For each language, the first literal of `source`'s `p_source` in natural order."""
        chosen: dict[str, ox.Literal] = {}
        for lit in self.objects(source, p_source):
            if type(lit) is ox.Literal:
                language = lit.language
                if language:
                    other = chosen.get(language)
                    if other is None or natural_key(lit.value) < natural_key(other.value):
                        chosen[language] = lit
        if chosen:
            objects = self.values(s, p)
            for lit in chosen.values():
                objects[str(lit)] = lit

    def graph(self) -> Statements:
        """The statements in canonical order: each subject's lines (predicates, then objects, sorted by
        their N-Triples forms) made and joined at once, in UTF-8 (half the size of a text with Cyrillic)."""
        blocks: list[bytes] = []
        for s in sorted(self.subjects, key=_iri_order):
            lines: list[str] = []
            predicates = self.subjects[s]
            for p in sorted(predicates, key=_iri_order):
                head = f"<{s}> <{p}> "
                lines.extend([head + form for form in sorted(predicates[p])])
            blocks.append(" .\n".join(lines).encode())
        return Statements(b" .\n".join(blocks) + b" .\n" if blocks else b"")

    def runs(self) -> Iterator[Run]:
        """The same statements as JSON-LD runs (subject, predicate -> objects), in the same order."""
        for s in sorted(self.subjects, key=_iri_order):
            predicates = self.subjects[s]
            run: dict[str, list] = {}
            for p in sorted(predicates, key=_iri_order):
                objects = predicates[p]
                run[p] = list(objects.values()) if len(objects) == 1 else [objects[f] for f in sorted(objects)]
            yield self.node(s), run

    def concept(self, iri: str, scheme: str, described_by: str) -> str:
        """A concept value with its type, scheme, labels and (one) notation, from `described_by`."""
        if (iri, scheme, described_by) in self._concepts:
            return iri
        self._concepts.add((iri, scheme, described_by))
        self.add(iri, RDF_TYPE, SKOS + "Concept")
        self.add(iri, SKOS + "inScheme", scheme)
        self.add(scheme, RDF_TYPE, SKOS + "ConceptScheme")
        self.one_per_language(iri, SKOS + "prefLabel", described_by, SKOS + "prefLabel")
        notations = sorted(o.value for o in self.objects(described_by, SKOS + "notation"))
        if notations:
            self.add(iri, SKOS + "notation", ox.Literal(notations[0]))
        return iri

    def match(self, iri: str, namespace: str) -> str | None:
        """The concept in `namespace` that `iri` matches exactly (or broadly), if any."""
        key = (iri, namespace)
        if key not in self._matches:
            self._matches[key] = self._match(iri, namespace)
        return self._matches[key]

    def _match(self, iri: str, namespace: str) -> str | None:
        for p in (SKOS + "exactMatch", SKOS + "broadMatch"):
            for o in sorted(x.value for x in self.objects(iri, p) if isinstance(x, ox.NamedNode)):
                if o.startswith(namespace) and o != SCHEMES.get(namespace):
                    return o
        return None


def _iri_order(iri: str) -> str:
    """Sorting IRIs by this is sorting their N-Triples forms `<iri>` (a prefix IRI sorts as '>')."""
    return iri + ">"


def elm_view(triples: list[ox.Triple], base: str) -> Statements:
    """The ELM graph of every qualification in the (derived) project graph, in canonical order."""
    return _view(triples, base).graph()


def _view(triples: list[ox.Triple], base: str) -> _View:
    index = shared_index(triples, base)
    view = _View(index)
    qualifications = sorted(set(index.subjects(RDF_TYPE, ESCO_QUALIFICATION)), key=natural_key)
    constants = _Constants(base)
    for q in qualifications:
        _qualification(view, q, constants)
    _describe(view, base, len(qualifications))
    return view


class _Constants:
    """What every qualification's statements share, made once."""

    def __init__(self, base: str) -> None:
        self.work_description = noks_term(base, "workDescription")
        self.entry_requirement = noks_term(base, "entryRequirement")
        self.ects = noks_term(base, "ects")
        self.types = base + "qualification-type"
        self.scheme_name = ox.Literal("Registar NOKS-a: podregistar nacionalnih kvalifikacija")
        self.scheme_id = ox.Literal(base + "register/qualifications", datatype=XSD_ANYURI)


def _qualification(view: _View, q: str, constants: _Constants) -> None:
    facts = view.out.get(q, _NONE)
    view.add(q, RDF_TYPE, ELM + "Qualification")
    view.one_per_language(q, DCTERMS + "title", q, SKOS + "prefLabel")
    view.one_per_language(q, DCTERMS + "description", q, constants.work_description)
    for eqf in facts.get(ELM + "EQFLevel", ()):
        view.add(q, ELM + "EQFLevel", view.concept(eqf.value, SCHEMES[EQF], eqf.value))
    for level in facts.get(ELM + "NQFLevel", ()):
        qdr = view.match(level.value, QDR)
        if qdr is not None:
            view.add(q, ELM + "NQFLevel", view.concept(qdr, SCHEMES[QDR], qdr))
    for field in facts.get(ELM + "ISCEDFCode", ()):
        eu = view.match(field.value, ISCED)
        if eu is not None:
            view.add(q, ELM + "ISCEDFCode", view.concept(eu, SCHEMES[ISCED], field.value))
    for kind in facts.get(DCTERMS + "type", ()):
        view.add(q, DCTERMS + "type", view.concept(kind.value, constants.types, kind.value))
    for outcome in facts.get(ELM + "learningOutcome", ()):
        iri = outcome.value
        view.add(q, ELM + "learningOutcome", iri)
        view.add(iri, RDF_TYPE, ELM + "LearningOutcome")
        view.one_per_language(iri, DCTERMS + "title", iri, SKOS + "prefLabel")
    requirements = facts.get(constants.entry_requirement)
    if requirements:
        note = f"{q}#entry-requirement"
        view.add(q, ELM + "entryRequirement", note)
        view.add(note, RDF_TYPE, ELM + "Note")
        for text in requirements:
            view.add(note, ELM + "noteLiteral", text)
    for ects in facts.get(constants.ects, ()):
        credit = f"{q}#credit-points"
        view.add(q, ELM + "creditPoint", credit)
        view.add(credit, RDF_TYPE, ELM + "CreditPoint")
        view.add(credit, ELM + "framework", ECTS)
        view.add(credit, ELM + "point", ox.Literal(ects.value))
        view.add(ECTS, RDF_TYPE, SKOS + "Concept")
        view.add(ECTS, SKOS + "inScheme", ECTS_SCHEME)
        view.add(ECTS, SKOS + "prefLabel", ECTS_LABEL)
        view.add(ECTS_SCHEME, RDF_TYPE, SKOS + "ConceptScheme")
    for duration in facts.get("https://schema.org/timeToComplete", ()):
        if _HOURS.match(duration.value):
            view.add(q, ELM + "volumeOfLearning", duration)
    for code in facts.get(SKOS + "notation", ()):
        identifier = f"{q}#identifier"
        view.add(q, ADMS + "identifier", identifier)
        view.add(identifier, RDF_TYPE, ELM + "Identifier")
        view.add(identifier, SKOS + "notation", ox.Literal(code.value))
        view.add(identifier, ELM + "schemeName", constants.scheme_name)
        view.add(identifier, ELM + "schemeId", constants.scheme_id)


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
    """The view in Turtle, RDF/XML and JSON-LD, by site path: the writers of the dumps (`serialize`,
    `jsonld`), from the view in canonical order."""
    prefixes = {**all_prefixes(base), "adms": ADMS}
    with paused_collector():  # about a million objects, none in a cycle (a third of the time, measured)
        view = _view(triples, base)
        graph = view.graph()
        jsonld = runs_jsonld(view.runs, prefixes).encode()
        del view  # the largest part (its terms and dicts): gone before the writers' buffers are made
        return {
            # the base is declared (IRIs stay absolute), as in the dump
            f"{ELM_PATH}.ttl": f"@base <{base}> .\n".encode() + fast_turtle(graph, prefixes),
            f"{ELM_PATH}.rdf": fast_rdfxml(graph, prefixes),
            f"{ELM_PATH}.jsonld": jsonld,
        }

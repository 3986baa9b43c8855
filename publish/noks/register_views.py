"""Graph -> view models of the register's pages: one qualification, and the register's list with the
values its filters offer. Plain data for the templates; language fallback and order come from `pages`."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

from noks import interface, urls
from noks.namespaces import DCTERMS, ELM, RDF_TYPE, SCHEMA, SKOS, STANDARD_PREFIXES, noks_term
from noks.pages import Index, Value
from noks.terms import natural_key
from noks.translit import to_cyrillic

ESCO_QUALIFICATION = STANDARD_PREFIXES["esco"] + "Qualification"
REGISTER = "register/qualifications"
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:T(\d+)H)?$")

# Interface strings of the register pages (sr-Latn, en); Cyrillic is derived like all the others.
STRINGS: dict[str, tuple[str, str]] = {
    "code": ("Šifra u registru", "Code in the register"),
    "level": ("Nivo NOKS-a", "NOKS level"),
    "eqf": ("Nivo EOK-a", "EQF level"),
    "type": ("Vrsta kvalifikacije", "Type of qualification"),
    "acquisition": ("Načini sticanja", "Ways of acquiring"),
    "field": ("Oblast (KLASNOKS, ISCED-F 2013)", "Field (KLASNOKS, ISCED-F 2013)"),
    "occupations": ("Šifre zanimanja", "Occupation codes"),
    "duration": ("Trajanje programa", "Duration of the programme"),
    "ects": ("Obim (ESPB)", "Volume (ECTS)"),
    "work": ("Opis rada", "Description of work"),
    "entry": ("Uslovi za sticanje", "Entry requirements"),
    "progression": ("Mogućnosti napredovanja", "Progression"),
    "outcomes": ("Ishodi učenja", "Learning outcomes"),
    "assessment": ("Provera ishoda", "Assessment of outcomes"),
    "document": ("Javna isprava", "Public document"),
    "awarding": ("Izdavalac javne isprave", "Awarding body"),
    "verification": ("Podaci o verifikaciji", "Verification"),
    "act": ("Broj akta", "Act number"),
    "verified_by": ("Verifikovalo", "Verified by"),
    "verified_on": ("Datum verifikacije", "Date of verification"),
    "version": ("Verzija", "Version"),
    "entered": ("Upisano u registar", "Entered in the register"),
    "note": ("Napomena", "Note"),
    "all": ("sve", "all"),
    "filter": ("Filtriraj kvalifikacije", "Filter the qualifications"),
    "shown": ("Prikazano kvalifikacija: {n} od {total}.", "Qualifications shown: {n} of {total}."),
    "none": (
        "U registru još nema kvalifikacija. Agencija ih unosi komandom noks import iz tabele "
        "u rasporedu opisanom ispod.",
        "The register holds no qualification yet. The Agency brings them in with noks import, from a spreadsheet in "
        "the layout described below.",
    ),
    "files": ("Podaci registra", "The register's data"),
    "template": ("Prazna tabela za popunjavanje (CSV)", "An empty spreadsheet to fill in (CSV)"),
    "layout": ("Opis kolona (CSVW)", "Description of the columns (CSVW)"),
    "elm": ("Za Europass (ELM 3, QDR)", "For Europass (ELM 3, QDR)"),
    "in_register": (
        "Sve kvalifikacije ovog {what} u registru ({n})",
        "All qualifications of this {what} in the register ({n})",
    ),
    "of_level": ("nivoa", "level"),
    "of_field": ("oblasti", "field"),
}
DURATION_UNITS = (("years", 1), ("months", 2), ("hours", 3))


@cache
def strings(lang: str) -> MappingProxyType[str, str]:
    """The register pages' strings in one language; Cyrillic from the Latin, `{placeholders}` kept."""

    def cyrillic(text: str) -> str:
        return "".join(
            p if interface.PLACEHOLDER.fullmatch(p) else to_cyrillic(p) for p in interface.PLACEHOLDER.split(text)
        )

    return MappingProxyType(
        {k: v[1] if lang == "en" else cyrillic(v[0]) if lang == "sr-Cyrl" else v[0] for k, v in STRINGS.items()}
    )


@lru_cache(maxsize=4)
def qualifications(index: Index) -> tuple[str, ...]:
    """The register's qualifications, in natural order (sorted once per index)."""
    return tuple(sorted(index.subjects(RDF_TYPE, ESCO_QUALIFICATION), key=natural_key))


@lru_cache(maxsize=1024)
def duration(iso: str, lang: str) -> str:
    """`P4Y` -> `4 godine` / `4 years`, `PT360H` -> `360 sati`; any other duration stays as written."""
    match = _DURATION.match(iso)
    if not match or not any(match.groups()):
        return iso
    parts = [interface.quantity(int(match[group]), unit, lang) for unit, group in DURATION_UNITS if match[group]]
    return ", ".join(parts)


def qualification_view(index: Index, iri: str, lang: str, here: str) -> dict[str, Any]:
    """Everything a qualification page shows, in one language (with fallback), links relative to `here`."""
    return qualification_views(index, iri, here)[lang]


def qualification_views(index: Index, iri: str, here: str) -> dict[str, dict[str, Any]]:
    """Everything a qualification page shows, in each language (with fallback), links relative to `here`.

    What is the same in every language (where links go, codes, the order of the outcomes; the texts found
    in each language at once) is read once."""
    noks = index.term

    def values(predicate: str) -> list[str]:
        return [o.value for o in index.objects(iri, predicate)]

    linked = {key: index.iris(iri, predicate) for key, predicate in _linked(index.base)}
    fields = index.iris(iri, ELM + "ISCEDFCode")
    shared = _Shared(
        iri=iri,
        notation=index.notation(iri),
        linked=linked,
        fields=fields,
        hrefs={i: index.href(i, here) for group in (*linked.values(), fields) for i in group},
        codes={key: tuple(Value(v) for v in values(predicate)) for key, predicate in _coded(index.base)},
        durations=values(SCHEMA + "timeToComplete"),
        ects=values(noks("ects")),
        accepted=values(DCTERMS + "dateAccepted"),
        entered=values(noks("registrationDate")),
        texts={key: index.text_in_each(iri, predicate) for key, predicate in _texts(index.base)},
        outcomes=[(o.split("#", 1)[-1], o) for o in sorted(index.iris(iri, ELM + "learningOutcome"), key=natural_key)],
        register=(index.base + REGISTER, urls.href(urls.DEFAULT_LANGUAGE, here, REGISTER)),
    )
    return {lang: _view(index, shared, lang) for lang in urls.LANGUAGES}


class _Shared(NamedTuple):
    """What a qualification's pages show the same in every language, or found in every language at once."""

    iri: str
    notation: str
    linked: dict[str, list[str]]  # fact -> the things it links to
    fields: list[str]
    hrefs: dict[str, str]  # thing linked to -> where its link goes
    codes: dict[str, tuple[Value, ...]]  # fact -> its values, shown as written
    durations: list[str]
    ects: list[str]
    accepted: list[str]  # dates
    entered: list[str]
    texts: dict[str, dict[str, Value | None]]  # key -> language -> its text
    outcomes: list[tuple[str, str]]  # (anchor, IRI), in order
    register: tuple[str, str]  # the register's IRI and its link


def _view(index: Index, shared: _Shared, lang: str) -> dict[str, Any]:
    s = strings(lang)
    hrefs, texts = shared.hrefs, shared.texts

    def links(key: str) -> tuple[Value, ...]:
        return tuple(_link(index, i, lang, hrefs[i]) for i in index.sort(shared.linked[key], lang))

    def days(dates: list[str]) -> tuple[Value, ...]:
        return tuple(Value(interface.date(d, lang)) for d in dates)

    facts = [
        (s["level"], links("level")),
        (s["eqf"], links("eqf")),
        (s["type"], links("type")),
        (s["acquisition"], links("acquisition")),
        (s["field"], tuple(_field(index, f, lang, hrefs[f]) for f in shared.fields)),
        (s["occupations"], shared.codes["occupations"]),
        (s["duration"], tuple(Value(duration(d, lang)) for d in shared.durations)),
        (s["ects"], tuple(Value(interface.quantity(int(n), "ects", lang)) for n in shared.ects)),
    ]
    verification = [
        (s["act"], shared.codes["act"]),
        (s["verified_by"], links("verified_by")),
        (s["verified_on"], days(shared.accepted)),
        (s["version"], shared.codes["version"]),
        (s["entered"], days(shared.entered)),
    ]
    return {
        "title": index.label(shared.iri, lang),
        "iri": shared.iri,
        "notation": shared.notation,
        "s": s,
        "facts": [(label, shown) for label, shown in facts if shown],
        "work": texts["work"][lang],
        "entry": index.texts(shared.iri, index.term("entryRequirement"), lang),
        "progression": texts["progression"][lang],
        "outcomes": [(anchor, index.label(o, lang)) for anchor, o in shared.outcomes],
        "assessment": texts["assessment"][lang],
        "document": texts["document"][lang],
        "awarding": texts["awarding"][lang],
        "verification": [(label, shown) for label, shown in verification if shown],
        "note": texts["note"][lang],
        "register": Value(index.label(shared.register[0], lang).text, "", shared.register[1]),
    }


@cache
def _linked(base: str) -> tuple[tuple[str, str], ...]:
    """The facts that link to other pages: (key, predicate)."""
    return (
        ("level", ELM + "NQFLevel"),
        ("eqf", ELM + "EQFLevel"),
        ("type", DCTERMS + "type"),
        ("acquisition", noks_term(base, "wayOfAcquiring")),
        ("verified_by", noks_term(base, "verifiedBy")),
    )


@cache
def _coded(base: str) -> tuple[tuple[str, str], ...]:
    """The facts shown as written, the same in every language: (key, predicate)."""
    return (
        ("occupations", SCHEMA + "occupationalCategory"),
        ("act", noks_term(base, "verificationAct")),
        ("version", SCHEMA + "version"),
    )


@cache
def _texts(base: str) -> tuple[tuple[str, str], ...]:
    """The texts, each in the page's language or its fallback: (key, predicate)."""
    keys = {"work": "workDescription", "progression": "progression", "assessment": "assessment"}
    keys |= {"document": "publicDocument", "awarding": "awardingBody"}
    return (*((key, noks_term(base, local)) for key, local in keys.items()), ("note", SKOS + "note"))


def _link(index: Index, iri: str, lang: str, href: str) -> Value:
    """`index.link(iri, lang, here)`, given where it goes from `here` (`index.href(iri, here)`)."""
    name = index.label(iri, lang)
    return Value(name.text, name.lang, href)


def _field(index: Index, field: str, lang: str, href: str) -> Value:
    """`field_value`, given where the field's link goes."""
    link = _link(index, field, lang, href)
    return Value(f"{index.notation(field)} {link.text}".strip(), link.lang, link.href)


def field_value(index: Index, field: str, lang: str, here: str) -> Value:
    """A field as `0713 Electricity and energy`, linked to its page."""
    link = index.link(field, lang, here)
    return Value(f"{index.notation(field)} {link.text}".strip(), link.lang, link.href)


def schema_org(index: Index, iri: str, lang: str, view: dict[str, Any]) -> dict[str, Any]:
    """schema.org JSON-LD of a qualification page: an EducationalOccupationalCredential."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalCredential",
        "@id": iri,
        "url": iri,
        "name": view["title"].text,
        "inLanguage": lang,
        "identifier": view["notation"],
    }
    levels = index.iris(iri, ELM + "NQFLevel")
    if levels:
        data["educationalLevel"] = {"@type": "DefinedTerm", "@id": levels[0], "name": index.label(levels[0], lang).text}
    kinds = index.iris(iri, DCTERMS + "type")
    if kinds:
        data["credentialCategory"] = index.label(kinds[0], lang).text
    if view["work"]:
        data["description"] = view["work"].text
    return data

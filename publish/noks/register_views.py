"""Graph -> view models of the register's pages: one qualification, and the register's list with the
values its filters offer. Plain data for the templates; language fallback and order come from `pages`."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

from noks import interface, urls
from noks.namespaces import DCTERMS, ELM, RDF_TYPE, SCHEMA, SKOS, STANDARD_PREFIXES
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


def duration(iso: str, lang: str) -> str:
    """`P4Y` -> `4 godine` / `4 years`, `PT360H` -> `360 sati`; any other duration stays as written."""
    match = _DURATION.match(iso)
    if not match or not any(match.groups()):
        return iso
    parts = [interface.quantity(int(match[group]), unit, lang) for unit, group in DURATION_UNITS if match[group]]
    return ", ".join(parts)


def qualification_view(index: Index, iri: str, lang: str, here: str) -> dict[str, Any]:
    """Everything a qualification page shows, in one language (with fallback), links relative to `here`."""
    s = strings(lang)
    noks = index.term

    def links(predicate: str) -> tuple[Value, ...]:
        return index.links(index.iris(iri, predicate), lang, here)

    def text(predicate: str) -> Value | None:
        return index.text(iri, predicate, lang)

    def plain(predicate: str, show=lambda value: value) -> tuple[Value, ...]:
        return tuple(Value(show(o.value)) for o in index.objects(iri, predicate))

    def day(value: str) -> str:
        return interface.date(value, lang)

    facts = [
        (s["level"], links(ELM + "NQFLevel")),
        (s["eqf"], links(ELM + "EQFLevel")),
        (s["type"], links(DCTERMS + "type")),
        (s["acquisition"], links(noks("wayOfAcquiring"))),
        (s["field"], tuple(field_value(index, f, lang, here) for f in index.iris(iri, ELM + "ISCEDFCode"))),
        (s["occupations"], plain(SCHEMA + "occupationalCategory")),
        (s["duration"], plain(SCHEMA + "timeToComplete", lambda v: duration(v, lang))),
        (s["ects"], plain(noks("ects"), lambda v: interface.quantity(int(v), "ects", lang))),
    ]
    verification = [
        (s["act"], plain(noks("verificationAct"))),
        (s["verified_by"], links(noks("verifiedBy"))),
        (s["verified_on"], plain(DCTERMS + "dateAccepted", day)),
        (s["version"], plain(SCHEMA + "version")),
        (s["entered"], plain(noks("registrationDate"), day)),
    ]
    outcomes = sorted(index.iris(iri, ELM + "learningOutcome"), key=natural_key)
    return {
        "title": index.label(iri, lang),
        "iri": iri,
        "notation": index.notation(iri),
        "s": s,
        "facts": [{"label": label, "shown": shown} for label, shown in facts if shown],
        "work": text(noks("workDescription")),
        "entry": index.texts(iri, noks("entryRequirement"), lang),
        "progression": text(noks("progression")),
        "outcomes": [{"anchor": o.split("#", 1)[-1], "text": index.label(o, lang)} for o in outcomes],
        "assessment": text(noks("assessment")),
        "document": text(noks("publicDocument")),
        "awarding": text(noks("awardingBody")),
        "verification": [{"label": label, "shown": shown} for label, shown in verification if shown],
        "note": text(SKOS + "note"),
        "register": Value(index.label(index.base + REGISTER, lang).text, "", urls.href(lang, here, REGISTER)),
    }


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

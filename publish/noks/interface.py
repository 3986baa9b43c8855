"""The site's interface strings in Serbian (Latin), English, and Serbian Cyrillic derived from the Latin.

Each entry is (sr-Latn, en). The Cyrillic is `translit.to_cyrillic` of the Latin, like every other
Cyrillic text of the project. Templates read them as `t.key`; a missing key fails the build
(StrictUndefined).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from types import MappingProxyType

from noks.translit import to_cyrillic

STRINGS: dict[str, tuple[str, str]] = {
    "site_name": ("NOKS – Nacionalni okvir kvalifikacija Srbije", "NOKS – Serbian National Qualifications Framework"),
    "site_short": ("NOKS", "NOKS"),
    "skip": ("Pređi na sadržaj", "Skip to content"),
    "home": ("Početna", "Home"),
    "search": ("Pretraga", "Search"),
    "search_label": ("Traži nivo, šifru, kvalifikaciju…", "Search for a level, code, qualification…"),
    "search_button": ("Traži", "Search"),
    "search_none": ("Nema rezultata.", "No results."),
    "search_count": ("Broj rezultata:", "Results:"),
    "search_offline": (
        "Pretraga radi kada se sajt otvori preko veb-servera, ne iz datoteka.",
        "Search works when the site is opened through a web server, not from files.",
    ),
    "languages": ("Jezik i pismo", "Language and script"),
    "breadcrumbs": ("Putanja", "Breadcrumbs"),
    "data": ("Podaci", "Data"),
    "download": ("Preuzmi ovu stranicu kao podatke:", "Download this page as data:"),
    "whole_graph": ("Ceo graf:", "The whole graph:"),
    "license": (
        "Podaci su objavljeni pod licencom CC BY 4.0.",
        "The data is published under the CC BY 4.0 licence.",
    ),
    "identifier": ("Identifikator", "Identifier"),
    "not_found_title": ("Stranica nije pronađena", "Page not found"),
    "not_found_text": (
        "Na ovoj adresi nema stranice. Počnite od početne stranice ili od pretrage.",
        "There is no page at this address. Start from the home page or from the search.",
    ),
    "properties": ("Svojstva", "Properties"),
    "property": ("Svojstvo", "Property"),
    "value": ("Vrednost", "Value"),
    "referenced_by": ("Na ovaj resurs upućuju", "Referred to by"),
    "parts": ("Delovi", "Parts"),
    "line": ("red", "line"),
    "yes": ("da", "yes"),
    "no": ("ne", "no"),
    "more": ("i još {n}", "and {n} more"),
    "code": ("Šifra", "Code"),
    "codes": ("Šifre", "Codes"),
    "code_list": ("Šifarnik", "Code list"),
    "education_kind": ("Vrsta obrazovanja", "Kind of education"),
    "acquisition": ("Način sticanja", "Way of acquiring"),
    "preconditions": ("Uslovi za sticanje", "Preconditions"),
    "alternatives": ("dovoljan je jedan od njih", "any one of them will do"),
    "required_level": ("Prethodno stečen nivo", "Previously acquired level"),
    "required_matura": ("Položena matura", "Passed matura"),
    "required_prior": ("Završene studije", "Completed studies"),
    "parent_level": ("Pripada nivou", "Part of level"),
    "sublevels": ("Podnivoi", "Sublevels"),
    "level": ("Nivo", "Level"),
    "noks_level": ("Nivo NOKS-a", "NOKS level"),
    "eqf": ("EOK", "EQF"),
    "eqf_level": ("Nivo Evropskog okvira kvalifikacija (EOK)", "European Qualifications Framework (EQF) level"),
    "qf_ehea": ("Ciklus QF-EHEA", "QF-EHEA cycle"),
    "qdr": ("Identifikator u registru EU (QDR)", "Identifier in the EU register (QDR)"),
    "requires": ("Uslov za sticanje je nivo", "Entry requires level"),
    "leads_to": ("Vodi ka nivou", "Leads on to level"),
    "how_acquired": ("Kako se stiče", "How it is acquired"),
    "descriptors": ("Deskriptori nivoa", "Level descriptors"),
    "prior_equivalent": (
        "Kvalifikacije stečene pre Zakona o NOKS-u koje su mu ekvivalentne",
        "Qualifications obtained before the NOKS law that are equivalent to it",
    ),
    "details": ("Detalji i izvori", "Details and sources"),
    "designation": ("Oznaka", "Designation"),
    "source_text": ("Tekst šifarnika", "Text of the code list"),
    "old_degree_now": ("Šta je to danas? Ekvivalentno je nivou:", "What is it now? It is equivalent to:"),
    "stated_under": ("Ekvivalencija je navedena uz šifru", "The equivalence is stated under code"),
    "degree": ("Stepen stručne spreme", "Degree of professional qualification"),
    "qualifications_of_degree": ("Kvalifikacije ovog stepena", "Qualifications of this degree"),
    "qualification": ("Kvalifikacija", "Qualification"),
    "concepts": ("Pojmovi", "Concepts"),
    "aims": ("Svrha i ciljevi", "Purpose and goals"),
    "old_degree_question": ("Imate staru diplomu?", "Do you have an old degree?"),
    "old_degree_hint": (
        "Pogledajte koji joj nivo NOKS-a danas odgovara:",
        "See which NOKS level it corresponds to now:",
    ),
    "levels_table": ("Nivoi i podnivoi", "Levels and sublevels"),
    "progression": ("Napredovanje između nivoa", "Progression between levels"),
    "diagram_title": (
        "Nivoi i podnivoi NOKS-a; strelica vodi od nivoa koji je uslov ka nivou za koji je uslov",
        "NOKS levels and sublevels; an arrow leads from a level that is a precondition"
        " to the level it is a precondition of",
    ),
    "diagram_caption": (
        "Strelica vodi od prethodno stečenog nivoa ka nivou koji se na osnovu njega može steći."
        " Uz svaki nivo je nivo EOK-a.",
        "An arrow leads from a previously acquired level to a level that can be acquired on that basis. Each box shows"
        " the EQF level.",
    ),
    "browse": ("Pregled", "Browse"),
    "schemes": ("Šifarnici i rečnici", "Code lists and vocabularies"),
    "bodies": ("Tela i organizacije", "Bodies and organisations"),
    "legal_acts": ("Propisi", "Legal acts"),
    "documents": ("Dokumenti", "Documents"),
    "registers": ("Registri", "Registers"),
    "duration": ("Trajanje", "Duration"),
    "volume": ("Obim", "Volume"),
    "training": ("Obuka", "Training"),
    "at_least": ("najmanje {x}", "at least {x}"),
    "up_to": ("do {x}", "up to {x}"),
    "range": ("{a}–{b}", "{a}–{b}"),
}

# The EU referencing, dataset metadata and release pages (`referencing_pages`, `changelog_pages`).
STRINGS |= {
    "referencing": ("Povezivanje sa EOK-om", "EQF referencing"),
    "referencing_lead": (
        "NOKS pored Evropskog okvira kvalifikacija (EOK) i Okvira kvalifikacija Evropskog prostora visokog"
        " obrazovanja (QF-EHEA). Sve na ovoj stranici izvedeno je iz podataka.",
        "The NOKS beside the European Qualifications Framework (EQF) and the Framework of Qualifications of the"
        " European Higher Education Area (QF-EHEA). Everything on this page is generated from the data.",
    ),
    "adoption": ("Usvajanje", "Adoption"),
    "adopted_at": ("NOKS je povezan sa EOK-om na skupu", "The NOKS was referenced to the EQF at the"),
    "report_published": ("Izveštaj je objavljen", "The report was published on"),
    "level_mapping": ("Nivoi NOKS-a, EOK i QF-EHEA", "NOKS levels, the EQF and the QF-EHEA"),
    "match": ("Vrsta veze", "Kind of match"),
    "match_exact": ("tačna", "exact"),
    "match_broad": ("šira", "broad"),
    "qdr": ("Identifikator QDR", "QDR identifier"),
    "routes": ("putevi sticanja", "routes"),
    "criteria": ("Deset kriterijuma za povezivanje", "The ten referencing criteria"),
    "criteria_lead": (
        "Za svaki kriterijum (Preporuka Saveta od 22. maja 2017, Aneks III): šta graf sadrži kao dokaz.",
        "For each criterion (Council Recommendation of 22 May 2017, Annex III): what the graph holds as evidence.",
    ),
    "not_in_data": ("Nije u našim podacima.", "Not in our data."),
    "reuse": ("Preuzimanje", "Download"),
    "print_version": ("Verzija za štampu", "Printable version"),
    "dataset_metadata": ("Metapodaci skupa podataka (DCAT-AP, VoID)", "Dataset metadata (DCAT-AP, VoID)"),
    "tables_csv": ("Tabele (CSV sa CSVW metapodacima)", "Tables (CSV with CSVW metadata)"),
    "releases": ("Izdanja", "Releases"),
    "releases_lead": (
        "Svako izdanje je zamrznuti graf sa svojim IRI-jem verzije i spiskom promena u odnosu na prethodno.",
        "Each release is a frozen graph with its version IRI and its list of changes against the previous one.",
    ),
    "release": ("Izdanje", "Release"),
    "latest": ("najnovije", "latest"),
    "no_releases": ("Još nema izdanja.", "No release yet."),
    "unreleased": ("Neobjavljene promene", "Unreleased changes"),
    "changes": ("Promene", "Changes"),
    "changes_from": ("Promene u odnosu na {v}", "Changes since {v}"),
    "first_release": ("Prvo izdanje.", "The first release."),
    "summary": (
        "Dodato resursa: {a}, uklonjeno: {r}, izmenjeno: {c} (trojki dodato {ta}, uklonjeno {tr}).",
        "Resources added: {a}, removed: {r}, changed: {c} ({ta} triples added, {tr} removed).",
    ),
    "added": ("Dodato", "Added"),
    "removed": ("Uklonjeno", "Removed"),
    "changed": ("Izmenjeno", "Changed"),
    "no_changes": ("Nema promena.", "No changes."),
    "history": ("Istorija promena", "History of changes"),
    "history_of": ("Istorija: {x}", "History: {x}"),
    "date": ("Datum", "Date"),
    "evidence_bodies": ("Tela", "Bodies"),
    "evidence_legal_basis": ("Pravni osnov", "Legal basis"),
    "evidence_level_mapping": ("Veze nivoa sa EOK-om", "Level links to the EQF"),
    "evidence_descriptors": ("Dimenzije ishoda učenja (deskriptori)", "Dimensions of learning outcomes (descriptors)"),
    "evidence_validation": (
        "Načini sticanja i priznavanje prethodnog učenja",
        "Ways of acquiring, and validation of prior learning",
    ),
    "evidence_credit": ("Putevi sticanja sa obimom u ESPB", "Routes with a volume in ECTS credits"),
    "evidence_register": ("Registar", "Register"),
    "evidence_classification": (
        "Standard kvalifikacije i šifarnici nivoa",
        "The qualification standard and the level code lists",
    ),
    "evidence_procedure_acts": ("Propisi o registru i šifarniku", "Acts on the register and the code list"),
    "evidence_report": ("Izveštaj o povezivanju", "Referencing report"),
    "evidence_meeting": (
        "Sastanak na kome je povezivanje predstavljeno",
        "Meeting at which the referencing was presented",
    ),
    "evidence_qf_ehea": ("Samoprocena u odnosu na QF-EHEA", "Self-assessment against the QF-EHEA"),
    "evidence_qdr": ("Identifikatori u evidenciji Evropske unije (QDR)", "Identifiers in the EU listing (QDR)"),
    "evidence_standard_element": ("Element standarda kvalifikacije", "Element of a qualification standard"),
}

# Units: (one, few, many) in Serbian Latin (1, 21 … one; 2–4, 22–24 … few; else many); English (one, other).
UNITS: dict[str, tuple[tuple[str, str, str], tuple[str, str]]] = {
    "years": (("godina", "godine", "godina"), ("year", "years")),
    "months": (("mesec", "meseca", "meseci"), ("month", "months")),
    "hours": (("sat", "sata", "sati"), ("hour", "hours")),
    "ects": (("ESPB", "ESPB", "ESPB"), ("ECTS credits", "ECTS credits")),
}

# Names of the standard properties (the project's own come from the ontology's labels).
PROPERTIES: dict[str, tuple[str, str]] = {
    "rdf:type": ("Vrsta", "Type"),
    "rdf:value": ("Tekst", "Text"),
    "rdf:subject": ("Subjekat iskaza", "Statement subject"),
    "rdf:predicate": ("Veza iskaza", "Statement relation"),
    "rdf:object": ("Objekat iskaza", "Statement object"),
    "rdfs:label": ("Naziv", "Label"),
    "rdfs:seeAlso": ("Videti i", "See also"),
    "rdfs:isDefinedBy": ("Definisano u", "Defined by"),
    "rdfs:domain": ("Domen", "Domain"),
    "rdfs:range": ("Opseg", "Range"),
    "rdfs:subClassOf": ("Podklasa od", "Subclass of"),
    "rdfs:subPropertyOf": ("Podsvojstvo od", "Subproperty of"),
    "owl:inverseOf": ("Inverzno od", "Inverse of"),
    "owl:versionInfo": ("Verzija", "Version"),
    "skos:prefLabel": ("Naziv", "Name"),
    "skos:altLabel": ("Drugi nazivi", "Other names"),
    "skos:notation": ("Oznaka", "Notation"),
    "skos:definition": ("Definicija", "Definition"),
    "skos:scopeNote": ("Obuhvat", "Scope note"),
    "skos:note": ("Napomena", "Note"),
    "skos:editorialNote": ("Urednička napomena", "Editorial note"),
    "skos:changeNote": ("Izmena", "Change note"),
    "skos:historyNote": ("Istorija", "History"),
    "skos:inScheme": ("Pripada", "In scheme"),
    "skos:topConceptOf": ("Vrh sheme", "Top concept of"),
    "skos:hasTopConcept": ("Pojmovi", "Concepts"),
    "skos:broader": ("Šire", "Broader"),
    "skos:narrower": ("Uže", "Narrower"),
    "skos:related": ("Povezano", "Related"),
    "skos:exactMatch": ("Isto što i", "Exact match"),
    "skos:closeMatch": ("Približno isto što i", "Close match"),
    "skos:broadMatch": ("Šire podudaranje", "Broad match"),
    "skos:narrowMatch": ("Uže podudaranje", "Narrow match"),
    "dcterms:title": ("Naslov", "Title"),
    "dcterms:description": ("Opis", "Description"),
    "dcterms:source": ("Izvor", "Source"),
    "dcterms:creator": ("Autor", "Creator"),
    "dcterms:publisher": ("Izdavač", "Publisher"),
    "dcterms:license": ("Licenca", "Licence"),
    "dcterms:language": ("Jezik", "Language"),
    "dcterms:created": ("Nastanak", "Created"),
    "dcterms:issued": ("Objavljeno", "Issued"),
    "dcterms:dateAccepted": ("Usvojeno", "Accepted"),
    "dcterms:hasPart": ("Delovi", "Has part"),
    "dcterms:isPartOf": ("Deo je", "Part of"),
    "dcterms:relation": ("Povezano", "Related"),
    "dcterms:references": ("Upućuje na", "References"),
    "dcterms:replaces": ("Zamenjuje", "Replaces"),
    "dcterms:isReplacedBy": ("Zamenjen je", "Replaced by"),
    "dcterms:bibliographicCitation": ("Citat", "Citation"),
    "dcatap:applicableLegislation": ("Propis", "Applicable legislation"),
    "prov:wasDerivedFrom": ("Izvedeno iz", "Derived from"),
    "vann:preferredNamespacePrefix": ("Prefiks", "Namespace prefix"),
    "vann:preferredNamespaceUri": ("Prostor imena", "Namespace"),
    "eli:amended_by": ("Izmene", "Amended by"),
    "eli:amends": ("Menja", "Amends"),
    "eli:date_document": ("Donet", "Adopted"),
    "eli:first_date_entry_in_force": ("Stupio na snagu", "In force from"),
    "org:subOrganizationOf": ("U sastavu", "Part of organisation"),
    "foaf:name": ("Ime", "Name"),
    "foaf:page": ("Veb-stranica", "Web page"),
    "schema:name": ("Naziv", "Name"),
    "schema:about": ("Tema", "About"),
    "schema:startDate": ("Početak", "Start"),
    "schema:endDate": ("Kraj", "End"),
    "schema:location": ("Mesto", "Location"),
    "schema:legislationIdentifier": ("Službeni glasnik", "Official gazette"),
    "schema:validFrom": ("Važi od", "Valid from"),
    "schema:validThrough": ("Važi do", "Valid through"),
    "elm:NQFLevel": ("Nivo NOKS-a kvalifikacije", "NOKS level of the qualification"),
    "elm:EQFLevel": ("Nivo EOK-a kvalifikacije", "EQF level of the qualification"),
    "elm:ISCEDFCode": ("Oblast kvalifikacije (ISCED-F)", "Field of the qualification (ISCED-F)"),
    "elm:learningOutcome": ("Ishod učenja", "Learning outcome"),
    "schema:occupationalCategory": ("Šifra zanimanja", "Occupation code"),
    "schema:timeToComplete": ("Trajanje programa", "Duration of the programme"),
    "schema:version": ("Verzija", "Version"),
    "dcterms:type": ("Vrsta", "Type"),
}

MONTHS = (
    ("januar", "January"),
    ("februar", "February"),
    ("mart", "March"),
    ("april", "April"),
    ("maj", "May"),
    ("jun", "June"),
    ("jul", "July"),
    ("avgust", "August"),
    ("septembar", "September"),
    ("oktobar", "October"),
    ("novembar", "November"),
    ("decembar", "December"),
)

PLACEHOLDER = re.compile(r"(\{\w+\})")

LANGUAGE_NAMES: dict[str, str] = {"sr-Cyrl": "Ћирилица", "sr-Latn": "Latinica", "en": "English"}


@cache
def strings(lang: str) -> MappingProxyType[str, str]:
    """All interface strings in one language (`sr-Cyrl`, `sr-Latn` or `en`)."""
    if lang not in ("sr-Cyrl", "sr-Latn", "en"):
        raise KeyError(f"no interface strings for language {lang!r}")
    return MappingProxyType({key: _pick(pair, lang) for key, pair in STRINGS.items()})


def _pick(pair: tuple[str, str], lang: str) -> str:
    """The string in a language; Cyrillic from the Latin, keeping `{placeholders}` as they are."""
    if lang == "en":
        return pair[1]
    if lang == "sr-Cyrl":
        return "".join(
            part if PLACEHOLDER.fullmatch(part) else to_cyrillic(part) for part in PLACEHOLDER.split(pair[0])
        )
    return pair[0]


@cache
def property_label(name: str, lang: str) -> str | None:
    """The name of a standard property (`skos:broader`) in a language, if the interface has one."""
    pair = PROPERTIES.get(name)
    return _pick(pair, lang) if pair else None


@lru_cache(maxsize=4096)  # pages show the same few dates again and again
def date(iso: str, lang: str) -> str:
    """An xsd:date as people write it: `14. april 2018.`, `14 April 2018`; anything else unchanged."""
    try:
        year, month, day = (int(part) for part in iso.split("-"))
        name = _pick(MONTHS[month - 1], lang)
    except (ValueError, IndexError):
        return iso
    return f"{day} {name} {year}" if lang == "en" else f"{day}. {name} {year}."


def more(count: int, lang: str) -> str:
    return strings(lang)["more"].format(n=count)


@lru_cache(maxsize=1024)
def quantity(count: int, unit: str, lang: str, genitive: bool = False) -> str:
    """`3 godine`, `5 godina`, `21 godina`, `1 year`, `180 ECTS credits`: the one place numbers get units.

    `genitive` for Serbian after `do` ("do 1 godine"), where the singular takes the form of 2–4."""
    serbian, english = UNITS[unit]
    if lang == "en":
        return f"{count} {english[0] if count == 1 else english[1]}"
    if count % 10 == 1 and count % 100 != 11:
        word = serbian[1] if genitive else serbian[0]
    elif count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        word = serbian[1]
    else:
        word = serbian[2]
    return f"{count} {to_cyrillic(word) if lang == 'sr-Cyrl' else word}"


def amount(unit: str, lang: str, exact: int | None = None, low: int | None = None, high: int | None = None) -> str:
    """An exact amount, a range, `at least` or `up to`, with its unit."""
    t = strings(lang)
    if exact is not None:
        return quantity(exact, unit, lang)
    if low is not None and high is not None:
        return t["range"].format(a=low, b=quantity(high, unit, lang))
    if low is not None:
        return t["at_least"].format(x=quantity(low, unit, lang))
    if high is not None:
        return t["up_to"].format(x=quantity(high, unit, lang, genitive=True))
    return ""


# SPARQL: the query page and the example queries (query_pages.py)
STRINGS.update(
    {
        "query_nav": ("Upiti", "Queries"),
        "query_title": ("Upiti nad podacima NOKS-a", "Querying the NOKS data"),
        "query_intro": (
            "Podaci NOKS-a mogu se pretraživati upitnim jezikom SPARQL 1.1: ovde u pregledaču, bez servera, ili na "
            "načine navedene na dnu stranice. Primeri ispod odgovaraju na pitanja koja korisnici zaista postavljaju.",
            "The NOKS data can be queried with SPARQL 1.1: here in the browser, without a server, or in the ways "
            "listed at the bottom of the page. The examples below answer questions users really ask.",
        ),
        "query_examples": ("Primeri upita", "Example queries"),
        "query_editor": ("Upit u pregledaču", "Query in the browser"),
        "query_example": ("Primer", "Example"),
        "query_text": ("Upit", "Query"),
        "query_run": ("Izvrši upit", "Run the query"),
        "query_loading": ("Učitavam graf…", "Loading the graph…"),
        "query_running": ("Izvršavam upit…", "Running the query…"),
        "query_rows": ("Broj redova:", "Rows:"),
        "query_error": ("Greška:", "Error:"),
        "query_offline": (
            "Upiti u pregledaču rade kada se sajt služi preko mreže, na primer komandom",
            "Queries in the browser work when the site is served over the web, for example with",
        ),
        "query_no_engine": (
            "Mašina za upite u pregledaču nije instalirana u ovom izdanju sajta. Instalira se pre izgradnje komandom",
            "The in-browser query engine is not installed in this build of the site. "
            "It is installed before building with",
        ),
        "query_noscript": (
            "Za upite u pregledaču potrebno je da pregledač izvršava skripte.",
            "Queries in the browser need scripts to be enabled.",
        ),
        "query_answer": ("Odgovor", "Answer"),
        "query_graph": ("Odgovor je graf, zapisan u formatu Turtle:", "The answer is a graph, written in Turtle:"),
        "query_at_build": (
            "Odgovor je izračunat nad objavljenim podacima kada je sajt izgrađen.",
            "The answer was computed over the published data when the site was built.",
        ),
        "query_sparql": ("Upit", "The query"),
        "query_edit": ("Izmeni i izvrši u pregledaču", "Edit and run in the browser"),
        "query_download": ("Preuzmi upit", "Download the query"),
        "query_ways": ("Drugi načini", "Other ways"),
        "query_way_cli": ("u komandnoj liniji, nad izgrađenim grafom", "on the command line, over the built graph"),
        "query_way_endpoint": (
            "krajnja tačka po protokolu SPARQL 1.1, samo za čitanje",
            "an endpoint following the SPARQL 1.1 Protocol, read-only",
        ),
        "query_way_push": (
            "učitava graf u SPARQL skladište podataka, kao imenovani graf",
            "loads the graph into a SPARQL store, as a named graph",
        ),
    }
)

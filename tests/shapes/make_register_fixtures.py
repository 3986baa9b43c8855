# ruff: noqa: E501 (the fixture text keeps its Turtle lines whole)
"""Writes the shape fixtures of the register (shapes/register.ttl): one valid qualification in
tests/shapes/valid/register.ttl, and for each shape a copy with exactly one defect in
tests/shapes/invalid/<ShapeName>.ttl. Run it after changing the shapes: python tests/shapes/make_register_fixtures.py"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

VALID = """\
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix elm: <http://data.europa.eu/snb/model/elm/> .
@prefix eqf: <http://data.europa.eu/snb/eqf/> .
@prefix esco: <http://data.europa.eu/esco/model#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix isced: <http://data.europa.eu/snb/isced-f/> .
@prefix noks: <ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix qdr: <http://data.europa.eu/snb/qdr/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix vann: <http://purl.org/vocab/vann/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

# {comment}
# Written by tests/shapes/make_register_fixtures.py. Fixtures are not derived: the sr-Cyrl text,
# skos:hasTopConcept and the qualification's elm:EQFLevel are written out.

<ontology> a owl:Ontology .
noks:Level a owl:Class ; rdfs:subClassOf skos:Concept ; rdfs:isDefinedBy <ontology> .
noks:EducationField a owl:Class ; rdfs:subClassOf skos:Concept ; rdfs:isDefinedBy <ontology> .
noks:Descriptor a owl:Class ; rdfs:isDefinedBy <ontology> .
noks:SourceStatement a owl:Class ; rdfs:isDefinedBy <ontology> .
noks:descriptor a owl:ObjectProperty ; rdfs:domain noks:Level ; rdfs:range noks:Descriptor .
noks:dimension a owl:ObjectProperty ; rdfs:domain noks:Descriptor ; rdfs:range skos:Concept .
noks:lineNumber a owl:DatatypeProperty ; rdfs:domain noks:SourceStatement ; rdfs:range xsd:integer .
noks:derived a owl:DatatypeProperty ; rdfs:range xsd:boolean .
noks:ects a owl:DatatypeProperty ; rdfs:range xsd:integer .
noks:wayOfAcquiring a owl:ObjectProperty .
noks:workDescription a owl:DatatypeProperty .
noks:verifiedBy a owl:ObjectProperty .
noks:registrationDate a owl:DatatypeProperty ; rdfs:range xsd:date .

<publisher> a foaf:Agent ;
    foaf:name "noks"@sr-Latn, "noks"@sr-Cyrl, "noks"@en .

<legal/law-on-noks> a eli:LegalResource, schema:Legislation ;
    dcterms:title "Zakon o NOKS-u"@sr-Latn, "Закон о НОКС-у"@sr-Cyrl, "Law on the NOKS"@en ;
    schema:legislationIdentifier "Sl. glasnik RS 27/2018" ;
    eli:date_document "2018-04-05"^^xsd:date ;
    eli:first_date_entry_in_force "2018-04-14"^^xsd:date .

<source/ministry-page> a foaf:Document ;
    dcterms:title "Stranica Ministarstva o NOKS-u"@sr-Latn, "Страница Министарства о НОКС-у"@sr-Cyrl, "The Ministry's page on the NOKS"@en .

<source/ministry-page#L6> a noks:SourceStatement ;
    rdf:value "Kvalifikacija se stiče formalnim obrazovanjem."@sr-Latn, "Квалификација се стиче формалним образовањем."@sr-Cyrl ;
    noks:lineNumber 6 ;
    dcterms:isPartOf <source/ministry-page> .

<document/isced-f-2013> a foaf:Document ;
    dcterms:title "ISCED-F 2013"@sr-Latn, "ISCED-F 2013"@sr-Cyrl, "ISCED-F 2013"@en .

<framework> a skos:ConceptScheme ;
    dcterms:title "Okvir"@sr-Latn, "Оквир"@sr-Cyrl, "Framework"@en ;
    dcterms:description "Nivoi."@sr-Latn, "Нивои."@sr-Cyrl, "The levels."@en ;
    dcterms:publisher <publisher> ;
    dcterms:license <http://creativecommons.org/licenses/by/4.0/> ;
    vann:preferredNamespaceUri <level/> ;
    vann:preferredNamespacePrefix "level" ;
    dcterms:source <legal/law-on-noks> ;
    skos:hasTopConcept <level/4> .

<level/4> a skos:Concept, noks:Level ;
    skos:inScheme <framework> ;
    skos:topConceptOf <framework> ;
    skos:notation "4" ;
    skos:prefLabel "Nivo 4"@sr-Latn, "Ниво 4"@sr-Cyrl, "Level 4"@en ;
    skos:definition "Četvrti nivo."@sr-Latn, "Четврти ниво."@sr-Cyrl, "The fourth level."@en ;
    skos:exactMatch eqf:4, qdr:c_71bf982b ;
    noks:descriptor <level/4#knowledge>, <level/4#skills>, <level/4#abilities-attitudes> ;
    dcterms:source <source/ministry-page> ;
    prov:wasDerivedFrom <source/ministry-page#L6> .

<level/4#knowledge> a noks:Descriptor ; noks:dimension <descriptor-dimension/knowledge> ;
    rdfs:label "Znanje – nivo 4"@sr-Latn, "Знање – ниво 4"@sr-Cyrl, "Knowledge – level 4"@en ; dcterms:source <legal/law-on-noks> .
<level/4#skills> a noks:Descriptor ; noks:dimension <descriptor-dimension/skills> ;
    rdfs:label "Veštine – nivo 4"@sr-Latn, "Вештине – ниво 4"@sr-Cyrl, "Skills – level 4"@en ; dcterms:source <legal/law-on-noks> .
<level/4#abilities-attitudes> a noks:Descriptor ; noks:dimension <descriptor-dimension/abilities-attitudes> ;
    rdfs:label "Sposobnosti i stavovi – nivo 4"@sr-Latn, "Способности и ставови – ниво 4"@sr-Cyrl, "Abilities and attitudes – level 4"@en ;
    dcterms:source <legal/law-on-noks> .

<level/4#eqf> a rdf:Statement ;
    rdf:subject <level/4> ; rdf:predicate skos:exactMatch ; rdf:object eqf:4 ;
    noks:derived true ;
    skos:scopeNote "Nivoi se poklapaju."@sr-Latn, "Нивои се поклапају."@sr-Cyrl, "The levels match."@en ;
    dcterms:source <legal/law-on-noks> .

<descriptor-dimension> a skos:ConceptScheme ;
    dcterms:title "Dimenzije"@sr-Latn, "Димензије"@sr-Cyrl, "Dimensions"@en ;
    dcterms:description "Dimenzije ishoda."@sr-Latn, "Димензије исхода."@sr-Cyrl, "Dimensions of outcomes."@en ;
    dcterms:publisher <publisher> ;
    dcterms:license <http://creativecommons.org/licenses/by/4.0/> ;
    vann:preferredNamespaceUri <descriptor-dimension/> ;
    vann:preferredNamespacePrefix "dimension" ;
    dcterms:source <source/ministry-page> ;
    skos:hasTopConcept <descriptor-dimension/knowledge>, <descriptor-dimension/skills>, <descriptor-dimension/abilities-attitudes> .

<descriptor-dimension/knowledge> a skos:Concept ;
    skos:inScheme <descriptor-dimension> ; skos:topConceptOf <descriptor-dimension> ;
    skos:prefLabel "Znanje"@sr-Latn, "Знање"@sr-Cyrl, "Knowledge"@en ;
    skos:definition "Šta osoba zna."@sr-Latn, "Шта особа зна."@sr-Cyrl, "What a person knows."@en ;
    dcterms:source <source/ministry-page> ; prov:wasDerivedFrom <source/ministry-page#L6> .

<descriptor-dimension/skills> a skos:Concept ;
    skos:inScheme <descriptor-dimension> ; skos:topConceptOf <descriptor-dimension> ;
    skos:prefLabel "Veštine"@sr-Latn, "Вештине"@sr-Cyrl, "Skills"@en ;
    skos:definition "Šta osoba ume."@sr-Latn, "Шта особа уме."@sr-Cyrl, "What a person can do."@en ;
    dcterms:source <source/ministry-page> ; prov:wasDerivedFrom <source/ministry-page#L6> .

<descriptor-dimension/abilities-attitudes> a skos:Concept ;
    skos:inScheme <descriptor-dimension> ; skos:topConceptOf <descriptor-dimension> ;
    skos:prefLabel "Sposobnosti i stavovi"@sr-Latn, "Способности и ставови"@sr-Cyrl, "Abilities and attitudes"@en ;
    skos:definition "Samostalnost osobe."@sr-Latn, "Самосталност особе."@sr-Cyrl, "A person's autonomy."@en ;
    dcterms:source <source/ministry-page> ; prov:wasDerivedFrom <source/ministry-page#L6> .

<qualification-type> a skos:ConceptScheme ;
    dcterms:title "Vrste kvalifikacija"@sr-Latn, "Врсте квалификација"@sr-Cyrl, "Types of qualification"@en ;
    dcterms:description "Vrste."@sr-Latn, "Врсте."@sr-Cyrl, "The types."@en ;
    dcterms:publisher <publisher> ;
    dcterms:license <http://creativecommons.org/licenses/by/4.0/> ;
    vann:preferredNamespaceUri <qualification-type/> ;
    vann:preferredNamespacePrefix "qtype" ;
    dcterms:source <source/ministry-page> ;
    skos:hasTopConcept <qualification-type/vocational> .

<qualification-type/vocational> a skos:Concept ;
    skos:inScheme <qualification-type> ; skos:topConceptOf <qualification-type> ;
    skos:prefLabel "Stručne kvalifikacije"@sr-Latn, "Стручне квалификације"@sr-Cyrl, "Vocational qualifications"@en ;
    skos:definition "Kvalifikacije za zanimanje."@sr-Latn, "Квалификације за занимање."@sr-Cyrl, "Qualifications for an occupation."@en ;
    dcterms:source <source/ministry-page> ; prov:wasDerivedFrom <source/ministry-page#L6> .

<acquisition> a skos:ConceptScheme ;
    dcterms:title "Načini sticanja"@sr-Latn, "Начини стицања"@sr-Cyrl, "Ways of acquiring"@en ;
    dcterms:description "Načini."@sr-Latn, "Начини."@sr-Cyrl, "The ways."@en ;
    dcterms:publisher <publisher> ;
    dcterms:license <http://creativecommons.org/licenses/by/4.0/> ;
    vann:preferredNamespaceUri <acquisition/> ;
    vann:preferredNamespacePrefix "acquisition" ;
    dcterms:source <source/ministry-page> ;
    skos:hasTopConcept <acquisition/formal> .

<acquisition/formal> a skos:Concept ;
    skos:inScheme <acquisition> ; skos:topConceptOf <acquisition> ;
    skos:prefLabel "Formalno obrazovanje"@sr-Latn, "Формално образовање"@sr-Cyrl, "Formal education"@en ;
    skos:definition "Obrazovanje po programima."@sr-Latn, "Образовање по програмима."@sr-Cyrl, "Education by programmes."@en ;
    dcterms:source <source/ministry-page> ; prov:wasDerivedFrom <source/ministry-page#L6> .

<isced-f> a skos:ConceptScheme ;
    dcterms:title "Oblasti ISCED-F"@sr-Latn, "Области ISCED-F"@sr-Cyrl, "ISCED-F fields"@en ;
    dcterms:description "Oblasti."@sr-Latn, "Области."@sr-Cyrl, "The fields."@en ;
    dcterms:publisher <publisher> ;
    dcterms:license <http://creativecommons.org/licenses/by/4.0/> ;
    vann:preferredNamespaceUri <isced-f/> ;
    vann:preferredNamespacePrefix "field" ;
    dcterms:source <document/isced-f-2013> ;
    skos:hasTopConcept <isced-f/0713> .

<isced-f/0713> a skos:Concept, noks:EducationField ;
    skos:inScheme <isced-f> ;
    skos:topConceptOf <isced-f> ;
    skos:notation "0713" ;
    skos:prefLabel "Elektrotehnika i energetika"@sr-Latn, "Електротехника и енергетика"@sr-Cyrl, "Electricity and energy"@en ;
    skos:definition "Detaljna oblast."@sr-Latn, "Детаљна област."@sr-Cyrl, "A detailed field."@en ;
    skos:exactMatch isced:0713 ;
    dcterms:source <document/isced-f-2013> ;
    prov:wasDerivedFrom <document/isced-f-2013> .

eqf:25831c2 a skos:ConceptScheme ;
    dcterms:title "EOK"@sr-Latn, "ЕОК"@sr-Cyrl, "EQF"@en ;
    dcterms:source <legal/law-on-noks> .

eqf:4 a skos:Concept ;
    skos:inScheme eqf:25831c2 ; skos:topConceptOf eqf:25831c2 ; skos:notation "4" ;
    skos:prefLabel "Nivo 4 EOK-a"@sr-Latn, "Ниво 4 ЕОК-а"@sr-Cyrl, "EQF level 4"@en ;
    dcterms:source <legal/law-on-noks> .

qdr:25831c2 a skos:ConceptScheme ;
    dcterms:title "QDR"@sr-Latn, "QDR"@sr-Cyrl, "QDR"@en ;
    dcterms:source <legal/law-on-noks> .

qdr:c_71bf982b a skos:Concept ;
    skos:inScheme qdr:25831c2 ; skos:topConceptOf qdr:25831c2 ;
    skos:prefLabel "NOK Srbije, nivo 4"@sr-Latn, "НОК Србије, ниво 4"@sr-Cyrl, "NQF Serbia level 4"@en ;
    dcterms:source <legal/law-on-noks> .

<body/ministry-of-education> a org:Organization ;
    skos:prefLabel "Ministarstvo prosvete"@sr-Latn, "Министарство просвете"@sr-Cyrl, "Ministry of Education"@en .

<register/qualifications> a dcat:Catalog ;
    dcterms:title "Podregistar kvalifikacija"@sr-Latn, "Подрегистар квалификација"@sr-Cyrl, "Sub-register of qualifications"@en .

<qualification/Q-0713-4-001> a esco:Qualification ;
    skos:notation "Q-0713-4-001" ;
    skos:prefLabel "Tehničar za održavanje vremeplova"@sr-Latn, "Time-machine maintenance technician"@en ;
    elm:NQFLevel <level/4> ;
    elm:EQFLevel eqf:4 ;
    dcterms:type <qualification-type/vocational> ;
    noks:wayOfAcquiring <acquisition/formal> ;
    elm:ISCEDFCode <isced-f/0713> ;
    schema:occupationalCategory "7412.01" ;
    noks:workDescription "Popravlja vremeplove."@sr-Latn, "Repairs time machines."@en ;
    schema:timeToComplete "P4Y"^^xsd:duration ;
    noks:ects 240 ;
    elm:learningOutcome <qualification/Q-0713-4-001#outcome-1>, <qualification/Q-0713-4-001#outcome-2> ;
    noks:verifiedBy <body/ministry-of-education> ;
    dcterms:dateAccepted "2021-03-15"^^xsd:date ;
    noks:registrationDate "2021-04-01"^^xsd:date ;
    dcterms:source <register/qualifications> .

<qualification/Q-0713-4-001#outcome-1> a elm:LearningOutcome ;
    skos:prefLabel "Dijagnostikuje kvar hronometra"@sr-Latn, "Diagnoses a fault in the chronometer"@en .

<qualification/Q-0713-4-001#outcome-2> a elm:LearningOutcome ;
    skos:prefLabel "Zamenjuje kristal vremena"@sr-Latn, "Replaces the time crystal"@en .
"""
Q = "<qualification/Q-0713-4-001> a esco:Qualification ;\n"


def _block() -> str:
    """The qualification's own statements in VALID, up to its final ' .'."""
    start = VALID.index(Q)
    return VALID[start : VALID.index(" .\n", start) + 3]


# shape -> (what is wrong, [(text in VALID, its replacement)])
DEFECTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "QualificationCodeShape": (
        "the code is in lower case",
        [("<qualification/Q-0713-4-001> a", "<qualification/q-0713> a"), ('"Q-0713-4-001" ;', '"q-0713" ;')],
    ),
    "QualificationCodeUniqueShape": (
        "a second qualification has the same code",
        [(Q, _block().replace("<qualification/Q-0713-4-001> a", "<old/qualification/Q-0713-4-001> a") + "\n" + Q)],
    ),
    "QualificationIriShape": (
        "the IRI does not end with the code",
        [("<qualification/Q-0713-4-001> a", "<qualification/Q-0713-4-999> a")],
    ),
    "QualificationTitleShape": (
        "no title in Serbian",
        [('"Tehničar za održavanje vremeplova"@sr-Latn, ', "")],
    ),
    "QualificationTitleUniqueLangShape": (
        "two English titles",
        [('"Time-machine maintenance technician"@en', '"Time-machine repairer"@en, "Time-machine mechanic"@en')],
    ),
    "QualificationEnglishTitleShape": (
        "no English title (a warning)",
        [(', "Time-machine maintenance technician"@en', "")],
    ),
    "QualificationLevelShape": (
        "the level is not a noks:Level",
        [
            ("elm:NQFLevel <level/4>", "elm:NQFLevel <code-list/40>"),
            ("<isced-f> a", "<code-list/40> a skos:Concept ;\n    skos:exactMatch eqf:4 .\n\n<isced-f> a"),
        ],
    ),
    "QualificationEqfLevelShape": (
        "the level matches no EQF level, so none is derived",
        [
            ("    elm:EQFLevel eqf:4 ;\n", ""),
            ("skos:exactMatch eqf:4, qdr:c_71bf982b", "skos:exactMatch qdr:c_71bf982b"),
        ],
    ),
    "QualificationTypeShape": (
        "the type is not one of the four",
        [("dcterms:type <qualification-type/vocational>", "dcterms:type <qualification-type/other>")],
    ),
    "QualificationAcquisitionShape": (
        "an unknown way of acquiring",
        [("noks:wayOfAcquiring <acquisition/formal>", "noks:wayOfAcquiring <acquisition/online>")],
    ),
    "QualificationFieldShape": (
        "the field is not an ISCED-F field",
        [("elm:ISCEDFCode <isced-f/0713>", "elm:ISCEDFCode <isced-f/9999>")],
    ),
    "EducationFieldCodeShape": (
        "the field code lost its leading zero",
        [('skos:notation "0713"', 'skos:notation "07.13"'), ("isced:0713", "isced:07.13")],
    ),
    "EducationFieldMatchShape": (
        "the field matches the EU concept of another code",
        [("isced:0713", "isced:0714")],
    ),
    "QualificationOutcomeShape": (
        "no learning outcomes",
        [("elm:learningOutcome <qualification/Q-0713-4-001#outcome-1>, <qualification/Q-0713-4-001#outcome-2>", "")],
    ),
    "OutcomeTextShape": (
        "an outcome with two Serbian texts",
        [('"Zamenjuje kristal vremena"@sr-Latn', '"Zamenjuje kristal vremena"@sr-Latn, "Menja kristal"@sr-Latn')],
    ),
    "OutcomeLanguagesShape": (
        "an outcome without English text, though the title is in English",
        [(', "Replaces the time crystal"@en', "")],
    ),
    "QualificationOccupationShape": (
        "an occupation code that is not an ISCO-08 code",
        [('"7412.01"', '"74A"')],
    ),
    "QualificationDurationShape": (
        "the duration is text, not an xsd:duration",
        [('"P4Y"^^xsd:duration', '"four years"')],
    ),
    "QualificationEctsShape": (
        "two ECTS volumes",
        [("noks:ects 240", "noks:ects 180, 240")],
    ),
    "QualificationVerifiedByShape": (
        "verified by something that is not a body",
        [("noks:verifiedBy <body/ministry-of-education>", "noks:verifiedBy <level/4>")],
    ),
    "QualificationVerificationDateShape": (
        "the verification date is text",
        [('"2021-03-15"^^xsd:date', '"15.03.2021."')],
    ),
    "QualificationRegistrationDateShape": (
        "two dates of entry",
        [('"2021-04-01"^^xsd:date', '"2021-04-01"^^xsd:date, "2021-05-01"^^xsd:date')],
    ),
    "QualificationWorkDescriptionShape": (
        "no description of work (a warning)",
        [('    noks:workDescription "Popravlja vremeplove."@sr-Latn, "Repairs time machines."@en ;\n', "")],
    ),
}


def main() -> None:
    (HERE / "valid" / "register.ttl").write_text(VALID.format(comment="A complete qualification of the register."))
    for shape, (what, edits) in DEFECTS.items():
        text = VALID.format(comment=f"Fails nokssh:{shape}: {what}.")
        for old, new in edits:
            assert old in text, (shape, old)
            text = text.replace(old, new)
        (HERE / "invalid" / f"{shape}.ttl").write_text(text)


if __name__ == "__main__":
    main()

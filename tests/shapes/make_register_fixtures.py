"""Writes the shape fixtures of the register (shapes/register.ttl): one valid qualification in
tests/shapes/valid/register.ttl, and for each shape a copy with exactly one defect in
tests/shapes/invalid/<ShapeName>.ttl. Run it after changing the shapes: python tests/shapes/make_register_fixtures.py"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

VALID = """\
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix elm: <http://data.europa.eu/snb/model/elm/> .
@prefix eqf: <http://data.europa.eu/snb/eqf/> .
@prefix esco: <http://data.europa.eu/esco/model#> .
@prefix isced: <http://data.europa.eu/snb/isced-f/> .
@prefix noks: <ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

# {comment}

<framework> a skos:ConceptScheme ;
    dcterms:title "Okvir"@sr-Latn, "Framework"@en .

<level/4> a skos:Concept, noks:Level ;
    skos:inScheme <framework> ;
    skos:topConceptOf <framework> ;
    skos:notation "4" ;
    skos:prefLabel "Nivo 4"@sr-Latn, "Level 4"@en ;
    skos:exactMatch eqf:4 .

<isced-f> a skos:ConceptScheme ;
    dcterms:title "Oblasti ISCED-F"@sr-Latn, "ISCED-F fields"@en .

<isced-f/0713> a skos:Concept, noks:EducationField ;
    skos:inScheme <isced-f> ;
    skos:topConceptOf <isced-f> ;
    skos:notation "0713" ;
    skos:prefLabel "Elektrotehnika i energetika"@sr-Latn, "Electricity and energy"@en ;
    skos:exactMatch isced:0713 .

<qualification-type> a skos:ConceptScheme ;
    dcterms:title "Vrste kvalifikacija"@sr-Latn, "Types of qualification"@en .

<qualification-type/vocational> a skos:Concept ;
    skos:inScheme <qualification-type> ;
    skos:topConceptOf <qualification-type> ;
    skos:prefLabel "Stručne kvalifikacije"@sr-Latn, "Vocational qualifications"@en .

<acquisition> a skos:ConceptScheme ;
    dcterms:title "Načini sticanja"@sr-Latn, "Ways of acquiring"@en .

<acquisition/formal> a skos:Concept ;
    skos:inScheme <acquisition> ;
    skos:topConceptOf <acquisition> ;
    skos:prefLabel "Formalno obrazovanje"@sr-Latn, "Formal education"@en .

<body/ministry-of-education> a org:Organization ;
    skos:prefLabel "Ministarstvo prosvete"@sr-Latn, "Ministry of Education"@en .

<register/qualifications> a dcat:Catalog ;
    dcterms:title "Podregistar nacionalnih kvalifikacija"@sr-Latn, "Sub-register of national qualifications"@en .

<qualification/Q-0713-4-001> a esco:Qualification ;
    skos:notation "Q-0713-4-001" ;
    skos:prefLabel "Tehničar za održavanje vremeplova"@sr-Latn, "Time-machine maintenance technician"@en ;
    elm:NQFLevel <level/4> ;
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
    dcterms:isPartOf <register/qualifications> .

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
        [("    skos:exactMatch eqf:4 .", '    skos:note "no EQF level"@en .')],
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

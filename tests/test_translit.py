"""The one transliteration: Latin -> Cyrillic with its exceptions, and the lossless way back."""

from __future__ import annotations

import pytest

from noks.translit import to_cyrillic, to_latin

CASES = [
    ("Nacionalni okvir kvalifikacija", "Национални оквир квалификација"),
    ("ŠIFARNIK NIVOA KVALIFIKACIJA", "ШИФАРНИК НИВОА КВАЛИФИКАЦИЈА"),
    ("LJUBAV NJIVA DŽEP", "ЉУБАВ ЊИВА ЏЕП"),
    ("Ljubav Njegoš Džemper", "Љубав Његош Џемпер"),
    ("ljubav njiva džep đak ćup", "љубав њива џеп ђак ћуп"),
    ("injekcija konjunktura nadživeti", "инјекција конјунктура надживети"),
    ("„Sl. glasnik RS“, br. 56/18", "„Сл. гласник РС“, бр. 56/18"),
    ("I stepen i IV stepen stručne spreme", "I степен и IV степен стручне спреме"),
    ("EQF nivo 6 i QF-EHEA", "EQF ниво 6 и QF-EHEA"),
    ("http://nsvo.etf.rs", "http://nsvo.etf.rs"),
    ("vidi nsvo.etf.rs i schema.org", "види nsvo.etf.rs и schema.org"),
    ("OAS obima 180 ESPB, 6.1 A", "ОАС обима 180 ЕСПБ, 6.1 А"),
    ("NOK-a i NOKS-u", "НОК-а и НОКС-у"),
    ("ISCED-F 2013", "ISCED-F 2013"),
    ("nivo QDR-a i EQF-u", "ниво QDR-а и EQF-у"),
    ("povezan sa skos:broadMatch i noks:level", "повезан са skos:broadMatch и noks:level"),
]


@pytest.mark.parametrize(("latin", "cyrillic"), CASES)
def test_latin_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    "latin",
    [
        c[0]
        for c in CASES
        if "injekcija" not in c[0]
        and "http" not in c[0]
        and "EQF" not in c[0]
        and "ISCED" not in c[0]
        and "schema" not in c[0]
    ],
)
def test_round_trip(latin: str) -> None:
    assert to_latin(to_cyrillic(latin)) == latin


def test_two_letter_words_round_trip_to_their_cyrillic_spelling() -> None:
    # Cyrillic -> Latin is lossless; the Latin spelling of инјекција is injekcija again.
    assert to_latin("инјекција") == "injekcija"
    assert to_cyrillic(to_latin("инјекција")) == "инјекција"


def test_every_latin_text_of_the_data_comes_back_from_its_cyrillic() -> None:
    """The derived Cyrillic loses nothing: Cyrillic -> Latin gives the source (and seed) text back."""
    from noks.load import load_sources
    from noks.project import load_project

    from .conftest import ROOT

    project = load_project(ROOT)
    texts = [
        t.object.value
        for t in load_sources(project.source_files(), project.base).triples
        if getattr(t.object, "language", None) == "sr-latn"
    ]
    assert len(texts) > 500
    assert [x for x in texts if to_latin(to_cyrillic(x)) != x] == []

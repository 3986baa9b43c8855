"""interface: the site's strings in three languages; numbers with units; dates."""

from __future__ import annotations

from noks.interface import STRINGS, amount, date, property_label, quantity, strings


def test_every_string_exists_in_every_language_and_cyrillic_comes_from_latin() -> None:
    for lang in ("sr-Cyrl", "sr-Latn", "en"):
        assert set(strings(lang)) == set(STRINGS)
    assert strings("sr-Latn")["search"] == "Pretraga"
    assert strings("sr-Cyrl")["search"] == "Претрага"
    assert strings("en")["search"] == "Search"
    assert strings("sr-Cyrl")["more"] == "и још {n}"  # placeholders stay Latin


def test_serbian_plural_forms_and_units() -> None:
    assert [quantity(n, "years", "sr-Latn") for n in (1, 2, 5, 11, 21, 22)] == [
        "1 godina",
        "2 godine",
        "5 godina",
        "11 godina",
        "21 godina",
        "22 godine",
    ]
    assert quantity(6, "months", "sr-Cyrl") == "6 месеци"
    assert quantity(1, "years", "en") == "1 year"
    assert amount("years", "sr-Latn", high=1) == "do 1 godine"
    assert amount("ects", "sr-Latn", low=300, high=360) == "300–360 ESPB"
    assert amount("ects", "en", low=240) == "at least 240 ECTS credits"
    assert amount("hours", "en") == ""


def test_dates_and_property_names() -> None:
    assert date("2018-04-14", "sr-Latn") == "14. april 2018."
    assert date("2018-04-14", "sr-Cyrl") == "14. април 2018."
    assert date("2018-04-14", "en") == "14 April 2018"
    assert date("2018", "en") == "2018"
    assert property_label("skos:broader", "sr-Cyrl") == "Шире"
    assert property_label("ex:unknown", "en") is None

"""The site's interface strings in Serbian (Latin), English, and Serbian Cyrillic derived from the Latin.

Each entry is (sr-Latn, en). The Cyrillic is `translit.to_cyrillic` of the Latin, like every other
Cyrillic text of the project. Templates read them as `t.key`; a missing key fails the build
(StrictUndefined).
"""

from __future__ import annotations

from functools import cache
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
        "Pretraga radi kada se sajt služi preko HTTP-a (na primer `noks serve`).",
        "Search works when the site is served over HTTP (for example `noks serve`).",
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
}

LANGUAGE_NAMES: dict[str, str] = {"sr-Cyrl": "Ћирилица", "sr-Latn": "Latinica", "en": "English"}


@cache
def strings(lang: str) -> MappingProxyType[str, str]:
    """All interface strings in one language (`sr-Cyrl`, `sr-Latn` or `en`)."""
    if lang == "en":
        return MappingProxyType({key: en for key, (_, en) in STRINGS.items()})
    if lang == "sr-Latn":
        return MappingProxyType({key: latin for key, (latin, _) in STRINGS.items()})
    if lang == "sr-Cyrl":
        return MappingProxyType({key: to_cyrillic(latin) for key, (latin, _) in STRINGS.items()})
    raise KeyError(f"no interface strings for language {lang!r}")

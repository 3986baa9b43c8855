"""Serbian Latin -> Cyrillic: the one transliteration of the project.

The data is kept in Latin script (as the source documents are) and the Cyrillic text is derived
at build time. Latin -> Cyrillic is not one-to-one: `lj`, `nj` and `dž` are usually one letter
(љ, њ, џ) but two in some words (injekcija, konjunktura, nadživeti); those are listed below.
URLs, e-mail addresses, foreign acronyms, Roman numerals and words with letters Serbian does not
use (q, w, x, y) are kept as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

from noks.namespaces import PROJECT_PREFIXES, STANDARD_PREFIXES

LETTERS = {
    "a": "а",
    "b": "б",
    "c": "ц",
    "č": "ч",
    "ć": "ћ",
    "d": "д",
    "đ": "ђ",
    "e": "е",
    "f": "ф",
    "g": "г",
    "h": "х",
    "i": "и",
    "j": "ј",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": "с",
    "š": "ш",
    "t": "т",
    "u": "у",
    "v": "в",
    "z": "з",
    "ž": "ж",
}
DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}

# Word beginnings in which n+j or d+ž are two letters (lower case; matched on the lower-cased word).
TWO_LETTER_STEMS = {
    "injekc": "инјекц",
    "injunkt": "инјункт",
    "konjug": "конјуг",
    "konjunk": "конјунк",
    "vanjez": "ванјез",
    "nadžanr": "наджанр",
    "nadživ": "наджив",
    "nadžnje": "наджње",
    "odžal": "оджал",
    "podžanr": "поджанр",
    "podžup": "поджуп",
    "tanjug": "танјуг",
}

# Foreign acronyms and names that stay in Latin script (Serbian acronyms such as NOKS, ESPB, OAS
# are transliterated like any other word).
KEEP = {
    "CC",
    "BY",
    "CSV",
    "DCTERMS",
    "PROV",
    "ORG",
    "FOAF",
    "VANN",
    "ELI",
    "CSVW",
    "DCAT",
    "DCAT-AP",
    "EHEA",
    "ELM",
    "ECTS",
    "EQF",
    "ESCO",
    "EU",
    "Europass",
    "HTML",
    "ISCED",
    "ISCED-F",
    "JSON",
    "JSON-LD",
    "N-Triples",
    "OJ",
    "OWL",
    "PDF",
    "QDR",
    "QF-EHEA",
    "RDF",
    "SHACL",
    "SKOS",
    "SPARQL",
    "Turtle",
    "URI",
    "URL",
    "VoID",
    "XKOS",
    "noks",
}

_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_TOKEN = re.compile(
    r"(?P<protected>(?:https?|ftp|mailto):[^\s<>\"“”„]+|[\w.+-]+@[\w-]+\.[\w.-]+|<[^>\s]*>|\b(?:"
    + "|".join(sorted({**STANDARD_PREFIXES, **PROJECT_PREFIXES}))
    + r"):[A-Za-z_][\w.-]*|\b[\w-]+(?:\.[\w-]+)*\.(?:org|rs|eu|com|net|io|gov)\b)"
    r"|(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*)"
)


def _is_protected_word(word: str) -> bool:
    if word in KEEP or _ROMAN.match(word):
        return True
    return any(ch in "qwxyQWXY" for ch in word)


def _word(word: str) -> str:
    lower = word.lower()
    out: list[str] = []
    i = 0
    for stem, cyr in TWO_LETTER_STEMS.items():
        if lower.startswith(stem):
            out.append(cyr)
            i = len(stem)
            break
    while i < len(word):
        pair = lower[i : i + 2]
        if pair in DIGRAPHS:
            out.append(DIGRAPHS[pair])
            i += 2
            continue
        ch = lower[i]
        out.append(LETTERS.get(ch, word[i]))
        i += 1
    cyr = "".join(out)
    return _restore_case(word, cyr)


def _restore_case(latin: str, cyr: str) -> str:
    """Give the Cyrillic word the case pattern of the Latin one (digraphs count as one letter)."""
    if latin.isupper() and len(latin) > 1:
        return cyr.upper()
    if latin[:1].isupper():
        return cyr[:1].upper() + cyr[1:]
    return cyr


@lru_cache(maxsize=1 << 16)
def _hyphenated(word: str) -> str:
    if word in KEEP or _ROMAN.match(word):
        return word
    return "-".join(part if _is_protected_word(part) else _word(part) for part in word.split("-"))


def to_cyrillic(text: str) -> str:
    """Transliterate Serbian Latin text to Cyrillic, keeping what must not be transliterated."""

    def replace(match: re.Match[str]) -> str:
        if match.group("protected"):
            return match.group("protected")
        return _hyphenated(match.group("word"))

    return _TOKEN.sub(replace, text)


CYRILLIC_TO_LATIN = {cyr: lat for lat, cyr in {**LETTERS, **DIGRAPHS}.items()}


def to_latin(text: str) -> str:
    """Cyrillic -> Latin (lossless); used by tests to check the round trip."""
    out: list[str] = []
    for i, ch in enumerate(text):
        lat = CYRILLIC_TO_LATIN.get(ch.lower())
        if lat is None:
            out.append(ch)
        elif ch.isupper():
            nxt = text[i + 1 : i + 2]
            whole_upper = nxt.isupper() or (not nxt.isalpha() and i > 0 and text[i - 1].isupper())
            out.append(lat.upper() if whole_upper else lat[:1].upper() + lat[1:])
        else:
            out.append(lat)
    return "".join(out)

"""form: query strings and form bodies decoded exactly as urllib's parse_qs decodes them."""

from __future__ import annotations

from urllib.parse import parse_qs, quote_plus

import pytest

from noks.form import parse_form, unquote

CASES = [
    "",
    "a",
    "a=",
    "=b",
    "&&a=1&&",
    "a=1&a=2&b=3",
    "q=a+b%2Bc",
    "q=100%25",
    "q=%E2%82%AC%20x%0A%0d%09",
    "q=%C3",  # a broken UTF-8 sequence: replaced
    "q=%ff%fe",
    "q=%zz",  # not an escape: kept as it is
    "q=%",
    "q=%4%41",
    "q=%%41",
    "q=\\x41%41",  # a backslash in the text is not an escape
    "q=\\",
    "q=%5Cx41",
    "q=č%C4%8D",
    "a%3Db=c%26d",
    "x=1;y=2",
    "q=" + quote_plus('SELECT * WHERE { ?s ?p "x\\\\y" } # é\n'),
]


@pytest.mark.parametrize("text", CASES)
def test_as_parse_qs_decodes(text: str) -> None:
    assert parse_form(text) == parse_qs(text, keep_blank_values=True)


def test_unquote() -> None:
    assert unquote("ASK%20%7B%7D") == "ASK {}"
    assert unquote("a+b") == "a b"
    assert unquote("%C3%A9%zz") == "é%zz"

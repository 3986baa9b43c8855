"""Query strings and form bodies (application/x-www-form-urlencoded), decoded as
`urllib.parse.parse_qs(text, keep_blank_values=True)` decodes them, but in C: a SPARQL query
sent by GET or as a form is mostly %XX escapes, which urllib decodes one by one in Python
(about 0.2 ms for a one-page query, more than answering it)."""

from __future__ import annotations

import codecs
from urllib.parse import unquote_plus


def parse_form(text: str) -> dict[str, list[str]]:
    """Field name -> values, in order (blank values kept, empty pairs skipped)."""
    fields: dict[str, list[str]] = {}
    for pair in text.split("&"):
        if pair:
            name, _, value = pair.partition("=")
            fields.setdefault(unquote(name), []).append(unquote(value))
    return fields


def unquote(text: str) -> str:
    """`urllib.parse.unquote_plus(text)`: `+` is a space, %XX a byte of UTF-8 (bad bytes replaced)."""
    if "%" not in text:
        return text.replace("+", " ")
    # Every %XX becomes \xXX for the C escape decoder, after the backslashes of the text are escaped.
    escaped = text.replace("+", " ").replace("\\", "\\\\").replace("%", "\\x").encode("utf-8", "surrogatepass")
    try:
        return codecs.escape_decode(escaped)[0].decode("utf-8", "replace")  # type: ignore[attr-defined]
    except (ValueError, UnicodeError):  # a stray % (not followed by two hex digits): decode the slow way
        return unquote_plus(text)

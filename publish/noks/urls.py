"""Where each page of the site lives, and relative links between pages: the one URL owner.

Serbian Cyrillic (the official script) is the default language, at the root of the site:
`site/{path}/index.html`; Latin is at `site/sr-Latn/{path}/index.html`, English at
`site/en/{path}/index.html`, where `{path}` is `namespaces.resource_path(iri, base)` ("" for the
home page). Every link is relative and names `index.html`, so the site works from any sub-path
of a host and from `file://`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

LANGUAGES: tuple[str, ...] = ("sr-Cyrl", "sr-Latn", "en")
DEFAULT_LANGUAGE = "sr-Cyrl"
SAFE = "/#.-_~"
UNSAFE = re.compile(r"[^A-Za-z0-9/#._~-]")


def tree(lang: str) -> str:
    """The folder of a language's tree: `` for the default language, else `sr-Latn/` or `en/`."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def page_file(lang: str, path: str) -> str:
    """The site file of a page: (`en`, `level/6.1`) -> `en/level/6.1/index.html`."""
    folder = tree(lang) + path.strip("/")
    return f"{folder.rstrip('/')}/index.html" if folder else "index.html"


def relative(from_file: str, to_file: str) -> str:
    """A relative URL from one site file to another (both relative to the site root, normalised)."""
    start = from_file.split("/")[:-1]
    target = to_file.split("/")
    common, most = 0, min(len(start), len(target) - 1)
    while common < most and start[common] == target[common]:
        common += 1
    url = "../" * (len(start) - common) + "/".join(target[common:])
    return quote(url, safe=SAFE) if UNSAFE.search(url) else url


def href(lang: str, from_path: str, to_path: str, fragment: str = "", to_lang: str | None = None) -> str:
    """A link from one page to another page of the site (the same language unless `to_lang`)."""
    if to_lang is None or to_lang == lang:
        url = _within_tree(from_path, to_path)
    else:
        url = relative(page_file(lang, from_path), page_file(to_lang, to_path))
    return f"{url}#{quote(fragment)}" if fragment else url


@lru_cache(maxsize=4096)
def _within_tree(from_path: str, to_path: str) -> str:
    """A link between two pages of one language: the same in every language's tree (both sit in its folder),
    so a page's links are made once for its three languages."""
    return relative(page_file(DEFAULT_LANGUAGE, from_path), page_file(DEFAULT_LANGUAGE, to_path))


def asset(lang: str, from_path: str, name: str) -> str:
    """A link from a page to a file at a fixed place in the site: `style.css`, `level/1/index.ttl`."""
    return relative(page_file(lang, from_path), name)

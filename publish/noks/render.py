"""Jinja2 rendering into the site's one layout: autoescape on, StrictUndefined, relative URLs only.

How another module adds a page: write a template in `publish/noks/templates/` that starts with
`{% extends "base.html" %}` and fills `{% block content %}` (it sees `view`, your plain data, `t`,
the interface strings, and `page`, the layout's data); build one view per language with links
made by `noks.urls.href(lang, here, there)`; then call `render_page(env, "yours.html", view,
lang, path, title=...)` for each of `urls.LANGUAGES` (or `render_all`, which does exactly that)
and return the {site path: bytes} it gives, which `build.gather()` merges into the site. `path`
is the resource path of the page (`namespaces.resource_path`, e.g. `sparql`, `level/6.1`); the
layout adds the language switch that keeps the reader on the same page, the hreflang alternates,
the breadcrumbs you pass as (label, path) pairs, the search and the links to the page's Turtle
and JSON-LD (`formats=True` when the build writes `{path}/index.ttl` and `index.jsonld`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from noks import templating, urls
from noks.interface import LANGUAGE_NAMES, strings

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = "static/style.css"
SEARCH_SCRIPT = "static/search.js"
SEARCH_PATH = "search"
QUERY_PATH = "query"
# The EU referencing, release and metadata pages and files (linked from every page's footer), and
# where a resource's history page is (`changelog_pages.history_path`).
EU_PAGES = (("referencing", "referencing"), ("releases", "releases"))  # (interface string, page path)
EU_METADATA = (("DCAT-AP", "dcat-ap.ttl"), ("VoID", "void.ttl"))
EU_TABLES = ("tables/levels.csv", "tables/codes.csv", "tables/equivalences.csv")
WHOLE_GRAPH = (("Turtle", "noks.ttl"), ("JSON-LD", "noks.jsonld"), ("N-Triples", "noks.nt"), ("RDF/XML", "noks.rdf"))


class Href(NamedTuple):
    """A link the layout shows: its text, its relative URL, and the language of the text if it differs."""

    label: str
    href: str
    lang: str = ""
    kind: str = ""  # the hreflang of a language link, the media type of a data link
    current: bool = False


def environment(extra: Iterable[Path] = ()) -> jinja2.Environment:
    """The one Jinja2 environment: our templates (plus `extra` folders searched first), autoescaped.

    Made once per set of folders: each template is compiled once per process, whoever renders it."""
    return _environment(tuple(map(str, extra)))


@cache
def _environment(extra: tuple[str, ...]) -> jinja2.Environment:
    loader = jinja2.FileSystemLoader([*extra, str(TEMPLATES)])
    env = templating.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,
    )
    env.filters["separated"] = templating.separated
    # what the tojson filter calls: json.dumps(value, sort_keys=True), without making its encoder every time
    env.policies["json.dumps_function"] = json.JSONEncoder(sort_keys=True).encode
    env.policies["json.dumps_kwargs"] = {}
    return env


def page_context(
    lang: str,
    path: str,
    *,
    title: str,
    crumbs: Iterable[tuple[str, str]] = (),
    formats: bool = False,
    description: str = "",
    schema: Mapping[str, Any] | None = None,
    indexed: bool = True,
) -> dict[str, Any]:
    """What base.html needs for one page: links to other languages, assets, breadcrumbs, data formats."""
    here = urls.page_file(lang, path)
    t = strings(lang)
    languages = [
        Href(LANGUAGE_NAMES[other], urls.href(lang, path, path, to_lang=other), other, other, other == lang)
        for other in urls.LANGUAGES
    ]
    site = site_links(lang, here)
    trail = [Href(t["home"], site["home"])] if path else []
    trail += [Href(label, urls.href(lang, path, target)) for label, target in crumbs if target != path]
    data = []
    if formats:
        prefix = f"{path}/" if path else ""
        data = [
            Href("Turtle", urls.relative(here, f"{prefix}index.ttl"), kind="text/turtle"),
            Href("JSON-LD", urls.relative(here, f"{prefix}index.jsonld"), kind="application/ld+json"),
        ]
    return {
        **site,
        "lang": lang,
        "path": path,
        "title": title,
        "description": description,
        "languages": languages,
        "crumbs": trail,
        "data": data,
        "schema": dict(schema) if schema else None,
        "indexed": indexed,
        "history": urls.href(lang, path, f"{path}/history") if formats and path else "",
    }


def site_links(lang: str, here: str) -> Mapping[str, Any]:
    """The layout's links to the site's fixed places (home, search, dumps, assets) from the page file `here`.

    A relative link depends only on the folders `here` shares with its target and on the depth of `here`:
    as no target lies deeper than `_reach(lang)` folders, they are made once per language and such place
    (e.g. once for every qualification page of a language) and shared by the pages there."""
    return _site_links(lang, *_place(lang, here))


def footer(env: jinja2.Environment, lang: str, here: str) -> Markup:
    """The footer's fixed part (whole-graph downloads, EU links, licence), rendered once per language and place."""
    return _footer(env, lang, *_place(lang, here))


def _place(lang: str, here: str) -> tuple[tuple[str, ...], int]:
    folders = here.split("/")[:-1]
    return tuple(folders[: _reach(lang)]), len(folders)


@cache
def _targets(lang: str) -> tuple[dict[str, str], dict[str, tuple[tuple[str, str], ...]]]:
    """The site files the layout links to: single ones by name, and groups of (label, file) by name."""
    t = strings(lang)
    single = {
        "home": urls.page_file(lang, ""),
        "search": urls.page_file(lang, SEARCH_PATH),
        "queries": urls.page_file(lang, QUERY_PATH),
        "stylesheet": STYLESHEET,
        "search_script": SEARCH_SCRIPT,
        "root": "index.html",
    }
    groups = {
        "dumps": WHOLE_GRAPH,
        "eu_pages": tuple((t[key], urls.page_file(lang, target)) for key, target in EU_PAGES),
        "eu_metadata": EU_METADATA,
        "eu_tables": tuple((name.rsplit("/", 1)[-1], name) for name in EU_TABLES),
    }
    return single, groups


@cache
def _reach(lang: str) -> int:
    """How many folders deep the layout's targets lie, at most (one more than the language's tree)."""
    single, groups = _targets(lang)
    files = [*single.values(), *(file for group in groups.values() for _, file in group)]
    return max(file.count("/") for file in files)


@cache
def _footer(env: jinja2.Environment, lang: str, first: tuple[str, ...], depth: int) -> Markup:
    html = env.get_template("_partials/footer.html").render(page=_site_links(lang, first, depth), t=strings(lang))
    return Markup(html)


@cache
def _site_links(lang: str, first: tuple[str, ...], depth: int) -> Mapping[str, Any]:
    here = "/".join([*first, *["-"] * (depth - len(first)), "index.html"])  # any file of such a place
    single, groups = _targets(lang)
    links: dict[str, Any] = {name: urls.relative(here, file) for name, file in single.items()}
    links["root"] = links["root"].removesuffix("index.html") or "./"
    for name, group in groups.items():
        links[name] = tuple(Href(label, urls.relative(here, file)) for label, file in group)
    return MappingProxyType(links)


def render_page(
    env: jinja2.Environment,
    template_name: str,
    view: Any,
    lang: str,
    path: str,
    *,
    title: str,
    crumbs: Iterable[tuple[str, str]] = (),
    formats: bool = False,
    description: str = "",
    schema: Mapping[str, Any] | None = None,
    indexed: bool = True,
) -> bytes:
    """One page in one language, as UTF-8 bytes, to be written at `urls.page_file(lang, path)`.

    `indexed=False` keeps the page out of the search index (e.g. a search or query form)."""
    page = page_context(
        lang, path, title=title, crumbs=crumbs, formats=formats, description=description, schema=schema, indexed=indexed
    )
    page["footer"] = footer(env, lang, urls.page_file(lang, path))
    html = env.get_template(template_name).render(view=view, page=page, t=strings(lang))
    return html.encode("utf-8")


def render_all(
    env: jinja2.Environment,
    template_name: str,
    path: str,
    make: Callable[[str], tuple[Any, Mapping[str, Any]]],
) -> dict[str, bytes]:
    """The page at `path` in every language: `make(lang)` returns (view, keyword arguments of render_page)."""
    out: dict[str, bytes] = {}
    for lang in urls.LANGUAGES:
        view, options = make(lang)
        out[urls.page_file(lang, path)] = render_page(env, template_name, view, lang, path, **options)
    return out

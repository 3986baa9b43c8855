"""render: one layout for every page, autoescaped, strict, with relative links only."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from noks import render, urls
from noks.pages import Row, Value
from noks.register_views import strings as register_strings


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> jinja2.Environment:
    extra = tmp_path_factory.mktemp("templates")
    (extra / "demo.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>{{ view.heading }}</h1>{% endblock %}', encoding="utf-8"
    )
    (extra / "broken.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ view.missing }}{% endblock %}', encoding="utf-8"
    )
    return render.environment([extra])


def test_render_all_writes_the_three_language_trees(env: jinja2.Environment) -> None:
    pages = render.render_all(env, "demo.html", "sparql", lambda lang: ({"heading": "Q"}, {"title": "SPARQL"}))
    assert sorted(pages) == ["en/sparql/index.html", "sparql/index.html", "sr-Latn/sparql/index.html"]
    assert pages["sparql/index.html"].startswith(b'<!DOCTYPE html>\n<html lang="sr-Cyrl">')
    assert b'<html lang="en">' in pages["en/sparql/index.html"]


def test_language_switch_keeps_the_page_and_links_are_relative(env: jinja2.Environment) -> None:
    html = render.render_page(env, "demo.html", {"heading": "x"}, "sr-Latn", "level/6.1", title="Nivo 6.1").decode()
    assert '<a href="../../../level/6.1/index.html" lang="sr-Cyrl" hreflang="sr-Cyrl">Ћирилица</a>' in html
    assert '<link rel="alternate" hreflang="en" href="../../../en/level/6.1/index.html">' in html
    assert 'href="../../../static/style.css"' in html
    assert 'href="../../index.html">Početna</a>' in html
    assert 'href="/' not in html and "http://" not in html.split("<footer")[0]


def test_formats_link_the_resource_documents(env: jinja2.Environment) -> None:
    html = render.render_page(env, "demo.html", {"heading": "x"}, "en", "level/6", title="Level 6", formats=True)
    assert '<link rel="alternate" type="text/turtle" href="../../../level/6/index.ttl">' in html.decode()
    assert '<a href="../../../level/6/index.jsonld" type="application/ld+json" download>JSON-LD</a>' in html.decode()


def test_values_are_escaped_and_schema_cannot_close_its_script(env: jinja2.Environment) -> None:
    schema = {"@type": "DefinedTerm", "name": "</script><script>alert(1)</script>"}
    html = render.render_page(env, "demo.html", {"heading": "<b>x</b>"}, "en", "a", title="<i>", schema=schema).decode()
    assert "<h1>&lt;b&gt;x&lt;/b&gt;</h1>" in html
    assert "<title>&lt;i&gt; – NOKS</title>" in html
    assert "alert(1)</script>" not in html and "\\u003c/script\\u003e" in html


def test_a_missing_value_fails_instead_of_printing_nothing(env: jinja2.Environment) -> None:
    with pytest.raises(jinja2.UndefinedError):
        render.render_page(env, "broken.html", {}, "en", "a", title="x")


def test_page_files_and_hrefs() -> None:
    assert urls.page_file("sr-Cyrl", "") == "index.html"
    assert urls.page_file("en", "level/6.1") == "en/level/6.1/index.html"
    assert urls.href("en", "level/6.1", "level/6", "knowledge") == "../6/index.html#knowledge"
    assert urls.href("sr-Cyrl", "level/6", "", to_lang="en") == "../../en/index.html"
    assert Path(urls.asset("sr-Latn", "", "static/style.css")) == Path("../static/style.css")


def test_layout_links_made_once_per_place_equal_links_made_for_each_page() -> None:
    paths = ["", "search", "level/6.1", "level/6.1/history", "qualification/SYN-1", "static/x", "tables/a/b/c"]
    for lang in urls.LANGUAGES:
        for path in paths:
            here = urls.page_file(lang, path)
            shared = render.site_links(lang, here)
            assert shared["home"] == urls.href(lang, path, "")
            assert shared["search"] == urls.href(lang, path, render.SEARCH_PATH)
            assert shared["stylesheet"] == urls.relative(here, render.STYLESHEET)
            assert [d.href for d in shared["dumps"]] == [urls.relative(here, name) for _, name in render.WHOLE_GRAPH]
            assert [p.href for p in shared["eu_pages"]] == [urls.href(lang, path, p) for _, p in render.EU_PAGES]
            assert [t.href for t in shared["eu_tables"]] == [urls.relative(here, name) for name in render.EU_TABLES]
            assert shared["root"] == urls.relative(here, "index.html").removesuffix("index.html") or "./"
    for lang in urls.LANGUAGES:  # made once for all the qualification pages of a language
        first, second = (urls.page_file(lang, f"qualification/SYN-{n}") for n in (1, 2))
        assert render.site_links(lang, first) is render.site_links(lang, second)
        assert render.footer(render.environment(), lang, first) is render.footer(render.environment(), lang, second)


def test_value_markup_is_the_same_alone_in_a_list_and_in_rows(env: jinja2.Environment) -> None:
    macros = env.get_template("_partials/values.html").module
    for shown in (Value("x"), Value("x", "en"), Value("<x>", "", "a/index.html"), Value("x", "en", "a/index.html")):
        one = str(macros.value(shown))
        assert str(macros.values((shown,))) == one
        assert f"<dd>{one}</dd>" in str(macros.rows([Row("label", (shown,))]))
        assert str(macros.facts([("L", (shown, shown))])) == f"  <dt>L</dt><dd>{one}, {one}</dd>\n"
    assert str(macros.values((Value("a"), Value("b", "en")))) == 'a, <span lang="en">b</span>'


def test_the_register_table_shows_values_as_the_values_macro(env: jinja2.Environment) -> None:
    macros = env.get_template("_partials/values.html").module
    shown = (Value("x"), Value("x", "en"), Value("<x>", "", "a/index.html"), Value("x", "en", "a/index.html"))
    cells = ((shown[2],), shown[:1], shown[1:], ())
    view = {
        "title": Value("R"), "iri": "r", "notation": "", "s": register_strings("en"), "description": None,
        "rows": [{"code": "C", "cells": cells, "match": {"level": "1", "type": "t", "field": "f"}}],
        "filters": [], "files": [], "shown": "", "script": "r.js", "stylesheet": "r.css",
    }  # fmt: skip
    html = render.render_page(env, "register.html", view, "en", "register/qualifications", title="R").decode()
    assert "<td><code>C</code></td>" + "".join(f"<td>{macros.values(cell)}</td>" for cell in cells) + "</tr>" in html


def test_a_link_within_a_language_is_the_same_in_every_tree() -> None:
    paths = ["", "search", "level/6", "level/6.1", "level/6.1/history", "qualification/SYN-1", "a b/č"]
    for lang in urls.LANGUAGES:
        for here in paths:
            for there in paths:
                direct = urls.relative(urls.page_file(lang, here), urls.page_file(lang, there))
                assert urls.href(lang, here, there) == direct
                assert urls.href(lang, here, there, "x y") == f"{direct}#x%20y"

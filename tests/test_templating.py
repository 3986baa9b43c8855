"""templating: the tuned Jinja2 environment writes exactly what plain Jinja2 writes."""

from __future__ import annotations

from types import MappingProxyType

import jinja2
import markupsafe
import pytest

from noks import templating
from noks.pages import Value

TEMPLATES = {
    "page.html": (
        '{% from "macros.html" import link %}'
        "<p>{{ d.name }} {{ d.items }} {{ d.items is callable }} {{ m.name }} {{ m.keys is callable }}</p>\n"
        "{% for v in values %}{{ link(v) }}{% if not loop.last %}, {% endif %}{% endfor %}\n"
        "{% set block %}<b>{{ d.name }}</b>{% endset %}{{ block }} {{ block|length }}\n"
        "{% filter upper %}{{ d.name }}{% endfilter %} {{ safe }} {{ number }} {{ d|tojson }}\n"
        "{{ d.nothing is defined }} {{ t.text }}"
    ),
    "macros.html": '{% macro link(v) %}<a href="{{ v.href }}">{{ v.text }}</a>{% endmacro %}',
    "strict.html": "{{ d.nothing }}",
    "calls.html": (
        '{% from "macros.html" import link %}'
        "{% macro pair(a, b='<default>') %}[{{ a }}|{{ b }}]{% endmacro %}"
        "{% macro rest() %}{{ varargs|join('+') }}{{ kwargs|dictsort }}{% endmacro %}"
        "{% macro framed(x) %}<{{ x }}>{{ caller() }}</{{ x }}>{% endmacro %}"
        "{{ link(values[0]) }} {{ pair('<a>') }} {{ pair('a', '<b>') }} {{ pair(b='<c>', a='d') }} "
        "{{ rest(1, '<2>', k='<v>') }} {% call framed('i') %}{{ d.name }}{% endcall %} "
        "{% for v in values %}{{ link(v) }}{{ pair(v.text, v.lang) }}{% endfor %} {{ d.name|upper }}"
    ),
}


def render(environment_class: type[jinja2.Environment], name: str, **values: object) -> str:
    env = environment_class(
        loader=jinja2.DictLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True
    )
    return env.get_template(name).render(**values)


def test_same_output_as_jinja2() -> None:
    values = {
        "d": {"name": "<Ana & 'Bo'>", "items": "not the method", "x": '"q"'},
        "m": MappingProxyType({"name": "čćž"}),
        "values": [Value("a<b", "", "x.html?a=1&b=2"), Value("c", "en", "y.html")],
        "safe": markupsafe.Markup("<i>kept</i>"),
        "number": 42,
        "t": Value("tuple field"),
    }
    ours = render(templating.Environment, "page.html", **values)
    assert ours == render(jinja2.Environment, "page.html", **values)
    assert "&lt;Ana &amp; &#39;Bo&#39;&gt;" in ours and "<i>kept</i>" in ours and "x.html?a=1&amp;b=2" in ours


def test_macro_calls_give_what_jinja2_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    values = {"d": {"name": "<Ana & 'Bo'>"}, "values": [Value("a<b", "", "x.html?a=1&b=2"), Value("c", "en", "y.html")]}
    expected = render(jinja2.Environment, "calls.html", **values)
    assert "[&lt;a&gt;|&lt;default&gt;]" in expected and "<i>&lt;Ana" in expected
    calls = []
    monkeypatch.setattr(jinja2.runtime.Macro, "__call__", _counted(jinja2.runtime.Macro.__call__, calls))
    assert render(templating.Environment, "calls.html", **values) == expected
    # pair() with a default and with keywords, rest() and framed(), which takes a caller, go through Macro.__call__;
    # the calls that give exactly a macro's arguments (link, pair, the caller) run its body directly
    assert [call[0].name for call in calls] == ["pair", "pair", "rest", "framed"]


def _counted(function, calls: list[object]):  # type: ignore[no-untyped-def]
    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return function(*args, **kwargs)

    return counting


def test_separated_puts_the_separator_between_items() -> None:
    env = templating.Environment(autoescape=True)
    env.filters["separated"] = templating.separated
    template = env.from_string('{% for sep, v in items|separated(" · ") %}{{ sep }}<{{ v }}>{% endfor %}')
    assert template.render(items=["a", "b&", "c"]) == "<a> · <b&amp;> · <c>"
    assert template.render(items=("a",)) == "<a>"
    assert template.render(items=[]) == ""


def test_a_missing_key_still_fails() -> None:
    with pytest.raises(jinja2.UndefinedError, match="nothing"):
        render(templating.Environment, "strict.html", d={"name": "x"})


def test_escape_text_is_markupsafe_escape_as_text() -> None:
    for value in ("<&>'\"", "plain", markupsafe.Markup("<b>ok</b>"), markupsafe.Markup("a&amp;"), 7, Value("x")):
        assert templating.escape_text(value) == str(markupsafe.escape(value))
        assert type(templating.escape_text(value)) is str

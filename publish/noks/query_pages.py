"""The example queries on the site: a page per query (its question, its answer computed at build
time, the query itself) in the three languages, and the query page at `query/`, where the
examples run in the browser over the published dump with Oxigraph's WebAssembly build.

The engine comes from the npm package `oxigraph`, installed by the project's set-up (`npm ci`) in
`node_modules/` and copied into `static/oxigraph/`. Without it the query page says so and the
build goes on.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from noks import render, urls
from noks.examples import Example, load_examples
from noks.graph import to_store
from noks.interface import property_label, strings
from noks.namespaces import all_prefixes, canonical_language
from noks.pages import Index, Value, literal_value, shared_index
from noks.project import Project
from noks.query import Answer, Graph, Term, run_query
from noks.render import QUERY_PATH
from noks.results import graph_bytes
from noks.serialize import DUMP_NAME
from noks.terms import compact

ENGINE_FILES = ("web.js", "web_bg.wasm")
ENGINE_TARGET = "static/oxigraph"
SCRIPT = "static/query.js"


def engine_files(root: Path) -> dict[str, bytes]:
    """Oxigraph's browser build from `root/node_modules/oxigraph`, or nothing when it is not installed."""
    package = root / "node_modules" / "oxigraph"
    if not all((package / name).is_file() for name in ENGINE_FILES):
        return {}
    return {f"{ENGINE_TARGET}/{name}": (package / name).read_bytes() for name in ENGINE_FILES}


def cell(index: Index, term: Term | None, lang: str, here: str) -> Value | None:
    """One cell of an answer: a thing as a link with its name in the page language, a literal as text."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        known = property_label(compact(term.value, all_prefixes(index.base)) or "", lang)
        return Value(known, href=term.value) if known else index.link(term.value, lang, here)
    if isinstance(term, ox.Literal):
        tag = canonical_language(term.language) if term.language else ""
        return literal_value(term, lang, "" if tag in ("", lang) else tag)
    return Value(str(term))


def answer_view(index: Index, answer: Answer, lang: str, here: str, base: str) -> dict:
    t = strings(lang)
    return {
        "kind": answer.kind,
        "boolean": t["yes"] if answer.boolean else t["no"],
        "variables": list(answer.variables),
        "rows": [[cell(index, term, lang, here) for term in row] for row in answer.rows],
        "turtle": graph_bytes(answer.triples, "turtle", base).decode() if answer.kind == "graph" else "",
    }


def example_page(example: Example, graph: Graph, index: Index, lang: str) -> tuple[dict, dict]:
    """(view, render options) of one example's page in one language."""
    here = f"{QUERY_PATH}/{example.slug}"
    text = example.for_language(lang)
    view = {
        "question": example.questions[lang],
        "text": text,
        "answer": answer_view(index, run_query(graph, text), lang, here, graph.base),
        "editor": urls.href(lang, here, QUERY_PATH) + f"?example={example.slug}#editor",
        "download": urls.asset(lang, here, f"{QUERY_PATH}/{example.slug}.rq"),
    }
    crumbs = [(strings(lang)["query_title"], QUERY_PATH)]
    return view, {"title": example.questions[lang], "crumbs": crumbs, "description": example.questions[lang]}


def query_page(examples: list[Example], lang: str, base: str, engine: bool) -> tuple[dict, dict]:
    """(view, render options) of the query page (list of examples and the in-browser editor)."""
    listed = [
        {"slug": e.slug, "question": e.questions[lang], "href": urls.href(lang, QUERY_PATH, f"{QUERY_PATH}/{e.slug}")}
        for e in examples
    ]
    view = {
        "examples": listed,
        "texts": {e.slug: e.for_language(lang) for e in examples},
        "first": examples[0].for_language(lang) if examples else "",
        "engine": engine,
        "dump": urls.asset(lang, QUERY_PATH, f"{DUMP_NAME}.ttl"),
        "script": urls.asset(lang, QUERY_PATH, SCRIPT),
        "base": base,
        "prefixes": all_prefixes(base),
    }
    return view, {"title": strings(lang)["query_title"], "indexed": False}


def query_page_paths(project: Project) -> list[str]:
    """The paths of the pages `query_site` renders (for the sitemap)."""
    return [QUERY_PATH, *(f"{QUERY_PATH}/{example.slug}" for example in load_examples(project.base))]


def query_site(project: Project, triples: list[ox.Triple]) -> dict[str, bytes]:
    """Every output of the SPARQL part of the site, by site path."""
    examples = load_examples(project.base)
    graph = Graph(to_store(triples), project.base, "the build")
    index = shared_index(triples, project.base)
    engine = engine_files(project.root)
    env = render.environment()
    out: dict[str, bytes] = dict(engine)
    out.update(
        render.render_all(
            env, "queries.html", QUERY_PATH, lambda lang: query_page(examples, lang, project.base, bool(engine))
        )
    )
    for example in examples:
        out[f"{QUERY_PATH}/{example.slug}.rq"] = example.text.encode()
        path = f"{QUERY_PATH}/{example.slug}"
        out.update(
            render.render_all(env, "query.html", path, lambda lang, e=example: example_page(e, graph, index, lang))
        )
    return out

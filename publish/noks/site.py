"""The HTML site, gathered in memory as {site path: bytes}: a home page and a page for every
resource under the base in the three languages, the search page, the 404 page, the stylesheet
and script, sitemap.xml, robots.txt and the content-negotiation rules for Apache and nginx.
`finish` builds the search index (Pagefind) in the fresh folder before it is swapped in."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

import jinja2
import pyoxigraph as ox

from noks import render, reuse, urls
from noks.interface import strings
from noks.overview import home_view
from noks.pages import Index, shared_index
from noks.parallel import render_shares
from noks.resource_views import page_spec, schema_org
from noks.search_index import index_search  # noqa: F401 (the build's finishing step: the search index)
from noks.site_writer import SiteWriter

STATIC = Path(__file__).parent / "static"
SERVER_RULES = {".htaccess": "server/htaccess", "nginx.conf": "server/nginx.conf"}


def html_site(
    triples: list[ox.Triple],
    base: str,
    claimed: Collection[str] = (),
    also: Collection[str] = (),
    into: SiteWriter | None = None,
) -> dict[str, bytes]:
    """Every page and site file, by path. One pass builds the index; each page reads only its part.

    `claimed`: path prefixes (e.g. `qualification/`) whose pages another module renders: skipped here.
    `also`: paths of pages other modules render (e.g. `query/eqf-6`), listed in the sitemap too.
    `into`: where the resources' pages are written by the processes that render them (left out of the result)."""
    index = shared_index(triples, base)
    env = render.environment()
    out: dict[str, bytes] = {}
    for lang in urls.LANGUAGES:
        view = home_view(index, lang)
        schema = schema_org(index, base + "framework", lang, view)
        out[urls.page_file(lang, "")] = render.render_page(
            env, "home.html", view, lang, "", title=view["title"].text, schema=schema
        )
        out[urls.page_file(lang, render.SEARCH_PATH)] = render.render_page(
            env, "search.html", {}, lang, render.SEARCH_PATH, title=strings(lang)["search"], indexed=False
        )
    paths = sorted(
        path for path in index.pages if path and path != render.SEARCH_PATH and not path.startswith(tuple(claimed))
    )
    out.update(render_shares(paths, lambda share: resource_pages(index, share), into=into))
    out["404.html"] = render.render_page(
        env, "404.html", {"texts": [dict(strings(lang), lang=lang) for lang in urls.LANGUAGES]},
        urls.DEFAULT_LANGUAGE, "",
        title=strings(urls.DEFAULT_LANGUAGE)["not_found_title"], indexed=False,
    )  # fmt: skip
    out["sitemap.xml"] = sitemap(env, base, ["", render.SEARCH_PATH, *paths, *sorted(also)])
    out["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n".encode()
    out.update(static_files())
    return out


def resource_pages(index: Index, paths: Iterable[str]) -> dict[str, bytes]:
    """The page of each resource at `paths`, in every language, by site path."""
    out: dict[str, bytes] = {}
    for path in paths:
        files = [urls.page_file(lang, path) for lang in urls.LANGUAGES]
        out.update(reuse.pages(index, files, lambda: _resource_pages(index, path)))  # noqa: B023 (called here)
    return out


def _resource_pages(index: Index, path: str) -> dict[str, bytes]:
    env = render.environment()
    out: dict[str, bytes] = {}
    for lang in urls.LANGUAGES:
        spec = page_spec(index, path, lang)
        out[urls.page_file(lang, path)] = render.render_page(
            env, spec.template, spec.view, lang, path, title=spec.title, crumbs=spec.crumbs,
            formats=True, description=spec.description, schema=spec.schema,
        )  # fmt: skip
    return out


def sitemap(env: jinja2.Environment, base: str, paths: list[str]) -> bytes:
    """Every page in every language, with its alternates in the other two (absolute, under the base)."""

    # each page's URL in every language, made once: its own in one, its alternate in the others
    pages = [
        [(lang, base + urls.page_file(lang, path).removesuffix("index.html")) for lang in urls.LANGUAGES]
        for path in paths
    ]
    return env.get_template("sitemap.xml").render(pages=pages).encode("utf-8")


def full_sitemap(outputs: Mapping[str, bytes], base: str) -> bytes:
    """The sitemap of every page gathered, whichever module rendered it (each is in all three languages)."""
    others = tuple(urls.tree(lang) for lang in urls.LANGUAGES if urls.tree(lang))
    paths = [
        name.removesuffix("index.html").rstrip("/")
        for name in outputs
        if name.endswith("index.html") and not name.startswith(others)
    ]
    ordered = sorted(paths, key=lambda p: (p != "", p != render.SEARCH_PATH, p))
    return sitemap(render.environment(), base, ordered)


def static_files() -> dict[str, bytes]:
    """The stylesheet, the search script and the server rules, as they are in the package."""
    out = {f"static/{p.name}": p.read_bytes() for p in sorted(STATIC.iterdir()) if p.is_file()}
    out.update({name: (render.TEMPLATES / source).read_bytes() for name, source in SERVER_RULES.items()})
    return out

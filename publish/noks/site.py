"""The HTML site, gathered in memory as {site path: bytes}: a home page and a page for every
resource under the base in the three languages, the search page, the 404 page, the stylesheet
and script, sitemap.xml, robots.txt and the content-negotiation rules for Apache and nginx.
`finish` builds the search index (Pagefind) in the fresh folder before it is swapped in."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Collection, Iterable
from pathlib import Path

import jinja2
import pyoxigraph as ox

from noks import render, urls
from noks.errors import NoksError, Problem
from noks.interface import strings
from noks.overview import home_view
from noks.pages import Index
from noks.resource_views import page_spec, schema_org

STATIC = Path(__file__).parent / "static"
SERVER_RULES = {".htaccess": "server/htaccess", "nginx.conf": "server/nginx.conf"}


def html_site(triples: Iterable[ox.Triple], base: str, claimed: Collection[str] = ()) -> dict[str, bytes]:
    """Every page and site file, by path. One pass builds the index; each page reads only its part.

    `claimed`: path prefixes (e.g. `qualification/`) whose pages another module renders: skipped here."""
    index = Index(triples, base)
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
    for path in paths:
        for lang in urls.LANGUAGES:
            spec = page_spec(index, path, lang)
            out[urls.page_file(lang, path)] = render.render_page(
                env, spec.template, spec.view, lang, path, title=spec.title, crumbs=spec.crumbs,
                formats=True, description=spec.description, schema=spec.schema,
            )  # fmt: skip
    out["404.html"] = render.render_page(
        env, "404.html", {"texts": [dict(strings(lang), lang=lang) for lang in urls.LANGUAGES]},
        urls.DEFAULT_LANGUAGE, "",
        title=strings(urls.DEFAULT_LANGUAGE)["not_found_title"], indexed=False,
    )  # fmt: skip
    out["sitemap.xml"] = sitemap(env, base, ["", render.SEARCH_PATH, *paths])
    out["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n".encode()
    out.update(static_files())
    return out


def sitemap(env: jinja2.Environment, base: str, paths: list[str]) -> bytes:
    """Every page in every language, with its alternates in the other two (absolute, under the base)."""

    def loc(lang: str, path: str) -> str:
        return base + urls.page_file(lang, path).removesuffix("index.html")

    pages = [
        {"loc": loc(lang, path), "alternates": [(other, loc(other, path)) for other in urls.LANGUAGES]}
        for path in paths
        for lang in urls.LANGUAGES
    ]
    return env.get_template("sitemap.xml").render(pages=pages).encode("utf-8")


def static_files() -> dict[str, bytes]:
    """The stylesheet, the search script and the server rules, as they are in the package."""
    out = {f"static/{p.name}": p.read_bytes() for p in sorted(STATIC.iterdir()) if p.is_file()}
    out.update({name: (render.TEMPLATES / source).read_bytes() for name, source in SERVER_RULES.items()})
    return out


def index_search(site: Path) -> None:
    """Build the Pagefind index in `site/pagefind/`: one index, Serbian, so both scripts find every page."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--force-language", "sr", "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    except OSError as exc:
        raise NoksError(Problem(f"cannot run Pagefind: {exc}", hint='pip install "pagefind[bin]"')) from exc
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise NoksError(
            Problem(
                f"Pagefind failed: {message[-1] if message else done.returncode}", hint='pip install "pagefind[bin]"'
            )
        )

"""The register's HTML pages: one page per qualification and the register page that lists and filters
them, in the three languages, through the site's one layout (`render`). Their paths are claimed from
the generic pages (`CLAIMED`)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from noks import render, reuse, urls
from noks.elm import ELM_PATH
from noks.namespaces import ELM, resource_path
from noks.pages import Index, shared_index
from noks.parallel import render_shares
from noks.register_layout import METADATA_NAME, TEMPLATE_NAME
from noks.register_list import register_view
from noks.register_views import REGISTER, qualification_views, qualifications, schema_org
from noks.site_writer import SiteWriter

CLAIMED = ("qualification/", REGISTER)
FILES = {
    "template": f"{REGISTER}/{TEMPLATE_NAME}",
    "layout": f"{REGISTER}/{METADATA_NAME}",
    "elm": f"{ELM_PATH}.rdf",
}


def register_pages(triples: list[ox.Triple], base: str, into: SiteWriter | None = None) -> dict[str, bytes]:
    """Every register page in every language, by site path, made on every core: first the register's page
    in each language (the heaviest, so they start first), then the qualifications' pages. With `into`,
    each page is written there by the process that made it, and nothing is returned."""
    index = shared_index(triples, base)
    found = qualifications(index)
    listing = [lang for lang in urls.LANGUAGES if REGISTER in index.pages or found]
    items = [*((lang, "") for lang in listing), *(("", q) for q in found)]
    return render_shares(items, lambda share: _pages(index, share), into=into)


def _pages(index: Index, items: Iterable[tuple[str, str]]) -> dict[str, bytes]:
    """The pages of (language, "") items: the register's page in that language; of ("", IRI) items: the
    qualification's pages."""
    out: dict[str, bytes] = {}
    for lang, _ in items:
        if lang:
            out.update(listing_page(index, lang))
    out.update(qualification_pages(index, [q for lang, q in items if not lang]))  # the listing items come first
    return out


def listing_page(index: Index, lang: str) -> dict[str, bytes]:
    """The register's page, listing and filtering every qualification, in one language (taken from the last
    build if the graph is the same)."""
    return reuse.pages(index, [urls.page_file(lang, REGISTER)], lambda: _listing_page(index, lang), everything=True)


def _listing_page(index: Index, lang: str) -> dict[str, bytes]:
    view = register_view(index, lang, FILES)
    html = render.render_page(
        render.environment(), "register.html", view, lang, REGISTER, title=view["title"].text,
        formats=REGISTER in index.pages, description=view["description"].text if view["description"] else "",
    )  # fmt: skip
    return {urls.page_file(lang, REGISTER): html}


def qualification_pages(index: Index, found: Iterable[str]) -> dict[str, bytes]:
    """The page of each qualification in `found`, in every language, by site path."""
    out: dict[str, bytes] = {}
    for q in found:
        path = resource_path(q, index.base) or ""
        files = [urls.page_file(lang, path) for lang in urls.LANGUAGES]
        out.update(reuse.pages(index, files, lambda: _qualification_pages(index, q, path)))  # noqa: B023 (called here)
    return out


def _qualification_pages(index: Index, q: str, path: str) -> dict[str, bytes]:
    env = render.environment()
    out: dict[str, bytes] = {}
    views = qualification_views(index, q, path)
    levels = index.iris(q, ELM + "NQFLevel")[:1]
    for lang, view in views.items():
        crumbs = [(index.label(index.base + REGISTER, lang).text, REGISTER)]
        crumbs += [(index.label(lv, lang).text, resource_path(lv, index.base) or "") for lv in levels]
        out[urls.page_file(lang, path)] = render.render_page(
            env, "qualification.html", view, lang, path, title=view["title"].text, crumbs=crumbs,
            formats=True, description=view["work"].text if view["work"] else "",
            schema=schema_org(index, q, lang, view),
        )  # fmt: skip
    return out

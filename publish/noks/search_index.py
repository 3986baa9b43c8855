"""The search index: one Pagefind bundle per language tree, in `pagefind/{lang}/`, built from memory.

Each page's searchable text comes from `search_text.page_record` (pages without `data-pagefind-body`,
such as the history pages, are left out) and goes to Pagefind's indexing service as a custom record:
Pagefind neither reads the site's files nor parses their HTML again. The three trees are indexed side
by side, one service each. The Serbian trees are indexed as Serbian (`sr`): its stemmer reads Cyrillic
as Latin, so a query in either script finds pages in both. No filters or sorts. Pages go in site-path
order, so the same pages give the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from noks import urls
from noks.pagefind_service import Service
from noks.search_text import page_record

OUTSIDE = ("pagefind/", "static/")  # folders at the top of the default tree that hold no pages


def search_files(pages: Mapping[str, bytes]) -> dict[str, bytes]:
    """The search bundles of the HTML pages among `pages` ({site path: bytes}), as {site path: bytes}."""
    services: dict[str, Service] = {}
    try:
        for lang in urls.LANGUAGES:
            services[lang] = Service(lang, "en" if lang == "en" else "sr")
        for path in sorted(pages):
            if path.endswith(".html") and not path.startswith(OUTSIDE):
                record = page_record(pages[path].decode("utf-8"))
                if record is not None:
                    services[language_of(path)].add(page_url(path), record.content, record.title)
        for service in services.values():
            service.request_files()
        return {
            f"pagefind/{lang}/{name}": content
            for lang, service in services.items()
            for name, content in sorted(service.files().items())
        }
    finally:
        for service in services.values():
            service.stop()


def index_search(site: Path) -> None:
    """Build the search bundles of a written site into `site/pagefind/` (the build's finishing step)."""
    pages = {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.html"))}
    folders: set[Path] = set()
    for name, content in search_files(pages).items():
        target = site / name
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(content)


def language_of(path: str) -> str:
    """The language whose tree holds a site path (the default language's tree is the root)."""
    trees = [lang for lang in urls.LANGUAGES if urls.tree(lang) and path.startswith(urls.tree(lang))]
    return trees[0] if trees else urls.DEFAULT_LANGUAGE


def page_url(path: str) -> str:
    """The URL a search result links to: the site path from the root, without `index.html`."""
    return "/" + path.removesuffix("index.html")

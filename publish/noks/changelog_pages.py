"""The release pages: the list of releases, one changelog per release (and for `latest` and the
unreleased changes), and one history page per resource (`{path}/history/`), linked from its page."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import jinja2
import pyoxigraph as ox

from noks import interface, render, reuse, urls
from noks.changelog import LATEST, UNRELEASED, History
from noks.changeset import ChangeSet, ResourceChange
from noks.namespaces import all_prefixes, resource_path
from noks.pages import Index, Value
from noks.parallel import render_shares
from noks.release import FOLDER, Release
from noks.site_writer import SiteWriter
from noks.terms import compact, literal_nt

CSS = "static/eu.css"
FILES = ("noks.ttl", "noks.nt", "noks.jsonld", "noks.rdf", "changes.json")


def history_path(path: str) -> str:
    """The history page of the resource whose page is at `path`."""
    return f"{path}/history"


@lru_cache(maxsize=1 << 16)  # a change is shown in three languages, on its changelog and on its history page
def show(line: str, resource: str, base: str) -> str:
    """An N-Triples line as people read it: prefixed names, IRIs under the base relative to it."""
    [quad] = list(ox.parse(line.encode(), format=ox.RdfFormat.N_TRIPLES))
    prefixes = all_prefixes(base)

    def term(t: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
        if isinstance(t, ox.Literal):
            return literal_nt(t)
        if t.value.startswith(base):
            return f"<{t.value[len(base) :]}>"
        return compact(t.value, prefixes) or f"<{t.value}>"

    subject = "" if quad.subject.value == resource else term(quad.subject) + " "
    return f"{subject}{term(quad.predicate)} {term(quad.object)}"


def _summary(changes: ChangeSet, lang: str) -> str:
    s = changes.summary()
    return interface.strings(lang)["summary"].format(
        a=s["resources_added"],
        r=s["resources_removed"],
        c=s["resources_changed"],
        ta=s["triples_added"],
        tr=s["triples_removed"],
    )


def _resource(index: Index, iri: str, lang: str, here: str) -> Value:
    return index.link(iri, lang, here)


def _changed(index: Index, change: ResourceChange, lang: str, here: str) -> dict[str, Any]:
    base = index.base
    path = resource_path(change.resource, base)
    return {
        "link": _resource(index, change.resource, lang, here),
        "history": urls.href(lang, here, history_path(path)) if path else "",
        "added": [show(line, change.resource, base) for line in change.added],
        "removed": [show(line, change.resource, base) for line in change.removed],
    }


def changelog_view(
    index: Index, release: Release | None, changes: ChangeSet, lang: str, here: str, folder: str
) -> dict:
    t = interface.strings(lang)
    return {
        "title": f"{t['release']} {release.version}" if release else t["unreleased"],
        "date": interface.date(release.date, lang) if release else "",
        "previous": urls.href(lang, here, Release.path_of(release.previous)) if release and release.previous else "",
        "previous_version": release.previous if release else changes.old,
        "summary": _summary(changes, lang),
        "files": [
            {"label": n, "href": urls.asset(lang, here, f"{folder}/{n}")} for n in FILES if release or n == FILES[-1]
        ],
        "added": [_resource(index, iri, lang, here) for iri in changes.added],
        "removed": [_resource(index, iri, lang, here) for iri in changes.removed],
        "changed": [_changed(index, c, lang, here) for c in changes.changed],
        "releases": urls.href(lang, here, FOLDER),
        "css": urls.asset(lang, here, CSS),
    }


Entry = tuple[str, Release | None, str, ResourceChange | None]  # (version label, release, status, change)
Entries = dict[str, list[Entry]]  # newest first


def _entries(story: History) -> Entries:
    """resource IRI -> [(version label, release, status, change)], newest first."""
    out: dict[str, list] = {}
    steps = [(r.version, r, c) for r, c in zip(story.releases, story.changes, strict=True)]
    if story.unreleased is not None:
        steps.append(("unreleased", None, story.unreleased))
    for label, release, changes in reversed(steps):
        for iri in changes.added:
            out.setdefault(iri, []).append((label, release, "added", None))
        for iri in changes.removed:
            out.setdefault(iri, []).append((label, release, "removed", None))
        for change in changes.changed:
            out.setdefault(change.resource, []).append((label, release, "changed", change))
    return out


def history_pages(
    story: History, index: Index, env: jinja2.Environment, into: SiteWriter | None = None
) -> dict[str, bytes]:
    """One history page per resource that has a page in the site (rendered on every core; with `into`,
    written there by the process that rendered it, and nothing is returned)."""
    entries = _entries(story)
    paths = sorted(p for p in index.pages if p)
    return render_shares(paths, lambda share: _history_pages(share, entries, index, env), into=into)


def _history_pages(paths: Iterable[str], entries: Entries, index: Index, env: jinja2.Environment) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for path in paths:
        files = [urls.page_file(lang, history_path(path)) for lang in urls.LANGUAGES]
        shown = entries.get(index.base + path, [])  # what the page shows besides the graph: its entries
        also = hashlib.sha256(repr(shown).encode()).digest()
        out.update(reuse.pages(index, files, lambda: _history_page(path, shown, index, env), also))  # noqa: B023
    return out


def _history_page(path: str, shown: list[Entry], index: Index, env: jinja2.Environment) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    iri = index.base + path
    here = history_path(path)
    for lang in urls.LANGUAGES:
        t = interface.strings(lang)
        name = index.label(iri, lang).text
        rows = [
            {
                "version": t["unreleased"] if release is None else label,
                "href": urls.href(lang, here, UNRELEASED if release is None else release.path),
                "date": interface.date(release.date, lang) if release else "",
                "status": t[status],
                "change": _changed(index, change, lang, here) if change else None,
            }
            for label, release, status, change in shown
        ]
        view = {"resource": index.link(iri, lang, here), "rows": rows, "releases": urls.href(lang, here, FOLDER)}
        view["css"] = urls.asset(lang, here, CSS)
        title = t["history_of"].format(x=name)
        out[urls.page_file(lang, here)] = render.render_page(
            env, "history.html", view, lang, here, title=title, crumbs=[(name, path)], indexed=False
        )
    return out


def changelog_pages(story: History, index: Index, env: jinja2.Environment) -> dict[str, bytes]:
    """The releases page and a changelog per release, for `latest` and for the unreleased changes."""
    out: dict[str, bytes] = {}
    pages: list[tuple[str, Release | None, ChangeSet, str]] = [
        (r.path, r, c, r.path) for r, c in zip(story.releases, story.changes, strict=True)
    ]
    if story.releases:
        pages.append((LATEST, story.releases[-1], story.changes[-1], LATEST))
    if story.unreleased is not None:
        pages.append((UNRELEASED, None, story.unreleased, UNRELEASED))
    for lang in urls.LANGUAGES:
        t = interface.strings(lang)
        for path, release, changes, folder in pages:
            view = changelog_view(index, release, changes, lang, path, folder)
            crumbs = [(t["releases"], FOLDER)]
            out[urls.page_file(lang, path)] = render.render_page(
                env, "changelog.html", view, lang, path, title=view["title"], crumbs=crumbs, indexed=False
            )
        rows = [
            {
                "version": r.version,
                "href": urls.href(lang, FOLDER, r.path),
                "date": interface.date(r.date, lang),
                "summary": _summary(c, lang),
                "latest": r is story.releases[-1],
            }
            for r, c in reversed(list(zip(story.releases, story.changes, strict=True)))
        ]
        unreleased = None
        if story.unreleased is not None:
            unreleased = {"href": urls.href(lang, FOLDER, UNRELEASED), "summary": _summary(story.unreleased, lang)}
        view = {"rows": rows, "unreleased": unreleased, "listing": urls.asset(lang, FOLDER, f"{FOLDER}/index.json")}
        view["css"] = urls.asset(lang, FOLDER, CSS)
        out[urls.page_file(lang, FOLDER)] = render.render_page(
            env, "releases.html", view, lang, FOLDER, title=t["releases"]
        )
    return out

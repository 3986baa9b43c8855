"""The anchor's input: the qualification pages' view data, exported from our graph as Hugo content.

For every qualification and language, one content file (`content/{lang}/qualification/{code}.md`,
JSON front matter) holds what our page shows: the title, the facts, the outcomes, the links (as the
same relative URLs ours write), the schema.org data; `i18n/` holds the interface's labels in the three
languages and `data/site.json` the links every page shares. Written once per size, outside the timing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from noks import render, urls
from noks.interface import strings
from noks.namespaces import ELM, resource_path
from noks.pages import Index, Value
from noks.register_views import REGISTER, qualification_view, qualifications, schema_org
from noks.register_views import strings as register_strings

SITE = Path(__file__).resolve().parent / "hugo"
KEYS = {"sr-Cyrl": "sr-cyrl", "sr-Latn": "sr-latn", "en": "en"}  # Hugo's language keys (lower case)


def _value(v: Value | None) -> dict[str, str] | None:
    return None if v is None else {"t": v.text, "l": v.lang, "h": v.href}


def _links(hrefs: Any) -> list[dict[str, Any]]:
    return [{"label": h.label, "href": h.href, "lang": h.lang, "kind": h.kind, "current": h.current} for h in hrefs]


def _facts(facts: list[tuple[str, tuple[Value, ...]]], keys: dict[str, str]) -> list[dict[str, Any]]:
    return [{"key": keys[label], "shown": [_value(v) for v in shown]} for label, shown in facts]


def front_matter(index: Index, q: str, lang: str) -> dict[str, Any]:
    """One page's data: our view model and the layout's per-page links, as plain JSON."""
    path = resource_path(q, index.base) or ""
    view = qualification_view(index, q, lang, path)
    keys = {label: key for key, label in register_strings(lang).items()}
    levels = index.iris(q, ELM + "NQFLevel")
    crumbs = [(index.label(index.base + REGISTER, lang).text, REGISTER)]
    crumbs += [(index.label(lv, lang).text, resource_path(lv, index.base) or "") for lv in levels[:1]]
    description = view["work"].text if view["work"] else ""
    page = render.page_context(
        lang, path, title=view["title"].text, crumbs=crumbs, formats=True, description=description,
        schema=schema_org(index, q, lang, view),
    )  # fmt: skip
    texts = [(key, view[key]) for key in ("progression", "assessment", "document", "awarding", "note") if view[key]]
    return {
        "title": view["title"].text,
        "description": description,
        "url": "/" + urls.page_file(lang, path).removesuffix("index.html"),
        "notation": view["notation"],
        "iri": view["iri"],
        "work": _value(view["work"]),
        "facts": _facts(view["facts"], keys),
        "outcomes": [{"anchor": anchor, "text": _value(text)} for anchor, text in view["outcomes"]],
        "entry": [_value(e) for e in view["entry"]],
        "texts": [{"key": key, "value": _value(value)} for key, value in texts],
        "verification": _facts(view["verification"], keys),
        "register": _value(view["register"]),
        "languages": _links(page["languages"]),
        "data": _links(page["data"]),
        "crumbs": _links(page["crumbs"]),
        "history": page["history"],
        "schema": page["schema"],
    }


def site_data(index: Index) -> dict[str, dict[str, Any]]:
    """The links every qualification page shares, per language (ours make them once per place, too)."""
    sample = resource_path(qualifications(index)[0], index.base) or ""
    out = {}
    for lang in urls.LANGUAGES:
        links = render.site_links(lang, urls.page_file(lang, sample))
        out[lang] = {
            key: _links(value) if isinstance(value, tuple) else value for key, value in links.items() if key != "root"
        }
    return out


def export(index: Index, folder: Path) -> int:
    """Write the Hugo site (layouts, config, content, labels) into `folder`; the number of pages."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(SITE, folder)
    (folder / "i18n").mkdir()
    for lang, key in KEYS.items():
        labels = {**strings(lang), **register_strings(lang)}
        (folder / "i18n" / f"{key}.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1))
    (folder / "data").mkdir()
    (folder / "data" / "site.json").write_text(json.dumps(site_data(index), ensure_ascii=False))
    count = 0
    for q in qualifications(index):
        code = index.notation(q)
        for lang in urls.LANGUAGES:
            target = folder / "content" / lang / "qualification" / f"{code}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(front_matter(index, q, lang), ensure_ascii=False, indent=1) + "\n")
            count += 1
    return count

"""Which page a resource gets, and the view models of the generic pages: a concept scheme (a code
list, a vocabulary) and any other resource; plus breadcrumbs and the page's schema.org JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from noks.framework_views import code_view, level_view, prior_view
from noks.namespaces import DCTERMS, SCHEMA, SKOS, STANDARD_PREFIXES
from noks.pages import Index, Value, incoming, properties

ORG = STANDARD_PREFIXES["org"]
FOAF = STANDARD_PREFIXES["foaf"]
ELI = STANDARD_PREFIXES["eli"]


@dataclass(frozen=True)
class PageSpec:
    """One page in one language: what render.render_page needs."""

    path: str
    template: str
    view: dict[str, Any]
    title: str
    crumbs: tuple[tuple[str, str], ...]
    description: str
    schema: dict[str, Any]


def scheme_tree(index: Index, concepts: list[str], lang: str, here: str, seen: frozenset[str]) -> list[dict[str, Any]]:
    """Concepts with their narrower concepts, in notation order, each with the level it maps to (if any)."""
    out = []
    for concept in index.sort(concepts, lang):
        if concept in seen:
            continue
        detail = index.iris(concept, index.term("level")) or index.iris(concept, index.term("equivalentLevel"))
        children = index.iris(concept, SKOS + "narrower")
        out.append(
            {
                "link": index.link(concept, lang, here),
                "notation": index.notation(concept),
                "detail": index.links(detail, lang, here),
                "children": scheme_tree(index, children, lang, here, seen | {concept}),
            }
        )
    return out


def parts(index: Index, iri: str, lang: str, here: str) -> list[dict[str, Any]]:
    """The #fragments of a resource, each as a section with its properties."""
    return [
        {"anchor": p.split("#", 1)[-1], "title": index.label(p, lang), "rows": properties(index, p, lang, here)}
        for p in index.pages.get(here, [])
        if p != iri
    ]


def scheme_view(index: Index, iri: str, lang: str, here: str) -> dict[str, Any]:
    top = index.iris(iri, SKOS + "hasTopConcept")
    members = index.subjects(SKOS + "inScheme", iri)
    roots = top or [m for m in members if not any(b in members for b in index.iris(m, SKOS + "broader"))]
    shown = [SKOS + "hasTopConcept", DCTERMS + "title", DCTERMS + "description"]
    return {
        "title": index.label(iri, lang),
        "iri": iri,
        "notation": "",
        "description": index.text(iri, (DCTERMS + "description", SKOS + "definition"), lang),
        "concepts": scheme_tree(index, roots, lang, here, frozenset()),
        "parts": parts(index, iri, lang, here),
        "rows": properties(index, iri, lang, here, skip=shown),
        "incoming": incoming(index, iri, lang, here, skip=[SKOS + "inScheme", SKOS + "topConceptOf"]),
    }


def resource_view(index: Index, path: str, lang: str, here: str) -> dict[str, Any]:
    """Any resource: its properties, its #fragments as sections, and what refers to it."""
    iri = index.base + path
    subjects = index.pages[path]
    return {
        "title": index.label(iri if iri in index.out else subjects[0], lang),
        "iri": iri,
        "rows": properties(index, iri, lang, here) if iri in index.out else (),
        "parts": parts(index, iri, lang, here),
        "incoming": incoming(index, iri, lang, here),
    }


def crumbs(index: Index, iri: str, lang: str) -> tuple[tuple[str, str], ...]:
    """Home › scheme › broader … for a concept; home alone for anything else."""
    trail: list[str] = []
    current, seen = iri, {iri}
    while broader := [b for b in index.iris(current, SKOS + "broader") if b not in seen and index.has_page(b)]:
        current = index.sort(broader, lang)[0]
        seen.add(current)
        trail.insert(0, current)
    schemes = [s for s in index.iris(iri, SKOS + "inScheme") if index.has_page(s)]
    if schemes:
        trail.insert(0, index.sort(schemes, lang)[0])
    return tuple((index.label(t, lang).text, t[len(index.base) :]) for t in trail)


def schema_org(index: Index, iri: str, lang: str, view: dict[str, Any]) -> dict[str, Any]:
    """schema.org JSON-LD for a page: DefinedTerm / DefinedTermSet for concepts and schemes."""
    types = index.types(iri)
    name = view["title"].text
    data: dict[str, Any] = {"@context": "https://schema.org", "@id": iri, "url": iri, "name": name, "inLanguage": lang}
    definition = index.text(iri, (SKOS + "definition", DCTERMS + "description"), lang)
    if definition:
        data["description"] = definition.text
    if SKOS + "ConceptScheme" in types:
        data["@type"] = "DefinedTermSet"
        terms = index.subjects(SKOS + "inScheme", iri)
        data["hasDefinedTerm"] = [_term(index, t, lang) for t in index.sort(terms, lang)]
    elif SKOS + "Concept" in types:
        data.update(_term(index, iri, lang))
        data["@context"] = "https://schema.org"
        schemes = index.iris(iri, SKOS + "inScheme")
        if schemes:
            data["inDefinedTermSet"] = {
                "@type": "DefinedTermSet",
                "@id": schemes[0],
                "name": index.label(schemes[0], lang).text,
            }
    elif SCHEMA + "Legislation" in types or ELI + "LegalResource" in types:
        data["@type"] = "Legislation"
    elif ORG + "Organization" in types:
        data["@type"] = "Organization"
    elif FOAF + "Person" in types:
        data["@type"] = "Person"
    elif SCHEMA + "Event" in types:
        data["@type"] = "Event"
    elif FOAF + "Document" in types:
        data["@type"] = "CreativeWork"
    else:
        data["@type"] = "Thing"
    return data


def _term(index: Index, iri: str, lang: str) -> dict[str, Any]:
    term = {"@type": "DefinedTerm", "@id": iri, "name": index.label(iri, lang).text}
    if index.notation(iri):
        term["termCode"] = index.notation(iri)
    return term


def page_spec(index: Index, path: str, lang: str) -> PageSpec:
    """The page of the resource at `path` in one language: the template by the resource's type."""
    iri = index.base + path
    types = index.types(iri)
    if index.term("Level") in types:
        template, view = "level.html", level_view(index, iri, lang, path)
    elif index.term("Code") in types:
        template, view = "code.html", code_view(index, iri, lang, path)
    elif index.term("PriorQualification") in types:
        template, view = "prior.html", prior_view(index, iri, lang, path)
    elif SKOS + "ConceptScheme" in types:
        template, view = "scheme.html", scheme_view(index, iri, lang, path)
    else:
        template, view = "resource.html", resource_view(index, path, lang, path)
    title: Value = view["title"]
    description = index.text(iri, (SKOS + "definition", DCTERMS + "description", SKOS + "scopeNote"), lang)
    return PageSpec(
        path=path,
        template=template,
        view=view,
        title=title.text,
        crumbs=crumbs(index, iri, lang),
        description=description.text if description else "",
        schema=schema_org(index, iri, lang, view),
    )

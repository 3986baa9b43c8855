"""pages: one index of the graph, language fallback, notation order, links only to pages that exist."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from noks.framework_views import level_view, progression
from noks.graph import derive
from noks.load import load_sources
from noks.namespaces import SKOS
from noks.overview import diagram
from noks.pages import Index, Value, incoming, properties, shared_index
from noks.project import Project

BASE = "https://example.org/noks-test/"
NOKS = BASE + "ontology#"


def t(s: str, p: str, o: str | ox.Literal) -> ox.Triple:
    obj = o if isinstance(o, ox.Literal) else ox.NamedNode(o)
    return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), obj)


@pytest.fixture()
def index(fixture_project: Project) -> Index:
    triples = derive(load_sources(fixture_project.source_files(), fixture_project.base).triples, BASE)
    return Index(triples, BASE)


def test_labels_fall_back_and_say_in_which_language(index: Index) -> None:
    assert index.label(BASE + "level/1", "en") == Value("Level 1")
    assert index.label(BASE + "level/1", "sr-Latn") == Value("Nivo 1 – LJUBAV, NJIVA, DŽEP")
    assert index.label(BASE + "level/1", "sr-Cyrl") == Value("Ниво 1 – ЉУБАВ, ЊИВА, ЏЕП")
    only_latin = Index([t(BASE + "x", SKOS + "prefLabel", ox.Literal("Samo latinica", language="sr-Latn"))], BASE)
    assert only_latin.label(BASE + "x", "en") == Value("Samo latinica", "sr-Latn")
    assert only_latin.label(BASE + "x", "sr-Latn") == Value("Samo latinica")


def test_things_without_a_label_are_named_by_notation_prefixed_name_or_path(index: Index) -> None:
    bare = Index([t(BASE + "a/b", SKOS + "notation", ox.Literal("7.1"))], BASE)
    assert bare.label(BASE + "a/b", "en").text == "7.1"
    assert bare.label(BASE + "c/d", "en").text == "d"
    assert bare.label(SKOS + "Concept", "en").text == "skos:Concept"
    assert bare.label("http://creativecommons.org/licenses/by/4.0/", "en").text == (
        "http://creativecommons.org/licenses/by/4.0/"
    )


def test_notation_order_puts_sublevels_after_their_level() -> None:
    notations = ["7", "10", "6.2", "1", "6", "6.1", "2", "7.1"]
    triples = [t(f"{BASE}level/{n}", SKOS + "notation", ox.Literal(n)) for n in notations]
    index = Index(triples, BASE)
    ordered = index.sort([f"{BASE}level/{n}" for n in notations], "en")
    assert [iri.rsplit("/", 1)[1] for iri in ordered] == ["1", "2", "6", "6.1", "6.2", "7", "7.1", "10"]


def test_links_are_relative_to_the_page_and_only_to_pages_that_exist(index: Index) -> None:
    assert index.link(BASE + "level/1.1", "en", "code-list/10").href == "../../level/1.1/index.html"
    assert index.link(BASE + "level/1", "sr-Cyrl", "").href == "level/1/index.html"
    assert index.link("http://data.europa.eu/snb/eqf/1", "en", "").href == "http://data.europa.eu/snb/eqf/1"
    assert index.link(BASE + "level/9", "en", "") == Value("9")


def test_properties_show_page_language_and_incoming_skips_what_the_page_links_already(index: Index) -> None:
    rows = {row.label: row.values for row in properties(index, BASE + "level/1.1", "en", "level/1.1")}
    assert rows["Name"] == (Value("Level 1.1"),)
    assert rows["Broader"] == (Value("Level 1", "", "../1/index.html"),)
    assert rows["Notation"] == (Value("1.1"),)
    # level/1 links its sublevel (skos:narrower) and its code (noks:code) itself: nothing to add
    assert incoming(index, BASE + "level/1", "en", "level/1") == ()
    # the framework links level/1 as its top concept, but not level/1.1, which is only `in` it
    into = {row.label: row.values for row in incoming(index, BASE + "framework", "en", "framework")}
    assert into == {"In scheme": (Value("Level 1.1", "", "../level/1.1/index.html"),)}


@pytest.fixture()
def ladder() -> Index:
    """Levels 3, 4, 5 and sublevel 5.1; code 50 gives level 5 after level 3 or 4; code 51 gives 5.1 after 4."""
    triples = []
    for n in ("3", "4", "5", "5.1"):
        triples += [
            t(f"{BASE}level/{n}", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", NOKS + "Level"),
            t(f"{BASE}level/{n}", SKOS + "notation", ox.Literal(n)),
            t(f"{BASE}level/{n}", SKOS + "prefLabel", ox.Literal(f"Level {n}", language="en")),
        ]
    triples.append(t(BASE + "level/5.1", SKOS + "broader", BASE + "level/5"))
    for code, level, required in (("50", "5", ("3", "4")), ("51", "5.1", ("4",))):
        c = f"{BASE}code/{code}"
        triples += [
            t(c, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", NOKS + "Code"),
            t(c, NOKS + "level", f"{BASE}level/{level}"),
            t(c, NOKS + "route", f"{c}#route-1"),
        ]
        for k, r in enumerate(required, start=1):
            triples += [
                t(f"{c}#route-1", NOKS + "precondition", f"{c}#precondition-{k}"),
                t(f"{c}#precondition-{k}", NOKS + "requiredLevel", f"{BASE}level/{r}"),
            ]
    return Index(derive(triples, BASE), BASE)


def test_progression_comes_from_required_levels(ladder: Index) -> None:
    edges = [(a.rsplit("/", 1)[1], b.rsplit("/", 1)[1]) for a, b in progression(ladder)]
    assert edges == [("3", "5"), ("4", "5"), ("4", "5.1")]
    view = level_view(ladder, BASE + "level/4", "en", "level/4")
    assert [v.text for v in view["leads_to"]] == ["Level 5", "Level 5.1"]
    assert [v.text for v in level_view(ladder, BASE + "level/5", "en", "level/5")["requires"]] == ["Level 3", "Level 4"]


def test_diagram_puts_the_top_level_first_and_sublevels_beside_their_level(ladder: Index) -> None:
    drawn = diagram(ladder, "en", "")
    boxes = {b["notation"]: (b["x"], b["y"]) for b in drawn["boxes"]}
    assert boxes["5"][1] < boxes["4"][1] < boxes["3"][1]
    assert boxes["5.1"][1] == boxes["5"][1] and boxes["5.1"][0] > boxes["5"][0]
    assert [e["title"] for e in drawn["edges"]] == ["Level 3 → Level 5", "Level 4 → Level 5", "Level 4 → Level 5.1"]
    assert drawn["edges"][0]["d"].startswith("M80 ") and " C" in drawn["edges"][0]["d"]  # 3 -> 5 bends round 4


def test_the_index_is_shared_for_one_list_of_triples_only() -> None:
    triples = [t(BASE + "a", SKOS + "notation", ox.Literal("1"))]
    first = shared_index(triples, BASE)
    assert shared_index(triples, BASE) is first
    assert shared_index(list(triples), BASE) is not first  # another list, another index
    triples.append(t(BASE + "b", SKOS + "notation", ox.Literal("2")))
    again = shared_index(triples, BASE)
    assert again is not first and sorted(again.pages) == ["a", "b"]


def test_reading_the_index_adds_nothing_to_it(index: Index) -> None:
    subjects, pages = len(index.out), len(index.pages)
    assert index.objects(BASE + "nothing", SKOS + "prefLabel") == []
    assert index.subjects(SKOS + "broader", BASE + "nothing") == []
    assert (len(index.out), len(index.pages)) == (subjects, pages)

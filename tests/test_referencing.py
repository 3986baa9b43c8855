"""The referencing view: generated from the graph, level by level, with the evidence for each of the
ten EQF criteria, as pages (screen and print), CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from noks.build import Built
from noks.load import parse_file
from noks.pages import Index
from noks.referencing import Graph, levels
from noks.referencing_data import referencing

from .browser import WCAG_21_AA
from .conftest import ROOT

BASE = "https://w3id.org/noks/"
# notation -> (EQF level, match, QDR id, QF-EHEA cycle, codes)
EXPECTED = {
    "1": ("1", "exact", "c_83bf6184", "", ["10"]),
    "2": ("2", "exact", "c_c072e4cc", "", ["20"]),
    "3": ("3", "exact", "c_8a1ce05d", "", ["30"]),
    "4": ("4", "exact", "c_71bf982b", "", ["40", "41"]),
    "5": ("5", "exact", "c_dc2cd5c7", "", ["50"]),
    "6": ("6", "exact", "c_7e034a16", "first-cycle", []),
    "6.1": ("6", "broad", "c_6bfeff7a", "first-cycle", ["60 A", "61 S"]),
    "6.2": ("6", "broad", "c_529912df", "first-cycle", ["62 A", "63 S"]),
    "7": ("7", "exact", "c_e4f11c13", "second-cycle", []),
    "7.1": ("7", "broad", "c_cca41928", "second-cycle", ["70 A", "71 S"]),
    "7.2": ("7", "broad", "c_8cab3c22", "second-cycle", ["72"]),
    "8": ("8", "exact", "c_e3116f9b", "third-cycle", ["80"]),
}
NOT_IN_DATA = {"5", "6", "7"}


@pytest.fixture(scope="module")
def model(built_main: Built):
    return referencing(built_main.checked.triples, BASE)


def test_every_level_and_sublevel_beside_the_eqf_qdr_and_qf_ehea(model) -> None:
    found = {
        row.notation: (
            row.eqf.iri.rsplit("/", 1)[-1] if row.eqf else "",
            row.match,
            row.qdr.rsplit("/", 1)[-1],
            row.cycle.iri.rsplit("/", 1)[-1] if row.cycle else "",
            [f"{c.notation} {c.designation}".strip() for c in row.codes],
        )
        for row in model.levels
    }
    assert found == EXPECTED
    assert [row.notation for row in model.levels] == list(EXPECTED)


def test_each_match_carries_its_derived_statement_and_reason(model) -> None:
    row = next(r for r in model.levels if r.notation == "6.1")
    assert row.statement == BASE + "level/6.1#eqf"
    assert "narrower" in row.reason["en"] and row.reason["sr-Cyrl"]


def test_ects_volumes_come_from_the_routes(model) -> None:
    volumes = {row.notation: [v.text for v in row.ects] for row in model.levels}
    assert volumes["7.1"] == ["300–360", "≥ 60", "≥ 120"]
    assert volumes["8"] == ["180"]
    assert volumes["1"] == []


def test_adoption_at_the_52nd_eqf_advisory_group(model) -> None:
    adopted = model.adoption
    assert adopted.event.iri == BASE + "event/eqf-advisory-group-52"
    assert (adopted.start, adopted.end, adopted.location) == ("2020-02-04", "2020-02-05", "Brussels")
    assert adopted.report.iri == BASE + "document/eqf-referencing-report-2020"
    assert adopted.issued == "2020-09-24"


def test_ten_criteria_from_the_data_each_with_evidence_or_not_in_our_data(model) -> None:
    assert [c.notation for c in model.criteria] == [str(n) for n in range(1, 11)]
    assert {c.notation for c in model.criteria if not c.evidence} == NOT_IN_DATA
    evidence = {c.notation: {e.kind: [i.iri for i in e.items] for e in c.evidence} for c in model.criteria}
    assert len(evidence["2"]["level-mapping"]) == 12
    assert BASE + "level/6.1#eqf" in evidence["2"]["level-mapping"]
    assert BASE + "legal/law-on-noks" in evidence["1"]["legal-basis"]
    assert {BASE + "body/qualifications-agency", BASE + "body/ministry-of-education"} <= set(evidence["1"]["bodies"])
    assert evidence["8"]["report"] == [BASE + "document/eqf-referencing-report-2020"]
    assert evidence["8"]["meeting"] == [BASE + "event/eqf-advisory-group-52"]
    assert len(evidence["9"]["qdr"]) == 13
    assert BASE + "register" in evidence["4"]["register"]
    assert evidence["10"]["standard-element"] == [BASE + "standard-element/level"]


def test_criteria_file_is_a_small_scheme_sourced_to_the_2017_recommendation() -> None:
    triples = parse_file(ROOT / "data" / "eqf-referencing-criteria.ttl", BASE)
    sources = {t.object.value for t in triples if t.predicate.value.endswith("/source")}
    assert sources == {BASE + "document/eqf-recommendation-2017"}
    labels = [t for t in triples if t.predicate.value.endswith("#prefLabel")]
    assert len(labels) == 22  # the scheme and ten criteria, each in sr-Latn and en
    assert {t.object.language.lower() for t in labels} == {"sr-latn", "en"}


def test_nothing_invented_when_the_graph_has_no_referencing(fixture_project) -> None:
    from noks.build import check

    triples = check(fixture_project).triples
    model = referencing(triples, fixture_project.base)
    assert model.adoption is None and model.criteria == ()
    assert [r.notation for r in levels(Graph(Index(triples, fixture_project.base)))] == []


def test_csv_and_json_for_re_use(built_main: Built) -> None:
    folder = built_main.site / "referencing"
    rows = list(csv.DictReader(io.StringIO((folder / "levels.csv").read_text(encoding="utf-8"))))
    assert [r["level"] for r in rows] == list(EXPECTED)
    assert rows[6]["label_sr-Cyrl"] == "Ниво 6.1" and rows[6]["match"] == "broad" and rows[6]["codes"] == "60 A; 61 S"
    criteria = list(csv.DictReader(io.StringIO((folder / "criteria.csv").read_text(encoding="utf-8"))))
    assert {r["criterion"] for r in criteria if r["status"] == "not-in-our-data"} == NOT_IN_DATA
    data = json.loads((folder / "referencing.json").read_text(encoding="utf-8"))
    assert data["adoption"]["start"] == "2020-02-04"
    assert [lv["notation"] for lv in data["levels"]] == list(EXPECTED)
    assert data["criteria"][1]["evidence"][0]["labels"]["en"] == "Level links to the EQF"


@pytest.mark.parametrize("tree", ["", "sr-Latn/", "en/"])
def test_pages_link_into_the_site_and_say_not_in_our_data(built_main: Built, tree: str) -> None:
    page = built_main.site / tree / "referencing" / "index.html"
    html = page.read_text(encoding="utf-8")
    not_in_data = {"": "Није у нашим подацима.", "sr-Latn/": "Nije u našim podacima.", "en/": "Not in our data."}[tree]
    assert html.count(not_in_data) == len(NOT_IN_DATA)
    links = set(re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', html))
    assert len(links) > 50
    for link in links:
        assert (page.parent / link).resolve().is_file(), link
    assert 'href="http://data.europa.eu/snb/qdr/c_6bfeff7a"' in html


def test_printable_page_has_the_same_content_and_print_css(built_main: Built) -> None:
    screen = (built_main.site / "en" / "referencing" / "index.html").read_text(encoding="utf-8")
    paper = (built_main.site / "en" / "referencing" / "print" / "index.html").read_text(encoding="utf-8")
    body = re.compile(r'<h2 id="levels">.*?<h2 id="download">', re.S)
    same = body.search(screen).group(0).removesuffix('<h2 id="download">')
    assert same.replace("../", "") in paper.replace("../", "")  # the same content, one folder deeper
    assert 'media="print"' in screen and "static/print.css" in paper
    css = (built_main.site / "static" / "print.css").read_text()
    assert "@page" in css and "@media print" in css


def test_printable_page_prints_to_pdf(built_main: Built, page: Page) -> None:
    page.goto((built_main.site / "en" / "referencing" / "print" / "index.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator(".masthead").is_hidden()
    pdf = page.pdf(prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pdf.startswith(b"%PDF") and 2 <= pages <= 20


@pytest.mark.parametrize("page_path", ["referencing/index.html", "en/referencing/print/index.html"])
def test_referencing_pages_meet_wcag_21_aa(built_main: Built, page_path: str, page: Page) -> None:
    page.goto((built_main.site / page_path).as_uri())
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()

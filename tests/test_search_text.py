"""What the search index takes of a page: the text of its `data-pagefind-body`, with heading weights,
sentence ends and the elements Pagefind skips left out."""

from __future__ import annotations

from noks.search_text import Record, drop_ignored, page_record

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Doctor – NOKS</title>
<script type="application/ld+json">{"name": "not indexed"}</script></head>
<body><header class="masthead"><a href="/">NOKS</a></header>
<nav class="crumbs" data-pagefind-ignore><ol><li>Home</li></ol></nav>
<main id="content" data-pagefind-body>
<h1><span class="notation">8</span> Doctor of <em>Sci</em>ence</h1>
<p class="lead">Third cycle &amp; research</p>
<dl class="properties">
  <dt>NOKS level</dt><dd><a href="../level/8/index.html">Level 8</a></dd>
  <dt>Codes</dt><dd>80, 81</dd>
</dl>
<h2 id="outcomes">Outcomes</h2>
<ol><li>Plans research</li><li>Writes a thesis.</li></ol>
<nav class="pages"><a href="?page=2">Next</a></nav>
<div data-pagefind-ignore><div>Hidden <div>deeply</div></div> still hidden</div>
<svg><text>Diagram</text></svg>
<form><label>Filter</label><select><option>6</option></select></form>
<table><tr><th>Level</th><td>8</td></tr></table>
<p>Line<br>break and &lt;script&gt; as text</p>
</main>
<footer><p>Licence</p></footer>
</body></html>"""


def test_the_body_becomes_weighted_punctuated_text() -> None:
    assert page_record(PAGE) == Record(
        content="___PAGEFIND_AUTO_WEIGHT___7 8 Doctor of Science. ___END_PAGEFIND_WEIGHT___ "
        "Third cycle & research. NOKS level: Level 8. Codes: 80, 81. "
        "___PAGEFIND_AUTO_WEIGHT___6 Outcomes. ___END_PAGEFIND_WEIGHT___ Plans research. Writes a thesis. "
        "Level. 8. Line break and <script> as text.",
        title="8 Doctor of Science",
    )


def test_a_page_without_a_search_body_is_not_indexed() -> None:
    page = PAGE.replace(" data-pagefind-body", "")
    assert page_record(page) is None
    assert page_record(page.replace("<p>Line", "<p>The attribute data-pagefind-body in text")) is None


def test_the_title_falls_back_to_the_title_element() -> None:
    page = "<html><head><title>Search &amp; find</title></head><body><main data-pagefind-body><p>Hi</p></main>"
    assert page_record(page) == Record(content="Hi.", title="Search & find")


def test_ignored_elements_go_with_all_they_hold() -> None:
    body = b'<p>a</p><img data-pagefind-ignore src="x"><ul data-pagefind-ignore><li><ul><li>b</li></ul></li></ul><p>c'
    assert drop_ignored(body) == b"<p>a</p>  <p>c"
    assert drop_ignored(b'<p>a</p><div data-pagefind-ignore="all">never closed') == b"<p>a</p> "

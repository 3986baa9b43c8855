"""What the search index holds of a page: the text of its `data-pagefind-body` element and its title,
taken from the HTML we rendered (our own templates: well-formed, escaped) by a few regular expressions
rather than an HTML parser, as Pagefind's own parser would read it: the elements Pagefind skips
(`nav`, `form`, `svg`, `script`, … and anything marked `data-pagefind-ignore`) are dropped, headings
weigh more (h1 7 … h6 2, Pagefind's markers), and block elements end a sentence, so excerpts read well."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

SKIPPED = "script|style|noscript|template|label|form|svg|footer|header|nav|iframe"
DROP = re.compile(rf"<({SKIPPED})\b.*?</\1\s*>", re.S)
IGNORED = re.compile(rb"<(\w+)\b[^>]*\sdata-pagefind-ignore\b[^>]*>")
VOID = {b"area", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source", b"track", b"wbr"}
BLOCK = "p|div|li|ul|ol|dl|dd|td|th|tr|table|caption|section|article|aside|blockquote|figure|figcaption|pre|address"
END_WEIGHT = " ___END_PAGEFIND_WEIGHT___ "
# What tags become in the text, in this order: a heading opens a weight (Pagefind's h1 7 … h6 2); the end of
# a heading, a block or a term (<dt>) leaves a mark (\x03, \x01, \x02) that `punctuate` resolves; the start
# of a block a space; any other tag (inline) nothing, so it joins its neighbours as in the browser.
HEADING = re.compile(r"<h([1-6])\b[^>]*>")
TAGS = [
    (re.compile(r"</h[1-6]\s*>"), "\x03"),
    (re.compile(rf"</(?:{BLOCK})\s*>"), "\x01"),
    (re.compile(r"</dt\s*>"), "\x02"),
    (re.compile(rf"<(?:{BLOCK}|dt|br|hr)\b[^>]*>"), " "),
    (re.compile(r"<[^>]*>"), ""),
]
TAG = TAGS[-1][0]
# `punctuate` works on the text reversed, where a mark comes before the text it ends: a pattern that starts
# with the mark is found at C speed, and the lookahead sees the last character of that text.
WORDY = "(?=[\\w'\")$*])"
ENDS = [(re.compile(f"{mark}\\s*{WORDY}"), stop[::-1]) for mark, stop in [("\x01", ". "), ("\x02", ": ")]]
ENDS += [(re.compile(f"\x03\\s*{WORDY}"), ("." + END_WEIGHT)[::-1]), (re.compile("[\x01\x02]"), " ")]
ENDS += [(re.compile("\x03"), END_WEIGHT[::-1])]
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.S)
TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
BODY = b" data-pagefind-body"
IGNORE = b"data-pagefind-ignore"


@dataclass(frozen=True)
class Record:
    """One page as the index takes it: its text (with Pagefind's weight markers) and its title."""

    content: str
    title: str


def page_record(page: bytes | str) -> Record | None:
    """The searchable part of a page (UTF-8), or None when the page has no `data-pagefind-body` (not indexed).
    The body is found, and what is ignored dropped, in the bytes: only what is left is decoded."""
    page = page.encode("utf-8") if isinstance(page, str) else page
    marker = page.find(BODY)
    while marker >= 0 and b">" in page[page.rfind(b"<", 0, marker) : marker]:  # in text, not in a tag
        marker = page.find(BODY, marker + 1)
    if marker < 0:
        return None
    opening = page.rfind(b"<", 0, marker)
    name = page[opening + 1 : marker].split(None, 1)[0]
    begin, end = page.find(b">", marker) + 1, page.rfind(b"</" + name + b">")
    raw = page[begin : end if end >= begin else len(page)]
    if IGNORE in raw:
        raw = drop_ignored(raw)
    body = DROP.sub(" ", raw.decode("utf-8"))
    heading = H1.search(body)
    if heading is None and (named := TITLE.search(page)) is not None:
        title = text(named[1].decode("utf-8"))
    else:
        title = text(heading[1]) if heading else ""
    body = HEADING.sub(lambda tag: f" ___PAGEFIND_AUTO_WEIGHT___{8 - int(tag[1])} ", body)
    for pattern, replacement in TAGS:
        body = pattern.sub(replacement, body)
    return Record(fold(punctuate(body)), title)


def punctuate(body: str) -> str:
    """Resolve the marks left by block ends: a sentence that ends in a word gets a full stop (a term a colon)."""
    backwards = body[::-1]
    for pattern, replacement in ENDS:
        backwards = pattern.sub(replacement, backwards)
    return backwards[::-1]


def text(fragment: str) -> str:
    """Markup to plain text: tags dropped (inline ones join their neighbours), entities decoded, spaces folded."""
    return fold(TAG.sub("", fragment))


def fold(plain: str) -> str:
    """Entities decoded, runs of white space as one space."""
    return " ".join((html.unescape(plain) if "&" in plain else plain).split())


def drop_ignored(body: bytes) -> bytes:
    """`body` without the elements marked `data-pagefind-ignore` (and all they hold)."""
    at = body.find(IGNORE)
    while at >= 0:
        start = IGNORED.match(body, body.rfind(b"<", 0, at))
        if start is None or start.end() < at:  # the words are in the text, not in a tag
            at = body.find(IGNORE, at + 1)
            continue
        name, depth, end = start[1].lower(), 1, start.end()
        if name not in VOID and not start[0].endswith(b"/>"):
            for tag in re.compile(rb"<(/?)" + name + rb"\b[^>]*>").finditer(body, end):
                depth += -1 if tag[1] else 1
                if depth == 0:
                    end = tag.end()
                    break
            else:
                end = len(body)
        body = body[: start.start()] + b" " + body[end:]
        at = body.find(IGNORE, start.start())
    return body

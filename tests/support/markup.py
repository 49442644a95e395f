"""Checks that an output of wikireuse carries no active markup (issue #11).

HTML is parsed with lxml (libxml2, which tokenises as browsers do) and every
element, attribute and link is held against an allow-list; Markdown is
rendered with markdown-it (CommonMark, raw HTML on) and checked the same way;
wikitext may hold only ``<nowiki>``; plain text and JSON may hold nothing that
opens a tag.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from markdown_it import MarkdownIt

# "<" followed by what makes an HTML tokeniser open a tag, an end tag, a
# comment or a declaration.
TAG_OPEN = re.compile(r"<[A-Za-z/!?]")
# The same, exactly as HTML5 tokenises: "</" opens something only when a
# character follows (at the end of the input it is the text "</").
OPENS_MARKUP = re.compile(r"<(?:[A-Za-z!?]|/.)", re.DOTALL)
# A URL in angle brackets, as plain-text credits write one: checked apart.
TEXT_URL = re.compile(r"<(https?://[^\s<>\"'`]+)>")
_BAD_URL_CHARS = re.compile(r"[\s\"'<>\\`]")

# Every element and attribute an attribution's HTML may have.
ATTRIBUTION_HTML: Mapping[str, frozenset[str]] = {
    "span": frozenset({"class", "lang"}),
    "a": frozenset({"href", "rel"}),
}
# ... and a credits page, which embeds attributions.
CREDITS_HTML: Mapping[str, frozenset[str]] = {
    **ATTRIBUTION_HTML,
    "html": frozenset({"lang"}),
    "head": frozenset(),
    "meta": frozenset({"charset", "name", "content", "http-equiv"}),
    "title": frozenset(),
    "style": frozenset(),
    "body": frozenset(),
    "main": frozenset({"class"}),
    "section": frozenset({"class", "lang", "data-license"}),
    "h1": frozenset(),
    "h2": frozenset(),
    "h3": frozenset(),
    "h4": frozenset(),
    "p": frozenset({"class"}),
    "ul": frozenset({"class", "lang"}),
    "li": frozenset({"data-kind"}),
    "span": frozenset({"class", "lang", "data-code"}),
}
# What CommonMark makes of an attribution's Markdown...
MARKDOWN_CREDIT_HTML: Mapping[str, frozenset[str]] = {
    "p": frozenset(),
    "a": frozenset({"href"}),
}
# ... and of a credits page's.
MARKDOWN_HTML: Mapping[str, frozenset[str]] = {
    "div": frozenset(),  # the wrapper the check parses into
    "p": frozenset(),
    "a": frozenset({"href"}),
    "h1": frozenset(),
    "h2": frozenset(),
    "h3": frozenset(),
    "ul": frozenset(),
    "li": frozenset(),
    "strong": frozenset(),
}


def assert_safe_url(url: str, context: str) -> None:
    """*url* is an absolute http(s) URL with a host, no credentials, no quotes."""
    parts = urlsplit(url)
    assert parts.scheme in {"http", "https"}, context
    assert parts.hostname, context
    assert parts.username is None, context
    assert parts.password is None, context
    assert not _BAD_URL_CHARS.search(url), context


def _elements(root: Any) -> Iterator[Any]:
    yield from root.iter()


def assert_safe_html_tree(
    root: Any, allowed: Mapping[str, frozenset[str]], out: str
) -> int:
    """Every node of *root* allowed; returns the number of links checked."""
    links = 0
    for node in _elements(root):
        assert not isinstance(node, etree._Comment | etree._ProcessingInstruction), out
        tag = node.tag
        assert isinstance(tag, str), out
        assert tag in allowed, (tag, out)
        for name, value in node.attrib.items():
            assert name in allowed[tag], (tag, name, out)
            assert not name.lower().startswith("on"), out
            if name == "href":
                assert_safe_url(value, out)
                links += 1
            if name == "rel":
                assert "license" == value, out
        if tag == "meta" and "http-equiv" in node.attrib:
            assert "content-security-policy" == node.attrib["http-equiv"].lower(), out
    return links


def assert_safe_html(out: str, allowed: Mapping[str, frozenset[str]]) -> int:
    """*out* (a fragment) parsed with lxml holds only *allowed* markup."""
    root = lxml.html.fragment_fromstring(out, create_parent="div")
    return assert_safe_html_tree(root, {"div": frozenset(), **allowed}, out)


def assert_safe_html_page(out: str, style: str) -> int:
    """A whole credits page: allowed markup, and only our own style sheet."""
    root = lxml.html.document_fromstring(out)
    for node in root.iter("style"):
        assert style == node.text, out
    return assert_safe_html_tree(root, CREDITS_HTML, out)


def assert_plain_text(out: str) -> None:
    """Plain text: nothing opens a tag; URLs in angle brackets are safe."""
    for url in TEXT_URL.findall(out):
        assert_safe_url(url, out)
    assert not TAG_OPEN.search(TEXT_URL.sub("", out)), out


_MD_DESTINATION = re.compile(r"\]\(<([^<>\s]*)>\)")
_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def assert_safe_markdown(
    out: str, allowed: Mapping[str, frozenset[str]] = MARKDOWN_HTML
) -> None:
    """No raw HTML; link destinations http(s); the rendered HTML is *allowed*."""
    for url in _MD_DESTINATION.findall(out):
        assert_safe_url(url, out)
    assert "<" not in _MD_DESTINATION.sub("", out), out
    assert_safe_html(_MARKDOWN.render(out), allowed)


_NOWIKI = re.compile(r"<nowiki>(.*?)</nowiki>", re.DOTALL)
_WIKI_LINK = re.compile(r"\[(\S+) ")


def assert_safe_wikitext(out: str) -> None:
    """Only ``<nowiki>`` markup; foreign text inside it; links [http(s)://...]."""
    for inner in _NOWIKI.findall(out):
        assert "<" not in inner, out
    outside = _NOWIKI.sub("", out).replace("<nowiki/>", "")
    assert "<" not in outside, out
    assert "{" not in outside, out
    assert "''" not in outside, out
    assert "~~~" not in outside, out
    for url in _WIKI_LINK.findall(outside):
        assert_safe_url(url, out)
    assert outside.count("[") == len(_WIKI_LINK.findall(outside)), out


def _strings(value: object, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str):
        yield key, value


def assert_safe_json(out: str) -> dict[str, Any]:
    """No "<" or ">" in the document; plain text inert; every URL field safe."""
    assert "<" not in out, out
    assert ">" not in out, out
    data: dict[str, Any] = json.loads(out)
    assert_plain_text(data["text"])
    for key, value in _strings(data):
        if value and (key == "url" or key.endswith("_url") or key == "link"):
            # Data, not markup: a scheme that runs nothing and a host suffice.
            assert urlsplit(value).scheme in {"http", "https"}, out
            assert urlsplit(value).hostname, out
    return data

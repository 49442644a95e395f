"""Citations with empty parts: no style prints an empty separator (#11).

Every style, for an article missing each optional part in turn (the site's
subtitle, a permalink, a canonical URL, a language, a licence name, the
access time, a Wikimedia host and with it the publisher), either prints a
clean citation or refuses with a ConfigurationError naming what is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, timezone

import attrs
import pytest

from tests.test_citations import READ, SUBTITLE, ZOTERO_URL, make_article
from wikireuse.articles import Article, PageLicense
from wikireuse.citations import CITE_THIS_PAGE_STYLES, STYLES, cite
from wikireuse.exceptions import ConfigurationError

UTC = timezone.utc

Missing = Callable[[Article], Article]


def _no_permalink(article: Article) -> Article:
    return attrs.evolve(article, permalink="")


def _no_url(article: Article) -> Article:
    return attrs.evolve(article, url="")


def _no_links(article: Article) -> Article:
    return attrs.evolve(article, url="", permalink="")


def _no_language(article: Article) -> Article:
    return attrs.evolve(article, language="")


def _no_license_name(article: Article) -> Article:
    return attrs.evolve(
        article,
        license=PageLicense(spdx="LicenseRef-unknown", name="", url="", basis=""),
    )


def _not_wikimedia(article: Article) -> Article:
    # A wiki of its own: no publisher, its own name.
    return attrs.evolve(
        make_article(host="wiki.example.net", site_name="TestWiki"),
        language=article.language,
    )


def _unchanged(article: Article) -> Article:
    return article


# (name, how the article lacks it, the site subtitle, the access time)
CASES: list[tuple[str, Missing, str, datetime | None]] = [
    ("everything given", _unchanged, SUBTITLE, READ),
    ("site subtitle", _unchanged, "", READ),
    ("blank site subtitle", _unchanged, "  ", READ),
    ("access time", _unchanged, SUBTITLE, None),
    ("permalink", _no_permalink, SUBTITLE, READ),
    ("canonical url", _no_url, SUBTITLE, READ),
    ("both links", _no_links, SUBTITLE, READ),
    ("language", _no_language, SUBTITLE, READ),
    ("licence name", _no_license_name, SUBTITLE, READ),
    ("wikimedia publisher", _not_wikimedia, "", READ),
    ("everything optional", _no_language, "", None),
]

# CiteThisPage prints the permalink and the access date in every style.
NEEDED_BY_CITE_THIS_PAGE = frozenset(
    {"access time", "permalink", "both links", "everything optional"}
)

# Separators with nothing between them, and brackets or quotes around nothing.
EMPTY_PART = re.compile(
    r"[,;:.]\s*[,;.]"  # ", ," ", ." "; ." ",."
    r"|[,;]\s*$"  # a line ending in a separator (CSE's "from:" breaks the line)
    r"|^\s*[,;.]"  # ... or starting with one
    r"|\S {2,}\S"  # a double space inside a line
    r"|\(\s*\)|\[\s*\]|<\s*>|\"\s*\"|'\s*'"  # empty brackets or quotes
    r"|\bfrom\s*[.,]?$"  # "Retrieved ..., from" and no URL
    r"|\bIn\s*\.",  # "In ." with no site
    re.MULTILINE,
)


def _clean_text(text: str) -> list[str]:
    """The empty parts in a citation written as prose."""
    return [m.group(0) for m in EMPTY_PART.finditer(text.replace("\u00a0", " "))]


def _empty_parts(style: str, text: str) -> list[str]:
    """What in *text* is an empty separator, bracket or value, for *style*."""
    if style == "csl-json":
        record = json.loads(text)
        return [k for k, v in record.items() if v in ("", [], {}, None)]
    if style == "ris":
        # "TY  - " is the format's own double space; the values must be clean.
        found = []
        for line in text.split("\r\n"):
            if not line or line == "ER  - ":
                continue
            _tag, sep, value = line.partition("  - ")
            if not sep or not value.strip():
                found.append(line)
            found += _clean_text(value)
        return found
    if style in ("bibtex", "bibtex-entry"):
        # Indentation and LaTeX's "\textbraceleft{}" are the format's own.
        found = re.findall(r"= *(?:\{\s*\}|\{\{\s*\}\}|\"\s*\")", text)
        values = re.findall(r"= *[{\"](.*?)[}\"],?$", text, re.MULTILINE)
        found += re.findall(r"\{,\}\s*\"", text)  # "Site{,} " then nothing
        for value in values:
            found += _clean_text(value.replace("{,}", ","))
        return found
    return _clean_text(text)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("missing", "lack", "subtitle", "accessed"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_no_style_prints_an_empty_part(
    style: str, missing: str, lack: Missing, subtitle: str, accessed: datetime | None
) -> None:
    """A missing optional part leaves no ", ,", ", .", "()" or empty field."""
    article = lack(make_article())
    if style in CITE_THIS_PAGE_STYLES and missing in NEEDED_BY_CITE_THIS_PAGE:
        # Refusing is right only for what the style cannot do without.
        with pytest.raises(ConfigurationError, match=r"accessed|permalink"):
            cite(article, style, accessed=accessed, site_subtitle=subtitle)
        return
    text = cite(article, style, accessed=accessed, site_subtitle=subtitle)
    assert [] == _empty_parts(style, text), text


def test_the_default_style_without_a_subtitle_reads_as_a_sentence() -> None:
    """The default style without a subtitle: 'TestWiki. Retrieved', no ', .'."""
    text = cite(make_article(site_name="TestWiki"), "apa", accessed=READ)
    assert (
        "Zotero. (2012, April 3). TestWiki. Retrieved 09:05, January 15, 2024 "
        f"from {ZOTERO_URL}."
    ) == text


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "mla",
            f'"Zotero." TestWiki. 3 Apr 2012, 14:41 UTC. 15 Jan 2024, 09:05 '
            f"<{ZOTERO_URL}>.",
        ),
        (
            "mhra",
            "TestWiki contributors, 'Zotero', TestWiki, 3 April 2012, "
            f"14:41 UTC, <{ZOTERO_URL}> [accessed 15 January 2024]",
        ),
        (
            "chicago",
            f'TestWiki contributors, "Zotero," TestWiki, {ZOTERO_URL} '
            "(accessed January 15, 2024).",
        ),
        (
            "cse",
            "TestWiki contributors. Zotero [Internet]. TestWiki; 2012 Apr 3, "
            f"14:41 UTC [cited 2024 Jan 15]. Available from:\n{ZOTERO_URL}.",
        ),
    ],
)
def test_cite_this_page_styles_leave_out_an_empty_subtitle(
    style: str, expected: str
) -> None:
    """The site name stands alone, followed by the style's own punctuation."""
    assert expected == cite(make_article(site_name="TestWiki"), style, accessed=READ)


def test_bibtex_block_without_a_subtitle_has_no_dangling_comma() -> None:
    """The title field ends with the site name, not with "{,} "."""
    text = cite(make_article(site_name="TestWiki"), "bibtex", accessed=READ)
    assert '   title = "Zotero --- TestWiki",\n' in text


def test_apa7_without_any_link_prints_no_empty_from() -> None:
    """No permalink and no page URL: the reference ends with the site."""
    text = cite(_no_links(make_article()), "apa7", accessed=READ)
    assert "Zotero. (2012, April 3). In Wikipedia." == text


def test_exports_leave_out_an_empty_url() -> None:
    """Without any link the exports have no URL field at all."""
    article = _no_links(make_article())
    for export in ("ris", "bibtex-entry", "csl-json"):
        text = cite(article, export, accessed=READ)
        assert "UR  -" not in text
        assert "url =" not in text
        assert '"URL"' not in text

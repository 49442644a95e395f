"""The fixed XSS corpus through every input path and every output (issue #11).

Each payload of :data:`tests.xss_corpus.PAYLOADS` is fed, in full on every
run, to the HTML reader, to a file's extmetadata (``Artist``, ``Credit``,
``Attribution``, ``LicenseShortName``, ``ImageDescription``, ``ObjectName``,
``UsageTerms``, ``Permission``) and its title, and to an article's title,
site name and author names; the attributions are written in every format
and style and collected into a credits page in every format. No tag, event
handler or non-http(s) link may survive anywhere.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.markup import (
    ATTRIBUTION_HTML,
    CREDITS_HTML,
    MARKDOWN_CREDIT_HTML,
    OPENS_MARKUP,
    TAG_OPEN,
    assert_plain_text,
    assert_safe_html,
    assert_safe_html_page,
    assert_safe_json,
    assert_safe_markdown,
    assert_safe_url,
    assert_safe_wikitext,
)
from tests.support.records import article_record
from tests.xss_corpus import PAYLOADS
from wikireuse import Credits, attribute
from wikireuse.articles import Contributor, Contributors, PageLicense
from wikireuse.attribution import Attribution
from wikireuse.attribution._credits import _STYLE
from wikireuse.attribution._render import _html_markup, _nodes, sanitise_html
from wikireuse.core._json import SURROGATES
from wikireuse.exceptions import ConfigurationError
from wikireuse.media import MediaFile, parse_imageinfo
from wikireuse.messages import DEFAULT_CATALOGUE
from wikireuse.records._html import LinkBase, read_html

COMMONS = LinkBase.from_page_url("https://commons.wikimedia.org/wiki/File:X.jpg")
# An encoded "<" is text that reads "<": the reader decodes it as it must, and
# only the writers make it inert.
ENCODED_LT = re.compile(r"&(?:lt|LT)|&#0*60(?!\d)|&#[xX]0*3[cC](?![0-9a-fA-F])")
BY_SA_4 = PageLicense(
    spdx="CC-BY-SA-4.0",
    name="Creative Commons Attribution-ShareAlike 4.0 International",
    url="https://creativecommons.org/licenses/by-sa/4.0/",
    basis="the wiki's declared content licence",
)
HTML_FIELDS = (
    "Artist",
    "Credit",
    "Attribution",
    "LicenseShortName",
    "ImageDescription",
    "ObjectName",
    "UsageTerms",
    "Permission",
)

# An embeddable credits section has no document around it.
SECTION_HTML = {
    tag: names
    for tag, names in CREDITS_HTML.items()
    if tag not in {"html", "head", "meta", "title", "style", "body", "main"}
}

ids = [f"p{n:03d}" for n in range(len(PAYLOADS))]
corpus = pytest.mark.parametrize("payload", PAYLOADS, ids=ids)


def hostile_media(payload: str, *, field: str | None = None) -> MediaFile:
    """A Commons file whose HTML fields (or just *field*) hold *payload*."""
    fields = HTML_FIELDS if field is None else (field,)
    extmetadata: dict[str, Any] = {
        name: {"value": f"Ann {payload} Bob", "source": "commons-desc-page"}
        for name in fields
    }
    extmetadata.setdefault("LicenseShortName", {"value": "CC BY-SA 4.0"})
    extmetadata["LicenseUrl"] = {"value": "//creativecommons.org/licenses/by-sa/4.0/"}
    extmetadata["AttributionRequired"] = {"value": "true"}
    page = {
        "title": f"File:A{payload}.jpg",
        "ns": 6,
        "pageid": 7,
        "imagerepository": "local",
        "imageinfo": [
            {
                "descriptionurl": "https://commons.wikimedia.org/wiki/File:A.jpg",
                "url": "https://upload.wikimedia.org/a.jpg",
                "extmetadata": extmetadata,
            }
        ],
    }
    return parse_imageinfo(page, wiki="https://commons.wikimedia.org/w/api.php")


def hostile_article(payload: str) -> Any:
    """An article whose title, site name and author names hold *payload*."""
    contributors = Contributors(
        title=payload,
        pageid=1,
        registered=(Contributor(name=payload), Contributor(name=f"x{payload}x")),
        anonymous=2,
    )
    # A lone surrogate cannot be in a page title (titles are UTF-8), and
    # url_path() cannot quote one; the other foreign strings keep it.
    title = SURROGATES.sub("\ufffd", f"T{payload}")
    return article_record(
        title,
        license=BY_SA_4,
        site_name=payload,
        contributors=contributors,
    )


def assert_every_format(credit: Attribution) -> dict[str, int]:
    """The attribution in all five formats: inert; counts per format."""
    html_out = credit.to_html()
    # The nh3 pass is defence in depth: it never changes what we wrote.
    built = _html_markup(_nodes(credit, DEFAULT_CATALOGUE), credit.lang)
    assert built == html_out
    assert sanitise_html(html_out) == html_out
    assert_safe_html(html_out, ATTRIBUTION_HTML)
    assert_safe_markdown(credit.to_markdown(), MARKDOWN_CREDIT_HTML)
    assert_safe_wikitext(credit.to_wikitext())
    text = credit.to_text()
    assert_plain_text(text)
    assert text == assert_safe_json(credit.to_json())["text"]
    return {"html": 1, "markdown": 1, "wikitext": 1, "text": 1, "json": 1}


# -- the reader ------------------------------------------------------------------


@corpus
def test_reader_leaks_no_markup(payload: str) -> None:
    """read_html: no tag from markup in the text, only safe http(s) links."""
    found = read_html(payload, COMMONS)
    if not ENCODED_LT.search(payload):
        assert not OPENS_MARKUP.search(found.text), found.text
    assert "\x00" not in found.text
    for text, url in found.links:
        assert_safe_url(url, payload)
        assert not TAG_OPEN.search(text), text


# -- extmetadata, through the media parsing --------------------------------------


@corpus
def test_extmetadata_fields_in_every_format(payload: str) -> None:
    """All HTML fields hostile at once: every attribution format is inert."""
    media = hostile_media(payload)
    for field in (media.artist, media.credit, media.attribution, media.description):
        assert field is not None
        if not ENCODED_LT.search(payload):
            assert not OPENS_MARKUP.search(field.text), field.text
        for link in field.links:
            assert_safe_url(link.url, payload)
    assert_every_format(attribute(media))
    assert_every_format(attribute(media, lang="de", modified=True))


# Every payload is in every field in the test above; alone in each field
# (the other fields absent, as on a sparse page) every 8th one, a fixed set
# of 41 across all families of the corpus, keeps the run short.
EVERY_8TH = slice(None, None, 8)


@pytest.mark.parametrize("field", HTML_FIELDS)
@pytest.mark.parametrize("payload", PAYLOADS[EVERY_8TH], ids=ids[EVERY_8TH])
def test_each_extmetadata_field_alone(field: str, payload: str) -> None:
    """One hostile field at a time: still inert in every format."""
    assert_every_format(attribute(hostile_media(payload, field=field)))


# -- titles and author names, through an article ----------------------------------


@corpus
def test_titles_and_author_names_in_every_format_and_style(payload: str) -> None:
    """Title, site name and user names hostile: every format and style inert."""
    article = hostile_article(payload)
    for authors in ("list", "history"):
        credit = attribute(
            article, authors=authors, modified=payload, modified_by=payload
        )
        assert_every_format(credit)
    credit = attribute(article, authors="list")
    for style in ("reuse-notice", "copy-summary"):
        html_out = credit.to_html(style=style)
        assert sanitise_html(html_out) == html_out
        assert_safe_html(html_out, ATTRIBUTION_HTML)
        assert_safe_markdown(credit.to_markdown(style=style), MARKDOWN_CREDIT_HTML)
        assert_plain_text(credit.to_text(style=style))
        refusal = ""
        try:
            wiki = credit.to_wikitext(style=style)
        except ConfigurationError as exc:
            wiki, refusal = "", exc.message
        if refusal:
            # A title with "<", "[" or "{" cannot be a wikilink: refused.
            assert "not a valid page title" in refusal
            continue
        if style == "copy-summary":
            assert_plain_text(wiki)
            assert not re.search(r"[<>{}|]", wiki), wiki
        else:
            assert_safe_wikitext(wiki)


# -- credits pages ------------------------------------------------------------------


@corpus
def test_credits_page_in_every_format(payload: str) -> None:
    """A credits page of a hostile file and article, titled by the payload."""
    credits = Credits(
        [
            ("media/a.jpg", hostile_media(payload)),
            ("text/t.md", hostile_article(payload)),
        ]
    )
    page = credits.to_html(into="CC-BY-SA-4.0", title=payload)
    assert_safe_html_page(page, _STYLE)
    section = credits.to_html(title=payload, standalone=False)
    assert_safe_html(section, SECTION_HTML)
    assert_safe_markdown(credits.to_markdown(into="CC-BY-SA-4.0", title=payload))
    assert_plain_text(credits.to_text(into="CC-BY-SA-4.0", title=payload))

"""Structured articles of pages the real MediaWiki test bed renders (both bodies)."""

from __future__ import annotations

import json

import lxml.html
import pytest

from tests.structured_support import check
from tests.support import fixtures
from tests.support.mediawiki import MediaWiki
from tests.test_integration_client import make_client
from wikireuse import Article, structure
from wikireuse.structured import StructuredArticle
from wikireuse.testing import FakeClock

pytestmark = pytest.mark.mediawiki


@pytest.fixture(scope="module")
def article(mediawiki: MediaWiki) -> Article:
    with make_client(mediawiki.api_url, FakeClock()) as client:
        return client.article(fixtures.ARTICLE, html=True)


@pytest.fixture(scope="module")
def both(article: Article) -> tuple[StructuredArticle, StructuredArticle]:
    return (
        check(structure(article, body="html")),
        check(structure(article, body="wikitext")),
    )


def test_the_revision_is_carried(
    article: Article, both: tuple[StructuredArticle, StructuredArticle]
) -> None:
    for doc in both:
        assert (doc.wiki, doc.pageid, doc.revid, doc.title) == (
            article.wiki,
            article.pageid,
            article.revid,
            article.title,
        )
        assert (doc.license, doc.provenance, doc.permalink) == (
            article.license,
            article.provenance,
            article.permalink,
        )


def test_infobox_both_paths_equal_data_mw(
    article: Article, both: tuple[StructuredArticle, StructuredArticle]
) -> None:
    assert article.html is not None
    tree = lxml.html.document_fromstring(article.html.encode())
    (box,) = tree.xpath('//table[contains(@class, "infobox")]')
    (source,) = tree.xpath(f'//*[@about="{box.get("about")}"][@data-mw]')
    (part,) = json.loads(source.get("data-mw"))["parts"]
    expected = {k: v["wt"].strip() for k, v in part["template"]["params"].items()}
    for doc in both:
        (infobox,) = doc.infoboxes
        assert infobox.template == "Infobox person"
        assert {p.name: p.wikitext for p in infobox.params} == expected
    rows = {r.label: r.text for r in both[0].infoboxes[0].rows}
    assert rows["Born"] == "10 December 1815, London"


def test_sections_references_and_citations(
    both: tuple[StructuredArticle, StructuredArticle],
) -> None:
    html, wikitext = both
    headings = [(s.level, s.heading) for s in html.sections]
    assert headings == [
        (0, ""),
        (2, "Early years"),
        (2, "The Notes"),
        (3, "Note G"),
        (2, "References"),
    ]
    assert [(s.level, s.heading) for s in wikitext.sections] == headings
    for doc in both:
        cites = [c for p in doc.paragraphs for c in p.cites]
        assert len(cites) == 4
        assert all(doc.reference(c) is not None for c in cites)
        (web,) = [r for r in doc.references if r.template]
        assert web.csl["type"] == "webpage"
        assert web.csl["title"] == "Reading the Notes again"
        assert web.csl["URL"] == "https://example.org/fixtures/ada"
        assert web.csl["accessed"] == {"date-parts": [[2023, 3, 1]]}
        assert web.csl["author"] == [{"literal": "Fixture Author"}]
        assert [c.title for c in doc.categories] == ["Mathematicians", "Test articles"]
    assert html.paragraphs[0].text == wikitext.paragraphs[0].text

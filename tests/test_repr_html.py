"""Notebook views of Article and Provenance: ``_repr_html_`` of escaped parts."""

from __future__ import annotations

import html.parser
from datetime import datetime, timezone

import attrs
import pytest

from tests.test_store import make_article
from wikireuse.articles import Article, PageLicense

UTC = timezone.utc
HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>&amp;'
ALLOWED_TAGS = frozenset({"table", "tbody", "tr", "th", "td", "a", "code"})


class _Tags(html.parser.HTMLParser):
    """Every tag and attribute of a fragment, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(fragment: str) -> _Tags:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser


def _hostile_article() -> Article:
    article = make_article(title=HOSTILE, text=HOSTILE)
    return attrs.evolve(
        article,
        site_name=HOSTILE,
        permalink="javascript:alert(3)",
        url="java\nscript:alert(4)",
        license=PageLicense(
            spdx=HOSTILE, name=HOSTILE, url="data:text/html,<b>x</b>", basis=HOSTILE
        ),
        provenance=attrs.evolve(
            article.provenance,
            user_agent=HOSTILE,
            note=HOSTILE,
            endpoint="javascript:alert(5)",
            params=(("titles", HOSTILE),),
        ),
    )


def _assert_safe(fragment: str) -> _Tags:
    parsed = _parse(fragment)
    for tag, attributes in parsed.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attributes:
            assert name in ("class", "href"), name
            if name == "href":
                assert (value or "").startswith(("https://", "http://")), value
    # A javascript: or data: URL may show as text, never as a link.
    assert "<script" not in fragment.lower()
    assert "onerror" not in " ".join(str(a) for _, a in parsed.tags)
    return parsed


@pytest.mark.parametrize("which", ["article", "provenance"])
def test_repr_html_escapes_every_field(which: str) -> None:
    """Hostile text in any field shows as text; no tag, handler or bad URL."""
    article = _hostile_article()
    item = article if which == "article" else article.provenance

    fragment = item._repr_html_()

    parsed = _assert_safe(fragment)
    assert HOSTILE in "".join(parsed.text)  # shown, as text


def test_article_repr_html_shows_the_revision_licence_and_links() -> None:
    """Title linked to its permalink, revision and time, licence linked."""
    article = attrs.evolve(make_article(), site_name="TestWiki")

    parsed = _assert_safe(article._repr_html_())
    text = " ".join("".join(parsed.text).split())
    hrefs = [v for _, attributes in parsed.tags for n, v in attributes if n == "href"]

    assert article.permalink.replace(" ", "%20") in hrefs
    assert article.license.url in hrefs
    for part in ("Ada Lovelace", "100", "2023-02-01T10:00:00Z", "CC-BY-SA-3.0"):
        assert part in text
    assert "TestWiki" in text


def test_provenance_repr_html_shows_where_and_when() -> None:
    """The wiki, the request, the revision, the hash and the fetch time."""
    provenance = make_article().provenance

    parsed = _assert_safe(provenance._repr_html_())
    text = " ".join("".join(parsed.text).split())

    for part in (
        provenance.wiki,
        provenance.content_hash,
        "2026-11-27T12:00:00Z",
        provenance.user_agent,
        "live",
    ):
        assert part in text
    assert datetime(2026, 11, 27, 12, tzinfo=UTC) == provenance.fetched_at

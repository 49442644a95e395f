"""Rendering attributions: sentence shapes, formats, JSON keys and hostile input."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from urllib.parse import urlsplit

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.support import markup
from tests.support.markup import assert_safe_wikitext
from tests.support.notices import BY_4, BY_SA_3, BY_SA_4, CC0, PD
from wikireuse.attribution import (
    ATTRIBUTION_SCHEMA,
    Attribution,
    Byline,
    LicenseNotice,
    Segment,
)
from wikireuse.attribution._render import (
    FORMATS,
    STYLES,
    clean_foreign,
    render,
    to_dict,
)
from wikireuse.core._json import canonical
from wikireuse.exceptions import ConfigurationError
from wikireuse.licenses import UNKNOWN_ID
from wikireuse.messages import DEFAULT_CATALOGUE

GFDL = LicenseNotice(
    id="GFDL-1.3-or-later",
    name="GNU Free Documentation License v1.3 or later",
    short_name="GFDL 1.3",
    url="https://www.gnu.org/licenses/fdl-1.3.html",
    kind="license",
)
UNKNOWN = LicenseNotice(id=UNKNOWN_ID, name="", short_name="", url="", kind="unknown")

PERMALINK = "https://en.wikipedia.org/w/index.php?title=Earth&oldid=1234"
HISTORY = "https://en.wikipedia.org/w/index.php?title=Earth&action=history"
FILE_PAGE = "https://commons.wikimedia.org/wiki/File:Foobar.jpg"

ARTICLE = Attribution(
    kind="article",
    title="Earth",
    source_url=PERMALINK,
    page_url="https://en.wikipedia.org/wiki/Earth",
    site_name="Wikipedia",
    history_url=HISTORY,
    license=BY_SA_4,
    revid=1234,
    timestamp=datetime(2024, 1, 1, 12, 0, tzinfo=timezone.utc),
)
LISTED = attrs.evolve(
    ARTICLE,
    author_mode="list",
    authors=(
        Byline.plain("Alice", "https://en.wikipedia.org/wiki/User:Alice"),
        Byline.plain("Bob", "https://en.wikipedia.org/wiki/User:Bob"),
    ),
    anonymous_authors=3,
)
MEDIA = Attribution(
    kind="media",
    title="Foobar",
    source_url=FILE_PAGE,
    page_url=FILE_PAGE,
    site_name="Wikimedia Commons",
    authors=(Byline.plain("Raw Artist"),),
    credit_line=Byline(
        segments=(
            Segment(text="Photo: "),
            Segment(
                text="Jane Roe", url="https://commons.wikimedia.org/wiki/User:Jane"
            ),
            Segment(text=" / ACME"),
        )
    ),
    source_credit=Byline.plain("Own work"),
    license=BY_SA_3,
)
ENTITY = Attribution(
    kind="entity",
    title="Douglas Adams",
    source_url="https://www.wikidata.org/wiki/Q42",
    site_name="Wikidata",
    license=CC0,
    required=False,
)
PD_FILE = Attribution(
    kind="media",
    title="Old map",
    source_url="https://commons.wikimedia.org/wiki/File:Old_map.jpg",
    site_name="Wikimedia Commons",
    license=PD,
    required=False,
    warnings=("no-author",),
)
UNKNOWN_WORK = Attribution(
    kind="work",
    title="Thing",
    source_url="https://example.org/thing",
    authors=(Byline.plain("Someone"),),
    license=UNKNOWN,
    warnings=("no-license",),
)


def text_of(a: Attribution) -> str:
    return render(a, "text")


# -- sentence shapes ------------------------------------------------------------


def test_article_history_mode_text():
    """History mode credits "its authors", linked to the page history."""
    assert (
        f"“Earth” ({PERMALINK}) by its authors ({HISTORY}), from Wikipedia, is "
        "licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)."
    ) == text_of(ARTICLE)


def test_article_list_mode_text():
    """List mode names the registered authors and counts the anonymous ones."""
    assert (
        f"“Earth” ({PERMALINK}) by Alice (https://en.wikipedia.org/wiki/User:Alice), "
        "Bob (https://en.wikipedia.org/wiki/User:Bob) and 3 anonymous contributors, "
        "from Wikipedia, is licensed under CC BY-SA 4.0 "
        "(https://creativecommons.org/licenses/by-sa/4.0/)."
    ) == text_of(LISTED)


def test_list_mode_one_anonymous_contributor_and_grouped_counts():
    """One anonymous contributor is singular; large counts are grouped."""
    one = attrs.evolve(LISTED, authors=(Byline.plain("Alice"),), anonymous_authors=1)
    assert "by Alice and 1 anonymous contributor," in text_of(one)
    many = attrs.evolve(LISTED, authors=(), anonymous_authors=1500, lang="de")
    assert "von 1.500 anonymen Beitragenden," in text_of(many)


def test_more_authors_are_counted():
    """Authors the metadata counts but does not name are "N others"."""
    a = attrs.evolve(MEDIA, credit_line=None, more_authors=2)
    assert "by Raw Artist and 2 others," in text_of(a)


def test_credit_line_replaces_the_authors():
    """The licensor's credit line is the byline, with its link; the artist is not."""
    text = text_of(MEDIA)
    assert (
        f"“Foobar” ({FILE_PAGE}), credit: Photo: Jane Roe "
        "(https://commons.wikimedia.org/wiki/User:Jane) / ACME, from Wikimedia "
        "Commons, is licensed under CC BY-SA 3.0 "
        "(https://creativecommons.org/licenses/by-sa/3.0/)."
    ) == text
    assert "Raw Artist" not in text
    assert "Own work" not in text


def test_site_is_the_source_never_the_author():
    """The site name follows "from", and an unknown author is never the site."""
    a = attrs.evolve(MEDIA, credit_line=None, authors=(), warnings=("no-author",))
    text = text_of(a)
    assert "by an unknown author, from Wikimedia Commons," in text
    assert "by Wikimedia Commons" not in text


def test_public_domain_wording():
    """Public domain is "marked as public domain", never "licensed under"."""
    assert (
        "“Old map” (https://commons.wikimedia.org/wiki/File:Old_map.jpg) by an "
        "unknown author, from Wikimedia Commons, is marked as public domain "
        "(https://commons.wikimedia.org/wiki/Commons:Copyright_tags/Public_domain)."
    ) == text_of(PD_FILE)


def test_cc0_wording_without_author():
    """CC0 is "marked with CC0 1.0"; a CC0 item not missing an author has none."""
    assert (
        "“Douglas Adams” (https://www.wikidata.org/wiki/Q42), from Wikidata, is "
        "marked with CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/)."
    ) == text_of(ENTITY)


def test_unknown_licence_wording():
    """An unknown licence says so; a declared but unrecognised one is named."""
    assert (
        "“Thing” (https://example.org/thing) by Someone is under an unknown licence."
    ) == text_of(UNKNOWN_WORK)
    named = attrs.evolve(
        UNKNOWN_WORK, license=attrs.evolve(UNKNOWN, name="My licence", short_name="")
    )
    assert "is under an unrecognised licence: My licence." in text_of(named)


def test_unknown_author_placeholder_is_localised():
    """The placeholder is in the attribution's language."""
    a = attrs.evolve(PD_FILE, lang="fr")
    assert "par un auteur inconnu, source\u00a0: Wikimedia Commons" in text_of(a)


def test_no_title_says_this_work():
    """Without a title, "This work" is linked to the source."""
    a = attrs.evolve(PD_FILE, title="")
    assert text_of(a).startswith(
        "This work (https://commons.wikimedia.org/wiki/File:Old_map.jpg) by"
    )


def test_no_site_name():
    """Without a site name the sentence has no "from" part."""
    a = attrs.evolve(ENTITY, site_name="", source_url="")
    assert "“Douglas Adams” is marked with CC0 1.0" in text_of(a)


def test_modifications_in_order_with_modified_by_on_the_last():
    """Every change note is kept in order; "" is the word "modified"."""
    a = attrs.evolve(
        ARTICLE,
        modifications=("translated", "", "cropped"),
        modified_by="Jane Doe",
    )
    assert text_of(a).endswith("Changes: translated; modified; cropped by Jane Doe.")
    de = attrs.evolve(a, lang="de")
    assert text_of(de).endswith(
        "Änderungen: translated; bearbeitet; cropped von Jane Doe."
    )


def test_modified_by_without_notes_means_modified():
    """Naming who modified implies a modification."""
    a = attrs.evolve(ARTICLE, modified_by="Jane")
    assert text_of(a).endswith("Changes: modified by Jane.")


def test_copyright_notice_and_accessed():
    """The copyright notice is kept; "Retrieved" appears only with a date."""
    a = attrs.evolve(ARTICLE, copyright_notice="© 2020 ACME")
    assert text_of(a).endswith("/by-sa/4.0/). © 2020 ACME")
    assert "Retrieved" not in text_of(a)
    dated = attrs.evolve(a, accessed=date(2026, 11, 27))
    assert text_of(dated).endswith("© 2020 ACME Retrieved November 27, 2026.")


def test_gfdl_alternative():
    """An alternative licence is offered with "or"."""
    a = attrs.evolve(ARTICLE, alternatives=(GFDL,), warnings=("gfdl",))
    assert (
        "is licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/"
        "4.0/) or GFDL 1.3 (https://www.gnu.org/licenses/fdl-1.3.html)."
    ) in text_of(a)


def test_warnings_are_not_in_the_credit():
    """Warning codes are data (JSON), not words of the credit."""
    a = attrs.evolve(UNKNOWN_WORK, warnings=("no-license", "non-free", "restrictions"))
    for fmt in ("text", "html", "markdown", "wikitext"):
        out = render(a, fmt)
        assert "non-free" not in out
        assert "restrictions" not in out
    assert ["no-license", "non-free", "restrictions"] == json.loads(render(a, "json"))[
        "warnings"
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "de",
            "„Earth“ ({p}) von den Autorinnen und Autoren ({h}), veröffentlicht auf "
            "Wikipedia, steht unter der Lizenz CC BY-SA 4.0 ({l}). Änderungen: "
            "bearbeitet von Jane. Abgerufen am 1. März 2026.",
        ),
        (
            "fr",
            "«\u00a0Earth\u00a0» ({p}) par ses auteurs ({h}), source\u00a0: "
            "Wikipedia, licence CC BY-SA 4.0 ({l}). Modifications\u00a0: version "
            "modifiée par Jane. Consulté le 1er mars 2026.",
        ),
        (
            "es",
            "«Earth» ({p}) por sus autores ({h}), en Wikipedia, está bajo la licencia "
            "CC BY-SA 4.0 ({l}). Cambios: versión modificada por Jane. Consultado el "
            "1 de marzo de 2026.",
        ),
    ],
)
def test_other_languages_whole_sentence(lang, expected):
    """The whole credit is in the attribution's language."""
    a = attrs.evolve(
        ARTICLE,
        lang=lang,
        modifications=("",),
        modified_by="Jane",
        accessed=date(2026, 3, 1),
    )
    assert expected.format(p=PERMALINK, h=HISTORY, l=BY_SA_4.url) == text_of(a)


@pytest.mark.parametrize(
    ("lang", "waiver", "public_domain"),
    [
        ("de", "ist mit CC0 1.0", "ist als gemeinfrei"),
        ("fr", "transfert dans le domaine public\u00a0: CC0 1.0", "domaine public"),
        ("es", "dominio público mediante CC0 1.0", "figura como de dominio público"),
    ],
)
def test_waiver_and_public_domain_per_language(lang, waiver, public_domain):
    """CC0 and public domain have their own wording in every language."""
    assert waiver in text_of(attrs.evolve(ENTITY, lang=lang))
    assert public_domain in text_of(attrs.evolve(PD_FILE, lang=lang))


# -- formats --------------------------------------------------------------------


class TagCollector(HTMLParser):
    """Every start tag with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse_html(markup: str) -> TagCollector:
    parser = TagCollector()
    parser.feed(markup)
    parser.close()
    return parser


def assert_safe_html(markup: str, allowed: dict[str, set[str]]) -> TagCollector:
    """Only *allowed* tags and attributes; every href http(s); rel only "license"."""
    parsed = parse_html(markup)
    for tag, attributes in parsed.tags:
        assert tag in allowed, markup
        assert set(attributes) <= allowed[tag], markup
        if "href" in attributes:
            href = attributes["href"] or ""
            assert urlsplit(href).scheme in {"http", "https"}, markup
            assert urlsplit(href).hostname, markup
            assert not re.search(r"[\s\"'<>\\]", href), markup
        if "rel" in attributes:
            assert "license" == attributes["rel"], markup
    assert "<script" not in markup.lower()
    return parsed


HTML_ALLOWED = {"span": {"class", "lang"}, "a": {"href", "rel"}}


@pytest.mark.parametrize("a", [ARTICLE, LISTED, MEDIA, ENTITY, PD_FILE, UNKNOWN_WORK])
def test_html_structure(a):
    """HTML has one span, links only, and rel="license" on the licence link."""
    out = render(a, "html")
    parsed = assert_safe_html(out, HTML_ALLOWED)
    assert ("span", {"class": "wikireuse-attribution", "lang": "en"}) == parsed.tags[0]
    assert 1 == sum(tag == "span" for tag, _ in parsed.tags)
    licence_links = [attrs_ for tag, attrs_ in parsed.tags if attrs_.get("rel")]
    if a.license.url:
        assert [{"href": a.license.url, "rel": "license"}] == licence_links
    else:
        assert [] == licence_links
    assert text_of(a).split(" (")[0] in "".join(parsed.text)


def test_html_article_exact():
    """The HTML of an article credit, character for character."""
    a = attrs.evolve(ARTICLE, modifications=("cropped",), accessed=date(2026, 1, 2))
    assert (
        '<span class="wikireuse-attribution" lang="en">'
        '<a href="https://en.wikipedia.org/w/index.php?title=Earth&amp;oldid=1234">'
        "“Earth”</a> by "
        '<a href="https://en.wikipedia.org/w/index.php?title=Earth&amp;action=history">'
        "its authors</a>, from Wikipedia, is licensed under "
        '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">'
        "CC BY-SA 4.0</a>. Changes: cropped. Retrieved January 2, 2026.</span>"
    ) == render(a, "html")


def test_html_list_mode_links_each_author():
    """List mode links every registered author to their user page."""
    parsed = parse_html(render(LISTED, "html"))
    hrefs = [a.get("href") for tag, a in parsed.tags if tag == "a"]
    assert [
        PERMALINK,
        "https://en.wikipedia.org/wiki/User:Alice",
        "https://en.wikipedia.org/wiki/User:Bob",
        BY_SA_4.url,
    ] == hrefs


def test_markdown_article():
    """Markdown links are [text](<url>) and the words are the same."""
    assert (
        f"[“Earth”](<{PERMALINK}>) by [its authors](<{HISTORY}>), from Wikipedia, "
        f"is licensed under [CC BY-SA 4.0](<{BY_SA_4.url}>)."
    ) == render(ARTICLE, "markdown")


def test_markdown_list_mode_and_credit_line():
    """List mode and credit lines keep their links in Markdown."""
    assert (
        "by [Alice](<https://en.wikipedia.org/wiki/User:Alice>), "
        "[Bob](<https://en.wikipedia.org/wiki/User:Bob>) and 3 anonymous contributors,"
    ) in render(LISTED, "markdown")
    assert (
        "), credit: Photo: "
        "[Jane Roe](<https://commons.wikimedia.org/wiki/User:Jane>) / ACME,"
    ) in render(MEDIA, "markdown")


def test_markdown_url_with_parentheses_and_spaces():
    """URLs with parentheses or spaces stay one link destination."""
    a = attrs.evolve(
        ARTICLE, source_url="https://en.wikipedia.org/wiki/Mercury (planet)"
    )
    out = render(a, "markdown")
    assert "(<https://en.wikipedia.org/wiki/Mercury%20(planet)>)" in out
    html_out = MarkdownIt("commonmark").render(out)
    hrefs = [a_.get("href") for tag, a_ in parse_html(html_out).tags if tag == "a"]
    assert "https://en.wikipedia.org/wiki/Mercury%20(planet)" == hrefs[0]


def test_markdown_escapes_metacharacters():
    """Emphasis, code, links and HTML in foreign text stay literal."""
    a = attrs.evolve(ARTICLE, title="*bold* _x_ `code` [a](b) <b>&amp; # 1.")
    out = render(a, "markdown")
    html_out = MarkdownIt("commonmark").render(out)
    parsed = assert_safe_html(html_out, {"p": set(), "a": {"href"}})
    assert "“*bold* _x_ `code` [a](b) <b>&amp; # 1.”" in "".join(parsed.text)


def test_markdown_block_start_is_escaped():
    """A credit starting with "1." or "#" stays a paragraph."""
    for title in ("1. First", "# Heading", "- item", "+ item"):
        a = attrs.evolve(
            ARTICLE, title="", source_url="", site_name="", license=UNKNOWN
        )
        catalogue = DEFAULT_CATALOGUE.with_messages("en", {"this-work": title})
        out = render(a, "markdown", catalogue=catalogue)
        html_out = MarkdownIt("commonmark").render(out)
        assert html_out.startswith("<p>"), (title, out)


def test_wikitext_article():
    """Wikitext uses [url text] links and <nowiki> for foreign strings."""
    assert (
        f"[{PERMALINK} “<nowiki>Earth</nowiki>”] by [{HISTORY} its authors], from "
        f"<nowiki>Wikipedia</nowiki>, is licensed under [{BY_SA_4.url} "
        "<nowiki>CC BY-SA 4.0</nowiki>]."
    ) == render(ARTICLE, "wikitext")


def test_wikitext_list_mode():
    """List mode in wikitext links registered authors."""
    assert (
        "by [https://en.wikipedia.org/wiki/User:Alice <nowiki>Alice</nowiki>], "
        "[https://en.wikipedia.org/wiki/User:Bob <nowiki>Bob</nowiki>] and 3 "
        "anonymous contributors,"
    ) in render(LISTED, "wikitext")


def test_wikitext_escapes_nowiki_end_tags():
    """A "</nowiki>" inside a foreign string cannot close the nowiki."""
    a = attrs.evolve(ARTICLE, title="x</nowiki>{{evil}}[[y]]")
    out = render(a, "wikitext")
    assert "“<nowiki>x&lt;/nowiki&gt;{{evil}}[[y]]</nowiki>”" in out
    assert_safe_wikitext(out)


def test_wikitext_line_start():
    """A credit that would start a list or indent gets a leading <nowiki/>."""
    a = attrs.evolve(ARTICLE, title="", source_url="", site_name="", license=UNKNOWN)
    for start in (": indented", "; term", "---- rule", " pre"):
        catalogue = DEFAULT_CATALOGUE.with_messages("en", {"this-work": start})
        out = render(a, "wikitext", catalogue=catalogue)
        assert "<nowiki/>" + start + " by" == out[: len(start) + 12]
    catalogue = DEFAULT_CATALOGUE.with_messages("en", {"this-work": "* item"})
    assert render(a, "wikitext", catalogue=catalogue).startswith(
        "<nowiki>* item</nowiki>"
    )


JSON_KEYS = {
    "schema",
    "kind",
    "lang",
    "title",
    "author",
    "source_url",
    "license",
    "modifications",
    "warnings",
    "essential",
    "page_url",
    "site_name",
    "authors",
    "author_mode",
    "history_url",
    "anonymous_authors",
    "more_authors",
    "credit_line",
    "source_credit",
    "alternatives",
    "copyright_notice",
    "modified_by",
    "revid",
    "timestamp",
    "accessed",
    "required",
    "restrictions",
    "reusable",
}
LICENSE_KEYS = {"id", "name", "short_name", "url", "kind", "version"}


def test_json_keys_are_pinned():
    """The JSON has the documented keys, the rendered text, sorted and non-ASCII."""
    a = attrs.evolve(ARTICLE, accessed=date(2026, 11, 27), alternatives=(GFDL,))
    out = render(a, "json")
    data = json.loads(out)
    assert JSON_KEYS | {"text"} == set(data)
    assert JSON_KEYS == set(to_dict(a))
    assert LICENSE_KEYS == set(data["license"])
    assert LICENSE_KEYS == set(data["alternatives"][0])
    assert {"title", "link", "license", "credit"} == set(data["essential"])
    assert {"title", "url"} == set(data["essential"]["license"])
    assert render(a, "text") == data["text"]
    assert "“Earth”" in out
    assert canonical(data) == out
    assert a.to_json() == out


def test_json_values_for_an_article():
    """TASL values, the essential block and the rest of the record."""
    a = attrs.evolve(ARTICLE, modifications=("", "cropped"), modified_by="Jane")
    data = to_dict(attrs.evolve(a, accessed=date(2026, 11, 27)))
    assert ATTRIBUTION_SCHEMA == data["schema"] == "wikireuse.attribution/1"
    assert ("Earth", PERMALINK, "") == (
        data["title"],
        data["source_url"],
        data["author"],
    )
    assert {
        "id": "CC-BY-SA-4.0",
        "name": BY_SA_4.name,
        "short_name": "CC BY-SA 4.0",
        "url": BY_SA_4.url,
        "kind": "license",
        "version": "4.0",
    } == data["license"]
    assert {
        "title": "Earth",
        "link": PERMALINK,
        "license": {"title": BY_SA_4.name, "url": BY_SA_4.url},
        "credit": None,
    } == data["essential"]
    assert ["", "cropped"] == data["modifications"]
    assert "Jane" == data["modified_by"]
    assert ("2024-01-01T12:00:00Z", "2026-11-27", 1234) == (
        data["timestamp"],
        data["accessed"],
        data["revid"],
    )
    assert ("history", HISTORY) == (data["author_mode"], data["history_url"])
    assert (True, True) == (data["required"], data["reusable"])


def test_json_values_for_a_file():
    """A file's credit line is the author and the essential credit."""
    data = to_dict(MEDIA)
    assert "Photo: Jane Roe / ACME" == data["author"] == data["essential"]["credit"]
    assert {
        "text": "Photo: Jane Roe / ACME",
        "segments": [
            {"text": "Photo: ", "url": None},
            {"text": "Jane Roe", "url": "https://commons.wikimedia.org/wiki/User:Jane"},
            {"text": " / ACME", "url": None},
        ],
    } == data["credit_line"]
    assert [
        {"text": "Raw Artist", "segments": [{"text": "Raw Artist", "url": None}]}
    ] == (data["authors"])
    assert "Own work" == data["source_credit"]["text"]
    assert (None, None) == (data["timestamp"], data["accessed"])


def test_json_list_mode_author_names():
    """In list mode the author field names the registered authors."""
    data = to_dict(LISTED)
    assert ("Alice, Bob", 3) == (data["author"], data["anonymous_authors"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_for_every_language(fmt):
    """Every format works in every shipped language."""
    for lang in DEFAULT_CATALOGUE.languages:
        a = attrs.evolve(LISTED, lang=lang, accessed=date(2026, 5, 1))
        out = render(a, fmt)
        assert DEFAULT_CATALOGUE.format_date(lang, date(2026, 5, 1)) in out


def test_unknown_format_and_language():
    """An unknown format or language is a ConfigurationError."""
    with pytest.raises(ConfigurationError, match="unknown attribution format 'pdf'"):
        render(ARTICLE, "pdf")
    with pytest.raises(ConfigurationError, match="no messages for language 'pt'"):
        render(attrs.evolve(ARTICLE, lang="pt"), "text")
    with pytest.raises(ConfigurationError, match="no messages for language 'pt'"):
        attrs.evolve(ARTICLE, lang="pt").to_json()


def test_attribution_methods_delegate():
    """str(), to_* and the notebook reprs give the rendered formats."""
    assert render(ARTICLE, "text") == str(ARTICLE) == ARTICLE.to_text()
    assert render(ARTICLE, "html") == ARTICLE._repr_html_() == ARTICLE.to_html()
    assert (
        render(ARTICLE, "markdown")
        == ARTICLE._repr_markdown_()
        == ARTICLE.to_markdown()
    )
    assert render(ARTICLE, "wikitext") == ARTICLE.to_wikitext()
    assert to_dict(ARTICLE) == ARTICLE.to_dict()


def test_unsafe_urls_are_not_links():
    """javascript:, data: and relative URLs leave their text plain in every format."""
    a = attrs.evolve(
        MEDIA,
        source_url="javascript:alert(1)",
        credit_line=Byline(
            segments=(
                Segment(text="Jane", url="data:text/html,<script>alert(1)</script>"),
                Segment(text=" and "),
                Segment(text="Joe", url="/wiki/User:Joe"),
            )
        ),
        license=attrs.evolve(BY_SA_3, url="vbscript:x"),
    )
    assert (
        "“Foobar”, credit: Jane and Joe, from Wikimedia Commons, is licensed under "
        "CC BY-SA 3.0."
    ) == text_of(a)
    assert [] == [t for t, _ in parse_html(render(a, "html")).tags if t == "a"]
    assert "](" not in render(a, "markdown")
    assert "[" not in render(a, "wikitext")


def test_licence_without_a_name():
    """A licence with a URL but no name shows the URL; with neither, "unknown"."""
    nameless = attrs.evolve(BY_SA_4, id="", name="", short_name="")
    a = attrs.evolve(ARTICLE, license=nameless)
    assert (
        '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">'
        "https://creativecommons.org/licenses/by-sa/4.0/</a>"
    ) in render(a, "html")
    bare = attrs.evolve(ARTICLE, license=attrs.evolve(nameless, url=""))
    assert text_of(bare).endswith("from Wikipedia, is under an unknown licence.")


def test_wikitext_url_tildes_are_encoded():
    """Tildes in a link URL cannot become a signature when the page is saved."""
    a = attrs.evolve(ARTICLE, source_url="https://example.org/~~~~")
    assert "[https://example.org/%7E%7E%7E%7E " in render(a, "wikitext")


def test_control_characters_do_not_break_the_line():
    """Line breaks in foreign text become spaces: a credit is one line."""
    a = attrs.evolve(ARTICLE, title="Line\none\r\n# two\u2028three")
    for fmt in ("text", "html", "markdown", "wikitext"):
        assert "\n" not in render(a, fmt)
        assert "\u2028" not in render(a, fmt)


# -- hostile input ----------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    '" onerror="alert(1)',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<b>x</b>",
    "<a href=javascript:alert(1)",
    "<img src=x onerror=alert(1)>",
    "</nowiki>",
    "<nowiki>",
    "[x](javascript:alert(1))",
    "![i](https://evil.example/x.png)",
    "<https://evil.example>",
    "{{subst:evil}}",
    "[[Category:X]]",
    "''",
    "~~~~",
    "&lt;script&gt;",
    "&#106;avascript:",
    "*",
    "_",
    "`",
    "\\",
    "]",
    ")",
    "\n",
    "|",
    "https://ok.example/a b\"c'd<e>f",
    "https://user:pw@evil.example/",
    "//evil.example/x",
    "$x$",
]

hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=4
).map("".join)
urls = st.one_of(
    hostile_text,
    st.sampled_from(["https://example.org/x", "http://example.org/y?a=1&b=2"]),
    hostile_text.map(lambda s: "https://example.org/" + s),
)
maybe_url = st.one_of(st.none(), urls)
bylines = st.lists(
    st.builds(Segment, text=hostile_text, url=maybe_url), min_size=1, max_size=3
).map(lambda segs: Byline(segments=tuple(segs)))
notices = st.builds(
    LicenseNotice,
    id=hostile_text,
    name=hostile_text,
    short_name=hostile_text,
    url=urls,
    kind=st.sampled_from(["license", "waiver", "public-domain", "unknown"]),
    version=st.one_of(st.none(), hostile_text),
)
attributions = st.builds(
    Attribution,
    kind=st.sampled_from(["article", "media", "entity", "work"]),
    title=hostile_text,
    source_url=urls,
    page_url=urls,
    site_name=hostile_text,
    authors=st.lists(bylines, max_size=3).map(tuple),
    author_mode=st.sampled_from(["history", "list"]),
    history_url=urls,
    anonymous_authors=st.integers(min_value=0, max_value=5000),
    more_authors=st.integers(min_value=0, max_value=3),
    credit_line=st.one_of(st.none(), bylines),
    source_credit=st.one_of(st.none(), bylines),
    license=notices,
    alternatives=st.lists(notices, max_size=2).map(tuple),
    copyright_notice=hostile_text,
    modifications=st.lists(hostile_text, max_size=3).map(tuple),
    modified_by=hostile_text,
    revid=st.one_of(st.none(), st.integers(min_value=1)),
    accessed=st.one_of(st.none(), st.dates()),
    lang=st.sampled_from(DEFAULT_CATALOGUE.languages),
    required=st.booleans(),
    restrictions=st.lists(hostile_text, max_size=2).map(tuple),
    warnings=st.lists(hostile_text, max_size=2).map(tuple),
)


def assert_safe_markdown(out: str) -> None:
    """An attribution's Markdown: no raw HTML, only paragraphs and http(s) links."""
    markup.assert_safe_markdown(out, markup.MARKDOWN_CREDIT_HTML)


@given(attributions)
def test_hostile_strings_never_become_active_markup(a):
    """Whatever the strings, HTML/Markdown/wikitext carry no active markup."""
    assert_safe_html(render(a, "html"), HTML_ALLOWED)
    assert_safe_markdown(render(a, "markdown"))
    assert_safe_wikitext(render(a, "wikitext"))
    text = render(a, "text")
    assert "\n" not in text
    data = json.loads(render(a, "json"))
    assert text == data["text"]
    assert list(a.warnings) == data["warnings"]


# Why a hostile attribution may be refused a reuse notice or a copy summary.
STYLE_REFUSALS = re.compile(
    r"is for articles|needs the page title|licence is unknown|has no site_name"
    r"|not a valid page title"
)


def render_style(a: Attribution, fmt: str, style: str) -> str | None:
    """*a* in *style*, or None when it is refused for a documented reason."""
    try:
        return render(a, fmt, style=style)
    except ConfigurationError as exc:
        refusal = exc.message
    assert STYLE_REFUSALS.search(refusal), refusal
    if "valid page title" in refusal:
        assert ("wikitext", "copy-summary") == (fmt, style)
    return None


def assert_safe_summary(out: str, title: str) -> None:
    """An edit summary: one wikilink to the title, nothing else active."""
    target = clean_foreign(title)
    target = ":" + target if ":" in target else target
    assert 1 == out.count("[[") == out.count("]]"), out
    assert f"[[{target}]]" in out, out
    assert not re.search(r"[<>{}|\n]|~~~", out), out


@given(attributions.map(lambda a: attrs.evolve(a, kind="article")))
def test_hostile_strings_in_the_other_styles_stay_inert(a):
    """Reuse notices and copy summaries of hostile articles carry no markup."""
    for style in ("reuse-notice", "copy-summary"):
        html_out = render_style(a, "html", style)
        if html_out is not None:
            assert_safe_html(html_out, HTML_ALLOWED)
            md_out = render_style(a, "markdown", style)
            assert md_out is not None
            assert_safe_markdown(md_out)
            text = render_style(a, "text", style)
            assert text is not None
            assert "\n" not in text
        wiki = render_style(a, "wikitext", style)
        if wiki is None:
            continue
        if style == "copy-summary":
            assert_safe_summary(wiki, a.title)
        else:
            assert_safe_wikitext(wiki)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_each_hostile_string_in_every_field(hostile):
    """Each hostile sample in every string field at once: still inert."""
    byline = Byline(segments=(Segment(text=hostile, url=hostile),))
    notice = LicenseNotice(
        id=hostile, name=hostile, short_name=hostile, url=hostile, kind="license"
    )
    a = Attribution(
        kind="media",
        title=hostile,
        source_url=hostile,
        page_url=hostile,
        site_name=hostile,
        authors=(byline, byline),
        author_mode="list",
        history_url=hostile,
        anonymous_authors=2,
        credit_line=None,
        source_credit=byline,
        license=notice,
        alternatives=(notice,),
        copyright_notice=hostile,
        modifications=(hostile, ""),
        modified_by=hostile,
        restrictions=(hostile,),
        warnings=(hostile,),
    )
    for variant in (a, attrs.evolve(a, credit_line=byline, lang="fr")):
        assert_safe_html(render(variant, "html"), HTML_ALLOWED)
        assert_safe_markdown(render(variant, "markdown"))
        assert_safe_wikitext(render(variant, "wikitext"))
    # As an article (a title of blanks is refused, hence "x" around it).
    article = attrs.evolve(a, kind="article", title=f"x{hostile}x")
    assert_safe_html(render(article, "html", style="copy-summary"), HTML_ALLOWED)
    assert_safe_markdown(render(article, "markdown", style="copy-summary"))
    summary = render_style(article, "wikitext", "copy-summary")
    if summary is not None:
        assert_safe_summary(summary, article.title)
    # A blank licence name or site name is refused a notice, checked above.
    notice = render_style(article, "html", "reuse-notice")
    if notice is not None:
        assert_safe_html(notice, HTML_ALLOWED)
        assert_safe_markdown(render(article, "markdown", style="reuse-notice"))
        assert_safe_wikitext(render(article, "wikitext", style="reuse-notice"))


# -- red-team regressions: bidi controls, lone surrogates, bad arguments -----------

_OPENERS = "\u202a\u202b\u202d\u202e\u2066\u2067\u2068"
_CLOSERS = "\u202c\u2069"


def _bidi_balanced(text: str) -> bool:
    """Every embedding/override/isolate opened in *text* is closed, in order."""
    stack: list[str] = []
    for ch in text:
        if ch in _OPENERS:
            stack.append(ch)
        elif ch == "\u202c":
            if not stack or stack[-1] in "\u2066\u2067\u2068":
                return False
            stack.pop()
        elif ch == "\u2069":
            if not any(c in "\u2066\u2067\u2068" for c in stack):
                return False
            while stack.pop() not in "\u2066\u2067\u2068":
                pass
    return not stack


def test_right_to_left_override_in_a_name_cannot_reverse_the_licence():
    """An unclosed RLO in an author name is closed before the licence notice."""
    a = attrs.evolve(
        LISTED,
        authors=(Byline.plain("\u202eBob", "https://en.wikipedia.org/wiki/User:B"),),
        title="\u2067Earth",
        modifications=("cut\u202b",),
    )
    for fmt in ("text", "html", "markdown", "wikitext", "json"):
        out = render(a, fmt)
        assert _bidi_balanced(json.loads(out)["text"] if fmt == "json" else out)
    assert "\u202eBob\u202c (https://en.wikipedia.org/wiki/User:B)" in text_of(a)


def test_stray_bidi_closers_in_foreign_text_are_dropped():
    """A PDF or PDI that closes nothing of its own string is left out."""
    a = attrs.evolve(ARTICLE, title="Ea\u202crth\u2069")
    assert "“Earth”" in text_of(a)


@given(
    st.text(
        alphabet=st.sampled_from(
            "ab \u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        )
    )
)
def test_any_bidi_sequence_in_a_title_is_balanced(title):
    """Whatever bidi controls a title holds, the credit closes each one."""
    a = attrs.evolve(ARTICLE, title=title)
    for fmt in ("text", "html", "markdown", "wikitext"):
        assert _bidi_balanced(render(a, fmt))


def test_lone_surrogates_never_reach_the_output():
    """A lone surrogate (valid JSON escape) cannot make a credit unwritable."""
    bad = "A\ud800B"
    a = attrs.evolve(
        LISTED,
        title=bad,
        authors=(Byline.plain(bad, "https://example.org/\udfff"),),
        source_url="https://example.org/\ud800",
        copyright_notice=bad,
    )
    for fmt in ("text", "html", "markdown", "wikitext", "json"):
        out = render(a, fmt)
        out.encode("utf-8")  # raises UnicodeEncodeError on a surrogate
    assert "“A\ufffdB”" in text_of(a)
    assert "example.org" not in text_of(a)  # such a URL is no link
    assert bad == json.loads(render(a, "json"))["title"]


def test_render_needs_a_catalogue():
    """A catalogue that is not a Catalogue is a ConfigurationError."""
    with pytest.raises(ConfigurationError, match="Catalogue"):
        render(ARTICLE, "text", catalogue="en")  # type: ignore[arg-type]


def test_empty_author_list_falls_back_to_the_history_link():
    """List mode with nobody listed links the history, never 'unknown author'."""
    a = attrs.evolve(LISTED, authors=(), anonymous_authors=0)
    assert f"by its authors ({HISTORY})," in text_of(a)
    assert "unknown" not in text_of(a)


# -- other styles: the reuse notice and the copy summary ---------------------------

LICENCE = "https://creativecommons.org/licenses/by-sa/4.0/"


def test_reuse_notice_english_exact():
    """The example notice, word for word, in each format (R8)."""
    assert (
        'This article uses material from the Wikipedia article "Earth" '
        f"({PERMALINK}), which is released under the Creative Commons "
        f"Attribution-Share-Alike License 4.0 ({LICENCE})."
    ) == render(ARTICLE, "text", style="reuse-notice")
    assert (
        '<span class="wikireuse-attribution" lang="en">This article uses '
        "material from the Wikipedia article "
        '<a href="https://en.wikipedia.org/w/index.php?title=Earth&amp;oldid=1234">'
        '"Earth"</a>, which is released under the '
        f'<a href="{LICENCE}" rel="license">Creative Commons '
        "Attribution-Share-Alike License 4.0</a>.</span>"
    ) == render(ARTICLE, "html", style="reuse-notice")
    assert (
        "This article uses material from the Wikipedia article "
        f'["Earth"](<{PERMALINK}>), which is released under the '
        "[Creative Commons Attribution-Share-Alike License 4.0]"
        f"(<{LICENCE}>)."
    ) == render(ARTICLE, "markdown", style="reuse-notice")
    assert (
        "This article uses material from the <nowiki>Wikipedia</nowiki> article "
        f'[{PERMALINK} "<nowiki>Earth</nowiki>"], which is released under the '
        f"[{LICENCE} Creative Commons Attribution-Share-Alike License 4.0]."
    ) == render(ARTICLE, "wikitext", style="reuse-notice")


def test_reuse_notice_plain_words_are_the_r8_sentence():
    """Without its URLs, the text is exactly the Wikipedia:REUSE notice."""
    old = attrs.evolve(ARTICLE, license=BY_SA_3, source_url="", title="Foo (bar)")
    assert (
        'This article uses material from the Wikipedia article "Foo (bar)", '
        "which is released under the Creative Commons Attribution-Share-Alike "
        "License 3.0 (https://creativecommons.org/licenses/by-sa/3.0/)."
    ) == render(old, "text", style="reuse-notice")


@pytest.mark.parametrize(
    ("notice", "named"),
    [
        (BY_4, "Creative Commons Attribution 4.0 International"),
        (GFDL, "GNU Free Documentation License v1.3 or later"),
        # A CC BY-SA notice without a usable version is named in full.
        (
            attrs.evolve(BY_SA_4, version=None),
            "Creative Commons Attribution-ShareAlike 4.0 International",
        ),
        (
            attrs.evolve(BY_SA_4, version="4.0<b>"),
            "Creative Commons Attribution-ShareAlike 4.0 International",
        ),
    ],
)
def test_reuse_notice_names_other_licences_in_full(notice, named):
    """A licence other than a versioned CC BY-SA is named by its full name."""
    a = attrs.evolve(ARTICLE, license=notice)
    assert (
        f"which is released under the {named} ({notice.url})."
        == render(a, "text", style="reuse-notice").split(", ", 1)[1]
    )
    links = parse_html(render(a, "html", style="reuse-notice")).tags
    assert ("a", {"href": notice.url, "rel": "license"}) == links[-1]


def test_reuse_notice_uses_the_site_name():
    """The site is the attribution's site_name, not a fixed "Wikipedia"."""
    a = attrs.evolve(ARTICLE, site_name="Wikinews")
    assert render(a, "text", style="reuse-notice").startswith(
        'This article uses material from the Wikinews article "Earth"'
    )


def test_copy_summary_english_exact():
    """The Copying-within-Wikipedia summary: a wikilink, else the permalink (R7)."""
    words = "; see that page's history for attribution"
    assert f"Copied content from [[Earth]]{words}" == render(
        ARTICLE, "wikitext", style="copy-summary"
    )
    assert f"Copied content from Earth ({PERMALINK}){words}" == render(
        ARTICLE, "text", style="copy-summary"
    )
    assert f"Copied content from [Earth](<{PERMALINK}>){words}" == render(
        ARTICLE, "markdown", style="copy-summary"
    )
    assert (
        '<span class="wikireuse-attribution" lang="en">Copied content from '
        '<a href="https://en.wikipedia.org/w/index.php?title=Earth&amp;oldid=1234">'
        "Earth</a>; see that page's history for attribution</span>"
    ) == render(ARTICLE, "html", style="copy-summary")


def test_copy_summary_links_namespaced_pages_with_a_colon():
    """A Category: or File: page is linked ([[:...]]), never embedded."""
    a = attrs.evolve(ARTICLE, title="Category:Rock 'n' roll")
    assert render(a, "wikitext", style="copy-summary").startswith(
        "Copied content from [[:Category:Rock 'n' roll]]; "
    )


@pytest.mark.parametrize(
    "title",
    [
        "A[[B]]",
        "A]]B",
        "A|B",
        "{{subst:x}}",
        "<b>x</b>",
        "A#B",
        "Sig ~~~~",
        ":Lead",
        "A&amp;B",
        "Line\nbreak",
    ],
)
def test_copy_summary_refuses_titles_a_wikilink_cannot_hold(title):
    """A title with wikilink or markup characters is refused in wikitext."""
    a = attrs.evolve(ARTICLE, title=title)
    with pytest.raises(ConfigurationError, match="not a valid page title"):
        render(a, "wikitext", style="copy-summary")
    # The other formats escape it as usual.
    assert_safe_html(render(a, "html", style="copy-summary"), HTML_ALLOWED)
    assert_safe_markdown(render(a, "markdown", style="copy-summary"))


ENGLISH_WORDS = {
    "reuse-notice": ("This article", "uses material", "released under", "Share-Alike"),
    "copy-summary": ("Copied", "content from", "see that", "history"),
}


@pytest.mark.parametrize(
    ("lang", "style", "expected"),
    [
        (
            "de",
            "reuse-notice",
            "Dieser Artikel verwendet Material aus dem Artikel „Earth“ "
            f"({PERMALINK}) aus Wikipedia, der unter der Lizenz Creative Commons "
            "Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 "
            f"({LICENCE}) veröffentlicht ist.",
        ),
        (
            "fr",
            "reuse-notice",
            "Cet article utilise du contenu de l’article «\u00a0Earth\u00a0» "
            f"({PERMALINK}) de Wikipedia, publié sous la licence Creative Commons "
            f"Attribution – Partage dans les mêmes conditions 4.0 ({LICENCE}).",
        ),
        (
            "es",
            "reuse-notice",
            f"Este artículo utiliza material del artículo «Earth» ({PERMALINK}) "
            "de Wikipedia, publicado bajo la licencia Creative Commons "
            f"Atribución-CompartirIgual 4.0 ({LICENCE}).",
        ),
        (
            "de",
            "copy-summary",
            "Inhalt aus [[Earth]] übernommen; die Autoren stehen in der "
            "Versionsgeschichte jener Seite",
        ),
        (
            "fr",
            "copy-summary",
            "Contenu copié depuis [[Earth]]\u00a0; voir l’historique de cette "
            "page pour ses auteurs",
        ),
        (
            "es",
            "copy-summary",
            "Contenido copiado de [[Earth]]; véase el historial de esa página "
            "para la atribución",
        ),
    ],
)
def test_other_styles_in_other_languages(lang, style, expected):
    """de, fr and es have their own sentence, with no English words left."""
    a = attrs.evolve(ARTICLE, lang=lang)
    fmt = "wikitext" if style == "copy-summary" else "text"
    assert expected == render(a, fmt, style=style)
    for fmt in ("text", "html", "markdown", "wikitext"):
        out = render(a, fmt, style=style)
        leftovers = [word for word in ENGLISH_WORDS[style] if word in out]
        assert ([], f'lang="{lang}"' in out or fmt != "html") == (leftovers, True)


@pytest.mark.parametrize("style", ["reuse-notice", "copy-summary"])
@pytest.mark.parametrize("a", [MEDIA, ENTITY, PD_FILE, UNKNOWN_WORK])
def test_other_styles_are_for_articles_only(a, style):
    """A file, an entity or a plain work has no reuse notice or copy summary."""
    for fmt in ("text", "html", "markdown", "wikitext"):
        with pytest.raises(ConfigurationError, match="is for articles"):
            render(a, fmt, style=style)


def test_reuse_notice_refuses_what_it_cannot_claim():
    """No notice for an unknown licence, a missing site name or title."""
    with pytest.raises(ConfigurationError, match="licence is unknown"):
        render(attrs.evolve(ARTICLE, license=UNKNOWN), "text", style="reuse-notice")
    with pytest.raises(ConfigurationError, match="has no site_name"):
        render(attrs.evolve(ARTICLE, site_name=" "), "text", style="reuse-notice")
    for style in ("reuse-notice", "copy-summary"):
        with pytest.raises(ConfigurationError, match="needs the page title"):
            render(attrs.evolve(ARTICLE, title=""), "text", style=style)


def test_style_json_and_unknown_styles_are_refused():
    """The json format takes only the credit style; an unknown style is refused."""
    assert render(ARTICLE, "json") == render(ARTICLE, "json", style="credit")
    for style in ("reuse-notice", "copy-summary"):
        with pytest.raises(ConfigurationError, match="json format"):
            render(ARTICLE, "json", style=style)
    with pytest.raises(ConfigurationError, match="unknown attribution style 'x'"):
        render(ARTICLE, "text", style="x")
    assert ("credit", "reuse-notice", "copy-summary") == STYLES


@pytest.mark.parametrize("style", STYLES)
def test_style_methods_delegate(style):
    """to_text/to_html/to_markdown/to_wikitext pass the style on; credit is default."""
    assert render(ARTICLE, "text", style=style) == ARTICLE.to_text(style=style)
    assert render(ARTICLE, "html", style=style) == ARTICLE.to_html(style=style)
    assert render(ARTICLE, "markdown", style=style) == ARTICLE.to_markdown(style=style)
    assert render(ARTICLE, "wikitext", style=style) == ARTICLE.to_wikitext(style=style)
    assert ARTICLE.render("text", style=style) == render(ARTICLE, "text", style=style)
    assert render(ARTICLE, "text") == ARTICLE.render("text", style="credit")

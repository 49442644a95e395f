"""The extmetadata HTML reader: clean text, absolute and safe links."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SHARED_DATA, require_shared
from wikireuse.records._html import LinkBase, read_html, safe_url

COMMONS = LinkBase.from_page_url("https://commons.wikimedia.org/wiki/File:X.jpg")
DEWIKI = LinkBase.from_page_url("https://de.wikipedia.org/wiki/Datei:X.jpg")
RECORDS = SHARED_DATA / "commons-extmetadata"


def extmetadata(name: str) -> dict[str, Any]:
    """The extmetadata of the first file in a recorded response."""
    path: Path = RECORDS / name
    require_shared(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    if "query" in data:
        pages = data["query"]["pages"]
        page = next(iter(pages.values())) if isinstance(pages, dict) else pages[0]
    else:
        page = data
    info = page.get("imageinfo") or page.get("videoinfo")
    result: dict[str, Any] = info[0]["extmetadata"]
    return result


# --- LinkBase -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_url", "prefix"),
    [
        (
            "https://commons.wikimedia.org/wiki/File:A.jpg",
            "https://commons.wikimedia.org/wiki/",
        ),
        ("http://127.0.0.1:8080/wiki/File:A.png", "http://127.0.0.1:8080/wiki/"),
        ("http://w.test/index.php?title=File:A.png", "http://w.test/index.php?title="),
        ("https://w.test", "https://w.test/wiki/"),
    ],
)
def test_link_base_article_prefix(page_url: str, prefix: str) -> None:
    """The article prefix is read off a page URL of the wiki."""
    assert prefix == LinkBase.from_page_url(page_url).article_prefix


# --- real Commons fields --------------------------------------------------------


def test_apple_lisa_artist() -> None:
    """The Apple Lisa author reads as 'Rama & Musée Bolo' with Rama's user page."""
    html = extmetadata("commons_Apple_Lisa2-IMG_1517.jpg_cc-by-sa-2.0-fr.json")[
        "Artist"
    ]["value"]
    found = read_html(html, COMMONS)
    assert "Rama & Musée Bolo" == found.text
    assert (("Rama", "https://commons.wikimedia.org/wiki/User:Rama"),) == found.links


def test_red_link_becomes_the_user_page() -> None:
    """A red link to an edit form becomes the user page URL on the same wiki."""
    html = extmetadata("commons_Helene_Fischer_2010.jpg_cc-by-sa-3.0.json")["Artist"][
        "value"
    ]
    found = read_html(html, COMMONS)
    assert "Fleyx24" == found.text
    assert (
        ("Fleyx24", "https://commons.wikimedia.org/wiki/User:Fleyx24"),
    ) == found.links


def test_talk_links_and_their_brackets_are_dropped() -> None:
    """'(talk)' links after a signature leave neither the word nor the brackets."""
    html = extmetadata(
        "commons_Collage_of_Nine_Dogs.jpg_cc-by-sa-3.0_multi-author.json"
    )["Artist"]["value"]
    found = read_html(html, COMMONS)
    lines = found.text.split("\n")
    assert 11 == len(lines)
    assert "derivative work: December21st2012Freak" == lines[-1]
    assert "talk" not in found.text
    assert not any("talk" in url.lower() for _, url in found.links)
    assert ("Ed Garcia", "https://www.flickr.com/people/65609660@N00") in found.links
    assert ("ALMM", "https://commons.wikimedia.org/wiki/User:ALMM") in found.links


def test_hidden_quickstatements_data_is_dropped() -> None:
    """The display:none 'QS:' data of a date and a title never reaches the text."""
    fields = extmetadata(
        "commons_Edvard_Munch_-_Night_in_Nice_1891.jpg_pd-art.page.json"
    )
    assert "1891" == read_html(fields["DateTimeOriginal"]["value"], COMMONS).text
    assert "Night in Nice" == read_html(fields["ObjectName"]["value"], COMMONS).text


def test_own_work_class_is_reported() -> None:
    """The 'Own work' marker is visible as the int-own-work class."""
    found = read_html(
        extmetadata("commons_Foobar.jpg_cc0.json")["Credit"]["value"], COMMONS
    )
    assert "Own work" == found.text
    assert "int-own-work" in found.classes


def test_site_relative_links_resolve_on_the_files_own_wiki() -> None:
    """A dewiki local file's links point at de.wikipedia.org, not at Commons."""
    fields = extmetadata(
        "dewiki_local_1_FC_Bamberg_-_1_FC_Nuernberg_1901.jpg_pd-alt-100.json"
    )
    found = read_html("<a href='/wiki/Benutzer:Xy'>Xy</a>", DEWIKI)
    assert (("Xy", "https://de.wikipedia.org/wiki/Benutzer:Xy"),) == found.links
    usage = read_html(fields["UsageTerms"]["value"], DEWIKI)
    assert (
        "gemeinfrei",
        "https://de.wikipedia.org/wiki/Gemeinfreiheit",
    ) in usage.links
    assert "unbekannt" == read_html(fields["Artist"]["value"], DEWIKI).text


# --- MediaViewer-style vectors ------------------------------------------------


def test_table_cells_become_words_and_hidden_cells_vanish() -> None:
    """Table cells are separated by spaces and a display:none cell is dropped."""
    html = (
        "<table><tr><td>Foo</td><td><a>bar</a></td>"
        '<td style="display: none">baz</td></tr></table>'
    )
    found = read_html(html)
    assert "Foo bar" == found.text
    assert () == found.links


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("a<br>b", "a\nb"),
        ("<p>one</p><p>two</p>", "one\ntwo"),
        ("<ul><li>x</li>\n<li>y</li></ul>", "x\ny"),
        ("  lots   of \t space\xa0here ", "lots of space here"),
        ("A&nbsp;&amp;&#32;B &lt;tag&gt;", "A & B <tag>"),
        ("x<span hidden>secret</span>y", "xy"),
        ("x<SPAN STYLE='DISPLAY :NONE'>secret</SPAN>y", "xy"),
        ("x<style>.a{}</style><script>alert(1)</script>y", "xy"),
        ("<b>bold</b> <i>it</i>", "bold it"),
        # Stray end tags close nothing and, as in a browser, are ignored.
        ("stray</span></div> end", "stray end"),
        ("", ""),
        ("call f() here", "call f() here"),
    ],
)
def test_text_forms(html: str, text: str) -> None:
    """Block elements break lines, inline ones do not, whitespace collapses."""
    assert text == read_html(html).text


def test_vcard_is_flattened_to_the_creator_name() -> None:
    """A {{Creator}} box reads as the creator's name only."""
    html = (
        '<div class="vcard"><table><tr><td><span class="fn" id="creator">'
        '<a href="/wiki/Creator:Edvard_Munch">Edvard Munch</a></span></td></tr>'
        "<tr><td>Norwegian painter, 1863-1944</td></tr></table></div>"
    )
    found = read_html(html, COMMONS)
    assert "Edvard Munch" == found.text
    assert (
        ("Edvard Munch", "https://commons.wikimedia.org/wiki/Creator:Edvard_Munch"),
    ) == found.links


# --- links ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "url"),
    [
        (
            "//commons.wikimedia.org/wiki/User:A",
            "https://commons.wikimedia.org/wiki/User:A",
        ),
        ("/wiki/User:A", "https://commons.wikimedia.org/wiki/User:A"),
        (
            "/w/index.php?title=User:A_B&action=edit&redlink=1",
            "https://commons.wikimedia.org/wiki/User:A_B",
        ),
        (
            "//de.wikipedia.org/w/index.php?title=Benutzer:A&action=edit&redlink=1",
            "https://de.wikipedia.org/w/index.php?title=Benutzer:A&action=edit&redlink=1",
        ),
        ("HTTP://Example.org/a b", "http://Example.org/a%20b"),
        ("https://www.flickr.com/people/x/", "https://www.flickr.com/people/x/"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("  java\tscript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("mailto:someone@example.org", None),
        ("#cite_note-1", None),
        ("", None),
        ("relative/path", None),
        ("User:A", None),  # a URL of scheme "user:" to a browser
        ("./User:A", "https://commons.wikimedia.org/wiki/User:A"),
        (
            "../w/index.php?title=User:A&action=edit&redlink=1",
            "https://commons.wikimedia.org/wiki/User:A",
        ),
        ("https://commons.wikimedia.org@evil.example/", None),
        ("https://user:secret@example.org/", None),
        ("https://", None),
        ("http://[::1", None),
    ],
)
def test_safe_url(href: str, url: str | None) -> None:
    """Only absolute http(s) URLs with a host come out; the rest is dropped."""
    assert url == safe_url(href, COMMONS)


def test_without_a_base_site_relative_links_are_dropped() -> None:
    """With no wiki to resolve against, /wiki/ and ./ links are text only."""
    found = read_html(
        '<a href="/wiki/User:A">A</a> and <a href="./User:C">C</a> and '
        '<a href="//x.org/b">B</a>'
    )
    assert "A and C and B" == found.text
    assert (("B", "https://x.org/b"),) == found.links


@pytest.mark.parametrize(
    "style", ["visibility:hidden", "VISIBILITY : collapse", "display: none;"]
)
def test_invisible_styles_hide_text_and_links(style: str) -> None:
    """Text a reader cannot see is neither in the text nor among the links."""
    found = read_html(
        f'Ann<span style="color:red; {style}"> <a href="/wiki/User:B">B</a></span>',
        COMMONS,
    )
    assert ("Ann", ()) == (found.text, found.links)


def test_malformed_attribute_quoting_leaks_no_markup() -> None:
    """Issue #11: a tag the old reader could not tokenise came out as its text.

    The standard library's tokeniser gave up on ``href=''0='`` and returned
    the whole start tag, ``<a href=''0=' onclick="x">``, as "clean" text; a
    real HTML parser reads it as the element it is.
    """
    found = read_html("<a href=''0=' onclick=\"x\"></a>", COMMONS)
    assert "" == found.text
    assert () == found.links
    # The quote opened after "0=" runs to the end: all of it is the tag.
    assert "Ann" == read_html("Ann <a href=''0=' onclick=\"x\">B</a> C").text
    found = read_html("Ann <a href=''0=' onclick=\"x\"'>B</a> C", COMMONS)
    assert "Ann B C" == found.text


def test_entity_encoded_javascript_is_dropped() -> None:
    """A javascript: href hidden behind character references is still refused."""
    found = read_html('<a href="&#106;avascript&#58;alert(1)">x</a>', COMMONS)
    assert "x" == found.text
    assert () == found.links


# --- properties -----------------------------------------------------------------

MARKER = "zqxMARKERqxz"
_hostile_href = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "javascript:alert(1)",
            " JAVASCRIPT:alert(1)",
            "java\tscript:x",
            "&#106;avascript:x",
            "&#x6A;avascript:x",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:x",
            "//evil.example/x",
            "/wiki/User:A",
            "https://ok.example/",
            "\x00javascript:x",
            "https://ok.example@evil.example/",
            "jav&#x09;ascript:x",
        ]
    ),
)
_plain = st.text(
    alphabet=st.characters(blacklist_characters="<>&\"'", blacklist_categories=("Cs",)),
    max_size=20,
)


@st.composite
def hostile_html(draw: st.DrawFn) -> str:
    """Artist-like HTML with scripts, hidden parts and hostile links mixed in."""
    pieces = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        kind = draw(st.integers(min_value=0, max_value=7))
        text = draw(_plain)
        # Escaped for both quotes: a quote of the href's own would end the
        # attribute, and a browser would then show the rest as text.
        href = draw(_hostile_href).replace('"', "&quot;").replace("'", "&#39;")
        if kind == 0:
            pieces.append(text)
        elif kind == 1:
            pieces.append(f'<a href="{href}">{text}</a>')
        elif kind == 2:
            pieces.append(f"<script>{MARKER}{text}</script>")
        elif kind == 3:
            pieces.append(f"<style>{MARKER}</style>")
        elif kind == 4:
            hide = draw(st.sampled_from(["display:none", "visibility:hidden"]))
            pieces.append(f'<span style="{hide}">{MARKER}<b>{text}</b></span>')
        elif kind == 5:
            pieces.append(f"<a href='{href}' onclick=\"{MARKER}\">{text}</a>")
        elif kind == 6:
            pieces.append(f'<img src="x" onerror="{MARKER}">')
        else:
            pieces.append(
                f"<div hidden><a href='https://ok.example/'>{MARKER}</a></div>"
            )
    return "".join(pieces)


@given(hostile_html())
def test_hostile_html_never_leaks_scripts_or_unsafe_links(html: str) -> None:
    """No script, hidden text or attribute reaches the text, and links are http(s)."""
    found = read_html(html, COMMONS)
    assert MARKER not in found.text
    for text, url in found.links:
        assert MARKER not in text
        parts = urlsplit(url)
        assert parts.scheme in {"http", "https"}
        assert parts.hostname
        assert parts.username is None
        assert not any(c in url for c in " <>\"'\\\n\t")


@given(st.text(max_size=200))
def test_any_text_reads_without_error(html: str) -> None:
    """Arbitrary input never raises and never yields a non-http(s) link."""
    found = read_html(html, COMMONS)
    assert all(urlsplit(url).scheme in {"http", "https"} for _, url in found.links)
    assert found.text == found.text.strip()

"""MediaWiki title normalisation, database keys and URL parsing (pure, offline)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from wikireuse.exceptions import ConfigurationError, InvalidTitleError
from wikireuse.records._values import SiteInfo
from wikireuse.titles import (
    DEFAULT_NAMESPACES,
    Namespaces,
    PageRef,
    ParsedTitle,
    from_dbkey,
    normalise,
    parse_title,
    title_from_url,
    to_dbkey,
)

SITE = SiteInfo(
    sitename="W",
    lang="en",
    server="//w.test",
    server_url="https://w.test",
    articlepath="/wiki/$1",
    script_path="/w",
)

# Letters, digits, punctuation a title may hold, the characters MediaWiki
# treats specially (spaces of all kinds, underscores, bidi marks, ":", "&",
# "#") and some whose upper case is special (ß, ǆ, ŉ, ﬁ).
_ALPHABET = st.sampled_from(
    [
        *"abcXYZ019 _:.-/'(),&;#%~",
        *("\u00a0", "\u3000", "\u2028", "\u200e", "\u202b", "\u00df", "\u01c6"),
        *("\u0149", "\ufb01", "\u00e9", "e\u0301", "\u0130", "\u03c9", "\u1fb3"),
        *("Talk:", "user:", "Image:", "&amp;", "&#65;", "Category:"),
    ]
)
raw_titles = st.lists(_ALPHABET, max_size=20).map("".join)
any_text = st.text(max_size=40)


def valid(title: str) -> str:
    """normalise(title), skipping the example if the title is invalid."""
    try:
        return normalise(title)
    except InvalidTitleError:
        assume(False)
        raise  # unreachable: assume(False) raises


# --- properties -------------------------------------------------------------------


@given(raw_titles | any_text)
@example("ß")
@example("\u1fb3x")
@example("user_talk:bob")
@example("a&amp;amp;b")
def test_normalise_is_idempotent(title: str) -> None:
    """Normalising a normal title changes nothing."""
    once = valid(title)

    assert once == normalise(once)


@given(raw_titles | any_text)
def test_normal_titles_have_no_underscores_or_edge_spaces(title: str) -> None:
    """A normal title has spaces, not underscores, and none at either end."""
    once = valid(title)

    assert ("_" not in once, once == once.strip(" "), "  " not in once) == (
        True,
        True,
        True,
    )


@given(raw_titles | any_text)
def test_normal_titles_start_upper_case(title: str) -> None:
    """In first-letter namespaces the title after the prefix starts upper case."""
    valid(title)
    first = parse_title(title).text[0]

    # Compared with the first character of its upper case: "ŉ" upper-cases
    # to "ʼN", whose first character has no case of its own.
    assert first.upper()[0] == first


@given(raw_titles | any_text)
def test_dbkey_round_trip(title: str) -> None:
    """from_dbkey(to_dbkey(t)) is normalise(t), and to_dbkey is stable."""
    normal = valid(title)
    key = to_dbkey(title)

    assert (normal, key) == (from_dbkey(key), to_dbkey(from_dbkey(key)))
    assert " " not in key


@given(raw_titles | any_text)
def test_article_url_round_trip(title: str) -> None:
    """The canonical article URL of a title reads back as that title."""
    normal = valid(title)

    assert PageRef(title=normal) == title_from_url(SITE.article_url(normal))


@given(raw_titles | any_text, st.integers(min_value=1, max_value=10**10))
def test_permalink_round_trip(title: str, revid: int) -> None:
    """index.php?title=...&oldid=N reads back as the title and revision."""
    normal = valid(title)
    url = "https://w.test/w/index.php?" + urlencode(
        {"title": normal.replace(" ", "_"), "oldid": revid}
    )
    path_form = "https://w.test/w/index.php/" + quote(normal.replace(" ", "_"))

    assert PageRef(title=normal, revid=revid) == title_from_url(url)
    assert normal == title_from_url(path_form).title


@given(any_text)
def test_normalise_fails_only_with_invalid_title(title: str) -> None:
    """Any text either normalises or raises InvalidTitleError (nothing else)."""
    outcome: object
    try:
        outcome = normalise(title)
    except InvalidTitleError as exc:
        outcome = (exc.title, exc.code, bool(exc.reason))

    assert outcome == (title, "invalidtitle", True) or (
        isinstance(outcome, str) and outcome != ""
    )


# --- MediaWiki's behaviour, example by example ----------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("ada_lovelace", "Ada lovelace"),
        ("  _x_ _y_  ", "X y"),
        ("Fo\u00a0o\u200e", "Fo o"),
        ("\u200ebar", "Bar"),
        ("a\u202ab", "Ab"),
        ("a\u3000b", "A b"),
        ("a\u2028b", "A b"),
        ("user_talk:bob", "User talk:Bob"),
        ("USER:bob", "User:Bob"),
        ("Image:Foo.png", "File:Foo.png"),
        ("file:foo.png", "File:Foo.png"),
        ("talk:main_page", "Talk:Main page"),
        ("talk: _foo", "Talk:Foo"),
        (":Talk:foo", "Talk:Foo"),
        (":Foo", "Foo"),
        ("Category:Talk:x", "Category:Talk:x"),
        ("Media:x.png", "Media:X.png"),
        ("Foo#bar", "Foo"),
        ("a&amp;b", "A&b"),
        ("a&#65;b", "AAb"),
        ("a&#x42;c", "ABc"),
        ("a&amp", "A&amp"),
        ("A\u0301x", "\u00c1x"),
        ("\u00df", "SS"),
        ("\u01c6emal", "\u01c4emal"),
        ("\ufb00oo", "FFoo"),
        ("\u0149", "\u02bcN"),
        ("\u03c9", "\u03a9"),
        ("\u00e9a", "\u00c9a"),
        ("\u00adsoft", "\u00adsoft"),
    ],
)
def test_normalise_matches_mediawiki(title: str, expected: str) -> None:
    """Cases checked against MediaWiki 1.39's own normalisation."""
    assert expected == normalise(title)


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("A[b]", "invalid characters"),
        ("<", "invalid characters"),
        ("a|b", "invalid characters"),
        ("a{b}", "invalid characters"),
        ("a\tb", "invalid characters"),
        ("a\x7fb", "invalid characters"),
        ("a%20b", "invalid characters"),
        ("a&foo;b", "invalid characters"),
        ("./a", "relative path"),
        ("a/../b", "relative path"),
        ("a/.", "relative path"),
        (".", "relative path"),
        ("a~~~b", "~~~"),
        ("x" * 256, "255 bytes"),
        ("\u00e9" * 128, "255 bytes"),
        ("", "empty"),
        ("  ", "empty"),
        ("_", "empty"),
        ("Talk:", "only a namespace"),
        ("Talk:#x", "only a namespace"),
        ("#frag", "#fragment"),
        ("Talk::foo", "colon"),
        ("Talk:User:x", "talk page"),
        ("Foo\ufffdbar", "UTF-8"),
        ("a\ud800b", "UTF-8"),
    ],
)
def test_invalid_titles(title: str, reason: str) -> None:
    """Titles MediaWiki refuses raise InvalidTitleError with the reason."""
    with pytest.raises(InvalidTitleError) as caught:
        normalise(title)

    assert reason in caught.value.reason
    assert title == caught.value.title


def test_long_special_titles_are_allowed_to_512_bytes() -> None:
    """Special: titles may be up to 512 bytes."""
    assert "Special:" + "X" * 300 == normalise("Special:" + "X" * 300)


def test_case_sensitive_keeps_first_letter() -> None:
    """case='case-sensitive' keeps the first letter as typed."""
    assert ("iPhone", "User:alice") == (
        normalise("iPhone", case="case-sensitive"),
        normalise("user:alice", case="case-sensitive"),
    )


def test_uppercase_overrides() -> None:
    """A wiki's ucfirst overrides (e.g. ß stays ß) are honoured."""
    assert "\u00dfoo" == normalise("\u00dfoo", uppercase={"\u00df": "\u00df"})


def test_interwiki_prefixes() -> None:
    """A known interwiki prefix is split off and not upper-cased."""
    parsed = parse_title("en:foo bar", interwikis=("en",))

    assert ParsedTitle(namespace=0, prefix="", text="foo bar", interwiki="en") == parsed
    assert "en:foo bar" == parsed.full
    with pytest.raises(InvalidTitleError, match="talk page"):
        parse_title("Talk:en:x", interwikis=("en",))


def test_parsed_title_parts() -> None:
    """parse_title splits namespace, text and fragment."""
    parsed = parse_title("user talk:ada_lovelace#Early life")

    assert (3, "User talk", "Ada lovelace", "Early life") == (
        parsed.namespace,
        parsed.prefix,
        parsed.text,
        parsed.fragment,
    )
    assert "User_talk:Ada_lovelace" == parsed.dbkey


def test_bad_arguments() -> None:
    """Non-string titles and unknown case modes are ConfigurationErrors."""
    with pytest.raises(ConfigurationError):
        normalise(7)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError):
        normalise("A", case="upper")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError):
        from_dbkey(None)  # type: ignore[arg-type]


# --- namespaces -------------------------------------------------------------------


SITEINFO_V2 = {
    "query": {
        "namespaces": {
            "0": {"id": 0, "name": "", "case": "first-letter"},
            "2": {
                "id": 2,
                "name": "Benutzer",
                "canonical": "User",
                "case": "first-letter",
            },
            "4": {
                "id": 4,
                "name": "Wikipedia",
                "canonical": "Project",
                "case": "first-letter",
            },
            "14": {
                "id": 14,
                "name": "Kategorie",
                "canonical": "Category",
                "case": "first-letter",
            },
            "100": {"id": 100, "name": "Wiktionary", "case": "case-sensitive"},
        },
        "namespacealiases": [
            {"id": 4, "alias": "WP"},
            {"id": 2, "alias": "Benutzerin"},
        ],
    }
}


def test_namespaces_from_siteinfo() -> None:
    """Local names, canonical names and aliases all select the namespace."""
    spaces = Namespaces.from_siteinfo(SITEINFO_V2)

    assert ["Benutzer:Alice", "Benutzer:Bob", "Benutzer:Eve", "Wikipedia:X"] == [
        normalise(t, namespaces=spaces)
        for t in ("benutzer:alice", "User:bob", "benutzerin:eve", "wp:x")
    ]
    assert "Kategorie:Foo" == normalise("category:foo", namespaces=spaces)
    assert "Wiktionary:iPhone" == normalise("wiktionary:iPhone", namespaces=spaces)


def test_namespaces_from_siteinfo_format_1() -> None:
    """formatversion=1 siteinfo (``*`` keys) is read too."""
    data = {
        "query": {
            "namespaces": {"0": {"id": 0, "*": ""}, "6": {"id": 6, "*": "Datei"}},
            "namespacealiases": [{"id": 6, "*": "Bild"}],
        }
    }
    spaces = Namespaces.from_siteinfo(data)

    assert ("Datei:X.png", 6) == (
        normalise("bild:x.png", namespaces=spaces),
        spaces.index("DATEI"),
    )


def test_namespaces_errors() -> None:
    """A response without namespaces, or an unknown id, is a ConfigurationError."""
    with pytest.raises(ConfigurationError):
        Namespaces.from_siteinfo({"query": {}})
    with pytest.raises(ConfigurationError):
        DEFAULT_NAMESPACES.name(99)


# --- URLs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://en.wikipedia.org/wiki/Ada_Lovelace", PageRef(title="Ada Lovelace")),
        (
            "https://en.wikipedia.org/wiki/C%2B%2B#History",
            PageRef(title="C++", fragment="History"),
        ),
        (
            "https://en.wikipedia.org/wiki/AC/DC",
            PageRef(title="AC/DC"),
        ),
        (
            "https://en.wikipedia.org/w/index.php?title=Ada+Lovelace&action=history",
            PageRef(title="Ada Lovelace"),
        ),
        (
            "https://en.wikipedia.org/w/index.php?title=Zotero&oldid=485342619",
            PageRef(title="Zotero", revid=485342619),
        ),
        ("https://en.wikipedia.org/w/index.php?curid=23862", PageRef(pageid=23862)),
        ("https://en.wikipedia.org/w/index.php?oldid=5", PageRef(revid=5)),
        (
            "http://127.0.0.1:8080/w/index.php/Analytical_Engine",
            PageRef(title="Analytical Engine"),
        ),
    ],
)
def test_title_from_url(url: str, expected: PageRef) -> None:
    """Article paths, index.php?title=, ?curid= and ?oldid= are read."""
    assert expected == title_from_url(url)


def test_title_from_url_custom_articlepath() -> None:
    """A wiki's own article path ($wgArticlePath) is honoured."""
    assert (
        "Foo bar"
        == title_from_url(
            "https://w.test/view/Foo_bar.html", articlepath="/view/$1.html"
        ).title
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://en.wikipedia.org/",
        "https://en.wikipedia.org/w/index.php",
        "https://en.wikipedia.org/w/index.php?curid=abc",
        "https://en.wikipedia.org/wiki/",
    ],
)
def test_title_from_url_errors(url: str) -> None:
    """A URL that names no page is a ConfigurationError."""
    with pytest.raises(ConfigurationError):
        title_from_url(url)

"""Credits pages: grouping, the licence check, rendering, REUSE outputs, manifests."""

from __future__ import annotations

import io
import json
import re
import sys
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.notices import BY_SA_4
from tests.support.records import article_record
from wikireuse.articles import Article, PageLicense
from wikireuse.attribution import Attribution, Byline, LicenseNotice, Segment, Work
from wikireuse.credits import CreditEntry, CreditGroup, Credits
from wikireuse.exceptions import ConfigurationError, RecordError
from wikireuse.licenses import UNKNOWN_ID, Status, Use
from wikireuse.store import Store
from wikireuse.testing import FakeClock

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the dev extra installs tomli on 3.10
    import tomli as tomllib

UTC = timezone.utc

GFDL = LicenseNotice(
    id="GFDL-1.2-no-invariants-or-later",
    name="GNU Free Documentation License v1.2 or later, no invariants",
    short_name="GFDL 1.2 or later",
    url="https://www.gnu.org/licenses/fdl-1.2.html",
    kind="license",
)
UNKNOWN = LicenseNotice(
    id=UNKNOWN_ID, name="Mystery", short_name="Mystery", url="", kind="unknown"
)


def work(title: str, license: str = "CC BY-SA 4.0", **kwargs: Any) -> Work:
    """A plain work with one author and a source."""
    kwargs.setdefault("authors", ("Jane Doe",))
    kwargs.setdefault("source_url", f"https://example.org/{len(title)}")
    return Work(title=title, license=license, **kwargs)


def credit(**kwargs: Any) -> Attribution:
    """An attribution made by hand (for values no builder would produce)."""
    values: dict[str, Any] = {
        "kind": "media",
        "title": "Sunset",
        "source_url": "https://commons.wikimedia.org/wiki/File:Sunset.jpg",
        "site_name": "Wikimedia Commons",
        "authors": (Byline.plain("Jane Doe"),),
        "license": BY_SA_4,
    }
    values.update(kwargs)
    return Attribution(**values)


# -- building and grouping ---------------------------------------------------------


def test_groups_licences_by_kind_then_id() -> None:
    """Licences come first, then waivers, public domain and unknown, each by id."""
    credits = Credits(
        [
            work("Mystery", "Some home-made licence"),
            work("Map", "PD-old-70"),
            work("Data", "CC0"),
            work("Photo", "CC BY-SA 4.0"),
            work("Chart", "CC BY 4.0"),
        ]
    )

    ids = [group.license.id for group in credits.groups()]

    assert [
        "CC-BY-4.0",
        "CC-BY-SA-4.0",
        "CC0-1.0",
        "LicenseRef-wikireuse-PD-old-70",
        UNKNOWN_ID,
    ] == ids


def test_items_of_a_group_sort_by_title_case_insensitively() -> None:
    """Within a group the items are ordered by title, ignoring case."""
    credits = Credits([work("cherry"), work("Banana"), work("apple")])

    (group,) = credits.groups()

    assert ("apple", "Banana", "cherry") == tuple(a.title for a in group.attributions)
    assert isinstance(group, CreditGroup)


def test_every_unknown_licence_is_one_group() -> None:
    """Unknown licences, whatever their declared names, share one group."""
    odd = LicenseNotice(
        id="LicenseRef-odd", name="Odd", short_name="Odd", url="", kind="unknown"
    )
    credits = Credits(
        [
            credit(license=UNKNOWN),
            work("Home", "Home-made licence"),
            credit(title="Odd one", license=odd),
        ]
    )

    assert [(UNKNOWN_ID, 3)] == [
        (g.license.id, len(g.entries)) for g in credits.groups()
    ]


@settings(max_examples=40)
@given(st.permutations(range(6)))
def test_grouping_does_not_depend_on_the_input_order(order: list[int]) -> None:
    """Any order of the same items gives the same groups."""
    items = [
        work("B", "CC BY 4.0"),
        work("a", "CC BY 4.0"),
        work("C", "CC0"),
        work("c", "CC0", source_url="https://example.org/other"),
        work("Z", "PD-old-70"),
        work("Y", "CC BY-SA 3.0"),
    ]
    expected = Credits(items).groups()

    assert expected == Credits([items[i] for i in order]).groups()


def test_entries_keep_the_given_order_and_paths() -> None:
    """Credits.entries lists the items as given, with their normalised paths."""
    credits = Credits([work("Zebra"), ("./img//a.png", work("Ant"))])

    assert [("Zebra", None), ("Ant", "img/a.png")] == [
        (e.attribution.title, e.path) for e in credits.entries
    ]
    assert 2 == len(credits)
    assert list(credits.entries) == list(credits)
    assert isinstance(credits.entries[0], CreditEntry)


def test_items_are_attributed_with_the_options() -> None:
    """The lang and accessed options reach wikireuse.attribute()."""
    credits = Credits([work("Ant")], lang="de", accessed=date(2026, 11, 27))

    (entry,) = credits.entries

    assert ("de", date(2026, 11, 27)) == (
        entry.attribution.lang,
        entry.attribution.accessed,
    )


def test_ready_attributions_take_the_page_language() -> None:
    """A ready attribution in another language is shown in the page's language."""
    given = credit(lang="de")

    (entry,) = Credits([given], lang="fr").entries

    assert "fr" == entry.attribution.lang
    assert given.title == entry.attribution.title


def test_an_article_is_credited_through_its_history() -> None:
    """An Article goes through attribute(): permalink source, history link."""
    article = make_article("Ada Lovelace", revid=7)

    (entry,) = Credits([article]).entries

    assert (article.permalink, article.history_url, ()) == (
        entry.attribution.source_url,
        entry.attribution.history_url,
        entry.attribution.authors,
    )


def test_an_unknown_language_is_refused() -> None:
    """A language the catalogue lacks is a ConfigurationError, even with no items."""
    with pytest.raises(ConfigurationError, match="xx"):
        Credits([], lang="xx")


@pytest.mark.parametrize("items", ["abc", 42, work("Solo")])
def test_items_must_be_a_sequence(items: Any) -> None:
    """A string or a single item instead of a sequence is refused."""
    with pytest.raises(ConfigurationError, match="sequence"):
        Credits(items)


def test_a_pair_must_have_two_parts() -> None:
    """A tuple item must be (path, item)."""
    with pytest.raises(ConfigurationError, match=r"\(path, item\)"):
        Credits([("a.png", work("A"), "extra")])  # type: ignore[list-item]


def test_an_item_attribute_cannot_credit_is_refused() -> None:
    """Something that is not an item fails in attribute() with a clear error."""
    with pytest.raises(ConfigurationError):
        Credits([object()])  # type: ignore[list-item]


def test_repr_is_short() -> None:
    """The repr counts items and licences instead of printing them all."""
    credits = Credits([work("A"), work("B", "CC0")])

    assert "<wikireuse.Credits: 2 items, 2 licences, lang='en'>" == repr(credits)


# -- the licence check ------------------------------------------------------------


def test_share_alike_into_another_licence_is_incompatible() -> None:
    """A CC BY-SA item in a CC BY work: incompatible."""
    credits = Credits([work("Photo", "CC BY-SA 4.0"), work("Chart", "CC BY 4.0")])

    verdict = credits.check("CC-BY-4.0")

    assert Status.INCOMPATIBLE == verdict.status
    assert ("CC-BY-4.0", "CC-BY-SA-4.0") == verdict.sources


def test_compatible_set_lists_every_licences_obligations() -> None:
    """BY and BY-SA items in a BY-SA work: compatible, obligations of both."""
    credits = Credits([work("Photo", "CC BY-SA 4.0"), work("Chart", "CC BY 4.0")])

    verdict = credits.check("CC-BY-SA-4.0")

    assert Status.COMPATIBLE == verdict.status
    assert {"CC-BY-4.0", "CC-BY-SA-4.0"} <= {o.license_id for o in verdict.obligations}
    assert "attribute-tasl" in {o.kind for o in verdict.obligations}


def test_an_unknown_licence_makes_the_set_unknown() -> None:
    """One item under an unknown licence: unknown, never compatible."""
    credits = Credits([work("Chart", "CC BY 4.0"), work("Odd", "Home-made licence")])

    verdict = credits.check("CC-BY-SA-4.0")

    assert Status.UNKNOWN == verdict.status
    assert UNKNOWN_ID in verdict.sources


def test_the_use_and_context_reach_the_checker() -> None:
    """use= and commercial= are passed to wikireuse.licenses.check()."""
    credits = Credits([work("Chart", "CC BY-NC 4.0")])

    verdict = credits.check("CC-BY-NC-4.0", use="collect", commercial=True)

    assert (Use.COLLECT, True, Status.INCOMPATIBLE) == (
        verdict.use,
        verdict.context.commercial,
        verdict.status,
    )


@pytest.mark.parametrize(
    ("commercial", "expected"),
    [
        (None, Status.CONDITIONAL),
        (False, Status.COMPATIBLE),
        (True, Status.INCOMPATIBLE),
    ],
)
def test_commercial_use_not_stated_leaves_nc_items_conditional(
    commercial: bool | None, expected: Status
) -> None:
    """As in check(): unstated commercial use is not "non-commercial"."""
    credits = Credits([work("Chart", "CC BY-NC 4.0")])

    verdict = credits.check("CC-BY-NC-4.0", use="collect", commercial=commercial)

    assert expected == verdict.status


def test_alternatives_are_an_or_expression() -> None:
    """An item also offered under the GFDL is checked as "A OR B"."""
    credits = Credits([credit(alternatives=(GFDL,))])

    assert ("CC-BY-SA-4.0 OR GFDL-1.2-no-invariants-or-later",) == (
        credits.license_expressions()
    )
    assert Status.COMPATIBLE == credits.check("CC-BY-SA-4.0").status


def test_checking_no_items_is_an_error() -> None:
    """An empty set has nothing to check."""
    with pytest.raises(ConfigurationError, match="no items"):
        Credits([]).check("CC-BY-4.0")


# -- HTML ------------------------------------------------------------------------


class _Page(HTMLParser):
    """Collects the tags, attributes and text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.links: list[tuple[str | None, str | None]] = []
        self._href: str | None = None
        self._rel: str | None = None
        self._in_link = False
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self._in_link = True
            self._href = dict(attrs).get("href")
            self._rel = dict(attrs).get("rel")
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_link = False
            self.links.append((self._href, "".join(self._link_text)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_link:
            self._link_text.append(data)


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "li",
    "a",
    "span",
    "q",
    "bdi",
}


def assert_inert(page: str) -> _Page:
    """No script, no event handler, no link but http(s); returns the parse."""
    parsed = parse(page)
    for tag, attributes in parsed.tags:
        assert tag in ALLOWED_TAGS, tag
        assert not [name for name in attributes if name.startswith("on")], attributes
        if tag == "a":
            assert re.match(r"https?://", attributes.get("href") or ""), attributes
    return parsed


def test_html_is_a_complete_page() -> None:
    """The page has a doctype, the language, a charset and a strict CSP."""
    page = Credits([work("Ant")], lang="de").to_html()

    assert page.startswith('<!DOCTYPE html>\n<html lang="de">\n<head>\n')
    assert '<meta charset="utf-8">' in page
    assert "default-src &#x27;none&#x27;" in page
    assert page.rstrip().endswith("</html>")
    assert "<title>Quellen und Lizenzen</title>" in page


def test_html_has_one_section_per_licence_group() -> None:
    """Each group is a section headed by its licence, linked with rel=license."""
    credits = Credits([work("A", "CC BY 4.0"), work("B", "CC0"), work("C")])

    parsed = assert_inert(credits.to_html())

    sections = [
        a["data-license"]
        for tag, a in parsed.tags
        if tag == "section" and "data-license" in a
    ]
    assert [g.license.id for g in credits.groups()] == sections
    licence_links = {
        a.get("href") for tag, a in parsed.tags if a.get("rel") == "license"
    }
    assert "https://creativecommons.org/publicdomain/zero/1.0/" in licence_links


def test_html_shows_the_check_and_its_obligations() -> None:
    """With into=, the status sentence and what you must do are on the page."""
    credits = Credits([work("A", "CC BY 4.0")])
    verdict = credits.check("CC-BY-SA-4.0")

    page = credits.to_html(into="CC-BY-SA-4.0")

    text = "".join(parse(page).text)
    assert "Every item can be reused in an adaptation under CC-BY-SA-4.0." in text
    assert "What you must do" in text
    for obligation in verdict.obligations:
        assert obligation.text in text
    assert 'class="license-check status-compatible"' in page


def test_html_explains_an_incompatible_check() -> None:
    """An incompatible check gives its reasons."""
    credits = Credits([work("A", "CC BY-SA 4.0")])
    verdict = credits.check("MIT", use="adapt")

    text = "".join(parse(credits.to_html(into="MIT")).text)

    assert "Some items cannot be reused in an adaptation under MIT." in text
    assert verdict.reasons[0].text in text


def test_html_without_into_has_no_check() -> None:
    """No target licence, no check section."""
    page = Credits([work("A")]).to_html()

    assert '<section class="license-check' not in page
    assert "Licence check" not in page


def test_html_lists_the_warnings() -> None:
    """Items with warnings are listed with the localised meaning of each code."""
    credits = Credits([work("Anonymous", authors=()), work("Fine")])

    text = "".join(parse(credits.to_html()).text)

    assert "Check these items" in text
    assert "Anonymous: no author named" in text
    assert "Fine:" not in text


def test_html_escapes_hostile_values() -> None:
    """Titles, names, licences and warning codes never become markup."""
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    hostile = credit(
        title=evil,
        site_name='"><b onmouseover=alert(3)>',
        authors=(Byline(segments=(Segment(text=evil, url="javascript:alert(4)"),)),),
        license=LicenseNotice(
            id='x"><script>alert(5)</script>',
            name=evil,
            short_name=evil,
            url="javascript:alert(6)",
            kind="license",
        ),
        warnings=("<i>odd</i>",),
    )

    page = Credits([hostile]).to_html(title=evil)

    parsed = assert_inert(page)
    assert "<script>" not in page
    assert evil in "".join(parsed.text)


@settings(max_examples=60)
@given(
    title=st.text(max_size=40),
    name=st.text(max_size=20),
    page_title=st.text(max_size=20),
)
def test_html_never_contains_active_markup(
    title: str, name: str, page_title: str
) -> None:
    """Whatever the strings, the page has only the expected inert tags."""
    hostile = credit(
        title=title,
        authors=(Byline.plain(name or "x"),),
        license=LicenseNotice(
            id="LicenseRef-x", name=name, short_name=name, url="", kind="license"
        ),
    )

    assert_inert(Credits([hostile]).to_html(title=page_title))


def test_repr_html_is_a_fragment() -> None:
    """Notebooks get a section, not a whole document."""
    fragment = Credits([work("A")])._repr_html_()

    assert fragment.startswith('<section class="wikireuse-credits" lang="en">')
    assert "<html" not in fragment
    assert "<h2>Credits</h2>" in fragment


# -- Markdown and text ----------------------------------------------------------


def test_markdown_page() -> None:
    """Headings per group, licence links, escaped foreign strings."""
    credits = Credits([work("A", "CC BY 4.0")])

    page = credits.to_markdown(into="CC-BY-SA-4.0", title="# *Mine* [x](y)")

    assert page.startswith("# \\# \\*Mine\\* \\[x\\]\\(y\\)\n")
    assert (
        "## Licensed under [CC BY 4.0](<https://creativecommons.org/licenses/by/4.0/>)"
        in page
    )
    assert "## Licence check" in page
    assert "### What you must do" in page


def test_markdown_escapes_line_start_markers() -> None:
    """A warning item whose title starts like a list marker stays text."""
    page = Credits([work("1. Intro", authors=())]).to_markdown()

    assert "- [1\\. Intro](<https://example.org/8>): no author named" in page


def test_text_page() -> None:
    """Plain text: underlined headings, URLs written out, one item per bullet."""
    credits = Credits([work("A", "CC BY 4.0"), work("B", "CC0")])

    page = credits.to_text(into="CC-BY-SA-4.0")

    assert page.startswith("Credits\n=======\n")
    assert (
        "Licensed under CC BY 4.0 <https://creativecommons.org/licenses/by/4.0/>"
        in page
    )
    assert "Every item can be reused in an adaptation under CC-BY-SA-4.0." in page
    assert page.count("\n- ") >= 2
    assert str(credits) == credits.to_text()


def test_public_domain_groups_are_told_apart() -> None:
    """Two public-domain statuses give two distinct headings."""
    credits = Credits([work("Map", "PD-old-70"), work("Seal", "PD-USGov")])

    page = credits.to_text()

    assert "Public domain (PD-USGov <" in page
    assert "Public domain (PD-old-70 <" in page


def test_german_page_has_no_english_words() -> None:
    """A German page takes every heading from the German catalogue."""
    credits = Credits([work("A", "CC BY 4.0"), work("B", authors=())], lang="de")

    page = credits.to_text(into="CC-BY-4.0")

    assert "Lizenz: CC BY 4.0" in page
    assert "kein Urheber angegeben" in page
    for english in ("Licensed under", "Check these items", "no author", "Credits"):
        assert english not in page


# -- REUSE -----------------------------------------------------------------------


def reuse_glob_matches(pattern: str, path: str) -> bool:
    r"""REUSE.toml's path matching: ``*``, ``**``, ``\\*`` and ``\\\\``."""
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern) and pattern[i + 1] in "\\*":
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append("[^/]*" if ch == "*" else re.escape(ch))
        i += 1
    return re.fullmatch("".join(out), path) is not None


def reuse_credits() -> Credits:
    article = make_article("Ada Lovelace", revid=7)
    commons = credit(
        title="Sunset",
        credit_line=Byline.plain("Photo: Jane Doe / CC BY-SA 4.0"),
        authors=(Byline.plain("Jane Doe"),),
    )
    return Credits(
        [
            ("text/ada.md", article),
            ("img/sunset.jpg", commons),
            ("img/two.png", credit(authors=(Byline.plain("A"), Byline.plain("B")))),
            ("data/q1.json", work("Q1", "CC0", authors=())),
            ("img/map.svg", work("Map", "PD-old-70", authors=())),
            ("img/odd.png", credit(license=UNKNOWN)),
            ("img/gfdl.png", credit(alternatives=(GFDL,))),
            work("No path"),
        ]
    )


def test_reuse_toml_parses_and_has_the_right_values() -> None:
    """One annotation per path, with holders and licence ids."""
    credits = reuse_credits()

    data = tomllib.loads(credits.reuse_toml())

    assert 1 == data["version"]
    found = {
        a["path"]: (a["SPDX-FileCopyrightText"], a["SPDX-License-Identifier"])
        for a in data["annotations"]
    }
    history = "http://wiki.test/w/index.php?title=Ada_Lovelace&action=history"
    assert {
        "text/ada.md": (f"wiki.test contributors <{history}>", "CC-BY-SA-3.0"),
        "img/sunset.jpg": ("Photo: Jane Doe / CC BY-SA 4.0", "CC-BY-SA-4.0"),
        "img/two.png": (["A", "B"], "CC-BY-SA-4.0"),
        "data/q1.json": ("NOASSERTION", "CC0-1.0"),
        "img/map.svg": ("NOASSERTION", "LicenseRef-wikireuse-PD-old-70"),
        "img/odd.png": ("Jane Doe", UNKNOWN_ID),
        "img/gfdl.png": (
            "Jane Doe",
            "CC-BY-SA-4.0 OR GFDL-1.2-no-invariants-or-later",
        ),
    } == found
    assert {"override"} == {a["precedence"] for a in data["annotations"]}
    assert sorted(found) == [a["path"] for a in data["annotations"]]


def test_reuse_toml_notes_the_licence_texts_needed() -> None:
    """Comment lines name every LICENSES/*.txt file, and how to get it."""
    credits = reuse_credits()

    toml = credits.reuse_toml()

    assert (
        "LICENSES/CC-BY-SA-3.0.txt",
        "LICENSES/CC-BY-SA-4.0.txt",
        "LICENSES/CC0-1.0.txt",
        "LICENSES/GFDL-1.2-no-invariants-or-later.txt",
        "LICENSES/LicenseRef-wikireuse-PD-old-70.txt",
        f"LICENSES/{UNKNOWN_ID}.txt",
    ) == credits.reuse_license_files()
    comments = [line for line in toml.splitlines() if line.startswith("#")]
    assert "#   LICENSES/CC0-1.0.txt  (reuse download CC0-1.0)" in comments
    assert any(
        "LicenseRef-wikireuse-PD-old-70.txt" in line and "yourself" in line
        for line in comments
    )
    assert any(UNKNOWN_ID in line and "unknown" in line for line in comments)


def test_items_without_a_path_are_not_annotated() -> None:
    """REUSE outputs skip items that name no file."""
    credits = Credits([work("No path"), ("a.png", work("Has path"))])

    assert ["a.png"] == [
        a["path"] for a in tomllib.loads(credits.reuse_toml())["annotations"]
    ]
    assert ["a.png.license"] == list(credits.license_sidecars())


def test_reuse_toml_without_paths_is_valid() -> None:
    """No annotated file still gives a valid (empty) REUSE.toml."""
    assert {"version": 1} == tomllib.loads(Credits([work("A")]).reuse_toml())


@settings(max_examples=80)
@given(
    st.lists(
        st.text(
            alphabet=st.characters(
                blacklist_categories=("Cs", "Cc"), blacklist_characters="/"
            ),
            min_size=1,
            max_size=12,
        ).filter(lambda s: s not in (".", "..")),
        min_size=1,
        max_size=3,
    )
)
def test_reuse_paths_survive_toml_and_match_only_themselves(parts: list[str]) -> None:
    """Any path is a TOML string whose REUSE pattern matches exactly that file."""
    path = "/".join(parts)
    credits = Credits([(path, work("A"))])

    (annotation,) = tomllib.loads(credits.reuse_toml())["annotations"]

    assert reuse_glob_matches(annotation["path"], path)
    assert not reuse_glob_matches(annotation["path"], path + "x")
    assert not reuse_glob_matches(annotation["path"], "x" + path)


def test_reuse_path_with_glob_characters_is_escaped() -> None:
    r"""``*`` and ``\\`` are escaped for REUSE, then for TOML."""
    credits = Credits([('we*rd\\ "name".png', work("A"))])

    toml = credits.reuse_toml()

    assert 'path = "we\\\\*rd\\\\\\\\ \\"name\\".png"' in toml
    assert 'we\\*rd\\\\ "name".png' == tomllib.loads(toml)["annotations"][0]["path"]


def test_sidecars_hold_the_spdx_lines() -> None:
    """Each sidecar is named path + .license and has the two tags."""
    sidecars = reuse_credits().license_sidecars()

    assert (
        "SPDX-FileCopyrightText: A\n"
        "SPDX-FileCopyrightText: B\n"
        "SPDX-License-Identifier: CC-BY-SA-4.0\n"
    ) == sidecars["img/two.png.license"]
    assert 7 == len(sidecars)


def test_a_hostile_author_cannot_add_a_licence_tag() -> None:
    """Line breaks and SPDX tags inside a name are neutralised."""
    evil = "Eve\nSPDX-License-Identifier: MIT\r\nREUSE-IgnoreStart"
    credits = Credits([("a.png", credit(authors=(Byline.plain(evil),)))])

    (text,) = credits.license_sidecars().values()
    toml = tomllib.loads(credits.reuse_toml())

    assert 2 == len(text.splitlines())
    assert 1 == len(re.findall(r"SPDX-License-Identifier:", text))
    assert "REUSE-Ignore" not in text
    holder = toml["annotations"][0]["SPDX-FileCopyrightText"]
    assert "Eve SPDX\u2011License-Identifier: MIT REUSE\u2011IgnoreStart" == holder


def test_an_invalid_licence_id_is_refused_for_reuse() -> None:
    """A hand-made notice whose id is not an SPDX id cannot be annotated."""
    odd = LicenseNotice(
        id="CC BY 4.0", name="x", short_name="x", url="", kind="license"
    )
    credits = Credits([("a.png", credit(license=odd))])

    with pytest.raises(ConfigurationError, match="not an SPDX id"):
        credits.reuse_toml()


def test_duplicate_paths_are_refused() -> None:
    """Two items for one file (after normalising the path) is an error."""
    with pytest.raises(ConfigurationError, match=r"same path 'img/a\.png'"):
        Credits([("img/a.png", work("A")), ("./img/a.png", work("B"))])


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/etc/passwd", "absolute"),
        ("img/../../x", r"\.\."),
        ("", "names no file"),
        ("./", "names no file"),
        ("a\nb", "control"),
        (b"a.png", "str or os.PathLike"),
        (PureWindowsPath("C:\\img\\a.png"), "absolute"),
    ],
)
def test_bad_paths_are_refused(path: Any, message: str) -> None:
    """Paths must be relative, inside the repository and printable."""
    with pytest.raises(ConfigurationError, match=message):
        Credits([(path, work("A"))])


def test_path_objects_are_accepted() -> None:
    """A PurePath is written with / separators."""
    credits = Credits([(PurePosixPath("img") / "a.png", work("A"))])

    assert "img/a.png" == credits.entries[0].path
    windows = Credits([(PureWindowsPath("img\\b.png"), work("B"))])
    assert "img/b.png" == windows.entries[0].path


# -- manifests -------------------------------------------------------------------


def make_article(
    title: str,
    *,
    revid: int,
    pageid: int = 1,
    text: str = "Text.",
    spdx: str = "CC-BY-SA-3.0",
    fetched_at: datetime = datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
) -> Article:
    """An article as a fetch would build it (hashes consistent), on wiki.test."""
    return article_record(
        title,
        license=PageLicense(spdx=spdx, name=spdx, url="", basis="test"),
        host="wiki.test",
        scheme="http",
        pageid=pageid,
        revid=revid,
        timestamp=datetime(2023, 2, 1, 10, 0, tzinfo=UTC),
        text=text,
        fetched_at=fetched_at,
    )


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    """A manifest exported by a real Store: two pages, one with two revisions."""
    path = tmp_path / "manifest.jsonl"
    with Store(tmp_path / "snap.db", wall_clock=FakeClock().wall) as store:
        store.put(make_article("Ada Lovelace", revid=10, text="old"))
        store.put(make_article("Ada Lovelace", revid=12, text="new"))
        store.put(
            make_article(
                "Rock 'n' Roll?",
                revid=11,
                pageid=2,
                spdx=UNKNOWN_ID,
                fetched_at=datetime(2026, 11, 21, 23, 0, tzinfo=UTC),
            )
        )
        store.manifest(path)
    return path


def test_from_manifest_credits_the_latest_revision_of_each_page(manifest: Path) -> None:
    """One article attribution per page, with URLs derived from api.php."""
    credits = Credits.from_manifest(manifest)

    ada, rock = (entry.attribution for entry in credits.entries)
    assert (
        "article",
        "Ada Lovelace",
        "http://wiki.test/w/index.php?title=Ada_Lovelace&oldid=12",
        "http://wiki.test/w/index.php?title=Ada_Lovelace",
        "http://wiki.test/w/index.php?title=Ada_Lovelace&action=history",
        "wiki.test",
        12,
        datetime(2023, 2, 1, 10, 0, tzinfo=UTC),
        "CC-BY-SA-3.0",
        None,
    ) == (
        ada.kind,
        ada.title,
        ada.source_url,
        ada.page_url,
        ada.history_url,
        ada.site_name,
        ada.revid,
        ada.timestamp,
        ada.license.id,
        ada.accessed,
    )
    assert (
        "http://wiki.test/w/index.php?title=Rock_%27n%27_Roll%3F&oldid=11"
        == rock.source_url
    )
    assert (True, ("unknown-license",)) == (rock.license.is_unknown, rock.warnings)


def test_from_manifest_can_keep_every_revision(manifest: Path) -> None:
    """revisions="all" credits each stored revision."""
    credits = Credits.from_manifest(manifest, revisions="all")

    assert [10, 12, 11] == [e.attribution.revid for e in credits.entries]


def test_from_manifest_reads_lines_and_open_files(manifest: Path) -> None:
    """A path as str or Path, a list of lines and an open file all work."""
    lines = manifest.read_text(encoding="utf-8").splitlines()
    expected = Credits.from_manifest(manifest)

    with manifest.open(encoding="utf-8") as stream:
        from_stream = Credits.from_manifest(stream)

    assert expected == Credits.from_manifest(str(manifest))
    assert expected == Credits.from_manifest(lines)
    assert expected == from_stream


def test_from_manifest_accessed_options(manifest: Path) -> None:
    """accessed="fetched" uses each fetch time; a date applies to all."""
    fetched = Credits.from_manifest(manifest, accessed="fetched")
    given = Credits.from_manifest(manifest, accessed=date(2026, 11, 27))

    assert [date(2026, 11, 20), date(2026, 11, 21)] == [
        e.attribution.accessed for e in fetched.entries
    ]
    assert {date(2026, 11, 27)} == {e.attribution.accessed for e in given.entries}


def test_from_manifest_checks_and_renders(manifest: Path) -> None:
    """A manifest's credits check like any other (unknown licence → unknown)."""
    credits = Credits.from_manifest(manifest, lang="es")

    assert Status.UNKNOWN == credits.check("CC-BY-SA-4.0").status
    assert "Licencia desconocida" in credits.to_text()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ('{"schema": "other/1"}', "not a wikireuse.manifest/1 entry"),
        ("[]", "not a wikireuse.manifest/1 entry"),
        ('{"schema": "wikireuse.manifest/1", "wiki": "x"}', "'revid'"),
    ],
)
def test_from_manifest_refuses_bad_lines(line: str, message: str) -> None:
    """A line that is not a manifest entry is a RecordError naming the line."""
    with pytest.raises(RecordError, match=rf"^manifest line 2\b.*{re.escape(message)}"):
        Credits.from_manifest(["", line])


def test_from_manifest_refuses_a_wiki_that_is_not_an_api_url(manifest: Path) -> None:
    """index.php can only be derived from an api.php URL."""
    entry = json.loads(manifest.read_text(encoding="utf-8").splitlines()[0])
    entry["wiki"] = "http://wiki.test/rest.php"

    with pytest.raises(RecordError, match="line 1: the wiki"):
        Credits.from_manifest([json.dumps(entry)])


def test_from_manifest_refuses_a_missing_file(tmp_path: Path) -> None:
    """An unreadable manifest is a ConfigurationError."""
    with pytest.raises(ConfigurationError, match="cannot read the manifest"):
        Credits.from_manifest(tmp_path / "missing.jsonl")


def test_from_manifest_refuses_bad_options() -> None:
    """Unknown revisions= or accessed= values are refused."""
    with pytest.raises(ConfigurationError, match="revisions"):
        Credits.from_manifest([], revisions="some")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="accessed"):
        Credits.from_manifest([], accessed="yesterday")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="timezone"):
        Credits.from_manifest([], accessed=datetime(2026, 1, 1))


def test_from_manifest_stream_of_bytes_is_refused() -> None:
    """Lines must be text."""
    with pytest.raises(ConfigurationError, match="not text"):
        Credits.from_manifest(io.BytesIO(b"{}\n"))  # type: ignore[arg-type]


# -- red-team regressions ------------------------------------------------------------


def test_non_free_item_makes_the_check_incompatible() -> None:
    """A file its wiki marks non-free is never 'compatible', whatever it names."""
    non_free = credit(warnings=("non-free",), title="Logo")
    credits = Credits([non_free, credit(title="Sunset")])
    verdict = credits.check("CC-BY-SA-4.0", use="collect")
    assert Status.INCOMPATIBLE == verdict.status
    assert any("non-free" in reason.text for reason in verdict.reasons)
    assert Status.COMPATIBLE == Credits([credit()]).check("CC-BY-SA-4.0").status
    page = credits.to_text(into="CC-BY-SA-4.0", use="collect")
    assert "Some items cannot be reused as part of a collection" in page


def test_page_title_must_be_text() -> None:
    """A title that is not text is a ConfigurationError in every format."""
    credits = Credits([credit()])
    for render in (credits.to_html, credits.to_markdown, credits.to_text):
        with pytest.raises(ConfigurationError, match="title"):
            render(title=42)  # type: ignore[arg-type]


def test_lone_surrogates_and_bidi_overrides_in_reuse_outputs() -> None:
    """REUSE.toml stays valid TOML and UTF-8; an RLO in a name is closed."""
    hostile = credit(
        authors=(Byline.plain("Jane\ud800 \u202eDoe"),),
        title="Sun\udfffset",
        source_url="https://example.org/\ud800",
    )
    credits = Credits([("img/sunset.jpg", hostile)])
    toml = credits.reuse_toml()
    toml.encode("utf-8")
    parsed = tomllib.loads(toml)
    holder = parsed["annotations"][0]["SPDX-FileCopyrightText"]
    assert "Jane\ufffd \u202eDoe\u202c" == holder
    sidecar = credits.license_sidecars()["img/sunset.jpg.license"]
    assert "SPDX-FileCopyrightText: Jane\ufffd \u202eDoe\u202c\n" in sidecar
    for page in (credits.to_html(), credits.to_markdown(), credits.to_text()):
        page.encode("utf-8")
        assert "example.org" not in page  # a URL UTF-8 cannot carry is no link


def test_path_that_is_not_utf8_is_refused() -> None:
    """A surrogate-escaped file name (from a non-UTF-8 disk) cannot be annotated."""
    with pytest.raises(ConfigurationError, match="UTF-8"):
        Credits([("img/caf\udce9.jpg", credit())])

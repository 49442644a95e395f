"""attribute(): who and what to credit, for articles, files, entities and works."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from tests.support.imports import loaded
from tests.support.records import article_record
from tests.test_media import ALL_RECORDS, COMMONS_API, media
from wikireuse.articles import (
    Article,
    Contributor,
    Contributors,
    LicenseTimeline,
    PageLicense,
)
from wikireuse.attribution import (
    WARNINGS,
    Attribution,
    Byline,
    LicenseNotice,
    Segment,
    Work,
    attribute,
)
from wikireuse.attribution._attribute import (
    byline_from_rich,
    notice_from_license,
    notice_from_page_license,
    short_name,
    site_name_for_host,
    site_name_for_url,
)
from wikireuse.entities import WIKIDATA_LICENSE, Entity, Term
from wikireuse.exceptions import ConfigurationError
from wikireuse.licenses import UNKNOWN_ID, all_licenses, get, parse
from wikireuse.media import Link, RichText
from wikireuse.messages import DEFAULT_CATALOGUE
from wikireuse.store import Store
from wikireuse.testing import (
    FakeClock,
    fake_client,
    make_response,
    page,
    query_pages,
    request_params,
    siteinfo,
)

UTC = timezone.utc
ENWIKI = "https://en.wikipedia.org/w/api.php"
BY_SA_4 = PageLicense(
    spdx="CC-BY-SA-4.0",
    name="Creative Commons Attribution-ShareAlike 4.0 International",
    url="https://creativecommons.org/licenses/by-sa/4.0/",
    basis="the wiki's declared content licence (siteinfo rightsinfo)",
)


def make_article(
    *,
    title: str = "Ada Lovelace",
    host: str = "en.wikipedia.org",
    license: PageLicense = BY_SA_4,
    site_name: str = "Wikipedia",
    contributors: Contributors | None = None,
    revid: int = 1234,
    stamp: datetime = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC),
) -> Article:
    """An article as the fetcher builds it, on *host*."""
    return article_record(
        title,
        license=license,
        host=host,
        pageid=7,
        revid=revid,
        timestamp=stamp,
        text="'''Ada''' wrote the first program.",
        language="en",
        site_name=site_name,
        contributors=contributors,
        fetched_at=datetime(2026, 11, 27, 12, 0, tzinfo=UTC),
    )


def people(*names: str, anonymous: int = 0) -> Contributors:
    """A contributors record with these registered users."""
    return Contributors(
        title="Ada Lovelace",
        pageid=7,
        registered=tuple(
            Contributor(name=name, userid=i + 1) for i, name in enumerate(names)
        ),
        anonymous=anonymous,
    )


def segments(byline: Byline | None) -> list[tuple[str, str | None]]:
    """A byline as (text, url) pairs."""
    assert byline is not None
    return [(s.text, s.url) for s in byline.segments]


# --- Commons and local files: every recorded file ----------------------------------

NO_METADATA = ("no-author", "no-license", "no-source")
LISA_DEED = "https://creativecommons.org/licenses/by-sa/2.0/fr/deed.en"
PD_TAGS = "https://commons.wikimedia.org/wiki/Commons:Copyright_tags/Public_domain"
DEWIKI_FILE = (
    "https://de.wikipedia.org/wiki/Datei:1_FC_Bamberg_-_1_FC_N%C3%BCrnberg_1901.jpg"
)

# name -> (authors, licence id, short name, licence URL, kind, required, warnings)
EXPECTED: dict[str, tuple[Any, ...]] = {
    "commons_Apple_Lisa2-IMG_1517.jpg_cc-by-sa-2.0-fr.json": (
        ["Rama & Musée Bolo"],
        "LicenseRef-wikireuse-CC-BY-SA-2.0-FR",
        "CC BY-SA 2.0 fr",
        LISA_DEED,
        "license",
        True,
        (),
    ),
    "commons_Foobar.jpg_cc0.json": (
        ["Kaldari"],
        "CC0-1.0",
        "CC0 1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/deed.en",
        "waiver",
        False,
        (),
    ),
    "commons_Helene_Fischer_2010.jpg_cc-by-sa-3.0.json": (
        ["Fleyx24"],
        "CC-BY-SA-3.0",
        "CC BY-SA 3.0",
        "https://creativecommons.org/licenses/by-sa/3.0",
        "license",
        True,
        (),
    ),
    "commons_Collage_of_Nine_Dogs.jpg_cc-by-sa-3.0_multi-author.json": (
        11,
        "CC-BY-SA-3.0",
        "CC BY-SA 3.0",
        "https://creativecommons.org/licenses/by-sa/3.0",
        "license",
        True,
        ("multiple-authors", "no-source"),
    ),
    "commons_Kinkaku3402CBcropped.jpg_pd-self.json": (
        ["Fg2"],
        "LicenseRef-wikireuse-PD",
        "Public domain",
        PD_TAGS,
        "public-domain",
        False,
        (),
    ),
    "commons_Mark_Selby_DerHexer_2015_cc-by-sa-4.0_personality.json": (
        ["DerHexer"],
        "CC-BY-SA-4.0",
        "CC BY-SA 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0",  # http in the metadata
        "license",
        True,
        ("restrictions",),
    ),
    "commons_Wood_cleaving_-_2016.webm_videoinfo_cc-by-sa-4.0.json": (
        ["Jarek Tuszyński"],
        "CC-BY-SA-4.0",
        "CC BY-SA 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0",
        "license",
        True,
        (),
    ),
    "dewiki_imageinfo_Harzer_Fuchs_Huendin_2.jpg_no-extmetadata.json": (
        [],
        UNKNOWN_ID,
        "",
        "",
        "unknown",
        True,
        NO_METADATA,
    ),
    "dewiki_local_1_FC_Bamberg_-_1_FC_Nuernberg_1901.jpg_pd-alt-100.json": (
        ["unbekannt"],
        "LicenseRef-wikireuse-PD-alt-100",
        "Public domain",
        DEWIKI_FILE,
        "public-domain",
        False,
        (),
    ),
    "hewiki_imageinfo_Collage_of_Nine_Dogs.jpg_no-extmetadata.json": (
        [],
        UNKNOWN_ID,
        "",
        "",
        "unknown",
        True,
        NO_METADATA,
    ),
    "viwiki_imageinfo_Mix_breed_dog.jpg_no-extmetadata.json": (
        [],
        UNKNOWN_ID,
        "",
        "",
        "unknown",
        True,
        NO_METADATA,
    ),
    "commons_20120925_PlozevetBretagne_LoneTree_PtrQs.jpg_cc-by-sa-4.0.page.json": (
        ["PtrQs"],
        "CC-BY-SA-4.0",
        "CC BY-SA 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0",
        "license",
        True,
        (),
    ),
    "commons_BHL8403911_sea-urchins_pd-old-70.page.json": (
        ["British Museum (Natural History).; Clark, Hubert Lyman"],
        "LicenseRef-wikireuse-PD",
        "Public domain",
        PD_TAGS,
        "public-domain",
        False,
        (),
    ),
    "commons_Edvard_Munch_-_Night_in_Nice_1891.jpg_pd-art.page.json": (
        ["Edvard Munch"],
        "LicenseRef-wikireuse-PD",
        "Public domain",
        PD_TAGS,
        "public-domain",
        False,
        (),
    ),
    "commons_Nl-Javaanse_herten.ogg_imageinfo_item_no-extmetadata.json": (
        [],
        UNKNOWN_ID,
        "",
        "",
        "unknown",
        True,
        NO_METADATA,
    ),
}


def test_every_record_has_an_expectation() -> None:
    """The table below covers each of the fifteen recorded files."""
    assert set(ALL_RECORDS) == set(EXPECTED)


@pytest.mark.parametrize("name", ALL_RECORDS)
def test_recorded_file_gets_the_right_credit(name: str) -> None:
    """Each recorded file: its authors, licence, URL, kind, requirement, warnings."""
    authors, license_id, short, url, kind, required, warnings = EXPECTED[name]
    m = media(name)
    a = attribute(m)
    if isinstance(authors, int):
        assert authors == len(a.authors)
    else:
        assert authors == [b.text for b in a.authors]
    assert license_id == a.license.id
    assert short == a.license.short_name
    assert url == a.license.url
    assert kind == a.license.kind
    assert required == a.required
    assert warnings == a.warnings
    assert "media" == a.kind


@pytest.mark.parametrize("name", ALL_RECORDS)
def test_recorded_file_never_credits_the_site_or_the_uploader(name: str) -> None:
    """No author is 'Wikimedia Commons', 'Wikipedia' or the uploader."""
    m = media(name)
    a = attribute(m)
    artist = m.artist.text if m.artist is not None else ""
    for byline in a.authors:
        assert byline.text not in {"Wikimedia Commons", "Wikipedia", ""}
        if m.uploader and m.uploader not in artist:
            assert m.uploader not in byline.text
    assert set(a.warnings) <= set(WARNINGS)
    assert tuple(sorted(a.warnings)) == a.warnings


@pytest.mark.parametrize("name", ALL_RECORDS)
def test_recorded_file_links_its_description_page(name: str) -> None:
    """The source is the description page, never the file on the upload server."""
    m = media(name)
    a = attribute(m)
    assert "upload.wikimedia.org" not in a.source_url
    if m.description_url is not None:
        assert m.description_url == a.source_url
    assert a.source_url.startswith("https://")
    assert a.source_url == a.page_url


def test_apple_lisa_credit_line_wins_and_own_work_is_the_source() -> None:
    """Apple Lisa: the Attribution field is the credit line, 'Own work' the source."""
    a = attribute(media("commons_Apple_Lisa2-IMG_1517.jpg_cc-by-sa-2.0-fr.json"))
    rama = "https://commons.wikimedia.org/wiki/User:Rama"
    assert [
        ("Photograph by ", None),
        ("Rama", rama),
        (", Wikimedia Commons, Cc-by-sa-2.0-fr", None),
    ] == segments(a.credit_line)
    assert [("Rama", rama), (" & Musée Bolo", None)] == segments(a.authors[0])
    assert [("Own work", None)] == segments(a.source_credit)
    assert "Apple Lisa2-IMG 1517" == a.title
    assert "Wikimedia Commons" == a.site_name
    assert "https://commons.wikimedia.org/wiki/File:Apple_Lisa2-IMG_1517.jpg" == (
        a.source_url
    )
    assert a.reusable


def test_mark_selby_restriction_and_credit_line() -> None:
    """Mark Selby: personality rights surface, the requested credit line is kept."""
    a = attribute(
        media("commons_Mark_Selby_DerHexer_2015_cc-by-sa-4.0_personality.json")
    )
    assert ("personality",) == a.restrictions
    assert "DerHexer, Wikimedia Commons, CC-by-sa 4.0" == a.credit_line.text  # type: ignore[union-attr]
    assert ["DerHexer"] == [b.text for b in a.authors]


def test_collage_lists_each_author_with_links() -> None:
    """The collage's Artist list gives one byline per item, links in place."""
    a = attribute(
        media("commons_Collage_of_Nine_Dogs.jpg_cc-by-sa-3.0_multi-author.json")
    )
    assert 11 == len(a.authors)
    assert [
        (
            "Golden_Retriever_Sammy.jpg",
            "https://commons.wikimedia.org/wiki/File:Golden_Retriever_Sammy.jpg",
        ),
        (": ", None),
        ("Pharaoh Hound", "https://commons.wikimedia.org/wiki/User:Pharaoh_Hound"),
    ] == segments(a.authors[2])
    assert "derivative work: December21st2012Freak" == a.authors[-1].text
    assert all("talk" not in b.text for b in a.authors)
    assert a.source_credit is None
    assert 0 == a.more_authors


def test_author_count_beyond_the_names_is_counted() -> None:
    """AuthorCount above the named authors gives more_authors and the warning."""
    m = attrs.evolve(
        media("commons_Helene_Fischer_2010.jpg_cc-by-sa-3.0.json"), author_count=3
    )
    a = attribute(m)
    assert 2 == a.more_authors
    assert ("multiple-authors",) == a.warnings


def test_local_dewiki_file_keeps_its_wiki() -> None:
    """A local dewiki file: links and licence page on de.wikipedia, not Commons."""
    a = attribute(
        media("dewiki_local_1_FC_Bamberg_-_1_FC_Nuernberg_1901.jpg_pd-alt-100.json")
    )
    assert DEWIKI_FILE == a.source_url
    assert DEWIKI_FILE == a.license.url
    assert "Wikipedia" == a.site_name
    assert "1 FC Bamberg - 1 FC Nürnberg 1901" == a.title
    assert a.source_credit is not None
    assert a.source_credit.text.startswith("Scan aus Die Legende vom Club.")


def test_relative_artist_link_resolves_on_the_local_wiki() -> None:
    """A site-relative user link of a dewiki file points to de.wikipedia.org."""
    record = {
        "title": "Datei:Beispiel.jpg",
        "ns": 6,
        "imagerepository": "local",
        "imageinfo": [
            {
                "descriptionurl": "https://de.wikipedia.org/wiki/Datei:Beispiel.jpg",
                "extmetadata": {
                    "Artist": {
                        "value": '<a href="/wiki/Benutzer:Anna_B" title="x">Anna B'
                        '</a> (<a href="/wiki/Benutzer_Diskussion:Anna_B">'
                        "Diskussion</a>)"
                    },
                    "LicenseShortName": {"value": "CC BY-SA 3.0 de"},
                },
            }
        ],
    }
    from wikireuse.media import parse_imageinfo

    a = attribute(parse_imageinfo(record, wiki="https://de.wikipedia.org/w/api.php"))
    assert [("Anna B", "https://de.wikipedia.org/wiki/Benutzer:Anna_B")] == segments(
        a.authors[0]
    )
    assert "CC BY-SA 3.0 de" == a.license.short_name
    assert "https://creativecommons.org/licenses/by-sa/3.0/de/" == a.license.url
    assert ("no-source",) == a.warnings


def test_public_domain_and_cc0_need_no_credit() -> None:
    """PD is kind public-domain and CC0 kind waiver; neither requires credit."""
    pd = attribute(media("commons_Kinkaku3402CBcropped.jpg_pd-self.json"))
    cc0 = attribute(media("commons_Foobar.jpg_cc0.json"))
    assert ("public-domain", False) == (pd.license.kind, pd.required)
    assert ("waiver", False) == (cc0.license.kind, cc0.required)
    assert ["Fg2"] == [b.text for b in pd.authors]  # still recommended


def test_no_metadata_file_is_not_reusable() -> None:
    """Without extmetadata nothing is named and the licence is unknown."""
    a = attribute(media("viwiki_imageinfo_Mix_breed_dog.jpg_no-extmetadata.json"))
    assert () == a.authors
    assert a.credit_line is None
    assert a.license.is_unknown
    assert not a.reusable


def test_non_free_file_is_flagged() -> None:
    """NonFree metadata gives the non-free warning and reusable False."""
    m = attrs.evolve(
        media("commons_Helene_Fischer_2010.jpg_cc-by-sa-3.0.json"),
        problems=("non-free",),
        non_free=True,
    )
    a = attribute(m)
    assert ("non-free",) == a.warnings
    assert not a.reusable


def test_attribution_conflict_still_requires_credit() -> None:
    """AttributionRequired=false cannot waive CC BY-SA's credit condition."""
    m = attrs.evolve(
        media("commons_Helene_Fischer_2010.jpg_cc-by-sa-3.0.json"),
        attribution_required=False,
        problems=("attribution-conflict",),
    )
    assert attribute(m).required


def test_conflicting_licence_url_is_not_shown() -> None:
    """A LicenseUrl naming another licence gives way to the licence's own deed."""
    m = attrs.evolve(
        media("commons_Helene_Fischer_2010.jpg_cc-by-sa-3.0.json"),
        license=PageLicense(
            spdx="CC-BY-SA-3.0",
            name="x",
            url="https://creativecommons.org/licenses/by/2.0/",
            basis="b",
        ),
        problems=("license-conflict",),
    )
    assert "https://creativecommons.org/licenses/by-sa/3.0/" == attribute(m).license.url


def test_unknown_file_licence_keeps_what_the_metadata_says() -> None:
    """An unrecognised LicenseShortName stays as the unknown licence's name."""
    m = attrs.evolve(
        media("commons_Helene_Fischer_2010.jpg_cc-by-sa-3.0.json"),
        license=PageLicense(
            spdx=UNKNOWN_ID, name="", url="https://example.org/terms", basis="b"
        ),
        license_short_name="Custom licence 7",
        problems=("unknown-license",),
    )
    a = attribute(m)
    assert ("unknown", "Custom licence 7", "https://example.org/terms") == (
        a.license.kind,
        a.license.name,
        a.license.url,
    )
    assert ("unknown-license",) == a.warnings


def test_file_title_without_object_name() -> None:
    """Without ObjectName the title is the file name, namespace and extension cut."""
    m = attrs.evolve(
        media("commons_Helene_Fischer_2010.jpg_cc-by-sa-3.0.json"), object_name=None
    )
    assert "Helene Fischer 2010" == attribute(m).title


def test_file_without_urls_links_its_page_on_the_wiki() -> None:
    """No descriptionurl: the short URL, else the file page via index.php."""
    m = media("commons_Helene_Fischer_2010.jpg_cc-by-sa-3.0.json")
    short = attrs.evolve(m, description_url=None)
    bare = attrs.evolve(short, description_short_url=None)
    assert short.description_short_url == attribute(short).source_url
    assert (
        "https://commons.wikimedia.org/w/index.php?title=File:Helene_Fischer_2010.jpg"
        == attribute(bare).source_url
    )
    assert COMMONS_API == bare.wiki


# --- articles -----------------------------------------------------------------------


def test_article_history_mode() -> None:
    """Default: the permalink, the history link, no author list, no no-author."""
    article = make_article()
    a = attribute(article)
    assert "article" == a.kind
    assert "Ada Lovelace" == a.title
    assert article.permalink == a.source_url
    assert article.url == a.page_url
    assert article.history_url == a.history_url
    assert "history" == a.author_mode
    assert () == a.authors
    assert "Wikipedia" == a.site_name
    assert (1234, article.timestamp) == (a.revid, a.timestamp)
    assert () == a.warnings
    assert a.required
    assert () == a.alternatives
    assert "en" == a.lang


def test_article_page_link() -> None:
    """link='page' credits the page as it is now."""
    article = make_article()
    a = attribute(article, link="page")
    assert article.url == a.source_url


def test_article_list_mode_links_user_pages() -> None:
    """authors='list': each registered user linked to their page, anonymous count."""
    article = make_article(
        host="de.wikipedia.org",
        contributors=people("Alice", "Bob Smith", "Zoë/Test?", anonymous=4),
    )
    a = attribute(article, authors="list")
    assert "list" == a.author_mode
    assert 4 == a.anonymous_authors
    assert [
        [("Alice", "https://de.wikipedia.org/wiki/User:Alice")],
        [("Bob Smith", "https://de.wikipedia.org/wiki/User:Bob_Smith")],
        [("Zoë/Test?", "https://de.wikipedia.org/wiki/User:Zo%C3%AB/Test%3F")],
    ] == [segments(b) for b in a.authors]
    assert () == a.warnings


def test_article_list_mode_without_a_usable_url_names_users_unlinked() -> None:
    """When the article URL is not the title's path, names stay unlinked."""
    article = attrs.evolve(
        make_article(contributors=people("Alice")),
        url="https://en.wikipedia.org/?curid=7",
    )
    a = attribute(article, authors="list")
    assert [[("Alice", None)]] == [segments(b) for b in a.authors]


def test_article_list_mode_needs_contributors() -> None:
    """authors='list' on an article fetched without contributors is an error."""
    with pytest.raises(ConfigurationError, match="contributors=True"):
        attribute(make_article(), authors="list")


def test_article_site_name_falls_back_to_the_project() -> None:
    """Without a stored site name the project comes from the host."""
    assert (
        "Wiktionary"
        == attribute(make_article(host="fr.wiktionary.org", site_name="")).site_name
    )
    assert (
        "wiki.example.org"
        == attribute(make_article(host="wiki.example.org", site_name="")).site_name
    )
    assert (
        "Wikipédia"
        == attribute(
            make_article(host="fr.wikipedia.org", site_name="Wikipédia")
        ).site_name
    )


@pytest.mark.parametrize(
    ("stamp", "short", "url"),
    [
        (
            datetime(2012, 4, 3, tzinfo=UTC),
            "CC BY-SA 3.0",
            "https://creativecommons.org/licenses/by-sa/3.0/",
        ),
        (
            datetime(2024, 1, 1, tzinfo=UTC),
            "CC BY-SA 4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
    ],
)
def test_article_licence_follows_the_revision(
    stamp: datetime, short: str, url: str
) -> None:
    """A 2012 revision is credited under CC BY-SA 3.0, a 2024 one under 4.0."""
    license = LicenseTimeline().license_for(
        rights_url="https://creativecommons.org/licenses/by-sa/4.0/",
        rights_text="Creative Commons Attribution-Share Alike 4.0",
        timestamp=stamp,
        wikimedia=True,
    )
    a = attribute(make_article(license=license, stamp=stamp))
    assert (short, url, "license") == (
        a.license.short_name,
        a.license.url,
        a.license.kind,
    )


def test_gfdl_is_opt_in() -> None:
    """allow_gfdl=True offers GFDL 1.2 or later as well, with the gfdl warning."""
    a = attribute(make_article(), allow_gfdl=True)
    assert ("gfdl",) == a.warnings
    assert 1 == len(a.alternatives)
    gfdl = a.alternatives[0]
    assert ("GFDL-1.2-no-invariants-or-later", "GFDL 1.2 or later", "license") == (
        gfdl.id,
        gfdl.short_name,
        gfdl.kind,
    )
    assert "https://www.gnu.org/licenses/old-licenses/fdl-1.2.html" == gfdl.url
    assert "CC-BY-SA-4.0" == a.license.id


@pytest.mark.parametrize(
    ("host", "license"),
    [
        ("wiki.example.org", BY_SA_4),
        (
            "en.wikinews.org",
            PageLicense(
                spdx="CC-BY-4.0",
                name="CC BY 4.0",
                url="https://creativecommons.org/licenses/by/4.0/",
                basis="b",
            ),
        ),
    ],
)
def test_gfdl_only_for_wikimedia_cc_by_sa_text(host: str, license: PageLicense) -> None:
    """The GFDL is refused for other wikis and for text under another licence."""
    with pytest.raises(ConfigurationError, match="GFDL"):
        attribute(make_article(host=host, license=license), allow_gfdl=True)


def test_unknown_article_licence_keeps_the_declared_name() -> None:
    """A wiki's unrecognised licence stays unknown with its declared name and URL."""
    license = PageLicense(
        spdx=UNKNOWN_ID,
        name="All rights reserved",
        url="https://wiki.example.org/wiki/Project:Copyrights",
        basis="b",
    )
    a = attribute(make_article(host="wiki.example.org", license=license))
    assert (
        LicenseNotice(
            id=UNKNOWN_ID,
            name="All rights reserved",
            short_name="All rights reserved",
            url="https://wiki.example.org/wiki/Project:Copyrights",
            kind="unknown",
        )
        == a.license
    )
    assert ("unknown-license",) == a.warnings
    assert not a.reusable


def test_article_without_any_licence() -> None:
    """A wiki that declares nothing: no-license."""
    license = PageLicense(spdx=UNKNOWN_ID, name="", url="", basis="b")
    a = attribute(make_article(host="wiki.example.org", license=license))
    assert ("no-license",) == a.warnings


# --- options -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("modified", "notes"),
    [
        (False, ()),
        (True, ("",)),
        ("cropped", ("cropped",)),
        (["cropped", "colours adjusted"], ("cropped", "colours adjusted")),
        (("  translated  ",), ("translated",)),
        ([], ()),
    ],
)
def test_modifications(modified: Any, notes: tuple[str, ...]) -> None:
    """modified= gives change notes in order; True is the undescribed 'modified'."""
    assert notes == attribute(make_article(), modified=modified).modifications


def test_modified_by_names_the_last_change() -> None:
    """modified_by is kept (whitespace tidied) with the notes."""
    a = attribute(
        make_article(), modified=["cropped", "recoloured"], modified_by="  Jane   Doe "
    )
    assert ("cropped", "recoloured") == a.modifications
    assert "Jane Doe" == a.modified_by


def test_earlier_notes_come_first() -> None:
    """A work's earlier change notes stay before the reuser's (CC 4.0 3(a)(1)(B))."""
    work = Work(
        title="Map",
        authors=("Ann",),
        license="CC BY-SA 4.0",
        modifications=("translated by Bo",),
    )
    a = attribute(work, modified="cropped", modified_by="Cy")
    assert ("translated by Bo", "cropped") == a.modifications
    assert "Cy" == a.modified_by


@pytest.mark.parametrize(
    "kwargs",
    [
        {"modified": ""},
        {"modified": "   "},
        {"modified": ["cropped", ""]},
        {"modified": ["cropped", 3]},
        {"modified": 3},
        {"modified_by": "Jane"},
        {"modified": True, "modified_by": 5},
        {"lang": "xx"},
        {"lang": "EN"},
        {"authors": "everyone"},
        {"link": "short"},
        {"allow_gfdl": "yes"},
        {"accessed": "2026-11-27"},
        {"accessed": datetime(2026, 11, 27, 10, 0)},
    ],
)
def test_bad_options_are_configuration_errors(kwargs: dict[str, Any]) -> None:
    """Every bad option is a ConfigurationError, never a silent fallback."""
    with pytest.raises(ConfigurationError):
        attribute(make_article(), **kwargs)


@pytest.mark.parametrize("item", ["Ada Lovelace", {"title": "x"}, None, 42])
def test_wrong_item_type(item: Any) -> None:
    """Anything but an Article, MediaFile, Entity or Work is refused."""
    with pytest.raises(ConfigurationError, match="takes an Article"):
        attribute(item)


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_shipped_languages_are_accepted(lang: str) -> None:
    """The four shipped languages are accepted and recorded."""
    assert lang == attribute(make_article(), lang=lang).lang


def test_languages_come_from_the_catalogue() -> None:
    """A language added to a custom catalogue is accepted there, not by default."""
    custom = DEFAULT_CATALOGUE.with_language("it", DEFAULT_CATALOGUE.messages["en"])
    assert "it" == attribute(make_article(), lang="it", catalogue=custom).lang
    with pytest.raises(ConfigurationError, match="'it'"):
        attribute(make_article(), lang="it")
    with pytest.raises(ConfigurationError, match="Catalogue"):
        attribute(make_article(), catalogue={"en": {}})  # type: ignore[arg-type]


def test_accessed_is_a_date() -> None:
    """accessed: a date is kept; an aware datetime becomes its (local) date."""
    day = date(2026, 11, 27)
    late = datetime(2026, 11, 27, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert day == attribute(make_article(), accessed=day).accessed
    assert day == attribute(make_article(), accessed=late).accessed
    assert attribute(make_article()).accessed is None


def test_list_mode_is_for_pages_only() -> None:
    """authors='list' on a file is an error: files have no contributor list here."""
    with pytest.raises(ConfigurationError, match="wiki page"):
        attribute(media("commons_Foobar.jpg_cc0.json"), authors="list")


def test_gfdl_is_refused_for_files_entities_and_works() -> None:
    """allow_gfdl applies to wiki page text only."""
    entity = Entity(
        wiki="https://www.wikidata.org/w/api.php",
        id="Q1",
        type="item",
        license=WIKIDATA_LICENSE,
    )
    for item in (
        media("commons_Foobar.jpg_cc0.json"),
        entity,
        Work(title="T", authors=("A",), license="CC BY 4.0"),
    ):
        with pytest.raises(ConfigurationError, match="allow_gfdl"):
            attribute(item, allow_gfdl=True)


# --- entities ------------------------------------------------------------------------


def wikidata_entity(**changes: Any) -> Entity:
    """Q42 as wbgetentities gives it."""
    entity = Entity(
        wiki="https://www.wikidata.org/w/api.php",
        id="Q42",
        type="item",
        title="Q42",
        url="https://www.wikidata.org/wiki/Q42",
        labels=(
            Term(language="de", value="Douglas Adams (Autor)"),
            Term(language="en", value="Douglas Adams"),
        ),
        lastrevid=2000,
        modified=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        license=WIKIDATA_LICENSE,
    )
    return attrs.evolve(entity, **changes)


def test_wikidata_entity_is_cc0() -> None:
    """A Wikidata item: marked CC0 1.0, no credit required, no author warning."""
    a = attribute(wikidata_entity())
    assert "entity" == a.kind
    assert "Douglas Adams" == a.title
    assert "https://www.wikidata.org/wiki/Q42" == a.source_url
    assert "Wikidata" == a.site_name
    assert ("CC0-1.0", "CC0 1.0", "waiver") == (
        a.license.id,
        a.license.short_name,
        a.license.kind,
    )
    assert not a.required
    assert () == a.warnings
    assert "" == a.history_url
    assert 2000 == a.revid


def test_entity_title_language_fallback() -> None:
    """The label in lang, else English, else the id."""
    assert "Douglas Adams (Autor)" == attribute(wikidata_entity(), lang="de").title
    assert "Douglas Adams" == attribute(wikidata_entity(), lang="fr").title
    assert "Q42" == attribute(wikidata_entity(labels=())).title


def test_entity_title_in_a_regional_language() -> None:
    """de-AT falls back to the German label."""
    assert (
        "Douglas Adams (Autor)"
        == attribute(
            wikidata_entity(),
            lang="de-AT",
            catalogue=DEFAULT_CATALOGUE.with_language(
                "de-AT", DEFAULT_CATALOGUE.messages["de"]
            ),
        ).title
    )


def test_entity_without_url_links_index_php() -> None:
    """An entity parsed without a URL links its page through index.php."""
    a = attribute(wikidata_entity(url="", title="Property:P31", id="P31"))
    assert "https://www.wikidata.org/w/index.php?title=Property:P31" == a.source_url


def test_other_wikibase_under_cc_by_sa_credits_the_history() -> None:
    """A Wikibase under CC BY-SA: credit required, through the entity's history."""
    entity = wikidata_entity(
        wiki="https://wb.example.org/w/api.php",
        url="https://wb.example.org/wiki/Item:Q42",
        license=BY_SA_4,
    )
    a = attribute(entity)
    assert a.required
    assert "https://wb.example.org/w/index.php?title=Q42&action=history" == (
        a.history_url
    )
    assert "wb.example.org" == a.site_name
    assert () == a.warnings


def test_entity_with_unknown_licence() -> None:
    """A Wikibase declaring an unknown licence: unknown-license."""
    entity = wikidata_entity(
        license=PageLicense(spdx=UNKNOWN_ID, name="Own terms", url="", basis="b")
    )
    a = attribute(entity)
    assert ("unknown-license",) == a.warnings
    assert a.required


# --- works --------------------------------------------------------------------------


def test_work_record() -> None:
    """A plain work: authors linked by position, licence parsed, source named."""
    work = Work(
        title="Sunset over Lake",
        authors=("Ann Example", "Bo"),
        author_urls=("https://example.org/ann",),
        source_url="https://archive.example.org/item/7",
        license="CC BY 4.0",
        source_name="Internet Archive",
        copyright_notice="© 2020 Ann Example",
    )
    a = attribute(work, accessed=date(2026, 11, 27))
    assert "work" == a.kind
    assert [
        [("Ann Example", "https://example.org/ann")],
        [("Bo", None)],
    ] == [segments(b) for b in a.authors]
    assert (
        "CC-BY-4.0",
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ) == (
        a.license.id,
        a.license.short_name,
        a.license.url,
    )
    assert "Internet Archive" == a.site_name
    assert "https://archive.example.org/item/7" == a.source_url
    assert "© 2020 Ann Example" == a.copyright_notice
    assert () == a.warnings
    assert a.required


def test_work_choice_of_licences() -> None:
    """'A OR B': the first is the licence, the rest are alternatives."""
    work = Work(title="T", authors=("A",), license="CC-BY-SA-4.0 OR GFDL-1.3-or-later")
    a = attribute(work)
    assert "CC-BY-SA-4.0" == a.license.id
    assert ("GFDL-1.3-or-later",) == tuple(n.id for n in a.alternatives)


def test_work_unknown_and_missing_licence() -> None:
    """Unknown licence text stays unknown; empty text is no-license."""
    unknown = attribute(Work(title="T", authors=("A",), license="Ask me first"))
    assert ("unknown", "Ask me first") == (unknown.license.kind, unknown.license.name)
    assert ("unknown-license",) == unknown.warnings
    missing = attribute(Work(title="T", authors=("A",), license=" "))
    assert ("no-license",) == missing.warnings


def test_work_licence_given_as_url() -> None:
    """A licence URL names the licence and is kept as its URL."""
    a = attribute(
        Work(
            title="T",
            authors=("A",),
            license="https://creativecommons.org/licenses/by/4.0/deed.de",
        )
    )
    assert ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/deed.de") == (
        a.license.id,
        a.license.url,
    )


def test_work_without_authors_or_title() -> None:
    """No authors: no-author. No title: no-title where the licence asks for one."""
    old = attribute(Work(title="", license="CC BY 3.0"))
    new = attribute(Work(title="", license="CC BY 4.0"))
    assert ("no-author", "no-title") == old.warnings
    assert ("no-author",) == new.warnings


@pytest.mark.parametrize(
    "work",
    [
        Work(title="T", authors=("A",), license="MIT AND CC-BY-4.0"),
        Work(
            title="T",
            authors=("A",),
            license="CC BY 4.0",
            author_urls=("javascript:alert(1)",),
        ),
        Work(
            title="T",
            authors=("A",),
            license="CC BY 4.0",
            author_urls=("https://a.example", "https://b.example"),
        ),
        Work(title="T", authors=("A",), license="CC BY 4.0", source_url="ftp://x.org/"),
        Work(title="T", authors=("A", " "), license="CC BY 4.0"),
        Work(title=None, authors=("A",), license="CC BY 4.0"),  # type: ignore[arg-type]
        Work(title="T", authors=("A",), license=4),  # type: ignore[arg-type]
        Work(title="T", authors=("A",), license="CC BY 4.0", modifications=(1,)),
    ],
)
def test_bad_work_records(work: Work) -> None:
    """A combination of licences, unsafe or surplus URLs, blank names: errors."""
    with pytest.raises(ConfigurationError):
        attribute(work)


# --- licence notices ------------------------------------------------------------


@pytest.mark.parametrize(
    ("license_id", "short", "kind"),
    [
        ("CC-BY-SA-4.0", "CC BY-SA 4.0", "license"),
        ("CC-BY-2.5-AU", "CC BY 2.5 au", "license"),
        ("LicenseRef-wikireuse-CC-BY-SA-2.0-FR", "CC BY-SA 2.0 fr", "license"),
        ("CC-BY-SA-2.0-UK", "CC BY-SA 2.0 uk", "license"),
        ("CC-BY-NC-ND-3.0-IGO", "CC BY-NC-ND 3.0 igo", "license"),
        ("CC-SA-1.0", "CC SA 1.0", "license"),
        ("CC0-1.0", "CC0 1.0", "waiver"),
        ("CC-PDM-1.0", "Public Domain Mark 1.0", "public-domain"),
        ("LicenseRef-wikireuse-PD-old-70", "Public domain", "public-domain"),
        ("GFDL-1.2-no-invariants-or-later", "GFDL 1.2 or later", "license"),
        ("GFDL-1.3-only", "GFDL 1.3 only", "license"),
        (
            "GFDL-1.2-invariants-only",
            "GFDL 1.2 only with invariant sections",
            "license",
        ),
        ("GPL-3.0-or-later", "GPL 3.0 or later", "license"),
        ("LAL-1.3", "FAL 1.3", "license"),
        ("ODbL-1.0", "ODbL 1.0", "license"),
        ("PDDL-1.0", "PDDL 1.0", "waiver"),
        ("MIT", "MIT", "license"),
    ],
)
def test_short_names(license_id: str, short: str, kind: str) -> None:
    """Short names: Commons' CC spelling, CC0 1.0, PD, GNU grants, others."""
    notice = notice_from_license(get(license_id))
    assert (license_id, short, kind) == (notice.id, notice.short_name, notice.kind)


def test_cc_short_names_are_the_commons_spelling() -> None:
    """Every CC licence's short name is one Commons' LicenseShortName uses."""
    checked = 0
    for license in all_licenses():
        commons = [n for n in license.extmetadata_names if n.startswith("CC ")]
        if commons:
            checked += 1
            assert short_name(license) in commons
            assert license.id == parse(short_name(license)).license.id  # type: ignore[union-attr]
    assert 100 < checked


def test_every_licence_has_a_short_name_and_url() -> None:
    """No record gives an empty short name or URL."""
    for license in all_licenses():
        notice = notice_from_license(license)
        assert notice.short_name.strip()
        assert notice.url.startswith("https://")


def test_notice_url_override_and_unknown_record() -> None:
    """url= replaces the deed URL; the unknown record gives kind unknown."""
    notice = notice_from_license(get("CC-BY-4.0"), url="https://example.org/deed")
    assert "https://example.org/deed" == notice.url
    unknown = notice_from_license(parse("Foo licence").license)  # type: ignore[union-attr]
    assert (UNKNOWN_ID, "unknown") == (unknown.id, unknown.kind)
    assert unknown.is_unknown


def test_license_notice_from_license_classmethod() -> None:
    """LicenseNotice.from_license is the same as notice_from_license."""
    assert notice_from_license(get("CC0-1.0")) == LicenseNotice.from_license(
        get("CC0-1.0")
    )


def test_page_licence_notice() -> None:
    """A PageLicense's notice: the KB record, its URL kept when it is the same."""
    notice = notice_from_page_license(BY_SA_4)
    assert ("CC-BY-SA-4.0", "CC BY-SA 4.0", BY_SA_4.url, "4.0") == (
        notice.id,
        notice.short_name,
        notice.url,
        notice.version,
    )
    stale = PageLicense(spdx="LicenseRef-wikireuse-gone", name="Gone", url="", basis="")
    assert ("unknown", "Gone") == (
        notice_from_page_license(stale).kind,
        notice_from_page_license(stale).name,
    )
    choice = PageLicense(
        spdx="CC-BY-SA-3.0 OR GFDL-1.2-no-invariants-or-later",
        name="x",
        url="",
        basis="",
    )
    assert "CC-BY-SA-3.0" == notice_from_page_license(choice).id


# --- site names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "name"),
    [
        ("en.wikipedia.org", "Wikipedia"),
        ("de.m.wikipedia.org", "Wikipedia"),
        ("commons.wikimedia.org", "Wikimedia Commons"),
        ("commons.m.wikimedia.org", "Wikimedia Commons"),
        ("www.wikidata.org", "Wikidata"),
        ("fr.wiktionary.org", "Wiktionary"),
        ("de.wikisource.org", "Wikisource"),
        ("en.wikivoyage.org", "Wikivoyage"),
        ("en.wikinews.org", "Wikinews"),
        ("en.wikiquote.org", "Wikiquote"),
        ("en.wikibooks.org", "Wikibooks"),
        ("en.wikiversity.org", "Wikiversity"),
        ("species.wikimedia.org", "Wikispecies"),
        ("meta.wikimedia.org", "Meta-Wiki"),
        ("www.mediawiki.org", "MediaWiki"),
        ("upload.wikimedia.org", "upload.wikimedia.org"),
        ("wikipedia.org.evil.example", "wikipedia.org.evil.example"),
        ("127.0.0.1", "127.0.0.1"),
    ],
)
def test_site_names(host: str, name: str) -> None:
    """Wikimedia projects by name, anything else by host."""
    assert name == site_name_for_host(host)


def test_site_name_for_url_without_host() -> None:
    """A URL without a host has no site name."""
    assert "" == site_name_for_url("not a url")
    assert "Wikidata" == site_name_for_url("https://www.wikidata.org/wiki/Q1")


# --- bylines --------------------------------------------------------------------------


def test_byline_places_links_in_order() -> None:
    """Repeated link texts are placed one after the other, not twice on the first."""
    rich = RichText(
        html="",
        text="Ann and Ann Bee",
        links=(
            Link(text="Ann", url="https://a.example/1"),
            Link(text="Ann", url="https://a.example/2"),
        ),
    )
    assert [
        ("Ann", "https://a.example/1"),
        (" and ", None),
        ("Ann", "https://a.example/2"),
        (" Bee", None),
    ] == segments(byline_from_rich(rich))


def test_byline_prefers_whole_words() -> None:
    """A link's text is placed on a whole word, not inside a longer one."""
    rich = RichText(
        html="",
        text="Fotograf: Graf",
        links=(Link(text="Graf", url="HTTPS://g.example/"),),
    )
    assert [("Fotograf: ", None), ("Graf", "https://g.example/")] == segments(
        byline_from_rich(rich)
    )


def test_byline_drops_links_it_cannot_place_or_trust() -> None:
    """Unplaceable or non-http(s) links are dropped; the text stays whole."""
    rich = RichText(
        html="",
        text="Ann Bee",
        links=(
            Link(text="Zed", url="https://z.example/"),
            Link(text="Ann", url="javascript:alert(1)"),
            Link(text="Bee", url="https://b.example/"),
            Link(text="", url="https://empty.example/"),
        ),
    )
    assert [("Ann ", None), ("Bee", "https://b.example/")] == segments(
        byline_from_rich(rich)
    )


def test_byline_link_across_a_line_break() -> None:
    """A link whose text spans a line break in the clean text is still placed."""
    rich = RichText.from_html('<a href="https://x.example/">Ann<br>Bee</a> et al.')
    byline = byline_from_rich(rich)
    assert rich.text == byline.text
    assert "https://x.example/" == byline.segments[0].url


def test_byline_from_rich_classmethod_and_empty() -> None:
    """Byline.from_rich delegates; empty text gives no segments."""
    rich = RichText.from_html("<b>Ann</b>")
    assert byline_from_rich(rich) == Byline.from_rich(rich)
    assert () == byline_from_rich(RichText(html="", text="")).segments


HTML_PIECES = st.sampled_from(
    [
        '<a href="javascript:alert(1)">',
        '<a href=" java\nscript:alert(1)">',
        '<a href="data:text/html,<b>x</b>">',
        '<a href="vbscript:x">',
        '<a href="//commons.wikimedia.org/wiki/User:A">',
        '<a href="/wiki/User:B">',
        '<a href="https://ok.example/p?q=1&amp;r=2">',
        '<a href="http://user:pw@evil.example/">',
        '<a href="https://trusted.org@evil.example/">',
        '<a href="/wiki/User_talk:B">',
        '<a onclick="x()" href="https://ok.example/">',
        "</a>",
        "<script>alert(1)</script>",
        '<span style="display:none">',
        "</span>",
        "<li>",
        "</li>",
        "<br>",
        "<p>",
        "</p>",
        "&amp;",
        "&lt;script&gt;",
        "<img src=x onerror=alert(1)>",
        "<div class=vcard><span id=creator>",
        "</div>",
        " ",
        "\n",
    ]
)
HTML = st.lists(st.one_of(HTML_PIECES, st.text(max_size=8)), max_size=14).map("".join)


@given(HTML)
def test_byline_keeps_the_visible_text_and_only_web_links(html: str) -> None:
    """For any HTML: the byline's text is the clean text; every URL is http(s)."""
    rich = RichText.from_html(
        html, page_url="https://commons.wikimedia.org/wiki/File:X.jpg"
    )
    byline = byline_from_rich(rich)
    assert rich.text == byline.text
    known = {link.url for link in rich.links}
    for segment in byline.segments:
        if segment.url is not None:
            assert segment.url.startswith(("https://", "http://"))
            assert segment.url in known


URLS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "//example.org/a",
            "/wiki/User:A",
            "https://example.org/a b",
            "http://example.org/",
            "https://user@example.org/",
            "ftp://example.org/",
        ]
    ),
)


@given(
    st.text(max_size=40),
    st.lists(st.tuples(st.text(max_size=10), URLS), max_size=6),
)
def test_byline_never_loses_text_nor_invents_links(
    text: str, links: list[tuple[str, str]]
) -> None:
    """Arbitrary RichText: text kept whole, linked runs carry one of its link texts."""
    rich = RichText(
        html="", text=text, links=tuple(Link(text=t, url=u) for t, u in links)
    )
    byline = byline_from_rich(rich)
    assert text == byline.text
    texts = {" ".join(t.split()) for t, _ in links}
    for segment in byline.segments:
        if segment.url is not None:
            assert segment.url.startswith(("https://", "http://"))
            assert " ".join(segment.text.split()) in texts


# --- Article.site_name: records, store, fetcher ---------------------------------------


def test_article_site_name_round_trips() -> None:
    """site_name is written by to_dict/to_json and read back."""
    article = make_article(site_name="Wikipédia")
    assert "Wikipédia" == article.to_dict()["site_name"]
    assert article == Article.from_dict(article.to_dict())
    assert article == Article.from_json(article.to_json())


def test_old_article_record_without_site_name_loads() -> None:
    """A record stored before the field existed loads with site_name ''."""
    data = make_article().to_dict()
    del data["site_name"]
    loaded = Article.from_dict(data)
    assert "" == loaded.site_name
    assert "Wikipedia" == attribute(loaded).site_name


def test_store_keeps_site_name(tmp_path: Path) -> None:
    """The snapshot store hands the site name back."""
    clock = FakeClock()
    article = make_article(site_name="Wikipédia")
    with Store(tmp_path / "s.sqlite", wall_clock=clock.wall) as store:
        store.put(article)
        back = store.get(wiki=article.wiki, revid=article.revid)
    assert back is not None
    assert "Wikipédia" == back.site_name


def _canned_frwiki(request: requests.PreparedRequest) -> requests.Response:
    """A French wiki whose siteinfo names itself Wikipédia; one page, two authors."""
    params = request_params(request)
    if "titles" not in params:
        return make_response(
            json=siteinfo(
                sitename="Wikipédia",
                lang="fr",
                server="https://fr.wikipedia.org",
                wikiid="frwiki",
            )
        )
    text = "Ada Lovelace est une mathématicienne."
    sha1 = hashlib.sha1(text.encode()).hexdigest()  # noqa: S324 - MediaWiki's
    url = "https://fr.wikipedia.org/wiki/Ada_Lovelace"
    revision = {
        "revid": 70,
        "parentid": 0,
        "user": "Alice",
        "timestamp": "2024-01-02T03:04:05Z",
        "size": len(text.encode()),
        "sha1": sha1,
        "comment": "création",
        "slots": {"main": {"contentmodel": "wikitext", "content": text, "sha1": sha1}},
    }
    return make_response(
        json=query_pages(
            [
                page(
                    "Ada Lovelace",
                    7,
                    contentmodel="wikitext",
                    pagelanguage="fr",
                    lastrevid=70,
                    length=len(text.encode()),
                    fullurl=url,
                    canonicalurl=url,
                    revisions=[revision],
                    contributors=[
                        {"userid": 1, "name": "Alice"},
                        {"userid": 2, "name": "Élise B"},
                    ],
                    anoncontributors=2,
                )
            ]
        )
    )


def test_fetched_article_carries_the_wiki_name() -> None:
    """The fetcher fills site_name from siteinfo; attribute() uses it."""
    fake = fake_client(_canned_frwiki, wiki="fr.wikipedia.org")
    article = fake.client.article("Ada Lovelace", contributors=True)
    assert "Wikipédia" == article.site_name
    a = attribute(article, authors="list", lang="fr", accessed=date(2026, 11, 27))
    assert "Wikipédia" == a.site_name
    assert "https://fr.wikipedia.org/w/index.php?title=Ada_Lovelace&oldid=70" == (
        a.source_url
    )
    assert [
        [("Alice", "https://fr.wikipedia.org/wiki/User:Alice")],
        [("Élise B", "https://fr.wikipedia.org/wiki/User:%C3%89lise_B")],
    ] == [segments(b) for b in a.authors]
    assert 2 == a.anonymous_authors
    assert "CC BY-SA 4.0" == a.license.short_name


def test_attribution_is_an_attribution() -> None:
    """attribute() returns the public record type, with segments of plain text."""
    a = attribute(make_article())
    assert isinstance(a, Attribution)
    assert Segment(text="x") == Byline.plain("x").segments[0]


def test_work_url_with_a_lone_surrogate_is_a_configuration_error() -> None:
    """A URL UTF-8 cannot encode is refused with ConfigurationError, not a crash."""
    with pytest.raises(ConfigurationError, match="source_url"):
        attribute(
            Work(
                title="x",
                authors=("a",),
                license="CC BY 4.0",
                source_url="https://example.org/\ud800",
            )
        )
    with pytest.raises(ConfigurationError, match="author URL"):
        attribute(
            Work(
                title="x",
                authors=("a",),
                license="CC BY 4.0",
                author_urls=("https://example.org/\udfff",),
            )
        )


def test_artist_link_with_a_lone_surrogate_is_left_unlinked() -> None:
    """A link in Artist that UTF-8 cannot encode stays plain text."""
    rich = RichText(
        html="<a>Bob</a>",
        text="Bob",
        links=(Link(text="Bob", url="https://example.org/\ud800"),),
    )
    assert [("Bob", None)] == segments(byline_from_rich(rich))


def test_blank_artist_and_credit_are_flagged_like_missing_ones() -> None:
    """Artist/Credit with only hidden or blank text: no-author and no-source."""
    hidden = RichText(html='<span style="display:none">Hidden</span>', text="")
    m = attrs.evolve(
        media("commons_Helene_Fischer_2010.jpg_cc-by-sa-3.0.json"),
        artist=hidden,
        credit=RichText(html="<span> </span>", text=" "),
        attribution=None,
        problems=(),
    )
    a = attribute(m)
    assert () == a.authors
    assert ("no-author", "no-source") == a.warnings
    assert " by an unknown author, " in a.to_text()


_HEAVY = ("requests", "mwclient", "mwparserfromhell")


@pytest.mark.parametrize(
    "module",
    [
        "wikireuse.attribution",
        "wikireuse.messages",
        "wikireuse.citations",
        "wikireuse.credits",
    ],
)
def test_attribution_modules_import_no_http_or_wikitext_libraries(module):
    """Importing (and using) the attribution core loads no requests/mwclient."""
    code = (
        f"import {module}\n"
        "from wikireuse.attribution import Work, attribute\n"
        "from wikireuse.credits import Credits\n"
        "work = Work(title='T', authors=('A',), license='CC-BY-4.0')\n"
        "credit = attribute(work)\n"
        "pages = [credit.render(f) for f in ('text', 'html', 'markdown',"
        " 'wikitext', 'json')]\n"
        "pages.append(Credits([work]).to_html())\n"
    )

    assert [] == loaded(code, _HEAVY)

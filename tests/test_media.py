"""MediaFile: parsing real Commons extmetadata, errors, JSON, and the HTTP path."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SHARED_DATA, require_shared
from tests.support.faultproxy import Fault, FaultProxy, running_proxy
from tests.test_integration_client import make_client
from tests.test_integration_sync import sent
from wikireuse import Client, ConfigurationError, PageNotFoundError
from wikireuse.articles import PageLicense
from wikireuse.core import _json
from wikireuse.exceptions import InvalidResponseError, InvalidTitleError, RecordError
from wikireuse.licenses import UNKNOWN_ID
from wikireuse.media import (
    MEDIA_SCHEMA,
    PROBLEMS,
    Link,
    MediaFile,
    RichText,
    parse_imageinfo,
    parse_imageinfo_response,
)
from wikireuse.provenance import Provenance, content_hash
from wikireuse.testing import FakeClock, fake_client, make_response

RECORDS = SHARED_DATA / "commons-extmetadata"
COMMONS_API = "https://commons.wikimedia.org/w/api.php"
DEWIKI_API = "https://de.wikipedia.org/w/api.php"
UA = "wikireuse-tests/1.0 (https://example.net/; tests@wikireuse.invalid)"

# The 15 recorded files (PROVENANCE.md): whole responses, single page objects,
# and one bare imageinfo item.
RESPONSES = (
    "commons_Apple_Lisa2-IMG_1517.jpg_cc-by-sa-2.0-fr.json",
    "commons_Foobar.jpg_cc0.json",
    "commons_Helene_Fischer_2010.jpg_cc-by-sa-3.0.json",
    "commons_Collage_of_Nine_Dogs.jpg_cc-by-sa-3.0_multi-author.json",
    "commons_Kinkaku3402CBcropped.jpg_pd-self.json",
    "commons_Mark_Selby_DerHexer_2015_cc-by-sa-4.0_personality.json",
    "commons_Wood_cleaving_-_2016.webm_videoinfo_cc-by-sa-4.0.json",
    "dewiki_imageinfo_Harzer_Fuchs_Huendin_2.jpg_no-extmetadata.json",
    "dewiki_local_1_FC_Bamberg_-_1_FC_Nuernberg_1901.jpg_pd-alt-100.json",
    "hewiki_imageinfo_Collage_of_Nine_Dogs.jpg_no-extmetadata.json",
    "viwiki_imageinfo_Mix_breed_dog.jpg_no-extmetadata.json",
)
PAGES = (
    "commons_20120925_PlozevetBretagne_LoneTree_PtrQs.jpg_cc-by-sa-4.0.page.json",
    "commons_BHL8403911_sea-urchins_pd-old-70.page.json",
    "commons_Edvard_Munch_-_Night_in_Nice_1891.jpg_pd-art.page.json",
)
ITEM = "commons_Nl-Javaanse_herten.ogg_imageinfo_item_no-extmetadata.json"
ALL_RECORDS = (*RESPONSES, *PAGES, ITEM)


def load(name: str) -> dict[str, Any]:
    """A recorded file from ../shared/data (skipped, or failed in CI, if absent)."""
    path: Path = RECORDS / name
    require_shared(path)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def asked_title(response: dict[str, Any]) -> str:
    """The title the recorded request asked for (before normalisation)."""
    pages = response["query"]["pages"]
    page = next(iter(pages.values())) if isinstance(pages, dict) else pages[0]
    back = {n["to"]: n["from"] for n in response["query"].get("normalized", [])}
    title: str = page["title"]
    return back.get(title, title)


def media(name: str, *, lang: str = "en") -> MediaFile:
    """Parse one recorded file the way its shape needs."""
    data = load(name)
    wiki = DEWIKI_API if name.startswith("dewiki_local") else COMMONS_API
    if name in RESPONSES:
        return parse_imageinfo_response(
            data, wiki=wiki, title=asked_title(data), lang=lang
        )
    if name in PAGES:
        return parse_imageinfo(data, wiki=wiki, lang=lang)
    page = {"ns": 6, "title": "File:Nl-Javaanse herten.ogg", "imageinfo": [data]}
    return parse_imageinfo(page, wiki=wiki, lang=lang)


def test_all_fifteen_records_are_covered() -> None:
    """Every data file in the shared folder is one this module parses."""
    require_shared(RECORDS)
    on_disk = {p.name for p in RECORDS.glob("*.json") if ".meta." not in p.name}
    assert set(ALL_RECORDS) == on_disk
    assert 15 == len(ALL_RECORDS)


# --- real values ----------------------------------------------------------------


def test_apple_lisa() -> None:
    """Apple Lisa: CC BY-SA 2.0 fr, Rama & Musée Bolo, own work, a credit line."""
    m = media("commons_Apple_Lisa2-IMG_1517.jpg_cc-by-sa-2.0-fr.json")
    assert "File:Apple Lisa2-IMG 1517.jpg" == m.title
    assert "File:Apple_Lisa2-IMG_1517.jpg" == m.normalized_from
    assert 17540984 == m.pageid
    assert "local" == m.repository
    assert "https://commons.wikimedia.org/wiki/File:Apple_Lisa2-IMG_1517.jpg" == (
        m.description_url
    )
    assert "https://commons.wikimedia.org/w/index.php?curid=17540984" == (
        m.description_short_url
    )
    assert (
        "https://upload.wikimedia.org/wikipedia/commons/b/bc/Apple_Lisa2-IMG_1517.jpg"
        == m.url
    )
    assert "BITMAP" == m.media_type
    assert m.artist is not None
    assert "Rama & Musée Bolo" == m.artist.text
    assert (
        Link(text="Rama", url="https://commons.wikimedia.org/wiki/User:Rama"),
    ) == m.artist.links
    assert m.credit is not None
    assert "Own work" == m.credit.text
    assert m.own_work
    assert m.attribution is not None
    assert "Photograph by Rama, Wikimedia Commons, Cc-by-sa-2.0-fr" == (
        m.attribution.text
    )
    assert "CC BY-SA 2.0 fr" == m.license_short_name
    assert "cc-by-sa-2.0-fr" == m.license_code
    assert "https://creativecommons.org/licenses/by-sa/2.0/fr/deed.en" == m.license_url
    assert "LicenseRef-wikireuse-CC-BY-SA-2.0-FR" == m.license.spdx
    assert m.usage_terms is not None
    assert "Creative Commons Attribution-Share Alike 2.0 fr" == m.usage_terms.text
    assert m.attribution_required is True
    assert m.requires_attribution
    assert m.copyrighted is True
    assert () == m.restrictions
    assert "Apple Lisa2-IMG 1517" == m.object_name
    assert m.permission is not None
    assert "You may select the license of your choice." == m.permission.text
    assert "2011-12-01 14:17:15" == m.date_time
    assert m.date_original is None  # recorded as ""
    assert ("Apple Lisa", "Musée Bolo") == m.categories[1:4:2]
    assert () == m.problems
    assert m.has_commons_metadata


def test_foobar_is_cc0_and_needs_no_attribution() -> None:
    """Foobar.jpg: CC0 1.0, AttributionRequired false, by Kaldari."""
    m = media("commons_Foobar.jpg_cc0.json")
    assert "CC0-1.0" == m.license.spdx
    assert "http://creativecommons.org/publicdomain/zero/1.0/deed.en" == m.license_url
    assert m.attribution_required is False
    assert not m.requires_attribution
    assert m.artist is not None
    assert "Kaldari" == m.artist.text
    assert m.description is not None
    assert "Image for parser testing." == m.description.text


@pytest.mark.parametrize(
    "name",
    [
        "commons_Kinkaku3402CBcropped.jpg_pd-self.json",
        "commons_BHL8403911_sea-urchins_pd-old-70.page.json",
        "commons_Edvard_Munch_-_Night_in_Nice_1891.jpg_pd-art.page.json",
    ],
)
def test_public_domain_files_have_no_licence_url(name: str) -> None:
    """PD files: 'Public domain', no LicenseUrl, not copyrighted, no credit required."""
    m = media(name)
    assert "Public domain" == m.license_short_name
    assert m.license_url is None
    assert "LicenseRef-wikireuse-PD" == m.license.spdx
    assert m.copyrighted is False
    assert m.attribution_required is False
    assert not m.requires_attribution


def test_sea_urchins_credit_is_a_source_not_own_work() -> None:
    """The BHL scan's credit is an external link; its uploader is not the author."""
    m = media("commons_BHL8403911_sea-urchins_pd-old-70.page.json")
    assert m.credit is not None
    assert not m.own_work
    assert (
        Link(
            text="https://www.biodiversitylibrary.org/pageimage/8403911",
            url="https://www.biodiversitylibrary.org/pageimage/8403911",
        ),
    ) == m.credit.links
    assert "Fæ" == m.uploader
    assert m.artist is not None
    assert "British Museum (Natural History).; Clark, Hubert Lyman" == m.artist.text
    assert (2766, 1670, 287144) == (m.height, m.width, m.size)


def test_munch_artist_and_title() -> None:
    """Munch: the artist link to enwiki and a title cleaned of hidden data."""
    m = media("commons_Edvard_Munch_-_Night_in_Nice_1891.jpg_pd-art.page.json")
    assert m.artist is not None
    assert "Edvard Munch" == m.artist.text
    assert "https://en.wikipedia.org/wiki/en:Edvard_Munch" == m.artist.links[0].url
    assert "Night in Nice" == m.object_name
    assert m.date_original is not None
    assert "1891" == m.date_original.text
    assert ("no-description",) == m.problems


def test_personality_rights_restriction_on_a_shared_file() -> None:
    """Mark Selby: 'personality' restriction, shared repository, credit line."""
    m = media("commons_Mark_Selby_DerHexer_2015_cc-by-sa-4.0_personality.json")
    assert ("personality",) == m.restrictions
    assert "shared" == m.repository
    assert m.is_shared
    assert m.pageid is None
    assert m.attribution is not None
    assert "DerHexer, Wikimedia Commons, CC-by-sa 4.0" == m.attribution.text
    assert "CC-BY-SA-4.0" == m.license.spdx
    assert "http://creativecommons.org/licenses/by-sa/4.0" == m.license_url


def test_multi_author_collage() -> None:
    """Nine Dogs: eleven author lines, no Credit (no-source), AuthorCount not sent."""
    m = media("commons_Collage_of_Nine_Dogs.jpg_cc-by-sa-3.0_multi-author.json")
    assert m.artist is not None
    assert 11 == len(m.artist.text.split("\n"))
    assert m.author_count is None  # the recorded response has no AuthorCount
    assert m.attribution_required is None
    assert m.requires_attribution  # missing: assume required (not PD)
    assert ("no-source",) == m.problems
    assert "CC-BY-SA-3.0" == m.license.spdx
    assert "shared" == m.repository


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Montage of nine dogs"),
        ("de", "Montage von neun Hunden"),
        ("de-at", "Montage von neun Hunden"),
        ("fr", "Montage of nine dogs"),
        ("eo", "Montaĝo de naŭ hundoj"),
    ],
)
def test_multilingual_description(lang: str, text: str) -> None:
    """A {_type: lang} description resolves to lang, its base, then English."""
    m = media(
        "commons_Collage_of_Nine_Dogs.jpg_cc-by-sa-3.0_multi-author.json", lang=lang
    )
    assert m.description is not None
    assert text == m.description.text
    assert lang == m.metadata_language


def test_author_count_is_read() -> None:
    """AuthorCount becomes a number (the recorded collage with the field added)."""
    data = load("commons_Collage_of_Nine_Dogs.jpg_cc-by-sa-3.0_multi-author.json")
    page = copy.deepcopy(data["query"]["pages"]["-1"])
    page["imageinfo"][0]["extmetadata"]["AuthorCount"] = {"value": "11"}
    assert 11 == parse_imageinfo(page, wiki=COMMONS_API).author_count


def test_dewiki_local_file() -> None:
    """A local dewiki file: 'Datei:', links on de.wikipedia.org, PD-alt-100."""
    m = media("dewiki_local_1_FC_Bamberg_-_1_FC_Nuernberg_1901.jpg_pd-alt-100.json")
    assert "Datei:1 FC Bamberg - 1 FC Nürnberg 1901.jpg" == m.title
    assert "File:1_FC_Bamberg_-_1_FC_Nürnberg_1901.jpg" == m.normalized_from
    assert "local" == m.repository
    assert DEWIKI_API == m.wiki
    assert m.artist is not None
    assert "unbekannt" == m.artist.text
    assert "LicenseRef-wikireuse-PD-alt-100" == m.license.spdx
    assert (
        "https://de.wikipedia.org/wiki/Datei:1_FC_Bamberg_-_1_FC_N%C3%BCrnberg_1901.jpg"
        == m.license_url
    )
    assert m.attribution_required is None
    assert not m.requires_attribution  # public domain
    assert m.usage_terms is not None
    assert all(
        link.url.startswith("https://de.wikipedia.org/wiki/")
        for link in m.usage_terms.links
    )
    assert m.description is not None
    assert "https://de.wikipedia.org/wiki/1._FC_Bamberg" == (m.description.links[0].url)


def test_video_record() -> None:
    """A videoinfo record (TimedMediaHandler) is read like imageinfo."""
    m = media("commons_Wood_cleaving_-_2016.webm_videoinfo_cc-by-sa-4.0.json")
    assert "video/webm" == m.mime
    assert (400, 720) == (m.width, m.height)
    assert m.artist is not None
    assert "Jarek Tuszyński" == m.artist.text
    assert "CC-BY-SA-4.0" == m.license.spdx


def test_plozevet_credit_line() -> None:
    """The Plozevet photo carries 'Photo by PtrQs' as its requested credit."""
    m = media(PAGES[0])
    assert m.attribution is not None
    assert "Photo by PtrQs" == m.attribution.text
    assert "PtrQs" == m.uploader
    assert (5514, 3102) == (m.width, m.height)


@pytest.mark.parametrize(
    ("name", "title", "repository"),
    [
        (
            "dewiki_imageinfo_Harzer_Fuchs_Huendin_2.jpg_no-extmetadata.json",
            "Datei:Harzer Fuchs Hündin 2.jpg",
            "shared",
        ),
        (
            "hewiki_imageinfo_Collage_of_Nine_Dogs.jpg_no-extmetadata.json",
            "קובץ:Collage of Nine Dogs.jpg",
            "shared",
        ),
        (
            "viwiki_imageinfo_Mix_breed_dog.jpg_no-extmetadata.json",
            "Tập tin:Mix breed dog.jpg",
            "shared",
        ),
        (ITEM, "File:Nl-Javaanse herten.ogg", ""),
    ],
)
def test_records_without_extmetadata_flag_everything_missing(
    name: str, title: str, repository: str
) -> None:
    """No extmetadata: nothing invented, every attribution fact flagged missing."""
    m = media(name)
    assert title == m.title
    assert repository == m.repository
    assert m.artist is None
    assert m.credit is None
    assert m.license_short_name is None
    assert UNKNOWN_ID == m.license.spdx
    assert (
        "no-extmetadata",
        "no-license",
        "no-author",
        "no-source",
        "no-description",
    ) == m.problems
    assert not m.has_commons_metadata


def test_audio_has_duration_and_no_dimensions() -> None:
    """The audio item: 2.9 s, width/height 0 read as unknown."""
    m = media(ITEM)
    assert 2.9 == m.duration
    assert (None, None) == (m.width, m.height)
    assert "Marcel coenders" == m.uploader


@pytest.mark.parametrize("name", ALL_RECORDS)
def test_json_round_trip_of_real_records(name: str) -> None:
    """Every real record survives to_json/from_json unchanged."""
    m = media(name)
    assert m == MediaFile.from_json(m.to_json())
    assert MEDIA_SCHEMA == m.to_dict()["schema"]


@pytest.mark.parametrize("name", ALL_RECORDS)
def test_problem_names_are_documented(name: str) -> None:
    """Every problem reported is one PROBLEMS documents."""
    assert set(media(name).problems) <= set(PROBLEMS)


def test_raw_extmetadata_is_kept_and_read_only() -> None:
    """The raw extmetadata is all there, and cannot be changed."""
    m = media("commons_Apple_Lisa2-IMG_1517.jpg_cc-by-sa-2.0-fr.json")
    raw = m.extmetadata
    assert "commons-templates" == raw["License"]["source"]
    assert 1.2 == raw["CommonsMetadataExtension"]["value"]
    with pytest.raises(TypeError):
        raw["License"] = {}  # type: ignore[index]


# --- field parsing details ------------------------------------------------------


def _page(**fields: Any) -> dict[str, Any]:
    extmetadata = {k: {"value": v, "source": "test"} for k, v in fields.items()}
    return {
        "title": "File:T.jpg",
        "ns": 6,
        "pageid": 5,
        "imagerepository": "local",
        "imageinfo": [
            {
                "descriptionurl": "https://w.test/wiki/File:T.jpg",
                "extmetadata": extmetadata,
            }
        ],
    }


def test_a_licence_field_past_the_checker_limits_is_an_unknown_licence() -> None:
    """A hostile 20 000-character LicenseShortName is flagged, not fatal."""
    file = parse_imageinfo(_page(LicenseShortName="CC BY " * 4000), wiki=COMMONS_API)

    assert (UNKNOWN_ID, True) == (
        file.license.spdx,
        "unknown-license" in file.problems,
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", True),
        ("True", True),
        ("1", True),
        ("yes", True),
        ("false", False),
        ("False", False),
        ("0", False),
        ("no", False),
        (True, True),
        (False, False),
        ("maybe", None),
    ],
)
def test_boolean_spellings(value: Any, expected: bool | None) -> None:
    """AttributionRequired, Copyrighted and NonFree accept every spelling in use."""
    m = parse_imageinfo(
        _page(AttributionRequired=value, Copyrighted=value, NonFree=value),
        wiki="https://w.test/w/api.php",
    )
    assert expected == m.attribution_required
    assert expected == m.copyrighted
    assert expected == m.non_free


@pytest.mark.parametrize(
    ("licence", "flag", "required", "conflict"),
    [
        ("CC BY-SA 4.0", "false", True, True),  # the licence wins over the flag
        ("CC BY-SA 4.0", None, True, False),
        ("CC0", "false", False, False),
        ("CC0", None, False, False),
        ("Public domain", None, False, False),
        ("Foobar licence 9", None, True, False),  # unknown: assume required
        ("Foobar licence 9", "false", False, False),
    ],
)
def test_who_must_be_credited(
    licence: str, flag: str | None, required: bool, conflict: bool
) -> None:
    """requires_attribution follows the flag, but never below what the licence asks."""
    fields = {"LicenseShortName": licence, "Artist": "A", "Credit": "B"}
    if flag is not None:
        fields["AttributionRequired"] = flag
    m = parse_imageinfo(_page(**fields), wiki="https://w.test/w/api.php")
    assert (required, conflict) == (
        m.requires_attribution,
        "attribution-conflict" in m.problems,
    )


def test_a_non_free_file_is_flagged() -> None:
    """NonFree=true is exposed and named among the problems, whatever the licence."""
    m = parse_imageinfo(
        _page(
            Artist="A",
            Credit="B",
            ImageDescription="Logo",
            LicenseShortName="Fair use",
            NonFree="true",
        ),
        wiki="https://w.test/w/api.php",
    )
    assert (True, UNKNOWN_ID) == (m.non_free, m.license.spdx)
    assert ("unknown-license", "non-free") == m.problems


def test_the_uploader_never_stands_in_for_the_author() -> None:
    """Without Artist or Attribution there is no author, even with an uploader."""
    page = _page(LicenseShortName="CC BY 4.0", Credit="B")
    page["imageinfo"][0]["user"] = "Uploader"
    m = parse_imageinfo(page, wiki="https://w.test/w/api.php")
    assert ("Uploader", None, None) == (m.uploader, m.artist, m.attribution)
    assert "no-author" in m.problems
    assert m.requires_attribution


def test_restrictions_split_on_pipes() -> None:
    """Restrictions become a tuple, empty parts dropped."""
    m = parse_imageinfo(
        _page(Restrictions="trademarked|personality|"), wiki="https://w.test/w/api.php"
    )
    assert ("trademarked", "personality") == m.restrictions


def test_unrecognised_licence_stays_unknown() -> None:
    """A licence name wikireuse does not know is flagged, never guessed."""
    m = parse_imageinfo(
        _page(LicenseShortName="Foobar licence 9", Artist="A", Credit="B"),
        wiki="https://w.test/w/api.php",
    )
    assert UNKNOWN_ID == m.license.spdx
    assert "Foobar licence 9" == m.license.name
    assert ("unknown-license", "no-description") == m.problems
    assert m.requires_attribution


def test_licence_fields_that_disagree_are_flagged() -> None:
    """A short name and a URL naming different licences give license-conflict."""
    m = parse_imageinfo(
        _page(
            LicenseShortName="CC BY-SA 3.0",
            LicenseUrl="https://creativecommons.org/licenses/by/4.0/",
        ),
        wiki="https://w.test/w/api.php",
    )
    assert "CC-BY-SA-3.0" == m.license.spdx
    assert "license-conflict" in m.problems
    assert "LicenseUrl" in m.license.basis


def test_licence_from_url_when_no_name() -> None:
    """Without LicenseShortName and License, the URL names the licence."""
    m = parse_imageinfo(
        _page(LicenseUrl="//creativecommons.org/licenses/by/4.0/"),
        wiki="https://w.test/w/api.php",
    )
    assert "CC-BY-4.0" == m.license.spdx
    assert "https://creativecommons.org/licenses/by/4.0/" == m.license_url


def test_hidden_uploader_is_none() -> None:
    """A hidden user name is not reported as anyone."""
    page = _page()
    page["imageinfo"][0].update({"userhidden": True, "user": ""})
    assert parse_imageinfo(page, wiki="https://w.test/w/api.php").uploader is None


def test_page_without_imageinfo_is_an_invalid_response() -> None:
    """parse_imageinfo refuses a page with no file version."""
    with pytest.raises(InvalidResponseError):
        parse_imageinfo({"title": "File:X", "ns": 6}, wiki="https://w.test/w/api.php")


# --- response-level errors --------------------------------------------------------


def _response(*pages: dict[str, Any], **query: Any) -> dict[str, Any]:
    return {"batchcomplete": True, "query": {"pages": list(pages), **query}}


def test_missing_file_is_page_not_found() -> None:
    """A missing file page with no imageinfo raises PageNotFoundError."""
    body = _response({"ns": 6, "title": "File:Nope.png", "missing": True})
    with pytest.raises(PageNotFoundError) as caught:
        parse_imageinfo_response(body, wiki="W", title="File:Nope.png")
    assert "missingfile" == caught.value.code
    assert "File:Nope.png" == caught.value.title


def test_filemissing_is_page_not_found() -> None:
    """A description page whose file is gone raises PageNotFoundError."""
    body = _response(
        {
            "ns": 6,
            "title": "File:Gone.png",
            "pageid": 3,
            "imageinfo": [{"filemissing": ""}],
        }
    )
    with pytest.raises(PageNotFoundError):
        parse_imageinfo_response(body, wiki="W", title="File:Gone.png")


def test_invalid_title() -> None:
    """The wiki's invalid-title verdict becomes InvalidTitleError with its reason."""
    body = _response({"title": "File:", "invalid": True, "invalidreason": "empty"})
    with pytest.raises(InvalidTitleError) as caught:
        parse_imageinfo_response(body, wiki="W", title="File:")
    assert "empty" == caught.value.reason


def test_interwiki_title() -> None:
    """An interwiki title is refused: the file lives on another wiki."""
    body = {"query": {"interwiki": [{"title": "commons:File:A.jpg", "iw": "commons"}]}}
    with pytest.raises(InvalidTitleError):
        parse_imageinfo_response(body, wiki="W", title="commons:File:A.jpg")


def test_non_file_title_is_a_configuration_error() -> None:
    """An article title is not a file: ConfigurationError, documented."""
    body = _response({"ns": 0, "title": "Ada Lovelace", "pageid": 7})
    with pytest.raises(ConfigurationError):
        parse_imageinfo_response(body, wiki="W", title="Ada Lovelace")


def test_no_pages_is_an_invalid_response() -> None:
    """A response without pages is not a file record."""
    with pytest.raises(InvalidResponseError):
        parse_imageinfo_response({"query": {}}, wiki="W", title="File:A")


def test_file_redirect_is_followed_and_recorded() -> None:
    """A file redirect is followed; the chain is kept."""
    page = _page(Artist="A")
    body = _response(
        page,
        redirects=[{"from": "File:Old.jpg", "to": "File:T.jpg"}],
        normalized=[{"from": "File:old.jpg", "to": "File:Old.jpg"}],
    )
    m = parse_imageinfo_response(body, wiki="W", title="File:old.jpg")
    assert "File:T.jpg" == m.title
    assert "File:old.jpg" == m.requested
    assert "File:old.jpg" == m.normalized_from
    assert ("File:Old.jpg",) == m.redirects


# --- records ----------------------------------------------------------------------


def test_from_dict_refuses_other_records() -> None:
    """A record without the media schema is a RecordError."""
    with pytest.raises(RecordError):
        MediaFile.from_dict({"schema": "wikireuse.article/1"})
    with pytest.raises(RecordError):
        MediaFile.from_json("not json")
    with pytest.raises(RecordError):
        MediaFile.from_dict({"schema": MEDIA_SCHEMA, "wiki": "W"})


def test_rich_text_from_html() -> None:
    """RichText.from_html resolves site-relative links against the page's wiki."""
    rich = RichText.from_html(
        '<a href="/wiki/User:A">A</a>', page_url="https://w.test/wiki/File:X"
    )
    assert (Link(text="A", url="https://w.test/wiki/User:A"),) == rich.links
    assert "A" == str(rich)
    assert rich == RichText.from_dict(rich.to_dict())


_text = st.text(max_size=30)
_opt_text = st.none() | _text
_stamps = st.datetimes(
    min_value=datetime(1990, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.just(timezone.utc),
)
_rich = st.none() | st.builds(
    RichText,
    html=_text,
    text=_text,
    links=st.lists(st.builds(Link, text=_text, url=_text), max_size=3).map(tuple),
)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | _text,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3)
    ),
    max_leaves=8,
)
_provenance = st.none() | st.builds(
    Provenance,
    wiki=_text,
    endpoint=_text,
    params=st.lists(st.tuples(_text, _text), max_size=3).map(tuple),
    revid=st.none() | st.integers(min_value=1),
    rev_timestamp=st.none() | _stamps,
    content_hash=_text,
    fetched_at=_stamps,
    user_agent=_text,
    wikireuse_version=_text,
)


@given(
    st.builds(
        MediaFile,
        wiki=_text,
        requested=_text,
        title=_text,
        pageid=st.none() | st.integers(min_value=1),
        normalized_from=_opt_text,
        redirects=st.lists(_text, max_size=2).map(tuple),
        repository=_text,
        description_url=_opt_text,
        url=_opt_text,
        size=st.none() | st.integers(min_value=0),
        width=st.none() | st.integers(min_value=1),
        duration=st.none() | st.floats(allow_nan=False, allow_infinity=False),
        sha1=_opt_text,
        uploader=_opt_text,
        uploaded=st.none() | _stamps,
        artist=_rich,
        credit=_rich,
        own_work=st.booleans(),
        attribution=_rich,
        license=st.builds(PageLicense, spdx=_text, name=_text, url=_text, basis=_text),
        attribution_required=st.none() | st.booleans(),
        restrictions=st.lists(_text, max_size=3).map(tuple),
        description=_rich,
        author_count=st.none() | st.integers(min_value=0),
        problems=st.lists(st.sampled_from(sorted(PROBLEMS)), max_size=3).map(tuple),
        extmetadata_json=st.dictionaries(_text, _json_values, max_size=3).map(
            _json.canonical
        ),
        provenance=_provenance,
    )
)
def test_json_round_trip_property(m: MediaFile) -> None:
    """Any MediaFile survives the JSON round trip exactly."""
    assert m == MediaFile.from_json(m.to_json())


# --- the HTTP path -----------------------------------------------------------------


# Nothing listens here: a request a test did not plan an answer for fails
# instead of reaching a wiki.
NO_WIKI = "http://127.0.0.1:9"


@pytest.fixture
def canned() -> Iterator[FaultProxy]:
    """A loopback server giving the JSON answers a test plans, in order."""
    with running_proxy(NO_WIKI) as proxy:
        yield proxy


def canned_client(proxy: FaultProxy, *answers: Any) -> tuple[Client, str]:
    """A client (on a fake clock) of *proxy*, which will give *answers*."""
    proxy.plan(Fault.json(answer) for answer in answers)
    api_url = proxy.url + "/w/api.php"
    return make_client(api_url, FakeClock()), api_url


def test_client_media_over_http_with_a_recorded_commons_answer(
    canned: FaultProxy,
) -> None:
    """client.media() through a real socket: the recorded Apple Lisa answer parses."""
    body = load("commons_Apple_Lisa2-IMG_1517.jpg_cc-by-sa-2.0-fr.json")
    client, api_url = canned_client(canned, body)
    with client:
        m = client.media("File:Apple_Lisa2-IMG_1517.jpg", lang="fr")
    (params,) = sent(canned)
    assert "File:Apple_Lisa2-IMG_1517.jpg" == params["titles"]
    assert "imageinfo|info|revisions" == params["prop"]
    assert (
        "url|size|mime|mediatype|sha1|user|timestamp|extmetadata" == (params["iiprop"])
    )
    assert "fr" == params["iiextmetadatalanguage"]
    assert "2" == params["formatversion"]
    assert m.artist is not None
    assert "Rama & Musée Bolo" == m.artist.text
    assert "LicenseRef-wikireuse-CC-BY-SA-2.0-FR" == m.license.spdx
    assert api_url == m.wiki
    assert m.provenance is not None
    assert api_url == m.provenance.endpoint
    assert params == dict(m.provenance.params)
    info = next(iter(body["query"]["pages"].values()))["imageinfo"][0]
    assert content_hash(_json.canonical(info)) == m.provenance.content_hash
    assert m.provenance.revid is None  # the recorded answer has no prop=info part
    assert m == MediaFile.from_json(m.to_json())


def test_client_media_over_http_shared_file(canned: FaultProxy) -> None:
    """A Commons file seen from a Wikipedia keeps imagerepository 'shared'."""
    body = load("commons_Mark_Selby_DerHexer_2015_cc-by-sa-4.0_personality.json")
    client, _ = canned_client(canned, body)
    with client:
        m = client.media(
            "File:Mark_Selby_at_Snooker_German_Masters_(DerHexer)_2015-02-04_02.jpg"
        )
    assert "shared" == m.repository
    assert ("personality",) == m.restrictions


def test_client_media_over_http_missing(canned: FaultProxy) -> None:
    """A missing file answered over HTTP raises PageNotFoundError."""
    client, _ = canned_client(
        canned, _response({"ns": 6, "title": "File:Nope.png", "missing": True})
    )
    with client, pytest.raises(PageNotFoundError):
        client.media("File:Nope.png")


# --- fetch_media without a network ----------------------------------------------


def test_fetch_media_provenance_from_the_same_response() -> None:
    """The revision id and time come from the description page, same response."""
    page = _page(Artist="A", LicenseShortName="CC0")
    page["lastrevid"] = 41
    page["revisions"] = [
        {"revid": 41, "parentid": 40, "timestamp": "2024-05-06T07:08:09Z"}
    ]
    page["imageinfo"][0].update(
        {"sha1": hashlib.sha1(b"x").hexdigest(), "user": "Up", "size": 1}  # noqa: S324
    )
    fake = fake_client(
        lambda request: make_response(json=_response(page)),
        wiki="commons.wikimedia.org",
    )
    m = fake.client.media("File:T.jpg", lang="de")
    assert m.provenance is not None
    assert 41 == m.provenance.revid
    assert datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc) == (
        m.provenance.rev_timestamp
    )
    assert "https://commons.wikimedia.org/w/api.php" == m.provenance.wiki
    assert fake.params() == dict(m.provenance.params)
    assert "de" == fake.params()["iiextmetadatalanguage"]
    assert "1" == fake.params()["redirects"]
    assert 1 == len(fake.adapter.sent)


@pytest.mark.parametrize("lang", ["", "e n", "english!", None, 5])
def test_fetch_media_refuses_bad_language(lang: Any) -> None:
    """A malformed lang is a ConfigurationError before any request."""
    fake = fake_client(lambda request: make_response(json={}))
    with pytest.raises(ConfigurationError):
        fake.client.media("File:A.jpg", lang=lang)
    assert 0 == len(fake.adapter.sent)


@pytest.mark.parametrize("title", ["", "   ", None])
def test_fetch_media_refuses_empty_title(title: Any) -> None:
    """An empty title is a ConfigurationError before any request."""
    fake = fake_client(lambda request: make_response(json={}))
    with pytest.raises(ConfigurationError):
        fake.client.media(title)
    assert 0 == len(fake.adapter.sent)


def test_title_with_a_pipe_is_sent_as_one_title() -> None:
    """A '|' in the title is not a second title: it goes as one value."""
    body = _response(
        {"title": "File:A|B", "invalid": True, "invalidreason": "invalid characters"}
    )
    fake = fake_client(lambda request: make_response(json=body))
    with pytest.raises(InvalidTitleError):
        fake.client.media("File:A|B")
    assert "\x1fFile:A|B" == fake.params()["titles"]

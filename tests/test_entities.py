"""Wikibase entities: parsing, licence, JSON, fetch_entity, and the HTTP path."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.faultproxy import FaultProxy, running_proxy
from tests.test_integration_sync import sent
from tests.test_media import NO_WIKI, canned_client
from wikireuse import ConfigurationError, PageNotFoundError
from wikireuse.articles import PageLicense
from wikireuse.core import _json
from wikireuse.entities import (
    ENTITY_SCHEMA,
    WIKIDATA_LICENSE,
    Entity,
    Sitelink,
    Term,
    check_entity_id,
    parse_entity,
    parse_entity_response,
)
from wikireuse.exceptions import InvalidResponseError, RecordError
from wikireuse.licenses import UNKNOWN_ID
from wikireuse.provenance import content_hash
from wikireuse.testing import api_error, fake_client, make_response, siteinfo

UA = "wikireuse-tests/1.0 (https://example.net/; tests@wikireuse.invalid)"
WIKIDATA_API = "https://www.wikidata.org/w/api.php"

# A small wbgetentities answer written for these tests (not a recording):
# the names and links are public facts about Q42; the revision id and time
# are made up. Wikidata-shaped data is CC0 either way.
Q42: dict[str, Any] = {
    "entities": {
        "Q42": {
            "type": "item",
            "id": "Q42",
            "pageid": 138,
            "ns": 0,
            "title": "Q42",
            "lastrevid": 2200000042,
            "modified": "2024-09-14T10:11:12Z",
            "labels": {
                "en": {"language": "en", "value": "Douglas Adams"},
                "de": {"language": "de", "value": "Douglas Adams"},
                "ja": {"language": "ja", "value": "ダグラス・アダムズ"},
            },
            "descriptions": {
                "en": {"language": "en", "value": "English writer and humorist"},
                "de": {"language": "de", "value": "britischer Schriftsteller"},
            },
            "aliases": {
                "en": [
                    {"language": "en", "value": "Douglas Noël Adams"},
                    {"language": "en", "value": "DNA"},
                ],
                "de": [{"language": "de", "value": "Douglas Noel Adams"}],
            },
            "sitelinks": {
                "enwiki": {
                    "site": "enwiki",
                    "title": "Douglas Adams",
                    "badges": [],
                    "url": "https://en.wikipedia.org/wiki/Douglas_Adams",
                },
                "dewiki": {
                    "site": "dewiki",
                    "title": "Douglas Adams",
                    "badges": ["Q17437798"],
                    "url": "https://de.wikipedia.org/wiki/Douglas_Adams",
                },
            },
        }
    },
    "success": 1,
}


def wikidata_siteinfo() -> dict[str, Any]:
    """Site info as Wikidata describes itself (wiki id wikidatawiki, CC0)."""
    return siteinfo(
        sitename="Wikidata",
        server="https://www.wikidata.org",
        wikiid="wikidatawiki",
        rights_url="https://creativecommons.org/publicdomain/zero/1.0/",
        rights_text="Creative Commons CC0 License",
    )


def q42() -> Entity:
    """Q42 parsed with Wikidata's licence."""
    return parse_entity_response(
        Q42, "Q42", wiki=WIKIDATA_API, license=WIKIDATA_LICENSE
    )


# --- parsing --------------------------------------------------------------------


def test_terms_and_sitelinks() -> None:
    """Labels, descriptions, aliases and sitelinks are all read, in order."""
    entity = q42()
    assert ("Q42", "item", "Q42", 138) == (
        entity.id,
        entity.type,
        entity.title,
        entity.pageid,
    )
    assert ("en", "de", "ja") == entity.languages
    assert "ダグラス・アダムズ" == entity.label("ja")
    assert "britischer Schriftsteller" == entity.description("de")
    assert ("Douglas Noël Adams", "DNA") == entity.aliases_in("en")
    assert () == entity.aliases_in("fr")
    assert Sitelink(
        site="dewiki",
        title="Douglas Adams",
        url="https://de.wikipedia.org/wiki/Douglas_Adams",
        badges=("Q17437798",),
    ) == entity.sitelink("dewiki")
    assert entity.sitelink("frwiki") is None
    assert 2200000042 == entity.lastrevid
    assert datetime(2024, 9, 14, 10, 11, 12, tzinfo=timezone.utc) == entity.modified


@pytest.mark.parametrize(
    ("languages", "label"),
    [(("fr", "de"), "Douglas Adams"), (("fr",), None), ((), "Douglas Adams")],
)
def test_label_fallback(languages: tuple[str, ...], label: str | None) -> None:
    """label() takes the first language that has one; none given means the first."""
    assert label == q42().label(*languages)


def test_wikidata_licence_is_cc0() -> None:
    """Wikidata's structured data is CC0 1.0, and the basis says so."""
    entity = q42()
    assert "CC0-1.0" == entity.license.spdx
    assert "https://creativecommons.org/publicdomain/zero/1.0/" == entity.license.url
    assert "Wikidata" in entity.license.basis
    assert "CC0" in entity.license.basis


def test_entity_without_terms() -> None:
    """An entity the API sends with empty lists for terms has no terms."""
    entity = parse_entity(
        {"type": "item", "id": "Q1", "labels": [], "sitelinks": []},
        wiki=WIKIDATA_API,
        license=WIKIDATA_LICENSE,
    )
    assert ((), ()) == (entity.labels, entity.sitelinks)
    assert entity.label() is None


@pytest.mark.parametrize("missing", ["", True])
def test_missing_entity(missing: Any) -> None:
    """A missing entity (formatversion 1 or 2) raises PageNotFoundError."""
    body = {"entities": {"Q999999999": {"id": "Q999999999", "missing": missing}}}
    with pytest.raises(PageNotFoundError) as caught:
        parse_entity_response(
            body, "Q999999999", wiki=WIKIDATA_API, license=WIKIDATA_LICENSE
        )
    assert "Q999999999" == caught.value.title


def test_response_without_entities() -> None:
    """An answer without entities is an InvalidResponseError."""
    with pytest.raises(InvalidResponseError):
        parse_entity_response({}, "Q1", wiki=WIKIDATA_API, license=WIKIDATA_LICENSE)
    with pytest.raises(InvalidResponseError):
        parse_entity({"type": "item"}, wiki=WIKIDATA_API, license=WIKIDATA_LICENSE)


def test_redirected_entity_keeps_what_was_asked() -> None:
    """An id that redirects is answered with the target; requested keeps the input."""
    body = copy.deepcopy(Q42)
    body["entities"] = {"Q1000": body["entities"]["Q42"]}
    entity = parse_entity_response(
        body, "Q1000", wiki=WIKIDATA_API, license=WIKIDATA_LICENSE
    )
    assert ("Q1000", "Q42") == (entity.requested, entity.id)


@pytest.mark.parametrize(
    ("given_id", "canonical"),
    [
        ("Q42", "Q42"),
        ("q42", "Q42"),
        (" P31 ", "P31"),
        ("L7-F1", "L7-F1"),
        ("M5", "M5"),
    ],
)
def test_check_entity_id(given_id: str, canonical: str) -> None:
    """Entity ids are accepted in any case and returned canonical."""
    assert canonical == check_entity_id(given_id)


@pytest.mark.parametrize(
    "bad", ["", "Q", "Q0", "Q-1", "X42", "Q42|Q43", "42", None, 42]
)
def test_bad_entity_ids(bad: Any) -> None:
    """Anything else is a ConfigurationError."""
    with pytest.raises(ConfigurationError):
        check_entity_id(bad)


# --- records ----------------------------------------------------------------------


def test_json_round_trip() -> None:
    """Q42 survives to_json/from_json unchanged."""
    entity = q42()
    assert entity == Entity.from_json(entity.to_json())
    assert ENTITY_SCHEMA == entity.to_dict()["schema"]


def test_from_dict_refuses_other_records() -> None:
    """Records of another schema or incomplete ones are RecordErrors."""
    with pytest.raises(RecordError):
        Entity.from_dict({"schema": "wikireuse.media/1"})
    with pytest.raises(RecordError):
        Entity.from_dict({"schema": ENTITY_SCHEMA, "id": "Q1"})
    with pytest.raises(RecordError):
        Entity.from_json("{")


_text = st.text(max_size=20)
_terms = st.lists(st.builds(Term, language=_text, value=_text), max_size=4).map(tuple)


@given(
    st.builds(
        Entity,
        wiki=_text,
        id=_text,
        type=_text,
        requested=_text,
        title=_text,
        pageid=st.none() | st.integers(min_value=1),
        url=_text,
        labels=_terms,
        descriptions=_terms,
        aliases=_terms,
        sitelinks=st.lists(
            st.builds(
                Sitelink,
                site=_text,
                title=_text,
                url=_text,
                badges=st.lists(_text, max_size=2).map(tuple),
            ),
            max_size=3,
        ).map(tuple),
        lastrevid=st.none() | st.integers(min_value=1),
        modified=st.none()
        | st.datetimes(
            min_value=datetime(2000, 1, 1),
            max_value=datetime(2100, 1, 1),
            timezones=st.just(timezone.utc),
        ),
        license=st.builds(PageLicense, spdx=_text, name=_text, url=_text, basis=_text),
    )
)
def test_json_round_trip_property(entity: Entity) -> None:
    """Any Entity survives the JSON round trip exactly."""
    assert entity == Entity.from_json(entity.to_json())


# --- fetch_entity without a network -----------------------------------------------


def answer_with(entities: dict[str, Any], site: dict[str, Any]) -> Any:
    """A fake server: wbgetentities gets *entities*, siteinfo gets *site*."""

    def handler(request: Any) -> Any:
        if "wbgetentities" in request.url:
            return make_response(json=entities)
        return make_response(json=site)

    return handler


def test_entity_defaults_to_wikidata() -> None:
    """client.entity() asks www.wikidata.org even when the client's wiki is another."""
    fake = fake_client(answer_with(Q42, wikidata_siteinfo()), wiki="en.wikipedia.org")
    entity = fake.client.entity("q42", languages=["en", "de"])
    first = fake.adapter.sent[0]
    assert first.url is not None
    assert first.url.startswith(WIKIDATA_API)
    sent = fake.params(0)
    assert "wbgetentities" == sent["action"]
    assert "Q42" == sent["ids"]
    assert "info|labels|descriptions|aliases|sitelinks/urls" == sent["props"]
    assert "en|de" == sent["languages"]
    assert "https://www.wikidata.org/wiki/Q42" == entity.url
    assert WIKIDATA_LICENSE == entity.license
    assert entity.provenance is not None
    assert WIKIDATA_API == entity.provenance.wiki
    assert sent == dict(entity.provenance.params)
    assert 2200000042 == entity.provenance.revid
    assert entity.modified == entity.provenance.rev_timestamp
    assert content_hash(_json.canonical(Q42["entities"]["Q42"])) == (
        entity.provenance.content_hash
    )


def test_no_such_entity_error_is_page_not_found() -> None:
    """The API's no-such-entity error becomes PageNotFoundError."""
    fake = fake_client(
        answer_with(api_error("no-such-entity", "Could not find"), wikidata_siteinfo())
    )
    with pytest.raises(PageNotFoundError) as caught:
        fake.client.entity("Q999999999")
    assert "no-such-entity" == caught.value.code


@pytest.mark.parametrize(
    ("kwargs"),
    [{"entity_id": "Douglas Adams"}, {"entity_id": "Q42", "languages": "en"}],
)
def test_bad_arguments_send_nothing(kwargs: dict[str, Any]) -> None:
    """A bad id or a bare language string fails before any request."""
    fake = fake_client(answer_with(Q42, wikidata_siteinfo()))
    with pytest.raises(ConfigurationError):
        fake.client.entity(**kwargs)
    assert 0 == len(fake.adapter.sent)


@pytest.mark.parametrize(
    ("wikiid", "rights_url", "rights_text", "spdx"),
    [
        (
            "wbexample",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            "CC BY-SA 4.0",
            "CC-BY-SA-4.0",
        ),
        ("wbexample", "", "", UNKNOWN_ID),
        # Only Commons' MediaInfo (M ids) is CC0 there, not anything else.
        (
            "commonswiki",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            "CC BY-SA 4.0",
            "CC-BY-SA-4.0",
        ),
        ("testwikidatawiki", "", "", "CC0-1.0"),
    ],
)
def test_a_wikibase_other_than_wikidata_is_under_what_it_declares(
    wikiid: str, rights_url: str, rights_text: str, spdx: str
) -> None:
    """Only Wikidata (and test.wikidata) are CC0; others declare, or are unknown."""
    site = siteinfo(
        server="https://wb.example.org",
        wikiid=wikiid,
        rights_url=rights_url,
        rights_text=rights_text,
    )
    fake = fake_client(answer_with(Q42, site))
    entity = fake.client.entity("Q42", wiki="https://wb.example.org/w/api.php")
    assert spdx == entity.license.spdx
    assert "https://wb.example.org/wiki/Q42" == entity.url
    if spdx not in {UNKNOWN_ID, "CC0-1.0"}:
        assert "other than Wikidata" in entity.license.basis


def test_commons_mediainfo_is_cc0() -> None:
    """Structured data on Commons (M ids) is CC0, whatever the page text licence."""
    body = {"entities": {"M5": {"type": "mediainfo", "id": "M5", "title": "File:A"}}}
    site = siteinfo(server="https://commons.wikimedia.org", wikiid="commonswiki")
    fake = fake_client(answer_with(body, site))
    entity = fake.client.entity("M5", wiki="commons.wikimedia.org")
    assert "CC0-1.0" == entity.license.spdx
    assert "Commons" in entity.license.basis


# --- the HTTP path ------------------------------------------------------------------


@pytest.fixture
def canned() -> Iterator[FaultProxy]:
    """A loopback server giving the JSON answers a test plans, in order."""
    with running_proxy(NO_WIKI) as proxy:
        yield proxy


def test_client_entity_over_http(canned: FaultProxy) -> None:
    """client.entity() through a real socket to a server answering as Wikidata."""
    site = siteinfo(
        sitename="Wikidata",
        server=canned.url,
        wikiid="wikidatawiki",
        rights_url="https://creativecommons.org/publicdomain/zero/1.0/",
        rights_text="Creative Commons CC0 License",
    )
    client, api_url = canned_client(canned, Q42, site, Q42)
    with client:
        entity = client.entity("Q42", wiki=api_url, languages=["en"])
        again = client.entity("Q42", wiki=api_url)
    params = sent(canned)
    assert ["wbgetentities", "query", "wbgetentities"] == [
        p["action"] for p in params
    ]  # site info is read once per client
    assert ("Q42", "en") == (params[0]["ids"], params[0]["languages"])
    assert "Douglas Adams" == entity.label("en")
    assert f"{canned.url}/wiki/Q42" == entity.url
    assert "CC0-1.0" == entity.license.spdx
    assert entity.provenance is not None
    assert api_url == entity.provenance.endpoint
    assert entity == Entity.from_json(entity.to_json())
    assert entity.labels == again.labels

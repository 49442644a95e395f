"""client.media() against the real MediaWiki test bed (no CommonsMetadata there).

The wiki holds one uploaded file, the fixture drawing, uploaded by Alice on
2023-03-01. Core MediaWiki reports only DateTime and ObjectName in its
extmetadata, so every licence and author field must come back missing and
flagged, never filled in.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

import pytest

from tests.support import fixtures
from tests.support.mediawiki import MediaWiki
from tests.test_integration_client import make_client
from wikireuse import Client, ConfigurationError, PageNotFoundError
from wikireuse.exceptions import InvalidTitleError
from wikireuse.licenses import UNKNOWN_ID
from wikireuse.media import MediaFile
from wikireuse.testing import FakeClock

pytestmark = pytest.mark.mediawiki


@pytest.fixture
def client(mediawiki: MediaWiki) -> Client:
    """A client for the test wiki on a fake clock."""
    return make_client(mediawiki.api_url, FakeClock())


def test_fixture_file_record(client: Client, mediawiki: MediaWiki) -> None:
    """URL, size, MIME, dimensions, uploader and time of the uploaded drawing."""
    media = client.media(fixtures.IMAGE_FILE)
    expected = fixtures.png_bytes()
    assert fixtures.IMAGE_FILE == media.title
    assert "local" == media.repository
    assert "image/png" == media.mime
    assert "BITMAP" == media.media_type
    assert len(expected) == media.size
    assert (200, 150) == (media.width, media.height)
    assert "Alice" == media.uploader
    assert datetime(2023, 3, 1, tzinfo=timezone.utc) == media.uploaded
    assert hashlib.sha1(expected).hexdigest() == media.sha1  # noqa: S324
    assert f"{mediawiki.article_url}File:Analytical_Engine.png" == (
        media.description_url
    )
    assert media.url is not None
    assert media.url.startswith(mediawiki.base_url + "/")
    assert media.pageid is not None


def test_sha1_matches_the_served_bytes(client: Client) -> None:
    """The reported SHA-1 is that of the bytes at the file URL."""
    media = client.media(fixtures.IMAGE_FILE)
    assert media.url is not None
    served = client.get(media.url).content
    assert hashlib.sha1(served).hexdigest() == media.sha1  # noqa: S324
    assert len(served) == media.size


def test_licence_fields_are_missing_not_invented(client: Client) -> None:
    """Without CommonsMetadata: no author, source or licence, all flagged."""
    media = client.media(fixtures.IMAGE_FILE)
    assert not media.has_commons_metadata
    assert (None, None, None) == (media.artist, media.credit, media.attribution)
    assert (None, None, None) == (
        media.license_short_name,
        media.license_url,
        media.attribution_required,
    )
    assert UNKNOWN_ID == media.license.spdx
    assert "CommonsMetadata" in media.license.basis
    assert {"no-license", "no-author", "no-source", "no-description"} == set(
        media.problems
    )
    assert "Analytical Engine" == media.object_name
    assert media.requires_attribution  # unknown licence: assume required


def test_provenance_revision_is_the_description_page(client: Client) -> None:
    """Provenance names the description page's latest revision and the request."""
    media = client.media(fixtures.IMAGE_FILE)
    info = client.action(
        {"action": "query", "prop": "info", "titles": fixtures.IMAGE_FILE}
    )
    assert media.provenance is not None
    assert info["query"]["pages"][0]["lastrevid"] == media.provenance.revid
    assert media.provenance.rev_timestamp is not None
    params = dict(media.provenance.params)
    assert fixtures.IMAGE_FILE == params["titles"]
    assert "imageinfo|info|revisions" == params["prop"]
    assert client.wire_user_agent == media.provenance.user_agent
    assert media == MediaFile.from_json(media.to_json())


def test_namespace_alias_is_normalised(client: Client) -> None:
    """'Image:' (the old name of the namespace) resolves to the file."""
    media = client.media("Image:Analytical_Engine.png")
    assert fixtures.IMAGE_FILE == media.title
    assert "Image:Analytical_Engine.png" == media.normalized_from


def test_missing_file(client: Client) -> None:
    """A file that was never uploaded raises PageNotFoundError."""
    with pytest.raises(PageNotFoundError):
        client.media("File:Integration media never uploaded.png")


def test_article_title_is_not_a_file(client: Client) -> None:
    """An article title is refused with ConfigurationError."""
    with pytest.raises(ConfigurationError):
        client.media(fixtures.ARTICLE)


def test_invalid_title(client: Client) -> None:
    """A title the wiki cannot have raises InvalidTitleError."""
    with pytest.raises(InvalidTitleError):
        client.media("File:Bad[title].png")

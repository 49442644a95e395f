"""Dumps written by the real MediaWiki test bed (dumpBackup.php), read back.

The dump's latest revisions must equal what the API serves for the same
pages: same revision, text, SHA-1, title, timestamp and licence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.mediawiki import MediaWiki
from tests.test_integration_client import make_client
from wikireuse.articles import LicenseTimeline
from wikireuse.dumps import read_xml_dump
from wikireuse.testing import FakeClock

pytestmark = pytest.mark.mediawiki

RIGHTS = "https://creativecommons.org/licenses/by-sa/4.0/"


def write_dump(mediawiki: MediaWiki, path: Path, *, full: bool = False) -> Path:
    """Have MediaWiki write an XML dump of the whole wiki (gzip) to *path*."""
    mediawiki.php(
        "dumpBackup",
        "--full" if full else "--current",
        "--quiet",
        f"--output=gzip:{path}",
    )
    return path


def test_dumpbackup_equals_the_api(mediawiki: MediaWiki, tmp_path: Path) -> None:
    """Every article page of a MediaWiki dump equals a fresh fetch of its page."""
    path = write_dump(mediawiki, tmp_path / "testwiki.xml.gz")
    timeline = LicenseTimeline(wikimedia_only=False)
    stream = read_xml_dump(path, rights=RIGHTS, license_timeline=timeline)
    dumped = {a.pageid: a for a in stream}
    assert dumped
    assert stream.file.compression == "gzip"
    client = make_client(mediawiki.api_url, FakeClock(), license_timeline=timeline)
    with client:
        fetched = {
            o.article.pageid: o.article
            for o in client.iter_articles(pageids=sorted(dumped), redirects=False)
            if o.article is not None
        }
    assert sorted(fetched) == sorted(dumped)
    for pageid, got in dumped.items():
        want = fetched[pageid]
        assert got.wiki == want.wiki == mediawiki.api_url
        assert (got.title, got.revid, got.parentid) == (
            want.title,
            want.revid,
            want.parentid,
        )
        assert got.timestamp == want.timestamp
        assert got.wikitext == want.wikitext
        assert got.sha1 == want.sha1
        assert got.license.spdx == want.license.spdx
        assert got.url == want.url
        assert got.permalink == want.permalink
        # (Categories are not compared: the API reads them from link tables,
        # which pages imported without updates, as some tests do, lack.)


def test_dumpbackup_full_history(mediawiki: MediaWiki, tmp_path: Path) -> None:
    """--full: every revision, parents chained, the last one the page's latest."""
    path = write_dump(mediawiki, tmp_path / "full.xml.gz", full=True)
    stream = read_xml_dump(path, revisions="all", namespaces=None, rights=RIGHTS)
    articles = list(stream)
    by_page: dict[int, list[int]] = {}
    for article in articles:
        by_page.setdefault(article.pageid, []).append(article.revid)
    assert any(len(revids) > 1 for revids in by_page.values())
    hidden = stream.skipped.get("revision text hidden (revision deletion)", 0)
    for article in articles:
        if article.parentid is not None:
            assert article.parentid < article.revid
            # The parent was yielded, unless its text is hidden (not yielded).
            assert article.parentid in by_page[article.pageid] or hidden
    latest = [a for a in articles if a.is_latest]
    assert len(latest) == len(by_page)

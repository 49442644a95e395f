"""Article records as the client builds them, for the attribution tests.

One builder, so that the attribution, citation and credits tests agree on
what a fetched revision looks like (Wikimedia URL layout, consistent hashes).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from wikireuse.articles import Article, Contributors, PageLicense
from wikireuse.provenance import Provenance, content_hash
from wikireuse.titles import url_path

UA = "wikireuse-tests/1.0 (tests@wikireuse.invalid)"


def article_record(
    title: str,
    *,
    license: PageLicense,
    host: str = "en.wikipedia.org",
    scheme: str = "https",
    pageid: int = 1,
    revid: int = 1234,
    timestamp: datetime = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc),
    text: str = "Text.",
    language: str = "",
    site_name: str = "",
    permalink: str | None = None,
    contributors: Contributors | None = None,
    fetched_at: datetime | None = None,
) -> Article:
    """A revision of *title* on *host* as a fetch records it."""
    path = url_path(title)
    api = f"{scheme}://{host}/w/api.php"
    index = f"{scheme}://{host}/w/index.php?title={path}"
    return Article(
        wiki=api,
        requested=title,
        namespace=0,
        title=title,
        pageid=pageid,
        revid=revid,
        parentid=None,
        timestamp=timestamp,
        sha1=hashlib.sha1(text.encode()).hexdigest(),  # noqa: S324 - MediaWiki's
        size=len(text.encode()),
        wikitext=text,
        language=language,
        site_name=site_name,
        url=f"{scheme}://{host}/wiki/{path}",
        permalink=permalink if permalink is not None else f"{index}&oldid={revid}",
        history_url=f"{index}&action=history",
        license=license,
        contributors=contributors,
        provenance=Provenance(
            wiki=api,
            endpoint=api,
            params=(("action", "query"), ("titles", title)),
            revid=revid,
            rev_timestamp=timestamp,
            content_hash=content_hash(text),
            fetched_at=fetched_at if fetched_at is not None else timestamp,
            user_agent=UA,
            wikireuse_version="0.1.0",
        ),
    )

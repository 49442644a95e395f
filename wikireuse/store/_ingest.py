"""The write path of :meth:`Store.ingest <wikireuse.store.Store.ingest>`.

A batch of articles is written with a handful of statements instead of five
or six per article: one query finds which revisions the store holds, one
which pages it knows; new revisions, new pages, page updates and titles then
go in with ``executemany``, in the order a one-by-one write would make them
(so the store ends exactly as :meth:`Store.put`-like writes would leave
it). A page event (a move, a restore) is rare: the batch writes what it has
so far and hands that article to the store's own page update.

The batches are written by the thread that reads them. A writer thread of
their own was measured slower on a two-CPU machine, with ``executemany`` and
with multi-row ``INSERT`` statements alike: the writer and the XML parser
hand the GIL to each other tens of thousands of times per dump, and the
switches cost more CPU time than the SQLite work they overlap.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final

import orjson

from wikireuse.core import _json
from wikireuse.records.articles import Article

__all__ = [
    "INSERT_REVISION",
    "BatchWriter",
    "revision_row",
    "stored_revisions",
]

# Parameters per IN (...) query: under SQLite's oldest limit of 999.
_IN_LIMIT: Final = 900

INSERT_REVISION: Final = (
    "INSERT INTO revisions (wiki, pageid, revid, title, timestamp, sha1, "
    "content_hash, license_spdx, fetched_at, provenance, record) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_PAGE: Final = (
    "INSERT INTO pages (wiki, pageid, namespace, title, latest_revid, status, "
    "first_stored_at, changed_at) VALUES (?, ?, ?, ?, ?, 'present', ?, ?)"
)
_UPDATE_PAGE: Final = (
    "UPDATE pages SET namespace = ?, title = ?, latest_revid = ?, "
    "status = 'present', deleted_at = NULL, changed_at = ? "
    "WHERE wiki = ? AND pageid = ?"
)
_INDEX_TITLE: Final = (
    "INSERT INTO titles (wiki, title, pageid) VALUES (?, ?, ?) "
    "ON CONFLICT (wiki, title) DO UPDATE SET pageid = excluded.pageid"
)


def _encoded(value: Any, *, sort_keys: bool) -> str:
    """*value* as :func:`~wikireuse.core._json.compact` (or ``canonical``) JSON.

    With orjson, a C encoder several times faster than the standard
    library's on the long text of a revision record; it writes the same
    compact form (no spaces, non-ASCII as is). What it refuses (a lone
    surrogate, an integer over 64 bits) goes to the standard library.
    """
    try:
        return orjson.dumps(
            value, option=orjson.OPT_SORT_KEYS if sort_keys else 0
        ).decode()
    except orjson.JSONEncodeError:
        return _json.canonical(value) if sort_keys else _json.compact(value)


def revision_row(article: Article, digest: str) -> tuple[Any, ...]:
    """The ``revisions`` row of *article* (its content hash already checked)."""
    # Once: the provenance column and both time columns are parts of it.
    record = article.to_dict()
    provenance = record["provenance"]
    return (
        article.wiki,
        article.pageid,
        article.revid,
        article.title,
        record["timestamp"],
        article.sha1,
        digest,
        article.license.spdx,
        provenance["fetched_at"],
        _encoded(provenance, sort_keys=True),
        _encoded(record, sort_keys=False),
    )


def _in_groups(
    keys: Iterable[tuple[str, int]],
) -> Iterator[tuple[str, Sequence[int]]]:
    """(wiki, ids) groups of at most ``_IN_LIMIT`` ids, for ``IN (...)`` queries."""
    by_wiki: dict[str, list[int]] = {}
    for wiki, number in keys:
        by_wiki.setdefault(wiki, []).append(number)
    for wiki, numbers in by_wiki.items():
        unique = sorted(set(numbers))
        for start in range(0, len(unique), _IN_LIMIT):
            yield wiki, unique[start : start + _IN_LIMIT]


def stored_revisions(
    conn: sqlite3.Connection, articles: Sequence[Article]
) -> dict[tuple[str, int], tuple[str, int, bool]]:
    """The stored (content hash, page, redacted) of the articles' revisions."""
    found: dict[tuple[str, int], tuple[str, int, bool]] = {}
    for wiki, revids in _in_groups((a.wiki, a.revid) for a in articles):
        marks = ",".join("?" * len(revids))  # placeholders only: no values
        query = (
            "SELECT revid, content_hash, pageid, EXISTS (SELECT 1 FROM "  # noqa: S608
            "redactions x WHERE x.wiki = r.wiki AND x.revid = r.revid) "
            f"FROM revisions r WHERE wiki = ? AND revid IN ({marks})"
        )
        for revid, digest, pageid, redacted in conn.execute(query, (wiki, *revids)):
            found[(wiki, revid)] = (digest, pageid, bool(redacted))
    return found


class BatchWriter:
    """The writes of one batch, gathered and sent in the order they were made.

    Args:
        conn: The store's connection, inside the batch's write transaction.
        articles: The batch (to look up its revisions' pages at once).
        now: The batch's time stamp for page records.
        page_event: The store's one-by-one page update, for an article that
            moves or restores a page (called after what is gathered is
            written).
        added: Ranges ``[first, last]`` of the row ids of the revisions
            written, extended as they are (consecutive ids share a range).
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        articles: Sequence[Article],
        now: str,
        page_event: Callable[[sqlite3.Connection, Article, str], None],
        added: list[list[int]],
    ) -> None:
        self._conn = conn
        self._added = added
        self._now = now
        self._page_event = page_event
        # (latest revid, status, title) of every page of the batch the store
        # knows, kept as the batch goes.
        self._pages: dict[tuple[str, int], tuple[int, str, str]] = {}
        for wiki, pageids in _in_groups((a.wiki, a.pageid) for a in articles):
            marks = ",".join("?" * len(pageids))  # placeholders only: no values
            query = (
                "SELECT pageid, latest_revid, status, title FROM pages "  # noqa: S608
                f"WHERE wiki = ? AND pageid IN ({marks})"
            )
            for pageid, latest, status, title in conn.execute(query, (wiki, *pageids)):
                self._pages[(wiki, pageid)] = (latest, status, title)
        self._revisions: list[tuple[Any, ...]] = []
        self._new_pages: dict[tuple[str, int], list[Any]] = {}
        self._updates: dict[tuple[str, int], tuple[Any, ...]] = {}
        self._titles: list[tuple[str, str, int]] = []

    def add(self, article: Article, digest: str, titles: Iterable[str]) -> None:
        """Keep a new revision, update its page, index its *titles*."""
        self._revisions.append(revision_row(article, digest))
        key = (article.wiki, article.pageid)
        page = self._pages.get(key)
        if page is None:
            self._new_pages[key] = [
                article.wiki,
                article.pageid,
                article.namespace,
                article.title,
                article.revid,
                self._now,
                self._now,
            ]
        elif article.revid >= page[0]:
            if page[1] != "present" or page[2] != article.title:
                # A restore or a move: its events are written one by one.
                self.flush()
                self._page_event(self._conn, article, self._now)
            elif key in self._new_pages:
                # A newer revision of a page new in this batch: the page
                # goes in once, as it ends.
                self._new_pages[key][2:5] = (
                    article.namespace,
                    article.title,
                    article.revid,
                )
            else:
                self._updates[key] = (
                    article.namespace,
                    article.title,
                    article.revid,
                    self._now,
                    article.wiki,
                    article.pageid,
                )
        if page is None or article.revid >= page[0]:
            self._pages[key] = (article.revid, "present", article.title)
        self._titles.extend((article.wiki, t, article.pageid) for t in titles)

    def flush(self) -> None:
        """Write what is gathered: revisions, then pages, then titles."""
        conn = self._conn
        if self._revisions:
            conn.executemany(INSERT_REVISION, self._revisions)
            # One transaction, one connection: the new row ids are consecutive.
            (last,) = conn.execute("SELECT last_insert_rowid()").fetchone()
            first = last - len(self._revisions) + 1
            if self._added and self._added[-1][1] == first - 1:
                self._added[-1][1] = last
            else:
                self._added.append([first, last])
        if self._new_pages:
            conn.executemany(_INSERT_PAGE, self._new_pages.values())
        if self._updates:
            conn.executemany(_UPDATE_PAGE, self._updates.values())
        if self._titles:
            conn.executemany(_INDEX_TITLE, self._titles)
        self._revisions, self._titles = [], []
        self._new_pages, self._updates = {}, {}

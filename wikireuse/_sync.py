"""Delta sync of a :class:`~wikireuse.store.Store` (``Client.sync``).

Pages the store already knows are checked cheaply: one ``prop=info`` request
per 50 page ids tells each page's current title and newest revision id.
Asking by page id, not title, is what makes moves visible (same id, new
title) and deletions certain (the id is gone). Only pages whose newest
revision changed are fetched again, 50 a request; titles the store does not
know are fetched like any batch. The titles of deleted pages are asked for
once more, by title (50 a request, only when there are any): a page may have
been created again under the same title, with a new page id. Everything
fetched goes into the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

from wikireuse.articles import Article, FetchStatus
from wikireuse.exceptions import ConfigurationError, FetchError, InvalidResponseError
from wikireuse.store import Store, StoredPage, SyncReport

if TYPE_CHECKING:
    from wikireuse.http import Client, Wiki

__all__ = ["sync"]

# Page ids per prop=info request and per content request: the Action API's
# limit without apihighlimits, and the cap on pages with content per request.
_BATCH: Final = 50

_Fate = Literal["unchanged", "updated", "new", "deleted", "moved", "missing", "invalid"]


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _titles(titles: Iterable[str]) -> list[str]:
    if isinstance(titles, str) or not isinstance(titles, Iterable):
        raise ConfigurationError(
            message="titles must be an iterable of titles, not one string"
        )
    out = []
    for title in titles:
        if not isinstance(title, str):
            raise ConfigurationError(message=f"a title must be a string, got {title!r}")
        out.append(title)
    return list(dict.fromkeys(out))


class _Sync:
    """The state of one sync run."""

    def __init__(self, client: Client, store: Store, target: Wiki) -> None:
        self.client = client
        self.store = store
        self.target = target
        self.wiki = target.api_url
        # What the store knew before anything was fetched.
        self.pages: dict[int, StoredPage] = {
            p.pageid: p for p in store.pages(wiki=self.wiki)
        }
        self.fate: dict[int, _Fate] = {}
        self.moves: dict[int, tuple[str, str]] = {}

    def keep(self, article: Article) -> None:
        """Put a live article into the store (once, if the client already did)."""
        if article.from_store:
            # The client answered from its own store: the wiki was not reached.
            raise FetchError(
                message=f"{self.target.host}: the wiki could not be reached during "
                f"the sync ({article.provenance.note})",
                url=self.wiki,
            )
        if self.client.store is self.store and self.store._has(
            wiki=self.wiki, revid=article.revid
        ):
            return
        self.store.put(article)

    def check_known(self, pageids: Sequence[int]) -> list[int]:
        """Ask ``prop=info`` for known pages; record deletions and moves.

        Returns:
            The page ids whose newest revision must be fetched.
        """
        info: dict[int, dict[str, Any]] = {}
        for batch in _chunks(pageids, _BATCH):
            for data in self.client.query(
                {"prop": "info", "pageids": list(batch)}, self.target
            ):
                pages = data.get("query", {}).get("pages", [])
                if not isinstance(pages, list):
                    raise InvalidResponseError(
                        message=f"{self.target.host}: query.pages is not a list",
                        url=self.wiki,
                    )
                for page in pages:
                    if isinstance(page, dict) and isinstance(page.get("pageid"), int):
                        info[page["pageid"]] = page
        stale = []
        for pageid in pageids:
            stored = self.pages[pageid]
            page = info.get(pageid)
            if page is None or page.get("missing") or page.get("invalid"):
                self.deleted(pageid)
                continue
            title = page.get("title")
            lastrevid = page.get("lastrevid")
            if not isinstance(title, str) or not isinstance(lastrevid, int):
                raise InvalidResponseError(
                    message=f"{self.target.host}: prop=info without title or "
                    f"lastrevid for page {pageid}: {page!r}",
                    url=self.wiki,
                )
            self.fate[pageid] = "unchanged"
            if title != stored.title:
                self.store.mark_moved(
                    wiki=self.wiki,
                    pageid=pageid,
                    old_title=stored.title,
                    new_title=title,
                )
                self.moves[pageid] = (stored.title, title)
                self.fate[pageid] = "moved"
            if lastrevid != stored.latest_revid or stored.status == "deleted":
                stale.append(pageid)
                if pageid not in self.moves:
                    self.fate[pageid] = "updated"
        return stale

    def deleted(self, pageid: int) -> None:
        """Record the page as deleted (once in the store, every run in the report)."""
        if self.pages[pageid].status != "deleted":
            self.store.mark_deleted(wiki=self.wiki, pageid=pageid)
        self.fate[pageid] = "deleted"
        self.moves.pop(pageid, None)

    def refetch(self, pageids: Sequence[int], progress: bool | None) -> None:
        """Fetch the newest revision of changed pages, 50 a request."""
        if not pageids:
            return
        # redirects=False: a known page that became a redirect is stored as
        # what it now is, not replaced by its target.
        outcomes = self.client.iter_articles(
            pageids=pageids, wiki=self.target, redirects=False, progress=progress
        )
        for pageid, outcome in zip(pageids, outcomes, strict=True):
            if outcome.article is None:
                # Gone between the prop=info and this request.
                self.deleted(pageid)
            else:
                self.keep(outcome.article)

    def fetch_new(
        self, titles: Sequence[str], progress: bool | None, *, gone: bool = False
    ) -> dict[str, tuple[_Fate, tuple[str, str] | None]]:
        """Fetch titles by title; classify each.

        Args:
            titles: Titles the store does not know, or (*gone*) titles whose
                stored page was found deleted.
            progress: As for :meth:`Client.iter_articles`.
            gone: A title that has no page now is then "deleted" (the store
                knew it), not "missing"; one that has is "new" (recreated).
        """
        found: dict[str, tuple[_Fate, tuple[str, str] | None]] = {}
        if not titles:
            return found
        outcomes = self.client.iter_articles(
            titles, wiki=self.target, progress=progress
        )
        for title, outcome in zip(titles, outcomes, strict=True):
            article = outcome.article
            if article is None:
                missing = outcome.status is FetchStatus.MISSING
                if missing and gone:
                    found[title] = ("deleted", None)
                else:
                    found[title] = ("missing" if missing else "invalid", None)
                continue
            self.keep(article)
            before = self.pages.get(article.pageid)
            if before is None:
                found[title] = ("new", None)
            elif before.title != article.title:
                # A known page reached under its new name: put() recorded
                # the move.
                found[title] = ("moved", (before.title, article.title))
            elif article.revid > before.latest_revid or before.status == "deleted":
                found[title] = ("updated", None)
            else:
                found[title] = ("unchanged", None)
        return found


def sync(
    client: Client,
    store: Store,
    titles: Iterable[str],
    *,
    wiki: Wiki | str | None,
    progress: bool | None,
) -> SyncReport:
    """Bring *store* up to date for *titles* (see :meth:`Client.sync`)."""
    if not isinstance(store, Store):
        raise ConfigurationError(
            message=f"sync() needs a wikireuse Store, got {type(store).__name__}"
        )
    wanted = _titles(titles)
    if progress is not None and not isinstance(progress, bool):
        # Checked before the first request, not when a fetch first needs it.
        raise ConfigurationError(
            message=f"progress must be a bool or None: {progress!r}"
        )
    target = client._target(wiki)
    sent_before = client.stats.requests_sent
    run = _Sync(client, store, target)

    known: dict[str, int] = {}
    unknown: list[str] = []
    for title in wanted:
        pageid = store._page_of(run.wiki, title)
        if pageid is not None and pageid in run.pages:
            known[title] = pageid
        else:
            unknown.append(title)

    stale = run.check_known(list(dict.fromkeys(known.values())))
    run.refetch(stale, progress)
    fetched = run.fetch_new(unknown, progress)
    # The page id is gone, but the title may lead to a page created since.
    gone = [title for title, pageid in known.items() if run.fate[pageid] == "deleted"]
    fetched.update(run.fetch_new(gone, progress, gone=True))

    groups: dict[str, list[Any]] = {
        "unchanged": [],
        "updated": [],
        "new": [],
        "deleted": [],
        "moved": [],
        "missing": [],
        "invalid": [],
    }
    for title in wanted:
        move: tuple[str, str] | None
        if title in known and title not in fetched:
            fate: _Fate = run.fate[known[title]]
            move = run.moves.get(known[title])
        else:
            fate, move = fetched[title]
        if fate == "moved":
            if move not in groups["moved"]:
                groups["moved"].append(move)
        else:
            groups[fate].append(title)

    report = SyncReport(
        wiki=run.wiki,
        unchanged=tuple(groups["unchanged"]),
        updated=tuple(groups["updated"]),
        new=tuple(groups["new"]),
        deleted=tuple(groups["deleted"]),
        moved=tuple(groups["moved"]),
        missing=tuple(groups["missing"]),
        invalid=tuple(groups["invalid"]),
        requests_sent=client.stats.requests_sent - sent_before,
    )
    store._record("sync", run.wiki, report.to_dict())
    return report

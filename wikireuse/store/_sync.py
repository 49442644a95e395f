"""Delta sync of a :class:`~wikireuse.store.Store` (``Client.sync``).

Titles the store already knows (under any name: the page's title, a
redirect, a name before a move) are checked cheaply, **by title**: one
``prop=info&redirects=1`` request per 50 titles says where each title leads
*now* and that page's newest revision id. Asking by title, not by stored
page id, is what catches a title that now leads to another page: a redirect
retargeted, a redirect turned into an article, a page recreated (or another
moved in) under the title. For each known title:

* the same page as stored: **moved** when its title changed, **updated**
  when its newest revision changed (refetched by page id, 50 a request),
  else **unchanged**;
* another page: fetched by title, so the store's title index learns where
  the title leads; **new** when the store did not have that page, else
  **updated** (the title now gives other content);
* no page: the stored page is asked for by id (``prop=info&pageids=``, 50 a
  request, only when there are such titles): alive under another title is
  a **move** (without a redirect; refetched if its revision changed), gone
  is a **deletion**; alive under its stored title, the asked title itself
  went away (a deleted redirect) and is **missing**;
* invalid: **invalid**.

The stored page a title used to lead to is asked for by id in the second
case too (in the same requests), so its deletion or move is recorded even
though the title now gives another page. Titles the store does not know are
fetched like any batch. Everything fetched goes into the store.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from wikireuse.exceptions import ConfigurationError, FetchError, InvalidResponseError
from wikireuse.fetch._articles import info_by_pageid, resolve_info
from wikireuse.records.articles import Article, FetchStatus
from wikireuse.store import Store, StoredPage, SyncReport

if TYPE_CHECKING:
    from wikireuse.client import Client
    from wikireuse.http import Wiki

__all__ = ["sync"]

_Fate = Literal["unchanged", "updated", "new", "deleted", "moved", "missing", "invalid"]


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


def _info_facts(page: Mapping[str, Any], wiki: Wiki) -> tuple[int, str, int]:
    """The page id, title and newest revision id of a ``prop=info`` page."""
    pageid = page.get("pageid")
    title = page.get("title")
    lastrevid = page.get("lastrevid")
    if (
        not isinstance(pageid, int)
        or not isinstance(title, str)
        or not isinstance(lastrevid, int)
    ):
        raise InvalidResponseError(
            message=f"{wiki.host}: prop=info without pageid, title or lastrevid: "
            f"{dict(page)!r}",
            url=wiki.api_url,
        )
    return pageid, title, lastrevid


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
        # Per stored page: its fate, its move, its title on the wiki now.
        self.fate: dict[int, _Fate] = {}
        self.moves: dict[int, tuple[str, str]] = {}
        self.live: dict[int, str] = {}
        self.stale: list[int] = []

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

    def check(self, pageid: int, title: str, lastrevid: int, *, refetch: bool) -> None:
        """Compare a stored page with the wiki's; record a move (once a run).

        Args:
            pageid: The stored page.
            title: Its title on the wiki now.
            lastrevid: Its newest revision on the wiki.
            refetch: Fetch its newest revision if that changed (only when a
                title asked for leads to the page).
        """
        if pageid in self.fate:
            return
        stored = self.pages[pageid]
        self.live[pageid] = title
        self.fate[pageid] = "unchanged"
        if title != stored.title:
            self.store.mark_moved(
                wiki=self.wiki, pageid=pageid, old_title=stored.title, new_title=title
            )
            self.moves[pageid] = (stored.title, title)
            self.fate[pageid] = "moved"
        if refetch and (lastrevid != stored.latest_revid or stored.status == "deleted"):
            self.stale.append(pageid)
            if pageid not in self.moves:
                self.fate[pageid] = "updated"

    def deleted(self, pageid: int) -> None:
        """Record the page as deleted (once in the store, every run in the report)."""
        if self.pages[pageid].status != "deleted":
            self.store.mark_deleted(wiki=self.wiki, pageid=pageid)
        self.fate[pageid] = "deleted"
        self.moves.pop(pageid, None)

    def follow_up(self, pageids: Sequence[int], *, refetch: Container[int]) -> None:
        """Ask ``prop=info`` by id for stored pages no title led to.

        Args:
            pageids: Stored pages not yet checked in this run.
            refetch: Those whose newest revision is fetched when it changed
                and they were moved (a title asked for still means them).
        """
        if not pageids:
            return
        info = info_by_pageid(self.client, self.target, pageids)
        for pageid in pageids:
            page = info.get(pageid)
            if page is None or page.get("missing") or page.get("invalid"):
                self.deleted(pageid)
                continue
            _, title, lastrevid = _info_facts(page, self.target)
            moved = title != self.pages[pageid].title
            self.check(pageid, title, lastrevid, refetch=moved and pageid in refetch)

    def refetch(self, progress: bool | None) -> None:
        """Fetch the newest revision of changed pages, 50 a request."""
        pageids = list(dict.fromkeys(self.stale))
        if not pageids:
            return
        # redirects=False: the page is fetched as what it is, by its id.
        outcomes = self.client.iter_articles(
            pageids=pageids, wiki=self.target, redirects=False, progress=progress
        )
        for pageid, outcome in zip(pageids, outcomes, strict=True):
            if outcome.article is None:
                # Gone between the prop=info and this request.
                self.deleted(pageid)
            else:
                self.keep(outcome.article)

    def fetch_titles(
        self,
        titles: Sequence[str],
        progress: bool | None,
        *,
        was: Mapping[str, int] | None = None,
    ) -> dict[str, tuple[_Fate, tuple[str, str] | None]]:
        """Fetch titles by title (following redirects); classify each.

        Args:
            titles: Titles the store does not know, or (*was*) known titles
                that now lead to another page than the stored one.
            progress: As for :meth:`Client.iter_articles`.
            was: The stored page each known title led to. A title that now
                gives another page is "new" when the store did not have that
                page, else "updated": the title gives other content.
        """
        found: dict[str, tuple[_Fate, tuple[str, str] | None]] = {}
        if not titles:
            return found
        outcomes = self.client.iter_articles(
            titles, wiki=self.target, progress=progress
        )
        for title, outcome in zip(titles, outcomes, strict=True):
            article = outcome.article
            before_id = was.get(title) if was is not None else None
            if article is None:
                missing = outcome.status is FetchStatus.MISSING
                if missing and before_id is not None:
                    gone = self.fate.get(before_id) == "deleted"
                    found[title] = ("deleted" if gone else "missing", None)
                else:
                    found[title] = ("missing" if missing else "invalid", None)
                continue
            self.keep(article)
            before = self.pages.get(article.pageid)
            if before is None:
                found[title] = ("new", None)
            elif before_id is not None and article.pageid != before_id:
                found[title] = ("updated", None)
            elif before.title != article.title:
                # A known page reached under its new name: recorded as a move
                # by put(), or by this run's check.
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

    # 1. Where does each known title lead now? One prop=info per 50 titles.
    resolved = resolve_info(client, target, list(known))
    via: dict[str, int] = {}  # the title leads to its stored page (or did)
    lost: dict[str, int] = {}  # the title leads nowhere now
    elsewhere: dict[str, int] = {}  # the title leads to another page now
    fates: dict[str, tuple[_Fate, tuple[str, str] | None]] = {}
    for title, pageid in known.items():
        page = resolved[title].page
        if page is None:
            if resolved[title].status is FetchStatus.INVALID:
                fates[title] = ("invalid", None)
            else:
                lost[title] = pageid
            continue
        live_id, live_title, lastrevid = _info_facts(page, target)
        if live_id == pageid:
            via[title] = pageid
            run.check(pageid, live_title, lastrevid, refetch=True)
        else:
            elsewhere[title] = pageid

    # 2. The stored pages of the other titles, by id (only when there are
    # any): moved without a redirect, deleted, or alive under their title.
    asked = [*lost.values(), *elsewhere.values()]
    run.follow_up(
        [p for p in dict.fromkeys(asked) if p not in run.fate],
        refetch=set(lost.values()),
    )
    for title, pageid in lost.items():
        if pageid in run.moves or run.fate[pageid] == "deleted":
            via[title] = pageid
        else:
            # The page lives on under the stored title; this title went away
            # (a deleted redirect, say).
            fates[title] = ("missing", None)

    # 3. Fetch what changed: stale pages by id, then titles that lead to
    # another page (after any move above, so the title index ends up
    # pointing at the page the title gives now), then unknown titles.
    run.refetch(progress)
    fates.update(run.fetch_titles(list(elsewhere), progress, was=elsewhere))
    fates.update(run.fetch_titles(unknown, progress))

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
        fate: _Fate
        if title in via:
            fate = run.fate[via[title]]
            move = run.moves.get(via[title])
        else:
            fate, move = fates[title]
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

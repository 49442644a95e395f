"""Delta sync of a :class:`~wikireuse.store.Store` (``Client.sync``).

Without titles, :func:`sync_changes` brings every stored page of a wiki up
to date from ``list=recentchanges`` since the store's cursor (the cost
follows the changes), or checks every stored title as below when there is
no cursor or it is older than the recent-changes retention.

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
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from wikireuse.core._time import format_timestamp, from_epoch, parse_timestamp
from wikireuse.exceptions import ConfigurationError, FetchError, InvalidResponseError
from wikireuse.fetch._articles import info_by_pageid, resolve_info
from wikireuse.records.articles import Article, FetchStatus
from wikireuse.store import Store, StoredPage, SyncReport

if TYPE_CHECKING:
    from wikireuse.client import Client
    from wikireuse.http import Wiki

__all__ = ["sync", "sync_changes"]

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
    titles: Iterable[str] | None,
    *,
    wiki: Wiki | str | None,
    progress: bool | None,
    retention: timedelta = timedelta(days=90),
) -> SyncReport:
    """Bring *store* up to date (see :meth:`Client.sync`).

    With *titles*: those titles, checked by title. Without (``None`` or
    empty): every stored page of the wiki, from its recent changes.
    """
    if not isinstance(store, Store):
        raise ConfigurationError(
            message=f"sync() needs a wikireuse Store, got {type(store).__name__}"
        )
    wanted = _titles(titles if titles is not None else ())
    if progress is not None and not isinstance(progress, bool):
        # Checked before the first request, not when a fetch first needs it.
        raise ConfigurationError(
            message=f"progress must be a bool or None: {progress!r}"
        )
    if not isinstance(retention, timedelta) or retention <= timedelta(0):
        raise ConfigurationError(message=f"bad retention {retention!r}")
    target = client._target(wiki)
    if wanted:
        report = _sync_titles(client, store, wanted, target, progress)
    else:
        report = sync_changes(
            client, store, target, progress=progress, retention=retention
        )
    store._record("sync", target.api_url, report.to_dict())
    return report


def _sync_titles(
    client: Client,
    store: Store,
    wanted: list[str],
    target: Wiki,
    progress: bool | None,
) -> SyncReport:
    """Check and fetch *wanted* titles."""
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

    return SyncReport(
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


# -- the whole store, from the wiki's recent changes ----------------------------

# Revision deletion bits (MediaWiki RevisionRecord::DELETED_*).
_HIDDEN_BITS: Final = (
    (1, "text"),
    (2, "comment"),
    (4, "user"),
)
_RC_PROPS: Final = "title|ids|timestamp|loginfo"


def _rc_entries(data: Mapping[str, Any], wiki: Wiki) -> list[Mapping[str, Any]]:
    query = data.get("query")
    entries = query.get("recentchanges") if isinstance(query, Mapping) else None
    if not isinstance(entries, list):
        raise InvalidResponseError(
            message=f"{wiki.host}: list=recentchanges answered without a list",
            url=wiki.api_url,
        )
    return [e for e in entries if isinstance(e, Mapping)]


def _newest_change(client: Client, target: Wiki) -> tuple[str, int] | None:
    """The wiki's newest recent change: where a fresh cursor starts."""
    data = client.action(
        {
            "action": "query",
            "list": "recentchanges",
            "rcprop": "timestamp|ids",
            "rcdir": "older",
            "rclimit": 1,
        },
        target,
    )
    for entry in _rc_entries(data, target):
        stamp, rcid = entry.get("timestamp"), entry.get("rcid")
        if isinstance(stamp, str) and isinstance(rcid, int):
            return stamp, rcid
    return None


class _Changes:
    """What the recent changes since the cursor say about the stored pages."""

    def __init__(self, run: _Sync) -> None:
        self.run = run
        self.by_title = {p.title: p.pageid for p in run.pages.values()}
        self.stale: dict[int, None] = {}  # edited, created again, moved
        self.suspects: dict[int, None] = {}  # deleted or restored: asked by id
        self.hidden: dict[int, tuple[set[str], str]] = {}  # revid: fields, why
        self.read = 0
        self.last: tuple[str, int] | None = None

    def page(self, entry: Mapping[str, Any]) -> int | None:
        """The stored page an entry is about, by id, else by title."""
        pageid = entry.get("pageid")
        if isinstance(pageid, int) and pageid in self.run.pages:
            return pageid
        title = entry.get("title")
        return self.by_title.get(title) if isinstance(title, str) else None

    def add(self, entry: Mapping[str, Any]) -> None:
        self.read += 1
        stamp, rcid = entry.get("timestamp"), entry.get("rcid")
        if isinstance(stamp, str) and isinstance(rcid, int):
            self.last = (stamp, rcid)
        kind = entry.get("type")
        pageid = self.page(entry)
        if kind in ("edit", "new"):
            if pageid is not None:
                self.stale[pageid] = None
            return
        if kind != "log":
            return
        logtype, action = entry.get("logtype"), entry.get("logaction")
        params = entry.get("logparams")
        params = params if isinstance(params, Mapping) else {}
        if logtype == "move" and pageid is not None:
            self.stale[pageid] = None
        elif logtype == "delete" and action in ("delete", "restore"):
            if pageid is not None:
                self.suspects[pageid] = None
        elif logtype in ("delete", "suppress") and action == "revision":
            self.revision_deletion(entry, params)

    def revision_deletion(
        self, entry: Mapping[str, Any], params: Mapping[str, Any]
    ) -> None:
        if params.get("type") != "revision":
            return  # log entries hidden, not revisions
        new = params.get("new")
        bits = new.get("bitmask") if isinstance(new, Mapping) else None
        if not isinstance(bits, int):
            return
        fields = {name for bit, name in _HIDDEN_BITS if bits & bit}
        why = (
            f"{entry.get('logtype')}/revision log entry of "
            f"{entry.get('timestamp')} on {entry.get('title')!r}"
        )
        for revid in params.get("ids") or ():
            if isinstance(revid, int) and fields:
                known, _ = self.hidden.get(revid, (set(), why))
                self.hidden[revid] = (known | fields, why)


def sync_changes(
    client: Client,
    store: Store,
    target: Wiki,
    *,
    progress: bool | None,
    retention: timedelta,
) -> SyncReport:
    """Bring every stored page of *target* up to date from its recent changes.

    From the store's cursor: ``list=recentchanges`` (edits, creations, log
    events; 500 a request with continuation) → edited or moved stored pages
    refetched by id (50 a request), deleted and restored ones checked by id
    (``prop=info``, only when there are any), hidden revisions masked. With
    no cursor, or one older than *retention*, every stored title is checked
    as :func:`sync` does, and the cursor starts at the wiki's newest change,
    read first so nothing between is missed.
    """
    sent_before = client.stats.requests_sent
    wiki = target.api_url
    cursor = store.cursor(wiki)
    stamp = cursor.get("rc_timestamp") if cursor is not None else None
    now = from_epoch(client._wall_clock())
    if stamp is None or now - parse_timestamp(stamp) > retention:
        if stamp is None:
            note = "no change cursor yet: every stored title checked"
        else:
            note = (
                f"the change cursor ({stamp}) is older than the wiki's "
                f"recent-changes retention ({retention.days} days): every "
                "stored title checked"
            )
        newest = _newest_change(client, target)
        titles = list(dict.fromkeys(p.title for p in store.pages(wiki=wiki)))
        report = _sync_titles(client, store, titles, target, progress)
        if newest is not None:
            store.set_cursor(wiki, rc_timestamp=newest[0], rc_id=newest[1])
        else:
            store.set_cursor(wiki, rc_timestamp=format_timestamp(now))
        return attrs.evolve(
            report,
            path="full",
            note=note,
            requests_sent=client.stats.requests_sent - sent_before,
        )

    run = _Sync(client, store, target)
    changes = _Changes(run)
    last = cursor.get("rc_id") if cursor is not None else None
    last_rcid = last if isinstance(last, int) else 0
    params = {
        "list": "recentchanges",
        "rcprop": _RC_PROPS,
        "rcdir": "newer",
        "rcstart": stamp,
        "rctype": "edit|new|log",
        "rclimit": "max",
    }
    namespaces = sorted({p.namespace for p in run.pages.values()})
    if namespaces:
        params["rcnamespace"] = "|".join(str(n) for n in namespaces)
    for data in client.query(params, target):
        for entry in _rc_entries(data, target):
            rcid = entry.get("rcid")
            if isinstance(rcid, int) and rcid <= last_rcid:
                continue  # applied by the last sync (same second)
            changes.add(entry)

    before = {pageid: page.title for pageid, page in run.pages.items()}
    suspects = [p for p in changes.suspects if p in run.pages]
    if suspects:
        info = info_by_pageid(client, target, suspects)
        for pageid in suspects:
            page = info.get(pageid)
            if page is None or page.get("missing") or page.get("invalid"):
                run.deleted(pageid)
                changes.stale.pop(pageid, None)
            else:
                _, title, lastrevid = _info_facts(page, target)
                run.check(pageid, title, lastrevid, refetch=True)
    run.stale.extend(p for p in changes.stale if run.fate.get(p) != "deleted")
    restored = {p for p in run.stale if run.pages[p].status == "deleted"}
    run.refetch(progress)

    masked: list[int] = []
    for revid, (fields, why) in changes.hidden.items():
        hidden = sorted(fields)
        if store.redact(wiki=wiki, revid=revid, hidden=hidden, reason=why):  # type: ignore[arg-type]
            masked.append(revid)

    after = {p.pageid: p for p in store.pages(wiki=wiki)}
    updated: list[str] = []
    moved: list[tuple[str, str]] = []
    new: list[str] = []
    deleted: list[str] = []
    for pageid, old_title in before.items():
        now_page = after.get(pageid)
        if now_page is None:
            continue
        if run.fate.get(pageid) == "deleted":
            deleted.append(old_title)
        elif now_page.title != old_title:
            moved.append((old_title, now_page.title))
        elif pageid in restored:
            new.append(now_page.title)
        elif now_page.latest_revid != run.pages[pageid].latest_revid:
            updated.append(now_page.title)
    if changes.last is not None:
        store.set_cursor(wiki, rc_timestamp=changes.last[0], rc_id=changes.last[1])
    return SyncReport(
        wiki=wiki,
        updated=tuple(updated),
        new=tuple(new),
        deleted=tuple(deleted),
        moved=tuple(moved),
        redacted=tuple(masked),
        path="changes",
        changes_read=changes.read,
        note=f"{changes.read} recent changes since {stamp}",
        requests_sent=client.stats.requests_sent - sent_before,
    )

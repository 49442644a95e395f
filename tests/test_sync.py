"""Delta sync logic, network-free, with a stand-in for the client.

The stand-in answers ``query`` (``prop=info`` by titles, following
normalisation and redirects as MediaWiki's formatversion=2 answers show
them, and by page ids) and ``iter_articles`` (content fetches) from dicts,
counting requests, so the classification, batching and store bookkeeping
are tested on their own; the real client is exercised in
tests/test_integration_sync.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import attrs
import pytest

from tests.test_store import WIKI, make_article
from wikireuse.articles import Article, ArticleOutcome, FetchStatus
from wikireuse.exceptions import ConfigurationError, FetchError, InvalidResponseError
from wikireuse.store import Store, SyncReport
from wikireuse.store._sync import sync
from wikireuse.testing import FakeClock

_BAD_CHARS = set("[]{}|#<>")


class StandIn:
    """Just enough of a Client for sync(): a wiki's pages held in dicts."""

    def __init__(self) -> None:
        self.pages: dict[int, Article] = {}  # the wiki's current pages
        self.redirects: dict[str, str] = {}  # redirect pages: title -> target
        self.gone_after_info: set[int] = set()  # deleted between the requests
        self.info_calls: list[tuple[str, list[Any]]] = []  # ("titles", [...])
        self.fetch_calls: list[Any] = []
        self.requests = 0
        self.store: Store | None = None
        self.offline = False

    @property
    def stats(self) -> Any:
        return SimpleNamespace(requests_sent=self.requests)

    def _target(self, wiki: Any) -> Any:
        return SimpleNamespace(api_url=WIKI, host="wiki.test")

    def _action_params(self, params: dict[str, Any]) -> dict[str, str]:
        return {
            k: "|".join(map(str, v)) if isinstance(v, list) else str(v)
            for k, v in params.items()
        }

    def edit(self, article: Article) -> None:
        """Save a page (a redirect of that title becomes this article)."""
        self.redirects.pop(article.title, None)
        self.pages[article.pageid] = article

    def redirect(self, title: str, target: str) -> None:
        """Make *title* a redirect to *target*."""
        self.redirects[title] = target

    def move(self, pageid: int, new_title: str, *, redirect: bool = True) -> None:
        """Rename a page (a move makes a null revision), leaving a redirect."""
        old = self.pages[pageid]
        self.edit(page(pageid, old.revid + 1, new_title))
        if redirect:
            self.redirect(old.title, new_title)

    def by_title(self, title: str) -> Article | None:
        return next((p for p in self.pages.values() if p.title == title), None)

    def follow(self, title: str) -> tuple[str, list[tuple[str, str]]]:
        """Where *title* leads through redirects, and the hops passed."""
        hops: list[tuple[str, str]] = []
        while title in self.redirects and len(hops) <= len(self.redirects):
            hops.append((title, self.redirects[title]))
            title = self.redirects[title]
        return title, hops

    def query(self, params: dict[str, Any], wiki: Any) -> Iterator[dict[str, Any]]:
        assert ("query", "info") == (params["action"], params["prop"])
        self.requests += 1
        if "pageids" in params:
            self.info_calls.append(("pageids", list(params["pageids"])))
            pages: list[dict[str, Any]] = []
            for pageid in params["pageids"]:
                found = self.pages.get(pageid)
                if found is None:
                    pages.append({"pageid": pageid, "missing": True})
                else:
                    pages.append(self.info(found))
            yield {"query": {"pages": pages}}
            return
        assert params.get("redirects") is True
        self.info_calls.append(("titles", list(params["titles"])))
        normalized = []
        redirects: list[dict[str, str]] = []
        pages = []
        seen: set[str] = set()
        for title in params["titles"]:
            if set(title) & _BAD_CHARS:
                pages.append({"title": title, "invalid": True, "invalidreason": "bad"})
                continue
            normal = title.replace("_", " ")
            if normal != title:
                normalized.append({"fromencoded": False, "from": title, "to": normal})
            final, hops = self.follow(normal)
            redirects.extend({"from": a, "to": b} for a, b in hops)
            if final in seen:
                continue
            seen.add(final)
            found = self.by_title(final)
            if found is None:
                pages.append({"ns": 0, "title": final, "missing": True})
            else:
                pages.append(self.info(found))
        query: dict[str, Any] = {"pages": pages}
        if normalized:
            query["normalized"] = normalized
        if redirects:
            query["redirects"] = redirects
        yield {"batchcomplete": True, "query": query}

    @staticmethod
    def info(found: Article) -> dict[str, Any]:
        return {
            "pageid": found.pageid,
            "ns": 0,
            "title": found.title,
            "lastrevid": found.revid,
        }

    def iter_articles(
        self,
        titles: Iterable[str] | None = None,
        *,
        pageids: Iterable[int] | None = None,
        wiki: Any = None,
        redirects: bool = True,
        progress: bool | None = None,
    ) -> Iterator[ArticleOutcome]:
        keys = list(titles if titles is not None else pageids or ())
        self.fetch_calls.append((keys, redirects))
        self.requests += (len(keys) + 49) // 50
        for key in keys:
            passed: tuple[str, ...] = ()
            if isinstance(key, int):
                found = self.pages.get(key)
            else:
                final, hops = self.follow(key) if redirects else (key, [])
                passed = tuple(a for a, _ in hops)
                found = self.by_title(final)
            if found is not None and found.pageid in self.gone_after_info:
                found = None
            if set(str(key)) & _BAD_CHARS:
                yield ArticleOutcome(requested=key, status=FetchStatus.INVALID)
            elif found is None:
                yield ArticleOutcome(requested=key, status=FetchStatus.MISSING)
            else:
                if isinstance(key, str):
                    found = attrs.evolve(found, requested=key, redirects=passed)
                if self.offline:
                    found = attrs.evolve(
                        found,
                        provenance=attrs.evolve(found.provenance, served_from="store"),
                    )
                status = FetchStatus.REDIRECTED if passed else FetchStatus.FOUND
                yield ArticleOutcome(requested=key, status=status, article=found)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store on a fake clock."""
    with Store(tmp_path / "snap.db", wall_clock=FakeClock().wall) as s:
        yield s


def run(client: StandIn, store: Store, titles: Iterable[str]) -> SyncReport:
    return sync(client, store, titles, wiki=None, progress=False)  # type: ignore[arg-type]


def page(pageid: int, revid: int, title: str | None = None) -> Article:
    return make_article(
        pageid=pageid,
        revid=revid,
        title=title or f"Page {pageid}",
        text=f"page {pageid} revision {revid}",
    )


def test_groups_and_request_counts(store: Store) -> None:
    """New, unchanged, updated, missing and invalid titles, in input order."""
    wiki = StandIn()
    for n in (1, 2, 3):
        wiki.edit(page(n, 10 * n))
    first = run(wiki, store, ["Page 1", "Page 2", "Nope", "Bad|title", "Page 1"])
    wiki.edit(page(2, 99))

    second = run(wiki, store, ["Page 1", "Page 2", "Page 3"])

    assert (
        SyncReport(
            wiki=WIKI,
            new=("Page 1", "Page 2"),
            missing=("Nope",),
            invalid=("Bad|title",),
            requests_sent=1,
        )
        == first
    )
    assert (
        SyncReport(
            wiki=WIKI,
            unchanged=("Page 1",),
            updated=("Page 2",),
            new=("Page 3",),
            requests_sent=3,
        )
        == second
    )
    assert [("titles", ["Page 1", "Page 2"])] == wiki.info_calls
    assert ([2], False) == wiki.fetch_calls[-2]  # only the changed page, by id
    assert 99 == store.pages()[1].latest_revid


def test_known_pages_are_checked_fifty_at_a_time(store: Store) -> None:
    """120 known pages cost three prop=info requests and nothing else."""
    wiki = StandIn()
    titles = []
    for n in range(1, 121):
        wiki.edit(page(n, n))
        titles.append(f"Page {n}")
    run(wiki, store, titles)

    report = run(wiki, store, titles)

    assert (120, 3) == (report.counts["unchanged"], report.requests_sent)
    assert [("titles", 50), ("titles", 50), ("titles", 20)] == [
        (kind, len(keys)) for kind, keys in wiki.info_calls
    ]


def test_a_page_deleted_after_the_check_is_deleted(store: Store) -> None:
    """A page that vanishes between prop=info and the fetch is recorded deleted."""
    wiki = StandIn()
    wiki.edit(page(1, 10))
    run(wiki, store, ["Page 1"])
    wiki.edit(page(1, 11))
    wiki.gone_after_info.add(1)

    report = run(wiki, store, ["Page 1"])

    assert ("Page 1",) == report.deleted
    assert "deleted" == store.pages()[0].status


def test_a_restored_page_is_fetched_again(store: Store) -> None:
    """A page marked deleted that is back on the wiki is refetched and present."""
    wiki = StandIn()
    wiki.edit(page(1, 10))
    run(wiki, store, ["Page 1"])
    deleted = wiki.pages.pop(1)
    assert ("Page 1",) == run(wiki, store, ["Page 1"]).deleted
    wiki.edit(deleted)

    report = run(wiki, store, ["Page 1"])

    assert ("Page 1",) == report.updated
    assert "present" == store.pages()[0].status


def test_a_deleted_and_recreated_title_is_new(store: Store) -> None:
    """A stored page deleted and created again (new page id) is fetched as new."""
    wiki = StandIn()
    wiki.edit(page(1, 10, "Phoenix"))
    run(wiki, store, ["Phoenix"])
    del wiki.pages[1]
    wiki.edit(page(2, 20, "Phoenix"))

    report = run(wiki, store, ["Phoenix"])
    latest = store.latest(wiki=WIKI, title="Phoenix")

    # The title now leads to another page: the stored page is asked for by
    # id (to record its deletion), the title's new page is fetched by title.
    assert SyncReport(wiki=WIKI, new=("Phoenix",), requests_sent=3) == report
    assert [("titles", ["Phoenix"]), ("pageids", [1])] == wiki.info_calls[-2:]
    assert (["Phoenix"], True) == wiki.fetch_calls[-1]
    assert [(1, "deleted"), (2, "present")] == [
        (p.pageid, p.status) for p in store.pages()
    ]
    assert latest is not None
    assert 20 == latest.revid


def test_a_title_still_deleted_costs_one_lookup_by_id(store: Store) -> None:
    """A deleted page stays deleted: prop=info by title, then by id; no fetch."""
    wiki = StandIn()
    wiki.edit(page(1, 10))
    wiki.edit(page(2, 20))
    run(wiki, store, ["Page 1", "Page 2"])
    del wiki.pages[1]

    first = run(wiki, store, ["Page 1", "Page 2"])
    again = run(wiki, store, ["Page 1", "Page 2"])

    for report in (first, again):
        assert (
            SyncReport(
                wiki=WIKI, unchanged=("Page 2",), deleted=("Page 1",), requests_sent=2
            )
            == report
        )
    assert [("titles", ["Page 1", "Page 2"]), ("pageids", [1])] * 2 == (
        wiki.info_calls[-4:]
    )
    assert 1 == len(wiki.fetch_calls)  # only the first sync fetched
    assert 1 == sum(e.action == "delete" for e in store.audit())


def test_a_move_is_listed_once(store: Store) -> None:
    """Two titles of one moved page give one (old, new) pair; both lead on."""
    wiki = StandIn()
    wiki.edit(page(1, 10, "Old"))
    wiki.redirect("Alias", "Old")
    store.put(attrs.evolve(page(1, 10, "Old"), requested="Alias", redirects=("Alias",)))
    wiki.move(1, "New")  # leaves the redirect Old -> New

    report = run(wiki, store, ["Old", "Alias"])
    again = run(wiki, store, ["Old", "New", "Alias"])

    assert (("Old", "New"),) == report.moved
    assert ("Old", "New", "Alias") == again.unchanged
    assert (2, 1) == (report.requests_sent, again.requests_sent)
    assert 11 == store.pages()[0].latest_revid


def test_a_new_title_for_a_known_page_is_a_move(store: Store) -> None:
    """Asking by the new title of a renamed, stored page reports the move."""
    wiki = StandIn()
    wiki.edit(page(1, 10, "Old"))
    run(wiki, store, ["Old"])
    wiki.edit(page(1, 11, "New"))

    report = run(wiki, store, ["New"])

    assert (("Old", "New"),) == report.moved
    assert (("Old", "New"),) == store.pages()[0].moves


def test_every_sync_is_audited(store: Store) -> None:
    """The sync's report is the detail of its audit entry."""
    wiki = StandIn()
    wiki.edit(page(1, 10))

    report = run(wiki, store, ["Page 1"])
    entry = store.audit()[-1]

    assert ("sync", WIKI, report.to_dict()) == (
        entry.action,
        entry.wiki,
        dict(entry.detail),
    )


def test_a_client_with_the_same_store_is_not_put_twice(store: Store) -> None:
    """When the client keeps articles in the same store, sync does not repeat it."""
    wiki = StandIn()
    wiki.store = store
    wiki.edit(page(1, 10))
    store.put(page(1, 10))  # as the client does while fetching

    report = run(wiki, store, ["Page 1", "Page 2"])

    assert ("Page 1",) == report.unchanged
    assert 1 == sum(e.action == "fetch" for e in store.audit())


def test_an_answer_from_the_clients_store_fails_the_sync(store: Store) -> None:
    """Stored copies are never taken for the wiki's current state."""
    wiki = StandIn()
    wiki.edit(page(1, 10))
    wiki.offline = True

    with pytest.raises(FetchError, match="could not be reached"):
        run(wiki, store, ["Page 1"])


def test_a_broken_info_answer_is_an_invalid_response(store: Store) -> None:
    """prop=info without lastrevid is an InvalidResponseError."""
    wiki = StandIn()
    wiki.edit(page(1, 10))
    run(wiki, store, ["Page 1"])

    def broken(params: dict[str, Any], target: Any) -> Iterator[dict[str, Any]]:
        yield {"query": {"pages": [{"pageid": 1, "title": "Page 1"}]}}

    wiki.query = broken  # type: ignore[method-assign]

    with pytest.raises(InvalidResponseError, match="lastrevid"):
        run(wiki, store, ["Page 1"])


@pytest.mark.parametrize("titles", ["Page 1", [1], 5])
def test_bad_titles_are_configuration_errors(store: Store, titles: Any) -> None:
    """One string, non-strings or a number instead of titles: ConfigurationError.

    (``None`` is no longer one: it asks for the whole store, from its changes.)
    """
    with pytest.raises(ConfigurationError):
        run(StandIn(), store, titles)


def test_a_store_is_required() -> None:
    """Anything but a Store is a ConfigurationError."""
    with pytest.raises(ConfigurationError, match="Store"):
        sync(StandIn(), {}, ["A"], wiki=None, progress=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("progress", ["yes", 1])
def test_a_bad_progress_fails_before_any_request(store: Store, progress: Any) -> None:
    """progress= that is not a bool or None is refused before the first request."""
    wiki = StandIn()
    wiki.edit(page(1, 10))
    run(wiki, store, ["Page 1"])
    before = wiki.requests

    with pytest.raises(ConfigurationError, match="progress"):
        sync(wiki, store, ["Page 1"], wiki=None, progress=progress)  # type: ignore[arg-type]

    assert before == wiki.requests


# -- titles that now lead elsewhere -------------------------------------------------


def text_of(store: Store, title: str) -> str | None:
    """The stored text the title gives, if any."""
    found = store.latest(wiki=WIKI, title=title)
    return found.wikitext if found is not None else None


def test_a_retargeted_redirect_gives_its_new_target(store: Store) -> None:
    """An alias that now redirects to another page is fetched again: new page."""
    wiki = StandIn()
    wiki.edit(page(1, 10, "X target1"))
    wiki.edit(page(2, 20, "X target2"))
    wiki.redirect("X alias", "X target1")
    assert ("X alias",) == run(wiki, store, ["X alias"]).new
    wiki.redirect("X alias", "X target2")

    report = run(wiki, store, ["X alias"])
    again = run(wiki, store, ["X alias"])

    assert SyncReport(wiki=WIKI, new=("X alias",), requests_sent=3) == report
    assert SyncReport(wiki=WIKI, unchanged=("X alias",), requests_sent=1) == again
    assert "page 2 revision 20" == text_of(store, "X alias")
    assert "page 1 revision 10" == text_of(store, "X target1")
    assert [("titles", ["X alias"]), ("pageids", [1])] == wiki.info_calls[-3:-1]
    assert (["X alias"], True) == wiki.fetch_calls[-1]  # by title, redirects on
    assert {1: "present", 2: "present"} == {p.pageid: p.status for p in store.pages()}


def test_a_redirect_retargeted_to_a_stored_page_is_updated(store: Store) -> None:
    """An alias now leading to another page the store has reports updated."""
    wiki = StandIn()
    wiki.edit(page(1, 10, "X target1"))
    wiki.edit(page(2, 20, "X target2"))
    wiki.redirect("X alias", "X target1")
    run(wiki, store, ["X alias", "X target2"])
    wiki.redirect("X alias", "X target2")

    report = run(wiki, store, ["X target2", "X alias"])

    assert (
        SyncReport(
            wiki=WIKI, unchanged=("X target2",), updated=("X alias",), requests_sent=3
        )
        == report
    )
    assert "page 2 revision 20" == text_of(store, "X alias")


def test_a_redirect_turned_into_an_article_is_new(store: Store) -> None:
    """A stored alias whose redirect became an article of its own is new."""
    wiki = StandIn()
    wiki.edit(page(1, 10, "Target"))
    wiki.redirect("Former redirect", "Target")
    run(wiki, store, ["Former redirect"])
    wiki.edit(page(5, 50, "Former redirect"))  # the redirect page, now an article

    report = run(wiki, store, ["Former redirect", "Target"])

    assert (
        SyncReport(
            wiki=WIKI,
            unchanged=("Target",),
            new=("Former redirect",),
            requests_sent=2,  # one prop=info (the stored page was checked), one fetch
        )
        == report
    )
    assert "page 5 revision 50" == text_of(store, "Former redirect")
    assert "page 1 revision 10" == text_of(store, "Target")


def test_a_move_without_redirect_and_a_new_page_at_the_old_title(
    store: Store,
) -> None:
    """The old title gives the new page; the stored page's move is recorded."""
    wiki = StandIn()
    wiki.edit(page(1, 10, "Old"))
    run(wiki, store, ["Old"])
    wiki.move(1, "New", redirect=False)
    wiki.edit(page(2, 20, "Old"))

    report = run(wiki, store, ["Old"])
    stored = {p.pageid: p for p in store.pages()}
    texts = (text_of(store, "Old"), text_of(store, "New"))
    again = run(wiki, store, ["Old", "New"])

    assert SyncReport(wiki=WIKI, new=("Old",), requests_sent=3) == report
    assert ("New", (("Old", "New"),)) == (stored[1].title, stored[1].moves)
    # "New" was not asked for: the moved page is not fetched until it is.
    assert ("page 2 revision 20", "page 1 revision 10") == texts
    assert (
        SyncReport(wiki=WIKI, unchanged=("Old",), updated=("New",), requests_sent=2)
        == again
    )
    assert "page 1 revision 11" == text_of(store, "New")


def test_a_move_without_redirect_asked_by_the_old_title(store: Store) -> None:
    """The old title has no page: the stored id shows the move, and is refetched."""
    wiki = StandIn()
    wiki.edit(page(1, 10, "Old"))
    run(wiki, store, ["Old"])
    wiki.move(1, "New", redirect=False)

    report = run(wiki, store, ["Old"])

    assert SyncReport(wiki=WIKI, moved=(("Old", "New"),), requests_sent=3) == report
    assert [("titles", ["Old"]), ("pageids", [1])] == wiki.info_calls[-2:]
    assert ([1], False) == wiki.fetch_calls[-1]
    assert ("New", 11) == (store.pages()[0].title, store.pages()[0].latest_revid)


def test_a_move_with_redirect_is_seen_through_the_redirect(store: Store) -> None:
    """The old title redirects to the same page: moved, with no lookup by id."""
    wiki = StandIn()
    wiki.edit(page(1, 10, "Old"))
    run(wiki, store, ["Old"])
    wiki.move(1, "New")

    report = run(wiki, store, ["Old"])

    assert SyncReport(wiki=WIKI, moved=(("Old", "New"),), requests_sent=2) == report
    assert [("titles", ["Old"])] == wiki.info_calls
    assert "page 1 revision 11" == text_of(store, "Old")


def test_a_deleted_redirect_is_missing(store: Store) -> None:
    """An alias whose redirect was deleted is missing; its target is unchanged."""
    wiki = StandIn()
    wiki.edit(page(1, 10, "Target"))
    wiki.redirect("Shortcut", "Target")
    run(wiki, store, ["Shortcut", "Target"])
    del wiki.redirects["Shortcut"]

    report = run(wiki, store, ["Shortcut", "Target"])

    assert (
        SyncReport(
            wiki=WIKI, unchanged=("Target",), missing=("Shortcut",), requests_sent=1
        )
        == report
    )  # the stored page was checked by its own title: no lookup by id
    assert "present" == store.pages()[0].status


def test_an_alias_of_a_deleted_page_is_deleted(store: Store) -> None:
    """A redirect to a page deleted since leads nowhere: the page is deleted."""
    wiki = StandIn()
    wiki.edit(page(1, 10, "Target"))
    wiki.redirect("Shortcut", "Target")
    run(wiki, store, ["Shortcut"])
    del wiki.pages[1]

    report = run(wiki, store, ["Shortcut"])

    assert SyncReport(wiki=WIKI, deleted=("Shortcut",), requests_sent=2) == report
    assert "deleted" == store.pages()[0].status


def test_a_known_title_that_became_invalid_is_invalid(store: Store) -> None:
    """A known title the wiki now calls invalid is reported invalid."""
    wiki = StandIn()
    wiki.edit(page(1, 10))
    run(wiki, store, ["Page 1"])

    def invalid(params: dict[str, Any], target: Any) -> Iterator[dict[str, Any]]:
        wiki.requests += 1
        yield {"query": {"pages": [{"title": "Page 1", "invalid": True}]}}

    wiki.query = invalid  # type: ignore[method-assign]

    assert ("Page 1",) == run(wiki, store, ["Page 1"]).invalid


def test_nothing_changed_costs_one_request_per_fifty_titles(store: Store) -> None:
    """Unchanged pages, aliases and unnormalised titles: one prop=info per 50."""
    wiki = StandIn()
    titles = []
    for n in range(1, 46):
        wiki.edit(page(n, n))
        titles.append(f"Page {n}")
    for n in range(1, 6):
        wiki.redirect(f"Alias {n}", f"Page {n}")
        titles.append(f"Alias {n}")
    titles.append("Page_7")
    run(wiki, store, titles)
    fetches = len(wiki.fetch_calls)

    report = run(wiki, store, titles)

    assert SyncReport(wiki=WIKI, unchanged=tuple(titles), requests_sent=2) == report
    assert [("titles", 50), ("titles", 1)] == [
        (kind, len(keys)) for kind, keys in wiki.info_calls
    ]
    assert fetches == len(wiki.fetch_calls)

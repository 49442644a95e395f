"""Delta sync logic, network-free, with a stand-in for the client.

The stand-in answers ``query`` (the ``prop=info`` check) and
``iter_articles`` (content fetches) from dicts, counting requests, so the
classification, batching and store bookkeeping are tested on their own; the
real client is exercised in tests/test_integration_sync.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import attrs
import pytest

from tests.test_store import WIKI, make_article
from wikireuse._sync import sync
from wikireuse.articles import Article, ArticleOutcome, FetchStatus
from wikireuse.exceptions import ConfigurationError, FetchError, InvalidResponseError
from wikireuse.store import Store, SyncReport
from wikireuse.testing import FakeClock


class StandIn:
    """Just enough of a Client for sync(): a wiki's pages held in dicts."""

    def __init__(self) -> None:
        self.pages: dict[int, Article] = {}  # the wiki's current pages
        self.gone_after_info: set[int] = set()  # deleted between the requests
        self.info_calls: list[list[int]] = []
        self.fetch_calls: list[Any] = []
        self.requests = 0
        self.store: Store | None = None
        self.offline = False

    @property
    def stats(self) -> Any:
        return SimpleNamespace(requests_sent=self.requests)

    def _target(self, wiki: Any) -> Any:
        return SimpleNamespace(api_url=WIKI, host="wiki.test")

    def edit(self, article: Article) -> None:
        self.pages[article.pageid] = article

    def query(self, params: dict[str, Any], wiki: Any) -> Iterator[dict[str, Any]]:
        assert "info" == params["prop"]
        self.requests += 1
        self.info_calls.append(list(params["pageids"]))
        pages = []
        for pageid in params["pageids"]:
            page = self.pages.get(pageid)
            if page is None:
                pages.append({"pageid": pageid, "missing": True})
            else:
                pages.append(
                    {"pageid": pageid, "title": page.title, "lastrevid": page.revid}
                )
        yield {"query": {"pages": pages}}

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
            if isinstance(key, int):
                page = self.pages.get(key)
            else:
                page = next((p for p in self.pages.values() if p.title == key), None)
            if page is not None and page.pageid in self.gone_after_info:
                page = None
            if key == "Bad|title":
                yield ArticleOutcome(requested=key, status=FetchStatus.INVALID)
            elif page is None:
                yield ArticleOutcome(requested=key, status=FetchStatus.MISSING)
            else:
                if self.offline:
                    page = attrs.evolve(
                        page,
                        provenance=attrs.evolve(page.provenance, served_from="store"),
                    )
                yield ArticleOutcome(
                    requested=key, status=FetchStatus.FOUND, article=page
                )


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
    assert [[1, 2]] == wiki.info_calls
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
    assert [50, 50, 20] == [len(ids) for ids in wiki.info_calls]


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

    assert SyncReport(wiki=WIKI, new=("Phoenix",), requests_sent=2) == report
    assert [[1]] == wiki.info_calls[-1:]
    assert (["Phoenix"], True) == wiki.fetch_calls[-1]  # asked again by title
    assert [(1, "deleted"), (2, "present")] == [
        (p.pageid, p.status) for p in store.pages()
    ]
    assert latest is not None
    assert 20 == latest.revid


def test_a_title_still_deleted_costs_one_title_lookup(store: Store) -> None:
    """A deleted page stays deleted: one prop=info and one look-up by title."""
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
    assert [(["Page 1"], True)] * 2 == wiki.fetch_calls[-2:]
    assert 1 == sum(e.action == "delete" for e in store.audit())


def test_a_move_is_listed_once(store: Store) -> None:
    """Two titles of one moved page give one (old, new) pair; both lead on."""
    wiki = StandIn()
    wiki.edit(page(1, 10, "Old"))
    store.put(attrs.evolve(page(1, 10, "Old"), requested="Alias"))
    wiki.edit(page(1, 11, "New"))

    report = run(wiki, store, ["Old", "Alias"])
    again = run(wiki, store, ["Old", "New", "Alias"])

    assert (("Old", "New"),) == report.moved
    assert ("Old", "New", "Alias") == again.unchanged
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


@pytest.mark.parametrize("titles", ["Page 1", [1], None])
def test_bad_titles_are_configuration_errors(store: Store, titles: Any) -> None:
    """One string, or non-strings, instead of titles is a ConfigurationError."""
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

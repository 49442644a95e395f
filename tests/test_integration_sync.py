"""Snapshot store and delta sync against the real MediaWiki test bed.

Every page touched here is created by this module, under a unique
"Syncprobe" title, so the shared fixture pages are never changed. Waits run
on a FakeClock; the fault proxy is used as a transparent recorder where a
test needs to see which requests went over the wire.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.faultproxy import FaultProxy, running_proxy
from tests.support.fixtures import FILLER_TITLES, REDIRECT
from tests.support.mediawiki import MediaWiki
from tests.test_integration_client import make_client as client_for
from tests.test_integration_client import sent_params
from wikireuse import Client, RetryPolicy
from wikireuse.articles import FetchStatus, LicenseTimeline
from wikireuse.exceptions import FetchError
from wikireuse.store import Store, SyncReport
from wikireuse.testing import FakeClock

pytestmark = pytest.mark.mediawiki

_OPEN: list[Client] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    """Close every client a test made (their sockets must not leak)."""
    yield
    while _OPEN:
        _OPEN.pop().close()


def make_client(api_url: str, clock: FakeClock, **kwargs: Any) -> Client:
    """A test-bed client, closed after the test, with the wiki's licence history."""
    kwargs.setdefault("license_timeline", LicenseTimeline(wikimedia_only=False))
    client = client_for(api_url, clock, **kwargs)
    _OPEN.append(client)
    return client


def probe_titles(
    mediawiki: MediaWiki, count: int, prefix: str = "Syncprobe"
) -> list[str]:
    """Create *count* fresh pages with unique titles; return the titles."""
    tag = uuid.uuid4().hex[:8]
    titles = [f"{prefix} {tag} {n}" for n in range(1, count + 1)]
    for n, title in enumerate(titles, start=1):
        mediawiki.edit(title, f"Probe page number {n} of run {tag}.")
    return titles


def synced(
    mediawiki: MediaWiki, store: Store, clock: FakeClock, count: int
) -> tuple[Client, list[str]]:
    """A client, and *count* fresh pages already synced into *store* once."""
    titles = probe_titles(mediawiki, count)
    client = make_client(mediawiki.api_url, clock)
    client.sync(store, titles)
    return client, titles


def sent(proxy: FaultProxy, start: int = 0) -> list[dict[str, str]]:
    """The query parameters of the requests the proxy saw (from *start*)."""
    return [{k: v[0] for k, v in p.items()} for p in sent_params(proxy)[start:]]


@pytest.fixture
def clock() -> FakeClock:
    """A fresh fake clock."""
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    """An empty snapshot store."""
    with Store(tmp_path / "snap.db", wall_clock=clock.wall) as s:
        yield s


def test_first_sync_fetches_every_page_as_new(
    mediawiki: MediaWiki, store: Store, clock: FakeClock
) -> None:
    """A sync into an empty store fetches and keeps every page, with provenance."""
    titles = probe_titles(mediawiki, 3)
    client = make_client(mediawiki.api_url, clock)

    report = client.sync(store, titles)
    pages = store.pages(wiki=mediawiki.api_url)

    assert (
        SyncReport(wiki=mediawiki.api_url, new=tuple(titles), requests_sent=2) == report
    )  # one siteinfo, one content batch
    assert sorted(titles) == sorted(p.title for p in pages)
    stored = store.latest(wiki=mediawiki.api_url, title=titles[0])
    assert stored is not None
    assert ("Probe page number 1", "CC-BY-SA-4.0") == (
        stored.wikitext.split(" of ")[0],
        stored.license.spdx,
    )
    assert ["sync"] == [e.action for e in store.audit()][-1:]


def test_an_edited_page_is_the_only_one_fetched_again(
    mediawiki: MediaWiki, store: Store, clock: FakeClock, fault_proxy: FaultProxy
) -> None:
    """After one edit, a sync makes one prop=info and one content request."""
    proxy = fault_proxy  # a transparent recorder of what goes over the wire
    proxy.clock = clock
    client = make_client(proxy.url_for(mediawiki.api_url), clock)
    titles = probe_titles(mediawiki, 3)
    client.sync(store, titles)
    edited = store.latest(wiki=client.wiki.api_url, title=titles[1])  # type: ignore[union-attr]
    assert edited is not None
    mediawiki.edit(titles[1], "Edited between two syncs.", user="Bob")
    before = len(proxy.requests)

    report = client.sync(store, titles)
    params = sent(proxy, before)

    assert (titles[1],) == report.updated
    assert (titles[0], titles[2]) == report.unchanged
    assert 2 == report.requests_sent == len(params)
    info, content = params
    assert ("info", "1", titles) == (
        info["prop"],
        info["redirects"],
        info["titles"].split("|"),
    )
    assert str(edited.pageid) == content["pageids"]
    assert "revisions" in content["prop"].split("|")
    revisions = store.revisions(wiki=edited.wiki, pageid=edited.pageid)
    assert ["Edited between two syncs."] == [r.wikitext for r in revisions[1:]]
    assert revisions[1].parentid == edited.revid


def test_nothing_changed_costs_one_request(
    mediawiki: MediaWiki, store: Store, clock: FakeClock
) -> None:
    """A sync of unchanged pages is one prop=info request and fetches nothing."""
    client, titles = synced(mediawiki, store, clock, 2)
    manifest = store.manifest()

    report = client.sync(store, titles)

    assert (
        SyncReport(wiki=mediawiki.api_url, unchanged=tuple(titles), requests_sent=1)
        == report
    )
    assert manifest.snapshot_id == store.manifest().snapshot_id


def test_a_deleted_page_is_recorded_and_kept(
    mediawiki: MediaWiki, store: Store, clock: FakeClock
) -> None:
    """A page deleted on the wiki is reported deleted; its revisions stay."""
    client, titles = synced(mediawiki, store, clock, 2)
    mediawiki.delete(titles[0])

    report = client.sync(store, titles)
    again = client.sync(store, titles)
    page = {p.title: p for p in store.pages(wiki=mediawiki.api_url)}[titles[0]]

    assert ((titles[0],), (titles[1],)) == (report.deleted, report.unchanged)
    assert (titles[0],) == again.deleted
    # One prop=info by title for both (the deleted title could have been
    # created again), one by page id for the title that has no page now.
    assert 2 == again.requests_sent
    assert ("deleted", 1) == (page.status, page.revisions)
    kept = store.latest(wiki=mediawiki.api_url, title=titles[0])
    assert kept is not None
    assert kept.wikitext.startswith("Probe page number 1")
    assert 1 == sum(e.action == "delete" for e in store.audit())


def test_a_page_created_again_after_its_deletion_is_new(
    mediawiki: MediaWiki, store: Store, clock: FakeClock
) -> None:
    """A title deleted and recreated leads to the new page; the old stays deleted."""
    client, (title,) = synced(mediawiki, store, clock, 1)
    old = store.latest(wiki=mediawiki.api_url, title=title)
    mediawiki.delete(title)
    mediawiki.edit(title, "Created again after the deletion.")

    report = client.sync(store, [title])
    new = store.latest(wiki=mediawiki.api_url, title=title)
    status = {p.pageid: p.status for p in store.pages(wiki=mediawiki.api_url)}

    assert old is not None
    assert new is not None
    assert (title,) == report.new
    assert "Created again after the deletion." == new.wikitext
    assert {old.pageid: "deleted", new.pageid: "present"} == status


def test_a_moved_page_is_recorded_under_both_titles(
    mediawiki: MediaWiki, store: Store, clock: FakeClock
) -> None:
    """A move is reported as (old, new); the page is then known by both names."""
    client, titles = synced(mediawiki, store, clock, 2)
    new_title = titles[0] + " (moved)"
    mediawiki.move(titles[0], new_title)

    report = client.sync(store, titles)
    after = client.sync(store, [titles[0], new_title, titles[1]])
    page = {p.pageid: p for p in store.pages(wiki=mediawiki.api_url)}
    (moved,) = [p for p in page.values() if p.moves]

    assert ((titles[0], new_title),) == report.moved
    assert (titles[1],) == report.unchanged
    assert (new_title, ((titles[0], new_title),), 2) == (
        moved.title,
        moved.moves,
        moved.revisions,  # the move's own (null) revision was fetched
    )
    assert (titles[0], new_title, titles[1]) == after.unchanged
    assert 1 == after.requests_sent


def test_missing_and_invalid_titles_in_a_sync(
    mediawiki: MediaWiki, store: Store, clock: FakeClock
) -> None:
    """Titles with no page or that cannot exist are reported, not stored."""
    (title,) = probe_titles(mediawiki, 1)
    client = make_client(mediawiki.api_url, clock)
    absent = f"Syncprobe {uuid.uuid4().hex[:8]} never created"

    report = client.sync(store, [title, absent, "Bad[title]"])

    assert ((title,), (absent,), ("Bad[title]",)) == (
        report.new,
        report.missing,
        report.invalid,
    )
    assert not report.ok
    assert 1 == len(store.pages())


def test_a_redirect_to_a_known_page_is_not_new(
    mediawiki: MediaWiki, store: Store, clock: FakeClock
) -> None:
    """A new title that redirects to a stored page is unchanged, and remembered."""
    (title,) = probe_titles(mediawiki, 1)
    alias = title + " alias"
    mediawiki.edit(alias, f"#REDIRECT [[{title}]]")
    client = make_client(mediawiki.api_url, clock)
    client.sync(store, [title])

    first = client.sync(store, [alias])
    second = client.sync(store, [alias])

    assert ((alias,), (alias,)) == (first.unchanged, second.unchanged)
    assert 1 == second.requests_sent
    assert 1 == len(store.pages())


def test_a_client_with_a_store_keeps_what_it_fetches(
    mediawiki: MediaWiki, store: Store, clock: FakeClock
) -> None:
    """client.article() with store= puts the revision into the store."""
    (title,) = probe_titles(mediawiki, 1)
    client = make_client(mediawiki.api_url, clock, store=store)

    article = client.article(title)
    report = client.sync(store, [title])

    assert not article.from_store
    assert (title,) == report.unchanged
    assert [True] == [e.detail["new"] for e in store.audit() if e.action == "fetch"]


def test_an_unreachable_wiki_is_served_from_the_store(
    mediawiki: MediaWiki, store: Store, clock: FakeClock
) -> None:
    """With the wiki's port closed, reads come from the store and say so."""
    titles = probe_titles(mediawiki, 2)
    with running_proxy(mediawiki.base_url) as proxy:
        api_url = proxy.url_for(mediawiki.api_url)
        live = make_client(api_url, clock).sync(store, titles)
    assert tuple(titles) == live.new
    # The proxy is stopped: its port now refuses connections.
    client = make_client(
        api_url,
        clock,
        store=store,
        retry=RetryPolicy(max_attempts=2, backoff_base=0.1, min_wait=0.1),
    )

    article = client.article(titles[0])
    outcomes = client.articles([titles[1], titles[0]])

    assert article.from_store
    assert "could not be reached" in article.provenance.note
    assert store.get(wiki=api_url, revid=article.revid) is not None
    assert [titles[1], titles[0]] == [o.article.title for o in outcomes]  # type: ignore[union-attr]
    assert all(o.article.from_store for o in outcomes)  # type: ignore[union-attr]
    assert [FetchStatus.FOUND] * 2 == [o.status for o in outcomes]
    with pytest.raises(FetchError):
        client.sync(store, titles)


def test_a_retargeted_redirect_gives_its_new_target(
    mediawiki: MediaWiki, store: Store, clock: FakeClock, fault_proxy: FaultProxy
) -> None:
    """A stored alias whose redirect now leads elsewhere is fetched again."""
    proxy = fault_proxy
    proxy.clock = clock
    client = make_client(proxy.url_for(mediawiki.api_url), clock)
    target1, target2 = probe_titles(mediawiki, 2)
    alias = target1 + " alias"
    mediawiki.edit(alias, f"#REDIRECT [[{target1}]]")
    first = client.sync(store, [alias])
    mediawiki.edit(alias, f"#REDIRECT [[{target2}]]")
    before = len(proxy.requests)

    report = client.sync(store, [alias])
    params = sent(proxy, before)
    again = client.sync(store, [alias])
    api_url = client.wiki.api_url  # type: ignore[union-attr]
    served = store.latest(wiki=api_url, title=alias)

    assert ((alias,), (alias,), (alias,)) == (first.new, report.new, again.unchanged)
    assert served is not None
    assert (target2, "Probe page number 2") == (
        served.title,
        served.wikitext.split(" of ")[0],
    )
    # prop=info by title; the page the alias used to give, by id (still
    # there, under its title); the alias's new target, by title.
    assert 3 == report.requests_sent == len(params)
    by_title, by_id, content = params
    old = {p.title: p for p in store.pages(wiki=api_url)}[target1]
    assert (alias, "1") == (by_title["titles"], by_title["redirects"])
    assert ("info", str(old.pageid)) == (by_id["prop"], by_id["pageids"])
    assert (alias, "1") == (content["titles"], content["redirects"])
    assert 1 == again.requests_sent
    assert {"present"} == {p.status for p in store.pages(wiki=api_url)}


def test_nothing_changed_costs_one_request_per_fifty_titles(
    mediawiki: MediaWiki, store: Store, clock: FakeClock, fault_proxy: FaultProxy
) -> None:
    """A no-change sync of 121 stored titles is three prop=info requests."""
    proxy = fault_proxy
    proxy.clock = clock
    client = make_client(proxy.url_for(mediawiki.api_url), clock)
    # The fixture pages are only read here, never changed.
    titles = [*FILLER_TITLES[:120], REDIRECT]
    assert 121 == len(titles)
    client.sync(store, titles)
    before = len(proxy.requests)

    report = client.sync(store, titles)
    params = sent(proxy, before)

    assert (
        SyncReport(wiki=report.wiki, unchanged=tuple(titles), requests_sent=3) == report
    )
    assert [("info", "1", 50), ("info", "1", 50), ("info", "1", 21)] == [
        (p["prop"], p["redirects"], len(p["titles"].split("|"))) for p in params
    ]

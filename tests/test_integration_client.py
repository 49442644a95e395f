"""wikireuse.Client against a real MediaWiki 1.39 (the session test bed).

Waits are driven by a FakeClock, so nothing here sleeps; the fault proxy is
used only as a transparent recorder where a test needs to see the wire.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.support import fixtures
from tests.support.faultproxy import FaultProxy
from tests.support.mediawiki import MediaWiki
from wikireuse import (
    Client,
    MaxlagTimeoutError,
    RateLimit,
    RetryEvent,
    RetryPolicy,
)
from wikireuse.testing import FakeClock

pytestmark = pytest.mark.mediawiki

UA = "wikireuse-tests/1.0 (https://example.net/; tests@wikireuse.invalid)"
CC_BY_SA_4_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
CC_BY_SA_4_TEXT = "Creative Commons Attribution-Share Alike 4.0"


def make_client(api_url: str, clock: FakeClock, **kwargs: Any) -> Client:
    """A client for *api_url* whose every wait runs on *clock*."""
    return Client(
        user_agent=UA,
        api_url=api_url,
        clock=clock,
        sleep=clock.sleep,
        wall_clock=clock.wall,
        **kwargs,
    )


def sent_params(proxy: FaultProxy) -> list[dict[str, list[str]]]:
    """The parameters (query string and form body) of every request the proxy saw."""
    params = []
    for request in proxy.requests:
        found = parse_qs(urlsplit(request.path).query)
        if "form-urlencoded" in (request.header("Content-Type") or ""):
            found.update(parse_qs(request.body.decode()))
        params.append(found)
    return params


@pytest.fixture
def clock() -> FakeClock:
    """A fresh fake clock."""
    return FakeClock()


@pytest.fixture
def client(mediawiki: MediaWiki, clock: FakeClock) -> Client:
    """A client talking straight to the test wiki."""
    return make_client(mediawiki.api_url, clock)


@pytest.fixture
def recorded(
    mediawiki: MediaWiki, fault_proxy: FaultProxy, clock: FakeClock
) -> tuple[Client, FaultProxy]:
    """A client whose requests pass through (and are recorded by) the proxy."""
    fault_proxy.clock = clock
    return make_client(fault_proxy.url_for(mediawiki.api_url), clock), fault_proxy


# --- siteinfo --------------------------------------------------------------------


def test_site_info_reports_the_wiki_licence_and_is_cached(client: Client) -> None:
    """site_info() reads CC BY-SA 4.0 from rightsinfo once, then from its cache."""
    info = client.site_info()
    sent = client.stats.requests_sent
    again = client.site_info()
    assert (CC_BY_SA_4_URL, CC_BY_SA_4_TEXT) == (info.rights_url, info.rights_text)
    assert ("TestWiki", "en") == (info.sitename, info.lang)
    assert info.generator.startswith("MediaWiki 1.")
    assert info == again
    assert (1, 1) == (sent, client.stats.requests_sent)


# --- maxlag ----------------------------------------------------------------------


def test_forced_maxlag_pauses_retries_then_gives_up(
    mediawiki: MediaWiki, clock: FakeClock
) -> None:
    """maxlag=-1 fails for real: each retry waits >= 5 s, then MaxlagTimeoutError."""
    events: list[RetryEvent] = []
    client = make_client(
        mediawiki.api_url,
        clock,
        retry=RetryPolicy(max_attempts=3),
        on_event=events.append,
    )
    # The constructor only takes maxlag >= 0; a request parameter overrides it.
    with pytest.raises(MaxlagTimeoutError) as caught:
        client.action({"action": "query", "meta": "siteinfo", "maxlag": -1})
    assert (3, 0) == (caught.value.attempts, caught.value.lag)
    assert 3 == client.stats.requests_sent
    assert [("pause", "maxlag", True)] * 2 == [
        (e.kind, e.reason, e.wait >= 5) for e in events
    ]
    assert sum(clock.slept) >= 10


def test_simulated_lag_then_normal_request(
    mediawiki: MediaWiki, fault_proxy: FaultProxy, clock: FakeClock
) -> None:
    """Lag 9 > maxlag 5 exhausts the budget; with the lag gone the request works."""
    fault_proxy.clock = clock
    client = make_client(
        fault_proxy.url_for(mediawiki.api_url),
        clock,
        maxlag=5,
        retry=RetryPolicy(max_attempts=2),
    )
    try:
        mediawiki.set_lag(9)
        with pytest.raises(MaxlagTimeoutError) as caught:
            client.action({"action": "query", "meta": "siteinfo"})
    finally:
        mediawiki.set_lag(None)
    assert (9, 2) == (caught.value.lag, caught.value.attempts)
    data = client.action({"action": "query", "meta": "siteinfo"})
    assert "TestWiki" == data["query"]["general"]["sitename"]
    assert [["5"]] * 3 == [p.get("maxlag") for p in sent_params(fault_proxy)]
    arrivals = [r.arrived for r in fault_proxy.requests]
    assert arrivals[1] - arrivals[0] >= 5  # Retry-After: 5 and min_maxlag_wait


# --- batching, continuation, normalisation ----------------------------------------


def test_query_pages_batches_and_returns_all_filler_pages(
    recorded: tuple[Client, FaultProxy],
) -> None:
    """120 titles go out in batches of at most 50 and all come back once."""
    client, proxy = recorded
    result = client.query_pages({"prop": "info"}, titles=list(fixtures.FILLER_TITLES))
    titles = [p["title"] for p in result.pages]
    assert sorted(fixtures.FILLER_TITLES) == sorted(titles)
    assert len(titles) == len(set(titles))
    # (The client may also ask meta=userinfo whether it has apihighlimits.)
    batches = [p["titles"][0].split("|") for p in sent_params(proxy) if "titles" in p]
    assert all(len(batch) <= 50 for batch in batches)
    assert Counter(fixtures.FILLER_TITLES) == Counter(t for b in batches for t in b)


def test_query_pages_follows_continuation_inside_batches(client: Client) -> None:
    """A small cllimit forces continuation; categories merge into each page."""
    result = client.query_pages(
        {"prop": "categories", "cllimit": "7"}, titles=list(fixtures.FILLER_TITLES)
    )
    assert len(fixtures.FILLER_TITLES) == len(result.pages)
    assert all(
        [{"ns": 14, "title": "Category:Filler pages"}] == page.get("categories")
        for page in result.pages
    )


def test_query_pages_records_normalisation_and_redirects(client: Client) -> None:
    """Lower-case first letters and underscores are normalised; redirects followed."""
    result = client.query_pages(
        {"prop": "info", "redirects": "1"},
        titles=["analytical Engine", "Ada_Lovelace", fixtures.REDIRECT],
    )
    assert {
        ("analytical Engine", "Analytical Engine"),
        ("Ada_Lovelace", "Ada Lovelace"),
    } == set(result.normalized)
    assert (("Lovelace", "Ada Lovelace"),) == tuple(result.redirects)
    assert ["Ada Lovelace", "Analytical Engine"] == sorted(
        p["title"] for p in result.pages
    )


def test_query_follows_revision_continuation(client: Client) -> None:
    """client.query yields every rvlimit batch until the history is complete."""
    responses = list(
        client.query(
            {
                "prop": "revisions",
                "titles": fixtures.BUSY_PAGE,
                "rvprop": "ids|user",
                "rvlimit": "5",
            }
        )
    )
    revids = [
        rev["revid"]
        for resp in responses
        for page in resp["query"]["pages"]
        for rev in page.get("revisions", [])
    ]
    assert 3 == len(responses)  # 5 + 5 + 2
    assert fixtures.BUSY_REVISIONS == len(set(revids)) == len(revids)


def test_query_pages_merges_continued_revisions_and_contributors(
    client: Client,
) -> None:
    """Continued prop=revisions and prop=contributors merge into one page."""
    [busy] = client.query_pages(
        {"prop": "revisions", "rvprop": "ids|user", "rvlimit": "5"},
        titles=[fixtures.BUSY_PAGE],
    ).pages
    assert fixtures.BUSY_REVISIONS == len({r["revid"] for r in busy["revisions"]})
    [history] = client.query_pages(
        {"prop": "contributors", "pclimit": "1"}, titles=[fixtures.HISTORY_PAGE]
    ).pages
    assert ["Alice", "Bob", "Carol"] == sorted(
        c["name"] for c in history["contributors"]
    )


def test_page_edited_mid_run_shows_its_new_revision(
    mediawiki: MediaWiki, client: Client
) -> None:
    """An edit between two calls is seen: the latest revision id changes."""
    params = {"prop": "revisions", "rvprop": "ids|content", "rvslots": "main"}
    [before] = client.query_pages(params, titles=[fixtures.EDIT_TARGET]).pages
    mediawiki.edit(fixtures.EDIT_TARGET, "Changed in the middle of a run.")
    [after] = client.query_pages(params, titles=[fixtures.EDIT_TARGET]).pages
    old, new = before["revisions"][0], after["revisions"][0]
    assert new["revid"] > old["revid"]
    assert old["revid"] == new["parentid"]
    assert "Changed in the middle of a run." == new["slots"]["main"]["content"]


def test_deleted_page_is_reported_missing(
    mediawiki: MediaWiki, clock: FakeClock
) -> None:
    """After a deletion the page comes back flagged missing, not as an error."""
    client = make_client(mediawiki.api_url, clock, cache=False)
    [before] = client.query_pages(
        {"prop": "info"}, titles=[fixtures.DELETE_TARGET]
    ).pages
    mediawiki.delete(fixtures.DELETE_TARGET)
    [after] = client.query_pages(
        {"prop": "info"}, titles=[fixtures.DELETE_TARGET]
    ).pages
    assert "pageid" in before
    assert (fixtures.DELETE_TARGET, True) == (after["title"], after.get("missing"))


def test_moved_page_is_reached_through_its_redirect(
    mediawiki: MediaWiki, clock: FakeClock
) -> None:
    """After a move the old title redirects to the new one, keeping the page id."""
    client = make_client(mediawiki.api_url, clock, cache=False)
    params = {"prop": "info", "redirects": "1"}
    [before] = client.query_pages(params, titles=[fixtures.MOVE_TARGET]).pages
    mediawiki.move(fixtures.MOVE_TARGET, "Moved by the suite")
    result = client.query_pages(params, titles=[fixtures.MOVE_TARGET])
    assert ((fixtures.MOVE_TARGET, "Moved by the suite"),) == tuple(result.redirects)
    [after] = result.pages
    assert ("Moved by the suite", before["pageid"]) == (after["title"], after["pageid"])


# --- REST ------------------------------------------------------------------------


def test_rest_page_source_carries_the_licence(client: Client) -> None:
    """REST v1/page/<title> returns the source and the wiki's licence."""
    resp = client.rest("v1/page/Ada_Lovelace")
    body = resp.json()
    assert 200 == resp.status
    assert {"url": CC_BY_SA_4_URL, "title": CC_BY_SA_4_TEXT} == body["license"]
    assert body["source"].startswith("{{Infobox person")


def test_rest_html_is_revalidated_with_its_etag(
    recorded: tuple[Client, FaultProxy], clock: FakeClock
) -> None:
    """Parsoid HTML comes with an ETag; a stale copy is revalidated with a 304."""
    client, proxy = recorded
    first = client.rest("v1/page/Ada_Lovelace/html")
    assert first.etag
    assert "mw:Transclusion" in first.text
    clock.advance(3600)  # past the endpoint's max-age, so the copy is stale
    second = client.rest("v1/page/Ada_Lovelace/html")
    assert (200, first.text, first.etag) == (second.status, second.text, second.etag)
    assert 1 == client.stats.not_modified
    assert 2 == len(proxy.requests)
    assert first.etag == proxy.requests[1].header("If-None-Match")


# --- mwclient --------------------------------------------------------------------


def test_mwclient_site_reads_through_the_same_layer(
    recorded: tuple[Client, FaultProxy],
) -> None:
    """client.site() is an mwclient Site whose requests go through the client."""
    client, proxy = recorded
    site = client.site()
    page = site.pages[fixtures.HISTORY_PAGE]
    text = page.text()
    users = [rev["user"] for rev in page.revisions()]
    assert "general-purpose mechanical calculating machine" in text
    assert ["Carol", "Bob", "Alice"] == users
    assert proxy.requests
    assert all(client.wire_user_agent == r.header("User-Agent") for r in proxy.requests)


# --- rate limits -------------------------------------------------------------------


def test_rate_limit_info_of_an_anonymous_session(client: Client) -> None:
    """The real wiki reports an anonymous user, its groups, rights and IP limits."""
    info = client.rate_limit_info()
    assert (True, 0, "127.0.0.1") == (info.anonymous, info.user_id, info.user)
    assert "*" in info.groups
    assert "read" in info.rights
    assert not info.has_apihighlimits
    assert not client.has_apihighlimits()
    # MediaWiki 1.39's default $wgRateLimits: 8 edits a minute per IP.
    assert (RateLimit(action="edit", group="ip", hits=8, seconds=60),) == (
        info.limits_for("edit")
    )
    assert all(limit.hits > 0 and limit.seconds > 0 for limit in info.limits)


LATE_EDIT = "Filler page edited during a run.\n\n[[Category:Filler pages]]"


def test_page_edited_during_a_continued_run_is_merged_once(
    mediawiki: MediaWiki, clock: FakeClock
) -> None:
    """An edit between continuation responses leaves each page once, no gaps.

    The edited page is in the first batch: its revision came in the first
    response, the category continuation runs after the edit. The third batch
    is asked for after the edit and sees the new revision.
    """
    last = fixtures.FILLER_TITLES[-1]
    titles = [fixtures.EDIT_TARGET, *fixtures.FILLER_TITLES]
    answered: list[str] = []

    def edit_after_first_answer(response: requests.Response, **kwargs: Any) -> None:
        if "titles=" not in response.url:
            return  # the meta=userinfo question (apihighlimits?) comes first
        answered.append(response.url)
        if len(answered) == 1:
            mediawiki.edit(fixtures.EDIT_TARGET, "Edited while the run continued.")
            mediawiki.edit(last, LATE_EDIT)

    session = requests.Session()
    session.hooks["response"].append(edit_after_first_answer)
    client = make_client(mediawiki.api_url, clock, session=session, cache=False)
    result = client.query_pages(
        {
            "prop": "revisions|categories",
            "rvprop": "ids|content",
            "rvslots": "main",
            "cllimit": "7",
        },
        titles=titles,
    )
    pages = result.by_title()
    assert sorted(titles) == sorted(p["title"] for p in result.pages)
    assert len(answered) > 3  # three batches, and continuations inside them
    assert all(1 == len(p["revisions"]) for p in result.pages)
    edited = pages[fixtures.EDIT_TARGET]["revisions"][0]["slots"]["main"]["content"]
    assert "Edited while the run continued." != edited  # fetched before the edit
    late = pages[last]["revisions"][0]  # third batch: asked for after the edit
    assert (LATE_EDIT, True) == (late["slots"]["main"]["content"], late["parentid"] > 0)
    assert all(
        [{"ns": 14, "title": "Category:Filler pages"}] == pages[t]["categories"]
        for t in fixtures.FILLER_TITLES
    )


def test_login_cookies_persist_and_change_the_rate_limit_info(
    mediawiki: MediaWiki, clock: FakeClock
) -> None:
    """A login through client.site() is seen by the client's own next request."""
    from tests.support.mediawiki import ADMIN_PASSWORD, ADMIN_USER

    client = make_client(mediawiki.api_url, clock, cache=False)
    before = client.rate_limit_info()
    client.site().login(ADMIN_USER, ADMIN_PASSWORD)
    after = client.rate_limit_info()
    assert (True, "127.0.0.1") == (before.anonymous, before.user)
    assert (False, ADMIN_USER) == (after.anonymous, after.user)
    assert {"sysop", "bureaucrat"} <= after.groups
    assert (True, True) == (after.has_apihighlimits, client.has_apihighlimits())

"""wikireuse.Client through the fault proxy, in front of the real test wiki.

Every wait the client takes runs on a FakeClock; the proxy records arrivals on
the same clock, so a test can check that no request came inside a
``Retry-After`` window. The only real waits are socket read timeouts of the
slow-body tests (0.5 s each).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.faultproxy import Fault, FaultProxy
from tests.support.mediawiki import MediaWiki
from wikireuse import (
    Client,
    FetchError,
    RateLimitedError,
    RetryEvent,
    RetryExhaustedError,
    RetryPolicy,
    TransportError,
    UserAgentRejectedError,
)
from wikireuse.testing import FakeClock

pytestmark = pytest.mark.mediawiki

UA = "wikireuse-tests/1.0 (https://example.net/; tests@wikireuse.invalid)"
SITEINFO = {"action": "query", "meta": "siteinfo"}


@pytest.fixture
def clock() -> FakeClock:
    """A fresh fake clock."""
    return FakeClock()


@pytest.fixture
def events() -> list[RetryEvent]:
    """Collects the client's retry events."""
    return []


@pytest.fixture
def proxy(fault_proxy: FaultProxy, clock: FakeClock) -> FaultProxy:
    """The fault proxy, recording arrivals on the test's fake clock."""
    fault_proxy.clock = clock
    return fault_proxy


def make_client(
    mediawiki: MediaWiki,
    proxy: FaultProxy,
    clock: FakeClock,
    events: list[RetryEvent],
    **kwargs: Any,
) -> Client:
    """A client that reaches the test wiki through *proxy*, waiting on *clock*."""
    return Client(
        user_agent=UA,
        api_url=proxy.url_for(mediawiki.api_url),
        clock=clock,
        sleep=clock.sleep,
        wall_clock=clock.wall,
        on_event=events.append,
        **kwargs,
    )


def assert_sitename(data: dict[str, Any]) -> None:
    """The response is the test wiki's siteinfo."""
    assert "TestWiki" == data["query"]["general"]["sitename"]


def test_429_retry_after_seconds_is_honoured(
    mediawiki: MediaWiki, proxy: FaultProxy, clock: FakeClock, events: list[RetryEvent]
) -> None:
    """A 429 with Retry-After: 2 makes the client wait >= 2 s, then it succeeds."""
    client = make_client(mediawiki, proxy, clock, events)
    proxy.plan([Fault.status(429, retry_after="2")])
    assert_sitename(client.action(SITEINFO))
    first, second = proxy.requests
    assert second.arrived - first.arrived >= 2
    assert [("http-429", 429, True)] == [
        (e.reason, e.status, e.wait >= 2) for e in events
    ]


def test_429_retry_after_http_date_is_honoured(
    mediawiki: MediaWiki, proxy: FaultProxy, clock: FakeClock, events: list[RetryEvent]
) -> None:
    """A Retry-After HTTP date 7 s ahead keeps the proxy quiet for 7 s."""
    client = make_client(mediawiki, proxy, clock, events)
    proxy.plan([Fault.status(429, retry_after_http_date=clock.wall() + 7)])
    assert_sitename(client.action(SITEINFO))
    first, second = proxy.requests
    assert second.arrived - first.arrived >= 7
    assert sum(clock.slept) >= 7


def test_two_429s_in_a_row_each_window_is_respected(
    mediawiki: MediaWiki, proxy: FaultProxy, clock: FakeClock, events: list[RetryEvent]
) -> None:
    """Consecutive 429s each get their full window before the next request."""
    client = make_client(mediawiki, proxy, clock, events)
    proxy.plan(
        [
            Fault.status(429, retry_after="3"),
            Fault.status(429, retry_after_http_date=clock.wall() + 10),
        ]
    )
    assert_sitename(client.action(SITEINFO))
    a, b, c = (r.arrived for r in proxy.requests)
    assert b - a >= 3
    assert c >= 10


def test_retry_after_beyond_the_cap_raises_at_once(
    mediawiki: MediaWiki, proxy: FaultProxy, clock: FakeClock, events: list[RetryEvent]
) -> None:
    """A Retry-After longer than max_retry_after gives RateLimitedError, no retry."""
    client = make_client(
        mediawiki, proxy, clock, events, retry=RetryPolicy(max_retry_after=60)
    )
    proxy.plan([Fault.status(429, retry_after="3600")])
    with pytest.raises(RateLimitedError) as caught:
        client.action(SITEINFO)
    assert (429, 3600) == (caught.value.status, caught.value.retry_after)
    assert 1 == len(proxy.requests)
    assert 0 == sum(clock.slept)


def test_html_503_then_success(
    mediawiki: MediaWiki, proxy: FaultProxy, clock: FakeClock, events: list[RetryEvent]
) -> None:
    """An HTML 503 from a front-end is retried after a backoff."""
    client = make_client(mediawiki, proxy, clock, events)
    proxy.plan([Fault.html(503)])
    assert_sitename(client.action(SITEINFO))
    assert ["respond", "passthrough"] == [r.fault for r in proxy.requests]
    assert [(503, True)] == [(e.status, e.wait > 0) for e in events]
    assert 1 == client.stats.retries


def test_persistent_503_exhausts_the_budget(
    mediawiki: MediaWiki, proxy: FaultProxy, clock: FakeClock, events: list[RetryEvent]
) -> None:
    """503 on every attempt ends in RetryExhaustedError after max_attempts."""
    client = make_client(
        mediawiki, proxy, clock, events, retry=RetryPolicy(max_attempts=3)
    )
    proxy.plan([Fault.html(503)] * 3)
    with pytest.raises(RetryExhaustedError) as caught:
        client.action(SITEINFO)
    assert (503, 3) == (caught.value.status, caught.value.attempts)
    assert isinstance(caught.value.__cause__, FetchError)
    assert 3 == len(proxy.requests)


def test_connection_reset_then_success(
    mediawiki: MediaWiki, proxy: FaultProxy, clock: FakeClock, events: list[RetryEvent]
) -> None:
    """A connection reset is retried; the second attempt succeeds."""
    client = make_client(mediawiki, proxy, clock, events)
    proxy.plan([Fault.reset()])
    assert_sitename(client.action(SITEINFO))
    assert ["reset", "passthrough"] == [r.fault for r in proxy.requests]
    assert [None] == [e.status for e in events]


def test_slow_body_is_retried(
    mediawiki: MediaWiki, proxy: FaultProxy, clock: FakeClock, events: list[RetryEvent]
) -> None:
    """A body that stalls past the read timeout is retried."""
    client = make_client(mediawiki, proxy, clock, events, timeout=(5.0, 0.5))
    proxy.plan([Fault.slow_body(1.0)])
    assert_sitename(client.action(SITEINFO))
    assert ["slow_body", "passthrough"] == [r.fault for r in proxy.requests]
    # Headers arrived, then the body stalled: a read timeout, not a reset.
    assert [("backoff", "read-timeout", None)] == [
        (e.kind, e.reason, e.status) for e in events
    ]


def test_slow_body_every_time_ends_in_a_transport_error(
    mediawiki: MediaWiki, proxy: FaultProxy, clock: FakeClock, events: list[RetryEvent]
) -> None:
    """Slow bodies on every attempt give up after the budget with a transport cause."""
    client = make_client(
        mediawiki,
        proxy,
        clock,
        events,
        timeout=(5.0, 0.5),
        retry=RetryPolicy(max_attempts=2),
    )
    proxy.plan([Fault.slow_body(1.0)] * 2)
    with pytest.raises(RetryExhaustedError) as caught:
        client.action(SITEINFO)
    error = caught.value
    # Timeouts are retried; past the budget the transport failure is the cause.
    assert isinstance(error, RetryExhaustedError), repr(error)
    assert (None, 2) == (error.status, error.attempts)
    assert isinstance(error.__cause__, TransportError), repr(error.__cause__)
    assert error.__cause__.message.startswith("read-timeout")
    assert 2 == len(proxy.requests)
    assert ["slow_body", "slow_body"] == [r.fault for r in proxy.requests]


def test_user_agent_rejection_is_not_retried(
    mediawiki: MediaWiki, proxy: FaultProxy, clock: FakeClock, events: list[RetryEvent]
) -> None:
    """A 403 for the User-Agent policy raises UserAgentRejectedError after 1 request."""
    client = make_client(mediawiki, proxy, clock, events)
    proxy.plan([Fault.ua_rejected()])
    with pytest.raises(UserAgentRejectedError) as caught:
        client.action(SITEINFO)
    assert 403 == caught.value.status
    assert 1 == len(proxy.requests)
    assert [] == events

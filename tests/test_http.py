"""wikireuse.Client against a fake server: pacing, retries, errors, REST, stats."""

from __future__ import annotations

import itertools
import logging
import random
import threading
from typing import Any

import pytest
import requests
import urllib3

from benchmarks._ratelimited_server import Arrival, SlidingWindowLimiter
from wikireuse import (
    APIError,
    Client,
    ClientStats,
    ConfigurationError,
    FetchError,
    HTTPStatusError,
    InvalidResponseError,
    MaxlagTimeoutError,
    PageNotFoundError,
    RateLimitedError,
    RateProfile,
    RetryEvent,
    RetryExhaustedError,
    RetryPolicy,
    SiteInfo,
    TransportError,
    UserAgentError,
    UserAgentRejectedError,
    Wiki,
)
from wikireuse.testing import (
    VARNISH_429_HTML,
    FakeClock,
    HandlerAdapter,
    api_error,
    fake_client,
    make_response,
    maxlag_error,
    maxlag_response,
    request_params,
    respond_in_turn,
    rest_error,
    siteinfo,
)
from wikireuse.typing import Handler

SITEINFO = {"action": "query", "meta": "siteinfo"}
OK = {"batchcomplete": True, "query": {"general": {"sitename": "Wikipedia"}}}


def timed(handler: Handler, clock: FakeClock, times: list[float]) -> Handler:
    """Wrap *handler* to record the fake-clock time of every request."""

    def wrapper(request: requests.PreparedRequest) -> requests.Response:
        times.append(clock())
        return handler(request)

    return wrapper


def gaps(times: list[float]) -> list[float]:
    """Differences between consecutive times."""
    return [round(b - a, 9) for a, b in itertools.pairwise(times)]


# --- targets ------------------------------------------------------------------


def test_wiki_from_domain_uses_the_wikimedia_layout() -> None:
    """A domain maps to https://<domain>/w/api.php and /w/rest.php."""
    wiki = Wiki.from_domain("De.Wikipedia.org")
    assert (
        "https://de.wikipedia.org/w/api.php",
        "https://de.wikipedia.org/w/rest.php",
        "de.wikipedia.org",
        "/w/",
        True,
    ) == (wiki.api_url, wiki.rest_url, wiki.host, wiki.script_path, wiki.is_wikimedia)


def test_wiki_api_url_puts_rest_beside_api() -> None:
    """Any MediaWiki: rest.php sits beside api.php; host and port are kept."""
    wiki = Wiki(api_url="http://127.0.0.1:8080/mw/api.php")
    assert (
        "http://127.0.0.1:8080/mw/rest.php",
        "127.0.0.1",
        "127.0.0.1:8080",
        "http",
        "/mw/",
        False,
    ) == (
        wiki.rest_url,
        wiki.host,
        wiki.netloc,
        wiki.scheme,
        wiki.script_path,
        wiki.is_wikimedia,
    )


@pytest.mark.parametrize(
    "api_url",
    [
        "ftp://wiki.test/api.php",
        "https:///api.php",
        "https://wiki.test/index.php",
        "https://wiki.test/api.php?action=query",
        "wiki.test/api.php",
    ],
)
def test_bad_api_urls_raise(api_url: str) -> None:
    """Only an http(s) URL of an api.php is a target."""
    with pytest.raises(ConfigurationError):
        Wiki(api_url=api_url)


@pytest.mark.parametrize("rest_url", ["ftp://wiki.test/rest.php", "/rest.php", 8080])
def test_bad_rest_urls_raise(rest_url: Any) -> None:
    """An explicit rest_url must be an http(s) URL with a host, too."""
    with pytest.raises(ConfigurationError):
        Wiki(api_url="https://wiki.test/w/api.php", rest_url=rest_url)


@pytest.mark.parametrize(
    "domain", ["https://en.wikipedia.org", "en.wikipedia.org/wiki", "", "a b.org"]
)
def test_bad_domains_raise(domain: str) -> None:
    """from_domain wants a bare host name."""
    with pytest.raises(ConfigurationError):
        Wiki.from_domain(domain)


def test_client_accepts_a_url_string_as_wiki() -> None:
    """wiki='http://.../api.php' is the same as api_url=."""
    client = Client("t", wiki="http://127.0.0.1:8080/api.php")
    assert Wiki(api_url="http://127.0.0.1:8080/api.php") == client.wiki


# --- configuration ------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"wiki": "en.wikipedia.org", "api_url": "https://w.test/api.php"},
        {"profile": "turbo"},
        {"profile": 3},
        {"max_concurrency": 4},
        {"max_concurrency": 0},
        {"min_interval": -1},
        {"timeout": None},
        {"timeout": (0, 5)},
        {"timeout": (5,)},
        {"maxlag": -1},
        {"maxlag": True},
        {"maxlag": "5"},
        {"retry": {"max_attempts": 3}},
        {"cache_ttl": 0},
        {"cache_maxsize": 0},
        {"wiki": 42},
    ],
)
def test_bad_client_arguments_raise(kwargs: dict[str, Any]) -> None:
    """Each unusable argument is a ConfigurationError at construction."""
    with pytest.raises(ConfigurationError):
        Client("MyTool/1.0 (ops@mytool.net)", **kwargs)


def test_profile_name_and_overrides() -> None:
    """A named profile applies; min_interval/max_concurrency override it."""
    client = Client("t", profile="bot", min_interval=1.5, max_concurrency=2)
    assert ("bot", 1.5, 2) == (
        client.profile.name,
        client.profile.min_interval,
        client.profile.max_concurrency,
    )


def test_a_call_without_any_wiki_raises() -> None:
    """With no default wiki, a call must name one."""
    fake = fake_client(respond_in_turn(OK), wiki=None)
    with pytest.raises(ConfigurationError):
        fake.client.action(SITEINFO)
    assert [] == fake.adapter.sent


@pytest.mark.parametrize("params", [[("action", "query")], {"meta": "siteinfo"}])
def test_bad_action_params_raise(params: Any) -> None:
    """The params must be a mapping with an action."""
    fake = fake_client(respond_in_turn(OK))
    with pytest.raises(ConfigurationError):
        fake.client.action(params)
    assert [] == fake.adapter.sent


# --- what goes on the wire ----------------------------------------------------


def test_action_adds_format_formatversion_and_maxlag() -> None:
    """Every Action API request carries format=json, formatversion=2, maxlag=5."""
    fake = fake_client(respond_in_turn(OK))
    fake.client.action(SITEINFO)
    assert {
        "action": "query",
        "meta": "siteinfo",
        "format": "json",
        "formatversion": "2",
        "maxlag": "5",
    } == fake.params()
    assert "GET" == fake.adapter.sent[0].method


def test_interactive_client_sends_no_maxlag() -> None:
    """maxlag=None leaves the parameter out."""
    fake = fake_client(respond_in_turn(OK), maxlag=None)
    fake.client.action(SITEINFO)
    assert "maxlag" not in fake.params()


def test_a_request_parameter_overrides_or_drops_maxlag() -> None:
    """The caller's own maxlag wins; maxlag=None drops it for one request."""
    fake = fake_client(respond_in_turn(OK), maxlag=3, cache=False)
    fake.client.action({**SITEINFO, "maxlag": 1})
    fake.client.action({**SITEINFO, "maxlag": None})
    assert ["1", None] == [request_params(r).get("maxlag") for r in fake.adapter.sent]


def test_parameter_values_are_encoded_the_mediawiki_way() -> None:
    """Lists join with |, True is 1, None/False are left out, | values use U+001F."""
    fake = fake_client(respond_in_turn(OK))
    fake.client.action(
        {
            "action": "query",
            "prop": ["info", "revisions"],
            "redirects": True,
            "rvlimit": 5,
            "converttitles": False,
            "rvsection": None,
            "titles": ("A|B", "C"),
        }
    )
    params = fake.params()
    assert ("info|revisions", "1", "5", "\x1fA|B\x1fC") == (
        params["prop"],
        params["redirects"],
        params["rvlimit"],
        params["titles"],
    )
    assert {"converttitles", "rvsection"}.isdisjoint(params)


def test_gzip_and_timeouts_are_always_sent() -> None:
    """Accept-Encoding: gzip and the (6.05, 45) timeout go with every request."""
    fake = fake_client(respond_in_turn(OK))
    fake.client.action(SITEINFO)
    assert "gzip" == fake.adapter.sent[0].headers["Accept-Encoding"]
    assert (6.05, 45.0) == fake.adapter.send_kwargs[0]["timeout"]


def test_custom_timeout_is_used() -> None:
    """A single number is used for connect and read."""
    fake = fake_client(respond_in_turn(OK), timeout=10)
    fake.client.action(SITEINFO)
    assert (10.0, 10.0) == fake.adapter.send_kwargs[0]["timeout"]


def test_the_read_timeout_never_outlasts_the_deadline() -> None:
    """A deadline shorter than the read timeout bounds the wait for headers."""
    fake = fake_client(respond_in_turn(OK), timeout=(2, 30), deadline=5)
    fake.client.action(SITEINFO)
    assert (2.0, 5.0) == fake.adapter.send_kwargs[0]["timeout"]


def test_injected_session_headers_are_not_changed() -> None:
    """The client sets its UA per request and leaves the session alone."""
    fake = fake_client(respond_in_turn(OK))
    fake.client.action(SITEINFO)
    assert fake.client.wire_user_agent != fake.session.headers["User-Agent"]


def test_long_requests_go_as_post() -> None:
    """A URL beyond the GET limit becomes a POST with a form body."""
    titles = [f"A rather long article title number {n}" for n in range(150)]
    fake = fake_client(respond_in_turn(OK))
    fake.client.action({"action": "query", "titles": titles})
    sent = fake.adapter.sent[0]
    assert ("POST", titles) == (sent.method, fake.params()["titles"].split("|"))
    assert "titles" not in (sent.url or "")


# --- pacing and concurrency ---------------------------------------------------


def test_requests_to_one_host_are_spaced_by_min_interval() -> None:
    """Starts are >= 0.3 s apart by default (fake clock)."""
    clock = FakeClock()
    times: list[float] = []
    fake = fake_client(timed(respond_in_turn(OK), clock, times), clock=clock)
    for n in range(5):
        fake.client.action({**SITEINFO, "n": n})
    assert all(gap >= 0.3 for gap in gaps(times)), times
    assert 0.3 * 4 == pytest.approx(fake.client.stats.seconds_slept)


def test_unidentified_profile_waits_six_seconds() -> None:
    """The 'unidentified' profile paces at 10 requests a minute."""
    clock = FakeClock()
    times: list[float] = []
    fake = fake_client(
        timed(respond_in_turn(OK), clock, times), clock=clock, profile="unidentified"
    )
    for n in range(3):
        fake.client.action({**SITEINFO, "n": n})
    assert [6.0, 6.0] == gaps(times)


def test_hosts_are_paced_separately() -> None:
    """A request to another wiki does not wait for the first wiki's interval."""
    clock = FakeClock()
    times: list[float] = []
    fake = fake_client(timed(respond_in_turn(OK), clock, times), clock=clock)
    fake.client.action(SITEINFO)
    fake.client.action(SITEINFO, wiki="de.wikipedia.org")
    assert [0.0] == gaps(times)


def test_pacing_is_shared_by_all_threads_of_a_client() -> None:
    """Requests from several threads to one host still start >= 0.3 s apart."""
    clock = FakeClock()
    times: list[float] = []
    lock = threading.Lock()

    def handler(request: requests.PreparedRequest) -> requests.Response:
        with lock:
            times.append(clock())
        return make_response(json=OK)

    fake = fake_client(handler, clock=clock, cache=False)

    def work(worker: int) -> None:
        for n in range(5):
            fake.client.action({**SITEINFO, "w": worker, "n": n})

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert 20 == len(times)
    assert all(gap >= 0.3 - 1e-9 for gap in gaps(sorted(times))), times


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_concurrency_is_capped_per_host(limit: int) -> None:
    """At most max_concurrency requests are in flight, across real threads."""
    state = {"inflight": 0, "peak": 0, "entered": 0}
    cond = threading.Condition()
    gate = threading.Event()

    def handler(request: requests.PreparedRequest) -> requests.Response:
        with cond:
            state["inflight"] += 1
            state["entered"] += 1
            state["peak"] = max(state["peak"], state["inflight"])
            cond.notify_all()
        gate.wait(10)  # opened by the test once the cap is reached
        with cond:
            state["inflight"] -= 1
        return make_response(json=OK)

    fake = fake_client(handler, max_concurrency=limit, min_interval=0, cache=False)
    results: list[dict[str, Any]] = []
    threads = [
        threading.Thread(
            target=lambda n=n: results.append(fake.client.action({**SITEINFO, "n": n}))
        )
        for n in range(6)
    ]
    for thread in threads:
        thread.start()
    with cond:
        reached = cond.wait_for(lambda: state["entered"] >= limit, timeout=10)
    gate.set()
    for thread in threads:
        thread.join(10)
    assert (True, limit, 6) == (reached, state["peak"], len(results))


# --- maxlag -------------------------------------------------------------------


def test_maxlag_pauses_at_least_five_seconds_then_retries() -> None:
    """A maxlag error (HTTP 200) is retried after >= max(Retry-After, 5 s)."""
    clock = FakeClock()
    times: list[float] = []
    events: list[RetryEvent] = []
    fake = fake_client(
        timed(
            respond_in_turn(maxlag_response(7), maxlag_response(7), OK), clock, times
        ),
        clock=clock,
        on_event=events.append,
    )
    assert OK == fake.client.action(SITEINFO)
    assert 3 == len(times)
    assert all(gap >= 5 for gap in gaps(times)), times
    assert [("pause", "maxlag", 200)] * 2 == [
        (e.kind, e.reason, e.status) for e in events
    ]


def test_maxlag_wait_grows_with_backoff() -> None:
    """Repeated lag errors wait max(5 s, backoff) with the backoff growing."""

    class Top(random.Random):
        def uniform(self, a: float, b: float) -> float:
            return b

    events: list[RetryEvent] = []
    fake = fake_client(
        respond_in_turn(*[make_response(json=maxlag_error(7))] * 4, OK),
        rng=Top(),
        on_event=events.append,
    )
    fake.client.action(SITEINFO)
    assert [5.0, 10.0, 20.0, 40.0] == [e.wait for e in events]


def test_maxlag_exhausted_raises_with_the_lag() -> None:
    """After max_attempts lag errors: MaxlagTimeoutError with lag and attempts."""
    fake = fake_client(
        respond_in_turn(maxlag_response(11)), retry=RetryPolicy(max_attempts=3)
    )
    with pytest.raises(MaxlagTimeoutError) as caught:
        fake.client.action(SITEINFO)
    error = caught.value
    assert (11.0, 3, 200, 5.0) == (
        error.lag,
        error.attempts,
        error.status,
        error.retry_after,
    )
    assert isinstance(error.__cause__, APIError)
    assert "maxlag" == error.__cause__.code
    assert 3 == len(fake.adapter.sent)


def test_maxlag_lag_from_the_header_when_the_body_has_none() -> None:
    """Without error.lag or text the X-Database-Lag header gives the lag."""
    body = api_error("maxlag", "Waiting for a database server")
    fake = fake_client(
        respond_in_turn(make_response(json=body, headers={"X-Database-Lag": "13"})),
        retry=RetryPolicy(max_attempts=1),
    )
    with pytest.raises(MaxlagTimeoutError) as caught:
        fake.client.action(SITEINFO)
    assert 13.0 == caught.value.lag


def test_maxlag_pause_holds_back_other_threads() -> None:
    """While one thread's host pause runs, another thread's request waits it out."""
    clock = FakeClock()
    sent: list[tuple[str, float]] = []
    first = threading.Event()

    def handler(request: requests.PreparedRequest) -> requests.Response:
        meta = request_params(request)["meta"]
        sent.append((meta, clock()))
        if meta == "siteinfo" and not first.is_set():
            first.set()
            return maxlag_response(7)
        return make_response(json=OK)

    def other_thread(event: RetryEvent) -> None:
        # Runs in the paused thread before it waits: clock time has not moved.
        worker = threading.Thread(
            target=fake.client.action, args=({"action": "query", "meta": "userinfo"},)
        )
        worker.start()
        worker.join(10)

    fake = fake_client(handler, clock=clock, on_event=other_thread, cache=False)
    fake.client.action(SITEINFO)
    assert ["siteinfo", "userinfo", "siteinfo"] == [meta for meta, _ in sent]
    assert sent[1][1] >= 5.0, sent
    assert sent[2][1] >= sent[1][1] + 0.3


# --- 429, Retry-After, backoff ------------------------------------------------


def test_429_retry_after_seconds_is_honoured() -> None:
    """An HTML 429 with Retry-After: 30 is retried 30 s later, host-wide."""
    clock = FakeClock()
    times: list[float] = []
    events: list[RetryEvent] = []
    html_429 = make_response(429, text=VARNISH_429_HTML, headers={"Retry-After": "30"})
    fake = fake_client(
        timed(respond_in_turn(html_429, OK), clock, times),
        clock=clock,
        on_event=events.append,
    )
    assert OK == fake.client.action(SITEINFO)
    assert [30.0] == gaps(times)
    assert [("pause", "http-429", 429, 30.0, 1)] == [
        (e.kind, e.reason, e.status, e.wait, e.attempt) for e in events
    ]


def test_429_retry_after_http_date_is_honoured() -> None:
    """A Retry-After HTTP-date 42 s ahead (on the fake wall clock) waits 42 s."""
    clock = FakeClock()
    times: list[float] = []
    fake = fake_client(
        timed(
            respond_in_turn(
                make_response(429, headers={"Retry-After": clock.http_date(42)}), OK
            ),
            clock,
            times,
        ),
        clock=clock,
    )
    fake.client.action(SITEINFO)
    assert [42.0] == gaps(times)


def test_retry_after_zero_is_never_an_immediate_retry() -> None:
    """Retry-After: 0 (or a past date) still waits min_wait (1 s)."""
    clock = FakeClock()
    times: list[float] = []
    fake = fake_client(
        timed(
            respond_in_turn(
                make_response(429, headers={"Retry-After": "0"}),
                make_response(503, headers={"Retry-After": clock.http_date(-60)}),
                OK,
            ),
            clock,
            times,
        ),
        clock=clock,
    )
    fake.client.action(SITEINFO)
    assert all(gap >= 1.0 for gap in gaps(times)), times


def test_429_without_retry_after_backs_off_with_seeded_jitter() -> None:
    """No Retry-After: full jitter under 5, 10, 20 s but >= 5 s, seeded."""
    events: list[RetryEvent] = []
    twin = random.Random(42)
    fake = fake_client(
        respond_in_turn(*[make_response(429)] * 3, OK),
        rng=random.Random(42),
        on_event=events.append,
    )
    fake.client.action(SITEINFO)
    assert [max(5.0, twin.uniform(0, c)) for c in (5, 10, 20)] == [
        e.wait for e in events
    ]
    assert [5.0] == [e.wait for e in events][:1]


def test_retry_after_beyond_the_cap_raises_at_once() -> None:
    """Retry-After above max_retry_after: RateLimitedError, no sleep, no retry."""
    fake = fake_client(
        respond_in_turn(make_response(429, headers={"Retry-After": "3600"})),
        retry=RetryPolicy(max_retry_after=600),
    )
    with pytest.raises(RateLimitedError) as caught:
        fake.client.action(SITEINFO)
    assert (429, 3600.0, 1) == (
        caught.value.status,
        caught.value.retry_after,
        caught.value.attempts,
    )
    assert (1, []) == (len(fake.adapter.sent), fake.clock.slept)


def test_429_widens_the_interval_afterwards() -> None:
    """After a 429 the retry waits Retry-After, then requests are 2x as far apart."""
    clock = FakeClock()
    times: list[float] = []
    fake = fake_client(
        timed(
            respond_in_turn(make_response(429, headers={"Retry-After": "1"}), OK),
            clock,
            times,
        ),
        clock=clock,
        cache=False,
    )
    fake.client.action(SITEINFO)
    fake.client.action(SITEINFO)
    fake.client.action(SITEINFO)
    # The retry comes after Retry-After (1 s); nothing was learnt from the
    # lone refused request, so the interval doubles: 0.3 s -> 0.6 s, less a
    # 1/2000 step per success.
    assert [1.0, 0.6, 0.6] == [round(g, 3) for g in gaps(times)]
    assert all(g > 0.3 for g in gaps(times)[1:])


def limited_server(
    clock: FakeClock, *, per_minute: int, window: float
) -> tuple[Handler, list[Arrival]]:
    """A fake api.php admitting *per_minute* a minute, over a *window*-s window."""
    limiter = SlidingWindowLimiter(limit=round(per_minute * window / 60), window=window)
    arrivals: list[Arrival] = []

    def handler(request: requests.PreparedRequest) -> requests.Response:
        now = clock()
        decision = limiter.decide("client", now)
        arrivals.append(
            Arrival(
                at=now,
                client="client",
                status=200 if decision.allowed else 429,
                inside_retry_after=decision.inside_retry_after,
                retry_after=decision.retry_after,
                params={},
            )
        )
        clock.advance(0.002)  # a response takes a little time
        if decision.allowed:
            return make_response(json=OK)
        return make_response(
            429,
            text=VARNISH_429_HTML,
            headers={"Retry-After": str(decision.retry_after)},
        )

    return handler, arrivals


@pytest.mark.parametrize(
    ("per_minute", "window", "min_interval"),
    [(600, 10.0, 0.01), (600, 5.0, 0.01), (60, 10.0, 0.1), (200, 30.0, 0.03)],
)
def test_a_client_ten_times_too_fast_converges_near_the_limit(
    per_minute: int, window: float, min_interval: float
) -> None:
    """600 requests 10x faster than allowed: >= 90 % of the limit, few 429s (R13)."""
    clock = FakeClock()
    handler, arrivals = limited_server(clock, per_minute=per_minute, window=window)
    fake = fake_client(handler, clock=clock, cache=False, min_interval=min_interval)
    for _ in range(600):
        assert OK == fake.client.action(SITEINFO)
    admitted = [a for a in arrivals if a.status == 200]
    refused = [a for a in arrivals if a.status == 429]
    span = arrivals[-1].at - arrivals[0].at + 60 / per_minute
    rate = len(admitted) / (span * per_minute / 60)
    assert 600 == len(admitted)
    assert [] == [a for a in arrivals if a.inside_retry_after]
    assert len(refused) <= 6, len(refused)
    assert rate >= 0.90, rate
    # R13: each retry comes at least max(1 s, Retry-After) after its 429
    for before, after in itertools.pairwise(arrivals):
        if before.status == 429:
            assert after.at - before.at >= max(1.0, before.retry_after)
    # and the client never sent faster than it was configured to
    assert all(
        b.at - a.at >= min_interval - 1e-9 for a, b in itertools.pairwise(arrivals)
    )


def test_the_widened_interval_relaxes_back_to_the_configured_one() -> None:
    """After one 429, penalty_decay successes bring the gaps back to min_interval."""
    clock = FakeClock()
    times: list[float] = []
    fake = fake_client(
        timed(
            respond_in_turn(make_response(429, headers={"Retry-After": "1"}), OK),
            clock,
            times,
        ),
        clock=clock,
        cache=False,
        profile=RateProfile(min_interval=0.3, penalty_decay=5),
    )
    for _ in range(7):
        fake.client.action(SITEINFO)
    # 0.6 s after the 429; each success (the retry's first) takes 0.06 s off
    assert [1.0, 0.54, 0.48, 0.42, 0.36, 0.3, 0.3] == [round(g, 6) for g in gaps(times)]


def test_rate_limited_exhausted_raises_rate_limited_error() -> None:
    """429 on every attempt ends in RateLimitedError with the last Retry-After."""
    fake = fake_client(
        respond_in_turn(make_response(429, headers={"Retry-After": "2"})),
        retry=RetryPolicy(max_attempts=4),
    )
    with pytest.raises(RateLimitedError) as caught:
        fake.client.action(SITEINFO)
    assert (429, 2.0, 4) == (
        caught.value.status,
        caught.value.retry_after,
        caught.value.attempts,
    )
    assert isinstance(caught.value.__cause__, HTTPStatusError)


class ZeroJitter(random.Random):
    """Draws the smallest possible jitter every time."""

    def uniform(self, a: float, b: float) -> float:
        """Always the lower bound."""
        return a


def test_ratelimited_api_error_backs_off_and_pauses_the_host() -> None:
    """Action API 'ratelimited' (HTTP 200): a host-wide wait of >= 5 s (R15)."""
    clock = FakeClock()
    times: list[float] = []
    events: list[RetryEvent] = []
    fake = fake_client(
        timed(
            respond_in_turn(
                api_error("ratelimited", "You've exceeded your rate limit"), OK
            ),
            clock,
            times,
        ),
        clock=clock,
        rng=ZeroJitter(),
        on_event=events.append,
    )
    assert OK == fake.client.action(SITEINFO)
    assert [("pause", "ratelimited", 200, 5.0)] == [
        (e.kind, e.reason, e.status, e.wait) for e in events
    ]
    assert [5.0] == gaps(times)


def test_rest_request_limit_reached_waits_at_least_five_seconds() -> None:
    """REST 429 request-limit-reached without Retry-After waits >= 5 s too."""
    events: list[RetryEvent] = []
    fake = fake_client(
        respond_in_turn(
            make_response(429, json=rest_error(429, "request-limit-reached")),
            make_response(json={"ok": 1}),
        ),
        rng=ZeroJitter(),
        on_event=events.append,
    )
    assert {"ok": 1} == fake.client.rest("v1/page/X/bare").json()
    assert [("request-limit-reached", 5.0)] == [(e.reason, e.wait) for e in events]


def test_a_5xx_without_retry_after_may_retry_after_min_wait() -> None:
    """Server trouble (not a rate limit) uses plain full jitter, floored at 1 s."""
    events: list[RetryEvent] = []
    fake = fake_client(
        respond_in_turn(make_response(503), OK),
        rng=ZeroJitter(),
        on_event=events.append,
    )
    fake.client.action(SITEINFO)
    assert [1.0] == [e.wait for e in events]


def test_ratelimited_api_error_exhausted() -> None:
    """Persisting 'ratelimited' ends in RateLimitedError."""
    fake = fake_client(
        respond_in_turn(api_error("ratelimited", "slow down")),
        retry=RetryPolicy(max_attempts=2),
    )
    with pytest.raises(RateLimitedError) as caught:
        fake.client.action(SITEINFO)
    assert (200, 2) == (caught.value.status, caught.value.attempts)


@pytest.mark.parametrize("status", [502, 503, 504])
def test_html_5xx_is_retried_and_logged_once(
    status: int, caplog: pytest.LogCaptureFixture
) -> None:
    """An HTML 5xx never crashes JSON decoding; its body is logged once."""
    page = "<html><body>Our servers are currently under maintenance</body></html>"
    events: list[RetryEvent] = []
    fake = fake_client(
        respond_in_turn(
            make_response(status, text=page), make_response(status, text=page), OK
        ),
        on_event=events.append,
    )
    with caplog.at_level(logging.WARNING, logger="wikireuse.http"):
        assert OK == fake.client.action(SITEINFO)
    logged = [
        r.getMessage() for r in caplog.records if "not the expected JSON" in r.message
    ]
    assert 1 == len(logged)
    assert "under maintenance" in logged[0]
    assert [("backoff", f"http-{status}")] * 2 == [(e.kind, e.reason) for e in events]


def test_503_with_retry_after_pauses_the_host() -> None:
    """A 503 that says Retry-After is a host-wide pause of that length."""
    events: list[RetryEvent] = []
    fake = fake_client(
        respond_in_turn(make_response(503, headers={"Retry-After": "12"}), OK),
        on_event=events.append,
    )
    fake.client.action(SITEINFO)
    assert [("pause", 12.0)] == [(e.kind, e.wait) for e in events]


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (requests.ConnectionError("Connection reset by peer"), "connection-error"),
        (requests.ReadTimeout("read timed out"), "read-timeout"),
        (requests.ConnectTimeout("connect timed out"), "connect-timeout"),
        (requests.exceptions.ChunkedEncodingError("truncated"), "connection-error"),
    ],
)
def test_transport_failures_are_retried(failure: Exception, reason: str) -> None:
    """Resets and timeouts are retried after a backoff; the event has no status."""
    events: list[RetryEvent] = []
    fake = fake_client(respond_in_turn(failure, OK), on_event=events.append)
    assert OK == fake.client.action(SITEINFO)
    assert [("backoff", reason, None)] == [(e.kind, e.reason, e.status) for e in events]
    assert events[0].wait >= 1.0


def test_a_body_read_timeout_is_a_read_timeout() -> None:
    """A stalled body (requests: ConnectionError around urllib3's ReadTimeoutError)."""
    stalled = requests.ConnectionError(
        urllib3.exceptions.ReadTimeoutError(None, "/w/api.php", "Read timed out.")
    )
    events: list[RetryEvent] = []
    fake = fake_client(respond_in_turn(stalled, OK), on_event=events.append)
    assert OK == fake.client.action(SITEINFO)
    assert [("backoff", "read-timeout", None)] == [
        (e.kind, e.reason, e.status) for e in events
    ]


def test_a_read_timeout_found_in_the_chain_is_a_read_timeout() -> None:
    """The urllib3 timeout is also recognised as the context of the error."""

    def stalls(request: requests.PreparedRequest) -> requests.Response:
        try:
            raise urllib3.exceptions.ReadTimeoutError(None, "/", "Read timed out.")
        except urllib3.exceptions.ReadTimeoutError:
            raise requests.ConnectionError("the body stalled")  # noqa: B904

    events: list[RetryEvent] = []
    fake = fake_client(respond_in_turn(stalls, OK), on_event=events.append)
    fake.client.action(SITEINFO)
    assert ["read-timeout"] == [e.reason for e in events]


def test_a_connection_error_without_a_timeout_is_a_connection_error() -> None:
    """A reset carrying an unrelated urllib3 error stays a connection-error."""
    reset = requests.ConnectionError(
        urllib3.exceptions.ProtocolError("Connection aborted.", ConnectionResetError())
    )
    events: list[RetryEvent] = []
    fake = fake_client(respond_in_turn(reset, OK), on_event=events.append)
    fake.client.action(SITEINFO)
    assert ["connection-error"] == [e.reason for e in events]


def test_a_body_read_timeout_exhausted_is_a_transport_cause() -> None:
    """Persisting body timeouts: RetryExhaustedError <- TransportError(read-timeout)."""
    stalled = requests.ConnectionError(
        urllib3.exceptions.ReadTimeoutError(None, "/w/api.php", "Read timed out.")
    )
    fake = fake_client(respond_in_turn(stalled), retry=RetryPolicy(max_attempts=2))
    with pytest.raises(RetryExhaustedError) as caught:
        fake.client.action(SITEINFO)
    assert isinstance(caught.value.__cause__, TransportError)
    assert "read-timeout" in caught.value.message
    assert caught.value.__cause__.message.startswith("read-timeout")


def test_transport_failures_exhausted_keep_the_cause_chain() -> None:
    """RetryExhaustedError <- TransportError <- requests.ConnectionError."""
    fake = fake_client(
        respond_in_turn(requests.ConnectionError("reset")),
        retry=RetryPolicy(max_attempts=2),
    )
    with pytest.raises(RetryExhaustedError) as caught:
        fake.client.action(SITEINFO)
    error = caught.value
    assert (None, 2) == (error.status, error.attempts)
    assert isinstance(error.__cause__, TransportError)
    assert isinstance(error.__cause__.__cause__, requests.ConnectionError)
    assert not isinstance(error, RateLimitedError | MaxlagTimeoutError)


def test_tls_failures_are_not_retried() -> None:
    """A certificate error raises TransportError at once."""
    fake = fake_client(respond_in_turn(requests.exceptions.SSLError("bad cert")))
    with pytest.raises(TransportError) as caught:
        fake.client.action(SITEINFO)
    assert isinstance(caught.value.__cause__, requests.exceptions.SSLError)
    assert 1 == len(fake.adapter.sent)


def test_other_request_errors_become_transport_errors() -> None:
    """A requests error that is not a connection problem is not retried."""
    fake = fake_client(respond_in_turn(requests.exceptions.InvalidHeader("bad")))
    with pytest.raises(TransportError):
        fake.client.action(SITEINFO)
    assert 1 == len(fake.adapter.sent)


def test_404_is_one_request_and_an_http_status_error() -> None:
    """A 404 is not retried."""
    fake = fake_client(respond_in_turn(make_response(404, text="<h1>Not Found</h1>")))
    with pytest.raises(HTTPStatusError) as caught:
        fake.client.action(SITEINFO)
    assert (404, 1, "<h1>Not Found</h1>") == (
        caught.value.status,
        len(fake.adapter.sent),
        caught.value.body_excerpt,
    )


@pytest.mark.parametrize(
    "body",
    [
        "Please set a user-agent and respect our robot policy https://w.wiki/4wJS.",
        "Scripts should use an informative User-Agent string with contact information",
        "Please honor our robot policy",
    ],
)
def test_403_for_the_user_agent_is_not_retried(body: str) -> None:
    """403 naming the UA policy: UserAgentRejectedError after exactly one request."""
    events: list[RetryEvent] = []
    fake = fake_client(
        respond_in_turn(make_response(403, text=body)), on_event=events.append
    )
    with pytest.raises(UserAgentRejectedError) as caught:
        fake.client.action(SITEINFO)
    assert (403, 1, []) == (caught.value.status, len(fake.adapter.sent), events)
    assert "User-Agent_Policy" in caught.value.message


def test_other_403_is_a_plain_status_error() -> None:
    """A 403 that does not mention the UA is an ordinary HTTPStatusError."""
    fake = fake_client(respond_in_turn(make_response(403, text="Forbidden")))
    with pytest.raises(HTTPStatusError) as caught:
        fake.client.action(SITEINFO)
    assert not isinstance(caught.value, UserAgentRejectedError)


def test_attempt_budget_ends_retries() -> None:
    """503 every time: max_attempts requests, then RetryExhaustedError."""
    fake = fake_client(
        respond_in_turn(make_response(503)), retry=RetryPolicy(max_attempts=3)
    )
    with pytest.raises(RetryExhaustedError) as caught:
        fake.client.action(SITEINFO)
    assert (503, 3, 3) == (
        caught.value.status,
        caught.value.attempts,
        len(fake.adapter.sent),
    )
    assert isinstance(caught.value.__cause__, HTTPStatusError)


def test_time_budget_ends_retries_before_a_wait_that_would_overrun_it() -> None:
    """Waits of 100 s with a 250 s budget: two waits, then give up unslept."""
    fake = fake_client(
        respond_in_turn(make_response(503, headers={"Retry-After": "100"})),
        retry=RetryPolicy(max_total_seconds=250),
    )
    with pytest.raises(RetryExhaustedError) as caught:
        fake.client.action(SITEINFO)
    assert (3, 100.0, 3) == (
        caught.value.attempts,
        caught.value.retry_after,
        len(fake.adapter.sent),
    )
    assert fake.clock() <= 250
    assert "time budget" in caught.value.message


# --- API errors and odd bodies ------------------------------------------------


def test_api_error_becomes_api_error() -> None:
    """An Action API error carries the API's code and info."""
    fake = fake_client(respond_in_turn(api_error("badvalue", "Unrecognized value")))
    with pytest.raises(APIError) as caught:
        fake.client.action(SITEINFO)
    assert ("badvalue", "Unrecognized value") == (caught.value.code, caught.value.info)
    assert 1 == len(fake.adapter.sent)


@pytest.mark.parametrize("code", ["missingtitle", "nosuchpageid", "nosuchrevid"])
def test_missing_page_errors_are_page_not_found(code: str) -> None:
    """Codes like missingtitle raise PageNotFoundError."""
    fake = fake_client(respond_in_turn(api_error(code, "no such page")))
    with pytest.raises(PageNotFoundError) as caught:
        fake.client.action({"action": "parse", "page": "Nope"})
    assert code == caught.value.code


def test_plaintext_errorformat_errors_are_read() -> None:
    """errorformat=plaintext puts errors in a list; they are read too."""
    body = {
        "errors": [
            {"code": "badtoken", "text": "Invalid CSRF token.", "module": "main"}
        ]
    }
    fake = fake_client(respond_in_turn(body))
    with pytest.raises(APIError) as caught:
        fake.client.action({"action": "query", "errorformat": "plaintext"})
    assert ("badtoken", "Invalid CSRF token.") == (caught.value.code, caught.value.info)


def test_api_error_on_an_http_error_status_is_an_api_error() -> None:
    """A JSON API error sent with a 4xx status is still an APIError."""
    fake = fake_client(
        respond_in_turn(make_response(400, json=api_error("mustpostparams", "POST!")))
    )
    with pytest.raises(APIError) as caught:
        fake.client.action(SITEINFO)
    assert "mustpostparams" == caught.value.code


def test_transient_api_errors_are_retried() -> None:
    """Read-only and DB connection errors are retried with backoff."""
    events: list[RetryEvent] = []
    fake = fake_client(
        respond_in_turn(api_error("readonly", "The wiki is in read-only mode"), OK),
        on_event=events.append,
    )
    assert OK == fake.client.action(SITEINFO)
    assert ["readonly"] == [e.reason for e in events]


def test_html_with_status_200_is_an_invalid_response() -> None:
    """A 200 that is not JSON raises InvalidResponseError (no crash, no retry)."""
    fake = fake_client(respond_in_turn(make_response(200, text="<html>login</html>")))
    with pytest.raises(InvalidResponseError) as caught:
        fake.client.action(SITEINFO)
    assert ("<html>login</html>", 200) == (
        caught.value.body_excerpt,
        caught.value.status,
    )


def test_json_that_is_not_an_object_is_invalid() -> None:
    """The Action API always answers an object."""
    fake = fake_client(respond_in_turn(make_response(json=[1, 2])))
    with pytest.raises(InvalidResponseError):
        fake.client.action(SITEINFO)


def test_deprecation_headers_are_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    """A Deprecation header is logged once per endpoint."""
    deprecated = make_response(json=OK, headers={"Deprecation": "@1767225600"})
    fake = fake_client(respond_in_turn(deprecated), cache=False)
    with caplog.at_level(logging.WARNING, logger="wikireuse.http"):
        fake.client.action(SITEINFO)
        fake.client.action(SITEINFO)
    assert 1 == sum("Deprecation" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Deprecation", "@1767225600"),
        ("Sunset", "Wed, 01 Jul 2026 00:00:00 GMT"),
        ("Warning", '299 - "This endpoint is deprecated"'),
    ],
)
def test_lifecycle_headers_are_logged_once_per_endpoint(
    header: str, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Deprecation, Sunset and Warning: one log per endpoint, not per request."""
    fake = fake_client(
        lambda request: make_response(json={"title": "x"}, headers={header: value}),
        cache=False,
    )
    with caplog.at_level(logging.WARNING, logger="wikireuse.http"):
        fake.client.rest("v1/page/Ada_Lovelace/bare")
        fake.client.rest("v1/page/Charles_Babbage/bare")
        fake.client.rest("v1/search/page", params={"q": "x"})
    logged = [r.getMessage() for r in caplog.records if header in r.getMessage()]
    assert [
        f"en.wikipedia.org/w/rest.php/v1/page: {header} header {value!r}",
        f"en.wikipedia.org/w/rest.php/v1/search: {header} header {value!r}",
    ] == logged


def test_long_waits_are_logged_at_info(caplog: pytest.LogCaptureFixture) -> None:
    """A wait over 3 s is logged at INFO with its reason."""
    fake = fake_client(respond_in_turn(maxlag_response(7), OK))
    with caplog.at_level(logging.INFO, logger="wikireuse.http"):
        fake.client.action(SITEINFO)
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert 1 == len(infos)
    assert "maxlag" in infos[0]


# --- stats, events, lifecycle -------------------------------------------------


def test_stats_and_events_account_for_everything() -> None:
    """Counters add up: requests, retries, seconds slept; each retry is one event."""
    events: list[RetryEvent] = []
    fake = fake_client(
        respond_in_turn(
            make_response(503, headers={"Retry-After": "4"}),
            requests.ConnectionError("reset"),
            OK,
        ),
        rng=random.Random(1),
        on_event=events.append,
    )
    fake.client.action(SITEINFO)
    stats = fake.client.stats
    assert (3, 2, 0, 0) == (
        stats.requests_sent,
        stats.retries,
        stats.cache_hits,
        stats.not_modified,
    )
    assert pytest.approx(sum(fake.clock.slept)) == stats.seconds_slept
    assert [
        RetryEvent(
            kind="pause",
            host="en.wikipedia.org",
            url="https://en.wikipedia.org/w/api.php",
            status=503,
            wait=4.0,
            attempt=1,
            reason="http-503",
        ),
        "connection-error",
    ] == [events[0], events[1].reason]
    assert isinstance(stats, ClientStats)


def test_event_callbacks_are_frozen_values() -> None:
    """RetryEvent cannot be changed by a callback."""
    event = RetryEvent(
        kind="backoff", host="h", url="u", status=None, wait=1.0, attempt=1, reason="r"
    )
    with pytest.raises(AttributeError):
        event.wait = 0  # type: ignore[misc]


def test_context_manager_leaves_an_injected_session_open() -> None:
    """close() only closes a session the client created itself."""
    closed: list[bool] = []

    class Recording(HandlerAdapter):
        def close(self) -> None:
            closed.append(True)

    session = requests.Session()
    session.mount("https://", Recording(respond_in_turn(OK)))
    with Client("t", api_url="https://w.test/api.php", session=session) as client:
        assert OK == client.action(SITEINFO)
    assert [] == closed
    assert "w.test" in repr(client)


def test_own_session_is_closed() -> None:
    """A client closes the session it made."""
    closed: list[bool] = []

    class Recording(requests.Session):
        def close(self) -> None:
            closed.append(True)
            super().close()

    client = Client("t", api_url="https://w.test/api.php")
    client._session = Recording()  # stands in for the session it created
    client.close()
    assert [True] == closed


# --- REST and plain GETs ------------------------------------------------------


def test_rest_builds_the_rest_php_url_and_returns_a_response() -> None:
    """rest('v1/page/...') GETs rest.php/v1/page/... with spaces escaped."""
    body = {"title": "Ada Lovelace", "license": {"url": "u", "title": "t"}}
    fake = fake_client(
        respond_in_turn(make_response(json=body, headers={"ETag": 'W/"123"'}))
    )
    resp = fake.client.rest("v1/page/Ada Lovelace/bare")
    assert "https://en.wikipedia.org/w/rest.php/v1/page/Ada%20Lovelace/bare" == (
        fake.adapter.sent[0].url
    )
    assert (200, body, 'W/"123"') == (resp.status, resp.json(), resp.etag)
    assert "application/json; charset=utf-8" == resp.headers["content-type"]
    assert "maxlag" not in (fake.adapter.sent[0].url or "")


def test_rest_keeps_escapes_and_slashes() -> None:
    """An already escaped %2F stays; other slashes separate path segments."""
    fake = fake_client(respond_in_turn(make_response(json={})))
    fake.client.rest("/v1/page/AC%2FDC/html")
    assert (fake.adapter.sent[0].url or "").endswith("/w/rest.php/v1/page/AC%2FDC/html")


def test_rest_retries_like_the_action_api() -> None:
    """A REST 503 is retried and paced by the same layer."""
    events: list[RetryEvent] = []
    fake = fake_client(
        respond_in_turn(make_response(503, text="busy"), make_response(json={"ok": 1})),
        on_event=events.append,
    )
    assert {"ok": 1} == fake.client.rest("v1/page/X/bare").json()
    assert ["http-503"] == [e.reason for e in events]


def test_rest_rate_limit_errors_back_off_then_raise() -> None:
    """REST rest-rate-limited / request-limit-reached back off; exhausted: raise."""
    events: list[RetryEvent] = []
    fake = fake_client(
        respond_in_turn(
            make_response(429, json=rest_error(429, "rest-rate-limited")),
            make_response(403, json=rest_error(403, "request-limit-reached")),
        ),
        retry=RetryPolicy(max_attempts=3),
        on_event=events.append,
    )
    with pytest.raises(RateLimitedError):
        fake.client.rest("v1/page/X")
    assert ["rest-rate-limited", "request-limit-reached"] == [e.reason for e in events]


def test_rest_missing_page_is_page_not_found() -> None:
    """REST 404 rest-nonexistent-title raises PageNotFoundError."""
    fake = fake_client(
        respond_in_turn(
            make_response(404, json=rest_error(404, "rest-nonexistent-title"))
        )
    )
    with pytest.raises(PageNotFoundError) as caught:
        fake.client.rest("v1/page/Nope")
    assert ("rest-nonexistent-title", 1) == (caught.value.code, len(fake.adapter.sent))


def test_rest_json_of_html_is_invalid_response() -> None:
    """RestResponse.json() on HTML raises InvalidResponseError."""
    fake = fake_client(respond_in_turn(make_response(text="<p>x</p>")))
    resp = fake.client.rest("v1/page/X/html")
    with pytest.raises(InvalidResponseError):
        resp.json()
    assert "<p>x</p>" == resp.text


def test_get_fetches_any_url_through_the_same_layer() -> None:
    """get() paces and retries a plain URL too, with the UA check for its host."""
    clock = FakeClock()
    times: list[float] = []
    fake = fake_client(
        timed(
            respond_in_turn(make_response(503), make_response(content=b"\x89PNG")),
            clock,
            times,
        ),
        clock=clock,
    )
    resp = fake.client.get("https://upload.wikimedia.org/x.png")
    assert (b"\x89PNG", 2) == (resp.content, len(times))


def test_get_checks_url_and_user_agent() -> None:
    """get() refuses non-HTTP URLs, and a bare UA for a Wikimedia host."""
    fake = fake_client(respond_in_turn(OK), user_agent="plain", wiki=None)
    with pytest.raises(ConfigurationError):
        fake.client.get("file:///etc/passwd")
    with pytest.raises(UserAgentError):
        fake.client.get("https://upload.wikimedia.org/x.png")
    assert [] == fake.adapter.sent


# --- site facts ---------------------------------------------------------------


def test_site_info_is_read_once_per_wiki() -> None:
    """site_info() asks siteinfo|rightsinfo once per wiki and keeps it."""
    fake = fake_client(respond_in_turn(siteinfo()), cache=False)
    info = fake.client.site_info()
    again = fake.client.site_info()
    fake.client.site_info(wiki="de.wikipedia.org")
    assert info is again
    assert 2 == len(fake.adapter.sent)
    assert "general|rightsinfo" == request_params(fake.adapter.sent[0])["siprop"]
    assert (
        SiteInfo(
            sitename="Wikipedia",
            lang="en",
            server="https://en.wikipedia.org",
            server_url="https://en.wikipedia.org",
            articlepath="/wiki/$1",
            script_path="/w",
            generator="MediaWiki 1.46.0-wmf.1",
            base="https://en.wikipedia.org/wiki/Main_Page",
            main_page="Main Page",
            wiki_id="enwiki",
            rights_url="https://creativecommons.org/licenses/by-sa/4.0/",
            rights_text="Creative Commons Attribution-Share Alike 4.0",
        )
        == info
    )


def test_protocol_relative_server_is_made_absolute() -> None:
    """A //host server (as Wikimedia reports it) gets the API's scheme."""
    fake = fake_client(respond_in_turn(siteinfo(server="//de.wikipedia.org")))
    info = fake.client.site_info()
    assert ("//de.wikipedia.org", "https://de.wikipedia.org/wiki/Ada_Lovelace") == (
        info.server,
        info.article_url("Ada Lovelace"),
    )


def test_site_info_without_general_is_invalid() -> None:
    """A siteinfo answer without query.general raises InvalidResponseError."""
    fake = fake_client(respond_in_turn({"batchcomplete": True, "query": {}}))
    with pytest.raises(InvalidResponseError):
        fake.client.site_info()


def test_every_error_is_a_fetch_error() -> None:
    """Retry, status and API errors all share FetchError."""
    assert all(
        issubclass(cls, FetchError)
        for cls in (
            RetryExhaustedError,
            RateLimitedError,
            MaxlagTimeoutError,
            HTTPStatusError,
            UserAgentRejectedError,
            APIError,
            InvalidResponseError,
            TransportError,
        )
    )


def test_an_unexpected_success_status_is_an_invalid_response() -> None:
    """api.php answering 204 (no body) is an InvalidResponseError, not a crash."""
    fake = fake_client(respond_in_turn(make_response(204)))
    with pytest.raises(InvalidResponseError) as caught:
        fake.client.action(SITEINFO)
    assert 204 == caught.value.status


def test_page_not_found_names_the_title_asked_for() -> None:
    """A missingtitle error for titles=X carries X."""
    fake = fake_client(respond_in_turn(api_error("missingtitle", "no such page")))
    with pytest.raises(PageNotFoundError) as caught:
        fake.client.action({"action": "query", "prop": "info", "titles": "Nope"})
    assert "Nope" == caught.value.title


def test_maxlag_sent_with_a_503_is_still_maxlag() -> None:
    """A JSON maxlag error on HTTP 503 (older MediaWiki) is treated as maxlag."""
    events: list[RetryEvent] = []
    lagged = make_response(503, json=maxlag_error(8), headers={"Retry-After": "5"})
    fake = fake_client(respond_in_turn(lagged, OK), on_event=events.append)
    assert OK == fake.client.action(SITEINFO)
    assert [("pause", "maxlag", 503)] == [(e.kind, e.reason, e.status) for e in events]

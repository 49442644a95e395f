"""The one HTTP client every wikireuse feature goes through.

:class:`Client` talks to the MediaWiki Action API (``api.php``) and REST API
(``rest.php``) of Wikimedia wikis, or of any MediaWiki, the way Wikimedia asks
clients to behave:

* it requires a User-Agent with the **operator's** contact for Wikimedia hosts;
* it paces requests per host (0.3 s between starts, one in flight, by default)
  and never exceeds three concurrent requests;
* it sends ``maxlag=5`` and pauses the whole host on a lag error;
* it obeys ``Retry-After`` (seconds or HTTP-date) on 429/503 and backs off
  exponentially with full jitter on 5xx and transport failures, within a
  budget of attempts and total time;
* it batches titles 50 at a time (500 with ``apihighlimits``), follows
  ``continue`` by copying the whole object, and merges pages across batches;
* it caches idempotent GETs for as long as the server's ``max-age`` allows
  and revalidates them with ``ETag`` / ``Last-Modified``.

This module and its private helpers (:mod:`wikireuse._responses`) are the
only ones in wikireuse that import :mod:`requests` (:mod:`wikireuse.testing`
aside); the value types live in :mod:`wikireuse._values`.

>>> from wikireuse.testing import FakeClock, HandlerAdapter, make_response, query_pages, page
>>> import requests
>>> clock = FakeClock()
>>> session = requests.Session()
>>> session.mount("https://", HandlerAdapter(lambda r: make_response(json=query_pages([page("Ada Lovelace", 7)]))))
>>> client = Client("MyTool/1.0 (ops@mytool.net)", wiki="en.wikipedia.org",
...                 session=session, clock=clock, sleep=clock.sleep, wall_clock=clock.wall)
>>> [p["title"] for p in client.query_pages(titles=["Ada Lovelace"]).pages]
['Ada Lovelace']

.. versionadded:: 0.1.0
"""  # noqa: E501

from __future__ import annotations

import json as jsonlib
import logging
import math
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import timedelta
from types import MappingProxyType, TracebackType
from typing import TYPE_CHECKING, Any, Final, Literal
from urllib.parse import quote, urlencode, urlsplit

import attrs
import requests
from requests.__version__ import __version__ as _REQUESTS_VERSION
from requests.structures import CaseInsensitiveDict

import wikireuse
from wikireuse import _json
from wikireuse._cache import CachedEntry, ResponseCache, freshness_lifetime
from wikireuse._pages import PageMerger
from wikireuse._responses import (
    REST_NOT_FOUND_KEYS,
    REST_RATE_LIMIT_KEYS,
    TRANSIENT_CODES,
    UA_403_RE,
    Retry,
    api_error,
    api_exception,
    endpoint_path,
    excerpt,
    is_read_timeout,
    json_body,
    maxlag_retry,
    rest_error_key,
    transport_error,
    warning_texts,
)
from wikireuse._retry import (
    RetryEvent,
    RetryPolicy,
    RetryState,
    backoff_delay,
    parse_retry_after,
)
from wikireuse._throttle import PROFILES, HostThrottle, RateProfile, Throttles
from wikireuse._time import from_epoch
from wikireuse._useragent import UA_POLICY_URL, check_user_agent, wire_user_agent
from wikireuse._values import (
    EXCERPT,
    ClientStats,
    PagesResult,
    RateLimit,
    RateLimitInfo,
    RestResponse,
    SiteInfo,
    Wiki,
    to_wiki,
)
from wikireuse.articles import LicenseTimeline
from wikireuse.exceptions import (
    APIError,
    ConfigurationError,
    HTTPStatusError,
    InvalidResponseError,
    MaxlagTimeoutError,
    PageNotFoundError,
    RateLimitedError,
    RetryExhaustedError,
    TransportError,
    UserAgentError,
    UserAgentRejectedError,
)
from wikireuse.typing import Clock, Sleep, WallClock

if TYPE_CHECKING:
    from datetime import datetime

    from mwclient.client import Site as MwSite

    from wikireuse.articles import (
        Article,
        ArticleOutcome,
        Contributors,
        Revision,
    )
    from wikireuse.entities import Entity
    from wikireuse.media import MediaFile
    from wikireuse.provenance import Provenance, RequestRecord
    from wikireuse.store import Store, SyncReport

__all__ = [
    "PROFILES",
    "Client",
    "ClientStats",
    "PagesResult",
    "RateLimit",
    "RateLimitInfo",
    "RateProfile",
    "RestResponse",
    "RetryEvent",
    "RetryPolicy",
    "SiteInfo",
    "Wiki",
]

log = logging.getLogger(__name__)

# A library never configures logging; it only makes sure that nothing is
# printed ("No handlers could be found") when the application has not either.
# This is done here rather than in wikireuse/__init__.py because this is the
# only module that logs, and importing logging costs the licence checker's
# cold start about 10 ms.
_package_log = logging.getLogger("wikireuse")
if not any(isinstance(h, logging.NullHandler) for h in _package_log.handlers):
    _package_log.addHandler(logging.NullHandler())

_Kind = Literal["action", "rest", "raw"]

_DEFAULT_TIMELINE: Final = LicenseTimeline()

# Above this URL length an Action API request goes as a POST (uncached):
# proxies and servers start refusing long URLs around 8 KB.
_MAX_GET_URL: Final = 4000
# Titles or page ids per request: the API's limit, and its limit with the
# apihighlimits right (bots, sysops).
_BATCH: Final = 50
_BATCH_HIGH: Final = 500

# Actions whose GET responses depend only on the URL (within the cache TTL).
_CACHEABLE_ACTIONS: Final = frozenset(
    {"query", "parse", "expandtemplates", "compare", "paraminfo", "opensearch"}
)


def _encode_value(value: Any) -> str | None:
    """One Action API parameter value as a string; ``None`` drops it."""
    if value is None or value is False:
        return None
    if value is True:
        return "1"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Iterable):
        items = [str(v) for v in value]
        if any("|" in item for item in items):
            # MediaWiki's alternative multi-value separator for values with "|".
            return "\x1f" + "\x1f".join(items)
        return "|".join(items)
    return str(value)


# --------------------------------------------------------------------------
# The client


def _check_timeout(timeout: Any) -> float | tuple[float, float]:
    def ok(value: Any) -> bool:
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and value > 0
        )

    if ok(timeout):
        return float(timeout)
    if isinstance(timeout, tuple) and len(timeout) == 2 and all(ok(t) for t in timeout):
        return (float(timeout[0]), float(timeout[1]))
    raise ConfigurationError(
        message=f"timeout must be seconds > 0 or a (connect, read) pair; never None "
        f"(a request without a timeout can hang forever); got {timeout!r}"
    )


def _is_cacheable(params: Mapping[str, str]) -> bool:
    """Whether an Action API GET only reads (tokens are never reused)."""
    return params.get("action") in _CACHEABLE_ACTIONS and "tokens" not in params.get(
        "meta", ""
    ).split("|")


def _cache_key(url: str, params: Any, headers: Mapping[str, str] | None) -> str:
    """What a cached response is stored under: the full GET URL.

    Request headers the caller chose (``Accept``, ``Accept-Language``, ...)
    can select another representation of the same URL, so they are part of
    the key too.
    """
    key = url
    if isinstance(params, Mapping) and params:
        key = f"{url}?{urlencode(list(params.items()), doseq=True)}"
    if headers:
        chosen = sorted((k.lower(), v) for k, v in headers.items())
        key += " " + jsonlib.dumps(chosen)
    return key


def _cache_entry(
    key: str, response: requests.Response, cap: float
) -> CachedEntry | None:
    """What the cache keeps of *response*; ``None`` if it cannot use it at all."""
    if "no-store" in response.headers.get("Cache-Control", "").lower():
        return None
    lifetime = freshness_lifetime(response.headers, cap)
    etag = response.headers.get("ETag")
    last_modified = response.headers.get("Last-Modified")
    if lifetime <= 0 and etag is None and last_modified is None:
        return None
    # Keep the body as decoded bytes: the Content-Encoding is already undone.
    headers = tuple(
        (k, v)
        for k, v in response.headers.items()
        if k.lower() not in {"content-encoding", "content-length", "transfer-encoding"}
    )
    return CachedEntry(
        url=response.url or key,
        status=response.status_code,
        headers=headers,
        content=response.content,
        encoding=response.encoding,
        etag=etag,
        last_modified=last_modified,
        lifetime=lifetime,
    )


def _response_from_entry(entry: CachedEntry) -> requests.Response:
    """The inverse of :func:`_cache_entry`: a response rebuilt from the cache."""
    response = requests.Response()
    response.status_code = entry.status
    response.headers = CaseInsensitiveDict(dict(entry.headers))
    response._content = entry.content
    response.encoding = entry.encoding
    response.url = entry.url
    return response


class Client:
    """A polite, rate-limit-aware client for MediaWiki APIs.

    Args:
        user_agent: Your tool's name, version and **your** contact, e.g.
            ``"MyTool/1.0 (https://mytool.net; ops@mytool.net)"``. For Wikimedia
            hosts a UA without a real contact, or a library/browser default,
            is refused. wikireuse appends its own and requests' versions.
        wiki: The default wiki: a domain (``"en.wikipedia.org"``) or a
            :class:`Wiki`.
        api_url: Alternative to *wiki* for any MediaWiki's ``api.php``.
        profile: A :class:`RateProfile` or a name in :data:`PROFILES`.
        min_interval: Seconds between request starts per host (overrides the
            profile).
        max_concurrency: Requests in flight per host, 1 to 3 (overrides the
            profile).
        maxlag: Sent with every Action API request; ``None`` for interactive
            use (not sent).
        retry: Retry budget and waits.
        timeout: ``(connect, read)`` seconds, or one number for both.
        cache: Cache idempotent GETs and revalidate them; ``False`` turns it off.
        cache_ttl: Longest time a cached response is served without asking;
            within it the server's ``Cache-Control: max-age`` decides (pass
            the Action API's ``maxage`` parameter to allow caching).
        cache_maxsize: Responses kept.
        session: A :class:`requests.Session` to send through (e.g. with a
            :class:`wikireuse.testing.HandlerAdapter` mounted); the client
            never changes its headers.
        clock: Monotonic seconds.
        sleep: Blocks for seconds.
        wall_clock: Seconds since the epoch, to read HTTP-date ``Retry-After``.
        rng: Randomness for the backoff jitter.
        on_event: Called with a :class:`RetryEvent` for every retry and pause.
        license_timeline: How the licence of an old revision is worked out
            (:class:`~wikireuse.articles.LicenseTimeline`; its cut-over date
            is configurable); ``None`` gives every revision the wiki's
            current declared licence.
        store: A :class:`~wikireuse.store.Store` that keeps every article
            fetched, and answers :meth:`article` / :meth:`articles` when the
            wiki cannot be reached (the result says so).

    Raises:
        UserAgentError: When *user_agent* is not acceptable for the wiki.
        ConfigurationError: For any other bad argument.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        user_agent: str,
        *,
        wiki: Wiki | str | None = None,
        api_url: str | None = None,
        profile: RateProfile | str = "identified",
        min_interval: float | None = None,
        max_concurrency: int | None = None,
        maxlag: int | None = 5,
        retry: RetryPolicy | None = None,
        timeout: float | tuple[float, float] = (6.05, 45.0),
        cache: bool = True,
        cache_ttl: float = 300.0,
        cache_maxsize: int = 1024,
        session: requests.Session | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
        wall_clock: WallClock = time.time,
        rng: random.Random | None = None,
        on_event: Callable[[RetryEvent], None] | None = None,
        license_timeline: LicenseTimeline | None = _DEFAULT_TIMELINE,
        store: Store | None = None,
    ) -> None:
        if not isinstance(user_agent, str):
            raise UserAgentError(
                message=f"user_agent must be a string, got {type(user_agent).__name__}",
                user_agent=repr(user_agent),
            )
        # Checked against a non-Wikimedia host here: not empty, no control chars.
        check_user_agent(user_agent, "localhost")
        if wiki is not None and api_url is not None:
            raise ConfigurationError(message="give wiki= or api_url=, not both")
        if api_url is not None:
            wiki = Wiki(api_url=api_url)
        self.wiki: Wiki | None = to_wiki(wiki) if wiki is not None else None
        if isinstance(profile, str):
            if profile not in PROFILES:
                raise ConfigurationError(
                    message=f"unknown profile {profile!r}; choose one of "
                    f"{sorted(PROFILES)} or pass a RateProfile"
                )
            profile = PROFILES[profile]
        if not isinstance(profile, RateProfile):
            raise ConfigurationError(
                message=f"profile must be a RateProfile: {profile!r}"
            )
        if min_interval is not None:
            profile = attrs.evolve(profile, min_interval=min_interval)
        if max_concurrency is not None:
            profile = attrs.evolve(profile, max_concurrency=max_concurrency)
        self.profile: RateProfile = profile
        if maxlag is not None and (
            isinstance(maxlag, bool) or not isinstance(maxlag, int) or maxlag < 0
        ):
            raise ConfigurationError(
                message=f"maxlag must be a whole number of seconds >= 0 or None, "
                f"got {maxlag!r}"
            )
        self.maxlag = maxlag
        if retry is None:
            retry = RetryPolicy()
        if not isinstance(retry, RetryPolicy):
            raise ConfigurationError(message=f"retry must be a RetryPolicy: {retry!r}")
        self.retry = retry
        self.timeout = _check_timeout(timeout)
        if not (isinstance(cache_ttl, int | float) and cache_ttl > 0):
            raise ConfigurationError(
                message=f"cache_ttl must be > 0, got {cache_ttl!r}"
            )
        if not (isinstance(cache_maxsize, int) and cache_maxsize > 0):
            raise ConfigurationError(
                message=f"cache_maxsize must be an integer > 0, got {cache_maxsize!r}"
            )

        self.user_agent = user_agent.strip()
        self.wire_user_agent = wire_user_agent(
            self.user_agent, wikireuse.__version__, _REQUESTS_VERSION
        )
        self._checked_hosts: set[str] = set()
        self._hosts_lock = threading.Lock()
        if self.wiki is not None:
            self._check_host(self.wiki.host)

        self._own_session = session is None
        self._session = session if session is not None else requests.Session()
        self._clock = clock
        self._raw_sleep = sleep
        self._wall_clock = wall_clock
        self._rng = rng if rng is not None else random.Random()  # noqa: S311 - jitter
        self._rng_lock = threading.Lock()
        self._on_event = on_event
        self._throttles = Throttles(profile, clock=clock, sleep=self._sleep)
        self._cache = (
            ResponseCache(clock=clock, maxsize=cache_maxsize) if cache else None
        )
        self._cache_ttl = float(cache_ttl)
        self._stats_lock = threading.Lock()
        self._stats = ClientStats()
        # Re-entrant: an on_event callback may itself ask for site facts.
        self._facts_lock = threading.RLock()
        self._site_infos: dict[str, SiteInfo] = {}
        self._high_limits: dict[str, bool] = {}
        self._sites: dict[str, MwSite] = {}
        self._once_lock = threading.Lock()
        self._logged_once: set[str] = set()
        if license_timeline is not None and not isinstance(
            license_timeline, LicenseTimeline
        ):
            raise ConfigurationError(
                message=f"license_timeline must be a LicenseTimeline or None: "
                f"{license_timeline!r}"
            )
        self.license_timeline = license_timeline
        self.store = store

    # -- bookkeeping -------------------------------------------------------

    @property
    def stats(self) -> ClientStats:
        """A snapshot of the client's counters."""
        with self._stats_lock:
            return self._stats

    def _count(self, **increments: float) -> None:
        with self._stats_lock:
            values = {
                name: getattr(self._stats, name) + amount
                for name, amount in increments.items()
            }
            self._stats = attrs.evolve(self._stats, **values)

    def _sleep(self, seconds: float) -> None:
        if seconds <= 0:
            return
        self._count(seconds_slept=seconds)
        self._raw_sleep(seconds)

    def _once(self, key: str) -> bool:
        """True the first time *key* is seen by this client."""
        with self._once_lock:
            if key in self._logged_once:
                return False
            self._logged_once.add(key)
            return True

    def _check_host(self, host: str) -> None:
        host = host.lower()
        with self._hosts_lock:
            if host in self._checked_hosts:
                return
        check_user_agent(self.user_agent, host)
        with self._hosts_lock:
            self._checked_hosts.add(host)

    def _target(self, wiki: Wiki | str | None) -> Wiki:
        if wiki is not None:
            target = to_wiki(wiki)
            self._check_host(target.host)
            return target
        if self.wiki is None:
            raise ConfigurationError(
                message="no wiki given: pass wiki= to the call or to Client()"
            )
        return self.wiki

    def close(self) -> None:
        """Close the session if the client created it."""
        if self._own_session:
            self._session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        target = self.wiki.api_url if self.wiki is not None else None
        return f"<wikireuse.Client {self.user_agent!r} wiki={target!r}>"

    # -- the one request loop ---------------------------------------------

    def _send(
        self,
        method: str,
        url: str,
        *,
        kind: _Kind,
        params: Any = None,
        data: Any = None,
        headers: Mapping[str, str] | None = None,
        cacheable: bool = False,
        extra: Mapping[str, Any] | None = None,
    ) -> tuple[requests.Response, Any]:
        """Send one logical request: pacing, caching, retries, classification.

        Returns:
            The final response and, for the Action API, its parsed JSON.
        """
        host = (urlsplit(url).hostname or "").lower()
        self._check_host(host)
        throttle = self._throttles.get(host)
        cache_key: str | None = None
        entry: CachedEntry | None = None
        if cacheable and self._cache is not None and method == "GET" and data is None:
            cache_key = _cache_key(url, params, headers)
            fresh = self._cache.fresh(cache_key)
            if fresh is not None:
                self._count(cache_hits=1)
                return self._from_cache(fresh, kind)
            entry = self._cache.stale(cache_key)
        send_headers = {"Accept-Encoding": "gzip"}
        send_headers.update(headers or {})
        send_headers["User-Agent"] = self.wire_user_agent
        if entry is not None:
            send_headers.update(entry.conditional_headers())
        options = dict(extra or {})
        options.setdefault("timeout", self.timeout)

        state = RetryState(started=self._clock())
        last_retry_after: float | None = None
        while True:
            sent = self._attempt(
                throttle, method, url, params, data, send_headers, options
            )
            outcome = (
                sent
                if isinstance(sent, Retry)
                else self._classify(
                    sent, kind, url, host, conditional=entry is not None
                )
            )
            if not isinstance(outcome, Retry):
                throttle.record_success()
                return self._finish(outcome, kind, cache_key, entry)
            if outcome.retry_after is not None:
                last_retry_after = outcome.retry_after
            if options.get("files"):
                # An upload's file objects are consumed: it cannot be resent.
                raise self._exhausted(outcome, state, url, last_retry_after, "attempts")
            wait = self._plan_wait(outcome, state, url, last_retry_after)
            event = RetryEvent(
                kind="pause" if outcome.host_wide else "backoff",
                host=host,
                url=url.split("?", 1)[0],
                status=outcome.status,
                wait=wait,
                attempt=state.attempt,
                reason=outcome.reason,
            )
            self._count(retries=1)
            if outcome.rate_limited:
                throttle.penalize(retry_after=outcome.retry_after, wait=wait)
            if outcome.host_wide:
                throttle.pause(wait)
            log.log(
                logging.INFO if wait > 3 else logging.DEBUG,
                "%s on %s (attempt %d): %s %.1f s",
                outcome.reason,
                host,
                state.attempt,
                "pausing the host for" if outcome.host_wide else "retrying in",
                wait,
            )
            if self._on_event is not None:
                self._on_event(event)
            if not outcome.host_wide:
                self._sleep(wait)
            # A host pause is slept in the next acquire(), with every other thread.
            state = state.next_attempt(event)

    def _attempt(
        self,
        throttle: HostThrottle,
        method: str,
        url: str,
        params: Any,
        data: Any,
        headers: dict[str, str],
        options: Mapping[str, Any],
    ) -> requests.Response | Retry:
        """Send once, through the host's throttle; a transport failure is a Retry."""
        throttle.acquire()
        try:
            self._count(requests_sent=1)
            return self._session.request(
                method, url, params=params, data=data, headers=headers, **options
            )
        except requests.Timeout as exc:
            reason = (
                "connect-timeout"
                if isinstance(exc, requests.ConnectTimeout)
                else "read-timeout"
            )
            return Retry(
                reason=reason,
                status=None,
                retry_after=None,
                error=transport_error(url, reason, exc),
            )
        except requests.exceptions.SSLError as exc:
            # A certificate problem does not go away by asking again.
            raise TransportError(
                message=f"TLS failure talking to {url}: {exc}", url=url
            ) from exc
        except (
            requests.ConnectionError,
            requests.exceptions.ChunkedEncodingError,
        ) as exc:
            reason = "read-timeout" if is_read_timeout(exc) else "connection-error"
            return Retry(
                reason=reason,
                status=None,
                retry_after=None,
                error=transport_error(url, reason, exc),
            )
        except requests.RequestException as exc:
            raise TransportError(
                message=f"request to {url} failed: {exc}", url=url
            ) from exc
        finally:
            throttle.release()

    def _finish(
        self,
        outcome: tuple[requests.Response, Any],
        kind: _Kind,
        cache_key: str | None,
        entry: CachedEntry | None,
    ) -> tuple[requests.Response, Any]:
        """Keep a final response in the cache, or answer a 304 from it."""
        response, parsed = outcome
        if cache_key is None or self._cache is None:
            return outcome
        if response.status_code == 304 and entry is not None:
            self._count(not_modified=1)
            if "Cache-Control" in response.headers:
                lifetime = freshness_lifetime(response.headers, self._cache_ttl)
                entry = attrs.evolve(entry, lifetime=lifetime)
            self._cache.store(cache_key, entry)
            return self._from_cache(entry, kind)
        if response.status_code == 200 and api_error(parsed) is None:
            kept = _cache_entry(cache_key, response, self._cache_ttl)
            if kept is not None:
                self._cache.store(cache_key, kept)
        return outcome

    def _plan_wait(
        self,
        outcome: Retry,
        state: RetryState,
        url: str,
        last_retry_after: float | None,
    ) -> float:
        policy = self.retry
        if (
            outcome.retry_after is not None
            and outcome.retry_after > policy.max_retry_after
        ):
            raise RateLimitedError(
                message=f"{url}: the server asks to wait {outcome.retry_after:.0f} s, "
                f"more than max_retry_after={policy.max_retry_after:.0f} s",
                url=url,
                status=outcome.status,
                retry_after=outcome.retry_after,
                attempts=state.attempt,
            ) from outcome.error
        if state.attempt >= policy.max_attempts:
            raise self._exhausted(outcome, state, url, last_retry_after, "attempts")
        with self._rng_lock:
            backoff = backoff_delay(state.attempt, policy, self._rng)
        if outcome.maxlag:
            wait = max(outcome.retry_after or 0.0, policy.min_maxlag_wait, backoff)
        elif outcome.retry_after is not None:
            wait = max(outcome.retry_after, policy.min_wait)
        elif outcome.rate_limited:
            # Told "too fast" without a time: a short jittered draw would only
            # earn another 429, so never come back before the first backoff
            # step (5 s by default).
            wait = max(backoff, min(policy.backoff_base, policy.backoff_cap))
        else:
            wait = backoff
        if self._clock() - state.started + wait > policy.max_total_seconds:
            raise self._exhausted(outcome, state, url, last_retry_after, "time")
        return wait

    def _exhausted(
        self,
        outcome: Retry,
        state: RetryState,
        url: str,
        last_retry_after: float | None,
        budget: str,
    ) -> RetryExhaustedError:
        what = (
            f"{state.attempt} attempts"
            if budget == "attempts"
            else f"the {self.retry.max_total_seconds:.0f} s time budget"
        )
        message = f"{url}: gave up after {what}; last failure: {outcome.reason}"
        error: RetryExhaustedError
        if outcome.maxlag:
            error = MaxlagTimeoutError(
                message=message + (f" (lag {outcome.lag} s)" if outcome.lag else ""),
                url=url,
                status=outcome.status,
                retry_after=last_retry_after,
                attempts=state.attempt,
                lag=outcome.lag,
            )
        else:
            error_class = (
                RateLimitedError if outcome.rate_limited else RetryExhaustedError
            )
            error = error_class(
                message=message,
                url=url,
                status=outcome.status,
                retry_after=last_retry_after,
                attempts=state.attempt,
            )
        error.__cause__ = outcome.error
        return error

    def _log_body(self, host: str, status: int, body: str) -> None:
        if self._once(f"body:{host}:{status}"):
            log.warning(
                "HTTP %d from %s with a body that is not the expected JSON: %r",
                status,
                host,
                body[:EXCERPT],
            )

    def _classify(
        self,
        response: requests.Response,
        kind: _Kind,
        url: str,
        host: str,
        *,
        conditional: bool,
    ) -> tuple[requests.Response, Any] | Retry:
        status = response.status_code
        retry_after = parse_retry_after(
            response.headers.get("Retry-After"), wall_clock=self._wall_clock
        )
        self._note_deprecation(response, host)
        if status == 304 and conditional:
            return response, None
        if status == 429 or status in {502, 503, 504}:
            body = excerpt(response)
            error_key = rest_error_key(json_body(response)) if kind == "rest" else None
            is_json = "json" in response.headers.get("Content-Type", "")
            if not is_json:
                self._log_body(host, status, body)
            elif kind == "action":
                lagged = maxlag_retry(json_body(response), response, url, retry_after)
                if lagged is not None:
                    return lagged  # an older MediaWiki sends maxlag with a 503
            return Retry(
                reason=f"http-{status}" if error_key is None else error_key,
                status=status,
                retry_after=retry_after,
                host_wide=status == 429 or retry_after is not None,
                rate_limited=status == 429,
                error=HTTPStatusError(
                    message=f"HTTP {status} from {url}",
                    url=url,
                    status=status,
                    body_excerpt=body,
                ),
            )
        if status >= 400:
            body = excerpt(response)
            if status == 403 and UA_403_RE.search(body):
                raise UserAgentRejectedError(
                    message=f"{host} refused the User-Agent {self.wire_user_agent!r} "
                    f"(HTTP 403); see {UA_POLICY_URL}",
                    url=url,
                    status=status,
                    body_excerpt=body,
                )
            if kind == "rest":
                error_key = rest_error_key(json_body(response))
                if error_key in REST_RATE_LIMIT_KEYS:
                    return Retry(
                        reason=error_key or "rate-limited",
                        status=status,
                        retry_after=retry_after,
                        host_wide=True,
                        rate_limited=True,
                        error=HTTPStatusError(
                            message=f"HTTP {status} ({error_key}) from {url}",
                            url=url,
                            status=status,
                            body_excerpt=body,
                        ),
                    )
                if error_key in REST_NOT_FOUND_KEYS:
                    raise PageNotFoundError(
                        message=f"not found: {url} ({error_key})",
                        url=url,
                        code=error_key or "",
                        info=body,
                    )
            if kind == "action":
                found = api_error(json_body(response))
                if found is not None:
                    code, info, _ = found
                    raise api_exception(
                        code,
                        info,
                        message=f"HTTP {status}, API error {code}: {info}",
                        url=url,
                    )
            raise HTTPStatusError(
                message=f"HTTP {status} {response.reason or ''} from {url}".replace(
                    "  ", " "
                ),
                url=url,
                status=status,
                body_excerpt=body,
            )
        if kind != "action":
            return response, None
        if status != 200:
            raise InvalidResponseError(
                message=f"{url} answered HTTP {status} instead of an API response",
                url=url,
                status=status,
                body_excerpt=excerpt(response),
            )
        try:
            parsed = response.json()
        except ValueError as exc:
            body = excerpt(response)
            self._log_body(host, status, body)
            raise InvalidResponseError(
                message=f"{url} answered HTTP {status} with a body that is not JSON",
                url=url,
                status=status,
                body_excerpt=body,
            ) from exc
        if not isinstance(parsed, dict):
            raise InvalidResponseError(
                message=f"{url} answered JSON that is not an object",
                url=url,
                status=status,
                body_excerpt=excerpt(response),
            )
        found = api_error(parsed)
        if found is None:
            return response, parsed
        lagged = maxlag_retry(parsed, response, url, retry_after)
        if lagged is not None:
            return lagged
        code, info, _ = found
        if code == "ratelimited" or code in TRANSIENT_CODES:
            rate_limited = code == "ratelimited"
            return Retry(
                reason=code,
                status=status,
                retry_after=retry_after,
                host_wide=rate_limited or retry_after is not None,
                rate_limited=rate_limited,
                error=APIError(
                    message=f"{code}: {info}", url=url, code=code, info=info
                ),
            )
        return response, parsed

    def _note_deprecation(self, response: requests.Response, host: str) -> None:
        """Log ``Deprecation``, ``Sunset`` and ``Warning`` headers once per endpoint.

        They announce that an endpoint is going away (RFC 9745, RFC 8594) or
        carry a server's caveat; once per endpoint is enough to be noticed
        without flooding the log of a long run.
        """
        for header in ("Deprecation", "Sunset", "Warning"):
            value = response.headers.get(header)
            if value is not None:
                endpoint = host + endpoint_path(urlsplit(response.url or "").path)
                if self._once(f"{header}:{endpoint}"):
                    log.warning("%s: %s header %r", endpoint, header, value)

    def _from_cache(
        self, entry: CachedEntry, kind: _Kind
    ) -> tuple[requests.Response, Any]:
        response = _response_from_entry(entry)
        if kind == "action":
            return response, jsonlib.loads(entry.content)
        return response, None

    # -- Action API --------------------------------------------------------

    def _action_params(self, params: Mapping[str, Any]) -> dict[str, str]:
        out: dict[str, str] = {"format": "json", "formatversion": "2"}
        if self.maxlag is not None:
            out["maxlag"] = str(self.maxlag)
        for key, value in params.items():
            encoded = _encode_value(value)
            if encoded is None:
                out.pop(key, None)
            else:
                out[str(key)] = encoded
        return out

    def action(
        self, params: Mapping[str, Any], wiki: Wiki | str | None = None
    ) -> dict[str, Any]:
        """Make one Action API request and return its JSON.

        ``format=json``, ``formatversion=2`` and ``maxlag`` are added; list
        values are joined with ``|``; ``True`` becomes ``1`` and ``None`` or
        ``False`` leave a parameter out. The request is a GET (cacheable for
        read actions) unless the URL would be too long, then a POST.

        Args:
            params: API parameters, e.g. ``{"action": "query", "meta": "siteinfo"}``.
            wiki: The wiki, if not the client's default.

        Returns:
            The response object.

        Raises:
            APIError: The API answered with an error (``PageNotFoundError``
                for a missing page or revision).
            RetryExhaustedError: Retryable failures outlasted the budget.
            FetchError: Any other failure to get a usable answer.
        """
        if not isinstance(params, Mapping):
            raise ConfigurationError(
                message=f"params must be a mapping, got {params!r}"
            )
        target = self._target(wiki)
        sent = self._action_params(params)
        if "action" not in sent:
            raise ConfigurationError(message="params need an 'action'")
        length = len(target.api_url) + 1 + len(urlencode(sent))
        if length > _MAX_GET_URL:
            _, parsed = self._send("POST", target.api_url, kind="action", data=sent)
        else:
            _, parsed = self._send(
                "GET",
                target.api_url,
                kind="action",
                params=sent,
                cacheable=_is_cacheable(sent),
            )
        self._log_warnings(parsed, target)
        found = api_error(parsed)
        if found is not None:
            code, info, _ = found
            raise api_exception(
                code,
                info,
                message=f"{target.host}: API error {code}: {info}",
                url=target.api_url,
                title=sent.get("titles", ""),
            )
        return dict(parsed)

    def _log_warnings(self, data: Mapping[str, Any], wiki: Wiki) -> None:
        for text in warning_texts(data):
            if self._once(f"warning:{wiki.api_url}:{text}"):
                log.warning("API warning from %s: %s", wiki.host, text)

    def query(
        self, params: Mapping[str, Any], wiki: Wiki | str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Run an ``action=query`` and follow its continuation to the end.

        Every key of each response's ``continue`` object is copied unchanged
        into the next request (API:Continue), until a response has none.

        Args:
            params: Query parameters (``action=query`` is implied).
            wiki: The wiki, if not the client's default.

        Yields:
            Each response, in order.

        Raises:
            InvalidResponseError: When the server sends the same
                continuation twice (it would loop for ever).
        """
        base = dict(params)
        base["action"] = "query"
        continuation: dict[str, Any] = {}
        seen: set[str] = set()
        while True:
            data = self.action({**base, **continuation}, wiki)
            yield data
            following = data.get("continue")
            if not following:
                return
            if not isinstance(following, Mapping):
                raise InvalidResponseError(
                    message=f"'continue' is not an object: {following!r}"
                )
            mark = _json.canonical(following)
            if mark in seen:
                raise InvalidResponseError(
                    message=f"the server repeated the continuation {dict(following)!r}"
                )
            seen.add(mark)
            continuation = {str(k): v for k, v in following.items()}

    def has_apihighlimits(self, wiki: Wiki | str | None = None) -> bool:
        """Whether the session's account may use the higher API limits.

        Asked once per wiki (``meta=userinfo&uiprop=rights``) and remembered.
        """
        target = self._target(wiki)
        with self._facts_lock:
            known = self._high_limits.get(target.api_url)
            if known is None:
                data = self.action(
                    {"action": "query", "meta": "userinfo", "uiprop": "rights"}, target
                )
                info = data.get("query", {}).get("userinfo", {})
                rights = info.get("rights", []) if isinstance(info, Mapping) else []
                known = isinstance(rights, list) and "apihighlimits" in rights
                self._high_limits[target.api_url] = known
            return known

    def rate_limit_info(self, wiki: Wiki | str | None = None) -> RateLimitInfo:
        """The wiki's view of this session: user, groups, rights and rate limits.

        Asks ``meta=userinfo&uiprop=ratelimits|rights|groups`` every time
        (a login changes the answer) and refreshes what
        :meth:`has_apihighlimits` remembers.

        Args:
            wiki: The wiki, if not the client's default.

        Raises:
            InvalidResponseError: When the answer has no ``userinfo``.
        """
        target = self._target(wiki)
        data = self.action(
            {
                "action": "query",
                "meta": "userinfo",
                "uiprop": "ratelimits|rights|groups",
            },
            target,
        )
        info = RateLimitInfo.from_api(data)
        with self._facts_lock:
            self._high_limits[target.api_url] = info.has_apihighlimits
        return info

    def query_pages(
        self,
        params: Mapping[str, Any] | None = None,
        *,
        titles: Iterable[str] | None = None,
        pageids: Iterable[int] | None = None,
        wiki: Wiki | str | None = None,
        keep_order: bool = False,
    ) -> PagesResult:
        """Query pages in batches, follow continuation, and merge per page.

        Titles or page ids are sent 50 per request (500 when the account has
        ``apihighlimits``, checked once, only when more than 50 are asked
        for). A page that comes back in several responses (prop continuation)
        is merged into one dict: lists such as ``revisions`` or
        ``categories`` are concatenated without duplicates.

        Args:
            params: Query parameters (``prop``, ``generator``, ...).
            titles: Page titles; duplicates are sent once.
            pageids: Page ids, instead of titles.
            wiki: The wiki, if not the client's default.
            keep_order: Return pages in the order of *titles*/*pageids*
                (following normalisation and redirects) instead of the order
                the API listed them; pages not matched come last.

        Returns:
            The pages, normalisations and redirects.

        Raises:
            ConfigurationError: When both *titles* and *pageids* are given, or
                an id is not a positive integer.
        """
        if titles is not None and pageids is not None:
            raise ConfigurationError(message="give titles= or pageids=, not both")
        base = dict(params or {})
        base["action"] = "query"
        field: str | None = None
        inputs: list[str | int] | None = None
        if titles is not None:
            if isinstance(titles, str):
                raise ConfigurationError(
                    message="titles must be an iterable of titles, not one string"
                )
            field = "titles"
            inputs = list(dict.fromkeys(self._check_title(t) for t in titles))
        elif pageids is not None:
            field = "pageids"
            inputs = list(dict.fromkeys(self._check_pageid(p) for p in pageids))
        if field is not None and any(
            k in base for k in ("titles", "pageids", "revids")
        ):
            raise ConfigurationError(
                message="pass titles/pageids as arguments, not also in params"
            )
        merger = PageMerger()
        if inputs is None or field is None:
            for data in self.query(base, wiki):
                merger.add(data)
            return PagesResult(**merger.result())
        target = self._target(wiki)
        size = _BATCH
        if len(inputs) > _BATCH and self.has_apihighlimits(target):
            size = _BATCH_HIGH
        for start in range(0, len(inputs), size):
            batch = inputs[start : start + size]
            for data in self.query({**base, field: batch}, target):
                merger.add(data)
        return PagesResult(**merger.result(inputs if keep_order else None))

    @staticmethod
    def _check_title(title: Any) -> str:
        if not isinstance(title, str):
            raise ConfigurationError(message=f"a title must be a string, got {title!r}")
        return title

    @staticmethod
    def _check_pageid(pageid: Any) -> int:
        if isinstance(pageid, bool) or not isinstance(pageid, int) or pageid <= 0:
            raise ConfigurationError(
                message=f"a page id must be a positive integer, got {pageid!r}"
            )
        return pageid

    def site_info(self, wiki: Wiki | str | None = None) -> SiteInfo:
        """Facts about the wiki (name, language, licence, ...), read once and kept."""
        target = self._target(wiki)
        with self._facts_lock:
            info = self._site_infos.get(target.api_url)
            if info is None:
                data = self.action(
                    {
                        "action": "query",
                        "meta": "siteinfo",
                        "siprop": "general|rightsinfo",
                    },
                    target,
                )
                info = SiteInfo.from_api(data, scheme=target.scheme)
                self._site_infos[target.api_url] = info
            return info

    # -- REST and plain GETs ------------------------------------------------

    def rest(
        self,
        path: str,
        wiki: Wiki | str | None = None,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> RestResponse:
        """GET ``rest.php/<path>``, e.g. ``client.rest("v1/page/Ada_Lovelace/bare")``.

        Paced, retried and cached like the Action API. Characters outside
        the URL-safe set are percent-encoded; ``/`` and existing ``%``-escapes
        are kept (encode a ``/`` inside a title as ``%2F``).

        Raises:
            PageNotFoundError: For the REST API's "nonexistent title/revision".
            HTTPStatusError: For any other status that is not retried.
            RetryExhaustedError: Retryable failures outlasted the budget.
        """
        target = self._target(wiki)
        safe_path = quote(path.lstrip("/"), safe="/%:@!$&'()*+,;=-._~")
        url = target.rest_url.rstrip("/") + "/" + safe_path
        return self._get_response(url, "rest", params, headers)

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> RestResponse:
        """GET any URL (e.g. a file on upload.wikimedia.org) through the same layer.

        Raises:
            HTTPStatusError: For a status that is not retried.
            RetryExhaustedError: Retryable failures outlasted the budget.
        """
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ConfigurationError(message=f"not an http(s) URL: {url!r}")
        return self._get_response(url, "raw", params, headers)

    def _get_response(
        self,
        url: str,
        kind: _Kind,
        params: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
    ) -> RestResponse:
        response, _ = self._send(
            "GET",
            url,
            kind=kind,
            params=dict(params or {}),
            headers=headers,
            cacheable=True,
        )
        return RestResponse(
            status=response.status_code,
            headers=MappingProxyType(CaseInsensitiveDict(response.headers)),
            text=response.text,
            etag=response.headers.get("ETag"),
            url=response.url or url,
            content=response.content,
        )

    # -- content: articles, authors, media, entities, sync ------------------

    def _fetched_at(self) -> datetime:
        """Now, by the injected wall clock, for provenance records."""
        return from_epoch(self._wall_clock())

    def _provenance(
        self,
        *,
        wiki: Wiki,
        endpoint: str,
        params: Mapping[str, Any] | Iterable[tuple[str, Any]],
        revid: int | None,
        rev_timestamp: datetime | None,
        content_hash: str,
        related: Iterable[RequestRecord] = (),
        steps: Iterable[str] = (),
    ) -> Provenance:
        """A live :class:`~wikireuse.provenance.Provenance` stamped now."""
        from wikireuse.provenance import Provenance

        return Provenance(
            wiki=wiki.api_url,
            endpoint=endpoint,
            params=params,
            revid=revid,
            rev_timestamp=rev_timestamp,
            content_hash=content_hash,
            fetched_at=self._fetched_at(),
            user_agent=self.wire_user_agent,
            wikireuse_version=wikireuse.__version__,
            related=tuple(related),
            steps=tuple(steps),
        )

    def article(
        self,
        title: str | None = None,
        *,
        pageid: int | None = None,
        revid: int | None = None,
        wiki: Wiki | str | None = None,
        html: bool = False,
        extract: bool = False,
        contributors: bool = False,
        exclude_bots: bool = False,
        redirects: bool = True,
    ) -> Article:
        """Fetch one revision of a page, with its record and licence.

        Give exactly one of *title*, *pageid* or *revid* (an exact, possibly
        old, revision). The wikitext and the revision id, parent, timestamp
        and SHA-1 come from one response; the SHA-1 is checked against the
        text.

        Args:
            title: Page title; normalised and followed through redirects.
            pageid: Page id, instead of a title.
            revid: Revision id: exactly that revision.
            wiki: The wiki, if not the client's default.
            html: Also fetch the revision's Parsoid HTML (REST
                ``/revision/{id}/html``), keeping its ETag.
            extract: Also fetch a plain-text extract of the revision (from
                TextExtracts in the same query for the latest revision; in a
                batch that is one more request per page, see :meth:`articles`).
            contributors: Also list the page's authors.
            exclude_bots: Leave bot accounts out of *contributors*.
            redirects: Follow redirects (otherwise a redirect page itself is
                returned).

        Returns:
            The article. When the client has a store and the wiki cannot be
            reached, the stored copy is returned and
            ``article.from_store`` is true.

        Raises:
            PageNotFoundError: No such page or revision.
            InvalidTitleError: The title cannot exist on the wiki.
            FetchError: The wiki could not be asked (and no store had it).
        """
        from wikireuse._fetch_articles import fetch_article

        return fetch_article(
            self,
            title,
            pageid=pageid,
            revid=revid,
            wiki=wiki,
            html=html,
            extract=extract,
            contributors=contributors,
            exclude_bots=exclude_bots,
            redirects=redirects,
        )

    def articles(
        self,
        titles: Iterable[str] | None = None,
        *,
        pageids: Iterable[int] | None = None,
        wiki: Wiki | str | None = None,
        html: bool = False,
        extract: bool = False,
        contributors: bool = False,
        exclude_bots: bool = False,
        redirects: bool = True,
    ) -> tuple[ArticleOutcome, ...]:
        """Fetch many pages, 50 a request, one outcome per input in input order.

        A missing or invalid title never fails the batch: it gets its own
        :class:`~wikireuse.articles.ArticleOutcome`. Arguments are those of
        :meth:`article`; see :meth:`iter_articles` for a streaming form.

        Cost: one request per 50 inputs plus its continuations (categories,
        language links or contributors beyond the API's 500 a response) and
        the wiki's site info once. ``contributors=True`` adds no request
        per page. ``extract=True`` does: TextExtracts gives one whole-article
        extract per response, so 50 pages take 50 requests. ``html=True``
        adds one REST request per page.
        """
        return tuple(
            self.iter_articles(
                titles,
                pageids=pageids,
                wiki=wiki,
                html=html,
                extract=extract,
                contributors=contributors,
                exclude_bots=exclude_bots,
                redirects=redirects,
                progress=False,
            )
        )

    def iter_articles(
        self,
        titles: Iterable[str] | None = None,
        *,
        pageids: Iterable[int] | None = None,
        wiki: Wiki | str | None = None,
        html: bool = False,
        extract: bool = False,
        contributors: bool = False,
        exclude_bots: bool = False,
        redirects: bool = True,
        progress: bool | None = None,
    ) -> Iterator[ArticleOutcome]:
        """Like :meth:`articles`, yielding outcomes batch by batch.

        The arguments are those of :meth:`articles`, and *progress* shows a
        tqdm progress bar on stderr: ``True``, ``False``, or ``None`` for only
        when stderr is a terminal.
        """
        from wikireuse._fetch_articles import fetch_articles

        return fetch_articles(
            self,
            titles,
            pageids=pageids,
            wiki=wiki,
            html=html,
            extract=extract,
            contributors=contributors,
            exclude_bots=exclude_bots,
            redirects=redirects,
            progress=progress,
        )

    def contributors(
        self,
        article: Article | str,
        *,
        wiki: Wiki | str | None = None,
        exclude_bots: bool = False,
        page_size: int | None = None,
    ) -> Contributors:
        """The authors of a page (``prop=contributors``, continued to the end).

        For an :class:`~wikireuse.articles.Article` that is not the page's
        latest revision, the list is built from the history up to that
        revision, so later authors are not credited for older text.

        Args:
            article: An article, or a title.
            wiki: The wiki, if not the article's or the client's default.
            exclude_bots: Leave out accounts in the ``bot`` group.
            page_size: Users per request (default: the API's maximum).
        """
        from wikireuse._fetch_articles import fetch_contributors

        return fetch_contributors(
            self, article, wiki=wiki, exclude_bots=exclude_bots, page_size=page_size
        )

    def history(
        self,
        article: Article | str,
        *,
        wiki: Wiki | str | None = None,
        limit: int | None = None,
        until_revid: int | None = None,
        page_size: int | None = None,
    ) -> tuple[Revision, ...]:
        """A page's revisions, newest first: user, time, comment and size.

        Args:
            article: An article, or a title.
            wiki: The wiki, if not the article's or the client's default.
            limit: At most this many revisions (default: all).
            until_revid: Start from this revision and go back (default: the
                article's revision, or the latest for a title).
            page_size: Revisions per request (default: the API's maximum).
        """
        from wikireuse._fetch_articles import fetch_history

        return fetch_history(
            self,
            article,
            wiki=wiki,
            limit=limit,
            until_revid=until_revid,
            page_size=page_size,
        )

    def media(
        self, title: str, *, wiki: Wiki | str | None = None, lang: str = "en"
    ) -> MediaFile:
        """A file's record and its parsed ``extmetadata`` (author, licence, ...).

        Args:
            title: ``File:...`` (a localised namespace name works too).
            wiki: The wiki, if not the client's default (e.g.
                ``commons.wikimedia.org``).
            lang: Language for the metadata's translatable fields.

        Raises:
            PageNotFoundError: No such file.
        """
        from wikireuse._fetch_media import fetch_media

        return fetch_media(self, title, wiki=wiki, lang=lang)

    def entity(
        self,
        entity_id: str,
        *,
        wiki: Wiki | str | None = None,
        languages: Iterable[str] | None = None,
    ) -> Entity:
        """A Wikidata (Wikibase) entity's labels, descriptions and sitelinks.

        Args:
            entity_id: ``Q42``, ``P31``, ...
            wiki: The Wikibase, if not ``www.wikidata.org``.
            languages: Only these languages (default: all).

        Raises:
            PageNotFoundError: No such entity.
        """
        from wikireuse._fetch_media import fetch_entity

        return fetch_entity(self, entity_id, wiki=wiki, languages=languages)

    def sync(
        self,
        store: Store,
        titles: Iterable[str] | None = None,
        *,
        wiki: Wiki | str | None = None,
        progress: bool | None = None,
        retention: timedelta = timedelta(days=90),
    ) -> SyncReport:
        """Bring *store* up to date, fetching only what changed.

        **Without titles**, every stored page of the wiki is brought up to
        date from the wiki's recent changes since the store's cursor (one
        ``list=recentchanges`` request per 500 changes): edited and moved
        pages are refetched by id (50 a request), deleted and restored ones
        checked by id, revisions the wiki hid (revision deletion) masked with
        :meth:`Store.redact`. The cost follows the changes, not the store:
        10 edits cost about 3 requests whether the store holds 200 or 10 000
        pages. With no cursor yet, or one older than *retention* (Wikimedia
        keeps recent changes 90 days), every stored title is checked as
        below instead, and the cursor starts at the wiki's newest change.
        The report's ``path`` says which (``changes`` or ``full``).

        **With titles**, those titles are checked: titles the store knows
        (under any name) with one ``prop=info&redirects=1`` request per 50
        titles, *by title*: a title that still leads to its stored page is
        unchanged, updated (newer revision, refetched by page id) or moved; a
        title that now leads to another page (a retargeted redirect, a page
        recreated under it) is fetched again by title and reported new, or
        updated when the store had that page. Stored pages that a title no
        longer leads to are asked for by page id (``prop=info&pageids=``, 50
        a request, only when there are any) to record deletions and moves
        without a redirect. Titles the store does not know are fetched like
        any batch. Nothing changed costs one request per 50 known titles.

        Returns:
            What happened: unchanged, updated, new, deleted, moved, missing
            or invalid titles, revisions masked, the path taken and the
            requests it cost.
        """
        from wikireuse._sync import sync

        return sync(
            self, store, titles, wiki=wiki, progress=progress, retention=retention
        )

    # -- mwclient ------------------------------------------------------------

    def site(self, wiki: Wiki | str | None = None, *, do_init: bool = True) -> MwSite:
        """An :class:`mwclient.Site` whose HTTP goes through this client.

        mwclient's own retries are off (``max_retries=0``): pacing, maxlag,
        ``Retry-After`` and backoff are this client's, and failures surface as
        wikireuse errors. Sites are kept per wiki.

        Args:
            wiki: The wiki, if not the client's default.
            do_init: Let mwclient read site and user info at once (one request).
        """
        from mwclient.client import Site as MwSite

        target = self._target(wiki)
        key = f"{target.api_url}|{do_init}"
        with self._facts_lock:
            site = self._sites.get(key)
            if site is None:
                site = MwSite(  # type: ignore[no-untyped-call]
                    target.netloc,
                    path=target.script_path,
                    scheme=target.scheme,
                    pool=_PacedSession(self),
                    max_retries=0,
                    retry_timeout=0,
                    clients_useragent=self.user_agent,
                    connection_options={"timeout": self.timeout},
                    do_init=do_init,
                )
                self._sites[key] = site
            return site

    def _route(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """Send a request made by mwclient through the paced, retrying layer."""
        method = method.upper()
        is_api = urlsplit(url).path.endswith("api.php")
        params = kwargs.pop("params", None)
        data = kwargs.pop("data", None)
        if is_api and self.maxlag is not None:
            if method == "GET" and isinstance(params, Mapping):
                params = {**params}
                params.setdefault("maxlag", str(self.maxlag))
            elif isinstance(data, Mapping):
                data = {**data}
                data.setdefault("maxlag", str(self.maxlag))
        headers = kwargs.pop("headers", None)
        options = {k: v for k, v in kwargs.items() if v is not None}
        response, _ = self._send(
            method,
            url,
            kind="action" if is_api else "raw",
            params=params,
            data=data,
            headers=headers,
            extra=options,
        )
        return response


# The parameters of requests.Session.request after method and url, in order,
# so that positional calls (mwclient makes some) can be read by name.
_REQUEST_ARGS: Final = (
    "params",
    "data",
    "headers",
    "cookies",
    "files",
    "auth",
    "timeout",
    "allow_redirects",
    "proxies",
    "hooks",
    "stream",
    "verify",
    "cert",
    "json",
)


class _PacedSession(requests.Session):
    """The session handed to mwclient: every request goes through the client.

    It shares the client's session cookies (logins) and transport adapters.
    """

    def __init__(self, client: Client) -> None:
        super().__init__()
        self._client = client
        inner = client._session
        self.cookies = inner.cookies
        self.adapters = inner.adapters
        self.auth = inner.auth

    def request(
        self, method: str, url: Any, *args: Any, **kwargs: Any
    ) -> requests.Response:
        """Send through the client's pacing, retries and error translation."""
        kwargs.update(zip(_REQUEST_ARGS, args, strict=False))
        return self._client._route(method, str(url), **kwargs)

"""The transport class behind :mod:`wikireuse.http` (see there)."""

from __future__ import annotations

import json as jsonlib
import logging
import math
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal, TypedDict
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit

import attrs
import requests
from requests.__version__ import __version__ as _REQUESTS_VERSION
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError
from urllib3.exceptions import SSLError as Urllib3SSLError
from urllib3.response import BaseHTTPResponse

from wikireuse.core import _json
from wikireuse.core._closing import Closing
from wikireuse.core._time import from_epoch
from wikireuse.core._version import version
from wikireuse.exceptions import (
    APIError,
    ConfigurationError,
    CredentialsInURLError,
    DeadlineExceededError,
    HTTPStatusError,
    InvalidResponseError,
    MaxlagTimeoutError,
    PageNotFoundError,
    RateLimitedError,
    RedirectRefusedError,
    ResponseTooLargeError,
    RetryExhaustedError,
    TransportError,
    UserAgentError,
    UserAgentRejectedError,
)
from wikireuse.http._cache import CachedEntry, ResponseCache, freshness_lifetime
from wikireuse.http._responses import (
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
    unreachable_error,
    warning_texts,
)
from wikireuse.http._retry import (
    RetryEvent,
    RetryPolicy,
    RetryState,
    backoff_delay,
    parse_retry_after,
)
from wikireuse.http._secrets import RedactingFilter, secret_names
from wikireuse.http._throttle import PROFILES, RateProfile, Throttles
from wikireuse.http._useragent import UA_POLICY_URL, check_user_agent, wire_user_agent
from wikireuse.records._pages import PageMerger
from wikireuse.records._payload import decode_json, decode_text
from wikireuse.records._values import (
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
from wikireuse.typing import Clock, Sleep, WallClock

if TYPE_CHECKING:
    from datetime import datetime

    from mwclient.client import Site as MwSite

__all__ = [
    "PROFILES",
    "ClientStats",
    "PagesResult",
    "RateLimit",
    "RateLimitInfo",
    "RateProfile",
    "RestResponse",
    "RetryEvent",
    "RetryPolicy",
    "SiteInfo",
    "Transport",
    "TransportOptions",
    "Wiki",
]

# The name users configure, the same since the transport was one module.
log = logging.getLogger("wikireuse.http")

# A library never configures logging; it only makes sure that nothing is
# printed ("No handlers could be found") when the application has not either.
# This is done here rather than in wikireuse/__init__.py because this is the
# only module that logs, and importing logging costs the licence checker's
# cold start about 10 ms.
_package_log = logging.getLogger("wikireuse")
if not any(isinstance(h, logging.NullHandler) for h in _package_log.handlers):
    _package_log.addHandler(logging.NullHandler())
# Every line this module logs is masked: a password, token or session cookie
# must never reach a log, whatever a server echoes back.
if not any(isinstance(f, RedactingFilter) for f in log.filters):
    log.addFilter(RedactingFilter())

_Kind = Literal["action", "rest", "raw"]

# Above this URL length an Action API request goes as a POST (uncached):
# proxies and servers start refusing long URLs around 8 KB.
_MAX_GET_URL: Final = 4000
# Titles or page ids per request: the API's limit, and its limit with the
# apihighlimits right (bots, sysops).
_BATCH: Final = 50
_BATCH_HIGH: Final = 500
# Redirects followed for one request before giving up (requests allows 30).
_MAX_REDIRECTS: Final = 10
# Bytes asked of the socket per read while streaming a body.
_CHUNK: Final = 65536
# Headers that may follow a redirect to another origin: ours, not the caller's.
_CROSS_ORIGIN_HEADERS: Final = frozenset({"user-agent", "accept-encoding"})

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


def _split_timeout(timeout: Any) -> tuple[float, float]:
    """``(connect, read)`` seconds from one number or a pair."""
    if isinstance(timeout, tuple):
        return float(timeout[0]), float(timeout[1])
    return float(timeout), float(timeout)


def _origin(url: str) -> tuple[str, str, int]:
    """``(scheme, host, port)`` of *url*, the default port filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return (
        scheme,
        (parts.hostname or "").lower(),
        parts.port or (443 if scheme == "https" else 80),
    )


def _param_names(params: Any) -> list[str]:
    """The names of request parameters however given: mapping, pairs or a string."""
    if params is None:
        return []
    if isinstance(params, Mapping):
        return [str(k) for k in params]
    if isinstance(params, str | bytes):
        text = params.decode("latin-1") if isinstance(params, bytes) else params
        return [k for k, _ in parse_qsl(text, keep_blank_values=True)]
    return [str(pair[0]) for pair in params if isinstance(pair, tuple) and pair]


@attrs.frozen(kw_only=True)
class _Hop:
    """One HTTP request of an attempt: the first, or one after a redirect."""

    method: str
    url: str
    params: Any = None
    data: Any = None
    headers: Mapping[str, str]
    # The session's own auth, unless the hop left the request's origin.
    auth: requests.auth.AuthBase | None = None


class _NoAuth(requests.auth.AuthBase):
    """Sends no credentials: the session's own must not follow a redirect away."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        return request


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


class TransportOptions(TypedDict, total=False):
    """The keyword arguments of :class:`Transport`, each optional.

    :class:`wikireuse.Client` takes them all, passed on unchanged.
    """

    wiki: Wiki | str | None
    api_url: str | None
    profile: RateProfile | str
    min_interval: float | None
    max_concurrency: int | None
    maxlag: int | None
    retry: RetryPolicy | None
    timeout: float | tuple[float, float]
    deadline: float
    max_response_bytes: int
    allow_redirect_hosts: Iterable[str]
    cache: bool
    cache_ttl: float
    cache_maxsize: int
    session: requests.Session | None
    clock: Clock
    sleep: Sleep
    wall_clock: WallClock
    rng: random.Random | None
    on_event: Callable[[RetryEvent], None] | None


class Transport(Closing):
    """A polite, rate-limit-aware transport for MediaWiki APIs.

    :class:`wikireuse.Client` is this transport with the content methods
    (articles, media, entities, sync) on top; use it unless you only send
    API requests.

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
        timeout: ``(connect, read)`` seconds, or one number for both. The
            read timeout bounds each wait for data, not the whole response.
        deadline: Seconds one response (its redirects included) may take in
            all, from sending the request to the last byte of the body;
            :class:`~wikireuse.exceptions.DeadlineExceededError` when over
            (not retried). Measured on *clock*.
        max_response_bytes: Largest body read (after decompression);
            reading stops there with
            :class:`~wikireuse.exceptions.ResponseTooLargeError`.
        allow_redirect_hosts: Hosts (``"upload.wikimedia.org"``, or
            ``"host:port"``) that a redirect may lead to besides the
            request's own origin (scheme, host and port). Any other
            redirect raises
            :class:`~wikireuse.exceptions.RedirectRefusedError`; one from
            https to http always does. The caller's headers and the
            session's auth never go to another origin.
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

    Raises:
        UserAgentError: When *user_agent* is not acceptable for the wiki.
        ConfigurationError: For any other bad argument.

    .. versionadded:: 0.1.0
    """

    # The name __repr__ shows: the one users construct.
    _REPR_NAME = "wikireuse.http.Transport"

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
        deadline: float = 120.0,
        max_response_bytes: int = 64 * 2**20,
        allow_redirect_hosts: Iterable[str] = (),
        cache: bool = True,
        cache_ttl: float = 300.0,
        cache_maxsize: int = 1024,
        session: requests.Session | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
        wall_clock: WallClock = time.time,
        rng: random.Random | None = None,
        on_event: Callable[[RetryEvent], None] | None = None,
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
        if not (
            isinstance(deadline, int | float)
            and not isinstance(deadline, bool)
            and math.isfinite(deadline)
            and deadline > 0
        ):
            raise ConfigurationError(
                message=f"deadline must be seconds > 0, got {deadline!r}"
            )
        self.deadline = float(deadline)
        if (
            isinstance(max_response_bytes, bool)
            or not isinstance(max_response_bytes, int)
            or max_response_bytes <= 0
        ):
            raise ConfigurationError(
                message=f"max_response_bytes must be an integer > 0, "
                f"got {max_response_bytes!r}"
            )
        self.max_response_bytes = max_response_bytes
        # One string is refused, not read as a list of one-letter hosts.
        hosts = (
            () if isinstance(allow_redirect_hosts, str) else tuple(allow_redirect_hosts)
        )
        if isinstance(allow_redirect_hosts, str) or not all(
            isinstance(h, str) and h.strip() for h in hosts
        ):
            raise ConfigurationError(
                message=f"allow_redirect_hosts must be an iterable of host names, "
                f"got {allow_redirect_hosts!r}"
            )
        self.allow_redirect_hosts = frozenset(h.strip().lower() for h in hosts)
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
            self.user_agent, version(), _REQUESTS_VERSION
        )
        self._checked_hosts: set[str] = set()
        # Origins that have answered at least once: a refusal from one of
        # these is an outage, from any other most likely a wrong address.
        self._answered: set[tuple[str, str, int]] = set()
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

    def __repr__(self) -> str:
        target = self.wiki.api_url if self.wiki is not None else None
        return f"<{self._REPR_NAME} {self.user_agent!r} wiki={target!r}>"

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
        self._refuse_secrets_in_url(url, params)
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
        # Redirects are followed here, one hop at a time, to check each.
        follow = bool(options.pop("allow_redirects", True))
        options.pop("stream", None)  # always streamed, to bound size and time

        state = RetryState(started=self._clock())
        last_retry_after: float | None = None
        while True:
            sent = self._attempt(
                _Hop(
                    method=method,
                    url=url,
                    params=params,
                    data=data,
                    headers=send_headers,
                ),
                options,
                follow=follow,
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

    def _refuse_secrets_in_url(self, url: str, params: Any) -> None:
        """Raise before a password or token would be sent in a URL."""
        names = secret_names(_param_names(params))
        names += secret_names(_param_names(urlsplit(url).query))
        if names:
            raise CredentialsInURLError(
                message=f"refusing to send {', '.join(names)} in the URL of "
                f"{url.split('?', 1)[0]}: passwords and tokens go in a POST "
                "body (client.action() posts them itself)",
                parameters=names,
            )

    def _attempt(
        self, hop: _Hop, options: Mapping[str, Any], *, follow: bool
    ) -> requests.Response | Retry:
        """Send once and follow the redirects allowed; a transport failure is a Retry.

        Every hop is paced by its host's throttle and logged. A hop to
        another origin (an allowed host) carries only the client's own
        headers and no auth.
        """
        start = _origin(hop.url)
        deadline_at: float | None = None
        for _ in range(_MAX_REDIRECTS + 1):
            throttle = self._throttles.get((urlsplit(hop.url).hostname or "").lower())
            throttle.acquire()
            try:
                if deadline_at is None:  # the client's own pacing does not count
                    deadline_at = self._clock() + self.deadline
                response = self._exchange(hop, options, deadline_at)
            finally:
                throttle.release()
            if isinstance(response, Retry) or not (follow and response.is_redirect):
                return response
            target = urljoin(
                response.url or hop.url,
                self._session.get_redirect_target(response) or "",
            )
            status = response.status_code
            log.debug("redirect: HTTP %d from %s to %s", status, response.url, target)
            # The Location is the whole URL: no params are added to it.
            hop = attrs.evolve(hop, url=target, params=None)
            if _origin(target) != start:
                self._check_redirect(start, target, response.url or target, status)
                headers = {
                    k: v
                    for k, v in hop.headers.items()
                    if k.lower() in _CROSS_ORIGIN_HEADERS
                }
                hop = attrs.evolve(hop, headers=headers, auth=_NoAuth())
            if (status == 303 and hop.method != "HEAD") or (
                status in {301, 302} and hop.method == "POST"
            ):
                hop = attrs.evolve(hop, method="GET", data=None)  # as browsers do
        raise RedirectRefusedError(
            message=f"{hop.url}: more than {_MAX_REDIRECTS} redirects",
            url=hop.url,
            location=hop.url,
            status=0,
        )

    def _check_redirect(
        self, start: tuple[str, str, int], target: str, url: str, status: int
    ) -> None:
        """Refuse a redirect to another origin unless its host is allowed."""
        scheme, host, port = _origin(target)
        allowed = (
            scheme in {"http", "https"}
            and not (start[0] == "https" and scheme == "http")
            and (
                host in self.allow_redirect_hosts
                or f"{host}:{port}" in self.allow_redirect_hosts
            )
        )
        if not allowed:
            raise RedirectRefusedError(
                message=f"{url.split('?', 1)[0]} redirects (HTTP {status}) to "
                f"{target.split('?', 1)[0]}, off the wiki's origin "
                f"{start[0]}://{start[1]}:{start[2]}; not followed. Use the "
                "final URL, or allow the host with allow_redirect_hosts= "
                "(https is never downgraded to http)",
                url=url,
                location=target,
                status=status,
            )
        self._check_host(host)

    def _exchange(
        self, hop: _Hop, options: Mapping[str, Any], deadline_at: float
    ) -> requests.Response | Retry:
        """One HTTP request and its whole body, within the deadline and size limit."""
        url = hop.url
        connect, read = _split_timeout(options["timeout"])
        send = dict(options)
        send.update(stream=True, allow_redirects=False)
        send["timeout"] = (connect, max(min(read, deadline_at - self._clock()), 0.001))
        if hop.auth is not None:
            send["auth"] = hop.auth
        try:
            self._count(requests_sent=1)
            response = self._session.request(
                hop.method,
                url,
                params=hop.params,
                data=hop.data,
                headers=dict(hop.headers),
                **send,
            )
            with self._hosts_lock:
                self._answered.add(_origin(url))
            try:
                self._read_body(response, url, deadline_at, read)
            finally:
                response.close()
            log.debug(
                "%s %s: HTTP %d, %d bytes",
                hop.method,
                response.url or url,
                response.status_code,
                len(response.content),
            )
            return response
        except requests.Timeout as exc:
            self._check_deadline(url, deadline_at, exc)
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
            self._check_deadline(url, deadline_at, exc)
            unreachable = unreachable_error(url, exc)
            if unreachable is not None:
                with self._hosts_lock:
                    answered = _origin(url) in self._answered
                return Retry(
                    reason=unreachable.reason,
                    status=None,
                    retry_after=None,
                    error=unreachable,
                    first_contact=not answered,
                )
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

    def _check_deadline(
        self, url: str, deadline_at: float, cause: BaseException | None = None
    ) -> None:
        """Raise :class:`DeadlineExceededError` once the clock is past *deadline_at*."""
        if self._clock() >= deadline_at:
            raise DeadlineExceededError(
                message=f"{url.split('?', 1)[0]}: no complete response within the "
                f"deadline of {self.deadline:g} s",
                url=url,
                deadline=self.deadline,
            ) from cause

    def _read_body(
        self,
        response: requests.Response,
        url: str,
        deadline_at: float,
        read_timeout: float,
    ) -> None:
        """Read the body of a streamed *response* into it, within time and size.

        The body comes in pieces of whatever has arrived (``read1``), so the
        deadline is checked however slowly the server sends; each wait is
        bounded by the read timeout and by what is left of the deadline.
        Errors are raised as the ``requests`` errors that reading
        ``response.content`` would raise, for the retry loop to classify.
        """
        limit = self.max_response_bytes
        if response._content is not False:  # already read (e.g. a test double)
            response._content_consumed = True
            if len(response._content or b"") > limit:
                raise self._too_large(url)
            return
        declared = response.headers.get("Content-Length", "")
        if (
            declared.isdigit()
            and int(declared) > limit
            and "Content-Encoding" not in response.headers
        ):
            raise self._too_large(url)
        raw = response.raw
        chunks: list[bytes] = []
        size = 0
        while True:
            self._check_deadline(url, deadline_at)
            remaining = deadline_at - self._clock()
            sock = getattr(getattr(raw, "connection", None), "sock", None)
            if sock is not None:
                sock.settimeout(max(min(read_timeout, remaining), 0.001))
            try:
                if isinstance(raw, BaseHTTPResponse):
                    chunk = raw.read1(_CHUNK, decode_content=True)
                else:
                    chunk = raw.read(_CHUNK)
            except ReadTimeoutError as exc:
                self._check_deadline(url, deadline_at, exc)
                raise requests.ConnectionError(exc) from exc
            except Urllib3SSLError as exc:
                raise requests.exceptions.SSLError(exc) from exc
            except ProtocolError as exc:
                raise requests.exceptions.ChunkedEncodingError(exc) from exc
            except DecodeError as exc:
                raise requests.exceptions.ContentDecodingError(exc) from exc
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise self._too_large(url)
            chunks.append(chunk)
        response._content = b"".join(chunks)
        response._content_consumed = True

    def _too_large(self, url: str) -> ResponseTooLargeError:
        return ResponseTooLargeError(
            message=f"{url.split('?', 1)[0]}: the response is larger than "
            f"max_response_bytes={self.max_response_bytes}; not read further",
            url=url,
            limit=self.max_response_bytes,
        )

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
        if outcome.first_contact:
            # Never answered: most likely a wrong address, so only a short
            # window (a local wiki may be starting), then the cause in words.
            elapsed = self._clock() - state.started
            if (
                elapsed + policy.min_wait > policy.first_contact_seconds
                or state.attempt >= policy.max_attempts
            ):
                raise outcome.error
            return policy.min_wait
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
            parsed = decode_json(response.content, url=url, status=status)
        except InvalidResponseError:
            self._log_body(host, status, excerpt(response))
            raise
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
            return response, decode_json(entry.content, url=response.url or "")
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
        read actions) unless the URL would be too long or a parameter
        carries a password or token (``lgpassword``, ``password``,
        ``retype``, ``token``, ``*token``, ...), then a POST.

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
        # Passwords and tokens never go in a URL (logs, access logs).
        if length > _MAX_GET_URL or secret_names(sent):
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
        # REST answers (JSON, Parsoid HTML) are UTF-8 text: a bad byte is
        # reported rather than silently replaced. A raw GET may be binary
        # (a file), so its text stays requests' best-effort reading.
        text = (
            decode_text(
                response.content, url=response.url or url, status=response.status_code
            )
            if kind == "rest"
            else response.text
        )
        return RestResponse(
            status=response.status_code,
            headers=MappingProxyType(CaseInsensitiveDict(response.headers)),
            text=text,
            etag=response.headers.get("ETag"),
            url=response.url or url,
            content=response.content,
        )

    def _fetched_at(self) -> datetime:
        """Now, by the injected wall clock (for records built over this transport)."""
        return from_epoch(self._wall_clock())

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

    def __init__(self, client: Transport) -> None:
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

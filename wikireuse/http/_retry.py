"""Retry policy: which waits to take, how long, and when to give up.

Wikimedia's servers tell a client to slow down in four ways (HTTP 429 with a
``Retry-After``, HTML or JSON; Action API ``maxlag`` and ``ratelimited`` errors
on HTTP 200; REST ``request-limit-reached``). This module holds the pure part of
reacting to them: parsing ``Retry-After``, the exponential backoff with full
jitter, and the budget (attempts and total time). The HTTP loop in
:mod:`wikireuse.http` feeds it observations.
"""

from __future__ import annotations

import datetime
import email.utils
import math
import random
import re
from collections.abc import Mapping
from typing import Any

import attrs

from wikireuse.exceptions import ConfigurationError
from wikireuse.typing import WallClock

__all__ = [
    "RetryEvent",
    "RetryPolicy",
    "RetryState",
    "backoff_delay",
    "maxlag_lag",
    "parse_retry_after",
]


def _positive(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not (isinstance(value, int | float) and value > 0 and math.isfinite(value)):
        raise ConfigurationError(
            message=f"{attribute.name} must be a positive finite number, got {value!r}"
        )


def _non_negative(
    instance: object, attribute: attrs.Attribute[Any], value: float
) -> None:
    if not (isinstance(value, int | float) and value >= 0 and math.isfinite(value)):
        raise ConfigurationError(
            message=f"{attribute.name} must be a finite number >= 0, got {value!r}"
        )


def _attempts(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigurationError(
            message=f"max_attempts must be an integer >= 1, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """How hard the client tries before it gives up, and how long it waits.

    The defaults follow pywikibot's proven schedule (5 s doubling to 120 s) and
    the Manual:Maxlag advice (wait at least 5 s after a lag error).

    Attributes:
        max_attempts: Requests made for one call, the first included.
        max_total_seconds: Give up rather than start a wait that would end
            later than this after the first attempt.
        backoff_base: First backoff ceiling, in seconds; it doubles per retry.
            A rate limit without ``Retry-After`` (429, ``ratelimited``) waits
            at least this long.
        backoff_cap: The backoff ceiling never grows past this.
        max_retry_after: A server asking for a longer wait than this gets a
            :class:`~wikireuse.exceptions.RateLimitedError` at once instead.
        min_maxlag_wait: Shortest pause of a host after a ``maxlag`` error.
        min_wait: Shortest wait before any retry, > 0: never retry immediately.
        first_contact_seconds: How long a host that has never answered this
            client may refuse connections or fail to resolve before
            :class:`~wikireuse.exceptions.HostUnreachableError` is raised
            (retrying every *min_wait* meanwhile, say while a local wiki
            starts). Such a failure is almost always a wrong address, not
            an outage; ``0`` gives up at the first failure. A host that has
            answered before gets the whole budget.

    .. versionadded:: 0.1.0

    >>> RetryPolicy().max_attempts, RetryPolicy(max_attempts=3).max_attempts
    (8, 3)
    """

    max_attempts: int = attrs.field(default=8, validator=_attempts)
    max_total_seconds: float = attrs.field(default=1800.0, validator=_positive)
    backoff_base: float = attrs.field(default=5.0, validator=_positive)
    backoff_cap: float = attrs.field(default=120.0, validator=_positive)
    max_retry_after: float = attrs.field(default=900.0, validator=_non_negative)
    min_maxlag_wait: float = attrs.field(default=5.0, validator=_non_negative)
    # Strictly positive: a retry is never immediate (mwclient's flaw on 429).
    min_wait: float = attrs.field(default=1.0, validator=_positive)
    first_contact_seconds: float = attrs.field(default=5.0, validator=_non_negative)


@attrs.frozen(kw_only=True)
class RetryEvent:
    """One retry, backoff or host pause, as passed to ``on_event``.

    Attributes:
        kind: ``"pause"`` when every request to *host* waits (maxlag, 429,
            ``ratelimited``, any ``Retry-After``); ``"backoff"`` when only the
            failed request waits (5xx, connection reset, timeout, bad body).
        host: The host name the request went to.
        url: The request URL (without query string).
        status: HTTP status of the failed attempt, ``None`` for a transport
            failure.
        wait: Seconds waited before the next attempt.
        attempt: Number of the attempt that failed (1 for the first).
        reason: Short machine-readable cause: ``"maxlag"``, ``"http-429"``,
            ``"ratelimited"``, ``"http-503"``, ``"connection-error"``,
            ``"connection-refused"``, ``"host-not-found"``,
            ``"read-timeout"``, ``"invalid-json"``, ...

    .. versionadded:: 0.1.0
    """

    kind: str
    host: str
    url: str
    status: int | None
    wait: float
    attempt: int
    reason: str


@attrs.frozen(kw_only=True)
class RetryState:
    """Where one call stands in its retry budget; :meth:`next_attempt` moves on."""

    attempt: int = 1
    started: float = 0.0
    history: tuple[RetryEvent, ...] = ()

    def next_attempt(self, event: RetryEvent) -> RetryState:
        """Return the state after *event*'s wait, one attempt further on."""
        return attrs.evolve(
            self, attempt=self.attempt + 1, history=(*self.history, event)
        )


def parse_retry_after(value: str | None, *, wall_clock: WallClock) -> float | None:
    """Read a ``Retry-After`` header in either RFC 9110 form.

    Args:
        value: The header value: delta-seconds (``"30"``; decimals tolerated)
            or an HTTP-date (``"Wed, 21 Oct 2015 07:28:00 GMT"``).
        wall_clock: Seconds since the epoch now, to turn a date into a delay.

    Returns:
        Seconds to wait, clamped at 0; ``None`` if absent or unreadable.

    >>> parse_retry_after("30", wall_clock=lambda: 0.0)
    30.0
    >>> parse_retry_after("Thu, 01 Jan 1970 00:01:00 GMT", wall_clock=lambda: 20.0)
    40.0
    >>> parse_retry_after("soon", wall_clock=lambda: 0.0) is None
    True
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # RFC 9110: an HTTP-date is always GMT
            when = when.replace(tzinfo=datetime.timezone.utc)
        seconds = when.timestamp() - wall_clock()
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def backoff_delay(attempt: int, policy: RetryPolicy, rng: random.Random) -> float:
    """Exponential backoff with full jitter for the *attempt*-th failure.

    The ceiling is ``backoff_base * 2 ** (attempt - 1)`` capped at
    ``backoff_cap``; the wait is uniform in ``[0, ceiling]`` (full jitter, so
    that many clients hit by one outage do not come back in lockstep), but
    never below ``min_wait``.

    >>> policy = RetryPolicy()
    >>> [round(backoff_delay(n, policy, random.Random(1)), 3) for n in (1, 2, 7)]
    [1.0, 1.344, 16.124]
    """
    ceiling = min(policy.backoff_cap, policy.backoff_base * 2.0 ** (attempt - 1))
    return max(policy.min_wait, rng.uniform(0.0, ceiling))


_LAGGED_RE = re.compile(r"([\d.]+)\s+seconds?\s+lagged")


def maxlag_lag(error: Mapping[str, Any], headers: Mapping[str, str]) -> float | None:
    """The replication lag a ``maxlag`` error reports, in seconds.

    Read from ``error.lag``, else from the ``"N seconds lagged"`` text, else
    from the ``X-Database-Lag`` header.

    >>> maxlag_lag({"info": "Waiting for db1: 7 seconds lagged"}, {})
    7.0
    """
    lag = error.get("lag")
    if isinstance(lag, int | float) and not isinstance(lag, bool):
        return float(lag)
    for key in ("info", "*", "text"):
        text = error.get(key)
        if isinstance(text, str):
            match = _LAGGED_RE.search(text)
            if match:
                try:
                    return float(match.group(1))
                except ValueError:
                    pass
    header = headers.get("X-Database-Lag")
    if header is not None:
        try:
            return float(header)
        except ValueError:
            return None
    return None

"""Per-host pacing: spacing of request starts, a concurrency cap and pauses.

One :class:`HostThrottle` exists per host and client, shared by every thread
using that client. It enforces

* a minimum interval between the *starts* of two requests (0.3 s by default,
  i.e. the 2026 "identified" class of about 200 requests a minute),
* at most ``max_concurrency`` requests in flight (1 by default; Wikimedia asks
  for 3 at most),
* host pauses: after ``maxlag`` or a ``Retry-After`` no thread starts a
  request to that host before the pause ends,
* a penalty after HTTP 429 that widens the interval, then decays back.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from wikireuse.exceptions import ConfigurationError
from wikireuse.typing import Clock, Sleep

__all__ = ["MAX_CONCURRENCY", "PROFILES", "HostThrottle", "RateProfile", "Throttles"]

MAX_CONCURRENCY = 3
"""Wikimedia APIs/Rate limits (2026): "limit the number of concurrent requests to 3
or fewer"."""


def _interval(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        raise ConfigurationError(
            message=f"{attribute.name} must be a finite number >= 0, got {value!r}"
        )


def _concurrency(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(
            message=f"max_concurrency must be an integer >= 1, got {value!r}"
        )
    if value > MAX_CONCURRENCY:
        raise ConfigurationError(
            message=f"max_concurrency={value} exceeds {MAX_CONCURRENCY}: Wikimedia "
            "asks for at most 3 concurrent requests (Wikimedia APIs/Rate limits)"
        )


def _factor(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not (math.isfinite(value) and value >= 1)
    ):
        raise ConfigurationError(
            message=f"{attribute.name} must be a finite number >= 1, got {value!r}"
        )


def _count(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(
            message=f"{attribute.name} must be an integer >= 1, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class RateProfile:
    """How fast a client may talk to one host.

    Attributes:
        name: A label, e.g. ``"identified"``.
        min_interval: Seconds between the starts of two requests to one host.
        max_concurrency: Requests to one host in flight at once (1 to 3).
        penalty_factor: After a 429 the interval is multiplied by this (again
            for each further 429, up to ``penalty_max``); the interval used is
            at least one second while penalised.
        penalty_max: Largest multiplier.
        penalty_decay: Successful requests after which the multiplier halves.

    .. versionadded:: 0.1.0

    >>> RateProfile(name="slow", min_interval=1.0).max_concurrency
    1
    """

    name: str = "custom"
    min_interval: float = attrs.field(default=0.3, validator=_interval)
    max_concurrency: int = attrs.field(default=1, validator=_concurrency)
    penalty_factor: float = attrs.field(default=2.0, validator=_factor)
    penalty_max: float = attrs.field(default=16.0, validator=_factor)
    penalty_decay: int = attrs.field(default=10, validator=_count)
    description: str = ""


PROFILES: Mapping[str, RateProfile] = MappingProxyType(
    {
        "unidentified": RateProfile(
            name="unidentified",
            min_interval=6.0,
            max_concurrency=1,
            description="no compliant UA, IP only: about 10 requests/minute",
        ),
        "identified": RateProfile(
            name="identified",
            min_interval=0.3,
            max_concurrency=1,
            description="compliant UA, or a new account: about 200 requests/minute",
        ),
        "bot": RateProfile(
            name="bot",
            min_interval=0.03,
            max_concurrency=3,
            description="authenticated, established account: about 2000 "
            "requests/minute",
        ),
    }
)
"""The 2026 Wikimedia rate-limit classes as pacing profiles.

The numbers (10, 200 and 2000 requests a minute) come from third-party quotes of
the draft page "Wikimedia APIs/Rate limits" and are **provisional**: override
them with ``Client(min_interval=..., max_concurrency=...)`` or your own
:class:`RateProfile`. The client also obeys every ``Retry-After`` it gets, so
the server has the last word.
"""


class HostThrottle:
    """Pacing state for one host, shared by every thread of one client.

    Args:
        profile: Interval, concurrency and penalty settings.
        clock: Monotonic seconds.
        sleep: Blocks for a number of seconds (a fake clock's in tests).
    """

    def __init__(self, profile: RateProfile, *, clock: Clock, sleep: Sleep) -> None:
        self.profile = profile
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(profile.max_concurrency)
        self._last_start: float | None = None
        self._pause_until = -math.inf
        self._penalty = 1.0
        self._good_since_penalty = 0

    @property
    def interval(self) -> float:
        """The interval now in force, penalty included."""
        with self._lock:
            return self._interval_locked()

    @property
    def pause_until(self) -> float:
        """Clock time before which no request to this host may start."""
        with self._lock:
            return self._pause_until

    def _interval_locked(self) -> float:
        base = self.profile.min_interval
        if self._penalty > 1.0:
            # While penalised never go faster than one request a second, even
            # for a client configured with no interval at all.
            return max(base, 1.0) * self._penalty
        return base

    def acquire(self) -> None:
        """Block until a request may start; the caller must :meth:`release`.

        Takes a concurrency slot, then sleeps until both the interval since the
        previous start and any host pause have passed. A pause set while
        sleeping is noticed: the wait is recomputed after every sleep.
        """
        self._slots.acquire()
        try:
            while True:
                with self._lock:
                    now = self._clock()
                    start = self._pause_until
                    if self._last_start is not None:
                        start = max(start, self._last_start + self._interval_locked())
                    if now >= start:
                        self._last_start = now
                        return
                    wait = start - now
                self._sleep(wait)
        except BaseException:
            self._slots.release()
            raise

    def release(self) -> None:
        """Free the slot taken by :meth:`acquire`."""
        self._slots.release()

    def pause(self, seconds: float) -> float:
        """Stop every request to this host for *seconds* from now.

        Returns:
            The clock time at which the (possibly longer, existing) pause ends.
        """
        with self._lock:
            self._pause_until = max(self._pause_until, self._clock() + seconds)
            return self._pause_until

    def penalize(self) -> None:
        """Widen the interval after a 429; it decays on later successes."""
        with self._lock:
            self._penalty = min(
                self.profile.penalty_max, self._penalty * self.profile.penalty_factor
            )
            self._good_since_penalty = 0

    def record_success(self) -> None:
        """Count a good response; every ``penalty_decay`` of them halve the penalty."""
        with self._lock:
            if self._penalty <= 1.0:
                return
            self._good_since_penalty += 1
            if self._good_since_penalty >= self.profile.penalty_decay:
                self._penalty = max(1.0, self._penalty / self.profile.penalty_factor)
                self._good_since_penalty = 0


class Throttles:
    """The :class:`HostThrottle` of each host, created on first use."""

    def __init__(self, profile: RateProfile, *, clock: Clock, sleep: Sleep) -> None:
        self.profile = profile
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._hosts: dict[str, HostThrottle] = {}

    def get(self, host: str) -> HostThrottle:
        """Return the throttle of *host* (case-insensitive)."""
        key = host.lower()
        with self._lock:
            throttle = self._hosts.get(key)
            if throttle is None:
                throttle = HostThrottle(
                    self.profile, clock=self._clock, sleep=self._sleep
                )
                self._hosts[key] = throttle
            return throttle

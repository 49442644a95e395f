"""Per-host pacing: spacing of request starts, a concurrency cap and pauses.

One :class:`HostThrottle` exists per host and client, shared by every thread
using that client. It enforces

* a minimum interval between the *starts* of two requests (0.3 s by default,
  i.e. the 2026 "identified" class of about 200 requests a minute),
* at most ``max_concurrency`` requests in flight (1 by default; Wikimedia asks
  for 3 at most),
* host pauses: after ``maxlag`` or a ``Retry-After`` no thread starts a
  request to that host before the pause ends,
* a penalty after HTTP 429 (or another rate-limit signal) that widens the
  interval to the pace the server showed it accepts, then relaxes it back
  step by step on successes.
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


def _concurrency(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    _count(instance, attribute, value)
    if value > MAX_CONCURRENCY:
        raise ConfigurationError(
            message=f"max_concurrency={value} exceeds {MAX_CONCURRENCY}: Wikimedia "
            "asks for at most 3 concurrent requests (Wikimedia APIs/Rate limits)"
        )


@attrs.frozen(kw_only=True)
class RateProfile:
    """How fast a client may talk to one host, and how it slows down when told to.

    After a rate-limit signal (HTTP 429, the Action API's ``ratelimited``, the
    REST API's ``request-limit-reached``) the host is paused for the wait the
    server asked for, and its interval widens:

    * When the answer carried a ``Retry-After`` and at least two requests
      succeeded since the host was last paused or idle (no start for more
      than 1 s and twice the interval), the new interval is the pace the
      server has just shown it accepts: the time from the first of those
      requests until the server takes requests again, divided by their
      number. A client admitted 100 requests from t = 0 and told at t = 3 s
      to come back in 7 s gets about 0.1 s. (Retry-After is whole seconds,
      rounded up, so half a second is taken off it for this estimate; the
      wait itself is never shortened.)
    * Otherwise it is ``penalty_factor`` times the pace actually observed
      (never less than 10 ms, so a client with no interval still slows down).

    Either way it grows by at least 10 % and by at most ``penalty_max`` times
    the observed pace per signal, and never beyond one request a minute.
    Signals from requests already in flight when the host was paused count
    once. Each later success then takes ``1/penalty_decay`` of the widening
    off again, so the interval returns to ``min_interval`` after
    ``penalty_decay`` successes in a row. It is never below ``min_interval``,
    and every ``Retry-After`` is obeyed on top of it.

    Attributes:
        name: A label, e.g. ``"identified"``.
        min_interval: Seconds between the starts of two requests to one host.
        max_concurrency: Requests to one host in flight at once (1 to 3).
        penalty_factor: Widening per rate-limit signal when the server gave no
            ``Retry-After`` to learn its pace from.
        penalty_max: Largest widening per signal, as a multiple of the pace
            observed before it.
        penalty_decay: Successful requests over which a widened interval
            returns, in equal steps, to ``min_interval``.
        description: Free text.

    .. versionadded:: 0.1.0

    >>> RateProfile(name="slow", min_interval=1.0).max_concurrency
    1
    """

    name: str = "custom"
    min_interval: float = attrs.field(default=0.3, validator=_interval)
    max_concurrency: int = attrs.field(default=1, validator=_concurrency)
    penalty_factor: float = attrs.field(default=2.0, validator=_factor)
    penalty_max: float = attrs.field(default=16.0, validator=_factor)
    penalty_decay: int = attrs.field(default=2000, validator=_count)
    description: str = ""

    def __attrs_post_init__(self) -> None:
        if self.penalty_max < self.penalty_factor:
            raise ConfigurationError(
                message=f"penalty_max={self.penalty_max!r} is smaller than "
                f"penalty_factor={self.penalty_factor!r}"
            )


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


_MIN_WIDENED = 0.01
"""Seconds: the smallest pace a rate-limit signal widens from (100 a second)."""

_MIN_GROWTH = 1.1
"""Every rate-limit signal slows the host by at least 10 %."""

_MAX_WIDENED = 60.0
"""Seconds: the widest interval a penalty sets; longer waits are the server's."""

_RETRY_AFTER_ROUNDING = 0.5
"""Seconds: the mean amount by which a whole-second Retry-After is rounded up."""

_IDLE = 1.0
"""Seconds: a gap between starts longer than this (and than twice the interval)
starts a new run, so time spent idle never counts as pace the server allowed."""


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
        # The interval in force (>= min_interval) and how much of a widening
        # each success takes off again.
        self._interval = profile.min_interval
        self._relax_step = 0.0
        self._relax_left = 0
        # A penalty episode: signals before this time come from requests that
        # were in flight when the host was paused, and count once.
        self._penalized_until = -math.inf
        # The current run: requests started since the host last sat idle or
        # was paused, and how many of them succeeded.
        self._run_start: float | None = None
        self._run_starts = 0
        self._run_successes = 0

    @property
    def interval(self) -> float:
        """The interval now in force, penalty included."""
        with self._lock:
            return self._interval

    @property
    def pause_until(self) -> float:
        """Clock time before which no request to this host may start."""
        with self._lock:
            return self._pause_until

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
                        start = max(start, self._last_start + self._interval)
                    if now >= start:
                        self._note_start_locked(now)
                        return
                    wait = start - now
                self._sleep(wait)
        except BaseException:
            self._slots.release()
            raise

    def _note_start_locked(self, now: float) -> None:
        idle = self._last_start is None or now - self._last_start > max(
            _IDLE, 2.0 * self._interval
        )
        if self._run_start is None or idle:
            self._run_start = now
            self._run_starts = 0
            self._run_successes = 0
        self._run_starts += 1
        self._last_start = now

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

    def penalize(self, *, retry_after: float | None = None, wait: float = 0.0) -> None:
        """Widen the interval after a rate-limit signal (see :class:`RateProfile`).

        Args:
            retry_after: The server's ``Retry-After`` in seconds, if it sent one.
            wait: Seconds until the host may be asked again (the pause the
                caller sets, at least *retry_after*).
        """
        with self._lock:
            now = self._clock()
            if now < self._penalized_until:
                return  # a request that was in flight when the host was paused
            self._penalized_until = now + wait
            profile = self.profile
            observed = 0.0
            if (
                self._run_start is not None
                and self._last_start is not None
                and self._run_starts > 1
            ):
                observed = (self._last_start - self._run_start) / (self._run_starts - 1)
            base = max(self._interval, observed, _MIN_WIDENED)
            if (
                retry_after is not None
                and self._run_start is not None
                and self._run_successes > 1
            ):
                # The server admitted these requests and takes the next one
                # after retry_after: that is the pace it accepts. Retry-After
                # is whole seconds rounded up, so the window really frees half
                # a second earlier on average; the wait itself is not shortened.
                resume = now + max(retry_after - _RETRY_AFTER_ROUNDING, 0.0)
                widened = (resume - self._run_start) / self._run_successes
            else:
                widened = base * profile.penalty_factor
            widened = min(max(widened, base * _MIN_GROWTH), base * profile.penalty_max)
            self._interval = max(profile.min_interval, min(widened, _MAX_WIDENED))
            self._relax_step = (
                self._interval - profile.min_interval
            ) / profile.penalty_decay
            self._relax_left = profile.penalty_decay
            # The pause ends this run; the next one starts when it is over.
            self._run_start = None
            self._run_starts = 0
            self._run_successes = 0

    def record_success(self) -> None:
        """Count a good response; each one relaxes a widened interval a step."""
        with self._lock:
            if self._run_start is not None:
                self._run_successes += 1
            if self._relax_left > 0:
                # Counted steps, so the interval lands exactly on min_interval.
                self._relax_left -= 1
                self._interval = (
                    self.profile.min_interval + self._relax_step * self._relax_left
                )


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

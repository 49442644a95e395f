"""The pure retry policy: Retry-After parsing, backoff with jitter, lag reading."""

from __future__ import annotations

import random
from typing import Any

import attrs
import pytest

from wikireuse import ConfigurationError, RetryEvent, RetryPolicy
from wikireuse.http._retry import (
    RetryState,
    backoff_delay,
    maxlag_lag,
    parse_retry_after,
)
from wikireuse.testing import FakeClock

WALL = 1_767_225_600.0  # Thu, 01 Jan 2026 00:00:00 GMT


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("30", 30.0),
        (" 7 ", 7.0),
        ("1.5", 1.5),
        ("0", 0.0),
        ("-5", 0.0),
        ("Thu, 01 Jan 2026 00:00:42 GMT", 42.0),
        ("Thursday, 01-Jan-26 00:01:00 GMT", 60.0),
        ("Wed, 31 Dec 2025 23:59:00 GMT", 0.0),
        ("Thu, 01 Jan 2026 00:00:42", 42.0),
        (None, None),
        ("", None),
        ("soon", None),
        ("nan", None),
        ("inf", None),
    ],
)
def test_retry_after_both_forms(header: str | None, expected: float | None) -> None:
    """Delta-seconds and HTTP-dates are read; past dates clamp to 0; junk is None."""
    assert expected == parse_retry_after(header, wall_clock=lambda: WALL)


def test_retry_after_date_uses_the_injected_wall_clock() -> None:
    """The same date means a shorter wait later on the (fake) wall clock."""
    clock = FakeClock()
    date = clock.http_date(100)
    clock.advance(40)
    assert 60.0 == parse_retry_after(date, wall_clock=clock.wall)


def test_backoff_is_full_jitter_under_a_doubling_ceiling() -> None:
    """Waits are uniform below 5, 10, 20, ... 120 s and never under 1 s."""
    policy = RetryPolicy()
    rng, twin = random.Random(7), random.Random(7)
    ceilings = [5, 10, 20, 40, 80, 120, 120, 120]
    expected = [max(1.0, twin.uniform(0, c)) for c in ceilings]
    actual = [backoff_delay(n, policy, rng) for n in range(1, 9)]
    assert expected == actual
    assert all(1.0 <= a <= c for a, c in zip(actual, ceilings, strict=True))


def test_backoff_never_below_min_wait() -> None:
    """Even a zero draw waits min_wait: no immediate retry."""

    class Zero(random.Random):
        def uniform(self, a: float, b: float) -> float:
            return 0.0

    assert 2.5 == backoff_delay(3, RetryPolicy(min_wait=2.5), Zero())


def test_backoff_ceiling_follows_policy() -> None:
    """A custom base and cap bound the draw."""
    policy = RetryPolicy(backoff_base=2, backoff_cap=3, min_wait=0.5)

    class Top(random.Random):
        def uniform(self, a: float, b: float) -> float:
            return b

    assert [2.0, 3.0, 3.0] == [backoff_delay(n, policy, Top()) for n in (1, 2, 3)]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_attempts": 0},
        {"max_attempts": 1.5},
        {"max_attempts": True},
        {"max_total_seconds": 0},
        {"backoff_base": -1},
        {"backoff_cap": float("inf")},
        {"max_retry_after": -1},
        {"min_wait": float("nan")},
        {"min_wait": 0},
    ],
)
def test_bad_policy_values_raise(kwargs: dict[str, Any]) -> None:
    """A nonsensical budget is a ConfigurationError."""
    with pytest.raises(ConfigurationError):
        RetryPolicy(**kwargs)


def test_policy_defaults_follow_pywikibot_and_maxlag_manual() -> None:
    """8 attempts, 30 min, 5 s doubling to 120 s, 900 s cap, 5 s after maxlag.

    A host that never answered gets 5 s before it is reported unreachable.
    """
    assert (8, 1800.0, 5.0, 120.0, 900.0, 5.0, 1.0, 5.0) == attrs.astuple(RetryPolicy())


@pytest.mark.parametrize(
    ("error", "headers", "expected"),
    [
        ({"code": "maxlag", "lag": 7}, {}, 7.0),
        ({"code": "maxlag", "lag": 2.5, "info": "Waiting: 9 seconds lagged"}, {}, 2.5),
        ({"info": "Waiting for db1001: 12 seconds lagged."}, {}, 12.0),
        ({"*": "Waiting for 10.0.0.1: 1.5 seconds lagged"}, {}, 1.5),
        ({"info": "lagged"}, {"X-Database-Lag": "4"}, 4.0),
        ({"info": "no number"}, {}, None),
        ({}, {"X-Database-Lag": "junk"}, None),
    ],
)
def test_maxlag_lag_sources(
    error: dict[str, object], headers: dict[str, str], expected: float | None
) -> None:
    """The lag comes from error.lag, else the text, else X-Database-Lag."""
    assert expected == maxlag_lag(error, headers)


def test_retry_state_moves_on_immutably() -> None:
    """next_attempt returns a new state one attempt on, with the event recorded."""
    event = RetryEvent(
        kind="backoff", host="h", url="u", status=503, wait=2.0, attempt=1, reason="x"
    )
    state = RetryState(started=3.0)
    after = state.next_attempt(event)
    assert (1, ()) == (state.attempt, state.history)
    assert (2, (event,), 3.0) == (after.attempt, after.history, after.started)

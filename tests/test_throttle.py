"""Per-host pacing: interval between starts, concurrency cap, pauses, penalty."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from wikireuse import PROFILES, ConfigurationError, RateProfile
from wikireuse._throttle import HostThrottle, Throttles
from wikireuse.testing import FakeClock


def starts(throttle: HostThrottle, clock: FakeClock, count: int) -> list[float]:
    """Clock times at which *count* sequential requests may start."""
    times = []
    for _ in range(count):
        throttle.acquire()
        times.append(clock())
        throttle.release()
    return times


def gaps(times: list[float]) -> list[float]:
    """Differences between consecutive times."""
    return [round(b - a, 9) for a, b in itertools.pairwise(times)]


def test_first_request_starts_at_once_then_gaps_are_the_interval() -> None:
    """Starts are min_interval apart; the first one does not wait."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=0.3), clock=clock, sleep=clock.sleep
    )
    times = starts(throttle, clock, 5)
    assert 0.0 == times[0]
    assert [0.3] * 4 == gaps(times)


def test_time_spent_elsewhere_counts_towards_the_interval() -> None:
    """A request starting long after the previous one does not wait."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=2.0), clock=clock, sleep=clock.sleep
    )
    starts(throttle, clock, 1)
    clock.advance(5)
    starts(throttle, clock, 1)
    assert [] == clock.slept


def test_pause_blocks_the_next_start_until_it_ends() -> None:
    """After pause(10) no start comes before clock time 10."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=0.3), clock=clock, sleep=clock.sleep
    )
    starts(throttle, clock, 1)
    assert 10.0 == throttle.pause(10)
    assert 10.0 == throttle.pause_until
    assert 10.0 == throttle.pause(5)  # a shorter pause never shortens it
    assert [10.0] == starts(throttle, clock, 1)


def test_penalty_widens_the_interval_then_decays() -> None:
    """A 429 penalty doubles max(interval, 1 s); good responses halve it back."""
    clock = FakeClock()
    profile = RateProfile(min_interval=0.3, penalty_decay=2)
    throttle = HostThrottle(profile, clock=clock, sleep=clock.sleep)
    throttle.penalize()
    assert 2.0 == throttle.interval
    throttle.penalize()
    assert 4.0 == throttle.interval
    for _ in range(2):
        throttle.record_success()
    assert 2.0 == throttle.interval
    for _ in range(2):
        throttle.record_success()
    assert 0.3 == throttle.interval


def test_penalty_is_capped() -> None:
    """The multiplier never exceeds penalty_max."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=0, penalty_max=4), clock=clock, sleep=clock.sleep
    )
    for _ in range(10):
        throttle.penalize()
    assert 4.0 == throttle.interval


def test_throttles_are_per_host_and_case_insensitive() -> None:
    """One HostThrottle per host name, whatever its case."""
    clock = FakeClock()
    throttles = Throttles(RateProfile(), clock=clock, sleep=clock.sleep)
    assert throttles.get("En.Wikipedia.org") is throttles.get("en.wikipedia.org")
    assert throttles.get("en.wikipedia.org") is not throttles.get("de.wikipedia.org")


def test_hosts_do_not_delay_each_other() -> None:
    """Pacing one host leaves another host's first request immediate."""
    clock = FakeClock()
    throttles = Throttles(RateProfile(min_interval=5), clock=clock, sleep=clock.sleep)
    starts(throttles.get("a.test"), clock, 1)
    starts(throttles.get("b.test"), clock, 1)
    assert [] == clock.slept


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_concurrency": 4},
        {"max_concurrency": 0},
        {"max_concurrency": 2.0},
        {"min_interval": -0.1},
        {"min_interval": float("inf")},
        {"penalty_factor": 0.5},
        {"penalty_decay": 0},
    ],
)
def test_bad_profiles_raise(kwargs: dict[str, Any]) -> None:
    """More than 3 in flight, negative intervals and the like are refused."""
    with pytest.raises(ConfigurationError):
        RateProfile(**kwargs)


def test_profiles_match_the_2026_classes() -> None:
    """unidentified/identified/bot = 10, 200, 2000 per minute."""
    assert {"unidentified": 6.0, "identified": 0.3, "bot": 0.03} == {
        name: p.min_interval for name, p in PROFILES.items()
    }
    assert {10, 200, 2000} == {round(60 / p.min_interval) for p in PROFILES.values()}
    assert all(1 <= p.max_concurrency <= 3 for p in PROFILES.values())


def test_profiles_are_read_only() -> None:
    """PROFILES cannot be changed in place."""
    with pytest.raises(TypeError):
        PROFILES["fast"] = RateProfile()  # type: ignore[index]


def test_a_pause_set_during_a_wait_is_honoured() -> None:
    """A pause begun by another thread while this one sleeps delays its start."""
    clock = FakeClock()

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        if len(clock.slept) == 1:
            throttle.pause(10)  # as if another thread hit maxlag meanwhile

    throttle = HostThrottle(RateProfile(min_interval=1.0), clock=clock, sleep=sleep)
    assert [0.0, 11.0] == starts(throttle, clock, 2)

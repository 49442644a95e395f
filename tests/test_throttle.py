"""Per-host pacing: interval between starts, concurrency cap, pauses, penalty."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikireuse import PROFILES, ConfigurationError, RateProfile
from wikireuse.http._throttle import HostThrottle, Throttles
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


def run(throttle: HostThrottle, count: int) -> None:
    """*count* sequential requests that all succeed."""
    for _ in range(count):
        throttle.acquire()
        throttle.release()
        throttle.record_success()


def refused(throttle: HostThrottle, retry_after: float | None, wait: float) -> None:
    """One request answered by a rate-limit signal, as the client handles it."""
    throttle.acquire()
    throttle.release()
    throttle.penalize(retry_after=retry_after, wait=wait)
    throttle.pause(wait)


def test_penalty_without_retry_after_doubles_the_observed_pace() -> None:
    """No Retry-After to learn from: the interval becomes 2x the pace seen."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=0.3), clock=clock, sleep=clock.sleep
    )
    run(throttle, 5)
    refused(throttle, None, 5.0)
    assert pytest.approx(0.6) == throttle.interval


def test_penalty_uses_the_pace_the_observed_spacing_shows() -> None:
    """A client slower than its interval (slow responses) is slowed from its pace."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=0.1), clock=clock, sleep=clock.sleep
    )
    for _ in range(5):
        run(throttle, 1)
        clock.advance(0.4)  # the response took 0.4 s: starts are 0.4 s apart
    refused(throttle, None, 5.0)
    assert pytest.approx(0.8) == throttle.interval


def test_penalty_learns_the_servers_pace_from_retry_after() -> None:
    """100 admitted from t=0, then told at t=1 to wait 9 s: about 0.095 s each."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=0.01), clock=clock, sleep=clock.sleep
    )
    run(throttle, 100)
    assert pytest.approx(0.99) == clock()
    clock.advance(0.01)
    throttle.penalize(retry_after=9.0, wait=9.0)
    # resume at 1 + 9 - 0.5 (Retry-After is rounded up), over 100 requests
    assert pytest.approx(0.095) == throttle.interval


def test_a_zero_interval_client_is_still_slowed() -> None:
    """With min_interval=0 the widening starts from 10 ms, not from nothing."""
    clock = FakeClock()
    throttle = HostThrottle(RateProfile(min_interval=0), clock=clock, sleep=clock.sleep)
    run(throttle, 3)
    refused(throttle, None, 5.0)
    assert pytest.approx(0.02) == throttle.interval


def test_every_signal_slows_by_at_least_ten_percent() -> None:
    """An estimate no slower than the current pace still widens it by 10 %."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=1.0), clock=clock, sleep=clock.sleep
    )
    run(throttle, 10)  # starts at 0 .. 9
    clock.advance(1.0)
    # resume at 10 + 1 - 0.5 over 10 requests is 1.05 s: less than 10 % slower
    throttle.penalize(retry_after=1.0, wait=1.0)
    assert pytest.approx(1.1) == throttle.interval


def test_widening_per_signal_is_capped_by_penalty_max() -> None:
    """A Retry-After far beyond the pace seen widens at most penalty_max times."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=0.05, penalty_max=4), clock=clock, sleep=clock.sleep
    )
    run(throttle, 3)
    throttle.penalize(retry_after=600.0, wait=600.0)
    assert pytest.approx(0.2) == throttle.interval


def test_widening_stops_at_one_request_a_minute() -> None:
    """Repeated signals never push the interval beyond 60 s."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=10), clock=clock, sleep=clock.sleep
    )
    widths = []
    for _ in range(4):
        refused(throttle, None, 5.0)
        widths.append(throttle.interval)
    assert [20.0, 40.0, 60.0, 60.0] == widths


def test_signals_from_requests_already_in_flight_count_once() -> None:
    """A second 429 before the first one's pause is over does not widen again."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=0.3), clock=clock, sleep=clock.sleep
    )
    run(throttle, 5)
    throttle.penalize(retry_after=None, wait=5.0)
    once = throttle.interval
    clock.advance(0.01)
    throttle.penalize(retry_after=None, wait=5.0)  # another thread's request
    assert once == throttle.interval
    clock.advance(5.0)
    throttle.penalize(retry_after=None, wait=5.0)  # a new signal after the pause
    assert pytest.approx(2 * once) == throttle.interval


def test_time_spent_idle_is_not_taken_for_the_servers_pace() -> None:
    """An hour's idling before a burst does not count as a slow allowed pace."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=0.01), clock=clock, sleep=clock.sleep
    )
    run(throttle, 10)
    clock.advance(3600)
    burst_start = clock()
    run(throttle, 100)
    clock.advance(0.01)
    throttle.penalize(retry_after=9.0, wait=9.0)
    expected = (clock() + 8.5 - burst_start) / 100
    assert pytest.approx(expected) == throttle.interval
    assert throttle.interval < 0.1


def test_widened_interval_relaxes_in_equal_steps_to_min_interval() -> None:
    """After penalty_decay successes the interval is min_interval again."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=0.3, penalty_decay=4), clock=clock, sleep=clock.sleep
    )
    run(throttle, 5)
    refused(throttle, None, 5.0)
    widened = throttle.interval
    seen = []
    for _ in range(6):
        throttle.record_success()
        seen.append(throttle.interval)
    step = (widened - 0.3) / 4
    assert pytest.approx([0.3 + step * k for k in (3, 2, 1)]) == seen[:3]
    assert [0.3, 0.3, 0.3] == seen[3:]


def test_widened_interval_spaces_the_following_starts() -> None:
    """After the pause, starts are the widened interval apart."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=0.3, penalty_decay=10_000),
        clock=clock,
        sleep=clock.sleep,
    )
    run(throttle, 5)
    refused(throttle, None, 5.0)
    times = starts(throttle, clock, 3)
    assert pytest.approx([0.6, 0.6]) == gaps(times)
    assert times[0] >= throttle.pause_until


@settings(max_examples=60, deadline=None)
@given(
    min_interval=st.sampled_from([0.0, 0.01, 0.3, 6.0]),
    steps=st.lists(
        st.tuples(
            st.sampled_from(["ok", "429", "advance"]),
            st.floats(min_value=0.0, max_value=120.0),
            st.booleans(),
        ),
        max_size=40,
    ),
)
def test_interval_stays_between_the_configured_one_and_a_minute(
    min_interval: float, steps: list[tuple[str, float, bool]]
) -> None:
    """Whatever happens, starts keep min_interval apart and respect pauses."""
    clock = FakeClock()
    throttle = HostThrottle(
        RateProfile(min_interval=min_interval), clock=clock, sleep=clock.sleep
    )
    times: list[float] = []
    for action, seconds, told in steps:
        if action == "advance":
            clock.advance(seconds)
            continue
        pause_until = throttle.pause_until
        throttle.acquire()
        times.append(clock())
        throttle.release()
        assert clock() >= pause_until
        if action == "ok":
            throttle.record_success()
        else:
            wait = max(1.0, seconds)
            throttle.penalize(retry_after=seconds if told else None, wait=wait)
            throttle.pause(wait)
        assert min_interval <= throttle.interval <= max(min_interval, 60.0)
    assert all(gap >= min_interval - 1e-9 for gap in gaps(times))


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
        {"penalty_factor": 4, "penalty_max": 2},
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

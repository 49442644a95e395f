"""Smoke test of the benchmark harness: it imports, and its limiter is right.

The benchmarks themselves never run in the test suite (they take real time);
this checks only the pure parts, on a fake timeline.
"""

from __future__ import annotations

import importlib

from hypothesis import given
from hypothesis import strategies as st

from benchmarks._ratelimited_server import Decision, SlidingWindowLimiter


def test_benchmark_modules_import() -> None:
    """The client benchmark and its helpers import and expose run(quick)."""
    importlib.import_module("benchmarks._subjects")
    importlib.import_module("benchmarks._ratelimited_server")
    bench = importlib.import_module("benchmarks.bench_client")
    assert True is callable(bench.run)


def test_licence_benchmark_imports_and_reads_flict_results() -> None:
    """The licence benchmark imports, loads its cases and classifies flict output."""
    bench = importlib.import_module("benchmarks.bench_licenses")
    assert True is callable(bench.run)
    cases = bench._load_cases()
    assert len(cases) >= 100
    assert "A AND (B OR C)" == bench._flict_inbound(["A", "B OR C"])
    allowed = {"result": {"allowed_outbound_licenses": ["MIT"], "problems": []}}
    problem = {"result": {"allowed_outbound_licenses": [], "problems": ["?"]}}
    refused = {"result": {"allowed_outbound_licenses": [], "problems": []}}
    statuses = [bench._flict_status(r) for r in (allowed, problem, refused, None)]
    assert ["compatible", "unknown", "incompatible", "error"] == statuses


def test_licence_benchmark_summary_counts() -> None:
    """_summary counts answered, definite and agreeing answers against the table."""
    bench = importlib.import_module("benchmarks.bench_licenses")
    cases = [{"expect": "compatible"}, {"expect": "conditional"}, {"expect": "x"}]
    rows = bench._summary("flict", "b", cases, ["compatible", "unknown", "error"])
    assert [2, 1, 1] == [r.value for r in rows]
    assert [None, None, None] == [r.baseline for r in rows]


def test_limiter_on_a_fake_timeline() -> None:
    """Admits 3 per 10 s per client and flags arrivals before an announced end."""
    lim = SlidingWindowLimiter(limit=3, window=10.0)
    timeline = [0.0, 0.5, 1.0, 1.2, 9.9, 10.0, 10.0, 10.6, 12.0, 20.0, 20.1]
    got = [lim.decide("a", t) for t in timeline]
    ok = Decision(allowed=True, retry_after=0, inside_retry_after=False)

    def refused(retry_after: int, inside: bool) -> Decision:
        return Decision(
            allowed=False, retry_after=retry_after, inside_retry_after=inside
        )

    admitted_inside = Decision(allowed=True, retry_after=0, inside_retry_after=True)
    expected = [
        ok,
        ok,
        ok,
        refused(9, inside=False),  # frees at 10.0: ceil(8.8) -> until 10.2
        refused(1, inside=True),  # until 10.9
        admitted_inside,  # 0.0 left the window, but 10.9 was announced
        refused(1, inside=True),  # frees at 10.5 -> until 11.0
        admitted_inside,
        ok,  # 12.0 is after 11.0
        ok,  # 10.0 leaves exactly at 20.0
        refused(1, inside=False),  # frees at 20.6
    ]
    assert expected == got
    assert ok == lim.decide("b", 20.2)  # clients are counted apart


@given(
    gaps=st.lists(st.floats(min_value=0.0, max_value=3.0), max_size=60),
    limit=st.integers(min_value=1, max_value=5),
)
def test_limiter_refuses_exactly_when_the_window_is_full(
    gaps: list[float], limit: int
) -> None:
    """An arrival is refused iff `limit` admitted ones lie in the 10 s before it."""
    lim = SlidingWindowLimiter(limit=limit, window=10.0)
    now = 0.0
    admitted: list[float] = []
    for gap in gaps:
        now += gap
        in_window = sum(1 for a in admitted if a > now - 10.0)
        allowed = lim.decide("c", now).allowed
        assert (in_window < limit) == allowed
        if allowed:
            admitted.append(now)

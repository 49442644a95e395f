"""Smoke test of the benchmark harness: it imports, and its limiter is right.

The benchmarks themselves never run in the test suite (they take real time);
this checks the pure parts, on a fake timeline, and runs the fetch benchmark
in a tiny size on the session's test wiki.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks._ratelimited_server import Decision, SlidingWindowLimiter

if TYPE_CHECKING:
    from tests.support.mediawiki import MediaWiki


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


def test_fetch_benchmark_says_skipped_without_mediawiki(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without MediaWiki the fetch rows say skipped instead of failing."""
    bench = importlib.import_module("benchmarks.bench_fetch")
    monkeypatch.setattr(bench, "missing_requirements", lambda: "php is not installed")
    rows = bench.run(quick=True)
    expected = ["skipped: MediaWiki not installed (php is not installed)"] * 2
    assert expected == [r.display for r in rows]


def test_fetch_floor_counts_contributor_continuations() -> None:
    """A 50-title batch with 550 registered contributors needs one more request."""
    corpus = importlib.import_module("benchmarks._fetch_corpus")
    edit = corpus.Edit
    crowd = tuple(
        edit(user=f"U{k}", ip=None, timestamp="", comment="", text="")
        for k in range(11)
    )
    pages = [corpus.PageSpec(title=f"P{k}", edits=crowd) for k in range(60)]
    # batch 1: 50 pages x 11 users = 550 > 500; batch 2: 10 x 11 = 110
    assert 1 == corpus.continuations_from_data(pages)
    assert 0 == corpus.continuations_from_data(pages[:45])


@pytest.mark.heavy
@pytest.mark.mediawiki
def test_fetch_benchmark_tiny_run_on_the_test_wiki(
    mediawiki: MediaWiki, tmp_path: Path
) -> None:
    """Tiny fetch run: every subject right, counts at the server, sync refetches 2."""
    bench = importlib.import_module("benchmarks.bench_fetch")
    sizes = bench.TINY
    rows = bench.measure(mediawiki, sizes, workdir=tmp_path, prefix="Benchsmoke")
    fetch = {(r.subject, r.metric): r for r in rows if r.benchmark.startswith("fetch")}
    n = sizes.articles
    subjects = ["wikireuse", "mwclient", "Wikipedia-API", "wikipedia"]
    assert [n] * 4 == [fetch[(s, "articles ok")].value for s in subjects]
    # What each documented loop costs, as the proxy counted it: mwclient asks
    # info, text and revisions per page plus two siteinfo (its own, the
    # licence); the other two peers ask two per page.
    requests = [fetch[(s, "HTTP requests (at the server)")].value for s in subjects]
    floor = fetch[("wikireuse", "request floor")].value
    assert [floor, 3 * n + 2, 2 * n, 2 * n] == requests
    assert "yes (2 <= 2)" == fetch[("wikireuse", "within the floor")].display
    sync = {(r.subject, r.metric): r for r in rows if r.benchmark.startswith("delta")}
    delta = sync[("wikireuse sync, delta", "pages fetched")]
    assert (sizes.changed, "18 unchanged, 2 updated (the edited ones)") == (
        delta.value,
        delta.note,
    )


@pytest.mark.heavy
def test_ingest_benchmark_tiny(tmp_path: Path) -> None:
    """The ingest benchmark runs its five passes on a 300-page dump."""
    from tests.conftest import SHARED_DATA, skip_or_fail

    if not (SHARED_DATA / "wikitext").is_dir():
        skip_or_fail(f"recorded wikitexts missing: {SHARED_DATA / 'wikitext'}")
    bench = importlib.import_module("benchmarks.bench_ingest")
    rows = bench.ingest_rows(300, tmp_path)
    speeds = {r.subject: r.value for r in rows if r.metric == "pages/s"}
    assert len(speeds) == 5
    assert all(value > 0 for value in speeds.values())
    assert all("300 pages" in r.note for r in rows if r.metric == "pages/s")
    assert all("CPU s" in r.note for r in rows if r.metric == "pages/s")


def test_parallel_benchmark_imports() -> None:
    """The scale-out benchmark imports and exposes run(quick)."""
    bench = importlib.import_module("benchmarks.bench_parallel")
    assert True is callable(bench.run)

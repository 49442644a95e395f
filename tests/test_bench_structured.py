"""Smoke test of the structured-article benchmark: one pass, every row there.

No timing is asserted (speed belongs to the benchmark's own table).
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from benchmarks._table import render
from tests.structured_support import shared

bench: Any = importlib.import_module("benchmarks.bench_structured")


@pytest.mark.heavy
def test_one_pass_gives_both_paths_against_their_baselines() -> None:
    shared(bench.ENTERPRISE)  # skips (fails under CI) without the recorded data
    rows = bench.run(repeats=1)
    subjects = [(r.subject, r.baseline) for r in rows]
    assert subjects == [
        (bench.STRIP, None),
        ("wikireuse structure(body='wikitext')", bench.STRIP),
        (bench.MWPFHTML, None),
        ("wikireuse structure(body='html')", bench.MWPFHTML),
    ]
    assert all(r.value > 0 for r in rows)
    table = render(rows)
    assert table.count("better than") + table.count("worse than") == 2

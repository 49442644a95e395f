"""Smoke test of the chunking benchmark: one pass, both rows there.

No timing is asserted (speed belongs to the benchmark's own table).
"""

from __future__ import annotations

import importlib
from typing import Any

from benchmarks._table import render
from tests.structured_support import shared

bench: Any = importlib.import_module("benchmarks.bench_chunks")


def test_one_pass_gives_chunk_against_the_naive_splitter() -> None:
    shared(bench.ENTERPRISE)  # skips (fails under CI) without the recorded data
    rows = bench.run(repeats=1)
    assert [(r.subject, r.baseline) for r in rows] == [
        (bench.NAIVE, None),
        (bench.OURS, bench.NAIVE),
    ]
    assert all(r.value > 0 for r in rows)
    table = render(rows)
    assert table.count("better than") + table.count("worse than") == 1

"""Smoke test of the search benchmark: a small store, every row there.

No timing is asserted (speed belongs to the benchmark's own table).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from benchmarks._table import render

bench: Any = importlib.import_module("benchmarks.bench_search")


@pytest.mark.heavy
def test_small_run_gives_every_row_against_its_baseline(tmp_path: Path) -> None:
    db = bench.build(tmp_path, 300)
    rows = [
        *bench.provenance_rows(db, "provenance"),
        *bench.fts_rows(db, "fts"),
        *bench.vector_rows(db, "vectors"),
    ]
    subjects = {(r.benchmark, r.subject, r.baseline) for r in rows}
    assert ("provenance", bench.PROVENANCE, bench.PK) in subjects
    assert ("fts", bench.FTS, bench.LIKE) in subjects
    assert ("vectors", bench.VECTOR, bench.NUMPY) in subjects
    assert ("vectors", bench.SCAN, bench.NUMPY) in subjects
    assert all(r.value > 0 for r in rows)
    assert {r.metric for r in rows} == {"median", "p95"}
    table = render(rows)
    assert table.count("than ") == len([r for r in rows if r.baseline])

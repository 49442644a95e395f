"""Smoke test of the attribution benchmark: a tiny run, and its synthetic items.

No timing is asserted (speed belongs to the benchmark's own table); the run
checks that every row is there, measured, and compared with a floor of the
same run.
"""

from __future__ import annotations

import importlib
from collections import Counter
from typing import Any

import pytest

from benchmarks._table import render

bench: Any = importlib.import_module("benchmarks.bench_attribution")


def test_the_items_are_the_same_every_run_and_mixed() -> None:
    """build_items is deterministic and holds every kind of item in its share."""
    first = bench.build_items(40)
    again = bench.build_items(40)
    kinds = Counter(
        "list" if options.get("authors") == "list" else type(item).__name__
        for item, options in first
    )

    assert first == again
    assert {"Article": 12, "list": 6, "MediaFile": 16, "Work": 6} == dict(kinds)
    assert {"en", "de", "fr", "es"} == {options["lang"] for _, options in first}


def test_the_synthetic_files_credit_authors_not_uploaders() -> None:
    """Parsed Commons metadata: the artist's name, never the uploader's."""
    from wikireuse.attribution import attribute

    files = [
        (item, options)
        for item, options in bench.build_items(200)
        if type(item).__name__ == "MediaFile"
    ]
    texts = [attribute(item, **options).to_text() for item, options in files]
    credits = [attribute(item, **options) for item, options in files]

    assert [] == [t for t in texts if "Uploader bot" in t]
    assert {"no-author", "unknown-license", "restrictions", "multiple-authors"} <= {
        w for c in credits for w in c.warnings
    }
    assert {"license", "waiver", "public-domain", "unknown"} == {
        c.license.kind for c in credits
    }


@pytest.mark.heavy
def test_tiny_run_gives_every_row_with_a_baseline() -> None:
    """A tiny run measures every subject and compares it with a named floor."""
    rows = bench.measure(bench.TINY)
    subjects = {(r.benchmark.split(" (")[0], r.subject, r.metric) for r in rows}
    render_bench = "attribution: render"
    expected_render = {
        bench.NAIVE,
        bench.ESCAPED,
        "wikireuse attribute() (build)",
        *(f"wikireuse render, {fmt}" for fmt in bench.FORMATS),
        "wikireuse render, all formats",
    }
    joined = bench.JOINED.format(n=bench.TINY.credits)
    expected_credits = {
        joined,
        "wikireuse Credits(items)",
        "wikireuse to_html()",
        "wikireuse to_markdown()",
        "wikireuse reuse_toml()",
    }
    names = {(r.subject, r.metric) for r in rows}
    table = render(rows)

    assert {(render_bench, s, "attributions/s") for s in expected_render} <= subjects
    assert {(s, m) for s in expected_credits for m in ("time ms", "peak MiB")} <= names
    assert [] == [r for r in rows if not r.value > 0]
    assert [] == [
        r
        for r in rows
        if r.baseline is not None and (r.baseline, r.metric) not in names
    ]
    assert len(rows) == table.count("\n") - 1
    assert table.count(f"than {bench.NAIVE}") >= 5
    assert table.count(f"than {joined}") == 8

"""Chunking benchmark: chunks per second on the recorded Parsoid pages.

:func:`wikireuse.chunk` (section-aware splitting at paragraphs, lines,
sentences and words; offsets, cited references, SHA-1, stable ids and the
revision's credit line on every chunk) over the three recorded Parsoid
pages, structured once beforehand (enwiki Squirrel from the Enterprise
record, enwiki Dog, arwiki رياضيات), against a naive fixed-window splitter
over the same articles' plain text (``text[i:i + max_chars]`` every
``max_chars - overlap`` characters, no metadata) — the floor any chunker
is compared with. Both use ``max_chars=1000, overlap=100``.

Timing as in :mod:`benchmarks.bench_structured`: one untimed pass, then
alternating passes in CPU time with the garbage collector off, best pass
counts; chunks/s is the chunks one pass makes over its best time.
"""

from __future__ import annotations

from collections.abc import Callable, Sized
from typing import Any

from benchmarks._table import Row
from benchmarks.bench_structured import ENTERPRISE, _pages_per_second, data_dir, pages

MAX_CHARS = 1000
OVERLAP = 100
NAIVE = "fixed-window splitter over the plain text"
OURS = "wikireuse chunk()"


def _naive(doc: Any) -> list[str]:
    text: str = doc.text
    step = MAX_CHARS - OVERLAP
    return [text[i : i + MAX_CHARS] for i in range(0, len(text), step)]


def _ours(doc: Any) -> tuple[Any, ...]:
    from wikireuse.chunks import chunk

    return chunk(doc, max_chars=MAX_CHARS, overlap=OVERLAP)


def run(quick: bool = False, *, repeats: int | None = None) -> list[Row]:
    """Measure chunk() and the naive splitter; ``repeats`` overrides the default."""
    from wikireuse.structured import structure

    times = repeats if repeats is not None else (5 if quick else 15)
    data = data_dir()
    if not (data / ENTERPRISE).is_file():
        note = f"skipped: recorded pages not found in {data}"
        return [Row("chunks", OURS, "chunks/s", 0.0, display=note)]
    _, html = pages(data)
    docs = [structure(body, body="html") for body in html]
    subjects: dict[str, Callable[[Any], Sized]] = {NAIVE: _naive, OURS: _ours}
    made = {
        name: sum(len(func(doc)) for doc in docs) for name, func in subjects.items()
    }
    rates = _pages_per_second(subjects, docs, times)
    bench = f"chunks: {len(docs)} recorded Parsoid pages, max_chars={MAX_CHARS}"
    per_page = {name: made[name] / len(docs) for name in subjects}
    return [
        Row(bench, NAIVE, "chunks/s", rates[NAIVE] * per_page[NAIVE]),
        Row(
            bench,
            OURS,
            "chunks/s",
            rates[OURS] * per_page[OURS],
            baseline=NAIVE,
            note=f"{made[OURS]} chunks with provenance vs {made[NAIVE]} bare windows",
        ),
    ]

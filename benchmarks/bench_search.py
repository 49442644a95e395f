"""Chunks in the store and search (#16): provenance, full text, vectors.

A store of 100 000 chunks (``--quick``: 10 000): copies of the sample
dump's pages (``examples/data``), each copy marked with its number, ingested
and chunked by ``Store.build_chunks(max_chars=200)``; vectors of
``HashingEmbedder(dimensions=256)`` (256 numbers, as model2vec's
potion-base models give) by ``Store.embed_chunks``.

Measured, each against a baseline timed in the same run on the same file:

* ``Store.provenance(id)`` for 1 000 random chunk ids (median and p95), against
  a plain primary-key ``SELECT`` of one chunk row;
* full-text search (``Searcher.search(word, method="fts")``, BM25, k=10) for
  200 words of the corpus, against a ``LIKE '%word%'`` scan of the chunk
  texts (no ranking);
* vector search (``method="vector"``: sqlite-vec's ``vec0`` index beside the
  store, k=10; its first search builds the index, timed apart) and hybrid
  search, against numpy brute-force cosine over the same vectors held in
  memory, and against ``vec_distance_cosine`` over the store's own rows (the
  design not chosen, and the fallback when the index cannot be written).
"""

from __future__ import annotations

import importlib
import math
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks._table import Row
from benchmarks._timing import no_gc
from tests.support.dumps import copies, write_dump

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "data" / "sample-wiki.xml.bz2"
MAX_CHARS = 200
DIMENSIONS = 256
K = 10

PK = "primary-key SELECT of one chunk row"
PROVENANCE = "Store.provenance(id)"
LIKE = "LIKE '%word%' scan (no ranking)"
FTS = "Searcher.search, fts (BM25)"
VECTOR = "Searcher.search, vector (sqlite-vec vec0 index)"
HYBRID = "Searcher.search, hybrid (RRF)"
NUMPY = "numpy brute-force cosine (in memory)"
SCAN = "vec_distance_cosine over the store's rows (not chosen)"


def _say(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def _timed(calls: Sequence[Callable[[], object]]) -> list[float]:
    """Seconds each call took, in order (after one untimed warm-up call)."""
    calls[0]()
    seconds = []
    with no_gc():
        for call in calls:
            started = time.perf_counter()
            call()
            seconds.append(time.perf_counter() - started)
    return seconds


def _rows(
    benchmark: str, subject: str, seconds: list[float], baseline: str | None
) -> list[Row]:
    p95 = sorted(seconds)[max(0, math.ceil(len(seconds) * 0.95) - 1)]
    return [
        Row(
            benchmark,
            subject,
            metric,
            value * 1000,
            unit="ms",
            baseline=baseline,
            higher_is_better=False,
            note=f"{len(seconds)} calls" if metric == "median" else "",
        )
        for metric, value in (("median", statistics.median(seconds)), ("p95", p95))
    ]


def build(workdir: Path, target: int) -> Path:
    """A store of at least *target* chunks, with vectors; its path."""
    from wikireuse.chunks import chunk
    from wikireuse.dumps import read_xml_dump
    from wikireuse.store import Store
    from wikireuse.structured import structure
    from wikireuse.testing import HashingEmbedder

    articles = list(read_xml_dump(SAMPLE))
    per_page = sum(len(chunk(structure(a), max_chars=MAX_CHARS)) for a in articles)
    pages = math.ceil(target / (per_page / len(articles)) * 1.02)
    dump = workdir / "corpus.xml"
    write_dump(
        dump,
        copies([a.wikitext for a in articles], pages, prefix="Copy", first_revid=10**6),
    )
    db = workdir / "corpus.db"
    with Store(db) as store:
        started = time.perf_counter()
        store.ingest(read_xml_dump(dump), source="bench")
        _say(f"search: ingested {pages} pages in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        report = store.build_chunks(max_chars=MAX_CHARS, batch_size=500)
        _say(
            f"search: {report.chunks} chunks built in "
            f"{time.perf_counter() - started:.0f} s"
        )
        started = time.perf_counter()
        store.embed_chunks(HashingEmbedder(DIMENSIONS), batch_size=2000)
        _say(f"search: embedded in {time.perf_counter() - started:.0f} s")
    return db


def provenance_rows(db: Path, name: str) -> list[Row]:
    from wikireuse.store import Store

    raw = sqlite3.connect(db)
    ids = [i for (i,) in raw.execute("SELECT id FROM chunks ORDER BY seq")]
    chosen = random.Random(16).sample(ids, min(1000, len(ids)))
    with Store(db) as store:
        found = _timed([lambda i=i: store.provenance(i) for i in chosen])
    base = _timed(
        [
            lambda i=i: raw.execute(
                "SELECT text, record FROM chunks WHERE id = ?", (i,)
            ).fetchone()
            for i in chosen
        ]
    )
    raw.close()
    return [*_rows(name, PK, base, None), *_rows(name, PROVENANCE, found, PK)]


def fts_rows(db: Path, name: str) -> list[Row]:
    from wikireuse.search import Searcher
    from wikireuse.store import Store

    raw = sqlite3.connect(db)
    texts = [t for (t,) in raw.execute("SELECT text FROM chunks LIMIT 2000")]
    vocabulary = sorted({w for t in texts for w in t.split() if w.isalpha()})
    words = random.Random(16).sample(vocabulary, min(200, len(vocabulary)))
    with Store(db) as store, Searcher(store) as searcher:
        ours = _timed(
            [lambda w=w: searcher.search(w, k=K, method="fts") for w in words]
        )
    like = _timed(
        [
            lambda w=w: raw.execute(
                "SELECT seq FROM chunks WHERE text LIKE ?", (f"%{w}%",)
            ).fetchall()
            for w in words[:20]
        ]
    )
    raw.close()
    return [*_rows(name, LIKE, like, None), *_rows(name, FTS, ours, LIKE)]


def vector_rows(db: Path, name: str) -> list[Row]:
    from wikireuse.search import Searcher
    from wikireuse.store import Store
    from wikireuse.testing import HashingEmbedder

    embedder = HashingEmbedder(DIMENSIONS)
    queries = [
        "weekly market charter",
        "river rising on the moss",
        "castle ruins above the valley",
        "census inhabitants",
        "railway station opened",
        "church tower bells",
        "mill on the beck",
        "historical society notes",
        "born in the town",
        "bridge over the river",
    ] * 3
    rows: list[Row] = []
    with Store(db) as store, Searcher(store, embedder=embedder) as searcher:
        started = time.perf_counter()
        searcher.search(queries[0], k=K, method="vector")
        _say(f"search: vec0 index built in {time.perf_counter() - started:.1f} s")
        ours = _timed(
            [lambda q=q: searcher.search(q, k=K, method="vector") for q in queries]
        )
        hybrid = _timed([lambda q=q: searcher.search(q, k=K) for q in queries])
    try:
        numpy: Any = importlib.import_module("numpy")
    except ImportError:
        numpy = None
    if numpy is not None:
        raw = sqlite3.connect(db)
        blobs = [b for (b,) in raw.execute("SELECT vector FROM chunk_vectors")]
        raw.close()
        matrix = numpy.frombuffer(b"".join(blobs), dtype=numpy.float32).reshape(
            len(blobs), DIMENSIONS
        )
        norms = numpy.linalg.norm(matrix, axis=1)
        norms[norms == 0] = 1.0

        def brute(query: str) -> object:
            q = numpy.asarray(embedder.embed([query])[0], dtype=numpy.float32)
            scores = matrix @ q / norms
            return numpy.argpartition(-scores, K)[:K]

        base = _timed([lambda q=q: brute(q) for q in queries])
        rows += _rows(name, NUMPY, base, None)
    rows += _rows(name, VECTOR, ours, NUMPY if numpy is not None else None)
    rows += _rows(name, HYBRID, hybrid, NUMPY if numpy is not None else None)
    rows += _scan_rows(db, name, embedder, queries, NUMPY if numpy else None)
    return rows


def _scan_rows(
    db: Path, name: str, embedder: Any, queries: list[str], baseline: str | None
) -> list[Row]:
    """The design not chosen (and the fallback): rank the store's rows directly."""
    try:
        dbapi: Any = importlib.import_module("pysqlite3.dbapi2")
        sqlite_vec: Any = importlib.import_module("sqlite_vec")
    except ImportError:
        return []
    from wikireuse.search._vectors import _SCAN
    from wikireuse.store._chunks import vector_blob

    conn = dbapi.connect(":memory:")
    conn.enable_load_extension(True)
    sqlite_vec.load(conn)
    conn.execute("ATTACH DATABASE ? AS store", (str(db),))

    def scan(query: str) -> object:
        blob = vector_blob(embedder.embed([query])[0], "bench", DIMENSIONS)
        return conn.execute(_SCAN, (blob, embedder.model_id, K)).fetchall()

    seconds = _timed([lambda q=q: scan(q) for q in queries])
    conn.close()
    return _rows(name, SCAN, seconds, baseline)


def run(quick: bool) -> list[Row]:
    target = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory(prefix="wikireuse-bench-search-") as folder:
        db = build(Path(folder), target)
        raw = sqlite3.connect(db)
        (count,) = raw.execute("SELECT count(*) FROM chunks").fetchone()
        raw.close()
        size = f"{count:,} chunks"
        rows = provenance_rows(db, f"provenance lookup, {size}")
        rows += fts_rows(db, f"full-text search k={K}, {size}")
        rows += vector_rows(db, f"vector search k={K}, {DIMENSIONS} dims, {size}")
    return rows

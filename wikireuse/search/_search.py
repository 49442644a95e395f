"""Searcher: BM25 full text, sqlite-vec vectors and their fusion over a store."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Final, Literal

import attrs

from wikireuse.chunks import Chunk
from wikireuse.core._closing import Closing
from wikireuse.exceptions import (
    ConfigurationError,
    RecordError,
    SearchError,
    StoreError,
)
from wikireuse.search._vectors import VectorIndex
from wikireuse.store import Store
from wikireuse.store._chunks import chunk_from_row, vector_blob
from wikireuse.typing import Embedder

__all__ = ["RRF_K", "Hit", "Method", "Searcher", "search"]

Method = Literal["auto", "fts", "vector", "hybrid"]

RRF_K: Final = 60
"""The constant of reciprocal rank fusion: a hit ranked *r* adds 1/(60 + r)."""

# Runs of letters and digits, as FTS5's unicode61 tokenizer cuts them: each
# is then quoted, so no character of the query is ever FTS5 syntax.
_WORD: Final = re.compile(r"\w+")

# The rankings read no other table: which hits are current is asked of the
# few rows ranked (a filter inside the ranking query costs a join per match).
_FTS: Final = (
    "SELECT rowid, rank FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?"
)
_CURRENT: Final = (
    "SELECT seq FROM current_chunks WHERE seq IN (SELECT value FROM json_each(?))"
)
_CHUNKS: Final = (
    "SELECT seq, text, record FROM chunks "
    "WHERE seq IN (SELECT value FROM json_each(?)) AND masked = 0"
)


@attrs.frozen(kw_only=True)
class Hit:
    """One search result: a stored chunk with its rank, score and credit.

    Attributes:
        rank: 1 for the best hit.
        score: Higher is better: ``-bm25`` for full text, the cosine
            similarity for vectors, the fused score for hybrid ranking.
        method: How it was found: ``"fts"``, ``"vector"`` or ``"hybrid"``.
        fts_rank: Its rank in the full-text results (``None``: not there).
        vector_rank: Its rank in the vector results (``None``: not there).
        current: Whether its revision is still its page's newest.
        chunk: The chunk, with its text, permalink, licence and credit line.

    .. versionadded:: 0.2.0
    """

    rank: int
    score: float
    method: Literal["fts", "vector", "hybrid"]
    fts_rank: int | None = None
    vector_rank: int | None = None
    current: bool = True
    chunk: Chunk

    @property
    def credit_line(self) -> str:
        """The chunk's credit line (who to credit, under which licence)."""
        return self.chunk.attribution

    @property
    def permalink(self) -> str:
        """The chunk's permalink: its revision, at its section."""
        return self.chunk.permalink

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values (the chunk as :meth:`~wikireuse.chunks.Chunk.to_dict`)."""
        return {
            "rank": self.rank,
            "score": self.score,
            "method": self.method,
            "fts_rank": self.fts_rank,
            "vector_rank": self.vector_rank,
            "current": self.current,
            "credit_line": self.credit_line,
            "permalink": self.permalink,
            "chunk": self.chunk.to_dict(),
        }


def fts_query(text: str) -> str:
    """*text* as an FTS5 query: each word quoted, any of them may match.

    >>> fts_query('river AND "old (town"*')
    '"river" OR "AND" OR "old" OR "town"'
    """
    return " OR ".join(f'"{word}"' for word in _WORD.findall(text))


class Searcher(Closing):
    """Searches the chunks of a :class:`~wikireuse.store.Store`.

    Full text is ranked by BM25 (SQLite FTS5, in the store file); with an
    *embedder*, vectors (stored by :meth:`Store.embed_chunks
    <wikireuse.store.Store.embed_chunks>`) are ranked by cosine distance
    with sqlite-vec, and both lists are fused by reciprocal rank. The
    searcher reads through connections of its own (read-only), so searches
    do not wait for the store's writers.

    Args:
        store: The store (open).
        embedder: Embeds the query for vector search; its ``model_id``
            must be one the store has vectors of.

    .. versionadded:: 0.2.0
    """

    def __init__(self, store: Store, *, embedder: Embedder | None = None) -> None:
        if not isinstance(store, Store):
            raise ConfigurationError(
                message=f"Searcher takes a Store, got {type(store).__name__}"
            )
        self._store = store
        self._embedder = embedder
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._vectors = VectorIndex(store.path)

    # -- connections --------------------------------------------------------

    def _uri(self) -> str:
        return self._store.path.absolute().as_uri() + "?mode=ro"

    def _error(self, what: str, exc: BaseException) -> StoreError:
        path = str(self._store.path)
        return StoreError(message=f"{path}: cannot search: {what}: {exc}", path=path)

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._conn is None:
                try:
                    self._conn = sqlite3.connect(
                        self._uri(), uri=True, timeout=30.0, check_same_thread=False
                    )
                except sqlite3.Error as exc:
                    raise self._error("cannot open", exc) from exc
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise self._error("read failed", exc) from exc

    # -- searching ----------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        k: int = 10,
        only_current: bool = True,
        method: Method = "auto",
    ) -> tuple[Hit, ...]:
        """The *k* best chunks for *query*.

        Args:
            query: Words to look for (any text: it is quoted, never read as
                FTS5 syntax).
            k: How many hits, at most (1 to 1000).
            only_current: Only chunks of each page's newest revision.
            method: ``"fts"`` (BM25), ``"vector"`` (the embedder's vectors),
                ``"hybrid"`` (both, fused by reciprocal rank) or ``"auto"``
                (hybrid with an embedder, else fts).

        Returns:
            The hits, best first; ``()`` when nothing matches or the store
            has no chunks.

        Raises:
            SearchError: A query without words, a vector method without an
                embedder, or an embedder whose vectors the store lacks.
            VectorSupportError: Vector search without the ``vectors`` extra.
            StoreError: When the store cannot be read (damaged, closed).
            ConfigurationError: A bad *k* or *method*.
        """
        if not isinstance(query, str):
            raise ConfigurationError(message=f"a query is text, got {query!r}")
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= 1000:
            raise ConfigurationError(message=f"k must be from 1 to 1000, got {k!r}")
        if method not in ("auto", "fts", "vector", "hybrid"):
            raise ConfigurationError(message=f"unknown search method {method!r}")
        if not query.strip():
            raise SearchError(message="the query is empty", query=query)
        if method == "auto":
            method = "hybrid" if self._embedder is not None else "fts"
        if method != "fts" and self._embedder is None:
            raise SearchError(
                message=f"{method} search needs an embedder (Searcher(embedder=...))",
                query=query,
            )
        if not self._has_chunks():
            return ()
        # Hybrid ranking fuses longer lists than it returns.
        depth = k if method != "hybrid" else max(k, 50)
        fts = (
            self._filtered(self._fts(query), depth, only_current)
            if method != "vector"
            else []
        )
        vec = (
            self._filtered(self._knn(self._embedder, query), depth, only_current)
            if self._embedder is not None and method != "fts"
            else []
        )
        if method == "fts":
            ranked = [(seq, -score) for seq, score in fts]
        elif method == "vector":
            ranked = [(seq, 1.0 - distance) for seq, distance in vec]
        else:
            ranked = _fuse([seq for seq, _ in fts], [seq for seq, _ in vec])
        ranked = ranked[:k]
        fts_ranks = {seq: n for n, (seq, _) in enumerate(fts, 1)}
        vec_ranks = {seq: n for n, (seq, _) in enumerate(vec, 1)}
        seqs = [seq for seq, _ in ranked]
        rows = self._rows(seqs)
        current = self._current(seqs)
        return tuple(
            Hit(
                rank=n,
                score=score,
                method=method,
                fts_rank=fts_ranks.get(seq),
                vector_rank=vec_ranks.get(seq),
                current=seq in current,
                chunk=rows[seq],
            )
            for n, (seq, score) in enumerate(ranked, 1)
            if seq in rows
        )

    def _has_chunks(self) -> bool:
        with self._reading() as conn:
            version: int = conn.execute("PRAGMA user_version").fetchone()[0]
        return version >= 3  # chunks came with schema version 3

    def _filtered(
        self, ranking: Callable[[int], list[tuple[int, float]]], k: int, current: bool
    ) -> list[tuple[int, float]]:
        """The *k* best of *ranking*, of current chunks only when *current*.

        Ranks deeper (4× each time) while the current ones are too few.
        """
        depth = k
        while True:
            rows = ranking(depth)
            if not current:
                return rows[:k]
            keep = self._current([seq for seq, _ in rows])
            kept = [row for row in rows if row[0] in keep]
            if len(kept) >= k or len(rows) < depth:
                return kept[:k]
            depth *= 4

    def _current(self, seqs: Sequence[int]) -> set[int]:
        with self._reading() as conn:
            return {s for (s,) in conn.execute(_CURRENT, (json.dumps(list(seqs)),))}

    def _fts(self, query: str) -> Callable[[int], list[tuple[int, float]]]:
        match = fts_query(query)
        if not match:
            raise SearchError(
                message=f"the query {query!r} has no words to search for", query=query
            )

        def ranking(depth: int) -> list[tuple[int, float]]:
            with self._reading() as conn:
                rows: list[tuple[int, float]] = conn.execute(
                    _FTS, (match, depth)
                ).fetchall()
            return rows

        return ranking

    def _knn(
        self, embedder: Embedder, query: str
    ) -> Callable[[int], list[tuple[int, float]]]:
        model_id = embedder.model_id
        with self._reading() as conn:
            found = conn.execute(
                "SELECT dimensions FROM embedders WHERE model_id = ?", (model_id,)
            ).fetchone()
        if found is None:
            raise SearchError(
                message=f"the store has no vectors of the embedder {model_id!r}: "
                "run store.embed_chunks(embedder) first",
                query=query,
            )
        try:
            (vector,) = embedder.embed([query])
            blob = vector_blob(vector, model_id, found[0])
        except (ConfigurationError, ValueError) as exc:
            raise SearchError(
                message=f"the embedder {model_id!r} cannot embed the query: {exc}",
                query=query,
            ) from exc

        def ranking(depth: int) -> list[tuple[int, float]]:
            with self._lock:
                return self._vectors.knn(model_id, found[0], blob, depth)

        return ranking

    def _rows(self, seqs: Sequence[int]) -> Mapping[int, Chunk]:
        with self._reading() as conn:
            rows = conn.execute(_CHUNKS, (json.dumps(list(seqs)),)).fetchall()
        try:
            return {seq: chunk_from_row(text, record) for seq, text, record in rows}
        except RecordError as exc:
            raise self._error("damaged chunk", exc) from exc

    def close(self) -> None:
        """Close the searcher's connections (the store stays open)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            self._vectors.close()


def _fuse(*lists: Sequence[int]) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of ranked lists: best first."""
    scores: dict[int, float] = {}
    for ranked in lists:
        for rank, seq in enumerate(ranked, 1):
            scores[seq] = scores.get(seq, 0.0) + 1.0 / (RRF_K + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def search(
    store: Store,
    query: str,
    *,
    k: int = 10,
    embedder: Embedder | None = None,
    only_current: bool = True,
    method: Method = "auto",
) -> tuple[Hit, ...]:
    """Search *store*'s chunks once (see :meth:`Searcher.search`).

    >>> import tempfile, pathlib
    >>> from wikireuse.dumps import read_xml_dump
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with Store(pathlib.Path(folder) / "s.db") as store:
    ...         _ = store.ingest(read_xml_dump(
    ...             "examples/data/sample-wiki.xml.bz2"), source="sample")
    ...         _ = store.build_chunks()
    ...         hits = search(store, "Thursday market", k=2)
    >>> hits[0].chunk.title, hits[0].permalink.endswith("#top")
    ('Ostrel Thursday Market', True)
    >>> hits[0].credit_line.startswith("“Ostrel Thursday Market” (https://")
    True
    """
    with Searcher(store, embedder=embedder) as searcher:
        return searcher.search(query, k=k, only_current=only_current, method=method)

"""Vector KNN with sqlite-vec: a vec0 index beside the store, kept in step.

The store keeps the vectors (``chunk_vectors``: float32 rows written in its
own transactions, so a redaction deletes them with the text). Ranking them
with ``vec_distance_cosine`` row by row took 1.2 s at 100 000 chunks of 256
numbers (``python -m benchmarks --only search``); sqlite-vec's ``vec0``
table ranks the same vectors about nine times faster.
A ``vec0`` table can only be written by a connection that has sqlite-vec
loaded, which the store's connection may not have (this Python's ``sqlite3``
cannot load extensions), so it lives in a file of its own beside the store,
``<store>.vec0``: a derived cache, built from the store's rows and brought
up to date before each search whenever the model's *generation* (bumped by
the store with every change to its vectors, redactions included) differs.
Deleting the file loses nothing. When it cannot be written (a read-only
folder), the search ranks the store's rows directly.
"""

from __future__ import annotations

import hashlib
import importlib
import pathlib
import sqlite3
from array import array
from typing import Any, Final

from wikireuse.exceptions import StoreError, VectorSupportError

__all__ = ["VectorIndex"]

# vec0 answers at most this many neighbours a query (sqlite-vec's limit)
_VEC0_MAX_K: Final = 4096

# A zero vector (a text with no word the model knows) has no cosine
# distance (NULL): it matches nothing.
_SCAN: Final = (
    "SELECT chunk, distance FROM (SELECT chunk, "
    "vec_distance_cosine(vector, ?) AS distance "
    "FROM store.chunk_vectors WHERE model_id = ?) "
    "WHERE distance IS NOT NULL ORDER BY distance LIMIT ?"
)


def _missing(package: str, exc: ImportError) -> VectorSupportError:
    return VectorSupportError(
        message=f"vector search needs {package}: pip install 'wikireuse[vectors]' "
        f"({exc})",
        extra="vectors",
    )


class VectorIndex:
    """KNN over a store's vectors of one or more models (not thread-safe)."""

    def __init__(self, store_path: pathlib.Path) -> None:
        self._store_path = store_path
        self._conn: Any = None
        self._api: Any = None
        self._cached = True  # False: no vec0 file, rank the rows directly
        self._fresh: dict[str, int] = {}  # model id -> generation in step

    def _error(self, what: str, exc: BaseException) -> StoreError:
        path = str(self._store_path)
        return StoreError(message=f"{path}: cannot search: {what}: {exc}", path=path)

    def _open(self) -> tuple[Any, Any]:
        if self._conn is not None:
            return self._conn, self._api
        api: Any = sqlite3
        if not hasattr(sqlite3.Connection, "enable_load_extension"):
            # This Python's sqlite3 cannot load extensions: the same SQLite
            # API from pysqlite3 (the vectors extra) can.
            try:
                api = importlib.import_module("pysqlite3.dbapi2")
            except ImportError as exc:
                raise _missing("pysqlite3-binary", exc) from exc
        try:
            sqlite_vec: Any = importlib.import_module("sqlite_vec")
        except ImportError as exc:
            raise _missing("sqlite-vec", exc) from exc
        store_uri = self._store_path.absolute().as_uri() + "?mode=ro"
        cache = self._store_path.with_name(self._store_path.name + ".vec0")
        options = {"uri": True, "timeout": 30.0, "check_same_thread": False}
        try:
            try:
                # transactions are explicit (isolation_level None)
                conn = api.connect(
                    cache.absolute().as_uri(), isolation_level=None, **options
                )
                conn.execute("PRAGMA journal_mode=WAL").fetchone()
            except api.OperationalError:
                # the folder is read-only: no cache, rank the rows directly
                conn = api.connect("file::memory:", isolation_level=None, **options)
                self._cached = False
            conn.enable_load_extension(True)
            sqlite_vec.load(conn)
            conn.enable_load_extension(False)
            conn.execute("ATTACH DATABASE ? AS store", (store_uri,))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS indexes (model_id TEXT PRIMARY KEY, "
                "generation INTEGER NOT NULL)"
            )
        except api.Error as exc:
            raise self._error("cannot open the vector index", exc) from exc
        self._conn, self._api = conn, api
        return conn, api

    def knn(
        self, model_id: str, dimensions: int, blob: bytes, k: int
    ) -> list[tuple[int, float]]:
        """``(chunk seq, cosine distance)`` of the *k* nearest, nearest first."""
        conn, api = self._open()
        try:
            if not self._cached or k > _VEC0_MAX_K:
                rows: list[tuple[int, float]] = conn.execute(
                    _SCAN, (blob, model_id, k)
                ).fetchall()
                return rows
            table = self._in_step(conn, model_id, dimensions)
            found = conn.execute(
                f"SELECT rowid, distance FROM {table} "  # noqa: S608 - a hex name
                "WHERE embedding MATCH ? AND k = ?",
                (blob, k),
            ).fetchall()
        except api.Error as exc:  # pysqlite3's errors are its own
            raise self._error("vector search failed", exc) from exc
        return [(seq, distance) for seq, distance in found if distance is not None]

    def _in_step(self, conn: Any, model_id: str, dimensions: int) -> str:
        """The model's vec0 table, brought up to date with the store's rows."""
        table = "m_" + hashlib.sha256(model_id.encode("utf-8")).hexdigest()[:24]
        (generation,) = conn.execute(
            "SELECT generation FROM store.embedders WHERE model_id = ?", (model_id,)
        ).fetchone()
        if self._fresh.get(model_id) == generation:
            return table
        conn.execute("BEGIN IMMEDIATE")
        try:
            # read again inside the transaction: one snapshot of the store
            (generation,) = conn.execute(
                "SELECT generation FROM store.embedders WHERE model_id = ?",
                (model_id,),
            ).fetchone()
            done = conn.execute(
                "SELECT generation FROM indexes WHERE model_id = ?", (model_id,)
            ).fetchone()
            if done is None or done[0] != generation:
                self._catch_up(conn, table, model_id, dimensions, generation)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self._fresh[model_id] = generation
        return table

    @staticmethod
    def _catch_up(
        conn: Any, table: str, model_id: str, dimensions: int, generation: int
    ) -> None:
        # table is "m_" and hex digits: safe to name in SQL
        conn.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING vec0("
            f"embedding float[{int(dimensions)}] distance_metric=cosine)"
        )
        # gone from the store (masked by a redaction): gone from the index
        conn.execute(
            f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} "  # noqa: S608
            "EXCEPT SELECT chunk FROM store.chunk_vectors WHERE model_id = ?)",
            (model_id,),
        )
        zero = array("f", [0.0] * dimensions).tobytes()
        conn.execute(
            f"INSERT INTO {table} (rowid, embedding) "  # noqa: S608
            "SELECT chunk, vector FROM store.chunk_vectors WHERE model_id = ? "
            f"AND chunk NOT IN (SELECT rowid FROM {table}) "
            "AND vec_distance_l2(vector, ?) > 0",
            (model_id, zero),
        )
        conn.execute(
            "INSERT INTO indexes (model_id, generation) VALUES (?, ?) "
            "ON CONFLICT (model_id) DO UPDATE SET generation = excluded.generation",
            (model_id, generation),
        )

    def close(self) -> None:
        """Close the connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = self._api = None
            self._fresh.clear()

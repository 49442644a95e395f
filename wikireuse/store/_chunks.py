"""Chunks in the store (schema version 3): tables, writes, reads, masking.

:class:`~wikireuse.store.Store` keeps the chunks of its revisions beside
them: :meth:`~wikireuse.store.Store.build_chunks` writes them, the search
package (:mod:`wikireuse.search`) reads them. These are the store's SQL and
records for that; the public methods live on ``Store``.

A chunk is *current* when its revision is its page's newest stored revision
and the page is present on the wiki. That is never a stored flag: it is a
join with ``pages.latest_revid`` (the view ``current_chunks``), so a put or a sync that
brings a newer revision makes the older chunks not current in the same
transaction, and no flag can go stale.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, Final

import attrs

from wikireuse.chunks import Chunk
from wikireuse.core import _json
from wikireuse.core._mapping import frozen_mapping
from wikireuse.exceptions import ConfigurationError, RecordError
from wikireuse.privacy import MinimisationPolicy
from wikireuse.privacy._steps import policy_identity
from wikireuse.records._codec import encode, record_from
from wikireuse.records.provenance import Provenance
from wikireuse.structured import Reference, StructuredArticle

__all__ = [
    "TABLES",
    "ChunkBuildReport",
    "ChunkProvenance",
    "EmbedReport",
]

TABLES: Final = (
    # One row per revision chunked with one set of settings: what makes a
    # build incremental (a revision with a row is done) and crash-safe (the
    # row and its chunks commit together).
    """
    CREATE TABLE chunk_sets (
        id INTEGER PRIMARY KEY,
        wiki TEXT NOT NULL,
        pageid INTEGER NOT NULL,
        revid INTEGER NOT NULL,
        settings TEXT NOT NULL,
        lang TEXT NOT NULL,
        chunks INTEGER NOT NULL,
        built_at TEXT NOT NULL,
        UNIQUE (wiki, revid, settings),
        FOREIGN KEY (wiki, revid) REFERENCES revisions (wiki, revid)
    )
    """,
    # seq is the rowid the full-text index points at; record is
    # Chunk.to_dict() without its text (kept once, in the text column).
    """
    CREATE TABLE chunks (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        set_id INTEGER NOT NULL REFERENCES chunk_sets (id),
        wiki TEXT NOT NULL,
        pageid INTEGER NOT NULL,
        revid INTEGER NOT NULL,
        text TEXT NOT NULL,
        record TEXT NOT NULL,
        masked INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX chunks_by_revision ON chunks (wiki, revid)",
    # Chunks are kept for reproducibility: only masking changes one.
    """
    CREATE TRIGGER chunks_no_delete BEFORE DELETE ON chunks
    BEGIN SELECT RAISE(ABORT, 'wikireuse store: chunks are kept'); END
    """,
    # What provenance() gives beside the chunk, written when its revision is
    # chunked so the lookup is a few indexed reads: the structured
    # attribution (per language) and the references the chunks cite.
    """
    CREATE TABLE chunk_attributions (
        wiki TEXT NOT NULL,
        revid INTEGER NOT NULL,
        lang TEXT NOT NULL,
        attribution TEXT NOT NULL,
        PRIMARY KEY (wiki, revid, lang)
    )
    """,
    """
    CREATE TABLE chunk_references (
        wiki TEXT NOT NULL,
        revid INTEGER NOT NULL,
        ref_id TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (wiki, revid, ref_id)
    )
    """,
    # Full text, BM25: an external-content FTS5 index over chunks.text, kept
    # in step by triggers, so it changes in the very transaction that
    # changes a chunk and can never disagree with the chunks table.
    """
    CREATE VIRTUAL TABLE chunks_fts USING fts5(
        text, content='chunks', content_rowid='seq',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks
    BEGIN INSERT INTO chunks_fts (rowid, text) VALUES (NEW.seq, NEW.text); END
    """,
    """
    CREATE TRIGGER chunks_fts_update AFTER UPDATE OF text ON chunks
    BEGIN
        INSERT INTO chunks_fts (chunks_fts, rowid, text)
        VALUES ('delete', OLD.seq, OLD.text);
        INSERT INTO chunks_fts (rowid, text) VALUES (NEW.seq, NEW.text);
    END
    """,
    # Current-ness is derived, never stored: a chunk is current while its
    # revision is its page's newest stored one (and the page is present).
    """
    CREATE VIEW current_chunks AS SELECT c.* FROM chunks c JOIN pages p
    ON p.wiki = c.wiki AND p.pageid = c.pageid AND p.latest_revid = c.revid
    AND p.status = 'present'
    """,
    # Vectors of any Embedder, as float32 BLOBs, written by the store's own
    # connection: a redaction deletes them in its transaction. Every change
    # to a model's vectors bumps its generation, which tells the search's
    # vector index (a derived cache, wikireuse.search) to catch up.
    """
    CREATE TABLE embedders (
        model_id TEXT PRIMARY KEY,
        dimensions INTEGER NOT NULL CHECK (dimensions > 0),
        added_at TEXT NOT NULL,
        generation INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE chunk_vectors (
        model_id TEXT NOT NULL REFERENCES embedders (model_id),
        chunk INTEGER NOT NULL REFERENCES chunks (seq),
        vector BLOB NOT NULL,
        PRIMARY KEY (model_id, chunk)
    ) WITHOUT ROWID
    """,
)

_UNEMBEDDED: Final = (
    "SELECT c.seq, c.text FROM chunks c WHERE c.seq > ? AND c.masked = 0 "
    "AND (? = 0 OR c.seq IN (SELECT seq FROM current_chunks)) AND NOT EXISTS "
    "(SELECT 1 FROM chunk_vectors v WHERE v.model_id = ? AND v.chunk = c.seq) "
    "ORDER BY c.seq LIMIT ?"
)
_ROWS: Final = (
    "SELECT c.text, c.record FROM chunks c WHERE c.masked = 0 "
    "AND (? = 0 OR c.seq IN (SELECT seq FROM current_chunks)) ORDER BY c.seq"
)

_EMPTY_SHA1: Final = hashlib.sha1(b"", usedforsecurity=False).hexdigest()


@attrs.frozen(kw_only=True)
class ChunkBuildReport:
    """What :meth:`Store.build_chunks <wikireuse.store.Store.build_chunks>` did.

    Attributes:
        settings: The chunking settings (``max_chars``, ``overlap``,
            ``lang``, ``include_infobox``; ``classify`` and ``policy``, the
            minimisation policy's name and digest, when on).
        revisions: Revisions chunked by this run.
        chunks: Chunks written by this run (a chunk that another build
            already holds, the same to the last byte, is not written again).
        today: The day persons were classified against, when they were.
        person_status: Revisions chunked by this run, by the
            :class:`~wikireuse.privacy.PersonStatus` value of their page
            (empty when not classified).
        minimised: Revisions of this run whose chunks carry a
            minimisation record (:attr:`~wikireuse.Chunk.minimisation`):
            the policy dropped or coarsened something of them.
        already_built: Newest revisions that had chunks of these settings
            before the run (left as they are).
        failed: ``(wiki, revid, reason)`` of revisions that could not be
            structured or chunked (nothing written for them; a later run
            tries again).
        batches: Transactions committed.

    >>> ChunkBuildReport(settings={}, already_built=3).nothing_new
    True

    .. versionadded:: 0.2.0
    """

    settings: Mapping[str, Any] = attrs.field(converter=frozen_mapping)
    revisions: int = 0
    chunks: int = 0
    already_built: int = 0
    failed: tuple[tuple[str, int, str], ...] = ()
    batches: int = 0
    today: date | None = None
    person_status: Mapping[str, int] = attrs.field(
        factory=dict, converter=frozen_mapping
    )
    minimised: int = 0

    @property
    def nothing_new(self) -> bool:
        """True when the run wrote no chunk set."""
        return self.revisions == 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "settings": dict(self.settings),
            "revisions": self.revisions,
            "chunks": self.chunks,
            "already_built": self.already_built,
            "failed": [list(f) for f in self.failed],
            "batches": self.batches,
            "today": None if self.today is None else self.today.isoformat(),
            "person_status": dict(self.person_status),
            "minimised": self.minimised,
        }


@attrs.frozen(kw_only=True)
class EmbedReport:
    """What :meth:`Store.embed_chunks <wikireuse.store.Store.embed_chunks>` did.

    Attributes:
        model_id: The embedder's model id.
        dimensions: Its vectors' length.
        added: Vectors computed and stored by this run.
        batches: Transactions committed.

    .. versionadded:: 0.2.0
    """

    model_id: str
    dimensions: int
    added: int = 0
    batches: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class ChunkProvenance:
    """Where one stored chunk came from: revision, credit, cited references.

    Attributes:
        chunk_id: The chunk's id.
        wiki: The wiki's Action API URL.
        pageid: Page id.
        revid: The revision the chunk was cut from.
        title: The page title.
        permalink: The chunk's permalink (the revision's URL with the
            section anchor).
        current: Whether the revision is still its page's newest stored one
            (and the page is present).
        masked: Whether the chunk's text was masked by a redaction.
        provenance: The stored revision's provenance (how it was fetched or
            read, its content hash; ``served_from="store"``).
        credit_line: The chunk's credit line.
        attribution: The structured attribution of the page (the JSON of
            :meth:`wikireuse.Attribution.to_dict`, schema
            ``wikireuse.attribution/1``), in the chunk's language.
        references: The references the chunk cites, in the order it cites
            them (none once masked).

    .. versionadded:: 0.2.0
    """

    chunk_id: str
    wiki: str
    pageid: int
    revid: int
    title: str
    permalink: str
    current: bool
    masked: bool = False
    provenance: Provenance
    credit_line: str
    attribution: Mapping[str, Any] = attrs.field(converter=frozen_mapping)
    references: tuple[Reference, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "chunk_id": self.chunk_id,
            "wiki": self.wiki,
            "pageid": self.pageid,
            "revid": self.revid,
            "title": self.title,
            "permalink": self.permalink,
            "current": self.current,
            "masked": self.masked,
            "provenance": self.provenance.to_dict(),
            "credit_line": self.credit_line,
            "attribution": json.loads(json.dumps(dict(self.attribution))),
            "references": [encode(r) for r in self.references],
        }


# -- writing ------------------------------------------------------------------


def settings_of(
    *,
    max_chars: int,
    overlap: int,
    lang: str,
    include_infobox: bool,
    classify: bool,
    policy: MinimisationPolicy | None,
) -> dict[str, Any]:
    """The settings a chunk set is stored under (its key, as canonical JSON).

    The privacy step is named only when it is on, so sets built before it
    existed keep their key and count as built with it off.
    """
    settings: dict[str, Any] = {
        "max_chars": max_chars,
        "overlap": overlap,
        "lang": lang,
        "include_infobox": include_infobox,
    }
    if classify:
        settings["classify"] = True
    if policy is not None:
        settings["policy"] = policy_identity(policy)
    return settings


def todo(conn: sqlite3.Connection, key: str) -> tuple[list[tuple[str, int]], int]:
    """The newest revisions of present pages without chunks of *key*; and the rest."""
    rows = conn.execute(
        "SELECT p.wiki, p.latest_revid, EXISTS (SELECT 1 FROM chunk_sets s "
        "WHERE s.wiki = p.wiki AND s.revid = p.latest_revid AND s.settings = ?) "
        "FROM pages p WHERE p.status = 'present' ORDER BY p.wiki, p.latest_revid",
        (key,),
    ).fetchall()
    return [(w, r) for w, r, done in rows if not done], sum(d for *_, d in rows)


def write_set(
    conn: sqlite3.Connection,
    *,
    key: str,
    lang: str,
    expected_hash: str,
    doc: StructuredArticle,
    pieces: Sequence[Chunk],
    attribution: Mapping[str, Any],
    now: str,
) -> int | None:
    """Write one revision's chunk set in the caller's transaction.

    Returns how many chunk rows were added: a chunk identical to one a set
    of other settings holds (same id: same revision, place, text and
    privacy record, as a page a policy leaves alone has under two
    policies) is kept once. ``None`` (nothing written) when the revision was
    masked since it was read, or another process chunked it meanwhile.
    """
    wiki, revid = doc.wiki, doc.revid
    row = conn.execute(
        "SELECT content_hash, pageid, EXISTS (SELECT 1 FROM chunk_sets s "
        "WHERE s.wiki = r.wiki AND s.revid = r.revid AND s.settings = ?) "
        "FROM revisions r WHERE r.wiki = ? AND r.revid = ?",
        (key, wiki, revid),
    ).fetchone()
    if row is None or row[0] != expected_hash or row[2]:
        return None
    pageid = row[1]
    set_id = conn.execute(
        "INSERT INTO chunk_sets (wiki, pageid, revid, settings, lang, chunks, "
        "built_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (wiki, pageid, revid, key, lang, len(pieces), now),
    ).lastrowid
    added = conn.executemany(
        "INSERT OR IGNORE INTO chunks (id, set_id, wiki, pageid, revid, text, "
        "record) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (piece.id, set_id, wiki, pageid, revid, piece.text, _record(piece))
            for piece in pieces
        ],
    ).rowcount
    conn.execute(
        "INSERT OR IGNORE INTO chunk_attributions (wiki, revid, lang, attribution) "
        "VALUES (?, ?, ?, ?)",
        (wiki, revid, lang, _json.canonical(attribution)),
    )
    cited = dict.fromkeys(ref for piece in pieces for ref in piece.cites)
    conn.executemany(
        "INSERT OR IGNORE INTO chunk_references (wiki, revid, ref_id, record) "
        "VALUES (?, ?, ?, ?)",
        [
            (wiki, revid, ref.id, _json.compact(encode(ref)))
            for ref in doc.references
            if ref.id in cited
        ],
    )
    return added


def _record(piece: Chunk) -> str:
    data = piece.to_dict()
    del data["text"]  # kept once, in the text column the index reads
    return _json.compact(data)


def mask(conn: sqlite3.Connection, wiki: str, revid: int) -> int:
    """Mask the chunks of a redacted revision (in the redaction's transaction).

    The text is emptied (the trigger takes it out of the full-text index),
    the content SHA-1 becomes that of the empty text, and the chunks'
    vectors and cited references are deleted. Returns how many chunks were
    masked now.
    """
    masked = conn.execute(
        "UPDATE chunks SET text = '', masked = 1, "
        "record = json_set(record, '$.content_sha1', ?) "
        "WHERE wiki = ? AND revid = ? AND masked = 0",
        (_EMPTY_SHA1, wiki, revid),
    ).rowcount
    conn.execute(
        "UPDATE embedders SET generation = generation + 1 WHERE model_id IN "
        "(SELECT DISTINCT model_id FROM chunk_vectors WHERE chunk IN "
        "(SELECT seq FROM chunks WHERE wiki = ? AND revid = ?))",
        (wiki, revid),
    )
    conn.execute(
        "DELETE FROM chunk_vectors WHERE chunk IN "
        "(SELECT seq FROM chunks WHERE wiki = ? AND revid = ?)",
        (wiki, revid),
    )
    conn.execute(
        "DELETE FROM chunk_references WHERE wiki = ? AND revid = ?", (wiki, revid)
    )
    return masked


def check_batch_size(batch_size: object) -> None:
    """Refuse a batch size that is not a whole number of 1 or more."""
    if (
        isinstance(batch_size, bool)
        or not isinstance(batch_size, int)
        or batch_size < 1
    ):
        raise ConfigurationError(message=f"bad batch_size {batch_size!r}")


def check_embedder(embedder: object) -> tuple[str, int]:
    """The model id and dimensions of an :class:`~wikireuse.typing.Embedder`."""
    model_id = getattr(embedder, "model_id", None)
    dimensions = getattr(embedder, "dimensions", None)
    if not callable(getattr(embedder, "embed", None)):
        raise ConfigurationError(
            message=f"an embedder needs model_id, dimensions and embed(texts); "
            f"got {type(embedder).__name__}"
        )
    if not isinstance(model_id, str) or not model_id:
        raise ConfigurationError(message=f"bad embedder model_id {model_id!r}")
    if (
        not isinstance(dimensions, int)
        or isinstance(dimensions, bool)
        or dimensions < 1
    ):
        raise ConfigurationError(
            message=f"embedder {model_id!r}: bad dimensions {dimensions!r}"
        )
    return model_id, dimensions


def vector_blob(values: Iterable[float], model_id: str, dimensions: int) -> bytes:
    """*values* as the float32 BLOB the store keeps (checked: length, finite)."""
    try:
        floats = array("f", values)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ConfigurationError(
            message=f"embedder {model_id!r} gave a vector that is not numbers: {exc}"
        ) from exc
    if len(floats) != dimensions:
        raise ConfigurationError(
            message=f"embedder {model_id!r} gave a vector of {len(floats)} numbers, "
            f"not its {dimensions} dimensions"
        )
    if not all(math.isfinite(x) for x in floats):
        raise ConfigurationError(
            message=f"embedder {model_id!r} gave a vector with NaN or infinity"
        )
    return floats.tobytes()


def register_embedder(
    conn: sqlite3.Connection, model_id: str, dimensions: int, now: str
) -> None:
    """Remember the embedder's dimensions; refuse a model id with others."""
    row = conn.execute(
        "SELECT dimensions FROM embedders WHERE model_id = ?", (model_id,)
    ).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO embedders (model_id, dimensions, added_at) VALUES (?, ?, ?)",
            (model_id, dimensions, now),
        )
    elif row[0] != dimensions:
        raise ConfigurationError(
            message=f"the store keeps vectors of {model_id!r} with {row[0]} "
            f"dimensions; this embedder gives {dimensions}: give it another "
            "model_id"
        )


def unembedded(
    conn: sqlite3.Connection,
    model_id: str,
    *,
    only_current: bool,
    after: int,
    limit: int,
) -> list[tuple[int, str]]:
    """``(seq, text)`` of unmasked chunks after *after* without a *model_id* vector."""
    rows: list[tuple[int, str]] = conn.execute(
        _UNEMBEDDED, (after, only_current, model_id, limit)
    ).fetchall()
    return rows


def write_vectors(
    conn: sqlite3.Connection, model_id: str, rows: Sequence[tuple[int, bytes]]
) -> int:
    """Keep the vectors of chunks that are still unmasked (in one transaction)."""
    added = 0
    for seq, blob in rows:
        # A redaction between the read and this write masked the chunk:
        # its vector (made from the hidden text) is not kept.
        added += conn.execute(
            "INSERT OR IGNORE INTO chunk_vectors (model_id, chunk, vector) "
            "SELECT ?, seq, ? FROM chunks WHERE seq = ? AND masked = 0",
            (model_id, blob, seq),
        ).rowcount
    if added:
        conn.execute(
            "UPDATE embedders SET generation = generation + 1 WHERE model_id = ?",
            (model_id,),
        )
    return added


# -- reading ------------------------------------------------------------------


def chunk_from_row(text: str, record: str) -> Chunk:
    """The :class:`~wikireuse.chunks.Chunk` of a ``chunks`` row.

    Raises:
        RecordError: When the row is damaged.
    """
    try:
        data = json.loads(record)
    except ValueError as exc:
        raise RecordError(message=f"damaged chunk record: {exc}") from exc
    if not isinstance(data, dict):
        raise RecordError(message="damaged chunk record: not an object")
    data["text"] = text
    return Chunk.from_dict(data)


def iter_rows(conn: sqlite3.Connection, *, only_current: bool) -> Iterator[Chunk]:
    """The unmasked chunks, in the order they were stored."""
    for text, record in conn.execute(_ROWS, (only_current,)):
        yield chunk_from_row(text, record)


_PROVENANCE: Final = (
    "SELECT c.text, c.record, c.masked, c.pageid, r.provenance, a.attribution, "
    "p.latest_revid IS c.revid AND p.status = 'present' "
    "FROM chunks c JOIN chunk_sets s ON s.id = c.set_id "
    "JOIN revisions r ON r.wiki = c.wiki AND r.revid = c.revid "
    "LEFT JOIN chunk_attributions a ON a.wiki = c.wiki AND a.revid = c.revid "
    "AND a.lang = s.lang "
    "LEFT JOIN pages p ON p.wiki = c.wiki AND p.pageid = c.pageid "
    "WHERE c.id = ?"
)


def provenance(conn: sqlite3.Connection, chunk_id: str) -> ChunkProvenance | None:
    """The provenance record of a stored chunk, or ``None`` when there is none.

    Raises:
        RecordError: When a row it reads is damaged.
    """
    row = conn.execute(_PROVENANCE, (chunk_id,)).fetchone()
    if row is None:
        return None
    text, record, masked, pageid, prov, attribution, current = row
    piece = chunk_from_row(text, record)
    found: dict[str, Reference] = {}
    if piece.cites:
        for ref_id, ref in conn.execute(
            "SELECT ref_id, record FROM chunk_references WHERE wiki = ? "
            "AND revid = ? AND ref_id IN (SELECT value FROM json_each(?))",
            (piece.wiki, piece.revid, json.dumps(piece.cites)),
        ):
            found[ref_id] = record_from(Reference, json.loads(ref))
    revision = Provenance.from_dict(json.loads(prov))
    return ChunkProvenance(
        chunk_id=piece.id,
        wiki=piece.wiki,
        pageid=pageid,
        revid=piece.revid,
        title=piece.title,
        permalink=piece.permalink,
        current=bool(current),
        masked=bool(masked),
        provenance=attrs.evolve(revision, served_from="store"),
        credit_line=piece.attribution,
        attribution=json.loads(attribution) if attribution else {},
        references=tuple(found[c] for c in piece.cites if c in found),
    )

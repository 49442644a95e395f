"""A snapshot store: every fetched revision kept, immutably, with its record.

:class:`Store` is an embedded SQLite database (the standard library's
:mod:`sqlite3`, in WAL mode, safe to share between threads). It keeps

* every revision put into it, once and for ever: the wikitext and the whole
  :class:`~wikireuse.articles.Article` record with its
  :class:`~wikireuse.provenance.Provenance`. A revision is never rewritten;
  the database itself refuses ``UPDATE`` and ``DELETE`` on revisions;
* the pages those revisions belong to: current title, newest stored revision,
  whether the page was deleted on the wiki, and the moves seen;
* every title that led to a page (as asked, normalised, via redirects), so a
  later read by any of them finds the page;
* an audit log of every fetch, sync, export, deletion and move;
* the chunks of its revisions (:meth:`Store.build_chunks`), kept when a
  newer revision arrives but no longer *current*, with a full-text index and
  the vectors of any embedder, for :mod:`wikireuse.search`.

A :class:`~wikireuse.Client` given ``store=`` puts every article it
fetches into the store and, when the wiki cannot be reached, answers from it
(the article's ``from_store`` is then true). ``client.sync(store, titles)``
brings a store up to date cheaply (see :class:`SyncReport`), and
:meth:`Store.manifest` exports a reproducible snapshot: JSON Lines, one
revision a line, identified by the SHA-256 of its bytes.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as folder:
...     with Store(pathlib.Path(folder) / "snapshots.db") as store:
...         empty = store.manifest()
>>> empty.count, empty.snapshot_id[:14]
(0, 'sha256:e3b0c44')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from datetime import date, datetime
from types import MappingProxyType
from typing import IO, Any, Final, Literal

import attrs

from wikireuse.attribution import attribute
from wikireuse.chunks import Chunk, ExportManifest, chunk, write_jsonl, write_parquet
from wikireuse.core import _json
from wikireuse.core._closing import Closing
from wikireuse.core._mapping import frozen_mapping
from wikireuse.core._time import (
    format_optional,
    format_timestamp,
    from_epoch,
    parse_optional,
    parse_timestamp,
)
from wikireuse.dumps._source import PageChange
from wikireuse.exceptions import (
    ChunkNotFoundError,
    ConfigurationError,
    RecordError,
    StoreAccessError,
    StoreError,
    StoreLockedError,
    WikiReuseError,
)
from wikireuse.privacy import DEFAULT_POLICY, MinimisationPolicy
from wikireuse.privacy._steps import check_options, prepared
from wikireuse.records.articles import Article
from wikireuse.records.provenance import MANIFEST_SCHEMA, content_hash
from wikireuse.store import _chunks, _ingest
from wikireuse.store._chunks import ChunkBuildReport, ChunkProvenance, EmbedReport
from wikireuse.structured import structure
from wikireuse.typing import Embedder, WallClock

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "MANIFEST_SCHEMA",
    "SCHEMA_VERSION",
    "AuditEntry",
    "ChunkBuildReport",
    "ChunkProvenance",
    "EmbedReport",
    "IngestReport",
    "Manifest",
    "Store",
    "StoredPage",
    "SyncReport",
]

SCHEMA_VERSION: Final = 3
"""The database layout this wikireuse writes (``PRAGMA user_version``)."""

# "wire" in ASCII: marks the SQLite file as a wikireuse store
# (``PRAGMA application_id``), so another program's database is never taken
# for one and changed.
_APPLICATION_ID: Final = 0x77697265

DEFAULT_LOCK_TIMEOUT: Final = 30.0
"""Seconds a :class:`Store` waits for another connection's lock."""

# A new store's WAL switch is retried after each writer that blocked it; more
# writers than this in a row, each waited for, is contention, not a race.
_WAL_ATTEMPTS: Final = 1000

# Bytes the WAL may hold during an ingest before a checkpoint (a file, not
# memory).
_INGEST_CHECKPOINT: Final = 64 * 2**20
# Bytes of SQLite page cache during an ingest (SQLite's default is 2 MiB).
_INGEST_CACHE: Final = 16 * 2**20
# Bytes per database page of a new store.
_PAGE_SIZE: Final = 16384

_BUSY_CODES: Final = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def _is_busy(exc: sqlite3.Error) -> bool:
    """Whether *exc* is SQLite's "database is locked" (another holds it)."""
    code = getattr(exc, "sqlite_errorcode", None)
    # sqlite_errorcode is the extended code (SQLITE_BUSY_RECOVERY, ...).
    return code is not None and code & 0xFF in _BUSY_CODES


AuditAction = Literal[
    "fetch", "sync", "export", "delete", "move", "ingest", "redact", "chunk", "embed"
]
PageStatus = Literal["present", "deleted"]

# The audit log is append-only: the database refuses to change or remove a line.
_AUDIT_APPEND_ONLY: Final = (
    """
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'wikireuse store: the audit log is append-only'); END
    """,
    """
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'wikireuse store: the audit log is append-only'); END
    """,
)

_SCHEMA_V1: Final = (
    """
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        wiki TEXT NOT NULL,
        pageid INTEGER NOT NULL,
        revid INTEGER NOT NULL,
        title TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        sha1 TEXT,
        content_hash TEXT NOT NULL,
        license_spdx TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        provenance TEXT NOT NULL,
        record TEXT NOT NULL,
        UNIQUE (wiki, revid)
    )
    """,
    "CREATE INDEX revisions_by_page ON revisions (wiki, pageid, revid)",
    # Revisions are facts about the past: the database, not only this
    # module, refuses to change or remove one.
    """
    CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
    BEGIN SELECT RAISE(ABORT, 'wikireuse store: revisions are immutable'); END
    """,
    """
    CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
    BEGIN SELECT RAISE(ABORT, 'wikireuse store: revisions are immutable'); END
    """,
    """
    CREATE TABLE pages (
        wiki TEXT NOT NULL,
        pageid INTEGER NOT NULL,
        namespace INTEGER NOT NULL,
        title TEXT NOT NULL,
        latest_revid INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('present', 'deleted')),
        first_stored_at TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        deleted_at TEXT,
        PRIMARY KEY (wiki, pageid)
    )
    """,
    """
    CREATE TABLE page_events (
        id INTEGER PRIMARY KEY,
        wiki TEXT NOT NULL,
        pageid INTEGER NOT NULL,
        at TEXT NOT NULL,
        event TEXT NOT NULL CHECK (event IN ('deleted', 'restored', 'moved')),
        old_title TEXT,
        new_title TEXT,
        FOREIGN KEY (wiki, pageid) REFERENCES pages (wiki, pageid)
    )
    """,
    "CREATE INDEX page_events_by_page ON page_events (wiki, pageid, id)",
    """
    CREATE TABLE titles (
        wiki TEXT NOT NULL,
        title TEXT NOT NULL,
        pageid INTEGER NOT NULL,
        PRIMARY KEY (wiki, title),
        FOREIGN KEY (wiki, pageid) REFERENCES pages (wiki, pageid)
    )
    """,
    """
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        action TEXT NOT NULL
            CHECK (action IN ('fetch', 'sync', 'export', 'delete', 'move')),
        wiki TEXT,
        detail TEXT NOT NULL
    )
    """,
    *_AUDIT_APPEND_ONLY,
)


# Version 2 (bulk ingest and change-driven sync). Applied after version 1 to a
# new store, and to a version-1 store by the first write that needs it
# (Store._upgrade): nothing else changes, so version 1 stores stay readable.
_UPGRADE_TO_V2: Final = (
    # The audit log learns two actions. SQLite cannot change a CHECK
    # constraint, so the table is copied (ids kept); DROP TABLE fires no
    # DELETE trigger, and the append-only triggers are made again.
    "DROP TRIGGER audit_no_update",
    "DROP TRIGGER audit_no_delete",
    """
    CREATE TABLE audit_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('fetch', 'sync', 'export',
            'delete', 'move', 'ingest', 'redact')),
        wiki TEXT,
        detail TEXT NOT NULL
    )
    """,
    "INSERT INTO audit_v2 (id, at, action, wiki, detail) "
    "SELECT id, at, action, wiki, detail FROM audit ORDER BY id",
    "DROP TABLE audit",
    "ALTER TABLE audit_v2 RENAME TO audit",
    *_AUDIT_APPEND_ONLY,
    # Where the change-driven sync of each wiki resumes: the recentchanges
    # position (timestamp and rcid) and the EventStreams Last-Event-ID.
    """
    CREATE TABLE cursors (
        wiki TEXT PRIMARY KEY,
        rc_timestamp TEXT,
        rc_id INTEGER,
        event_id TEXT,
        updated_at TEXT NOT NULL
    )
    """,
    # The one way a stored revision may change: masking content the wiki has
    # hidden (revision deletion, suppression). A redaction row is written
    # first, pending; the trigger lets exactly that revision's content
    # columns change while it is pending; then it is marked applied.
    """
    CREATE TABLE redactions (
        id INTEGER PRIMARY KEY,
        wiki TEXT NOT NULL,
        revid INTEGER NOT NULL,
        fields TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        applied INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX redactions_by_revision ON redactions (wiki, revid)",
    "DROP TRIGGER revisions_no_update",
    """
    CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
    WHEN NOT EXISTS (
            SELECT 1 FROM redactions
            WHERE wiki = OLD.wiki AND revid = OLD.revid AND applied = 0
        )
        OR NEW.wiki IS NOT OLD.wiki OR NEW.revid IS NOT OLD.revid
        OR NEW.pageid IS NOT OLD.pageid OR NEW.timestamp IS NOT OLD.timestamp
    BEGIN SELECT RAISE(ABORT, 'wikireuse store: revisions are immutable'); END
    """,
)

# Version 3 (chunks, full-text index, vectors; wikireuse.store._chunks). The
# audit log learns "chunk" and "embed", copied as in version 2.
_UPGRADE_TO_V3: Final = (
    "DROP TRIGGER audit_no_update",
    "DROP TRIGGER audit_no_delete",
    """
    CREATE TABLE audit_v3 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('fetch', 'sync', 'export',
            'delete', 'move', 'ingest', 'redact', 'chunk', 'embed')),
        wiki TEXT,
        detail TEXT NOT NULL
    )
    """,
    "INSERT INTO audit_v3 (id, at, action, wiki, detail) "
    "SELECT id, at, action, wiki, detail FROM audit ORDER BY id",
    "DROP TABLE audit",
    "ALTER TABLE audit_v3 RENAME TO audit",
    *_AUDIT_APPEND_ONLY,
    *_chunks.TABLES,
)

_UPGRADES: Final = {2: _UPGRADE_TO_V2, 3: _UPGRADE_TO_V3}

_SCHEMA: Final = _SCHEMA_V1 + _UPGRADE_TO_V2 + _UPGRADE_TO_V3

# Stored records with the status of their page (whether it has since been
# deleted on the wiki), which the article served from the store mentions.
_RECORDS_OF_PAGES: Final = (
    "SELECT r.record, p.status FROM revisions r LEFT JOIN pages p "
    "ON p.wiki = r.wiki AND p.pageid = r.pageid "
)


# -- result types -------------------------------------------------------------


@attrs.frozen(kw_only=True)
class StoredPage:
    """What a store knows about one page.

    Attributes:
        wiki: The wiki's Action API URL.
        pageid: Page id.
        namespace: Namespace number.
        title: The page's title as last seen.
        latest_revid: The newest revision stored.
        revisions: How many of its revisions are stored.
        status: ``"present"``, or ``"deleted"`` once a sync found the page
            gone from the wiki (its revisions stay in the store).
        moves: ``(old, new)`` titles of every move seen, oldest first.
        first_stored_at: When its first revision was stored.
        changed_at: When the store's record of the page last changed.
        deleted_at: When the deletion was recorded, if it was.

    .. versionadded:: 0.1.0
    """

    wiki: str
    pageid: int
    namespace: int
    title: str
    latest_revid: int
    revisions: int
    status: PageStatus
    moves: tuple[tuple[str, str], ...] = ()
    first_stored_at: datetime
    changed_at: datetime
    deleted_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "wiki": self.wiki,
            "pageid": self.pageid,
            "namespace": self.namespace,
            "title": self.title,
            "latest_revid": self.latest_revid,
            "revisions": self.revisions,
            "status": self.status,
            "moves": [list(pair) for pair in self.moves],
            "first_stored_at": format_timestamp(self.first_stored_at),
            "changed_at": format_timestamp(self.changed_at),
            "deleted_at": format_optional(self.deleted_at),
        }


@attrs.frozen(kw_only=True)
class AuditEntry:
    """One line of a store's audit log.

    Attributes:
        id: Position in the log (increasing).
        at: When (the store's wall clock).
        action: ``fetch`` (a revision was put), ``sync``, ``export`` (a
            manifest), ``delete`` or ``move`` (recorded for a page),
            ``ingest`` (:meth:`Store.ingest`, with counts) or ``redact`` (a
            revision masked, with what and why).
        wiki: The wiki concerned; ``None`` for an export of the whole store.
        detail: What exactly: revision ids, counts, the snapshot id, ...

    .. versionadded:: 0.1.0
    """

    id: int
    at: datetime
    action: AuditAction
    wiki: str | None
    detail: Mapping[str, Any] = attrs.field(converter=frozen_mapping)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "id": self.id,
            "at": format_timestamp(self.at),
            "action": self.action,
            "wiki": self.wiki,
            "detail": dict(self.detail),
        }


@attrs.frozen(kw_only=True)
class Manifest:
    """A snapshot exported by :meth:`Store.manifest`.

    Attributes:
        snapshot_id: ``sha256:<hex>`` of the manifest's exact bytes: two
            stores holding the same revisions have the same id.
        count: Revisions listed (lines).
        path: The file written, when the manifest went to a path.

    .. versionadded:: 0.1.0
    """

    snapshot_id: str
    count: int
    path: pathlib.Path | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "snapshot_id": self.snapshot_id,
            "count": self.count,
            "path": str(self.path) if self.path is not None else None,
        }


_BUCKETS: Final = (
    "unchanged",
    "updated",
    "new",
    "deleted",
    "moved",
    "missing",
    "invalid",
)


@attrs.frozen(kw_only=True)
class SyncReport:
    """What :meth:`Client.sync() <wikireuse.Client.sync>` did, title by title.

    Every distinct title asked for lands in exactly one group, in the order
    given (a moved page is listed once, under *moved*).

    Attributes:
        wiki: The wiki's Action API URL.
        unchanged: Titles that lead to the same page as before, whose newest
            revision is already stored.
        updated: Titles whose page has a newer revision, now fetched and
            stored; also a known title that now leads to another page the
            store already holds (e.g. a retargeted redirect).
        new: Titles that lead to a page the store did not hold, now fetched
            and stored (also a title whose stored page was deleted and has
            been created again, or a redirect now pointing elsewhere).
        deleted: Titles whose stored page is gone from the wiki (recorded;
            its revisions stay in the store).
        moved: ``(old, new)`` titles of known pages that were renamed (any
            newer revision, such as the one a move makes, is stored too when
            the page is asked for by a title that reaches it).
        missing: Titles with no page on the wiki (never stored, or a deleted
            redirect whose target is still stored).
        invalid: Titles the wiki cannot have.
        redacted: Stored revisions masked because the wiki hid their text,
            author or comment (revision deletion), with :meth:`Store.redact`.
        path: How the sync found what changed: ``titles`` (the titles given,
            checked by title), ``changes`` (the whole store, from the wiki's
            recent changes since the store's cursor: the cost follows the
            changes) or ``full`` (the whole store, every title checked: no
            cursor yet, or one older than the wiki keeps recent changes).
        changes_read: Recent changes read (the ``changes`` path).
        note: Why this path, in words.
        requests_sent: HTTP requests the sync made.

    >>> report = SyncReport(wiki="https://en.wikipedia.org/w/api.php",
    ...                     unchanged=("Ada Lovelace",), moved=(("Old", "New"),))
    >>> report.counts["unchanged"], report.ok
    (1, True)

    .. versionadded:: 0.1.0
    """

    wiki: str
    unchanged: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    moved: tuple[tuple[str, str], ...] = ()
    missing: tuple[str, ...] = ()
    invalid: tuple[str, ...] = ()
    redacted: tuple[int, ...] = ()
    path: Literal["titles", "changes", "full"] = "titles"
    changes_read: int = 0
    note: str = ""
    requests_sent: int = 0

    @property
    def counts(self) -> Mapping[str, int]:
        """How many titles in each group, in a fixed order."""
        return MappingProxyType({name: len(getattr(self, name)) for name in _BUCKETS})

    @property
    def ok(self) -> bool:
        """True when no title was missing or invalid."""
        return not self.missing and not self.invalid

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        data: dict[str, Any] = {"wiki": self.wiki}
        for name in _BUCKETS:
            items = getattr(self, name)
            data[name] = [list(i) if isinstance(i, tuple) else i for i in items]
        data["counts"] = dict(self.counts)
        data["redacted"] = list(self.redacted)
        data["path"] = self.path
        data["changes_read"] = self.changes_read
        data["note"] = self.note
        data["requests_sent"] = self.requests_sent
        return data


@attrs.frozen(kw_only=True)
class IngestReport:
    """What :meth:`Store.ingest` did.

    Attributes:
        source: What was ingested, as the caller named it (a file and its
            SHA-1, say).
        wikis: The wikis the articles came from, in order of first sight.
        read: Articles read.
        added: Revisions new to the store, now kept.
        already_stored: Revisions the store already had (the same content):
            left as they are. Ingesting the same dump twice adds nothing.
        redacted: Revisions the store keeps masked (their content was hidden
            on the wiki): not put back.
        license_disagreements: Articles whose source declared another licence
            than the one their revision date gives (kept: the computed one).
        batches: Transactions committed.
        deleted: Stored pages marked deleted by a deletion record
            (:class:`~wikireuse.dumps.PageChange`).
        masked: Stored revisions masked by a visibility-change record
            (through :meth:`Store.redact`).

    >>> report = IngestReport(source="x.xml", read=3, already_stored=3)
    >>> report.nothing_new
    True

    .. versionadded:: 0.2.0
    """

    source: str
    wikis: tuple[str, ...] = ()
    read: int = 0
    added: int = 0
    already_stored: int = 0
    redacted: int = 0
    license_disagreements: int = 0
    batches: int = 0
    deleted: int = 0
    masked: int = 0

    @property
    def nothing_new(self) -> bool:
        """True when the ingest added no revision."""
        return self.added == 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        data = attrs.asdict(self)
        data["wikis"] = list(self.wikis)
        data["nothing_new"] = self.nothing_new
        return data


def _declared_license(article: Article) -> str | None:
    """The licence a dump or snapshot declared, when it differs from the computed."""
    for key, value in article.provenance.params:
        if key == "declared_license" and value != article.license.spdx:
            return value
    return None


# -- the store ------------------------------------------------------------------


class Store(Closing):
    """A snapshot store in one SQLite file (created when it does not exist).

    One connection, guarded by a lock, so a store may be shared by threads
    (a :class:`~wikireuse.Client` used from several threads puts into
    it concurrently). Several processes may open the same file: SQLite's WAL
    journal lets readers go on while one writes.

    Args:
        path: The database file.
        wall_clock: Seconds since the epoch, for the audit log and page
            records.
        lock_timeout: Seconds to wait for another connection (another
            process creating or writing the same store) to release the
            file's lock, before :class:`~wikireuse.exceptions.StoreLockedError`.

    Raises:
        StoreError: When the file is not a wikireuse store (another
            program's database, not SQLite at all) or was written by a newer
            wikireuse.
        StoreAccessError: When the file cannot be opened; the message names
            the path and the cause (missing folder, a folder, permission).
        StoreLockedError: When another connection held the lock for longer
            than *lock_timeout*.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        wall_clock: WallClock = time.time,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> None:
        if not isinstance(path, str | os.PathLike):
            raise ConfigurationError(message=f"path must be a file path, got {path!r}")
        if (
            not isinstance(lock_timeout, int | float)
            or isinstance(lock_timeout, bool)
            or not lock_timeout >= 0  # also refuses NaN
        ):
            raise ConfigurationError(
                message="lock_timeout must be seconds (0 or more), not "
                f"{lock_timeout!r}"
            )
        self.path = pathlib.Path(os.fspath(path))
        self._lock_timeout = float(lock_timeout)
        # Fixed now: a later chdir must not point exports at another file.
        self._read_uri = self.path.absolute().as_uri() + "?mode=ro"
        self._wall_clock = wall_clock
        self._lock = threading.RLock()
        try:
            # The timeout is SQLite's busy timeout, set as the connection is
            # made: every statement after it, the pragmas included, waits
            # for another process's lock instead of failing at once.
            self._conn: sqlite3.Connection | None = sqlite3.connect(
                self.path,
                timeout=self._lock_timeout,
                isolation_level=None,  # transactions are explicit
                check_same_thread=False,  # guarded by self._lock
            )
        except sqlite3.Error as exc:
            raise self._access_error(exc) from exc
        try:
            self._open()
        except BaseException:
            self._conn.close()
            self._conn = None
            raise

    # -- opening ----------------------------------------------------------------

    def _open(self) -> None:
        conn = self._connection()
        try:
            kind = self._kind(conn)
            if kind == "foreign":
                raise self._error(
                    "not a wikireuse store: the file is another program's "
                    "SQLite database; give a new file name"
                )
            if kind == "empty":
                # Before WAL (which fixes the page size): a revision record
                # (wikitext as JSON, a few KB) then fits in one page, not in a
                # chain of overflow pages, which an ingest writes faster.
                conn.execute(f"PRAGMA page_size={_PAGE_SIZE}")
            self._use_wal(conn)
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Asked again inside the write lock: another process may have
                # created the schema meanwhile.
                if self._kind(conn) == "empty":
                    for statement in _SCHEMA:
                        conn.execute(statement)
                    conn.execute(f"PRAGMA application_id={_APPLICATION_ID}")
                    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            if _is_busy(exc):
                raise self._locked_error() from exc
            if isinstance(exc, sqlite3.OperationalError):
                raise self._access_error(exc) from exc
            raise self._error(f"not a wikireuse store: {exc}") from exc

    def _use_wal(self, conn: sqlite3.Connection) -> None:
        """Switch the journal to WAL, waiting for a process that holds the lock.

        The switch needs the file to itself. When another connection is
        writing (creating the same new store, say) SQLite may refuse at
        once, without calling the busy handler, since waiting while holding
        a read lock could deadlock. Then wait for that writer with
        ``BEGIN IMMEDIATE`` (which does honour the busy timeout) and try
        again: each retry follows a writer that finished.
        """
        for _ in range(_WAL_ATTEMPTS):
            try:
                mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                conn.execute("BEGIN IMMEDIATE")  # waits up to the timeout
                conn.execute("ROLLBACK")
                continue
            if str(mode).lower() != "wal":
                raise self._error(f"cannot switch the journal to WAL (got {mode!r})")
            return
        raise self._locked_error()

    def _kind(self, conn: sqlite3.Connection) -> Literal["empty", "ours", "foreign"]:
        """Whether the file is new, a store this version reads, or not one."""
        # One statement, so one read snapshot: read one by one, the three
        # could straddle another process's commit of a new store's schema
        # (tables seen, application id not yet) and call it foreign.
        app_id, version, objects = conn.execute(
            "SELECT (SELECT application_id FROM pragma_application_id), "
            "(SELECT user_version FROM pragma_user_version), "
            "(SELECT count(*) FROM sqlite_master)"
        ).fetchone()
        if app_id == 0 and version == 0 and objects == 0:
            return "empty"
        if app_id != _APPLICATION_ID:
            return "foreign"
        if version > SCHEMA_VERSION:
            raise self._error(
                f"the store was written by a newer wikireuse (schema version "
                f"{version}; this one reads up to {SCHEMA_VERSION}): upgrade "
                f"wikireuse to use it"
            )
        if version < 1:
            raise self._error(f"damaged wikireuse store (schema version {version})")
        return "ours"

    def _error(self, message: str) -> StoreError:
        return StoreError(message=f"{self.path}: {message}", path=str(self.path))

    def _locked_error(self) -> StoreLockedError:
        return StoreLockedError(
            message=f"{self.path}: the store is locked by another connection "
            f"(waited {self._lock_timeout:g} s); try again when the other "
            "process is done, or give it a longer lock_timeout",
            path=str(self.path),
            timeout=self._lock_timeout,
        )

    def _access_error(self, exc: sqlite3.Error) -> StoreError:
        """Why the file cannot be opened, in words, rather than SQLite's.

        SQLite says "unable to open database file" for a missing folder, a
        folder given as the file and a permission refused alike.
        """
        if _is_busy(exc):
            return self._locked_error()
        folder = self.path.absolute().parent
        if self.path.is_dir():
            reason = "it is a folder, not a store file"
        elif folder.exists() and not folder.is_dir():
            reason = f"{folder} is a file, not a folder"
        elif not folder.is_dir():
            reason = f"the folder {folder} does not exist"
        elif not os.access(
            self.path if self.path.exists() else folder, os.R_OK | os.W_OK
        ):
            reason = "permission denied"
        else:
            reason = str(exc)
        return StoreAccessError(
            message=f"cannot open the store {self.path}: {reason}",
            path=str(self.path),
            reason=reason,
        )

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise self._error("the store is closed")
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, under the lock; SQLite errors become StoreError."""
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                if _is_busy(exc):
                    raise self._locked_error() from exc
                raise self._error(f"cannot write: {exc}") from exc
            try:
                yield conn
            except BaseException as exc:
                conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._error(f"write failed: {exc}") from exc
                raise
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                conn.execute("ROLLBACK")
                raise self._error(f"write failed: {exc}") from exc

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._connection()
            try:
                yield conn
            except sqlite3.Error as exc:
                raise self._error(f"read failed: {exc}") from exc

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection of its own, inside one read transaction.

        Long reads (manifest exports) use it instead of the shared
        connection: they see one consistent state of the file without
        holding the store's lock for their whole length, and a put on the
        shared connection cannot change rows under an open cursor.
        """
        self._connection()  # a closed store says so
        try:
            conn = sqlite3.connect(
                self._read_uri,
                uri=True,
                timeout=30.0,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise self._error(f"cannot read: {exc}") from exc
        try:
            conn.execute("BEGIN")
            yield conn
        except sqlite3.Error as exc:
            raise self._error(f"read failed: {exc}") from exc
        finally:
            conn.close()

    def _now(self) -> str:
        return format_timestamp(from_epoch(self._wall_clock()))

    def _audit(
        self,
        conn: sqlite3.Connection,
        action: AuditAction,
        wiki: str | None,
        detail: Mapping[str, Any],
    ) -> None:
        conn.execute(
            "INSERT INTO audit (at, action, wiki, detail) VALUES (?, ?, ?, ?)",
            (self._now(), action, wiki, _json.canonical(detail)),
        )

    def _record(
        self, action: AuditAction, wiki: str | None, detail: Mapping[str, Any]
    ) -> None:
        """Add one audit entry in its own transaction (used by the sync)."""
        with self._write() as conn:
            self._audit(conn, action, wiki, detail)

    # -- writing ------------------------------------------------------------

    def put(self, article: Article) -> bool:
        """Keep *article*'s revision, and remember the titles that led to it.

        The title index learns the article's title, the title as requested,
        the title before normalisation and every redirect passed through; a
        ``fetch`` entry goes to the audit log. A revision already stored is
        never changed: putting it again only updates the title index.

        Args:
            article: A fetched article.

        Returns:
            True if the revision was new to the store.

        Raises:
            StoreError: When the store already holds this revision with other
                content, or the article's provenance hash does not match its
                text.
        """
        if not isinstance(article, Article):
            raise ConfigurationError(
                message=f"put() takes an Article, got {type(article).__name__}"
            )
        digest = content_hash(article.wikitext)
        if article.provenance.content_hash != digest:
            raise self._error(
                f"revision {article.revid} of {article.title!r}: the provenance "
                f"hash {article.provenance.content_hash} is not the hash of the "
                f"text ({digest}); not stored"
            )
        now = self._now()
        with self._write() as conn:
            row = conn.execute(
                "SELECT content_hash, pageid FROM revisions "
                "WHERE wiki = ? AND revid = ?",
                (article.wiki, article.revid),
            ).fetchone()
            if row is not None and (row[0], row[1]) != (digest, article.pageid):
                raise self._error(
                    f"revision {article.revid} of {article.wiki} is already stored "
                    f"with other content (page {row[1]}, {row[0]}); stored "
                    f"revisions are immutable"
                )
            is_new = row is None
            if is_new:
                _insert_revision(conn, article, digest)
            self._update_page(conn, article, now)
            _index_titles(conn, article)
            self._audit(
                conn,
                "fetch",
                article.wiki,
                {
                    "requested": article.requested,
                    "title": article.title,
                    "pageid": article.pageid,
                    "revid": article.revid,
                    "content_hash": digest,
                    "new": is_new,
                    "served_from": article.provenance.served_from,
                },
            )
        return is_new

    def _update_page(
        self, conn: sqlite3.Connection, article: Article, now: str
    ) -> None:
        page = conn.execute(
            "SELECT latest_revid, status, title FROM pages "
            "WHERE wiki = ? AND pageid = ?",
            (article.wiki, article.pageid),
        ).fetchone()
        if page is None:
            conn.execute(
                "INSERT INTO pages (wiki, pageid, namespace, title, latest_revid, "
                "status, first_stored_at, changed_at) "
                "VALUES (?, ?, ?, ?, ?, 'present', ?, ?)",
                (
                    article.wiki,
                    article.pageid,
                    article.namespace,
                    article.title,
                    article.revid,
                    now,
                    now,
                ),
            )
            return
        latest, status, title = page
        if article.revid < latest:
            return  # an older revision: the page record stays as it is
        if title != article.title:
            # Renamed since the last fetch, and no sync recorded the move.
            self._moved(conn, article.wiki, article.pageid, title, article.title, now)
        if status == "deleted":
            # Fetched live again: restored on the wiki.
            conn.execute(
                "INSERT INTO page_events (wiki, pageid, at, event) "
                "VALUES (?, ?, ?, 'restored')",
                (article.wiki, article.pageid, now),
            )
        conn.execute(
            "UPDATE pages SET namespace = ?, title = ?, latest_revid = ?, "
            "status = 'present', deleted_at = NULL, changed_at = ? "
            "WHERE wiki = ? AND pageid = ?",
            (
                article.namespace,
                article.title,
                article.revid,
                now,
                article.wiki,
                article.pageid,
            ),
        )

    def _moved(
        self,
        conn: sqlite3.Connection,
        wiki: str,
        pageid: int,
        old_title: str,
        new_title: str,
        now: str,
    ) -> None:
        conn.execute(
            "INSERT INTO page_events (wiki, pageid, at, event, old_title, new_title) "
            "VALUES (?, ?, ?, 'moved', ?, ?)",
            (wiki, pageid, now, old_title, new_title),
        )
        conn.execute(
            "UPDATE pages SET title = ?, changed_at = ? WHERE wiki = ? AND pageid = ?",
            (new_title, now, wiki, pageid),
        )
        # The old title keeps leading to the page, as the redirect a move
        # leaves behind does on the wiki.
        for title in (old_title, new_title):
            conn.execute(
                "INSERT INTO titles (wiki, title, pageid) VALUES (?, ?, ?) "
                "ON CONFLICT (wiki, title) DO UPDATE SET pageid = excluded.pageid",
                (wiki, title, pageid),
            )
        self._audit(
            conn,
            "move",
            wiki,
            {"pageid": pageid, "old_title": old_title, "new_title": new_title},
        )

    def _known_page(self, conn: sqlite3.Connection, wiki: str, pageid: int) -> Any:
        row = conn.execute(
            "SELECT title, status FROM pages WHERE wiki = ? AND pageid = ?",
            (wiki, pageid),
        ).fetchone()
        if row is None:
            raise self._error(f"no page {pageid} of {wiki} in the store")
        return row

    def mark_deleted(self, *, wiki: str, pageid: int) -> None:
        """Record that the page was deleted on the wiki (its revisions stay).

        Raises:
            StoreError: When the store has no such page.
        """
        now = self._now()
        with self._write() as conn:
            title, status = self._known_page(conn, wiki, pageid)
            if status == "deleted":
                return
            conn.execute(
                "UPDATE pages SET status = 'deleted', deleted_at = ?, changed_at = ? "
                "WHERE wiki = ? AND pageid = ?",
                (now, now, wiki, pageid),
            )
            conn.execute(
                "INSERT INTO page_events (wiki, pageid, at, event, old_title) "
                "VALUES (?, ?, ?, 'deleted', ?)",
                (wiki, pageid, now, title),
            )
            self._audit(conn, "delete", wiki, {"pageid": pageid, "title": title})

    def mark_moved(
        self, *, wiki: str, pageid: int, old_title: str, new_title: str
    ) -> None:
        """Record that the page was renamed from *old_title* to *new_title*.

        Both titles lead to the page afterwards.

        Raises:
            StoreError: When the store has no such page.
        """
        now = self._now()
        with self._write() as conn:
            self._known_page(conn, wiki, pageid)
            self._moved(conn, wiki, pageid, old_title, new_title, now)

    # -- bulk ingest, sync cursors, redaction (schema version 2) -------------

    def _upgrade(self, conn: sqlite3.Connection) -> None:
        """Bring an older store to this version (inside a write transaction)."""
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _UPGRADES[target]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version={target}")

    @staticmethod
    def _is_v2(conn: sqlite3.Connection, version: int = 2) -> bool:
        """Whether the store has the tables of schema *version* (2 or later)."""
        found: int = conn.execute("PRAGMA user_version").fetchone()[0]
        return found >= version

    def ingest(
        self,
        articles: Iterable[Article | PageChange],
        *,
        source: str,
        batch_size: int = 500,
    ) -> IngestReport:
        """Keep many articles at once (from a dump or a snapshot).

        Articles are written in transactions of *batch_size*: a run that is
        stopped (even by ``kill -9``) leaves every committed batch whole and
        nothing of the batch it was in. Revisions already stored are
        recognised and left alone, so ingesting the same input again adds
        nothing (the report says so), and running an interrupted ingest again
        finishes it with nothing lost and nothing doubled. Pages and the
        title index are updated as :meth:`put` does; one ``ingest`` entry
        with the counts goes to the audit log (not one per article).

        :class:`~wikireuse.dumps.PageChange` records among the articles
        (``read_enterprise(..., changes=True)`` yields them) are applied in
        order, each in its own transaction after the articles before it: a
        deletion marks a stored page deleted (:meth:`mark_deleted`), a
        visibility change masks a stored revision (:meth:`redact`, audited).
        Changes to pages or revisions the store does not hold are ignored;
        applying one again changes nothing.

        While it runs, commits do not wait for the disk (SQLite's
        ``synchronous=NORMAL`` in WAL mode) and the WAL may grow to 64 MiB
        between checkpoints: a killed process loses nothing committed and
        the file stays whole; only a power cut or an OS crash may lose the
        last batches, which running the ingest again adds. SQLite's page
        cache may grow to 16 MiB meanwhile (a batch's pages fit in it).

        Args:
            articles: The articles, e.g. :func:`wikireuse.dumps.read_xml_dump`.
            source: What they come from, for the audit log (a file name and
                its SHA-1, say).
            batch_size: Articles per transaction.

        Returns:
            The counts: read, added, already stored, kept masked, licence
            disagreements.

        Raises:
            StoreError: When a revision is already stored with other content,
                or an article's provenance hash is not the hash of its text
                (the batch it was in is not kept).
            ConfigurationError: For bad arguments.
        """
        if not isinstance(source, str) or not source:
            raise ConfigurationError(message=f"source must be a name: {source!r}")
        if isinstance(batch_size, bool) or not isinstance(batch_size, int):
            raise ConfigurationError(message=f"bad batch_size {batch_size!r}")
        if batch_size < 1:
            raise ConfigurationError(message=f"bad batch_size {batch_size!r}")
        counts = {"read": 0, "added": 0, "already_stored": 0, "redacted": 0}
        counts["license_disagreements"] = counts["batches"] = 0
        counts["deleted"] = counts["masked"] = 0
        wikis: dict[str, None] = {}
        batch: list[Article] = []
        rows: list[list[int]] = []
        with self._quick_commits():
            for article in articles:
                if isinstance(article, PageChange):
                    # The articles before it go first.
                    self._ingest_batch(batch, counts, rows)
                    batch = []
                    self._apply_change(article, counts)
                    continue
                if not isinstance(article, Article):
                    raise ConfigurationError(
                        message=f"ingest() takes Articles, got {type(article).__name__}"
                    )
                batch.append(article)
                wikis[article.wiki] = None
                if len(batch) >= batch_size:
                    self._ingest_batch(batch, counts, rows)
                    batch = []
            self._ingest_batch(batch, counts, rows)
        report = IngestReport(source=source, wikis=tuple(wikis), **counts)
        with self._write() as conn:
            self._upgrade(conn)
            # The row ids it added: which revisions this ingest stored,
            # without listing them.
            self._audit(conn, "ingest", None, {**report.to_dict(), "rows": rows})
        return report

    @contextmanager
    def _quick_commits(self) -> Iterator[None]:
        """Bulk-write settings for an ingest, then the settings it had.

        ``synchronous=NORMAL``: a commit does not wait for the disk (in WAL
        mode a crash of the process loses nothing committed). A WAL of up to
        ``_INGEST_CHECKPOINT`` bytes before its pages are copied into the
        database: fewer, larger checkpoints (each waits for the disk). A page
        cache of ``_INGEST_CACHE`` bytes: a whole batch's pages fit, so none
        is spilled to the WAL before its commit and written again after, and
        the title index's leaves, which a dump's titles reach in no order,
        are mostly found in memory.
        """
        settings = ("synchronous", "wal_autocheckpoint", "cache_size")
        with self._lock:
            conn = self._connection()
            before = [int(conn.execute(f"PRAGMA {n}").fetchone()[0]) for n in settings]
            size = int(conn.execute("PRAGMA page_size").fetchone()[0])
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(f"PRAGMA wal_autocheckpoint={_INGEST_CHECKPOINT // size}")
            conn.execute(f"PRAGMA cache_size={-_INGEST_CACHE // 1024}")  # in KiB
        try:
            yield
        finally:
            with self._lock:
                if self._conn is not None:
                    for name, value in zip(settings, before, strict=True):
                        self._conn.execute(f"PRAGMA {name}={value}")

    def _apply_change(self, change: PageChange, counts: dict[str, int]) -> None:
        """Apply one deletion or visibility change of an ingest (see there)."""
        with self._read() as conn:
            page = conn.execute(
                "SELECT status FROM pages WHERE wiki = ? AND pageid = ?",
                (change.wiki, change.pageid),
            ).fetchone()
        if page is None:
            return  # not a page of this store
        if change.kind == "delete":
            if page[0] != "deleted":
                self.mark_deleted(wiki=change.wiki, pageid=change.pageid)
                counts["deleted"] += 1
            return
        if change.revid is None or not change.hidden:
            return
        why = "visibility change in a Wikimedia Enterprise record"
        if change.event:
            why += f" (event {change.event})"
        if self.redact(
            wiki=change.wiki, revid=change.revid, hidden=change.hidden, reason=why
        ):
            counts["masked"] += 1

    def _ingest_batch(
        self, batch: list[Article], counts: dict[str, int], added: list[list[int]]
    ) -> None:
        if not batch:
            return
        now = self._now()
        digests = []
        for article in batch:
            digest = content_hash(article.wikitext)
            if article.provenance.content_hash != digest:
                raise self._error(
                    f"revision {article.revid} of {article.title!r}: the provenance "
                    f"hash is not the hash of the text; nothing of its batch stored"
                )
            digests.append(digest)
        with self._write() as conn:
            self._upgrade(conn)
            stored = _ingest.stored_revisions(conn, batch)
            writer = _ingest.BatchWriter(conn, batch, now, self._update_page, added)
            for article, digest in zip(batch, digests, strict=True):
                counts["read"] += 1
                if _declared_license(article) is not None:
                    counts["license_disagreements"] += 1
                key = (article.wiki, article.revid)
                found = stored.get(key)
                if found is not None:
                    if found[2]:
                        counts["redacted"] += 1
                    elif (found[0], found[1]) == (digest, article.pageid):
                        counts["already_stored"] += 1
                    else:
                        raise self._error(
                            f"revision {article.revid} of {article.wiki} is already "
                            f"stored with other content (page {found[1]}, "
                            f"{found[0]}); stored revisions are immutable"
                        )
                    continue
                stored[key] = (digest, article.pageid, False)
                writer.add(article, digest, _aliases(article))
                counts["added"] += 1
            writer.flush()
            counts["batches"] += 1

    def cursor(self, wiki: str) -> Mapping[str, Any] | None:
        """Where the change-driven sync of *wiki* resumes, or ``None``.

        Keys: ``rc_timestamp`` and ``rc_id`` (the newest recent change
        applied), ``event_id`` (the last EventStreams event applied),
        ``updated_at``.
        """
        with self._read() as conn:
            if not self._is_v2(conn):
                return None
            row = conn.execute(
                "SELECT rc_timestamp, rc_id, event_id, updated_at FROM cursors "
                "WHERE wiki = ?",
                (wiki,),
            ).fetchone()
        if row is None:
            return None
        return MappingProxyType(
            dict(
                zip(
                    ("rc_timestamp", "rc_id", "event_id", "updated_at"),
                    row,
                    strict=True,
                )
            )
        )

    def set_cursor(
        self,
        wiki: str,
        *,
        rc_timestamp: str | None = None,
        rc_id: int | None = None,
        event_id: str | None = None,
    ) -> None:
        """Move the change cursor of *wiki* (fields left ``None`` keep their value)."""
        now = self._now()
        with self._write() as conn:
            self._upgrade(conn)
            conn.execute(
                "INSERT INTO cursors (wiki, rc_timestamp, rc_id, event_id, "
                "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (wiki) DO UPDATE "
                "SET rc_timestamp = coalesce(excluded.rc_timestamp, rc_timestamp), "
                "rc_id = coalesce(excluded.rc_id, rc_id), "
                "event_id = coalesce(excluded.event_id, event_id), "
                "updated_at = excluded.updated_at",
                (wiki, rc_timestamp, rc_id, event_id, now),
            )

    def redact(
        self,
        *,
        wiki: str,
        revid: int,
        hidden: Iterable[Literal["text", "user", "comment"]],
        reason: str,
    ) -> bool:
        """Mask a stored revision whose content the wiki has hidden.

        The one way a stored revision changes (the database refuses every
        other). With ``"text"`` hidden, the wikitext, HTML and extract are
        emptied, the SHA-1 dropped and the content hash becomes that of the
        empty text, in the revision's record, its provenance and so in every
        manifest exported afterwards, and the revision's stored chunks are
        masked in the same transaction (text emptied, out of the full-text
        index, vectors deleted: found by no search and no export);
        ``"user"`` drops the contributors list. A ``redact`` entry in the
        audit log says what was masked and why (with how many chunks); the
        revision's ids, title and timestamp stay.

        Args:
            wiki: The wiki's API URL.
            revid: The revision.
            hidden: What the wiki hid: ``text``, ``user``, ``comment``.
            reason: Why, in words (e.g. the log event that hid it).

        Returns:
            True if the revision was stored and is now masked; False if the
            store does not have it or already masked the same fields.
        """
        fields = tuple(sorted(set(hidden)))
        if not fields or not set(fields) <= {"text", "user", "comment"}:
            raise ConfigurationError(message=f"bad hidden fields {hidden!r}")
        now = self._now()
        with self._write() as conn:
            self._upgrade(conn)
            row = conn.execute(
                "SELECT record FROM revisions WHERE wiki = ? AND revid = ?",
                (wiki, revid),
            ).fetchone()
            if row is None:
                return False
            done = {
                field
                for (names,) in conn.execute(
                    "SELECT fields FROM redactions WHERE wiki = ? AND revid = ? "
                    "AND applied = 1",
                    (wiki, revid),
                )
                for field in json.loads(names)
            }
            if set(fields) <= done:
                return False
            article = self._article(row[0])
            masked = _masked(article, fields, reason)
            cur = conn.execute(
                "INSERT INTO redactions (wiki, revid, fields, reason, at) "
                "VALUES (?, ?, ?, ?, ?)",
                (wiki, revid, json.dumps(list(fields)), reason, now),
            )
            conn.execute(
                "UPDATE revisions SET sha1 = ?, content_hash = ?, provenance = ?, "
                "record = ? WHERE wiki = ? AND revid = ?",
                (
                    masked.sha1,
                    masked.provenance.content_hash,
                    _json.canonical(masked.provenance.to_dict()),
                    masked.to_json(),
                    wiki,
                    revid,
                ),
            )
            conn.execute(
                "UPDATE redactions SET applied = 1 WHERE id = ?", (cur.lastrowid,)
            )
            # The chunks of hidden text go with it, in this transaction: out
            # of the full-text index, their vectors deleted.
            chunks_masked = _chunks.mask(conn, wiki, revid) if "text" in fields else 0
            self._audit(
                conn,
                "redact",
                wiki,
                {
                    "revid": revid,
                    "pageid": article.pageid,
                    "title": article.title,
                    "fields": list(fields),
                    "reason": reason,
                    "chunks_masked": chunks_masked,
                },
            )
        return True

    def redacted(self, *, wiki: str, revid: int) -> tuple[str, ...]:
        """The fields of a stored revision masked by :meth:`redact`."""
        with self._read() as conn:
            if not self._is_v2(conn):
                return ()
            rows = conn.execute(
                "SELECT fields FROM redactions WHERE wiki = ? AND revid = ? "
                "AND applied = 1",
                (wiki, revid),
            ).fetchall()
        return tuple(sorted({f for (names,) in rows for f in json.loads(names)}))

    # -- reading ------------------------------------------------------------

    def _article(self, record: str, status: str | None = None) -> Article:
        try:
            article = Article.from_json(record)
        except RecordError as exc:
            raise self._error(f"damaged revision record: {exc}") from exc
        note = f"served from the snapshot store {self.path}"
        if status == "deleted":
            note += "; the page has since been deleted on the wiki"
        if article.provenance.note:
            note = f"{article.provenance.note}; {note}"
        return attrs.evolve(
            article,
            provenance=attrs.evolve(article.provenance, served_from="store", note=note),
        )

    def get(self, *, wiki: str, revid: int) -> Article | None:
        """The stored revision *revid* of *wiki*, or ``None``.

        The article's provenance says ``served_from="store"``; everything
        else is as fetched.
        """
        with self._read() as conn:
            row = conn.execute(
                _RECORDS_OF_PAGES + "WHERE r.wiki = ? AND r.revid = ?",
                (wiki, revid),
            ).fetchone()
        return self._article(row[0], row[1]) if row is not None else None

    def _has(self, *, wiki: str, revid: int) -> bool:
        """Whether the revision is stored (without reading its record)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT 1 FROM revisions WHERE wiki = ? AND revid = ?", (wiki, revid)
            ).fetchone()
        return row is not None

    def _pageid_for(
        self, conn: sqlite3.Connection, wiki: str, title: str
    ) -> int | None:
        for candidate in dict.fromkeys((title, title.replace("_", " ").strip())):
            row = conn.execute(
                "SELECT pageid FROM titles WHERE wiki = ? AND title = ?",
                (wiki, candidate),
            ).fetchone()
            if row is not None:
                return int(row[0])
        return None

    def _page_of(self, wiki: str, title: str) -> int | None:
        """The page a title (or an alias: redirect, old name) leads to, if known."""
        with self._read() as conn:
            return self._pageid_for(conn, wiki, title)

    def latest(
        self, *, wiki: str, title: str | None = None, pageid: int | None = None
    ) -> Article | None:
        """The newest stored revision of a page, or ``None``.

        Give the page's *title* (or any title that led to it: as requested,
        before normalisation, a redirect, a title before a move) or its
        *pageid*.

        Raises:
            ConfigurationError: Unless exactly one of *title* and *pageid* is
                given.
        """
        if (title is None) == (pageid is None):
            raise ConfigurationError(message="give title= or pageid=, exactly one")
        with self._read() as conn:
            if title is not None:
                pageid = self._pageid_for(conn, wiki, title)
                if pageid is None:
                    return None
            row = conn.execute(
                _RECORDS_OF_PAGES
                + "WHERE r.wiki = ? AND r.pageid = ? ORDER BY r.revid DESC LIMIT 1",
                (wiki, pageid),
            ).fetchone()
        return self._article(row[0], row[1]) if row is not None else None

    def revisions(self, *, wiki: str, pageid: int) -> tuple[Article, ...]:
        """Every stored revision of a page, oldest first."""
        with self._read() as conn:
            rows = conn.execute(
                _RECORDS_OF_PAGES
                + "WHERE r.wiki = ? AND r.pageid = ? ORDER BY r.revid",
                (wiki, pageid),
            ).fetchall()
        return tuple(self._article(record, status) for record, status in rows)

    def pages(self, *, wiki: str | None = None) -> tuple[StoredPage, ...]:
        """The pages in the store (of one *wiki*, or all), by wiki and page id."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT p.wiki, p.pageid, p.namespace, p.title, p.latest_revid, "
                "p.status, p.first_stored_at, p.changed_at, p.deleted_at, "
                "(SELECT count(*) FROM revisions r "
                " WHERE r.wiki = p.wiki AND r.pageid = p.pageid) "
                "FROM pages p WHERE ? IS NULL OR p.wiki = ? ORDER BY p.wiki, p.pageid",
                (wiki, wiki),
            ).fetchall()
            moves: dict[tuple[str, int], list[tuple[str, str]]] = {}
            for w, pid, old, new in conn.execute(
                "SELECT wiki, pageid, old_title, new_title FROM page_events "
                "WHERE event = 'moved' AND (? IS NULL OR wiki = ?) ORDER BY id",
                (wiki, wiki),
            ):
                moves.setdefault((w, pid), []).append((old, new))
        return tuple(
            StoredPage(
                wiki=w,
                pageid=pid,
                namespace=ns,
                title=title,
                latest_revid=latest,
                revisions=count,
                status=status,
                moves=tuple(moves.get((w, pid), ())),
                first_stored_at=parse_timestamp(first),
                changed_at=parse_timestamp(changed),
                deleted_at=parse_optional(deleted),
            )
            for (
                w,
                pid,
                ns,
                title,
                latest,
                status,
                first,
                changed,
                deleted,
                count,
            ) in rows
        )

    def audit(self) -> tuple[AuditEntry, ...]:
        """The audit log, oldest first."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, at, action, wiki, detail FROM audit ORDER BY id"
            ).fetchall()
        return tuple(
            AuditEntry(
                id=i,
                at=parse_timestamp(at),
                action=action,
                wiki=wiki,
                detail=json.loads(detail),
            )
            for i, at, action, wiki, detail in rows
        )

    # -- snapshots ----------------------------------------------------------

    @staticmethod
    def _manifest_entries(
        conn: sqlite3.Connection, *, by_row: bool = False
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """Each revision's row id with its manifest entry (sorted, or by row id)."""
        rows = conn.execute(
            "SELECT id, wiki, pageid, revid, title, timestamp, sha1, content_hash, "
            "license_spdx, provenance, json_extract(record, '$.site_name') "
            "FROM revisions ORDER BY " + ("id" if by_row else "wiki, pageid, revid")
        )
        for row, *fields in rows:
            wiki, pageid, revid, title, stamp, sha1, digest, spdx, prov, site = fields
            entry = {
                "schema": MANIFEST_SCHEMA,
                "wiki": wiki,
                "pageid": pageid,
                "revid": revid,
                "title": title,
                "timestamp": stamp,
                "sha1": sha1,
                "content_hash": digest,
                "license": spdx,
                "provenance": json.loads(prov),
                # The wiki's own name (siteinfo), so credits made from the
                # manifest say "from TestWiki" as attribute does.
                "site_name": site or "",
            }
            yield row, entry

    def iter_manifest(self) -> Iterator[dict[str, Any]]:
        """The manifest's entries: one dict per stored revision, sorted.

        Sorted by wiki, page id and revision id; each has the title, the
        revision's timestamp, SHA-1 and content hash, the licence (SPDX id),
        the provenance recorded when it was fetched and the wiki's name
        (``site_name``, ``""`` when the fetch did not learn it).

        The entries are streamed, a row at a time, from one read transaction
        on a connection of their own: they are a consistent snapshot however
        large the store, and puts (from other threads or processes) go on
        meanwhile without showing up in it. Close the iterator (or read it to
        the end) to end the transaction.

        Raises:
            StoreError: When the store is closed or cannot be read.
        """
        with self._snapshot() as conn:
            for _, entry in self._manifest_entries(conn):
                yield entry

    def iter_revisions(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Each stored revision's row id with its manifest entry, by row id.

        Row ids grow as revisions are stored; an ``ingest`` audit entry names
        the ranges it added (``rows``), a ``fetch`` entry its ``revid``: so
        :func:`wikireuse.reports.usage_report` knows which run stored which
        revision. Streamed as :meth:`iter_manifest` is.
        """
        with self._snapshot() as conn:
            yield from self._manifest_entries(conn, by_row=True)

    def manifest(self, out: str | os.PathLike[str] | IO[str] | None = None) -> Manifest:
        """Export the store as JSON Lines and give the snapshot's id.

        Each line is one entry of :meth:`iter_manifest` as canonical JSON
        (sorted keys, no spaces, UTF-8), ending in a newline; the snapshot id
        is the SHA-256 of those bytes, so the same stored records always give
        the same id. The lines are streamed from one read transaction (memory
        use does not grow with the store). The export is recorded in the
        audit log.

        Args:
            out: A file path to write (replaced atomically: nothing is left
                behind when the export fails), a text stream, or ``None`` to
                compute the id only.

        Returns:
            The snapshot id, the number of revisions and the path written.

        Raises:
            StoreError: When the store cannot be read or *out* written.
        """
        digest = hashlib.sha256()
        count = 0
        target = (
            pathlib.Path(os.fspath(out)) if isinstance(out, str | os.PathLike) else None
        )
        partial = target.with_name(target.name + ".partial") if target else None
        text_out = None if isinstance(out, str | os.PathLike) else out
        try:
            with ExitStack() as stack:
                file_out = stack.enter_context(partial.open("wb")) if partial else None
                conn = stack.enter_context(self._snapshot())
                for _, entry in self._manifest_entries(conn):
                    line = _json.canonical(entry) + "\n"
                    data = line.encode("utf-8")
                    digest.update(data)
                    count += 1
                    if file_out is not None:
                        file_out.write(data)
                    elif text_out is not None:
                        text_out.write(line)
            if partial is not None and target is not None:
                os.replace(partial, target)
        except OSError as exc:
            raise self._error(f"cannot write the manifest: {exc}") from exc
        finally:
            if partial is not None:
                partial.unlink(missing_ok=True)
        manifest = Manifest(
            snapshot_id="sha256:" + digest.hexdigest(), count=count, path=target
        )
        self._record("export", None, manifest.to_dict())
        return manifest

    # -- chunks (schema version 3; SQL in wikireuse.store._chunks) -------------

    def build_chunks(
        self,
        *,
        max_chars: int = 2000,
        overlap: int = 0,
        lang: str = "en",
        include_infobox: bool = True,
        batch_size: int = 100,
        classify: bool = True,
        policy: MinimisationPolicy | None = DEFAULT_POLICY,
        today: date | None = None,
    ) -> ChunkBuildReport:
        """Chunk every newest revision that has no chunks of these settings yet.

        Each page's newest stored revision (of pages present on the wiki) is
        classified (:func:`wikireuse.classify_person`: is it about a living
        person?), structured (:func:`wikireuse.structure`), minimised
        (:func:`wikireuse.minimise`: by default, what
        :data:`~wikireuse.privacy.DEFAULT_POLICY` names is dropped or
        coarsened on pages about living or possibly living people) and
        chunked (:func:`wikireuse.chunk`), so what the policy removes never
        reaches a chunk, the full-text index, a vector or an export; every
        chunk carries the page's person status and what was minimised. Its
        chunks, its structured attribution in
        *lang* and the references they cite are kept, linked to the revision,
        and indexed for full-text search, *batch_size* revisions a
        transaction. Revisions already chunked with the same settings are
        left alone, so a second run adds nothing and a run stopped midway
        (even by ``kill -9``) keeps whole revisions only and is finished by
        running it again. Chunks of older revisions stay (by id) but are no
        longer current. A ``chunk`` entry with the counts goes to the audit
        log.

        The privacy step is part of the settings (the policy by its name and
        a digest of its rules): chunks built with another policy, or none,
        are another chunk set, and are kept too — the store serves the
        chunks of every build, so a store that must hold only minimised
        chunks is built with a policy from the start.

        Args:
            max_chars: Longest chunk text (see :func:`wikireuse.chunk`).
            overlap: Characters repeated from the chunk before.
            lang: Language of the credit lines and attributions.
            include_infobox: Chunk the infoboxes too.
            batch_size: Revisions per transaction.
            classify: Give every chunk its page's person status (from the
                stored revision's categories and templates; no network).
            policy: What to drop or coarsen before chunking, or ``None`` to
                keep everything (needs *classify*).
            today: The day to classify against (the 115-year rule); by
                default the day of the store's wall clock. Not a setting:
                a revision is classified once, the day it is chunked.

        Returns:
            The counts: revisions and chunks written, revisions already
            chunked, revisions that failed (with the reason), revisions by
            person status and how many were minimised.

        Raises:
            ConfigurationError: For bad settings (checked before anything is
                read).
            StoreError: When the store cannot be read or written.

        >>> import tempfile, pathlib
        >>> from wikireuse.dumps import read_xml_dump
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     with Store(pathlib.Path(folder) / "s.db") as store:
        ...         _ = store.ingest(read_xml_dump(
        ...             "examples/data/sample-wiki.xml.bz2"), source="sample")
        ...         first = store.build_chunks(max_chars=500)
        ...         again = store.build_chunks(max_chars=500)
        >>> first.revisions, first.chunks > first.revisions, again.nothing_new
        (29, True, True)
        >>> first.minimised, dict(first.person_status)
        (4, {'deceased': 2, 'living': 4, 'unknown': 23})
        """
        _chunks.check_batch_size(batch_size)
        check_options(
            classify=classify, policy=policy, today=today, who="build_chunks()"
        )
        day = from_epoch(self._wall_clock()).date() if today is None else today
        # chunk() checks the settings (and the language) even with no text.
        chunk(
            structure(""),
            max_chars=max_chars,
            overlap=overlap,
            lang=lang,
            include_infobox=include_infobox,
        )
        settings = _chunks.settings_of(
            max_chars=max_chars,
            overlap=overlap,
            lang=lang,
            include_infobox=include_infobox,
            classify=classify,
            policy=policy,
        )
        key = _json.canonical(settings)
        with self._write() as conn:
            self._upgrade(conn)
            pending, already = _chunks.todo(conn, key)
        counts = {"revisions": 0, "chunks": 0, "batches": 0, "minimised": 0}
        statuses = Counter[str]()
        failed: list[tuple[str, int, str]] = []
        for start in range(0, len(pending), batch_size):
            built = []
            for wiki, revid in pending[start : start + batch_size]:
                with self._read() as conn:
                    record, digest = conn.execute(
                        "SELECT record, content_hash FROM revisions "
                        "WHERE wiki = ? AND revid = ?",
                        (wiki, revid),
                    ).fetchone()
                article = self._article(record)
                try:
                    doc = prepared(article, classify=classify, policy=policy, today=day)
                    pieces = chunk(
                        doc,
                        max_chars=max_chars,
                        overlap=overlap,
                        lang=lang,
                        include_infobox=include_infobox,
                    )
                    credit = attribute(article, lang=lang).to_dict()
                except WikiReuseError as exc:
                    failed.append((wiki, revid, str(exc)))
                    continue
                built.append((digest, doc, pieces, credit))
            now = self._now()
            with self._write() as conn:
                for digest, doc, pieces, credit in built:
                    added = _chunks.write_set(
                        conn,
                        key=key,
                        lang=lang,
                        expected_hash=digest,
                        doc=doc,
                        pieces=pieces,
                        attribution=credit,
                        now=now,
                    )
                    if added is None:
                        continue
                    counts["revisions"] += 1
                    counts["chunks"] += added
                    counts["minimised"] += bool(doc.minimisation)
                    if doc.person_status is not None:
                        statuses[doc.person_status.value] += 1
            counts["batches"] += 1
        report = ChunkBuildReport(
            settings=settings,
            already_built=already,
            failed=tuple(failed),
            today=day if classify else None,
            person_status=dict(sorted(statuses.items())),
            **counts,
        )
        self._record("chunk", None, report.to_dict())
        return report

    def chunk(self, chunk_id: str) -> Chunk:
        """The stored chunk *chunk_id*, current or not.

        A chunk masked by :meth:`redact` comes back with an empty text.

        Raises:
            ChunkNotFoundError: When the store holds no such chunk.
            StoreError: When the store cannot be read or the chunk's record
                is damaged.
        """
        if not isinstance(chunk_id, str):
            raise ConfigurationError(message=f"a chunk id is a string: {chunk_id!r}")
        with self._read() as conn:
            row = (
                conn.execute(
                    "SELECT text, record FROM chunks WHERE id = ?", (chunk_id,)
                ).fetchone()
                if self._is_v2(conn, 3)
                else None
            )
        if row is None:
            raise self._no_chunk(chunk_id)
        try:
            return _chunks.chunk_from_row(*row)
        except RecordError as exc:
            raise self._error(f"chunk {chunk_id!r}: {exc}") from exc

    def _no_chunk(self, chunk_id: str) -> ChunkNotFoundError:
        return ChunkNotFoundError(
            message=f"{self.path}: no chunk {chunk_id!r} in the store",
            path=str(self.path),
            chunk_id=chunk_id,
        )

    def iter_chunks(self, *, only_current: bool = True) -> Iterator[Chunk]:
        """The stored chunks, in the order they were built; masked ones never.

        Streamed from one read transaction on a connection of its own, as
        :meth:`iter_manifest` is.

        Args:
            only_current: Only the chunks of each page's newest revision
                (of pages present on the wiki); False adds the older ones.

        Raises:
            StoreError: When the store cannot be read or a record is damaged.
        """
        with self._snapshot() as conn:
            if not self._is_v2(conn, 3):
                return
            try:
                yield from _chunks.iter_rows(conn, only_current=only_current)
            except RecordError as exc:
                raise self._error(str(exc)) from exc

    def provenance(self, chunk_id: str) -> ChunkProvenance:
        """Where the chunk *chunk_id* came from: revision, credit, references.

        A few indexed reads: the chunk with its revision's provenance and
        the page's structured attribution, then the references it cites.

        Raises:
            ChunkNotFoundError: When the store holds no such chunk.
            StoreError: When the store cannot be read or a record is damaged.
        """
        if not isinstance(chunk_id, str):
            raise ConfigurationError(message=f"a chunk id is a string: {chunk_id!r}")
        with self._read() as conn:
            try:
                found = (
                    _chunks.provenance(conn, chunk_id) if self._is_v2(conn, 3) else None
                )
            except RecordError as exc:
                raise self._error(f"chunk {chunk_id!r}: {exc}") from exc
        if found is None:
            raise self._no_chunk(chunk_id)
        return found

    def export_chunks(
        self,
        directory: str | os.PathLike[str],
        *,
        format: Literal["jsonl", "parquet"] = "jsonl",
        shard_size: int | None = None,
        only_current: bool = True,
    ) -> ExportManifest:
        """Write the stored chunks as JSONL or Parquet shards, with a manifest.

        The writers of :mod:`wikireuse.chunks.export`, fed by
        :meth:`iter_chunks` (masked chunks are never written). The export
        is recorded in the audit log with its counts.

        Args:
            directory: Where to write; created if missing, and must be empty.
            format: ``"jsonl"`` or ``"parquet"`` (the ``parquet`` extra).
            shard_size: Records per shard (the writer's default if ``None``).
            only_current: Only the chunks of each page's newest revision.

        Raises:
            ConfigurationError: A bad format, shard size or directory.
            StoreError: When the store cannot be read.
        """
        writers = {"jsonl": write_jsonl, "parquet": write_parquet}
        if format not in writers:
            raise ConfigurationError(
                message=f"format must be 'jsonl' or 'parquet', got {format!r}"
            )
        options = {} if shard_size is None else {"shard_size": shard_size}
        manifest = writers[format](
            self.iter_chunks(only_current=only_current), directory, **options
        )
        self._record(
            "export",
            None,
            {
                "what": "chunks",
                "format": format,
                "directory": str(directory),
                "records": manifest.records,
                "files": len(manifest.files),
                "revisions": len(manifest.revisions),
                "licenses": list(manifest.licenses),
                "only_current": only_current,
            },
        )
        return manifest

    def embed_chunks(
        self,
        embedder: Embedder,
        *,
        batch_size: int = 256,
        only_current: bool = True,
    ) -> EmbedReport:
        """Compute and keep the vectors *embedder* has not made yet.

        Incremental: only chunks without a vector of the embedder's model id
        are embedded, *batch_size* a call and a transaction, so a stopped run
        keeps what it finished and a second run adds nothing. Masked chunks
        are never embedded. An ``embed`` entry with the counts goes to the
        audit log.

        Args:
            embedder: Any :class:`~wikireuse.typing.Embedder`.
            batch_size: Texts per ``embed()`` call and per transaction.
            only_current: Only the chunks of each page's newest revision.

        Raises:
            ConfigurationError: For a bad embedder, a vector of the wrong
                length or not finite, or a model id the store keeps with
                other dimensions.
            StoreError: When the store cannot be read or written.
        """
        model_id, dimensions = _chunks.check_embedder(embedder)
        _chunks.check_batch_size(batch_size)
        with self._write() as conn:
            self._upgrade(conn)
            _chunks.register_embedder(conn, model_id, dimensions, self._now())
        added = batches = 0
        after = -1
        while True:
            with self._read() as conn:
                rows = _chunks.unembedded(
                    conn,
                    model_id,
                    only_current=only_current,
                    after=after,
                    limit=batch_size,
                )
            if not rows:
                break
            after = rows[-1][0]
            vectors = embedder.embed([text for _, text in rows])
            if len(vectors) != len(rows):
                raise ConfigurationError(
                    message=f"embedder {model_id!r} gave {len(vectors)} vectors "
                    f"for {len(rows)} texts"
                )
            blobs = [
                (seq, _chunks.vector_blob(vector, model_id, dimensions))
                for (seq, _), vector in zip(rows, vectors, strict=True)
            ]
            with self._write() as conn:
                added += _chunks.write_vectors(conn, model_id, blobs)
            batches += 1
        report = EmbedReport(
            model_id=model_id, dimensions=dimensions, added=added, batches=batches
        )
        self._record("embed", None, report.to_dict())
        return report

    # -- lifetime -------------------------------------------------------------

    def close(self) -> None:
        """Close the database (calling it again does nothing)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __repr__(self) -> str:
        return f"<wikireuse.Store {str(self.path)!r}>"


def _insert_revision(conn: sqlite3.Connection, article: Article, digest: str) -> int:
    """Add *article*'s revision row (its content hash already checked); its row id."""
    cur = conn.execute(_ingest.INSERT_REVISION, _ingest.revision_row(article, digest))
    return int(cur.lastrowid or 0)


def _index_titles(conn: sqlite3.Connection, article: Article) -> None:
    """Point every title that led to *article* at its page."""
    for title in _aliases(article):
        conn.execute(
            "INSERT INTO titles (wiki, title, pageid) VALUES (?, ?, ?) "
            "ON CONFLICT (wiki, title) DO UPDATE SET pageid = excluded.pageid",
            (article.wiki, title, article.pageid),
        )


def _masked(article: Article, fields: tuple[str, ...], reason: str) -> Article:
    """*article* with the hidden *fields* taken out (see :meth:`Store.redact`)."""
    changes: dict[str, Any] = {}
    provenance = article.provenance
    if "text" in fields:
        changes.update(wikitext="", html=None, html_etag=None, extract=None, sha1=None)
        provenance = attrs.evolve(provenance, content_hash=content_hash(""))
    if "user" in fields:
        changes["contributors"] = None
    note = f"masked by wikireuse ({', '.join(fields)} hidden on the wiki: {reason})"
    if provenance.note:
        note = f"{provenance.note}; {note}"
    return attrs.evolve(
        article,
        provenance=attrs.evolve(
            provenance,
            steps=(*provenance.steps, f"masked {', '.join(fields)}: {reason}"),
            note=note,
        ),
        **changes,
    )


def _aliases(article: Article) -> tuple[str, ...]:
    """Every title that led to *article*'s page, without duplicates."""
    titles = [article.title]
    if article.normalized_from:
        titles.append(article.normalized_from)
    titles.extend(article.redirects)
    requested = article.requested
    if requested and not requested.startswith(("pageid:", "revid:")):
        titles.append(requested)
    return tuple(t for t in dict.fromkeys(titles) if t)

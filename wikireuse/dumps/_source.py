"""Opening dump files: compression, SHA-1, bytes read, and where a fault is.

Shared by the XML and the Enterprise readers. A file is read twice: once to
compute the SHA-1 of its bytes as stored (the checksum Wikimedia publishes
for its dump files, so a provenance record can be checked against the
download page), then streamed. Hashing reads compressed bytes, which is
several times faster than the parsing that follows.

A compressed file is decompressed ahead of the parser by a thread of its own
(*read-ahead*): bz2 and zlib release the GIL while they work, so on a
machine with a second core the decompression (about 40 % of reading a
``.xml.bz2`` dump on one core) overlaps the XML parsing instead of adding to
it. The thread hands the parser chunks of at most ``_OUT`` bytes through a
queue of ``_DEPTH`` chunks, so memory stays bounded.
"""

from __future__ import annotations

import bz2
import hashlib
import io
import os
import pathlib
import queue
import threading
import zlib
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import IO, Any, Final, Literal, TypeVar

import attrs

from wikireuse.core._time import from_epoch
from wikireuse.exceptions import ConfigurationError, DumpError

__all__ = [
    "DumpFile",
    "DumpStream",
    "PageChange",
    "Prefixed",
    "Source",
    "open_source",
    "read_time",
]

_Item = TypeVar("_Item")

_CHUNK: Final = 1 << 20
_BZ2_MAGIC: Final = b"BZh"
_GZIP_MAGIC: Final = b"\x1f\x8b"
# Read-ahead: compressed bytes fed to the decompressor per call (large, so
# the thread gives up and takes back the GIL rarely: each handover can wait
# for the parser's switch interval), the most bytes one call may return, and
# the chunks the queue holds (at most _DEPTH x _OUT bytes decompressed ahead).
_IN: Final = 1 << 18
_OUT: Final = 1 << 20
_DEPTH: Final = 8


class _Counting(io.RawIOBase):
    """A raw stream that counts the bytes read through it (the progress bar's)."""

    def __init__(self, inner: IO[bytes]) -> None:
        super().__init__()
        self._inner = inner
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._inner.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        self.count += size
        return size


class Prefixed(io.RawIOBase):
    """The first bytes of a stream (already read to check them), then the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


_TRUNCATED: Final = "Compressed file ended before the end-of-stream marker was reached"


def _decompressed_chunks(
    raw: IO[bytes],
    new: Callable[[], Any],
    *,
    wants_input: Callable[[Any], bool],
    held: Callable[[Any], bytes],
) -> Iterator[bytes]:
    """The decompressed bytes of a file of one or more compressed streams.

    As the standard library's ``bz2``/``gzip`` readers do: streams follow
    one another (multi-stream bz2 dumps, gzip members), trailing bytes that
    are not a stream end the file, a stream cut short raises ``EOFError``.
    *held* gives the input a decompressor handed back (zlib's unconsumed
    tail); *wants_input* whether it has drained what it was given.
    """
    decompressor, streams, fed = new(), 0, False
    while True:
        if decompressor.eof:
            data = decompressor.unused_data
            decompressor, streams, fed = new(), streams + 1, False
        else:
            data = held(decompressor)
        if not data and wants_input(decompressor):
            data = raw.read(_IN)
            if not data:
                while not decompressor.eof and (
                    out := decompressor.decompress(b"", _OUT)
                ):
                    yield out
                if fed and not decompressor.eof:
                    raise EOFError(_TRUNCATED)
                return
        try:
            out = decompressor.decompress(data, _OUT)
        except (OSError, zlib.error):
            if streams and not fed:
                return  # trailing bytes after the last stream, as bz2/gzip allow
            raise
        fed = True
        if out:
            yield out


def _bz2_chunks(raw: IO[bytes]) -> Iterator[bytes]:
    # A BZ2Decompressor keeps unconsumed input itself and says when it has
    # drained it (needs_input); until then it is called with no new bytes.
    return _decompressed_chunks(
        raw,
        bz2.BZ2Decompressor,
        wants_input=lambda d: bool(d.needs_input),
        held=lambda d: b"",
    )


def _gzip_chunks(raw: IO[bytes]) -> Iterator[bytes]:
    return _decompressed_chunks(
        raw,
        lambda: zlib.decompressobj(wbits=31),  # with the gzip header and trailer
        wants_input=lambda d: True,
        held=lambda d: bytes(d.unconsumed_tail),
    )


class _Chunked(io.RawIOBase):
    """A raw stream over decompressed chunks, made as the reader asks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__()
        self._chunks = chunks
        self._current = memoryview(b"")
        self._ended = False

    def _next(self) -> bytes:
        """The next chunk, ``b""`` at the end."""
        return next(self._chunks, b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._current:
            if self._ended:
                return 0
            try:
                item = self._next()
            except BaseException:
                self._ended = True
                raise
            if not item:
                self._ended = True
                return 0
            self._current = memoryview(item)
        size = min(len(buffer), len(self._current))
        buffer[:size] = self._current[:size]
        self._current = self._current[size:]
        return size


class _ReadAhead(_Chunked):
    """Decompressed chunks made by a thread that runs ahead of the reader.

    An error of the decompression (a truncated or corrupt file) is raised
    to the reader where the data ends, with its own type, as the standard
    library's file objects would raise it.
    """

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__(chunks)
        self._queue: queue.Queue[bytes | BaseException] = queue.Queue(_DEPTH)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="wikireuse-read-ahead", daemon=True
        )
        self._thread.start()

    def _run(self) -> None:
        item: bytes | BaseException
        try:
            for chunk in self._chunks:
                if not self._put(chunk):
                    return
            item = b""
        except BaseException as exc:  # handed to the reader
            item = exc
        self._put(item)

    def _put(self, item: bytes | BaseException) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
            except queue.Full:
                continue
            return True
        return False

    def _next(self) -> bytes:
        item = self._queue.get()
        if isinstance(item, BaseException):
            raise item
        return item

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        super().close()


@attrs.frozen(kw_only=True)
class DumpFile:
    """The file a dump was read from.

    Attributes:
        name: The file's name (without folders), or ``<stream>``.
        uri: ``file://`` URI of the file, when it has a path.
        sha1: SHA-1 (hex) of the file's bytes as stored (compressed).
        size: Its size in bytes.
        compression: ``bz2``, ``gzip`` or ``""``.

    .. versionadded:: 0.2.0
    """

    name: str
    uri: str
    sha1: str
    size: int
    compression: str


@attrs.frozen(kw_only=True)
class PageChange:
    """A deletion or a visibility change read from a snapshot or realtime file.

    Wikimedia Enterprise files carry these besides article records (an
    ``event.type`` of ``delete`` or ``visibility-change``, or a record whose
    ``visibility`` hides something). :func:`~wikireuse.dumps.read_enterprise`
    yields them with ``changes=True``, and
    :meth:`Store.ingest <wikireuse.store.Store.ingest>` applies them in
    order: a deletion marks the stored page deleted, a visibility change
    masks the stored revision through :meth:`Store.redact
    <wikireuse.store.Store.redact>`.

    Attributes:
        kind: ``delete`` or ``visibility``.
        wiki: The wiki's Action API URL.
        pageid: The page.
        title: Its title.
        revid: The revision concerned (for a visibility change).
        hidden: What the revision now hides (``text``, ``user``,
            ``comment``), for a visibility change.
        event: The record's event identifier, when it has one.

    .. versionadded:: 0.2.0
    """

    kind: Literal["delete", "visibility"]
    wiki: str
    pageid: int
    title: str
    revid: int | None = None
    hidden: tuple[Literal["text", "user", "comment"], ...] = ()
    event: str = ""


class Source:
    """An open dump file: the decompressed stream plus bookkeeping."""

    def __init__(
        self,
        file: DumpFile,
        raw: IO[bytes],
        counting: _Counting,
        *,
        read_ahead: bool = True,
    ) -> None:
        self.file = file
        self._raw = raw
        self._counting = counting
        self.read_ahead = read_ahead
        self.stream: IO[bytes] = self._decompressed()

    def _decompressed(self) -> IO[bytes]:
        buffered = io.BufferedReader(self._counting, _CHUNK)
        if not self.file.compression:
            return buffered
        # Large chunks through our own decompression loop, not bz2.BZ2File /
        # gzip.GzipFile: they feed the decompressor 8 KiB at a time, a
        # Python call each, which costs more CPU than the large calls.
        chunks = (_bz2_chunks if self.file.compression == "bz2" else _gzip_chunks)(
            buffered
        )
        raw = _ReadAhead(chunks) if self.read_ahead else _Chunked(chunks)
        return io.BufferedReader(raw, _CHUNK)

    @property
    def bytes_read(self) -> int:
        """Bytes of the stored file read so far."""
        return self._counting.count

    def error(self, what: str, position: str = "") -> DumpError:
        """A :class:`DumpError` naming the file and the byte reached."""
        where = position or f"byte {self.bytes_read} of {self.file.size}"
        return DumpError(
            message=f"{self.file.name}: {what} (at {where})",
            path=self.file.uri or self.file.name,
            position=where,
        )

    def close(self) -> None:
        """Close the streams this source opened."""
        self.stream.close()
        self._raw.close()


def _compression(head: bytes) -> str:
    if head.startswith(_BZ2_MAGIC):
        return "bz2"
    if head.startswith(_GZIP_MAGIC):
        return "gzip"
    return ""


def _sha1(raw: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha1()  # noqa: S324  # the checksum Wikimedia publishes
    size = 0
    while chunk := raw.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def open_source(
    path_or_file: str | os.PathLike[str] | IO[bytes], *, read_ahead: bool = True
) -> Source:
    """Open a dump by path or (seekable, binary) file object.

    Compression is recognised by the file's first bytes, not its name.
    With *read_ahead*, a compressed file is decompressed by a thread ahead
    of the reader (see the module's text).

    Raises:
        ConfigurationError: For anything but a path or a seekable binary file.
        DumpError: When the file cannot be read.
    """
    if isinstance(path_or_file, str | os.PathLike):
        path = pathlib.Path(os.fspath(path_or_file))
        try:
            raw: IO[bytes] = path.open("rb")
        except OSError as exc:
            raise DumpError(
                message=f"{path}: cannot open: {exc}", path=str(path)
            ) from exc
        name, uri = path.name, path.absolute().as_uri()
    elif hasattr(path_or_file, "read") and hasattr(path_or_file, "seek"):
        raw = path_or_file
        if not (raw.seekable() and isinstance(raw.read(0), bytes)):
            raise ConfigurationError(
                message="a dump file object must be binary and seekable "
                "(its SHA-1 is computed before it is read)"
            )
        label = getattr(raw, "name", None)
        name = os.path.basename(label) if isinstance(label, str) else "<stream>"
        uri = ""
    else:
        raise ConfigurationError(
            message=f"expected a file path or a binary file, got {path_or_file!r}"
        )
    try:
        start = raw.tell()
        sha1, size = _sha1(raw)
        raw.seek(start)
        compression = _compression(raw.read(4))
        raw.seek(start)
    except OSError as exc:
        raw.close()
        raise DumpError(
            message=f"{name}: cannot read: {exc}", path=uri or name
        ) from exc
    file = DumpFile(name=name, uri=uri, sha1=sha1, size=size, compression=compression)
    return Source(file, raw, _Counting(raw), read_ahead=read_ahead)


class DumpStream(Iterator[_Item]):
    """The articles of a dump, streamed, with progress for a progress bar.

    (With ``read_enterprise(..., changes=True)`` the items are articles and
    :class:`PageChange` records, in file order.)

    Use it in a ``with`` block when you may stop before the end, so the file
    is closed.

    Attributes:
        file: The file being read (name, SHA-1, size).
        skipped: Records not yielded, by why (hidden text, deletion events).

    .. versionadded:: 0.2.0
    """

    def __init__(
        self,
        source: Source,
        items: Callable[[DumpStream[_Item]], Iterator[_Item]],
    ) -> None:
        self._source = source
        self.file = source.file
        self.skipped: dict[str, int] = {}
        self._items = items(self)

    @property
    def bytes_read(self) -> int:
        """Bytes of the stored file read so far."""
        return self._source.bytes_read

    def skip(self, why: str) -> None:
        """Count one record left out."""
        self.skipped[why] = self.skipped.get(why, 0) + 1

    def __iter__(self) -> DumpStream[_Item]:
        return self

    def __next__(self) -> _Item:
        return next(self._items)

    def close(self) -> None:
        """Stop reading and close the file (a stream read to its end is closed)."""
        close: Callable[[], None] | None = getattr(self._items, "close", None)
        if close is not None:
            close()
        self._source.close()

    def __enter__(self) -> DumpStream[_Item]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def read_time(wall_clock: Callable[[], float]) -> datetime:
    """Now, by the injected clock (when the dump was read, for provenance)."""
    return from_epoch(wall_clock())

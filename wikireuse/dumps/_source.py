"""Opening dump files: compression, SHA-1, bytes read, and where a fault is.

Shared by the XML and the Enterprise readers. A file is read twice: once to
compute the SHA-1 of its bytes as stored (the checksum Wikimedia publishes
for its dump files, so a provenance record can be checked against the
download page), then streamed. Hashing reads compressed bytes, which is
several times faster than the parsing that follows.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import os
import pathlib
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import IO, Any, Final, cast

import attrs

from wikireuse.core._time import from_epoch
from wikireuse.exceptions import ConfigurationError, DumpError
from wikireuse.records.articles import Article

__all__ = ["DumpFile", "DumpStream", "Prefixed", "Source", "open_source", "read_time"]

_CHUNK: Final = 1 << 20
_BZ2_MAGIC: Final = b"BZh"
_GZIP_MAGIC: Final = b"\x1f\x8b"


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


class Source:
    """An open dump file: the decompressed stream plus bookkeeping."""

    def __init__(self, file: DumpFile, raw: IO[bytes], counting: _Counting) -> None:
        self.file = file
        self._raw = raw
        self._counting = counting
        self.stream: IO[bytes] = self._decompressed()

    def _decompressed(self) -> IO[bytes]:
        buffered = io.BufferedReader(self._counting, _CHUNK)
        if self.file.compression == "bz2":
            return bz2.BZ2File(buffered)
        if self.file.compression == "gzip":
            # GzipFile reads like any binary file; typeshed types it apart.
            return cast(IO[bytes], gzip.GzipFile(fileobj=buffered))
        return buffered

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


def open_source(path_or_file: str | os.PathLike[str] | IO[bytes]) -> Source:
    """Open a dump by path or (seekable, binary) file object.

    Compression is recognised by the file's first bytes, not its name.

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
    return Source(file, raw, _Counting(raw))


class DumpStream(Iterator[Article]):
    """The articles of a dump, streamed, with progress for a progress bar.

    Use it in a ``with`` block when you may stop before the end, so the file
    is closed.

    Attributes:
        file: The file being read (name, SHA-1, size).
        skipped: Records not yielded, by why (hidden text, deletion events).

    .. versionadded:: 0.2.0
    """

    def __init__(
        self, source: Source, items: Callable[[DumpStream], Iterator[Article]]
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

    def __iter__(self) -> DumpStream:
        return self

    def __next__(self) -> Article:
        return next(self._items)

    def close(self) -> None:
        """Stop reading and close the file (a stream read to its end is closed)."""
        close: Callable[[], None] | None = getattr(self._items, "close", None)
        if close is not None:
            close()
        self._source.close()

    def __enter__(self) -> DumpStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def read_time(wall_clock: Callable[[], float]) -> datetime:
    """Now, by the injected clock (when the dump was read, for provenance)."""
    return from_epoch(wall_clock())

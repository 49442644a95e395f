"""Split one MediaWiki XML dump into smaller dumps of whole pages, for parallel work."""

from __future__ import annotations

import bz2
import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Final

from wikireuse.dumps._source import Source, open_source
from wikireuse.dumps._xml import _HEAD, _check_root
from wikireuse.exceptions import ConfigurationError, DumpError

__all__ = ["split_xml_dump"]

_BLOCK: Final = 1 << 20
# Markup inside <text> is escaped (&lt;page&gt;), so a literal "<page" or
# "</page>" in a dump is always the element itself.
_OPEN: Final = re.compile(rb"<page[\s>]")
_CLOSE: Final = b"</page>"
_END: Final = re.compile(rb"\s*</mediawiki>\s*\Z")
_TAIL: Final = b"\n</mediawiki>\n"


def _scan(source: Source) -> tuple[bytes, Iterator[bytes]]:
    """The dump's head (everything before the first page) and its pages' bytes."""
    buffer = b""
    checked = False
    while (found := _OPEN.search(buffer)) is None:
        if not checked and len(buffer) >= _HEAD:
            _check_root(source, buffer[:_HEAD])
            checked = True
        block = source.stream.read(_BLOCK)
        if not block:
            break
        buffer += block
    if not checked:
        _check_root(source, buffer[:_HEAD])
    if found is None:
        end = _END.search(buffer)
        if end is None:
            raise source.error("truncated: no </mediawiki> at the end")
        return buffer[: end.start()], iter(())
    return buffer[: found.start()], _pages(source, buffer[found.start() :])


def _pages(source: Source, buffer: bytes) -> Iterator[bytes]:
    count = 0
    while True:
        end = buffer.find(_CLOSE)
        if end >= 0:
            count += 1
            yield buffer[: end + len(_CLOSE)]
            buffer = buffer[end + len(_CLOSE) :]
        found = _OPEN.search(buffer)
        if found is not None:
            between = buffer[: found.start()].strip()
            if end >= 0 and between:
                raise source.error(
                    f"unexpected content after page {count}: {between[:80]!r}"
                )
            if end >= 0:
                buffer = buffer[found.start() :]
                continue
        elif end >= 0 and _END.match(buffer):
            return
        block = source.stream.read(_BLOCK)
        if not block:
            raise source.error(
                f"truncated: the dump ends after page {count} without </mediawiki>"
            )
        buffer += block


def _count(path: str | os.PathLike[str]) -> int:
    source = open_source(path)
    try:
        _, pages = _scan(source)
        return sum(1 for _ in pages)
    finally:
        source.close()


def split_xml_dump(
    path: str | os.PathLike[str],
    directory: str | os.PathLike[str],
    *,
    shards: int | None = None,
    pages_per_shard: int | None = None,
) -> tuple[Path, ...]:
    """Split an XML dump into dumps of consecutive whole pages, each a ``.xml.bz2``.

    Every shard is a complete MediaWiki export: the original's root element
    and ``<siteinfo>`` (so :func:`read_xml_dump` finds the same wiki,
    namespaces and case rules in each), then its share of the pages in the
    original order. Read in turn, the shards give the same articles as the
    dump itself; only the provenance names the shard file instead.

    Args:
        path: The dump (``.xml``, ``.xml.bz2`` or ``.xml.gz``).
        directory: Where to write ``<name>-00000.xml.bz2``, ...; created if
            missing.
        shards: Split into this many shards of (nearly) equal page counts;
            fewer when the dump has fewer pages. Reads the dump twice.
        pages_per_shard: Or: this many pages per shard (the last may have
            fewer). Reads the dump once.

    Returns:
        The shard files, in page order.

    Raises:
        ConfigurationError: Not exactly one of *shards* and *pages_per_shard*,
            a count below 1, or a directory that cannot be written.
        DumpError: A file that is not a MediaWiki export, or a truncated one.

    >>> import tempfile
    >>> from pathlib import Path
    >>> import wikireuse
    >>> from wikireuse.dumps import read_xml_dump
    >>> repo = Path(wikireuse.__file__).parents[1]
    >>> sample = repo / "examples/data/sample-wiki.xml.bz2"
    >>> with tempfile.TemporaryDirectory() as out:
    ...     parts = split_xml_dump(sample, out, shards=4)
    ...     counts = [sum(1 for _ in read_xml_dump(p)) for p in parts]
    >>> [p.name for p in parts][:2], counts
    (['sample-wiki-00000.xml.bz2', 'sample-wiki-00001.xml.bz2'], [8, 7, 7, 7])

    .. versionadded:: 0.2.0
    """
    if (shards is None) == (pages_per_shard is None):
        raise ConfigurationError(
            message="split_xml_dump needs exactly one of shards= and pages_per_shard="
        )
    wanted = shards if shards is not None else pages_per_shard
    if not isinstance(wanted, int) or isinstance(wanted, bool) or wanted < 1:
        raise ConfigurationError(
            message="shards and pages_per_shard must be positive integers, "
            f"got {wanted!r}"
        )
    sizes: Iterator[int]
    if shards is not None:
        per, extra = divmod(_count(path), shards)
        sizes = iter([n for i in range(shards) if (n := per + (i < extra))])
    else:
        sizes = itertools.repeat(wanted)
    target = Path(directory)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            message=f"cannot write to {str(target)!r}: {exc}"
        ) from exc
    stem = Path(path).name.split(".")[0] or "dump"
    source = open_source(path)
    written: list[Path] = []
    out: IO[bytes] | None = None
    try:
        head, pages = _scan(source)
        left = 0
        for page in pages:
            # a dump that grew since it was counted: the rest joins the last shard
            if left == 0 and (left := next(sizes, 0)):
                if out is not None:
                    out.write(_TAIL)
                    out.close()
                written.append(target / f"{stem}-{len(written):05d}.xml.bz2")
                out = _create(written[-1])
                out.write(head)
            assert out is not None  # noqa: S101  # opened above for the first page
            out.write(page)
            out.write(b"\n  ")
            left -= 1
        if out is not None:
            out.write(_TAIL)
    except DumpError:
        if out is not None:
            out.close()
        for file in written:
            file.unlink(missing_ok=True)
        raise
    finally:
        if out is not None:
            out.close()
        source.close()
    return tuple(written)


def _create(path: Path) -> IO[bytes]:
    try:
        return bz2.open(path, "wb")
    except OSError as exc:
        raise ConfigurationError(message=f"cannot write {str(path)!r}: {exc}") from exc

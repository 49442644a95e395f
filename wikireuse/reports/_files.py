"""The exported files a Croissant description lists: their hashes and formats."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import attrs

from wikireuse.chunks import ExportManifest
from wikireuse.chunks.export import MANIFEST
from wikireuse.exceptions import ConfigurationError, RecordError

__all__ = ["JSONL", "PARQUET", "ExportedFile", "describe_files", "exported_files"]

JSONL: Final = "application/jsonlines"
"""The Croissant encoding format of JSON Lines shards."""
PARQUET: Final = "application/x-parquet"
"""The Croissant encoding format of Parquet shards."""
_FORMATS: Final = {".jsonl": JSONL, ".parquet": PARQUET, ".json": "application/json"}


@attrs.frozen(kw_only=True)
class ExportedFile:
    """One file of an export, as a Croissant ``FileObject`` describes it.

    Attributes:
        path: Where it is, relative to the Croissant file (its
            ``contentUrl``).
        sha256: SHA-256 (hex) of its bytes.
        encoding_format: Its MIME type (``application/jsonlines``,
            ``application/x-parquet``, ``application/json``).
        bytes: Its size.
        records: How many records it holds, when known.
    """

    path: str
    sha256: str
    encoding_format: str
    bytes: int
    records: int | None = None


def _describe(path: Path, name: str) -> ExportedFile:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ConfigurationError(
            message=f"{path}: not an export file (give .jsonl, .parquet or .json)"
        )
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        size = path.stat().st_size
    except OSError as exc:
        raise ConfigurationError(message=f"cannot read {path}: {exc}") from exc
    return ExportedFile(
        path=name, sha256=digest.hexdigest(), encoding_format=fmt, bytes=size
    )


def describe_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[ExportedFile, ...]:
    """The files at *paths*, hashed, their format from their suffix.

    Each :attr:`ExportedFile.path` is the path as given.

    Raises:
        ConfigurationError: A file cannot be read or has another suffix than
            ``.jsonl``, ``.parquet`` or ``.json``.
    """
    return tuple(_describe(Path(p), os.fspath(p)) for p in paths)


def exported_files(directory: str | os.PathLike[str]) -> tuple[ExportedFile, ...]:
    """The shards of an export directory and its ``manifest.json``, hashed.

    Paths are relative to *directory*; the shards' hashes are checked
    against the manifest's.

    Raises:
        ConfigurationError: The directory holds no export manifest, or a
            shard is missing or differs from what the manifest says.
    """
    folder = Path(directory)
    try:
        manifest = ExportManifest.read(folder)
    except RecordError as exc:
        raise ConfigurationError(message=str(exc)) from exc
    found = []
    for shard in manifest.files:
        file = _describe(folder / shard.path, shard.path)
        if file.sha256 != shard.sha256:
            raise ConfigurationError(
                message=f"{folder / shard.path}: its SHA-256 is not the one "
                f"{folder / MANIFEST} records; export again"
            )
        found.append(attrs.evolve(file, records=shard.records))
    found.append(_describe(folder / MANIFEST, MANIFEST))
    return tuple(found)

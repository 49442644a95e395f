"""Write chunks or structured articles to sharded JSONL or Parquet, with a manifest.

The only module of :mod:`wikireuse.chunks` that does I/O: local files, never
the network. Each call writes shards ``part-00000.jsonl`` (or ``.parquet``),
``part-00001…`` into an empty directory, and ``manifest.json`` beside them:
the files with their SHA-256 and record counts, the licences present and the
source revisions. pandas, pyarrow and Hugging Face ``datasets`` read the
shards directly (``datasets.load_dataset("json", data_files=…)``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from wikireuse.chunks._model import SCHEMA as CHUNK_SCHEMA
from wikireuse.chunks._model import Chunk
from wikireuse.core import _json
from wikireuse.core._files import empty_directory
from wikireuse.exceptions import ConfigurationError, RecordError
from wikireuse.licenses import UNKNOWN_ID
from wikireuse.structured.model import SCHEMA as ARTICLE_SCHEMA
from wikireuse.structured.model import StructuredArticle

__all__ = [
    "MANIFEST",
    "SCHEMA",
    "ExportManifest",
    "ShardFile",
    "read_jsonl",
    "write_jsonl",
    "write_parquet",
]

SCHEMA: Final = "wikireuse.export/1"
"""The ``schema`` value of ``manifest.json``."""
MANIFEST: Final = "manifest.json"
"""The manifest's file name in the export directory."""

Record = Chunk | StructuredArticle
Format = Literal["jsonl", "parquet"]


@attrs.frozen(kw_only=True)
class ShardFile:
    """One shard of an export.

    Attributes:
        path: The file name, relative to the export directory.
        sha256: SHA-256 (hex) of the file.
        records: How many records it holds.
        bytes: Its size.
    """

    path: str
    sha256: str
    records: int
    bytes: int


@attrs.frozen(kw_only=True)
class ExportManifest:
    """What an export wrote (``manifest.json``).

    Attributes:
        format: ``"jsonl"`` or ``"parquet"``.
        record_schema: The records' schema (``wikireuse.chunk/1`` or
            ``wikireuse.structured/1``; ``""`` when there were none).
        files: The shards, in order.
        records: How many records in all.
        licenses: SPDX ids of the licences of the records, sorted.
        revisions: The source revisions ``(wiki, revid, title)``, sorted.
    """

    format: Format
    record_schema: str
    files: tuple[ShardFile, ...]
    records: int
    licenses: tuple[str, ...]
    revisions: tuple[tuple[str, int | None, str], ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values (schema ``wikireuse.export/1``)."""
        return {
            "schema": SCHEMA,
            "format": self.format,
            "record_schema": self.record_schema,
            "files": [attrs.asdict(f) for f in self.files],
            "records": self.records,
            "licenses": list(self.licenses),
            "revisions": [
                {"wiki": wiki, "revid": revid, "title": title}
                for wiki, revid, title in self.revisions
            ],
        }

    @classmethod
    def merge(cls, parts: Iterable[tuple[str, ExportManifest]]) -> ExportManifest:
        """One manifest for several exports written into sub-directories.

        The files keep the order of *parts*, each path prefixed with its
        sub-directory; the licences and revisions are the sorted union, so
        merging the same parts always gives the same manifest.

        Args:
            parts: ``(sub-directory, manifest)`` pairs, the sub-directory
                relative to the directory the merged manifest describes.

        Raises:
            ConfigurationError: When the parts differ in format or record
                schema, or there are none.

        >>> shard = ShardFile(path="part-00000.jsonl", sha256="0" * 64,
        ...                   records=2, bytes=10)
        >>> part = ExportManifest(format="jsonl", record_schema="wikireuse.chunk/1",
        ...     files=(shard,), records=2, licenses=("CC-BY-SA-4.0",),
        ...     revisions=(("en.wikipedia.org", 7, "Squirrel"),))
        >>> merged = ExportManifest.merge([("a", part), ("b", part)])
        >>> [f.path for f in merged.files], merged.records, merged.revisions
        (['a/part-00000.jsonl', 'b/part-00000.jsonl'], 4,
         (('en.wikipedia.org', 7, 'Squirrel'),))
        """
        pairs = list(parts)
        if not pairs:
            raise ConfigurationError(message="no manifests to merge")
        formats = {m.format for _, m in pairs}
        schemas = {m.record_schema for _, m in pairs} - {""}
        if len(formats) > 1 or len(schemas) > 1:
            raise ConfigurationError(
                message="cannot merge exports of different kinds: formats "
                f"{sorted(formats)}, record schemas {sorted(schemas)}"
            )
        files = tuple(
            attrs.evolve(f, path=f"{prefix}/{f.path}")
            for prefix, m in pairs
            for f in m.files
        )
        return cls(
            format=pairs[0][1].format,
            record_schema=schemas.pop() if schemas else "",
            files=files,
            records=sum(f.records for f in files),
            licenses=tuple(sorted({x for _, m in pairs for x in m.licenses})),
            revisions=_sorted_revisions(r for _, m in pairs for r in m.revisions),
        )

    def write(self, directory: str | os.PathLike[str]) -> None:
        """Write this manifest as ``manifest.json`` in *directory*.

        Raises:
            ConfigurationError: When it cannot be written.
        """
        try:
            (Path(directory) / MANIFEST).write_text(
                json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8",
            )
        except OSError as exc:
            raise ConfigurationError(
                message=f"cannot write the manifest: {exc}"
            ) from exc

    @classmethod
    def read(cls, directory: str | os.PathLike[str]) -> ExportManifest:
        """Read the manifest of an export directory.

        Raises:
            RecordError: When it is missing or not a ``wikireuse.export/1`` manifest.
        """
        path = Path(directory) / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data["schema"] != SCHEMA:
                raise ValueError(f"schema {data['schema']!r}")
            return cls(
                format=data["format"],
                record_schema=data["record_schema"],
                files=tuple(ShardFile(**f) for f in data["files"]),
                records=data["records"],
                licenses=tuple(data["licenses"]),
                revisions=tuple(
                    (r["wiki"], r["revid"], r["title"]) for r in data["revisions"]
                ),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise RecordError(
                message=f"no readable {SCHEMA} manifest at {path}: {exc}"
            ) from exc


def write_jsonl(
    items: Iterable[Record],
    directory: str | os.PathLike[str],
    *,
    shard_size: int = 10_000,
) -> ExportManifest:
    """Write chunks or structured articles as JSON Lines shards, with a manifest.

    Each line is the record's ``to_dict()`` (it names its schema).

    Args:
        items: :class:`~wikireuse.chunks.Chunk` s, or
            :class:`~wikireuse.structured.StructuredArticle` s (not both).
        directory: Where to write; created if missing, and must be empty.
        shard_size: Records per shard.

    Raises:
        ConfigurationError: A bad *shard_size*, a directory that is not empty
            or cannot be written, or items of mixed or other types.

    >>> import tempfile
    >>> from wikireuse.structured import structure
    >>> with tempfile.TemporaryDirectory() as out:
    ...     m = write_jsonl([structure("Hello.")] * 3, out, shard_size=2)
    >>> [(f.path, f.records) for f in m.files], m.record_schema
    ([('part-00000.jsonl', 2), ('part-00001.jsonl', 1)], 'wikireuse.structured/1')
    """
    return _write(items, directory, shard_size=shard_size, fmt="jsonl")


def read_jsonl(source: str | os.PathLike[str]) -> Iterator[Record]:
    """Stream the records of a JSONL export, one line at a time.

    Args:
        source: An export directory (its shards are read in the order its
            ``manifest.json`` lists them) or one ``.jsonl`` shard.

    Yields:
        :class:`~wikireuse.chunks.Chunk` s or
        :class:`~wikireuse.structured.StructuredArticle` s, by each line's
        ``schema``.

    Raises:
        RecordError: A missing or unreadable file or manifest, a Parquet
            export, or a line that is no record of either schema (the error
            names the file and line).

    >>> import tempfile
    >>> from wikireuse.structured import structure
    >>> with tempfile.TemporaryDirectory() as out:
    ...     _ = write_jsonl([structure("Hello.")] * 3, out, shard_size=2)
    ...     back = list(read_jsonl(out))
    >>> len(back), back[0].to_dict() == structure("Hello.").to_dict()
    (3, True)
    """
    path = Path(source)
    if path.is_dir():
        manifest = ExportManifest.read(path)
        if manifest.format != "jsonl":
            raise RecordError(message=f"{path} holds a {manifest.format} export")
        shards = [path / shard.path for shard in manifest.files]
    else:
        shards = [path]
    readers: dict[str, Callable[[Any], Record]] = {
        CHUNK_SCHEMA: Chunk.from_dict,
        ARTICLE_SCHEMA: StructuredArticle.from_dict,
    }
    for shard in shards:
        try:
            with shard.open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, 1):
                    try:
                        data = json.loads(line)
                        reader = readers[data["schema"]]
                        yield reader(data)
                    except (ValueError, KeyError, TypeError) as exc:
                        # RecordError is a ValueError: it gets the place too
                        raise RecordError(
                            message=f"{shard}, line {number}: not a chunk or "
                            f"structured article record: {exc}"
                        ) from exc
        except OSError as exc:
            raise RecordError(message=f"cannot read {shard}: {exc}") from exc


def write_parquet(
    items: Iterable[Record],
    directory: str | os.PathLike[str],
    *,
    shard_size: int = 100_000,
) -> ExportManifest:
    """Write chunks or structured articles as Parquet shards, with a manifest.

    Chunks get one column per field (lists for ``section_path``,
    ``cites`` and ``minimisation``) and a ``schema`` column; structured
    articles get their identifying fields as columns and the whole record as
    JSON in ``record`` (their nested parts have no fixed columnar shape).
    Needs the ``parquet`` extra (pyarrow).

    Args:
        items: Chunks or structured articles (not both).
        directory: Where to write; created if missing, and must be empty.
        shard_size: Records per shard.

    Raises:
        ConfigurationError: As :func:`write_jsonl`, or pyarrow is not installed.
    """
    return _write(items, directory, shard_size=shard_size, fmt="parquet")


def _write(
    items: Iterable[Record],
    directory: str | os.PathLike[str],
    *,
    shard_size: int,
    fmt: Format,
) -> ExportManifest:
    if (
        not isinstance(shard_size, int)
        or isinstance(shard_size, bool)
        or shard_size < 1
    ):
        raise ConfigurationError(
            message=f"shard_size must be a positive integer, got {shard_size!r}"
        )
    writer = _parquet_shard if fmt == "parquet" else _jsonl_shard
    target = empty_directory(directory)
    kind: type[Chunk] | type[StructuredArticle] | None = None
    licenses: set[str] = set()
    revisions: set[tuple[str, int | None, str]] = set()
    files: list[ShardFile] = []
    for batch in _batches(items, shard_size):
        for item in batch:
            kind = _kind(item, kind)
            licenses.add(_license(item))
            revisions.add((item.wiki, item.revid, item.title))
        name = f"part-{len(files):05d}.{fmt}"
        path = target / name
        try:
            writer(batch, path)
            data = path.read_bytes()
        except OSError as exc:
            raise ConfigurationError(
                message=f"cannot write {str(path)!r}: {exc}"
            ) from exc
        files.append(
            ShardFile(
                path=name,
                sha256=hashlib.sha256(data).hexdigest(),
                records=len(batch),
                bytes=len(data),
            )
        )
    manifest = ExportManifest(
        format=fmt,
        record_schema=_SCHEMAS.get(kind, ""),
        files=tuple(files),
        records=sum(f.records for f in files),
        licenses=tuple(sorted(licenses)),
        revisions=_sorted_revisions(revisions),
    )
    manifest.write(target)
    return manifest


def _sorted_revisions(
    revisions: Iterable[tuple[str, int | None, str]],
) -> tuple[tuple[str, int | None, str], ...]:
    return tuple(sorted(set(revisions), key=lambda r: (r[0], r[1] or 0, r[2])))


_SCHEMAS: Final[dict[type[Record] | None, str]] = {
    Chunk: CHUNK_SCHEMA,
    StructuredArticle: ARTICLE_SCHEMA,
}


def _batches(items: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _kind(
    item: object, seen: type[Chunk] | type[StructuredArticle] | None
) -> type[Chunk] | type[StructuredArticle]:
    if not isinstance(item, (Chunk, StructuredArticle)):
        raise ConfigurationError(
            message="exports take Chunks or StructuredArticles, got "
            f"{type(item).__name__}"
        )
    kind = type(item)
    if seen is not None and kind is not seen:
        raise ConfigurationError(
            message="one export holds one kind of record: "
            f"got a {kind.__name__} after {seen.__name__}s"
        )
    return kind


def _license(item: Record) -> str:
    if isinstance(item, Chunk):
        return item.license_spdx
    return item.license.spdx if item.license is not None else UNKNOWN_ID


def _jsonl_shard(batch: list[Record], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for item in batch:
            out.write(_json.escape_surrogates(_json.compact(item.to_dict())) + "\n")


# The identifying columns of a structured article in Parquet; the whole
# record rides in "record" as JSON.
_ARTICLE_COLUMNS: Final = (
    "wiki",
    "pageid",
    "revid",
    "timestamp",
    "title",
    "lang",
    "url",
)


def _parquet_shard(batch: list[Record], path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigurationError(
            message="write_parquet needs pyarrow: pip install 'wikireuse[parquet]'"
        ) from exc
    rows: list[Mapping[str, Any]]
    if isinstance(batch[0], Chunk):
        rows = [item.to_dict() for item in batch]
        schema = pa.schema(
            [(name, _arrow_type(pa, name)) for name in ("schema", *_CHUNK_FIELDS)]
        )
    else:
        rows = [
            {
                **{name: getattr(item, name) for name in _ARTICLE_COLUMNS},
                "license_spdx": _license(item),
                "record": _json.compact(item.to_dict()),
            }
            for item in batch
        ]
        schema = pa.schema(
            [
                (name, pa.int64() if name in ("pageid", "revid") else pa.string())
                for name in (*_ARTICLE_COLUMNS, "license_spdx", "record")
            ]
        )
    try:
        table = pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowException, UnicodeError) as exc:
        # e.g. a lone surrogate, which JSON can escape but Parquet cannot hold
        raise ConfigurationError(
            message=f"cannot write {path.name} as Parquet: {exc}"
        ) from exc
    pq.write_table(table, path)


_CHUNK_FIELDS: Final = tuple(f.name for f in attrs.fields(Chunk))
_CHUNK_INTS: Final = frozenset(
    {"section_id", "start", "end", "overlap", "pageid", "revid"}
)
_CHUNK_LISTS: Final = frozenset({"section_path", "cites", "minimisation"})


def _arrow_type(pa: Any, name: str) -> Any:
    if name in _CHUNK_INTS:
        return pa.int64()
    if name in _CHUNK_LISTS:
        return pa.list_(pa.string())
    return pa.string()

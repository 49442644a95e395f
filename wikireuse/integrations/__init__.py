r"""Adapters for RAG frameworks: chunks with all their provenance, as metadata.

:mod:`wikireuse.integrations.langchain` (the ``langchain`` extra) and
:mod:`wikireuse.integrations.llamaindex` (the ``llamaindex`` extra) turn
stored or exported :class:`~wikireuse.chunks.Chunk` s and search
:class:`~wikireuse.search.Hit` s into the frameworks' documents and nodes.
This package holds what both share and imports neither framework: the
metadata, and the chunk sources a loader reads.

**The metadata** of a chunk is every field of :class:`~wikireuse.chunks.Chunk`
but its text (the framework's ``page_content`` / ``text``), named as the
field — derived from the class, so a field added to it is carried too — and,
for a search result, the hit's :data:`HIT_FIELDS`. Vector stores keep flat
metadata only (LlamaIndex accepts ``str``, ``int``, ``float`` and ``None``;
LangChain's stores the same, plus ``bool``), so a tuple or mapping field
(``section_path``, ``cites``) becomes its compact JSON text
(``'["History", "Early years"]'``) and a missing value stays ``None``:
:func:`chunk_from_metadata` reads it all back into the very same chunk.

>>> import attrs
>>> from wikireuse.chunks import chunk
>>> from wikireuse.structured import structure
>>> doc = attrs.evolve(
...     structure("Squirrels climb trees.\n== Diet ==\nThey eat nuts."),
...     wiki="en.wikipedia.org", title="Squirrel", revid=1171934824,
...     url="https://en.wikipedia.org/wiki/Squirrel")
>>> diet = chunk(doc)[1]
>>> meta = chunk_metadata(diet)
>>> meta["section_path"], meta["revid"], meta["permalink"]
('["Diet"]', 1171934824, 'https://en.wikipedia.org/wiki/Squirrel?oldid=1171934824#Diet')
>>> chunk_from_metadata(diet.text, meta) == diet
True

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import enum
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from types import UnionType
from typing import (
    Any,
    Final,
    Literal,
    TypeAlias,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

import attrs

from wikireuse.chunks import SCHEMA, Chunk, read_jsonl
from wikireuse.core import _json
from wikireuse.exceptions import (
    ConfigurationError,
    IntegrationSupportError,
    RecordError,
)
from wikireuse.records._codec import encode
from wikireuse.search import Hit
from wikireuse.store import Store

__all__ = [
    "CHUNK_FIELDS",
    "EMBED_METADATA_KEYS",
    "HIT_FIELDS",
    "LLM_METADATA_KEYS",
    "METADATA_KEYS",
    "ChunkReader",
    "ChunkSource",
    "MetadataValue",
    "chunk_from_metadata",
    "chunk_metadata",
    "iter_source",
]

MetadataValue: TypeAlias = str | int | float | bool | None
"""A flat metadata value, as vector stores keep them."""

ChunkSource: TypeAlias = "Store | Iterable[Chunk] | str | os.PathLike[str]"
"""Where a loader reads chunks: a store, chunks, or a JSONL export."""

CHUNK_FIELDS: Final[tuple[str, ...]] = tuple(
    f.name for f in attrs.fields(Chunk) if f.name != "text"
)
"""The chunk's fields carried as metadata: all of them but ``text``."""

HIT_FIELDS: Final[tuple[str, ...]] = tuple(
    f.name for f in attrs.fields(Hit) if f.name != "chunk"
)
"""What a search result adds: ``rank``, ``score``, ``method``, … ``current``."""

METADATA_KEYS: Final[tuple[str, ...]] = CHUNK_FIELDS + HIT_FIELDS
"""Every metadata key an adapter may write."""

LLM_METADATA_KEYS: Final[tuple[str, ...]] = (
    "title",
    "section_path",
    "attribution",
    "permalink",
)
"""What an LLM is shown beside a chunk's text: where it is, and how to cite it.

The credit line (``attribution``) and the ``permalink`` let the model cite
its sources; the rest (ids, offsets, hashes, licence URLs, ranks) is for
the program, not the prompt.
"""

EMBED_METADATA_KEYS: Final[tuple[str, ...]] = ("title", "section_path")
"""What an embedding model is shown beside a chunk's text: where it is."""


def _flattened(kind: Any) -> bool:
    """Whether a field of type *kind* holds a tuple, mapping or record."""
    origin = get_origin(kind)
    if origin in (Union, UnionType):
        return any(_flattened(arg) for arg in get_args(kind))
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return False  # written as its value, a plain scalar
    return not (origin is Literal or kind in (str, int, float, bool, type(None)))


# The fields written as JSON text: derived from the types, so both ways agree.
_JSON_FIELDS: Final = frozenset(
    name for name, kind in get_type_hints(Chunk).items() if _flattened(kind)
)


def chunk_metadata(chunk: Chunk, hit: Hit | None = None) -> dict[str, MetadataValue]:
    """The flat metadata of *chunk*: every field but its text, and *hit*'s ranks.

    Args:
        chunk: The chunk.
        hit: The search result it came from, if any: adds :data:`HIT_FIELDS`.

    Raises:
        ConfigurationError: When *chunk* is not a :class:`~wikireuse.chunks.Chunk`.
    """
    if not isinstance(chunk, Chunk):
        raise ConfigurationError(
            message=f"metadata is made of a Chunk, got {type(chunk).__name__}"
        )
    data = encode(chunk)
    meta: dict[str, MetadataValue] = {
        name: _json.compact(data[name]) if name in _JSON_FIELDS else data[name]
        for name in CHUNK_FIELDS
    }
    if hit is not None:
        meta.update({name: getattr(hit, name) for name in HIT_FIELDS})
    return meta


def chunk_from_metadata(text: str, metadata: Mapping[str, Any]) -> Chunk:
    """The chunk back from its text and the metadata :func:`chunk_metadata` made.

    Keys that are no chunk field (a hit's ranks, a vector store's own) are
    ignored.

    Raises:
        RecordError: When the metadata lacks a field or a value does not fit.
    """
    data: dict[str, Any] = {"schema": SCHEMA, "text": text}
    for name in CHUNK_FIELDS:
        if name not in metadata:
            continue
        value = metadata[name]
        if name in _JSON_FIELDS and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError as exc:
                raise RecordError(
                    message=f"metadata {name!r} is not the JSON text of a "
                    f"{name}: {value[:200]!r}"
                ) from exc
        data[name] = value
    return Chunk.from_dict(data)


def iter_source(
    source: ChunkSource, *, only_current: bool = True, build: bool = False
) -> Iterator[Chunk]:
    """The chunks of *source*, streamed.

    Args:
        source: A :class:`~wikireuse.store.Store` (its chunks,
            :meth:`~wikireuse.store.Store.iter_chunks`), an iterable of
            chunks, or a JSONL export (its directory, or one shard) of
            chunks (:func:`~wikireuse.chunks.read_jsonl`).
        only_current: From a store: only the chunks of each page's newest
            revision.
        build: From a store: first chunk the revisions that have no chunks
            yet (:meth:`~wikireuse.store.Store.build_chunks` with its
            default settings); else chunking is the caller's step.

    Raises:
        ConfigurationError: A source of another kind, or an item that is no
            chunk (the export of structured articles, say).
        RecordError: An unreadable export.
        StoreError: A store that cannot be read.
    """
    if isinstance(source, Store):
        if build:
            source.build_chunks()
        yield from source.iter_chunks(only_current=only_current)
        return
    if isinstance(source, (str, os.PathLike)):
        items: Iterable[Any] = read_jsonl(source)
    elif isinstance(source, Iterable) and not isinstance(source, (bytes, Mapping)):
        items = source
    else:
        raise ConfigurationError(
            message="chunks are read from a Store, an iterable of Chunks or a "
            f"JSONL export, not a {type(source).__name__}"
        )
    for item in items:
        if not isinstance(item, Chunk):
            raise ConfigurationError(
                message=f"{source!r} holds a {type(item).__name__}, not chunks"
                if isinstance(source, (str, os.PathLike))
                else f"expected Chunks, got a {type(item).__name__}"
            )
        yield item


class ChunkReader:
    """What the loaders and readers read: a source of chunks, read lazily.

    Args:
        source: A :class:`~wikireuse.store.Store`, an iterable of
            :class:`~wikireuse.chunks.Chunk` s, or a JSONL export of chunks
            (its directory or one shard); see :func:`iter_source`.
        only_current: From a store: only the chunks of each page's newest
            revision.
        build: From a store: first chunk what has no chunks yet
            (:meth:`Store.build_chunks <wikireuse.store.Store.build_chunks>`
            with its defaults); else that is the caller's step.
    """

    def __init__(
        self, source: ChunkSource, *, only_current: bool = True, build: bool = False
    ) -> None:
        self.source = source
        self.only_current = only_current
        self.build = build

    def chunks(self) -> Iterator[Chunk]:
        """The source's chunks, streamed (see :func:`iter_source`)."""
        return iter_source(
            self.source, only_current=self.only_current, build=self.build
        )


def _missing(extra: str, package: str, exc: ImportError) -> IntegrationSupportError:
    """The error for an adapter imported without its framework."""
    return IntegrationSupportError(
        message=f"wikireuse.integrations.{extra} needs {package}: "
        f"pip install 'wikireuse[{extra}]' ({exc})",
        extra=extra,
        package=package,
    )

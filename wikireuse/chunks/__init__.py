r"""Attributed, section-aware chunks of structured articles, for retrieval (RAG).

A pure package: :func:`chunk` reads a
:class:`~wikireuse.structured.StructuredArticle` and never talks to a wiki
or a store; :mod:`wikireuse.chunks.export` writes chunks (or structured
articles) to JSONL or Parquet shards with a manifest.

>>> import attrs
>>> from wikireuse.structured import structure
>>> doc = attrs.evolve(
...     structure("Squirrels climb trees.\n== Diet ==\nThey eat nuts."),
...     wiki="en.wikipedia.org", title="Squirrel", revid=1171934824,
...     url="https://en.wikipedia.org/wiki/Squirrel",
...     timestamp="2023-08-24T01:14:42Z")
>>> pieces = chunk(doc)
>>> [(c.section_path, c.text, c.license_spdx) for c in pieces]
[((), 'Squirrels climb trees.', 'CC-BY-SA-4.0'),
 (('Diet',), 'They eat nuts.', 'CC-BY-SA-4.0')]
>>> Chunk.from_dict(pieces[1].to_dict()) == pieces[1]
True

.. versionadded:: 0.1.0
"""

from wikireuse.chunks._chunk import MAX_CHARS_LIMIT, chunk
from wikireuse.chunks._model import SCHEMA, Chunk, ChunkKind
from wikireuse.chunks._split import section_text
from wikireuse.chunks.export import (
    ExportManifest,
    ShardFile,
    read_jsonl,
    write_jsonl,
    write_parquet,
)

__all__ = [
    "MAX_CHARS_LIMIT",
    "SCHEMA",
    "Chunk",
    "ChunkKind",
    "ExportManifest",
    "ShardFile",
    "chunk",
    "read_jsonl",
    "section_text",
    "write_jsonl",
    "write_parquet",
]

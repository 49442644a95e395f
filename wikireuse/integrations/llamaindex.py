"""LlamaIndex: a reader and a retriever of attributed chunks.

Needs the ``llamaindex`` extra (``pip install 'wikireuse[llamaindex]'``,
which brings ``llama-index-core``); importing this module without it raises
:class:`~wikireuse.exceptions.IntegrationSupportError` naming the extra.

Each node holds a chunk: its text, the chunk id as node id, and as metadata
every other field of the chunk (:func:`wikireuse.integrations.chunk_metadata`,
flat as LlamaIndex's vector stores require: tuples as JSON text), plus the
rank, score and method of a search hit. What the models see of the metadata
is chosen: the embedding model sees the title and the section path
(:data:`~wikireuse.integrations.EMBED_METADATA_KEYS`) — licence, URLs, ids
and hashes are noise to it — and the LLM also the credit line and the
permalink (:data:`~wikireuse.integrations.LLM_METADATA_KEYS`), so it can
cite. :func:`to_chunk` reads the chunk back.

>>> import tempfile, pathlib
>>> from wikireuse.dumps import read_xml_dump
>>> from wikireuse.store import Store
>>> with tempfile.TemporaryDirectory() as folder:
...     with Store(pathlib.Path(folder) / "s.db") as store:
...         _ = store.ingest(read_xml_dump(
...             "examples/data/sample-wiki.xml.bz2"), source="sample")
...         nodes = WikiReuseReader(store, build=True).load_nodes()
...         found = WikiReuseRetriever(store, k=2).retrieve("Thursday market")
>>> len(nodes), nodes[0].node_id == nodes[0].metadata["id"]
(93, True)
>>> found[0].node.metadata["title"], found[0].score == found[0].node.metadata["score"]
('Ostrel Thursday Market', True)

.. versionadded:: 0.2.0
"""

# No ``from __future__ import annotations``: LlamaIndex wraps the methods of
# its retrievers, and Sphinx then cannot resolve string annotations here.
from collections.abc import Iterator
from typing import Any

from wikireuse.chunks import Chunk
from wikireuse.exceptions import ConfigurationError
from wikireuse.integrations import (
    EMBED_METADATA_KEYS,
    LLM_METADATA_KEYS,
    METADATA_KEYS,
    ChunkReader,
    _missing,
    chunk_from_metadata,
    chunk_metadata,
)
from wikireuse.search import Hit, Method, search
from wikireuse.store import Store
from wikireuse.typing import Embedder

try:
    from llama_index.core.readers.base import BaseReader
    from llama_index.core.retrievers import BaseRetriever
    from llama_index.core.schema import (
        BaseNode,
        Document,
        NodeWithScore,
        QueryBundle,
        TextNode,
    )
except ImportError as exc:
    raise _missing("llamaindex", "llama-index-core", exc) from exc

__all__ = [
    "EXCLUDED_EMBED_METADATA_KEYS",
    "EXCLUDED_LLM_METADATA_KEYS",
    "WikiReuseReader",
    "WikiReuseRetriever",
    "to_chunk",
    "to_document",
    "to_node",
]

EXCLUDED_EMBED_METADATA_KEYS: tuple[str, ...] = tuple(
    key for key in METADATA_KEYS if key not in EMBED_METADATA_KEYS
)
"""Kept from the embedding text: every key but the title and section path."""

EXCLUDED_LLM_METADATA_KEYS: tuple[str, ...] = tuple(
    key for key in METADATA_KEYS if key not in LLM_METADATA_KEYS
)
"""Kept from the LLM: every key but the title, section, credit and permalink."""


def _parts(item: Chunk | Hit) -> tuple[Chunk, dict[str, Any]]:
    hit = item if isinstance(item, Hit) else None
    chunk = item.chunk if isinstance(item, Hit) else item
    return chunk, {
        "metadata": chunk_metadata(chunk, hit),  # checks that it is a chunk
        "id_": chunk.id,
        "excluded_embed_metadata_keys": list(EXCLUDED_EMBED_METADATA_KEYS),
        "excluded_llm_metadata_keys": list(EXCLUDED_LLM_METADATA_KEYS),
    }


def to_node(item: Chunk | Hit) -> TextNode:
    """A chunk, or a search hit, as a TextNode (node id = chunk id).

    Raises:
        ConfigurationError: When *item* is neither.
    """
    chunk, parts = _parts(item)
    return TextNode(text=chunk.text, **parts)


def to_document(item: Chunk | Hit) -> Document:
    """A chunk, or a search hit, as a Document (what readers give).

    Raises:
        ConfigurationError: When *item* is neither.
    """
    chunk, parts = _parts(item)
    return Document(text=chunk.text, **parts)


def to_chunk(node: BaseNode) -> Chunk:
    """The chunk a node or Document of this module holds.

    Raises:
        RecordError: When the node's metadata is not a chunk's.
    """
    return chunk_from_metadata(node.get_content(), node.metadata)


class WikiReuseReader(ChunkReader, BaseReader):
    """Reads attributed chunks as Documents, or as TextNodes, streamed.

    Takes the arguments of :class:`~wikireuse.integrations.ChunkReader`:
    ``source`` (a store, chunks or a JSONL export), ``only_current`` and
    ``build``. The chunks are already cut: give them to an index as nodes
    (``VectorStoreIndex(reader.load_nodes(), ...)``) to keep one node per
    chunk, with the chunk ids; Documents (:meth:`load_data`) go through
    the index's own splitter.
    """

    def lazy_load_data(self, *args: Any, **load_kwargs: Any) -> Iterator[Document]:
        """One Document per chunk, read as they are asked for.

        Raises:
            ConfigurationError: Arguments (it takes none), or a source that
                is not one of chunks.
            RecordError: An unreadable export.
            StoreError: A store that cannot be read.
        """
        if args or load_kwargs:
            raise ConfigurationError(
                message="WikiReuseReader takes its source when it is made; "
                "lazy_load_data() takes no arguments"
            )
        return (to_document(chunk) for chunk in self.chunks())

    def lazy_load_nodes(self) -> Iterator[TextNode]:
        """One TextNode per chunk, read as they are asked for."""
        return (to_node(chunk) for chunk in self.chunks())

    def load_nodes(self) -> list[TextNode]:
        """Every chunk as a TextNode."""
        return list(self.lazy_load_nodes())


class WikiReuseRetriever(BaseRetriever):
    """Retrieves a store's chunks by :func:`wikireuse.search.search`.

    Returns :class:`~llama_index.core.schema.NodeWithScore` s: each node a
    chunk (:func:`to_node`, with the hit's ``rank``, ``score``, ``method``,
    ``fts_rank``, ``vector_rank`` and ``current`` in its metadata), each
    score the hit's. Each query opens read-only connections of its own.

    Args:
        store: The store (open), with chunks built.
        k, only_current, method, embedder: As :func:`wikireuse.search.search`
            takes them (checked by each search).
        callback_manager: LlamaIndex's, passed on.

    Raises:
        ConfigurationError: When *store* is not a store.
    """

    def __init__(
        self,
        store: Store,
        *,
        k: int = 4,
        only_current: bool = True,
        method: Method = "auto",
        embedder: Embedder | None = None,
        callback_manager: Any = None,
    ) -> None:
        if not isinstance(store, Store):
            raise ConfigurationError(
                message=f"WikiReuseRetriever takes a Store, got {type(store).__name__}"
            )
        super().__init__(callback_manager=callback_manager)
        self.store = store
        self.k = k
        self.only_current = only_current
        self.method: Method = method
        self.embedder = embedder

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = search(
            self.store,
            query_bundle.query_str,
            k=self.k,
            embedder=self.embedder,
            only_current=self.only_current,
            method=self.method,
        )
        return [NodeWithScore(node=to_node(hit), score=hit.score) for hit in hits]

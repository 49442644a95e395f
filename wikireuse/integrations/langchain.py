"""LangChain: a document loader and a retriever of attributed chunks.

Needs the ``langchain`` extra (``pip install 'wikireuse[langchain]'``, which
brings ``langchain-core``); importing this module without it raises
:class:`~wikireuse.exceptions.IntegrationSupportError` naming the extra.

Each :class:`~langchain_core.documents.Document` holds a chunk: its text as
``page_content``, its id as ``id``, and as ``metadata`` every other field of
the chunk (:func:`wikireuse.integrations.chunk_metadata`: the revision, the
permalink, the licence, the credit line, …; tuples as JSON text, so any
vector store keeps them), plus the rank, score and method of a search hit.
:func:`to_chunk` reads the chunk back — from a vector store too.

>>> import tempfile, pathlib
>>> from wikireuse.dumps import read_xml_dump
>>> from wikireuse.store import Store
>>> with tempfile.TemporaryDirectory() as folder:
...     with Store(pathlib.Path(folder) / "s.db") as store:
...         _ = store.ingest(read_xml_dump(
...             "examples/data/sample-wiki.xml.bz2"), source="sample")
...         docs = WikiReuseLoader(store, build=True).load()
...         found = WikiReuseRetriever(store=store, k=2).invoke("Thursday market")
>>> len(docs), docs[0].id == docs[0].metadata["id"]
(93, True)
>>> top = found[0].metadata
>>> top["title"], top["rank"], top["method"], top["permalink"].endswith("#top")
('Ostrel Thursday Market', 1, 'fts', True)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from wikireuse.chunks import Chunk
from wikireuse.exceptions import ConfigurationError
from wikireuse.integrations import (
    ChunkReader,
    _missing,
    chunk_from_metadata,
    chunk_metadata,
)
from wikireuse.search import Hit, Method, search
from wikireuse.store import Store
from wikireuse.typing import Embedder

try:
    from langchain_core.callbacks import CallbackManagerForRetrieverRun
    from langchain_core.document_loaders import BaseLoader
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever
    from pydantic import Field, ValidationError
except ImportError as exc:
    raise _missing("langchain", "langchain-core", exc) from exc

__all__ = [
    "WikiReuseLoader",
    "WikiReuseRetriever",
    "to_chunk",
    "to_document",
]


def to_document(item: Chunk | Hit) -> Document:
    """A chunk, or a search hit, as a Document.

    The chunk's text is the ``page_content``, its id the ``id``, its other
    fields the metadata; a hit adds its rank, score and method.

    Raises:
        ConfigurationError: When *item* is neither.
    """
    hit = item if isinstance(item, Hit) else None
    chunk = item.chunk if isinstance(item, Hit) else item
    metadata = chunk_metadata(chunk, hit)  # checks that it is a chunk
    return Document(page_content=chunk.text, metadata=metadata, id=chunk.id)


def to_chunk(document: Document) -> Chunk:
    """The chunk a Document of this module holds (as it came back from a store).

    Raises:
        RecordError: When the document's metadata is not a chunk's.
    """
    return chunk_from_metadata(document.page_content, document.metadata)


class WikiReuseLoader(ChunkReader, BaseLoader):
    """Loads attributed chunks as Documents, streamed (:meth:`lazy_load`).

    Takes the arguments of :class:`~wikireuse.integrations.ChunkReader`:
    ``source`` (a store, chunks or a JSONL export), ``only_current`` and
    ``build``.
    """

    def lazy_load(self) -> Iterator[Document]:
        """One Document per chunk, read as they are asked for.

        Raises:
            ConfigurationError: A source that is not one of chunks.
            RecordError: An unreadable export.
            StoreError: A store that cannot be read.
        """
        return (to_document(chunk) for chunk in self.chunks())


class WikiReuseRetriever(BaseRetriever):
    """Retrieves a store's chunks by :func:`wikireuse.search.search`.

    Each Document carries its chunk's metadata and the hit's (``rank``,
    ``score``, ``method``, ``fts_rank``, ``vector_rank``, ``current``). Each
    query opens read-only connections of its own, so the retriever may be
    shared by threads (LangChain's async calls run in a thread pool).

    Args:
        store: The store (open), with chunks built.
        k: How many documents, at most (1 to 1000).
        only_current: Only chunks of each page's newest revision.
        method: ``"auto"``, ``"fts"``, ``"vector"`` or ``"hybrid"`` (see
            :meth:`wikireuse.search.Searcher.search`).
        embedder: For vector and hybrid search: the embedder whose vectors
            :meth:`Store.embed_chunks <wikireuse.store.Store.embed_chunks>`
            stored.

    Raises:
        ConfigurationError: A bad argument (LangChain's pydantic checks,
            translated).
    """

    store: Store
    k: int = Field(default=4, ge=1, le=1000)
    only_current: bool = True
    method: Method = "auto"
    embedder: Embedder | None = None

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise ConfigurationError(
                message=f"WikiReuseRetriever: bad arguments: {exc}"
            ) from exc

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        hits = search(
            self.store,
            query,
            k=self.k,
            embedder=self.embedder,
            only_current=self.only_current,
            method=self.method,
        )
        return [to_document(hit) for hit in hits]

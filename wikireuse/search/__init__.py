"""Search over a store's chunks: BM25 full text, vectors, and both fused.

Everything lives in the store file: SQLite's FTS5 ranks the chunks by BM25
(nothing to install or download); vectors of any
:class:`~wikireuse.typing.Embedder` (kept by
:meth:`Store.embed_chunks <wikireuse.store.Store.embed_chunks>`) are ranked
with `sqlite-vec <https://github.com/asg017/sqlite-vec>`_ (the ``vectors``
extra); with both, reciprocal rank fusion merges the two lists. Only current
chunks (of each page's newest revision) are searched by default, and every
:class:`Hit` carries its chunk's credit line and permalink.

>>> import tempfile, pathlib
>>> from wikireuse.dumps import read_xml_dump
>>> from wikireuse.store import Store
>>> from wikireuse.testing import HashingEmbedder
>>> with tempfile.TemporaryDirectory() as folder:
...     with Store(pathlib.Path(folder) / "s.db") as store:
...         _ = store.ingest(read_xml_dump(
...             "examples/data/sample-wiki.xml.bz2"), source="sample")
...         _ = store.build_chunks()
...         _ = store.embed_chunks(HashingEmbedder())
...         with Searcher(store, embedder=HashingEmbedder()) as searcher:
...             hits = searcher.search("Thursday market", k=3)
>>> hits[0].method, hits[0].chunk.title, hits[0].fts_rank is not None
('hybrid', 'Ostrel Thursday Market', True)

.. versionadded:: 0.2.0
"""

from wikireuse.search._embedders import Model2VecEmbedder
from wikireuse.search._search import RRF_K, Hit, Method, Searcher, fts_query, search
from wikireuse.typing import Embedder

__all__ = [
    "RRF_K",
    "Embedder",
    "Hit",
    "Method",
    "Model2VecEmbedder",
    "Searcher",
    "fts_query",
    "search",
]

"""Framework adapters (#16 item 4) against the real LangChain and LlamaIndex.

Every chunk of the sample dump, from a real store, goes through each
adapter; the acceptance check compares the metadata field by field with the
chunk and reads the very same chunk back. Vectors come from the
deterministic HashingEmbedder (no model, no network).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from tests.conftest import IN_CI
from tests.test_ingest import sample
from wikireuse.chunks import Chunk, write_jsonl
from wikireuse.exceptions import ConfigurationError, RecordError, SearchError
from wikireuse.integrations import (
    CHUNK_FIELDS,
    HIT_FIELDS,
    LLM_METADATA_KEYS,
    chunk_from_metadata,
    chunk_metadata,
    iter_source,
)
from wikireuse.records.persons import PersonStatus
from wikireuse.search import Hit, search
from wikireuse.store import Store
from wikireuse.testing import HashingEmbedder

try:  # the langchain and llamaindex extras (in dev)
    from langchain_core.documents import Document as LCDocument
    from langchain_core.embeddings import DeterministicFakeEmbedding
    from langchain_core.vectorstores import InMemoryVectorStore
    from llama_index.core import VectorStoreIndex
    from llama_index.core.embeddings import MockEmbedding
    from llama_index.core.schema import Document as LIDocument
    from llama_index.core.schema import MetadataMode, NodeWithScore, TextNode
    from llama_index.core.vector_stores.utils import node_to_metadata_dict
except ImportError as missing:
    if IN_CI:
        raise
    pytest.skip(
        f"the langchain and llamaindex extras are not installed ({missing}); "
        "pip install -e '.[langchain,llamaindex]' to run these tests",
        allow_module_level=True,
    )

from wikireuse.integrations import langchain as lc
from wikireuse.integrations import llamaindex as li

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(tmp_path_factory.mktemp("integrations") / "s.db") as built:
        built.ingest(sample(), source="sample")
        built.build_chunks(max_chars=400, overlap=40)
        built.embed_chunks(HashingEmbedder())
        yield built


@pytest.fixture(scope="module")
def chunks(store: Store) -> list[Chunk]:
    return list(store.iter_chunks())


def _flat(value: Any) -> Any:
    """What the metadata must hold for a field's value."""
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False, separators=(",", ":"))
    return value


def _assert_carries(chunk: Chunk, metadata: Any, text: str) -> None:
    """*metadata* and *text* hold every field of *chunk*, field by field."""
    assert text == chunk.text
    for field in attrs.fields(Chunk):
        if field.name == "text":
            continue
        assert field.name in metadata, field.name
        assert _flat(getattr(chunk, field.name)) == metadata[field.name], field.name
        assert isinstance(metadata[field.name], (str, int, float, type(None)))


def test_every_chunk_carries_every_field_of_item_1(chunks: list[Chunk]) -> None:
    """100 % of the sample's chunks carry each field of issue 16's item 1."""
    assert len(chunks) > 29
    for piece in chunks:
        assert piece.id
        assert piece.text
        assert piece.content_sha1
        assert piece.anchor
        assert isinstance(piece.section_path, tuple)
        assert isinstance(piece.cites, tuple)
        assert 0 <= piece.start < piece.end
        assert piece.wiki
        assert piece.pageid
        assert piece.revid
        assert piece.timestamp
        assert piece.title
        assert piece.history_url
        assert piece.attribution
        assert piece.permalink.endswith(f"#{piece.anchor}")
        assert piece.license_spdx == "CC-BY-SA-4.0"
        assert piece.license_url
        assert "wikidata_id" in attrs.asdict(piece)
        assert "lang" in attrs.asdict(piece)
    assert any(piece.cites for piece in chunks)
    assert any(piece.section_path for piece in chunks)


def test_metadata_keys_are_the_chunk_fields_and_the_hit_fields() -> None:
    assert set(CHUNK_FIELDS) == {f.name for f in attrs.fields(Chunk)} - {"text"}
    assert not set(CHUNK_FIELDS) & set(HIT_FIELDS)
    assert {"rank", "score", "method"} <= set(HIT_FIELDS)


def test_metadata_reads_back_into_the_same_chunk(chunks: list[Chunk]) -> None:
    for piece in chunks:
        meta = chunk_metadata(piece)
        assert list(meta) == list(CHUNK_FIELDS)
        _assert_carries(piece, meta, piece.text)
        assert piece == chunk_from_metadata(piece.text, meta)
        # plain JSON scalars only: an enum (person_status) is its value
        assert all(
            type(v) in (str, int, float, bool, type(None)) for v in meta.values()
        )
    assert {c.person_status for c in chunks} >= {PersonStatus.LIVING}


# -- LangChain ----------------------------------------------------------------


def test_langchain_loader_keeps_every_field_of_every_chunk(
    store: Store, chunks: list[Chunk]
) -> None:
    docs = lc.WikiReuseLoader(store).load()
    assert len(chunks) == len(docs)
    for piece, doc in zip(chunks, docs, strict=True):
        assert isinstance(doc, LCDocument)
        assert piece.id == doc.id
        _assert_carries(piece, doc.metadata, doc.page_content)
        assert piece == lc.to_chunk(doc)


def test_langchain_loader_reads_chunks_and_jsonl_exports(
    tmp_path: Path, chunks: list[Chunk]
) -> None:
    write_jsonl(chunks, tmp_path / "out", shard_size=40)
    from_dir = lc.WikiReuseLoader(tmp_path / "out").load()
    from_shard = lc.WikiReuseLoader(str(tmp_path / "out" / "part-00001.jsonl")).load()
    from_list = lc.WikiReuseLoader(chunks).load()
    assert chunks == [lc.to_chunk(d) for d in from_dir]
    assert chunks[40:80] == [lc.to_chunk(d) for d in from_shard]
    assert from_dir == from_list


def test_langchain_loader_streams(chunks: list[Chunk]) -> None:
    taken: list[Chunk] = []

    def source() -> Iterator[Chunk]:
        for piece in chunks:
            taken.append(piece)
            yield piece

    first = next(lc.WikiReuseLoader(source()).lazy_load())
    assert chunks[0] == lc.to_chunk(first)
    assert 1 == len(taken)


def test_langchain_loader_builds_missing_chunks_when_asked(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as fresh:
        fresh.ingest(sample(), source="sample")
        assert [] == lc.WikiReuseLoader(fresh).load()
        docs = lc.WikiReuseLoader(fresh, build=True).load()
        assert len(docs) == len(list(fresh.iter_chunks()))
        assert docs


def test_langchain_documents_survive_a_vector_store(chunks: list[Chunk]) -> None:
    vectors = InMemoryVectorStore(DeterministicFakeEmbedding(size=16))
    vectors.add_documents([lc.to_document(piece) for piece in chunks])
    found = vectors.similarity_search(chunks[3].text, k=len(chunks))
    by_id = {piece.id: piece for piece in chunks}
    assert len(chunks) == len(found)
    for doc in found:
        assert doc.id is not None
        assert by_id[doc.id] == lc.to_chunk(doc)


QUERY = "weekly market charter"


def _hits(store: Store, method: Any) -> tuple[Hit, ...]:
    """The search the retrievers must agree with."""
    return search(store, QUERY, k=3, method=method, embedder=HashingEmbedder())


@pytest.mark.parametrize("method", ["fts", "vector", "hybrid"])
def test_langchain_retriever_invoke_end_to_end(store: Store, method: str) -> None:
    retriever = lc.WikiReuseRetriever(
        store=store, k=3, method=method, embedder=HashingEmbedder()
    )
    docs = retriever.invoke(QUERY)
    hits = _hits(store, method)
    assert 3 == len(docs)
    for doc, hit in zip(docs, hits, strict=True):
        _assert_carries(hit.chunk, doc.metadata, doc.page_content)
        assert store.chunk(hit.chunk.id) == lc.to_chunk(doc)
        for name in HIT_FIELDS:
            assert getattr(hit, name) == doc.metadata[name], name
        assert method == doc.metadata["method"]
    assert [1, 2, 3] == [d.metadata["rank"] for d in docs]
    assert "Ostrel Thursday Market" == docs[0].metadata["title"]


def test_langchain_retriever_in_a_chain_and_async(store: Store) -> None:
    import asyncio

    from langchain_core.runnables import RunnableLambda

    retriever = lc.WikiReuseRetriever(store=store, k=2)
    cite = RunnableLambda(lambda docs: [f"{d.metadata['permalink']}" for d in docs])
    assert (retriever | cite).invoke("ferry village")[0].startswith("https://")
    docs = asyncio.run(retriever.ainvoke("ferry village"))
    assert [d.id for d in docs] == [d.id for d in retriever.invoke("ferry village")]


def test_langchain_retriever_bad_input_is_typed(store: Store) -> None:
    with pytest.raises(ConfigurationError, match="k"):
        lc.WikiReuseRetriever(store=store, k=0)
    with pytest.raises(ConfigurationError, match="store"):
        lc.WikiReuseRetriever(store="corpus.sqlite")
    with pytest.raises(SearchError):
        lc.WikiReuseRetriever(store=store).invoke("  ")
    with pytest.raises(SearchError, match="embedder"):
        lc.WikiReuseRetriever(store=store, method="vector").invoke("market")


# -- LlamaIndex ---------------------------------------------------------------


def test_llamaindex_reader_keeps_every_field_of_every_chunk(
    store: Store, chunks: list[Chunk]
) -> None:
    reader = li.WikiReuseReader(store)
    documents = reader.load_data()
    nodes = reader.load_nodes()
    assert len(chunks) == len(documents) == len(nodes)
    for piece, doc, node in zip(chunks, documents, nodes, strict=True):
        assert isinstance(doc, LIDocument)
        assert isinstance(node, TextNode)
        for made in (doc, node):
            assert piece.id == made.node_id
            _assert_carries(piece, made.metadata, made.get_content())
            assert piece == li.to_chunk(made)
            # LlamaIndex's own check of what a vector store may hold
            node_to_metadata_dict(made, flat_metadata=True)


def test_llamaindex_models_see_the_chosen_metadata(chunks: list[Chunk]) -> None:
    piece = next(p for p in chunks if p.section_path and p.cites)
    node = li.to_node(piece)
    embedded = node.get_content(MetadataMode.EMBED)
    shown = node.get_content(MetadataMode.LLM)
    assert piece.text in embedded
    assert piece.title in embedded
    for hidden in (piece.license_url, piece.permalink, piece.content_sha1, piece.id):
        assert hidden not in embedded
    assert piece.attribution in shown
    assert piece.permalink in shown
    assert piece.content_sha1 not in shown
    assert "history_url" not in shown
    assert set(node.metadata) - set(node.excluded_llm_metadata_keys) == set(
        LLM_METADATA_KEYS
    )


def test_llamaindex_nodes_survive_a_vector_index(chunks: list[Chunk]) -> None:
    index = VectorStoreIndex(
        [li.to_node(piece) for piece in chunks], embed_model=MockEmbedding(embed_dim=8)
    )
    found = index.as_retriever(similarity_top_k=5).retrieve("market")
    by_id = {piece.id: piece for piece in chunks}
    assert 5 == len(found)
    for scored in found:
        assert by_id[scored.node.node_id] == li.to_chunk(scored.node)


@pytest.mark.parametrize("method", ["fts", "hybrid"])
def test_llamaindex_retriever_retrieve_end_to_end(store: Store, method: str) -> None:
    retriever = li.WikiReuseRetriever(
        store, k=3, method=method, embedder=HashingEmbedder()
    )
    found = retriever.retrieve(QUERY)
    hits = _hits(store, method)
    assert 3 == len(found)
    for scored, hit in zip(found, hits, strict=True):
        assert isinstance(scored, NodeWithScore)
        assert hit.score == scored.score
        assert hit.chunk.id == scored.node.node_id
        _assert_carries(hit.chunk, scored.node.metadata, scored.node.get_content())
        assert store.chunk(hit.chunk.id) == li.to_chunk(scored.node)
        assert hit.rank == scored.node.metadata["rank"]


def test_llamaindex_bad_input_is_typed(store: Store) -> None:
    with pytest.raises(ConfigurationError, match="Store"):
        li.WikiReuseRetriever("corpus.sqlite")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="k"):
        li.WikiReuseRetriever(store, k=1001).retrieve("market")
    with pytest.raises(ConfigurationError, match="no arguments"):
        li.WikiReuseReader(store).load_data("x")
    with pytest.raises(SearchError):
        li.WikiReuseRetriever(store).retrieve("!!")


# -- sources and errors -------------------------------------------------------


def test_bad_sources_are_typed_errors(tmp_path: Path, chunks: list[Chunk]) -> None:
    from wikireuse.structured import structure

    with pytest.raises(ConfigurationError, match="int"):
        list(iter_source(42))  # type: ignore[arg-type]
    write_jsonl([structure("Hello.")], tmp_path / "articles")
    with pytest.raises(ConfigurationError, match="StructuredArticle"):
        list(iter_source(tmp_path / "articles"))
    with pytest.raises(ConfigurationError, match="str"):
        list(iter_source(["not a chunk"]))  # type: ignore[list-item]
    broken = tmp_path / "broken.jsonl"
    broken.write_text(chunks[0].to_json() + "\n{not json\n", encoding="utf-8")
    with pytest.raises(RecordError, match="line 2"):
        list(iter_source(broken))
    with pytest.raises(RecordError, match="cannot read"):
        list(iter_source(tmp_path / "missing.jsonl"))
    with pytest.raises(ConfigurationError, match="Chunk"):
        chunk_metadata("text")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="Chunk"):
        lc.to_document({"id": "x"})  # type: ignore[arg-type]
    meta = chunk_metadata(chunks[0])
    with pytest.raises(RecordError, match="revid"):
        chunk_from_metadata("x", {k: v for k, v in meta.items() if k != "revid"})
    with pytest.raises(RecordError, match="section_path"):
        chunk_from_metadata("x", {**meta, "section_path": "[not json"})


_BLOCKED = """
import sys
for name in {names!r}:
    sys.modules[name] = None
import wikireuse, wikireuse.integrations
try:
    import wikireuse.integrations.{module}
except wikireuse.IntegrationSupportError as exc:
    print(exc.extra, exc.package, "|", exc)
"""


@pytest.mark.parametrize(
    ("module", "names", "extra"),
    [
        ("langchain", ["langchain_core"], "langchain langchain-core"),
        (
            "llamaindex",
            ["llama_index", "llama_index.core"],
            "llamaindex llama-index-core",
        ),
    ],
)
def test_a_missing_framework_is_a_typed_error_naming_the_extra(
    module: str, names: list[str], extra: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _BLOCKED.format(names=names, module=module)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert done.stdout.startswith(extra + " | ")
    assert f"pip install 'wikireuse[{module}]'" in done.stdout


def test_importing_wikireuse_imports_no_framework() -> None:
    code = (
        "import sys, wikireuse, wikireuse.integrations, wikireuse.search;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('langchain_core', 'llama_index', 'pydantic')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "[]" == done.stdout.strip()


def test_every_error_takes_a_frameworks_tag_and_keeps_its_fields() -> None:
    """LlamaIndex tags each exception it sees; a frozen error must let it."""
    import wikireuse.exceptions as errors

    for name in errors.__all__:
        cls = getattr(errors, name)
        error = cls.__new__(cls)  # each has fields of its own to fill
        error.event_added = True
        assert error.event_added is True
        for field in attrs.fields(cls):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(error, field.name, "changed")

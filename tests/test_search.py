"""Search over stored chunks (#16 item 3): FTS5, sqlite-vec, hybrid, acceptance.

A real store (SQLite) holding the sample dump; vectors from the
deterministic HashingEmbedder, and from a model2vec StaticModel built in the
test (no download).
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from tests.test_ingest import sample, version_1_store
from wikireuse.exceptions import (
    ConfigurationError,
    SearchError,
    StoreError,
    VectorSupportError,
)
from wikireuse.search import RRF_K, Hit, Model2VecEmbedder, Searcher, search
from wikireuse.store import Store
from wikireuse.testing import HashingEmbedder


@pytest.fixture
def store(tmp_path: Path) -> Store:
    built = Store(tmp_path / "s.db")
    built.ingest(sample(), source="sample")
    built.build_chunks(max_chars=300)
    built.embed_chunks(HashingEmbedder())
    return built


def test_full_text_hits_carry_credit_and_permalink(store: Store) -> None:
    with store:
        hits = search(store, "Thursday market", k=5)
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert hits[0].chunk.title == "Ostrel Thursday Market"
    assert all(h.method == "fts" and h.vector_rank is None for h in hits)
    assert [h.fts_rank for h in hits] == [h.rank for h in hits]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for hit in hits:
        assert isinstance(hit, Hit)
        assert hit.current
        assert hit.credit_line == hit.chunk.attribution
        assert hit.credit_line.startswith(f"“{hit.chunk.title}”")
        assert hit.permalink == hit.chunk.permalink
        assert f"oldid={hit.chunk.revid}#" in hit.permalink
        assert "market" in hit.chunk.text.lower() or "thursday" in (
            hit.chunk.text.lower()
        )
    assert hits[0].to_dict()["credit_line"] == hits[0].credit_line


def test_query_text_is_never_fts_syntax(store: Store) -> None:
    with store:
        for query in ('"market', "market AND (", "NEAR(market", "mar*ket -x", "a:b"):
            search(store, query)  # no raw exception, whatever the characters
        quoted = search(store, 'Thursday" OR "x')
    assert quoted[0].chunk.title == "Ostrel Thursday Market"


def test_bad_queries_are_typed_errors(store: Store) -> None:
    with store:
        for query in ("", "   ", "*** ((("):
            with pytest.raises(SearchError) as caught:
                search(store, query)
            assert caught.value.query == query
        with pytest.raises(ConfigurationError):
            search(store, "market", k=0)
        with pytest.raises(ConfigurationError):
            search(store, "market", method="magic")  # type: ignore[arg-type]
        with pytest.raises(SearchError, match="needs an embedder"):
            search(store, "market", method="vector")
        assert search(store, "zzzqqqxxx") == ()


def test_vector_and_hybrid_search(store: Store) -> None:
    embedder = HashingEmbedder()
    with store, Searcher(store, embedder=embedder) as searcher:
        vector = searcher.search("Thursday market in Ostrel", k=5, method="vector")
        hybrid = searcher.search("Thursday market in Ostrel", k=5)
        fts = searcher.search("Thursday market in Ostrel", k=50, method="fts")
    assert vector[0].chunk.title == "Ostrel Thursday Market"
    assert all(-1.0 <= h.score <= 1.0 + 1e-6 for h in vector)
    assert [h.vector_rank for h in vector] == [1, 2, 3, 4, 5]
    assert hybrid[0].method == "hybrid"
    # the fused score is the sum of 1 / (RRF_K + rank) over both lists
    for hit in hybrid:
        expected = sum(
            1.0 / (RRF_K + r) for r in (hit.fts_rank, hit.vector_rank) if r is not None
        )
        assert hit.score == pytest.approx(expected)
    assert {h.chunk.id for h in fts[:1]} <= {h.chunk.id for h in hybrid}


def test_embedding_is_incremental_and_checked(store: Store) -> None:
    with store:
        again = store.embed_chunks(HashingEmbedder())
        with pytest.raises(ConfigurationError, match="dimensions"):
            store.embed_chunks(_Renamed(HashingEmbedder(8), HashingEmbedder().model_id))
        with pytest.raises(SearchError, match="no vectors of the embedder"):
            search(store, "market", embedder=HashingEmbedder(dimensions=32))
        log = [e.detail for e in store.audit() if e.action == "embed"]
    assert again.added == 0
    assert log[0]["added"] > 0
    assert log[1]["added"] == 0


class _Renamed:
    """An embedder whose model id lies (other dimensions, same id)."""

    def __init__(self, inner: HashingEmbedder, model_id: str) -> None:
        self.inner = inner
        self.model_id = model_id
        self.dimensions = inner.dimensions

    def embed(self, texts: list[str]) -> list[list[float]]:
        return [list(v) for v in self.inner.embed(texts)]


def test_new_revision_leaves_current_search_no_superseded_chunk(
    tmp_path: Path,
) -> None:
    history = sample("all")
    newest = max((a for a in history if a.title == "Ostrel"), key=lambda a: a.revid)
    with Store(tmp_path / "s.db") as store:
        store.ingest([a for a in history if a is not newest], source="older")
        store.build_chunks()
        store.embed_chunks(HashingEmbedder())
        old = {c.id for c in store.iter_chunks() if c.title == "Ostrel"}
        store.put(newest)  # a sync brings the new revision
        store.build_chunks()
        store.embed_chunks(HashingEmbedder())
        with Searcher(store, embedder=HashingEmbedder()) as searcher:
            current = [
                hit
                for method in ("fts", "vector", "hybrid")
                for hit in searcher.search("Ostrel", k=100, method=method)  # type: ignore[arg-type]
            ]
            everything = searcher.search("Ostrel", k=100, only_current=False)
        assert all(store.chunk(i).revid == 101 for i in old)  # reachable by id
    assert current
    assert not {h.chunk.id for h in current} & old
    assert {h.chunk.revid for h in current if h.chunk.title == "Ostrel"} == {
        newest.revid
    }
    assert {h.chunk.id for h in everything if not h.current} & old


def test_redacted_text_is_found_by_no_search_and_no_export(
    store: Store, tmp_path: Path
) -> None:
    with store:
        target = next(
            c
            for c in store.iter_chunks()
            if c.title == "Ostrel Thursday Market" and "charter" in c.text
        )
        before = search(store, target.text, k=100, method="fts")
        assert target.id in {h.chunk.id for h in before}
        search(store, "market", embedder=HashingEmbedder(), method="vector")
        raw = sqlite3.connect(store.path)
        target_seqs = [
            s
            for (s,) in raw.execute(
                "SELECT seq FROM chunks WHERE revid = ?", (target.revid,)
            )
        ]
        assert set(target_seqs) <= _index_rows(store.path)  # indexed before
        store.redact(
            wiki=target.wiki, revid=target.revid, hidden=["text"], reason="rev-del"
        )
        left = list(store.iter_chunks(only_current=False))
        masked_ids = {c.id for c in left if c.revid == target.revid}
        with Searcher(store, embedder=HashingEmbedder()) as searcher:
            found = [
                hit
                for only_current in (True, False)
                for method in ("fts", "vector", "hybrid")
                for hit in searcher.search(
                    target.text,
                    k=1000,
                    only_current=only_current,
                    method=method,  # type: ignore[arg-type]
                )
            ]
        index = _index_rows(store.path)
        stored_seqs = [s for (s,) in raw.execute("SELECT chunk FROM chunk_vectors")]
        raw.close()
        jsonl = store.export_chunks(tmp_path / "j", only_current=False)
        parquet = store.export_chunks(tmp_path / "p", format="parquet")
    assert masked_ids == set()  # the iterator never yields masked chunks
    assert found  # other chunks still match the words
    assert all(h.chunk.revid != target.revid for h in found)
    assert all(target.text not in h.chunk.text for h in found)
    exported = "".join(p.read_text() for p in (tmp_path / "j").glob("*.jsonl"))
    assert target.text not in exported
    assert f'"revid":{target.revid}' not in exported.replace(" ", "")
    # the vector index beside the store caught up: no vector of masked text
    assert not index & set(target_seqs)
    assert index == set(stored_seqs)
    # the sample holds only newest revisions: current or not, the same chunks
    assert parquet.records == jsonl.records > 0


def test_model2vec_embedder_offline(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    model2vec = pytest.importorskip("model2vec")
    tokenizers = pytest.importorskip("tokenizers")
    from tokenizers.models import WordLevel
    from tokenizers.normalizers import Lowercase
    from tokenizers.pre_tokenizers import Whitespace

    words = ["[UNK]", "market", "thursday", "river", "mill", "castle", "ostrel"]
    tokenizer = tokenizers.Tokenizer(
        WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]")  # noqa: S106
    )
    tokenizer.normalizer = Lowercase()
    tokenizer.pre_tokenizer = Whitespace()
    vectors = np.eye(len(words), 8, dtype=np.float32)
    vectors[0] = 0.0  # unknown words count for nothing
    model = model2vec.StaticModel(
        vectors=vectors, tokenizer=tokenizer, normalize=True, base_model_name="toy"
    )
    embedder = Model2VecEmbedder(model)
    assert (embedder.model_id, embedder.dimensions) == ("model2vec:toy", 8)
    with Store(tmp_path / "s.db") as store:
        store.ingest(sample(), source="sample")
        store.build_chunks(max_chars=300)
        report = store.embed_chunks(embedder)
        hits = search(store, "thursday market", embedder=embedder, method="vector")
    assert report.added > 0
    assert "market" in hits[0].chunk.text.lower()


def test_missing_vector_packages_name_the_extra(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sqlite_vec", None)  # import fails
    with store, pytest.raises(VectorSupportError, match=r"wikireuse\[vectors\]") as e:
        search(store, "market", embedder=HashingEmbedder(), method="vector")
    assert e.value.extra == "vectors"


def test_store_without_chunks_and_corrupt_store(tmp_path: Path) -> None:
    old = tmp_path / "v1.db"
    raw = version_1_store(old)
    raw.commit()
    raw.close()
    with Store(old) as store:
        assert search(store, "market") == ()
        assert list(store.iter_chunks()) == []
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.ingest(sample(), source="sample")
        store.build_chunks()
    data = bytearray(path.read_bytes())
    data[8192:] = b"\xff" * (len(data) - 8192)  # everything after the schema
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError), Store(path) as store:  # at open or search
        search(store, "market")


def _index_rows(db: Path) -> set[int]:
    """The chunk seqs in the vec0 index beside the store (one model)."""
    dbapi = pytest.importorskip("pysqlite3.dbapi2")
    sqlite_vec = pytest.importorskip("sqlite_vec")
    conn = dbapi.connect(str(db) + ".vec0")
    conn.enable_load_extension(True)
    sqlite_vec.load(conn)
    (table,) = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ]
    found = {s for (s,) in conn.execute(f"SELECT rowid FROM {table}")}  # noqa: S608
    conn.close()
    return found


def test_vector_index_agrees_with_a_scan_of_the_rows(store: Store) -> None:
    from wikireuse.search._vectors import VectorIndex
    from wikireuse.store._chunks import vector_blob

    embedder = HashingEmbedder()
    blob = vector_blob(embedder.embed(["market town river"])[0], "q", 64)
    index = VectorIndex(store.path)
    try:
        fast = index.knn(embedder.model_id, 64, blob, 10)
        scanned = index.knn(embedder.model_id, 64, blob, 5000)  # over vec0's limit
    finally:
        index.close()
        store.close()
    assert len(fast) == 10
    assert [round(d, 5) for _, d in fast] == [round(d, 5) for _, d in scanned[:10]]

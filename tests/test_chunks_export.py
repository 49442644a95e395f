"""wikireuse.chunks.export: sharded JSONL and Parquet with a manifest."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from tests.conftest import skip_or_fail
from tests.test_chunks import META, article, lead
from wikireuse import ConfigurationError, RecordError
from wikireuse.chunks import Chunk, ExportManifest, chunk, write_jsonl, write_parquet
from wikireuse.structured import StructuredArticle


@pytest.fixture
def pa() -> Any:
    """The pyarrow module with its parquet reader (the parquet extra, in dev)."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        skip_or_fail("pyarrow (the parquet extra) is not installed")
    return pyarrow


def chunks() -> tuple[Chunk, ...]:
    doc = article(lead("Squirrels climb trees. " * 20, "They eat nuts.", cites=("n1",)))
    other = attrs.evolve(doc, revid=5, timestamp="2020-01-01T00:00:00Z")
    return chunk(doc, max_chars=100) + chunk(other, max_chars=100)


def check_manifest(out: Path, manifest: ExportManifest) -> None:
    assert ExportManifest.read(out) == manifest
    for shard in manifest.files:
        data = (out / shard.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == shard.sha256
        assert len(data) == shard.bytes
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*(f.path for f in manifest.files), "manifest.json"]
    )


def test_jsonl_shards_manifest_and_round_trip(tmp_path: Path) -> None:
    items = chunks()
    manifest = write_jsonl(items, tmp_path / "out", shard_size=7)
    check_manifest(tmp_path / "out", manifest)
    assert manifest.records == len(items)
    assert [f.records for f in manifest.files][:-1] == [7] * (len(manifest.files) - 1)
    # saved before and after the 2023 licence switch
    assert manifest.licenses == ("CC-BY-SA-3.0", "CC-BY-SA-4.0")
    assert manifest.revisions == (
        ("en.wikipedia.org", 5, "Squirrel"),
        ("en.wikipedia.org", 1171934824, "Squirrel"),
    )
    assert manifest.record_schema == "wikireuse.chunk/1"
    back = [
        Chunk.from_dict(json.loads(line))
        for shard in manifest.files
        for line in (tmp_path / "out" / shard.path).read_text("utf-8").splitlines()
    ]
    assert tuple(back) == items


def test_same_input_same_files(tmp_path: Path) -> None:
    first = write_jsonl(chunks(), tmp_path / "a", shard_size=5)
    second = write_jsonl(chunks(), tmp_path / "b", shard_size=5)
    assert first == second


def test_parquet_chunks_read_back(tmp_path: Path, pa: Any) -> None:
    items = chunks()
    manifest = write_parquet(items, tmp_path, shard_size=10)
    check_manifest(tmp_path, manifest)
    table = pa.concat_tables(
        [pa.parquet.read_table(tmp_path / f.path) for f in manifest.files]
    )
    assert table.num_rows == len(items)
    rows = table.to_pylist()
    assert tuple(Chunk.from_dict(row) for row in rows) == items
    assert table.schema.field("cites").type == pa.list_(pa.string())


def test_structured_articles(tmp_path: Path, pa: Any) -> None:
    docs = [article(lead("One.")), article(lead("Two."), revid=7, license=None)]
    manifest = write_jsonl(docs, tmp_path / "j", shard_size=1)
    assert manifest.record_schema == "wikireuse.structured/1"
    assert manifest.licenses == ("LicenseRef-wikireuse-unknown",)
    line = (tmp_path / "j" / "part-00001.jsonl").read_text("utf-8")
    assert StructuredArticle.from_dict(json.loads(line)) == docs[1]
    parquet = write_parquet(docs, tmp_path / "p")
    rows = pa.parquet.read_table(tmp_path / "p" / parquet.files[0].path).to_pylist()
    assert [r["revid"] for r in rows] == [META["revid"], 7]
    assert [StructuredArticle.from_json(r["record"]) for r in rows] == docs


def test_empty_input_writes_only_a_manifest(tmp_path: Path) -> None:
    manifest = write_jsonl([], tmp_path)
    assert (manifest.files, manifest.records, manifest.record_schema) == ((), 0, "")
    assert ExportManifest.read(tmp_path) == manifest


@pytest.mark.parametrize("size", [0, -1, True, "10"])
def test_bad_shard_size(tmp_path: Path, size: object) -> None:
    with pytest.raises(ConfigurationError, match="shard_size"):
        write_jsonl(chunks(), tmp_path, shard_size=size)  # type: ignore[arg-type]


def test_refuses_mixed_or_foreign_items_and_busy_directories(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="one kind"):
        write_jsonl([*chunks()[:1], article(lead("x"))], tmp_path / "mixed")
    with pytest.raises(ConfigurationError, match="got dict"):
        write_parquet([{"text": "x"}], tmp_path / "foreign")  # type: ignore[list-item]
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "keep.txt").write_text("mine")
    with pytest.raises(ConfigurationError, match="not empty"):
        write_jsonl(chunks(), tmp_path / "busy")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ConfigurationError, match="cannot write"):
        write_jsonl(chunks(), tmp_path / "file" / "sub")


def test_lone_surrogates_go_to_jsonl_but_not_parquet(tmp_path: Path, pa: Any) -> None:
    items = chunk(article(lead("broken \ud800 text")))
    manifest = write_jsonl(items, tmp_path / "j")
    line = (tmp_path / "j" / manifest.files[0].path).read_text("utf-8")
    assert Chunk.from_dict(json.loads(line)) == items[0]
    with pytest.raises(ConfigurationError, match="Parquet"):
        write_parquet(items, tmp_path / "p")


def test_unreadable_manifest(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="manifest"):
        ExportManifest.read(tmp_path)
    (tmp_path / "manifest.json").write_text('{"schema": "other/1"}')
    with pytest.raises(RecordError, match="manifest"):
        ExportManifest.read(tmp_path)

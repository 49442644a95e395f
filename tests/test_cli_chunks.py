"""``wikireuse chunks``, ``search`` and ``provenance`` (#16 item 7)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.test_ingest import sample
from wikireuse.cli import main
from wikireuse.store import Store


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.ingest(sample(), source="sample")
    return str(path)


def test_chunks_builds_exports_and_is_audited(db: str, tmp_path: Path) -> None:
    code, text = _run("chunks", "--store", db, "--jsonl", str(tmp_path / "a"))
    assert code == 0
    assert text.startswith("chunked         29  revisions")
    code, again = _run(
        "chunks", "--store", db, "--parquet", str(tmp_path / "b"), "--json"
    )
    data = json.loads(again)
    assert code == 0
    assert data["built"]["revisions"] == 0
    assert data["built"]["already_built"] == 29
    written = [
        json.loads(line)
        for part in sorted((tmp_path / "a").glob("*.jsonl"))
        for line in part.read_text().splitlines()
    ]
    assert len(written) == data["export"]["records"] > 29
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text())
    assert manifest["records"] == len(written)
    with Store(db) as store:
        actions = [e.action for e in store.audit()]
    assert actions[-4:] == ["chunk", "export", "chunk", "export"]


def test_search_prints_credit_and_permalink(db: str, tmp_path: Path) -> None:
    _run("chunks", "--store", db, "--jsonl", str(tmp_path / "a"))
    code, text = _run("search", "--store", db, "Thursday market", "-k", "2")
    assert code == 0
    first = text.split("\n\n")[0].splitlines()
    assert first[0].startswith("1. Ostrel Thursday Market")
    assert first[2].startswith("   credit: “Ostrel Thursday Market” (https://")
    assert first[3].startswith("   permalink: https://")
    code, raw = _run("search", "--store", db, "Thursday market", "--json")
    hits = json.loads(raw)
    assert code == 0
    assert hits[0]["credit_line"] == hits[0]["chunk"]["attribution"]
    assert hits[0]["permalink"] == hits[0]["chunk"]["permalink"]
    code, none = _run("search", "--store", db, "zzzqqq")
    assert (code, none) == (0, "no chunk matches 'zzzqqq'\n")


def test_search_with_an_embedder(db: str, tmp_path: Path) -> None:
    spec = "wikireuse.testing:HashingEmbedder"
    code, text = _run(
        "chunks", "--store", db, "--jsonl", str(tmp_path / "a"), "--embedder", spec
    )
    assert code == 0
    assert "embedded" in text
    code, raw = _run("search", "--store", db, "market", "--embedder", spec, "--json")
    hits = json.loads(raw)
    assert code == 0
    assert hits[0]["method"] == "hybrid"
    assert any(h["vector_rank"] for h in hits)


def test_provenance_command(db: str, tmp_path: Path) -> None:
    _run("chunks", "--store", db, "--jsonl", str(tmp_path / "a"))
    with Store(db) as store:
        citing = next(c for c in store.iter_chunks() if c.cites)
    code, text = _run("provenance", citing.id, "--store", db)
    assert code == 0
    assert f"chunk      {citing.id}" in text
    assert f"revision   {citing.revid}, current" in text
    assert "cites      [" in text
    code, raw = _run("provenance", citing.id, "--store", db, "--json")
    assert json.loads(raw)["references"][0]["id"] == citing.cites[0]


def test_chunks_without_an_output_builds_and_indexes_only(db: str) -> None:
    """The README's main job: chunk (and index), then search; run again, nothing new."""
    code, text = _run("chunks", "--store", db)
    again = _run("chunks", "--store", db, "--json")[1]
    found = _run("search", "--store", db, "weekly market charter", "-k", "1")[1]

    assert 0 == code
    assert text.startswith("chunked         29  revisions, ")
    assert "wrote" not in text
    assert {"built"} == set(json.loads(again))
    assert json.loads(again)["built"]["revisions"] == 0
    assert found.startswith("1. Ostrel Thursday Market")


def test_errors_and_exit_codes(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("provenance", "nope", "--store", db)[0] == 2
    assert "no chunk 'nope'" in capsys.readouterr().err
    assert _run("search", "--store", db, "((( ***")[0] == 64
    assert "no words" in capsys.readouterr().err
    assert _run("search", "--store", db, "x", "--embedder", "nowhere")[0] == 64
    assert _run("search", "--store", db, "x", "--embedder", "json:nothing")[0] == 64
    code = _run("search", "--store", db, "x", "--embedder", "json:dumps")[0]
    assert code == 64  # not an Embedder
    assert _run("chunks", "--store", db, "--jsonl", "a", "--parquet", "b")[0] == 64
    out = tmp_path / "full"
    out.mkdir()
    (out / "x").write_text("taken")
    assert _run("chunks", "--store", db, "--jsonl", str(out))[0] == 64
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a store" * 100)
    assert _run("search", "--store", str(bad), "market")[0] == 64

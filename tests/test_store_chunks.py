"""Chunks in the store (#16 item 2): build, current-ness, provenance, redaction.

The corpus is the sample dump (examples/data), ingested into a real store.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import attrs
import pytest

from tests.test_ingest import REPO, _big_dump, _stored, sample
from wikireuse.chunks import chunk
from wikireuse.exceptions import (
    ChunkNotFoundError,
    ConfigurationError,
    StoreError,
)
from wikireuse.privacy import (
    DEFAULT_POLICY,
    MinimisationPolicy,
    PersonStatus,
    classify_person,
    minimise,
)
from wikireuse.privacy._steps import policy_identity
from wikireuse.records.articles import Article
from wikireuse.store import ChunkProvenance, Store
from wikireuse.structured import StructuredArticle, structure

TODAY = date(2026, 1, 10)


def _store(path: Path, revisions: str = "latest") -> Store:
    store = Store(path)
    store.ingest(sample(revisions), source="sample")
    return store


def _pipeline(article: Article) -> StructuredArticle:
    """What build_chunks() does before chunking, by default: classify, minimise."""
    person = classify_person(article, today=TODAY)
    return minimise(structure(article, person=person), DEFAULT_POLICY)


def test_build_chunks_every_newest_revision_once(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db") as store:
        first = store.build_chunks(max_chars=400, overlap=40, today=TODAY)
        again = store.build_chunks(max_chars=400, overlap=40, today=TODAY)
        stored = list(store.iter_chunks())
        log = [e for e in store.audit() if e.action == "chunk"]
        articles = [store.latest(wiki=p.wiki, pageid=p.pageid) for p in store.pages()]
    expected = [
        c
        for a in articles
        if a is not None
        for c in chunk(_pipeline(a), max_chars=400, overlap=40)
    ]
    assert (first.revisions, first.chunks, first.already_built) == (
        29,
        len(expected),
        0,
    )
    assert first.failed == ()
    assert (again.revisions, again.chunks, again.already_built) == (0, 0, 29)
    assert again.nothing_new
    # What is stored is exactly what chunk() gives for the stored revisions.
    assert sorted(stored, key=lambda c: c.id) == sorted(expected, key=lambda c: c.id)
    assert [e.detail["chunks"] for e in log] == [len(expected), 0]
    assert log[0].detail["settings"] == {
        "include_infobox": True,
        "lang": "en",
        "max_chars": 400,
        "overlap": 40,
        "classify": True,
        "policy": policy_identity(DEFAULT_POLICY),
    }
    assert log[0].detail["today"] == TODAY.isoformat()


def test_without_the_privacy_step_chunks_are_the_raw_ones(tmp_path: Path) -> None:
    """classify=False, policy=None: chunk(structure(a)), under the old settings key."""
    with _store(tmp_path / "s.db") as store:
        raw = store.build_chunks(max_chars=400, classify=False, policy=None)
        stored = list(store.iter_chunks())
        articles = [store.latest(wiki=p.wiki, pageid=p.pageid) for p in store.pages()]
        with pytest.raises(ConfigurationError, match="needs classify=True"):
            store.build_chunks(classify=False)
        with pytest.raises(ConfigurationError, match="MinimisationPolicy"):
            store.build_chunks(policy="default")  # type: ignore[arg-type]
        with pytest.raises(ConfigurationError, match=r"datetime\.date"):
            store.build_chunks(today="2026-01-10")  # type: ignore[arg-type]
    expected = [c for a in articles if a for c in chunk(structure(a), max_chars=400)]
    assert sorted(stored, key=lambda c: c.id) == sorted(expected, key=lambda c: c.id)
    assert all(c.person_status is None and not c.minimisation for c in stored)
    assert dict(raw.settings) == {
        "include_infobox": True,
        "lang": "en",
        "max_chars": 400,
        "overlap": 0,
    }
    assert (raw.today, dict(raw.person_status), raw.minimised) == (None, {}, 0)


def test_ids_identical_across_two_builds(tmp_path: Path) -> None:
    ids = []
    for name in ("a.db", "b.db"):
        with _store(tmp_path / name) as store:
            store.build_chunks(max_chars=300)
            ids.append([c.id for c in store.iter_chunks()])
    assert ids[0] == ids[1]
    assert len(set(ids[0])) == len(ids[0]) > 29


def test_other_settings_and_languages_are_other_chunk_sets(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db") as store:
        english = store.build_chunks(max_chars=300)
        german = store.build_chunks(max_chars=300, lang="de")
        chunks = list(store.iter_chunks())
    assert english.chunks == german.chunks
    assert len({c.id for c in chunks}) == 2 * english.chunks
    assert {c.attribution[:1] for c in chunks if "Lizenz" in c.attribution}


def test_new_revision_makes_old_chunks_not_current(tmp_path: Path) -> None:
    history = sample("all")
    newest = max((a for a in history if a.title == "Ostrel"), key=lambda a: a.revid)
    older = [a for a in history if a is not newest]
    with Store(tmp_path / "s.db") as store:
        store.ingest(older, source="older")
        store.build_chunks()
        old_ids = [c.id for c in store.iter_chunks() if c.title == "Ostrel"]
        assert old_ids
        assert store.put(newest)
        current = list(store.iter_chunks())
        everything = list(store.iter_chunks(only_current=False))
        old = store.chunk(old_ids[0])
        old_prov = store.provenance(old_ids[0])
        rebuilt = store.build_chunks()
        now = [c for c in store.iter_chunks() if c.title == "Ostrel"]
    assert [c for c in current if c.title == "Ostrel"] == []
    assert {c.id for c in everything} >= set(old_ids)
    assert old.revid == 101
    assert old_prov.current is False
    assert rebuilt.revisions == 1
    assert {c.revid for c in now} == {newest.revid}
    assert not {c.id for c in now} & set(old_ids)


def test_provenance_gives_revision_credit_and_references(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db") as store:
        store.build_chunks()
        pieces = list(store.iter_chunks())
        citing = next(c for c in pieces if c.cites)
        found = store.provenance(citing.id)
        article = store.get(wiki=citing.wiki, revid=citing.revid)
    assert article is not None
    assert isinstance(found, ChunkProvenance)
    assert (found.chunk_id, found.revid, found.title) == (
        citing.id,
        citing.revid,
        citing.title,
    )
    assert found.current
    assert not found.masked
    assert found.provenance.content_hash == article.provenance.content_hash
    assert found.provenance.served_from == "store"
    assert found.credit_line == citing.attribution
    assert found.attribution["schema"] == "wikireuse.attribution/1"
    assert found.attribution["title"] == citing.title
    doc = structure(article)
    assert found.references == tuple(doc.reference(r) for r in citing.cites)
    assert json.loads(json.dumps(found.to_dict()))["chunk_id"] == citing.id


def test_unknown_chunk_ids_are_typed_errors(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db") as store:
        with pytest.raises(ChunkNotFoundError, match="no chunk 'nope'") as caught:
            store.chunk("nope")
        assert caught.value.chunk_id == "nope"
        store.build_chunks()
        with pytest.raises(ChunkNotFoundError):
            store.provenance("0" * 32)
        with pytest.raises(ConfigurationError):
            store.chunk(7)  # type: ignore[arg-type]


def test_bad_settings_refused_before_anything_is_written(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db") as store:
        for bad in ({"max_chars": 5}, {"overlap": -1}, {"lang": "xx-none"}):
            with pytest.raises(ConfigurationError):
                store.build_chunks(**bad)  # type: ignore[arg-type]
        with pytest.raises(ConfigurationError, match="batch_size"):
            store.build_chunks(batch_size=0)
        assert list(store.iter_chunks()) == []


def test_redaction_masks_the_chunks_in_the_same_transaction(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db") as store:
        store.build_chunks(max_chars=300)
        target = next(c for c in store.iter_chunks() if c.cites)
        secret = target.text
        ids = [c.id for c in store.iter_chunks() if c.revid == target.revid]
        assert store.redact(
            wiki=target.wiki, revid=target.revid, hidden=["text"], reason="rev-del"
        )
        masked = store.chunk(target.id)
        prov = store.provenance(target.id)
        left = list(store.iter_chunks(only_current=False))
        manifest = store.export_chunks(tmp_path / "out")
        log = [e for e in store.audit() if e.action in ("redact", "export")]
    assert masked.text == ""
    assert masked.content_sha1 == hashlib.sha1(b"", usedforsecurity=False).hexdigest()
    assert prov.masked
    assert prov.references == ()
    assert not {c.id for c in left} & set(ids)
    exported = "".join(p.read_text() for p in (tmp_path / "out").glob("*.jsonl"))
    assert secret not in exported
    assert manifest.records == len(left)
    assert log[0].detail["chunks_masked"] == len(ids)
    assert log[1].detail["records"] == manifest.records


def test_user_redaction_leaves_chunks(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db") as store:
        store.build_chunks()
        target = next(iter(store.iter_chunks()))
        store.redact(wiki=target.wiki, revid=target.revid, hidden=["user"], reason="x")
        log = [e for e in store.audit() if e.action == "redact"]
        assert store.chunk(target.id).text == target.text
    assert log[0].detail["chunks_masked"] == 0


def test_corrupt_store_and_old_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        Store(bad)
    with _store(tmp_path / "s.db") as store:
        store.build_chunks()
        some = next(iter(store.iter_chunks()))
    raw = sqlite3.connect(tmp_path / "s.db")
    # a damaged file can hold anything
    raw.execute("UPDATE chunks SET record = '{broken' WHERE id = ?", (some.id,))
    raw.commit()
    raw.close()
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(StoreError, match="damaged chunk record"):
            store.chunk(some.id)
        with pytest.raises(StoreError, match="damaged chunk record"):
            list(store.iter_chunks())


def test_chunks_are_never_deleted(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db") as store:
        store.build_chunks()
    raw = sqlite3.connect(tmp_path / "s.db")
    with pytest.raises(sqlite3.DatabaseError, match="chunks are kept"):
        raw.execute("DELETE FROM chunks")
    raw.close()


# -- crash safety -----------------------------------------------------------

_CHILD = r"""
import sys
from wikireuse.store import Store
with Store(sys.argv[1]) as store:
    print("open", flush=True)
    store.build_chunks(batch_size=1)
print("done", flush=True)
"""


def _consistent(db: Path) -> int:
    """Integrity ok; every chunk set whole; the full-text index agrees."""
    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        raw.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('integrity-check')")
        rows = raw.execute(
            "SELECT s.chunks, (SELECT count(*) FROM chunks c WHERE c.set_id = s.id) "
            "FROM chunk_sets s"
        ).fetchall()
    finally:
        raw.close()
    assert all(declared == stored for declared, stored in rows)
    return len(rows)


def test_kill_9_during_build_keeps_whole_revisions(tmp_path: Path) -> None:
    dump = tmp_path / "big.xml"
    total = 120
    _big_dump(dump, total)
    db = tmp_path / "s.db"
    from wikireuse.dumps import read_xml_dump

    with Store(db) as store:
        store.ingest(read_xml_dump(dump), source="big")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    seen = []
    for target in (10, 40, 80):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(db)],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open"
        while child.poll() is None and _stored(db, "chunk_sets") < target:
            time.sleep(0.002)  # polling the database, not timing anything
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        seen.append(_consistent(db))
    assert seen == sorted(seen)
    assert seen[-1] < total
    with Store(db) as store:
        rest = store.build_chunks()
        assert rest.revisions + rest.already_built == total
        done = list(store.iter_chunks())
    with Store(tmp_path / "fresh.db") as fresh:
        fresh.ingest(read_xml_dump(dump), source="big")
        fresh.build_chunks()
        uninterrupted = list(fresh.iter_chunks())
    # nothing lost, nothing doubled: the same chunks as a run never killed
    assert sorted(c.id for c in done) == sorted(c.id for c in uninterrupted)
    assert len(done) == len({c.id for c in done})
    assert _consistent(db) == total


def test_build_failures_are_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wikireuse.structured._structure as engine

    with _store(tmp_path / "s.db") as store:
        # a structure() limit below the sample's pages: every one refused
        monkeypatch.setattr(engine, "MAX_BYTES", {"html": 10, "wikitext": 10})
        report = store.build_chunks()
        monkeypatch.undo()
        assert report.revisions == 0
        assert len(report.failed) == 29
        assert all("max_bytes" in reason for *_, reason in report.failed)
        assert store.build_chunks().revisions == 29


def test_each_policy_is_a_chunk_set_and_equal_chunks_are_kept_once(
    tmp_path: Path,
) -> None:
    """Builds with another policy, or none, never collide; the same one adds nothing."""
    renamed_rules = attrs.evolve(DEFAULT_POLICY, fields=())  # same name, other rules
    assert policy_identity(renamed_rules) != policy_identity(DEFAULT_POLICY)
    assert policy_identity(MinimisationPolicy()) == policy_identity(DEFAULT_POLICY)
    with _store(tmp_path / "s.db") as store:
        minimised = store.build_chunks(max_chars=400, today=TODAY)
        raw = store.build_chunks(max_chars=400, today=TODAY, policy=None)
        other = store.build_chunks(max_chars=400, today=TODAY, policy=renamed_rules)
        again = [
            store.build_chunks(max_chars=400, today=TODAY, policy=policy)
            for policy in (DEFAULT_POLICY, None, renamed_rules)
        ]
        everything = list(store.iter_chunks())
    living = [c for c in everything if c.person_status is PersonStatus.LIVING]
    assert minimised.revisions == raw.revisions == other.revisions == 29
    assert minimised.minimised == other.minimised == 4
    assert raw.minimised == 0
    # a page no policy changes has the same chunks in every set: stored once,
    # so the later builds write only the chunks of the living people's pages
    assert raw.chunks == sum(not c.minimisation for c in living) > 0
    assert other.chunks == sum(
        c.minimisation == ("minimised under policy 'default' (person status: living)",)
        for c in living
    )
    assert minimised.chunks + raw.chunks + other.chunks == len(everything)
    assert len(everything) == len({c.id for c in everything})
    assert all(report.nothing_new for report in again)

"""Store.ingest: batched, idempotent, resumable bulk input; redaction; the CLI.

The crash test kills a real ingest process with SIGKILL at 20 random points
(seeded), then checks the database and finishes the ingest.
"""

from __future__ import annotations

import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import attrs
import pytest

from tests.support.dumps import copies, write_dump
from tests.test_dumps import ENTERPRISE, SAMPLE, shared
from wikireuse.articles import Article
from wikireuse.cli import main
from wikireuse.dumps import read_enterprise, read_xml_dump
from wikireuse.exceptions import ConfigurationError, StoreError
from wikireuse.provenance import content_hash
from wikireuse.store import _SCHEMA_V1, SCHEMA_VERSION, Store

RIGHTS = "https://creativecommons.org/licenses/by-sa/4.0/"
REPO = Path(__file__).resolve().parents[1]


def sample(revisions: str = "latest") -> list[Article]:
    return list(read_xml_dump(SAMPLE, revisions=revisions, rights=RIGHTS))  # type: ignore[arg-type]


def test_ingest_then_again_adds_nothing(tmp_path: Path) -> None:
    """The second ingest of the same dump adds nothing and says so."""
    articles = sample()
    with Store(tmp_path / "s.db") as store:
        first = store.ingest(articles, source="sample", batch_size=7)
        again = store.ingest(sample(), source="sample")
        pages = store.pages()
        audit = [e for e in store.audit() if e.action == "ingest"]
        maren = store.latest(wiki=articles[0].wiki, title="Maren Olvik")
    assert (first.read, first.added, first.already_stored) == (29, 29, 0)
    assert first.batches == 5  # 7 + 7 + 7 + 7 + 1
    assert not first.nothing_new
    assert (again.added, again.already_stored, again.nothing_new) == (0, 29, True)
    assert len(pages) == 29
    assert [e.detail["added"] for e in audit] == [29, 0]
    assert audit[1].detail["already_stored"] == 29
    assert audit[0].detail["source"] == "sample"
    assert maren is not None
    assert "Living people" in maren.categories
    assert maren.license.spdx == "CC-BY-SA-4.0"


def test_history_ingest_keeps_every_revision(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        report = store.ingest(sample("all"), source="sample")
        ostrel = store.latest(wiki=sample()[0].wiki, title="Ostrel")
        assert ostrel is not None
        history = store.revisions(wiki=ostrel.wiki, pageid=ostrel.pageid)
    assert report.added == 37
    assert [a.revid for a in history] == [101, 102]
    assert ostrel.revid == 102


def test_resume_after_a_partial_ingest(tmp_path: Path) -> None:
    """A run that stopped after 10 articles, run again: the rest, nothing twice."""
    articles = sample()
    with Store(tmp_path / "s.db") as store:
        store.ingest(articles[:10], source="sample")
        report = store.ingest(articles, source="sample")
        count = store.manifest().count
    assert (report.added, report.already_stored) == (19, 10)
    assert count == 29


def test_conflicting_revision_refused_and_batch_not_kept(tmp_path: Path) -> None:
    articles = sample()
    other = attrs.evolve(
        articles[3],
        wikitext="different",
        provenance=attrs.evolve(
            articles[3].provenance, content_hash=content_hash("different")
        ),
    )
    with Store(tmp_path / "s.db") as store:
        store.ingest(articles[:5], source="sample")
        with pytest.raises(StoreError, match="already stored with other content"):
            store.ingest([articles[5], other], source="bad", batch_size=10)
        # Nothing of the failing batch: article 5 is not there either.
        assert store.latest(wiki=articles[5].wiki, pageid=articles[5].pageid) is None
        with pytest.raises(StoreError, match="provenance hash"):
            store.ingest([attrs.evolve(articles[6], wikitext="tampered")], source="bad")


def _tables(db: Path, *names: str) -> dict[str, list[tuple[object, ...]]]:
    raw = sqlite3.connect(db)
    try:
        return {
            n: raw.execute(f"SELECT * FROM {n} ORDER BY rowid").fetchall()  # noqa: S608  # table names of the test
            for n in names
        }
    finally:
        raw.close()


def _newer(article: Article, revid: int, **changes: object) -> Article:
    return attrs.evolve(article, revid=revid, latest_revid=revid, **changes)


def test_batched_and_one_by_one_writes_make_the_same_store(
    tmp_path: Path,
) -> None:
    """Batched writes and one put() per article leave identical tables.

    Revisions, pages, page events (moves, restores found mid-batch), titles.
    """
    history = sample("all")
    latest = sample()
    deleted = latest[2]
    articles = [
        *history,
        history[5],  # the same revision twice in one input
        _newer(latest[0], 9001, title="Ostrel (town)"),  # a move, mid-batch
        _newer(latest[0], 9002, title="Ostrel (town)"),
        _newer(deleted, 9003),  # restores the page deleted before the ingest
        history[0],  # an older revision after a newer one: the page stays
    ]
    tables = ("revisions", "pages", "page_events", "titles")
    results = []
    for how in ("ingest", "put"):
        db = tmp_path / f"{how}.db"
        with Store(db, wall_clock=lambda: 1.7e9) as store:
            for article in latest[:10]:
                store.put(article)
            store.mark_deleted(wiki=deleted.wiki, pageid=deleted.pageid)
            if how == "put":  # as ingest, a stored revision is left alone
                added = sum(
                    store.put(a)
                    for a in articles
                    if store.get(wiki=a.wiki, revid=a.revid) is None
                )
            else:
                report = store.ingest(articles, source="x", batch_size=4)
                added = report.added
                assert report.already_stored == 12  # 10 put before, 2 given twice
        results.append((added, _tables(db, *tables)))
    assert results[0] == results[1]
    assert results[0][0] == 37 + 3 - 10
    events = [row[4] for row in results[0][1]["page_events"]]
    assert events == ["deleted", "moved", "restored"]


def test_ingest_audit_names_the_rows_it_added(tmp_path: Path) -> None:
    """The ingest entry's ``rows`` ranges are exactly the revisions it added."""
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.ingest(sample()[:10], source="first", batch_size=3)
        store.ingest(sample("all"), source="second", batch_size=4)
        ingests = [e.detail for e in store.audit() if e.action == "ingest"]
    ids = [row[0] for row in _tables(db, "revisions")["revisions"]]
    covered = [
        [n for first, last in detail["rows"] for n in range(first, last + 1)]
        for detail in ingests
    ]
    assert covered == [ids[:10], ids[10:]]
    assert ingests[0]["rows"] == [[ids[0], ids[9]]]  # consecutive: one range


def test_stored_records_are_the_standard_json_forms(tmp_path: Path) -> None:
    """The fast encoder writes the standard library's JSON, byte for byte.

    Compact and canonical forms, also where it falls back.
    """
    from wikireuse.core import _json
    from wikireuse.store._ingest import _encoded

    articles = sample("all")
    with Store(tmp_path / "s.db") as store:
        store.ingest(articles, source="x")
    rows = _tables(tmp_path / "s.db", "revisions")["revisions"]
    by_revid = {(row[2], row[3]): row for row in rows}
    for article in articles:
        row = by_revid[(article.pageid, article.revid)]
        record = article.to_dict()
        assert row[10] == _json.canonical(record["provenance"])
        assert row[11] == _json.compact(record)
    odd = {"b": 2**70, "a": '\x00\x7f\u2028 é "\\', "c": [None, True]}
    assert _encoded(odd, sort_keys=False) == _json.compact(odd)  # the fallback
    assert _encoded(odd, sort_keys=True) == _json.canonical(odd)


def test_ingest_settings_are_put_back(tmp_path: Path) -> None:
    """The bulk-write pragmas last as long as the ingest, also when it fails."""
    with Store(tmp_path / "s.db") as store:
        conn = store._connection()
        before = [conn.execute(f"PRAGMA {p}").fetchone() for p in _PRAGMAS]
        store.ingest(sample(), source="x")
        assert [conn.execute(f"PRAGMA {p}").fetchone() for p in _PRAGMAS] == before
        bad = attrs.evolve(sample()[0], revid=99, wikitext="tampered")
        with pytest.raises(StoreError):
            store.ingest([bad], source="x")
        assert [conn.execute(f"PRAGMA {p}").fetchone() for p in _PRAGMAS] == before


_PRAGMAS = ("synchronous", "wal_autocheckpoint", "cache_size")


def test_new_store_pages_hold_a_revision_and_old_stores_keep_theirs(
    tmp_path: Path,
) -> None:
    """A new store has 16 KiB pages (a revision record without overflow pages).

    A store made with SQLite's default 4 KiB pages keeps them (WAL fixes the
    size) and ingests the same.
    """
    articles = sample()
    new = tmp_path / "new.db"
    with Store(new) as store:
        store.ingest(articles, source="x")
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        conn.execute("PRAGMA journal_mode=WAL")  # 4 KiB pages, fixed from now
    with Store(old) as store:
        report = store.ingest(articles, source="x")
    assert report.added == len(articles)
    sizes = []
    for path in (new, old):
        with sqlite3.connect(path) as conn:
            sizes.append(conn.execute("PRAGMA page_size").fetchone()[0])
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sizes == [16384, 4096]
    assert _tables(new, "revisions") == _tables(old, "revisions")


def test_ingest_error_keeps_the_batches_before(
    tmp_path: Path,
) -> None:
    articles = sample()
    bad = attrs.evolve(articles[12], wikitext="tampered")
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(StoreError, match="provenance hash"):
            store.ingest(
                [*articles[:12], bad, *articles[13:]], source="x", batch_size=5
            )
        kept = store.manifest().count
    assert kept == 10  # two whole batches; nothing of the third


def test_bad_arguments(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(ConfigurationError):
            store.ingest(sample(), source="")
        with pytest.raises(ConfigurationError):
            store.ingest(sample(), source="x", batch_size=0)
        with pytest.raises(ConfigurationError):
            store.ingest(["Ostrel"], source="x")  # type: ignore[list-item]


def test_enterprise_ingest_counts_licence_disagreements(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        report = store.ingest(read_enterprise(shared(ENTERPRISE)), source="ent")
        en = store.latest(wiki="https://en.wikipedia.org/w/api.php", title="Squirrel")
    assert report.license_disagreements == 2
    assert len(report.wikis) == 3
    assert en is not None
    assert en.license.spdx == "CC-BY-SA-4.0"
    assert "declares CC-BY-SA-3.0" in en.provenance.note


def _realtime_records() -> list[dict[str, Any]]:
    """The recorded records, then a deletion and a visibility change.

    As a realtime batch file goes on: the dewiki page deleted, the text and
    the user of the enwiki revision hidden, with the records' own field
    names.
    """
    de, en, ru = json.loads(shared(ENTERPRISE).read_text(encoding="utf-8"))
    deletion = {
        key: de[key] for key in ("name", "identifier", "is_part_of", "namespace")
    }
    deletion["event"] = {"identifier": "ev-delete-1", "type": "delete"}
    hiding = {
        key: en[key]
        for key in ("name", "identifier", "version", "is_part_of", "namespace")
    }
    hiding["visibility"] = {"text": False, "user": False, "comment": True}
    hiding["event"] = {"identifier": "ev-hide-1", "type": "visibility-change"}
    return [de, en, ru, deletion, hiding]


def test_enterprise_deletions_and_visibility_changes_are_applied(
    tmp_path: Path,
) -> None:
    """changes=True: deletions and visibility changes are applied.

    A delete record marks the stored page deleted, a visibility-change
    record masks the stored revision through the audited redaction path; a
    second ingest changes nothing.
    """
    from wikireuse.dumps import PageChange

    path = tmp_path / "realtime.ndjson"
    path.write_bytes(
        b"".join(json.dumps(r).encode() + b"\n" for r in _realtime_records())
    )
    items = list(read_enterprise(path, changes=True))
    changes = [i for i in items if isinstance(i, PageChange)]
    assert [(c.kind, c.pageid, c.revid, c.hidden, c.event) for c in changes] == [
        ("delete", 4042095, None, (), "ev-delete-1"),
        ("visibility", 28492, 1171934824, ("text", "user"), "ev-hide-1"),
    ]
    en_wiki = "https://en.wikipedia.org/w/api.php"
    de_wiki = "https://de.wikipedia.org/w/api.php"
    with Store(tmp_path / "s.db") as store:
        first = store.ingest(read_enterprise(path, changes=True), source="rt")
        again = store.ingest(read_enterprise(path, changes=True), source="rt")
        pages = {(p.wiki, p.pageid): p.status for p in store.pages()}
        en = store.get(wiki=en_wiki, revid=1171934824)
        masked = store.redacted(wiki=en_wiki, revid=1171934824)
        audit = [e for e in store.audit() if e.action in ("delete", "redact")]
    assert (first.added, first.deleted, first.masked) == (3, 1, 1)
    assert (again.added, again.deleted, again.masked) == (0, 0, 0)
    assert again.redacted == 1  # the masked revision is kept masked
    assert pages[(de_wiki, 4042095)] == "deleted"
    assert pages[(en_wiki, 28492)] == "present"
    assert en is not None
    assert en.wikitext == ""
    assert en.provenance.content_hash == content_hash("")
    assert masked == ("text", "user")
    assert [e.action for e in audit] == ["delete", "redact"]
    assert "ev-hide-1" in audit[1].detail["reason"]


def test_enterprise_changes_default_off_and_unknown_pages_ignored(
    tmp_path: Path,
) -> None:
    """Without changes=True the records are counted as skipped, as before.

    A change to a page the store does not hold is ignored.
    """
    records = _realtime_records()
    path = tmp_path / "realtime.ndjson"
    path.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in records))
    stream = read_enterprise(path)
    assert len(list(stream)) == 3
    assert stream.skipped == {"delete events": 1, "visibility-change events": 1}
    only_changes = tmp_path / "changes.ndjson"
    only_changes.write_bytes(
        b"".join(json.dumps(r).encode() + b"\n" for r in records[3:])
    )
    with Store(tmp_path / "s.db") as store:
        report = store.ingest(read_enterprise(only_changes, changes=True), source="c")
        assert store.pages() == ()
    assert (report.read, report.deleted, report.masked) == (0, 0, 0)


def test_enterprise_update_with_the_user_hidden_keeps_text_masks_user(
    tmp_path: Path,
) -> None:
    """An update record whose user is hidden: its article, then the mask."""
    from wikireuse.dumps import PageChange

    record = _realtime_records()[1]
    record["visibility"] = {"text": True, "user": False, "comment": False}
    path = tmp_path / "one.ndjson"
    path.write_bytes(json.dumps(record).encode() + b"\n")
    items = list(read_enterprise(path, changes=True))
    assert [type(i).__name__ for i in items] == ["Article", "PageChange"]
    assert isinstance(items[1], PageChange)
    assert items[1].hidden == ("user", "comment")
    with Store(tmp_path / "s.db") as store:
        report = store.ingest(read_enterprise(path, changes=True), source="one")
        kept = store.get(wiki=items[1].wiki, revid=record["version"]["identifier"])
    assert (report.added, report.masked) == (1, 1)
    assert kept is not None
    assert kept.wikitext == record["article_body"]["wikitext"]


def test_cli_ingest_enterprise_applies_changes(tmp_path: Path) -> None:
    path = tmp_path / "realtime.ndjson"
    path.write_bytes(
        b"".join(json.dumps(r).encode() + b"\n" for r in _realtime_records())
    )
    out = io.StringIO()
    code = main(
        ["ingest", str(path), "--store", str(tmp_path / "s.db"), "--json"],
        stdout=out,
    )
    assert code == 0
    data = json.loads(out.getvalue())
    assert (data["added"], data["deleted"], data["masked"]) == (3, 1, 1)


def version_1_store(path: Path) -> sqlite3.Connection:
    """A store file as wikireuse wrote it before ingest existed (uncommitted)."""
    raw = sqlite3.connect(path)
    for statement in _SCHEMA_V1:
        raw.execute(statement)
    raw.execute("PRAGMA application_id=2003399269")
    raw.execute("PRAGMA user_version=1")
    return raw


def test_version_1_store_is_upgraded_with_its_audit_log(tmp_path: Path) -> None:
    """A store written before ingest existed is upgraded on first use, log kept."""
    path = tmp_path / "v1.db"
    raw = version_1_store(path)
    raw.execute(
        "INSERT INTO audit (at, action, wiki, detail) "
        "VALUES ('2026-01-01T00:00:00Z', 'export', NULL, '{}')"
    )
    raw.commit()
    raw.close()
    with Store(path) as store:
        assert store.cursor("https://x.invalid/w/api.php") is None  # v1: no cursors
        store.ingest(sample()[:3], source="sample")
        log = store.audit()
    assert [(e.id, e.action) for e in log] == [(1, "export"), (2, "ingest")]
    check = sqlite3.connect(path)
    version = check.execute("PRAGMA user_version").fetchone()[0]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        check.execute("DELETE FROM audit")
    check.close()
    assert version == SCHEMA_VERSION  # upgraded through every version


def test_cursor_round_trip(tmp_path: Path) -> None:
    wiki = "https://x.invalid/w/api.php"
    with Store(tmp_path / "s.db") as store:
        store.set_cursor(wiki, rc_timestamp="2026-01-01T00:00:00Z", rc_id=7)
        store.set_cursor(wiki, event_id='[{"offset": 3}]')
        cursor = store.cursor(wiki)
    assert cursor is not None
    assert (cursor["rc_timestamp"], cursor["rc_id"], cursor["event_id"]) == (
        "2026-01-01T00:00:00Z",
        7,
        '[{"offset": 3}]',
    )


# -- redaction ----------------------------------------------------------------


def test_redaction_masks_text_everywhere_and_is_audited(tmp_path: Path) -> None:
    articles = sample()
    target = articles[2]
    with Store(tmp_path / "s.db") as store:
        store.ingest(articles, source="sample")
        before = {e["revid"]: e for e in store.iter_manifest()}
        assert store.redact(
            wiki=target.wiki, revid=target.revid, hidden=["text"], reason="rev-del"
        )
        # Masking the same thing again does nothing.
        assert not store.redact(
            wiki=target.wiki, revid=target.revid, hidden=["text"], reason="again"
        )
        masked = store.get(wiki=target.wiki, revid=target.revid)
        after = {e["revid"]: e for e in store.iter_manifest()}
        log = [e for e in store.audit() if e.action == "redact"]
        again = store.ingest(sample(), source="sample")
        still = store.get(wiki=target.wiki, revid=target.revid)
        fields = store.redacted(wiki=target.wiki, revid=target.revid)
    assert masked is not None
    assert masked.wikitext == ""
    assert masked.sha1 is None
    assert masked.provenance.content_hash == content_hash("")
    assert "masked by wikireuse" in masked.provenance.note
    assert after[target.revid]["content_hash"] == content_hash("")
    assert before[target.revid]["content_hash"] != content_hash("")
    assert {k for k in after if after[k] != before[k]} == {target.revid}
    assert len(log) == 1
    assert log[0].detail["fields"] == ["text"]
    assert log[0].detail["reason"] == "rev-del"
    # A dump still holding the text does not bring it back.
    assert (again.redacted, again.added) == (1, 0)
    assert still is not None
    assert still.wikitext == ""
    assert fields == ("text",)


def test_revisions_stay_immutable_outside_the_redaction_path(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.ingest(sample()[:3], source="sample")
    raw = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        raw.execute("UPDATE revisions SET record = '{}'")
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        raw.execute("DELETE FROM revisions")
    raw.close()


# -- CLI ----------------------------------------------------------------------


def test_cli_ingest_json_and_second_run(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    argv = ["ingest", str(SAMPLE), "--store", db, "--rights", RIGHTS, "--json"]
    out = io.StringIO()
    assert main(argv, stdout=out) == 0
    first = json.loads(out.getvalue())
    out = io.StringIO()
    assert main([*argv[:-1]], stdout=out) == 0
    assert (first["added"], first["file"]["name"]) == (29, SAMPLE.name)
    assert "(nothing new)" in out.getvalue()
    assert "1 batch; 1 wiki: https://" in out.getvalue()  # counted in number


def test_cli_ingest_enterprise(tmp_path: Path) -> None:
    out = io.StringIO()
    argv = ["ingest", str(shared(ENTERPRISE)), "--store", str(tmp_path / "e.db")]
    assert main(argv, stdout=out) == 0
    assert "licence          2" in out.getvalue()


def test_cli_ingest_bad_dump_exits_2_and_keeps_what_was_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import bz2

    raw = bz2.decompress(SAMPLE.read_bytes())
    cut = tmp_path / "cut.xml"
    cut.write_bytes(raw[: raw.index(b"<title>Lindqvay</title>")])
    db = tmp_path / "cut.db"
    assert main(["ingest", str(cut), "--store", str(db)], stdout=io.StringIO()) == 2
    assert "cut.xml" in capsys.readouterr().err
    with Store(db) as store:
        # Ingest batches are 500: the read pages were all in the failed
        # batch, which is not kept; the store stays consistent.
        assert store.pages() == ()


def test_cli_ingest_usage_errors(tmp_path: Path) -> None:
    assert main(["ingest", str(SAMPLE)], stdout=io.StringIO()) == 64
    assert (
        main(
            ["ingest", str(SAMPLE), "--store", str(tmp_path / "x.db"), "--format", "x"],
            stdout=io.StringIO(),
        )
        == 64
    )


# -- kill -9 ------------------------------------------------------------------

_CHILD = """
import sys
from wikireuse.dumps import read_xml_dump
from wikireuse.store import Store
with Store(sys.argv[2]) as store:
    print("open", flush=True)
    store.ingest(read_xml_dump(sys.argv[1]), source="crash", batch_size=20)
print("done", flush=True)
"""


def _big_dump(path: Path, pages: int) -> None:
    write_dump(
        path,
        copies(
            [a.wikitext for a in sample()], pages, prefix="Page", first_revid=10_000
        ),
    )


def _check(db: Path, total: int) -> int:
    """Integrity ok, the library opens it, nothing doubled or half-written."""
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    with Store(db) as store:
        entries = list(store.iter_manifest())
        pages = store.pages()
    revids = [e["revid"] for e in entries]
    assert len(revids) == len(set(revids)) <= total
    assert {p.pageid for p in pages} == {e["pageid"] for e in entries}
    return len(revids)


def _stored(db: Path, table: str = "revisions") -> int:
    """Rows committed so far (read while the child writes; WAL allows it)."""
    if not db.exists():
        return 0
    raw = sqlite3.connect(f"{db.absolute().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        count = f"SELECT count(*) FROM {table}"  # noqa: S608 - a table name of ours
        return int(raw.execute(count).fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet
    finally:
        raw.close()


def kill_when_stored(
    argv: list[str], env: dict[str, str], db: Path, target: int
) -> None:
    """Run *argv* and SIGKILL it once *target* revisions are in *db*.

    The child prints ``open`` once it has the store open.
    """
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, env=env, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "open"
    while child.poll() is None and _stored(db) < target:
        time.sleep(0.002)  # polling the database, not timing anything
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()


@pytest.mark.heavy
def test_kill_9_during_ingest_loses_and_doubles_nothing(tmp_path: Path) -> None:
    total = 1500
    dump = tmp_path / "big.xml"
    _big_dump(dump, total)
    db = tmp_path / "crash.db"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rng = random.Random(1515)
    # 20 kill points, at random places inside 20 different stretches of the
    # ingest: the child is killed as soon as that many revisions are in.
    targets = [60 * i + rng.randrange(40) for i in range(1, 21)]
    seen: list[int] = []
    for target in targets:
        argv = [sys.executable, "-c", _CHILD, str(dump), str(db)]
        kill_when_stored(argv, env, db, target)
        seen.append(_check(db, total))
    print(f"kill points: {len(seen)}, stored after each: {seen}")  # for the record
    # Each kill landed inside the ingest, further on than the one before.
    assert seen == sorted(set(seen))
    assert len(seen) == 20
    assert seen[-1] < total
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(dump), str(db)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    assert done.stdout.split() == ["open", "done"]
    assert _check(db, total) == total
    with Store(db) as store:
        wiki = "https://bench.wikireuse.invalid/w/api.php"
        stored = {a.revid: a for a in store.revisions(wiki=wiki, pageid=1)}
        ingests = [e.detail for e in store.audit() if e.action == "ingest"]
    assert list(stored) == [10_001]
    assert stored[10_001].provenance.content_hash == content_hash(
        stored[10_001].wikitext
    )
    # Every completed run logged its counts; the last one finished the rest.
    assert ingests[-1]["read"] == total
    assert ingests[-1]["added"] + ingests[-1]["already_stored"] == total

"""The snapshot store: immutable revisions, title index, audit log, manifests."""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wikireuse.articles import Article, LangLink, PageLicense
from wikireuse.exceptions import (
    ConfigurationError,
    StoreAccessError,
    StoreError,
    StoreLockedError,
)
from wikireuse.provenance import Provenance, RequestRecord, content_hash
from wikireuse.store import (
    MANIFEST_SCHEMA,
    SCHEMA_VERSION,
    AuditEntry,
    Manifest,
    Store,
    StoredPage,
    SyncReport,
)
from wikireuse.testing import FakeClock

UTC = timezone.utc
WIKI = "http://wiki.test/w/api.php"
OTHER_WIKI = "https://de.wikipedia.org/w/api.php"
UA = "wikireuse-tests/1.0 (tests@wikireuse.invalid) wikireuse/0.1.0"
BY_SA_3 = PageLicense(
    spdx="CC-BY-SA-3.0",
    name="Creative Commons Attribution-ShareAlike 3.0 Unported",
    url="https://creativecommons.org/licenses/by-sa/3.0/",
    basis="Wikimedia licence history",
)


def make_article(
    *,
    title: str = "Ada Lovelace",
    pageid: int = 7,
    revid: int = 100,
    text: str = "'''Ada''' was a mathematician.",
    wiki: str = WIKI,
    requested: str | None = None,
    normalized_from: str | None = None,
    redirects: tuple[str, ...] = (),
    fetched_at: datetime = datetime(2026, 11, 27, 12, 0, tzinfo=UTC),
) -> Article:
    """An article as a live fetch would build it (hashes consistent)."""
    stamp = datetime(2023, 2, 1, 10, 0, tzinfo=UTC)
    return Article(
        wiki=wiki,
        requested=requested if requested is not None else title,
        namespace=0,
        title=title,
        pageid=pageid,
        revid=revid,
        parentid=None,
        timestamp=stamp,
        sha1=hashlib.sha1(text.encode()).hexdigest(),  # noqa: S324 - MediaWiki's
        size=len(text.encode()),
        wikitext=text,
        url=f"http://wiki.test/wiki/{title.replace(' ', '_')}",
        permalink=f"http://wiki.test/w/index.php?title={title}&oldid={revid}",
        history_url=f"http://wiki.test/w/index.php?title={title}&action=history",
        license=BY_SA_3,
        normalized_from=normalized_from,
        redirects=redirects,
        provenance=Provenance(
            wiki=wiki,
            endpoint=wiki,
            params=(("action", "query"), ("titles", title)),
            revid=revid,
            rev_timestamp=stamp,
            content_hash=content_hash(text),
            fetched_at=fetched_at,
            user_agent=UA,
            wikireuse_version="0.1.0",
        ),
    )


def served(article: Article, store: Store) -> Article:
    """*article* as the store hands it back."""
    return attrs.evolve(
        article,
        provenance=attrs.evolve(
            article.provenance,
            served_from="store",
            note=f"served from the snapshot store {store.path}",
        ),
    )


@pytest.fixture
def clock() -> FakeClock:
    """A fresh fake clock (the store's wall clock)."""
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    """An empty store in a temporary file."""
    with Store(tmp_path / "snap.db", wall_clock=clock.wall) as s:
        yield s


# -- put and get ---------------------------------------------------------------


def test_put_then_get_gives_the_article_marked_as_from_the_store(store: Store) -> None:
    """A stored revision comes back equal, except that it says where from."""
    article = make_article()

    assert store.put(article) is True
    got = store.get(wiki=WIKI, revid=100)

    assert served(article, store) == got
    assert got is not None
    assert got.from_store


def test_put_twice_keeps_one_revision(store: Store) -> None:
    """The same revision put again is not new and is kept once."""
    article = make_article()
    store.put(article)

    assert store.put(article) is False
    assert 1 == len(store.revisions(wiki=WIKI, pageid=7))


def test_get_unknown_revision_is_none(store: Store) -> None:
    """Asking for a revision never stored gives None."""
    store.put(make_article())

    assert store.get(wiki=WIKI, revid=101) is None
    assert store.get(wiki=OTHER_WIKI, revid=100) is None


def test_same_revision_with_other_content_is_refused(store: Store) -> None:
    """A stored revision is immutable: other content for it is a StoreError."""
    store.put(make_article(text="first"))

    with pytest.raises(StoreError, match="immutable") as caught:
        store.put(make_article(text="tampered"))

    assert str(store.path) == caught.value.path
    got = store.get(wiki=WIKI, revid=100)
    assert got is not None
    assert "first" == got.wikitext


def test_provenance_hash_must_match_the_text(store: Store) -> None:
    """An article whose provenance hash is not its text's hash is refused."""
    article = make_article()
    bad = attrs.evolve(
        article,
        provenance=attrs.evolve(article.provenance, content_hash=content_hash("x")),
    )

    with pytest.raises(StoreError, match="not the hash of the text"):
        store.put(bad)
    assert () == store.pages()


def test_put_takes_only_articles(store: Store) -> None:
    """Anything but an Article is a ConfigurationError."""
    with pytest.raises(ConfigurationError, match="Article"):
        store.put({"title": "Ada Lovelace"})  # type: ignore[arg-type]


def test_revisions_are_listed_oldest_first(store: Store) -> None:
    """revisions() gives every stored revision of a page by revision id."""
    for revid in (300, 100, 200):
        store.put(make_article(revid=revid, text=f"v{revid}"))

    assert [100, 200, 300] == [a.revid for a in store.revisions(wiki=WIKI, pageid=7)]
    assert () == store.revisions(wiki=WIKI, pageid=8)


def test_the_database_refuses_to_change_revisions(store: Store) -> None:
    """Raw SQL UPDATE and DELETE of a revision row fail: triggers abort them."""
    store.put(make_article())
    raw = sqlite3.connect(store.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            raw.execute("UPDATE revisions SET record = '{}'")
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            raw.execute("DELETE FROM revisions")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("DELETE FROM audit")
    finally:
        raw.close()

    assert served(make_article(), store) == store.get(wiki=WIKI, revid=100)


# -- titles and pages ------------------------------------------------------------


def test_latest_finds_the_page_by_every_title_that_led_to_it(store: Store) -> None:
    """Title, requested title, pre-normalisation title and redirects all resolve."""
    store.put(
        make_article(
            requested="lovelace",
            normalized_from="lovelace",
            redirects=("Lovelace", "Countess of Lovelace"),
        )
    )
    expected = store.get(wiki=WIKI, revid=100)

    for title in ("Ada Lovelace", "Ada_Lovelace", "lovelace", "Countess of Lovelace"):
        assert expected == store.latest(wiki=WIKI, title=title)
    assert expected == store.latest(wiki=WIKI, pageid=7)
    assert store.latest(wiki=WIKI, title="Charles Babbage") is None
    assert store.latest(wiki=OTHER_WIKI, title="Ada Lovelace") is None


def test_requested_page_ids_are_not_titles(store: Store) -> None:
    """A fetch by page or revision id does not add "pageid:7" as a title."""
    store.put(make_article(requested="pageid:7"))

    assert store.latest(wiki=WIKI, title="pageid:7") is None


def test_latest_is_the_newest_stored_revision(store: Store) -> None:
    """latest() gives the highest revision id, even if an older one came later."""
    store.put(make_article(revid=200, text="new"))
    store.put(make_article(revid=100, text="old", title="Ada Byron"))

    latest = store.latest(wiki=WIKI, title="Ada Lovelace")
    (page,) = store.pages()

    assert latest is not None
    assert (200, "new") == (latest.revid, latest.wikitext)
    assert ("Ada Lovelace", 200, 2, ()) == (
        page.title,
        page.latest_revid,
        page.revisions,
        page.moves,
    )


@pytest.mark.parametrize("kwargs", [{}, {"title": "A", "pageid": 1}])
def test_latest_needs_exactly_one_key(store: Store, kwargs: dict[str, Any]) -> None:
    """Neither or both of title and pageid is a ConfigurationError."""
    with pytest.raises(ConfigurationError):
        store.latest(wiki=WIKI, **kwargs)


def test_pages_describe_what_is_stored(store: Store, clock: FakeClock) -> None:
    """pages() lists each page with its title, newest revision and status."""
    store.put(make_article())
    clock.advance(60)
    store.put(make_article(revid=101, text="v2"))
    store.put(make_article(wiki=OTHER_WIKI, pageid=3, revid=9, title="Ada"))

    first = datetime(2026, 1, 1, tzinfo=UTC)
    expected = StoredPage(
        wiki=WIKI,
        pageid=7,
        namespace=0,
        title="Ada Lovelace",
        latest_revid=101,
        revisions=2,
        status="present",
        first_stored_at=first,
        changed_at=datetime(2026, 1, 1, 0, 1, tzinfo=UTC),
    )
    assert (expected,) == store.pages(wiki=WIKI)
    assert [WIKI, OTHER_WIKI] == [p.wiki for p in store.pages()]
    assert "present" == expected.to_dict()["status"]


def test_mark_deleted_keeps_the_revisions(store: Store) -> None:
    """A deleted page stays readable, says so, and is logged."""
    store.put(make_article())

    store.mark_deleted(wiki=WIKI, pageid=7)
    store.mark_deleted(wiki=WIKI, pageid=7)  # once is recorded
    (page,) = store.pages()
    latest = store.latest(wiki=WIKI, title="Ada Lovelace")

    assert ("deleted", datetime(2026, 1, 1, tzinfo=UTC)) == (
        page.status,
        page.deleted_at,
    )
    assert latest is not None
    assert "deleted on the wiki" in latest.provenance.note
    assert [("delete", {"pageid": 7, "title": "Ada Lovelace"})] == [
        (e.action, dict(e.detail)) for e in store.audit() if e.action != "fetch"
    ]


def test_a_newer_revision_restores_a_deleted_page(store: Store) -> None:
    """Putting a newer revision of a deleted page makes it present again."""
    store.put(make_article())
    store.mark_deleted(wiki=WIKI, pageid=7)

    store.put(make_article(revid=101, text="back"))
    (page,) = store.pages()

    assert ("present", None, 101) == (page.status, page.deleted_at, page.latest_revid)


def test_mark_moved_renames_and_keeps_the_old_title(store: Store) -> None:
    """After a move both titles lead to the page, and the move is listed."""
    store.put(make_article())

    store.mark_moved(
        wiki=WIKI, pageid=7, old_title="Ada Lovelace", new_title="Ada King"
    )
    (page,) = store.pages()

    assert ("Ada King", (("Ada Lovelace", "Ada King"),)) == (page.title, page.moves)
    assert 7 == store.latest(wiki=WIKI, title="Ada King").pageid  # type: ignore[union-attr]
    assert 7 == store.latest(wiki=WIKI, title="Ada Lovelace").pageid  # type: ignore[union-attr]
    assert {"pageid": 7, "old_title": "Ada Lovelace", "new_title": "Ada King"} == dict(
        store.audit()[-1].detail
    )


def test_a_fetch_under_a_new_title_records_the_move(store: Store) -> None:
    """A newer revision with another title for the same page id is a move."""
    store.put(make_article())
    store.put(make_article(revid=101, text="moved", title="Ada King"))

    (page,) = store.pages()

    assert (("Ada Lovelace", "Ada King"),) == page.moves
    assert "move" == store.audit()[-2].action


@pytest.mark.parametrize("method", ["mark_deleted", "mark_moved"])
def test_marking_an_unknown_page_is_an_error(store: Store, method: str) -> None:
    """Deleting or moving a page the store does not have is a StoreError."""
    kwargs: dict[str, Any] = {"wiki": WIKI, "pageid": 99}
    if method == "mark_moved":
        kwargs.update(old_title="A", new_title="B")

    with pytest.raises(StoreError, match="no page 99"):
        getattr(store, method)(**kwargs)


# -- audit ---------------------------------------------------------------------------


def test_every_put_is_audited(store: Store, clock: FakeClock) -> None:
    """Each put writes a fetch entry with the revision and whether it was new."""
    store.put(make_article())
    clock.advance(1.5)
    store.put(make_article())

    entries = store.audit()

    assert [1, 2] == [e.id for e in entries]
    assert [("fetch", WIKI, 100, True), ("fetch", WIKI, 100, False)] == [
        (e.action, e.wiki, e.detail["revid"], e.detail["new"]) for e in entries
    ]
    assert datetime(2026, 1, 1, 0, 0, 1, 500000, tzinfo=UTC) == entries[1].at
    assert content_hash(make_article().wikitext) == entries[0].detail["content_hash"]


def test_audit_entries_serialise(store: Store) -> None:
    """AuditEntry.to_dict is JSON-safe and its detail cannot be changed."""
    store.put(make_article())
    entry = store.audit()[0]

    assert "2026-01-01T00:00:00Z" == json.loads(json.dumps(entry.to_dict()))["at"]
    with pytest.raises(TypeError):
        entry.detail["revid"] = 1  # type: ignore[index]
    assert isinstance(entry, AuditEntry)


# -- manifests -----------------------------------------------------------------------


def _fill(store: Store, order: list[Article]) -> None:
    for article in order:
        store.put(article)


ARTICLES = [
    make_article(),
    make_article(revid=150, text="v2"),
    make_article(pageid=3, revid=120, title="Analytical Engine", text="engine"),
    make_article(wiki=OTHER_WIKI, pageid=1, revid=5, title="Ada", text="de"),
]


def test_manifest_lines_are_sorted_and_complete(store: Store, tmp_path: Path) -> None:
    """One canonical JSON line per revision, by (wiki, pageid, revid)."""
    _fill(store, ARTICLES)
    out = tmp_path / "manifest.jsonl"

    manifest = store.manifest(out)
    data = out.read_bytes()
    lines = [json.loads(line) for line in data.decode().splitlines()]

    assert Manifest(
        snapshot_id="sha256:" + hashlib.sha256(data).hexdigest(), count=4, path=out
    ) == (manifest)
    assert [(WIKI, 3, 120), (WIKI, 7, 100), (WIKI, 7, 150), (OTHER_WIKI, 1, 5)] == [
        (e["wiki"], e["pageid"], e["revid"]) for e in lines
    ]
    first = lines[1]
    assert {
        "schema": MANIFEST_SCHEMA,
        "wiki": WIKI,
        "pageid": 7,
        "revid": 100,
        "title": "Ada Lovelace",
        "timestamp": "2023-02-01T10:00:00Z",
        "sha1": ARTICLES[0].sha1,
        "content_hash": content_hash(ARTICLES[0].wikitext),
        "license": "CC-BY-SA-3.0",
        "provenance": ARTICLES[0].provenance.to_dict(),
        "site_name": "",
    } == first
    assert data.decode().splitlines()[0] == json.dumps(
        lines[0], sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    assert lines == list(store.iter_manifest())
    assert not (tmp_path / "manifest.jsonl.partial").exists()


def test_manifest_is_deterministic(tmp_path: Path, clock: FakeClock) -> None:
    """The same revisions give the same bytes and id, whatever the put order."""
    with (
        Store(tmp_path / "a.db", wall_clock=clock.wall) as a,
        Store(tmp_path / "b.db") as b,
    ):
        _fill(a, ARTICLES)
        _fill(b, list(reversed(ARTICLES)))
        text_a, text_b = io.StringIO(), io.StringIO()

        first, second = a.manifest(text_a), b.manifest(text_b)

        assert text_a.getvalue() == text_b.getvalue()
        assert first == second
        assert first == a.manifest()
        assert Manifest(snapshot_id=first.snapshot_id, count=4) == first


def test_manifest_id_changes_with_content(store: Store) -> None:
    """A new revision gives a new snapshot id."""
    _fill(store, ARTICLES)
    before = store.manifest()

    store.put(make_article(revid=151, text="v3"))

    assert before.snapshot_id != store.manifest().snapshot_id


def test_exports_are_audited(store: Store, tmp_path: Path) -> None:
    """Each manifest export writes an export entry with the snapshot id."""
    _fill(store, ARTICLES[:1])

    manifest = store.manifest(tmp_path / "m.jsonl")
    entry = store.audit()[-1]

    assert ("export", None) == (entry.action, entry.wiki)
    assert manifest.to_dict() == dict(entry.detail)


def test_empty_manifest(store: Store) -> None:
    """An empty store's snapshot is the hash of no bytes."""
    assert Manifest(snapshot_id=content_hash(b""), count=0) == store.manifest()


def test_manifest_to_an_unwritable_path_is_a_store_error(
    store: Store, tmp_path: Path
) -> None:
    """A manifest path in a missing folder is a StoreError."""
    with pytest.raises(StoreError, match="cannot write the manifest"):
        store.manifest(tmp_path / "missing" / "m.jsonl")


def test_iter_manifest_is_one_consistent_snapshot(store: Store) -> None:
    """A put while the entries are being read neither blocks nor shows up in them."""
    _fill(store, ARTICLES)
    entries = store.iter_manifest()
    first = next(entries)

    assert store.put(make_article(pageid=1, revid=1, title="Later", text="later"))
    rest = list(entries)

    assert 4 == len([first, *rest])
    assert "Later" not in [e["title"] for e in [first, *rest]]
    assert 5 == len(list(store.iter_manifest()))


def test_a_failed_export_leaves_no_partial_file(tmp_path: Path) -> None:
    """An export that cannot read the store writes nothing at the target."""
    store = Store(tmp_path / "snap.db")
    store.close()
    out = tmp_path / "m.jsonl"

    with pytest.raises(StoreError, match="closed"):
        store.manifest(out)

    assert [] == sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("m."))


# -- the file --------------------------------------------------------------------------


def test_wal_journal_and_schema_version(store: Store) -> None:
    """The file is in WAL mode and carries the schema version."""
    raw = sqlite3.connect(store.path)
    try:
        mode = raw.execute("PRAGMA journal_mode").fetchone()[0]
        version = raw.execute("PRAGMA user_version").fetchone()[0]
    finally:
        raw.close()

    assert ("wal", SCHEMA_VERSION) == (mode, version)


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    """A store opened again holds what was put before."""
    path = tmp_path / "snap.db"
    with Store(path) as first:
        first.put(make_article())

    with Store(str(path)) as again:
        assert 1 == len(again.pages())
        assert served(make_article(), again) == again.get(wiki=WIKI, revid=100)


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    """A SQLite file that is not a store is a StoreError and is not changed."""
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE notes (body TEXT)")
    raw.commit()
    raw.close()

    with pytest.raises(StoreError, match="not a wikireuse store"):
        Store(path)

    raw = sqlite3.connect(path)
    try:
        assert "delete" == raw.execute("PRAGMA journal_mode").fetchone()[0]
        assert [("notes",)] == raw.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        raw.close()


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    """A text file is a StoreError, not a crash."""
    path = tmp_path / "notes.txt"
    path.write_text("just some notes, not a database\n" * 40)

    with pytest.raises(StoreError, match="not a wikireuse store") as caught:
        Store(path)

    assert str(path) == caught.value.path


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    """A store written by a newer wikireuse says so instead of misreading it."""
    path = tmp_path / "snap.db"
    Store(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()

    with pytest.raises(StoreError, match="newer wikireuse"):
        Store(path)


def test_a_missing_folder_is_a_store_error(tmp_path: Path) -> None:
    """A path whose folder does not exist cannot be opened."""
    with pytest.raises(StoreError, match="cannot open"):
        Store(tmp_path / "missing" / "snap.db")


def test_a_bad_path_is_a_configuration_error() -> None:
    """A path that is not a path is a ConfigurationError."""
    with pytest.raises(ConfigurationError):
        Store(42)  # type: ignore[arg-type]


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    """Using a closed store is a StoreError; closing twice is fine."""
    store = Store(tmp_path / "snap.db")
    store.close()
    store.close()

    with pytest.raises(StoreError, match="closed"):
        store.pages()
    with pytest.raises(StoreError, match="closed"):
        next(store.iter_manifest())


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    """A path that is a directory is a StoreError, not a traceback."""
    with pytest.raises(StoreError):
        Store(tmp_path)


def test_two_threads_put_at_once(store: Store) -> None:
    """Concurrent puts from two threads all land; a shared revision once."""
    shared = make_article(pageid=1, revid=1, text="shared", title="Shared")
    results: dict[int, list[bool]] = {0: [], 1: []}
    barrier = threading.Barrier(2)

    def work(n: int) -> None:
        barrier.wait()
        for i in range(40):
            article = make_article(
                pageid=10 + n, revid=1000 * (n + 1) + i, text=f"{n}-{i}", title=f"P{n}"
            )
            results[n].append(store.put(article))
            if i == 20:
                results[n].append(store.put(shared))

    threads = [threading.Thread(target=work, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [41, 41] == [len(r) for r in results.values()]
    assert 1 == sum(r.count(False) for r in results.values())
    assert 81 == store.manifest().count
    assert [40, 40] == [len(store.revisions(wiki=WIKI, pageid=p)) for p in (10, 11)]


# -- sync reports ------------------------------------------------------------------


def test_sync_report_counts_and_dict() -> None:
    """SyncReport counts each group and serialises moves as pairs."""
    report = SyncReport(
        wiki=WIKI,
        unchanged=("A", "B"),
        moved=(("C", "D"),),
        missing=("E",),
        requests_sent=2,
    )

    assert {
        "unchanged": 2,
        "updated": 0,
        "new": 0,
        "deleted": 0,
        "moved": 1,
        "missing": 1,
        "invalid": 0,
    } == dict(report.counts)
    assert [["C", "D"]] == report.to_dict()["moved"]
    assert (False, 2) == (report.ok, report.to_dict()["requests_sent"])


# -- properties ----------------------------------------------------------------------

titles = st.text(st.characters(codec="utf-8", exclude_categories=("Cc",)), min_size=1)
texts = st.text(max_size=300)
stamps = st.datetimes(
    min_value=datetime(2001, 1, 15),
    max_value=datetime(2100, 1, 1),
    timezones=st.just(UTC),
)


@st.composite
def articles(draw: st.DrawFn, pageid: int | None = None) -> Article:
    """Articles with consistent hashes and any field values."""
    text = draw(texts)
    base = make_article(
        title=draw(titles),
        pageid=pageid if pageid is not None else draw(st.integers(1, 2**40)),
        revid=draw(st.integers(1, 2**50)),
        text=text,
        wiki=draw(st.sampled_from([WIKI, OTHER_WIKI])),
        requested=draw(st.one_of(titles, st.just("pageid:1"))),
        normalized_from=draw(st.none() | titles),
        redirects=tuple(draw(st.lists(titles, max_size=3))),
        fetched_at=draw(stamps),
    )
    return attrs.evolve(
        base,
        namespace=draw(st.integers(-2, 3000)),
        parentid=draw(st.none() | st.integers(1, 2**50)),
        timestamp=draw(stamps),
        categories=tuple(draw(st.lists(titles, max_size=3))),
        langlinks=tuple(
            draw(
                st.lists(
                    st.builds(LangLink, lang=titles, title=titles, url=texts),
                    max_size=2,
                )
            )
        ),
        is_disambiguation=draw(st.booleans()),
        wikidata_id=draw(st.none() | st.from_regex(r"\AQ[1-9][0-9]{0,8}\Z")),
        html=draw(st.none() | texts),
        html_etag=draw(st.none() | texts),
        provenance=attrs.evolve(
            base.provenance,
            related=tuple(
                draw(
                    st.lists(
                        st.builds(
                            RequestRecord, endpoint=texts, etag=st.none() | texts
                        ),
                        max_size=2,
                    )
                )
            ),
            steps=tuple(draw(st.lists(texts, max_size=2))),
        ),
    )


@given(articles())
def test_put_get_round_trip(article: Article) -> None:
    """Any article put comes back from get, latest and revisions unchanged."""
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "s.db") as store:
        assert store.put(article)
        expected = served(article, store)

        assert expected == store.get(wiki=article.wiki, revid=article.revid)
        assert expected == store.latest(wiki=article.wiki, title=article.title)
        assert expected == store.latest(wiki=article.wiki, pageid=article.pageid)
        assert (expected,) == store.revisions(wiki=article.wiki, pageid=article.pageid)


@pytest.mark.heavy
@given(
    st.lists(articles(pageid=5), max_size=6, unique_by=lambda a: a.revid), st.randoms()
)
def test_manifest_id_ignores_put_order(articles: list[Article], rng: Any) -> None:
    """Two stores filled in different orders export identical manifests."""
    shuffled = list(articles)
    rng.shuffle(shuffled)
    with (
        tempfile.TemporaryDirectory() as folder,
        Store(Path(folder) / "a.db") as a,
        Store(Path(folder) / "b.db") as b,
    ):
        _fill(a, articles)
        _fill(b, shuffled)
        out_a, out_b = io.StringIO(), io.StringIO()

        assert a.manifest(out_a) == b.manifest(out_b)
        assert out_a.getvalue() == out_b.getvalue()
        assert len({(x.wiki, x.revid) for x in articles}) == a.manifest().count


# -- opening: paths, causes and concurrent creators -------------------------------


def test_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    """Not SQLite's "unable to open database file": the path and the cause."""
    path = tmp_path / "missing" / "snap.db"
    with pytest.raises(StoreAccessError) as caught:
        Store(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"the folder {tmp_path / 'missing'} does not exist" in message
    assert "unable to open database file" not in message
    assert caught.value.path == str(path)


def test_a_folder_given_as_the_store_says_so(tmp_path: Path) -> None:
    """A directory is named as one, not as a database that cannot be opened."""
    with pytest.raises(StoreAccessError, match="is a folder, not a store file"):
        Store(tmp_path)


def test_a_file_in_place_of_the_folder_says_so(tmp_path: Path) -> None:
    """A store path "below" a plain file names that file."""
    (tmp_path / "notes.txt").write_text("x")
    path = tmp_path / "notes.txt" / "snap.db"
    with pytest.raises(StoreAccessError, match="is a file, not a folder"):
        Store(path)


def test_a_store_held_locked_past_the_timeout_is_a_lock_error(tmp_path: Path) -> None:
    """Lock contention is reported as such, not as "not a wikireuse store".

    Another connection is creating the file (it holds the write lock in the
    rollback journal): the opener waits ``lock_timeout`` seconds for it, then
    says the store is locked.
    """
    path = tmp_path / "snap.db"
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("CREATE TABLE t (x)")
        with pytest.raises(StoreLockedError) as caught:
            Store(path, lock_timeout=0.05)
        assert "locked by another connection" in str(caught.value)
        assert str(path) in str(caught.value)
        assert caught.value.timeout == 0.05
        assert "not a wikireuse store" not in str(caught.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Store(path) as store:  # once the lock is gone, it opens
        assert store.pages() == ()


@pytest.mark.parametrize("timeout", [-1.0, float("nan"), "5"])
def test_a_bad_lock_timeout_is_a_configuration_error(
    tmp_path: Path, timeout: object
) -> None:
    """The lock timeout is a number of seconds, zero or more."""
    with pytest.raises(ConfigurationError, match="lock_timeout"):
        Store(tmp_path / "snap.db", lock_timeout=timeout)  # type: ignore[arg-type]


def _open_and_report(path: str, barrier: Any, results: Any) -> None:
    """A process that opens the store at *path* once all are ready."""
    barrier.wait()
    try:
        Store(path).close()
    except StoreError as exc:
        results.put(f"{type(exc).__name__}: {exc}")
    else:
        results.put("ok")


@pytest.mark.heavy
@pytest.mark.parametrize("round_", range(3))
def test_many_processes_create_the_same_new_store(tmp_path: Path, round_: int) -> None:
    """120 processes open one not-yet-existing store at once: all succeed.

    Each waits on SQLite's lock instead of failing at the WAL switch, and
    none mistakes the schema another is writing for a foreign database.
    """
    processes = 120
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(processes)
    results = context.Queue()
    path = str(tmp_path / f"new-{round_}.db")
    workers = [
        context.Process(target=_open_and_report, args=(path, barrier, results))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join()
    assert [o for o in outcomes if o != "ok"] == []
    with Store(path) as store:
        assert store.pages() == ()

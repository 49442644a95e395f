"""Whole-store sync from the wiki's recent changes, on the real MediaWiki.

Edits, moves, deletions, undeletions and a revision deletion are made with
MediaWiki's own maintenance scripts and API; then ``client.sync(store)``
(no titles) must leave the store equal to a fresh fetch of the same pages,
at a cost that follows the changes. Every page here is created by this
module under unique titles.
"""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.mediawiki import ADMIN_USER, USER_PASSWORD, MediaWiki
from tests.test_integration_sync import make_client, probe_titles
from wikireuse import Client
from wikireuse.cli import main
from wikireuse.core._time import parse_timestamp
from wikireuse.store import Store
from wikireuse.testing import FakeClock

pytestmark = pytest.mark.mediawiki

HIDER = "Changeprobe hider"


def clock_after(store: Store, wiki: str, **delta: float) -> FakeClock:
    """A fake clock *delta* after the store's change cursor (the wiki's time)."""
    cursor = store.cursor(wiki)
    assert cursor is not None
    stamp = parse_timestamp(cursor["rc_timestamp"]) + timedelta(**delta)
    return FakeClock(wall_start=stamp.timestamp())


def assert_equals_fresh_fetch(store: Store, client: Client) -> None:
    """Every present stored page equals what the wiki serves now."""
    pages = [p for p in store.pages(wiki=client.wiki.api_url) if p.status == "present"]  # type: ignore[union-attr]
    fresh = {
        o.article.pageid: o.article
        for o in client.iter_articles(
            pageids=[p.pageid for p in pages], redirects=False
        )
        if o.article is not None
    }
    assert sorted(fresh) == sorted(p.pageid for p in pages)
    for page in pages:
        stored = store.latest(wiki=page.wiki, pageid=page.pageid)
        want = fresh[page.pageid]
        assert stored is not None
        assert (stored.revid, stored.title, stored.wikitext) == (
            want.revid,
            want.title,
            want.wikitext,
        )
        assert page.title == want.title


def test_changes_sync_follows_edits_moves_deletions_and_hidden_revisions(
    mediawiki: MediaWiki, tmp_path: Path
) -> None:
    titles = probe_titles(mediawiki, 8, prefix="Changeprobe")
    edited, moved, deleted, restored, hidden = titles[:5]
    with Store(tmp_path / "changes.db") as store:
        client = make_client(mediawiki.api_url, FakeClock())
        client.sync(store, titles)
        wiki = mediawiki.api_url
        # 1. No cursor yet: every title checked; the cursor starts.
        first = client.sync(store)
        assert first.path == "full"
        assert "no change cursor" in first.note
        assert first.unchanged == tuple(titles)
        old_hidden = store.latest(wiki=wiki, title=hidden)
        assert old_hidden is not None

        # 2. Changes on the wiki.
        mediawiki.edit(edited, "An edit after the first sync.")
        mediawiki.move(moved, moved + " renamed")
        mediawiki.delete(deleted)
        mediawiki.delete(restored)
        mediawiki.edit(hidden, "A newer revision, so the stored one can be hidden.")
        # Revision deletion is the 'suppress' group's right in MediaWiki 1.39:
        # a user of this module's own gets it (no response cache, so no
        # anonymous token is reused).
        mediawiki.php(
            "createAndPromote",
            "--force",
            "--custom-groups=suppress",
            HIDER,
            USER_PASSWORD,
        )
        site = make_client(mediawiki.api_url, FakeClock(), cache=False).site()
        site.login(HIDER, USER_PASSWORD)
        site.api(
            "revisiondelete",
            "POST",
            type="revision",
            ids=str(old_hidden.revid),
            hide="content",
            reason="Test: hide the text",
            token=site.get_token("csrf"),
        )

        # 3. The sync from recent changes.
        client = make_client(
            mediawiki.api_url, clock_after(store, wiki, hours=1), cache=False
        )
        report = client.sync(store)
        assert report.path == "changes"
        assert report.updated == (edited, hidden)
        assert report.moved == ((moved, moved + " renamed"),)
        assert report.deleted == (deleted, restored)
        assert report.redacted == (old_hidden.revid,)
        assert report.changes_read >= 6
        # rc + siteinfo + one batch of refetches + one prop=info by id.
        assert report.requests_sent <= 4
        masked = store.get(wiki=wiki, revid=old_hidden.revid)
        assert masked is not None
        assert masked.wikitext == ""
        redactions = [e for e in store.audit() if e.action == "redact"]
        assert redactions[-1].detail["revid"] == old_hidden.revid
        assert redactions[-1].detail["fields"] == ["text"]
        gone = {p.title: p.status for p in store.pages(wiki=wiki)}
        assert (gone[deleted], gone[restored]) == ("deleted", "deleted")
        assert_equals_fresh_fetch(store, client)

        # 4. Nothing new since: one request, nothing changed.
        again = client.sync(store)
        assert again.path == "changes"
        assert (again.updated, again.moved, again.deleted) == ((), (), ())
        assert again.requests_sent == 1

        # 5. An undeletion brings the page back.
        mediawiki.php("undelete", "-u", ADMIN_USER, restored)
        back = client.sync(store)
        assert back.new == (restored,)
        events = [e for e in store.pages(wiki=wiki) if e.title == restored]
        assert events[0].status == "present"
        assert_equals_fresh_fetch(store, client)


def test_a_cursor_older_than_retention_falls_back_to_the_full_check(
    mediawiki: MediaWiki, tmp_path: Path
) -> None:
    titles = probe_titles(mediawiki, 3, prefix="Retentionprobe")
    with Store(tmp_path / "old.db") as store:
        client = make_client(mediawiki.api_url, FakeClock())
        client.sync(store, titles)
        client.sync(store)  # sets the cursor
        mediawiki.edit(titles[0], "Edited while the store slept.")
        late = make_client(
            mediawiki.api_url, clock_after(store, mediawiki.api_url, days=91)
        )
        report = late.sync(store)
    assert report.path == "full"
    assert "older than the wiki's recent-changes retention (90 days)" in report.note
    assert report.updated == (titles[0],)


def test_cli_sync_without_titles(mediawiki: MediaWiki, tmp_path: Path) -> None:
    """``wikireuse sync STORE`` with no titles brings the whole store up to date."""
    titles = probe_titles(mediawiki, 2, prefix="Clichangeprobe")
    db = tmp_path / "cli.db"
    with Store(db) as store:
        make_client(mediawiki.api_url, FakeClock()).sync(store, titles)
    ua = [
        "--user-agent",
        "wikireuse-tests/1.0 (https://wikireuse.invalid; t@wikireuse.invalid)",
    ]
    out = io.StringIO()
    assert main(["sync", str(db), *ua], stdout=out) == 0
    assert "full sync: no change cursor yet" in out.getvalue()
    mediawiki.edit(titles[1], "Edited for the command line.")
    out = io.StringIO()
    assert main(["sync", str(db), *ua], stdout=out) == 0
    text = out.getvalue()
    assert "changes sync:" in text
    assert titles[1] in text


def test_follow_refetches_an_edited_page(mediawiki: MediaWiki, tmp_path: Path) -> None:
    """A page_change edit event for a stored page: the store then equals the wiki."""
    import threading

    from tests.test_feeds import _Handler, _Server, page_change
    from wikireuse.feeds import follow

    titles = probe_titles(mediawiki, 2, prefix="Followprobe")
    server = _Server(("127.0.0.1", 0), _Handler)
    server.drop_every = 5
    server.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with Store(tmp_path / "follow.db") as store:
            client = make_client(mediawiki.api_url, FakeClock(), cache=False)
            client.sync(store, titles)
            stored = store.latest(wiki=mediawiki.api_url, title=titles[0])
            assert stored is not None
            mediawiki.edit(titles[0], "Edited for the follower.")
            event = page_change(
                1,
                page={"page_id": stored.pageid, "page_title": titles[0]},
                meta={
                    "domain": "127.0.0.1",
                    "uri": mediawiki.article_url + titles[0].replace(" ", "_"),
                },
            )
            server.events = [("x1", event)]
            url = f"http://127.0.0.1:{server.server_address[1]}/stream"
            applied = list(follow(client, store, url=url, max_events=1))
            assert [e.wiki for e in applied] == [mediawiki.api_url]
            assert_equals_fresh_fetch(store, client)
            latest = store.latest(wiki=mediawiki.api_url, pageid=stored.pageid)
            assert latest is not None
            assert latest.wikitext == "Edited for the follower."
    finally:
        server.shutdown()
        server.server_close()


_SYNC_CHILD = """
import sys
from wikireuse import Client
from wikireuse.store import Store
with Store(sys.argv[2]) as store, Client(sys.argv[3], api_url=sys.argv[1]) as client:
    print("open", flush=True)
    report = client.sync(store)
print(report.path, len(report.updated), flush=True)
"""


@pytest.mark.heavy
def test_kill_9_during_a_change_sync(mediawiki: MediaWiki, tmp_path: Path) -> None:
    """A change sync killed at 5 points, then run again: nothing lost or doubled."""
    import os
    import sqlite3
    import subprocess
    import sys

    from tests.test_ingest import REPO, _check, _stored, kill_when_stored

    titles = probe_titles(mediawiki, 30, prefix="Killsyncprobe")
    db = tmp_path / "killsync.db"
    with Store(db) as store:
        client = make_client(mediawiki.api_url, FakeClock())
        client.sync(store, titles)
        client.sync(store)  # the cursor
    base = _stored(db)
    for title in titles:
        mediawiki.edit(title, f"{title}: edited before the killed syncs.")
    ua = "wikireuse-tests/1.0 (https://wikireuse.invalid; t@wikireuse.invalid)"
    argv = [sys.executable, "-c", _SYNC_CHILD, mediawiki.api_url, str(db), ua]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    seen = []
    for target in (base + 3, base + 9, base + 15, base + 21, base + 27):
        kill_when_stored(argv, env, db, target)
        seen.append(_check(db, base + 30))
    assert seen == sorted(seen)
    # (A late kill may land after the last put: the first ones cannot.)
    assert seen[0] < base + 30
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split()[-2] == "changes"
    assert _check(db, base + 30) == base + 30
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    with Store(db) as store:
        assert_equals_fresh_fetch(store, make_client(mediawiki.api_url, FakeClock()))

"""EventStreams: a local SSE server that drops the connection every N events.

The server sends ``retry:`` and cuts every connection after N events, in the
middle of the next one; the reader must resume with ``Last-Event-ID``: 0
events lost, 0 duplicated, the User-Agent sent on every connection, the
server's retry honoured (on a fake clock).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.test_dumps import SAMPLE
from wikireuse.client import Client
from wikireuse.dumps import read_xml_dump
from wikireuse.exceptions import ConfigurationError
from wikireuse.feeds import ChangeEvent, follow, iter_changes
from wikireuse.store import Store
from wikireuse.testing import FakeClock

UA = "wikireuse-tests/1.0 (https://wikireuse.invalid; tests@wikireuse.invalid)"
DOMAIN = "valdmark.wikireuse.invalid"


def page_change(n: int, kind: str = "edit", **extra: Any) -> dict[str, Any]:
    event = {
        "page_change_kind": kind,
        "dt": f"2026-12-01T00:00:{n % 60:02d}Z",
        "meta": {"domain": DOMAIN, "dt": "2026-12-01T00:00:00Z"},
        "page": {"page_id": 1000 + n, "page_title": f"Page_{n}", "namespace_id": 0},
        "revision": {"rev_id": 5000 + n},
    }
    event.update(extra)
    return event


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    events: list[tuple[str, dict[str, Any]]]
    drop_every: int
    requests: list[dict[str, str | None]]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_GET(self) -> None:  # http.server's name
        last = self.headers.get("Last-Event-ID")
        self.server.requests.append(
            {"ua": self.headers.get("User-Agent"), "last": last}
        )
        ids = [i for i, _ in self.server.events]
        start = ids.index(last) + 1 if last in ids else 0
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        batch = self.server.events[start : start + self.server.drop_every]
        for n, (event_id, data) in enumerate(batch):
            retry = "retry: 10\n" if n == 0 else ""
            body = (
                f"{retry}id: {event_id}\nevent: message\ndata: {json.dumps(data)}\n\n"
            )
            self.wfile.write(b": keep-alive comment\n\n" if n == 1 else b"")
            self.wfile.write(body.encode())
        rest = self.server.events[start + self.server.drop_every :]
        if rest:
            # Cut in the middle of the next event: it must not be delivered.
            half = f"id: {rest[0][0]}\ndata: {json.dumps(rest[0][1])}"[:25]
            self.wfile.write(half.encode())
        self.wfile.flush()
        self.close_connection = True


@pytest.fixture
def sse() -> Iterator[_Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.events = []
    server.drop_every = 3
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def url_of(server: _Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/v2/stream/page_change"


def client_for(clock: FakeClock) -> Client:
    return Client(
        user_agent=UA,
        api_url=f"https://{DOMAIN}/w/api.php",
        clock=clock,
        sleep=clock.sleep,
        wall_clock=clock.wall,
    )


def test_drops_every_n_events_nothing_lost_or_doubled(sse: _Server) -> None:
    sse.events = [(f"id-{n}", page_change(n)) for n in range(1, 21)]
    clock = FakeClock()
    with client_for(clock) as client:
        got = list(iter_changes(client, url=url_of(sse), max_events=20))
        wire_ua = client.wire_user_agent
    assert [e.id for e in got] == [f"id-{n}" for n in range(1, 21)]
    assert [e.pageid for e in got] == list(range(1001, 1021))
    assert got[0].wiki == f"https://{DOMAIN}/w/api.php"
    assert got[0].title == "Page 1"
    # 20 events, 3 a connection: 7 connections, each resuming after the last.
    assert len(sse.requests) == 7
    assert [r["last"] for r in sse.requests] == [None] + [
        f"id-{n}" for n in (3, 6, 9, 12, 15, 18)
    ]
    assert {r["ua"] for r in sse.requests} == {wire_ua}
    # The server's retry: 10 ms was waited before each reconnection.
    assert clock.slept.count(0.01) == 6


def test_resume_from_a_given_event(sse: _Server) -> None:
    sse.events = [(f"e{n}", page_change(n)) for n in range(1, 6)]
    with client_for(FakeClock()) as client:
        got = list(
            iter_changes(client, url=url_of(sse), last_event_id="e2", max_events=3)
        )
    assert [e.id for e in got] == ["e3", "e4", "e5"]
    assert sse.requests[0]["last"] == "e2"


def test_wiki_filter_and_event_kinds(sse: _Server) -> None:
    other = page_change(2)
    other["meta"] = {"domain": "de.wikipedia.org"}
    moved = page_change(3, "move", prior_state={"page": {"page_title": "Old_name"}})
    hidden = page_change(
        4, "visibility_change", revision={"rev_id": 77, "is_content_visible": False}
    )
    sse.events = [("a", page_change(1)), ("b", other), ("c", moved), ("d", hidden)]
    with client_for(FakeClock()) as client:
        got = list(iter_changes(client, url=url_of(sse), wikis=[DOMAIN], max_events=3))
    assert [e.id for e in got] == ["a", "c", "d"]
    assert got[1].prior_title == "Old name"
    assert (got[2].revid, got[2].hidden) == (77, ("text",))


def test_bad_event_and_arguments() -> None:
    with pytest.raises(Exception, match="without"):
        ChangeEvent.from_data("x", {"meta": {}})
    with client_for(FakeClock()) as client, pytest.raises(ConfigurationError):
        next(iter_changes(client, max_events=0))


def test_follow_applies_events_to_the_store_and_resumes(
    sse: _Server, tmp_path: Path
) -> None:
    articles = list(read_xml_dump(SAMPLE))
    ostrel, harnby = articles[0], articles[1]
    wiki = ostrel.wiki
    deletion = page_change(1, "delete")
    deletion["page"] = {"page_id": ostrel.pageid, "page_title": "Ostrel"}
    hiding = page_change(
        2,
        "visibility_change",
        page={"page_id": harnby.pageid, "page_title": "Harnby"},
        revision={"rev_id": harnby.revid, "is_content_visible": False},
    )
    unknown = page_change(3)  # a page the store does not hold: no request
    sse.events = [("f1", deletion), ("f2", hiding), ("f3", unknown)]
    url = url_of(sse)
    with Store(tmp_path / "f.db") as store, client_for(FakeClock()) as client:
        store.ingest(articles, source="sample")
        applied = list(follow(client, store, url=url, max_events=3))
        status = {p.pageid: p.status for p in store.pages()}
        masked = store.get(wiki=wiki, revid=harnby.revid)
        cursor = store.cursor(url)
        log = [e.detail for e in store.audit() if e.action == "redact"]
        sse.events.append(("f4", page_change(4)))
        resumed = list(follow(client, store, url=url, max_events=1))
    assert [e.id for e in applied] == ["f1", "f2", "f3"]
    assert status[ostrel.pageid] == "deleted"
    assert masked is not None
    assert masked.wikitext == ""
    assert log[0]["reason"] == "visibility_change event f2"
    assert cursor is not None
    assert cursor["event_id"] == "f3"
    assert [e.id for e in resumed] == ["f4"]
    assert sse.requests[-1]["last"] == "f3"


def test_cli_follow(
    sse: _Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from tests.support.cli import fake_cli_clients
    from wikireuse.cli import main

    fake_cli_clients(monkeypatch)
    db = tmp_path / "cli.db"
    with Store(db) as store:
        store.ingest(read_xml_dump(SAMPLE), source="sample")
    sse.events = [(f"c{n}", page_change(n)) for n in range(1, 5)]
    out = io.StringIO()
    argv = ["follow", "--store", str(db), "--stream-url", url_of(sse)]
    code = main([*argv, "--max-events", "4", "--user-agent", UA], stdout=out)
    assert code == 0
    lines = out.getvalue().splitlines()
    assert [line.split("\t")[0] for line in lines] == ["c1", "c2", "c3", "c4"]
    assert main(argv, stdout=io.StringIO()) == 64  # no User-Agent


def test_whole_events_only_in_every_line_ending() -> None:
    """CRLF, LF and CR streams give their whole events; a cut-off one is dropped."""
    from wikireuse.feeds._events import _complete_events

    for end in (b"\r\n", b"\n", b"\r"):
        stream = [b"id: 1" + end + b"data: {}" + end + end + b"id: 2" + end, b"data"]
        assert b"".join(_complete_events(iter(stream))) == (
            b"id: 1" + end + b"data: {}" + end + end
        )

"""A loopback MediaWiki Action API stand-in that rate-limits each client.

Only what the benchmarked clients send is implemented, but in the shape real
``api.php`` uses (formatversion 1 and 2): ``meta=siteinfo|userinfo``,
``prop=info|revisions|extracts|pageprops`` for ``titles=``/``pageids=``.
Every title exists; its page id, revision and text are derived from the title,
so a client's result can be checked with :func:`expected_text`.

The limiter is a sliding-window log: at most *limit* admitted requests per
client within any *window* seconds.  Beyond it the server answers like the
Wikimedia edge does: HTTP 429, an HTML body and ``Retry-After: N`` where *N*
is the whole number of seconds until the window frees (at least 1).  It
records every arrival and whether it came before the end of a ``Retry-After``
window already announced to that client.  :class:`SlidingWindowLimiter` is
pure (time is an argument), so it is tested on a fake timeline.
"""

from __future__ import annotations

import json
import math
import socket
import sys
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

__all__ = [
    "Arrival",
    "Decision",
    "RateLimitedWiki",
    "SlidingWindowLimiter",
    "expected_text",
    "main",
    "serve",
]


@dataclass(frozen=True)
class Decision:
    """What the limiter says about one arrival."""

    allowed: bool
    retry_after: int  # seconds announced with a 429; 0 when allowed
    inside_retry_after: bool  # arrived before an announced window had ended


@dataclass
class _ClientState:
    admitted: deque[float] = field(default_factory=deque)
    blocked_until: float = -math.inf  # end of the latest announced Retry-After


class SlidingWindowLimiter:
    """At most *limit* admitted requests per client in any *window* seconds.

    Only admitted requests fill the window, so hammering a 429 does not
    lengthen the wait; it is only counted (``inside_retry_after``).

    >>> lim = SlidingWindowLimiter(limit=2, window=10.0)
    >>> [lim.decide("c", t).allowed for t in (0.0, 1.0, 2.0)]
    [True, True, False]
    >>> lim.decide("c", 2.0).retry_after   # window frees at t=10
    8
    >>> lim.decide("c", 9.0).inside_retry_after
    True
    >>> lim.decide("c", 10.5).allowed
    True
    """

    def __init__(self, *, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            msg = f"need limit >= 1 and window > 0, got {limit=} {window=}"
            raise ValueError(msg)
        self.limit = limit
        self.window = window
        self._clients: dict[str, _ClientState] = {}

    def decide(self, client: str, now: float) -> Decision:
        """Admit or refuse one request from *client* arriving at *now*."""
        state = self._clients.setdefault(client, _ClientState())
        inside = now < state.blocked_until
        admitted = state.admitted
        # An arrival exactly `window` after an admitted one no longer sees it.
        while admitted and admitted[0] <= now - self.window:
            admitted.popleft()
        if len(admitted) < self.limit:
            admitted.append(now)
            return Decision(allowed=True, retry_after=0, inside_retry_after=inside)
        frees_at = admitted[0] + self.window
        retry_after = max(1, math.ceil(frees_at - now))
        state.blocked_until = max(state.blocked_until, now + retry_after)
        return Decision(
            allowed=False, retry_after=retry_after, inside_retry_after=inside
        )


@dataclass(frozen=True)
class Arrival:
    """One request as the server saw it."""

    at: float  # time.monotonic() on arrival
    client: str
    status: int
    inside_retry_after: bool
    retry_after: int
    params: dict[str, str]


# ---------------------------------------------------------------------------
# the fake wiki's content


def _normalize(title: str) -> str:
    title = " ".join(title.replace("_", " ").split())
    return title[:1].upper() + title[1:]


def page_id(title: str) -> int:
    """A stable page id for *title* (every title exists)."""
    return 1000 + zlib.crc32(_normalize(title).encode()) % 9_000_000


def expected_text(title: str) -> str:
    """The wikitext (and plain extract) the server serves for *title*."""
    t = _normalize(title)
    return (
        f"'''{t}''' is a page of the wikireuse benchmark wiki.\n\n"
        f"== History ==\n{t} was generated for a loopback benchmark.\n"
    )


def _siteinfo_general(base: str) -> dict[str, Any]:
    return {
        "mainpage": "Main Page",
        "base": f"{base}/wiki/Main_Page",
        "sitename": "Benchwiki",
        "generator": "MediaWiki 1.43.0",
        "lang": "en",
        "server": base,
        "servername": urlsplit(base).hostname,
        "articlepath": "/wiki/$1",
        "scriptpath": "/w",
        "script": "/w/index.php",
        "wikiid": "benchwiki",
        "case": "first-letter",
        "rights": "Creative Commons Attribution-Share Alike 4.0",
    }


def _flag(fv2: bool) -> Any:
    """MediaWiki's boolean: ``""`` in formatversion 1, ``true`` in 2."""
    return True if fv2 else ""


def _page_entry(
    title: str, props: set[str], params: dict[str, str], base: str, fv2: bool
) -> dict[str, Any]:
    norm = _normalize(title)
    pid = page_id(norm)
    revid = pid * 10 + 7
    text = expected_text(norm)
    page: dict[str, Any] = {"pageid": pid, "ns": 0, "title": norm}
    if "info" in props:
        page.update(
            contentmodel="wikitext",
            pagelanguage="en",
            pagelanguagehtmlcode="en",
            pagelanguagedir="ltr",
            touched="2026-01-01T00:00:00Z",
            lastrevid=revid,
            length=len(text.encode()),
        )
        inprop = set(params.get("inprop", "").split("|"))
        if "protection" in inprop:
            page["protection"] = []
            page["restrictiontypes"] = ["edit", "move"]
        if "url" in inprop:
            url = f"{base}/wiki/{norm.replace(' ', '_')}"
            page.update(fullurl=url, editurl=f"{url}?action=edit", canonicalurl=url)
    if "revisions" in props:
        rvprop = set(
            params.get("rvprop", "ids|timestamp|flags|comment|user").split("|")
        )
        rev: dict[str, Any] = {}
        if "ids" in rvprop:
            rev.update(revid=revid, parentid=revid - 1)
        if "timestamp" in rvprop:
            rev["timestamp"] = "2026-01-01T00:00:00Z"
        if "content" in rvprop:
            body = {"contentmodel": "wikitext", "contentformat": "text/x-wiki"}
            body["content" if fv2 else "*"] = text
            if "rvslots" in params:
                rev["slots"] = {"main": body}
            else:
                rev.update(body)
        page["revisions"] = [rev]
    if "extracts" in props:
        page["extract"] = text.replace("'''", "")
    return page


def answer(params: dict[str, str], base: str) -> dict[str, Any]:
    """The JSON body ``api.php`` gives for *params* (a pure function)."""
    fv2 = params.get("formatversion") == "2"
    action = params.get("action", "")
    if action != "query":
        return {
            "error": {
                "code": "badvalue",
                "info": f'Unrecognized value for parameter "action": {action}.',
            }
        }
    query: dict[str, Any] = {}
    meta = set(filter(None, params.get("meta", "").split("|")))
    if "siteinfo" in meta:
        siprop = set(params.get("siprop", "general").split("|"))
        if "general" in siprop:
            query["general"] = _siteinfo_general(base)
        if "namespaces" in siprop:
            query["namespaces"] = {
                "0": {"id": 0, "case": "first-letter", "content": _flag(fv2)}
                | ({"name": ""} if fv2 else {"*": ""}),
            }
        if "rightsinfo" in siprop:
            query["rightsinfo"] = {
                "url": "https://creativecommons.org/licenses/by-sa/4.0/",
                "text": "Creative Commons Attribution-Share Alike 4.0",
            }
    if "userinfo" in meta:
        query["userinfo"] = {
            "id": 0,
            "name": "127.0.0.1",
            "anon": _flag(fv2),
            "groups": ["*"],
            "rights": ["read", "edit", "createpage"],
        }
    titles = [t for t in params.get("titles", "").split("|") if t]
    if titles:
        props = set(filter(None, params.get("prop", "").split("|")))
        normalized = [
            {"fromencoded": False, "from": t, "to": _normalize(t)}
            if fv2
            else {"from": t, "to": _normalize(t)}
            for t in titles
            if t != _normalize(t)
        ]
        if normalized:
            query["normalized"] = normalized
        pages = [_page_entry(t, props, params, base, fv2) for t in titles]
        query["pages"] = pages if fv2 else {str(p["pageid"]): p for p in pages}
    body: dict[str, Any] = {"batchcomplete": _flag(fv2)}
    if query:
        body["query"] = query
    return body


# ---------------------------------------------------------------------------
# the HTTP server


class RateLimitedWiki(ThreadingHTTPServer):
    """The server: ``api.php`` on any path, limited per ``User-Agent``."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        limiter: SlidingWindowLimiter | None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.limiter = limiter
        self.clock = clock
        self.arrivals: list[Arrival] = []
        self._lock = threading.Lock()
        host, port = self.server_address[:2]
        self.base = f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        """Where ``api.php`` is served."""
        return f"{self.base}/w/api.php"

    def admit(self, client: str, params: dict[str, str]) -> Decision:
        """Decide and record one arrival (serialized: one timeline)."""
        with self._lock:
            now = self.clock()
            if self.limiter is None:
                decision = Decision(
                    allowed=True, retry_after=0, inside_retry_after=False
                )
            else:
                decision = self.limiter.decide(client, now)
            self.arrivals.append(
                Arrival(
                    at=now,
                    client=client,
                    status=200 if decision.allowed else 429,
                    inside_retry_after=decision.inside_retry_after,
                    retry_after=decision.retry_after,
                    params=params,
                )
            )
        return decision


_TOO_MANY = (
    b"<!DOCTYPE html><html><head><title>Wikimedia Error</title></head><body>"
    b"<p>Too many requests. Please wait and retry.</p></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    # keep-alive, so session-based clients reuse one connection as on the web
    protocol_version = "HTTP/1.1"
    server: RateLimitedWiki

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in two writes; without this, Nagle's
        # algorithm meets the client's delayed ACK and adds ~40 ms a request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the benchmark prints one table."""

    def _params(self) -> dict[str, str]:
        query = urlsplit(self.path).query
        if self.command == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            query = "&".join(filter(None, [query, self.rfile.read(length).decode()]))
        return {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}

    def _send(
        self, status: int, body: bytes, ctype: str, extra: dict[str, str]
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in extra.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _handle(self) -> None:
        params = self._params()
        if not urlsplit(self.path).path.endswith("api.php"):
            self._send(404, b"not found", "text/plain", {})
            return
        decision = self.server.admit(self.headers.get("User-Agent", ""), params)
        if not decision.allowed:
            self._send(
                429,
                _TOO_MANY,
                "text/html; charset=utf-8",
                {"Retry-After": str(decision.retry_after)},
            )
            return
        body = json.dumps(answer(params, self.server.base)).encode()
        self._send(200, body, "application/json; charset=utf-8", {})

    do_GET = _handle
    do_POST = _handle


@contextmanager
def serve(
    limiter: SlidingWindowLimiter | None, *, lifetime: float
) -> Iterator[RateLimitedWiki]:
    """Run a :class:`RateLimitedWiki` in a thread for at most *lifetime* s.

    The server stops itself when the lifetime runs out, and in any case when
    the ``with`` block ends.
    """
    server = RateLimitedWiki(limiter)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}
    )
    thread.daemon = True
    thread.start()
    timer = threading.Timer(lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    try:
        yield server
    finally:
        timer.cancel()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str]) -> int:
    """Serve without a limit for ``argv[0]`` seconds; print the API URL first.

    Used to keep the server's work out of the process being timed.
    """
    lifetime = float(argv[0]) if argv else 60.0
    with serve(None, lifetime=lifetime) as server:
        print(server.api_url, flush=True)
        # returns on stdin EOF (parent closed it) or at the end of the lifetime
        done = threading.Event()

        def wait_stdin() -> None:
            sys.stdin.read()
            done.set()

        threading.Thread(target=wait_stdin, daemon=True).start()
        done.wait(lifetime)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

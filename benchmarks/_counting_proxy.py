"""A loopback HTTP proxy that counts what reaches the wiki: the server-side tally.

Every request a library sends to the test wiki goes through this proxy, which
forwards it unchanged (keep-alive towards the client, one persistent
connection per handler thread towards the wiki) and records the method, the
Action API parameters (query string and form body merged), the status and the
bytes of the response body as sent.  Counting here rather than in the client
means no library can under-report: retries, redirects and hidden look-ups
are all seen.
"""

from __future__ import annotations

import http.client
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.faultproxy import HOP_BY_HOP


@dataclass(frozen=True)
class Hit:
    """One request that reached the wiki."""

    method: str
    path: str
    params: dict[str, str]
    status: int
    response_bytes: int
    at: float  # time.perf_counter() when it arrived

    @property
    def kind(self) -> str:
        """What the request asked for, in a word (for the per-kind breakdown)."""
        p = self.params
        props = set(p.get("prop", "").split("|")) - {""}
        meta = set(p.get("meta", "").split("|")) - {""}
        if "extracts" in props or (
            "revisions" in props and "content" in p.get("rvprop", "").split("|")
        ):
            return "content"
        if "revisions" in props:
            return "history"
        if props == {"contributors"}:
            return "contributors"
        if props and props <= {"info", "pageprops"}:
            return "info"
        if "siteinfo" in meta:
            return "siteinfo"
        if "userinfo" in meta:
            return "userinfo"
        return p.get("action", "other") if not props else "+".join(sorted(props))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    proxy: CountingProxy


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        proxy = self.server.proxy
        arrived = time.perf_counter()
        status, headers, payload = proxy._forward(self, body)
        proxy._record(self, body, status, len(payload), arrived)
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_HEAD = _handle


class CountingProxy:
    """Threaded proxy on 127.0.0.1 in front of *upstream* (the wiki's base URL)."""

    def __init__(self, upstream: str) -> None:
        parts = urllib.parse.urlsplit(upstream)
        if parts.scheme != "http" or parts.hostname is None:
            msg = f"upstream must be an http:// base URL, got {upstream!r}"
            raise ValueError(msg)
        self.upstream = upstream.rstrip("/")
        self._host = parts.hostname
        self._port = parts.port or 80
        self._lock = threading.Lock()
        self._hits: list[Hit] = []
        self._local = threading.local()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    def start(self) -> CountingProxy:
        """Listen on a free loopback port and serve in a background thread."""
        server = _Server(("127.0.0.1", 0), _Handler)
        server.proxy = self
        self._server = server
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="counting-proxy",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (idempotent)."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def url_for(self, url: str) -> str:
        """*url* on the wiki, as reached through the proxy."""
        if not url.startswith(self.upstream):
            msg = f"{url!r} is not below {self.upstream!r}"
            raise ValueError(msg)
        return self.url + url[len(self.upstream) :]

    @property
    def hits(self) -> tuple[Hit, ...]:
        """Every request so far, in arrival order."""
        with self._lock:
            return tuple(self._hits)

    def reset(self) -> None:
        """Forget the requests counted so far."""
        with self._lock:
            self._hits.clear()

    # -- handler side -----------------------------------------------------

    def _connection(self) -> http.client.HTTPConnection:
        conn: http.client.HTTPConnection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(self._host, self._port, timeout=120)
            self._local.conn = conn
        return conn

    def _forward(
        self, handler: _Handler, body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        headers = {
            k: v for k, v in handler.headers.items() if k.lower() not in HOP_BY_HOP
        }
        headers["Host"] = f"{self._host}:{self._port}"
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.request(
                    handler.command, handler.path, body=body or None, headers=headers
                )
                resp = conn.getresponse()
                payload = resp.read()
            except (http.client.HTTPException, OSError):
                # The wiki closed an idle kept-alive connection: reopen once.
                conn.close()
                self._local.conn = None
                if attempt == 2:
                    raise
                continue
            if resp.will_close:
                conn.close()
            return resp.status, resp.getheaders(), payload
        raise AssertionError("unreachable")

    def _record(
        self, handler: _Handler, body: bytes, status: int, size: int, arrived: float
    ) -> None:
        query = urllib.parse.urlsplit(handler.path).query
        params = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
        kind = handler.headers.get("Content-Type", "")
        if body and "application/x-www-form-urlencoded" in kind:
            params.update(
                urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
            )
        hit = Hit(
            method=handler.command,
            path=urllib.parse.urlsplit(handler.path).path,
            params=params,
            status=status,
            response_bytes=size,
            at=arrived,
        )
        with self._lock:
            self._hits.append(hit)


def breakdown(hits: tuple[Hit, ...] | list[Hit]) -> str:
    """``"4 content + 1 siteinfo"``: the hits by kind, most frequent first."""
    counts = Counter(h.kind for h in hits)
    return " + ".join(f"{n} {kind}" for kind, n in counts.most_common())


@contextmanager
def counting_proxy(upstream: str) -> Iterator[CountingProxy]:
    """Run a :class:`CountingProxy` for the duration of the block."""
    proxy = CountingProxy(upstream).start()
    try:
        yield proxy
    finally:
        proxy.stop()

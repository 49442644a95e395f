"""A scriptable HTTP proxy that injects faults in front of the test wiki.

Each test gives the proxy a plan, one :class:`Fault` per incoming request, in
order; once the plan is used up every request passes through to the real wiki.
The proxy records every request with its arrival time, read from a clock the
test chooses (the client's fake clock, so a test can check that nothing
arrived inside a ``Retry-After`` window), and from the real monotonic clock.

The proxy is bounded: it serves at most *max_requests* requests and shuts
itself down after *lifetime* seconds, so a test that forgets to stop it cannot
leave a thread behind for long. Every stall it is asked for is capped at one
second and is cut short when the proxy stops.

>>> Fault.status(429, retry_after="2").headers
(('Retry-After', '2'),)
"""

from __future__ import annotations

import email.utils
import http.client
import json
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import attrs

__all__ = [
    "MAX_STALL",
    "UA_POLICY_BODY",
    "Fault",
    "FaultProxy",
    "RecordedRequest",
    "running_proxy",
]

MAX_STALL = 1.0
"""Longest stall (seconds) a fault may ask for; tests must stay quick."""

UA_POLICY_BODY = (
    "Please set a user-agent and respect our robot policy "
    "https://w.wiki/4wJS. See also https://phabricator.wikimedia.org/T400119.\n"
    "Your request was refused under the Wikimedia User-Agent policy "
    "(https://foundation.wikimedia.org/wiki/Policy:"
    "Wikimedia_Foundation_User-Agent_Policy).\n"
)
"""Text of the 403 answer the proxy gives for :meth:`Fault.ua_rejected`.

Written for these tests after the shape of Wikimedia's refusal: it names the
User-Agent policy and links the policy page.
"""

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "content-length",
        "host",
    }
)

_HTML_ERROR = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{status} {reason}</title></head>
<body><h1>{reason}</h1><p>Our servers are currently under maintenance or
experiencing a technical problem. Please try again in a few minutes.</p>
<p>(fault injected by the wikireuse test proxy)</p></body></html>
"""


@attrs.frozen(kw_only=True)
class Fault:
    """What the proxy does with one request.

    Build faults with the class methods; ``kind`` is one of ``passthrough``,
    ``respond`` (a canned response), ``reset`` (close the connection with a
    TCP reset before answering) or ``slow_body`` (send the headers and part of
    the body, then stall).
    """

    kind: str
    code: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    stall: float = 0.0

    def __attrs_post_init__(self) -> None:
        if self.kind not in {"passthrough", "respond", "reset", "slow_body"}:
            msg = f"unknown fault kind {self.kind!r}"
            raise ValueError(msg)
        if not 0.0 <= self.stall <= MAX_STALL:
            msg = f"stall must be within 0..{MAX_STALL} s, got {self.stall}"
            raise ValueError(msg)

    @classmethod
    def passthrough(cls) -> Fault:
        """Forward the request to the wiki unchanged."""
        return cls(kind="passthrough")

    @classmethod
    def status(
        cls,
        code: int,
        *,
        retry_after: str | None = None,
        retry_after_http_date: float | None = None,
        body: bytes | str = b"",
        content_type: str = "text/plain; charset=utf-8",
        headers: Iterable[tuple[str, str]] = (),
    ) -> Fault:
        """Answer with HTTP *code*.

        Args:
            code: the status.
            retry_after: ``Retry-After`` value sent verbatim (e.g. ``"2"``).
            retry_after_http_date: epoch seconds; sent as an IMF-fixdate
                ``Retry-After`` (whole seconds, as HTTP dates have).
            body: the body.
            content_type: its ``Content-Type``.
            headers: further headers.
        """
        extra = list(headers)
        if retry_after is not None:
            extra.append(("Retry-After", retry_after))
        if retry_after_http_date is not None:
            date = email.utils.formatdate(retry_after_http_date, usegmt=True)
            extra.append(("Retry-After", date))
        if body:
            extra.append(("Content-Type", content_type))
        raw = body.encode("utf-8") if isinstance(body, str) else body
        return cls(kind="respond", code=code, headers=tuple(extra), body=raw)

    @classmethod
    def html(cls, code: int = 503, *, retry_after: str | None = None) -> Fault:
        """Answer with an HTML error page, as a front-end cache does."""
        reason = http.client.responses.get(code, "Error")
        return cls.status(
            code,
            retry_after=retry_after,
            body=_HTML_ERROR.format(status=code, reason=reason),
            content_type="text/html; charset=utf-8",
        )

    @classmethod
    def json(
        cls,
        payload: Any,
        *,
        code: int = 200,
        headers: Iterable[tuple[str, str]] = (),
    ) -> Fault:
        """Answer with a JSON body (e.g. an Action API error object)."""
        return cls.status(
            code,
            body=json.dumps(payload),
            content_type="application/json; charset=utf-8",
            headers=headers,
        )

    @classmethod
    def ua_rejected(cls) -> Fault:
        """Answer 403 with a User-Agent policy refusal."""
        return cls.status(403, body=UA_POLICY_BODY)

    @classmethod
    def reset(cls) -> Fault:
        """Read the request, then reset the connection without answering."""
        return cls(kind="reset")

    @classmethod
    def slow_body(cls, stall: float = MAX_STALL, *, status: int = 200) -> Fault:
        """Send headers and half of a JSON body, stall *stall* s, then hang up."""
        body = json.dumps({"batchcomplete": True, "query": {"pages": []}}).encode()
        return cls(
            kind="slow_body",
            code=status,
            headers=(("Content-Type", "application/json; charset=utf-8"),),
            body=body,
            stall=stall,
        )


@attrs.frozen(kw_only=True)
class RecordedRequest:
    """One request the proxy received."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    arrived: float  # the test's clock (e.g. the client's fake clock)
    arrived_real: float  # time.monotonic()
    fault: str  # the kind of fault applied

    def header(self, name: str) -> str | None:
        """Return the first header called *name* (case-insensitive)."""
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    proxy: FaultProxy

    def __init__(self, address: tuple[str, int]) -> None:
        super().__init__(address, _Handler)
        self.resets: set[socket.socket] = set()
        self.resets_lock = threading.Lock()

    def shutdown_request(self, request: Any) -> None:
        with self.resets_lock:
            reset = request in self.resets
            self.resets.discard(request)
        if reset:
            # No shutdown(SHUT_WR) first: that would send a FIN before the RST.
            self.close_request(request)
            return
        super().shutdown_request(request)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: pytest shows stderr of failing tests only."""

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fault = self.server.proxy._next(self, body)
        self.close_connection = True  # one request per connection keeps faults simple
        if fault.kind == "reset":
            # SO_LINGER with a zero timeout turns close() into a TCP RST.
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            with self.server.resets_lock:
                self.server.resets.add(self.connection)
            return
        if fault.kind == "passthrough":
            status, headers, payload = self.server.proxy._forward(self, body)
            self._reply(status, headers, payload)
            return
        if fault.kind == "respond":
            self._reply(fault.code, fault.headers, fault.body)
            return
        # slow_body: promise the whole body, send half, stall, hang up.
        self.send_response(fault.code)
        for name, value in fault.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(fault.body)))
        self.end_headers()
        self.wfile.write(fault.body[: len(fault.body) // 2])
        self.wfile.flush()
        self.server.proxy._stopped.wait(fault.stall)

    def _reply(
        self, status: int, headers: Iterable[tuple[str, str]], payload: bytes
    ) -> None:
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_HEAD = _handle


class FaultProxy:
    """Threaded HTTP proxy on 127.0.0.1 in front of *upstream* (a base URL).

    Args:
        upstream: the wiki's base URL, e.g. ``http://127.0.0.1:8080``.
        clock: the clock arrival times are recorded with (default monotonic).
        max_requests: requests served before the proxy refuses and stops.
        lifetime: seconds after :meth:`start` at which the proxy stops itself.
    """

    def __init__(
        self,
        upstream: str,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_requests: int = 500,
        lifetime: float = 120.0,
    ) -> None:
        parts = urlsplit(upstream)
        if parts.scheme != "http" or parts.hostname is None:
            msg = f"upstream must be an http:// base URL, got {upstream!r}"
            raise ValueError(msg)
        self.upstream = upstream.rstrip("/")
        self._upstream_host = parts.hostname
        self._upstream_port = parts.port or 80
        self.clock = clock
        self.max_requests = max_requests
        self.lifetime = lifetime
        self._lock = threading.Lock()
        self._plan: deque[Fault] = deque()
        self._records: list[RecordedRequest] = []
        self._stopped = threading.Event()  # set first: ends stalls in progress
        self._closed = threading.Event()  # set last: the port is closed
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._timer: threading.Timer | None = None
        self.url = ""

    # --- control ------------------------------------------------------------

    def start(self) -> FaultProxy:
        """Listen on a free loopback port and serve in a background thread."""
        server = _Server(("127.0.0.1", 0))
        server.proxy = self
        self._server = server
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="faultproxy",
            daemon=True,
        )
        self._thread.start()
        self._timer = threading.Timer(self.lifetime, self.stop)
        self._timer.daemon = True
        self._timer.start()
        return self

    def stop(self) -> None:
        """Stop serving (idempotent); stalls in progress end at once."""
        self._stopped.set()
        if self._timer is not None and self._timer is not threading.current_thread():
            self._timer.cancel()
        with self._lock:  # the timer, the request limit and the test may race
            server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
            self._closed.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)

    def plan(self, faults: Iterable[Fault]) -> None:
        """Replace the plan: the next requests get these faults, in order."""
        with self._lock:
            self._plan = deque(faults)

    def url_for(self, url: str) -> str:
        """Return *url* (on the upstream wiki) as reached through the proxy."""
        if not url.startswith(self.upstream):
            msg = f"{url!r} is not below {self.upstream!r}"
            raise ValueError(msg)
        return self.url + url[len(self.upstream) :]

    @property
    def requests(self) -> tuple[RecordedRequest, ...]:
        """Every request received so far, in arrival order."""
        with self._lock:
            return tuple(self._records)

    def wait_stopped(self, timeout: float) -> bool:
        """Block until the proxy has stopped (or *timeout* s); return whether it did."""
        return self._closed.wait(timeout)

    @property
    def pending(self) -> int:
        """Faults of the plan not used yet."""
        with self._lock:
            return len(self._plan)

    # --- called from handler threads -----------------------------------------

    def _next(self, handler: _Handler, body: bytes) -> Fault:
        with self._lock:
            if len(self._records) >= self.max_requests:
                fault = Fault.status(503, body="fault proxy: request limit reached")
                threading.Thread(target=self.stop, daemon=True).start()
            else:
                fault = self._plan.popleft() if self._plan else Fault.passthrough()
            self._records.append(
                RecordedRequest(
                    method=handler.command,
                    path=handler.path,
                    headers=tuple(handler.headers.items()),
                    body=body,
                    arrived=self.clock(),
                    arrived_real=time.monotonic(),
                    fault=fault.kind,
                )
            )
        return fault

    def _forward(
        self, handler: _Handler, body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection(
            self._upstream_host, self._upstream_port, timeout=30
        )
        try:
            headers = {
                k: v for k, v in handler.headers.items() if k.lower() not in HOP_BY_HOP
            }
            headers["Host"] = f"{self._upstream_host}:{self._upstream_port}"
            conn.request(
                handler.command, handler.path, body=body or None, headers=headers
            )
            resp = conn.getresponse()
            return resp.status, resp.getheaders(), resp.read()
        finally:
            conn.close()


@contextmanager
def running_proxy(
    upstream: str, *, clock: Callable[[], float] = time.monotonic
) -> Iterator[FaultProxy]:
    """Run a :class:`FaultProxy` for the duration of the block."""
    proxy = FaultProxy(upstream, clock=clock).start()
    try:
        yield proxy
    finally:
        proxy.stop()

"""A loopback HTTP server that answers Action API requests with canned JSON.

For tests that need the whole HTTP path (client, pacing, JSON decoding) for
APIs the local MediaWiki does not have: Commons' ``extmetadata`` (the
CommonsMetadata extension) and Wikidata's ``wbgetentities``. Each route
matches the request's parameters (query string and form body together) by a
subset; the first route that matches answers. Everything the server received
is kept in :attr:`StubWiki.requests`.

    with StubWiki() as stub:
        stub.add({"action": "wbgetentities", "ids": "Q42"}, body)
        client = Client(UA, api_url=stub.api_url)
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import attrs

__all__ = ["Route", "StubRequest", "StubWiki", "running_stub"]

API_PATH = "/w/api.php"


@attrs.frozen(kw_only=True)
class StubRequest:
    """One request the stub received."""

    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]


@attrs.frozen(kw_only=True)
class Route:
    """Answer *body* (JSON) with *status* to requests whose params include *match*."""

    match: Mapping[str, str]
    body: Any
    status: int = 200
    headers: Mapping[str, str] = attrs.field(factory=dict)

    def matches(self, params: Mapping[str, str]) -> bool:
        return all(params.get(k) == v for k, v in self.match.items())


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test output is not the place for an access log."""

    def _answer(self, method: str) -> None:
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            body = self.rfile.read(length).decode("utf-8")
            params.update(parse_qsl(body, keep_blank_values=True))
        request = StubRequest(
            method=method,
            path=parts.path,
            params=params,
            headers={k.lower(): v for k, v in self.headers.items()},
        )
        route = self.server.stub.record_and_route(request)
        if route is None or parts.path != API_PATH:
            status = 400
            payload: Any = {
                "error": {
                    "code": "stub-no-route",
                    "info": f"no canned answer for {parts.path} {params}",
                }
            }
            extra: Mapping[str, str] = {}
        else:
            status, payload, extra = route.status, route.body, route.headers
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in extra.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, stub: StubWiki) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stub = stub


class StubWiki:
    """A canned Action API on ``http://127.0.0.1:<port>/w/api.php``."""

    def __init__(self) -> None:
        self.routes: list[Route] = []
        self.requests: list[StubRequest] = []
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            msg = "the stub is not running"
            raise RuntimeError(msg)
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        return self.base_url + API_PATH

    def add(
        self,
        match: Mapping[str, str],
        body: Any,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer requests whose parameters include *match* with *body*."""
        with self._lock:
            self.routes.append(
                Route(
                    match=dict(match), body=body, status=status, headers=headers or {}
                )
            )

    def record_and_route(self, request: StubRequest) -> Route | None:
        with self._lock:
            self.requests.append(request)
            return next((r for r in self.routes if r.matches(request.params)), None)

    def start(self) -> StubWiki:
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="stubwiki", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> StubWiki:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def running_stub() -> Iterator[StubWiki]:
    """A started :class:`StubWiki`, stopped after the block."""
    with StubWiki() as stub:
        yield stub

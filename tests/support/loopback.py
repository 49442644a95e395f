"""Tiny scripted HTTP servers on loopback, for transport tests.

:func:`serving` runs a :class:`http.server.ThreadingHTTPServer` on a free
port of ``127.0.0.1`` whose every request goes to a function of the test. The
server records what it received (method, path, headers), so a test can check
that a request never reached it, or arrived without a header.

>>> def hello(request: Exchange) -> None:
...     request.reply(200, b'{"ok": true}')
>>> with serving(hello) as server:
...     import urllib.request
...     urllib.request.urlopen(server.url + "/x").read()
b'{"ok": true}'
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import attrs

__all__ = ["Exchange", "Received", "Server", "free_port", "serving"]


@attrs.frozen(kw_only=True)
class Received:
    """One request the server got."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]

    def header(self, name: str) -> str | None:
        """The first header called *name* (case-insensitive)."""
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)


class Exchange(BaseHTTPRequestHandler):
    """The request handler: the test's function gets it and calls :meth:`reply`."""

    server: _HTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""

    def reply(
        self,
        status: int,
        body: bytes = b"",
        headers: Iterable[tuple[str, str]] = (),
        *,
        content_type: str = "application/json; charset=utf-8",
    ) -> None:
        """Answer with *status*, *headers* and the whole *body*."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def stopped(self) -> bool:
        """Whether the test is over (long answers should end)."""
        return self.server.stop_event.is_set()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.close_connection = True
        with self.server.lock:
            self.server.received.append(
                Received(
                    method=self.command,
                    path=self.path,
                    headers=tuple(self.headers.items()),
                )
            )
        # The client may hang up, as a client that stops reading does.
        with contextlib.suppress(OSError):
            self.server.respond(self)

    do_GET = do_POST = _handle


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, respond: Callable[[Exchange], None], host: str) -> None:
        super().__init__((host, 0), Exchange)
        self.respond = respond
        self.received: list[Received] = []
        self.lock = threading.Lock()
        self.stop_event = threading.Event()


@attrs.frozen(kw_only=True)
class Server:
    """A running server: its base URL and what it received."""

    url: str
    port: int
    _server: _HTTPServer

    @property
    def received(self) -> tuple[Received, ...]:
        """Every request so far, in order."""
        with self._server.lock:
            return tuple(self._server.received)


@contextmanager
def serving(
    respond: Callable[[Exchange], None], *, name: str = "127.0.0.1"
) -> Iterator[Server]:
    """Serve *respond* on a free loopback port; *name* is the host in the URL."""
    httpd = _HTTPServer(respond, "127.0.0.1")
    port = httpd.server_address[1]
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield Server(url=f"http://{name}:{port}", port=port, server=httpd)
    finally:
        httpd.stop_event.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=2)


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port

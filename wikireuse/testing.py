"""Test doubles for code that uses :class:`wikireuse.Client`, without a network.

* :class:`FakeClock` - a monotonic clock whose ``sleep`` advances time instead
  of blocking, with a wall-time view for HTTP dates;
* :class:`HandlerAdapter` - a ``requests`` transport adapter that hands every
  request to a function and records what was sent;
* :func:`make_response` - build a :class:`requests.Response`;
* canned MediaWiki payloads: :func:`api_error`, :func:`maxlag_error`,
  :func:`maxlag_response`, :func:`page`, :func:`query_pages`,
  :func:`siteinfo`, :func:`userinfo`, :func:`rest_error`,
  :data:`VARNISH_429_HTML`;
* :func:`request_params` - the parameters of a sent request, GET or POST;
* :class:`HashingEmbedder` - a deterministic
  :class:`~wikireuse.typing.Embedder` for vector search tests.

wikireuse's own test suite uses exactly these, so they stay correct.

>>> import requests
>>> from wikireuse import Client
>>> from wikireuse.testing import FakeClock, HandlerAdapter, make_response, siteinfo
>>> clock = FakeClock()
>>> adapter = HandlerAdapter(lambda request: make_response(json=siteinfo()))
>>> session = requests.Session()
>>> session.mount("https://", adapter)
>>> client = Client(
...     user_agent="MyTool/1.0 (ops@mytool.net)", wiki="en.wikipedia.org",
...     session=session, clock=clock, sleep=clock.sleep, wall_clock=clock.wall,
... )
>>> client.site_info().sitename
'Wikipedia'
>>> len(adapter.sent)
1

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import email.utils
import hashlib
import json as jsonlib
import math
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import attrs
import requests
import requests.adapters
from requests.structures import CaseInsensitiveDict

from wikireuse.typing import Handler

if TYPE_CHECKING:
    from wikireuse.client import Client
    from wikireuse.http import Wiki

__all__ = [
    "VARNISH_429_HTML",
    "FakeClient",
    "FakeClock",
    "HandlerAdapter",
    "HashingEmbedder",
    "api_error",
    "fake_client",
    "make_response",
    "maxlag_error",
    "maxlag_response",
    "page",
    "query_pages",
    "request_params",
    "respond_in_turn",
    "rest_error",
    "siteinfo",
    "userinfo",
]

_EPOCH_2026 = 1_767_225_600.0  # 2026-01-01T00:00:00Z


class FakeClock:
    """A deterministic, thread-safe clock: :meth:`sleep` advances time.

    Pass ``clock=fake, sleep=fake.sleep, wall_clock=fake.wall`` to a client.

    Args:
        start: Initial monotonic time.
        wall_start: Wall time (seconds since the epoch) at monotonic *start*.

    >>> clock = FakeClock()
    >>> clock.sleep(2.5)
    >>> clock(), clock.slept
    (2.5, [2.5])
    >>> clock.http_date(60)
    'Thu, 01 Jan 2026 00:01:02 GMT'
    """

    def __init__(self, start: float = 0.0, *, wall_start: float = _EPOCH_2026) -> None:
        self._lock = threading.Lock()
        self._now = float(start)
        self._wall_offset = wall_start - start
        self._slept: list[float] = []

    def __call__(self) -> float:
        """Current monotonic time (the clock is callable like ``time.monotonic``)."""
        with self._lock:
            return self._now

    @property
    def now(self) -> float:
        """Current monotonic time."""
        return self()

    @property
    def slept(self) -> list[float]:
        """A copy of every duration passed to :meth:`sleep`, in order."""
        with self._lock:
            return list(self._slept)

    def sleep(self, seconds: float) -> None:
        """Record *seconds* and advance the clock by it, without blocking.

        Raises:
            ValueError: For a negative duration, as :func:`time.sleep` does.
        """
        if seconds < 0:
            msg = f"sleep length must be non-negative, got {seconds!r}"
            raise ValueError(msg)
        with self._lock:
            self._slept.append(seconds)
            self._now += seconds

    def advance(self, seconds: float) -> None:
        """Move time forward without recording a sleep (time passing elsewhere)."""
        with self._lock:
            self._now += seconds

    def wall(self) -> float:
        """Wall time (seconds since the epoch) matching the monotonic time."""
        with self._lock:
            return self._now + self._wall_offset

    def http_date(self, offset: float = 0.0) -> str:
        """An RFC 9110 HTTP-date *offset* seconds after the current wall time."""
        return email.utils.formatdate(self.wall() + offset, usegmt=True)


class HandlerAdapter(requests.adapters.BaseAdapter):
    """A transport that answers every request with ``handler(request)``.

    Mount it on a session: ``session.mount("https://", HandlerAdapter(fn))``.
    The handler may raise :mod:`requests` exceptions (``ConnectionError``,
    ``ReadTimeout``) to simulate transport failures. Every request is kept in
    :attr:`sent`, and the keyword arguments of each ``send`` (timeout, ...) in
    :attr:`send_kwargs`.

    >>> adapter = HandlerAdapter(lambda request: make_response(text="hi"))
    >>> session = requests.Session()
    >>> session.mount("https://", adapter)
    >>> session.get("https://wiki.test/x").text, adapter.sent[0].url
    ('hi', 'https://wiki.test/x')
    """

    def __init__(self, handler: Handler) -> None:
        super().__init__()
        self.handler = handler
        self.sent: list[requests.PreparedRequest] = []
        self.send_kwargs: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float | None, float | None] | None = None,
        verify: bool | str = True,
        cert: bytes | str | tuple[bytes | str, bytes | str] | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """Record *request* and return the handler's response for it."""
        with self._lock:
            self.sent.append(request)
            self.send_kwargs.append(
                {"stream": stream, "timeout": timeout, "verify": verify}
            )
        response = self.handler(request)
        response.request = request
        if not response.url:
            response.url = request.url or ""
        return response

    def close(self) -> None:
        """Nothing to release."""


def make_response(
    status: int = 200,
    json: Any = None,
    text: str | None = None,
    headers: Mapping[str, str] | None = None,
    url: str = "",
    *,
    content: bytes | None = None,
) -> requests.Response:
    """Build a :class:`requests.Response` as a server would have sent it.

    Args:
        status: HTTP status code.
        json: A JSON-serialisable body (sets ``Content-Type: application/json``).
        text: A text body (``text/html`` unless *headers* say otherwise).
        headers: Response headers.
        url: The response URL (the adapter fills in the request URL if empty).
        content: Raw body bytes, used when neither *json* nor *text* is given.

    >>> make_response(429, text="<html>busy</html>", headers={"Retry-After": "1"}).status_code
    429
    """  # noqa: E501
    response = requests.Response()
    response.status_code = status
    hdrs: CaseInsensitiveDict[str] = CaseInsensitiveDict()
    if json is not None:
        body = jsonlib.dumps(json).encode()
        hdrs["Content-Type"] = "application/json; charset=utf-8"
    elif text is not None:
        body = text.encode()
        hdrs["Content-Type"] = "text/html; charset=utf-8"
    else:
        body = content or b""
    hdrs.update(headers or {})
    response.headers = hdrs
    response._content = body  # the documented way to fake a body
    response.encoding = "utf-8"
    response.url = url
    response.reason = _REASONS.get(status, "")
    return response


_REASONS = {
    200: "OK",
    304: "Not Modified",
    403: "Forbidden",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

VARNISH_429_HTML = (
    '<!DOCTYPE html>\n<html lang="en">\n<meta charset="utf-8">\n'
    "<title>Wikimedia Error</title>\n<body>\n<h1>Error</h1>\n"
    "<p>Too many requests (f061ab2)</p>\n</body>\n</html>\n"
)
"""An HTML 429 page like Wikimedia's edge sends (seen with ``retry-after: 1``)."""


def request_params(request: requests.PreparedRequest) -> dict[str, str]:
    """The parameters of *request*: its query string, plus a form body if any.

    >>> req = requests.Request("POST", "https://w.test/api.php?a=1", data={"b": "2"})
    >>> request_params(req.prepare())
    {'a': '1', 'b': '2'}
    """
    params = dict(parse_qsl(urlsplit(request.url or "").query, keep_blank_values=True))
    body = request.body
    if isinstance(body, bytes):
        body = body.decode()
    content_type = request.headers.get("Content-Type", "")
    if isinstance(body, str) and "application/x-www-form-urlencoded" in content_type:
        params.update(parse_qsl(body, keep_blank_values=True))
    return params


def api_error(code: str, info: str = "", **extra: Any) -> dict[str, Any]:
    """An Action API error body (default ``errorformat=bc``).

    >>> api_error("missingtitle", "The page you specified doesn't exist.")["error"]["code"]
    'missingtitle'
    """  # noqa: E501
    return {"error": {"code": code, "info": info, **extra}, "servedby": "mw-test"}


def maxlag_error(lag: float = 7.0, host: str = "db1001") -> dict[str, Any]:
    """The body MediaWiki sends (HTTP 200) when replication lag exceeds ``maxlag``.

    >>> maxlag_error(3)["error"]["info"]
    'Waiting for db1001: 3 seconds lagged.'
    """
    shown = int(lag) if float(lag).is_integer() else lag
    return api_error(
        "maxlag",
        f"Waiting for {host}: {shown} seconds lagged.",
        host=host,
        lag=lag,
        type="db",
    )


def maxlag_response(lag: float = 7.0, maxlag: int = 5) -> requests.Response:
    """A complete maxlag response, with the headers ``ApiMain`` adds.

    ``Retry-After`` is ``max(maxlag, 5)`` and ``X-Database-Lag`` the lag, as
    MediaWiki sends them.
    """
    return make_response(
        200,
        json=maxlag_error(lag),
        headers={"Retry-After": str(max(maxlag, 5)), "X-Database-Lag": str(int(lag))},
    )


def page(
    title: str,
    pageid: int | None = None,
    *,
    ns: int = 0,
    missing: bool = False,
    **props: Any,
) -> dict[str, Any]:
    """A page object as ``formatversion=2`` lists it in ``query.pages``.

    >>> page("Ada Lovelace", 7)
    {'pageid': 7, 'ns': 0, 'title': 'Ada Lovelace'}
    >>> page("Nope", missing=True)
    {'ns': 0, 'title': 'Nope', 'missing': True}
    """
    result: dict[str, Any] = {}
    if pageid is not None and not missing:
        result["pageid"] = pageid
    result["ns"] = ns
    result["title"] = title
    if missing:
        result["missing"] = True
    result.update(props)
    return result


def query_pages(
    pages: Iterable[Mapping[str, Any]],
    *,
    continue_: Mapping[str, str] | None = None,
    normalized: Sequence[tuple[str, str]] = (),
    redirects: Sequence[tuple[str, str]] = (),
    batchcomplete: bool = True,
    warnings: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A ``formatversion=2`` ``action=query`` body listing *pages*.

    Args:
        pages: Page objects (see :func:`page`).
        continue_: The ``continue`` object, if there is more.
        normalized: ``(from, to)`` title normalisations.
        redirects: ``(from, to)`` redirects resolved.
        batchcomplete: Whether to flag the batch complete.
        warnings: ``{module: text}`` warnings to include.

    >>> query_pages([page("A", 1)], continue_={"continue": "||"})["continue"]
    {'continue': '||'}
    """
    query: dict[str, Any] = {}
    if normalized:
        query["normalized"] = [
            {"fromencoded": False, "from": a, "to": b} for a, b in normalized
        ]
    if redirects:
        query["redirects"] = [{"from": a, "to": b} for a, b in redirects]
    query["pages"] = [dict(p) for p in pages]
    body: dict[str, Any] = {}
    if batchcomplete:
        body["batchcomplete"] = True
    if continue_:
        body["continue"] = dict(continue_)
    if warnings:
        body["warnings"] = {
            module: {"warnings": text} for module, text in warnings.items()
        }
    body["query"] = query
    return body


def siteinfo(
    *,
    sitename: str = "Wikipedia",
    lang: str = "en",
    server: str = "https://en.wikipedia.org",
    articlepath: str = "/wiki/$1",
    scriptpath: str = "/w",
    generator: str = "MediaWiki 1.46.0-wmf.1",
    mainpage: str = "Main Page",
    wikiid: str = "enwiki",
    rights_url: str = "https://creativecommons.org/licenses/by-sa/4.0/",
    rights_text: str = "Creative Commons Attribution-Share Alike 4.0",
) -> dict[str, Any]:
    """A ``meta=siteinfo&siprop=general|rightsinfo`` body (formatversion 2).

    >>> siteinfo()["query"]["rightsinfo"]["text"]
    'Creative Commons Attribution-Share Alike 4.0'
    """
    absolute = "https:" + server if server.startswith("//") else server
    return {
        "batchcomplete": True,
        "query": {
            "general": {
                "mainpage": mainpage,
                "base": absolute
                + articlepath.replace("$1", mainpage.replace(" ", "_")),
                "sitename": sitename,
                "generator": generator,
                "lang": lang,
                "server": server,
                "servername": urlsplit(absolute).hostname,
                "articlepath": articlepath,
                "scriptpath": scriptpath,
                "script": f"{scriptpath}/index.php",
                "wikiid": wikiid,
            },
            "rightsinfo": {"url": rights_url, "text": rights_text},
        },
    }


def userinfo(
    rights: Iterable[str] = ("read",),
    *,
    name: str = "127.0.0.1",
    user_id: int = 0,
    groups: Iterable[str] | None = None,
    ratelimits: Mapping[str, Mapping[str, tuple[int, int]]] | None = None,
) -> dict[str, Any]:
    """A ``meta=userinfo&uiprop=rights`` body; pass ``apihighlimits`` in *rights*.

    Args:
        rights: The user's rights.
        name: User name (an IP address when anonymous).
        user_id: User id; ``0`` makes the user anonymous.
        groups: If given, the ``groups`` list (``uiprop=groups``).
        ratelimits: If given, ``{action: {group: (hits, seconds)}}`` as
            ``uiprop=ratelimits`` reports it.

    >>> userinfo(["read", "apihighlimits"])["query"]["userinfo"]["rights"]
    ['read', 'apihighlimits']
    >>> userinfo(ratelimits={"edit": {"ip": (8, 60)}})["query"]["userinfo"]["ratelimits"]
    {'edit': {'ip': {'hits': 8, 'seconds': 60}}}
    """  # noqa: E501
    info: dict[str, Any] = {"id": user_id, "name": name}
    if user_id == 0:
        info["anon"] = True
    if groups is not None:
        info["groups"] = list(groups)
    info["rights"] = list(rights)
    if ratelimits is not None:
        info["ratelimits"] = {
            action: {
                group: {"hits": hits, "seconds": seconds}
                for group, (hits, seconds) in by_group.items()
            }
            for action, by_group in ratelimits.items()
        }
    return {"batchcomplete": True, "query": {"userinfo": info}}


def rest_error(status: int, error_key: str, message: str = "") -> dict[str, Any]:
    """A MediaWiki REST API error body, e.g. ``rest_error(429, "rest-rate-limited")``.

    >>> rest_error(404, "rest-nonexistent-title")["httpCode"]
    404
    """
    return {
        "errorKey": error_key,
        "messageTranslations": {"en": message or error_key},
        "httpCode": status,
        "httpReason": _REASONS.get(status, ""),
    }


def respond_in_turn(*items: Any) -> Handler:
    """A handler that answers with *items* in turn, repeating the last one.

    Each item may be a :class:`requests.Response`, a JSON body (dict or list),
    an exception instance to raise (e.g. ``requests.ConnectionError()``), or
    a handler function.

    >>> handler = respond_in_turn({"a": 1}, make_response(503))
    >>> req = requests.Request("GET", "https://w.test/").prepare()
    >>> handler(req).json(), handler(req).status_code, handler(req).status_code
    ({'a': 1}, 503, 503)
    """
    if not items:
        msg = "respond_in_turn needs at least one item"
        raise ValueError(msg)
    lock = threading.Lock()
    position = 0

    def handler(request: requests.PreparedRequest) -> requests.Response:
        nonlocal position
        with lock:
            item = items[min(position, len(items) - 1)]
            position += 1
        if isinstance(item, BaseException):
            raise item
        if isinstance(item, requests.Response):
            return item
        if callable(item):
            response: requests.Response = item(request)
            return response
        return make_response(json=item)

    return handler


@attrs.frozen(kw_only=True)
class FakeClient:
    """A client wired to a fake server, with the pieces a test inspects."""

    client: Client
    adapter: HandlerAdapter
    clock: FakeClock
    session: requests.Session

    def params(self, index: int = -1) -> dict[str, str]:
        """The parameters of the *index*-th request sent (last by default)."""
        return request_params(self.adapter.sent[index])


def fake_client(
    handler: Handler,
    *,
    user_agent: str = "WikireuseTests/1.0 (https://github.com/wikireuse/wikireuse)",
    wiki: Wiki | str | None = "en.wikipedia.org",
    clock: FakeClock | None = None,
    **client_kwargs: Any,
) -> FakeClient:
    """Build a :class:`~wikireuse.Client` that talks to *handler*, on a fake clock.

    Both ``http://`` and ``https://`` are mounted; ``clock``, ``sleep`` and
    ``wall_clock`` come from the :class:`FakeClock`; other keyword arguments
    go to the client.

    >>> fake = fake_client(respond_in_turn(siteinfo()))
    >>> fake.client.site_info().lang, fake.params()["meta"]
    ('en', 'siteinfo')
    """
    from wikireuse.client import Client

    clock = clock if clock is not None else FakeClock()
    adapter = HandlerAdapter(handler)
    session = requests.Session()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    client_kwargs.setdefault("clock", clock)
    client_kwargs.setdefault("sleep", clock.sleep)
    client_kwargs.setdefault("wall_clock", clock.wall)
    client = Client(user_agent, wiki=wiki, session=session, **client_kwargs)
    return FakeClient(client=client, adapter=adapter, clock=clock, session=session)


_WORDS = re.compile(r"\w+")


class HashingEmbedder:
    """A deterministic :class:`~wikireuse.typing.Embedder`: hashed bags of words.

    Each lowercased word adds ±1 to one of *dimensions* slots chosen by its
    BLAKE2b hash; the sum is scaled to length 1. No model, no randomness:
    the same text always gives the same vector on any machine, and texts
    sharing words score close (cosine), which is what tests of vector
    search need. Not a semantic model: synonyms do not meet.

    Args:
        dimensions: The vectors' length.

    >>> embedder = HashingEmbedder(dimensions=16)
    >>> a, b, c = embedder.embed(["river town", "Town by the river", "castle"])
    >>> round(sum(x * y for x, y in zip(a, b)), 3) > round(
    ...     sum(x * y for x, y in zip(a, c)), 3)
    True
    >>> embedder.model_id
    'wikireuse-testing:hashing-bow-16'

    .. versionadded:: 0.2.0
    """

    def __init__(self, dimensions: int = 64) -> None:
        if isinstance(dimensions, bool) or not isinstance(dimensions, int):
            raise TypeError(f"dimensions must be an int, got {dimensions!r}")
        if dimensions < 1:
            raise ValueError(f"dimensions must be at least 1, got {dimensions}")
        self.dimensions = dimensions
        self.model_id = f"wikireuse-testing:hashing-bow-{dimensions}"

    def embed(self, texts: Sequence[str]) -> Sequence[Sequence[float]]:
        """One unit vector per text (all zeros for a text without words)."""
        return [self._one(text) for text in texts]

    def _one(self, text: str) -> list[float]:
        vector = [0.0] * self.dimensions
        for word in _WORDS.findall(text.lower()):
            digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
            slot = int.from_bytes(digest[:7], "big") % self.dimensions
            vector[slot] += 1.0 if digest[7] & 1 else -1.0
        norm = math.sqrt(sum(x * x for x in vector))
        return [x / norm for x in vector] if norm else vector

"""Reading what a MediaWiki answered: errors, warnings, and what to retry.

The Action API reports failures in the JSON body (``error`` or ``errors``,
often with HTTP 200), the REST API in an ``errorKey``, the edge caches in an
HTML page; and ``requests`` hides a stalled body behind a connection error.
These helpers turn each into one of the facts the request loop of
:class:`wikireuse.Client` acts on: a :class:`Retry` (why, how long the server
asked for, whether the whole host waits) or a wikireuse error.
"""

from __future__ import annotations

import contextlib
import errno
import json
import re
import socket
from collections.abc import Iterator, Mapping
from typing import Any, Final, NoReturn
from urllib.parse import urlsplit

import attrs
import requests
from urllib3.exceptions import NameResolutionError, ReadTimeoutError

from wikireuse._json import SURROGATES
from wikireuse._retry import maxlag_lag
from wikireuse._values import EXCERPT
from wikireuse.exceptions import (
    APIError,
    HostUnreachableError,
    InvalidResponseError,
    PageNotFoundError,
    TransportError,
)

__all__ = [
    "REST_NOT_FOUND_KEYS",
    "REST_RATE_LIMIT_KEYS",
    "TRANSIENT_CODES",
    "UA_403_RE",
    "Retry",
    "api_error",
    "api_exception",
    "check_tree",
    "decode_json",
    "endpoint_path",
    "excerpt",
    "integer",
    "is_read_timeout",
    "items",
    "json_body",
    "json_path",
    "maxlag_retry",
    "naming_request",
    "rest_error_key",
    "string",
    "transport_error",
    "unreachable_error",
    "warning_texts",
]

# Action API codes that mean "the page/revision is not there".
_NOT_FOUND_CODES: Final = frozenset(
    {"missingtitle", "nosuchpageid", "nosuchrevid", "nosuchlogid", "missingfile"}
)
# Action API codes that a later retry may well not get (server-side trouble).
TRANSIENT_CODES: Final = frozenset(
    {
        "readonly",
        "internal_api_error_DBConnectionError",
        "internal_api_error_DBQueryError",
        "cirrussearch-too-busy-error",
    }
)
REST_RATE_LIMIT_KEYS: Final = frozenset(
    {"rest-rate-limited", "request-limit-reached", "rate-limit-reached"}
)
REST_NOT_FOUND_KEYS: Final = frozenset(
    {"rest-nonexistent-title", "rest-nonexistent-revision", "rest-no-revision"}
)
# A 403 whose body says this is Wikimedia refusing the User-Agent.
UA_403_RE: Final = re.compile(r"user[- ]?agent|robot policy", re.IGNORECASE)


@attrs.frozen(kw_only=True)
class Retry:
    """A failed attempt that may be retried, and why."""

    reason: str
    status: int | None
    retry_after: float | None
    error: BaseException
    host_wide: bool = False
    rate_limited: bool = False
    maxlag: bool = False
    lag: float | None = None
    # A refused or unresolvable host that has never answered this client.
    first_contact: bool = False


def excerpt(response: requests.Response) -> str:
    """The start of the body, for an error; empty if it cannot be decoded."""
    try:
        return response.text[:EXCERPT]
    except Exception:
        return ""


def json_body(response: requests.Response) -> Any:
    """The body parsed as JSON; ``None`` when it is not JSON (or too deep)."""
    try:
        return response.json()
    except (ValueError, RecursionError):
        return None


# No Wikimedia answer nests deeper than this (Wikidata claims with qualifiers
# and references reach about 12); deeper is hostile or broken, and parsers
# that recurse (merging, canonical JSON, repr) must never see it.
MAX_DEPTH: Final = 100
# A JSON escape of a surrogate code point: only then can a lone one appear.
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")


def json_path(path: tuple[str | int, ...]) -> str:
    """*path* written as a JSON path.

    >>> json_path(("query", "pages", 0, "title"))
    'query.pages[0].title'
    """
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out.lstrip(".")


def check_tree(data: Any, *, url: str = "", escaped: bool = True) -> Any:
    r"""*data* (parsed JSON), if it is shallow enough and has no lone surrogate.

    It may nest at most :data:`MAX_DEPTH` deep; strings and keys are looked
    at for lone surrogates. The walk does not recurse.

    Args:
        data: The parsed body.
        url: The request, for the error.
        escaped: Whether the body could hold surrogates at all (``False``
            when its text has no ``\uD8xx``-style escape: strings are not
            inspected then).

    Raises:
        InvalidResponseError: Naming the JSON path of the first offender.

    >>> check_tree({"a": [1, "x"]})
    {'a': [1, 'x']}
    >>> check_tree({"a": ["x\ud800"]})
    Traceback (most recent call last):
    ...
    wikireuse.exceptions.InvalidResponseError: a lone surrogate (not text) at a[0]
    """
    pending: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while pending:
        value, path = pending.pop()
        if len(path) > MAX_DEPTH:
            raise InvalidResponseError(
                message=f"JSON nested deeper than {MAX_DEPTH} at "
                f"{json_path(path[:8])}...",
                url=url,
                field=json_path(path[:8]),
            )
        if isinstance(value, dict):
            for key, item in value.items():
                if escaped and SURROGATES.search(key):
                    _surrogate((*path, SURROGATES.sub("?", key)), url)
                pending.append((item, (*path, key)))
        elif isinstance(value, list):
            pending.extend((item, (*path, n)) for n, item in enumerate(value))
        elif escaped and isinstance(value, str) and SURROGATES.search(value):
            _surrogate(path, url)
    return data


def _surrogate(path: tuple[str | int, ...], url: str) -> NoReturn:
    where = json_path(path)
    raise InvalidResponseError(
        message=f"a lone surrogate (not text) at {where}", url=url, field=where
    )


def decode_text(content: bytes, *, url: str, status: int = 200) -> str:
    r"""A response body decoded as UTF-8: invalid bytes are reported, never replaced.

    Raises:
        InvalidResponseError: The body is not UTF-8 (the message names the byte).

    >>> decode_text(b"caf\xc3\xa9", url="https://w.test/rest.php/x")
    'café'
    >>> decode_text(b"caf\xe9", url="https://w.test/rest.php/x")
    Traceback (most recent call last):
    ...
    wikireuse.exceptions.InvalidResponseError: https://w.test/rest.php/x answered a body that is not UTF-8 (byte 3)
    """  # noqa: E501
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidResponseError(
            message=f"{url} answered a body that is not UTF-8 (byte {exc.start})",
            url=url,
            status=status,
            body_excerpt=content[:EXCERPT].decode("utf-8", "replace"),
        ) from exc


def decode_json(content: bytes, *, url: str, status: int = 200) -> Any:
    r"""A response body decoded as JSON (UTF-8, RFC 8259), checked by :func:`check_tree`.

    Invalid UTF-8 is reported, never replaced; a body nested too deep for
    the decoder is an error, not a ``RecursionError``.

    Raises:
        InvalidResponseError: Not UTF-8, not JSON, too deep, or with a lone
            surrogate.

    >>> decode_json(b'{"a": 1}', url="https://w.test/api.php")
    {'a': 1}
    >>> decode_json(b'{"a": "\xff"}', url="https://w.test/api.php")
    Traceback (most recent call last):
    ...
    wikireuse.exceptions.InvalidResponseError: https://w.test/api.php answered a body that is not UTF-8 (byte 7)
    """  # noqa: E501
    text = decode_text(content, url=url, status=status)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        deep = isinstance(exc, RecursionError)
        raise InvalidResponseError(
            message=f"{url} answered HTTP {status} with a body that is "
            + ("JSON nested too deep" if deep else "not JSON"),
            url=url,
            status=status,
            body_excerpt=text[:EXCERPT],
        ) from exc
    return check_tree(data, url=url, escaped=_SURROGATE_ESCAPE.search(text) is not None)


def string(data: Mapping[str, Any], key: str, *, where: str, default: str = "") -> str:
    """The string at ``data[key]`` (*default* if absent or null).

    Raises:
        InvalidResponseError: When it is there but not a string (naming
            ``where.key``).

    >>> string({"title": "A"}, "title", where="query.pages[0]")
    'A'
    >>> string({"title": 5}, "title", where="query.pages[0]")
    Traceback (most recent call last):
    ...
    wikireuse.exceptions.InvalidResponseError: query.pages[0].title is not a string: 5
    """
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        _wrong(data, key, where, "a string")
    return value


def integer(
    data: Mapping[str, Any], key: str, *, where: str, default: int | None = 0
) -> int | None:
    """The integer at ``data[key]`` (*default* if absent or null; never a bool).

    Raises:
        InvalidResponseError: When it is there but not an integer.

    >>> integer({"ns": 0}, "ns", where="query.pages[0]")
    0
    >>> integer({"ns": "x"}, "ns", where="query.pages[0]")
    Traceback (most recent call last):
    ...
    wikireuse.exceptions.InvalidResponseError: query.pages[0].ns is not an integer: 'x'
    """
    value = data.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        _wrong(data, key, where, "an integer")
    return value


def items(data: Mapping[str, Any], key: str, *, where: str) -> list[Any]:
    """The list at ``data[key]`` (empty if absent or null).

    Raises:
        InvalidResponseError: When it is there but not a list.

    >>> items({"contributors": None}, "contributors", where="query.pages[0]")
    []
    """
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        _wrong(data, key, where, "a list")
    return value


@contextlib.contextmanager
def naming_request(url: str) -> Iterator[None]:
    """Give an :class:`InvalidResponseError` raised inside without a request *url*.

    Parsers see a payload, not the request it answered; the fetch that
    called them knows it.

    >>> with naming_request("https://w.test/api.php"):
    ...     integer({"ns": "x"}, "ns", where="query.pages[0]")
    Traceback (most recent call last):
    ...
    wikireuse.exceptions.InvalidResponseError: query.pages[0].ns is not an integer: 'x' (https://w.test/api.php)
    """
    try:
        yield
    except InvalidResponseError as exc:
        if exc.url:
            raise
        raise attrs.evolve(exc, url=url, message=f"{exc.message} ({url})") from exc


def _wrong(data: Mapping[str, Any], key: str, where: str, kind: str) -> NoReturn:
    field = f"{where}.{key}" if where else key
    shown = repr(data.get(key))
    raise InvalidResponseError(
        message=f"{field} is not {kind}: {shown[:80]}", field=field
    )


def api_error(data: Any) -> tuple[str, str, Mapping[str, Any]] | None:
    """``(code, info, error-object)`` of an Action API error response, if any."""
    if not isinstance(data, Mapping):
        return None
    error = data.get("error")
    if isinstance(error, Mapping):
        info = error.get("info", error.get("*", ""))
        return str(error.get("code", "")), str(info), error
    errors = data.get("errors")  # errorformat=plaintext/wikitext/html/raw
    if isinstance(errors, list) and errors and isinstance(errors[0], Mapping):
        first = errors[0]
        info = first.get("text", first.get("html", first.get("*", "")))
        return str(first.get("code", "")), str(info), first
    return None


def api_exception(
    code: str, info: str, *, message: str, url: str, title: str = ""
) -> APIError:
    """The error for an Action API *code*: :class:`PageNotFoundError` if missing."""
    if code in _NOT_FOUND_CODES:
        return PageNotFoundError(
            message=message, url=url, code=code, info=info, title=title
        )
    return APIError(message=message, url=url, code=code, info=info)


def warning_texts(data: Mapping[str, Any]) -> list[str]:
    """The ``module: text`` of each warning in an Action API response."""
    warnings = data.get("warnings")
    texts: list[str] = []
    if isinstance(warnings, Mapping):  # errorformat=bc
        for module, body in warnings.items():
            if isinstance(body, Mapping):
                text = body.get("warnings", body.get("*"))
                if isinstance(text, str):
                    texts.append(f"{module}: {text}")
    elif isinstance(warnings, list):  # other errorformats
        for item in warnings:
            if isinstance(item, Mapping):
                text = item.get("text", item.get("html", item.get("code", "")))
                texts.append(f"{item.get('module', '?')}: {text}")
    return texts


def maxlag_retry(
    data: Any, response: requests.Response, url: str, retry_after: float | None
) -> Retry | None:
    """The host pause a ``maxlag`` error in the parsed body *data* asks for, if any."""
    found = api_error(data)
    if found is None or found[0] != "maxlag":
        return None
    code, info, error = found
    return Retry(
        reason="maxlag",
        status=response.status_code,
        retry_after=retry_after,
        host_wide=True,
        maxlag=True,
        lag=maxlag_lag(error, response.headers),
        error=APIError(message=f"{code}: {info}", url=url, code=code, info=info),
    )


def rest_error_key(data: Any) -> str | None:
    """The REST API's ``errorKey`` (or ``code``) in the parsed body *data*."""
    if isinstance(data, Mapping):
        key = data.get("errorKey", data.get("code"))
        if isinstance(key, str):
            return key
    return None


def transport_error(url: str, reason: str, exc: BaseException) -> TransportError:
    """Our error for a transport failure, with the ``requests`` one as its cause."""
    error = TransportError(message=f"{reason} talking to {url}: {exc}", url=url)
    error.__cause__ = exc
    return error


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """*exc* and every exception behind it: causes, contexts, wrapped reasons.

    ``requests`` wraps urllib3's errors in its own, passing them as arguments;
    urllib3's ``MaxRetryError`` keeps the real failure in ``reason``.
    """
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(a for a in current.args if isinstance(a, BaseException))
        reason = getattr(current, "reason", None)
        for linked in (current.__cause__, current.__context__, reason):
            if isinstance(linked, BaseException):
                pending.append(linked)


def is_read_timeout(exc: BaseException) -> bool:
    """Whether a ``requests`` connection error is really a read timeout.

    When the headers have arrived and the *body* stalls past the read timeout,
    requests reports ``ConnectionError(urllib3 ReadTimeoutError)`` rather than
    ``ReadTimeout``; the timeout is in its first argument and in the chain.
    """
    return any(isinstance(e, ReadTimeoutError) for e in _chain(exc))


# errno values that say "no one is there", by name: they differ by platform.
_UNREACHABLE_ERRNOS: Final = {
    errno.ECONNREFUSED: "connection-refused",
    errno.EHOSTUNREACH: "host-unreachable",
    errno.ENETUNREACH: "host-unreachable",
}


def unreachable_error(url: str, exc: BaseException) -> HostUnreachableError | None:
    """The error for a connection that found no one at *url*, if that is what *exc* is.

    A refused connection, an unreachable network or a name that does not
    resolve; ``None`` for any other failure (a reset, a timeout, ...).

    >>> unreachable_error("http://127.0.0.1:8081/w/api.php", ConnectionRefusedError(111, "refused")).message
    'cannot reach http://127.0.0.1:8081/w/api.php: nothing listens on 127.0.0.1:8081 (connection refused)'
    """  # noqa: E501
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    reason: str | None = None
    for current in _chain(exc):
        if isinstance(current, NameResolutionError | socket.gaierror):
            reason = "host-not-found"
            break
        if isinstance(current, OSError) and current.errno in _UNREACHABLE_ERRNOS:
            reason = _UNREACHABLE_ERRNOS[current.errno]
            break
    if reason is None:
        return None
    words = {
        "connection-refused": f"nothing listens on {host}:{port} (connection refused)",
        "host-not-found": f"host not found: {host} (the name does not resolve)",
        "host-unreachable": f"no route to {host}:{port} (host unreachable)",
    }[reason]
    error = HostUnreachableError(
        message=f"cannot reach {url}: {words}",
        url=url,
        host=host,
        port=port,
        reason=reason,
    )
    error.__cause__ = exc
    return error


def endpoint_path(path: str) -> str:
    """The endpoint part of a URL path: REST routes without their title.

    >>> endpoint_path("/w/rest.php/v1/page/Ada_Lovelace/html")
    '/w/rest.php/v1/page'
    >>> endpoint_path("/w/api.php")
    '/w/api.php'
    """
    head, marker, rest = path.partition("rest.php/")
    if not marker:
        return path
    return head + marker + "/".join(rest.split("/")[:2])

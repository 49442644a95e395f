"""Reading what a MediaWiki answered: errors, warnings, and what to retry.

The Action API reports failures in the JSON body (``error`` or ``errors``,
often with HTTP 200), the REST API in an ``errorKey``, the edge caches in an
HTML page; and ``requests`` hides a stalled body behind a connection error.
These helpers turn each into one of the facts the request loop of
:class:`wikireuse.Client` acts on: a :class:`Retry` (why, how long the server
asked for, whether the whole host waits) or a wikireuse error.
"""

from __future__ import annotations

import errno
import re
import socket
from collections.abc import Iterator, Mapping
from typing import Any, Final
from urllib.parse import urlsplit

import attrs
import requests
from urllib3.exceptions import NameResolutionError, ReadTimeoutError

from wikireuse.exceptions import (
    APIError,
    HostUnreachableError,
    PageNotFoundError,
    TransportError,
)
from wikireuse.http._retry import maxlag_lag
from wikireuse.records._payload import EXCERPT

__all__ = [
    "REST_NOT_FOUND_KEYS",
    "REST_RATE_LIMIT_KEYS",
    "TRANSIENT_CODES",
    "UA_403_RE",
    "Retry",
    "api_error",
    "api_exception",
    "endpoint_path",
    "excerpt",
    "is_read_timeout",
    "json_body",
    "maxlag_retry",
    "rest_error_key",
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

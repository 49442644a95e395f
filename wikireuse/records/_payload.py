"""Reading API payloads at the boundary: typed values, or an error that says where.

Pure functions over bytes and decoded JSON (no HTTP): decoding a body
(:func:`decode_text`, :func:`decode_json`), checking a JSON tree
(:func:`check_tree`), reading one typed field (:func:`string`,
:func:`integer`, :func:`items`), each raising
:class:`~wikireuse.exceptions.InvalidResponseError` with the JSON path and the
request's URL. They sit in the records layer because records parse payloads
too (a siteinfo namespace id); the transport uses them through
:mod:`wikireuse.http._responses`.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any, Final, NoReturn

import attrs

from wikireuse.core._json import SURROGATES
from wikireuse.exceptions import InvalidResponseError

__all__ = [
    "EXCERPT",
    "MAX_DEPTH",
    "check_tree",
    "decode_json",
    "decode_text",
    "integer",
    "items",
    "json_path",
    "naming_request",
    "string",
]

EXCERPT: Final = 300
"""Characters of a response body kept in an error (``body_excerpt``)."""

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

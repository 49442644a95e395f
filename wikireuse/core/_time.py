"""Timestamps as MediaWiki writes them and as wikireuse records them.

MediaWiki's APIs speak ISO 8601 in UTC with a ``Z`` (``2023-06-07T00:00:00Z``);
wikireuse keeps timezone-aware :class:`~datetime.datetime` values and writes
them back in the same form, with microseconds only when there are any, so a
value survives a JSON round trip unchanged.
"""

from __future__ import annotations

import functools
from datetime import datetime, timezone
from typing import Any

from wikireuse.exceptions import InvalidResponseError

__all__ = [
    "format_optional",
    "format_timestamp",
    "from_epoch",
    "parse_optional",
    "parse_timestamp",
]


def parse_timestamp(value: Any, *, field: str = "timestamp") -> datetime:
    """An ISO 8601 timestamp as an aware UTC datetime.

    Naive values are taken as UTC, as MediaWiki's are.

    Raises:
        InvalidResponseError: When *value* is not an ISO 8601 string.

    >>> parse_timestamp("2023-06-07T00:00:00Z").isoformat()
    '2023-06-07T00:00:00+00:00'
    """
    if not isinstance(value, str):
        raise InvalidResponseError(message=f"{field} is not a string: {value!r}")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InvalidResponseError(
            message=f"{field} is not an ISO 8601 timestamp: {value!r}"
        ) from exc
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


# A revision's record formats the same few instants many times (its time,
# again as its provenance's, a dump's one reading time): equal datetimes
# format alike, so a small cache answers most calls of an ingest.
@functools.lru_cache(maxsize=64)
def format_timestamp(value: datetime) -> str:
    """*value* in UTC as ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z``.

    >>> format_timestamp(parse_timestamp("2012-04-03T10:00:00Z"))
    '2012-04-03T10:00:00Z'
    """
    if value.tzinfo is None:
        spec = "seconds" if value.microsecond == 0 else "microseconds"
        return value.isoformat(timespec=spec) + "Z"
    if value.tzinfo is not timezone.utc:
        value = value.astimezone(timezone.utc)
    spec = "seconds" if value.microsecond == 0 else "microseconds"
    # An aware UTC value ends in "+00:00": one call fewer than dropping the
    # zone first (this runs several times per revision of an ingest).
    return value.isoformat(timespec=spec)[:-6] + "Z"


def from_epoch(seconds: float) -> datetime:
    """Seconds since the epoch (a wall clock reading) as an aware UTC datetime."""
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def parse_optional(value: str | None) -> datetime | None:
    """:func:`parse_timestamp` of *value*, or ``None`` for ``None`` (an empty column).

    >>> parse_optional(None) is None
    True
    """
    return parse_timestamp(value) if value is not None else None


def format_optional(value: datetime | None) -> str | None:
    """:func:`format_timestamp` of *value*, or ``None`` for ``None`` (no bound).

    >>> format_optional(None) is None
    True
    """
    return format_timestamp(value) if value is not None else None

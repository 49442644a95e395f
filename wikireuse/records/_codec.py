"""One JSON codec for record types made of plain values, tuples and records.

The record types of structured articles and chunks are plain attrs classes of
strings, numbers, enums (by value), tuples and other records; their JSON form
is their fields by name, so one encoder and one type-driven decoder serve them all.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from types import UnionType
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

import attrs

from wikireuse.exceptions import RecordError
from wikireuse.records.articles import PageLicense
from wikireuse.records.provenance import Provenance

__all__ = ["Record", "encode", "record_from"]

_R = TypeVar("_R", bound="Record")
_T = TypeVar("_T")


def encode(value: Any) -> Any:
    """*value* as JSON-ready data: records by field name, tuples as lists."""
    if isinstance(value, (PageLicense, Provenance)):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if attrs.has(type(value)):
        return {
            f.name: encode(getattr(value, f.name)) for f in attrs.fields(type(value))
        }
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def _decode(kind: Any, value: Any, what: str) -> Any:
    origin, args = get_origin(kind), get_args(kind)
    if kind is Any:
        return json.loads(json.dumps(value))  # a JSON value, copied
    if origin in (Union, UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = (a for a in args if a is not type(None))
        return _decode(inner, value, what)
    if origin is Literal:
        if value not in args:
            raise RecordError(message=f"{what} must be one of {args}, got {value!r}")
        return value
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise RecordError(message=f"{what} must be a list, got {value!r}")
        return tuple(_decode(args[0], v, what) for v in value)
    if origin is Mapping:
        if not isinstance(value, Mapping):
            raise RecordError(message=f"{what} must be an object, got {value!r}")
        return {str(k): _decode(args[1], v, what) for k, v in value.items()}
    if kind in (PageLicense, Provenance):
        return kind.from_dict(value)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        try:
            return kind(value)
        except ValueError:
            allowed = tuple(m.value for m in kind)
            raise RecordError(
                message=f"{what} must be one of {allowed}, got {value!r}"
            ) from None
    if attrs.has(kind):
        return record_from(kind, value)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise RecordError(message=f"{what} must be {kind.__name__}, got {value!r}")
    return value


def record_from(cls: type[_T], data: Any) -> _T:
    """A *cls* record read from JSON-ready *data*, checked against its field types.

    Raises:
        RecordError: When *data* does not fit *cls*.
    """
    if not isinstance(data, Mapping):
        raise RecordError(message=f"a {cls.__name__} must be an object, got {data!r}")
    hints = get_type_hints(cls)
    values = {}
    # every caller passes a record type (an attrs class); mypy cannot know it
    for field in attrs.fields(cls):  # type: ignore[arg-type]
        if field.name in data:
            values[field.name] = _decode(
                hints[field.name], data[field.name], field.name
            )
        elif field.default is attrs.NOTHING:
            raise RecordError(message=f"a {cls.__name__} needs {field.name!r}")
    return cls(**values)


class Record:
    """What every such record can do: JSON out and back in."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values, the fields by name."""
        encoded: dict[str, Any] = encode(self)
        return encoded

    @classmethod
    def from_dict(cls: type[_R], data: Any) -> _R:
        """Read what :meth:`to_dict` wrote.

        Raises:
            RecordError: When *data* is not such a record.
        """
        return record_from(cls, data)

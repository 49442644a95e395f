"""Read-only mappings for the fields of frozen records."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

__all__ = ["frozen_mapping"]


def frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of *value*: the converter of a frozen record's mapping field.

    A copy, so a caller who keeps *value* and changes it later cannot change
    the record.

    >>> source = {"a": 1}
    >>> frozen = frozen_mapping(source)
    >>> source["a"] = 2
    >>> frozen["a"]
    1
    """
    return MappingProxyType(dict(value))

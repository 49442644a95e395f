"""The JSON forms of wikireuse's records: compact, canonical, and read back.

Every record type's ``to_json``/``from_json`` and every content hash over
JSON go through these three functions, so one record always has one text.
"""

from __future__ import annotations

import json
from typing import Any

from wikireuse.exceptions import RecordError

__all__ = ["canonical", "compact", "load"]


def compact(value: Any) -> str:
    """*value* as JSON without spaces, non-ASCII kept as is.

    >>> compact({"b": 1, "a": "é"})
    '{"b":1,"a":"é"}'
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def canonical(value: Any) -> str:
    """*value* as compact JSON with sorted keys: one text per value (hash, compare).

    >>> canonical({"b": 1, "a": "é"})
    '{"a":"é","b":1}'
    """
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def load(text: str) -> Any:
    """Parse JSON text.

    Raises:
        RecordError: When *text* is not JSON.
    """
    try:
        return json.loads(text)
    except (TypeError, ValueError) as exc:
        raise RecordError(message=f"not JSON: {exc}") from exc

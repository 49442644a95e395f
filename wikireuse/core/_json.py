"""The JSON forms of wikireuse's records: compact, canonical, and read back.

Every record type's ``to_json``/``from_json`` and every content hash over
JSON go through these three functions, so one record always has one text.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from wikireuse.exceptions import RecordError

__all__ = [
    "SURROGATES",
    "canonical",
    "compact",
    "escape_surrogates",
    "html_safe",
    "load",
    "pretty",
]

# A lone surrogate is valid in JSON ("\\ud800") but not in UTF-8.
SURROGATES: Final = re.compile("[\ud800-\udfff]")


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


def escape_surrogates(text: str) -> str:
    r"""JSON *text* with lone surrogates written as escapes, so UTF-8 can carry it.

    They can only occur inside JSON strings, where the escape is valid JSON.

    >>> escape_surrogates('["a\ud800"]')
    '["a\\ud800"]'
    """
    return SURROGATES.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


# "<" and ">" occur in JSON only inside strings; as \u escapes the document
# is the same data and opens no tag, comment or "</script>" where it is
# embedded in a page.
_HTML_SAFE: Final = str.maketrans({"<": "\\u003c", ">": "\\u003e"})


def html_safe(json_text: str) -> str:
    r"""JSON text with ``<`` and ``>`` escaped: the same data, safe inside a page.

    >>> html_safe('{"t": "<b>"}')
    '{"t": "\\u003cb\\u003e"}'
    """
    return json_text.translate(_HTML_SAFE)


def pretty(value: Any) -> str:
    r"""*value* as indented JSON for people, non-ASCII kept, always printable.

    Like every JSON wikireuse writes, it opens no tag where it is embedded.

    >>> print(pretty({"a": "é", "b": "<i>"}))
    {
      "a": "é",
      "b": "\u003ci\u003e"
    }
    """
    return html_safe(escape_surrogates(json.dumps(value, indent=2, ensure_ascii=False)))


def load(text: str) -> Any:
    """Parse JSON text.

    Raises:
        RecordError: When *text* is not JSON.
    """
    try:
        return json.loads(text)
    except (TypeError, ValueError) as exc:
        raise RecordError(message=f"not JSON: {exc}") from exc

"""English words for counts in messages and summaries (not the catalogue's).

The localised texts (attributions, credits pages) count through
:mod:`wikireuse.messages` and each language's plural rule; the English-only
lines (CLI summaries, REUSE.toml comments, reprs, errors) use :func:`counted`.
"""

from __future__ import annotations

__all__ = ["counted"]


def counted(count: int, one: str, other: str = "") -> str:
    """*count* and the noun in the number it needs: "1 item", "2 items".

    Args:
        count: How many.
        one: The singular noun (it may be several words).
        other: The plural, when it is not *one* with an "s".

    >>> counted(1, "item"), counted(0, "item"), counted(2, "licence")
    ('1 item', '0 items', '2 licences')
    >>> counted(1, "author URL"), counted(3, "entry", "entries")
    ('1 author URL', '3 entries')
    """
    return f"{count} {one if count == 1 else other or one + 's'}"

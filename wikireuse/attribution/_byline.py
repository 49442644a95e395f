"""Bylines: a credit in plain text with its safe links in place."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from wikireuse.records._html import safe_url

if TYPE_CHECKING:
    from wikireuse.records.media import RichText

__all__ = ["Byline", "Segment", "byline_from_rich"]


@attrs.frozen(kw_only=True)
class Segment:
    """A run of text, linked when *url* is set.

    Attributes:
        text: Plain text (never HTML).
        url: Absolute ``http``/``https`` URL, or ``None``.
    """

    text: str
    url: str | None = None


@attrs.frozen(kw_only=True)
class Byline:
    """A credit in plain text with links in place: a name, a credit line.

    Attributes:
        segments: The text runs in order; joined they give :attr:`text`.
    """

    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        """The plain text."""
        return "".join(segment.text for segment in self.segments)

    @classmethod
    def plain(cls, text: str, url: str | None = None) -> Byline:
        """One run of text, linked to *url* when given."""
        return cls(segments=(Segment(text=text, url=url),))

    @classmethod
    def from_rich(cls, rich: RichText) -> Byline:
        """The clean text of a wiki's HTML fragment with its safe links in place."""
        return byline_from_rich(rich)


def _locate(text: str, needle: str, start: int) -> tuple[int, int] | None:
    """Where *needle* occurs in *text* from *start*, whitespace runs matching any.

    A link's text has its line breaks folded to spaces, the whole text keeps
    them: both are the same words.
    """
    words = needle.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(word) for word in words)
    # A whole-word occurrence first: "Graf" is not the end of "Fotograf".
    found = re.compile(rf"(?<!\w){pattern}(?!\w)").search(text, start)
    if found is None:
        found = re.compile(pattern).search(text, start)
    return (found.start(), found.end()) if found is not None else None


def byline_from_rich(rich: RichText) -> Byline:
    """The clean text of *rich* as segments, its safe links placed on their text.

    The links are placed in order, each on the first occurrence of its text
    after the previous one. A link whose text cannot be found is left out
    (its text is there, unlinked); a link that is not an absolute ``http`` or
    ``https`` URL is left out too. The text is never changed: joined, the
    segments are exactly ``rich.text``.

    >>> from wikireuse.media import RichText
    >>> rich = RichText.from_html(
    ...     '<a href="//commons.wikimedia.org/wiki/User:Rama">Rama</a> &amp; Bolo')
    >>> [(s.text, s.url) for s in byline_from_rich(rich).segments]
    [('Rama', 'https://commons.wikimedia.org/wiki/User:Rama'), (' & Bolo', None)]
    """
    text = rich.text
    segments: list[Segment] = []
    cursor = 0
    for link in rich.links:
        absolute = link.url.lower().startswith(("http://", "https://"))
        url = safe_url(link.url, None) if absolute else None
        if url is None:
            continue
        where = _locate(text, link.text, cursor)
        if where is None:
            continue
        begin, end = where
        if begin > cursor:
            segments.append(Segment(text=text[cursor:begin]))
        segments.append(Segment(text=text[begin:end], url=url))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text=text[cursor:]))
    return Byline(segments=tuple(segments))

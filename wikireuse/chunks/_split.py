"""Section text and the splitter: paragraphs, lines, sentences, words, hard cuts."""

from __future__ import annotations

import re
from typing import Final

from wikireuse.structured.model import ListBlock, Section, Table

__all__ = ["Block", "section_text", "split"]

Span = tuple[int, int]
Block = tuple[int, int, tuple[str, ...]]
"""A paragraph or list item in a section's text: start, end and the ids it cites."""

# The boundaries tried in turn: a long piece is split at the next finer one.
# Paragraphs (blocks) are separated by a blank line, list items and table rows
# by a line break; sentences end at a full stop, question or exclamation mark
# (and any closing quote or bracket) followed by space, or at CJK full-width
# marks, which take no space.
_LEVELS: Final = (
    re.compile(r"\n\s*\n\s*"),
    re.compile(r"\s*\n\s*"),
    re.compile(r"(?:(?<=[.!?…؟।])|(?<=[.!?…؟।][\"'”’)\]]))\s+|(?<=[。！？])\s*"),
    re.compile(r"\s+"),
)


def _list_lines(block: ListBlock) -> list[str]:
    return [
        f"{n}. {item.text}" if block.ordered else f"- {item.text}"
        for n, item in enumerate(block.items, 1)
    ]


def _table_lines(table: Table) -> list[str]:
    lines = [table.caption] if table.caption else []
    lines += [" | ".join(row) for row in (table.header, *table.rows) if row]
    return lines


def section_text(section: Section) -> tuple[str, tuple[Block, ...]]:
    r"""A section's blocks as text (paragraphs, lists and tables in document order).

    Blocks are separated by a blank line; list items and table rows each take
    a line (``- item``, ``1. item``, ``cell | cell``). Chunk offsets count in
    this text.

    Returns:
        The text, and the span and cited reference ids of every paragraph and
        list item in it.

    >>> from wikireuse.structured import Paragraph, Section
    >>> text, blocks = section_text(Section(id=1, level=2, heading="H",
    ...     paragraphs=(Paragraph(text="One.", cites=("cite_note-1",)),
    ...                 Paragraph(text="Two."))))
    >>> text, blocks
    ('One.\n\nTwo.', ((0, 4, ('cite_note-1',)), (6, 10, ())))
    """
    paragraphs, lists, tables = (
        iter(section.paragraphs),
        iter(section.lists),
        iter(section.tables),
    )
    # Blocks that ``order`` does not place (a hand-built section) follow in
    # kind order, so no text is ever left out; placed ones are used up first.
    order = (
        *section.order,
        *("paragraph",) * len(section.paragraphs),
        *("list",) * len(section.lists),
        *("table",) * len(section.tables),
    )
    parts: list[str] = []
    blocks: list[Block] = []
    size = 0

    def add(text: str, cites: tuple[str, ...] | None) -> None:
        nonlocal size
        if parts:
            parts.append("\n")
            size += 1
        parts.append(text)
        if cites is not None:
            blocks.append((size, size + len(text), cites))
        size += len(text)

    for kind in order:
        if kind == "paragraph":
            para = next(paragraphs, None)
            if para is not None and para.text.strip():
                if parts:
                    add("", None)
                add(para.text, para.cites)
        elif kind == "list":
            block = next(lists, None)
            if block is not None and block.items:
                if parts:
                    add("", None)
                for item, line in zip(block.items, _list_lines(block), strict=True):
                    add(line, item.cites)
        else:
            table = next(tables, None)
            lines = _table_lines(table) if table is not None else []
            if lines:
                if parts:
                    add("", None)
                for line in lines:
                    add(line, ())
    return "".join(parts), tuple(blocks)


def _pieces(text: str, start: int, end: int, level: int) -> list[Span]:
    """The non-blank pieces of ``text[start:end]`` between the boundaries of *level*."""
    found: list[Span] = []
    at = start
    for match in _LEVELS[level].finditer(text, start, end):
        if match.end() == match.start() and match.start() in (start, end):
            continue
        found.append((at, match.start()))
        at = match.end()
    found.append((at, end))
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in found) if a < b]


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split(
    text: str, budget: int, *, start: int = 0, end: int | None = None
) -> list[Span]:
    r"""Spans of at most *budget* characters, in order, covering *text* but its blanks.

    Pieces are packed greedily; a piece longer than *budget* is split at the
    next finer boundary, and at *budget* characters when there is none.

    >>> text = "One two. Three four.\n\nFive."
    >>> [text[a:b] for a, b in split(text, 12)]
    ['One two.', 'Three four.', 'Five.']
    """
    stop = len(text) if end is None else end
    return _split(text, start, stop, budget, 0)


def _split(text: str, start: int, end: int, budget: int, level: int) -> list[Span]:
    start, end = _trim(text, start, end)
    if end - start <= budget:
        return [(start, end)] if start < end else []
    if level == len(_LEVELS):
        return [(a, min(a + budget, end)) for a in range(start, end, budget)]
    spans: list[Span] = []
    current: Span | None = None
    for a, b in _pieces(text, start, end, level):
        if current is not None and b - current[0] <= budget:
            current = (current[0], b)
            continue
        if current is not None:
            spans.append(current)
            current = None
        if b - a <= budget:
            current = (a, b)
        else:
            spans.extend(_split(text, a, b, budget, level + 1))
    if current is not None:
        spans.append(current)
    return spans

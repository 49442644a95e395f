"""The Chunk record (schema ``wikireuse.chunk/1``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal

import attrs

from wikireuse.core import _json
from wikireuse.exceptions import RecordError
from wikireuse.records._codec import Record, encode, record_from
from wikireuse.records.persons import PersonStatus

__all__ = ["SCHEMA", "Chunk", "ChunkKind"]

SCHEMA: Final = "wikireuse.chunk/1"
"""The ``schema`` value of :meth:`Chunk.to_dict`."""

ChunkKind = Literal["text", "infobox"]


@attrs.frozen(kw_only=True)
class Chunk(Record):
    """A retrieval-ready piece of one revision of an article, with its provenance.

    Attributes:
        id: Stable id: the same revision chunked with the same settings
            (``lang`` included) gives the same ids; a classified or
            minimised article's chunks (:attr:`person_status`,
            :attr:`minimisation`) have ids of their own.
        kind: ``"text"`` (body text of one section) or ``"infobox"``.
        text: The chunk's text: ``section_text[start:end]`` of its section.
        section_id: The section's id (0 for the lead and for infoboxes).
        section_path: The headings from the top level down to its section
            (``()`` for the lead and for infoboxes).
        anchor: The section's anchor (``"top"`` for the lead and infoboxes).
        start: Where the text starts in its section's text
            (:func:`wikireuse.chunks.section_text`; the infobox text for
            infoboxes).
        end: Where it ends there.
        overlap: How many leading characters repeat the end of the chunk
            before it in the section (from a word start when one fits, with
            the blank that followed it); ``text[overlap:]`` is the chunk's
            new text.
        content_sha1: SHA-1 (hex) of :attr:`text` as UTF-8.
        wiki: The wiki (Action API URL or host).
        pageid: Page id, when known.
        revid: Revision id.
        timestamp: When the revision was saved (ISO 8601), when known.
        title: The page title.
        lang: The content language.
        permalink: The revision's URL with ``#anchor``.
        history_url: The page history, which lists the authors.
        license_spdx: SPDX id of the revision's licence.
        license_url: The licence's URL.
        attribution: The credit line, in the language asked for.
        wikidata_id: The Wikidata item, when known.
        cites: Ids of the references cited in the chunk
            (:meth:`~wikireuse.StructuredArticle.reference`).
        person_status: The article's
            :attr:`~wikireuse.StructuredArticle.person_status` (``None``
            when not classified).
        minimisation: The article's
            :attr:`~wikireuse.StructuredArticle.minimisation`: what was
            removed or coarsened before chunking.
    """

    id: str
    kind: ChunkKind = "text"
    text: str
    section_id: int
    section_path: tuple[str, ...] = ()
    anchor: str
    start: int
    end: int
    overlap: int = 0
    content_sha1: str
    wiki: str
    pageid: int | None = None
    revid: int
    timestamp: str | None = None
    title: str
    lang: str = ""
    permalink: str
    history_url: str
    license_spdx: str
    license_url: str
    attribution: str
    wikidata_id: str | None = None
    cites: tuple[str, ...] = ()
    person_status: PersonStatus | None = None
    minimisation: tuple[str, ...] = ()

    # Duplicates note: to_dict/from_dict/to_json have StructuredArticle's
    # shape; both are thin calls into the one shared codec, with their schema.
    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values with stable names (schema ``wikireuse.chunk/1``)."""
        return {"schema": SCHEMA, **encode(self)}

    @classmethod
    def from_dict(cls, data: Any) -> Chunk:
        """Read what :meth:`to_dict` wrote.

        Raises:
            RecordError: When *data* is not a ``wikireuse.chunk/1`` record.
        """
        if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
            raise RecordError(message=f"not a {SCHEMA} record: {str(data)[:200]!r}")
        return record_from(cls, {k: v for k, v in data.items() if k != "schema"})

    def to_json(self) -> str:
        """:meth:`to_dict` as compact JSON."""
        return _json.compact(self.to_dict())

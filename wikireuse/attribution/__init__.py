"""Attributions: who and what to credit, and under which licence.

:func:`attribute` turns an :class:`~wikireuse.Article`, a
:class:`~wikireuse.MediaFile`, an :class:`~wikireuse.Entity` or a plain
:class:`Work` into an :class:`Attribution`: the TASL elements (title, author,
source, licence) plus what the licence and the Wikimedia Terms of Use add
(the link to the page's history or the list of its authors, the indication of
changes with earlier change notes kept, copyright notices). The record is
pure data; its renderers give plain text, HTML, Markdown, wikitext and JSON in
any language of the message catalogue (:mod:`wikireuse.messages`).

Nothing is invented: an author the metadata does not name is missing (and
``no-author`` is in :attr:`Attribution.warnings`), never "Wikimedia Commons",
"Wikipedia" or the uploader; a licence wikireuse does not know stays unknown.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from wikireuse.attribution._byline import Byline, Segment
from wikireuse.attribution._notice import LicenseNotice
from wikireuse.attribution._records import (
    WARNINGS,
    Attribution,
    AttributionKind,
    AuthorMode,
    Format,
    Style,
    Work,
)
from wikireuse.attribution._render import ATTRIBUTION_SCHEMA

if TYPE_CHECKING:
    from wikireuse.attribution.messages import Catalogue
    from wikireuse.records.articles import Article
    from wikireuse.records.entities import Entity
    from wikireuse.records.media import MediaFile

__all__ = [
    "ATTRIBUTION_SCHEMA",
    "WARNINGS",
    "Attribution",
    "AttributionKind",
    "AuthorMode",
    "Byline",
    "Format",
    "LicenseNotice",
    "Segment",
    "Style",
    "Work",
    "attribute",
]


def attribute(
    item: Article | MediaFile | Entity | Work,
    *,
    modified: bool | str | Sequence[str] = False,
    modified_by: str = "",
    accessed: date | datetime | None = None,
    lang: str = "en",
    authors: AuthorMode = "history",
    link: Literal["permalink", "page"] = "permalink",
    allow_gfdl: bool = False,
    catalogue: Catalogue | None = None,
) -> Attribution:
    """The attribution for one reused item.

    Args:
        item: An :class:`~wikireuse.Article`, :class:`~wikireuse.MediaFile`,
            :class:`~wikireuse.Entity` or :class:`Work`.
        modified: What you changed: ``True`` (the localised word
            "modified"), a description, or several. Earlier change notes of
            the item are kept before yours.
        modified_by: Who made your changes, if they are to be named.
        accessed: When you retrieved the item; printed only when given.
        lang: Language of the fixed words (``en``, ``de``, ``fr``, ``es`` or
            any the catalogue has).
        authors: ``"history"``: link to the page history (Terms of Use);
            ``"list"``: name the registered authors and count the anonymous
            ones (needs an article fetched with ``contributors=True``).
        link: ``"permalink"``: link the revision used (default);
            ``"page"``: the page as it is now.
        allow_gfdl: Offer the GFDL for Wikimedia text as well (opt-in; see
            :data:`WARNINGS` ``gfdl``).
        catalogue: Message catalogue that must have *lang*.

    Raises:
        ConfigurationError: A bad option (an unknown language, ``authors="list"``
            without contributors, an item of another type).

    >>> work = Work(
    ...     title="Sunset",
    ...     authors=("Jane Doe",),
    ...     source_url="https://example.org/sunset",
    ...     license="CC BY 4.0",
    ... )
    >>> credit = attribute(work, modified="cropped")
    >>> print(credit.to_text())
    “Sunset” (https://example.org/sunset) by Jane Doe is licensed under
    CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Changes: cropped.
    >>> credit.license.kind, credit.required, credit.warnings
    ('license', True, ())
    """
    from wikireuse.attribution._attribute import build

    return build(
        item,
        modified=modified,
        modified_by=modified_by,
        accessed=accessed,
        lang=lang,
        authors=authors,
        link=link,
        allow_gfdl=allow_gfdl,
        catalogue=catalogue,
    )

"""Attribution: credits, renderers, the message catalogue, citations and credits pages.

:func:`attribute` turns an article, media file, entity or :class:`Work` into an
:class:`Attribution` (see :mod:`wikireuse.attribution._records` for the
records). The package is pure: it imports the licences and the records,
never the transport or the store (docs/architecture.md).

.. versionadded:: 0.1.0
"""

from wikireuse.attribution._records import (
    ATTRIBUTION_SCHEMA,
    WARNINGS,
    Attribution,
    AttributionKind,
    AuthorMode,
    Byline,
    Format,
    LicenseNotice,
    Segment,
    Style,
    Work,
    attribute,
)

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

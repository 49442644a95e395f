"""The old import path of :mod:`wikireuse.records.media`.

The media-file records moved into the ``records`` layer (see the layers in
docs/architecture.md); ``import wikireuse.media`` keeps working and gives the
same objects. New code imports :mod:`wikireuse.records.media`. This module sits
in the ``records`` layer too, beside what it re-exports.
"""

from wikireuse.records import media as _media
from wikireuse.records.media import FILE_NAMESPACE as FILE_NAMESPACE
from wikireuse.records.media import MEDIA_SCHEMA as MEDIA_SCHEMA
from wikireuse.records.media import PROBLEMS as PROBLEMS
from wikireuse.records.media import Link as Link
from wikireuse.records.media import MediaFile as MediaFile
from wikireuse.records.media import RichText as RichText
from wikireuse.records.media import parse_imageinfo as parse_imageinfo
from wikireuse.records.media import parse_imageinfo_response as parse_imageinfo_response

__all__ = _media.__all__

"""The old import path of :mod:`wikireuse.records.titles`.

Page titles moved into the ``records`` layer (see the layers in
docs/architecture.md); ``import wikireuse.titles`` keeps working and gives the
same objects. New code imports :mod:`wikireuse.records.titles`. This module
sits in the ``records`` layer too, beside what it re-exports.
"""

from wikireuse.records import titles as _titles
from wikireuse.records.titles import DEFAULT_NAMESPACES as DEFAULT_NAMESPACES
from wikireuse.records.titles import Case as Case
from wikireuse.records.titles import Namespaces as Namespaces
from wikireuse.records.titles import PageRef as PageRef
from wikireuse.records.titles import ParsedTitle as ParsedTitle
from wikireuse.records.titles import from_dbkey as from_dbkey
from wikireuse.records.titles import normalise as normalise
from wikireuse.records.titles import parse_title as parse_title
from wikireuse.records.titles import title_from_url as title_from_url
from wikireuse.records.titles import to_dbkey as to_dbkey
from wikireuse.records.titles import url_path as url_path

__all__ = _titles.__all__

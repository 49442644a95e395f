"""The old import path of :mod:`wikireuse.attribution.citations`.

The citation styles moved into the ``attribution`` layer (see the layers in
docs/architecture.md); ``import wikireuse.citations`` keeps working and gives
the same objects. New code imports :mod:`wikireuse.attribution.citations`. This
module sits in the ``attribution`` layer too, beside what it re-exports.
"""

from wikireuse.attribution import citations as _citations
from wikireuse.attribution.citations import (
    CITE_THIS_PAGE_STYLES as CITE_THIS_PAGE_STYLES,
)
from wikireuse.attribution.citations import CSL_PREFIX as CSL_PREFIX
from wikireuse.attribution.citations import STYLES as STYLES
from wikireuse.attribution.citations import cite as cite
from wikireuse.attribution.citations import to_csl as to_csl

__all__ = _citations.__all__

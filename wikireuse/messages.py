"""The old import path of :mod:`wikireuse.attribution.messages`.

The message catalogue moved into the ``attribution`` layer (see the layers in
docs/architecture.md); ``import wikireuse.messages`` keeps working and gives
the same objects. New code imports :mod:`wikireuse.attribution.messages`. This
module sits in the ``attribution`` layer too, beside what it re-exports.
"""

from wikireuse.attribution import messages as _messages
from wikireuse.attribution.messages import DEFAULT_CATALOGUE as DEFAULT_CATALOGUE
from wikireuse.attribution.messages import MESSAGE_KEYS as MESSAGE_KEYS
from wikireuse.attribution.messages import PLURAL_CATEGORIES as PLURAL_CATEGORIES
from wikireuse.attribution.messages import Catalogue as Catalogue
from wikireuse.attribution.messages import PluralRule as PluralRule
from wikireuse.attribution.messages import plural_one_other as plural_one_other

__all__ = _messages.__all__

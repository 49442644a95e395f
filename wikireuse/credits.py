"""The old import path of :mod:`wikireuse.attribution.credits`.

Credits pages moved into the ``attribution`` layer (see the layers in
docs/architecture.md); ``import wikireuse.credits`` keeps working and gives the
same objects. New code imports :mod:`wikireuse.attribution.credits`. This
module sits in the ``attribution`` layer too, beside what it re-exports.
"""

from wikireuse.attribution import credits as _credits
from wikireuse.attribution.credits import CreditEntry as CreditEntry
from wikireuse.attribution.credits import CreditGroup as CreditGroup
from wikireuse.attribution.credits import CreditInput as CreditInput
from wikireuse.attribution.credits import CreditItem as CreditItem
from wikireuse.attribution.credits import Credits as Credits

__all__ = _credits.__all__

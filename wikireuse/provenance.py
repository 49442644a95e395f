"""The old import path of :mod:`wikireuse.records.provenance`.

The provenance records moved into the ``records`` layer (see the layers in
docs/architecture.md); ``import wikireuse.provenance`` keeps working and gives
the same objects. New code imports :mod:`wikireuse.records.provenance`. This
module sits in the ``records`` layer too, beside what it re-exports.
"""

from wikireuse.records import provenance as _provenance
from wikireuse.records.provenance import MANIFEST_SCHEMA as MANIFEST_SCHEMA
from wikireuse.records.provenance import SCHEMA as SCHEMA
from wikireuse.records.provenance import Provenance as Provenance
from wikireuse.records.provenance import RequestRecord as RequestRecord
from wikireuse.records.provenance import content_hash as content_hash

__all__ = _provenance.__all__

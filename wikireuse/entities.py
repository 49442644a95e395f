"""The old import path of :mod:`wikireuse.records.entities`.

The Wikibase entity records moved into the ``records`` layer (see the layers in
docs/architecture.md); ``import wikireuse.entities`` keeps working and gives
the same objects. New code imports :mod:`wikireuse.records.entities`. This
module sits in the ``records`` layer too, beside what it re-exports.
"""

from wikireuse.records import entities as _entities
from wikireuse.records.entities import ENTITY_ID_RE as ENTITY_ID_RE
from wikireuse.records.entities import ENTITY_SCHEMA as ENTITY_SCHEMA
from wikireuse.records.entities import WIKIDATA_LICENSE as WIKIDATA_LICENSE
from wikireuse.records.entities import Entity as Entity
from wikireuse.records.entities import Sitelink as Sitelink
from wikireuse.records.entities import Term as Term
from wikireuse.records.entities import check_entity_id as check_entity_id
from wikireuse.records.entities import parse_entity as parse_entity
from wikireuse.records.entities import parse_entity_response as parse_entity_response

__all__ = _entities.__all__

r"""Personal data in wiki content: who is living, and what to keep of them.

A pure package (no I/O, no network, no clock): :func:`classify_person` says
whether a page is about a living person, with the evidence; the types it
returns (:class:`PersonStatus`, :class:`PersonAssessment`,
:class:`Evidence`) live in :mod:`wikireuse.records.persons`, below the
structured articles and chunks that carry the status.

>>> from datetime import date
>>> from wikireuse.structured import structure
>>> doc = structure("'''Bo Example''' (1901–1980).\n[[Category:1980 deaths]]")
>>> classify_person(doc, today=date(2026, 1, 1)).status
<PersonStatus.DECEASED: 'deceased'>

.. versionadded:: 0.1.0
"""

from wikireuse.privacy._classify import classify_person
from wikireuse.privacy._rules import DEFAULT_RULES, MAX_AGE_YEARS, PersonRules
from wikireuse.records.persons import (
    Evidence,
    PersonAssessment,
    PersonStatus,
    is_anonymous_name,
)

__all__ = [
    "DEFAULT_RULES",
    "MAX_AGE_YEARS",
    "Evidence",
    "PersonAssessment",
    "PersonRules",
    "PersonStatus",
    "classify_person",
    "is_anonymous_name",
]

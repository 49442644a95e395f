"""Licence knowledge base, parsing and explanation for Wikimedia reuse.

Importing this package is cheap: it loads neither ``requests``, ``mwclient``
nor ``mwparserfromhell``; the licence data is read on first use and
``license_expression`` only when an SPDX expression needs it.

>>> from wikireuse.licenses import get, parse
>>> parse("{{self|cc-by-sa-4.0|GFDL}}").options[0].license.id
'CC-BY-SA-4.0'
>>> get("CC-BY-SA-3.0").adaptation.mode
'same-or-later'
"""

from __future__ import annotations

from wikireuse.licenses._check import check, outbound
from wikireuse.licenses._explain import explain
from wikireuse.licenses._kb import current as _current
from wikireuse.licenses._model import (
    UNKNOWN_ID,
    AdaptationRule,
    AllOf,
    AnyOf,
    Compatibility,
    Element,
    Expr,
    Kind,
    License,
    LicenseRef,
    Source,
)
from wikireuse.licenses._parse import is_known, parse
from wikireuse.licenses._verdict import (
    Choice,
    Context,
    Obligation,
    OutboundOption,
    Reason,
    Status,
    Use,
    Verdict,
)

__all__ = [
    "UNKNOWN_ID",
    "AdaptationRule",
    "AllOf",
    "AnyOf",
    "Choice",
    "Compatibility",
    "Context",
    "Element",
    "Expr",
    "Kind",
    "License",
    "LicenseRef",
    "Obligation",
    "OutboundOption",
    "Reason",
    "Source",
    "Status",
    "Use",
    "Verdict",
    "all_licenses",
    "check",
    "explain",
    "get",
    "is_known",
    "outbound",
    "parse",
]


def get(license_id: str) -> License:
    """The knowledge-base record with this id (exact, else case-insensitive).

    Raises:
        UnknownLicenseError: No record has this id (use :func:`parse` for
            free text).

    >>> get("CC-BY-SA-4.0").name
    'Creative Commons Attribution-ShareAlike 4.0 International'
    """
    return _current().get(license_id)


def all_licenses() -> tuple[License, ...]:
    """Every known record, sorted by id (the unknown record excluded).

    >>> len(all_licenses()) >= 100
    True
    """
    return tuple(lic for lic in _current().licenses if lic.kind is not Kind.UNKNOWN)

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

import importlib as _importlib
import typing as _typing

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

if _typing.TYPE_CHECKING:
    from wikireuse.licenses._check import check, outbound
    from wikireuse.licenses._explain import explain
    from wikireuse.licenses._limits import LIMITS, Limits
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

# The checker, parser and verdict types load on first use: importing the
# package then costs only the record types and the (lazy) data loader, which
# keeps ``import wikireuse.licenses`` cheap for tools that embed it.
_LAZY = {
    "check": "_check",
    "outbound": "_check",
    "explain": "_explain",
    "LIMITS": "_limits",
    "Limits": "_limits",
    "is_known": "_parse",
    "parse": "_parse",
    "Choice": "_verdict",
    "Context": "_verdict",
    "Obligation": "_verdict",
    "OutboundOption": "_verdict",
    "Reason": "_verdict",
    "Status": "_verdict",
    "Use": "_verdict",
    "Verdict": "_verdict",
}

__all__ = [
    "LIMITS",
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
    "Limits",
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
    "suggest",
]


def get(license_id: str) -> License:
    """The knowledge-base record with this id (exact, else case-insensitive).

    Raises:
        UnknownLicenseError: No record has this id (use :func:`parse` for
            free text); its ``suggestions`` are close matches.
        LicenseInputError: *license_id* is not a string or is over-long.

    >>> get("CC-BY-SA-4.0").name
    'Creative Commons Attribution-ShareAlike 4.0 International'
    >>> from wikireuse.exceptions import UnknownLicenseError
    >>> try:
    ...     get("CC-BY-SAA-4.0")
    ... except UnknownLicenseError as exc:
    ...     print(exc.suggestions[0])
    CC-BY-SA-4.0
    """
    _check_text(license_id, "license_id")
    return _current().get(license_id)


def suggest(text: str) -> tuple[str, ...]:
    """Ids of known licences whose names are close to *text* ("did you mean?").

    Compares *text* with every name :func:`parse` reads (ids, full names,
    Commons templates, extmetadata short names, aliases); best first, at most
    five, empty when nothing is close.

    Raises:
        LicenseInputError: *text* is not a string or is over-long.

    >>> suggest("CC-BY-SA-4")[0]
    'CC-BY-SA-4.0'
    >>> suggest("Creative Commons Atribution-ShareAlike 4.0")[0]
    'CC-BY-SA-4.0'
    """
    _check_text(text, "text")
    return _current().suggest(text)


def _check_text(text: object, argument: str) -> None:
    # Imported here: the limits module is not needed to import the package.
    from wikireuse.licenses._limits import refuse, text_terms

    if not isinstance(text, str):
        raise refuse(argument, text, "a licence name must be a str")
    text_terms(text, argument)


def all_licenses() -> tuple[License, ...]:
    """Every known record, sorted by id (the unknown record excluded).

    >>> len(all_licenses()) >= 100
    True
    """
    return tuple(lic for lic in _current().licenses if lic.kind is not Kind.UNKNOWN)


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'wikireuse.licenses' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(_importlib.import_module(f"wikireuse.licenses.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

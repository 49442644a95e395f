"""Licence notices: the licence an attribution names, from a knowledge-base record."""

from __future__ import annotations

import re
from typing import Final, Literal
from urllib.parse import urlsplit

import attrs

from wikireuse.licenses import UNKNOWN_ID, Kind, License

__all__ = ["LicenseNotice", "NoticeKind", "notice_from_license", "short_name"]

NoticeKind = Literal["license", "waiver", "public-domain", "unknown"]

_KINDS: Final[dict[Kind, NoticeKind]] = {
    Kind.LICENSE: "license",
    Kind.WAIVER: "waiver",
    Kind.PUBLIC_DOMAIN: "public-domain",
    Kind.UNKNOWN: "unknown",
}

_CC_ID: Final = re.compile(
    r"^(?:LicenseRef-wikireuse-)?CC-((?:BY|SA|NC|ND)(?:-(?:BY|SA|NC|ND))*)"
    r"-(\d\.\d)(?:-([A-Z]+))?$"
)
_GNU: Final = frozenset({"GFDL", "GPL", "LGPL", "AGPL"})


@attrs.frozen(kw_only=True)
class LicenseNotice:
    """The licence named in an attribution.

    Attributes:
        id: SPDX id or ``LicenseRef-wikireuse-...`` id;
            :data:`wikireuse.licenses.UNKNOWN_ID` when unknown.
        name: Full name (``Creative Commons Attribution-ShareAlike 4.0
            International``).
        short_name: Label for a credit line (``CC BY-SA 4.0``, ``CC0 1.0``).
        url: The deed or legal code URL; ``""`` when there is none.
        kind: ``"license"``, ``"waiver"`` (CC0: "marked with", never
            "licensed under"), ``"public-domain"`` or ``"unknown"``.
        version: ``"4.0"``, ... or ``None``.
    """

    id: str
    name: str
    short_name: str
    url: str
    kind: Literal["license", "waiver", "public-domain", "unknown"]
    version: str | None = None

    @property
    def is_unknown(self) -> bool:
        """True when the licence could not be determined."""
        return self.kind == "unknown"

    @classmethod
    def from_license(cls, license: License, *, url: str | None = None) -> LicenseNotice:
        """The notice for a knowledge-base record (*url* overrides its deed URL)."""
        return notice_from_license(license, url=url)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def short_name(license: License) -> str:
    """A licence's label for a credit line.

    Creative Commons licences as Wikimedia Commons writes them (``CC BY-SA
    4.0``, ``CC BY 2.0 fr`` for a port), ``CC0 1.0``, ``Public Domain Mark
    1.0``, ``Public domain`` for the other public-domain statuses, GNU
    licences with their version grant (``GFDL 1.2 or later``), otherwise the
    record's shortest spelling with its version.

    >>> from wikireuse.licenses import get
    >>> [short_name(get(i)) for i in ("CC-BY-SA-4.0", "CC0-1.0", "GFDL-1.3-only")]
    ['CC BY-SA 4.0', 'CC0 1.0', 'GFDL 1.3 only']
    """
    if license.is_unknown:
        return ""  # nothing to name: renderers say "licence unknown"
    match = _CC_ID.match(license.id)
    if match is not None:
        elements, version, port = match.groups()
        return f"CC {elements} {version}" + (f" {port.lower()}" if port else "")
    if license.family == "CC0":
        return f"CC0 {license.version or '1.0'}"
    if license.family == "PDM":
        return f"Public Domain Mark {license.version or '1.0'}"
    if license.kind is Kind.PUBLIC_DOMAIN:
        return "Public domain"
    if license.family in _GNU and license.version:
        grant = "or later" if license.or_later else "only"
        name = f"{license.family} {license.version} {grant}"
        if "-invariants" in license.id and "-no-invariants" not in license.id:
            name += " with invariant sections"
        return name
    names = license.extmetadata_names
    version = license.version
    if version:
        with_version = [n for n in names if version in n]
        if with_version:
            return with_version[0]
        if names:
            return f"{names[0]} {version}"
    return names[0] if names else license.id


def _kind(license: License) -> NoticeKind:
    return _KINDS[license.kind]


def _https(url: str) -> str:
    """Creative Commons URLs over ``https`` (old metadata has ``http``)."""
    if url.startswith("http://") and _host(url) in {
        "creativecommons.org",
        "www.creativecommons.org",
    }:
        return "https://" + url[len("http://") :]
    return url


def notice_from_license(license: License, *, url: str | None = None) -> LicenseNotice:
    """The :class:`~wikireuse.attribution.LicenseNotice` of a knowledge-base record.

    Args:
        license: The record (the unknown record gives kind ``unknown``).
        url: A URL to show instead of the record's deed (or legal code) URL.

    >>> from wikireuse.licenses import get
    >>> notice = notice_from_license(get("CC0-1.0"))
    >>> notice.short_name, notice.kind, notice.url
    ('CC0 1.0', 'waiver', 'https://creativecommons.org/publicdomain/zero/1.0/')
    """
    if license.is_unknown:
        return _unknown_notice("", url or "")
    chosen = url if url else license.deed_url or license.legal_code_url
    return LicenseNotice(
        id=license.id,
        name=license.name,
        short_name=short_name(license),
        url=_https(chosen),
        kind=_kind(license),
        version=license.version,
    )


def _unknown_notice(name: str, url: str) -> LicenseNotice:
    """The notice of a licence wikireuse does not know, keeping what was declared."""
    return LicenseNotice(
        id=UNKNOWN_ID, name=name, short_name=name, url=url, kind="unknown"
    )

"""People in wiki content: whether a page's subject is living, and who is anonymous.

Two kinds of people appear in what wikireuse handles, and both are personal
data:

- the **subject** of an article: :class:`PersonAssessment` says whether it
  is a living person (:class:`PersonStatus`), with the :class:`Evidence` that
  decided; :func:`wikireuse.privacy.classify_person` builds it, and
  structured articles and chunks carry its status;
- the **contributors** of a page: IP addresses and temporary accounts
  (:func:`is_anonymous_name`) are counted, never named, in every output.

The types live here, below the structured articles and chunks that carry
them; the classifier that builds them lives in :mod:`wikireuse.privacy`.

>>> PersonStatus.LIVING.is_protected, PersonStatus.DECEASED.is_protected
(True, False)
>>> is_anonymous_name("192.0.2.7"), is_anonymous_name("~2025-12345-67")
(True, True)
>>> is_anonymous_name("Jimbo Wales")
False

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import ipaddress
import re
from typing import Final, Literal

import attrs

__all__ = [
    "TEMPORARY_ACCOUNT_RE",
    "Evidence",
    "EvidenceSource",
    "PersonAssessment",
    "PersonStatus",
    "is_anonymous_name",
    "is_ip_address",
    "is_temporary_account",
]


class PersonStatus(str, enum.Enum):
    """Whether the subject of a page is a living person.

    ``LIVING`` and ``POSSIBLY_LIVING`` are the statuses whose pages are
    personal data under Wikipedia's policy on biographies of living persons
    (and the GDPR): :attr:`is_protected` is true for both.
    """

    LIVING = "living"
    """A living person: a living-people category, a BLP template, or an
    explicit "no date of death"."""
    POSSIBLY_LIVING = "possibly-living"
    """A person who may be living: born within 115 years, or of unknown age,
    and not known to be dead."""
    DECEASED = "deceased"
    """A person known (or, born more than 115 years ago, presumed) to be dead."""
    NOT_PERSON = "not-person"
    """Not about a human: Wikidata's *instance of* names no human."""
    UNKNOWN = "unknown"
    """Nothing says whether the page is about a person."""

    @property
    def is_protected(self) -> bool:
        """Whether pages of this status are treated as a living person's data."""
        return self in (PersonStatus.LIVING, PersonStatus.POSSIBLY_LIVING)

    def __str__(self) -> str:
        return self.value


EvidenceSource = Literal["category", "template", "wikidata", "classifier"]


@attrs.frozen(kw_only=True)
class Evidence:
    """One rule that fired, on what.

    Attributes:
        rule: The rule's name (``"living-category"``, ``"blp-template"``,
            ``"death-category"``, ``"birth-category"``,
            ``"wikidata-death-date"``, ``"conflict"``, ...).
        status: What this rule alone says.
        source: Where it was found: a ``category``, a ``template``,
            ``wikidata``, or the ``classifier`` itself (conflicts).
        name: The category title, template name or Wikidata property
            (``"P570"``).
        value: The value read: a date or item id for Wikidata, the year of
            a births/deaths category, the explanation of a conflict.
    """

    rule: str
    status: PersonStatus
    source: EvidenceSource
    name: str = ""
    value: str = ""

    def __str__(self) -> str:
        what = f"{self.source} {self.name!r}" if self.name else self.source
        tail = f" = {self.value}" if self.value else ""
        return f"{self.rule}: {what}{tail} → {self.status}"


@attrs.frozen(kw_only=True)
class PersonAssessment:
    """Whether a page is about a living person, and why.

    Attributes:
        status: The answer.
        evidence: Every rule that fired, in the order the classifier read
            them (categories, templates, Wikidata); a conflict adds one
            entry with the rule ``"conflict"`` saying which answer won.
    """

    status: PersonStatus
    evidence: tuple[Evidence, ...] = ()

    @property
    def conflicting(self) -> bool:
        """Whether the evidence disagreed (the safer answer was taken)."""
        return any(e.rule == "conflict" for e in self.evidence)


# -- contributors ----------------------------------------------------------------

TEMPORARY_ACCOUNT_RE: Final = re.compile(r"^~\d{4}-\d{1,5}(?:-\d{1,5})*$")
"""Temporary-account names as Wikimedia wikis make them: ``~2025-12345-67``.

MediaWiki's ``$wgAutoCreateTempUser`` there has ``genPattern`` ``~$1``, a
serial provider with ``useYear`` and the ``readable-numeric`` serial mapping,
which splits the serial into groups of five digits with hyphens (MediaWiki
1.44 ``ReadableNumericSerialMapping``); names from before that mapping
(``~2024-1234``) fit as well. The ``reservedPattern`` ``~$1`` keeps
registered accounts from taking such names."""


def is_ip_address(name: str) -> bool:
    """Whether *name* is an IPv4 or IPv6 address (how MediaWiki names IP editors).

    >>> is_ip_address("2001:db8::1"), is_ip_address("2001:DB8:0:0:0:0:0:1")
    (True, True)
    >>> is_ip_address("10.0.0.300")
    False
    """
    try:
        ipaddress.ip_address(name.strip())
    except ValueError:
        return False
    return True


def is_temporary_account(name: str) -> bool:
    """Whether *name* is a MediaWiki temporary account (``~2025-12345-67``)."""
    return bool(TEMPORARY_ACCOUNT_RE.match(name.strip()))


def is_anonymous_name(name: str) -> bool:
    """Whether *name* is an IP address or a temporary account: count, never name."""
    return is_ip_address(name) or is_temporary_account(name)

"""Record types of the licence knowledge base and of parsed licence expressions.

Everything here is a frozen ``attrs`` class with tuples and frozensets, so
records can be shared, hashed and cached freely. The knowledge base
(:mod:`wikireuse.licenses._kb`) builds :class:`License` records from
``_data/licenses.json``; :func:`wikireuse.licenses.parse` returns an
:data:`Expr` tree whose leaves are :class:`LicenseRef`.
"""

from __future__ import annotations

import enum
from typing import TypeAlias

import attrs

__all__ = [
    "UNKNOWN_ID",
    "AdaptationRule",
    "AllOf",
    "AnyOf",
    "Compatibility",
    "Element",
    "Expr",
    "Kind",
    "License",
    "LicenseRef",
    "Source",
    "bracket",
    "leaves",
    "render",
]

UNKNOWN_ID = "LicenseRef-wikireuse-unknown"
"""Identifier of the explicit *unknown* record that :func:`parse` returns."""


class StrEnum(str, enum.Enum):
    """An enum whose members are their string values.

    ``str(Status.COMPATIBLE)`` and ``f"{Status.COMPATIBLE}"`` give
    ``"compatible"``, members compare equal to their values and
    ``json.dumps`` writes them as plain strings. (``enum.StrEnum`` needs
    Python 3.11; this package supports 3.10.)

    >>> str(Kind.WAIVER), f"{Element.SA}", Kind.WAIVER == "waiver"
    ('waiver', 'SA', True)
    """

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, format_spec: str) -> str:
        return format(str(self.value), format_spec)


class Element(StrEnum):
    """A Creative Commons licence element (copyleft licences use BY + SA)."""

    BY = "BY"
    SA = "SA"
    NC = "NC"
    ND = "ND"


class Kind(StrEnum):
    """What kind of legal instrument a record describes."""

    LICENSE = "license"
    """A copyright licence (CC BY..., GFDL, GPL, MIT, ODbL, FAL)."""
    WAIVER = "waiver"
    """CC0: rights waived; a work is marked "with CC0", not "licensed under"."""
    PUBLIC_DOMAIN = "public-domain"
    """PDM and PD-* templates: no licence at all, a status claim."""
    UNKNOWN = "unknown"
    """The :func:`parse` result for text it cannot resolve."""


@attrs.frozen(kw_only=True)
class Source:
    """A published text that backs a rule.

    Attributes:
        key: Short stable key, e.g. ``"cc-by-sa-4.0-legalcode"``.
        title: Human title of the text.
        url: Where it is published.
        clause: The clause relied on, e.g. ``"§3(b)(1)"``.
    """

    key: str
    title: str
    url: str
    clause: str = ""


@attrs.frozen(kw_only=True)
class Compatibility:
    """A declared compatibility with a licence outside the licence's own family.

    Attributes:
        target: Licence id, e.g. ``"GPL-3.0-only"``.
        direction: ``"one-way"`` (adaptations may go to *target*) or
            ``"two-way"``.
        since: ISO date the declaration took effect, e.g. ``"2015-10-08"``;
            ``""`` when the declaring source gives no date.
        source: Key of the :class:`Source` that declares it.
    """

    target: str
    direction: str
    since: str
    source: str


@attrs.frozen(kw_only=True)
class AdaptationRule:
    """Which licences an *adaptation* of a work under this licence may carry.

    Attributes:
        mode: ``"any"`` (permissive or public domain: anything, keep notices),
            ``"same"`` (this licence only), ``"same-or-later"``,
            ``"same-elements"`` (any CC licence with the same elements, e.g.
            2.0 England & Wales), ``"none"`` (ND: adaptations may not be
            shared), ``"copyleft"`` (non-CC copyleft: the listed targets) or
            ``"listed"`` (BY-NC: any of the listed NC licences). Only ``"any"``
            and ``"none"`` leave *targets* empty; every other mode lists them.
        targets: Explicit, precomputed licence ids allowed for the adaptation
            (the same licence, later versions, ports, declared-compatible).
            Empty for ``"any"`` (everything is allowed) and ``"none"``.
        compatible: Declared non-CC compatibilities.
        conditional: Targets whose status is an open question; a checker
            answers "conditional" for them and cites *note*.
        excluded: Targets an adaptation may *not* carry although *mode*
            would otherwise admit them (Apache-2.0 material in a
            GPL-2.0-only work); *note* says why.
        note: Plain-words explanation, including why targets are conditional.
        sources: Keys of the :class:`Source` records backing the rule.
        citations: The same sources as full :class:`Source` records, each with
            the clause this rule relies on (e.g. ``§3(b)(1)``).
        target_set: *targets* as a frozenset, for fast membership tests
            (derived, not a constructor argument).
    """

    mode: str
    targets: tuple[str, ...]
    compatible: tuple[Compatibility, ...] = ()
    conditional: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    note: str = ""
    sources: tuple[str, ...] = ()
    citations: tuple[Source, ...] = ()
    target_set: frozenset[str] = attrs.field(init=False, repr=False, eq=False)

    @target_set.default
    def _target_set(self) -> frozenset[str]:
        return frozenset(self.targets)


@attrs.frozen(kw_only=True)
class License:
    """One licence, waiver or public-domain status in the knowledge base.

    Attributes:
        id: SPDX id, or ``"LicenseRef-wikireuse-<...>"`` where SPDX has none.
        name: Full name.
        family: ``"CC"``, ``"CC0"``, ``"PDM"``, ``"PD"``, ``"GFDL"``, ``"GPL"``,
            ``"LGPL"``, ``"AGPL"``, ``"FAL"``, ``"ODbL"``, ``"MIT"``,
            ``"BSD"``, ``"Apache"``, ``"OGL"``, ...; ``"UNKNOWN"``.
        kind: See :class:`Kind`.
        version: ``"4.0"``, ``"1.3"`` or ``None``.
        port: Jurisdiction code of a ported licence (``"de"``, ``"uk"`` for
            England & Wales, ``"igo"``); ``None`` for unported/international.
        elements: CC elements; copyleft licences {BY, SA}; permissive {BY};
            CC0 and public domain: empty.
        or_later: True for "-or-later" grants (GPL-2.0-or-later, ...).
        adaptation: The :class:`AdaptationRule`.
        drm: ``"forbidden"`` (no effective technological measures that
            restrict recipients), ``"parallel-distribution"`` (allowed if an
            unrestricted copy is also provided) or ``"none"``.
        no_additional_restrictions: The licence forbids adding terms or
            measures that restrict the recipients' exercise of its rights.
        attribution: Required credit elements, e.g. ``"creator"``,
            ``"title"``, ``"copyright-notice"``, ``"license-notice"``,
            ``"disclaimer-notice"``, ``"uri"``, ``"license-uri"``,
            ``"indicate-changes"``, ``"keep-change-notes"``.
        private_adaptation_ok: Adaptations may be made (not shared), as under
            the 4.0 ND licences.
        legal_code_url: URL of the legal text.
        deed_url: URL of the human-readable summary, if any.
        commons_templates: Wikimedia Commons licence template names.
        commons_categories: Commons categories the templates populate.
        extmetadata_names: ``LicenseShortName`` / ``License`` values seen in
            the MediaWiki ``extmetadata``, e.g. ``"CC BY-SA 4.0"``.
        aliases: Free-text spellings.
        urls: Every URL form that identifies the licence.
        deprecated: The identifier is deprecated (SPDX) or superseded.
        sources: The :class:`Source` records this record relies on.
        notes: Plain-words notes (jurisdiction, caveats).
        spdx: True when *id* is on the SPDX licence list.
        wikidata: Wikidata item of the licence (``"Q18199165"``), if recorded.
        drm_note: The technological-measures clause in plain words.
    """

    id: str
    name: str
    family: str
    kind: Kind
    version: str | None
    port: str | None
    elements: frozenset[Element]
    or_later: bool = False
    adaptation: AdaptationRule
    drm: str
    no_additional_restrictions: bool
    attribution: tuple[str, ...]
    private_adaptation_ok: bool
    legal_code_url: str
    deed_url: str = ""
    commons_templates: tuple[str, ...] = ()
    commons_categories: tuple[str, ...] = ()
    extmetadata_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    deprecated: bool = False
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    spdx: bool = False
    wikidata: str = ""
    drm_note: str = ""

    def __repr__(self) -> str:
        # The full record is long (hundreds of target ids); the id names it.
        return f"License(id={self.id!r})"

    @property
    def is_unknown(self) -> bool:
        """True for the explicit unknown record."""
        return self.kind is Kind.UNKNOWN


@attrs.frozen(kw_only=True)
class LicenseRef:
    """A leaf of a licence expression: a known licence or an explicit unknown.

    Attributes:
        license: The record; for unresolved input a record of kind
            :attr:`Kind.UNKNOWN` with id ``"LicenseRef-wikireuse-unknown"``.
        text: The input text it came from.
        exception: SPDX ``WITH`` exception id, if any.
        migration: For a GFDL Commons tag, the ``migration=`` value it carried
            (``"relicense"``, ``"redundant"``, ``"not-eligible"``,
            ``"opt-out"``, ``"needs-review"``, ``""``); ``None`` if none.
    """

    license: License
    text: str
    exception: str | None = None
    migration: str | None = None


@attrs.frozen(kw_only=True)
class AnyOf:
    """OR: the reuser may choose any one option (multi-licensing)."""

    options: tuple[Expr, ...]


@attrs.frozen(kw_only=True)
class AllOf:
    """AND: every part applies at once."""

    parts: tuple[Expr, ...]


Expr: TypeAlias = LicenseRef | AnyOf | AllOf
"""A parsed licence expression."""


def leaves(expr: Expr) -> tuple[LicenseRef, ...]:
    """The leaves of *expr*, left to right.

    >>> from wikireuse.licenses import parse
    >>> expr = parse("MIT OR (CC0-1.0 AND GPL-3.0-only)")
    >>> [leaf.license.id for leaf in leaves(expr)]
    ['MIT', 'CC0-1.0', 'GPL-3.0-only']
    """
    found: list[LicenseRef] = []
    # Iterative, right to left on a stack: no recursion limit on deep trees.
    stack: list[Expr] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, LicenseRef):
            found.append(node)
        else:
            stack.extend(
                reversed(node.options if isinstance(node, AnyOf) else node.parts)
            )
    return tuple(found)


def render(expr: Expr) -> str:
    """Canonical text of an expression: ids, ``OR``/``AND``, parentheses.

    Operands are sorted, so the order they were written in does not matter.
    Unknown leaves render as their input text, so two different unknowns
    stay different.

    >>> from wikireuse.licenses import parse
    >>> render(parse("MIT OR (GPL-3.0-only AND CC0-1.0)"))
    '(CC0-1.0 AND GPL-3.0-only) OR MIT'
    """
    if isinstance(expr, LicenseRef):
        name = expr.text.strip() if expr.license.is_unknown else expr.license.id
        return f"{name} WITH {expr.exception}" if expr.exception else name
    if isinstance(expr, AnyOf):
        parts, joiner = expr.options, " OR "
    else:
        parts, joiner = expr.parts, " AND "
    return joiner.join(sorted(bracket(render(p)) for p in parts))


def bracket(text: str) -> str:
    """Rendered expression text, in parentheses when it has an operator.

    >>> bracket("MIT"), bracket("MIT OR 0BSD")
    ('MIT', '(MIT OR 0BSD)')
    """
    return f"({text})" if " OR " in text or " AND " in text else text

"""Result types of the compatibility checker and their renderers.

A :class:`Verdict` is a *result*, never an error: an unknown licence gives
``status == Status.UNKNOWN``. Every verdict carries the obligations that the
reuse triggers, the reasons (each with the clause or published page that
decides it), the OR branches chosen and the assumptions the answer rests on.

JSON field reference (:meth:`Verdict.to_dict`, schema ``wikireuse.verdict/1``;
field names are stable, new fields may be added, none will be renamed):

``schema``
    Always ``"wikireuse.verdict/1"``.
``status``
    ``"compatible"`` | ``"incompatible"`` | ``"conditional"`` | ``"unknown"``.
``exit_code``
    The CLI exit code for *status*: 0, 1, 2 or 3.
``use``
    ``"verbatim"`` | ``"collect"`` | ``"adapt"`` (after mapping
    ``format-convert`` → verbatim and ``synch`` → adapt).
``sources``
    The source licence expressions, canonical (sorted) order.
``target``
    The target licence expression.
``context``
    Object: ``commercial`` (true/false/null: not stated), ``shared``,
    ``drm`` (booleans), ``odbl_work``,
    ``gfdl_migration_eligible`` (true/false/null), ``jurisdiction``
    (string or null), ``quotation`` (boolean).
``choices``
    List of ``{"role": "source"|"target", "expression", "chosen", "why"}``:
    the OR branch picked for each multi-licensed input, and why that one.
``conditions``
    List of strings: what must hold for a ``conditional`` answer to become
    ``compatible``.
``obligations``
    List of ``{"kind", "license", "text", "source"}``; *source* is the key of
    the published text that imposes it.
``reasons``
    List of ``{"text", "license", "source_key", "clause", "url"}``.
``assumptions``
    List of strings: what the answer assumed (use mode, jurisdiction, ...).
"""

from __future__ import annotations

import html
import json
from typing import Any

import attrs

from wikireuse.licenses._model import StrEnum, bracket

__all__ = [
    "Choice",
    "Context",
    "Obligation",
    "OutboundOption",
    "Reason",
    "Status",
    "Use",
    "Verdict",
]

SCHEMA = "wikireuse.verdict/1"


class Status(StrEnum):
    """The tri-state answer plus *unknown*; prints as its value.

    >>> Status.CONDITIONAL.exit_code
    2
    >>> print(Status.COMPATIBLE)
    compatible
    """

    COMPATIBLE = "compatible"
    INCOMPATIBLE = "incompatible"
    CONDITIONAL = "conditional"
    UNKNOWN = "unknown"

    @property
    def exit_code(self) -> int:
        """The ``wikireuse license check`` exit code for this status."""
        return _EXIT[self]

    @property
    def flict(self) -> str:
        """The flict/OSADL compatibility word: Yes, No, Check or Unknown."""
        return _FLICT[self]


_EXIT = {
    Status.COMPATIBLE: 0,
    Status.INCOMPATIBLE: 1,
    Status.CONDITIONAL: 2,
    Status.UNKNOWN: 3,
}
_FLICT = {
    Status.COMPATIBLE: "Yes",
    Status.INCOMPATIBLE: "No",
    Status.CONDITIONAL: "Check",
    Status.UNKNOWN: "Unknown",
}


class Use(StrEnum):
    """How the sources are reused.

    ``VERBATIM``: unchanged copies (format conversion included);
    ``COLLECT``: unchanged items among separate, independent works;
    ``ADAPT``: translated, altered, remixed, cropped or synched material.
    """

    VERBATIM = "verbatim"
    COLLECT = "collect"
    ADAPT = "adapt"


@attrs.frozen(kw_only=True, cache_hash=True)
class Obligation:
    """Something the reuser must do (or must not do).

    Attributes:
        kind: Machine-readable kind, e.g. ``"attribute-tasl"``,
            ``"indicate-changes"``, ``"keep-legal-notices"``,
            ``"license-adaptation-under"``, ``"no-drm"``,
            ``"no-additional-restrictions"``, ``"non-commercial-only"``,
            ``"share-source"``, ``"keep-item-license"``.
        license_id: The licence that imposes it.
        text: Plain-words instruction.
        source: Key of the published text that imposes it.
    """

    kind: str
    license_id: str
    text: str
    source: str = ""

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form (see the module docstring)."""
        return {
            "kind": self.kind,
            "license": self.license_id,
            "text": self.text,
            "source": self.source,
        }


@attrs.frozen(kw_only=True, cache_hash=True)
class Reason:
    """Why the answer is what it is, with the clause or page that decides it.

    Attributes:
        text: Plain-words explanation.
        license_id: The licence the reason is about ("" when general).
        source_key: Key of the published text relied on.
        clause: The clause, e.g. ``"§4(b)"``.
        url: Where the text is published.
    """

    text: str
    license_id: str = ""
    source_key: str = ""
    clause: str = ""
    url: str = ""

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form (see the module docstring)."""
        return {
            "text": self.text,
            "license": self.license_id,
            "source_key": self.source_key,
            "clause": self.clause,
            "url": self.url,
        }


# Duplicates note: Choice has Reason's shape (four strings and their JSON
# keys); each documents its own schema, which a shared base would hide.
@attrs.frozen(kw_only=True, cache_hash=True)
class Choice:
    """The branch picked from a multi-licensed (OR) input.

    Attributes:
        role: ``"source"`` or ``"target"``.
        expression: The whole OR expression.
        chosen: The branch the answer relies on.
        why: Why this branch: the only one that works, the target licence
            itself, the newest version of the same licence, or the fewest
            obligations.
    """

    role: str
    expression: str
    chosen: str
    why: str = ""

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form (see the module docstring)."""
        return {
            "role": self.role,
            "expression": self.expression,
            "chosen": self.chosen,
            "why": self.why,
        }


@attrs.frozen(kw_only=True, cache_hash=True)
class Context:
    """The facts about the reuse that change the answer (see ``check()``)."""

    commercial: bool | None = None
    shared: bool = True
    drm: bool = False
    odbl_work: str = "produced-work"
    gfdl_migration_eligible: bool | None = None
    jurisdiction: str | None = None
    quotation: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (see the module docstring)."""
        return {
            "commercial": self.commercial,
            "shared": self.shared,
            "drm": self.drm,
            "odbl_work": self.odbl_work,
            "gfdl_migration_eligible": self.gfdl_migration_eligible,
            "jurisdiction": self.jurisdiction,
            "quotation": self.quotation,
        }


@attrs.frozen(kw_only=True)
class Verdict:
    """The answer of :func:`wikireuse.licenses.check`.

    Attributes:
        status: The answer.
        use: The use mode the answer is for.
        sources: Source expressions in canonical (sorted) order.
        target: Target expression.
        context: The context the answer is for.
        obligations: What the reuser must do, deduplicated and sorted.
        reasons: Why, with the deciding clause or page.
        choices: OR branches chosen.
        conditions: What must hold for a conditional answer.
        assumptions: What the answer assumed.
    """

    status: Status
    use: Use
    sources: tuple[str, ...]
    target: str
    context: Context = attrs.field(factory=Context)
    obligations: tuple[Obligation, ...] = ()
    reasons: tuple[Reason, ...] = ()
    choices: tuple[Choice, ...] = ()
    conditions: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        """The CLI exit code: 0 compatible, 1 incompatible, 2 conditional, 3 unknown."""
        return self.status.exit_code

    @property
    def ok(self) -> bool:
        """True only for :attr:`Status.COMPATIBLE`."""
        return self.status is Status.COMPATIBLE

    def explain(self) -> str:
        """A short human-readable account of the verdict.

        Returns:
            Several lines: the answer, then why, conditions, choices,
            obligations and assumptions.

        >>> from wikireuse.licenses import check
        >>> print(check("CC-BY-4.0", "CC-BY-SA-4.0").explain().splitlines()[0])
        COMPATIBLE: adapt CC-BY-4.0 into CC-BY-SA-4.0
        """
        lines = [self._headline()]
        for title, items in self._sections():
            lines.append(f"{title}:")
            lines.extend(f"  - {item}" for item in items)
        return "\n".join(lines)

    def _headline(self) -> str:
        srcs = " + ".join(self.sources) or "(nothing)"
        return (
            f"{self.status.value.upper()}: {self.use.value} {srcs} into {self.target}"
        )

    def _sections(self) -> list[tuple[str, list[str]]]:
        """The non-empty parts of :meth:`explain`: title and items."""
        sections = (
            ("Why", [_cite(r) for r in self.reasons]),
            ("Only if", list(self.conditions)),
            (
                "Chosen",
                [
                    f"{c.role} {c.expression}: use {c.chosen}"
                    + (f" ({c.why})" if c.why else "")
                    for c in self.choices
                ],
            ),
            (
                "You must",
                [f"[{o.kind}] {o.text} ({o.license_id})" for o in self.obligations],
            ),
            ("Assumed", list(self.assumptions)),
        )
        return [(title, items) for title, items in sections if items]

    def _repr_html_(self) -> str:
        """The verdict as HTML for notebooks, built from escaped parts only.

        Every text (licence names come from untrusted input) is escaped; the
        only markup is the fixed structure written here.

        >>> from wikireuse.licenses import check
        >>> check("<b>x</b>", "CC-BY-SA-4.0")._repr_html_().count("<b>")
        0
        """
        e = html.escape
        parts = ['<div class="wikireuse-verdict">', f"<p>{e(self._headline())}</p>"]
        for title, items in self._sections():
            parts.append(f"<p>{e(title)}:</p><ul>")
            parts.extend(f"<li>{e(item)}</li>" for item in items)
            parts.append("</ul>")
        parts.append("</div>")
        return "".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The verdict as plain JSON-ready data (fields: module docstring)."""
        return {
            "schema": SCHEMA,
            "status": self.status.value,
            "exit_code": self.exit_code,
            "use": self.use.value,
            "sources": list(self.sources),
            "target": self.target,
            "context": self.context.to_dict(),
            "choices": [c.to_dict() for c in self.choices],
            "conditions": list(self.conditions),
            "obligations": [o.to_dict() for o in self.obligations],
            "reasons": [r.to_dict() for r in self.reasons],
            "assumptions": list(self.assumptions),
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` serialised as JSON (keys in a stable order)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_flict(self) -> dict[str, Any]:
        """The verdict shaped like the output of ``flict verify``.

        The top level mirrors flict 1.3's ``verify -il INBOUND -ol OUTBOUND``
        JSON (``original_outbound``, ``outbound``, ``inbound``,
        ``original_inbound``, ``result`` with ``outbound_licenses``,
        ``allowed_outbound_licenses``, ``outbound_license``, ``problems``),
        so tools that read flict can read it. flict lists the outbound
        licence only when it is allowed; a ``conditional`` or ``unknown``
        verdict therefore lists none and explains itself in ``problems``.
        Two additions keep the tri-state: ``result.compatibility`` (``Yes``,
        ``No``, ``Check``, ``Unknown``) and ``wikireuse`` (:meth:`to_dict`).
        """
        inbound = " AND ".join(bracket(s) for s in self.sources)
        chosen = self.target
        for c in self.choices:
            if c.role == "target":
                chosen = c.chosen
        allowed = [chosen] if self.status is Status.COMPATIBLE else []
        problems: list[str] = []
        if self.status is Status.CONDITIONAL:
            problems.append(
                f"Manually check license compatibility between outbound "
                f"'{self.target}' and inbound '{inbound}'"
            )
            problems.extend(self.conditions)
        elif self.status is Status.UNKNOWN:
            problems.append(
                f"Unknown license compatibility between outbound "
                f"'{self.target}' and inbound '{inbound}'"
            )
        if self.status is not Status.COMPATIBLE:
            problems.extend(r.text for r in self.reasons)
        return {
            "original_outbound": self.target,
            "outbound": self.target,
            "inbound": inbound,
            "original_inbound": inbound,
            "result": {
                "outbound_licenses": list(allowed),
                "allowed_outbound_licenses": list(allowed),
                "outbound_license": allowed[0] if allowed else "",
                "problems": problems,
                "compatibility": self.status.flict,
            },
            "wikireuse": self.to_dict(),
        }


@attrs.frozen(kw_only=True)
class OutboundOption:
    """One licence a combined or adapted work may carry (see ``outbound()``).

    Attributes:
        license_id: The candidate licence.
        name: Its full name.
        status: ``compatible`` or ``conditional``.
        verdict: The full verdict for this candidate.
    """

    license_id: str
    name: str
    status: Status
    verdict: Verdict

    @property
    def obligations(self) -> tuple[Obligation, ...]:
        """The obligations that choosing this licence brings."""
        return self.verdict.obligations

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``license``, ``name``, ``status``, ``verdict``."""
        return {
            "license": self.license_id,
            "name": self.name,
            "status": self.status.value,
            "verdict": self.verdict.to_dict(),
        }


def _cite(reason: Reason) -> str:
    where = " ".join(p for p in (reason.source_key, reason.clause) if p)
    return f"{reason.text} [{where}]" if where else reason.text

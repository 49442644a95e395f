"""Plain-words description of a licence record (or of parsed licence text)."""

from __future__ import annotations

from wikireuse.licenses import _kb
from wikireuse.licenses._limits import refuse
from wikireuse.licenses._model import (
    AnyOf,
    Element,
    Expr,
    Kind,
    License,
    LicenseRef,
    Source,
)
from wikireuse.licenses._parse import parse

__all__ = ["explain"]

_ELEMENT_WORDS = {
    Element.BY: "BY (credit the author)",
    Element.SA: "SA (adaptations under the same or a compatible licence)",
    Element.NC: "NC (no commercial use)",
    Element.ND: "ND (no shared adaptations)",
}
_KIND_WORDS = {
    Kind.LICENSE: "a copyright licence",
    Kind.WAIVER: "a waiver: the rights are given up (mark it 'with', not "
    "'licensed under')",
    Kind.PUBLIC_DOMAIN: "a public-domain status claim, not a licence",
    Kind.UNKNOWN: "an unknown licence",
}
_MODE_WORDS = {
    "any": "may be licensed under any licence (keep the required notices)",
    "same": "may only be licensed under this same licence",
    "same-or-later": "may be licensed under this licence, a later version or a "
    "declared-compatible licence",
    "same-elements": "may be licensed under any Creative Commons licence with the "
    "same elements",
    "none": "may not be shared",
    "copyleft": "must stay under this licence or one it lists",
    "listed": "may be licensed under one of the listed licences",
}
_ATTRIBUTION_WORDS = {
    "creator": "the creator's name (as the licensor asks)",
    "title": "the title, if supplied",
    "uri": "the URI/link to the material",
    "copyright-notice": "the copyright notice",
    "license-notice": "the notice referring to the licence",
    "disclaimer-notice": "the notice referring to the disclaimer",
    "license-uri": "the licence's URI or text",
    "license-text": "the licence text",
    "credit-in-adaptation": "for an adaptation, a credit naming the use of the "
    "work (e.g. 'French translation of X by Y')",
    "indicate-changes": "an indication of changes",
    "keep-change-notes": "earlier change indications kept",
    "history-section": "the History section kept and extended",
    "title-page-credit": "authors credited on the title page",
    "keep-invariant-sections": "invariant sections kept",
    "source-code": "the corresponding source offered",
    "notice-file": "the NOTICE file kept",
    "no-endorsement": "no endorsement implied by contributors' names",
    "produced-work-notice": "a notice on produced works",
    "date": "the date of the last update",
}
_MAX_LISTED = 12


def _ids(ids: tuple[str, ...]) -> str:
    if len(ids) <= _MAX_LISTED:
        return ", ".join(ids)
    shown = ", ".join(ids[:_MAX_LISTED])
    return f"{len(ids)} licences: {shown}, …"


def _cite(source: Source) -> str:
    clause = f", {source.clause}" if source.clause else ""
    return f"{source.title}{clause} <{source.url}>"


def _first(lic: License, key: str) -> str:
    for source in lic.sources:
        if source.key == key:
            return _cite(source)
    known = _kb.current().sources.get(key)
    return _cite(known) if known else key


def _record_text(lic: License, text: str | None = None) -> str:
    lines = [f"{lic.id} — {lic.name}"]
    if lic.kind is Kind.UNKNOWN:
        if text is not None:
            lines.append(f"Input: {text!r}")
            close = _kb.current().suggest(text)
            if close:
                lines.append(f"Did you mean: {', '.join(close)}?")
        lines.extend(f"Note: {note}" for note in lic.notes)
        lines.append(f"Adaptations: {lic.adaptation.note}")
        return "\n".join(lines)
    where = f", {lic.port} port" if lic.port else ""
    version = f", version {lic.version}" if lic.version else ""
    later = " or any later version" if lic.or_later else ""
    lines.append(
        f"What it is: {_KIND_WORDS[lic.kind]} (family {lic.family}{version}{later}"
        f"{where})."
    )
    if lic.elements:
        order = (Element.BY, Element.NC, Element.SA, Element.ND)
        words = [_ELEMENT_WORDS[e] for e in order if e in lic.elements]
        lines.append("Elements: " + "; ".join(words) + ".")
    rule = lic.adaptation
    lines.append(f"Adaptations: {_MODE_WORDS.get(rule.mode, rule.mode)}.")
    if rule.targets:
        lines.append(f"  Allowed adapter's licences: {_ids(rule.targets)}.")
    for comp in rule.compatible:
        since = f", since {comp.since}" if comp.since else ""
        lines.append(
            f"  Declared compatible: {comp.target} ({comp.direction}{since}; "
            f"{_first(lic, comp.source)})."
        )
    if rule.conditional:
        lines.append(f"  Conditional (see why): {_ids(rule.conditional)}.")
    if rule.excluded:
        lines.append(f"  Not allowed: {_ids(rule.excluded)}.")
    if rule.note:
        lines.append(f"  Why: {rule.note}")
    for source in rule.citations:
        lines.append(f"  Source: {_cite(source)}")
    if lic.private_adaptation_ok:
        lines.append("  Private adaptations (not shared) are allowed.")
    drm = {
        "forbidden": "forbidden",
        "parallel-distribution": "allowed only alongside an unrestricted copy",
        "none": "not restricted by this licence",
    }.get(lic.drm, lic.drm)
    lines.append(
        f"Technological measures (DRM): {drm}."
        + (f" {lic.drm_note}" if lic.drm_note else "")
    )
    if lic.no_additional_restrictions:
        lines.append("No additional terms that restrict recipients may be imposed.")
    if lic.attribution:
        duties = [_ATTRIBUTION_WORDS.get(a, a) for a in lic.attribution]
        lines.append("Attribution: " + "; ".join(duties) + ".")
    elif lic.kind is Kind.PUBLIC_DOMAIN:
        lines.append("Attribution: not legally required, but recommended.")
    if lic.legal_code_url:
        lines.append(f"Legal code: {lic.legal_code_url}")
    if lic.deed_url and lic.deed_url != lic.legal_code_url:
        lines.append(f"Deed: {lic.deed_url}")
    if lic.commons_templates:
        lines.append("Commons templates: " + ", ".join(lic.commons_templates))
    lines.extend(f"Note: {note}" for note in lic.notes)
    cited = set(rule.citations)
    for source in lic.sources:
        if source not in cited:
            lines.append(f"Source: {_cite(source)}")
    return "\n".join(lines)


def _expr_text(expr: Expr, depth: int = 0) -> str:
    pad = "  " * depth
    if isinstance(expr, LicenseRef):
        body = _record_text(expr.license, expr.text)
        if expr.exception:
            body += f"\nException (WITH): {expr.exception}"
        return "\n".join(pad + line for line in body.splitlines())
    if isinstance(expr, AnyOf):
        head, children = "Any one of (the reuser chooses):", expr.options
    else:
        head, children = "All of (every licence applies):", expr.parts
    parts = [pad + head] + [_expr_text(child, depth + 1) for child in children]
    return "\n".join(parts)


def explain(id_or_text: str) -> str:
    """Describe a licence in plain words: what it is, adaptations, DRM, credit.

    Args:
        id_or_text: A knowledge-base id, or any text :func:`parse` accepts.

    Returns:
        A multi-line description, citing the clause behind each rule. Unknown
        text is described as unknown, with the reason and the closest known
        names.

    Raises:
        LicenseInputError: *id_or_text* is not a string or is beyond the
            input limits (see :func:`parse`).

    >>> print(explain("CC-BY-SA-4.0").splitlines()[0])
    CC-BY-SA-4.0 — Creative Commons Attribution-ShareAlike 4.0 International
    """
    if not isinstance(id_or_text, str):
        raise refuse("id_or_text", id_or_text, "explain() needs licence text (str)")
    kb = _kb.current()
    lic = kb.by_id.get(id_or_text)
    if lic is not None:
        return _record_text(lic)
    return _expr_text(parse(id_or_text))

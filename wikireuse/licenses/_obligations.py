"""What a licence asks of anyone who shares its material (the obligations)."""

from __future__ import annotations

from wikireuse.licenses._cite import find_topic, source_key
from wikireuse.licenses._model import Element, License
from wikireuse.licenses._verdict import Obligation, Use

__all__ = [
    "adapt_obligations",
    "clear_memo",
    "duty",
    "needs_credit",
    "obligations_of",
]

# Attribution requirements that are duties of their own, not items to credit
# ("credit-in-adaptation" is added back when adapting).
_CREDIT_SKIP = frozenset(
    {
        "indicate-changes",
        "keep-change-notes",
        "credit-in-adaptation",
        "license-text",
        "source-code",
        "history-section",
        "keep-invariant-sections",
        "produced-work-notice",
    }
)


def duty(lic: License, kind: str, text: str) -> Obligation:
    """An obligation that *lic* imposes, citing the record's main source."""
    return Obligation(kind=kind, license_id=lic.id, text=text, source=source_key(lic))


def needs_credit(src: License) -> bool:
    """*src* requires credit: it lists attribution duties or has the BY element."""
    return bool(src.attribution) or Element.BY in src.elements


_obligation_memo: dict[tuple[str, Use], tuple[License, tuple[Obligation, ...]]] = {}


def obligations_of(src: License, use: Use) -> tuple[Obligation, ...]:
    """What *src* asks of anyone who shares its material in *use* (memoised)."""
    hit = _obligation_memo.get((src.id, use))
    if hit is not None and hit[0] is src:
        return hit[1]
    found = _licence_obligations(src, use)
    _obligation_memo[(src.id, use)] = (src, found)
    return found


def clear_memo() -> None:
    """Forget every memoised list of obligations."""
    _obligation_memo.clear()


# Duties that follow from one attribution requirement of the record:
# (requirement, only when adapting, obligation kind, text; {id} is the licence).
_SIMPLE_DUTIES: tuple[tuple[str, bool, str, str], ...] = (
    (
        "history-section",
        True,
        "indicate-changes",
        "Keep the History section and add an entry for your version",
    ),
    (
        "keep-invariant-sections",
        False,
        "keep-notices",
        "Keep any Invariant Sections and cover texts unaltered",
    ),
    (
        "license-text",
        False,
        "include-license-text",
        "Include the full text of {id} with the copies",
    ),
    (
        "source-code",
        False,
        "share-source",
        "Offer the corresponding source (the preferred form for modification) "
        "under the same licence when distributing other forms",
    ),
)
_NO_DRM = (
    "Do not apply DRM or other technological measures that restrict "
    "recipients' rights to this material"
)
_NO_TERMS = (
    "Do not impose additional terms that restrict recipients' exercise of the licence"
)
_NC_ONLY = "Use and share the material for non-commercial purposes only"


def _licence_obligations(src: License, use: Use) -> tuple[Obligation, ...]:
    req = set(src.attribution)
    adapt = use is Use.ADAPT
    out: list[Obligation] = []
    if needs_credit(src):
        out.append(_credit(src, adapt and "credit-in-adaptation" in req))
    # (kind, text) of the duties that cite the record's main source.
    duties: list[tuple[str, str]] = []
    if adapt and "indicate-changes" in req:
        keep = " and keep earlier change notes" if "keep-change-notes" in req else ""
        duties.append(
            ("indicate-changes", f"Indicate that you changed the material{keep}")
        )
    for requirement, adapt_only, kind, text in _SIMPLE_DUTIES:
        if requirement in req and (adapt or not adapt_only):
            duties.append((kind, text.format(id=src.id)))
    if src.drm == "forbidden":
        duties.append(("no-drm", _NO_DRM))
    if src.no_additional_restrictions:
        duties.append(("no-additional-restrictions", _NO_TERMS))
    if Element.NC in src.elements:
        duties.append(("non-commercial-only", _NC_ONLY))
    for kind, text in duties:
        out.append(duty(src, kind, text))
    return tuple(out)


def _credit(src: License, in_adaptation: bool) -> Obligation:
    """The attribution duty: what to credit, citing the attribution clause."""
    credit = [a for a in src.attribution if a not in _CREDIT_SKIP]
    if in_adaptation:
        credit.append("credit-in-adaptation")
    where = find_topic(src, "attribution")
    clause = f" ({where.clause.removeprefix('attribution ')})" if where else ""
    if src.family in ("CC", "FAL", "Attribution"):
        kind, text = "attribute-tasl", "Credit title, author, source and licence"
    else:
        kind, text = "keep-legal-notices", "Keep the copyright and licence notices"
    return Obligation(
        kind=kind,
        license_id=src.id,
        text=text + (f": {', '.join(credit)}" if credit else "") + clause,
        source=where.key if where else source_key(src),
    )


def adapt_obligations(src: License, tgt: License) -> tuple[Obligation, ...]:
    """What adapting *src* into a work under *tgt* asks, licensing duty included."""
    own = obligations_of(src, Use.ADAPT)
    if src.adaptation.mode == "any":
        return own
    return (
        *own,
        duty(
            src,
            "license-adaptation-under",
            f"License the adaptation under {tgt.id}",
        ),
    )

"""One source licence against one target licence: the licence rules applied.

Each answer is a partial :class:`~wikireuse.licenses._combine.Out`; the
checker combines them along the parsed expressions. Answers are memoised per
licence pair, use mode and context.
"""

from __future__ import annotations

from wikireuse.licenses._cite import REFS, reason, reason_from
from wikireuse.licenses._combine import OK, Out, conjoin, version_key
from wikireuse.licenses._kb import current
from wikireuse.licenses._model import Element, Kind, License
from wikireuse.licenses._obligations import (
    adapt_obligations,
    duty,
    needs_credit,
    obligations_of,
)
from wikireuse.licenses._verdict import (
    Choice,
    Context,
    Obligation,
    Reason,
    Status,
    Use,
)

__all__ = ["PROPRIETARY", "check_pair", "clear_memo", "prohibitions"]

# Territories of public-domain statuses the knowledge base names by id (PD-EU:
# the 27 member states).
_EU = frozenset(
    {"at", "be", "bg", "cy", "cz", "de", "dk", "ee", "es", "fi", "fr", "gr", "hr",
     "hu", "ie", "it", "lt", "lu", "lv", "mt", "nl", "pl", "pt", "ro", "se", "si", "sk"}
)  # fmt: skip
_PD_PLACES = {
    "PD-US": frozenset({"us"}),
    "PD-USGov": frozenset({"us"}),
    "PD-1996": frozenset({"us"}),
    "PD-EU": _EU,
}

# Commons PD tags placed by the author carry a fallback licence for countries
# where a dedication to the public domain is not possible: "I grant anyone the
# right to use this work for any purpose, without any conditions, unless such
# conditions are required by law" ({{PD-self}}; {{PD-author}} and {{PD-user}}
# carry the same grant). Our summary of the grant, not the template's text.
_FALLBACK_GRANTS = {
    tag: "anyone may use the work for any purpose, without conditions beyond "
    "those the law requires"
    for tag in ("PD-self", "PD-author", "PD-user")
}

_PAIR_MEMO_MAX = 65536
_pair_memo: dict[tuple[str, str, Use, Context], tuple[License, License, Out]] = {}


def check_pair(src: License, tgt: License, use: Use, ctx: Context) -> Out:
    """One source licence against one target licence, memoised.

    The memo is keyed by the ids (hashing a whole record is slow) and only
    answers when it holds these very records, so a caller's own ``License``
    that reuses an id is never served another record's answer.
    """
    key = (src.id, tgt.id, use, ctx)
    hit = _pair_memo.get(key)
    if hit is not None and hit[0] is src and hit[1] is tgt:
        return hit[2]
    out = _decide(src, tgt, use, ctx)
    if len(_pair_memo) >= _PAIR_MEMO_MAX:
        _pair_memo.clear()
    _pair_memo[key] = (src, tgt, out)
    return out


def clear_memo() -> None:
    """Forget every memoised pair decision."""
    _pair_memo.clear()


def _because(
    status: Status,
    lic: License,
    text: str,
    *,
    key: str = "",
    topic: str = "",
    rule: bool = False,
    clause: str = "",
) -> Out:
    """An answer that rests on one reason about *lic* (cited as by ``reason()``)."""
    cited = reason(lic, text, key=key, topic=topic, rule=rule, clause=clause)
    return Out(status=status, reasons=(cited,))


PROPRIETARY = "PROPRIETARY"
"""Family of the closed target (``LicenseRef-wikireuse-proprietary``)."""

# Copyleft adaptation modes: the adapter's licence is restricted.
_COPYLEFT_MODES = frozenset({"same", "same-or-later", "same-elements", "copyleft"})


def prohibitions(src: License, use: Use, ctx: Context) -> tuple[Out, ...]:
    """What *src* alone forbids for this use and context, whatever the target.

    Decided before the target is looked at, so an unknown or closed target
    cannot hide them: all rights reserved, NonCommercial with a commercial
    use, technological measures where the licence forbids them, and
    NoDerivatives with an adaptation.
    """
    if (
        not ctx.drm
        and ctx.commercial is not True
        and (use is not Use.ADAPT or src.adaptation.mode != "none")
        and src.family != PROPRIETARY
    ):
        return ()  # the common case, tested first: nothing to forbid
    found: list[Out] = []
    if src.family == PROPRIETARY:
        found.append(
            _because(
                Status.INCOMPATIBLE,
                src,
                f"{src.id}: all rights reserved — no licence permits copying, "
                "sharing or adapting the material; only the rightsholder's "
                "permission (or a copyright exception) does",
                rule=True,
            )
        )
        return tuple(found)
    if Element.NC in src.elements and ctx.commercial is True:
        found.append(
            _because(
                Status.INCOMPATIBLE,
                src,
                f"{src.id} permits only non-commercial use; the reuse is commercial",
                clause=_nc_clause(src),
            )
        )
    if ctx.drm and src.drm == "forbidden":
        found.append(_drm(src))
    if use is Use.ADAPT and src.adaptation.mode == "none":
        if ctx.shared:
            found.append(
                _because(
                    Status.INCOMPATIBLE,
                    src,
                    f"{src.id} (NoDerivatives) does not permit sharing adaptations",
                    rule=True,
                )
            )
        elif not src.private_adaptation_ok:
            found.append(_no_adaptations(src))
    return tuple(found)


def _nc_clause(src: License) -> str:
    return (
        "§1 'NonCommercial', §2(a)(1)"
        if src.version == "4.0"
        else "§4: the NonCommercial restriction"
    )


def _decide(src: License, tgt: License, use: Use, ctx: Context) -> Out:
    # Unknown targets never get here: the expression walk answers them.
    parts = list(prohibitions(src, use, ctx))
    if parts:
        # The source alone forbids this use: the target cannot change that,
        # so it is not looked at (nor its reasons built).
        return conjoin(parts)
    if Element.NC in src.elements and ctx.commercial is None:
        parts.append(_nc_unstated(src))
    if ctx.drm and src.drm == "parallel-distribution":
        parts.append(_drm(src))
    if src.kind in (Kind.WAIVER, Kind.PUBLIC_DOMAIN):
        main = _public_domain(src, ctx)
    elif use is Use.ADAPT:
        main = _adapt(src, tgt, ctx)
    else:
        main = _copy(src, tgt, use)
    if not parts:  # the common case: no blocker or condition to combine
        return main
    parts.append(main)
    return conjoin(parts)


def _nc_unstated(src: License) -> Out:
    """NC source, commercial use not stated: allowed only if non-commercial."""
    return Out(
        status=Status.CONDITIONAL,
        conditions=(
            f"the use is non-commercial: {src.id} permits only non-commercial "
            "use, and whether this use is commercial was not stated",
        ),
        reasons=(
            reason(
                src,
                f"{src.id} permits only non-commercial use; the answer holds only "
                "for a non-commercial use (commercial=None: not stated)",
                clause=_nc_clause(src),
            ),
        ),
        obligations=(
            duty(
                src,
                "non-commercial-only",
                "Use and share the material for non-commercial purposes only",
            ),
        ),
    )


def _drm(src: License) -> Out:
    """The answer for distribution with technological measures (``drm=True``)."""
    if src.drm == "forbidden":
        return _because(
            Status.INCOMPATIBLE,
            src,
            f"{src.id} forbids distributing the material with effective "
            "technological measures (DRM) that restrict recipients — also "
            "as part of a collection",
            topic="technological measures",
        )
    if src.drm == "parallel-distribution":
        return Out(
            status=Status.CONDITIONAL,
            conditions=(
                f"a copy of the {src.id} material without technical restrictions is "
                "offered alongside the DRM-protected one",
            ),
            obligations=(
                duty(
                    src,
                    "drm-free-copy",
                    "Also offer the material without technological measures",
                ),
            ),
            reasons=(
                reason(
                    src,
                    f"{src.id} allows technological measures only next to an "
                    "unrestricted copy",
                ),
            ),
        )
    return OK


def _public_domain(src: License, ctx: Context) -> Out:
    if src.kind is Kind.WAIVER:
        return Out(
            status=Status.COMPATIBLE,
            reasons=(
                reason(
                    src,
                    f"{src.id} waives copyright and related rights: any use, and any "
                    "licence for the new work",
                ),
            ),
            assumptions=(
                f"{src.id} does not clear third parties' rights; the material's "
                "provenance is taken as clean",
            ),
        )
    places = _pd_places(src)
    if places is None:
        return Out(
            status=Status.COMPATIBLE,
            reasons=(
                reason(
                    src,
                    f"{src.id} marks the material as free of known copyright "
                    "restrictions: no licence conditions apply",
                ),
            ),
            assumptions=(
                f"the public-domain status claimed by {src.id} is accurate (a mark "
                "is a statement of fact, not a legal instrument)",
            ),
        )
    grant = _FALLBACK_GRANTS.get(src.id.removeprefix("LicenseRef-wikireuse-"))
    if grant is not None:
        # Where the dedication fails, the template's own licence takes over.
        return Out(
            status=Status.COMPATIBLE,
            reasons=(
                reason(
                    src,
                    f"{src.id}: where a public-domain dedication is not legally "
                    f"possible, the tag's fallback grant applies ({grant}), so the "
                    "use is allowed in every jurisdiction",
                    key="COM-PD",
                    clause=f"{{{{{src.id.removeprefix('LicenseRef-wikireuse-')}}}}} "
                    "fallback grant",
                ),
            ),
            assumptions=(f"the {src.id} tag was placed by the rightsholder",),
        )
    if ctx.jurisdiction is not None and ctx.jurisdiction in places:
        return Out(
            status=Status.COMPATIBLE,
            reasons=(
                reason(
                    src,
                    f"{src.id}: public domain in {ctx.jurisdiction.upper()}, where "
                    "the reuse happens",
                ),
            ),
            assumptions=(f"the public-domain status claimed by {src.id} is accurate",),
        )
    where = (
        ", ".join(sorted(p.upper() for p in places))
        if places
        else "the countries its terms describe"
    )
    asked = ctx.jurisdiction.upper() if ctx.jurisdiction else "an unstated country"
    detail = f" ({src.notes[0]})" if src.notes else ""
    return Out(
        status=Status.CONDITIONAL,
        conditions=(
            f"the material is in the public domain where it is reused ({asked}); "
            f"{src.id} establishes it only for {where}{detail}",
        ),
        reasons=(
            reason(
                src,
                f"{src.id} is a public-domain status that depends on the "
                f"jurisdiction; it holds for {where}",
            ),
        ),
    )


def _pd_places(src: License) -> frozenset[str] | None:
    """Where a public-domain status holds; ``None`` for "everywhere claimed".

    The Public Domain Mark claims worldwide status; a Commons PD template
    holds for the territory it names (PD-US, PD-USGov, ...) and otherwise
    under term rules that differ by country, so it is never assumed to hold
    everywhere: an empty set means "no territory known for certain".
    """
    if src.family == "PDM":
        return None
    if src.port:
        return frozenset({src.port.lower()})
    tail = src.id.removeprefix("LicenseRef-wikireuse-")
    for prefix, places in _PD_PLACES.items():
        if tail == prefix or tail.startswith(prefix + "-"):
            return places
    return frozenset()


def _copy(src: License, tgt: License, use: Use) -> Out:
    """Verbatim copies and collections: the item keeps its own licence."""
    if use is Use.COLLECT:
        why = reason_from(
            REFS["CC-SAI"],
            f"{src.id}: an unmodified item in a collection keeps its own licence; "
            "ShareAlike/copyleft does not extend to the rest of the collection",
            src.id,
        )
    else:
        why = reason(src, f"{src.id} permits sharing unmodified copies")
    reasons = [why]
    if src.adaptation.mode == "none":
        reasons.append(
            reason(
                src,
                f"{src.id} (NoDerivatives) allows unmodified copies, also in a "
                "collection",
                key="CC-CHART",
            )
        )
    obligations = list(obligations_of(src, Use.VERBATIM))
    if tgt.id != src.id:
        obligations.append(
            duty(
                src,
                "keep-item-license",
                f"Keep this item under {src.id} and mark it so; {tgt.id} covers "
                "only your own contributions",
            )
        )
    if tgt.family != PROPRIETARY:
        return Out(
            status=Status.COMPATIBLE,
            reasons=tuple(reasons),
            obligations=tuple(obligations),
        )
    return _in_closed_product(src, tgt, reasons, obligations)


def _in_closed_product(
    src: License, tgt: License, reasons: list[Reason], obligations: list[Obligation]
) -> Out:
    """An unmodified item in a closed (proprietary) product or collection."""
    if src.no_additional_restrictions:
        obligations.append(
            duty(
                src,
                "no-additional-restrictions",
                f"The product's terms (EULA) and any technical measures must not "
                f"restrict what recipients may do with the {src.id} item",
            )
        )
    if src.adaptation.mode not in _COPYLEFT_MODES:
        return Out(
            status=Status.COMPATIBLE,
            reasons=(
                *reasons,
                reason(
                    src,
                    f"{src.id} permits redistributing unmodified copies in a closed "
                    "product, with its notices",
                    rule=True,
                ),
            ),
            obligations=tuple(obligations),
        )
    return Out(
        status=Status.CONDITIONAL,
        conditions=(
            f"the {src.id} item stays a separate, unmodified work under {src.id} "
            f"(marked, with its licence), not part of what {tgt.id} covers — a "
            "collection or mere aggregation, not an adaptation",
        ),
        reasons=(
            *reasons,
            reason(
                src,
                f"{src.id} is share-alike/copyleft: in a closed product it may only "
                "sit as a separate item that keeps its own licence",
                rule=True,
            ),
        ),
        obligations=tuple(obligations),
    )


def _adapt(src: License, tgt: License, ctx: Context) -> Out:
    if not ctx.shared:
        return _private(src, tgt)
    database = src.family == "ODbL" and src.adaptation.mode != "any"
    if database and ctx.odbl_work == "produced-work":
        return Out(
            status=Status.COMPATIBLE,
            reasons=(
                reason(
                    src,
                    f"{src.id}: a Produced Work may be licensed under any terms, "
                    "with a notice; share-alike binds only Derivative Databases",
                    key="OSMF-FAQ",
                ),
            ),
            obligations=(
                duty(
                    src,
                    "produced-work-notice",
                    "State that the work contains information from the "
                    f"database, made available under {src.id}",
                ),
            ),
            assumptions=(
                "treating the result as an ODbL Produced Work, not a Derivative "
                "Database",
            ),
        )
    out = _adapt_rule(src, tgt)
    if database:
        out = out._replace(
            assumptions=(
                *out.assumptions,
                "treating the result as an ODbL Derivative Database",
            ),
        )
    if src.family == "GFDL" and out.status is not Status.COMPATIBLE:
        out = _gfdl_migration(src, tgt, ctx, out)
    if out.status in (Status.COMPATIBLE, Status.CONDITIONAL) and not out.obligations:
        # Built directly: NamedTuple._replace is several times slower.
        out = Out(
            out.status,
            adapt_obligations(src, tgt),
            out.reasons,
            out.choices,
            out.conditions,
            out.assumptions,
        )
    return out


def _private(src: License, tgt: License) -> Out:
    if src.adaptation.mode == "none":
        if src.private_adaptation_ok:
            return Out(
                status=Status.COMPATIBLE,
                reasons=(
                    reason(
                        src,
                        f"{src.id} allows producing adapted material but not "
                        "sharing it",
                        rule=True,
                    ),
                ),
                obligations=(
                    duty(
                        src,
                        "do-not-share-adaptation",
                        "Keep the adaptation private: do not share it",
                    ),
                ),
                assumptions=("the adaptation is kept private, not shared",),
            )
        return _no_adaptations(src)
    return Out(
        status=Status.COMPATIBLE,
        reasons=(
            reason(
                src,
                f"{src.id}: its conditions on the adapter's licence apply only when "
                "an adaptation is shared",
                rule=True,
            ),
        ),
        obligations=(
            duty(
                src,
                "recheck-before-sharing",
                "Before sharing the adaptation, check it again with shared=True: "
                f"{src.id}'s conditions apply then",
            ),
        ),
        assumptions=(
            f"the adaptation is kept private, so {tgt.id} is not yet applied to it",
        ),
    )


def _no_adaptations(src: License) -> Out:
    return _because(
        Status.INCOMPATIBLE,
        src,
        f"{src.id} grants no right to make adaptations at all (pre-4.0 "
        "NoDerivatives), not even private ones",
        key="CC-CHART",
    )


_WHAT = {
    "same": "only the same licence",
    "same-or-later": "the same licence, a later version or a listed port",
    "same-elements": "a CC licence with the same elements",
    "copyleft": "the licences its copyleft clause names",
    "listed": "one of the licences its rule lists",
}


def _adapt_rule(src: License, tgt: License) -> Out:
    """Does *src*'s adapter's-licence rule admit *tgt* (shared adaptation)?"""
    rule = src.adaptation
    mode = rule.mode
    if mode == "none":
        return _because(
            Status.INCOMPATIBLE,
            src,
            f"{src.id} (NoDerivatives) does not permit sharing adaptations",
            rule=True,
        )
    if tgt.id in rule.excluded:
        return _because(
            Status.INCOMPATIBLE,
            src,
            f"{src.id} material may not be put under {tgt.id}. {rule.note}",
            topic="compatibility",
            rule=True,
        )
    if tgt.id in rule.conditional:
        return _conditional_target(src, tgt, rule.note, topic="compatibility")
    for comp in rule.compatible:
        if comp.target == tgt.id:
            since = f", since {comp.since}" if comp.since else ""
            if comp.direction == "combination":
                return _combination(src, tgt, comp.source, since)
            return _because(
                Status.COMPATIBLE,
                src,
                f"{tgt.id} is a declared compatible licence for adaptations of "
                f"{src.id} ({comp.direction}{since})",
                key=comp.source,
            )
    if mode == "any":
        if tgt.kind in (Kind.WAIVER, Kind.PUBLIC_DOMAIN) and needs_credit(src):
            return _because(
                Status.INCOMPATIBLE,
                src,
                f"an adaptation of {src.id} material cannot be dedicated "
                f"to the public domain or put under {tgt.id}: the "
                "attribution requirement survives",
                key="CC-CHART",
            )
        if _drm_clash(src, tgt):
            return _conditional_target(
                src,
                tgt,
                f"{src.id} forbids technological measures on its material and "
                f"{tgt.id}, a copyleft licence of another family, does not carry "
                f"that term: whether {src.id} material may sit in a {tgt.id} "
                "adaptation without adding restrictions is not settled by the "
                "published sources used here (OSADL rates CC BY → GPL 'Unknown')",
            )
        return _because(
            Status.COMPATIBLE,
            src,
            f"{src.id} lets an adaptation carry any licence, {tgt.id} "
            "included, as long as its own notices are kept",
            rule=True,
        )
    if tgt.id == src.id or tgt.id in rule.target_set:
        return _because(
            Status.COMPATIBLE,
            src,
            f"{src.id} allows adaptations under {tgt.id}",
            rule=True,
        )
    if mode == "same-elements" and tgt.family == "CC" and tgt.elements == src.elements:
        return _because(
            Status.COMPATIBLE,
            src,
            f"{src.id} allows any Creative Commons licence with the same "
            f"licence elements, {tgt.id} included",
            rule=True,
        )
    only = tgt.id.replace("-or-later", "-only")
    if tgt.or_later and (
        only == src.id
        or only in rule.target_set
        or any(c.target == only for c in rule.compatible)
    ):
        return _conditional_target(
            src,
            tgt,
            f"{tgt.id} would extend the adapter's licence to future versions never "
            f"reviewed for {src.id}; {only} is safe",
        )
    if _later_cc(src, tgt):
        if src.port:
            return _conditional_target(
                src,
                tgt,
                f"whether {src.id}'s 'later version' clause reaches {tgt.id} has not "
                "been verified against the ported legal code",
            )
        return _because(
            Status.COMPATIBLE,
            src,
            f"{src.id} allows a later version with the same elements ({tgt.id})",
            rule=True,
        )
    what = _WHAT.get(mode, "the licences its adaptation rule lists")
    return _because(
        Status.INCOMPATIBLE,
        src,
        f"{src.id} requires adaptations to be licensed under {what}; "
        f"{tgt.id} is not one of them",
        rule=True,
    )


def _combination(src: License, tgt: License, key: str, since: str) -> Out:
    """GPLv3 §13 / AGPLv3 §13: one combined work, each part keeps its licence."""
    return Out(
        status=Status.COMPATIBLE,
        reasons=(
            reason(
                src,
                f"{src.id} permits combining with a work under {tgt.id} into one "
                f"combined work (§13{since}); each part keeps its own licence and "
                "the AGPL's network-interaction requirement applies to the "
                "combination",
                key=key,
                clause="§13",
            ),
        ),
        obligations=(
            *adapt_obligations(src, src),
            duty(
                src,
                "keep-item-license",
                f"Keep the {src.id} part under {src.id}; offer the combination's "
                "source to network users as AGPLv3 §13 requires",
            ),
        ),
    )


def _drm_clash(src: License, tgt: License) -> bool:
    """A permissive source with an anti-DRM term adapted into foreign copyleft.

    Within one family (CC BY → CC BY-SA) the terms match; a target that also
    forbids technological measures carries the term along; a permissive
    target leaves the source's terms with its material. Only a copyleft
    target of another family that lacks the term leaves the question open.
    """
    return (
        src.drm == "forbidden"
        and tgt.drm != "forbidden"
        and tgt.family != src.family
        and tgt.kind is Kind.LICENSE
        and tgt.adaptation.mode not in ("any", "none")
    )


def _conditional_target(
    src: License, tgt: License, why: str, *, topic: str = ""
) -> Out:
    why = why or (
        f"{tgt.id} as the adapter's licence for {src.id} is not settled by the "
        "published sources"
    )
    return Out(
        status=Status.CONDITIONAL,
        conditions=(why,),
        reasons=(
            reason(
                src,
                f"{src.id} → {tgt.id} holds only under a condition, or is an open "
                "question not settled by the published sources (see the "
                "conditions)",
                topic=topic,
                rule=True,
            ),
        ),
        obligations=adapt_obligations(src, tgt),
    )


def _gfdl_migration(src: License, tgt: License, ctx: Context, out: Out) -> Out:
    """Wikimedia's 2009 relicensing: eligible GFDL items are also CC BY-SA 3.0."""
    bysa3 = current().by_id.get("CC-BY-SA-3.0")
    if bysa3 is None or bysa3.is_unknown:
        return out
    via = _adapt(bysa3, tgt, ctx)
    if via.status is not Status.COMPATIBLE:
        return out
    invariants = "-invariants" in src.id and "-no-invariants" not in src.id
    can_be = not invariants and (src.or_later or src.version == "1.3")
    if not can_be:
        return out._replace(
            reasons=(
                *out.reasons,
                reason(
                    src,
                    f"{src.id} could never be relicensed to CC BY-SA 3.0: only GFDL "
                    "1.3 or 'or later' grants without invariant sections qualified",
                    key="COM-LU",
                ),
            ),
        )
    via_reason = reason(
        src,
        "GFDL 1.3 §11 let Wikimedia relicense eligible content to CC BY-SA 3.0 "
        "before 2009-08-01 (Commons:LU criteria)",
        key="COM-LU",
        clause="GFDL 1.3 §11; criteria 1-4",
    )
    obligations = adapt_obligations(bysa3, tgt)
    if ctx.gfdl_migration_eligible is True:
        return Out(
            status=Status.COMPATIBLE,
            reasons=(via_reason, *via.reasons),
            obligations=obligations,
            choices=(
                Choice(
                    role="source",
                    expression=f"{src.id} (2009 migration)",
                    chosen=bysa3.id,
                    why="an item eligible for the 2009 relicensing may also be "
                    "used under CC BY-SA 3.0 (GFDL 1.3 §11, Commons:LU)",
                ),
            ),
            assumptions=(
                f"the {src.id} item was eligible for the 2009 migration and is used "
                "under CC BY-SA 3.0",
            ),
        )
    if ctx.gfdl_migration_eligible is None:
        return Out(
            status=Status.CONDITIONAL,
            reasons=(via_reason, *out.reasons),
            conditions=(
                f"the {src.id} item was eligible for the 2009 relicensing (GFDL 1.3 "
                "or 'or later', no invariant sections or cover texts, on a Wikimedia "
                "project before 2009-08-01, imported before 2008-11-01 if first "
                "published elsewhere)",
            ),
            obligations=obligations,
        )
    return out._replace(
        reasons=(
            *out.reasons,
            reason(
                src,
                f"the {src.id} item was not eligible for the 2009 relicensing, so "
                "only its GFDL grant applies",
                key="COM-LU",
            ),
        ),
    )


def _later_cc(src: License, tgt: License) -> bool:
    """A later CC version with the same elements (the 2.0+ upgrade clause)."""
    if src.family != "CC" or tgt.family != "CC" or tgt.elements != src.elements:
        return False
    if src.adaptation.mode != "same-or-later" or tgt.port is not None:
        return False
    sv, tv = version_key(src.version), version_key(tgt.version)
    return bool(sv) and bool(tv) and tv > sv

"""The share-alike compatibility checker: :func:`check` and :func:`outbound`.

The rules follow CC's legal code version by version, CC's ShareAlike
compatibility pages and Wikimedia's published licensing facts; the data
(which licence admits which adapter's licence) lives in the knowledge base,
this module only applies it to a use mode and a context:

* ``adapt``: every source's adaptation rule must admit the target (the
  intersection), after the hard blockers (NC with commercial use, DRM on a
  licence that forbids it, ND shared);
* ``collect`` / ``verbatim``: every item keeps its own licence; the answer is
  whether each licence permits unchanged redistribution in the context, and
  the target licence covers only the collection's own contributions.

This module checks the input, walks the parsed expressions and memoises;
the rules for one licence pair are in :mod:`~wikireuse.licenses._rules`, the
obligations in :mod:`~wikireuse.licenses._obligations`, the citations in
:mod:`~wikireuse.licenses._cite` and the AND/OR combination (with the choice
of an OR branch) in :mod:`~wikireuse.licenses._combine`.

Both functions memoise: parsing, single licence-pair decisions and whole
verdicts are cached, so calling :func:`check` in a loop is cheap.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Iterable
from typing import TypeAlias

import attrs

from wikireuse.exceptions import ConfigurationError, LicenseInputError
from wikireuse.licenses import _obligations, _rules
from wikireuse.licenses._cite import COM_LM, REFS, reason_from
from wikireuse.licenses._combine import (
    RANK,
    Option,
    Out,
    choose,
    conjoin,
    uniq,
    version_key,
)
from wikireuse.licenses._kb import KnowledgeBase, current
from wikireuse.licenses._limits import LIMITS, expr_terms, refuse, text_terms
from wikireuse.licenses._model import (
    AllOf,
    AnyOf,
    Element,
    Expr,
    Kind,
    License,
    LicenseRef,
    leaves,
    render,
)
from wikireuse.licenses._rules import check_pair, prohibitions
from wikireuse.licenses._verdict import (
    Context,
    Obligation,
    OutboundOption,
    Reason,
    Status,
    Use,
    Verdict,
)

__all__ = ["check", "outbound"]

Input: TypeAlias = "str | License | LicenseRef | AnyOf | AllOf"
"""What ``check()`` accepts for a source or a target."""

_RawContext: TypeAlias = (
    "tuple[bool | None, bool, bool, str, bool | None, str | None, bool]"
)
"""The context arguments of ``check()`` as given, in signature order."""

# Tuples, not ``X | Y`` unions: a union in isinstance() is built on every call.
_EXPR_TYPES = (LicenseRef, AnyOf, AllOf)
_SINGLE_TYPES = (str, License, LicenseRef, AnyOf, AllOf)

_USES = {
    "verbatim": (Use.VERBATIM, ""),
    "collect": (Use.COLLECT, ""),
    "adapt": (Use.ADAPT, ""),
    "format-convert": (
        Use.VERBATIM,
        "format conversion treated as verbatim copying: a technical modification "
        "never produces adapted material (CC BY-SA 4.0 §2(a)(4))",
    ),
    "synch": (
        Use.ADAPT,
        "audio synchronised with moving images treated as an adaptation, as the "
        "CC licences require (CC BY-SA 3.0 §1(a), 4.0 §1(a))",
    ),
}
_ODBL_WORKS = ("produced-work", "derivative-database")

# ---------------------------------------------------------------------------
# Inputs


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> Expr:
    # Imported on first use: callers that pass License records or parsed
    # expressions never need the parser.
    from wikireuse.licenses._parse import parse

    return parse(text)


def _to_expr(value: object, argument: str) -> Expr:
    if isinstance(value, str):
        try:
            return _parse(value)
        except LicenseInputError:
            text_terms(value, argument)  # the same refusal, under its own name
            raise
    if isinstance(value, License):
        return LicenseRef(license=value, text=value.id)
    if isinstance(value, _EXPR_TYPES):
        expr_terms(value, argument)
        return value
    raise refuse(
        argument,
        value,
        "a licence must be given as text, a License or a parsed expression",
    )


def _exprs(items: tuple[Input, ...]) -> tuple[Expr, ...]:
    """The sources as expressions, refused when they hold too many terms."""
    if len(items) == 1:
        return (_to_expr(items[0], "sources"),)
    exprs = tuple(_to_expr(item, f"sources[{i}]") for i, item in enumerate(items))
    # Identical sources add nothing (AND is idempotent), so they count once;
    # parsed texts are memoised, so identical texts are the same object (an
    # identity test: hashing an expression hashes whole licence records).
    terms = sum(len(leaves(e)) for e in {id(e): e for e in exprs}.values())
    if terms > LIMITS.terms:
        raise refuse(
            "sources",
            items,
            f"{terms} licence terms in all; at most {LIMITS.terms} are checked at once",
        )
    return exprs


def _kb() -> KnowledgeBase:
    """The current knowledge base; drops every memo when it was replaced."""
    global _memo_owner
    kb = current()
    if kb is not _memo_owner:
        clear_caches()
        _memo_owner = kb
    return kb


def clear_caches() -> None:
    """Forget every memoised parse, pair decision and verdict.

    Called when the knowledge base is replaced, and by the benchmarks.
    """
    _verdict_memo.clear()
    _contexts.clear()
    _parse.cache_clear()
    _rules.clear_memo()
    _obligations.clear_memo()


_memo_owner: KnowledgeBase | None = None
"""The knowledge base the memos were computed from."""


# ---------------------------------------------------------------------------
# Public API


def check(
    sources: Input | Iterable[Input],
    target: Input,
    *,
    use: str | Use = "adapt",
    commercial: bool | None = None,
    shared: bool = True,
    drm: bool = False,
    odbl_work: str = "produced-work",
    gfdl_migration_eligible: bool | None = None,
    jurisdiction: str | None = None,
    quotation: bool = False,
) -> Verdict:
    """May *sources* be reused as *use* in a work under *target*?

    Args:
        sources: One source or several: licence text (parsed with
            :func:`wikireuse.licenses.parse`), a :class:`License` or a parsed
            expression. OR-expressions let the checker choose a branch.
        target: The licence of the new work (for ``collect``/``verbatim``:
            of the collection's own contributions).
        use: ``"verbatim"``, ``"collect"`` or ``"adapt"``; also
            ``"format-convert"`` (treated as verbatim) and ``"synch"``
            (music synchronised with moving images, always an adaptation).
        commercial: ``True``: the reuse is commercial (NC sources are
            refused); ``False``: it is not; ``None`` (default): not stated,
            so an NC source is ``conditional`` on a non-commercial use.
        shared: The result is distributed; ``False`` for a private
            adaptation (4.0 ND allows those, pre-4.0 ND does not).
        drm: The result is distributed with DRM / effective technological
            measures.
        odbl_work: For ODbL sources: ``"produced-work"`` (a map, an image)
            or ``"derivative-database"``.
        gfdl_migration_eligible: For GFDL sources: whether the item was
            eligible for Wikimedia's 2009 relicensing to CC BY-SA 3.0 (GFDL
            1.3 §11); ``None`` means unknown and gives ``conditional`` where
            it matters.
        jurisdiction: Where the reuse happens (ISO code such as ``"us"``),
            for public-domain statuses that hold only in some places.
        quotation: The reuse relies on a quotation exception; an answer that
            the licence does not give becomes ``conditional`` (an unknown
            licence stays ``unknown``; a compatible one stays compatible).

    Returns:
        The :class:`Verdict`; never raises for an unknown licence (the
        status is then ``unknown``). The order of *sources* never changes
        the answer; repeated questions are answered from a memo.

    Raises:
        ConfigurationError: For an unknown *use* or *odbl_work*, no sources,
            or an input of the wrong type.

    >>> check(["CC-BY-SA-3.0", "CC-BY-2.0"], "CC-BY-SA-4.0").status.value
    'compatible'
    >>> check("CC-BY-SA-4.0", "CC-BY-4.0").status.value
    'incompatible'
    """
    if current() is not _memo_owner:  # _kb()'s test, inlined for memo hits
        _kb()
    # The hot path for loops: text inputs, keyed on the raw arguments (cheap
    # to hash); the sources are sorted so their order never changes the answer.
    raw: _RawContext = (
        commercial,
        shared,
        drm,
        odbl_work,
        gfdl_migration_eligible,
        jurisdiction,
        quotation,
    )
    fast: tuple[object, ...] | None = None
    srcs: tuple[str, ...] | None = None
    if type(target) is str:
        kind = type(sources)
        if kind is str:
            srcs = (sources,)  # type: ignore[assignment]
        elif (
            (kind is list or kind is tuple)
            and len(sources) <= LIMITS.sources  # type: ignore[arg-type]
            and all(
                type(i) is str
                for i in sources  # type: ignore[union-attr]
            )
        ):
            srcs = tuple(sorted(sources))  # type: ignore[arg-type]
        if srcs is not None:
            # Flat, not nesting the context tuple: cheaper to hash and compare.
            fast = (srcs, target, use, *raw)
            try:
                hit = _verdict_memo.get(fast)
            except TypeError:  # an unhashable argument: let validation say so
                fast = srcs = None
            else:
                if hit is not None:
                    return hit
    # Use members are str-valued, so one lookup serves both spellings.
    found = _USES.get(use) if type(use) is str or type(use) is Use else None
    mode, note = found if found is not None else _use_of(use)
    if odbl_work not in _ODBL_WORKS:
        raise ConfigurationError(
            message=f"odbl_work must be one of {', '.join(_ODBL_WORKS)}, "
            f"not {odbl_work!r}"
        )
    items = _items(sources)
    if not items:
        raise ConfigurationError(message="check() needs at least one source")
    try:
        ctx = _contexts.get(raw)
    except TypeError:  # an unhashable value: _new_context() judges it
        ctx = None
    if ctx is None:
        ctx = _new_context(raw)
    exprs = _exprs(items)
    goal = _to_expr(target, "target")
    verdict = _check_exprs(exprs, goal, mode, note, ctx)
    if fast is not None:
        if len(_verdict_memo) >= _VERDICT_MEMO_MAX:
            _verdict_memo.clear()
        _verdict_memo[fast] = verdict
    return verdict


_VERDICT_MEMO_MAX = 16384
_verdict_memo: dict[tuple[object, ...], Verdict] = {}
_CONTEXTS_MAX = 1024
_contexts: dict[_RawContext, Context] = {}


_OBLIGATION_ORDER = operator.attrgetter("license_id", "kind", "text")


def _check_exprs(
    sources: tuple[Expr, ...], target: Expr, use: Use, note: str, ctx: Context
) -> Verdict:
    ordered: tuple[Expr, ...] = sources
    names: tuple[str, ...]
    if len(sources) == 1:  # the common case: nothing to order
        names = (render(sources[0]),)
    else:
        # Canonical order, so the order of the sources never changes the answer.
        named = sorted((render(s), i) for i, s in enumerate(sources))
        ordered = tuple(sources[i] for _, i in named)
        names = tuple(name for name, _ in named)
    out = _eval_target(ordered, target, use, ctx)
    out = _finish(out, ordered, target, use, note, ctx)
    obligations = out.obligations
    if len(obligations) > 1:
        obligations = tuple(sorted(obligations, key=_OBLIGATION_ORDER))
    return Verdict(
        status=out.status,
        use=use,
        sources=names,
        target=render(target),
        context=ctx,
        obligations=obligations,
        reasons=out.reasons,
        choices=out.choices,
        conditions=out.conditions,
        assumptions=out.assumptions,
    )


def outbound(
    sources: Input | Iterable[Input],
    *,
    use: str | Use = "adapt",
    commercial: bool | None = None,
    shared: bool = True,
    drm: bool = False,
    odbl_work: str = "produced-work",
    gfdl_migration_eligible: bool | None = None,
    jurisdiction: str | None = None,
    quotation: bool = False,
) -> tuple[OutboundOption, ...]:
    """The licences a combined or adapted work may carry, best first.

    Candidates are the knowledge base's licences and waivers (not
    public-domain statuses, which are not something one licenses under).
    Compatible options come before conditional ones; within each, a licence
    of the sources' own family, unported, adding no NC/ND restriction and of
    the newest version ranks first.

    Args:
        sources: As for :func:`check`.
        use: As for :func:`check`.
        commercial: As for :func:`check`.
        shared: As for :func:`check`.
        drm: As for :func:`check`.
        odbl_work: As for :func:`check`.
        gfdl_migration_eligible: As for :func:`check`.
        jurisdiction: As for :func:`check`.
        quotation: As for :func:`check`.

    Returns:
        Options with status ``compatible`` or ``conditional``; empty when no
        licence works.

    >>> [o.license_id for o in outbound(["CC-BY-SA-3.0", "CC-BY-2.0"])][:2]
    ['CC-BY-SA-4.0', 'CC-BY-SA-3.0']
    """
    kb = _kb()
    items = _items(sources)
    src_licenses = [
        leaf.license
        for e in _exprs(items)
        for leaf in leaves(e)
        if not leaf.license.is_unknown
    ]
    families = {lic.family for lic in src_licenses}
    elements = frozenset(e for lic in src_licenses for e in lic.elements)
    options: list[tuple[tuple[object, ...], OutboundOption]] = []
    for cand in kb.licenses:
        if cand.kind not in (Kind.LICENSE, Kind.WAIVER) or cand.deprecated:
            continue
        verdict = check(
            items,
            cand,
            use=use,
            commercial=commercial,
            shared=shared,
            drm=drm,
            odbl_work=odbl_work,
            gfdl_migration_eligible=gfdl_migration_eligible,
            jurisdiction=jurisdiction,
            quotation=quotation,
        )
        if verdict.status not in (Status.COMPATIBLE, Status.CONDITIONAL):
            continue
        added = cand.elements - elements
        key = (
            RANK[verdict.status],
            cand.family not in families,
            cand.port is not None,
            len(added & {Element.NC, Element.ND}),
            tuple(-p for p in version_key(cand.version)),  # newest first
            Element.SA in added,
            cand.kind is not Kind.LICENSE,
            cand.id,
        )
        options.append(
            (
                key,
                OutboundOption(
                    license_id=cand.id,
                    name=cand.name,
                    status=verdict.status,
                    verdict=verdict,
                ),
            )
        )
    options.sort(key=lambda kv: kv[0])
    return tuple(opt for _, opt in options)


def _items(sources: Input | Iterable[Input]) -> tuple[Input, ...]:
    """One input or several, as a tuple."""
    if isinstance(sources, _SINGLE_TYPES):
        return (sources,)
    if type(sources) is list or type(sources) is tuple:  # the common case
        items = tuple(sources[: LIMITS.sources + 1])
    else:
        try:
            found = iter(sources)
        except TypeError:
            raise refuse(
                "sources", sources, "sources must be one licence or an iterable of them"
            ) from None
        # At most one item past the limit is read, however long the iterable.
        items = tuple(itertools.islice(found, LIMITS.sources + 1))
    if len(items) > LIMITS.sources:
        raise refuse(
            "sources",
            sources,
            f"more than {LIMITS.sources} items; at most that many are accepted",
        )
    return items


def _new_context(raw: _RawContext) -> Context:
    """Check the context arguments (*odbl_work* already is) and memoise them.

    One object per distinct context, so its (cached) hash is computed once,
    not for every licence pair.
    """
    commercial, shared, drm, odbl_work, eligible, jurisdiction, quotation = raw
    if commercial not in (None, True, False) or type(commercial) is int:
        raise ConfigurationError(
            message=f"commercial must be True, False or None (not stated), not "
            f"{commercial!r}"
        )
    for name, flag in (
        ("shared", shared),
        ("drm", drm),
        ("quotation", quotation),
    ):
        if not isinstance(flag, bool):
            raise ConfigurationError(
                message=f"{name} must be True or False, not {flag!r}"
            )
    if eligible not in (None, True, False):
        raise ConfigurationError(
            message="gfdl_migration_eligible must be True, False or None, not "
            f"{eligible!r}"
        )
    if jurisdiction is not None and not isinstance(jurisdiction, str):
        raise ConfigurationError(
            message=f"jurisdiction must be a country code (str) or None, not "
            f"{jurisdiction!r}"
        )
    ctx = Context(
        commercial=commercial,
        shared=shared,
        drm=drm,
        odbl_work=odbl_work,
        gfdl_migration_eligible=eligible,
        jurisdiction=jurisdiction.strip().lower() if jurisdiction else None,
        quotation=quotation,
    )
    if len(_contexts) >= _CONTEXTS_MAX:
        _contexts.clear()
    _contexts[raw] = ctx
    return ctx


def _use_of(use: object) -> tuple[Use, str]:
    """The mode and note of a *use* not spelled exactly as a key of ``_USES``."""
    found = (
        _USES.get(use) or _USES.get(use.strip().lower())
        if isinstance(use, str)
        else None
    )
    if found is None:
        raise ConfigurationError(
            message=f"use must be one of {', '.join(_USES)}, not {use!r}"
        )
    return found


# ---------------------------------------------------------------------------
# Evaluation over expressions


def _option(expr: Expr, out: Out) -> Option:
    lic = expr.license if isinstance(expr, LicenseRef) else None
    return Option(render(expr), None if lic is None or lic.is_unknown else lic, out)


def _eval_target(
    sources: tuple[Expr, ...], target: Expr, use: Use, ctx: Context
) -> Out:
    if isinstance(target, AnyOf):
        # A work offered under "A OR B" is published under each of them: a
        # recipient may take it under either, so every branch must be allowed
        # (choosing the best branch here would be a false permit).
        out = conjoin(_eval_target(sources, o, use, ctx) for o in target.options)
        return out._replace(
            assumptions=uniq(
                (
                    f"the target {render(target)} offers the work under each of its "
                    "licences, so every one of them must be allowed",
                    *out.assumptions,
                )
            )
        )
    if isinstance(target, AllOf):
        return conjoin(_eval_target(sources, p, use, ctx) for p in target.parts)
    if target.license.is_unknown:
        return _unknown_target(sources, target, use, ctx)
    if len(sources) == 1:
        return _eval_source(sources[0], target.license, use, ctx)
    return conjoin(_eval_source(s, target.license, use, ctx) for s in sources)


def _unknown_target(
    sources: tuple[Expr, ...], target: LicenseRef, use: Use, ctx: Context
) -> Out:
    """An unrecognised target: refused where the sources alone forbid the use."""
    blocked = [out for s in sources if (out := _forbidden(s, use, ctx)) is not None]
    if blocked:
        return conjoin(blocked)
    return Out(
        status=Status.UNKNOWN,
        reasons=(
            Reason(
                text=f"the target licence {target.text.strip()!r} is not recognised",
            ),
        ),
    )


def _forbidden(expr: Expr, use: Use, ctx: Context) -> Out | None:
    """The source-side prohibitions of *expr*, whatever the target; else None.

    An OR source is forbidden only if every branch is (the reuser may pick a
    branch); an AND source if any part is.
    """
    if isinstance(expr, LicenseRef):
        if expr.license.is_unknown:
            return None
        found = prohibitions(expr.license, use, ctx)
        return conjoin(found) if found else None
    if isinstance(expr, AnyOf):
        outs = [_forbidden(o, use, ctx) for o in expr.options]
        if any(o is None for o in outs):
            return None
        return conjoin(o for o in outs if o is not None)
    parts = [o for p in expr.parts if (o := _forbidden(p, use, ctx)) is not None]
    return conjoin(parts) if parts else None


def _eval_source(expr: Expr, target: License, use: Use, ctx: Context) -> Out:
    if isinstance(expr, AnyOf):
        scored = [_option(o, _eval_source(o, target, use, ctx)) for o in expr.options]
        return choose("source", render(expr), scored, target.id)
    if isinstance(expr, AllOf):
        return conjoin(_eval_source(p, target, use, ctx) for p in expr.parts)
    if expr.license.is_unknown:
        return Out(
            status=Status.UNKNOWN,
            reasons=(
                Reason(
                    text=f"the source licence {expr.text.strip()!r} is not recognised; "
                    "an unrecognised licence is never assumed compatible",
                ),
            ),
        )
    migration: Reason | None = None
    if expr.migration is not None:
        ctx, migration = _migration(expr.license, expr.migration, ctx)
    out = check_pair(expr.license, target, use, ctx)
    if migration is not None:
        out = out._replace(reasons=(*out.reasons, migration))
    if expr.exception:
        out = conjoin(
            (
                out,
                Out(
                    status=Status.CONDITIONAL,
                    conditions=(
                        f"the exception {expr.exception} attached to "
                        f"{expr.license.id} must not restrict the target licence",
                    ),
                    reasons=(
                        Reason(
                            text=f"{expr.license.id} WITH {expr.exception}: "
                            "licence exceptions are not modelled",
                            license_id=expr.license.id,
                        ),
                    ),
                ),
            )
        )
    return out


# Template:License migration: what each ``migration=`` value says about the
# file's eligibility for the 2009 relicensing (GFDL 1.3 §11).
_MIGRATION_STATES = {
    "relicense": (True, "meets the relicensing criteria (CC BY-SA 3.0 added)"),
    "relicensed": (True, "meets the relicensing criteria (CC BY-SA 3.0 added)"),
    "not-eligible": (False, "does not meet the relicensing criteria"),
    "opt-out": (False, "its copyright holder opted out of the migration"),
    "redundant": (
        False,
        "is already dual-licensed under CC BY or CC BY-SA 3.0 by its own tag, so "
        "the GFDL grant itself was not relicensed",
    ),
    "needs-review": (None, "has not been reviewed for eligibility"),
}


def _migration(lic: License, value: str, ctx: Context) -> tuple[Context, Reason]:
    """The context a GFDL tag's ``migration=`` value implies, and the reason.

    A stated eligibility replaces an unstated one; "not eligible" also
    overrides a caller's "eligible", the safer answer of the two.
    """
    eligible, words = _MIGRATION_STATES.get(
        value, (None, "carries no recognised migration value (not yet reviewed)")
    )
    why = reason_from(
        COM_LM,
        f"the {lic.id} tag says migration={value or '(empty)'}: the file {words}",
        lic.id,
    )
    if eligible is False or (eligible and ctx.gfdl_migration_eligible is None):
        ctx = attrs.evolve(ctx, gfdl_migration_eligible=eligible)
    return ctx, why


_USE_ASSUMPTIONS = {
    Use.COLLECT: "treating the combination as a collection of unmodified, separate "
    "and independent works, not an adaptation — a legal judgement you must make",
    Use.ADAPT: "treating the reuse as an adaptation (the material is modified or "
    "merged); if the items stay unmodified and separate, use 'collect'",
    Use.VERBATIM: "treating the reuse as verbatim copying of unmodified material",
}


def _finish(
    out: Out,
    sources: tuple[Expr, ...],
    target: Expr,
    use: Use,
    note: str,
    ctx: Context,
) -> Out:
    """Apply the quotation exception and record the use-mode assumption."""
    lead = (_USE_ASSUMPTIONS[use], note) if note else (_USE_ASSUMPTIONS[use],)
    if (
        not ctx.quotation
        or out.status is Status.UNKNOWN
        # An unknown licence anywhere stays undecided: the exception must not
        # turn an answer that rests partly on it into a conditional yes.
        or any(leaf.license.is_unknown for leaf in leaves(target))
        or any(leaf.license.is_unknown for s in sources for leaf in leaves(s))
    ):
        # The common case: the parts are already de-duplicated by conjoin().
        # Built directly: NamedTuple._replace is several times slower.
        return Out(
            out.status,
            out.obligations,
            out.reasons,
            out.choices,
            out.conditions,
            uniq((*lead, *out.assumptions)) if out.assumptions else lead,
        )
    assumptions = [*lead, *out.assumptions]
    status = out.status
    reasons = out.reasons
    conditions = out.conditions
    obligations = out.obligations
    if status is Status.COMPATIBLE:
        assumptions.append(
            "the licence itself permits this use; the quotation exception is not needed"
        )
    else:
        ref = REFS["BERNE-10"]
        status = Status.CONDITIONAL
        reasons = (
            reason_from(
                ref,
                "the use relies on a copyright exception for quotation, "
                "not on the licence: lawful only where and as far as the "
                "exception applies (fair practice, extent justified by the "
                "purpose, source and author named)",
            ),
            *reasons,
        )
        conditions = (
            *conditions,
            "the quotation meets the quotation exception of the jurisdiction "
            "(fair practice, extent justified by the purpose)",
        )
        obligations = (
            *obligations,
            *(
                Obligation(
                    kind="cite-source",
                    license_id=lic.id,
                    text="Name the source and the author of the quoted material",
                    source=ref.key,
                )
                for s in sources
                for lic in (leaf.license for leaf in leaves(s))
                if not lic.is_unknown
            ),
        )
    return Out(
        status=status,
        obligations=uniq(obligations),
        reasons=uniq(reasons),
        choices=out.choices,
        conditions=uniq(conditions),
        assumptions=uniq(assumptions),
    )

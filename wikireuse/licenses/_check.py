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

Both functions memoise: parsing, single licence-pair decisions and whole
verdicts are cached, so calling :func:`check` in a loop is cheap.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from typing import NamedTuple, TypeAlias, TypeVar

from wikireuse.exceptions import ConfigurationError
from wikireuse.licenses._kb import KnowledgeBase, current
from wikireuse.licenses._model import (
    AllOf,
    AnyOf,
    Element,
    Expr,
    Kind,
    License,
    LicenseRef,
    Source,
)
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

__all__ = ["check", "outbound"]

_T = TypeVar("_T")

Input: TypeAlias = "str | License | LicenseRef | AnyOf | AllOf"
"""What ``check()`` accepts for a source or a target."""

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

# Rank shared by AND (worst = max) and OR (best = min).
_RANK = {
    Status.COMPATIBLE: 0,
    Status.CONDITIONAL: 1,
    Status.UNKNOWN: 2,
    Status.INCOMPATIBLE: 3,
}

# Published texts this module cites that the knowledge base's sources table
# does not carry (keys follow the project's licence reference where it has one).
_REFS = {
    s.key: s
    for s in (
        Source(
            key="CC-SAI",
            title="CC wiki: ShareAlike interpretation",
            url="https://wiki.creativecommons.org/wiki/ShareAlike_interpretation",
        ),
        Source(
            key="BERNE-10",
            title="Berne Convention, Article 10 (quotations)",
            url="https://www.wipo.int/wipolex/en/text/283698",
            clause="Art. 10(1)",
        ),
    )
}

# Territories of public-domain statuses the knowledge base names by id.
_EU = frozenset(
    [
        "at",
        "be",
        "bg",
        "cy",
        "cz",
        "de",
        "dk",
        "ee",
        "es",
        "fi",
        "fr",
        "gr",
        "hr",
        "hu",
        "ie",
        "it",
        "lt",
        "lu",
        "lv",
        "mt",
        "nl",
        "pl",
        "pt",
        "ro",
        "se",
        "si",
        "sk",
    ]
)
_PD_PLACES = {
    "PD-US": frozenset({"us"}),
    "PD-USGov": frozenset({"us"}),
    "PD-1996": frozenset({"us"}),
    "PD-EU": _EU,
}


class _Out(NamedTuple):
    """A partial answer, combined with AND/OR into the final verdict.

    A NamedTuple rather than an attrs class: thousands are built per second
    and ``_replace`` is far cheaper than ``attrs.evolve``.
    """

    status: Status
    obligations: tuple[Obligation, ...] = ()
    reasons: tuple[Reason, ...] = ()
    choices: tuple[Choice, ...] = ()
    conditions: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()


_OK = _Out(status=Status.COMPATIBLE)
"""A neutral part for :func:`_and` (nothing to add)."""


def _uniq(items: Iterable[_T]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(items))


def _and(parts: Iterable[_Out]) -> _Out:
    """Every part must hold: the worst status wins."""
    parts = tuple(p for p in parts if p is not _OK)
    if len(parts) <= 1:
        return parts[0] if parts else _OK
    status = max((p.status for p in parts), key=_RANK.__getitem__)
    live = status in (Status.COMPATIBLE, Status.CONDITIONAL)
    deciding = (
        parts
        if status is Status.COMPATIBLE
        else [p for p in parts if p.status is status]
    )
    return _Out(
        status=status,
        obligations=_uniq(o for p in parts for o in p.obligations) if live else (),
        reasons=_uniq(r for p in deciding for r in p.reasons),
        choices=_uniq(c for p in parts for c in p.choices),
        conditions=(
            _uniq(c for p in parts for c in p.conditions)
            if status is Status.CONDITIONAL
            else ()
        ),
        assumptions=_uniq(a for p in parts for a in p.assumptions),
    )


class _Option(NamedTuple):
    """One branch of an OR: text, leaf record (single licences) and answer."""

    name: str
    license: License | None
    out: _Out


def _option(expr: Expr, out: _Out) -> _Option:
    lic = expr.license if isinstance(expr, LicenseRef) else None
    return _Option(render(expr), None if lic is None or lic.is_unknown else lic, out)


def _pick(options: list[_Option], prefer: str | None) -> tuple[_Option, str]:
    """The branch a reuser would choose, and why in plain words.

    Only the branches with the best status compete. Among them: the target
    licence itself, when it is one of them; else, within one licence kind
    (same family and elements), the newest version, unported before ported
    (for {{self|cc-by-sa-3.0,2.5,2.0,1.0}} that is 3.0, as CC's later-version
    clauses and Commons' own tag name suggest); then the branch with the
    fewest obligations, then the name.
    """
    rank = min(_RANK[o.out.status] for o in options)
    best = [o for o in options if _RANK[o.out.status] == rank]
    others = [o for o in options if _RANK[o.out.status] != rank]
    status = best[0].out.status.value
    if len(best) == 1:
        why = f"the only {status} option"
        if others:
            rest = ", ".join(sorted(f"{o.name} {o.out.status.value}" for o in others))
            why += f" ({rest})"
        return best[0], why
    names = ", ".join(sorted(o.name for o in best))
    for o in best:
        if prefer is not None and o.license is not None and o.license.id == prefer:
            return o, f"it is the target licence itself (options that work: {names})"
    newest: dict[tuple[str, frozenset[Element]], _Option] = {}
    for o in best:
        if o.license is None:
            continue
        kind = (o.license.family, o.license.elements)
        held = newest.get(kind)
        if held is None or _newer(o.license, held.license):
            newest[kind] = o
    survivors = [
        o
        for o in best
        if o.license is None or newest[(o.license.family, o.license.elements)] is o
    ]
    chosen = min(survivors, key=lambda o: (len(o.out.obligations), o.name))
    if len(survivors) < len(best) and len(survivors) == 1:
        return chosen, (
            f"the newest version of the same licence among the {status} options "
            f"({names})"
        )
    return chosen, (
        f"of the {status} options ({names}), it brings the fewest obligations"
        + (
            " and is the newest version of its kind"
            if len(survivors) < len(best)
            else ""
        )
    )


def _newer(a: License, b: License | None) -> bool:
    """*a* is a better pick than *b* of the same kind: newer, else unported."""
    if b is None:
        return True
    return (_version(a.version), b.port is not None, b.id) > (
        _version(b.version),
        a.port is not None,
        a.id,
    )


def _or(
    role: str, expression: str, options: list[_Option], prefer: str | None = None
) -> _Out:
    """An OR: pick the best branch and record it; if none works, say why each fails."""
    chosen, why = _pick(options, prefer)
    out = chosen.out
    if out.status in (Status.COMPATIBLE, Status.CONDITIONAL):
        choice = Choice(role=role, expression=expression, chosen=chosen.name, why=why)
        return out._replace(choices=(choice, *out.choices))
    return out._replace(
        reasons=_uniq(
            r for o in options if o.out.status is out.status for r in o.out.reasons
        ),
    )


# ---------------------------------------------------------------------------
# Expressions


def render(expr: Expr) -> str:
    """Canonical text of an expression: ids, ``OR``/``AND``, parentheses.

    Unknown leaves render as their input text, so two different unknowns
    stay different.
    """
    if isinstance(expr, LicenseRef):
        name = expr.text.strip() if expr.license.is_unknown else expr.license.id
        return f"{name} WITH {expr.exception}" if expr.exception else name
    if isinstance(expr, AnyOf):
        parts, joiner = expr.options, " OR "
    else:
        parts, joiner = expr.parts, " AND "
    texts = sorted(_wrap(render(p)) for p in parts)
    return joiner.join(texts)


def _wrap(text: str) -> str:
    return f"({text})" if " OR " in text or " AND " in text else text


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> Expr:
    from wikireuse.licenses._parse import parse

    return parse(text)


def _to_expr(value: object) -> Expr:
    if isinstance(value, str):
        return _parse(value)
    if isinstance(value, License):
        return LicenseRef(license=value, text=value.id)
    if isinstance(value, _EXPR_TYPES):
        return value
    raise ConfigurationError(
        message=(
            f"a licence must be given as text, a License or a parsed expression, "
            f"not {type(value).__name__}"
        )
    )


def _kb() -> KnowledgeBase:
    """The current knowledge base; drops every memo when it was replaced."""
    kb = current()
    if kb is not _memo_owner[0]:
        clear_caches()
        _memo_owner[0] = kb
    return kb


def clear_caches() -> None:
    """Forget every memoised parse, pair decision and verdict (for benchmarks)."""
    _verdict_memo.clear()
    _contexts.clear()
    _parse.cache_clear()
    _pair_memo.clear()
    _obligation_memo.clear()


_memo_owner: list[KnowledgeBase | None] = [None]


def _lookup(license_id: str) -> License | None:
    found = _kb().by_id.get(license_id)
    return None if found is None or found.is_unknown else found


# ---------------------------------------------------------------------------
# Public API


def check(
    sources: Input | Iterable[Input],
    target: Input,
    *,
    use: str | Use = "adapt",
    commercial: bool = False,
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
        commercial: The reuse is commercial (blocks NC sources).
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
    if current() is not _memo_owner[0]:
        _kb()
    # The hot path for loops: text inputs, keyed on the raw arguments (cheap
    # to hash); the sources are sorted so their order never changes the answer.
    fast: tuple[object, ...] | None = None
    srcs: tuple[str, ...] | None = None
    if type(target) is str:
        kind = type(sources)
        if kind is str:
            srcs = (sources,)  # type: ignore[assignment]
        elif (kind is list or kind is tuple) and all(
            type(i) is str
            for i in sources  # type: ignore[union-attr]
        ):
            srcs = tuple(sorted(sources))  # type: ignore[arg-type]
        if srcs is not None:
            fast = (
                srcs,
                target,
                use,
                commercial,
                shared,
                drm,
                odbl_work,
                gfdl_migration_eligible,
                jurisdiction,
                quotation,
            )
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
    if srcs is not None:
        items: tuple[Input, ...] = srcs
    else:
        items = _items(sources)
        if not items:
            raise ConfigurationError(message="check() needs at least one source")
    if not srcs and srcs is not None:
        raise ConfigurationError(message="check() needs at least one source")
    raw = (
        commercial,
        shared,
        drm,
        odbl_work,
        gfdl_migration_eligible,
        jurisdiction,
        quotation,
    )
    ctx = _contexts.get(raw)
    if ctx is None:
        _check_context(gfdl_migration_eligible, jurisdiction)
        ctx = Context(
            commercial=bool(commercial),
            shared=bool(shared),
            drm=bool(drm),
            odbl_work=odbl_work,
            gfdl_migration_eligible=gfdl_migration_eligible,
            jurisdiction=jurisdiction.strip().lower() if jurisdiction else None,
            quotation=bool(quotation),
        )
        if len(_contexts) >= _CONTEXTS_MAX:
            _contexts.clear()
        _contexts[raw] = ctx
    if srcs is not None:
        # Text inputs (the fast path's key): parse them directly.
        exprs = (
            (_parse(srcs[0]),)
            if len(srcs) == 1
            else tuple(_parse(text) for text in srcs)
        )
        goal = _parse(target)
    else:
        exprs = tuple(_to_expr(i) for i in items)
        goal = _to_expr(target)
    verdict = _check_exprs(exprs, goal, mode, note, ctx)
    if fast is not None:
        if len(_verdict_memo) >= _VERDICT_MEMO_MAX:
            _verdict_memo.clear()
        _verdict_memo[fast] = verdict
    return verdict


_VERDICT_MEMO_MAX = 16384
_verdict_memo: dict[tuple[object, ...], Verdict] = {}
# Context objects by their raw arguments: one object per distinct context, so
# its (cached) hash is computed once, not for every licence pair.
_CONTEXTS_MAX = 1024
_contexts: dict[tuple[object, ...], Context] = {}


_OBLIGATION_ORDER = operator.attrgetter("license_id", "kind", "text")


def _check_exprs(
    sources: tuple[Expr, ...], target: Expr, use: Use, note: str, ctx: Context
) -> Verdict:
    ordered: tuple[Expr, ...] = sources
    names: tuple[str, ...]
    if len(sources) == 1:
        names = (render(sources[0]),)
    else:
        pairs = sorted((render(s), i) for i, s in enumerate(sources))
        ordered = tuple(sources[i] for _, i in pairs)
        names = tuple(name for name, _ in pairs)
    out = _finish(_eval_target(ordered, target, use, ctx), ordered, use, note, ctx)
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
    commercial: bool = False,
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
        leaf for i in items for leaf in _leaves(_to_expr(i)) if not leaf.is_unknown
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
            _RANK[verdict.status],
            cand.family not in families,
            cand.port is not None,
            len(added & {Element.NC, Element.ND}),
            _neg_version(cand.version),
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
    return tuple(sources)


def _leaves(expr: Expr) -> Iterable[License]:
    if isinstance(expr, LicenseRef):
        yield expr.license
    elif isinstance(expr, AnyOf):
        for o in expr.options:
            yield from _leaves(o)
    else:
        for p in expr.parts:
            yield from _leaves(p)


def _check_context(gfdl_migration_eligible: object, jurisdiction: object) -> None:
    """Typed errors for context values of the wrong type."""
    if gfdl_migration_eligible not in (None, True, False):
        raise ConfigurationError(
            message="gfdl_migration_eligible must be True, False or None, not "
            f"{gfdl_migration_eligible!r}"
        )
    if jurisdiction is not None and not isinstance(jurisdiction, str):
        raise ConfigurationError(
            message=f"jurisdiction must be a country code (str) or None, not "
            f"{jurisdiction!r}"
        )


def _use_of(use: str | Use) -> tuple[Use, str]:
    if isinstance(use, Use):
        return use, ""
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


def _version(v: str | None) -> tuple[int, ...]:
    if not v:
        return ()
    try:
        return tuple(int(p) for p in v.split("."))
    except ValueError:
        return ()


def _neg_version(v: str | None) -> tuple[int, ...]:
    return tuple(-p for p in _version(v))


# ---------------------------------------------------------------------------
# Evaluation over expressions


def _eval_target(
    sources: tuple[Expr, ...], target: Expr, use: Use, ctx: Context
) -> _Out:
    if isinstance(target, AnyOf):
        scored = [
            _option(o, _eval_target(sources, o, use, ctx)) for o in target.options
        ]
        return _or("target", render(target), scored)
    if isinstance(target, AllOf):
        return _and(_eval_target(sources, p, use, ctx) for p in target.parts)
    if target.license.is_unknown:
        return _Out(
            status=Status.UNKNOWN,
            reasons=(
                Reason(
                    text=f"the target licence {target.text.strip()!r} is not "
                    "recognised",
                ),
            ),
        )
    if len(sources) == 1:
        return _eval_source(sources[0], target.license, use, ctx)
    return _and(_eval_source(s, target.license, use, ctx) for s in sources)


def _eval_source(expr: Expr, target: License, use: Use, ctx: Context) -> _Out:
    if isinstance(expr, AnyOf):
        scored = [_option(o, _eval_source(o, target, use, ctx)) for o in expr.options]
        return _or("source", render(expr), scored, target.id)
    if isinstance(expr, AllOf):
        return _and(_eval_source(p, target, use, ctx) for p in expr.parts)
    if expr.license.is_unknown:
        return _Out(
            status=Status.UNKNOWN,
            reasons=(
                Reason(
                    text=f"the source licence {expr.text.strip()!r} is not recognised; "
                    "an unrecognised licence is never assumed compatible",
                ),
            ),
        )
    out = _pair(expr.license, target, use, ctx)
    if expr.exception:
        out = _and(
            (
                out,
                _Out(
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


_USE_ASSUMPTIONS = {
    Use.COLLECT: "treating the combination as a collection of unmodified, separate "
    "and independent works, not an adaptation — a legal judgement you must make",
    Use.ADAPT: "treating the reuse as an adaptation (the material is modified or "
    "merged); if the items stay unmodified and separate, use 'collect'",
    Use.VERBATIM: "treating the reuse as verbatim copying of unmodified material",
}


def _finish(
    out: _Out,
    sources: tuple[Expr, ...],
    use: Use,
    note: str,
    ctx: Context,
) -> _Out:
    """Apply the quotation exception and record the use-mode assumption."""
    lead = (_USE_ASSUMPTIONS[use], note) if note else (_USE_ASSUMPTIONS[use],)
    if not ctx.quotation or out.status is Status.UNKNOWN:
        # The common case: the parts are already de-duplicated by _and().
        # Built directly: NamedTuple._replace is several times slower.
        return _Out(
            out.status,
            out.obligations,
            out.reasons,
            out.choices,
            out.conditions,
            _uniq((*lead, *out.assumptions)) if out.assumptions else lead,
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
        ref = _REFS["BERNE-10"]
        status = Status.CONDITIONAL
        reasons = (
            Reason(
                text="the use relies on a copyright exception for quotation, "
                "not on the licence: lawful only where and as far as the "
                "exception applies (fair practice, extent justified by the "
                "purpose, source and author named)",
                source_key=ref.key,
                clause=ref.clause,
                url=ref.url,
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
                for lic in _leaves(s)
                if not lic.is_unknown
            ),
        )
    return _Out(
        status=status,
        obligations=_uniq(obligations),
        reasons=_uniq(reasons),
        choices=out.choices,
        conditions=_uniq(conditions),
        assumptions=_uniq(assumptions),
    )


# ---------------------------------------------------------------------------
# One source licence against one target licence


_PAIR_MEMO_MAX = 65536
_pair_memo: dict[tuple[str, str, Use, Context], tuple[License, License, _Out]] = {}


def _pair(src: License, tgt: License, use: Use, ctx: Context) -> _Out:
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


def _decide(src: License, tgt: License, use: Use, ctx: Context) -> _Out:
    if tgt.is_unknown:
        return _Out(
            status=Status.UNKNOWN,
            reasons=(Reason(text="the target licence is not recognised"),),
        )
    parts: list[_Out] = []
    if Element.NC in src.elements and ctx.commercial:
        parts.append(
            _Out(
                status=Status.INCOMPATIBLE,
                reasons=(
                    _with_clause(
                        _reason(
                            src,
                            f"{src.id} permits only non-commercial use; the reuse "
                            "is commercial",
                        ),
                        "§1 'NonCommercial', §2(a)(1)"
                        if src.version == "4.0"
                        else "§4: the NonCommercial restriction",
                    ),
                ),
            )
        )
    if ctx.drm:
        parts.append(_drm(src))
    if src.kind in (Kind.WAIVER, Kind.PUBLIC_DOMAIN):
        main = _public_domain(src, ctx)
    elif use is Use.ADAPT:
        main = _adapt(src, tgt, ctx)
    else:
        main = _copy(src, tgt, use)
    if not parts:  # the common case: no commercial or DRM blocker to combine
        return main
    parts.append(main)
    return _and(parts)


def _drm(src: License) -> _Out:
    if src.drm == "forbidden":
        return _Out(
            status=Status.INCOMPATIBLE,
            reasons=(
                _reason(
                    src,
                    f"{src.id} forbids distributing the material with effective "
                    "technological measures (DRM) that restrict recipients — also "
                    "as part of a collection",
                    topic="technological measures",
                ),
            ),
        )
    if src.drm == "parallel-distribution":
        return _Out(
            status=Status.CONDITIONAL,
            conditions=(
                f"a copy of the {src.id} material without technical restrictions is "
                "offered alongside the DRM-protected one",
            ),
            obligations=(
                Obligation(
                    kind="drm-free-copy",
                    license_id=src.id,
                    text="Also offer the material without technological measures",
                    source=_key(src),
                ),
            ),
            reasons=(
                _reason(
                    src,
                    f"{src.id} allows technological measures only next to an "
                    "unrestricted copy",
                ),
            ),
        )
    return _OK


def _public_domain(src: License, ctx: Context) -> _Out:
    if src.kind is Kind.WAIVER:
        return _Out(
            status=Status.COMPATIBLE,
            reasons=(
                _reason(
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
        return _Out(
            status=Status.COMPATIBLE,
            reasons=(
                _reason(
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
    if ctx.jurisdiction is not None and ctx.jurisdiction in places:
        return _Out(
            status=Status.COMPATIBLE,
            reasons=(
                _reason(
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
    return _Out(
        status=Status.CONDITIONAL,
        conditions=(
            f"the material is in the public domain where it is reused ({asked}); "
            f"{src.id} establishes it only for {where}{detail}",
        ),
        reasons=(
            _reason(
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


def _copy(src: License, tgt: License, use: Use) -> _Out:
    """Verbatim copies and collections: the item keeps its own licence."""
    if use is Use.COLLECT:
        why = _reason_from(
            _REFS["CC-SAI"],
            f"{src.id}: an unmodified item in a collection keeps its own licence; "
            "ShareAlike/copyleft does not extend to the rest of the collection",
            src.id,
        )
    else:
        why = _reason(src, f"{src.id} permits sharing unmodified copies")
    reasons = [why]
    if src.adaptation.mode == "none":
        reasons.append(
            _reason(
                src,
                f"{src.id} (NoDerivatives) allows unmodified copies, also in a "
                "collection",
                key="CC-CHART",
            )
        )
    obligations = list(_obligations(src, Use.VERBATIM))
    if tgt.id != src.id:
        obligations.append(
            Obligation(
                kind="keep-item-license",
                license_id=src.id,
                text=f"Keep this item under {src.id} and mark it so; {tgt.id} covers "
                "only your own contributions",
                source=_key(src),
            )
        )
    return _Out(
        status=Status.COMPATIBLE,
        reasons=tuple(reasons),
        obligations=tuple(obligations),
    )


def _adapt(src: License, tgt: License, ctx: Context) -> _Out:
    if not ctx.shared:
        return _private(src, tgt)
    database = src.family == "ODbL" and src.adaptation.mode != "any"
    if database and ctx.odbl_work == "produced-work":
        return _Out(
            status=Status.COMPATIBLE,
            reasons=(
                _reason(
                    src,
                    f"{src.id}: a Produced Work may be licensed under any terms, "
                    "with a notice; share-alike binds only Derivative Databases",
                    key="OSMF-FAQ",
                ),
            ),
            obligations=(
                Obligation(
                    kind="produced-work-notice",
                    license_id=src.id,
                    text="State that the work contains information from the "
                    f"database, made available under {src.id}",
                    source=_key(src),
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
        out = _Out(
            out.status,
            _adapt_obligations(src, tgt),
            out.reasons,
            out.choices,
            out.conditions,
            out.assumptions,
        )
    return out


def _adapt_obligations(src: License, tgt: License) -> tuple[Obligation, ...]:
    obligations = list(_obligations(src, Use.ADAPT))
    if src.adaptation.mode != "any":
        obligations.append(
            Obligation(
                kind="license-adaptation-under",
                license_id=src.id,
                text=f"License the adaptation under {tgt.id}",
                source=_key(src),
            )
        )
    return tuple(obligations)


def _private(src: License, tgt: License) -> _Out:
    if src.adaptation.mode == "none":
        if src.private_adaptation_ok:
            return _Out(
                status=Status.COMPATIBLE,
                reasons=(
                    _reason(
                        src,
                        f"{src.id} allows producing adapted material but not "
                        "sharing it",
                        rule=True,
                    ),
                ),
                obligations=(
                    Obligation(
                        kind="do-not-share-adaptation",
                        license_id=src.id,
                        text="Keep the adaptation private: do not share it",
                        source=_key(src),
                    ),
                ),
                assumptions=("the adaptation is kept private, not shared",),
            )
        return _Out(
            status=Status.INCOMPATIBLE,
            reasons=(
                _reason(
                    src,
                    f"{src.id} grants no right to make adaptations at all (pre-4.0 "
                    "NoDerivatives), not even private ones",
                    key="CC-CHART",
                ),
            ),
        )
    return _Out(
        status=Status.COMPATIBLE,
        reasons=(
            _reason(
                src,
                f"{src.id}: its conditions on the adapter's licence apply only when "
                "an adaptation is shared",
                rule=True,
            ),
        ),
        obligations=(
            Obligation(
                kind="recheck-before-sharing",
                license_id=src.id,
                text="Before sharing the adaptation, check it again with shared=True: "
                f"{src.id}'s conditions apply then",
                source=_key(src),
            ),
        ),
        assumptions=(
            f"the adaptation is kept private, so {tgt.id} is not yet applied to it",
        ),
    )


_WHAT = {
    "same": "only the same licence",
    "same-or-later": "the same licence, a later version or a listed port",
    "same-elements": "a CC licence with the same elements",
    "copyleft": "the licences its copyleft clause names",
    "listed": "one of the licences its rule lists",
}


def _adapt_rule(src: License, tgt: License) -> _Out:
    """Does *src*'s adapter's-licence rule admit *tgt* (shared adaptation)?"""
    rule = src.adaptation
    mode = rule.mode
    if mode == "none":
        return _Out(
            status=Status.INCOMPATIBLE,
            reasons=(
                _reason(
                    src,
                    f"{src.id} (NoDerivatives) does not permit sharing adaptations",
                    rule=True,
                ),
            ),
        )
    if tgt.id in rule.excluded:
        return _Out(
            status=Status.INCOMPATIBLE,
            reasons=(
                _reason(
                    src,
                    f"{src.id} material may not be put under {tgt.id}. {rule.note}",
                    topic="compatibility",
                    rule=True,
                ),
            ),
        )
    if tgt.id in rule.conditional:
        return _conditional_target(src, tgt, rule.note, topic="compatibility")
    comp = None
    for declared in rule.compatible:
        if declared.target == tgt.id:
            comp = declared
            break
    if comp is not None:
        since = f", since {comp.since}" if comp.since else ""
        return _Out(
            status=Status.COMPATIBLE,
            reasons=(
                _reason(
                    src,
                    f"{tgt.id} is a declared compatible licence for adaptations of "
                    f"{src.id} ({comp.direction}{since})",
                    key=comp.source,
                ),
            ),
        )
    if mode == "any":
        if tgt.kind in (Kind.WAIVER, Kind.PUBLIC_DOMAIN) and _needs_credit(src):
            return _Out(
                status=Status.INCOMPATIBLE,
                reasons=(
                    _reason(
                        src,
                        f"an adaptation of {src.id} material cannot be dedicated "
                        f"to the public domain or put under {tgt.id}: the "
                        "attribution requirement survives",
                        key="CC-CHART",
                    ),
                ),
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
        return _Out(
            status=Status.COMPATIBLE,
            reasons=(
                _reason(
                    src,
                    f"{src.id} lets an adaptation carry any licence, {tgt.id} "
                    "included, as long as its own notices are kept",
                    rule=True,
                ),
            ),
        )
    if tgt.id == src.id or tgt.id in rule.target_set:
        return _Out(
            status=Status.COMPATIBLE,
            reasons=(
                _reason(
                    src,
                    f"{src.id} allows adaptations under {tgt.id}",
                    rule=True,
                ),
            ),
        )
    if mode == "same-elements" and tgt.family == "CC" and tgt.elements == src.elements:
        return _Out(
            status=Status.COMPATIBLE,
            reasons=(
                _reason(
                    src,
                    f"{src.id} allows any Creative Commons licence with the same "
                    f"licence elements, {tgt.id} included",
                    rule=True,
                ),
            ),
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
        return _Out(
            status=Status.COMPATIBLE,
            reasons=(
                _reason(
                    src,
                    f"{src.id} allows a later version with the same elements "
                    f"({tgt.id})",
                    rule=True,
                ),
            ),
        )
    what = _WHAT.get(mode, "the licences its adaptation rule lists")
    return _Out(
        status=Status.INCOMPATIBLE,
        reasons=(
            _reason(
                src,
                f"{src.id} requires adaptations to be licensed under {what}; "
                f"{tgt.id} is not one of them",
                rule=True,
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
) -> _Out:
    why = why or (
        f"{tgt.id} as the adapter's licence for {src.id} is not settled by the "
        "published sources"
    )
    return _Out(
        status=Status.CONDITIONAL,
        conditions=(why,),
        reasons=(
            _reason(
                src,
                f"{src.id} → {tgt.id} holds only under a condition, or is an open "
                "question not settled by the published sources (see the "
                "conditions)",
                topic=topic,
                rule=True,
            ),
        ),
        obligations=_adapt_obligations(src, tgt),
    )


def _gfdl_migration(src: License, tgt: License, ctx: Context, out: _Out) -> _Out:
    """Wikimedia's 2009 relicensing: eligible GFDL items are also CC BY-SA 3.0."""
    bysa3 = _lookup("CC-BY-SA-3.0")
    if bysa3 is None:
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
                _reason(
                    src,
                    f"{src.id} could never be relicensed to CC BY-SA 3.0: only GFDL "
                    "1.3 or 'or later' grants without invariant sections qualified",
                    key="COM-LU",
                ),
            ),
        )
    via_reason = _reason(
        src,
        "GFDL 1.3 §11 let Wikimedia relicense eligible content to CC BY-SA 3.0 "
        "before 2009-08-01 (Commons:LU criteria)",
        key="COM-LU",
    )
    obligations = (
        *_obligations(bysa3, Use.ADAPT),
        Obligation(
            kind="license-adaptation-under",
            license_id=bysa3.id,
            text=f"License the adaptation under {tgt.id}",
            source=_key(bysa3),
        ),
    )
    if ctx.gfdl_migration_eligible is True:
        return _Out(
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
        return _Out(
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
            _reason(
                src,
                f"the {src.id} item was not eligible for the 2009 relicensing, so "
                "only its GFDL grant applies",
                key="COM-LU",
            ),
        ),
    )


# ---------------------------------------------------------------------------
# Obligations and citations

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


def _needs_credit(src: License) -> bool:
    return bool(src.attribution) or Element.BY in src.elements


_obligation_memo: dict[tuple[str, Use], tuple[License, tuple[Obligation, ...]]] = {}


def _obligations(src: License, use: Use) -> tuple[Obligation, ...]:
    """What *src* asks of anyone who shares its material in *use* (memoised)."""
    hit = _obligation_memo.get((src.id, use))
    if hit is not None and hit[0] is src:
        return hit[1]
    found = _licence_obligations(src, use)
    _obligation_memo[(src.id, use)] = (src, found)
    return found


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
    key = _key(src)
    req = set(src.attribution)
    adapt = use is Use.ADAPT
    out: list[Obligation] = []
    if _needs_credit(src):
        credit = [a for a in src.attribution if a not in _CREDIT_SKIP]
        if adapt and "credit-in-adaptation" in req:
            credit.append("credit-in-adaptation")
        where = _find_topic(src, "attribution")
        clause = f" ({where.clause.removeprefix('attribution ')})" if where else ""
        if src.family in ("CC", "FAL", "Attribution"):
            kind, text = "attribute-tasl", "Credit title, author, source and licence"
        else:
            kind, text = "keep-legal-notices", "Keep the copyright and licence notices"
        out.append(
            Obligation(
                kind=kind,
                license_id=src.id,
                text=text + (f": {', '.join(credit)}" if credit else "") + clause,
                source=where.key if where else key,
            )
        )
    if adapt and "indicate-changes" in req:
        out.append(
            Obligation(
                kind="indicate-changes",
                license_id=src.id,
                text="Indicate that you changed the material"
                + (
                    " and keep earlier change notes"
                    if "keep-change-notes" in req
                    else ""
                ),
                source=key,
            )
        )
    for requirement, adapt_only, kind, text in _SIMPLE_DUTIES:
        if requirement in req and (adapt or not adapt_only):
            out.append(
                Obligation(
                    kind=kind,
                    license_id=src.id,
                    text=text.format(id=src.id),
                    source=key,
                )
            )
    if src.drm == "forbidden":
        out.append(
            Obligation(kind="no-drm", license_id=src.id, text=_NO_DRM, source=key)
        )
    if src.no_additional_restrictions:
        out.append(
            Obligation(
                kind="no-additional-restrictions",
                license_id=src.id,
                text=_NO_TERMS,
                source=key,
            )
        )
    if Element.NC in src.elements:
        out.append(
            Obligation(
                kind="non-commercial-only",
                license_id=src.id,
                text=_NC_ONLY,
                source=key,
            )
        )
    return tuple(out)


def _key(lic: License) -> str:
    return lic.sources[0].key if lic.sources else ""


def _find_topic(lic: License, prefix: str) -> Source | None:
    for s in lic.sources:
        if s.clause.startswith(prefix):
            return s
    return None


def _find_source(lic: License, key: str) -> Source | None:
    """A source by key: the licence's own (with clause), the KB's, this module's."""
    for s in lic.sources:
        if s.key == key:
            return s
    table = current().sources
    return table.get(key) or _REFS.get(key)


def _rule_source(lic: License) -> Source | None:
    """The source backing the adaptation rule, with the clause if known."""
    cites = lic.adaptation.citations
    if cites:
        # The rule's own citations carry the clause; prefer a numbered one.
        for s in cites:
            if s.clause.startswith("§"):
                return s
        return cites[0]
    for key in lic.adaptation.sources:
        candidates = [s for s in lic.sources if s.key == key]
        for s in candidates:
            if s.clause.startswith("§"):
                return s
        if candidates:
            return candidates[-1]
        found = _find_source(lic, key)
        if found is not None:
            return found
    return None


def _reason(
    lic: License,
    text: str,
    *,
    key: str = "",
    topic: str = "",
    rule: bool = False,
) -> Reason:
    ref: Source | None = None
    if key:
        ref = _find_source(lic, key)
    if ref is None and topic:
        ref = _find_topic(lic, topic)
    if ref is None and rule:
        ref = _rule_source(lic)
    if ref is None and lic.sources:
        ref = lic.sources[0]
    return Reason(
        text=text,
        license_id=lic.id,
        source_key=ref.key if ref else key,
        clause=ref.clause if ref else "",
        url=ref.url if ref else lic.legal_code_url,
    )


def _with_clause(reason: Reason, clause: str) -> Reason:
    return Reason(
        text=reason.text,
        license_id=reason.license_id,
        source_key=reason.source_key,
        clause=clause,
        url=reason.url,
    )


def _reason_from(ref: Source, text: str, license_id: str) -> Reason:
    return Reason(
        text=text,
        license_id=license_id,
        source_key=ref.key,
        clause=ref.clause,
        url=ref.url,
    )


def _later_cc(src: License, tgt: License) -> bool:
    """A later CC version with the same elements (the 2.0+ upgrade clause)."""
    if src.family != "CC" or tgt.family != "CC" or tgt.elements != src.elements:
        return False
    if src.adaptation.mode != "same-or-later" or tgt.port is not None:
        return False
    sv, tv = _version(src.version), _version(tgt.version)
    return bool(sv) and bool(tv) and tv > sv

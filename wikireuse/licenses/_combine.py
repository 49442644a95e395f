"""Partial answers and how AND and OR combine them.

The checker answers one source licence against one target licence at a time
(:mod:`wikireuse.licenses._rules`) and folds those answers along the parsed
expressions: every part of an AND must hold (:func:`conjoin`), one branch of
an OR is chosen (:func:`choose`), and the choice is recorded with the reason
a reuser would pick it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, TypeVar

from wikireuse.licenses._model import Element, License
from wikireuse.licenses._verdict import Choice, Obligation, Reason, Status

__all__ = ["OK", "RANK", "Option", "Out", "choose", "conjoin", "uniq", "version_key"]

_T = TypeVar("_T")

# Rank shared by AND (worst = max) and OR (best = min).
RANK = {
    Status.COMPATIBLE: 0,
    Status.CONDITIONAL: 1,
    Status.UNKNOWN: 2,
    Status.INCOMPATIBLE: 3,
}


class Out(NamedTuple):
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


OK = Out(status=Status.COMPATIBLE)
"""A neutral part for :func:`conjoin` (nothing to add)."""


def uniq(items: Iterable[_T]) -> tuple[_T, ...]:
    """The items in first-seen order, each once.

    >>> uniq("abca")
    ('a', 'b', 'c')
    """
    return tuple(dict.fromkeys(items))


def conjoin(parts: Iterable[Out]) -> Out:
    """Every part must hold: the worst status wins."""
    parts = tuple(p for p in parts if p is not OK)
    if len(parts) <= 1:
        return parts[0] if parts else OK
    status = max((p.status for p in parts), key=RANK.__getitem__)
    live = status in (Status.COMPATIBLE, Status.CONDITIONAL)
    deciding = (
        parts
        if status is Status.COMPATIBLE
        else [p for p in parts if p.status is status]
    )
    return Out(
        status=status,
        obligations=uniq(o for p in parts for o in p.obligations) if live else (),
        reasons=uniq(r for p in deciding for r in p.reasons),
        choices=uniq(c for p in parts for c in p.choices),
        conditions=(
            uniq(c for p in parts for c in p.conditions)
            if status is Status.CONDITIONAL
            else ()
        ),
        assumptions=uniq(a for p in parts for a in p.assumptions),
    )


class Option(NamedTuple):
    """One branch of an OR: text, leaf record (single licences) and answer."""

    name: str
    license: License | None
    out: Out


def _pick(options: list[Option], prefer: str | None) -> tuple[Option, str]:
    """The branch a reuser would choose, and why in plain words.

    Only the branches with the best status compete. Among them: the target
    licence itself, when it is one of them; else, within one licence kind
    (same family and elements), the newest version, unported before ported
    (for {{self|cc-by-sa-3.0,2.5,2.0,1.0}} that is 3.0, as CC's later-version
    clauses and Commons' own tag name suggest); then the branch with the
    fewest obligations, then the name.
    """
    rank = min(RANK[o.out.status] for o in options)
    best = [o for o in options if RANK[o.out.status] == rank]
    others = [o for o in options if RANK[o.out.status] != rank]
    status = best[0].out.status.value
    if len(best) == 1:
        why = f"the only {status} option"
        if others:
            rest = ", ".join(sorted(f"{o.name} {o.out.status.value}" for o in others))
            why += f" ({rest})"
        return best[0], why
    names = ", ".join(sorted(o.name for o in best))
    if prefer is not None:
        for o in best:
            if o.license is not None and o.license.id == prefer:
                return o, (
                    f"it is the target licence itself (options that work: {names})"
                )
    newest: dict[tuple[str, frozenset[Element]], Option] = {}
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
    pruned = len(survivors) < len(best)
    if pruned and len(survivors) == 1:
        return chosen, (
            f"the newest version of the same licence among the {status} options "
            f"({names})"
        )
    newest_too = " and is the newest version of its kind" if pruned else ""
    return chosen, (
        f"of the {status} options ({names}), it brings the fewest obligations"
        f"{newest_too}"
    )


def _newer(a: License, b: License | None) -> bool:
    """*a* is a better pick than *b* of the same kind: newer, else unported."""
    if b is None:
        return True
    return (version_key(a.version), b.port is not None, b.id) > (
        version_key(b.version),
        a.port is not None,
        a.id,
    )


def choose(
    role: str, expression: str, options: list[Option], prefer: str | None = None
) -> Out:
    """An OR: pick the best branch and record it; if none works, say why each fails."""
    chosen, why = _pick(options, prefer)
    out = chosen.out
    if out.status in (Status.COMPATIBLE, Status.CONDITIONAL):
        choice = Choice(role=role, expression=expression, chosen=chosen.name, why=why)
        return out._replace(choices=(choice, *out.choices))
    return out._replace(
        reasons=uniq(
            r for o in options if o.out.status is out.status for r in o.out.reasons
        ),
    )


def version_key(v: str | None) -> tuple[int, ...]:
    """A licence version as comparable numbers; ``()`` if absent or not numeric.

    >>> version_key("2.5") < version_key("4.0"), version_key(None)
    (True, ())
    """
    if not v:
        return ()
    try:
        return tuple(int(p) for p in v.split("."))
    except ValueError:
        return ()

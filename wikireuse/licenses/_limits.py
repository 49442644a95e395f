"""Input limits: licence text and expressions are untrusted, so bound them.

Other tools embed the checker on input they do not control. Every public
function therefore refuses, before doing any real work, input that would cost
unbounded time or stack: text longer than :attr:`Limits.text_length`,
nesting (parentheses, templates, expression trees) deeper than
:attr:`Limits.depth`, and more licence terms than :attr:`Limits.terms`. The
scans here are linear and iterative, so the refusal itself is cheap whatever
the input.
"""

from __future__ import annotations

import re

import attrs

from wikireuse.exceptions import LicenseInputError
from wikireuse.licenses._model import AllOf, AnyOf, LicenseRef

__all__ = ["LIMITS", "Limits", "excerpt", "expr_terms", "refuse", "text_terms"]


@attrs.frozen(kw_only=True)
class Limits:
    """The largest licence input the functions accept.

    Attributes:
        text_length: Characters in one licence text (a Commons licence
            section with its templates fits many times over).
        depth: Nesting of parentheses, ``{{templates}}`` or expression trees.
        terms: Licence terms in one expression, and in all the sources of one
            :func:`~wikireuse.licenses.check` together (identical sources
            count once); the checker's work grows with sources × target
            terms, and these bounds keep every answer far below 100 ms.
        sources: Source items given to one call, duplicates included.

    >>> LIMITS.depth
    16
    """

    text_length: int = 10_000
    depth: int = 16
    terms: int = 32
    sources: int = 1_000


LIMITS = Limits()
"""The limits in force."""

# Tokens that open or close a nesting level, and the separators between
# licence terms (operators, template parameters, templates themselves).
_NESTING = re.compile(r"\{\{|\}\}|[()]")
_OPERATORS = re.compile(r"\b(?:and|or|with)\b")  # on lower-cased text: faster
_EXCERPT = 60


def excerpt(value: object) -> str:
    """The start of *value* for an error message (``repr``, at most ~60 chars).

    >>> excerpt("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'… (100 characters)"
    """
    if isinstance(value, str):
        shown = repr(value[:_EXCERPT])
        return shown + (f"… ({len(value)} characters)" if len(value) > _EXCERPT else "")
    return type(value).__name__


def refuse(argument: str, value: object, problem: str) -> LicenseInputError:
    """The error for *argument* (its name), with an excerpt of *value*.

    >>> print(refuse("target", None, "a licence must be given as text"))
    target: a licence must be given as text, not NoneType
    """
    shown = excerpt(value)
    if isinstance(value, str):
        message = f"{argument} {shown}: {problem}"
    else:
        message = f"{argument}: {problem}, not {shown}"
    return LicenseInputError(message=message, argument=argument, excerpt=shown)


def text_terms(text: str, argument: str) -> None:
    """Refuse licence *text* that is too long, too deeply nested or too large.

    Raises:
        LicenseInputError: One of the :data:`LIMITS` is exceeded.

    >>> text_terms("(" * 40 + "MIT" + ")" * 40, "text")
    Traceback (most recent call last):
    ...
    wikireuse.exceptions.LicenseInputError: text '((((((((...
    """
    if len(text) > LIMITS.text_length:
        raise refuse(
            argument,
            text,
            f"longer than {LIMITS.text_length} characters; licence text is "
            "refused beyond that",
        )
    depth = 0
    # The scan below is a Python loop: skip it when no nesting can be too deep.
    openers = text.count("(") + text.count("{{")
    for match in _NESTING.finditer(text) if openers > LIMITS.depth else ():
        if match.group() in ("(", "{{"):
            depth += 1
            if depth > LIMITS.depth:
                raise refuse(
                    argument,
                    text,
                    f"nested more than {LIMITS.depth} levels deep (parentheses "
                    "or templates)",
                )
        elif depth:
            depth -= 1
    separators = text.count("|") + text.count("{{")
    # An operator word takes at least two characters: short text cannot hold
    # enough of them, and skips the (slower) word scan.
    if separators < LIMITS.terms <= separators + len(text) // 2:
        separators += len(_OPERATORS.findall(text.lower()))
    if separators >= LIMITS.terms:
        raise refuse(
            argument,
            text,
            f"more than {LIMITS.terms} licence terms (operators, template "
            "parameters or templates)",
        )


def expr_terms(expr: object, argument: str) -> int:
    """The number of leaves of a caller-built expression, checked on the way.

    The walk is iterative, so a tree nested thousands deep is refused, not a
    ``RecursionError``.

    Raises:
        LicenseInputError: A node is not an expression, or the tree is deeper
            or larger than the :data:`LIMITS`.
    """
    count = 0
    stack: list[tuple[object, int]] = [(expr, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, LicenseRef):
            count += 1
            if count > LIMITS.terms:
                raise refuse(argument, expr, f"more than {LIMITS.terms} licence terms")
            continue
        if isinstance(node, AnyOf):
            children: object = node.options
        elif isinstance(node, AllOf):
            children = node.parts
        else:
            raise refuse(
                argument,
                node,
                "not a licence expression (LicenseRef, AnyOf or AllOf)",
            )
        if depth >= LIMITS.depth:
            raise refuse(argument, expr, f"nested more than {LIMITS.depth} levels deep")
        if not isinstance(children, tuple) or not children:
            raise refuse(argument, expr, "an AnyOf/AllOf needs a non-empty tuple")
        if count + len(stack) + len(children) > LIMITS.terms:
            # Every pending node holds at least one leaf: refuse before
            # walking a tree with millions of children.
            raise refuse(argument, expr, f"more than {LIMITS.terms} licence terms")
        stack.extend((child, depth + 1) for child in children)
    return count

"""Turn licence text from the wild into an :data:`~wikireuse.licenses.Expr`.

Accepted: SPDX ids and expressions (``AND``, ``OR``, ``WITH``, parentheses),
licence URLs, Commons licence templates (``{{self|cc-by-sa-4.0|GFDL}}``,
``GFDL|migration=relicense``), extmetadata short names (``CC BY-SA 3.0 de``)
and common free-text spellings of the Creative Commons licences. Anything
else becomes an explicit *unknown* leaf that keeps the input text: parse
never guesses, and never collapses an ``OR`` choice.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from wikireuse.licenses import _kb, _limits
from wikireuse.licenses._model import (
    UNKNOWN_ID,
    AllOf,
    AnyOf,
    Element,
    Expr,
    Kind,
    LicenseRef,
    leaves,
)

__all__ = ["is_known", "parse"]

# Parameters of {{self}}-style wrappers that are not licences.
_SELF_TEMPLATES = frozenset({"self", "self2", "multi-license", "multi-licence"})
_MIGRATED_TO = "CC-BY-SA-3.0"
# {{GFDL|migration=relicense}}: the file is eligible under GFDL 1.3 §11 and
# was relicensed, so CC BY-SA 3.0 is an additional option (Commons:LU).
_MIGRATION_RELICENSED = frozenset({"relicense", "relicensed"})

_OPERATOR = re.compile(r"(?:\b(?:and|or|with)\b|[()])", re.IGNORECASE)
_SPDX_OPERATOR = re.compile(r"\s(?:AND|OR|WITH)\s")
_URLISH = re.compile(
    r"^(?:(?:https?:)?//|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)+/)", re.IGNORECASE
)
_PREFIX = re.compile(r"^(?:template|category|subst|msgnw)\s*:\s*", re.IGNORECASE)

# Free-text Creative Commons spellings, rewritten to element tokens.
_CC_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), token)
    for pattern, token in (
        (r"creative\s*commons", " cc "),
        (r"share[\s_-]*alike", " sa "),
        (r"non[\s_-]*commercial", " nc "),
        (r"no[\s_-]*deriv(?:ative)?s?(?:[\s_-]*works?)?", " nd "),
        (r"attribution", " by "),
    )
)
_CC_SPLIT = re.compile(r"[\s,_/()\[\]:;\"'-]+")
_CC_NOISE = frozenset(
    {"license", "licence", "licensed", "under", "the", "unported", "international",
     "generic", "version", "public", "deed", "legal", "code", "legalcode"}
)  # fmt: skip
_CC_ELEMENTS = {"by": Element.BY, "sa": Element.SA, "nc": Element.NC, "nd": Element.ND}
_VERSION = re.compile(r"^v?(\d)(?:\.(\d))?$")
# Jurisdiction names beyond those in the records' own names.
_EXTRA_PORT_NAMES = {"england & wales": "uk", "england wales": "uk", "germany de": "de"}


def _ref(license_id: str, text: str, exception: str | None = None) -> LicenseRef:
    return LicenseRef(
        license=_kb.current().by_id[license_id], text=text, exception=exception
    )


def _unknown(text: str, note: str = "") -> LicenseRef:
    return LicenseRef(license=_kb.unknown(note), text=text)


def is_known(expr: Expr | str) -> bool:
    """True when every licence *expr* names is one the knowledge base knows.

    Args:
        expr: Licence text (read with :func:`parse`) or a parsed expression.

    Raises:
        LicenseInputError: *expr* is neither, or is beyond the input limits.

    >>> is_known("CC-BY-SA-4.0 OR GFDL")
    True
    >>> from wikireuse.licenses import parse
    >>> is_known(parse("CC-BY-SA-4.0 OR Foo licence"))
    False
    """
    if isinstance(expr, str):
        expr = parse(expr)
    else:
        _limits.expr_terms(expr, "expr")
    return _known(expr)


def _known(expr: Expr) -> bool:
    return all(leaf.license.kind is not Kind.UNKNOWN for leaf in leaves(expr))


def _any_of(options: list[Expr]) -> Expr:
    unique: dict[object, Expr] = {}
    # OR is associative: a nested choice ({{GFDL|migration=relicense}} inside
    # {{self}}) is flattened into the outer one, which keeps every option.
    flat = [o for option in options for o in _options(option)]
    for option in flat:
        # {{self|GFDL|GFDL}}, or CC BY-SA 3.0 offered both by migration and by
        # {{Cc-by-sa-all}}, is still one option (the first spelling is kept).
        key: object = option
        if isinstance(option, LicenseRef) and not option.license.is_unknown:
            key = (option.license.id, option.exception, option.migration)
        unique.setdefault(key, option)
    found = list(unique.values())
    return found[0] if len(found) == 1 else AnyOf(options=tuple(found))


# ---------------------------------------------------------------- CC free text


@_kb.derived
def _port_names(kb: _kb.KnowledgeBase) -> dict[str, str]:
    """Jurisdiction name or code (normalised) → port code of the CC licences."""
    names = dict(_EXTRA_PORT_NAMES)
    for lic in kb.licenses:
        if lic.family == "CC" and lic.port and lic.version:
            names[lic.port] = lic.port
            where = lic.name.rsplit(f" {lic.version} ", 1)[-1]
            names[_kb.norm_key(where)] = lic.port
    return names


def _resolve_cc(text: str) -> tuple[Expr | None, str]:
    """Structured reading of a Creative Commons name; (None, note) if none."""
    lowered = text.casefold()
    rewritten = lowered
    for pattern, token in _CC_WORDS:
        rewritten = pattern.sub(token, rewritten)
    tokens = [t for t in _CC_SPLIT.split(rewritten) if t and t not in _CC_NOISE]
    if not tokens:
        return None, ""
    has_cc = tokens[0] == "cc"
    if has_cc:
        tokens = tokens[1:]
    elif "attribution" not in lowered:
        return None, ""  # "by 4.0" alone is too thin to call it CC
    elements: set[Element] = set()
    while tokens and tokens[0] in _CC_ELEMENTS:
        elements.add(_CC_ELEMENTS[tokens.pop(0)])
    if Element.BY not in elements:
        return None, ""
    versions: list[str] = []
    while tokens and (match := _VERSION.match(tokens[0])):
        versions.append(f"{match.group(1)}.{match.group(2) or '0'}")
        tokens.pop(0)
    label = "CC " + "-".join(e.value for e in _ordered(elements))
    if not versions:
        if tokens:
            return None, ""
        return None, (
            f"{text!r} names {label} without a version; the versions differ in "
            "what an adaptation may be licensed under, so the version must be known"
        )
    port: str | None = None
    if tokens:
        port = _port_names().get(" ".join(tokens))
        if port is None or len(versions) > 1:
            return None, (
                f"{text!r}: {' '.join(tokens)!r} is not a jurisdiction port the "
                "knowledge base knows"
            )
    cc = _kb.current().cc
    found: list[Expr] = []
    for version in versions:
        license_id = cc.get((frozenset(elements), version, port))
        if license_id is None:
            where = f" {port}" if port else ""
            return None, f"{label} {version}{where} is not in the knowledge base"
        found.append(_ref(license_id, text))
    return _any_of(found), ""


def _options(expr: Expr) -> tuple[Expr, ...]:
    return expr.options if isinstance(expr, AnyOf) else (expr,)


def _ordered(elements: set[Element]) -> list[Element]:
    order = (Element.BY, Element.NC, Element.SA, Element.ND)
    return [e for e in order if e in elements]


# ---------------------------------------------------------------- GNU names

# The FSF's names: "GNU General Public License v3.0 or later", "GNU GPL
# version 2", "GNU Lesser General Public License", "GNU Free Documentation
# License 1.3 only", "AGPLv3+".
_GNU = re.compile(
    r"^(?:the\s+)?(?:gnu\s+)?(?P<family>"
    r"(?:(?:affero|lesser|library)\s+)?general\s+public(?=\s+licen[cs]e)"
    r"|free\s+documentation(?=\s+licen[cs]e)"
    r"|a?gpl|lgpl|g?fdl)(?:\s+licen[cs]e)?"
    r"(?:[\s,]*(?:version|ver\.?|v)?\s*(?P<version>\d+(?:\.\d+)?))?"
    r"\s*(?P<grant>\+|(?:,\s*)?or\s+(?:any\s+)?later(?:\s+version)?|or-later|only)?$",
    re.IGNORECASE,
)
_GNU_FAMILY = {
    "general public": "GPL",
    "gpl": "GPL",
    "affero general public": "AGPL",
    "agpl": "AGPL",
    "lesser general public": "LGPL",
    "library general public": "LGPL",
    "lgpl": "LGPL",
    "free documentation": "GFDL",
    "fdl": "GFDL",
    "gfdl": "GFDL",
}
# A name without a version, read by the licence's own terms: "If the Program
# does not specify a version number of this License, you may choose any
# version ever published by the Free Software Foundation" (GPLv2 §9, GPLv3
# §14, AGPLv3 §14; LGPLv2.1 §13 and GFDL §10 say the same of theirs). The
# oldest version the knowledge base holds, "or later", is that choice (GPL 1.0
# and AGPL 1.0 are left out, which can only remove options).
_GNU_UNVERSIONED = {
    "GPL": "GPL-2.0-or-later",
    "LGPL": "LGPL-2.0-or-later",
    "AGPL": "AGPL-3.0-or-later",
    "GFDL": "GFDL-1.1-or-later",
}


def _resolve_gnu(term: str) -> str | None:
    """The id a GNU licence name gives, or ``None`` if it is not one."""
    match = _GNU.match(" ".join(term.split()))
    if match is None:
        return None
    family = _GNU_FAMILY[" ".join(match.group("family").casefold().split())]
    version, grant = match.group("version"), (match.group("grant") or "").casefold()
    if version is None:
        return None if grant else _GNU_UNVERSIONED[family]
    if "." not in version:
        version += ".0"
    later = grant.endswith(("later", "later version", "+"))
    # Without "or later" a numbered version is that version only (GPLv3 §14).
    found = f"{family}-{version}-{'or-later' if later else 'only'}"
    return found if found in _kb.current().by_id else None


# ---------------------------------------------------------------- single terms


def _resolve_term(text: str) -> tuple[Expr | None, str]:
    """Resolve one licence name, URL or template name; (None, note) if not."""
    kb = _kb.current()
    term = _PREFIX.sub("", text.strip()).strip().strip("\"'").strip()
    if not term:
        return None, "empty licence text"
    key = _kb.norm_key(term)
    license_id = kb.names.get(key)
    if license_id is not None:
        return _ref(license_id, text), ""
    several = kb.multi.get(key)
    if several is not None:  # {{Cc-by-sa-all}}: several licences, an OR
        return _any_of([_ref(i, text) for i in several]), ""
    if _URLISH.match(term):
        license_id = kb.urls.get(_kb.url_key(term))
        if license_id is not None:
            return _ref(license_id, text), ""
        return None, f"the URL {term!r} is not a licence URL the knowledge base knows"
    gnu = _resolve_gnu(term)
    if gnu is not None:
        return _ref(gnu, text), ""
    expr, note = _resolve_cc(term)
    if expr is not None:
        return expr, ""
    # One trailing parenthesis after text without any: linear to match, and
    # no recursion however many parentheses the text holds.
    paren = re.fullmatch(r"([^()]*?)\s*\(([^()]*)\)\s*", term)
    if paren:
        outer, _ = _resolve_term(paren.group(1)) if paren.group(1) else (None, "")
        inner, _ = _resolve_term(paren.group(2))
        # "Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)": both halves
        # must name the same licence, or this is not one licence name.
        if outer is not None and inner is not None and _same(outer, inner):
            return _retext(inner, text), ""
    return None, note


def _same(a: Expr, b: Expr) -> bool:
    return [leaf.license.id for leaf in leaves(a)] == [
        leaf.license.id for leaf in leaves(b)
    ]


def _retext(expr: Expr, text: str) -> Expr:
    if isinstance(expr, LicenseRef):
        return attrs.evolve(expr, text=text)
    if isinstance(expr, AnyOf):
        return AnyOf(options=tuple(_retext(o, text) for o in expr.options))
    return AllOf(parts=tuple(_retext(p, text) for p in expr.parts))


# ---------------------------------------------------------------- templates


def _split_top(body: str, sep: str = "|") -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    i = 0
    while i < len(body):
        pair = body[i : i + 2]
        if pair in ("{{", "[["):
            depth += 1
            current.append(pair)
            i += 2
            continue
        if pair in ("}}", "]]") and depth:
            depth -= 1
            current.append(pair)
            i += 2
            continue
        if body[i] == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(body[i])
        i += 1
    parts.append("".join(current))
    return parts


def _templates(text: str) -> list[str]:
    """Bodies of the top-level ``{{...}}`` in *text* (the text itself if none)."""
    if "{{" not in text:
        return [text]
    bodies: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text) - 1:
        pair = text[i : i + 2]
        if pair == "{{":
            if depth == 0:
                start = i + 2
            depth += 1
            i += 2
        elif pair == "}}" and depth:
            depth -= 1
            if depth == 0:
                bodies.append(text[start:i])
            i += 2
        else:
            i += 1
    return bodies


def _template(body: str) -> Expr:
    parts = _split_top(body)
    name = parts[0].strip()
    named: dict[str, str] = {}
    positional: list[str] = []
    for part in parts[1:]:
        key, eq, value = part.partition("=")
        if eq and "{{" not in key:
            named[_kb.norm_key(key)] = value.strip()
        elif part.strip():
            positional.append(part.strip())
    migration = _kb.norm_key(named["migration"]) if "migration" in named else None
    if _kb.norm_key(_PREFIX.sub("", name)) in _SELF_TEMPLATES:
        # Every positional parameter of {{self}} is meant as a licence, so an
        # unknown one stays visible as an unknown option.
        options = [_with_migration(_leaf(p), migration) for p in positional]
        if not options:
            return _unknown(body, "{{self}} without any licence")
        return _any_of(options)
    return _with_migration(_leaf(name, body), migration)


def _leaf(name: str, text: str | None = None) -> Expr:
    expr, note = _resolve_term(name)
    return expr if expr is not None else _unknown(text or name, note)


def _with_migration(expr: Expr, migration: str | None) -> Expr:
    """A GFDL leaf with the Commons ``migration=`` value it was tagged with.

    ``relicense`` adds CC BY-SA 3.0 as an option (the template appends
    {{Cc-by-sa-3.0-migrated}}); every value is kept on the leaf, where the
    checker reads the eligibility it states (Template:License migration).
    """
    if migration is None or not isinstance(expr, LicenseRef):
        return expr
    if expr.license.family != "GFDL":
        return expr
    tagged = LicenseRef(
        license=expr.license,
        text=expr.text,
        exception=expr.exception,
        migration=migration,
    )
    if migration not in _MIGRATION_RELICENSED:
        return tagged
    return AnyOf(options=(tagged, _ref(_MIGRATED_TO, expr.text)))


# ---------------------------------------------------------------- expressions


@_kb.derived
def _licensing(kb: _kb.KnowledgeBase) -> Any:
    """A ``license_expression.Licensing`` over the knowledge base's ids."""
    # Imported here: license_expression costs ~20 ms and most callers never
    # need an SPDX expression.
    from license_expression import LicenseSymbol, Licensing

    aliases: dict[str, list[str]] = {}
    for key, license_id in kb.names.items():
        # Multi-word aliases that contain an operator word would confuse the
        # tokenizer; single-term resolution handles those.
        if key != license_id.casefold() and not _OPERATOR.search(key):
            aliases.setdefault(license_id, []).append(key)
    symbols = [
        LicenseSymbol(key=lic.id, aliases=tuple(aliases.get(lic.id, ())))
        for lic in kb.licenses
        if lic.id != UNKNOWN_ID
    ]
    return Licensing(symbols)


def _convert(node: Any, licensing: Any) -> Expr:
    if isinstance(node, licensing.AND):
        return AllOf(parts=tuple(_convert(a, licensing) for a in node.args))
    if isinstance(node, licensing.OR):
        return _any_of([_convert(a, licensing) for a in node.args])
    exception: str | None = None
    symbol = node
    if hasattr(node, "license_symbol"):  # LicenseWithExceptionSymbol
        exception = str(node.exception_symbol.key)
        symbol = node.license_symbol
    key = str(symbol.key)
    kb = _kb.current()
    if key in kb.by_id:
        leaf: Expr = _ref(key, key, exception)
    else:
        leaf = _leaf(key)
    if exception is not None and isinstance(leaf, LicenseRef):
        leaf = LicenseRef(license=leaf.license, text=leaf.text, exception=exception)
    return leaf


def _parse_expression(text: str) -> tuple[Expr | None, str]:
    from license_expression import ExpressionError

    # license_expression raises a few plain errors on malformed input (an
    # IndexError for "()"): all of them mean "not an expression".
    parser_errors = (
        ExpressionError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        KeyError,
    )

    licensing = _licensing()
    try:
        # The simple tokenizer (symbols are single words) is about twice as
        # fast and reads plain SPDX expressions the same; multi-word names
        # ("CC BY-SA 4.0 OR GFDL") make it fail, and then the full tokenizer,
        # which knows every alias, reads the text.
        tree = licensing.parse(text, validate=False, simple=True)
    except parser_errors:
        tree = None
    if tree is None:
        try:
            tree = licensing.parse(text, validate=False, simple=False)
        except parser_errors as exc:
            return None, f"not a valid licence expression: {exc}"
    if tree is None:
        return None, "empty licence expression"
    return _convert(tree, licensing), ""


# ---------------------------------------------------------------- entry point


def parse(text: str) -> Expr:
    """Parse licence text into an expression tree of known or unknown leaves.

    OR stays a choice (:class:`AnyOf`), AND stays a conjunction
    (:class:`AllOf`); nothing is simplified away. Text that names no known
    licence becomes a :class:`LicenseRef` to the explicit unknown record
    (kind :attr:`Kind.UNKNOWN`) with a note saying why.

    Args:
        text: An SPDX id or expression, a licence URL, a Commons template
            (with or without braces), an extmetadata short name or a
            free-text licence name.

    Returns:
        The expression.

    Raises:
        LicenseInputError: *text* is not a string, or is longer, more deeply
            nested or has more terms than :data:`LIMITS` allows.

    >>> parse("CC BY-SA 4.0").license.id
    'CC-BY-SA-4.0'
    >>> [o.license.id for o in parse("{{self|GFDL|cc-by-sa-3.0}}").options]
    ['GFDL-1.2-no-invariants-or-later', 'CC-BY-SA-3.0']
    >>> parse("CC BY-SA").license.kind
    <Kind.UNKNOWN: 'unknown'>
    """
    if not isinstance(text, str):
        raise _limits.refuse("text", text, "parse() needs licence text (str)")
    found = _kb.current().by_id.get(text)
    if found is not None and found.kind is not Kind.UNKNOWN:
        # The common case, an exact identifier: nothing to scan or normalise.
        return LicenseRef(license=found, text=text)
    _limits.text_terms(text, "text")
    stripped = text.strip()
    if not stripped:
        return _unknown(text, "empty licence text")
    found = _kb.current().by_id.get(stripped)
    if found is not None and found.kind is not Kind.UNKNOWN:
        return LicenseRef(license=found, text=text)
    if "{{" in stripped or ("|" in stripped and not _OPERATOR.search(stripped)):
        options = [_template(body) for body in _templates(stripped)]
        # Several licence templates on one file page are a multi-licence
        # offer; non-licence templates ({{Information}}) drop out, which can
        # only remove options, never add a permission.
        known = [o for o in options if _known(o)]
        if options:
            return _any_of(known or options)
        return _unknown(text, "no template found")
    early: tuple[Expr | None, str] | None = None
    if _SPDX_OPERATOR.search(stripped):
        # "A OR B" in SPDX's upper-case syntax: an expression, unless some of
        # its parts are unknown and the whole is a licence name after all.
        early = _parse_expression(stripped)
        if early[0] is not None and _known(early[0]):
            return early[0]
    expr, note = _resolve_term(stripped)
    if expr is not None:
        return _retext(expr, text) if isinstance(expr, LicenseRef) else expr
    if _OPERATOR.search(stripped):
        parsed, expr_note = early or _parse_expression(stripped)
        if parsed is not None and any(
            leaf.license.kind is not Kind.UNKNOWN for leaf in leaves(parsed)
        ):
            return parsed
        note = note or expr_note
    return _unknown(text, note)

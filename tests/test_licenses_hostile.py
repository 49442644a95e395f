"""Crafted and hostile input: the licence functions answer or refuse, never crash.

Other tools embed the checker on untrusted input, so every public function
either returns its result or raises a :class:`LicenseError` (for input beyond
:data:`LIMITS`, a :class:`LicenseInputError` naming the argument). Speed on
these inputs is measured in ``benchmarks/bench_licenses.py`` (the
"hostile input" rows), not asserted here.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikireuse.cli import main
from wikireuse.exceptions import (
    ConfigurationError,
    LicenseError,
    LicenseInputError,
    UnknownLicenseError,
)
from wikireuse.licenses import (
    LIMITS,
    AllOf,
    AnyOf,
    Status,
    check,
    explain,
    get,
    is_known,
    outbound,
    parse,
    suggest,
)

NESTED = "(" * 5000 + "MIT" + ")" * 5000
MANY_TERMS = " OR ".join(["MIT", "CC-BY-SA-4.0"] * 50_000)
HUGE = "CC-BY-SA-4.0 " * 800_000  # about 10 MB

CALLS: dict[str, Callable[[str], object]] = {
    "parse": parse,
    "is_known": is_known,
    "explain": explain,
    "check-source": lambda text: check(text, "CC-BY-SA-4.0"),
    "check-target": lambda text: check("CC-BY-4.0", text),
    "outbound": outbound,
    "get": get,
    "suggest": suggest,
}


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("5000 nested parentheses", NESTED),
        ("100 000 terms", MANY_TERMS),
        ("10 MB", HUGE),
    ],
)
def test_crafted_text_is_refused_with_a_typed_error(
    call: str, label: str, text: str
) -> None:
    """Deep nesting, huge expressions and huge strings: LicenseInputError."""
    with pytest.raises(LicenseInputError) as caught:
        CALLS[call](text)
    assert caught.value.argument in ("text", "sources", "target", "license_id")
    assert caught.value.excerpt.startswith(repr(text[:10])[:-1])


@pytest.mark.parametrize(
    "text", ["()", "(", ")", "AND", "OR OR", "(MIT", "MIT)", "WITH"]
)
def test_malformed_expressions_are_unknown(text: str) -> None:
    """Malformed expressions (the SPDX parser raises IndexError on "()") are unknown."""
    assert not is_known(text)
    assert Status.UNKNOWN == check(text, "CC-BY-SA-4.0").status


def test_nested_templates_are_refused() -> None:
    """Templates nested past the limit are refused like parentheses."""
    text = "{{self|" * (LIMITS.depth + 1) + "GFDL" + "}}" * (LIMITS.depth + 1)
    with pytest.raises(LicenseInputError, match="nested"):
        parse(text)


def test_nesting_and_terms_within_the_limits_still_parse() -> None:
    """Input just inside the limits is read as before."""
    nested = "(" * (LIMITS.depth - 1) + "MIT OR CC0-1.0" + ")" * (LIMITS.depth - 1)
    assert is_known(nested)
    terms = " AND ".join(["MIT", "CC0-1.0"] * (LIMITS.terms // 2))
    assert Status.COMPATIBLE == check(terms, "CC-BY-SA-4.0").status


def _deep(depth: int) -> AnyOf:
    expr = parse("MIT")
    for _ in range(depth):
        expr = AnyOf(options=(expr,))
    return expr  # type: ignore[return-value]


@pytest.mark.parametrize(
    "call",
    [
        lambda e: check(e, "MIT"),
        lambda e: check("MIT", e),
        lambda e: outbound(e),
        lambda e: is_known(e),
    ],
)
def test_deep_caller_built_trees_are_refused(call: Callable[[object], object]) -> None:
    """An expression tree 5000 deep is refused, not a RecursionError."""
    with pytest.raises(LicenseInputError, match="nested"):
        call(_deep(5000))


def test_wide_caller_built_trees_are_refused() -> None:
    """An AllOf of a million parts is refused before it is walked."""
    mit = parse("MIT")
    with pytest.raises(LicenseInputError, match="terms"):
        check(AllOf(parts=(mit,) * 1_000_000), "CC-BY-SA-4.0")


def test_malformed_caller_built_trees_are_refused() -> None:
    """A node that is not an expression is refused with the argument named."""
    with pytest.raises(LicenseInputError, match=r"^target") as caught:
        check("MIT", AnyOf(options=("MIT",)))  # type: ignore[arg-type]
    assert "target" == caught.value.argument


def test_too_many_sources_are_refused_without_reading_them_all() -> None:
    """An endless iterable of sources is refused after the limit."""

    def endless() -> object:
        while True:
            yield "MIT"

    with pytest.raises(LicenseInputError, match="sources"):
        check(endless(), "CC-BY-SA-4.0")  # type: ignore[arg-type]
    with pytest.raises(LicenseInputError, match="sources"):
        check(["MIT"] * (LIMITS.sources + 1), "CC-BY-SA-4.0")


def test_many_identical_sources_count_once() -> None:
    """Identical sources add nothing: a credits page with one licence repeated."""
    verdict = check(["CC-BY-4.0"] * LIMITS.sources, "CC-BY-SA-4.0")
    assert Status.COMPATIBLE == verdict.status


def test_many_distinct_source_terms_are_refused() -> None:
    """More distinct source terms than the limit are refused, naming them."""
    sources = [f"MIT OR CC0-1.0 OR GPL-{i}.0-only" for i in range(2, 4)] * 20
    distinct = [f"({s}) AND X-{i}" for i, s in enumerate(sources)]
    with pytest.raises(LicenseInputError, match="sources"):
        check(distinct, "CC-BY-SA-4.0")


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: get(None), "license_id"),
        (lambda: check(None, "MIT"), "sources"),
        (lambda: check("MIT", None), "target"),
        (lambda: check(["MIT", 3], "MIT"), "sources[1]"),
        (lambda: outbound(None), "sources"),
        (lambda: explain(None), "id_or_text"),
        (lambda: is_known(None), "expr"),
        (lambda: parse(b"MIT"), "text"),
        (lambda: suggest(42), "text"),
    ],
)
def test_wrong_types_are_typed_errors(
    call: Callable[[], object], argument: str
) -> None:
    """None, bytes and numbers give LicenseInputError (a ConfigurationError)."""
    with pytest.raises(LicenseInputError) as caught:
        call()
    assert argument == caught.value.argument
    assert isinstance(caught.value, ConfigurationError)


@pytest.mark.parametrize("flag", ["commercial", "shared", "drm", "quotation"])
def test_context_flags_must_be_booleans(flag: str) -> None:
    """A string where a flag belongs is refused, not read as truthy."""
    with pytest.raises(ConfigurationError, match=flag):
        check("MIT", "MIT", **{flag: "no"})  # type: ignore[arg-type]


def test_is_known_accepts_text_and_expressions() -> None:
    """is_known() takes licence text as well as a parsed expression."""
    assert is_known("CC-BY-SA-4.0 OR GFDL")
    assert not is_known("CC-BY-SA-4.0 OR Foo licence")
    assert is_known(parse("{{self|cc-by-sa-4.0}}"))


# ------------------------------------------------------------ did you mean …?


def test_suggest_offers_close_names() -> None:
    """Mistyped licence names get the knowledge base's closest ids."""
    assert "CC-BY-SA-4.0" == suggest("CC-BY-SA-4")[0]
    assert "CC-BY-SA-4.0" == suggest("Creative Commons Atribution-ShareAlike 4.0")[0]
    assert "MIT" == suggest("MIT licence")[0]
    assert () == suggest("zzzzzzzzzz")
    assert () == suggest("x" * 500)  # no name is that long


def test_get_error_carries_suggestions() -> None:
    """UnknownLicenseError names close matches in its message and attribute."""
    with pytest.raises(UnknownLicenseError, match=r"did you mean CC-BY-SA-4\.0") as e:
        get("CC-BY-SAA-4.0")
    assert "CC-BY-SA-4.0" == e.value.suggestions[0]


def test_explain_of_an_unknown_name_suggests() -> None:
    """explain() of a mistyped name lists the close known names."""
    assert "Did you mean: CC-BY-SA-4.0" in explain("CC-BY-SAA-4.0")


def test_cli_license_check_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI names the unknown licence and what was probably meant."""
    code = main(["license", "check", "CC-BY-SAA-4.0", "--into", "CC-BY-SA-4.0"])
    err = capsys.readouterr().err
    assert 3 == code
    assert "unknown licence 'CC-BY-SAA-4.0'; did you mean CC-BY-SA-4.0" in err


def test_cli_license_outbound_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    """Outbound of a mistyped name exits 3 with a suggestion."""
    code = main(["license", "outbound", "GLP-3.0"], stdout=io.StringIO())
    assert 3 == code
    assert "did you mean OGL-UK-3.0, GPL-3.0-only" in capsys.readouterr().err


def test_cli_refuses_hostile_text(capsys: pytest.CaptureFixture[str]) -> None:
    """Hostile text on the command line is a usage error, not a traceback."""
    code = main(["license", "check", NESTED[:9000], "--into", "MIT"])
    assert 64 == code
    assert "nested more than" in capsys.readouterr().err


# ------------------------------------------------------------ _repr_html_


def test_verdict_html_escapes_every_part() -> None:
    """Markup in licence text is escaped in the notebook HTML."""
    hostile = '<img src=x onerror="alert(1)">'
    html = check([hostile, "CC-BY-4.0"], "CC-BY-SA-4.0")._repr_html_()
    assert "<img" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert html.startswith('<div class="wikireuse-verdict">')


def test_verdict_html_has_the_explanation() -> None:
    """The HTML carries the same sections as explain()."""
    verdict = check("CC-BY-SA-3.0", "CC-BY-SA-4.0")
    html = verdict._repr_html_()
    assert "COMPATIBLE" in html
    for title in ("Why:", "You must:", "Assumed:"):
        assert title in verdict.explain()
        assert f"<p>{title}</p>" in html


# ------------------------------------------------------------ properties

texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet="(){}|[] ORANDWITHorandwith-MITCC0BYSA4.0,=", max_size=400),
    st.builds(
        lambda n, inner: "(" * n + inner + ")" * n,
        st.integers(0, 20_000),
        st.sampled_from(["MIT", "CC-BY-SA-4.0 OR GFDL", "", "{{self|GFDL}}"]),
    ),
    st.builds(
        lambda piece, n: piece * n,
        st.sampled_from(["MIT OR ", "{{", "(", "CC BY-SA ", "|x", "\ud800", "a "]),
        st.integers(0, 200_000),
    ),
)


def _answers_or_refuses(call: Callable[[], object]) -> None:
    with contextlib.suppress(LicenseError):  # anything else fails the test
        call()


@settings(max_examples=150, deadline=None)
@given(texts)
def test_any_text_gives_a_result_or_a_licence_error(text: str) -> None:
    """parse/check/outbound/explain/is_known/suggest never raise anything else."""
    for call in CALLS.values():
        _answers_or_refuses(lambda call=call: call(text))  # type: ignore[misc]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 6_000), st.booleans())
def test_any_tree_gives_a_result_or_a_licence_error(depth: int, wide: bool) -> None:
    """Caller-built trees of any depth or width: a result or LicenseError."""
    expr = _deep(depth) if not wide else AllOf(parts=(parse("MIT"),) * depth)
    for call in (lambda: check(expr, "MIT"), lambda: is_known(expr)):
        _answers_or_refuses(call)

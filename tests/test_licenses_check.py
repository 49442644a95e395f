"""Tests of wikireuse.licenses.check() / outbound() and the verdict renderers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import skip_or_fail
from wikireuse.exceptions import ConfigurationError
from wikireuse.licenses import (
    AnyOf,
    Status,
    Use,
    Verdict,
    check,
    get,
    outbound,
    parse,
)

ROOT = Path(__file__).resolve().parents[1]
CASES: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "data" / "compat_cases.json").read_text(encoding="utf-8")
)["cases"]


def _run(case: dict[str, Any]) -> Verdict:
    return check(
        case["sources"],
        case["target"],
        use=case.get("use", "adapt"),
        **case.get("context", {}),
    )


# ---------------------------------------------------------------------------
# The case table


def test_case_table_is_large_cited_and_unique() -> None:
    """The table has at least 60 cases, unique ids, each citing its source."""
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 60
    assert len(ids) == len(set(ids))
    assert [] == [c["id"] for c in CASES if len(c.get("source", "")) < 10]


def test_case_table_covers_every_status() -> None:
    """Every status appears in the table as an expectation."""
    assert {s.value for s in Status} == {c["expect"] for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    """Each case of the table gets the cited status, branch and obligations."""
    verdict = _run(case)
    assert case["expect"] == verdict.status.value, verdict.explain()
    if "chosen" in case:
        assert case["chosen"] in {c.chosen for c in verdict.choices}
    kinds = {o.kind for o in verdict.obligations}
    assert set(case.get("obligations", ())) <= kinds


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_reasons_cite_a_source(case: dict[str, Any]) -> None:
    """Every verdict gives at least one reason; known-licence reasons cite a text."""
    verdict = _run(case)
    assert verdict.reasons
    if verdict.status is not Status.UNKNOWN:
        assert all(r.source_key and r.url for r in verdict.reasons)


# ---------------------------------------------------------------------------
# Use modes, context and assumptions


def test_format_convert_is_verbatim_and_says_so() -> None:
    """format-convert is answered as verbatim and the mapping is an assumption."""
    verdict = check("CC-BY-SA-4.0", "CC-BY-SA-4.0", use="format-convert")
    assert Use.VERBATIM == verdict.use
    assert any("§2(a)(4)" in a for a in verdict.assumptions)


def test_synch_is_adaptation_and_says_so() -> None:
    """Synch is answered as an adaptation and the mapping is an assumption."""
    verdict = check("CC-BY-SA-4.0", "CC-BY-SA-4.0", use="synch")
    assert Use.ADAPT == verdict.use
    assert any("synchronised" in a for a in verdict.assumptions)


def test_collect_states_the_collection_judgement() -> None:
    """A collect verdict says the collection/adaptation line is the user's call."""
    verdict = check("CC-BY-SA-4.0", "MIT", use="collect")
    assert any("legal judgement" in a for a in verdict.assumptions)


def test_gfdl_eligibility_unknown_is_a_stated_condition() -> None:
    """Unknown 2009-migration eligibility gives a condition naming the criteria."""
    verdict = check("GFDL-1.2-no-invariants-or-later", "CC-BY-SA-4.0")
    assert Status.CONDITIONAL == verdict.status
    assert any("2009" in c for c in verdict.conditions)


def test_gfdl_migration_records_the_branch_used() -> None:
    """An eligible GFDL item is reported as used under CC BY-SA 3.0."""
    verdict = check("GFDL-1.3-or-later", "CC-BY-SA-4.0", gfdl_migration_eligible=True)
    assert "CC-BY-SA-3.0" in {c.chosen for c in verdict.choices}


def test_quotation_reason_names_the_exception() -> None:
    """A quotation verdict says it relies on an exception, not on the licence."""
    verdict = check("GPL-3.0-only", "CC-BY-4.0", quotation=True)
    assert Status.CONDITIONAL == verdict.status
    assert "BERNE-10" == verdict.reasons[0].source_key
    assert "copyright exception" in verdict.reasons[0].text


def test_or_later_target_is_conditional_with_safe_alternative() -> None:
    """GPL-3.0-or-later for BY-SA 4.0 is conditional and names GPL-3.0-only."""
    verdict = check("CC-BY-SA-4.0", "GPL-3.0-or-later")
    assert Status.CONDITIONAL == verdict.status
    assert any("GPL-3.0-only" in c for c in verdict.conditions)


def test_jurisdiction_is_case_insensitive() -> None:
    """'US' and 'us' give the same public-domain answer."""
    upper = check("PD-US", "CC-BY-4.0", jurisdiction="US")
    lower = check("PD-US", "CC-BY-4.0", jurisdiction="us")
    assert Status.COMPATIBLE == upper.status
    assert lower == upper


def test_pd_condition_names_the_country() -> None:
    """A PD-US source reused in Germany is conditional and says where."""
    verdict = check("PD-US", "CC-BY-4.0", jurisdiction="de")
    assert Status.CONDITIONAL == verdict.status
    assert any("DE" in c and "US" in c for c in verdict.conditions)


def test_incompatible_verdicts_carry_no_obligations() -> None:
    """Obligations are only listed when the reuse can go ahead."""
    assert () == check("CC-BY-SA-4.0", "CC-BY-4.0").obligations


def test_with_exception_is_conditional() -> None:
    """A licence WITH an exception is not silently treated as the bare licence."""
    verdict = check("GPL-3.0-only WITH Classpath-exception-2.0", "GPL-3.0-only")
    assert Status.CONDITIONAL == verdict.status


# ---------------------------------------------------------------------------
# Inputs


def test_accepts_records_and_expressions() -> None:
    """License records and parsed expressions give the verdict that text gives."""
    by_text = check(["CC-BY-SA-3.0", "CC-BY-2.0"], "CC-BY-SA-4.0")
    by_objects = check([get("CC-BY-SA-3.0"), parse("CC-BY-2.0")], parse("CC-BY-SA-4.0"))
    assert by_text == by_objects


def test_single_source_string() -> None:
    """A single string is one source, not a sequence of characters."""
    assert ("CC-BY-SA-3.0",) == check("CC-BY-SA-3.0", "CC-BY-SA-4.0").sources


def test_source_order_does_not_matter() -> None:
    """Reversing the sources gives an equal verdict."""
    a = check(["CC-BY-SA-3.0", "CC-BY-2.0", "GFDL-1.2-only"], "CC-BY-SA-4.0")
    b = check(["GFDL-1.2-only", "CC-BY-2.0", "CC-BY-SA-3.0"], "CC-BY-SA-4.0")
    assert a == b


def test_or_order_does_not_matter() -> None:
    """The order of OR options does not change the branch chosen."""
    a = check("CC-BY-SA-4.0 OR GFDL-1.3-or-later", "CC-BY-SA-4.0")
    b = check("GFDL-1.3-or-later OR CC-BY-SA-4.0", "CC-BY-SA-4.0")
    assert a == b


def test_any_of_with_no_good_branch_is_incompatible() -> None:
    """An OR where every branch fails is incompatible, listing each branch's why."""
    verdict = check(
        AnyOf(options=(parse("CC-BY-ND-4.0"), parse("GPL-2.0-only"))), "MIT"
    )
    assert Status.INCOMPATIBLE == verdict.status
    assert {"CC-BY-ND-4.0", "GPL-2.0-only"} <= {r.license_id for r in verdict.reasons}


def test_repeated_calls_are_memoised() -> None:
    """The same question twice returns the cached verdict object."""
    first = check(["CC-BY-SA-3.0", "CC-BY-2.0"], "CC-BY-SA-4.0", use="collect")
    assert first is check(["CC-BY-SA-3.0", "CC-BY-2.0"], "CC-BY-SA-4.0", use="collect")


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"use": "remix"}, "use must be one of"),
        ({"odbl_work": "map"}, "odbl_work must be one of"),
    ],
)
def test_bad_context_is_a_typed_error(kwargs: dict[str, Any], fragment: str) -> None:
    """An unknown use mode or ODbL work kind raises ConfigurationError."""
    with pytest.raises(ConfigurationError, match=fragment):
        check("CC-BY-SA-4.0", "CC-BY-SA-4.0", **kwargs)


def test_no_sources_is_a_typed_error() -> None:
    """An empty source list raises ConfigurationError."""
    with pytest.raises(ConfigurationError, match="at least one source"):
        check([], "CC-BY-SA-4.0")


def test_wrong_input_type_is_a_typed_error() -> None:
    """A number as a licence raises ConfigurationError."""
    with pytest.raises(ConfigurationError, match="not int"):
        check([42], "CC-BY-SA-4.0")  # type: ignore[list-item]


# ---------------------------------------------------------------------------
# outbound()


def test_outbound_bysa30_and_by20() -> None:
    """BY-SA 3.0 + BY 2.0 → BY-SA 4.0 first, then 3.0; no GPL (not declared)."""
    ids = [o.license_id for o in outbound(["CC-BY-SA-3.0", "CC-BY-2.0"])]
    assert ["CC-BY-SA-4.0", "CC-BY-SA-3.0"] == ids[:2]
    assert not any(i.startswith("GPL") for i in ids)


def test_outbound_bysa40_lists_declared_and_open_options() -> None:
    """BY-SA 4.0 → FAL and GPL-3.0-only compatible, GPL-3.0-or-later conditional."""
    options = {o.license_id: o.status for o in outbound("CC-BY-SA-4.0")}
    assert Status.COMPATIBLE == options["LAL-1.3"]
    assert Status.COMPATIBLE == options["GPL-3.0-only"]
    assert Status.CONDITIONAL == options["GPL-3.0-or-later"]
    assert "CC-BY-SA-3.0" not in options


def test_outbound_compatible_before_conditional() -> None:
    """No conditional option ranks above a compatible one."""
    statuses = [o.status for o in outbound("CC-BY-SA-4.0")]
    assert statuses == sorted(statuses, key=lambda s: s is Status.CONDITIONAL)


def test_outbound_nd_has_no_option() -> None:
    """A shared adaptation of ND material can carry no licence."""
    assert () == outbound("CC-BY-ND-4.0")


def test_outbound_options_carry_obligations() -> None:
    """Each option lists the obligations of choosing it."""
    first = outbound("CC-BY-SA-4.0")[0]
    assert "license-adaptation-under" in {o.kind for o in first.obligations}
    assert first.license_id == first.to_dict()["license"]


# ---------------------------------------------------------------------------
# Rendering

DOCUMENTED_FIELDS = [
    "schema",
    "status",
    "exit_code",
    "use",
    "sources",
    "target",
    "context",
    "choices",
    "conditions",
    "obligations",
    "reasons",
    "assumptions",
]


def test_to_dict_fields_are_the_documented_ones() -> None:
    """to_dict() has exactly the documented top-level fields, in order."""
    verdict = check("CC-BY-SA-4.0 OR GFDL-1.3-or-later", "CC-BY-SA-4.0")
    data = verdict.to_dict()
    assert DOCUMENTED_FIELDS == list(data)
    assert {"kind", "license", "text", "source"} == set(data["obligations"][0])
    assert {"text", "license", "source_key", "clause", "url"} == set(data["reasons"][0])
    assert {"role", "expression", "chosen", "why"} == set(data["choices"][0])


def test_docs_describe_every_field() -> None:
    """docs/licenses.md names every JSON field of the verdict."""
    doc = (ROOT / "docs" / "licenses.md").read_text(encoding="utf-8")
    missing = [f for f in DOCUMENTED_FIELDS if f"`{f}`" not in doc]
    assert [] == missing


def test_to_json_round_trips() -> None:
    """to_json() is the JSON form of to_dict()."""
    verdict = check("CC-BY-NC-4.0", "CC-BY-4.0", use="verbatim", commercial=True)
    assert verdict.to_dict() == json.loads(verdict.to_json())


def test_explain_names_status_reason_and_obligation() -> None:
    """explain() shows the answer, a cited reason and the obligations."""
    text = check(["CC-BY-SA-3.0", "CC-BY-2.0"], "CC-BY-SA-4.0").explain()
    assert text.startswith("COMPATIBLE: adapt CC-BY-2.0 + CC-BY-SA-3.0 into")
    assert "§4(b)" in text
    assert "[license-adaptation-under]" in text


FLICT_KEYS = ["original_outbound", "outbound", "inbound", "original_inbound", "result"]
FLICT_RESULT_KEYS = {
    "outbound_licenses",
    "allowed_outbound_licenses",
    "outbound_license",
    "problems",
}


@pytest.mark.parametrize(
    ("target", "word", "allowed"),
    [
        ("CC-BY-SA-4.0", "Yes", ["CC-BY-SA-4.0"]),
        ("CC-BY-4.0", "No", []),
        ("GPL-3.0-or-later", "Check", []),
        ("Nonsense Licence", "Unknown", []),
    ],
)
def test_to_flict_shape(target: str, word: str, allowed: list[str]) -> None:
    """to_flict() mirrors flict verify's layout and adds the tri-state word."""
    data = check("CC-BY-SA-4.0", target).to_flict()
    assert FLICT_KEYS == list(data)[:5]
    assert FLICT_RESULT_KEYS <= set(data["result"])
    assert word == data["result"]["compatibility"]
    assert allowed == data["result"]["allowed_outbound_licenses"]
    assert (word != "Yes") == bool(data["result"]["problems"])


def test_to_flict_matches_real_flict_layout() -> None:
    """The keys match those of the installed flict's own verify output."""
    # Beside the running interpreter: the venv need not be on PATH.
    exe = str(Path(sys.executable).parent / "flict")
    if not Path(exe).exists():
        skip_or_fail("flict is not installed")
    real = json.loads(
        subprocess.run(
            [exe, "-of", "JSON", "verify", "-il", "MIT", "-ol", "GPL-2.0-only"],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    )
    ours = check("MIT", "GPL-2.0-only").to_flict()
    assert list(real) == [k for k in ours if k != "wikireuse"]
    assert set(real["result"]) == FLICT_RESULT_KEYS
    assert set(real["result"]) <= set(ours["result"])


# ---------------------------------------------------------------------------
# Printing, OR choices, typed errors for context values


def test_status_and_use_print_as_their_values() -> None:
    """str()/format() of Status and Use give the plain value, as README shows."""
    verdict = check(["CC-BY-SA-3.0", "CC-BY-2.0"], "CC-BY-SA-4.0", use="adapt")
    assert "compatible" == str(verdict.status)
    assert "adapt: compatible" == f"{verdict.use}: {verdict.status}"
    assert "compatible" == verdict.status
    assert '["compatible", "adapt"]' == json.dumps([verdict.status, verdict.use])


def test_or_choice_is_explained() -> None:
    """The chosen OR branch carries why, and explain() prints it."""
    verdict = check("{{self|cc-by-sa-3.0,2.5,2.0,1.0}}", "CC-BY-SA-4.0")
    (choice,) = verdict.choices
    assert "CC-BY-SA-3.0" == choice.chosen
    assert "newest version of the same licence" in choice.why
    assert f"use CC-BY-SA-3.0 ({choice.why})" in verdict.explain()
    assert choice.why == verdict.to_dict()["choices"][0]["why"]


def test_or_choice_prefers_the_target_licence_itself() -> None:
    """Among working branches, the one equal to the target is chosen."""
    verdict = check("CC-BY-SA-4.0 OR CC-BY-4.0", "CC-BY-SA-4.0")
    assert ["CC-BY-SA-4.0"] == [c.chosen for c in verdict.choices]
    assert "target licence itself" in verdict.choices[0].why


def test_or_choice_names_the_failing_branches() -> None:
    """When one branch works, why names the others and their status."""
    verdict = check("MIT OR Apache-2.0", "GPL-2.0-only")
    assert "MIT" == verdict.choices[0].chosen
    assert "Apache-2.0 incompatible" in verdict.choices[0].why


def test_apache_gpl2_reason_cites_the_fsf_list() -> None:
    """Apache-2.0 → GPL-2.0-only is incompatible, citing the FSF licence list."""
    verdict = check("Apache-2.0", "GPL-2.0-only")
    assert Status.INCOMPATIBLE == verdict.status
    assert "FSF-LIST" == verdict.reasons[0].source_key
    assert "patent" in verdict.reasons[0].text


def test_apache_gpl2_or_later_names_version_3() -> None:
    """Apache-2.0 → GPL-2.0-or-later is conditional on using version 3."""
    verdict = check("Apache-2.0", "GPL-2.0-or-later")
    assert Status.CONDITIONAL == verdict.status
    assert any("version 3 or later" in c for c in verdict.conditions)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"jurisdiction": 5}, "jurisdiction must be"),
        ({"jurisdiction": ["us"]}, "jurisdiction must be"),
        ({"gfdl_migration_eligible": [True]}, "gfdl_migration_eligible must be"),
        ({"gfdl_migration_eligible": "yes"}, "gfdl_migration_eligible must be"),
        ({"use": ["adapt"]}, "use must be one of"),
        ({"odbl_work": ["map"]}, "odbl_work must be one of"),
    ],
)
def test_context_of_the_wrong_type_is_a_typed_error(
    kwargs: dict[str, Any], fragment: str
) -> None:
    """Context values of the wrong type raise ConfigurationError, not TypeError."""
    with pytest.raises(ConfigurationError, match=fragment):
        check("CC-BY-SA-4.0", "CC-BY-SA-4.0", **kwargs)

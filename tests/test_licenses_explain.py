"""explain(): a licence record, or parsed text, in plain words."""

from __future__ import annotations

import pytest

from wikireuse.licenses import License, all_licenses, explain

RECORDS = all_licenses()


def test_by_sa_4_0_names_clause_compatibility_and_open_question() -> None:
    """CC BY-SA 4.0: §3(b)(1), the FAL/GPLv3 dates and the GPL-or-later caveat."""
    text = explain("CC-BY-SA-4.0")
    for expected in (
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "§3(b)(1)",
        "LAL-1.3 (two-way, since 2014-10-21",
        "GPL-3.0-only (one-way, since 2015-10-08",
        "Conditional (see why): GPL-3.0-or-later",
        "https://creativecommons.org/licenses/by-sa/4.0/legalcode",
        "Technological measures (DRM): forbidden",
        "an indication of changes",
    ):
        assert expected in text


def test_by_sa_3_0_cites_section_4b_and_the_title_duty() -> None:
    """CC BY-SA 3.0: the §4(b) rule and the ≤3.0 title requirement."""
    text = explain("CC-BY-SA-3.0")
    assert "§4(b)" in text
    assert "the title, if supplied" in text
    assert "CC-BY-SA-4.0" in text


def test_by_sa_1_0_says_there_is_no_upgrade_path() -> None:
    """CC BY-SA 1.0 is explained as closed."""
    text = explain("CC-BY-SA-1.0")
    assert "may only be licensed under this same licence" in text
    assert "no upgrade path" in text


def test_nd_4_0_mentions_private_adaptations() -> None:
    """CC BY-ND 4.0: adaptations may not be shared but may be made."""
    text = explain("CC-BY-ND-4.0")
    assert "may not be shared" in text
    assert "Private adaptations (not shared) are allowed." in text


def test_public_domain_tag_explains_status_and_jurisdiction() -> None:
    """A PD tag is a status claim whose meaning depends on the jurisdiction."""
    text = explain("PD-USGov")
    assert "a public-domain status claim, not a licence" in text
    assert "17 U.S.C. §105" in text
    assert "Attribution: not legally required, but recommended." in text


def test_cc0_is_explained_as_a_waiver() -> None:
    """CC0 is described as a waiver, marked 'with', not 'licensed under'."""
    assert "a waiver" in explain("CC0")


def test_free_text_is_parsed_first() -> None:
    """explain() accepts anything parse() accepts."""
    assert explain("Cc-by-sa-4.0") == explain("CC-BY-SA-4.0")


def test_choice_and_conjunction_are_labelled() -> None:
    """OR is explained as the reuser's choice, AND as every licence applying."""
    assert explain("{{self|GFDL|cc-by-sa-3.0}}").startswith(
        "Any one of (the reuser chooses):"
    )
    text = explain("MIT AND GPL-2.0-or-later WITH Classpath-exception-2.0")
    assert text.startswith("All of (every licence applies):")
    assert "Exception (WITH): Classpath-exception-2.0" in text


def test_unknown_text_is_explained_as_unknown_with_the_reason() -> None:
    """Unresolved text is described as unknown, with input and reason."""
    text = explain("CC BY-SA")
    assert text.startswith("LicenseRef-wikireuse-unknown — Unknown licence")
    assert "Input: 'CC BY-SA'" in text
    assert "without a version" in text


@pytest.mark.parametrize("lic", RECORDS, ids=[lic.id for lic in RECORDS])
def test_every_record_explanation_cites_its_rule_clauses(lic: License) -> None:
    """Each record's explanation names it and every clause its rule relies on."""
    text = explain(lic.id)
    assert text.startswith(f"{lic.id} — {lic.name}")
    for citation in lic.adaptation.citations:
        assert citation.url in text
        assert citation.clause in text
    for target in lic.adaptation.conditional[:3]:
        assert target in text

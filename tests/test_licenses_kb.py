"""The licence knowledge base: coverage, consistency, rules and the loader."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from wikireuse.exceptions import LicenseError, UnknownLicenseError
from wikireuse.licenses import (
    UNKNOWN_ID,
    Element,
    Kind,
    License,
    _kb,
    all_licenses,
    get,
)

ROOT = Path(__file__).resolve().parents[1]
# The data the imported package reads (the working tree, or an installed wheel).
DATA = Path(_kb.__file__).resolve().parent / "_data"
CC_KINDS = ("BY", "BY-SA", "BY-ND", "BY-NC", "BY-NC-SA", "BY-NC-ND")
CC_VERSIONS = ("1.0", "2.0", "2.5", "3.0", "4.0")


def _generator() -> ModuleType:
    path = ROOT / "tools" / "build_license_data.py"
    spec = importlib.util.spec_from_file_location("build_license_data", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _spdx_ids() -> set[str]:
    import license_expression

    index = Path(license_expression.__file__).parent / "data"
    rows = json.loads((index / "scancode-licensedb-index.json").read_text())
    ids: set[str] = set()
    for row in rows:
        if row["spdx_license_key"] and not row["is_exception"]:
            ids.add(row["spdx_license_key"])
    return ids


# ---------------------------------------------------------------- data file


def test_generator_reproduces_the_committed_file_byte_for_byte() -> None:
    """Running tools/build_license_data.py gives exactly the committed JSON."""
    expected = (DATA / "licenses.json").read_text(encoding="utf-8")
    assert expected == _generator().render()


def test_generator_check_mode_accepts_the_committed_file() -> None:
    """The generator's --check mode reports the committed file as current."""
    assert 0 == _generator().main(["--check", "--output", str(DATA / "licenses.json")])


def test_generator_refuses_a_dangling_adaptation_target() -> None:
    """The generator fails instead of writing a rule that names a missing id."""
    gen = _generator()
    records = gen.build()["licenses"]
    records[0]["adaptation"]["targets"].append("No-Such-Licence")
    with pytest.raises(ValueError, match="No-Such-Licence"):
        gen._check(records)


def test_generator_refuses_a_name_shared_by_two_records() -> None:
    """Two records may not claim the same template or alias."""
    gen = _generator()
    records = gen.build()["licenses"]
    records[1]["aliases"].append(records[0]["id"])
    with pytest.raises(ValueError, match="names both"):
        gen._check(records)


def test_provenance_sidecar_names_sources_dates_and_licence() -> None:
    """PROVENANCE.md documents the sources, the date and the data's licence."""
    text = (DATA / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "CC0" in text
    assert "2026-11-27" in text
    assert "https://creativecommons.org/licenses/by-sa/4.0/legalcode" in text


def test_json_ids_are_unique() -> None:
    """No id appears twice in the data file."""
    raw = json.loads((DATA / "licenses.json").read_text(encoding="utf-8"))
    ids = [r["id"] for r in raw["licenses"]]
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------- coverage


def test_at_least_one_hundred_records() -> None:
    """The knowledge base covers at least 100 licences."""
    assert len(all_licenses()) >= 100


@pytest.mark.parametrize("version", CC_VERSIONS)
@pytest.mark.parametrize("kind", CC_KINDS)
def test_every_cc_kind_and_version_is_present(kind: str, version: str) -> None:
    """Each of the six CC licences exists in 1.0, 2.0, 2.5, 3.0 and 4.0."""
    lic = get(f"CC-{kind}-{version}")
    expected = frozenset(Element(e) for e in kind.split("-"))
    assert (expected, version, None) == (lic.elements, lic.version, lic.port)


def test_every_spdx_cc_id_is_covered() -> None:
    """Every CC/CC0 id on the bundled SPDX list has a record."""
    wanted = {i for i in _spdx_ids() if i.startswith(("CC-", "CC0"))}
    have = {lic.id for lic in all_licenses()}
    assert set() == wanted - have


def test_records_marked_spdx_are_on_the_spdx_list() -> None:
    """A record claims spdx=True only for an id the SPDX list has."""
    spdx = _spdx_ids()
    wrong = [lic.id for lic in all_licenses() if lic.spdx and lic.id not in spdx]
    assert [] == wrong


def test_non_spdx_records_use_the_wikireuse_namespace() -> None:
    """Ids SPDX lacks are minted as LicenseRef-wikireuse-*."""
    wrong = [
        lic.id
        for lic in all_licenses()
        if not lic.spdx and not lic.id.startswith("LicenseRef-wikireuse-")
    ]
    assert [] == wrong


@pytest.mark.parametrize(
    "license_id",
    [
        "CC0-1.0", "CC-PDM-1.0", "CC-PDDC", "CC-BY-SA-2.0-UK", "CC-BY-SA-2.1-JP",
        "CC-BY-SA-3.0-AT", "CC-BY-SA-3.0-DE", "CC-BY-SA-3.0-IGO", "CC-BY-3.0-US",
        "CC-BY-NC-SA-2.0-FR", "CC-BY-NC-ND-3.0-IGO",
        "LicenseRef-wikireuse-CC-BY-SA-3.0-NL", "LicenseRef-wikireuse-CC-BY-SA-3.0-ES",
        "LicenseRef-wikireuse-CC-BY-SA-3.0-FR", "LicenseRef-wikireuse-CC-BY-SA-3.0-IT",
        "LicenseRef-wikireuse-CC-BY-SA-3.0-PL", "LicenseRef-wikireuse-CC-BY-SA-3.0-BR",
        "LicenseRef-wikireuse-CC-BY-SA-2.5-PL", "LicenseRef-wikireuse-CC-BY-2.0-FR",
        "GFDL-1.1-only", "GFDL-1.2-invariants-or-later", "GFDL-1.3-no-invariants-only",
        "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later",
        "LGPL-2.0-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "AGPL-3.0-or-later",
        "LAL-1.3", "LAL-1.2", "ODbL-1.0", "LicenseRef-wikireuse-DbCL-1.0", "MIT",
        "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0", "OGL-UK-3.0",
        "LicenseRef-wikireuse-Attribution",
        "LicenseRef-wikireuse-PD-old", "LicenseRef-wikireuse-PD-old-70",
        "LicenseRef-wikireuse-PD-old-100", "LicenseRef-wikireuse-PD-US",
        "LicenseRef-wikireuse-PD-USGov", "LicenseRef-wikireuse-PD-self",
        "LicenseRef-wikireuse-PD-author", "LicenseRef-wikireuse-PD-ineligible",
        "LicenseRef-wikireuse-PD-textlogo", "LicenseRef-wikireuse-PD-Art",
    ],
)  # fmt: skip
def test_named_licences_are_present(license_id: str) -> None:
    """The licences the brief names individually all have records."""
    assert license_id == get(license_id).id


def test_public_domain_tags_are_public_domain_with_a_jurisdiction_note() -> None:
    """Every PD-* record is kind PUBLIC_DOMAIN and says where it holds."""
    pds = [
        lic for lic in all_licenses() if lic.id.startswith("LicenseRef-wikireuse-PD")
    ]
    assert len(pds) >= 20
    assert {Kind.PUBLIC_DOMAIN} == {lic.kind for lic in pds}
    assert all(lic.notes and lic.notes[0] for lic in pds)


# ---------------------------------------------------------------- consistency


def test_every_rule_has_sources_that_resolve() -> None:
    """Each adaptation rule cites at least one source, all in the table."""
    kb = _kb.current()
    for lic in kb.licenses:
        assert lic.adaptation.sources, lic.id
        assert set(lic.adaptation.sources) <= set(kb.sources), lic.id
        assert all(c.url.startswith("https://") for c in lic.adaptation.citations)


def test_every_adaptation_target_exists() -> None:
    """Targets, conditional targets and compatibilities name known records."""
    kb = _kb.current()
    for lic in kb.licenses:
        rule = lic.adaptation
        named = set(rule.targets) | set(rule.conditional)
        named |= {c.target for c in rule.compatible}
        assert set() == named - set(kb.by_id), lic.id


def test_targets_and_conditional_targets_do_not_overlap() -> None:
    """A licence is either allowed or conditional for an adaptation, not both."""
    for lic in all_licenses():
        assert set() == set(lic.adaptation.targets) & set(lic.adaptation.conditional)


def test_modes_are_from_the_contract_vocabulary() -> None:
    """Every rule uses a documented mode; only any/none have no targets."""
    modes = {"any", "same", "same-or-later", "same-elements", "none", "copyleft"}
    modes.add("listed")
    for lic in all_licenses():
        rule = lic.adaptation
        assert rule.mode in modes, lic.id
        assert (rule.mode in {"any", "none"}) == (not rule.targets), lic.id


def test_every_record_has_a_legal_code_url_and_a_source() -> None:
    """Each known record links its legal text and cites where facts came from."""
    for lic in all_licenses():
        assert lic.legal_code_url.startswith("https://"), lic.id
        assert lic.sources, lic.id


def test_record_sources_include_every_rule_citation() -> None:
    """A record's own source list contains the clauses its rule cites."""
    for lic in all_licenses():
        assert set(lic.adaptation.citations) <= set(lic.sources), lic.id


# ---------------------------------------------------------------- CC rules


def _targets(license_id: str) -> set[str]:
    return set(get(license_id).adaptation.targets)


def test_by_sa_1_0_allows_only_itself() -> None:
    """CC BY-SA 1.0 §4(b): adaptations only under 1.0."""
    rule = get("CC-BY-SA-1.0").adaptation
    assert ("same", ("CC-BY-SA-1.0",), ()) == (
        rule.mode,
        rule.targets,
        rule.conditional,
    )


@pytest.mark.parametrize("version", ["2.0", "2.5"])
def test_by_sa_2x_reaches_later_versions_directly(version: str) -> None:
    """CC BY-SA 2.0/2.5 §4(b): later versions, so 4.0 directly."""
    targets = _targets(f"CC-BY-SA-{version}")
    assert {"CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC-BY-SA-3.0-DE"} <= targets
    assert "CC-BY-SA-1.0" not in targets


def test_by_sa_2_5_does_not_reach_the_earlier_2_0() -> None:
    """'a later version' never means an earlier one."""
    assert "CC-BY-SA-2.0" not in _targets("CC-BY-SA-2.5")


def test_by_sa_2_0_uk_reaches_any_cc_licence_with_the_same_elements() -> None:
    """CC BY-SA 2.0 UK §2.3: any CC licence with the same Licence Elements."""
    rule = get("CC-BY-SA-2.0-UK").adaptation
    assert "same-elements" == rule.mode
    assert {
        "CC-BY-SA-1.0",
        "CC-BY-SA-4.0",
        "LicenseRef-wikireuse-CC-BY-SA-3.0-NL",
    } <= set(rule.targets)


def test_by_sa_3_0_reaches_4_0_and_ports() -> None:
    """CC BY-SA 3.0 §4(b): later versions and 3.0+ jurisdiction ports."""
    targets = _targets("CC-BY-SA-3.0")
    assert {"CC-BY-SA-4.0", "CC-BY-SA-3.0-DE", "CC-BY-SA-3.0-AT"} <= targets
    assert "CC-BY-SA-2.5" not in targets
    assert "GPL-3.0-only" not in targets


def test_by_sa_3_0_port_reaches_unported_and_other_ports() -> None:
    """CC BY-SA 3.0 DE §4(b): 3.0 DE, later, any port ≥ 3.0, unported ≥ 3.0."""
    targets = _targets("CC-BY-SA-3.0-DE")
    assert {"CC-BY-SA-3.0", "CC-BY-SA-4.0", "LicenseRef-wikireuse-CC-BY-SA-3.0-FR"} <= (
        targets
    )


def test_by_sa_3_0_igo_is_conditional_with_a_reason() -> None:
    """The IGO upgrade clause is unverified: other licences are conditional."""
    rule = get("CC-BY-SA-3.0-IGO").adaptation
    assert ("CC-BY-SA-3.0-IGO",) == rule.targets
    assert "CC-BY-SA-4.0" in rule.conditional
    assert "not been verified" in rule.note


def test_by_sa_4_0_compatible_licences_with_direction_and_date() -> None:
    """CC BY-SA 4.0: LAL-1.3 two-way (2014-10-21), GPLv3 one-way (2015-10-08)."""
    rule = get("CC-BY-SA-4.0").adaptation
    compat = {(c.target, c.direction, c.since) for c in rule.compatible}
    assert {
        ("LAL-1.3", "two-way", "2014-10-21"),
        ("GPL-3.0-only", "one-way", "2015-10-08"),
    } == compat
    assert {"CC-BY-SA-4.0", "LAL-1.3", "GPL-3.0-only"} == set(rule.targets)
    assert ("GPL-3.0-or-later",) == rule.conditional
    assert "CC-BY-SA-3.0" not in rule.targets


def test_gplv3_compatibility_is_one_way() -> None:
    """A GPLv3 work may not be adapted under CC BY-SA 4.0."""
    assert "CC-BY-SA-4.0" not in _targets("GPL-3.0-only")


def test_fal_1_3_is_two_way_with_by_sa_4_0() -> None:
    """LAL-1.3 may be adapted under CC BY-SA 4.0 (two-way compatibility)."""
    assert "CC-BY-SA-4.0" in _targets("LAL-1.3")


@pytest.mark.parametrize(
    "license_id",
    [
        "LicenseRef-wikireuse-CC-BY-SA-2.5-PL",
        "CC-BY-SA-2.1-JP",
        "LicenseRef-wikireuse-CC-BY-SA-2.0-FR",
        "CC-BY-NC-SA-2.0-DE",
    ],
)
def test_2x_ports_upward_reach_is_conditional_with_a_reason(license_id: str) -> None:
    """2.x ports: reaching later versions is an open question, said so."""
    rule = get(license_id).adaptation
    assert (license_id,) == rule.targets
    assert "CC-BY-SA-4.0" in rule.conditional or "CC-BY-NC-SA-4.0" in rule.conditional
    assert "not been checked" in rule.note


def test_by_allows_any_adapters_licence() -> None:
    """CC BY (all versions): an adaptation may use any licence."""
    for version in CC_VERSIONS:
        assert "any" == get(f"CC-BY-{version}").adaptation.mode


def test_nc_allows_only_nc_licences() -> None:
    """CC BY-NC: adaptations only under licences that keep NonCommercial."""
    targets = _targets("CC-BY-NC-4.0")
    assert {"CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-3.0"} <= targets
    assert all(Element.NC in get(t).elements for t in targets)


def test_nc_sa_4_0_does_not_reach_by_sa() -> None:
    """CC BY-NC-SA 4.0 §3(b)(1): same elements only, so never BY-SA."""
    assert {"CC-BY-NC-SA-4.0"} == _targets("CC-BY-NC-SA-4.0")


@pytest.mark.parametrize("kind", ["BY-ND", "BY-NC-ND"])
@pytest.mark.parametrize("version", CC_VERSIONS)
def test_nd_forbids_shared_adaptations(kind: str, version: str) -> None:
    """ND: no shared adaptations; only 4.0 allows private ones."""
    lic = get(f"CC-{kind}-{version}")
    assert ("none", version == "4.0") == (
        lic.adaptation.mode,
        lic.private_adaptation_ok,
    )


def test_every_cc_licence_forbids_drm() -> None:
    """All CC versions forbid restrictive technological measures (§1.5)."""
    for lic in all_licenses():
        if lic.family == "CC":
            assert ("forbidden", True) == (lic.drm, lic.no_additional_restrictions)
            assert lic.drm_note, lic.id


def test_attribution_title_up_to_3_0_and_change_notes_in_4_0() -> None:
    """≤3.0 require the title; 4.0 requires indicating and keeping change notes."""
    for version in ("1.0", "2.0", "2.5", "3.0"):
        assert "title" in get(f"CC-BY-SA-{version}").attribution
    four = get("CC-BY-SA-4.0").attribution
    assert "title" not in four
    assert {"copyright-notice", "license-notice", "disclaimer-notice", "uri"} <= set(
        four
    )
    assert {"indicate-changes", "keep-change-notes"} <= set(four)


def test_cc0_is_a_waiver_and_pdm_a_status() -> None:
    """CC0 waives rights; the Public Domain Mark claims a status."""
    assert (Kind.WAIVER, "any") == (get("CC0-1.0").kind, get("CC0-1.0").adaptation.mode)
    assert Kind.PUBLIC_DOMAIN is get("CC-PDM-1.0").kind


def test_gfdl_only_is_closed_and_or_later_opens_later_versions() -> None:
    """GFDL -only: same licence; -or-later: later GFDL versions too."""
    assert {"GFDL-1.2-only"} == _targets("GFDL-1.2-only")
    assert {
        "GFDL-1.2-no-invariants-only",
        "GFDL-1.2-no-invariants-or-later",
        "GFDL-1.3-no-invariants-only",
        "GFDL-1.3-no-invariants-or-later",
    } == _targets("GFDL-1.2-no-invariants-or-later")
    assert "CC-BY-SA-3.0" not in _targets("GFDL-1.3-or-later")


def test_gpl_or_later_reaches_gpl3_but_only_does_not() -> None:
    """GPL-2.0-or-later may become GPLv3; GPL-2.0-only may not."""
    assert "GPL-3.0-only" in _targets("GPL-2.0-or-later")
    assert {"GPL-2.0-only"} == _targets("GPL-2.0-only")


def test_odbl_has_parallel_distribution_drm_rule() -> None:
    """ODbL §4.7 allows technological measures only with a parallel copy."""
    assert "parallel-distribution" == get("ODbL-1.0").drm


# ---------------------------------------------------------------- Commons templates

TEMPLATES = {
    "Cc-by-sa-4.0": "CC-BY-SA-4.0",
    "Cc-by-sa-3.0": "CC-BY-SA-3.0",
    "Cc-by-sa-2.5": "CC-BY-SA-2.5",
    "Cc-by-sa-2.0": "CC-BY-SA-2.0",
    "Cc-by-sa-1.0": "CC-BY-SA-1.0",
    "Cc-by-4.0": "CC-BY-4.0",
    "Cc-by-3.0": "CC-BY-3.0",
    "Cc-by-2.5": "CC-BY-2.5",
    "Cc-by-2.0": "CC-BY-2.0",
    "Cc-by-1.0": "CC-BY-1.0",
    "Cc-by-sa-3.0-de": "CC-BY-SA-3.0-DE",
    "Cc-by-sa-3.0-at": "CC-BY-SA-3.0-AT",
    "Cc-by-sa-2.0-uk": "CC-BY-SA-2.0-UK",
    "Cc-by-sa-3.0-nl": "LicenseRef-wikireuse-CC-BY-SA-3.0-NL",
    "Cc-by-sa-2.5-pl": "LicenseRef-wikireuse-CC-BY-SA-2.5-PL",
    "Cc-by-2.0-fr": "LicenseRef-wikireuse-CC-BY-2.0-FR",
    "Cc-by-sa-2.0-fr": "LicenseRef-wikireuse-CC-BY-SA-2.0-FR",
    "Cc-by-sa-3.0-migrated": "CC-BY-SA-3.0",
    "Cc-by-sa-3.0-migrated-with-disclaimers": "CC-BY-SA-3.0",
    "CC BY-SA 4.0": "CC-BY-SA-4.0",
    "CC BY 4.0": "CC-BY-4.0",
    "Cc-zero": "CC0-1.0",
    "CC0": "CC0-1.0",
    "Cc-pd": "CC-PDDC",
    "PD-self": "LicenseRef-wikireuse-PD-self",
    "PD-author": "LicenseRef-wikireuse-PD-author",
    "PD-user": "LicenseRef-wikireuse-PD-user",
    "PD-old": "LicenseRef-wikireuse-PD-old",
    "PD-old-70": "LicenseRef-wikireuse-PD-old-70",
    "PD-old-100": "LicenseRef-wikireuse-PD-old-100",
    "PD-old-auto": "LicenseRef-wikireuse-PD-old-auto",
    "PD-US": "LicenseRef-wikireuse-PD-US",
    "PD-US-expired": "LicenseRef-wikireuse-PD-US-expired",
    "PD-USGov": "LicenseRef-wikireuse-PD-USGov",
    "PD-USGov-NASA": "LicenseRef-wikireuse-PD-USGov-NASA",
    "PD-Art": "LicenseRef-wikireuse-PD-Art",
    "PD-scan": "LicenseRef-wikireuse-PD-scan",
    "PD-textlogo": "LicenseRef-wikireuse-PD-textlogo",
    "PD-ineligible": "LicenseRef-wikireuse-PD-ineligible",
    "PD-shape": "LicenseRef-wikireuse-PD-shape",
    "PD-1996": "LicenseRef-wikireuse-PD-1996",
    "GFDL": "GFDL-1.2-no-invariants-or-later",
    "GFDL-self": "GFDL-1.2-no-invariants-or-later",
    "GFDL-with-disclaimers": "GFDL-1.2-no-invariants-or-later",
    "GFDL-1.2": "GFDL-1.2-no-invariants-only",
    "FAL": "LAL-1.3",
    "GPL": "GPL-2.0-or-later",
    "LGPL": "LGPL-2.1-or-later",
    "Attribution": "LicenseRef-wikireuse-Attribution",
    "Copyrighted free use": "LicenseRef-wikireuse-Copyrighted-free-use",
    "ODbL": "ODbL-1.0",
    "OGL3": "OGL-UK-3.0",
    "MIT": "MIT",
}


def test_at_least_fifty_common_templates_are_mapped() -> None:
    """The table of common Commons templates has 50+ entries, all in the KB."""
    assert len(TEMPLATES) >= 50
    kb = _kb.current()
    templates = {
        _kb.norm_key(t): lic.id for lic in kb.licenses for t in lic.commons_templates
    }
    assert TEMPLATES == {t: templates[_kb.norm_key(t)] for t in TEMPLATES}


def test_every_commons_template_maps_to_exactly_one_record() -> None:
    """Each template name belongs to one record and resolves to it."""
    kb = _kb.current()
    seen: dict[str, str] = {}
    for lic in kb.licenses:
        for template in lic.commons_templates:
            key = _kb.norm_key(template)
            assert seen.setdefault(key, lic.id) == lic.id, template
            assert lic.id == kb.names[key]
    assert len(seen) >= 100


# ---------------------------------------------------------------- API and loader


def test_get_is_case_insensitive_and_rejects_unknown_ids() -> None:
    """get() accepts any case of an id; a missing id raises UnknownLicenseError."""
    assert "CC-BY-SA-4.0" == get("cc-by-sa-4.0").id
    with pytest.raises(UnknownLicenseError) as err:
        get("CC-BY-SA-9.9")
    assert "CC-BY-SA-9.9" == err.value.text


def test_get_does_not_resolve_aliases() -> None:
    """get() is for ids; a short name is parse()'s job."""
    with pytest.raises(UnknownLicenseError):
        get("CC BY-SA 4.0")


def test_get_refuses_the_unknown_record() -> None:
    """The unknown placeholder is not a licence one can ask for."""
    with pytest.raises(UnknownLicenseError):
        get(UNKNOWN_ID)


def test_all_licenses_is_sorted_and_excludes_unknown() -> None:
    """all_licenses() returns known records sorted by id."""
    ids = [lic.id for lic in all_licenses()]
    assert sorted(ids) == ids
    assert UNKNOWN_ID not in ids
    assert all(isinstance(lic, License) for lic in all_licenses())


def test_loader_is_cached() -> None:
    """The knowledge base is loaded once and then reused."""
    assert _kb.current() is _kb.current()


def test_loader_location_is_injectable(tmp_path: Path) -> None:
    """use_data() points the loader at another file and back."""
    raw = json.loads((DATA / "licenses.json").read_text(encoding="utf-8"))
    keep = {"MIT", UNKNOWN_ID}
    raw["licenses"] = [r for r in raw["licenses"] if r["id"] in keep]
    small = tmp_path / "small.json"
    small.write_text(json.dumps(raw), encoding="utf-8")
    try:
        _kb.use_data(small)
        assert ["MIT"] == [lic.id for lic in all_licenses()]
        with pytest.raises(UnknownLicenseError):
            get("CC-BY-SA-4.0")
    finally:
        _kb.use_data(None)
    assert "CC-BY-SA-4.0" == get("CC-BY-SA-4.0").id


@pytest.mark.parametrize(
    ("content", "match"),
    [("not json", "cannot read"), ('{"sources": {}, "licenses": []}', "no LicenseRef")],
)
def test_loader_reports_a_broken_file_as_license_error(
    tmp_path: Path, content: str, match: str
) -> None:
    """A missing, malformed or incomplete data file raises LicenseError."""
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(LicenseError, match=match):
        _kb.load(bad)
    with pytest.raises(LicenseError, match="cannot read"):
        _kb.load(tmp_path / "missing.json")


def _python_lines(code: str) -> list[str]:
    """The output lines of *code* run in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.splitlines()


def test_import_loads_no_http_or_wikitext_libraries() -> None:
    """Importing wikireuse.licenses (and using it) loads no network or store code.

    Pinned: requests, urllib3, mwclient, sqlite3 and mwparserfromhell never
    load, not even after check/outbound/explain; license_expression only for
    an SPDX expression.
    """
    code = (
        "import sys\n"
        "import wikireuse.licenses as L\n"
        "heavy = ('requests', 'urllib3', 'mwclient', 'sqlite3', 'mwparserfromhell',\n"
        "         'license_expression')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "L.get('CC-BY-SA-4.0'); L.parse('CC BY-SA 4.0'); L.explain('GFDL')\n"
        "L.check('CC-BY-SA-4.0', 'proprietary'); L.outbound('CC-BY-4.0')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "L.parse('MIT OR GPL-2.0+')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = _python_lines(code)
    assert ["[]", "[]", "['license_expression']"] == out


def test_checker_modules_load_on_first_use() -> None:
    """Importing the package defers the checker; touching check() loads it."""
    code = (
        "import sys\n"
        "import wikireuse.licenses as L\n"
        "mods = ('wikireuse.licenses._check', 'wikireuse.licenses._verdict')\n"
        "print(sorted(m for m in mods if m in sys.modules))\n"
        "print(L.check('CC-BY-SA-3.0', 'CC-BY-SA-4.0').status)\n"
        "print(sorted(m for m in mods if m in sys.modules))\n"
        "print(sorted(set(L.__all__) - set(dir(L))))\n"
    )
    out = _python_lines(code)
    loaded = "['wikireuse.licenses._check', 'wikireuse.licenses._verdict']"
    assert ["[]", "compatible", loaded, "[]"] == out


def test_unknown_attribute_is_an_attribute_error() -> None:
    """A name the package does not define raises AttributeError, not KeyError."""
    import wikireuse.licenses as lic

    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        _ = lic.nonsense


def test_apache_rule_excludes_the_version_2_gnu_licences() -> None:
    """Apache-2.0 lists GPLv2-only/LGPLv2.x-only as excluded, cites the FSF list."""
    rule = get("Apache-2.0").adaptation
    assert ("GPL-2.0-only", "LGPL-2.0-only", "LGPL-2.1-only") == rule.excluded
    assert "FSF-LIST" in rule.sources
    assert "APACHE-GPL" in rule.sources


def test_cc_by_40_declares_gpl_compatibility_from_the_fsf_list() -> None:
    """CC BY 4.0 → every GPL version is declared by the FSF list; 3.0 has none."""
    declared = {c.target: c.source for c in get("CC-BY-4.0").adaptation.compatible}
    assert {
        "GPL-2.0-only": "FSF-LIST",
        "GPL-2.0-or-later": "FSF-LIST",
        "GPL-3.0-only": "FSF-LIST",
        "GPL-3.0-or-later": "FSF-LIST",
    } == declared
    assert () == get("CC-BY-3.0").adaptation.compatible


def test_multi_licence_templates_are_data() -> None:
    """{{Cc-by-sa-all}} is kept in the data file as an OR of four licences."""
    expected = ("CC-BY-SA-3.0", "CC-BY-SA-2.5", "CC-BY-SA-2.0", "CC-BY-SA-1.0")
    assert expected == _kb.current().multi["cc-by-sa-all"]

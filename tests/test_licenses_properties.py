"""Hypothesis properties of check() over every licence in the knowledge base."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wikireuse.licenses import Element, Kind, License, Status, all_licenses, check

LICENSES = all_licenses()
NON_PD = [lic for lic in LICENSES if lic.kind is not Kind.PUBLIC_DOMAIN]
ND = [lic for lic in LICENSES if Element.ND in lic.elements]
NC = [lic for lic in LICENSES if Element.NC in lic.elements]
CREDIT = [lic for lic in LICENSES if lic.attribution or Element.BY in lic.elements]
# CC0 waives rights and the Public Domain Mark claims worldwide status; Commons
# PD-* templates hold only in some jurisdictions, so they are not in this set.
WORLDWIDE_FREE = [lic for lic in LICENSES if lic.id in ("CC0-1.0", "CC-PDM-1.0")]

licenses = st.sampled_from(LICENSES)
uses = st.sampled_from(["verbatim", "collect", "adapt", "format-convert", "synch"])
contexts = st.fixed_dictionaries(
    {
        "commercial": st.booleans(),
        "shared": st.booleans(),
        "drm": st.booleans(),
        "odbl_work": st.sampled_from(["produced-work", "derivative-database"]),
        "gfdl_migration_eligible": st.sampled_from([None, True, False]),
        "jurisdiction": st.sampled_from([None, "us", "de", "fr"]),
        "quotation": st.booleans(),
    }
)
unknown_texts = st.sampled_from(
    ["Totally Made-Up Licence 9.9", "all rights reserved?", "xyzzy-1.0", "???"]
)


def test_the_sample_sets_are_not_empty() -> None:
    """Every property below ranges over a non-empty set of licences."""
    assert all(len(s) > 0 for s in (NON_PD, ND, NC, CREDIT, WORLDWIDE_FREE))
    assert 2 == len(WORLDWIDE_FREE)


@given(st.sampled_from(WORLDWIDE_FREE), licenses, uses, contexts)
def test_cc0_and_pdm_fit_any_known_target(
    source: License, target: License, use: str, ctx: dict[str, object]
) -> None:
    """CC0 and PDM sources are compatible with any known target, use and context."""
    assert Status.COMPATIBLE == check(source, target, use=use, **ctx).status


# Unported CC BY-SA versions 1.0-4.0: a Commons multi-version tag is an OR of
# some of them, and the reuser expects the newest version that works.
BY_SA = [f"CC-BY-SA-{v}" for v in ("1.0", "2.0", "2.5", "3.0", "4.0")]


@given(
    st.lists(st.sampled_from(BY_SA), min_size=2, max_size=5, unique=True),
    st.sampled_from(BY_SA),
    st.sampled_from(["adapt", "collect", "verbatim"]),
)
def test_or_of_versions_chooses_the_newest_that_works(
    options: list[str], target: str, use: str
) -> None:
    """Of several BY-SA versions, the target itself, else the newest working one."""
    verdict = check(" OR ".join(options), target, use=use)
    working = [o for o in options if check(o, target, use=use).ok]
    if not working:
        assert Status.INCOMPATIBLE == verdict.status
        return
    expected = target if target in working else max(working)
    assert [expected] == [c.chosen for c in verdict.choices]


@given(st.sampled_from(ND), licenses, contexts)
def test_nd_is_never_compatible_for_shared_adaptation(
    source: License, target: License, ctx: dict[str, object]
) -> None:
    """An ND source is never compatible for a shared adaptation."""
    ctx = {**ctx, "shared": True}
    assert Status.COMPATIBLE != check(source, target, use="adapt", **ctx).status


@given(st.sampled_from(NC), licenses, uses, contexts)
def test_nc_is_never_compatible_with_commercial_use(
    source: License, target: License, use: str, ctx: dict[str, object]
) -> None:
    """An NC source is never compatible when the reuse is commercial."""
    ctx = {**ctx, "commercial": True}
    assert Status.COMPATIBLE != check(source, target, use=use, **ctx).status


@given(st.sampled_from(NON_PD))
def test_a_licence_fits_itself_verbatim(lic: License) -> None:
    """Any licence or waiver is compatible with itself for verbatim copying.

    Non-commercial context and no DRM: those are exactly the two facts that
    may forbid even verbatim redistribution (NC; anti-DRM clauses).
    """
    if lic.family == "PROPRIETARY":  # all rights reserved: nothing is licensed
        assert Status.INCOMPATIBLE == check(lic, lic, use="verbatim").status
        return
    assert Status.COMPATIBLE == check(lic, lic, use="verbatim", commercial=False).status


@given(st.sampled_from([lic for lic in LICENSES if lic.kind is Kind.PUBLIC_DOMAIN]))
def test_a_pd_status_fits_itself_verbatim_unless_territorial(lic: License) -> None:
    """A public-domain status is never incompatible with itself verbatim."""
    status = check(lic, lic, use="verbatim").status
    assert status in (Status.COMPATIBLE, Status.CONDITIONAL)


@given(
    st.lists(licenses, min_size=2, max_size=4), licenses, uses, contexts, st.randoms()
)
def test_source_order_never_changes_the_verdict(
    sources: list[License],
    target: License,
    use: str,
    ctx: dict[str, object],
    rnd: object,
) -> None:
    """Shuffling the sources gives an equal verdict."""
    shuffled = list(sources)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert check(sources, target, use=use, **ctx) == check(
        shuffled, target, use=use, **ctx
    )


@given(unknown_texts, licenses, uses, contexts, st.booleans())
def test_unknown_never_yields_compatible(
    text: str, known: License, use: str, ctx: dict[str, object], as_target: bool
) -> None:
    """An unknown licence as source or target is never compatible."""
    if as_target:
        verdict = check(known, text, use=use, **ctx)
    else:
        verdict = check([text, known], known, use=use, **ctx)
    assert Status.COMPATIBLE != verdict.status


@given(unknown_texts, licenses, uses)
def test_unknown_alone_is_unknown(text: str, target: License, use: str) -> None:
    """A single unknown source gives status unknown (not a guess either way)."""
    assert Status.UNKNOWN == check(text, target, use=use).status


@given(st.sampled_from(CREDIT), licenses, uses, contexts)
def test_usable_verdicts_carry_obligations(
    source: License, target: License, use: str, ctx: dict[str, object]
) -> None:
    """A compatible/conditional verdict on an attribution licence has obligations."""
    verdict = check(source, target, use=use, **ctx)
    if verdict.status in (Status.COMPATIBLE, Status.CONDITIONAL):
        assert verdict.obligations


@given(licenses, licenses, uses, contexts)
def test_verdicts_are_deterministic(
    source: License, target: License, use: str, ctx: dict[str, object]
) -> None:
    """Asking by id and by record gives the same verdict."""
    assert check(source.id, target.id, use=use, **ctx) == check(
        source, target, use=use, **ctx
    )


@given(
    st.sampled_from([lic for lic in LICENSES if lic.kind is Kind.PUBLIC_DOMAIN]),
    licenses,
    uses,
    contexts,
)
def test_public_domain_is_never_a_blocker(
    source: License, target: License, use: str, ctx: dict[str, object]
) -> None:
    """A public-domain status is compatible or, outside its territory, conditional."""
    status = check(source, target, use=use, **ctx).status
    assert status in (Status.COMPATIBLE, Status.CONDITIONAL)


# Permissiveness, most permissive first: a verdict may never rank better than
# the verdict for one of the target's branches.
_PERMISSIVE = {
    Status.COMPATIBLE: 0,
    Status.CONDITIONAL: 1,
    Status.UNKNOWN: 2,
    Status.INCOMPATIBLE: 3,
}
targets = st.one_of(
    st.sampled_from([lic.id for lic in LICENSES]),
    st.sampled_from(["Some unknown licence", "proprietary"]),
)


@given(
    st.lists(st.sampled_from([lic.id for lic in LICENSES]), min_size=1, max_size=3),
    targets,
    targets,
    uses,
    contexts,
)
def test_an_or_target_is_never_more_permissive_than_a_branch(
    sources: list[str], a: str, b: str, use: str, ctx: dict[str, object]
) -> None:
    """check(S, A OR B) is never more permissive than check(S, A) or (S, B).

    A work offered under "A OR B" is published under each licence (#13): an
    answer better than either branch's would be a false permit.
    """
    both = check(sources, f"({a}) OR ({b})" if " " in a + b else f"{a} OR {b}",
                 use=use, **ctx)  # fmt: skip
    for one in (a, b):
        single = check(sources, one, use=use, **ctx)
        assert _PERMISSIVE[both.status] >= _PERMISSIVE[single.status]


@given(st.sampled_from(NC), licenses, uses)
def test_nc_without_a_stated_use_is_never_compatible(
    source: License, target: License, use: str
) -> None:
    """NC with commercial use not stated is never plainly compatible (#13)."""
    assert Status.COMPATIBLE != check(source, target, use=use).status

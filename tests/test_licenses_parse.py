"""parse(): ids, expressions, URLs, short names, templates and free text."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.conftest import SHARED_DATA, require_shared
from wikireuse.exceptions import LicenseError
from wikireuse.licenses import (
    UNKNOWN_ID,
    AllOf,
    AnyOf,
    Expr,
    Kind,
    License,
    LicenseRef,
    _kb,
    all_licenses,
    is_known,
    parse,
)

U = "?"  # shape of an unknown leaf
P = "LicenseRef-wikireuse-"
GFDL = "GFDL-1.2-no-invariants-or-later"
ALL_SA = ("OR", "CC-BY-SA-3.0", "CC-BY-SA-2.5", "CC-BY-SA-2.0", "CC-BY-SA-1.0")


def shape(expr: Expr) -> Any:
    """A compact, comparable picture of an expression tree."""
    if isinstance(expr, LicenseRef):
        leaf = U if expr.license.kind is Kind.UNKNOWN else expr.license.id
        return f"{leaf} WITH {expr.exception}" if expr.exception else leaf
    if isinstance(expr, AnyOf):
        return ("OR", *(shape(o) for o in expr.options))
    return ("AND", *(shape(p) for p in expr.parts))


CASES: list[tuple[str, Any]] = [
    # SPDX ids, any case, deprecated forms
    ("CC-BY-SA-4.0", "CC-BY-SA-4.0"),
    ("cc-by-sa-4.0", "CC-BY-SA-4.0"),
    ("  CC-BY-SA-3.0  ", "CC-BY-SA-3.0"),
    ("CC-BY-SA-3.0-DE", "CC-BY-SA-3.0-DE"),
    ("cc-by-sa-2.0-uk", "CC-BY-SA-2.0-UK"),
    ("CC-BY-NC-ND-1.0", "CC-BY-NC-ND-1.0"),
    ("CC0-1.0", "CC0-1.0"),
    ("CC-PDDC", "CC-PDDC"),
    ("GPL-2.0+", "GPL-2.0-or-later"),
    ("GPL-3.0", "GPL-3.0-only"),
    ("gfdl-1.3", "GFDL-1.3-only"),
    ("GFDL-1.2-or-later", "GFDL-1.2-or-later"),
    ("LGPL-2.1+", "LGPL-2.1-or-later"),
    ("LAL-1.3", "LAL-1.3"),
    ("ODbL-1.0", "ODbL-1.0"),
    ("apache-2.0", "Apache-2.0"),
    ("OGL-UK-3.0", "OGL-UK-3.0"),
    (f"{P}CC-BY-SA-3.0-NL", f"{P}CC-BY-SA-3.0-NL"),
    # expressions
    ("MIT OR Apache-2.0", ("OR", "MIT", "Apache-2.0")),
    ("mit or apache-2.0", ("OR", "MIT", "Apache-2.0")),
    ("CC-BY-SA-4.0 AND MIT", ("AND", "CC-BY-SA-4.0", "MIT")),
    (
        "(CC-BY-SA-4.0 OR GFDL-1.3-or-later) AND MIT",
        ("AND", ("OR", "CC-BY-SA-4.0", "GFDL-1.3-or-later"), "MIT"),
    ),
    (
        "(CC-BY-SA-3.0 OR GFDL-1.2-or-later) AND CC-BY-SA-3.0",
        ("AND", ("OR", "CC-BY-SA-3.0", "GFDL-1.2-or-later"), "CC-BY-SA-3.0"),
    ),
    (
        "GPL-2.0-or-later WITH Classpath-exception-2.0",
        "GPL-2.0-or-later WITH Classpath-exception-2.0",
    ),
    (
        "CC BY-SA 4.0 OR GFDL",
        ("OR", "CC-BY-SA-4.0", "GFDL-1.2-no-invariants-or-later"),
    ),
    ("Cc-by-sa-4.0 OR PD-old-70", ("OR", "CC-BY-SA-4.0", f"{P}PD-old-70")),
    ("CC-BY-SA-4.0 OR Foo licence", ("OR", "CC-BY-SA-4.0", U)),
    ("MIT OR", U),
    ("AND", U),
    # URLs
    ("https://creativecommons.org/licenses/by-sa/4.0/", "CC-BY-SA-4.0"),
    ("http://creativecommons.org/licenses/by-sa/4.0", "CC-BY-SA-4.0"),
    ("https://creativecommons.org/licenses/by-sa/4.0/legalcode", "CC-BY-SA-4.0"),
    ("https://creativecommons.org/licenses/by-sa/4.0/legalcode.de", "CC-BY-SA-4.0"),
    ("https://creativecommons.org/licenses/by-sa/3.0/de/", "CC-BY-SA-3.0-DE"),
    ("https://creativecommons.org/licenses/by-sa/3.0/de/deed.en", "CC-BY-SA-3.0-DE"),
    (
        "https://creativecommons.org/licenses/by-sa/2.0/fr/deed.en",
        f"{P}CC-BY-SA-2.0-FR",
    ),
    ("//creativecommons.org/licenses/by/2.0/", "CC-BY-2.0"),
    ("http://creativecommons.org/publicdomain/zero/1.0/deed.en", "CC0-1.0"),
    ("https://creativecommons.org/publicdomain/zero/1.0/legalcode", "CC0-1.0"),
    ("https://creativecommons.org/publicdomain/mark/1.0/", "CC-PDM-1.0"),
    ("https://www.creativecommons.org/licenses/by-nd-nc/1.0/", "CC-BY-NC-ND-1.0"),
    ("https://www.gnu.org/licenses/gpl-3.0.html", "GPL-3.0-only"),
    ("http://www.gnu.org/licenses/gpl-3.0.en.html", "GPL-3.0-only"),
    ("https://www.gnu.org/licenses/old-licenses/fdl-1.2.html", "GFDL-1.2-only"),
    ("https://www.gnu.org/licenses/fdl-1.3.txt", "GFDL-1.3-only"),
    ("https://artlibre.org/licence/lal/en/", "LAL-1.3"),
    ("http://artlibre.org/licence/lal/en", "LAL-1.3"),
    ("https://opendatacommons.org/licenses/odbl/1-0/", "ODbL-1.0"),
    ("https://opendatacommons.org/licenses/odbl/1.0/", "ODbL-1.0"),
    ("https://example.org/licenses/my-licence/", U),
    ("https://creativecommons.org/licenses/by-sa/9.0/", U),
    ("//de.wikipedia.org/wiki/Datei:Foo.jpg", U),
    # Commons / extmetadata short names
    ("CC BY-SA 4.0", "CC-BY-SA-4.0"),
    ("CC BY-SA 3.0", "CC-BY-SA-3.0"),
    ("CC BY-SA 3.0 de", "CC-BY-SA-3.0-DE"),
    ("CC BY-SA 2.0 fr", f"{P}CC-BY-SA-2.0-FR"),
    ("cc-by-sa-2.0-fr", f"{P}CC-BY-SA-2.0-FR"),
    ("CC-BY-SA-3.0-2.5-2.0-1.0", ALL_SA),
    ("Public domain", f"{P}PD"),
    ("pd", f"{P}PD"),
    ("CC0", "CC0-1.0"),
    ("cc0", "CC0-1.0"),
    ("GFDL 1.2", "GFDL-1.2-no-invariants-only"),
    ("GFDL", "GFDL-1.2-no-invariants-or-later"),
    ("PD-alt-100", f"{P}PD-alt-100"),
    # templates (first letter and everything else case-insensitive)
    ("Cc-by-sa-4.0", "CC-BY-SA-4.0"),
    ("cc-by-sa-4.0", "CC-BY-SA-4.0"),
    ("{{Cc-by-sa-4.0}}", "CC-BY-SA-4.0"),
    ("Template:Cc-by-sa-3.0", "CC-BY-SA-3.0"),
    ("PD-old-70", f"{P}PD-old-70"),
    ("pd-old-70", f"{P}PD-old-70"),
    ("PD-US-no notice", f"{P}PD-US-no-notice"),
    ("PD-US-no_notice", f"{P}PD-US-no-notice"),
    ("CC-BY-SA-3.0-migrated", "CC-BY-SA-3.0"),
    ("Cc-by-sa-3.0,2.5,2.0,1.0", ALL_SA),
    ("self|cc-by-sa-4.0|GFDL", ("OR", "CC-BY-SA-4.0", GFDL)),
    ("{{self|GFDL|cc-by-sa-3.0}}", ("OR", GFDL, "CC-BY-SA-3.0")),
    ("{{Self|author=[[User:X|X]]|cc-by-sa-4.0}}", "CC-BY-SA-4.0"),
    (
        "{{self|GFDL|cc-by-sa-all|migration=relicense}}",
        # {{Cc-by-sa-all}}: CC BY-SA 3.0, 2.5, 2.0 and 1.0 (Commons' tag);
        # 3.0, also offered by the migration, is listed once.
        (
            "OR",
            "GFDL-1.2-no-invariants-or-later",
            "CC-BY-SA-3.0",
            "CC-BY-SA-2.5",
            "CC-BY-SA-2.0",
            "CC-BY-SA-1.0",
        ),
    ),
    ("Cc-by-sa-all", ALL_SA),
    ("PD-1923", f"{P}PD-US-expired"),
    ("{{GFDL|migration=relicense}}", ("OR", GFDL, "CC-BY-SA-3.0")),
    ("GFDL|migration=redundant", "GFDL-1.2-no-invariants-or-later"),
    ("{{GFDL|migration=not-eligible}}", "GFDL-1.2-no-invariants-or-later"),
    ("{{PD-Art|PD-old-100}}", f"{P}PD-Art"),
    ("{{Information|x=y}}{{Cc-by-sa-4.0}}{{GFDL}}", ("OR", "CC-BY-SA-4.0", GFDL)),
    ("{{Information|description=x}}", U),
    ("{{self}}", U),
    ("FAL", "LAL-1.3"),
    ("Attribution", f"{P}Attribution"),
    ("Copyrighted free use", f"{P}Copyrighted-free-use"),
    ("GPL", "GPL-2.0-or-later"),
    # free-text spellings
    ("Creative Commons Attribution-ShareAlike 3.0 Unported", "CC-BY-SA-3.0"),
    ("Creative Commons Attribution-Share Alike 3.0", "CC-BY-SA-3.0"),
    ("Creative Commons Attribution-Share Alike 2.0 fr", f"{P}CC-BY-SA-2.0-FR"),
    ("Attribution-Share Alike 4.0 International", "CC-BY-SA-4.0"),
    ("Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)", "CC-BY-SA-4.0"),
    ("Attribution 4.0 International", "CC-BY-4.0"),
    ("CC BY SA 4.0", "CC-BY-SA-4.0"),
    ("cc by-sa 4", "CC-BY-SA-4.0"),
    ("CC-BY-SA 3", "CC-BY-SA-3.0"),
    ("cc by sa 3.0 DE", "CC-BY-SA-3.0-DE"),
    ("Creative Commons Attribution-ShareAlike 3.0 Germany", "CC-BY-SA-3.0-DE"),
    ("Creative Commons Attribution-NonCommercial-ShareAlike 4.0", "CC-BY-NC-SA-4.0"),
    ("Creative Commons Attribution-NoDerivatives 4.0 International", "CC-BY-ND-4.0"),
    ("Attribution-NonCommercial-NoDerivs 3.0 Unported", "CC-BY-NC-ND-3.0"),
    ("CC BY-NC-ND 1.0", "CC-BY-NC-ND-1.0"),
    ("Attribution-ShareAlike 2.0 England and Wales", "CC-BY-SA-2.0-UK"),
    ("CC BY 2.5 scotland", f"{P}CC-BY-2.5-SCOTLAND"),
    ("Creative Commons Zero", "CC0-1.0"),
    ("GNU Free Documentation License 1.2", "GFDL-1.2-only"),
    ("Free Art License 1.3", "LAL-1.3"),
    ("Open Database License", "ODbL-1.0"),
    # unknowns: never a guess
    ("CC BY-SA", U),
    ("cc-by-sa", U),
    ("Creative Commons Attribution-ShareAlike", U),
    ("CC BY-SA 3.0 xx", U),
    ("CC BY-NC-SA 2.5 fr", U),
    ("CC BY-SA 5.0", U),
    ("cc-by-sa-1.0+", U),
    ("by-sa 4.0", U),
    ("Some licence", U),
    ("", U),
    ("   ", U),
    ("All rights reserved", "LicenseRef-wikireuse-proprietary"),
    ("GPL v2 or later", "GPL-2.0-or-later"),
    ("GPL v4", U),
    ("Creative Commons Attribution-ShareAlike", U),
    # FSF names: a version without "or later" is that version only (GPLv3
    # §14); no version at all is "any version ever published" (GPLv2 §9,
    # GPLv3 §14, AGPLv3 §14, LGPLv2.1 §13, GFDL §10)
    ("GNU General Public License v3.0", "GPL-3.0-only"),
    ("GNU General Public License version 2", "GPL-2.0-only"),
    ("GNU General Public License v2.0 or later", "GPL-2.0-or-later"),
    ("GNU GPL v3 or any later version", "GPL-3.0-or-later"),
    ("GNU General Public License", "GPL-2.0-or-later"),
    ("GNU Lesser General Public License v2.1", "LGPL-2.1-only"),
    ("GNU Library General Public License v2", "LGPL-2.0-only"),
    ("GNU Lesser General Public License", "LGPL-2.0-or-later"),
    ("GNU Affero General Public License v3.0", "AGPL-3.0-only"),
    ("GNU Affero General Public License", "AGPL-3.0-or-later"),
    ("AGPLv3+", "AGPL-3.0-or-later"),
    ("GNU Free Documentation License v1.3", "GFDL-1.3-only"),
    ("GNU FDL, Version 1.2 or any later version", "GFDL-1.2-or-later"),
    ("GNU Free Documentation License", "GFDL-1.1-or-later"),
    ("General Public", U),
    ("GNU General Public License only", U),
    # CC full names with and without versions
    ("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0", "CC-BY-NC-ND-4.0"),
    ("Creative Commons Attribution-ShareAlike 3.0 Unported", "CC-BY-SA-3.0"),
    ("Creative Commons Attribution", U),
    # the closed target and Commons tags across families
    ("Proprietary", "LicenseRef-wikireuse-proprietary"),
    ("closed source", "LicenseRef-wikireuse-proprietary"),
    ("Commercial license", "LicenseRef-wikireuse-proprietary"),
    ("{{ODbL OpenStreetMap}}", "ODbL-1.0"),
    ("{{GPLv3}}", "GPL-3.0-or-later"),
    ("{{FAL}}", "LAL-1.3"),
    ("{{GFDL-1.2}}", "GFDL-1.2-no-invariants-only"),
]  # fmt: skip


def test_table_has_at_least_eighty_cases() -> None:
    """The parse table covers 80+ inputs."""
    assert len(CASES) >= 80


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_table(text: str, expected: Any) -> None:
    """Each input parses to the expected expression shape."""
    assert expected == shape(parse(text))


def test_by_sa_4_0_never_becomes_3_0() -> None:
    """Version numbers are taken literally, in every spelling."""
    for text in ("CC BY-SA 4.0", "cc by-sa 4", "Cc-by-sa-4.0", "CC-BY-SA-4.0"):
        assert "CC-BY-SA-4.0" == shape(parse(text))


def test_unknown_keeps_the_input_text_and_a_reason() -> None:
    """An unknown leaf carries the input and says why it is unknown."""
    expr = parse("CC BY-SA")
    assert isinstance(expr, LicenseRef)
    assert (UNKNOWN_ID, Kind.UNKNOWN, "CC BY-SA") == (
        expr.license.id,
        expr.license.kind,
        expr.text,
    )
    assert "without a version" in expr.license.notes[0]


def test_leaf_keeps_the_input_text() -> None:
    """A resolved leaf remembers the text it came from."""
    expr = parse("  CC BY-SA 4.0 ")
    assert isinstance(expr, LicenseRef)
    assert "  CC BY-SA 4.0 " == expr.text


def test_or_choices_are_never_simplified_away() -> None:
    """A choice repeated in an AND stays a choice (license-expression #49/#124)."""
    expr = parse("MIT AND (MIT OR BSD-3-Clause)")
    assert ("AND", "MIT", ("OR", "MIT", "BSD-3-Clause")) == shape(expr)


def test_parse_rejects_non_text_with_a_typed_error() -> None:
    """Passing something that is not a string is a LicenseError."""
    with pytest.raises(LicenseError, match="needs licence text"):
        parse(42)  # type: ignore[arg-type]


def test_is_known() -> None:
    """is_known is true only when every leaf is known."""
    assert is_known(parse("CC-BY-SA-4.0 AND MIT"))
    assert not is_known(parse("CC-BY-SA-4.0 AND Foo licence"))
    assert not is_known(parse("nothing"))
    assert is_known(AllOf(parts=(parse("MIT"),)))


# ---------------------------------------------------------------- round trips

RECORDS = all_licenses()


def _only(expr: Expr) -> License:
    assert isinstance(expr, LicenseRef), expr
    return expr.license


@pytest.mark.parametrize("lic", RECORDS, ids=[lic.id for lic in RECORDS])
def test_round_trip_every_identifier_of_every_record(lic: License) -> None:
    """parse() of a record's id, name, URLs, templates and short names is it."""
    names = [lic.id, lic.name, *lic.aliases, *lic.extmetadata_names]
    names += [*lic.commons_templates, *(f"{{{{{t}}}}}" for t in lic.commons_templates)]
    names += [f"Category:{c}" for c in lic.commons_categories]
    names += list(lic.urls)
    assert {lic.id} == {_only(parse(name)).id for name in names}


@given(
    lic=st.sampled_from(RECORDS),
    flips=st.lists(st.booleans(), min_size=80, max_size=80),
    before=st.sampled_from(["", " ", "\t", "  \n"]),
    after=st.sampled_from(["", " ", "\n"]),
)
def test_ids_are_case_and_whitespace_insensitive(
    lic: License, flips: list[bool], before: str, after: str
) -> None:
    """Any mix of case and surrounding whitespace parses to the same record."""
    text = "".join(
        c.swapcase() if f else c for c, f in zip(lic.id, flips, strict=False)
    )
    assert lic.id == _only(parse(before + text + after)).id


@given(st.text(max_size=200))
def test_parse_never_raises(text: str) -> None:
    """Arbitrary text always yields an expression."""
    assert isinstance(parse(text), LicenseRef | AnyOf | AllOf)


def _names(lic: License) -> list[str]:
    return [
        _kb.norm_key(n)
        for n in (
            lic.id,
            lic.name,
            *lic.aliases,
            *lic.extmetadata_names,
            *lic.commons_templates,
            *lic.commons_categories,
        )
    ]


def _leaves(expr: Expr) -> list[LicenseRef]:
    if isinstance(expr, LicenseRef):
        return [expr]
    children = expr.options if isinstance(expr, AnyOf) else expr.parts
    return [leaf for child in children for leaf in _leaves(child)]


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=60))
def test_random_text_is_unknown_rather_than_a_guess(text: str) -> None:
    """Without a licence's name in it, random text parses to unknown leaves only."""
    key = _kb.norm_key(text)
    for leaf in _leaves(parse(text)):
        if leaf.license.kind is not Kind.UNKNOWN:
            # A known leaf is only allowed when the text literally names it.
            assert any(name in key for name in _names(leaf.license)), (text, leaf)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz -", min_size=1, max_size=40))
def test_lowercase_words_without_a_licence_name_are_unknown(text: str) -> None:
    """Plain words that are no licence name give exactly one unknown leaf."""
    kb = _kb.current()
    assume(all(_kb.norm_key(w) not in kb.names for w in text.replace("-", " ").split()))
    assume(_kb.norm_key(text) not in kb.names)
    expr = parse(text)
    assert isinstance(expr, LicenseRef)
    assert Kind.UNKNOWN is expr.license.kind


# ---------------------------------------------------------------- recorded data

EXPECTED_FROM_FILENAME = {
    "cc-by-sa-4.0": "CC-BY-SA-4.0",
    "cc-by-sa-3.0": "CC-BY-SA-3.0",
    "cc-by-sa-2.0-fr": f"{P}CC-BY-SA-2.0-FR",
    "cc0": "CC0-1.0",
    "pd-old-70": f"{P}PD",
    "pd-art": f"{P}PD",
    "pd-self": f"{P}PD",
    "pd-alt-100": f"{P}PD-alt-100",
}


def _extmetadata(obj: Any) -> list[dict[str, Any]]:
    if isinstance(obj, dict):
        found = [obj["extmetadata"]] if "extmetadata" in obj else []
        return found + [e for v in obj.values() for e in _extmetadata(v)]
    if isinstance(obj, list):
        return [e for v in obj for e in _extmetadata(v)]
    return []


def test_recorded_commons_extmetadata_parses_to_the_right_licence() -> None:
    """LicenseShortName, License and LicenseUrl of real files name the licence."""
    folder = SHARED_DATA / "commons-extmetadata"
    require_shared(folder)
    checked = 0
    for path in sorted(folder.glob("*.json")):
        tag = next((t for t in EXPECTED_FROM_FILENAME if f"_{t}" in path.name), None)
        for meta in _extmetadata(json.loads(path.read_text(encoding="utf-8"))):
            assert tag is not None, path.name
            expected = EXPECTED_FROM_FILENAME[tag]
            for field in ("LicenseShortName", "License"):
                if field in meta:
                    assert expected == shape(parse(meta[field]["value"])), path.name
                    checked += 1
            url = meta.get("LicenseUrl", {}).get("value", "")
            if "creativecommons.org" in url:
                assert expected == shape(parse(url)), path.name
                checked += 1
    assert checked >= 20


def test_an_unversioned_cc_name_says_why_it_is_unknown() -> None:
    """CC licences have no "any version" clause: the note asks for the version."""
    leaf = parse("Creative Commons Attribution-ShareAlike")
    assert isinstance(leaf, LicenseRef)
    assert leaf.license.is_unknown
    assert "without a version" in leaf.license.notes[0]

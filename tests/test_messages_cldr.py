"""The catalogue's plural rules and digit grouping, checked against CLDR (Babel).

wikireuse does not depend on Babel (docs/architecture.md says why); these
tests hold the four built-in languages to the CLDR data Babel ships, and
show that a Babel plural rule plugs into :meth:`Catalogue.with_language` for
the languages whose rules are not one/other.
"""

from __future__ import annotations

import pytest
from babel import Locale
from babel.numbers import format_decimal

from wikireuse.messages import DEFAULT_CATALOGUE, MESSAGE_KEYS

EN = dict(DEFAULT_CATALOGUE.messages["en"])


@pytest.mark.parametrize("lang", DEFAULT_CATALOGUE.languages)
def test_built_in_plural_rules_agree_with_cldr(lang):
    """For every whole count the catalogue probes, the category is CLDR's."""
    cldr = Locale.parse(lang).plural_form
    rule = DEFAULT_CATALOGUE.plural_rules[lang]
    assert [cldr(n) for n in range(1001)] == [rule(n) for n in range(1001)]


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
@pytest.mark.parametrize("number", [0, 7, 999, 1000, 1234, 12345, 1234567, -98765])
def test_digit_grouping_agrees_with_cldr(lang, number):
    """Where Babel applies CLDR's grouping fully, the catalogue writes the same."""
    assert format_decimal(number, locale=lang) == DEFAULT_CATALOGUE.format_number(
        lang, number
    )


def test_spanish_keeps_cldr_minimum_grouping_digits_which_babel_ignores():
    """CLDR's Spanish groups from five digits; Babel 2.x groups 1234 anyway."""
    assert "1234" == DEFAULT_CATALOGUE.format_number("es", 1234)
    assert "12.345" == DEFAULT_CATALOGUE.format_number("es", 12345)
    assert "12.345" == format_decimal(12345, locale="es")


def test_a_babel_plural_rule_serves_a_language_with_few_and_many():
    """Polish through Babel's CLDR rule: 1 one, 2-4 few, 5 and 12 many, 22 few."""
    forms = {}
    for key in MESSAGE_KEYS:
        base, _, form = key.rpartition(".")
        if form == "other":
            forms[f"{base}.few"] = EN[key] + " (few)"
            forms[f"{base}.many"] = EN[key] + " (many)"
    polish = Locale.parse("pl").plural_form
    catalogue = DEFAULT_CATALOGUE.with_language("pl", {**EN, **forms}, plural=polish)
    assert [
        "1 other",
        "3 others (few)",
        "5 others (many)",
        "12 others (many)",
        "22 others (few)",
    ] == [catalogue.message("pl", "more-authors", count=n) for n in (1, 3, 5, 12, 22)]

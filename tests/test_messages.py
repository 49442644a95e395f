"""The message catalogue: shipped languages, validation, dates, numbers, plurals."""

from __future__ import annotations

import string
from datetime import date, datetime, timezone

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wikireuse.attribution import Attribution, Byline, LicenseNotice
from wikireuse.exceptions import ConfigurationError
from wikireuse.messages import (
    DEFAULT_CATALOGUE,
    MESSAGE_KEYS,
    PLURAL_CATEGORIES,
    Catalogue,
    plural_one_other,
)

SHIPPED = ("de", "en", "es", "fr")
EN = dict(DEFAULT_CATALOGUE.messages["en"])


def fields(pattern: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None}


# Keys whose text may legitimately be the same in another language (names of
# months, separators, placeholders only, numbers).
SAME_ALLOWED = {
    "work-no-author",
    "credit-no-site",
    "license-public-domain",
    "list-separator",
    "changes-separator",
    "date-first-day",
    "number-group-separator",
    "number-group-minimum",
    "credits-title",
} | {f"month-{n}" for n in range(1, 13)}


def test_shipped_languages():
    """en, de, fr and es ship, sorted."""
    assert SHIPPED == DEFAULT_CATALOGUE.languages


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_language_has_every_key_with_english_placeholders(lang):
    """Each shipped language has exactly English's keys and placeholders."""
    messages = DEFAULT_CATALOGUE.messages[lang]
    assert set(MESSAGE_KEYS) == set(messages)
    for key in MESSAGE_KEYS:
        assert (key, fields(EN[key])) == (key, fields(messages[key]))


@pytest.mark.parametrize("lang", ["de", "fr", "es"])
def test_other_languages_are_translated(lang):
    """No sentence of another language is left in English."""
    messages = DEFAULT_CATALOGUE.messages[lang]
    untranslated = [
        key
        for key in MESSAGE_KEYS
        if key not in SAME_ALLOWED and messages[key] == EN[key]
    ]
    assert [] == untranslated


def test_english_has_no_foreign_quotation_marks():
    """English uses “…”, never German „…“ or guillemets."""
    offending = [key for key, value in EN.items() if any(q in value for q in "„«»‹›‚")]
    assert [] == offending
    assert "“{text}”" == EN["quoted"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "“Erde”"),
        ("de", "„Erde“"),
        ("fr", "«\u00a0Erde\u00a0»"),
        ("es", "«Erde»"),
    ],
)
def test_quotation_marks_per_language(lang, expected):
    """Each language quotes a title with its own marks (French: no-break spaces)."""
    assert expected == DEFAULT_CATALOGUE.message(lang, "quoted", text="Erde")


@pytest.mark.parametrize(
    ("lang", "day", "expected"),
    [
        ("en", 27, "November 27, 2026"),
        ("de", 27, "27. November 2026"),
        ("fr", 27, "27 novembre 2026"),
        ("es", 27, "27 de noviembre de 2026"),
        ("en", 1, "November 1, 2026"),
        ("de", 1, "1. November 2026"),
        ("fr", 1, "1er novembre 2026"),
        ("es", 1, "1 de noviembre de 2026"),
    ],
)
def test_format_date_per_language(lang, day, expected):
    """Dates are written the way each language writes them."""
    assert expected == DEFAULT_CATALOGUE.format_date(lang, date(2026, 11, day))


def test_format_date_takes_the_calendar_date_of_a_datetime():
    """A datetime is written as its date; the time is not printed."""
    when = datetime(2026, 3, 5, 23, 59, tzinfo=timezone.utc)
    assert "5. März 2026" == DEFAULT_CATALOGUE.format_date("de", when)


def test_format_date_rejects_a_non_date():
    """A string is not a date: a typed error, not a wrong answer."""
    with pytest.raises(ConfigurationError, match="not a date"):
        DEFAULT_CATALOGUE.format_date("en", "2026-11-27")  # type: ignore[arg-type]


@given(st.dates())
def test_format_date_names_month_and_year(value):
    """Every language writes the year and the month's name for any date."""
    for lang in SHIPPED:
        written = DEFAULT_CATALOGUE.format_date(lang, value)
        assert str(value.year) in written
        month = DEFAULT_CATALOGUE.messages[lang][f"month-{value.month}"]
        assert month in written


@pytest.mark.parametrize(
    ("lang", "number", "expected"),
    [
        ("en", 999, "999"),
        ("en", 1234567, "1,234,567"),
        ("de", 1234, "1.234"),
        ("fr", 1234, "1\u202f234"),
        ("es", 1234, "1234"),
        ("es", 12345, "12.345"),
        ("en", -1234, "-1,234"),
    ],
)
def test_format_number(lang, number, expected):
    """Counts use the language's digit grouping (Spanish groups from 5 digits)."""
    assert expected == DEFAULT_CATALOGUE.format_number(lang, number)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_format_number_keeps_the_digits(number):
    """Removing the group separators gives the plain number back."""
    for lang in SHIPPED:
        sep = DEFAULT_CATALOGUE.messages[lang]["number-group-separator"]
        assert str(number) == DEFAULT_CATALOGUE.format_number(lang, number).replace(
            sep, ""
        )


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 1, "1 anonymous contributor"),
        ("en", 0, "0 anonymous contributors"),
        ("en", 2, "2 anonymous contributors"),
        ("fr", 0, "0 contributeur anonyme"),
        ("fr", 1, "1 contributeur anonyme"),
        ("fr", 2, "2 contributeurs anonymes"),
        ("es", 1, "1 colaborador anónimo"),
        ("es", 3, "3 colaboradores anónimos"),
        ("en", 1500, "1,500 anonymous contributors"),
    ],
)
def test_plural_forms(lang, count, expected):
    """The count picks the one/other form by the language's rule."""
    assert expected == DEFAULT_CATALOGUE.message(
        lang, "anonymous-contributors", count=count
    )


def test_credits_keys_for_the_credits_page():
    """The credits-page messages exist and take their parameters."""
    c = DEFAULT_CATALOGUE
    assert "This work reuses 3 items made by others, credited below." == c.message(
        "en", "credits-intro", count=3
    )
    assert "Licensed under CC BY 4.0" == c.message(
        "en", "credits-group-license", license="CC BY 4.0"
    )
    assert "Marqué" not in c.message("fr", "credits-group-waiver", license="CC0 1.0")
    for lang in SHIPPED:
        for status in ("compatible", "conditional", "incompatible", "unknown"):
            use = c.message(lang, "credits-use-adapt")
            text = c.message(
                lang, f"credits-status-{status}", target="CC BY-SA 4.0", use=use
            )
            assert "CC BY-SA 4.0" in text
            assert use in text


def test_message_errors():
    """Unknown language or key, a missing parameter, or no count: typed errors."""
    c = DEFAULT_CATALOGUE
    with pytest.raises(ConfigurationError, match="no messages for language 'pt'"):
        c.message("pt", "modified")
    with pytest.raises(ConfigurationError, match="unknown message key"):
        c.message("en", "no-such-key")
    with pytest.raises(ConfigurationError, match=r"needs the parameters \['date'\]"):
        c.message("en", "retrieved")
    with pytest.raises(ConfigurationError, match="is counted"):
        c.message("en", "more-authors")
    with pytest.raises(ConfigurationError, match="count must be an int"):
        c.message("en", "more-authors", count="2")


def test_with_language_adds_a_language_end_to_end():
    """A new language renders whole attributions, without touching the default."""
    dutch = dict(
        EN,
        quoted="‘{text}’",
        work="{title} door {author}",
        credit="{work}, van {site}, {license}.",
        **{
            "license-licensed": "valt onder de licentie {license}",
            "history-authors": "de auteurs",
            "retrieved": "Geraadpleegd op {date}.",
            "date": "{day} {month} {year}",
            "month-11": "november",
        },
    )
    catalogue = DEFAULT_CATALOGUE.with_language("nl", dutch)
    assert ("de", "en", "es", "fr", "nl") == catalogue.languages
    assert ("de", "en", "es", "fr") == DEFAULT_CATALOGUE.languages
    a = Attribution(
        kind="article",
        title="Aarde",
        source_url="https://nl.wikipedia.org/w/index.php?title=Aarde&oldid=1",
        history_url="https://nl.wikipedia.org/w/index.php?title=Aarde&action=history",
        site_name="Wikipedia",
        license=LicenseNotice(
            id="CC-BY-SA-4.0",
            name="CC BY-SA 4.0",
            short_name="CC BY-SA 4.0",
            url="https://creativecommons.org/licenses/by-sa/4.0/",
            kind="license",
        ),
        accessed=date(2026, 11, 27),
        lang="nl",
    )
    assert (
        "‘Aarde’ (https://nl.wikipedia.org/w/index.php?title=Aarde&oldid=1) door de "
        "auteurs (https://nl.wikipedia.org/w/index.php?title=Aarde&action=history),"
        " van Wikipedia, valt onder de licentie CC BY-SA 4.0 "
        "(https://creativecommons.org/licenses/by-sa/4.0/). Geraadpleegd op 27 "
        "november 2026."
    ) == a.to_text(catalogue=catalogue)
    with pytest.raises(ConfigurationError, match="no messages for language 'nl'"):
        a.to_text()


def test_with_language_checks_keys():
    """Missing or unknown keys are refused, naming them."""
    partial = dict(EN)
    del partial["modified"]
    with pytest.raises(
        ConfigurationError, match=r"missing message keys \['modified'\]"
    ):
        DEFAULT_CATALOGUE.with_language("nl", partial)
    with pytest.raises(ConfigurationError, match="unknown message key 'typo'"):
        DEFAULT_CATALOGUE.with_language("nl", dict(EN, typo="x"))


@pytest.mark.parametrize(
    ("key", "value", "match"),
    [
        ("retrieved", "Geraadpleegd.", "placeholders"),
        ("retrieved", "{date} {when}", "placeholders"),
        ("retrieved", "{0}", "plain"),
        ("retrieved", "{date.year}", "plain"),
        ("retrieved", "{date!r}", "plain"),
        ("retrieved", "{date:>20}", "plain"),
        ("retrieved", "{date", "not a valid pattern"),
        ("anonymous-contributors.one", "one anonymous", "placeholders"),
        ("number-group-minimum", "7", "number-group-minimum"),
    ],
)
def test_with_language_checks_placeholders(key, value, match):
    """Placeholders must be English's and plain {name} fields."""
    with pytest.raises(ConfigurationError, match=match):
        DEFAULT_CATALOGUE.with_language("nl", dict(EN, **{key: value}))


@pytest.mark.parametrize("lang", ["", "EN", "english", "de_DE", "x", "nl-"])
def test_with_language_checks_the_code(lang):
    """A language code must look like a BCP 47 tag."""
    with pytest.raises(ConfigurationError, match="BCP 47"):
        DEFAULT_CATALOGUE.with_language(lang, EN)


def test_with_language_checks_value_types():
    """Message values are text."""
    with pytest.raises(ConfigurationError, match="must be text"):
        DEFAULT_CATALOGUE.with_language("nl", dict(EN, modified=3))  # type: ignore[dict-item]


def slavic(count: int) -> str:
    """A few/many plural rule in the style of Polish."""
    if count == 1:
        return "one"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return "few"
    return "many"


def test_plural_rule_needs_a_form_for_each_category():
    """A rule that answers "few" needs the .few forms; with them it is used."""
    with pytest.raises(ConfigurationError, match=r"has no \S+\.(few|many) form"):
        DEFAULT_CATALOGUE.with_language("pl", EN, plural=slavic)
    forms = {}
    for key in MESSAGE_KEYS:
        base, _, form = key.rpartition(".")
        if form == "other":
            forms[f"{base}.few"] = EN[key] + " (few)"
            forms[f"{base}.many"] = EN[key] + " (many)"
    catalogue = DEFAULT_CATALOGUE.with_language("pl", {**EN, **forms}, plural=slavic)
    assert "3 others (few)" == catalogue.message("pl", "more-authors", count=3)
    assert "5 others (many)" == catalogue.message("pl", "more-authors", count=5)
    assert "1 other" == catalogue.message("pl", "more-authors", count=1)
    with pytest.raises(ConfigurationError, match="placeholders"):
        DEFAULT_CATALOGUE.with_language(
            "pl", {**EN, **forms, "more-authors.few": "a few"}, plural=slavic
        )
    assert "many" in PLURAL_CATEGORIES


def test_with_messages_overrides_single_messages():
    """One message changes; the rest of the language and the original stay."""
    custom = DEFAULT_CATALOGUE.with_messages("en", {"unknown-author": "anonymous"})
    assert "anonymous" == custom.message("en", "unknown-author")
    assert "an unknown author" == DEFAULT_CATALOGUE.message("en", "unknown-author")
    assert EN["credit"] == custom.message(
        "en", "credit", work="{work}", site="{site}", license="{license}"
    )
    with pytest.raises(ConfigurationError, match="no messages for language 'pt'"):
        DEFAULT_CATALOGUE.with_messages("pt", {"modified": "modificado"})
    with pytest.raises(ConfigurationError, match="placeholders"):
        DEFAULT_CATALOGUE.with_messages("en", {"retrieved": "Retrieved."})


def test_with_language_keeps_the_plural_rule_of_a_replaced_language():
    """Replacing French keeps its rule: 0 stays singular."""
    french = dict(DEFAULT_CATALOGUE.messages["fr"])
    catalogue = DEFAULT_CATALOGUE.with_language("fr", french)
    assert "0 autre" == catalogue.message("fr", "more-authors", count=0)
    assert catalogue == DEFAULT_CATALOGUE


def test_catalogue_constructor_validates():
    """Built directly, a catalogue is checked like with_language."""
    with pytest.raises(ConfigurationError, match="missing message keys"):
        Catalogue(messages={"en": {"modified": "modified"}})
    with pytest.raises(ConfigurationError, match="plural rule for 'pt'"):
        Catalogue(messages={"en": EN}, plural_rules={"pt": plural_one_other})
    only_english = Catalogue(messages={"en": EN})
    assert ("en",) == only_english.languages


def test_catalogue_is_immutable():
    """Messages cannot be changed in place, nor fields reassigned."""
    with pytest.raises(TypeError):
        DEFAULT_CATALOGUE.messages["en"]["modified"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        DEFAULT_CATALOGUE.messages["xx"] = EN  # type: ignore[index]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT_CATALOGUE.messages = {}  # type: ignore[misc]
    source = dict(EN)
    catalogue = Catalogue(messages={"en": source})
    source["modified"] = "changed later"
    assert "modified" == catalogue.message("en", "modified")


def test_catalogue_changes_the_rendered_words():
    """An override reaches the renderer (the unknown-author placeholder)."""
    a = Attribution(
        kind="work",
        title="T",
        source_url="",
        authors=(),
        license=LicenseNotice(
            id="CC-BY-4.0",
            name="CC BY 4.0",
            short_name="CC BY 4.0",
            url="",
            kind="license",
        ),
        warnings=("no-author",),
    )
    custom = DEFAULT_CATALOGUE.with_messages(
        "en", {"unknown-author": "someone unnamed"}
    )
    assert "“T” by someone unnamed is licensed under CC BY 4.0." == a.to_text(
        catalogue=custom
    )
    assert isinstance(Byline.plain("x"), Byline)

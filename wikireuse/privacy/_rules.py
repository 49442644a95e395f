"""The data of classify_person(): living-people categories, BLP templates, births.

A shipped, documented and extensible table (:class:`PersonRules`). Every
category name below was checked against a real use, not guessed; where a
language edition has none of a kind (the German Wikipedia has no
living-people category, for one), the table has none either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from wikireuse.exceptions import ConfigurationError

__all__ = ["DEFAULT_RULES", "MAX_AGE_YEARS", "PersonRules", "normalise_title"]

MAX_AGE_YEARS: Final = 115
"""Wikipedia's policy on biographies of living persons (WP:BLP) presumes
alive anyone born within the last 115 years, unless reliably reported dead."""

# Category:Living people is the Wikidata item Q5312304 (the GettingStarted
# extension and the Wikipedia "citation hunt" tool both name it so); these
# are the titles of its sitelinks that were read in public data: the English
# and Simple English title, and the interlanguage links of enwiki's
# Category:Living people (Japanese, Chinese, Cantonese, Alemannic, Somali,
# Burmese) recorded in a crawler's exclusion list; Swedish from a svwiki bot
# that reports pages both in "Levande personer" and an "Avlidna NNNN"
# category; Persian from fawiki database reports and a BLP edit filter.
_LIVING: Final = {
    "en": ("Living people",),
    "simple": ("Living people",),
    "sv": ("Levande personer",),
    "ja": ("存命人物",),
    "zh": ("在世人物",),
    "yue": ("在生嘅人",),
    "als": ("Läbigi Person",),
    "so": ("Nolol",),
    "my": ("သက်ရှိထင်ရှားပုဂ္ဂိုလ်များ",),
    "fa": ("افراد زنده",),
}

# English Wikipedia's maintenance categories for people whose dates are
# missing: the "(living people)" ones mark living people too.
_LIVING_EXTRA: Final = ("Year of birth missing (living people)",)
_POSSIBLY_LIVING: Final = ("Possibly living people",)

# Templates placed on articles about living people (English Wikipedia's
# {{BLP sources}} family; names compared without regard to case).
_BLP_TEMPLATES: Final = (
    "BLP",
    "BLP sources",
    "BLP sources section",
    "BLP unsourced",
    "BLP unsourced section",
    "BLP unreferenced",
    "Unreferenced BLP",
    "BLP primary sources",
    "BLP self-published",
)

# Births categories, the year in the group "year" (a decade or century gives
# its last year: the latest birth it allows, the safe one for the 115-year
# rule). English "1952 births", "1950s births", "20th-century births";
# German "Geboren 1952"; Swedish "Födda 1952"; Chinese "1952年出生";
# Japanese "1952年生"; Russian "Родившиеся в 1952 году"; Persian
# "زادگان ۱۹۵۲ (میلادی)" (Persian digits read as digits).
_BIRTHS: Final = (
    r"(?P<year>\d{1,4}) births",
    r"(?P<decade>\d{1,3})0s births",
    r"(?P<century>\d{1,2})(?:st|nd|rd|th)-century births",
    r"Geboren (?P<year>\d{1,4})",
    r"Födda (?P<year>\d{1,4})",
    r"(?P<year>\d{1,4})年出生",
    r"(?P<year>\d{1,4})年生",
    r"Родившиеся в (?P<year>\d{1,4}) году",
    r"زادگان (?P<year>\d{1,4})(?: \(میلادی\))?",
)
# Births whose year is unknown: a person, of unknown age.
_BIRTHS_UNKNOWN: Final = (
    "Year of birth missing",
    "Year of birth unknown",
    "Year of birth uncertain",
)
# Deaths categories: any of them says the person is dead. English "2001
# deaths", "2000s deaths", "5th-century deaths", "Year of death missing";
# German "Gestorben 2001"; Swedish "Avlidna 2001"; Chinese "2001年逝世";
# Japanese "2001年没"; Cantonese "2001年死"; Russian "Умершие в 2001 году";
# Persian "درگذشتگان ...".
_DEATHS: Final = (
    r"\d{1,4}s? deaths",
    r"\d{1,2}(?:st|nd|rd|th)-century deaths",
    r".+ BC(?:E)? deaths",
    r"Year of death (?:missing|unknown|uncertain)",
    r"Date of death (?:missing|unknown)",
    r"Gestorben \d{1,4}",
    r"Avlidna \d{1,4}",
    r"\d{1,4}年逝世",
    r"\d{1,4}年没",
    r"\d{1,4}年死",
    r"Умершие в \d{1,4} году",
    r"درگذشتگان .+",
)

# The category namespace's name in the languages above, as the sources
# above wrote it, for titles given with it ("Kategorie:Läbigi Person").
_CATEGORY_NAMESPACES: Final = frozenset(
    {
        "category",
        "kategorie",
        "kategori",
        "категория",
        "分类",
        "分類",
        "رده",
    }
)


def normalise_title(title: str) -> str:
    """A category or template title as compared: no namespace, spaces, first letter up.

    >>> normalise_title("category:living_people")
    'Living people'
    """
    text = " ".join(title.replace("_", " ").split())
    head, colon, rest = text.partition(":")
    if colon and head.strip().casefold() in (*_CATEGORY_NAMESPACES, "template"):
        text = rest.strip()
    return text[:1].upper() + text[1:]


def _compile(patterns: Iterable[str | re.Pattern[str]]) -> tuple[re.Pattern[str], ...]:
    return tuple(
        p if isinstance(p, re.Pattern) else re.compile(f"^(?:{p})$") for p in patterns
    )


def _titles(value: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise_title(v) for v in value)


def _table(value: Mapping[str, Iterable[str]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({str(k): tuple(v) for k, v in value.items()})


@attrs.frozen(kw_only=True)
class PersonRules:
    """What :func:`~wikireuse.privacy.classify_person` looks for.

    Extend it with :meth:`with_living_categories` (or :func:`attrs.evolve`)
    and pass it as ``rules=``.

    Attributes:
        living_categories: Language edition → titles of its living-people
            categories (without the namespace).
        living_extra: More categories that mark a living person (English
            Wikipedia's "Year of birth missing (living people)").
        possibly_living: Categories of people who may be living.
        blp_templates: Templates put on articles about living people
            (compared without regard to case).
        births: Regular expressions of births categories; the group
            ``year``, ``decade`` or ``century`` gives the latest birth year.
        births_unknown: Categories of people whose birth year is unknown.
        deaths: Regular expressions of deaths categories.
        human_classes: Wikidata classes whose instances (P31) are humans.
        max_age_years: Born longer ago than this, a person with no death date
            is presumed dead (115 under WP:BLP).
    """

    living_categories: Mapping[str, tuple[str, ...]] = attrs.field(
        default=_LIVING, converter=_table
    )
    living_extra: tuple[str, ...] = _LIVING_EXTRA
    possibly_living: tuple[str, ...] = _POSSIBLY_LIVING
    blp_templates: tuple[str, ...] = _BLP_TEMPLATES
    births: tuple[re.Pattern[str], ...] = attrs.field(
        default=_BIRTHS, converter=_compile
    )
    births_unknown: tuple[str, ...] = _BIRTHS_UNKNOWN
    deaths: tuple[re.Pattern[str], ...] = attrs.field(
        default=_DEATHS, converter=_compile
    )
    human_classes: tuple[str, ...] = ("Q5",)
    max_age_years: int = MAX_AGE_YEARS

    def __attrs_post_init__(self) -> None:
        if (
            not isinstance(self.max_age_years, int)
            or isinstance(self.max_age_years, bool)
            or not 1 <= self.max_age_years <= 200
        ):
            raise ConfigurationError(
                message="max_age_years must be a whole number of years from 1 to "
                f"200, got {self.max_age_years!r}"
            )

    def with_living_categories(self, lang: str, *titles: str) -> PersonRules:
        """These rules with more living-people categories for edition *lang*.

        >>> rules = DEFAULT_RULES.with_living_categories("xx", "Living folk")
        >>> "Living folk" in rules.living_titles
        True
        """
        table = dict(self.living_categories)
        table[lang] = (*table.get(lang, ()), *titles)
        return attrs.evolve(self, living_categories=table)

    @property
    def living_titles(self) -> frozenset[str]:
        """Every title that marks a living person, normalised."""
        return _titles(
            (
                *(t for ts in self.living_categories.values() for t in ts),
                *self.living_extra,
            )
        )

    @property
    def template_keys(self) -> frozenset[str]:
        """The BLP template names, normalised and case-folded."""
        return frozenset(normalise_title(t).casefold() for t in self.blp_templates)


DEFAULT_RULES: Final = PersonRules()
"""The shipped rules: every table above."""

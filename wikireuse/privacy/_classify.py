"""classify_person(): is a page about a living person, and on what evidence?"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any, Final

import attrs

from wikireuse.exceptions import ConfigurationError, RecordError
from wikireuse.privacy._rules import DEFAULT_RULES, PersonRules, normalise_title
from wikireuse.records.articles import Article
from wikireuse.records.persons import Evidence, PersonAssessment, PersonStatus
from wikireuse.structured.model import StructuredArticle

__all__ = ["classify_person"]

# A template call's name: what follows "{{" up to "|" or "}}" (nested
# calls are found too, since every "{{" is tried).
_TEMPLATE_NAME: Final = re.compile(r"\{\{\s*([^{}|\n]+?)\s*(?:\||\}\})")
_TIME: Final = re.compile(r"^([+-])(\d{1,16})-(\d\d)-(\d\d)T")

# Rules by what their evidence weighs (the precedence, strongest first):
# an explicit statement that the person lives, then that they may live,
# then that they died, then what a birth date implies, then "not human".
_LIVING_RULES: Final = frozenset(
    {"living-category", "blp-template", "wikidata-no-death-date"}
)
_POSSIBLY_RULES: Final = frozenset({"possibly-living-category"})
_DEATH_RULES: Final = frozenset({"death-category", "wikidata-death-date"})
_BIRTH_RULES: Final = frozenset({"birth-category", "wikidata-birth-date"})
# a person of unknown age: a human on Wikidata, a "year of birth unknown" category
_PERSON_RULES: Final = frozenset({"wikidata-human", "person-category"})
_NOT_PERSON_RULES: Final = frozenset({"wikidata-not-human"})


def classify_person(
    article: Article | StructuredArticle,
    entity: Mapping[str, Any] | None = None,
    *,
    today: date,
    rules: PersonRules = DEFAULT_RULES,
) -> PersonAssessment:
    r"""Whether *article* is about a living person, with the evidence.

    Pure: no network, no clock (*today* is given). The rules, each adding
    :class:`~wikireuse.privacy.Evidence`:

    - **categories** — a living-people category of any language edition
      (:data:`~wikireuse.privacy.DEFAULT_RULES`), English Wikipedia's "Year
      of birth missing (living people)" → ``LIVING``; "Possibly living
      people" → ``POSSIBLY_LIVING``; a deaths category ("2001 deaths",
      "Year of death missing", "Gestorben 2001", ...) → ``DECEASED``; a
      births category ("1952 births") → ``POSSIBLY_LIVING`` when the year is
      within 115 years of *today*, else ``DECEASED`` (presumed);
    - **templates** — a BLP template (``{{BLP sources}}``, ...) → ``LIVING``;
    - **Wikidata** (*entity*) — *instance of* (P31) with no human class
      (Q5) → ``NOT_PERSON``; a date of death (P570, also "unknown value") →
      ``DECEASED``; "no value" for P570 → ``LIVING``; else a date of birth
      (P569) within 115 years of *today* → ``POSSIBLY_LIVING``, longer ago →
      ``DECEASED`` (presumed, as WP:BLP does), none → ``POSSIBLY_LIVING``
      (a human of unknown age). Deprecated statements are skipped; a date
      of the precision of a year, decade or century counts as its latest
      day (the safe reading for the 115-year rule); a date of death after
      *today* is ignored (noted in the evidence). Dates count when P31 names
      a human or is missing.

    Precedence, strongest first: ``LIVING`` evidence, then an explicit
    ``POSSIBLY_LIVING`` category, then death, then what a birth date
    implies, then ``NOT_PERSON``; with no evidence, ``UNKNOWN``. When a
    living or possibly-living signal meets a death or a not-human one, the
    living answer wins (the safe one: the page is then minimised) and a
    ``"conflict"`` entry in the evidence names both.

    Args:
        article: An :class:`~wikireuse.Article` (its categories, and the
            templates called in its wikitext) or a
            :class:`~wikireuse.StructuredArticle` (its categories and
            templates).
        entity: The page's Wikidata item as Wikidata's JSON gives it (an
            entity of ``wbgetentities`` or ``Special:EntityData``, with its
            ``claims``), or ``None``. The :class:`~wikireuse.Entity` record
            carries terms and sitelinks, not claims, so it is not enough.
        today: The date to measure ages against.
        rules: The categories, templates and limits to use.

    Raises:
        ConfigurationError: *today* is not a date, *article* not an article,
            *rules* not :class:`~wikireuse.privacy.PersonRules`.
        RecordError: *entity* is not shaped like a Wikidata entity (the
            error names it and the part at fault).

    >>> from datetime import date
    >>> from wikireuse.structured import structure
    >>> doc = structure("'''Ada Example''' (born 1970) paints.\n"
    ...                 "[[Category:1970 births]]\n[[Category:Living people]]")
    >>> result = classify_person(doc, today=date(2026, 1, 1))
    >>> result.status
    <PersonStatus.LIVING: 'living'>
    >>> for item in result.evidence:
    ...     print(item)
    birth-category: category '1970 births' = 1970 → possibly-living
    living-category: category 'Living people' → living
    """
    if isinstance(today, datetime) or not isinstance(today, date):
        raise ConfigurationError(
            message=f"today must be a datetime.date, got {today!r}"
        )
    if not isinstance(rules, PersonRules):
        raise ConfigurationError(message=f"rules must be PersonRules, got {rules!r}")
    if isinstance(article, StructuredArticle):
        categories = tuple(c.title for c in article.categories)
        templates = article.templates
    elif isinstance(article, Article):
        categories = article.categories
        templates = tuple(m.group(1) for m in _TEMPLATE_NAME.finditer(article.wikitext))
    else:
        raise ConfigurationError(
            message="classify_person() reads an Article or a StructuredArticle, "
            f"got {type(article).__name__}"
        )
    evidence = [
        *_from_categories(categories, today, rules),
        *_from_templates(templates, rules),
    ]
    if entity is not None:
        evidence.extend(_from_entity(entity, today, rules))
    return _decide(tuple(evidence))


def _decide(evidence: tuple[Evidence, ...]) -> PersonAssessment:
    rules = {e.rule for e in evidence}
    births = {e.status for e in evidence if e.rule in _BIRTH_RULES}
    if rules & _LIVING_RULES:
        status = PersonStatus.LIVING
    elif rules & _POSSIBLY_RULES:
        status = PersonStatus.POSSIBLY_LIVING
    elif rules & _DEATH_RULES:
        status = PersonStatus.DECEASED
    elif PersonStatus.POSSIBLY_LIVING in births:
        status = PersonStatus.POSSIBLY_LIVING  # born within 115 years
    elif births:
        status = PersonStatus.DECEASED  # presumed: born over 115 years ago
    elif rules & _PERSON_RULES:
        status = PersonStatus.POSSIBLY_LIVING  # a person of unknown age
    elif rules & _NOT_PERSON_RULES:
        status = PersonStatus.NOT_PERSON
    else:
        status = PersonStatus.UNKNOWN
    against = [
        e
        for e in evidence
        if (status.is_protected and e.rule in _DEATH_RULES)
        or (status is not PersonStatus.NOT_PERSON and e.rule in _NOT_PERSON_RULES)
    ]
    if against:
        named = ", ".join(f"{e.rule} {e.name!r}" for e in against)
        evidence = (
            *evidence,
            Evidence(
                rule="conflict",
                status=status,
                source="classifier",
                value=f"{named} disagree; {status} taken"
                + (" (the safe answer)" if status.is_protected else ""),
            ),
        )
    return PersonAssessment(status=status, evidence=evidence)


def _age_status(latest_birth: date, today: date, rules: PersonRules) -> PersonStatus:
    """POSSIBLY_LIVING when born on or after the day *max_age_years* before *today*."""
    year = today.year - rules.max_age_years
    day = min(today.day, calendar.monthrange(year, today.month)[1])  # 29 February
    limit = date(year, today.month, day)
    return (
        PersonStatus.POSSIBLY_LIVING if latest_birth >= limit else PersonStatus.DECEASED
    )


def _from_categories(
    categories: tuple[str, ...], today: date, rules: PersonRules
) -> Iterator[Evidence]:
    living = rules.living_titles
    possibly = {normalise_title(t) for t in rules.possibly_living}
    unknown_birth = {normalise_title(t) for t in rules.births_unknown}
    for raw in categories:
        title = normalise_title(raw)
        if title in living:
            yield Evidence(
                rule="living-category",
                status=PersonStatus.LIVING,
                source="category",
                name=title,
            )
        elif title in possibly:
            yield Evidence(
                rule="possibly-living-category",
                status=PersonStatus.POSSIBLY_LIVING,
                source="category",
                name=title,
            )
        elif any(p.match(title) for p in rules.deaths):
            yield Evidence(
                rule="death-category",
                status=PersonStatus.DECEASED,
                source="category",
                name=title,
            )
        elif title in unknown_birth:
            yield Evidence(
                rule="person-category",
                status=PersonStatus.POSSIBLY_LIVING,
                source="category",
                name=title,
                value="year of birth unknown",
            )
        else:
            year = _birth_year(title, rules)
            if year is not None:
                yield Evidence(
                    rule="birth-category",
                    status=_age_status(date(year, 12, 31), today, rules),
                    source="category",
                    name=title,
                    value=str(year),
                )


def _birth_year(title: str, rules: PersonRules) -> int | None:
    """The latest year a births category allows, if *title* is one."""
    for pattern in rules.births:
        found = pattern.match(title)
        if found is None:
            continue
        parts = found.groupdict()
        if parts.get("year"):
            return max(1, int(parts["year"]))
        if parts.get("decade"):
            return int(parts["decade"]) * 10 + 9
        if parts.get("century"):
            return max(1, int(parts["century"]) * 100)
    return None


def _from_templates(
    templates: tuple[str, ...], rules: PersonRules
) -> Iterator[Evidence]:
    wanted = rules.template_keys
    seen: set[str] = set()
    for raw in templates:
        name = normalise_title(raw)
        if name.casefold() in wanted and name.casefold() not in seen:
            seen.add(name.casefold())
            yield Evidence(
                rule="blp-template",
                status=PersonStatus.LIVING,
                source="template",
                name=name,
            )


# -- Wikidata --------------------------------------------------------------------


@attrs.frozen
class _Snak:
    kind: str  # "value", "somevalue" or "novalue"
    value: Any


def _statements(entity: Mapping[str, Any], prop: str, who: str) -> list[_Snak]:
    """The non-deprecated main snaks of *prop*, as ``_Snak`` s."""
    claims = entity.get("claims", {})
    if isinstance(claims, list) and not claims:
        claims = {}  # the API sends [] for an item without statements
    if not isinstance(claims, Mapping):
        raise RecordError(message=f"{who}: 'claims' must be an object, got {claims!r}")
    found = claims.get(prop, [])
    if not isinstance(found, list):
        raise RecordError(message=f"{who}: claims[{prop!r}] must be a list")
    snaks = []
    for n, statement in enumerate(found):
        where = f"{who}: claims[{prop!r}][{n}]"
        if not isinstance(statement, Mapping) or not isinstance(
            statement.get("mainsnak"), Mapping
        ):
            raise RecordError(message=f"{where} has no mainsnak")
        if statement.get("rank") == "deprecated":
            continue
        snak = statement["mainsnak"]
        kind = snak.get("snaktype")
        if kind not in ("value", "somevalue", "novalue"):
            raise RecordError(message=f"{where}: unknown snaktype {kind!r}")
        value = None
        if kind == "value":
            datavalue = snak.get("datavalue")
            if not isinstance(datavalue, Mapping) or "value" not in datavalue:
                raise RecordError(message=f"{where}: a value snak without datavalue")
            value = datavalue["value"]
        snaks.append(_Snak(kind, value))
    return snaks


@attrs.frozen
class _Time:
    text: str
    earliest: date
    latest: date


def _time(value: Any, where: str) -> _Time:
    """A Wikidata time value's earliest and latest day, by its precision.

    Years before 1 (BCE) and beyond 9999 are clamped to the ends of
    :class:`datetime.date`: all that matters is "long ago" or "future".
    """
    if not isinstance(value, Mapping) or not isinstance(value.get("time"), str):
        raise RecordError(message=f"{where}: a time value needs 'time', got {value!r}")
    text = value["time"]
    found = _TIME.match(text)
    precision = value.get("precision", 11)
    if found is None or not isinstance(precision, int) or isinstance(precision, bool):
        raise RecordError(message=f"{where}: unreadable time {text!r}")
    sign, year_text, month_text, day_text = found.groups()
    year = int(year_text) * (-1 if sign == "-" else 1)
    month, day = int(month_text), int(day_text)
    if precision >= 10 and not 1 <= month <= 12:
        raise RecordError(message=f"{where}: month {month} in {text!r}")
    if year < 1:
        return _Time(text, date.min, date.min)
    if year > 9999:
        return _Time(text, date.max, date.max)
    if precision >= 11:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise RecordError(message=f"{where}: day {day} in {text!r}")
        return _Time(text, date(year, month, day), date(year, month, day))
    if precision == 10:
        last = calendar.monthrange(year, month)[1]
        return _Time(text, date(year, month, 1), date(year, month, last))
    # year (9), decade (8), century (7), millennium (6), or coarser
    span = {9: 1, 8: 10, 7: 100, 6: 1000}.get(precision, 10_000)
    first = year - year % span if span > 1 else year
    end = min(first + span - 1, 9999)
    return _Time(text, date(max(first, 1), 1, 1), date(end, 12, 31))


def _from_entity(
    entity: Mapping[str, Any], today: date, rules: PersonRules
) -> Iterator[Evidence]:
    if not isinstance(entity, Mapping):
        raise RecordError(
            message="entity must be a Wikidata entity object (with 'claims'), "
            f"got {type(entity).__name__}"
        )
    who = f"entity {str(entity.get('id', '?'))[:40]}"
    classes = _statements(entity, "P31", who)
    ids = [
        str(s.value.get("id", ""))
        for s in classes
        if s.kind == "value" and isinstance(s.value, Mapping)
    ]
    human = [i for i in ids if i in rules.human_classes]
    if human:
        yield Evidence(
            rule="wikidata-human",
            status=PersonStatus.POSSIBLY_LIVING,
            source="wikidata",
            name="P31",
            value=human[0],
        )
    elif ids:
        yield Evidence(
            rule="wikidata-not-human",
            status=PersonStatus.NOT_PERSON,
            source="wikidata",
            name="P31",
            value=", ".join(ids),
        )
        return  # the dates of a non-human (an animal, a ship) say nothing
    deaths = _statements(entity, "P570", who)
    died = False
    for n, snak in enumerate(deaths):
        if snak.kind == "novalue":
            yield Evidence(
                rule="wikidata-no-death-date",
                status=PersonStatus.LIVING,
                source="wikidata",
                name="P570",
                value="no value",
            )
        elif snak.kind == "somevalue":
            died = True
            yield Evidence(
                rule="wikidata-death-date",
                status=PersonStatus.DECEASED,
                source="wikidata",
                name="P570",
                value="unknown value",
            )
        else:
            when = _time(snak.value, f"{who}: P570[{n}]")
            if when.earliest > today:
                yield Evidence(
                    rule="wikidata-future-date",
                    status=PersonStatus.UNKNOWN,
                    source="wikidata",
                    name="P570",
                    value=f"{when.text} is after {today.isoformat()}: ignored",
                )
                continue
            died = True
            yield Evidence(
                rule="wikidata-death-date",
                status=PersonStatus.DECEASED,
                source="wikidata",
                name="P570",
                value=when.text,
            )
    if died:
        return
    births = []
    for n, snak in enumerate(_statements(entity, "P569", who)):
        if snak.kind != "value":
            continue  # an unknown birth date: a human of unknown age
        when = _time(snak.value, f"{who}: P569[{n}]")
        if when.earliest > today:
            yield Evidence(
                rule="wikidata-future-date",
                status=PersonStatus.UNKNOWN,
                source="wikidata",
                name="P569",
                value=f"{when.text} is after {today.isoformat()}: ignored",
            )
            continue
        births.append(when)
    if births:
        youngest = max(births, key=lambda t: t.latest)
        yield Evidence(
            rule="wikidata-birth-date",
            status=_age_status(youngest.latest, today, rules),
            source="wikidata",
            name="P569",
            value=youngest.text,
        )

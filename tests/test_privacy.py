"""classify_person(): living-people categories, BLP templates, births, deaths, P569."""

from __future__ import annotations

from datetime import date, datetime

import attrs
import jsonschema
import pytest

from tests.privacy_support import (
    PAGES,
    entity_cases,
    entity_today,
    fixture_page,
    fixture_page_names,
)
from wikireuse.chunks import Chunk, chunk
from wikireuse.dumps import read_xml_dump
from wikireuse.exceptions import ConfigurationError, RecordError
from wikireuse.privacy import (
    DEFAULT_RULES,
    PersonAssessment,
    PersonRules,
    PersonStatus,
    classify_person,
)
from wikireuse.privacy._rules import normalise_title
from wikireuse.records.persons import (
    is_anonymous_name,
    is_ip_address,
    is_temporary_account,
)
from wikireuse.structured import (
    Category,
    StructuredArticle,
    from_enterprise,
    schema,
    structure,
)

TODAY = date(2026, 6, 15)
SAMPLE_DUMP = "examples/data/sample-wiki.xml.bz2"


def _in_living_category(titles: list[str]) -> bool:
    return any(normalise_title(t) in DEFAULT_RULES.living_titles for t in titles)


# -- acceptance: pages in a living-people category ----------------------------------


def test_every_fixture_page_in_a_living_people_category_is_living() -> None:
    living = [
        name
        for name in fixture_page_names()
        if _in_living_category([c.title for c in fixture_page(name).categories])
    ]
    # the fixtures hold living-people categories of six editions
    assert len(living) >= 7
    for name in living:
        result = classify_person(fixture_page(name), today=TODAY)
        assert result.status is PersonStatus.LIVING, (name, result)


def test_sample_dump_pages_in_a_living_people_category_are_living() -> None:
    pages = list(read_xml_dump(SAMPLE_DUMP))
    living = [a for a in pages if _in_living_category(list(a.categories))]
    assert len(living) >= 4  # the sample's living people
    for article in pages:
        expected_living = _in_living_category(list(article.categories))
        result = classify_person(article, today=TODAY)
        if expected_living:
            assert result.status is PersonStatus.LIVING, article.title
        # a page the rules know nothing of stays unknown, never living
        if not result.evidence:
            assert result.status is PersonStatus.UNKNOWN


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("en_Mara_Testfield", PersonStatus.LIVING),
        ("en_Ivo_Conflict", PersonStatus.LIVING),
        ("en_Rosa_Nodate", PersonStatus.LIVING),
        ("en_Tomas_Unsourced", PersonStatus.LIVING),
        ("en_Greta_Historic", PersonStatus.DECEASED),
        ("en_Possibly_Peder", PersonStatus.POSSIBLY_LIVING),
        ("sv_Lina_Exempel", PersonStatus.LIVING),
        ("ja_Taro_Rei", PersonStatus.LIVING),
        ("zh_Li_Shili", PersonStatus.LIVING),
        ("fa_Nemune", PersonStatus.LIVING),
        ("en_Harbour_Crane", PersonStatus.UNKNOWN),
    ],
)
def test_fixture_pages_hand_labels(name: str, status: PersonStatus) -> None:
    assert classify_person(fixture_page(name), today=TODAY).status is status


def test_conflict_says_so_and_takes_the_safe_answer() -> None:
    result = classify_person(fixture_page("en_Ivo_Conflict"), today=TODAY)
    assert result.status is PersonStatus.LIVING
    assert result.conflicting
    conflict = [e for e in result.evidence if e.rule == "conflict"]
    assert len(conflict) == 1
    assert "death-category '2001 deaths'" in conflict[0].value
    assert "the safe answer" in conflict[0].value


def test_blp_template_alone_makes_living() -> None:
    result = classify_person(fixture_page("en_Tomas_Unsourced"), today=TODAY)
    assert [(e.rule, e.name) for e in result.evidence if e.source == "template"] == [
        ("blp-template", "BLP unsourced")
    ]


def test_article_input_reads_categories_and_wikitext_templates() -> None:
    pages = {a.title: a for a in read_xml_dump(SAMPLE_DUMP)}
    article = next(iter(pages.values()))
    wikitext = "{{blp sources|date=May 2025}} '''X''' is a person."
    tagged = attrs.evolve(article, wikitext=wikitext, categories=("Living people",))
    result = classify_person(tagged, today=TODAY)
    assert {e.rule for e in result.evidence} == {"blp-template", "living-category"}
    plain = attrs.evolve(article, wikitext="Plain.", categories=())
    assert classify_person(plain, today=TODAY).status is PersonStatus.UNKNOWN


# -- acceptance: the Wikidata rule on hand-labelled entities ----------------------


def test_wikidata_rule_reproduces_every_hand_label() -> None:
    cases = entity_cases()["cases"]
    assert len(cases) >= 20
    empty = structure("Text.")
    got = {
        case["why"]: str(
            classify_person(empty, case["entity"], today=entity_today()).status
        )
        for case in cases
    }
    assert got == {case["why"]: case["label"] for case in cases}
    labels = {case["label"] for case in cases}
    assert labels == {s.value for s in PersonStatus}  # every status is exercised


def test_wikidata_evidence_names_property_and_value() -> None:
    case = entity_cases()["cases"][1]  # born and died
    result = classify_person(structure("T."), case["entity"], today=entity_today())
    assert [(e.rule, e.name, e.value) for e in result.evidence] == [
        ("wikidata-human", "P31", "Q5"),
        ("wikidata-death-date", "P570", "+1955-04-18T00:00:00Z"),
    ]


def test_page_and_wikidata_disagreeing_on_humanity_is_a_conflict() -> None:
    cat = next(c for c in entity_cases()["cases"] if c["label"] == "not-person")
    doc = attrs.evolve(structure("T."), categories=(Category(title="Living people"),))
    result = classify_person(doc, cat["entity"], today=entity_today())
    assert result.status is PersonStatus.LIVING
    assert result.conflicting


def test_115_years_on_a_leap_day() -> None:
    born = {
        "id": "Q1",
        "claims": {
            "P31": [
                {
                    "mainsnak": {
                        "snaktype": "value",
                        "datavalue": {"value": {"id": "Q5"}},
                    }
                }
            ],
            "P569": [
                {
                    "mainsnak": {
                        "snaktype": "value",
                        "datavalue": {
                            "value": {"time": "+1909-02-28T00:00:00Z", "precision": 11}
                        },
                    }
                }
            ],
        },
    }
    doc = structure("T.")
    # 115 years before 29 February 2024 is 28 February 1909 (no 29th that year)
    assert (
        classify_person(doc, born, today=date(2024, 2, 29)).status
        is PersonStatus.POSSIBLY_LIVING
    )
    assert (
        classify_person(doc, born, today=date(2024, 3, 1)).status
        is PersonStatus.DECEASED
    )


@pytest.mark.parametrize(
    ("entity", "part"),
    [
        ({"id": "Q7", "claims": "none"}, "'claims' must be an object"),
        ({"id": "Q7", "claims": {"P31": {"x": 1}}}, "claims['P31'] must be a list"),
        ({"id": "Q7", "claims": {"P31": [{"rank": "normal"}]}}, "no mainsnak"),
        (
            {"id": "Q7", "claims": {"P570": [{"mainsnak": {"snaktype": "odd"}}]}},
            "unknown snaktype",
        ),
        (
            {"id": "Q7", "claims": {"P570": [{"mainsnak": {"snaktype": "value"}}]}},
            "without datavalue",
        ),
        (
            {
                "id": "Q7",
                "claims": {
                    "P569": [
                        {
                            "mainsnak": {
                                "snaktype": "value",
                                "datavalue": {"value": {"time": "1952"}},
                            }
                        }
                    ]
                },
            },
            "unreadable time",
        ),
    ],
)
def test_malformed_entities_give_a_typed_error_naming_them(
    entity: dict[str, object], part: str
) -> None:
    with pytest.raises(RecordError, match="entity Q7") as caught:
        classify_person(structure("T."), entity, today=TODAY)
    assert part in str(caught.value)


def test_bad_arguments_are_refused() -> None:
    doc = structure("T.")
    with pytest.raises(ConfigurationError, match="today"):
        classify_person(doc, today=datetime(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="Article or a StructuredArticle"):
        classify_person("text", today=TODAY)  # type: ignore[arg-type]
    with pytest.raises(RecordError, match="entity must be"):
        classify_person(doc, ["Q5"], today=TODAY)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="max_age_years"):
        PersonRules(max_age_years=0)


def test_rules_are_data_and_extensible() -> None:
    rules = DEFAULT_RULES.with_living_categories("xx", "Living folk")
    doc = attrs.evolve(structure("T."), categories=(Category(title="Living_folk"),))
    assert classify_person(doc, today=TODAY).status is PersonStatus.UNKNOWN
    assert classify_person(doc, today=TODAY, rules=rules).status is PersonStatus.LIVING
    assert DEFAULT_RULES.living_categories["en"] == ("Living people",)


def test_assessment_is_frozen() -> None:
    result = classify_person(fixture_page("en_Greta_Historic"), today=TODAY)
    assert isinstance(result, PersonAssessment)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.status = PersonStatus.LIVING  # type: ignore[misc]


# -- anonymous contributors ----------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["192.0.2.7", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "::ffff:192.0.2.1"],
)
def test_ip_addresses_are_anonymous(name: str) -> None:
    assert is_ip_address(name)
    assert is_anonymous_name(name)


@pytest.mark.parametrize("name", ["~2025-12345-67", "~2024-1234", "~2026-111"])
def test_temporary_accounts_are_anonymous(name: str) -> None:
    assert is_temporary_account(name)
    assert is_anonymous_name(name)


@pytest.mark.parametrize(
    "name", ["Jimbo Wales", "~Tilde", "User 2025-12345", "10.0.0.300", "1952"]
)
def test_registered_names_are_not_anonymous(name: str) -> None:
    assert not is_anonymous_name(name)


# -- the status on structured articles and chunks -------------------------------------


def _cited(doc: StructuredArticle) -> StructuredArticle:
    return attrs.evolve(
        doc,
        wiki="en.wikipedia.org",
        title="Mara Testfield",
        revid=1234,
        url="https://en.wikipedia.org/wiki/Mara_Testfield",
        timestamp="2026-01-02T03:04:05Z",
    )


def test_structure_keeps_the_status_and_chunks_copy_it() -> None:
    text = (PAGES / "en_Mara_Testfield.wikitext").read_text(encoding="utf-8")
    assessment = classify_person(structure(text), today=TODAY)
    doc = _cited(structure(text, person=assessment))
    assert doc.person_status is PersonStatus.LIVING
    assert structure(text, person=PersonStatus.DECEASED).person_status is (
        PersonStatus.DECEASED
    )
    assert structure(text).person_status is None
    pieces = chunk(doc)
    assert pieces
    assert {c.person_status for c in pieces} == {PersonStatus.LIVING}
    assert pieces[0].to_dict()["person_status"] == "living"
    with pytest.raises(ConfigurationError, match="person must be"):
        structure(text, person="living")  # type: ignore[arg-type]


def test_status_round_trips_through_json_enterprise_and_the_schema() -> None:
    doc = _cited(structure("T.", person=PersonStatus.POSSIBLY_LIVING))
    data = doc.to_dict()
    assert data["person_status"] == "possibly-living"
    jsonschema.validate(data, schema())
    assert StructuredArticle.from_dict(data) == doc
    assert from_enterprise(doc.to_enterprise()) == doc
    piece = chunk(doc)[0]
    assert Chunk.from_dict(piece.to_dict()) == piece


def test_records_written_before_the_status_read_as_unclassified() -> None:
    doc = _cited(structure("T."))
    old = {
        k: v
        for k, v in doc.to_dict().items()
        if k not in ("person_status", "minimisation")
    }
    jsonschema.validate(old, schema())
    assert StructuredArticle.from_dict(old).person_status is None
    piece = chunk(doc)[0].to_dict()
    del piece["person_status"], piece["minimisation"]
    assert Chunk.from_dict(piece).person_status is None
    with pytest.raises(RecordError, match="person_status must be one of"):
        StructuredArticle.from_dict({**old, "person_status": "alive-ish"})

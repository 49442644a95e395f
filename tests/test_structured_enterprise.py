"""Enterprise "Structured Contents": either field spelling, lossless round trip."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.structured_support import (
    PARSOID_PAGES,
    WIKITEXT_PAGES,
    check,
    enterprise_record,
    parsoid_html,
    shared,
    wikitext,
)
from wikireuse.exceptions import RecordError
from wikireuse.structured import StructuredArticle, from_enterprise, structure


def _records() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(
        shared("enterprise/structured-contents_Squirrel_de_en_ru.json").read_text(
            encoding="utf-8"
        )
    )
    return loaded


def _count_parts(parts: list[dict[str, Any]]) -> int:
    return sum(1 + _count_parts(p.get("has_parts", [])) for p in parts)


def _respell(record: dict[str, Any], renames: dict[str, str]) -> dict[str, Any]:
    return {renames.get(k, k): v for k, v in record.items()}


@pytest.mark.parametrize("lang", ["de", "en", "ru"])
@pytest.mark.parametrize("spelling", ["infobox", "infoboxes"])
def test_every_infobox_part_kept_under_either_spelling(
    lang: str, spelling: str
) -> None:
    record = next(r for r in _records() if r["in_language"]["identifier"] == lang)
    original = record.get("infobox", [])
    doc = check(from_enterprise(_respell(record, {"infobox": spelling})))
    assert len(doc.infoboxes) == len(original)
    # every Part comes back: the part tree written out equals the recorded one
    assert doc.to_enterprise()["infoboxes"] == original
    assert _count_parts(doc.to_enterprise()["infoboxes"]) == _count_parts(original)
    assert (doc.title, doc.pageid, doc.revid) == (
        record["name"],
        record["identifier"],
        record["version"]["identifier"],
    )
    assert doc.wikidata_id == record["main_entity"]["identifier"]


def test_enwiki_record_keeps_the_wrong_infobox_name_as_recorded() -> None:
    record = next(r for r in _records() if r["in_language"]["identifier"] == "en")
    (box,) = from_enterprise(record).infoboxes
    # Enterprise's own (wrong) name is kept as data; structure() gets it right.
    assert box.template == "Pp-semi-indef"
    assert "P1630" in " ".join(box.wikidata_usage)
    assert box.rows[0].links[0].title == "Eocene"


def _built() -> list[StructuredArticle]:
    docs = [structure(parsoid_html(page)) for page in sorted(PARSOID_PAGES)]
    docs += [structure(wikitext(path), body="wikitext") for path in WIKITEXT_PAGES]
    return docs


@pytest.mark.parametrize("sections", ["article_sections", "sections"])
@pytest.mark.parametrize("infoboxes", ["infoboxes", "infobox"])
def test_round_trip_is_lossless_under_either_spelling(
    sections: str, infoboxes: str
) -> None:
    for doc in _built():
        record = json.loads(json.dumps(doc.to_enterprise()))
        respelled = _respell(
            record, {"article_sections": sections, "infoboxes": infoboxes}
        )
        assert from_enterprise(respelled) == doc


def test_enterprise_parts_without_the_extension() -> None:
    doc = structure(parsoid_html("squirrel"))
    record = doc.to_enterprise()
    del record["wikireuse"]
    plain = check(from_enterprise(record))
    assert [s.heading for s in plain.sections] == [s.heading for s in doc.sections]
    assert plain.paragraphs == doc.paragraphs
    assert [r.text for r in plain.references] == [r.text for r in doc.references]
    assert plain.infoboxes[0].rows == doc.infoboxes[0].rows


def test_an_enterprise_article_record_is_structured_from_its_html() -> None:
    record = enterprise_record("en")
    doc = check(structure(record))
    assert doc.source == "parsoid"
    assert doc.infoboxes[0].template == "Automatic taxobox"
    assert doc.license is not None
    # The record declares CC BY-SA 3.0, but the revision (August 2023) was
    # saved after the switch to 4.0: the date's licence is kept, and said.
    assert doc.license.spdx == "CC-BY-SA-4.0"
    assert (
        "the Enterprise record declares CC-BY-SA-3.0; the revision's date gives "
        "CC-BY-SA-4.0, which is kept"
    ) in doc.warnings
    assert "Sciuridae" in doc.redirects
    wt = check(structure(record, body="wikitext"))
    assert wt.source == "wikitext"
    assert wt.revid == 1171934824


@pytest.mark.parametrize(
    "record",
    [
        "not a mapping",
        {"infobox": []},
        {"name": "X", "infobox": "not a list"},
        {"name": "X", "infobox": [{"has_parts": [42]}]},
        {"name": "X", "article_sections": [{"has_parts": {"a": 1}}]},
        {"name": "X", "references": [{"text": "not an object"}]},
    ],
)
def test_bad_records_raise_record_error(record: Any) -> None:
    with pytest.raises(RecordError):
        from_enterprise(record)


def test_a_declared_licence_is_checked_against_the_revision_date() -> None:
    record = {
        "name": "Harbour",
        "identifier": 7,
        "date_modified": "2021-03-01T10:00:00Z",
        "version": {"identifier": 70},
        "is_part_of": {"url": "https://en.wikipedia.org"},
        "license": [
            {
                "identifier": "CC-BY-SA-4.0",
                "name": "Creative Commons Attribution Share Alike 4.0",
                "url": "https://creativecommons.org/licenses/by-sa/4.0/",
            }
        ],
    }
    early = from_enterprise(record)
    assert early.license is not None
    assert early.license.spdx == "CC-BY-SA-3.0"  # saved before June 2023
    assert len(early.warnings) == 1
    # what to_enterprise wrote comes back unchanged, warning and all
    assert from_enterprise(early.to_enterprise()) == early

    late = from_enterprise({**record, "date_modified": "2024-03-01T10:00:00Z"})
    assert late.license is not None
    assert (late.license.spdx, late.warnings) == ("CC-BY-SA-4.0", ())

    # another wiki's declaration is its own business; so is an undated record
    other = from_enterprise({**record, "is_part_of": {"url": "https://wiki.example"}})
    undated = from_enterprise({k: v for k, v in record.items() if k != "date_modified"})
    for doc in (other, undated):
        assert doc.license is not None
        assert (doc.license.spdx, doc.warnings) == ("CC-BY-SA-4.0", ())

"""Issue 16 acceptance for chunks: recorded Parsoid pages, the Enterprise Squirrel."""

from __future__ import annotations

import json

import attrs
import pytest

from tests.structured_support import enterprise_record, parsoid_html, shared
from tests.test_chunks import check_invariants
from wikireuse.chunks import Chunk, chunk
from wikireuse.structured import StructuredArticle, from_enterprise, structure

# The recorded Parsoid HTML of Dog and رياضيات names no Wikidata item (the
# Enterprise record does: Q9482); these are the items the pages are linked to.
WIKIDATA = {"dog": "Q144", "arwiki": "Q395"}
FIELDS = (
    "id",
    "text",
    "anchor",
    "content_sha1",
    "wiki",
    "pageid",
    "revid",
    "timestamp",
    "title",
    "permalink",
    "history_url",
    "license_spdx",
    "license_url",
    "attribution",
    "wikidata_id",
)


def recorded(page: str) -> StructuredArticle:
    if page == "squirrel":
        return structure(enterprise_record("en"))
    return attrs.evolve(structure(parsoid_html(page)), wikidata_id=WIKIDATA[page])


@pytest.mark.parametrize("page", ["squirrel", "dog", "arwiki"])
@pytest.mark.parametrize(("max_chars", "overlap"), [(2000, 0), (500, 100)])
def test_recorded_pages(page: str, max_chars: int, overlap: int) -> None:
    doc = recorded(page)
    chunks = chunk(
        doc,
        max_chars=max_chars,
        overlap=overlap,
        lang="de" if page == "squirrel" else "en",
    )
    assert len(chunks) > 10
    # 100 % of chunks carry every provenance field
    for c in chunks:
        assert all(getattr(c, name) not in (None, "") for name in FIELDS), c
        assert c.permalink.split("#")[0].endswith(f"oldid={doc.revid}")
        assert c.revid == doc.revid
        assert c.title == doc.title
        assert doc.url in c.history_url
        assert c.history_url in c.attribution
        assert c.license_url in c.attribution
        assert Chunk.from_dict(c.to_dict()) == c
    # every cited id is a reference of the article
    cited = {ref for c in chunks for ref in c.cites}
    assert cited
    assert all(doc.reference(ref) is not None for ref in cited)
    boxes = sum(1 for c in chunks if c.kind == "infobox")
    assert boxes >= len(doc.infoboxes)
    assert max_chars < 2000 or boxes == len(doc.infoboxes)
    check_invariants(doc, chunks, max_chars)
    # ids identical across two runs (a fresh parse too)
    again = chunk(
        recorded(page),
        max_chars=max_chars,
        overlap=overlap,
        lang="de" if page == "squirrel" else "en",
    )
    assert [c.id for c in again] == [c.id for c in chunks]
    assert len({c.id for c in chunks}) == len(chunks)


def test_squirrel_licence_is_the_one_of_its_revision_date() -> None:
    # the record declares CC BY-SA 3.0; the revision is of August 2023
    chunks = chunk(recorded("squirrel"))
    assert {c.license_spdx for c in chunks} == {"CC-BY-SA-4.0"}
    assert {c.wikidata_id for c in chunks} == {"Q9482"}
    assert chunks[0].kind == "infobox"
    assert "Kingdom: Animalia" in chunks[0].text


def test_enterprise_structured_contents_records() -> None:
    """The Structured Contents records (abstract and infobox, no sections)."""
    path = shared("enterprise/structured-contents_Squirrel_de_en_ru.json")
    for record in json.loads(path.read_text(encoding="utf-8")):
        doc = from_enterprise(record)
        assert doc.sections == ()
        chunks = chunk(doc, max_chars=500)
        kinds = [c.kind for c in chunks]
        assert "text" in kinds  # every record has an abstract
        assert "infobox" not in kinds[kinds.index("text") :]  # infoboxes first
        text = [c for c in chunks if c.kind == "text"]
        # the abstract is the lead's text, all of it, in order
        assert " ".join(c.text for c in text).split() == doc.abstract.split()
        for c in chunks:
            assert all(getattr(c, name) not in (None, "") for name in FIELDS), c
            assert len(c.text) <= 500
            assert c.wikidata_id == doc.wikidata_id

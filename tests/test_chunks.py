"""wikireuse.chunks: section-aware, attributed chunks of structured articles."""

from __future__ import annotations

import itertools

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.imports import TRANSPORT_AND_STORE, loaded
from wikireuse import ConfigurationError, RecordError, WikiReuseError
from wikireuse.chunks import Chunk, chunk, section_text
from wikireuse.structured import (
    Infobox,
    ListBlock,
    Paragraph,
    Row,
    Section,
    StructuredArticle,
    Table,
)

META = {
    "wiki": "en.wikipedia.org",
    "pageid": 28492,
    "revid": 1171934824,
    "timestamp": "2023-08-24T01:14:42Z",
    "title": "Squirrel",
    "lang": "en",
    "url": "https://en.wikipedia.org/wiki/Squirrel",
    "wikidata_id": "Q9482",
}


def article(*sections: Section, **more: object) -> StructuredArticle:
    return StructuredArticle(source="parsoid", sections=sections, **{**META, **more})  # type: ignore[arg-type]


def lead(*texts: str, cites: tuple[str, ...] = ()) -> Section:
    return Section(
        id=0,
        level=0,
        heading="",
        paragraphs=tuple(Paragraph(text=t, cites=cites) for t in texts),
        order=("paragraph",) * len(texts),
    )


def section(n: int, heading: str, *texts: str, **blocks: object) -> Section:
    """Section *n* under *heading* with paragraphs *texts* (and more *blocks*)."""
    paragraphs = tuple(Paragraph(text=t) for t in texts)
    order = blocks.pop("order", ("paragraph",) * len(texts))
    return Section(
        id=n,
        level=2,
        heading=heading,
        anchor=heading,
        path=(heading,),
        paragraphs=paragraphs,
        order=order,  # type: ignore[arg-type]
        **blocks,  # type: ignore[arg-type]
    )


def check_invariants(
    doc: StructuredArticle, chunks: tuple[Chunk, ...], max_chars: int
) -> None:
    """No chunk crosses a section, each fits, the chunks cover each section in order."""
    by_section: dict[int, list[Chunk]] = {}
    for c in chunks:
        assert 0 < len(c.text) <= max_chars
        if c.kind == "text":
            by_section.setdefault(c.section_id, []).append(c)
    for section in doc.sections:
        text, _ = section_text(section)
        pieces = by_section.get(section.id, [])
        at, previous = 0, 0
        for c in pieces:
            # every chunk is a slice of its own section's text...
            assert c.text == text[c.start : c.end]
            assert c.section_path == section.path
            new = c.start + c.overlap
            # ...whose new part follows the previous one with only blanks between
            assert new >= at
            assert not text[at:new].strip()
            # ...and whose overlap reaches no further back than the chunk before
            assert c.start >= previous
            at, previous = c.end, c.start
        assert not text[at:].strip()


def test_lead_and_sections_and_provenance() -> None:
    doc = article(
        lead("Squirrels are rodents.", cites=("cite_note-1",)),
        section(1, "Diet", "They eat nuts."),
    )
    first, second = chunk(doc)
    assert (first.text, first.cites, first.anchor) == (
        "Squirrels are rodents.",
        ("cite_note-1",),
        "top",
    )
    assert second.section_path == ("Diet",)
    assert (
        second.permalink
        == "https://en.wikipedia.org/wiki/Squirrel?oldid=1171934824#Diet"
    )
    assert second.history_url == "https://en.wikipedia.org/wiki/Squirrel?action=history"
    # saved after the 2023 switch: CC BY-SA 4.0 by Wikimedia's licence timeline
    assert (second.license_spdx, second.license_url) == (
        "CC-BY-SA-4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    )
    assert "Squirrel" in second.attribution
    assert "action=history" in second.attribution
    assert second.wikidata_id == "Q9482"
    assert second.revid == 1171934824
    assert Chunk.from_dict(second.to_dict()) == second


def test_attribution_language_and_bad_language() -> None:
    doc = article(lead("Eichhörnchen klettern."))
    (german,) = chunk(doc, lang="de")
    assert "steht unter der Lizenz" in german.attribution
    for bad in (doc, article()):
        with pytest.raises(ConfigurationError, match="language"):
            chunk(bad, lang="xx-nonexistent")


def test_infobox_is_its_own_chunk_and_lists_and_tables_are_text() -> None:
    box = Infobox(
        template="Infobox animal",
        rows=(
            Row(label="Kingdom", text="Animalia"),
            Row(label="", text="A red squirrel"),
        ),
    )
    kinds = section(
        1,
        "Kinds",
        "There are three kinds.",
        lists=(
            ListBlock(
                ordered=False,
                items=(
                    Paragraph(text="tree", cites=("n-2",)),
                    Paragraph(text="ground"),
                ),
            ),
        ),
        tables=(Table(caption="Sizes", header=("Kind", "cm"), rows=(("tree", "20"),)),),
        order=("paragraph", "list", "table"),
    )
    doc = attrs.evolve(article(lead("Intro."), kinds), infoboxes=(box,))
    chunks = chunk(doc)
    assert [c.kind for c in chunks] == ["infobox", "text", "text"]
    assert chunks[0].text == "Kingdom: Animalia\nA red squirrel"
    assert chunks[2].text == (
        "There are three kinds.\n\n- tree\n- ground\n\nSizes\nKind | cm\ntree | 20"
    )
    assert chunks[2].cites == ("n-2",)
    assert [c.kind for c in chunk(doc, include_infobox=False)] == ["text", "text"]


def test_blocks_missing_from_the_order_are_kept() -> None:
    hand_built = Section(
        id=0,
        level=0,
        heading="",
        paragraphs=(Paragraph(text="One."), Paragraph(text="Two.")),
        lists=(ListBlock(ordered=True, items=(Paragraph(text="three"),)),),
        order=("list",),
    )
    assert section_text(hand_built)[0] == "1. three\n\nOne.\n\nTwo."


def test_long_sections_split_at_paragraphs_then_sentences_then_hard() -> None:
    doc = article(lead("First one. Second one here.", "Third.", "x" * 95))
    chunks = chunk(doc, max_chars=30)
    assert [c.text for c in chunks] == [
        "First one. Second one here.",
        "Third.",
        "x" * 30,
        "x" * 30,
        "x" * 30,
        "x" * 5,
    ]
    check_invariants(doc, chunks, 30)


def test_overlap_repeats_the_end_of_the_previous_chunk() -> None:
    doc = article(lead("alpha beta gamma delta epsilon zeta eta theta iota kappa"))
    chunks = chunk(doc, max_chars=24, overlap=6)
    assert len(chunks) > 2
    for before, after in itertools.pairwise(chunks):
        assert after.overlap > 0
        # the repeated part is the end of the chunk before (and the blank after it)
        repeated = after.text[: after.overlap].rstrip()
        assert repeated
        assert before.text.endswith(repeated)
    check_invariants(doc, chunks, 24)


def test_ids_depend_on_revision_and_settings() -> None:
    doc = article(lead("Squirrels climb.", "They eat nuts."))
    ids = [c.id for c in chunk(doc, max_chars=20)]
    assert ids == [c.id for c in chunk(doc, max_chars=20)]
    assert len(set(ids)) == len(ids)
    assert ids[0] != chunk(doc, max_chars=21)[0].id
    assert ids[0] != chunk(attrs.evolve(doc, revid=1))[0].id


@pytest.mark.parametrize(
    "doc",
    [
        article(),
        article(lead()),
        article(Section(id=0, level=0, heading="")),
        article(lead("   ")),
    ],
)
def test_empty_pages_give_no_chunks(doc: StructuredArticle) -> None:
    assert chunk(doc) == ()


@pytest.mark.parametrize(
    ("options", "word"),
    [
        ({"max_chars": 0}, "max_chars"),
        ({"max_chars": 19}, "max_chars"),
        ({"max_chars": True}, "max_chars"),
        ({"max_chars": "2000"}, "max_chars"),
        ({"max_chars": 100, "overlap": 100}, "overlap"),
        ({"max_chars": 100, "overlap": 51}, "overlap"),
        ({"overlap": -1}, "overlap"),
        ({"include_infobox": "yes"}, "include_infobox"),
    ],
)
def test_bad_settings_are_named(options: dict[str, object], word: str) -> None:
    with pytest.raises(ConfigurationError, match=word):
        chunk(article(lead("x")), **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "word"),
    [
        ({"revid": None}, "revid"),
        ({"url": ""}, "url"),
        ({"title": ""}, "title"),
        ({"url": "ftp://example.org/x"}, "not http"),
        ({"timestamp": "yesterday"}, "ISO 8601"),
    ],
)
def test_articles_without_provenance_are_refused(
    changes: dict[str, object], word: str
) -> None:
    with pytest.raises(ConfigurationError, match=word):
        chunk(attrs.evolve(article(lead("x")), **changes))


def test_not_an_article_and_bad_records() -> None:
    with pytest.raises(ConfigurationError, match="StructuredArticle"):
        chunk("Squirrels.")  # type: ignore[arg-type]
    with pytest.raises(RecordError):
        Chunk.from_dict({"schema": "wikireuse.structured/1"})
    with pytest.raises(RecordError):
        Chunk.from_dict({**chunk(article(lead("x")))[0].to_dict(), "start": "0"})


def test_timestamp_without_zone_is_utc() -> None:
    (before,) = chunk(article(lead("x"), timestamp="2023-06-06T23:59:59"))
    (after,) = chunk(article(lead("x"), timestamp="2023-06-07T00:00:00+00:00"))
    assert (before.license_spdx, after.license_spdx) == ("CC-BY-SA-3.0", "CC-BY-SA-4.0")


def test_unknown_licence_off_wikimedia() -> None:
    doc = article(
        lead("Text."),
        url="https://wiki.example.org/wiki/Squirrel",
        wiki="wiki.example.org",
    )
    (only,) = chunk(doc)
    assert only.license_spdx == "LicenseRef-wikireuse-unknown"
    assert only.attribution


def test_ten_megabyte_page_is_chunked_within_bounds() -> None:
    sentence = "Squirrels bury nuts in autumn and find most of them again. "
    doc = article(lead(sentence * (10_000_000 // len(sentence)), "y" * 100_000))
    chunks = chunk(doc, max_chars=2000, overlap=200)
    check_invariants(doc, chunks, 2000)
    assert chunks[-1].text[-1000:] == "y" * 1000


def test_every_failure_is_a_wikireuse_error() -> None:
    for bad in (None, 3, article(lead("x"), revid=None)):
        with pytest.raises(WikiReuseError):
            chunk(bad)  # type: ignore[arg-type]


# -- properties ----------------------------------------------------------------

_words = st.text(
    alphabet=st.sampled_from([*list('abcdefghij .!?)"\n。'), "é", "ش", "”"]),
    max_size=300,
)
_paragraphs = st.lists(_words, max_size=6)


@st.composite
def _articles(draw: st.DrawFn) -> StructuredArticle:
    sections = []
    for n, texts in enumerate(draw(st.lists(_paragraphs, max_size=5))):
        heading = f"H{n}" if n else ""
        items = draw(st.lists(_words, max_size=3))
        lists = (
            (
                ListBlock(
                    ordered=draw(st.booleans()),
                    items=tuple(Paragraph(text=t, cites=(f"l{n}",)) for t in items),
                ),
            )
            if items
            else ()
        )
        order = ("paragraph",) * len(texts) + ("list",) * len(lists)
        sections.append(
            Section(
                id=n,
                level=2 if n else 0,
                heading=heading,
                anchor=heading,
                path=(heading,) if n else (),
                paragraphs=tuple(Paragraph(text=t, cites=(f"c{n}",)) for t in texts),
                lists=lists,
                order=tuple(draw(st.permutations(order))),
            )
        )
    return article(*sections)


@settings(max_examples=150, deadline=None)
@given(
    doc=_articles(),
    max_chars=st.integers(min_value=20, max_value=400),
    ratio=st.floats(min_value=0, max_value=0.5),
)
def test_properties(doc: StructuredArticle, max_chars: int, ratio: float) -> None:
    overlap = min(int(max_chars * ratio), max_chars // 2)
    chunks = chunk(doc, max_chars=max_chars, overlap=overlap)
    check_invariants(doc, chunks, max_chars)
    assert [c.id for c in chunks] == [
        c.id for c in chunk(doc, max_chars=max_chars, overlap=overlap)
    ]
    assert len({c.id for c in chunks}) == len(chunks)
    for c in chunks:
        assert c.permalink.endswith("#" + (c.anchor or "top"))
        assert Chunk.from_dict(c.to_dict()) == c


# -- purity --------------------------------------------------------------------


def test_chunks_never_import_the_transport_or_the_store() -> None:
    code = (
        "import tempfile\n"
        "import attrs\n"
        "import wikireuse.chunks as c\n"
        "from wikireuse.structured import structure\n"
        "doc = attrs.evolve(structure('A.\\n== B ==\\nC.'), title='T', revid=1,\n"
        "    url='https://en.wikipedia.org/wiki/T', timestamp='2020-01-01T00:00:00Z')\n"
        "chunks = c.chunk(doc)\n"
        "c.write_jsonl(chunks, tempfile.mkdtemp() + '/out')\n"
    )
    assert loaded(code, TRANSPORT_AND_STORE) == []

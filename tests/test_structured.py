"""structure() on small bodies: blocks, expanders, CSL, bad input, purity."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.structured_support import WIKITEXT_PAGES, check, parsoid_html, wikitext
from tests.support.imports import TRANSPORT_AND_STORE, loaded
from wikireuse.exceptions import ConfigurationError, RecordError, WikiReuseError
from wikireuse.structured import (
    EXPANDERS,
    MAX_BYTES,
    Paragraph,
    StructuredArticle,
    TemplateCall,
    structure,
)

ARTICLE = """{{Short description|A test animal}}
{{Pp-semi-indef}}
{{Infobox animal
| name = Test squirrel
| mass = {{cvt|8|kg}}
| discovered = {{start date|1815|12|10|df=y}}
| range = [[Europe]] and [[Asia]]
}}
'''Test squirrels''' are [[rodent]]s about {{convert|10|-|14|cm|in|abbr=on}} long.\
<ref name="a">{{cite web |last=Doe |first=Jane |title=All about squirrels \
|url=https://example.org/s |access-date=2 March 2020 |date=2019}}</ref>
They weigh {{formatnum:1234}} g on average.<ref name="a"/>

== Range ==
* Found in [[Europe]]
* and in {{lang|de|Mitteleuropa}}
# first
# second

=== Numbers ===
{| class="wikitable"
! Year !! Count
|-
| 2001 || 5
|}
The {{nowrap|12 km}} path.{{efn|A note.}}<ref>Plain text source.</ref>
{{Some unknown template|x=1}}

== References ==
<references />

[[Category:Squirrels|Test]]
[[de:Testhörnchen]]
"""


@pytest.fixture(scope="module")
def doc() -> StructuredArticle:
    return check(structure(ARTICLE))


def test_sections_paragraphs_lists_tables(doc: StructuredArticle) -> None:
    assert [(s.id, s.level, s.heading, s.path) for s in doc.sections] == [
        (0, 0, "", ()),
        (1, 2, "Range", ("Range",)),
        (2, 3, "Numbers", ("Range", "Numbers")),
        (3, 2, "References", ("References",)),
    ]
    lead = doc.sections[0].paragraphs[0]
    assert lead.text == (
        "Test squirrels are rodents about 10–14 cm (3.9–5.5 in) long. "
        "They weigh 1,234 g on average."
    )
    assert [link.title for link in lead.links] == ["Rodent"]
    assert lead.cites == ("cite_note-a-1",)
    ranges = doc.sections[1]
    assert ranges.order == ("list", "list")
    assert [(b.ordered, [i.text for i in b.items]) for b in ranges.lists] == [
        (False, ["Found in Europe", "and in Mitteleuropa"]),
        (True, ["first", "second"]),
    ]
    numbers = doc.sections[2]
    assert numbers.tables[0].header == ("Year", "Count")
    assert numbers.tables[0].rows == (("2001", "5"),)
    assert numbers.paragraphs[0].text == "The 12 km path."
    assert doc.sections[2].anchor == "Numbers"


def test_infobox_description_categories_langlinks(doc: StructuredArticle) -> None:
    (box,) = doc.infoboxes
    assert box.template == "Infobox animal"
    assert box.source == "wikitext"
    assert box.param("mass").text == "8 kg (18 lb)"
    assert box.param("discovered").text == "10 December 1815"
    assert [v.date for v in box.param("discovered").values] == ["1815-12-10"]
    mass = box.param("mass").values[0]
    assert (mass.number, mass.unit) == (8.0, "kg")
    assert [link.title for link in box.param("range").links] == ["Europe", "Asia"]
    assert doc.description == "A test animal"
    assert [(c.title, c.sortkey) for c in doc.categories] == [("Squirrels", "Test")]
    assert [(x.lang, x.title) for x in doc.langlinks] == [("de", "Testhörnchen")]
    assert doc.abstract.startswith("Test squirrels are rodents")


def test_references_and_warnings(doc: StructuredArticle) -> None:
    ref = doc.reference("cite_note-a-1")
    assert ref is not None
    assert (ref.name, ref.template) == ("a", "Cite web")
    assert ref.csl == {
        "type": "webpage",
        "title": "All about squirrels",
        "author": [{"family": "Doe", "given": "Jane"}],
        "issued": {"date-parts": [[2019]]},
        "accessed": {"date-parts": [[2020, 3, 2]]},
        "URL": "https://example.org/s",
    }
    groups = {r.group for r in doc.references}
    assert groups == {"", "lower-alpha"}
    assert doc.warnings == ("template {{Some unknown template}} not expanded (1×)",)
    assert "Pp-semi-indef" in doc.templates


@pytest.mark.parametrize(
    ("call", "text"),
    [
        (TemplateCall(name="cvt", args=("1.27", "m")), "1.27 m (4 ft 2 in)"),
        (TemplateCall(name="cvt", args=("12-26", "g")), "12–26 g (0.42–0.92 oz)"),
        (
            TemplateCall(name="convert", args=("1000", "km")),
            "1,000 kilometres (620 mi)",
        ),
        (TemplateCall(name="convert", args=("20", "C")), "20 degrees Celsius (68 °F)"),
        (TemplateCall(name="formatnum", args=("1234567.5",)), "1,234,567.5"),
        (TemplateCall(name="nts", args=("45000",)), "45,000"),
        (TemplateCall(name="sort", args=("Smith", "John Smith")), "John Smith"),
        (TemplateCall(name="lang-de", args=("Eichhorn",)), "Eichhorn"),
        (TemplateCall(name="IPA-fr", args=("ɛkyʁøj",)), "ɛkyʁøj"),
        (TemplateCall(name="abbr", args=("km", "kilometre")), "km"),
        (
            TemplateCall(name="birth date", args=("1815", "12", "10")),
            "December 10, 1815",
        ),
        (TemplateCall(name="circa", args=("1900",)), "c. 1900"),
        (
            TemplateCall(name="coord", args=("40", "42", "N", "74", "0", "W")),
            "40.7°N 74°W",
        ),
    ],
)
def test_expanders(call: TemplateCall, text: str) -> None:
    assert EXPANDERS.expand(call) == text


def test_registry_is_extensible_without_touching_the_default() -> None:
    registry = EXPANDERS.copy()

    @registry.register("Shout")
    def _shout(call: TemplateCall) -> str:
        return call.arg(1).upper()

    doc = structure("Say {{shout|hi}}.", expanders=registry)
    assert doc.paragraphs[0].text == "Say HI."
    assert structure("Say {{shout|hi}}.").warnings == (
        "template {{Shout}} not expanded (1×)",
    )
    assert "cvt" in registry.names()
    with pytest.raises(ConfigurationError):
        registry.register("")


# -- bad input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kwargs"),
    [
        (42, {}),
        (None, {}),
        (b"\xff\xfe broken", {}),
        ("text", {"body": "pdf"}),
        ("text", {"expanders": {}}),
        ('{"name": "Squirrel", "identifier": 1}', {}),
    ],
)
def test_bad_arguments_raise_typed_errors(
    source: object, kwargs: dict[str, object]
) -> None:
    with pytest.raises(ConfigurationError):
        structure(source, **kwargs)  # type: ignore[arg-type]


def test_record_errors() -> None:
    with pytest.raises(RecordError):
        structure({"name": "X"})
    with pytest.raises(RecordError):
        StructuredArticle.from_dict({"schema": "wikireuse.structured/1", "source": "x"})
    with pytest.raises(RecordError):
        StructuredArticle.from_json("{")


def test_unknown_parsoid_version_warns_and_still_reads() -> None:
    html = parsoid_html("squirrel").replace('content="2.8.0"', 'content="9.1.0"')
    doc = check(structure(html))
    assert any("9.1.0" in w for w in doc.warnings)
    assert doc.infoboxes[0].template == "Automatic taxobox"


def test_not_parsoid_html_warns() -> None:
    doc = check(structure("<html><body><p>Just 12 words.</p></body></html>"))
    assert doc.paragraphs == (Paragraph(text="Just 12 words."),)
    assert any("mw:html:version" in w for w in doc.warnings)


def test_truncated_html_gives_a_result() -> None:
    html = parsoid_html("squirrel")
    doc = check(structure(html[: len(html) // 3]))
    assert doc.sections
    assert doc.title == "Squirrel"


def test_deep_nesting_is_cut_with_a_warning() -> None:
    deep = "{{lang|x|" * 300 + "core" + "}}" * 300
    doc = check(structure(deep, body="wikitext"))
    assert doc.sections
    html = (
        "<html><body>"
        + "<div>" * 3000
        + "<p>deep</p>"
        + "</div>" * 3000
        + "</body></html>"
    )
    check(structure(html))


@pytest.mark.heavy
def test_ten_megabyte_pages() -> None:
    # 10 MB of Parsoid HTML is read; 10 MB of wikitext is more than MediaWiki
    # stores (2 MiB), so it gets a typed error before any parsing.
    sections = "".join(
        f'<section data-mw-section-id="{n}"><h2>Part {n}</h2>'
        f"<p>Row {n} has 12,345 items.</p>"
        "</section>"
        for n in range(1, 110_000)
    )
    html = parsoid_html("arwiki").replace("</body>", sections + "</body>")
    assert len(html.encode()) > 10_000_000
    doc = structure(html)
    assert doc.sections[-1].paragraphs[0].text == "Row 109999 has 12,345 items."
    text = wikitext(WIKITEXT_PAGES[0])
    big = text * (10_000_000 // len(text.encode()) + 1)
    with pytest.raises(ConfigurationError, match="max_bytes"):
        structure(big, body="wikitext")
    assert MAX_BYTES["wikitext"] < len(big.encode()) < MAX_BYTES["html"]


_MARKUP = st.sampled_from(
    [
        "{{",
        "}}",
        "[[",
        "]]",
        "|",
        "=",
        "==",
        "\n",
        "<ref>",
        "</ref>",
        "<ref name=a/>",
        "{|",
        "|}",
        "|-",
        "''",
        "'''",
        "*",
        "#",
        "{{cvt|",
        "{{cite web|title=",
        "<!--",
        "-->",
        "[[Category:",
        "<div>",
        "</div>",
        "<p>",
        '<section data-mw-section-id="1">',
        "&amp;",
        "1,234",
        "x",
        " ",
        "\u0000",
        "\ud800",
    ]
)


@given(
    st.lists(_MARKUP, max_size=60).map("".join),
    st.sampled_from(["auto", "html", "wikitext"]),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_input_gives_a_valid_article_or_a_typed_error(text: str, body: str) -> None:
    try:
        doc = structure(text, body=body)  # type: ignore[arg-type]
    except WikiReuseError:
        return
    check(doc)


@given(st.integers(min_value=0, max_value=100_000))
@settings(max_examples=25, deadline=None)
def test_html_truncated_anywhere(cut: int) -> None:
    html = parsoid_html("arwiki")
    check(structure(html[: cut % len(html)], body="html"))


# -- purity ------------------------------------------------------------------------


def test_structured_never_imports_the_transport_or_the_store() -> None:
    code = (
        "import wikireuse.structured as s\n"
        "doc = s.structure(\"'''A''' {{cvt|1|km}}.\\n== B ==\\n\"\n"
        '  "C.<ref>{{cite web|title=T}}</ref>")\n'
        "s.from_enterprise(doc.to_enterprise())\n"
        "s.structure('<html><body><section data-mw-section-id=\"0\"><p>x</p>'\n"
        "  '</section></body></html>')\n"
    )
    assert loaded(code, TRANSPORT_AND_STORE) == []


def test_schema_file_ships_in_the_package() -> None:
    from wikireuse.structured import schema

    loaded = schema()
    assert loaded["properties"]["schema"]["const"] == "wikireuse.structured/1"
    assert json.loads(json.dumps(loaded)) == loaded


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('<div style="float:right">{{Infobox x}}</div>\nText.', "wikitext"),
        ('<div class="mw-parser-output"><p>Text.</p></div>', "html"),
        ("<!-- a comment -->\n{{Short description|x}}", "wikitext"),
        ('\ufeff[{"name": "Squirrel"}]', "enterprise"),
        ('<section data-mw-section-id="0"><p>x</p></section>', "html"),
    ],
)
def test_format_detection(text: str, kind: str) -> None:
    from wikireuse.structured import detect_format

    assert detect_format(text) == kind

"""minimise(): what a policy names is gone from structured articles, chunks and exports.

And no output — structured JSON, chunks (JSONL, Parquet), export manifests,
attributions, credits pages, the store's manifest — names an IP address or a
temporary account.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import skip_or_fail
from tests.privacy_support import (
    fixture_page,
    fixture_page_names,
    gone_values,
    named_params,
)
from wikireuse.attribution import attribute
from wikireuse.attribution.credits import Credits
from wikireuse.chunks import chunk, write_jsonl, write_parquet
from wikireuse.dumps import read_xml_dump
from wikireuse.exceptions import ConfigurationError
from wikireuse.privacy import (
    DEFAULT_POLICY,
    FieldRule,
    MinimisationPolicy,
    PersonStatus,
    classify_person,
    minimise,
)
from wikireuse.records.articles import Article, Contributor, Contributors
from wikireuse.records.persons import TEMPORARY_ACCOUNT_RE
from wikireuse.store import Store
from wikireuse.structured import (
    Infobox,
    Paragraph,
    Param,
    Section,
    StructuredArticle,
    structure,
)

TODAY = date(2026, 6, 15)
SAMPLE_DUMP = "examples/data/sample-wiki.xml.bz2"


def _cited(doc: StructuredArticle, title: str) -> StructuredArticle:
    """*doc* with what chunk() needs to cite it, when it came from plain text."""
    if doc.revid is not None:
        return doc
    return attrs.evolve(
        doc,
        wiki="en.wikipedia.org",
        title=title,
        revid=1000 + len(title),
        url=f"https://en.wikipedia.org/wiki/{title}",
        timestamp="2026-01-02T03:04:05Z",
    )


def _classified(name: str) -> StructuredArticle:
    doc = fixture_page(name)
    status = classify_person(doc, today=TODAY).status
    return _cited(attrs.evolve(doc, person_status=status), name)


def _sample_articles() -> list[Article]:
    return list(read_xml_dump(SAMPLE_DUMP))


def _all_documents() -> list[StructuredArticle]:
    """Every fixture page and every sample-dump page, classified."""
    docs = [_classified(name) for name in fixture_page_names()]
    for article in _sample_articles():
        assessment = classify_person(article, today=TODAY)
        docs.append(structure(article, person=assessment))
    return docs


# -- what the policy names is gone -----------------------------------------------------


def _check_minimised(
    before: StructuredArticle, after: StructuredArticle, policy: MinimisationPolicy
) -> None:
    """Every field and section *policy* names is dropped or coarsened in *after*."""
    for param in named_params(after, policy):
        rule = policy.rule_for(param.name)
        assert rule is not None
        assert rule.action == "year", param
        assert re.fullmatch(r"\d{4}", param.text), param
        assert param.wikitext == param.text
        assert not param.links
    for box in after.infoboxes:
        for row in box.rows:
            rule = policy.rule_for(row.label, label=True) if row.label else None
            assert rule is None or (
                rule.action == "year" and re.fullmatch(r"\d{4}", row.text)
            ), row
    assert not any(s.level and policy.drops_section(s) for s in after.sections)
    if named_params(before, policy) or any(
        s.level and policy.drops_section(s) for s in before.sections
    ):
        assert after.minimisation[0].startswith("minimised under policy 'default'")


def _outputs(docs: list[StructuredArticle], tmp: Path) -> list[str]:
    """Every output of *docs*: structured JSON, chunks, JSONL and Parquet exports."""
    import pyarrow.parquet as pq

    texts = [d.to_json() for d in docs]
    pieces = [c for d in docs for c in chunk(d)]
    texts += [c.to_json() for c in pieces]
    for name, items in (("articles", docs), ("chunks", pieces)):
        for fmt, writer in (("jsonl", write_jsonl), ("parquet", write_parquet)):
            out = tmp / f"{name}-{fmt}"
            writer(items, out)
            for path in sorted(out.iterdir()):
                if path.suffix == ".parquet":
                    rows = pq.read_table(path).to_pylist()
                    texts.append(json.dumps(rows, ensure_ascii=False, default=str))
                else:
                    texts.append(path.read_text(encoding="utf-8"))
    return texts


def test_every_named_field_is_gone_from_articles_chunks_and_exports(
    tmp_path: Path,
) -> None:
    """The exhaustive sweep over the fixture pages and the sample dump."""
    docs = _all_documents()
    protected = [d for d in docs if d.person_status and d.person_status.is_protected]
    assert len(protected) >= 12
    minimised = [minimise(d) for d in docs]
    named = 0
    for before, after in zip(docs, minimised, strict=True):
        if before.person_status in DEFAULT_POLICY.statuses:
            _check_minimised(before, after, DEFAULT_POLICY)
            named += len(named_params(before, DEFAULT_POLICY))
        else:
            assert after is before  # deceased, unknown: untouched
    assert named >= 10  # the sweep met the fields it checks
    gone = set().union(*(gone_values(d, DEFAULT_POLICY) for d in protected))
    assert "Pieter Testfield (m. 1980)" in gone
    outputs = _outputs(minimised, tmp_path)
    for value in gone:
        assert not any(value in text for text in outputs), value
    # chunks of a minimised article say so, and carry its status
    for doc in minimised:
        for piece in chunk(doc):
            assert piece.minimisation == doc.minimisation
            assert piece.person_status is doc.person_status


def test_mara_testfield_in_detail() -> None:
    doc = _classified("en_Mara_Testfield")
    small = minimise(doc)
    params = {p.name: p.text for p in small.infoboxes[0].params}
    assert params == {
        "name": "Mara Testfield",
        "birth_date": "1952",
        "birth_place": "Lyon, France",
        "occupation": "Painter",
    }
    assert [s.heading for s in small.sections] == ["", "Career", "References"]
    # the wedding notice was cited only in "Personal life"
    assert [r.id for r in small.references] == ["cite_note-gal-1"]
    assert "1 reference(s) cited only in dropped sections dropped" in (
        small.minimisation
    )
    infobox_chunk = chunk(small)[0]
    assert infobox_chunk.kind == "infobox"
    assert "birth_date: 1952" in infobox_chunk.text
    assert "Rue Imaginaire" not in infobox_chunk.text


def test_minimising_twice_changes_nothing_more() -> None:
    once = minimise(_classified("en_Mara_Testfield"))
    assert minimise(once) == once


def test_the_minimisation_is_in_the_provenance_steps() -> None:
    article = next(
        a
        for a in _sample_articles()
        if classify_person(a, today=TODAY).status is PersonStatus.LIVING
    )
    doc = structure(article, person=classify_person(article, today=TODAY))
    doc = attrs.evolve(
        doc,
        sections=(
            *doc.sections,
            Section(
                id=9,
                level=2,
                heading="Personal life",
                path=("Personal life",),
                paragraphs=(Paragraph(text="Lives with a partner by the lake."),),
                order=("paragraph",),
            ),
        ),
    )
    small = minimise(doc)
    assert small.provenance is not None
    assert doc.provenance is not None
    added = small.provenance.steps[len(doc.provenance.steps) :]
    assert added == ("minimised: " + "; ".join(small.minimisation),)
    assert "section 'Personal life' dropped" in added[0]


def test_unclassified_articles_are_refused_and_others_pass() -> None:
    with pytest.raises(ConfigurationError, match="has no person_status"):
        minimise(structure("Text."))
    deceased = _classified("en_Greta_Historic")
    assert deceased.person_status is PersonStatus.DECEASED
    assert minimise(deceased) is deceased
    everyone = MinimisationPolicy(name="all", statuses=tuple(PersonStatus))
    assert (
        minimise(deceased, everyone)
        .minimisation[0]
        .startswith("minimised under policy 'all'")
    )


def test_bad_policies_are_refused() -> None:
    with pytest.raises(ConfigurationError, match="statuses"):
        MinimisationPolicy(statuses=("living",))  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="action"):
        FieldRule(field="x", names=("x",), action="blur")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="redactor"):
        MinimisationPolicy(redactor="scrub")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="StructuredArticle"):
        minimise("text")  # type: ignore[arg-type]


# -- hypothesis: generated infoboxes and sections --------------------------------------

_NAMED = [n for rule in DEFAULT_POLICY.fields for n in rule.names]
_HEADINGS = [
    "Personal life",
    "PERSONAL LIFE",
    "Family",
    "Privatleben",
    "Vie privée",
    "Career",
    "Early life",
    "Works",
]


def _spelling(name: str) -> st.SearchStrategy[str]:
    """*name* as editors write it: spaces, underscores or hyphens; any case."""
    return st.tuples(st.sampled_from([" ", "_", "-"]), st.booleans()).map(
        lambda v: (name.replace(" ", v[0])).upper() if v[1] else name.replace(" ", v[0])
    )


_param_names = st.one_of(
    st.sampled_from(_NAMED).flatmap(_spelling),
    st.sampled_from(["name", "occupation", "nationality", "known_for"]),
)
_values = st.one_of(
    st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=30),
    st.dates().map(lambda d: d.strftime("%d %B %Y")),
)


@st.composite
def _articles(draw: st.DrawFn) -> StructuredArticle:
    params = tuple(
        Param(name=name, wikitext=value, text=value)
        for name, value in draw(st.lists(st.tuples(_param_names, _values), max_size=12))
    )
    headings = draw(st.lists(st.sampled_from(_HEADINGS), max_size=5))
    sections = (
        Section(id=0, level=0, heading="", paragraphs=(Paragraph(text="Lead."),)),
        *(
            Section(
                id=n + 1,
                level=2,
                heading=h,
                path=(h,),
                paragraphs=(Paragraph(text=f"Text of {h} {n}."),),
                order=("paragraph",),
            )
            for n, h in enumerate(headings)
        ),
    )
    status = draw(st.sampled_from(list(PersonStatus)))
    return StructuredArticle(
        source="wikitext",
        wiki="en.wikipedia.org",
        title="Generated",
        revid=1,
        url="https://en.wikipedia.org/wiki/Generated",
        infoboxes=(
            Infobox(template="Infobox person", params=params, source="wikitext"),
        ),
        sections=sections,
        person_status=status,
    )


@settings(max_examples=150, deadline=None)
@given(_articles())
def test_generated_articles_keep_nothing_the_policy_names(
    doc: StructuredArticle,
) -> None:
    after = minimise(doc)
    if doc.person_status not in DEFAULT_POLICY.statuses:
        assert after is doc
        return
    _check_minimised(doc, after, DEFAULT_POLICY)
    dropped = named_params(doc, DEFAULT_POLICY)
    kept_names = {p.name for p in after.infoboxes[0].params}
    for param in dropped:
        rule = DEFAULT_POLICY.rule_for(param.name)
        assert rule is not None
        if rule.action == "drop":
            assert param.name not in kept_names
    texts = " ".join(c.text for c in chunk(after))
    for section in doc.sections:
        if section.level and DEFAULT_POLICY.drops_section(section):
            assert section.paragraphs[0].text not in texts


# -- the redactor hook -----------------------------------------------------------------


def test_a_redactor_sees_every_text_and_chunks_get_its_output() -> None:
    seen: list[str] = []

    def shout(text: str) -> str:
        seen.append(text)
        return text.upper()

    policy = MinimisationPolicy(name="shout", redactor=shout)
    small = minimise(_classified("en_Mara_Testfield"), policy)
    assert "texts passed through the redactor shout" in small.minimisation
    assert all(p.text == p.text.upper() for p in small.paragraphs)
    body = [c for c in chunk(small) if c.kind == "text"]
    assert body
    assert all(c.text == c.text.upper() for c in body)
    assert any("painter" in t for t in seen)


def test_presidio_redactor_with_pattern_recognisers_only() -> None:
    try:
        from wikireuse.privacy.presidio import PresidioRedactor
    except ImportError:  # pragma: no cover - the extra is in dev
        skip_or_fail("presidio is not installed (pip install 'wikireuse[presidio]')")
    try:
        redact = PresidioRedactor()
    except ConfigurationError as exc:
        skip_or_fail(str(exc))
    text = "Write to mara@example.org or ring +44 20 7946 0958 from 192.0.2.7."
    assert redact(text) == (
        "Write to <EMAIL_ADDRESS> or ring <PHONE_NUMBER> from <IP_ADDRESS>."
    )
    assert redact("Painted in 1952.") == "Painted in 1952."
    doc = _classified("en_Mara_Testfield")
    lead = doc.sections[0]
    doc = attrs.evolve(
        doc,
        sections=(
            attrs.evolve(
                lead,
                paragraphs=(*lead.paragraphs, Paragraph(text="Contact: 2001:db8::7.")),
            ),
            *doc.sections[1:],
        ),
    )
    small = minimise(doc, MinimisationPolicy(name="pii", redactor=redact))
    assert "Contact: <IP_ADDRESS>." in [p.text for p in small.paragraphs]


# -- no IP address or temporary account in any output ----------------------------------

_IPV4 = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])")
_IPV6 = re.compile(r"(?<![0-9A-Za-z:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}")
_TEMP = re.compile(TEMPORARY_ACCOUNT_RE.pattern.strip("^$"))

EDITORS = ("198.51.100.23", "2001:db8:85a3::8a2e:370:7334", "~2025-12345-67")


def _found_addresses(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        for match in (*_IPV4.finditer(text), *_IPV6.finditer(text)):
            try:
                ipaddress.ip_address(match.group(0))
            except ValueError:
                continue
            found.add(match.group(0))
        found |= {m.group(0) for m in _TEMP.finditer(text)}
    return found


def test_the_sweep_finds_what_it_looks_for() -> None:
    text = f"by {EDITORS[0]}, {EDITORS[1]} and {EDITORS[2]} at 12:34:56 in 2026"
    assert _found_addresses([text]) == set(EDITORS)


def test_contributors_never_name_ips_or_temporary_accounts() -> None:
    listed = Contributors.from_dict(
        {
            "title": "T",
            "pageid": 1,
            "registered": [{"name": "Alice", "userid": 3}]
            + [{"name": n, "userid": 0} for n in EDITORS],
            "anonymous": 4,
        }
    )
    assert (listed.names, listed.anonymous) == (("Alice",), 7)
    with pytest.raises(ConfigurationError, match=r"registered\[1\]") as caught:
        Contributors(
            title="T",
            pageid=1,
            registered=(Contributor(name="Alice"), Contributor(name=EDITORS[0])),
        )
    assert not _found_addresses([str(caught.value)])


def test_no_output_names_an_ip_address_or_a_temporary_account(tmp_path: Path) -> None:
    """Every output path that can carry contributors, swept by regular expression."""
    articles = []
    for article in _sample_articles()[:8]:
        people = Contributors.from_dict(
            {
                "title": article.title,
                "pageid": article.pageid,
                # as an older store or an API answer may list them
                "registered": [{"name": "Alice Example", "userid": 7}]
                + [{"name": n, "userid": 0} for n in EDITORS],
                "anonymous": 2,
            }
        )
        articles.append(attrs.evolve(article, contributors=people))
    texts: list[str] = []
    for article in articles:
        credit = attribute(article, authors="list")
        texts += [
            credit.to_text(),
            credit.to_html(),
            credit.to_markdown(),
            credit.to_wikitext(),
            credit.to_json(),
            json.dumps(article.to_dict(), ensure_ascii=False, default=str),
        ]
        assert "Alice Example" in credit.to_text()
        assert "5 anonymous contributors" in credit.to_text()
    credits = Credits(tuple(articles), authors="list")
    texts += [credits.to_text(), credits.to_html(), credits.to_markdown()]
    with Store(tmp_path / "store.sqlite") as store:
        for article in articles:
            store.put(article)
        store.manifest(tmp_path / "manifest.jsonl")
        texts.append(json.dumps([e.to_dict() for e in store.audit()], default=str))
    texts.append((tmp_path / "manifest.jsonl").read_text(encoding="utf-8"))
    from_store = Credits.from_manifest(tmp_path / "manifest.jsonl")
    texts += [from_store.to_text(), from_store.to_html(), from_store.to_markdown()]
    docs = []
    for article in articles:
        doc = structure(article, person=classify_person(article, today=TODAY))
        docs.append(
            minimise(doc) if doc.person_status in DEFAULT_POLICY.statuses else doc
        )
    texts += _outputs(docs, tmp_path / "exports")
    for directory in (tmp_path / "exports").iterdir():
        texts.append((directory / "manifest.json").read_text(encoding="utf-8"))
    assert len(texts) > 60
    assert _found_addresses(texts) == set()

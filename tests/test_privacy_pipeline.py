"""Minimisation in the store pipeline (#17 items 1-3): build, search, export, report.

A store holds the privacy fixture pages (our own writing) and the sample
dump; ``wikireuse chunks`` builds and exports its chunks with the default
policy, and then what the policy names is in no stored chunk, no full-text
hit and no exported file, while the usage report counts the minimisation
lines and the person statuses the chunks carry. The same store built with
``--no-minimise`` still has every value: the sweep finds what it looks for.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest

from tests.privacy_support import PAGES, fixture_page_names, gone_values
from tests.support.dumps import DumpPage, write_dump
from wikireuse.cli import main
from wikireuse.dumps import read_xml_dump
from wikireuse.privacy import DEFAULT_POLICY, MinimisationPolicy, classify_person
from wikireuse.reports import usage_report
from wikireuse.search import Searcher
from wikireuse.store import Store
from wikireuse.structured import StructuredArticle, structure

TODAY = date(2026, 1, 10)
SAMPLE = Path(__file__).parent.parent / "examples" / "data" / "sample-wiki.xml.bz2"


def _dump(path: Path) -> Path:
    """The fixture pages as one XML dump, a page each."""
    write_dump(
        path,
        [
            DumpPage(
                title=name.split("_", 1)[1].replace("_", " "),
                pageid=n,
                revid=1000 + n,
                timestamp="2025-06-01T00:00:00Z",
                text=(PAGES / f"{name}.wikitext").read_text(encoding="utf-8"),
            )
            for n, name in enumerate(fixture_page_names(), start=1)
        ],
    )
    return path


def _store(path: Path, dump: Path) -> str:
    with Store(path) as store:
        store.ingest(read_xml_dump(dump), source="privacy fixtures")
        store.ingest(read_xml_dump(SAMPLE), source="sample")
    return str(path)


def _cli(*argv: str) -> str:
    out = io.StringIO()
    assert main(list(argv), stdout=out) == 0
    return out.getvalue()


def _protected(store: Store) -> list[StructuredArticle]:
    """The stored pages about living or possibly living people, structured."""
    found = []
    for page in store.pages():
        article = store.latest(wiki=page.wiki, pageid=page.pageid)
        assert article is not None
        status = classify_person(article, today=TODAY).status
        if status in DEFAULT_POLICY.statuses:
            found.append(structure(article, person=status))
    return found


def _everything(store: Store, export: Path, values: set[str]) -> dict[str, list[str]]:
    """Where each of *values* still is: stored chunks, search hits, exported files."""
    chunks = [c.text for c in store.iter_chunks(only_current=False)]
    files = [p.read_text(encoding="utf-8") for p in sorted(export.iterdir())]
    where: dict[str, list[str]] = {}
    with Searcher(store) as searcher:
        for value in sorted(values):
            hits = searcher.search(value, k=50, only_current=False)
            places = [
                name
                for name, texts in (
                    ("chunks", chunks),
                    ("search", [h.chunk.text for h in hits]),
                    ("export", files),
                )
                if any(value in text for text in texts)
            ]
            if places:
                where[value] = places
    return where


def _year_fields_coarsened(store: Store, policy: MinimisationPolicy) -> int:
    """Infobox chunk lines of fields the policy names: years only, drops absent."""
    checked = 0
    for piece in store.iter_chunks():
        if piece.kind != "infobox" or piece.person_status not in policy.statuses:
            continue
        for line in piece.text.splitlines():
            name, _, value = line.partition(": ")
            rule = policy.rule_for(name)
            if rule is None:
                continue
            assert rule.action == "year", line
            assert re.fullmatch(r"\d{4}", value), line
            checked += 1
    return checked


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _dump(tmp_path_factory.mktemp("dump") / "fixtures.xml")


def test_chunks_command_minimises_and_the_report_counts_it(
    dump: Path, tmp_path: Path
) -> None:
    db = _store(tmp_path / "s.db", dump)
    text = _cli(
        "chunks",
        "--store",
        db,
        "--jsonl",
        str(tmp_path / "out"),
        "--today",
        "2026-01-10",
    )
    with Store(db) as store:
        protected = _protected(store)
        gone = set().union(*(gone_values(d, DEFAULT_POLICY) for d in protected))
        left = _everything(store, tmp_path / "out", gone)
        coarsened = _year_fields_coarsened(store, DEFAULT_POLICY)
        chunks = list(store.iter_chunks())
        report = usage_report(store, today=TODAY, wall_clock=lambda: 1.8e9)
        built = next(e for e in store.audit() if e.action == "chunk").detail
    minimised = {c.title for c in chunks if c.minimisation}

    assert len(protected) >= 10
    assert len(gone) >= 6
    assert "Pieter Testfield (m. 1980)" in gone
    assert left == {}  # in no stored chunk, search hit or exported file
    assert coarsened >= 6
    assert minimised == {d.title for d in protected}
    assert all(c.person_status is not None for c in chunks)
    assert re.search(rf"minimised\s+{len(minimised)}\s+revisions about living", text)
    # the report counts what the chunks carry, line by line
    expected: dict[str, int] = {}
    for piece in chunks:
        for line in piece.minimisation:
            expected[line] = expected.get(line, 0) + 1
    assert dict(report.minimisation) == expected
    assert expected["section 'Personal life' dropped"] >= 3
    assert report.person_status["living"] == built["person_status"]["living"] >= 10
    assert built["minimised"] == len(minimised)
    assert built["settings"]["policy"].startswith("default@")
    markdown = report.to_markdown()
    assert "No stored chunk records a minimisation." not in markdown
    assert "| section 'Personal life' dropped |" in markdown


def test_without_minimisation_every_value_is_still_there(
    dump: Path, tmp_path: Path
) -> None:
    db = _store(tmp_path / "raw.db", dump)
    _cli(
        "chunks",
        "--store",
        db,
        "--jsonl",
        str(tmp_path / "out"),
        "--today",
        "2026-01-10",
        "--no-minimise",
    )
    with Store(db) as store:
        protected = _protected(store)
        gone = set().union(*(gone_values(d, DEFAULT_POLICY) for d in protected))
        left = _everything(store, tmp_path / "out", gone)
        chunks = list(store.iter_chunks())
        report = usage_report(store, today=TODAY, wall_clock=lambda: 1.8e9)

    assert set(left) == gone
    assert all(
        set(places) == {"chunks", "search", "export"} for places in left.values()
    )
    assert not any(c.minimisation for c in chunks)
    assert all(c.person_status is not None for c in chunks)  # still classified
    assert dict(report.minimisation) == {}

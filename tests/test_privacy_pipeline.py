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
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from tests.privacy_support import PAGES, fixture_page_names, gone_values
from tests.support.dumps import DumpPage, write_dump
from wikireuse.chunks import Chunk
from wikireuse.cli import main
from wikireuse.dumps import read_xml_dump
from wikireuse.privacy import DEFAULT_POLICY, MinimisationPolicy, classify_person
from wikireuse.reports import UsageReport, usage_report
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


def _named_lines(store: Store, policy: MinimisationPolicy) -> list[tuple[str, str]]:
    """``(action, value)`` of the infobox chunk lines of fields *policy* names.

    Only in chunks of pages the policy applies to.
    """
    found = []
    for piece in store.iter_chunks():
        if piece.kind != "infobox" or piece.person_status not in policy.statuses:
            continue
        for line in piece.text.splitlines():
            name, _, value = line.partition(": ")
            rule = policy.rule_for(name)
            if rule is not None:
                found.append((rule.action, value))
    return found


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _dump(tmp_path_factory.mktemp("dump") / "fixtures.xml")


@attrs.frozen(kw_only=True)
class Built:
    """A store built through ``wikireuse chunks``, and what the test reads of it."""

    printed: str
    protected: list[StructuredArticle]
    gone: set[str]
    left: dict[str, list[str]]
    named: list[tuple[str, str]]
    chunks: list[Chunk]
    report: UsageReport
    detail: Mapping[str, Any]


def _built(dump: Path, tmp_path: Path, *options: str) -> Built:
    db = _store(tmp_path / "s.db", dump)
    out = tmp_path / "out"
    printed = _cli(
        "chunks", "--store", db, "--jsonl", str(out), "--today", "2026-01-10", *options
    )
    with Store(db) as store:
        protected = _protected(store)
        gone = set().union(*(gone_values(d, DEFAULT_POLICY) for d in protected))
        return Built(
            printed=printed,
            protected=protected,
            gone=gone,
            left=_everything(store, out, gone),
            named=_named_lines(store, DEFAULT_POLICY),
            chunks=list(store.iter_chunks()),
            report=usage_report(store, today=TODAY, wall_clock=lambda: 1.8e9),
            detail=next(e for e in store.audit() if e.action == "chunk").detail,
        )


def test_chunks_command_minimises_and_the_report_counts_it(
    dump: Path, tmp_path: Path
) -> None:
    built = _built(dump, tmp_path)
    chunks, report, detail = built.chunks, built.report, built.detail
    minimised = {c.title for c in chunks if c.minimisation}

    assert len(built.protected) >= 10
    assert len(built.gone) >= 6
    assert "Pieter Testfield (m. 1980)" in built.gone
    assert built.left == {}  # in no stored chunk, search hit or exported file
    # a dropped field is gone, a coarsened one is its year
    assert len(built.named) >= 6
    assert all(a == "year" and re.fullmatch(r"\d{4}", v) for a, v in built.named)
    assert minimised == {d.title for d in built.protected}
    assert all(c.person_status is not None for c in chunks)
    assert re.search(
        rf"minimised\s+{len(minimised)}\s+revisions about living", built.printed
    )
    # the report counts what the chunks carry, line by line
    expected: dict[str, int] = {}
    for piece in chunks:
        for line in piece.minimisation:
            expected[line] = expected.get(line, 0) + 1
    assert dict(report.minimisation) == expected
    assert expected["section 'Personal life' dropped"] >= 3
    assert report.person_status["living"] == detail["person_status"]["living"] >= 10
    assert detail["minimised"] == len(minimised)
    assert detail["settings"]["policy"].startswith("default@")
    markdown = report.to_markdown()
    assert "No stored chunk records a minimisation." not in markdown
    assert "| section 'Personal life' dropped |" in markdown


def test_without_minimisation_every_value_is_still_there(
    dump: Path, tmp_path: Path
) -> None:
    built = _built(dump, tmp_path, "--no-minimise")

    assert set(built.left) == built.gone
    assert all(
        set(places) == {"chunks", "search", "export"} for places in built.left.values()
    )
    assert not any(c.minimisation for c in built.chunks)
    assert {a for a, _ in built.named} == {"drop", "year"}
    assert not all(re.fullmatch(r"\d{4}", v) for _, v in built.named)
    assert all(c.person_status is not None for c in built.chunks)  # still classified
    assert dict(built.report.minimisation) == {}
    assert "policy" not in built.detail["settings"]

"""``wikireuse structure``: offline on files, and against the real test wiki."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.structured_support import (
    PARSOID_PAGES,
    WIKITEXT_PAGES,
    check,
    enterprise_record,
    shared,
)
from tests.support import fixtures
from tests.support.cli import fake_cli_clients
from tests.support.mediawiki import MediaWiki
from wikireuse.cli import EX_USAGE, main
from wikireuse.structured import StructuredArticle

UA = "WikireuseTests/1.0 (https://wikireuse.invalid/tests; tests@wikireuse.invalid)"


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdout=out)
    return code, out.getvalue()


def test_file_parsoid_html_as_json() -> None:
    code, text = run(
        ["structure", "--file", str(shared(PARSOID_PAGES["dog"])), "--json"]
    )
    assert code == 0
    doc = check(StructuredArticle.from_json(text))
    assert (doc.source, doc.revid, doc.title) == ("parsoid", 845493773, "Dog")


def test_file_wikitext_summary_names_unexpanded_templates() -> None:
    code, text = run(["structure", "--file", str(shared(WIKITEXT_PAGES[0]))])
    assert code == 0
    assert "  infobox: Automatic taxobox (11 parameters, 0 rows)" in text
    assert "  warning: template {{Fossil range}} not expanded (1×)" in text


def test_file_format_can_be_forced(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("<p>Looks like HTML but is wikitext</p>", encoding="utf-8")
    code, text = run(
        ["structure", "--file", str(page), "--format", "wikitext", "--json"]
    )
    assert code == 0
    assert json.loads(text)["source"] == "wikitext"


def test_file_enterprise_records(tmp_path: Path) -> None:
    record = tmp_path / "en.json"
    record.write_text(json.dumps(enterprise_record("en")), encoding="utf-8")
    code, text = run(["structure", "--file", str(record), "--json"])
    assert code == 0
    assert json.loads(text)["infoboxes"][0]["template"] == "Automatic taxobox"
    structured = tmp_path / "sc.json"
    sc = json.loads(
        shared("enterprise/structured-contents_Squirrel_de_en_ru.json").read_text(
            encoding="utf-8"
        )
    )[2]
    structured.write_text(json.dumps(sc), encoding="utf-8")
    code, text = run(["structure", "--file", str(structured), "--enterprise"])
    assert code == 0
    assert json.loads(text)["infoboxes"] == sc["infobox"]


@pytest.mark.parametrize(
    "argv",
    [
        ["structure"],
        ["structure", "--file", "/nonexistent/page.html"],
        ["structure", "Dog", "--file", "x.html"],
        ["structure", "--revision", "-3", "--user-agent", UA],
        ["structure", "--body", "pdf", "Dog"],
    ],
)
def test_usage_errors(argv: list[str]) -> None:
    assert run(argv)[0] == EX_USAGE


def test_a_file_with_several_records_is_a_usage_error() -> None:
    path = shared(PARSOID_PAGES["squirrel"])
    assert run(["structure", "--file", str(path)])[0] == EX_USAGE


@pytest.mark.mediawiki
def test_structure_a_page_of_the_test_wiki(
    mediawiki: MediaWiki, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_cli_clients(monkeypatch)
    argv = ["structure", fixtures.ARTICLE, "--api-url", mediawiki.api_url]
    code, text = run([*argv, "--user-agent", UA, "--json"])
    assert code == 0
    doc = check(StructuredArticle.from_json(text))
    assert (doc.source, doc.title) == ("parsoid", fixtures.ARTICLE)
    assert doc.infoboxes[0].template == "Infobox person"
    code, text = run([*argv, "--user-agent", UA, "--body", "wikitext", "--json"])
    assert code == 0
    wt = check(StructuredArticle.from_json(text))
    assert (wt.source, wt.revid) == ("wikitext", doc.revid)
    code, _ = run(
        [
            "structure",
            "No such page here",
            "--api-url",
            mediawiki.api_url,
            "--user-agent",
            UA,
        ]
    )
    assert code == 1

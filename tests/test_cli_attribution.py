"""``wikireuse attribute``, ``cite`` and ``credits``: usage errors, real wiki runs.

The commands build their client through ``wikireuse.cli._make_client``; the
tests wrap it to add a FakeClock (nothing sleeps), and pass ``main`` a fixed
wall clock, the only clock the command line reads.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs
import pytest
import requests

import wikireuse.cli
from tests.support import fixtures
from tests.support.cli import fake_cli_clients
from tests.support.mediawiki import MediaWiki
from tests.test_integration_sync import probe_titles
from tests.test_store import make_article
from wikireuse import Client
from wikireuse.citations import STYLES
from wikireuse.cli import EX_FETCH, EX_USAGE, USER_AGENT_ENV, main
from wikireuse.store import Store
from wikireuse.testing import (
    FakeClock,
    HandlerAdapter,
    api_error,
    make_response,
    request_params,
    siteinfo,
)
from wikireuse.titles import url_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

UA = "wikireuse-tests/1.0 (https://example.net/; tests@wikireuse.invalid)"
NOW = datetime(2026, 3, 14, 15, 9, 26, tzinfo=timezone.utc)
"""What the fixed wall clock of these tests reads."""


@pytest.fixture(autouse=True)
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Every client the CLI makes waits on a fake clock, with short retries."""
    return fake_cli_clients(monkeypatch)


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out, wall_clock=NOW.timestamp)
    return code, out.getvalue()


# -- offline: options and usage errors ---------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["attribute"],  # nothing to credit
        ["attribute", "  ", "--user-agent", UA],
        ["attribute", "Ada", "--format", "pdf", "--user-agent", UA],
        ["attribute", "Ada", "--lang", "xx", "--user-agent", UA],
        ["attribute", "Ada", "--authors", "all", "--user-agent", UA],
        ["attribute", "Ada", "--accessed", "yesterday", "--user-agent", UA],
        ["attribute", "Ada", "--accessed", "2026-13-01", "--user-agent", UA],
        ["attribute", "Ada", "--revid", "0", "--user-agent", UA],
        ["attribute", "Ada", "--style", "notice", "--user-agent", UA],
        ["attribute", "Ada", "--style", "reuse-notice", "--format", "json"],
        [
            "attribute",
            "Ada",
            "--style",
            "copy-summary",
            "--format",
            "json",
            "--user-agent",
            UA,
        ],
        ["attribute", "Ada", "--modified-by", "Example Press", "--user-agent", UA],
        ["attribute", "File:A.jpg", "--authors", "list", "--user-agent", UA],
        ["attribute", "File:A.jpg", "--revid", "3", "--user-agent", UA],
        ["attribute", "Ada", "--wiki", "a.org", "--api-url", "http://a/api.php"],
        ["attribute", "Ada", "--wiki", "not a domain", "--user-agent", UA],
        ["attribute", "https://example.org/", "--user-agent", UA],  # no page
        ["attribute", "https://en.wikipedia.org/wiki/X?oldid=abc", "--user-agent", UA],
        [
            "attribute",
            "https://en.wikipedia.org/w/index.php?title=X&oldid=5",
            "--revid",
            "6",
            "--user-agent",
            UA,
        ],
        [
            "attribute",
            "https://en.wikipedia.org/wiki/X",
            "--wiki",
            "de.wikipedia.org",
            "--user-agent",
            UA,
        ],
        ["cite", "Ada", "--accessed", "2026-03-14T15:09", "--user-agent", UA],
        ["cite", "Ada", "--accessed", "soon", "--user-agent", UA],
        ["cite", "--style", "apa", "--user-agent", UA],
        ["cite", "Ada", "--style", "no-such-style", "--user-agent", UA],
        [
            "cite",
            "Ada",
            "--style",
            "apa",
            "--accessed",
            "2026-11-27",
            "--user-agent",
            UA,
        ],
        ["cite", "Ada", "--style", "mla", "--accessed", "today", "--user-agent", UA],
        ["credits"],
        ["credits", "m.jsonl", "--use", "collect"],  # --use without --into
        ["credits", "m.jsonl", "--format", "pdf"],
        ["credits", "m.jsonl", "--commercial"],  # --commercial without --into
        ["credits", "m.jsonl", "--accessed", "last week"],
        ["credits", "m.jsonl", "--revisions", "some"],
        ["credits", "m.jsonl", "--path", "texts/{title}.txt"],  # no --reuse-toml
        ["credits", "m.jsonl", "--into", "CC-BY-4.0", "--use", "remix"],
    ],
)
def test_usage_errors_exit_64(argv: list[str]) -> None:
    """Bad arguments and options exit 64 without contacting any wiki."""
    assert EX_USAGE == _run(*argv)[0]


@pytest.mark.parametrize("command", ["attribute", "cite"])
def test_no_user_agent_is_a_usage_error(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --user-agent or the environment variable: 64 and advice."""
    code, _ = _run(command, "Ada Lovelace")

    assert EX_USAGE == code
    assert USER_AGENT_ENV in capsys.readouterr().err


@pytest.mark.parametrize(
    ("url", "api_url"),
    [
        (
            "https://de.wikipedia.org/wiki/Ada_Lovelace",
            "https://de.wikipedia.org/w/api.php",
        ),
        ("http://de.wikipedia.org/wiki/X", "https://de.wikipedia.org/w/api.php"),
        ("https://en.m.wikipedia.org/wiki/X", "https://en.wikipedia.org/w/api.php"),
        ("https://m.wikidata.org/wiki/Q42", "https://www.wikidata.org/w/api.php"),
        (
            "https://commons.wikimedia.org/wiki/File:Foo.jpg",
            "https://commons.wikimedia.org/w/api.php",
        ),
        (
            "http://127.0.0.1:8080/w/index.php?title=X&oldid=3",
            "http://127.0.0.1:8080/w/api.php",
        ),
        ("http://wiki.test/index.php?title=X", "http://wiki.test/api.php"),
        ("http://wiki.test:81/mw/index.php/X", "http://wiki.test:81/mw/api.php"),
        ("http://127.0.0.1:8080/wiki/X", "http://127.0.0.1:8080/w/api.php"),
    ],
)
def test_a_url_picks_its_wiki(url: str, api_url: str) -> None:
    """The api.php beside index.php, else /w/api.php; Wikimedia over HTTPS."""
    assert api_url == wikireuse.cli._api_url_for(url)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", "now"),
        ("Today", "today"),
        ("2026-11-27", datetime(2026, 11, 27).date()),
        ("2026-11-27T14:05Z", datetime(2026, 11, 27, 14, 5, tzinfo=timezone.utc)),
        (
            "2026-11-27T14:05:00+00:00",
            datetime(2026, 11, 27, 14, 5, tzinfo=timezone.utc),
        ),
    ],
)
def test_cite_accessed_values(text: str, expected: object) -> None:
    """--accessed of cite reads words, dates and aware ISO times."""
    assert expected == wikireuse.cli._accessed_when(text)


class _SiteinfoOnly:
    """Answers the namespace query of a German wiki; counts the requests."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []

    def action(self, params: dict[str, Any]) -> dict[str, Any]:
        self.requests.append(params)
        return {
            "query": {
                "namespaces": {
                    "0": {"id": 0, "name": "", "case": "first-letter"},
                    "6": {
                        "id": 6,
                        "name": "Datei",
                        "canonical": "File",
                        "case": "first-letter",
                    },
                    "-2": {"id": -2, "name": "Medium", "canonical": "Media"},
                },
                "namespacealiases": [{"id": 6, "alias": "Bild"}],
            }
        }


@pytest.mark.parametrize(
    ("title", "expected", "asked"),
    [
        ("File:A.jpg", "File:A.jpg", 0),
        ("image:A.jpg", "image:A.jpg", 0),
        ("Media:A.jpg", "File:A.jpg", 0),
        ("Datei:A.jpg", "Datei:A.jpg", 1),
        ("bild:A.jpg", "bild:A.jpg", 1),
        ("Medium:A.jpg", "Datei:A.jpg", 1),
        ("Ada Lovelace", None, 0),
        ("User:Alice", None, 0),
        ("Star Wars: Episode IV", None, 1),
    ],
)
def test_file_titles_in_any_of_the_wikis_names(
    title: str, expected: str | None, asked: int
) -> None:
    """English names are known offline; others are looked up in the wiki once."""
    client = _SiteinfoOnly()
    assert (expected, asked) == (
        wikireuse.cli._file_title(client, title),  # type: ignore[arg-type]
        len(client.requests),
    )


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """Each command's help lists its exit codes."""
    expected = {
        "attribute": [
            "1 no such page, file or item",
            "2 the wiki could not",
            "64 usage",
        ],
        "cite": ["1 no such page or revision", "2 the wiki could not", "64 usage"],
        "credits": ["1 incompatible, 2 conditional, 3 unknown", "64 usage"],
    }
    for command, phrases in expected.items():
        assert 0 == _run(command, "--help")[0]
        text = " ".join(capsys.readouterr().out.split())
        assert [True] * len(phrases) == [p in text for p in phrases]


def test_credits_of_a_manifest_that_is_not_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A manifest that cannot be read is a usage error (2 would mean conditional)."""
    code, _ = _run("credits", str(tmp_path / "absent.jsonl"), "--into", "MIT")

    assert EX_USAGE == code
    assert "absent.jsonl" in capsys.readouterr().err


def test_credits_of_a_damaged_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is no manifest exits 64 with a message, no traceback."""
    path = tmp_path / "notes.jsonl"
    path.write_text('{"hello": "world"}\n', encoding="utf-8")

    code, _ = _run("credits", str(path))

    assert EX_USAGE == code
    assert capsys.readouterr().err.startswith("wikireuse: ")


def _manifest_of(tmp_path: Path, *articles: Any) -> Path:
    path = tmp_path / "snapshot.jsonl"
    with Store(tmp_path / "snap.db") as store:
        for article in articles:
            store.put(article)
        store.manifest(path)
    return path


def test_credits_offline_from_a_stored_manifest(tmp_path: Path) -> None:
    """Credits of a manifest need no wiki: both titles, the licence, exit 0."""
    path = _manifest_of(
        tmp_path,
        make_article(title="Ada Lovelace", pageid=7, revid=100),
        make_article(title="Charles Babbage", pageid=8, revid=200),
    )

    code, text = _run("credits", str(path))

    assert 0 == code
    assert ["Ada Lovelace", "Charles Babbage", "CC BY-SA 3.0"] == [
        s for s in ("Ada Lovelace", "Charles Babbage", "CC BY-SA 3.0") if s in text
    ]


@pytest.mark.parametrize(
    ("into", "use", "code"),
    [
        ("CC-BY-SA-4.0", "adapt", 0),  # 3.0 BY-SA adapts into 4.0 BY-SA
        ("CC-BY-4.0", "adapt", 1),  # share-alike cannot become plain BY
        ("Made-Up Licence 7", "adapt", 3),
    ],
)
def test_credits_check_exit_codes(
    tmp_path: Path, into: str, use: str, code: int
) -> None:
    """With --into the exit code is the licence check's: 0, 1, 2 or 3."""
    path = _manifest_of(tmp_path, make_article())

    assert code == _run("credits", str(path), "--into", into, "--use", use)[0]


@pytest.mark.parametrize(
    ("accessed", "retrieved"),
    [
        ("2026-11-20", "Retrieved November 20, 2026"),
        ("fetched", "Retrieved November 27, 2026"),  # make_article's fetch time
        ("today", f"Retrieved {NOW:%B} {NOW.day}, {NOW.year}"),
    ],
)
def test_credits_accessed(tmp_path: Path, accessed: str, retrieved: str) -> None:
    """--accessed prints the date given, each fetch's, or main()'s clock's."""
    path = _manifest_of(tmp_path, make_article())

    code, text = _run("credits", str(path), "--accessed", accessed)

    assert (0, True) == (code, retrieved in text)


def test_credits_latest_or_all_revisions(tmp_path: Path) -> None:
    """--revisions all credits every stored revision, latest only the newest."""
    path = _manifest_of(
        tmp_path,
        make_article(revid=100, text="First text."),
        make_article(revid=101, text="Second text."),
    )

    latest = _run("credits", str(path))[1]
    every = _run("credits", str(path), "--revisions", "all")[1]

    assert (["oldid=101"], ["oldid=100", "oldid=101"]) == (
        re.findall(r"oldid=\d+", latest),
        sorted(set(re.findall(r"oldid=\d+", every))),
    )


def test_credits_reuse_toml_with_a_path_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--path names each page's copy; REUSE.toml then annotates every one."""
    path = _manifest_of(
        tmp_path,
        make_article(title="Ada Lovelace", pageid=7, revid=100),
        make_article(title="Charles Babbage", pageid=8, revid=200),
    )

    code, text = _run(
        "credits", str(path), "--reuse-toml", "--path", "texts/{title}-{revid}.txt"
    )
    data = tomllib.loads(text)

    assert 0 == code
    assert ["texts/Ada Lovelace-100.txt", "texts/Charles Babbage-200.txt"] == sorted(
        a["path"] for a in data["annotations"]
    )
    assert {"CC-BY-SA-3.0"} == {
        a["SPDX-License-Identifier"] for a in data["annotations"]
    }
    assert "" == capsys.readouterr().err


def test_credits_reuse_toml_without_paths_says_why_it_is_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A manifest names no files: the empty REUSE.toml comes with a note."""
    path = _manifest_of(tmp_path, make_article())

    code, text = _run("credits", str(path), "--reuse-toml")

    assert (0, 1) == (code, tomllib.loads(text)["version"])
    assert "--path TEMPLATE" in capsys.readouterr().err


@pytest.mark.parametrize("template", ["texts/{pageid}.txt", "texts/{0}.txt", "x{"])
def test_credits_path_template_with_unknown_fields(
    tmp_path: Path, template: str
) -> None:
    """A --path template with other fields than {title}/{revid} exits 64."""
    path = _manifest_of(tmp_path, make_article())

    assert EX_USAGE == _run("credits", str(path), "--reuse-toml", "--path", template)[0]


def test_credits_path_template_that_repeats_a_path(tmp_path: Path) -> None:
    """Two pages given the same path by the template: 64, not a silent merge."""
    path = _manifest_of(
        tmp_path,
        make_article(title="Ada Lovelace", pageid=7, revid=100),
        make_article(title="Charles Babbage", pageid=8, revid=200),
    )

    code, _ = _run("credits", str(path), "--reuse-toml", "--path", "texts/all.txt")

    assert EX_USAGE == code


# -- against the real wiki ---------------------------------------------------------


def _wiki(mediawiki: MediaWiki) -> tuple[str, ...]:
    return ("--api-url", mediawiki.api_url, "--user-agent", UA)


def _json(mediawiki: MediaWiki, *argv: str) -> dict[str, Any]:
    code, text = _run("attribute", *argv, *_wiki(mediawiki), "--format", "json")
    assert 0 == code
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.mark.mediawiki
@pytest.mark.parametrize("fmt", ["text", "html", "markdown", "wikitext", "json"])
def test_attribute_an_article_in_every_format(mediawiki: MediaWiki, fmt: str) -> None:
    """Each format names the title, the licence and links the revision."""
    code, text = _run("attribute", fixtures.ARTICLE, *_wiki(mediawiki), "--format", fmt)

    assert 0 == code
    assert fixtures.ARTICLE in text
    assert "CC BY-SA 4.0" in text
    assert "creativecommons.org/licenses/by-sa/4.0" in text
    assert "&oldid=" in text or "&amp;oldid=" in text or "\\u0026oldid=" in text
    if fmt == "html":
        assert 'rel="license"' in text
    if fmt == "json":  # indented, as fetch --json and license check --json
        assert text.startswith('{\n  "')
        data = json.loads(text)
        assert ("wikireuse.attribution/1", "article") == (data["schema"], data["kind"])


@pytest.mark.mediawiki
def test_attribute_json_records_the_revision_and_options(mediawiki: MediaWiki) -> None:
    """JSON carries the revision, modifications, who made them and the date."""
    base = _json(mediawiki, fixtures.HISTORY_PAGE)
    data = _json(
        mediawiki,
        fixtures.HISTORY_PAGE,
        "--modified",
        "shortened",
        "--modified",
        "translated into French",
        "--modified-by",
        "Example Press",
        "--accessed",
        "2026-11-27",
    )

    assert (
        ["shortened", "translated into French"],
        "Example Press",
        "2026-11-27",
    ) == (data["modifications"], data["modified_by"], data["accessed"])
    assert ([], "", None) == (
        base["modifications"],
        base["modified_by"],
        base["accessed"],
    )
    assert base["revid"] == data["revid"]
    assert f"oldid={data['revid']}" in data["source_url"]


@pytest.mark.mediawiki
def test_modified_alone_is_the_localised_word(mediawiki: MediaWiki) -> None:
    """--modified without text adds one note without a description."""
    data = _json(mediawiki, fixtures.ARTICLE, "--modified")
    code, text = _run("attribute", fixtures.ARTICLE, *_wiki(mediawiki), "--modified")

    assert [""] == data["modifications"]
    assert (0, True) == (code, "modified" in text.lower())


@pytest.mark.mediawiki
def test_accessed_today_reads_the_clock_main_was_given(mediawiki: MediaWiki) -> None:
    """--accessed today is the date of main()'s wall clock; none without it."""
    data = _json(mediawiki, fixtures.ARTICLE, "--accessed", "today")

    assert NOW.date().isoformat() == data["accessed"]


@pytest.mark.mediawiki
def test_attribute_by_url_picks_the_wiki(mediawiki: MediaWiki) -> None:
    """A /wiki/ URL or a permalink names the wiki, the page and the revision."""
    latest = _json(mediawiki, fixtures.HISTORY_PAGE)
    by_url = _run(
        "attribute",
        mediawiki.article_url + url_path(fixtures.HISTORY_PAGE),
        "--user-agent",
        UA,
        "--format",
        "json",
    )
    history = json.loads(
        _run(
            "fetch",
            fixtures.HISTORY_PAGE,
            *_wiki(mediawiki),
            "--json",
        )[1]
    )[0]["article"]
    first_revid = history["parentid"]
    permalink = (
        f"{mediawiki.index_url}?title={url_path(fixtures.HISTORY_PAGE)}"
        f"&oldid={first_revid}"
    )
    old = _run("attribute", permalink, "--user-agent", UA, "--format", "json")

    assert 0 == by_url[0]
    assert latest["source_url"] == json.loads(by_url[1])["source_url"]
    assert 0 == old[0]
    assert first_revid == json.loads(old[1])["revid"]


@pytest.mark.mediawiki
def test_title_and_revid_must_agree(
    mediawiki: MediaWiki, capsys: pytest.CaptureFixture[str]
) -> None:
    """--revid N of another page is refused (64); of the page itself, credited."""
    revid = _json(mediawiki, fixtures.ARTICLE)["revid"]
    same = _json(mediawiki, fixtures.REDIRECT, "--revid", str(revid))
    code, _ = _run(
        "attribute", fixtures.HISTORY_PAGE, "--revid", str(revid), *_wiki(mediawiki)
    )

    assert revid == same["revid"]
    assert EX_USAGE == code
    assert "not of" in capsys.readouterr().err


@pytest.mark.mediawiki
def test_attribute_lists_the_authors(mediawiki: MediaWiki) -> None:
    """--authors list names the registered authors instead of the history link."""
    code, text = _run(
        "attribute", fixtures.HISTORY_PAGE, *_wiki(mediawiki), "--authors", "list"
    )
    data = _json(mediawiki, fixtures.HISTORY_PAGE, "--authors", "list")

    assert 0 == code
    assert ["Alice", "Bob", "Carol"] == [u for u in fixtures.USERS if u in text]
    assert "list" == data["author_mode"]


@pytest.mark.mediawiki
def test_attribute_in_german(mediawiki: MediaWiki) -> None:
    """--lang de changes the fixed words, not the facts; no German quotes in en."""
    english = _run("attribute", fixtures.ARTICLE, *_wiki(mediawiki))[1]
    german = _run("attribute", fixtures.ARTICLE, *_wiki(mediawiki), "--lang", "de")[1]
    data = _json(mediawiki, fixtures.ARTICLE, "--lang", "de")

    assert english != german
    assert "de" == data["lang"]
    assert "„" not in english
    assert "CC BY-SA 4.0" in german


@pytest.mark.mediawiki
def test_attribute_styles_of_an_article(mediawiki: MediaWiki) -> None:
    """--style prints the reuse notice or the copy summary of the revision."""
    data = _json(mediawiki, fixtures.ARTICLE)
    run = ("attribute", fixtures.ARTICLE, *_wiki(mediawiki), "--style")
    assert (
        "Creative Commons Attribution-ShareAlike 4.0 International"
        == (data["license"]["name"])
    )

    assert (
        0,
        f"This article uses material from the {data['site_name']} article "
        f'"{fixtures.ARTICLE}" ({data["source_url"]}), which is released under '
        "the Creative Commons Attribution-Share-Alike License 4.0 "
        "(https://creativecommons.org/licenses/by-sa/4.0/).\n",
    ) == _run(*run, "reuse-notice")
    assert (
        0,
        f"Copied content from [[{fixtures.ARTICLE}]]; see that page's history "
        "for attribution\n",
    ) == _run(*run, "copy-summary", "--format", "wikitext")
    code, html = _run(*run, "reuse-notice", "--format", "html", "--lang", "de")
    assert 0 == code
    assert html.startswith(
        '<span class="wikireuse-attribution" lang="de">Dieser Artikel verwendet '
        "Material aus dem Artikel "
    )
    assert (
        '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">'
        "Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen "
        "4.0</a> veröffentlicht ist.</span>\n"
    ) in html
    assert _run("attribute", fixtures.ARTICLE, *_wiki(mediawiki)) == _run(
        *run, "credit"
    )


@pytest.mark.mediawiki
def test_a_file_has_no_reuse_notice(
    mediawiki: MediaWiki, capsys: pytest.CaptureFixture[str]
) -> None:
    """--style reuse-notice of a file is a usage error, with no credit warnings."""
    code, text = _run(
        "attribute", fixtures.IMAGE_FILE, *_wiki(mediawiki), "--style", "reuse-notice"
    )
    err = capsys.readouterr().err

    assert (EX_USAGE, "") == (code, text)
    assert "is for articles" in err
    assert "warning: no-author" not in err


@pytest.mark.mediawiki
@pytest.mark.parametrize(
    "title",
    [fixtures.IMAGE_FILE, "Image:Analytical_Engine.png", "Media:Analytical Engine.png"],
)
def test_attribute_a_file(
    mediawiki: MediaWiki, title: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file is credited from its metadata; what is missing is warned about."""
    code, text = _run("attribute", title, *_wiki(mediawiki), "--format", "json")
    data = json.loads(text)
    err = capsys.readouterr().err

    assert 3 == code  # printed, but the file names no licence (exit 3: unknown)
    assert "media" == data["kind"]
    assert f"{mediawiki.article_url}File:Analytical_Engine.png" == data["source_url"]
    # The test wiki has no CommonsMetadata: no author, never the uploader.
    assert "no-author" in data["warnings"]
    assert "Alice" not in json.dumps(data.get("authors", []))
    assert "wikireuse: warning: no-author: the metadata names no author" in err


@pytest.mark.mediawiki
def test_a_curid_url_of_a_file_page_credits_the_file(mediawiki: MediaWiki) -> None:
    """index.php?curid=N of a file description page gives the file's credit."""
    status, _, body = mediawiki.get(
        "/w/api.php?action=query&format=json&formatversion=2&titles="
        + url_path(fixtures.IMAGE_FILE)
    )
    pageid = json.loads(body)["query"]["pages"][0]["pageid"]

    code, text = _run(
        "attribute",
        f"{mediawiki.index_url}?curid={pageid}",
        "--user-agent",
        UA,
        "--format",
        "json",
    )

    assert (200, 3) == (status, code)  # 3: the test wiki's file names no licence
    assert ("media", f"{mediawiki.article_url}File:Analytical_Engine.png") == (
        json.loads(text)["kind"],
        json.loads(text)["source_url"],
    )


@pytest.mark.mediawiki
def test_a_file_has_no_revision_to_pick(mediawiki: MediaWiki) -> None:
    """--revid with a file is a usage error: its credit is its current metadata."""
    code, _ = _run("attribute", fixtures.IMAGE_FILE, "--revid", "3", *_wiki(mediawiki))

    assert EX_USAGE == code


@pytest.mark.mediawiki
@pytest.mark.parametrize(
    "title",
    [
        f"Cliattr {uuid.uuid4().hex[:8]} absent",
        "File:Cliattr never uploaded.png",
        "Bad[title]",
        "Star Wars: absent episode",
    ],
)
@pytest.mark.parametrize("command", ["attribute", "cite"])
def test_a_missing_page_exits_1(
    mediawiki: MediaWiki,
    title: str,
    command: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A page or file the wiki does not have (or cannot have) exits 1."""
    code, text = _run(command, title, *_wiki(mediawiki))

    assert (1, "") == (code, text)
    assert capsys.readouterr().err.startswith("wikireuse: ")


@pytest.mark.mediawiki
@pytest.mark.parametrize("command", ["attribute", "cite"])
def test_a_failing_wiki_exits_2(
    mediawiki: MediaWiki, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A URL where the wiki answers 404 is a fetch failure: exit 2."""
    code, _ = _run(
        command,
        fixtures.ARTICLE,
        "--api-url",
        mediawiki.base_url + "/nowhere/api.php",
        "--user-agent",
        UA,
    )

    assert EX_FETCH == code
    assert "404" in capsys.readouterr().err


@pytest.mark.mediawiki
def test_cite_apa_with_an_explicit_access_time(mediawiki: MediaWiki) -> None:
    """APA names the page, the permalink and the access time given."""
    code, text = _run(
        "cite",
        fixtures.ARTICLE,
        *_wiki(mediawiki),
        "--style",
        "apa",
        "--accessed",
        "2026-11-27T14:05Z",
    )
    revid = _json(mediawiki, fixtures.ARTICLE)["revid"]

    assert 0 == code
    assert text.startswith(f"{fixtures.ARTICLE}. (")
    assert "Retrieved 14:05, November 27, 2026" in text
    assert f"oldid={revid}" in text


@pytest.mark.mediawiki
@pytest.mark.parametrize("style", STYLES)
def test_cite_in_every_style(mediawiki: MediaWiki, style: str) -> None:
    """Every style names the page and its permalink's revision."""
    revid = _json(mediawiki, fixtures.HISTORY_PAGE)["revid"]

    code, text = _run(
        "cite", fixtures.HISTORY_PAGE, *_wiki(mediawiki), "--style", style
    )

    assert 0 == code
    assert fixtures.HISTORY_PAGE in text
    assert str(revid) in text


@pytest.mark.mediawiki
def test_cite_without_accessed_is_accessed_now(mediawiki: MediaWiki) -> None:
    """Without --accessed the citation is accessed at main()'s wall clock."""
    code, text = _run("cite", fixtures.ARTICLE, *_wiki(mediawiki), "--style", "mla")

    assert 0 == code
    assert "14 Mar 2026, 15:09" in text


@pytest.mark.mediawiki
def test_cite_a_revision_and_a_subtitle(mediawiki: MediaWiki) -> None:
    """--revid cites that revision; --site-subtitle is printed after the name."""
    history = json.loads(
        _run("fetch", fixtures.HISTORY_PAGE, *_wiki(mediawiki), "--json")[1]
    )[0]["article"]
    code, text = _run(
        "cite",
        fixtures.HISTORY_PAGE,
        *_wiki(mediawiki),
        "--revid",
        str(history["parentid"]),
        "--style",
        "chicago",
        "--site-subtitle",
        "The Test Encyclopedia",
    )

    assert 0 == code
    assert f"oldid={history['parentid']}" in text
    assert "The Test Encyclopedia" in text
    assert "(accessed March 14, 2026)" in text


@pytest.mark.mediawiki
def test_credits_of_a_synced_store(mediawiki: MediaWiki, tmp_path: Path) -> None:
    """Sync pages into a store, export its manifest, print and check the credits."""
    titles = probe_titles(mediawiki, 2, prefix="Clicredits")
    db = str(tmp_path / "snap.db")
    assert 0 == _run("sync", db, *titles, *_wiki(mediawiki))[0]
    manifest = tmp_path / "snapshot.jsonl"
    with Store(db) as store:
        store.manifest(manifest)

    text = _run("credits", str(manifest))
    page = _run("credits", str(manifest), "--format", "html")
    markdown = _run("credits", str(manifest), "--format", "markdown", "--lang", "de")
    same = _run("credits", str(manifest), "--into", "CC-BY-SA-4.0")
    by = _run("credits", str(manifest), "--into", "CC-BY-4.0", "--use", "adapt")
    collect = _run("credits", str(manifest), "--into", "MIT", "--use", "collect")
    toml = _run("credits", str(manifest), "--reuse-toml")

    assert (0, 0, 0, 0, 1, 0, 0) == (
        text[0],
        page[0],
        markdown[0],
        same[0],
        by[0],
        collect[0],
        toml[0],
    )
    for output in (text[1], page[1], markdown[1]):
        assert [True, True] == [t in output for t in titles]
    assert 'rel="license"' in page[1]
    assert "CC BY-SA 4.0" in text[1]
    assert text[1] != same[1]  # the check is printed with --into
    assert isinstance(tomllib.loads(toml[1]), dict)


# -- red-team regressions: input a newcomer types ------------------------------------


def test_wiki_option_wants_a_domain(capsys: pytest.CaptureFixture[str]) -> None:
    """--wiki with a URL exits 64 with advice in the command line's words."""
    code, _ = _run("attribute", "X", "--wiki", "https://de.wikipedia.org")

    err = capsys.readouterr().err
    assert (EX_USAGE, True, False) == (code, "--wiki takes" in err, "api_url=" in err)


def test_a_url_of_another_scheme_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An ftp:// (or other) URL is not read as a title of the default wiki."""
    code, _ = _run("attribute", "ftp://wiki.example.net/wiki/A", "--user-agent", UA)

    assert (EX_USAGE, True) == (code, "http:// or https://" in capsys.readouterr().err)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "de.wikipedia.org/wiki/Ada_Lovelace",
            "https://de.wikipedia.org/wiki/Ada_Lovelace",
        ),
        (
            "en.m.wikipedia.org/w/index.php?title=X&oldid=5",
            "https://en.m.wikipedia.org/w/index.php?title=X&oldid=5",
        ),
        ("HTTPS://en.wikipedia.org/wiki/X", "HTTPS://en.wikipedia.org/wiki/X"),
        ("AC/DC", None),
        ("Ada Lovelace", None),
        ("Node.js/wiki", None),
    ],
)
def test_a_url_pasted_without_its_scheme(text: str, expected: str | None) -> None:
    """A Wikimedia page address without https:// is still a URL; titles stay titles."""
    assert expected == wikireuse.cli._as_url(text)


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        ([], False),
        ([""], True),
        (["  "], True),
        (["cropped", ""], ("cropped",)),
        ([" cropped ", "recoloured"], ("cropped", "recoloured")),
    ],
)
def test_modified_notes(notes: list[str], expected: object) -> None:
    """Blank --modified notes mean the bare word; they never reach attribute()."""
    assert expected == wikireuse.cli._modifications(notes)


def test_attribute_accessed_takes_a_time_with_its_zone() -> None:
    """The --accessed of attribute takes an aware ISO time, not a naive one."""
    moment = wikireuse.cli._accessed_when("2026-11-27T23:30-05:00")
    assert isinstance(moment, datetime)
    assert datetime(2026, 11, 27).date() == moment.date()
    with pytest.raises(argparse.ArgumentTypeError):
        wikireuse.cli._accessed_when("2026-11-27T23:30")


def test_credits_of_an_empty_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A manifest of zero lines (or only blank ones) exits 64: nothing to credit."""
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n\n", encoding="utf-8")

    codes = (
        _run("credits", str(empty))[0],
        _run("credits", str(blank), "--into", "MIT")[0],
    )

    assert (EX_USAGE, EX_USAGE) == codes
    assert "lists no pages" in capsys.readouterr().err


def test_credits_of_a_binary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is neither text nor a store exits 64 and says what it wanted."""
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not text")

    code, _ = _run("credits", str(path))

    assert (EX_USAGE, True) == (code, "nor a snapshot store" in capsys.readouterr().err)


def test_credits_straight_from_a_snapshot_store(tmp_path: Path) -> None:
    """The store 'wikireuse sync' fills is read as its manifest, untouched."""
    path = _manifest_of(
        tmp_path,
        make_article(title="Ada Lovelace", pageid=7, revid=100),
        make_article(title="Charles Babbage", pageid=8, revid=200),
    )
    db = tmp_path / "snap.db"
    with Store(db) as store:
        before = store.audit()

    from_store = _run("credits", str(db), "--into", "CC-BY-SA-4.0")
    from_manifest = _run("credits", str(path), "--into", "CC-BY-SA-4.0")

    assert (0, from_manifest[1]) == from_store
    with Store(db) as store:
        assert before == store.audit()  # reading credits is no export


def test_credits_from_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'-' reads the manifest from standard input."""
    path = _manifest_of(tmp_path, make_article(title="Ada Lovelace"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(path.read_text(encoding="utf-8")))

    code, text = _run("credits", "-")

    assert (0, text) == (code, _run("credits", str(path))[1])


def test_a_store_that_is_no_store(tmp_path: Path) -> None:
    """An SQLite file that is not a snapshot store exits 64."""
    import sqlite3

    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()

    assert EX_USAGE == _run("credits", str(db))[0]


# -- Wikidata entities (a canned Wikibase: the local wiki has none) ---------------

WIKIMEDIA_UA = "WikireuseTests/1.0 (https://github.com/wikireuse/wikireuse)"
_ENTITY_PAGES = {
    "Q": "{id}",
    "P": "Property:{id}",
    "L": "Lexeme:{id}",
    "M": "File:A.jpg",
}


def _wikibase(request: Any) -> Any:
    """Answers wbgetentities with a small entity of the id asked, and site info."""
    params = request_params(request)
    host = urlsplit(request.url).hostname
    if params.get("action") == "wbgetentities":
        entity_id = params["ids"]
        if entity_id == "Q404404":
            return make_response(json=api_error("no-such-entity", "Could not find"))
        body = {
            "id": entity_id,
            "type": "item",
            "title": _ENTITY_PAGES[entity_id[0]].format(id=entity_id),
            "lastrevid": 77,
            "modified": "2026-01-02T03:04:05Z",
            "labels": {
                "en": {"language": "en", "value": f"Label of {entity_id}"},
                "de": {"language": "de", "value": f"Name von {entity_id}"},
            },
        }
        return make_response(json={"entities": {entity_id: body}, "success": 1})
    if host == "commons.wikimedia.org":
        site = siteinfo(server="https://commons.wikimedia.org", wikiid="commonswiki")
        return make_response(json=site)
    return make_response(
        json=siteinfo(
            sitename="Wikidata",
            server=f"https://{host}",
            wikiid="testwikidatawiki"
            if host == "test.wikidata.org"
            else "wikidatawiki",
            rights_url="https://creativecommons.org/publicdomain/zero/1.0/",
            rights_text="Creative Commons CC0 License",
        )
    )


@pytest.fixture
def wikibase(monkeypatch: pytest.MonkeyPatch, fake_time: FakeClock) -> HandlerAdapter:
    """Every client the CLI makes talks to the canned Wikibase above."""
    adapter = HandlerAdapter(_wikibase)

    def make(**kwargs: Any) -> Client:
        session = requests.Session()
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        return Client(
            session=session,
            clock=fake_time,
            sleep=fake_time.sleep,
            wall_clock=fake_time.wall,
            **kwargs,
        )

    monkeypatch.setattr(wikireuse.cli, "_make_client", make)
    return adapter


@pytest.mark.parametrize(
    ("argv", "entity_id", "host"),
    [
        (["Q42", "--wiki", "www.wikidata.org"], "Q42", "www.wikidata.org"),
        (["q42", "--wiki", "wikidata.org"], "Q42", "wikidata.org"),
        (["https://www.wikidata.org/wiki/Q42"], "Q42", "www.wikidata.org"),
        (["https://m.wikidata.org/wiki/Q42#P31"], "Q42", "www.wikidata.org"),
        (["http://www.wikidata.org/entity/Q42"], "Q42", "www.wikidata.org"),
        (["www.wikidata.org/wiki/Q42"], "Q42", "www.wikidata.org"),
        (
            ["https://www.wikidata.org/wiki/Special:EntityPage/Q42"],
            "Q42",
            "www.wikidata.org",
        ),
        (
            ["https://www.wikidata.org/w/index.php?title=Q42"],
            "Q42",
            "www.wikidata.org",
        ),
        (["https://www.wikidata.org/wiki/Property:P31"], "P31", "www.wikidata.org"),
        (["Lexeme:L7", "--wiki", "www.wikidata.org"], "L7", "www.wikidata.org"),
        (["L7-F1", "--wiki", "www.wikidata.org"], "L7-F1", "www.wikidata.org"),
        (["Q42", "--wiki", "test.wikidata.org"], "Q42", "test.wikidata.org"),
        (["M5", "--wiki", "commons.wikimedia.org"], "M5", "commons.wikimedia.org"),
        (
            ["https://commons.wikimedia.org/wiki/Special:EntityPage/M5"],
            "M5",
            "commons.wikimedia.org",
        ),
    ],
)
def test_attribute_a_wikibase_entity(
    wikibase: HandlerAdapter, argv: list[str], entity_id: str, host: str
) -> None:
    """An id or entity URL on a Wikibase repository is credited as that entity."""
    code, text = _run(
        "attribute", *argv, "--user-agent", WIKIMEDIA_UA, "--format", "json"
    )
    data = json.loads(text)
    asked = [request_params(r) for r in wikibase.sent]

    assert 0 == code
    assert ("entity", f"Label of {entity_id}", "CC0-1.0", [], True) == (
        data["kind"],
        data["title"],
        data["license"]["id"],
        data["warnings"],
        data["source_url"].startswith(f"https://{host}/"),
    )
    assert [(host, entity_id)] == [
        (urlsplit(r.url).hostname, p["ids"])
        for r, p in zip(wikibase.sent, asked, strict=True)
        if p.get("action") == "wbgetentities"
    ]


def test_an_entity_in_german_in_every_format(wikibase: HandlerAdapter) -> None:
    """--lang picks the label; every format names it and CC0."""
    for fmt in ("text", "html", "markdown", "wikitext"):
        code, text = _run(
            "attribute",
            "Q42",
            "--wiki",
            "www.wikidata.org",
            "--lang",
            "de",
            "--format",
            fmt,
            "--user-agent",
            WIKIMEDIA_UA,
        )
        assert (0, True, True) == (code, "Name von Q42" in text, "CC0" in text)


def test_a_missing_entity_exits_1(
    wikibase: HandlerAdapter, capsys: pytest.CaptureFixture[str]
) -> None:
    """Wikibase's no-such-entity is 'no such item': exit 1, nothing printed."""
    code, text = _run(
        "attribute",
        "Q404404",
        "--wiki",
        "www.wikidata.org",
        "--user-agent",
        WIKIMEDIA_UA,
    )

    assert (1, "") == (code, text)
    assert "Q404404" in capsys.readouterr().err


@pytest.mark.parametrize(
    "extra",
    [["--revid", "5"], ["--authors", "list"]],
)
def test_page_options_on_an_entity_are_usage_errors(
    wikibase: HandlerAdapter, extra: list[str]
) -> None:
    """--revid and --authors list are for pages: 64, before any request."""
    code, _ = _run(
        "attribute",
        "Q42",
        "--wiki",
        "www.wikidata.org",
        "--user-agent",
        WIKIMEDIA_UA,
        *extra,
    )

    assert (EX_USAGE, []) == (code, wikibase.sent)


@pytest.mark.parametrize(
    ("title", "host", "expected"),
    [
        ("Q42", "www.wikidata.org", "Q42"),
        ("Q42", "en.wikipedia.org", None),  # an article may be titled Q42
        ("Q42", "127.0.0.1", None),
        ("M5", "www.wikidata.org", None),  # media info lives on Commons
        ("Q42", "commons.wikimedia.org", None),
        ("M5", "commons.wikimedia.org", "M5"),
        ("File:A.jpg", "commons.wikimedia.org", None),
        ("Property:P31", "www.wikidata.org", "P31"),
        ("Special:EntityPage/L7-S1", "www.wikidata.org", "L7-S1"),
        ("Douglas Adams", "www.wikidata.org", None),
        ("Q0", "www.wikidata.org", None),
    ],
)
def test_entity_ids_only_on_wikibase_repositories(
    title: str, host: str, expected: str | None
) -> None:
    """Q/P/L ids on Wikidata, M ids on Commons; elsewhere a title is a title."""
    assert expected == wikireuse.cli._entity_id(title, host)


@pytest.mark.mediawiki
def test_q42_on_another_wiki_is_a_page_title(
    mediawiki: MediaWiki, capsys: pytest.CaptureFixture[str]
) -> None:
    """Q42 on a wiki without Wikibase is a missing page: 1, with advice."""
    code, text = _run("attribute", "Q42", *_wiki(mediawiki))

    assert (1, "") == (code, text)
    assert "--wiki www.wikidata.org" in capsys.readouterr().err


@pytest.mark.mediawiki
def test_wiki_option_that_names_the_urls_host(mediawiki: MediaWiki) -> None:
    """--wiki equal to the URL's host keeps the URL's scheme and port."""
    url = mediawiki.article_url + url_path(fixtures.ARTICLE)

    code, text = _run("attribute", url, "--wiki", "127.0.0.1", "--user-agent", UA)
    other_port = _run(
        "attribute",
        url,
        "--api-url",
        "http://127.0.0.1:9/w/api.php",
        "--user-agent",
        UA,
    )

    assert (0, True) == (code, fixtures.ARTICLE in text)
    assert EX_USAGE == other_port[0]


@pytest.mark.mediawiki
def test_cite_style_names_are_case_insensitive(mediawiki: MediaWiki) -> None:
    """--style APA is apa."""
    when = ("--accessed", "2026-11-27T14:05Z")
    upper = _run("cite", fixtures.ARTICLE, *_wiki(mediawiki), "--style", "APA", *when)
    lower = _run("cite", fixtures.ARTICLE, *_wiki(mediawiki), "--style", "apa", *when)

    assert (0, lower[1]) == upper


@pytest.mark.parametrize(
    "argv",
    [
        ["attribute", "Ada\udcff", "--user-agent", UA],
        ["cite", "Ada\udcff", "--user-agent", UA],
        ["attribute", "Ada", "--modified", "cut\udcff", "--user-agent", UA],
        ["attribute", "Ada", "--modified-by", "Me\udcff", "--user-agent", UA],
        ["cite", "Ada", "--site-subtitle", "\udcff", "--user-agent", UA],
        ["attribute", "Ada", "--user-agent", "Tool/1.0 (me@wikireuse.net)\udcff"],
    ],
)
def test_arguments_that_are_not_utf8(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Bytes that are not UTF-8 (surrogate escapes) exit 64, no traceback."""
    code, text = _run(*argv)

    assert (EX_USAGE, "") == (code, text)
    assert "is not valid UTF-8 text" in capsys.readouterr().err


def test_a_manifest_path_may_hold_any_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file name is not text to send: an undecodable one is simply opened."""
    path = _manifest_of(tmp_path, make_article(title="Ada Lovelace"))
    odd = tmp_path / "snap\udcff.jsonl"
    odd.write_bytes(path.read_bytes())

    code, text = _run("credits", str(odd))

    assert (0, "Ada Lovelace" in text) == (code, True)


def test_ctrl_c_is_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C during a command exits 130 with one line, not a traceback."""

    def interrupted(**kwargs: Any) -> Client:
        raise KeyboardInterrupt

    monkeypatch.setattr(wikireuse.cli, "_make_client", interrupted)

    code, _ = _run("attribute", "Ada", "--user-agent", UA)

    assert (130, "wikireuse: interrupted\n") == (code, capsys.readouterr().err)


@pytest.mark.mediawiki
@pytest.mark.parametrize(
    "shape",
    [
        "{article}Ada_Lovelace#Early_life",
        "{article}Ada%20Lovelace",
        "{article}%41da_Lovelace",
        "{index}?title=Ada+Lovelace",
        "{index}/Ada_Lovelace",
        "{article}Lovelace",  # a redirect
    ],
)
def test_url_shapes_of_one_page(mediawiki: MediaWiki, shape: str) -> None:
    """Fragments, escapes, index.php forms and redirects all credit the same page."""
    url = shape.format(article=mediawiki.article_url, index=mediawiki.index_url)
    expected = _json(mediawiki, fixtures.ARTICLE)["source_url"]

    code, text = _run("attribute", url, "--user-agent", UA, "--format", "json")

    assert (0, expected) == (code, json.loads(text)["source_url"])


# -- store messages (#11, finding 6) ----------------------------------------------


def test_credits_of_a_missing_file_is_not_called_a_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path that is not there: "no such file", with the path, exit 64."""
    path = tmp_path / "corpus.sqlite"
    code, _ = _run("credits", str(path))

    err = capsys.readouterr().err
    assert EX_USAGE == code
    assert f"wikireuse: cannot read {path}: no such file" in err
    assert "the manifest" not in err


def test_credits_of_a_damaged_store_names_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A SQLite file that cannot be read as a store is called a store."""
    path = tmp_path / "corpus.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)

    code, _ = _run("credits", str(path))

    err = capsys.readouterr().err
    assert EX_USAGE == code
    assert str(path) in err
    assert "store" in err
    assert "manifest" not in err


def test_sync_into_a_missing_folder_names_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not SQLite's "unable to open database file": the folder that is missing."""
    path = tmp_path / "no-such-folder" / "corpus.sqlite"
    code, _ = _run(
        "sync",
        str(path),
        "Ada",
        "--api-url",
        "http://127.0.0.1:9/w/api.php",
        "--user-agent",
        UA,
    )

    err = capsys.readouterr().err
    assert EX_USAGE == code
    assert f"the folder {path.parent} does not exist" in err
    assert "unable to open database file" not in err


def test_credits_from_a_store_use_the_site_name_it_recorded(tmp_path: Path) -> None:
    """'from TestWiki' (the name attribute prints), not the host of the API URL."""
    article = attrs.evolve(make_article(), site_name="TestWiki")
    with Store(tmp_path / "snap.db") as store:
        store.put(article)
        manifest = store.manifest(tmp_path / "snap.jsonl")

    for source in (tmp_path / "snap.db", manifest.path):
        code, text = _run("credits", str(source))
        assert 0 == code
        assert "TestWiki" in text
        assert "wiki.test" not in text.replace("http://wiki.test/", "")

"""``wikireuse fetch`` and ``wikireuse sync``: offline usage errors, real wiki runs.

The commands build their client through ``wikireuse.cli._make_client``; the
tests wrap it to add a FakeClock, so nothing here sleeps.
"""

from __future__ import annotations

import io
import json
import socket
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

import wikireuse.cli
from tests.support.cli import fake_cli_clients
from tests.support.faultproxy import Fault, running_proxy
from tests.support.mediawiki import MediaWiki
from tests.test_integration_sync import probe_titles
from tests.test_store import OTHER_WIKI, WIKI, make_article
from wikireuse import Client
from wikireuse.cli import EX_FETCH, EX_USAGE, USER_AGENT_ENV, main
from wikireuse.exceptions import RecordError
from wikireuse.store import Store
from wikireuse.testing import FakeClock

UA = "wikireuse-tests/1.0 (https://example.net/; tests@wikireuse.invalid)"


@pytest.fixture(autouse=True)
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Every client the CLI makes waits on a fake clock, with short retries."""
    return fake_cli_clients(monkeypatch)


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


# -- usage errors (no wiki needed) ---------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["fetch", "--user-agent", UA],  # nothing to fetch
        ["fetch", "Ada Lovelace", "--wiki", "x.org", "--api-url", "http://a/api.php"],
        ["fetch", "Ada Lovelace", "--revid", "0", "--user-agent", UA],
        ["fetch", "--revid", "abc", "--user-agent", UA],
        [
            "fetch",
            "Ada",
            "--api-url",
            "http://127.0.0.1:9/index.php",
            "--user-agent",
            UA,
        ],
        ["fetch", "Ada", "--api-url", "ftp://127.0.0.1/api.php", "--user-agent", UA],
        ["fetch", "Ada", "--wiki", "not a domain", "--user-agent", UA],
        ["sync", "--user-agent", UA],  # neither store nor titles
    ],
)
def test_usage_errors_exit_64(argv: list[str]) -> None:
    """Bad arguments and options exit 64 without contacting any wiki."""
    assert EX_USAGE == _run(*argv)[0]


def test_no_user_agent_is_a_usage_error_that_says_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without --user-agent or the environment variable: 64 and advice."""
    code, _ = _run("sync", str(tmp_path / "new.db"), "Ada Lovelace")

    err = capsys.readouterr().err
    assert EX_USAGE == code
    assert "--user-agent" in err
    assert USER_AGENT_ENV in err
    assert not (tmp_path / "new.db").exists()


@pytest.mark.parametrize(
    "argv", [["fetch", "Ada", "--store", "{db}"], ["sync", "{db}", "Ada"]]
)
def test_a_bad_option_leaves_no_store_file(argv: list[str], tmp_path: Path) -> None:
    """A usage error is found before the store file would be created."""
    db = str(tmp_path / "new.db")
    where = ["--api-url", "ftp://127.0.0.1/api.php", "--user-agent", UA]

    assert EX_USAGE == _run(*[a.format(db=db) for a in argv], *where)[0]
    assert [] == list(tmp_path.iterdir())


def test_a_user_agent_without_contact_is_refused_for_wikimedia(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Wikimedia's UA policy is enforced before any request: 64."""
    code, _ = _run("fetch", "Ada Lovelace", "--user-agent", "mytool")

    assert EX_USAGE == code
    assert "contact" in capsys.readouterr().err


def test_a_file_that_is_not_a_store_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--store or DB naming another program's database exits 64, untouched."""
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE notes (body TEXT)")
    raw.commit()
    raw.close()

    fetch = _run("fetch", "Ada", "--store", str(path), "--user-agent", UA)
    sync = _run("sync", str(path), "Ada", "--user-agent", UA)

    assert (EX_USAGE, EX_USAGE) == (fetch[0], sync[0])
    assert "not a wikireuse store" in capsys.readouterr().err


def test_sync_of_a_store_of_several_wikis_needs_a_wiki(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --wiki/--api-url a store holding two wikis is ambiguous: 64."""
    path = tmp_path / "two.db"
    with Store(path) as store:
        store.put(make_article())
        store.put(make_article(wiki=OTHER_WIKI))

    code, _ = _run("sync", str(path), "Ada Lovelace", "--user-agent", UA)

    assert EX_USAGE == code
    assert WIKI in capsys.readouterr().err


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """The fetch and sync help lists exit codes 0, 1, 2 and 64."""
    for command in ("fetch", "sync"):
        assert 0 == _run(command, "--help")[0]
        text = " ".join(capsys.readouterr().out.split())
        assert "1 some titles missing or invalid" in text
        assert "2 the wiki could not be reached" in text
        assert "64 usage" in text


def test_any_other_failure_exits_2_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wikireuse error that is no fetch error still exits 2 with its message."""

    def broken(**kwargs: Any) -> Client:
        raise RecordError(message="damaged record in the test")

    monkeypatch.setattr(wikireuse.cli, "_make_client", broken)

    code, _ = _run("fetch", "Ada Lovelace", "--user-agent", UA)

    assert EX_FETCH == code
    assert "wikireuse: damaged record in the test\n" == capsys.readouterr().err


def test_a_damaged_stored_record_exits_2_not_64(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store that opens but holds a damaged record is a failure (2), not usage."""
    with socket.socket() as probe:  # a loopback port that refuses connections
        probe.bind(("127.0.0.1", 0))
        api_url = f"http://127.0.0.1:{probe.getsockname()[1]}/w/api.php"
    db = tmp_path / "snap.db"
    with Store(db) as store:
        store.put(make_article(wiki=api_url))
    with sqlite3.connect(db) as conn:  # damage it behind the store's back
        conn.execute("DROP TRIGGER revisions_no_update")
        conn.execute("UPDATE revisions SET record = '{}'")
    conn.close()

    code, _ = _run(
        "fetch", "Ada Lovelace", "--api-url", api_url, "--store", str(db),
        "--user-agent", UA,
    )  # fmt: skip

    assert EX_FETCH == code
    assert "damaged revision record" in capsys.readouterr().err


# -- against the real wiki ---------------------------------------------------------


def _probe(mediawiki: MediaWiki, count: int) -> list[str]:
    return probe_titles(mediawiki, count, prefix="Cliprobe")


def _first_text(title: str) -> str:
    """The text :func:`probe_titles` gave the first page of its run."""
    return f"Probe page number 1 of run {title.split()[1]}."


@pytest.mark.mediawiki
def test_fetch_prints_revision_licence_and_permalink(mediawiki: MediaWiki) -> None:
    """The text output has, per article, revision, timestamp, licence, permalink."""
    titles = _probe(mediawiki, 2)

    code, text = _run(
        "fetch", *titles, "--api-url", mediawiki.api_url, "--user-agent", UA
    )
    blocks = text.strip().split("\n" + titles[1])

    assert 0 == code
    assert text.startswith(titles[0] + "\n")
    assert 2 == len(blocks)
    first = blocks[0].splitlines()
    assert first[1].startswith("  revision:  ")
    assert first[1].endswith("Z")
    assert (
        "  licence:   CC-BY-SA-4.0 (https://creativecommons.org/licenses/by-sa/4.0/)"
        == (first[2])
    )
    assert first[3].startswith(f"  permalink: {mediawiki.script_url}/index.php?title=")
    assert "&oldid=" + first[1].split()[1] in first[3]


@pytest.mark.mediawiki
def test_fetch_json_and_missing_titles(
    mediawiki: MediaWiki, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--json gives one outcome per input; a missing title makes the exit 1."""
    (title,) = _probe(mediawiki, 1)
    absent = f"Cliprobe {uuid.uuid4().hex[:8]} absent"
    monkeypatch.setenv(USER_AGENT_ENV, UA)

    code, text = _run(
        "fetch", title, absent, "Bad[title]", "--api-url", mediawiki.api_url, "--json"
    )
    data = json.loads(text)

    assert 1 == code
    assert [(title, "found"), (absent, "missing"), ("Bad[title]", "invalid")] == [
        (d["requested"], d["status"]) for d in data
    ]
    article = data[0]["article"]
    assert (_first_text(title), UA) == (
        article["wikitext"],
        article["provenance"]["user_agent"].split(" wikireuse/")[0],
    )


@pytest.mark.mediawiki
def test_fetch_an_old_revision(mediawiki: MediaWiki) -> None:
    """--revid gives exactly that revision; an unknown one exits 1."""
    (title,) = _probe(mediawiki, 1)
    base = ("--api-url", mediawiki.api_url, "--user-agent", UA, "--json")
    first = json.loads(_run("fetch", title, *base)[1])[0]["article"]
    mediawiki.edit(title, "A later text.")

    code, text = _run("fetch", "--revid", str(first["revid"]), *base)
    (old,) = json.loads(text)
    missing = _run("fetch", "--revid", "987654321", *base)

    assert 0 == code
    assert (first["revid"], _first_text(title)) == (
        old["article"]["revid"],
        old["article"]["wikitext"],
    )
    assert 1 == missing[0]
    assert "missing" == json.loads(missing[1])[0]["status"]


@pytest.mark.mediawiki
def test_an_api_error_exits_2(
    mediawiki: MediaWiki, capsys: pytest.CaptureFixture[str]
) -> None:
    """A URL where the wiki answers 404 is a fetch failure: exit 2."""
    code, _ = _run(
        "fetch",
        "Ada Lovelace",
        "--api-url",
        mediawiki.base_url + "/nowhere/api.php",
        "--user-agent",
        UA,
    )

    assert EX_FETCH == code
    assert "404" in capsys.readouterr().err


@pytest.mark.mediawiki
def test_sync_reports_and_stores(mediawiki: MediaWiki, tmp_path: Path) -> None:
    """Sync stores new pages, then finds the one edit; a missing title exits 1."""
    titles = _probe(mediawiki, 2)
    db = str(tmp_path / "snap.db")
    absent = f"Cliprobe {uuid.uuid4().hex[:8]} absent"

    first = _run(
        "sync", db, *titles, "--api-url", mediawiki.api_url, "--user-agent", UA
    )
    mediawiki.edit(titles[0], "Edited for the CLI.")
    # No --api-url: the store's own wiki is used.
    second = _run("sync", db, *titles, "--user-agent", UA, "--json")
    third = _run("sync", db, titles[1], absent, "--user-agent", UA)
    report = json.loads(second[1])

    assert 0 == first[0]
    assert f"new            2  {titles[0]}, {titles[1]}" in first[1].splitlines()
    assert 0 == second[0]
    # A new process: site info, one prop=info, one content request.
    assert (
        [titles[0]],
        [titles[1]],
        3,
        mediawiki.api_url,
    ) == (
        report["updated"],
        report["unchanged"],
        report["requests_sent"],
        report["wiki"],
    )
    assert 1 == third[0]
    assert f"missing        1  {absent}" in third[1].splitlines()
    assert third[1].splitlines()[-1].endswith(f"{mediawiki.api_url}; store {db}")


@pytest.mark.mediawiki
def test_fetch_with_a_store_answers_offline(
    mediawiki: MediaWiki, tmp_path: Path
) -> None:
    """With --store, fetch keeps articles and serves them when the wiki is gone."""
    (title,) = _probe(mediawiki, 1)
    db = str(tmp_path / "snap.db")
    with running_proxy(mediawiki.base_url) as proxy:
        api_url = proxy.url_for(mediawiki.api_url)
        live = _run(
            "fetch", title, "--api-url", api_url, "--store", db, "--user-agent", UA
        )

    offline = _run(
        "fetch", title, "--api-url", api_url, "--store", db, "--user-agent", UA
    )
    gone = _run("fetch", title, "--api-url", api_url, "--user-agent", UA)

    assert (0, 0, EX_FETCH) == (live[0], offline[0], gone[0])
    assert "note:" not in live[1]
    assert "  note:      served from the store" in offline[1]
    assert live[1].splitlines()[:4] == offline[1].splitlines()[:4]


@pytest.mark.mediawiki
def test_waits_are_reported_on_stderr(
    mediawiki: MediaWiki, capsys: pytest.CaptureFixture[str]
) -> None:
    """While retries wait, the command says what it waits for and how long."""
    with running_proxy(mediawiki.base_url) as proxy:
        api_url = proxy.url_for(mediawiki.api_url)
    code, _ = _run("fetch", "Ada Lovelace", "--api-url", api_url, "--user-agent", UA)

    err = capsys.readouterr().err
    assert EX_FETCH == code
    assert "no answer (connection-refused); waiting" in err
    assert "before attempt 2" in err
    assert "nothing listens on" in err


@pytest.mark.mediawiki
def test_give_up_after_bounds_the_retry_waits(
    mediawiki: MediaWiki, fake_time: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """--give-up-after SECONDS: retries stop within that budget, then exit 2."""
    with running_proxy(mediawiki.base_url) as proxy:
        # A wiki that answers, busy: a dead address would fail fast instead.
        proxy.plan([Fault.html(503)] * 50)
        api_url = proxy.url_for(mediawiki.api_url)
        code, _ = _run(
            "fetch",
            "Ada Lovelace",
            "--api-url",
            api_url,
            "--user-agent",
            UA,
            "--give-up-after",
            "20",
        )

    assert EX_FETCH == code
    assert "gave up" in capsys.readouterr().err
    assert 0 < sum(fake_time.slept) <= 20


@pytest.mark.parametrize("value", ["0", "-3", "soon", "nan"])
def test_give_up_after_must_be_positive(value: str) -> None:
    """A budget that is not a positive number of seconds is a usage error."""
    code, _ = _run("fetch", "X", "--user-agent", UA, "--give-up-after", value)

    assert EX_USAGE == code

"""The command line a new user meets first (#11, findings 5 and 7).

Exit codes that agree with the words printed, one parser for every
``--accessed``, ``--version``, ``python -m wikireuse``, titles from a file or
stdin, and counts that agree in number ("1 item").
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import attrs
import pytest

import wikireuse
import wikireuse.cli
from tests.support import fixtures
from tests.support.cli import fake_cli_clients
from tests.support.mediawiki import MediaWiki
from tests.test_cli_attribution import NOW, UA, _run, _wiki
from tests.test_store import make_article
from wikireuse.attribution import attribute
from wikireuse.attribution._credits import copyright_lines
from wikireuse.cli import EX_USAGE, build_parser
from wikireuse.credits import Credits
from wikireuse.store import Store, SyncReport
from wikireuse.testing import FakeClock


@pytest.fixture(autouse=True)
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Every client the CLI makes waits on a fake clock (as in test_cli_attribution)."""
    return fake_cli_clients(monkeypatch)


# -- finding 5: exit codes that agree with the words ------------------------------


@pytest.mark.mediawiki
def test_attribute_of_a_file_with_an_unknown_licence_exits_3(
    mediawiki: MediaWiki, capsys: pytest.CaptureFixture[str]
) -> None:
    """The credit is printed with its warning, and the exit code says unknown.

    The test wiki has no CommonsMetadata, so its file names no licence: as
    ``license check`` does for an unknown licence, ``attribute`` exits 3.
    """
    code, text = _run(
        "attribute",
        fixtures.IMAGE_FILE,
        *_wiki(mediawiki),
    )

    assert 3 == code
    assert "Analytical Engine" in text
    assert "no-license" in capsys.readouterr().err


@pytest.mark.mediawiki
def test_attribute_of_a_known_licence_still_exits_0(mediawiki: MediaWiki) -> None:
    """An article's licence is known (the wiki's rights): exit 0."""
    code, _ = _run(
        "attribute",
        fixtures.ARTICLE,
        *_wiki(mediawiki),
    )

    assert 0 == code


def test_attribute_help_lists_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    """--help says what 3 means."""
    assert 0 == _run("attribute", "--help")[0]
    assert "3 the licence is unknown" in " ".join(capsys.readouterr().out.split())


ACCESSED = [
    ("2026-11-27", date(2026, 11, 27)),
    (" 2026-11-27 ", date(2026, 11, 27)),
    ("today", NOW.date()),
    ("TODAY", NOW.date()),
    ("now", NOW),
    ("2026-11-27T14:05Z", datetime(2026, 11, 27, 14, 5, tzinfo=timezone.utc)),
    (
        "2026-11-27T23:30-05:00",
        datetime(2026, 11, 28, 4, 30, tzinfo=timezone.utc),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ACCESSED)
@pytest.mark.parametrize("command", ["attribute", "cite", "credits"])
def test_every_accessed_takes_the_same_words(
    command: str, text: str, expected: date
) -> None:
    """ISO dates and times (with a zone), 'today' and 'now', in every command."""
    argv = [command, "x", "--accessed", text]
    args = build_parser().parse_args(argv)
    args.wall_clock = NOW.timestamp

    when = wikireuse.cli._accessed(args)

    if command == "cite":  # prints the time where the style has one
        assert expected == when
    else:  # attribute and credits print the day
        day = expected.date() if isinstance(expected, datetime) else expected
        if isinstance(expected, datetime) and text != "now":
            # The date as written, in the zone written.
            day = date.fromisoformat(text.strip()[:10])
        assert day == when


@pytest.mark.parametrize("command", ["attribute", "cite", "credits"])
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("yesterday", "not a date"),
        ("2026-13-01", "not a date"),
        ("2026-11-27T14:05", "give the time zone"),
        ("2026-11-27T14:05ZZ", "not a date"),
    ],
)
def test_a_bad_accessed_names_the_value_and_the_forms(
    command: str, text: str, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """One message in every command: the value given, and what would do."""
    code, _ = _run(command, "x", "--accessed", text, "--user-agent", UA)

    err = capsys.readouterr().err
    assert EX_USAGE == code
    assert repr(text) in err
    assert problem in err
    if problem == "not a date":
        assert "YYYY-MM-DD, an ISO time with its zone, 'today' or 'now'" in err


# -- finding 7: conveniences ---------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """Wikireuse --version prints the version and exits 0."""
    code, _ = _run("--version")

    assert 0 == code
    assert f"wikireuse {wikireuse.__version__}\n" == capsys.readouterr().out


def test_python_dash_m_wikireuse() -> None:
    """Python -m wikireuse is the same command line."""
    result = subprocess.run(
        [sys.executable, "-m", "wikireuse", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (0, f"wikireuse {wikireuse.__version__}\n") == (
        result.returncode,
        result.stdout,
    )
    usage = subprocess.run(
        [sys.executable, "-m", "wikireuse", "license", "check", "MIT"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert EX_USAGE == usage.returncode
    assert usage.stderr.startswith("usage: wikireuse ")


def _titles_file(tmp_path: Path) -> Path:
    path = tmp_path / "titles.txt"
    path.write_text(
        f"{fixtures.ARTICLE}\n\n  {fixtures.HISTORY_PAGE}  \n", encoding="utf-8"
    )
    return path


@pytest.mark.mediawiki
@pytest.mark.parametrize("how", ["file", "stdin"])
def test_fetch_titles_from_a_file_or_stdin(
    mediawiki: MediaWiki,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    """--titles-from FILE, or -, reads one title a line (blank lines skipped)."""
    path = _titles_file(tmp_path)
    if how == "stdin":
        monkeypatch.setattr("sys.stdin", io.StringIO(path.read_text("utf-8")))
        source = ["-"]
    else:
        source = ["--titles-from", str(path)]

    code, text = _run(
        "fetch",
        *source,
        *_wiki(mediawiki),
        "--json",
    )

    assert 0 == code
    requested = [o["requested"] for o in json.loads(text)]
    assert [fixtures.ARTICLE, fixtures.HISTORY_PAGE] == requested


@pytest.mark.mediawiki
def test_sync_titles_from_a_file(mediawiki: MediaWiki, tmp_path: Path) -> None:
    """Sync takes --titles-from too, after any titles on the command line."""
    code, text = _run(
        "sync",
        str(tmp_path / "snap.db"),
        fixtures.GERMAN_PAGE,
        "--titles-from",
        str(_titles_file(tmp_path)),
        *_wiki(mediawiki),
        "--json",
    )

    assert 0 == code
    report = json.loads(text)
    assert sorted([fixtures.ARTICLE, fixtures.HISTORY_PAGE, fixtures.GERMAN_PAGE]) == (
        sorted(report["new"])
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["fetch", "--titles-from", "/nonexistent/titles.txt"], "titles.txt"),
        (["sync", "x.db", "--titles-from", "/nonexistent/titles.txt"], "titles.txt"),
        (["sync", "x.db"], "x.db does not exist yet: give titles to add"),
        (["fetch", "-", "-"], "stdin once"),
    ],
)
def test_titles_from_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A titles file that cannot be read, or no titles at all: exit 64."""
    code, _ = _run(
        *argv, "--user-agent", UA, "--api-url", "http://127.0.0.1:9/w/api.php"
    )

    assert EX_USAGE == code
    assert message in capsys.readouterr().err


def test_sync_without_titles_makes_no_store_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole-store form on a path with no store: a usage error, no empty file."""
    db = tmp_path / "new.db"

    code, _ = _run(
        "sync", str(db), "--user-agent", UA, "--api-url", "http://127.0.0.1:9/w/api.php"
    )

    assert (EX_USAGE, False) == (code, db.exists())
    assert "give titles to add" in capsys.readouterr().err


def test_titles_from_an_empty_stdin_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """- with nothing on stdin: nothing to fetch, exit 64."""
    monkeypatch.setattr("sys.stdin", io.StringIO("\n  \n"))
    code, _ = _run("fetch", "-", "--user-agent", UA)

    assert EX_USAGE == code
    assert "give at least one TITLE" in capsys.readouterr().err


def test_one_request_is_singular() -> None:
    """The sync summary says "1 request", not "1 requests"."""
    report = SyncReport(wiki="http://wiki.test/w/api.php", requests_sent=1)
    one = wikireuse.cli._summary(report, "snap.db")
    two = wikireuse.cli._summary(
        SyncReport(wiki="http://wiki.test/w/api.php", requests_sent=2), "snap.db"
    )

    assert "1 request to http://wiki.test" in one
    assert "2 requests to" in two


def test_one_reused_file_is_singular(tmp_path: Path) -> None:
    """REUSE.toml's header and the Credits repr agree in number with the count."""
    with Store(tmp_path / "snap.db") as store:
        store.put(make_article())
        lines = [json.dumps(e) for e in store.iter_manifest()]
    credits = Credits.from_manifest(lines)
    credits = Credits([("texts/ada.txt", credits.entries[0].attribution)])

    assert "for 1 reused file," in credits.reuse_toml()
    assert "<wikireuse.Credits: 1 item, 1 licence," in repr(credits)


def test_one_anonymous_contributor_is_singular() -> None:
    """The copyright line of one anonymous author is singular."""
    credit = attribute(make_article())

    one = copyright_lines(attrs.evolve(credit, anonymous_authors=1))
    two = copyright_lines(attrs.evolve(credit, anonymous_authors=2))

    assert one[-1].startswith("1 anonymous wiki.test contributor <")
    assert two[-1].startswith("2 anonymous wiki.test contributors <")

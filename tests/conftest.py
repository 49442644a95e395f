"""Shared helpers for the test suite (network blocking lives in ../conftest.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.support.faultproxy import FaultProxy
    from tests.support.mediawiki import MediaWiki

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

SHARED_ENV = "WIKIREUSE_SHARED_DIR"
"""Names the folder that holds ``data/``, the recorded reference data."""

# The read-only reference data recorded from live wikis lives next to the
# repository (``../shared/data``); WIKIREUSE_SHARED_DIR points elsewhere, e.g.
# when CI runs the suite against the installed wheel from another folder.
SHARED_DATA = (
    Path(
        os.environ.get(
            SHARED_ENV,
            Path(__file__).resolve().parents[1].parent / "shared",
        )
    )
    / "data"
)

# Every skip for absent recorded data carries this, so the run's summary can
# count them and say once what they mean.
_SHARED_ABSENT = "recorded reference data absent"


def skip_or_fail(reason: str) -> None:
    """Skip a test for a missing component, except under CI, where it fails."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this component must be present)")
    pytest.skip(reason)


def require_shared(path: Path) -> Path:
    """*path* (in :data:`SHARED_DATA`); skip (fail under CI) when it is absent."""
    if not path.exists():
        skip_or_fail(f"{_SHARED_ABSENT}: {path} (set {SHARED_ENV}; see README)")
    return path


def pytest_report_header(config: pytest.Config) -> str:
    """Where the recorded data is looked for, at the top of every run."""
    found = "found" if SHARED_DATA.is_dir() else f"ABSENT: set {SHARED_ENV}"
    return f"wikireuse recorded data: {SHARED_DATA} ({found})"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say once why the tests that need the recorded data were skipped."""
    from wikireuse.core._words import counted

    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if _SHARED_ABSENT in str(report.longrepr)
    ]
    if skipped:
        terminalreporter.write_line(
            f"wikireuse: {counted(len(skipped), 'test')} skipped: the recorded "
            f"reference data is not at {SHARED_DATA}; set {SHARED_ENV} to the "
            "folder that holds data/ to run them (README, 'Run the tests')"
        )


# --- the real MediaWiki test bed (tests/support/mediawiki.py) ----------------


@pytest.fixture(scope="session")
def mediawiki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MediaWiki]:
    """A throwaway MediaWiki 1.39 on loopback, filled from tests/support/fixtures."""
    from tests.support.mediawiki import WikiServer, missing_requirements

    reason = missing_requirements()
    if reason is not None:
        skip_or_fail(f"real MediaWiki test bed unavailable: {reason}")
    server = WikiServer(tmp_path_factory.mktemp("mediawiki"))
    wiki = server.start()
    try:
        yield wiki
    finally:
        server.stop()


@pytest.fixture
def fault_proxy(mediawiki: MediaWiki) -> Iterator[FaultProxy]:
    """A fault-injecting proxy before the test wiki; tests set ``.clock``, ``.plan``."""
    from tests.support.faultproxy import running_proxy

    with running_proxy(mediawiki.base_url) as proxy:
        yield proxy

"""Shared helpers for the test suite (network blocking lives in ../conftest.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.support.faultproxy import FaultProxy
    from tests.support.mediawiki import MediaWiki

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The read-only reference data recorded from live wikis lives next to the
# repository (``../shared/data``); WIKIREUSE_SHARED_DIR points elsewhere, e.g.
# when CI runs the suite against the installed wheel from another folder.
SHARED_DATA = (
    Path(
        os.environ.get(
            "WIKIREUSE_SHARED_DIR",
            Path(__file__).resolve().parents[1].parent / "shared",
        )
    )
    / "data"
)


def skip_or_fail(reason: str) -> None:
    """Skip a test for a missing component, except under CI, where it fails."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this component must be present)")
    pytest.skip(reason)


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

"""The scripts in examples/ run as their docstrings say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.support.mediawiki import MediaWiki

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _run(*args: str) -> str:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def test_licence_check_example() -> None:
    """The offline licence example explains its verdicts."""
    out = _run(str(EXAMPLES / "licence_check.py"))

    assert out.startswith("COMPATIBLE: adapt")
    assert "CC-BY-SA-4.0: compatible" in out
    assert "incompatible" == out.strip().splitlines()[-1]


@pytest.mark.mediawiki
def test_polite_fetch_example(mediawiki: MediaWiki) -> None:
    """The fetch example reads licence, redirects and revisions from a real wiki."""
    out = _run(
        str(EXAMPLES / "polite_fetch.py"),
        "wikireuse-tests/1.0 (tests@wikireuse.invalid)",
        "Lovelace",
        "analytical_Engine",
        "No such page here",
        "--api-url",
        mediawiki.api_url,
    )

    assert "Creative Commons Attribution-Share Alike 4.0" in out.splitlines()[0]
    assert "  Lovelace -> Ada Lovelace" in out
    assert "  analytical_Engine -> Analytical engine" not in out
    assert "  analytical_Engine -> Analytical Engine" in out
    assert "No such page here: missing" in out
    assert "Ada Lovelace: rev " in out

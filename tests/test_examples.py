"""The scripts in examples/ run as their docstrings say."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from wikireuse.store import Store

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


@pytest.mark.mediawiki
def test_fetch_and_snapshot_example(mediawiki: MediaWiki, tmp_path: Path) -> None:
    """The snapshot example prints each article's record and writes its manifest."""
    db = tmp_path / "snap.db"
    out = _run(
        str(EXAMPLES / "fetch_and_snapshot.py"),
        "Lovelace",
        "Analytical Engine",
        "No such page here",
        "--api-url",
        mediawiki.api_url,
        "--user-agent",
        "wikireuse-tests/1.0 (tests@wikireuse.invalid)",
        "--store",
        str(db),
    )
    lines = out.splitlines()
    manifest = Path(f"{db}.manifest.jsonl")
    entries = [json.loads(line) for line in manifest.read_text().splitlines()]

    assert "  authors:   Alice, Bob, Carol (+0 anonymous)" in lines
    assert "No such page here: missing" in lines
    assert f"manifest:  {manifest} (2 revisions)" in lines
    snapshot = "sha256:" + hashlib.sha256(manifest.read_bytes()).hexdigest()
    assert f"snapshot:  {snapshot}" == lines[-1]
    assert ["Ada Lovelace", "Analytical Engine"] == sorted(e["title"] for e in entries)
    for entry in entries:
        block = lines[lines.index(entry["title"]) :][:5]
        assert f"  revision:  {entry['revid']} of " in block[1]
        assert f"  licence:   {entry['license']} <" in block[2]
        assert block[3].endswith(f"&oldid={entry['revid']}")
    with Store(db) as store:
        assert 2 == len(store.pages())

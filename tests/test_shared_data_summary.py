"""A run without the recorded data says once why tests skipped (#11, finding 2).

Runs pytest in a subprocess on one module that needs the data, with
WIKIREUSE_SHARED_DIR pointing at an empty folder: without CI the tests skip
and the summary names the reason and the variable in one line; under
CI=true they fail.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULE = "tests/test_recorded_action_api.py"


def _pytest(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "CI"}
    environ.update(env, WIKIREUSE_SHARED_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", MODULE],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_skips_for_absent_data_are_explained_once(tmp_path: Path) -> None:
    """One line: how many skipped, where the data was looked for, the variable."""
    result = _pytest(tmp_path)

    assert 0 == result.returncode, result.stdout[-2000:]
    skipped = re.search(r"(\d+) skipped", result.stdout)
    assert skipped is not None, result.stdout[-2000:]
    lines = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("wikireuse: ") and "WIKIREUSE_SHARED_DIR" in line
    ]
    assert [
        f"wikireuse: {skipped.group(1)} tests skipped: the recorded reference "
        f"data is not at {tmp_path / 'data'}; set WIKIREUSE_SHARED_DIR to the "
        "folder that holds data/ to run them (README, 'Run the tests')"
    ] == lines
    assert f"wikireuse recorded data: {tmp_path / 'data'} (ABSENT" in result.stdout


@pytest.mark.parametrize("ci", ["true"])
def test_under_ci_absent_data_fails(tmp_path: Path, ci: str) -> None:
    """CI=true: the same tests fail instead of skipping."""
    result = _pytest(tmp_path, CI=ci)

    assert 0 != result.returncode
    assert "CI=true: this component must be present" in result.stdout
    assert " skipped" not in result.stdout.strip().splitlines()[-1]


def test_readme_says_what_the_skips_mean() -> None:
    """The README names the variable and what a skip for absent data means."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert "WIKIREUSE_SHARED_DIR" in readme
    assert "recorded reference data" in readme

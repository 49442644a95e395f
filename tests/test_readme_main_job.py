"""The README's main-job command runs as written, offline, on the sample data."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_CLI = ".venv/bin/wikireuse"


def main_job_command() -> str:
    """The one shell line of the README block that follows "Run the main job"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"Run the main job.*?```sh\n(.*?)\n```", readme, re.S)
    assert match is not None, "README has no main-job command"
    return match.group(1)


def test_the_main_job_runs_offline_on_the_sample_dump(tmp_path: Path) -> None:
    """Ingest the sample dump into a store, then print its credits page."""
    command = main_job_command()
    # The installed package stands in for .venv (CI also runs this against
    # the wheel); the sample data is read where the repository keeps it.
    runnable = command.replace(VENV_CLI, f"{shlex.quote(sys.executable)} -m wikireuse")
    runnable = runnable.replace("examples/data/", f"{ROOT / 'examples' / 'data'}/")

    done = subprocess.run(
        ["bash", "-c", runnable],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert 0 == done.returncode, done.stderr
    assert command.count(VENV_CLI) == 2
    assert "added           29" in done.stdout
    assert "This work reuses 29 items made by others" in done.stdout
    assert (tmp_path / "corpus.sqlite").exists()

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


def _run(runnable: str, cwd: Path) -> str:
    done = subprocess.run(
        ["bash", "-c", runnable],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert 0 == done.returncode, done.stderr
    return done.stdout


# A printed answer: "N. Title › Section (score …)", its text, then its credit
# line, permalink and chunk id (wikireuse.cli.chunks).
ANSWER = re.compile(
    r"^(\d+)\. (.+?) \(score [^)]*\)\n"
    r"   (.+)\n"
    r"   credit: (“.+”) \((\S+)\) by its authors .+ is licensed under "
    r"CC BY-SA 4\.0 \(https://creativecommons\.org/licenses/by-sa/4\.0/\)\.\n"
    r"   permalink: (\S+)\n"
    r"   id: ([0-9a-f]+)\n",
    re.M,
)


def test_the_main_job_runs_offline_on_the_sample_dump(tmp_path: Path) -> None:
    """Ingest, chunk and index the sample dump, then search it: attributed answers.

    Run twice: the second run adds nothing and answers the same.
    """
    command = main_job_command()
    # The installed package stands in for .venv (CI also runs this against
    # the wheel); the sample data is read where the repository keeps it.
    runnable = command.replace(VENV_CLI, f"{shlex.quote(sys.executable)} -m wikireuse")
    runnable = runnable.replace("examples/data/", f"{ROOT / 'examples' / 'data'}/")

    first = _run(runnable, tmp_path)
    again = _run(runnable, tmp_path)

    assert 3 == command.count(VENV_CLI)
    assert "added           29" in first
    assert "chunked         29  revisions" in first
    assert "added            0" in again
    assert "(nothing new)" in again.split("chunked", 1)[1].splitlines()[0]
    answers = ANSWER.findall(first)
    assert ["1", "2", "3"] == [number for number, *_ in answers]
    # every printed answer: no hit line without its credit and permalink
    assert len(answers) == len(re.findall(r"^\d+\. ", first, re.M))
    for _, where, _text, work, revision_url, permalink, _id in answers:
        assert work == f"“{where.split(' › ')[0]}”"
        assert permalink.startswith(revision_url + "#")
        assert "&oldid=" in revision_url
    assert answers == ANSWER.findall(again)
    assert (tmp_path / "corpus.sqlite").exists()

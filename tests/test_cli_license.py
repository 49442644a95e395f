"""Tests of the ``wikireuse license`` command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from wikireuse.cli import EX_USAGE, main

ROOT = Path(__file__).resolve().parents[1]


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["CC-BY-SA-3.0", "CC-BY-2.0", "--into", "CC-BY-SA-4.0"], 0),
        (["CC-BY-SA-4.0", "--into", "CC-BY-4.0"], 1),
        (["CC-BY-SA-4.0", "--into", "GPL-3.0-or-later"], 2),
        (["Made-Up Licence 7", "--into", "CC-BY-SA-4.0"], 3),
        (["CC-BY-ND-4.0", "--into", "CC-BY-ND-4.0", "--private"], 0),
        (["CC-BY-ND-3.0", "--into", "CC-BY-SA-4.0", "--use", "collect"], 0),
        (["CC-BY-NC-4.0", "--into", "MIT", "--use", "collect", "--commercial"], 1),
        (["CC-BY-NC-4.0", "--into", "CC-BY-NC-4.0"], 2),
        (["CC-BY-NC-4.0", "--into", "CC-BY-NC-4.0", "--non-commercial"], 0),
        (["CC-BY-4.0", "--into", "proprietary"], 0),
        (["CC-BY-SA-4.0", "--into", "All rights reserved"], 1),
        (["CC-BY-SA-4.0", "--into", "closed source", "--use", "collect"], 2),
        (["CC-BY-ND-4.0", "--into", "Acme Licence"], 1),
        (["CC-BY-SA-4.0", "--into", "CC-BY-SA-4.0", "--use", "verbatim", "--drm"], 1),
        (["PD-US", "--into", "CC-BY-4.0", "--jurisdiction", "us"], 0),
        (["GFDL", "--into", "CC-BY-SA-4.0", "--gfdl-eligible", "yes"], 0),
        (["GFDL", "--into", "CC-BY-SA-4.0", "--gfdl-eligible", "no"], 1),
        (
            [
                "ODbL-1.0",
                "--into",
                "CC-BY-SA-4.0",
                "--odbl-work",
                "derivative-database",
            ],
            1,
        ),
        (["CC-BY-NC-4.0", "--into", "CC-BY-4.0", "--commercial", "--quotation"], 2),
    ],
)
def test_check_exit_codes(argv: list[str], code: int) -> None:
    """Check exits 0/1/2/3 for compatible/incompatible/conditional/unknown."""
    assert code == _run("license", "check", *argv)[0]


def test_check_text_output() -> None:
    """The default output is the human explanation."""
    code, text = _run("license", "check", "CC-BY-SA-3.0", "--into", "CC-BY-SA-4.0")
    assert 0 == code
    assert text.startswith("COMPATIBLE: adapt CC-BY-SA-3.0 into CC-BY-SA-4.0")


def test_check_json_output() -> None:
    """--json prints the documented verdict JSON."""
    code, text = _run(
        "license",
        "check",
        "CC-BY-SA-4.0",
        "--into",
        "MIT",
        "--use",
        "collect",
        "--json",
    )
    data = json.loads(text)
    assert (0, "compatible", "collect") == (code, data["status"], data["use"])
    assert "keep-item-license" in {o["kind"] for o in data["obligations"]}


def test_check_flict_output() -> None:
    """--flict prints flict-style JSON with the tri-state word."""
    code, text = _run(
        "license", "check", "CC-BY-SA-4.0", "--into", "GPL-3.0-or-later", "--flict"
    )
    data = json.loads(text)
    assert 2 == code
    assert "Check" == data["result"]["compatibility"]
    assert [] == data["result"]["allowed_outbound_licenses"]


@pytest.mark.parametrize(
    "argv",
    [
        ["license", "check", "CC-BY-SA-4.0"],  # --into missing
        ["license", "check", "CC-BY-SA-4.0", "--into", "MIT", "--use", "remix"],
        ["license", "check", "A", "--into", "B", "--json", "--flict"],
        ["license"],
        [],
        ["license", "frobnicate"],
    ],
)
def test_usage_errors_exit_64(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Argument errors exit 64, never 2 (which means conditional)."""
    assert EX_USAGE == _run(*argv)[0]
    assert "usage:" in capsys.readouterr().err


def test_help_explains_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """--help exits 0 and documents 64 for usage errors."""
    assert 0 == _run("license", "check", "--help")[0]
    assert "64 usage error" in " ".join(capsys.readouterr().out.split())


def test_outbound_lists_best_first() -> None:
    """Outbound prints CC BY-SA 4.0 first for BY-SA 3.0 + BY 2.0 and exits 0."""
    code, text = _run("license", "outbound", "CC-BY-SA-3.0", "CC-BY-2.0")
    assert 0 == code
    assert text.splitlines()[0].startswith("CC-BY-SA-4.0")


def test_outbound_json() -> None:
    """Outbound --json prints options with license, status and verdict."""
    code, text = _run("license", "outbound", "CC-BY-SA-4.0", "--json")
    options = json.loads(text)
    assert 0 == code
    assert "CC-BY-SA-4.0" == options[0]["license"]
    assert {"license", "name", "status", "verdict"} == set(options[0])


def test_outbound_none_exits_1() -> None:
    """No licence for a shared adaptation of ND material: exit 1."""
    code, text = _run("license", "outbound", "CC-BY-ND-4.0")
    assert (1, "No licence works for this combination.\n") == (code, text)


def test_outbound_unknown_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    """The outbound command exits 3 for an unrecognised source and names it."""
    assert 3 == _run("license", "outbound", "Made-Up Licence 7")[0]
    assert "Made-Up Licence 7" in capsys.readouterr().err


def test_explain_known_and_unknown() -> None:
    """Explain prints text for a known licence (0) and exits 3 for an unknown id."""
    code, text = _run("license", "explain", "CC-BY-SA-4.0")
    assert 0 == code
    assert "ShareAlike" in text or "Share" in text
    code, text = _run("license", "explain", "Made-Up Licence 7")
    assert 3 == code
    assert "Made-Up Licence 7" in text


def test_console_script_in_subprocess_without_requests() -> None:
    """The CLI runs as a process, exits 2 for conditional and never loads requests."""
    code = (
        "import sys\n"
        "from wikireuse.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        "assert 'requests' not in sys.modules, 'requests was imported'\n"
        "raise SystemExit(rc)\n"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "license",
            "check",
            "GFDL",
            "--into",
            "CC-BY-SA-4.0",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert (2, "") == (proc.returncode, proc.stderr)
    assert "conditional" == json.loads(proc.stdout)["status"]


class _ClosedPipe(io.StringIO):
    """A stream whose reader has gone away after the first line."""

    def write(self, text: str) -> int:
        if self.getvalue():
            raise BrokenPipeError
        return super().write(text)


def test_closed_pipe_keeps_the_exit_code() -> None:
    """A reader closing the pipe (| head) ends the output but keeps the code."""
    stream = _ClosedPipe()
    code = main(
        ["license", "outbound", "CC-BY-SA-3.0", "--use", "collect"], stdout=stream
    )
    assert 0 == code
    assert 1 == len(stream.getvalue().splitlines())


def test_commercial_flags_exclude_each_other() -> None:
    """--commercial and --non-commercial together are a usage error."""
    code, _ = _run(
        "license", "check", "CC-BY-NC-4.0", "--into", "MIT",
        "--commercial", "--non-commercial",
    )  # fmt: skip
    assert EX_USAGE == code


def test_closed_target_is_explained_and_listed() -> None:
    """The closed target is explained, and outbound lists it for MIT material."""
    code, text = _run("license", "explain", "proprietary")
    assert 0 == code
    assert "LicenseRef-wikireuse-proprietary" in text
    code, text = _run("license", "outbound", "MIT")
    assert 0 == code
    assert "LicenseRef-wikireuse-proprietary" in text

"""Which heavy modules a snippet loads, run in a fresh interpreter (purity checks)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRANSPORT_AND_STORE = (
    "requests",
    "mwclient",
    "sqlite3",
    "urllib3",
    "wikireuse.http",
    "wikireuse.store",
)
"""What a pure package (structured articles, chunks) must never load."""


def absent(module: str) -> bool:
    """Whether *module* cannot be imported here (an extra not installed)."""
    try:
        return importlib.util.find_spec(module) is None
    except ModuleNotFoundError:  # its parent package is missing
        return True


def loaded(code: str, modules: Iterable[str]) -> list[str]:
    """The *modules* that are in ``sys.modules`` after running *code* alone."""
    names = tuple(modules)
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted(m for m in {names!r} if m in sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    found: list[str] = json.loads(out)
    return found

"""The Python examples in README.md and docs/ run as written.

Examples that talk to a wiki are run against canned answers: the test swaps
the ``requests.Session`` the client creates for one whose transport is a
:class:`wikireuse.testing.HandlerAdapter`, so nothing leaves the machine.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import requests

import wikireuse.http
from wikireuse.testing import HandlerAdapter, make_response, siteinfo

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_REAL_SESSION = requests.Session
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks() -> list[Any]:
    found = []
    for path in DOCS:
        for i, match in enumerate(BLOCK.finditer(path.read_text(encoding="utf-8"))):
            found.append(pytest.param(match.group(1), id=f"{path.name}-{i}"))
    return found


def _offline_session() -> requests.Session:
    session = _REAL_SESSION()
    adapter = HandlerAdapter(lambda request: make_response(json=siteinfo()))
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


@pytest.mark.parametrize("code", _blocks())
def test_example_runs(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each fenced Python example executes without error, offline."""
    monkeypatch.setattr(wikireuse.http.requests, "Session", _offline_session)
    namespace: dict[str, Any] = {"wikireuse": wikireuse}

    exec(compile(code, "<docs example>", "exec"), namespace)  # noqa: S102


def test_docs_have_examples() -> None:
    """The README carries at least one runnable example of each half."""
    readme = [b.values[0] for b in _blocks() if b.id.startswith("README")]

    assert 2 <= len(readme)

"""The Python examples in README.md and docs/ run as written.

Examples that talk to a wiki are run against canned answers: the test swaps
the ``requests.Session`` the client creates for one whose transport is a
:class:`wikireuse.testing.HandlerAdapter`, so nothing leaves the machine.
The canned wiki has every page asked for, each with one revision by one
author; examples run in a temporary directory, so files they write vanish.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from pathlib import Path
from typing import Any

import pytest
import requests

import wikireuse.http
from wikireuse.testing import (
    HandlerAdapter,
    make_response,
    page,
    query_pages,
    request_params,
    siteinfo,
)

ROOT = Path(__file__).resolve().parents[1]
# docs/rag.md is a tutorial whose blocks build on each other: it is run in
# order, its output checked, by tests/test_rag_tutorial.py.
DOCS = [
    ROOT / "README.md",
    *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "rag.md"),
]
_REAL_SESSION = requests.Session
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks() -> list[Any]:
    found = []
    for path in DOCS:
        for i, match in enumerate(BLOCK.finditer(path.read_text(encoding="utf-8"))):
            found.append(pytest.param(match.group(1), id=f"{path.name}-{i}"))
    return found


def _canned_page(title: str) -> dict[str, Any]:
    """A page with one revision by Alice, its ids derived from the title."""
    pageid = zlib.crc32(title.encode("utf-8")) % 10**6 + 1
    text = f"{title} is a page of the canned wiki."
    sha1 = hashlib.sha1(text.encode("utf-8")).hexdigest()  # noqa: S324
    url = "https://en.wikipedia.org/wiki/" + title.replace(" ", "_")
    size = len(text.encode("utf-8"))
    revision = {
        "revid": pageid * 10,
        "parentid": 0,
        "user": "Alice",
        "timestamp": "2024-01-02T03:04:05Z",
        "size": size,
        "sha1": sha1,
        "comment": "created",
        "slots": {
            "main": {
                "contentmodel": "wikitext",
                "contentformat": "text/x-wiki",
                "content": text,
                "sha1": sha1,
            }
        },
    }
    return page(
        title,
        pageid,
        contentmodel="wikitext",
        pagelanguage="en",
        lastrevid=pageid * 10,
        length=size,
        fullurl=url,
        canonicalurl=url,
        revisions=[revision],
        contributors=[{"userid": 1, "name": "Alice"}],
        anoncontributors=0,
    )


def _canned_wiki(request: requests.PreparedRequest) -> requests.Response:
    """Answer siteinfo and page queries as a wiki where every page exists."""
    params = request_params(request)
    if "titles" in params:
        titles = params["titles"].split("|")
    elif "pageids" in params:
        titles = [f"Page {n}" for n in params["pageids"].split("|")]
    else:
        return make_response(json=siteinfo())
    return make_response(json=query_pages([_canned_page(t) for t in titles]))


def _offline_session() -> requests.Session:
    session = _REAL_SESSION()
    adapter = HandlerAdapter(_canned_wiki)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


@pytest.mark.parametrize("code", _blocks())
def test_example_runs(
    code: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each fenced Python example executes without error, offline."""
    monkeypatch.setattr(wikireuse.http.requests, "Session", _offline_session)
    # as from a clone's root, where examples read examples/data/ (the
    # installed package, in CI's wheel run, has no examples/ beside it)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"wikireuse": wikireuse}

    exec(compile(code, "<docs example>", "exec"), namespace)  # noqa: S102


def test_docs_have_examples() -> None:
    """The README carries at least one runnable example of each half."""
    readme = [b.values[0] for b in _blocks() if b.id.startswith("README")]

    assert 2 <= len(readme)

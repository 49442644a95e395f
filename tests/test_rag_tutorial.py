"""docs/rag.md (#16 item 9) runs as written, and prints what it shows.

Its ```python blocks run in order, in one namespace, in a fresh folder
that has the repository's examples/ (as a clone's root has);
each must print exactly the ```text block that follows it (or nothing when
none follows), so the output the tutorial shows is provably real. Other
fences (``sh``, ``{code-block} python`` for what needs a download) are not
run. tests/test_docs.py leaves this page to this test: its blocks depend on
each other.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI
from tests.support.imports import absent

ROOT = Path(__file__).resolve().parents[1]


# The tutorial needs the vectors, langchain and llamaindex extras (in dev):
# without them it is skipped, except under CI, where it fails.
MISSING = [m for m in ("sqlite_vec", "langchain_core", "llama_index.core") if absent(m)]
pytestmark = pytest.mark.skipif(
    bool(MISSING) and not IN_CI,
    reason=f"the tutorial's extras are not installed ({MISSING}); "
    "pip install -e '.[vectors,langchain,llamaindex]' to run it",
)
TUTORIAL = ROOT / "docs" / "rag.md"
FENCE = re.compile(r"^```(\S*)[^\n]*\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def steps() -> list[tuple[str, str]]:
    """Each python block with the output shown under it ("" if none)."""
    fences = [(m.group(1), m.group(2)) for m in FENCE.finditer(TUTORIAL.read_text())]
    found = []
    for n, (kind, body) in enumerate(fences):
        if kind == "python":
            shown = fences[n + 1] if n + 1 < len(fences) else ("", "")
            found.append((body, shown[1] if shown[0] == "text" else ""))
    return found


def test_the_tutorial_has_its_steps() -> None:
    taught = "\n".join(code for code, _ in steps())
    assert 8 <= len(steps())
    for name in ("read_xml_dump", "build_chunks", "embed_chunks", "RunnableLambda"):
        assert name in taught
    assert "WikiReuseRetriever" in taught
    assert "{code-block} python\nfrom wikireuse.search import Model2VecEmbedder" in (
        TUTORIAL.read_text()
    )


def test_the_tutorial_runs_and_prints_what_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a fresh folder, as a clone's root: the tutorial reads examples/data/
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "tutorial"}
    for n, (code, shown) in enumerate(steps(), 1):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, f"docs/rag.md block {n}", "exec"), namespace)  # noqa: S102
        assert shown == printed.getvalue(), f"block {n}:\n{code}"
    assert (tmp_path / "corpus.sqlite").exists()

"""The layout keeps its shape: no import circles, a light licence checker.

The layers themselves are import-linter contracts in pyproject.toml
(``lint-imports``, a CI gate); docs/architecture.md draws them.
"""

from __future__ import annotations

import subprocess
import sys
from graphlib import CycleError, TopologicalSorter

import grimp
import pytest


def import_graph() -> dict[str, set[str]]:
    """Each wikireuse module → the wikireuse modules it imports.

    Imports under ``TYPE_CHECKING`` are left out (they never run); imports
    inside functions count, because they run.
    """
    graph = grimp.build_graph(
        "wikireuse", exclude_type_checking_imports=True, cache_dir=None
    )
    return {
        module: graph.find_modules_directly_imported_by(module)
        for module in graph.modules
    }


def test_the_package_has_no_import_circle() -> None:
    """No module reaches itself through the modules it imports."""
    try:
        TopologicalSorter(import_graph()).prepare()
    except CycleError as exc:
        pytest.fail(f"import circle: {' -> '.join(exc.args[1])}")


def test_the_graph_sees_the_layers() -> None:
    """The graph is the real one: the facade reaches the transport and fetchers."""
    graph = import_graph()
    assert "wikireuse.http" in graph["wikireuse.client"]
    assert "wikireuse.fetch._articles" in graph["wikireuse.client"]


def test_the_licence_checker_loads_no_network_storage_or_wikitext_library() -> None:
    """``import wikireuse.licenses`` (and a check) leaves the heavy libraries out."""
    heavy = ("requests", "urllib3", "mwclient", "sqlite3", "mwparserfromhell")
    code = (
        "import sys\n"
        "import wikireuse.licenses as licenses\n"
        "licenses.check('CC-BY-SA-3.0', 'CC-BY-SA-4.0')\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout

    assert "[]\n" == out


def test_the_old_command_line_module_still_runs() -> None:
    """``python -m wikireuse.cli`` runs the command line, as before the split."""
    done = subprocess.run(
        [sys.executable, "-m", "wikireuse.cli", "license", "explain", "CC0-1.0"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert (0, "CC0-1.0") == (done.returncode, done.stdout.split(" ", 1)[0])


def test_the_client_left_the_transport_with_a_pointer() -> None:
    """``wikireuse.http.Client`` says where the client went (it cannot import it)."""
    import wikireuse.http

    with pytest.raises(ImportError, match=r"moved to wikireuse\.client\.Client"):
        wikireuse.http.Client  # noqa: B018
    assert not hasattr(wikireuse.http, "NoSuchName")  # other names: AttributeError

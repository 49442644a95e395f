"""Sphinx configuration for the wikireuse documentation."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

project = "wikireuse"
author = "The wikireuse developers"
copyright = "2026, The wikireuse developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    # the layers picture in architecture.md: Graphviz's dot renders it at
    # build time (apt graphviz, installed by .ci/setup), no network needed
    "sphinx.ext.graphviz",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
# No intersphinx: the docs build must work without network access.
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
graphviz_output_format = "svg"
html_theme = "alabaster"
html_title = "wikireuse"

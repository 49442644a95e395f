"""The schema id of structured articles, below every module that writes it."""

from __future__ import annotations

from typing import Final

__all__ = ["SCHEMA"]

SCHEMA: Final = "wikireuse.structured/1"
"""The ``schema`` value of :meth:`StructuredArticle.to_dict`."""

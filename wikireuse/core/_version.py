"""The installed version of wikireuse, from the package metadata."""

from __future__ import annotations

from functools import cache

__all__ = ["version"]


@cache
def version() -> str:
    """The version wikireuse is installed as (``0+unknown`` in a bare tree).

    Read once: the wire User-Agent and every provenance record carry it.
    """
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("wikireuse")
    except PackageNotFoundError:  # pragma: no cover - running from a bare tree
        return "0+unknown"

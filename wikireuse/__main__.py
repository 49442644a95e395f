"""``python -m wikireuse``: the ``wikireuse`` command line."""

from __future__ import annotations

from wikireuse.cli import main

if __name__ == "__main__":  # pragma: no branch - run by python -m
    raise SystemExit(main())

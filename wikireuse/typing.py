"""Type aliases and protocols for the things wikireuse lets you inject.

Every I/O-facing constructor takes its clock, sleep, randomness and HTTP
session as keyword-only arguments typed with these aliases, so tests (yours
and ours) can run with :class:`wikireuse.testing.FakeClock` instead of
sleeping.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    import requests

__all__ = ["Clock", "Handler", "Sleep", "WallClock"]

Clock: TypeAlias = Callable[[], float]
"""Monotonic seconds, like :func:`time.monotonic`; used for pacing and budgets."""

WallClock: TypeAlias = Callable[[], float]
"""Seconds since the epoch, like :func:`time.time`; used for HTTP dates."""

Sleep: TypeAlias = Callable[[float], None]
"""Blocks for the given seconds, like :func:`time.sleep`."""

Handler: TypeAlias = "Callable[[requests.PreparedRequest], requests.Response]"
"""A fake server: turns a prepared request into a response."""

"""Type aliases and protocols for the things wikireuse lets you inject.

Every I/O-facing constructor takes its clock, sleep, randomness and HTTP
session as keyword-only arguments typed with these aliases, so tests (yours
and ours) can run with :class:`wikireuse.testing.FakeClock` instead of
sleeping.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeAlias, runtime_checkable

if TYPE_CHECKING:
    import requests

__all__ = ["Clock", "Embedder", "Handler", "Sleep", "WallClock"]

Clock: TypeAlias = Callable[[], float]
"""Monotonic seconds, like :func:`time.monotonic`; used for pacing and budgets."""

WallClock: TypeAlias = Callable[[], float]
"""Seconds since the epoch, like :func:`time.time`; used for HTTP dates."""

Sleep: TypeAlias = Callable[[float], None]
"""Blocks for the given seconds, like :func:`time.sleep`."""

Handler: TypeAlias = "Callable[[requests.PreparedRequest], requests.Response]"
"""A fake server: turns a prepared request into a response."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into vectors, for vector search over stored chunks.

    Any object with these three members will do: an adapter of a local
    embedding library (:class:`wikireuse.search.Model2VecEmbedder`), the
    deterministic :class:`wikireuse.testing.HashingEmbedder`, or your own.
    Vectors are stored under the ``model_id``, and a search only compares
    vectors of the same model id: give one that names the model and its
    settings.

    .. versionadded:: 0.2.0
    """

    @property
    def model_id(self) -> str:
        """The model's name and settings (stored with every vector it made)."""

    @property
    def dimensions(self) -> int:
        """How many numbers each vector has."""

    def embed(self, texts: Sequence[str]) -> Sequence[Sequence[float]]:
        """One vector of :attr:`dimensions` numbers per text, in order."""

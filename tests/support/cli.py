"""Running the CLI in tests: every client it makes on a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import wikireuse.cli
from wikireuse import Client, RetryPolicy
from wikireuse.cli import USER_AGENT_ENV
from wikireuse.testing import FakeClock


def fake_cli_clients(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Make every client the CLI builds wait on a fake clock, with short retries.

    The User-Agent variable is cleared too, so a developer's own setting
    cannot change what a test sees.
    """
    clock = FakeClock()
    real: Callable[..., Client] = wikireuse.cli._make_client

    def make(**kwargs: Any) -> Client:
        kwargs.setdefault(
            "retry", RetryPolicy(max_attempts=2, backoff_base=0.1, min_wait=0.1)
        )
        return real(clock=clock, sleep=clock.sleep, wall_clock=clock.wall, **kwargs)

    monkeypatch.setattr(wikireuse.cli, "_make_client", make)
    monkeypatch.delenv(USER_AGENT_ENV, raising=False)
    return clock

"""Root conftest: applies to tests/ and to the doctests in wikireuse/.

Unit tests and doctests may talk to loopback only; every other connection or
name lookup fails loudly.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.support.imports import absent

settings.register_profile(
    "wikireuse",
    deadline=None,  # timing is for benchmarks/, never for tests
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("wikireuse")


# The framework adapters import their framework (an extra, in dev): without
# it their doctests are left out, except under CI, where that is an error.
collect_ignore = [
    path
    for module, path in (
        ("langchain_core", "wikireuse/integrations/langchain.py"),
        ("llama_index.core", "wikireuse/integrations/llamaindex.py"),
    )
    if absent(module) and os.environ.get("CI", "").lower() not in {"1", "true", "yes"}
]


class NetworkBlockedError(RuntimeError):
    """A test tried to reach a host that is not loopback."""


def _is_loopback(host: Any) -> bool:
    if not isinstance(host, str):
        return True  # AF_UNIX paths and the like
    if host in {"localhost", ""}:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def _block_network() -> Iterator[None]:
    """Refuse every connection and name lookup that is not loopback."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def guard(address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if not _is_loopback(host):
            raise NetworkBlockedError(f"network access to {address!r} in a test")

    def connect(self: socket.socket, address: Any) -> None:
        guard(address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        guard(address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not _is_loopback(
            host.decode() if isinstance(host, bytes) else host
        ):
            raise NetworkBlockedError(f"name lookup of {host!r} in a test")
        return real_getaddrinfo(host, *args, **kwargs)

    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", connect)
    mp.setattr(socket.socket, "connect_ex", connect_ex)
    mp.setattr(socket, "getaddrinfo", getaddrinfo)
    yield
    mp.undo()

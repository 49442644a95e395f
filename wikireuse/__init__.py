"""wikireuse: licence-aware, polite reuse of Wikimedia content.

The package namespace is lazy: ``import wikireuse`` (and
``import wikireuse.licenses``) loads neither ``requests`` nor ``mwclient``;
the HTTP client is imported the first time ``wikireuse.Client`` is touched.
That keeps the licence checker cheap to embed in other tools.
"""

import importlib as _importlib
import logging as _logging
import typing as _typing

from wikireuse.exceptions import (
    APIError,
    ConfigurationError,
    FetchError,
    HTTPStatusError,
    InvalidResponseError,
    LicenseError,
    MaxlagTimeoutError,
    PageNotFoundError,
    RateLimitedError,
    RetryExhaustedError,
    TransportError,
    UnknownLicenseError,
    UserAgentError,
    UserAgentRejectedError,
    WikiReuseError,
)

if _typing.TYPE_CHECKING:
    from wikireuse.http import (
        PROFILES,
        Client,
        ClientStats,
        RateProfile,
        RetryEvent,
        RetryPolicy,
        SiteInfo,
        Wiki,
    )

__all__ = [
    "PROFILES",
    "APIError",
    "Client",
    "ClientStats",
    "ConfigurationError",
    "FetchError",
    "HTTPStatusError",
    "InvalidResponseError",
    "LicenseError",
    "MaxlagTimeoutError",
    "PageNotFoundError",
    "RateLimitedError",
    "RateProfile",
    "RetryEvent",
    "RetryExhaustedError",
    "RetryPolicy",
    "SiteInfo",
    "TransportError",
    "UnknownLicenseError",
    "UserAgentError",
    "UserAgentRejectedError",
    "Wiki",
    "WikiReuseError",
    "__version__",
]

# Names served on first access, by the module that defines them.
_LAZY = {
    "PROFILES": "wikireuse.http",
    "Client": "wikireuse.http",
    "ClientStats": "wikireuse.http",
    "RateProfile": "wikireuse.http",
    "RetryEvent": "wikireuse.http",
    "RetryPolicy": "wikireuse.http",
    "SiteInfo": "wikireuse.http",
    "Wiki": "wikireuse.http",
}

# A library never configures logging; it only makes sure nothing is printed
# ("No handlers could be found") when the application has not either.
_logging.getLogger(__name__).addHandler(_logging.NullHandler())


def __getattr__(name: str) -> _typing.Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("wikireuse")
        except PackageNotFoundError:  # pragma: no cover - running from a bare tree
            return "0+unknown"
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'wikireuse' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

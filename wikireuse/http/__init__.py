"""The transport: session, User-Agent policy, pacing, retries, cache and rate limits.

See :mod:`wikireuse.http._transport`. The transport knows nothing of articles,
attribution, the store or the command line (docs/architecture.md).

.. versionadded:: 0.1.0
"""

# ``wikireuse.http.requests`` was there while the transport was one module;
# code that patches ``requests.Session`` through it keeps working.
import requests  # noqa: F401

from wikireuse.http._transport import (
    PROFILES,
    Client,
    ClientStats,
    PagesResult,
    RateLimit,
    RateLimitInfo,
    RateProfile,
    RestResponse,
    RetryEvent,
    RetryPolicy,
    SiteInfo,
    Wiki,
)

__all__ = [
    "PROFILES",
    "Client",
    "ClientStats",
    "PagesResult",
    "RateLimit",
    "RateLimitInfo",
    "RateProfile",
    "RestResponse",
    "RetryEvent",
    "RetryPolicy",
    "SiteInfo",
    "Wiki",
]

"""wikireuse: licence-aware, polite reuse of Wikimedia content.

The package namespace is lazy: ``import wikireuse`` (and
``import wikireuse.licenses``) loads neither ``requests`` nor ``mwclient``;
the HTTP client is imported the first time ``wikireuse.Client`` is touched.
That keeps the licence checker cheap to embed in other tools. For the same
reason the package does not import :mod:`logging`: the ``NullHandler`` on the
``wikireuse`` logger is attached by :mod:`wikireuse.http`, the only module
that logs, when it is first imported.
"""

import importlib as _importlib
import typing as _typing

from wikireuse.exceptions import (
    APIError,
    ConfigurationError,
    FetchError,
    HTTPStatusError,
    InvalidResponseError,
    InvalidTitleError,
    LicenseError,
    MaxlagTimeoutError,
    PageNotFoundError,
    RateLimitedError,
    RecordError,
    RetryExhaustedError,
    StoreError,
    TransportError,
    UnknownLicenseError,
    UserAgentError,
    UserAgentRejectedError,
    WikiReuseError,
)

if _typing.TYPE_CHECKING:
    from wikireuse.articles import (
        Article,
        ArticleOutcome,
        Contributor,
        Contributors,
        FetchStatus,
        LangLink,
        LicenseTimeline,
        PageLicense,
        Revision,
    )
    from wikireuse.attribution import (
        Attribution,
        Byline,
        LicenseNotice,
        Segment,
        Work,
        attribute,
    )
    from wikireuse.chunks import Chunk, chunk, write_jsonl, write_parquet
    from wikireuse.citations import cite
    from wikireuse.credits import CreditEntry, CreditGroup, Credits
    from wikireuse.entities import (
        Entity,
        Sitelink,
        Term,
    )
    from wikireuse.http import (
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
    from wikireuse.media import (
        Link,
        MediaFile,
        RichText,
    )
    from wikireuse.messages import Catalogue
    from wikireuse.provenance import (
        Provenance,
        RequestRecord,
    )
    from wikireuse.store import (
        AuditEntry,
        Manifest,
        Store,
        StoredPage,
        SyncReport,
    )
    from wikireuse.structured import StructuredArticle, from_enterprise, structure

__all__ = [
    "PROFILES",
    "APIError",
    "Article",
    "ArticleOutcome",
    "Attribution",
    "AuditEntry",
    "Byline",
    "Catalogue",
    "Chunk",
    "Client",
    "ClientStats",
    "ConfigurationError",
    "Contributor",
    "Contributors",
    "CreditEntry",
    "CreditGroup",
    "Credits",
    "Entity",
    "FetchError",
    "FetchStatus",
    "HTTPStatusError",
    "InvalidResponseError",
    "InvalidTitleError",
    "LangLink",
    "LicenseError",
    "LicenseNotice",
    "LicenseTimeline",
    "Link",
    "Manifest",
    "MaxlagTimeoutError",
    "MediaFile",
    "PageLicense",
    "PageNotFoundError",
    "PagesResult",
    "Provenance",
    "RateLimit",
    "RateLimitInfo",
    "RateLimitedError",
    "RateProfile",
    "RecordError",
    "RequestRecord",
    "RestResponse",
    "RetryEvent",
    "RetryExhaustedError",
    "RetryPolicy",
    "Revision",
    "RichText",
    "Segment",
    "SiteInfo",
    "Sitelink",
    "Store",
    "StoreError",
    "StoredPage",
    "StructuredArticle",
    "SyncReport",
    "Term",
    "TransportError",
    "UnknownLicenseError",
    "UserAgentError",
    "UserAgentRejectedError",
    "Wiki",
    "WikiReuseError",
    "Work",
    "__version__",
    "attribute",
    "chunk",
    "cite",
    "from_enterprise",
    "structure",
    "write_jsonl",
    "write_parquet",
]

# Names served on first access, by the module that defines them.
_LAZY = {
    "Article": "wikireuse.articles",
    "ArticleOutcome": "wikireuse.articles",
    "Contributor": "wikireuse.articles",
    "Contributors": "wikireuse.articles",
    "FetchStatus": "wikireuse.articles",
    "LangLink": "wikireuse.articles",
    "LicenseTimeline": "wikireuse.articles",
    "PageLicense": "wikireuse.articles",
    "Revision": "wikireuse.articles",
    "Attribution": "wikireuse.attribution",
    "Byline": "wikireuse.attribution",
    "LicenseNotice": "wikireuse.attribution",
    "Segment": "wikireuse.attribution",
    "Work": "wikireuse.attribution",
    "attribute": "wikireuse.attribution",
    "Chunk": "wikireuse.chunks",
    "chunk": "wikireuse.chunks",
    "write_jsonl": "wikireuse.chunks",
    "write_parquet": "wikireuse.chunks",
    "cite": "wikireuse.citations",
    "CreditEntry": "wikireuse.credits",
    "CreditGroup": "wikireuse.credits",
    "Credits": "wikireuse.credits",
    "Entity": "wikireuse.entities",
    "Sitelink": "wikireuse.entities",
    "Term": "wikireuse.entities",
    "PROFILES": "wikireuse.http",
    "Client": "wikireuse.http",
    "ClientStats": "wikireuse.http",
    "PagesResult": "wikireuse.http",
    "RateLimit": "wikireuse.http",
    "RateLimitInfo": "wikireuse.http",
    "RateProfile": "wikireuse.http",
    "RestResponse": "wikireuse.http",
    "RetryEvent": "wikireuse.http",
    "RetryPolicy": "wikireuse.http",
    "SiteInfo": "wikireuse.http",
    "Wiki": "wikireuse.http",
    "Catalogue": "wikireuse.messages",
    "Link": "wikireuse.media",
    "MediaFile": "wikireuse.media",
    "RichText": "wikireuse.media",
    "Provenance": "wikireuse.provenance",
    "RequestRecord": "wikireuse.provenance",
    "AuditEntry": "wikireuse.store",
    "Manifest": "wikireuse.store",
    "Store": "wikireuse.store",
    "StoredPage": "wikireuse.store",
    "SyncReport": "wikireuse.store",
    "StructuredArticle": "wikireuse.structured",
    "from_enterprise": "wikireuse.structured",
    "structure": "wikireuse.structured",
}


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

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
    ChunkNotFoundError,
    ConfigurationError,
    CredentialsInURLError,
    DeadlineExceededError,
    DumpError,
    FetchError,
    HostUnreachableError,
    HTTPStatusError,
    IntegrationSupportError,
    InvalidResponseError,
    InvalidTitleError,
    LicenseError,
    LicenseInputError,
    MainGuardError,
    MaxlagTimeoutError,
    PageNotFoundError,
    ParallelError,
    RateLimitedError,
    RecordError,
    RedirectRefusedError,
    ResponseTooLargeError,
    RetryExhaustedError,
    SearchError,
    StoreAccessError,
    StoreError,
    StoreLockedError,
    TransportError,
    UnknownLicenseError,
    UserAgentError,
    UserAgentRejectedError,
    VectorSupportError,
    WikiReuseError,
)

if _typing.TYPE_CHECKING:
    from wikireuse.attribution import (
        Attribution,
        Byline,
        LicenseNotice,
        Segment,
        Work,
        attribute,
    )
    from wikireuse.attribution.citations import cite
    from wikireuse.attribution.credits import CreditEntry, CreditGroup, Credits
    from wikireuse.attribution.messages import Catalogue
    from wikireuse.chunks import Chunk, chunk, write_jsonl, write_parquet
    from wikireuse.client import Client
    from wikireuse.http import (
        PROFILES,
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
    from wikireuse.privacy import MinimisationPolicy, classify_person, minimise
    from wikireuse.records.articles import (
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
    from wikireuse.records.entities import (
        Entity,
        Sitelink,
        Term,
    )
    from wikireuse.records.media import (
        Link,
        MediaFile,
        RichText,
    )
    from wikireuse.records.persons import PersonAssessment, PersonStatus
    from wikireuse.records.provenance import (
        Provenance,
        RequestRecord,
    )
    from wikireuse.reports import UsageReport, usage_report
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
    "ChunkNotFoundError",
    "Client",
    "ClientStats",
    "ConfigurationError",
    "Contributor",
    "Contributors",
    "CredentialsInURLError",
    "CreditEntry",
    "CreditGroup",
    "Credits",
    "DeadlineExceededError",
    "DumpError",
    "Entity",
    "FetchError",
    "FetchStatus",
    "HTTPStatusError",
    "HostUnreachableError",
    "IntegrationSupportError",
    "InvalidResponseError",
    "InvalidTitleError",
    "LangLink",
    "LicenseError",
    "LicenseInputError",
    "LicenseNotice",
    "LicenseTimeline",
    "Link",
    "MainGuardError",
    "Manifest",
    "MaxlagTimeoutError",
    "MediaFile",
    "MinimisationPolicy",
    "PageLicense",
    "PageNotFoundError",
    "PagesResult",
    "ParallelError",
    "PersonAssessment",
    "PersonStatus",
    "Provenance",
    "RateLimit",
    "RateLimitInfo",
    "RateLimitedError",
    "RateProfile",
    "RecordError",
    "RedirectRefusedError",
    "RequestRecord",
    "ResponseTooLargeError",
    "RestResponse",
    "RetryEvent",
    "RetryExhaustedError",
    "RetryPolicy",
    "Revision",
    "RichText",
    "SearchError",
    "Segment",
    "SiteInfo",
    "Sitelink",
    "Store",
    "StoreAccessError",
    "StoreError",
    "StoreLockedError",
    "StoredPage",
    "StructuredArticle",
    "SyncReport",
    "Term",
    "TransportError",
    "UnknownLicenseError",
    "UsageReport",
    "UserAgentError",
    "UserAgentRejectedError",
    "VectorSupportError",
    "Wiki",
    "WikiReuseError",
    "Work",
    "__version__",
    "attribute",
    "chunk",
    "cite",
    "classify_person",
    "from_enterprise",
    "minimise",
    "structure",
    "usage_report",
    "write_jsonl",
    "write_parquet",
]

# Names served on first access, by the module that defines them.
_LAZY = {
    "Article": "wikireuse.records.articles",
    "ArticleOutcome": "wikireuse.records.articles",
    "Contributor": "wikireuse.records.articles",
    "Contributors": "wikireuse.records.articles",
    "FetchStatus": "wikireuse.records.articles",
    "LangLink": "wikireuse.records.articles",
    "LicenseTimeline": "wikireuse.records.articles",
    "PageLicense": "wikireuse.records.articles",
    "Revision": "wikireuse.records.articles",
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
    "cite": "wikireuse.attribution.citations",
    "CreditEntry": "wikireuse.attribution.credits",
    "CreditGroup": "wikireuse.attribution.credits",
    "Credits": "wikireuse.attribution.credits",
    "Entity": "wikireuse.records.entities",
    "Sitelink": "wikireuse.records.entities",
    "Term": "wikireuse.records.entities",
    "PROFILES": "wikireuse.http",
    "Client": "wikireuse.client",
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
    "Catalogue": "wikireuse.attribution.messages",
    "Link": "wikireuse.records.media",
    "MediaFile": "wikireuse.records.media",
    "RichText": "wikireuse.records.media",
    "PersonAssessment": "wikireuse.records.persons",
    "PersonStatus": "wikireuse.records.persons",
    "classify_person": "wikireuse.privacy",
    "MinimisationPolicy": "wikireuse.privacy",
    "minimise": "wikireuse.privacy",
    "Provenance": "wikireuse.records.provenance",
    "RequestRecord": "wikireuse.records.provenance",
    "UsageReport": "wikireuse.reports",
    "usage_report": "wikireuse.reports",
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
        from wikireuse.core._version import version

        return version()
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'wikireuse' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

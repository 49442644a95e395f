"""The public surface of ``wikireuse`` is explicit, sorted and complete."""

from __future__ import annotations

import subprocess
import sys

import wikireuse

EXPECTED = [
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


def test_all_is_pinned() -> None:
    """``__all__`` lists exactly the agreed public names, in a stable order."""
    assert EXPECTED == wikireuse.__all__


def test_every_public_name_resolves() -> None:
    """Every name in ``__all__`` can be fetched from the package."""
    missing = [n for n in wikireuse.__all__ if getattr(wikireuse, n, None) is None]

    assert [] == missing


def test_no_unlisted_public_names() -> None:
    """Nothing public sits in the namespace without being in ``__all__``."""
    for name in wikireuse.__all__:
        getattr(wikireuse, name)  # materialise the lazy names first
    public = {
        n
        for n, v in vars(wikireuse).items()
        if not n.startswith("_") and not isinstance(v, type(sys))
    }

    assert set() == public - set(wikireuse.__all__)


def test_errors_share_one_root() -> None:
    """Every exported error class derives from ``WikiReuseError``."""
    errors = [
        getattr(wikireuse, n)
        for n in wikireuse.__all__
        if n.endswith("Error") and isinstance(getattr(wikireuse, n), type)
    ]

    assert all(issubclass(e, wikireuse.WikiReuseError) for e in errors)


def _python(code: str) -> str:
    """Run *code* in a fresh interpreter (nothing imported yet); its stdout."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_bare_import_is_light() -> None:
    """``import wikireuse`` loads neither requests nor mwclient."""
    code = (
        "import sys, wikireuse; "
        "print(sorted(m for m in ('requests', 'mwclient', 'mwparserfromhell') "
        "if m in sys.modules))"
    )
    out = _python(code)

    assert "[]" == out


def test_bare_import_does_not_import_logging() -> None:
    """``import wikireuse`` and the licence checker leave :mod:`logging` unloaded."""
    code = "import sys, wikireuse, wikireuse.licenses; print('logging' in sys.modules)"
    out = _python(code)

    assert "False" == out


def test_client_import_gives_the_package_logger_a_null_handler() -> None:
    """Once the client is imported the ``wikireuse`` logger has a NullHandler."""
    code = (
        "import logging, wikireuse; wikireuse.Client; "
        "print(sum(isinstance(h, logging.NullHandler) "
        "for h in logging.getLogger('wikireuse').handlers))"
    )
    out = _python(code)

    assert "1" == out


def test_client_return_types_are_exported() -> None:
    """The types Client methods return are reachable from the package."""
    from wikireuse import articles, entities, http, media, store

    assert (
        http.PagesResult,
        http.RestResponse,
        http.RateLimitInfo,
        http.RateLimit,
        articles.Article,
        articles.ArticleOutcome,
        articles.Contributors,
        articles.Revision,
        media.MediaFile,
        entities.Entity,
        store.SyncReport,
    ) == (
        wikireuse.PagesResult,
        wikireuse.RestResponse,
        wikireuse.RateLimitInfo,
        wikireuse.RateLimit,
        wikireuse.Article,
        wikireuse.ArticleOutcome,
        wikireuse.Contributors,
        wikireuse.Revision,
        wikireuse.MediaFile,
        wikireuse.Entity,
        wikireuse.SyncReport,
    )

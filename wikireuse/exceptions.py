"""The errors wikireuse raises, all rooted at :class:`WikiReuseError`.

A caller that only wants to know "did wikireuse fail?" catches
:class:`WikiReuseError`; one that wants to react to a kind of failure catches
the branch. Errors of ``requests`` never escape: they are translated at the
HTTP boundary and kept as ``__cause__``. (The :class:`mwclient.Site` that
``Client.site()`` hands out sends through the same layer, so transport, status
and retry failures are these errors too; the API errors it checks itself, such
as a failed edit or login, are mwclient's own.)

The tree::

    WikiReuseError
    ├── ConfigurationError (also ValueError)   a bad argument (constructor or call)
    │   ├── UserAgentError                     UA refused before any request
    │   └── CredentialsInURLError              a password or token would go in a URL
    ├── FetchError                             talking to a wiki failed
    │   ├── TransportError                     TLS or other unretryable transport
    │   │   │                                  failure; cause of exhausted retries
    │   │   ├── HostUnreachableError           nothing listens / no such host (first
    │   │   │                                  contact fails fast)
    │   │   └── DeadlineExceededError          a response outlasted its deadline
    │   ├── HTTPStatusError                    a status that is not retried (4xx)
    │   │   └── UserAgentRejectedError         403 for the User-Agent policy
    │   ├── RedirectRefusedError               a redirect off the wiki's origin
    │   ├── ResponseTooLargeError              a body over max_response_bytes
    │   ├── InvalidResponseError               not the answer the API promised
    │   │                                      (names the JSON path: ``field``)
    │   ├── APIError                           the Action API's ``error``
    │   │   ├── PageNotFoundError              missing page / file / revision
    │   │   └── InvalidTitleError              a title the wiki cannot have
    │   └── RetryExhaustedError                retries ran out (attempts/time)
    │       ├── RateLimitedError               ... on 429 / ``ratelimited``, or
    │       │                                  a Retry-After over the cap
    │       └── MaxlagTimeoutError             ... on ``maxlag``
    ├── LicenseError                           licence data or input
    │   ├── UnknownLicenseError                text that names no known licence
    │   └── LicenseInputError                  licence input of the wrong type,
    │                                          too large or too deeply nested
    ├── RecordError (also ValueError)          saved JSON that wikireuse did not write
    ├── DumpError                              a dump or snapshot file that cannot
    │                                          be read (names file and position)
    ├── ParallelError                          a shard of a parallel run failed, or
    │   │                                      its workers died (names the shard)
    │   └── MainGuardError                     the calling script lacks its
    │                                          ``if __name__ == "__main__":`` guard
    ├── StoreError                             the snapshot store cannot do it
    │   ├── StoreAccessError                   the file cannot be opened or read
    │   ├── StoreLockedError                   another connection held the lock
    │   └── ChunkNotFoundError                 no stored chunk has that id
    ├── SearchError                            a search cannot be run as asked
    │   └── VectorSupportError                 vector search needs an extra
    └── IntegrationSupportError                a framework adapter needs its extra

Compatibility *verdicts* are results, not errors: an unknown licence yields a
``Verdict`` whose status is ``unknown``; :class:`UnknownLicenseError` is only
raised where a caller asked for one specific licence record by identifier.

Every error is a frozen ``attrs`` class with keyword-only, typed context fields
and a human ``message``; it pickles with its fields, so an error raised in a
worker process (:mod:`wikireuse.parallel`) reaches the caller whole.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = [
    "APIError",
    "ChunkNotFoundError",
    "ConfigurationError",
    "CredentialsInURLError",
    "DeadlineExceededError",
    "DumpError",
    "FetchError",
    "HTTPStatusError",
    "HostUnreachableError",
    "IntegrationSupportError",
    "InvalidResponseError",
    "InvalidTitleError",
    "LicenseError",
    "LicenseInputError",
    "MainGuardError",
    "MaxlagTimeoutError",
    "PageNotFoundError",
    "ParallelError",
    "RateLimitedError",
    "RecordError",
    "RedirectRefusedError",
    "ResponseTooLargeError",
    "RetryExhaustedError",
    "SearchError",
    "StoreAccessError",
    "StoreError",
    "StoreLockedError",
    "TransportError",
    "UnknownLicenseError",
    "UserAgentError",
    "UserAgentRejectedError",
    "VectorSupportError",
    "WikiReuseError",
]


@attrs.frozen(kw_only=True, eq=False)
class WikiReuseError(Exception):
    """Root of every error wikireuse raises."""

    message: str

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception pickles its positional args, but these classes take
        # keyword-only fields: rebuild from the fields instead, so the error
        # crosses a process boundary (dask and multiprocessing pickle it).
        fields = {f.name: getattr(self, f.name) for f in attrs.fields(type(self))}
        return (_rebuild, (type(self), fields))


def _rebuild(cls: type[WikiReuseError], fields: dict[str, Any]) -> WikiReuseError:
    return cls(**fields)


@attrs.frozen(kw_only=True, eq=False)
class ConfigurationError(WikiReuseError, ValueError):
    """A constructor or function got an argument it cannot honour.

    Raised, for example, for ``max_concurrency=4`` (Wikimedia asks for at most
    three parallel connections) or an ``api_url`` that is not HTTP(S).
    """


@attrs.frozen(kw_only=True, eq=False)
class UserAgentError(ConfigurationError):
    """The User-Agent given for a Wikimedia host breaks the User-Agent policy.

    Raised before any request is sent when the UA is empty, is a library or
    browser default, or carries no contact of the operator (an e-mail address,
    a URL or a ``User:`` page), or a placeholder contact such as
    ``example.org``.
    """

    user_agent: str


@attrs.frozen(kw_only=True, eq=False)
class CredentialsInURLError(ConfigurationError):
    """A password or token would have been sent in a URL, so nothing was sent.

    URLs end up in logs (the client's, proxies', the wiki's access log);
    credentials go in a POST body. :meth:`wikireuse.Client.action` posts such
    actions itself; a GET through :meth:`~wikireuse.Client.get`,
    :meth:`~wikireuse.Client.rest` or mwclient is refused. *parameters* names
    the offending parameters.

    .. versionadded:: 0.1.0
    """

    parameters: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, eq=False)
class FetchError(WikiReuseError):
    """Talking to a wiki failed; *url* is the request that failed."""

    url: str = ""


@attrs.frozen(kw_only=True, eq=False)
class TransportError(FetchError):
    """The connection failed in a way that asking again will not fix.

    Raised at once for a TLS (certificate) failure or a request that cannot
    be sent. Connection resets and timeouts are retried; when they outlast
    the budget a :class:`RetryExhaustedError` (``status=None``) is raised with
    a :class:`TransportError` as its ``__cause__``.
    """


@attrs.frozen(kw_only=True, eq=False)
class HostUnreachableError(TransportError):
    """Nothing listens at the address, or its name does not resolve.

    On the first contact with a host this is a configuration error (a dead
    or mistyped URL) and is raised within ``RetryPolicy.first_contact_seconds``.
    Once the host has answered, the same failure is an outage and is retried
    within the whole budget; it is then the ``__cause__`` of the
    :class:`RetryExhaustedError`.

    *reason* is ``"connection-refused"``, ``"host-not-found"`` or
    ``"host-unreachable"``; *host* and *port* are where the client tried.

    .. versionadded:: 0.1.0
    """

    host: str = ""
    port: int | None = None
    reason: str = ""


@attrs.frozen(kw_only=True, eq=False)
class DeadlineExceededError(TransportError):
    """A response took longer than the client's *deadline* (seconds) in all.

    The read timeout only bounds the wait for each piece; a server that
    trickles a body keeps it from ever firing. Not retried: the same server
    would hold the next attempt as long.

    .. versionadded:: 0.1.0
    """

    deadline: float = 0.0


@attrs.frozen(kw_only=True, eq=False)
class RedirectRefusedError(FetchError):
    """A redirect led off the wiki's origin (or looped), so it was not followed.

    Only redirects within the scheme, host and port of the request are
    followed, plus those to hosts given in ``allow_redirect_hosts`` (never
    from https to http). *location* is where the server pointed, *status*
    its redirect status.

    .. versionadded:: 0.1.0
    """

    location: str = ""
    status: int = 0


@attrs.frozen(kw_only=True, eq=False)
class ResponseTooLargeError(FetchError):
    """A response body was larger than the client's *limit* (bytes, decoded).

    The body is read in pieces and reading stops at the limit, so a huge or
    endless body costs at most that much memory.

    .. versionadded:: 0.1.0
    """

    limit: int = 0


@attrs.frozen(kw_only=True, eq=False)
class HTTPStatusError(FetchError):
    """The server answered with an HTTP status that is not retried (most 4xx)."""

    status: int
    body_excerpt: str = ""


@attrs.frozen(kw_only=True, eq=False)
class UserAgentRejectedError(HTTPStatusError):
    """Wikimedia refused the request (403) because of its User-Agent policy.

    Never retried: the same UA would be refused again. See
    https://foundation.wikimedia.org/wiki/Policy:Wikimedia_Foundation_User-Agent_Policy
    """


@attrs.frozen(kw_only=True, eq=False)
class InvalidResponseError(FetchError):
    """The answer was not what the endpoint documents.

    For example an HTML page instead of JSON, a body that is not UTF-8, JSON
    nested absurdly deep, a lone surrogate in a string, or a field of the
    wrong type (a page id ``"x"``, ``contributors: null``). *field* is the
    JSON path of the offending value when one is to blame (e.g.
    ``query.pages[0].revisions[0].slots.main.content``), *url* the request.

    .. versionchanged:: 0.1.0
       *field* added.
    """

    status: int = 0
    body_excerpt: str = ""
    field: str = ""


@attrs.frozen(kw_only=True, eq=False)
class APIError(FetchError):
    """The Action API answered with an ``error`` object.

    *code* and *info* are the API's own; for example ``badvalue`` or
    ``missingtitle``.
    """

    code: str
    info: str = ""


@attrs.frozen(kw_only=True, eq=False)
class PageNotFoundError(APIError):
    """The page, file or revision asked for does not exist on the wiki."""

    title: str = ""


@attrs.frozen(kw_only=True, eq=False)
class InvalidTitleError(APIError):
    """The title cannot exist on the wiki (bad characters, empty, interwiki, ...).

    *reason* is the wiki's own explanation when it gave one.
    """

    title: str = ""
    reason: str = ""


@attrs.frozen(kw_only=True, eq=False)
class RetryExhaustedError(FetchError):
    """A retryable failure persisted past the retry budget.

    The budget is bounded both by attempts and by total elapsed time. The
    error carries the last HTTP *status* (``None`` for a transport failure),
    the wait the server last asked for (*retry_after*, seconds, if any), the
    number of *attempts* made and, as ``__cause__``, the last underlying error.
    """

    status: int | None = None
    retry_after: float | None = None
    attempts: int = 0


@attrs.frozen(kw_only=True, eq=False)
class RateLimitedError(RetryExhaustedError):
    """Still rate-limited (HTTP 429 or API ``ratelimited``) after every retry.

    Also raised at once when the server asks for a longer wait than the
    client's ``max_retry_after`` allows.
    """


@attrs.frozen(kw_only=True, eq=False)
class MaxlagTimeoutError(RetryExhaustedError):
    """The wiki's replication lag stayed above ``maxlag`` for every retry."""

    lag: float | None = None


@attrs.frozen(kw_only=True, eq=False)
class LicenseError(WikiReuseError):
    """A licence identifier, expression or data record could not be used."""


@attrs.frozen(kw_only=True, eq=False)
class UnknownLicenseError(LicenseError):
    """The text names no licence that the knowledge base knows.

    *suggestions* are the ids of known licences whose names are close to
    *text* (``wikireuse.licenses.suggest``), best first; empty when none is.
    """

    text: str
    suggestions: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, eq=False)
class LicenseInputError(LicenseError, ConfigurationError):
    """Licence input refused before any work: wrong type, too large or too deep.

    The licence functions take untrusted text; input beyond their limits (see
    ``wikireuse.licenses.LIMITS``) is refused quickly instead of costing
    unbounded time. *argument* names the parameter (``"text"``, ``"target"``,
    ``"sources[2]"``) and *excerpt* shows the start of the input. Also a
    :class:`ConfigurationError`, as for any bad argument.
    """

    argument: str
    excerpt: str = ""


@attrs.frozen(kw_only=True, eq=False)
class RecordError(WikiReuseError, ValueError):
    """A saved record (JSON, a manifest line) is not one wikireuse wrote.

    Raised by the ``from_dict`` / ``from_json`` readers of the result types.
    """


@attrs.frozen(kw_only=True, eq=False)
class DumpError(WikiReuseError):
    """A dump or snapshot file is truncated, corrupt or not what it claims.

    Raised by :func:`wikireuse.dumps.read_xml_dump` and
    :func:`wikireuse.dumps.read_enterprise`: *path* names the file and
    *position* where the fault was found (a byte offset of the file as
    stored, a line and column of the XML, a record number), so the file can
    be checked. What was read before the fault was yielded complete.
    """

    path: str = ""
    position: str = ""


@attrs.frozen(kw_only=True, eq=False)
class ParallelError(WikiReuseError):
    """A parallel run (:mod:`wikireuse.parallel`) could not finish.

    Raised when a shard's pipeline fails with something other than a
    wikireuse error (those reach the caller as they are), or when the worker
    processes died. *shard* names the shard when one is known.

    .. versionadded:: 0.2.0
    """

    shard: str = ""


@attrs.frozen(kw_only=True, eq=False)
class MainGuardError(ParallelError):
    """The calling script would start worker processes while being imported.

    Worker processes started with the ``spawn`` or ``forkserver`` method
    (dask's process scheduler, a ``dask.distributed`` nanny) import the
    caller's main module again; a script whose top-level code starts the
    parallel run would start it again in every worker. Put that code under
    ``if __name__ == "__main__":``. *script* is the main module's file.

    .. versionadded:: 0.2.0
    """

    script: str = ""


@attrs.frozen(kw_only=True, eq=False)
class StoreError(WikiReuseError):
    """The snapshot store cannot do what was asked.

    For example: the file is not a wikireuse store, or a revision already kept
    would be overwritten with different content (a store never rewrites one).
    *path* is the database file.
    """

    path: str = ""


@attrs.frozen(kw_only=True, eq=False)
class StoreAccessError(StoreError):
    """The store's file cannot be opened or read, for a reason the OS gives.

    *reason* says why in words: the folder does not exist, the path is a
    folder, permission denied. The message names the path.

    .. versionadded:: 0.1.0
    """

    reason: str = ""


@attrs.frozen(kw_only=True, eq=False)
class StoreLockedError(StoreError):
    """Another connection held the store's lock for longer than *timeout*.

    Several processes may open and write one store; each waits up to the
    store's ``lock_timeout`` for the others. This is raised when that wait
    runs out: the store is busy, not damaged.

    .. versionadded:: 0.1.0
    """

    timeout: float = 0.0


@attrs.frozen(kw_only=True, eq=False)
class ChunkNotFoundError(StoreError):
    """The store holds no chunk with the id *chunk_id*.

    .. versionadded:: 0.2.0
    """

    chunk_id: str = ""


@attrs.frozen(kw_only=True, eq=False)
class SearchError(WikiReuseError):
    """A search over a store cannot be run as asked.

    For example: the query has no words, or the store holds no vectors of
    the embedder given. *query* is the query as given.

    .. versionadded:: 0.2.0
    """

    query: str = ""


@attrs.frozen(kw_only=True, eq=False)
class VectorSupportError(SearchError):
    """Vector search needs packages that are not installed.

    *extra* names the wikireuse extra that brings them
    (``pip install 'wikireuse[vectors]'``).

    .. versionadded:: 0.2.0
    """

    extra: str = ""


@attrs.frozen(kw_only=True, eq=False)
class IntegrationSupportError(WikiReuseError):
    """A framework adapter of :mod:`wikireuse.integrations` lacks its framework.

    *extra* names the wikireuse extra that brings it
    (``pip install 'wikireuse[langchain]'``), *package* the missing package.

    .. versionadded:: 0.2.0
    """

    extra: str = ""
    package: str = ""


def _annotate(self: WikiReuseError, name: str, value: object) -> None:
    """Set an attribute that is no field: frameworks tag the errors they see.

    LlamaIndex's callbacks, for one, set ``event_added`` on every exception
    that passes through them; attrs' frozen ``__setattr__`` would refuse and
    replace the wikireuse error by a ``FrozenInstanceError``. The fields stay
    frozen.
    """
    if name in attrs.fields_dict(type(self)):
        raise attrs.exceptions.FrozenInstanceError
    BaseException.__setattr__(self, name, value)


def _open_for_tags(cls: type[WikiReuseError]) -> None:
    # attrs refuses to freeze a class with its own __setattr__, so each
    # frozen error class gets this one after it is made (keep this last).
    cls.__setattr__ = _annotate  # type: ignore[method-assign,assignment]
    for sub in cls.__subclasses__():
        _open_for_tags(sub)


_open_for_tags(WikiReuseError)

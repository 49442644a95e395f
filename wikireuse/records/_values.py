"""The value types of the HTTP layer: where a wiki is and what it answered.

Plain frozen records, with no I/O of their own: :class:`Wiki` (the endpoints
of one wiki), :class:`SiteInfo` and :class:`RateLimitInfo` (facts read from
the Action API), :class:`PagesResult` and :class:`RestResponse` (results of
:class:`wikireuse.Client` calls) and :class:`ClientStats`. They are public
through :mod:`wikireuse.http` and :mod:`wikireuse`.
"""

from __future__ import annotations

import json as jsonlib
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final
from urllib.parse import urlsplit

import attrs

from wikireuse.core._hosts import is_wikimedia_host
from wikireuse.exceptions import ConfigurationError, InvalidResponseError
from wikireuse.records._payload import EXCERPT
from wikireuse.records.titles import url_path

__all__ = [
    "EXCERPT",
    "ClientStats",
    "PagesResult",
    "RateLimit",
    "RateLimitInfo",
    "RestResponse",
    "SiteInfo",
    "Wiki",
    "to_wiki",
]

"""Characters of a response body kept in an error."""

_DOMAIN_RE: Final = re.compile(
    r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
    r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$",
    re.IGNORECASE,
)


def _check_http_url(
    instance: object, attribute: attrs.Attribute[Any], value: str
) -> None:
    if not isinstance(value, str):
        raise ConfigurationError(
            message=f"{attribute.name} must be a string, got {value!r}"
        )
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigurationError(
            message=f"{attribute.name} must be an http(s) URL with a host, "
            f"got {value!r}"
        )


def _check_api_path(
    instance: object, attribute: attrs.Attribute[Any], value: str
) -> None:
    parts = urlsplit(value)
    if not parts.path.endswith("api.php") or parts.query or parts.fragment:
        raise ConfigurationError(
            message=f"api_url must point at a MediaWiki api.php without a query "
            f"string, e.g. 'https://wiki.example.net/w/api.php'; got {value!r}"
        )


def _default_rest_url(wiki: Wiki) -> str:
    return wiki.api_url[: -len("api.php")] + "rest.php"


@attrs.frozen(kw_only=True)
class Wiki:
    """Where a wiki's APIs live.

    Attributes:
        api_url: The Action API endpoint, ending in ``api.php``.
        rest_url: The REST endpoint; by default ``rest.php`` beside ``api.php``.

    .. versionadded:: 0.1.0

    >>> wiki = Wiki.from_domain("en.wikipedia.org")
    >>> wiki.api_url, wiki.rest_url, wiki.is_wikimedia
    ('https://en.wikipedia.org/w/api.php', 'https://en.wikipedia.org/w/rest.php', True)
    >>> Wiki(api_url="http://127.0.0.1:8080/api.php").rest_url
    'http://127.0.0.1:8080/rest.php'
    """

    api_url: str = attrs.field(validator=[_check_http_url, _check_api_path])
    rest_url: str = attrs.field(
        default=attrs.Factory(_default_rest_url, takes_self=True),
        validator=_check_http_url,
    )

    @classmethod
    def from_domain(cls, domain: str) -> Wiki:
        """The wiki at ``https://<domain>/w/api.php``, as Wikimedia wikis are laid out.

        Raises:
            ConfigurationError: When *domain* is not a bare host name.
        """
        if not isinstance(domain, str) or not _DOMAIN_RE.match(domain.strip()):
            raise ConfigurationError(
                message=f"expected a bare domain such as 'en.wikipedia.org', got "
                f"{domain!r}; pass api_url=... for a full URL"
            )
        host = domain.strip().lower().rstrip(".")
        return cls(api_url=f"https://{host}/w/api.php")

    @property
    def host(self) -> str:
        """The host name of the Action API, lower case, without port."""
        return (urlsplit(self.api_url).hostname or "").lower()

    @property
    def netloc(self) -> str:
        """Host and port of the Action API, as in the URL."""
        return urlsplit(self.api_url).netloc

    @property
    def scheme(self) -> str:
        """``https`` or ``http``."""
        return urlsplit(self.api_url).scheme

    @property
    def script_path(self) -> str:
        """The path up to ``api.php``, with a trailing slash (e.g. ``/w/``)."""
        path = urlsplit(self.api_url).path
        return path[: -len("api.php")] or "/"

    @property
    def is_wikimedia(self) -> bool:
        """Whether the wiki is run by Wikimedia (and its UA policy applies)."""
        return is_wikimedia_host(self.host)


def to_wiki(value: Wiki | str) -> Wiki:
    """*value* as a :class:`Wiki`: a ``Wiki``, an ``api.php`` URL or a domain.

    Raises:
        ConfigurationError: For anything else.
    """
    if isinstance(value, Wiki):
        return value
    if isinstance(value, str):
        if "://" in value:
            return Wiki(api_url=value)
        return Wiki.from_domain(value)
    raise ConfigurationError(message=f"expected a Wiki or a domain, got {value!r}")


@attrs.frozen(kw_only=True)
class SiteInfo:
    """Facts about a wiki from ``meta=siteinfo`` (``general`` and ``rightsinfo``).

    Attributes:
        sitename: The wiki's name, e.g. ``Wikipedia``.
        lang: Content language code.
        server: ``$wgServer`` as the wiki reports it (may be protocol-relative).
        server_url: *server* made absolute with the API's scheme.
        articlepath: Path pattern of articles, with ``$1`` for the title.
        script_path: ``$wgScriptPath`` (e.g. ``/w``).
        generator: Software and version, e.g. ``MediaWiki 1.46.0``.
        base: URL of the main page.
        main_page: Title of the main page.
        wiki_id: Database name, e.g. ``enwiki``.
        rights_url: URL of the content licence (may be empty).
        rights_text: Name of the content licence (may be empty).

    .. versionadded:: 0.1.0
    """

    sitename: str
    lang: str
    server: str
    server_url: str
    articlepath: str
    script_path: str = ""
    generator: str = ""
    base: str = ""
    main_page: str = ""
    wiki_id: str = ""
    rights_url: str = ""
    rights_text: str = ""

    def article_url(self, title: str) -> str:
        """The canonical URL of the article *title*.

        >>> info = SiteInfo(sitename="W", lang="en", server="//w.test",
        ...                 server_url="https://w.test", articlepath="/wiki/$1")
        >>> info.article_url("Ada Lovelace")
        'https://w.test/wiki/Ada_Lovelace'
        """
        return self.server_url + self.articlepath.replace("$1", url_path(title))

    def index_url(self, title: str, **query: str | int) -> str:
        """A URL of ``index.php`` for *title*, with more query parameters.

        >>> info = SiteInfo(sitename="W", lang="en", server="//w.test",
        ...                 server_url="https://w.test", articlepath="/wiki/$1",
        ...                 script_path="/w")
        >>> info.index_url("Ada Lovelace", oldid=7)
        'https://w.test/w/index.php?title=Ada_Lovelace&oldid=7'
        """
        tail = "".join(f"&{k}={v}" for k, v in query.items())
        return (
            f"{self.server_url}{self.script_path}/index.php"
            f"?title={url_path(title)}{tail}"
        )

    @classmethod
    def from_api(cls, data: Mapping[str, Any], *, scheme: str = "https") -> SiteInfo:
        """Build from an ``action=query&meta=siteinfo`` response.

        Raises:
            InvalidResponseError: When the response has no ``general`` block.
        """
        query = data.get("query")
        general = query.get("general") if isinstance(query, Mapping) else None
        if not isinstance(general, Mapping):
            raise InvalidResponseError(
                message="meta=siteinfo response has no query.general block"
            )
        rights = query.get("rightsinfo") if isinstance(query, Mapping) else None
        rights = rights if isinstance(rights, Mapping) else {}
        server = str(general.get("server", ""))
        server_url = f"{scheme}:{server}" if server.startswith("//") else server

        def text(mapping: Mapping[str, Any], key: str) -> str:
            value = mapping.get(key, "")
            return value if isinstance(value, str) else str(value)

        return cls(
            sitename=text(general, "sitename"),
            lang=text(general, "lang"),
            server=server,
            server_url=server_url,
            articlepath=text(general, "articlepath"),
            script_path=text(general, "scriptpath"),
            generator=text(general, "generator"),
            base=text(general, "base"),
            main_page=text(general, "mainpage"),
            wiki_id=text(general, "wikiid"),
            rights_url=text(rights, "url"),
            rights_text=text(rights, "text"),
        )


@attrs.frozen(kw_only=True)
class ClientStats:
    """Counters of one client, as a snapshot.

    Attributes:
        requests_sent: HTTP requests handed to the transport (retries included).
        retries: Retries, after any cause.
        seconds_slept: Seconds spent waiting (pacing, pauses and backoff).
        cache_hits: Responses served from the cache without a request.
        not_modified: Requests answered ``304 Not Modified`` from the cache.

    .. versionadded:: 0.1.0
    """

    requests_sent: int = 0
    retries: int = 0
    seconds_slept: float = 0.0
    cache_hits: int = 0
    not_modified: int = 0


@attrs.frozen(kw_only=True)
class PagesResult:
    """Pages of an ``action=query``, merged across batches and continuations.

    Attributes:
        pages: Page objects (``formatversion=2`` dicts), each page once.
        normalized: ``(from, to)`` title normalisations the API applied.
        redirects: ``(from, to)`` redirects the API resolved.

    .. versionadded:: 0.1.0
    """

    pages: tuple[dict[str, Any], ...] = ()
    normalized: tuple[tuple[str, str], ...] = ()
    redirects: tuple[tuple[str, str], ...] = ()

    def by_title(self) -> Mapping[str, dict[str, Any]]:
        """The pages keyed by their (normalised, redirect-resolved) title."""
        return MappingProxyType(
            {p["title"]: p for p in self.pages if isinstance(p.get("title"), str)}
        )


@attrs.frozen(kw_only=True)
class RateLimit:
    """One rate limit the wiki applies to the current user.

    Attributes:
        action: What is limited, e.g. ``edit``, ``move``, ``upload``.
        group: Whom the limit counts: ``user``, ``ip``, ``newbie``,
            ``subnet``, ``ip-all``, ...
        hits: Actions allowed ...
        seconds: ... per this many seconds.

    .. versionadded:: 0.1.0
    """

    action: str
    group: str
    hits: int
    seconds: int


def _names(value: Any) -> frozenset[str]:
    if isinstance(value, list | tuple):
        return frozenset(str(v) for v in value)
    return frozenset()


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


@attrs.frozen(kw_only=True)
class RateLimitInfo:
    """Who the wiki thinks the client is, and the limits it applies.

    Built from ``meta=userinfo&uiprop=ratelimits|rights|groups``; see
    :meth:`Client.rate_limit_info`. The read rate of the 2026 classes is not
    reported by the API; these are the wiki's per-action (mostly write)
    limits, and the rights that raise the API's batch sizes.

    Attributes:
        user: The user name, or the IP address when not logged in.
        user_id: The user id, ``0`` when not logged in.
        anonymous: Whether the session is not logged in.
        groups: User groups, e.g. ``{"*", "user", "bot"}``.
        rights: User rights, e.g. ``{"read", "apihighlimits"}``.
        limits: The rate limits that apply, sorted by action and group.

    .. versionadded:: 0.1.0

    >>> info = RateLimitInfo.from_api({"query": {"userinfo": {
    ...     "id": 0, "name": "192.0.2.1", "anon": True, "groups": ["*"],
    ...     "rights": ["read", "edit"],
    ...     "ratelimits": {"edit": {"ip": {"hits": 8, "seconds": 60}}}}}})
    >>> info.anonymous, info.has_apihighlimits, info.limits_for("edit")
    (True, False, (RateLimit(action='edit', group='ip', hits=8, seconds=60),))
    """

    user: str
    user_id: int = 0
    anonymous: bool = False
    groups: frozenset[str] = frozenset()
    rights: frozenset[str] = frozenset()
    limits: tuple[RateLimit, ...] = ()

    @property
    def has_apihighlimits(self) -> bool:
        """Whether the API allows 500 titles per request (instead of 50)."""
        return "apihighlimits" in self.rights

    @property
    def exempt(self) -> bool:
        """Whether the user has ``noratelimit`` (no per-action limits)."""
        return "noratelimit" in self.rights

    def limits_for(self, action: str) -> tuple[RateLimit, ...]:
        """The limits on *action* (e.g. ``"edit"``), one per group."""
        return tuple(limit for limit in self.limits if limit.action == action)

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> RateLimitInfo:
        """Build from an ``action=query&meta=userinfo`` response.

        Both ``formatversion=2`` (``anon: true``) and 1 (``anon: ""``) are read;
        limits with unreadable numbers are left out.

        Raises:
            InvalidResponseError: When the response has no ``query.userinfo``.
        """
        query = data.get("query")
        info = query.get("userinfo") if isinstance(query, Mapping) else None
        if not isinstance(info, Mapping):
            raise InvalidResponseError(
                message="meta=userinfo response has no query.userinfo block"
            )
        limits: list[RateLimit] = []
        raw_limits = info.get("ratelimits")
        if isinstance(raw_limits, Mapping):
            for action, by_group in raw_limits.items():
                if not isinstance(by_group, Mapping):
                    continue
                for group, limit in by_group.items():
                    if not isinstance(limit, Mapping):
                        continue
                    hits = _whole(limit.get("hits"))
                    seconds = _whole(limit.get("seconds"))
                    if hits is not None and seconds is not None:
                        limits.append(
                            RateLimit(
                                action=str(action),
                                group=str(group),
                                hits=hits,
                                seconds=seconds,
                            )
                        )
        user_id = _whole(info.get("id"))
        return cls(
            user=str(info.get("name", "")),
            user_id=user_id if user_id is not None else 0,
            anonymous="anon" in info and info["anon"] is not False,
            groups=_names(info.get("groups")),
            rights=_names(info.get("rights")),
            limits=tuple(sorted(limits, key=lambda r: (r.action, r.group))),
        )


@attrs.frozen(kw_only=True, eq=False)
class RestResponse:
    """A successful response of the REST API (or :meth:`Client.get`).

    Attributes:
        status: HTTP status (200, or 304 answered from the cache as 200).
        headers: Response headers, read-only, case-insensitive.
        text: The decoded body.
        etag: The ``ETag`` header, if any.
        url: The final URL (after redirects).
        content: The raw body bytes.

    .. versionadded:: 0.1.0
    """

    status: int
    headers: Mapping[str, str]
    text: str
    etag: str | None
    url: str
    content: bytes = b""

    def json(self) -> Any:
        """The body parsed as JSON.

        Raises:
            InvalidResponseError: When the body is not JSON.
        """
        try:
            return jsonlib.loads(self.text)
        except ValueError as exc:
            raise InvalidResponseError(
                message=f"expected JSON from {self.url}, got {self.text[:80]!r}",
                url=self.url,
                status=self.status,
                body_excerpt=self.text[:EXCERPT],
            ) from exc

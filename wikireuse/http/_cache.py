"""A small private cache of idempotent GET responses, with revalidation.

Two tiers share one entry per URL:

* a :class:`cachetools.TLRUCache` (timer = the client's clock) of *fresh*
  entries, served without asking the server at all. How long an entry stays
  fresh is the server's ``Cache-Control: max-age`` (the Action API sets it
  from the ``maxage`` parameter), capped by the client's ``cache_ttl``;
  ``no-cache``, ``no-store`` or no ``max-age`` at all mean "not fresh";
* an LRU of entries that carry an ``ETag`` or ``Last-Modified``; when an entry
  is not fresh, the next request carries ``If-None-Match`` /
  ``If-Modified-Since`` and a ``304 Not Modified`` is answered from here.

Both MediaWiki's api.php (``ApiMain::checkConditionalRequestHeaders``) and the
REST API honour conditional requests, and a 304 costs the servers far less
than a full response.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping

import attrs
import cachetools

from wikireuse.typing import Clock

__all__ = ["CachedEntry", "ResponseCache", "freshness_lifetime"]

_MAX_AGE_RE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


def freshness_lifetime(headers: Mapping[str, str], cap: float) -> float:
    """Seconds a response may be served without asking, for a private cache.

    That is ``max-age`` less the ``Age`` the response already had when it
    arrived (Wikimedia's edge caches say how long they have held it), and no
    more than *cap*.

    >>> freshness_lifetime({"Cache-Control": "private, max-age=60"}, 300)
    60.0
    >>> freshness_lifetime({"Cache-Control": "s-maxage=600, max-age=0"}, 300)
    0.0
    >>> freshness_lifetime({"Cache-Control": "max-age=9999"}, 300)
    300.0
    >>> freshness_lifetime({"Cache-Control": "max-age=300", "Age": "280"}, 300)
    20.0
    >>> freshness_lifetime({}, 300)
    0.0
    """
    value = headers.get("Cache-Control", "")
    directives = {d.strip().split("=", 1)[0].lower() for d in value.split(",")}
    if directives & {"no-cache", "no-store"}:
        return 0.0
    match = _MAX_AGE_RE.search(value)
    if match is None:
        return 0.0
    age_text = (headers.get("Age") or "").strip()
    # RFC 9111 4.2.3: a malformed Age is treated as very old, i.e. not fresh.
    if age_text and not age_text.isdigit():
        return 0.0
    age = int(age_text) if age_text else 0
    return float(max(0, min(cap, int(match.group(1)) - age)))


@attrs.frozen(kw_only=True)
class CachedEntry:
    """What is kept of a response: enough to rebuild it."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    encoding: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    lifetime: float = 0.0

    def conditional_headers(self) -> dict[str, str]:
        """Headers that ask the server whether this entry is still current."""
        headers: dict[str, str] = {}
        if self.etag is not None:
            headers["If-None-Match"] = self.etag
        if self.last_modified is not None:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class ResponseCache:
    """Thread-safe two-tier response cache keyed by the full request URL.

    Args:
        clock: Monotonic seconds; freshness is measured with it.
        maxsize: Entries kept in each tier.

    >>> from wikireuse.testing import FakeClock
    >>> clock = FakeClock()
    >>> cache = ResponseCache(clock=clock, maxsize=4)
    >>> entry = CachedEntry(url="u", status=200, headers=(), content=b"x", lifetime=10)
    >>> cache.store("k", entry)
    >>> cache.fresh("k") is not None
    True
    >>> clock.sleep(11)
    >>> cache.fresh("k") is None
    True
    """

    def __init__(self, *, clock: Clock, maxsize: int = 1024) -> None:
        self._lock = threading.Lock()
        self._fresh: cachetools.TLRUCache[str, CachedEntry, float] = (
            cachetools.TLRUCache(maxsize=maxsize, ttu=_expires, timer=clock)
        )
        self._validatable: cachetools.LRUCache[str, CachedEntry] = cachetools.LRUCache(
            maxsize=maxsize
        )

    def fresh(self, key: str) -> CachedEntry | None:
        """The entry for *key* if it may be served without asking the server."""
        with self._lock:
            return self._fresh.get(key)

    def stale(self, key: str) -> CachedEntry | None:
        """The entry for *key* that can be revalidated, fresh or not."""
        with self._lock:
            return self._validatable.get(key)

    def store(self, key: str, entry: CachedEntry) -> None:
        """Keep *entry* while fresh, and for revalidation if it can be."""
        with self._lock:
            if entry.lifetime > 0:
                self._fresh[key] = entry
            else:
                self._fresh.pop(key, None)
            if entry.etag is not None or entry.last_modified is not None:
                self._validatable[key] = entry
            else:
                self._validatable.pop(key, None)

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._fresh.clear()
            self._validatable.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._validatable.keys() | self._fresh.keys())


def _expires(key: str, entry: CachedEntry, now: float) -> float:
    return now + entry.lifetime

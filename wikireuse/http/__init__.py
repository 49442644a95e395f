"""The transport: the one way every wikireuse feature talks HTTP.

:class:`Transport` talks to the MediaWiki Action API (``api.php``) and REST API
(``rest.php``) of Wikimedia wikis, or of any MediaWiki, the way Wikimedia asks
clients to behave:

* it requires a User-Agent with the **operator's** contact for Wikimedia hosts;
* it paces requests per host (0.3 s between starts, one in flight, by default)
  and never exceeds three concurrent requests;
* it sends ``maxlag=5`` and pauses the whole host on a lag error;
* it obeys ``Retry-After`` (seconds or HTTP-date) on 429/503 and backs off
  exponentially with full jitter on 5xx and transport failures, within a
  budget of attempts and total time;
* it batches titles 50 at a time (500 with ``apihighlimits``), follows
  ``continue`` by copying the whole object, and merges pages across batches;
* it caches idempotent GETs for as long as the server's ``max-age`` allows
  and revalidates them with ``ETag`` / ``Last-Modified``.

This package (:mod:`wikireuse.http._transport` and its private helpers) holds
the only modules in wikireuse that import :mod:`requests` (:mod:`wikireuse.testing`
aside); the value types live in :mod:`wikireuse.records._values`.

>>> from wikireuse.testing import FakeClock, HandlerAdapter, make_response, query_pages, page
>>> import requests
>>> clock = FakeClock()
>>> session = requests.Session()
>>> session.mount("https://", HandlerAdapter(lambda r: make_response(json=query_pages([page("Ada Lovelace", 7)]))))
>>> client = Transport("MyTool/1.0 (ops@mytool.net)", wiki="en.wikipedia.org",
...                    session=session, clock=clock, sleep=clock.sleep, wall_clock=clock.wall)
>>> [p["title"] for p in client.query_pages(titles=["Ada Lovelace"]).pages]
['Ada Lovelace']

:class:`wikireuse.Client` (:mod:`wikireuse.client`) is this transport with the
content methods on top; ``wikireuse.http.Client`` was its path until the
package was split into layers, and now raises an :class:`ImportError` that
says where it went (the transport cannot import the layers above it).

.. versionadded:: 0.1.0
"""  # noqa: E501

from typing import NoReturn

# ``wikireuse.http.requests`` was there while the transport was one module;
# code that patches ``requests.Session`` through it keeps working.
import requests  # noqa: F401

from wikireuse.http import _transport
from wikireuse.http._transport import PROFILES as PROFILES
from wikireuse.http._transport import ClientStats as ClientStats
from wikireuse.http._transport import PagesResult as PagesResult
from wikireuse.http._transport import RateLimit as RateLimit
from wikireuse.http._transport import RateLimitInfo as RateLimitInfo
from wikireuse.http._transport import RateProfile as RateProfile
from wikireuse.http._transport import RestResponse as RestResponse
from wikireuse.http._transport import RetryEvent as RetryEvent
from wikireuse.http._transport import RetryPolicy as RetryPolicy
from wikireuse.http._transport import SiteInfo as SiteInfo
from wikireuse.http._transport import Transport as Transport
from wikireuse.http._transport import TransportOptions as TransportOptions
from wikireuse.http._transport import Wiki as Wiki

__all__ = _transport.__all__


def __getattr__(name: str) -> NoReturn:
    if name == "Client":
        msg = (
            "wikireuse.http.Client moved to wikireuse.client.Client (also "
            "wikireuse.Client); wikireuse.http holds the transport "
            "(wikireuse.http.Transport)"
        )
        # ImportError, not AttributeError: ``from wikireuse.http import Client``
        # would replace an AttributeError by a message that does not say where.
        raise ImportError(msg, name=name)
    msg = f"module 'wikireuse.http' has no attribute {name!r}"
    raise AttributeError(msg)

"""The EventStreams reader and the store follower."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal
from urllib.parse import urlsplit

import attrs
import requests
import sseclient

from wikireuse.core._time import parse_timestamp
from wikireuse.exceptions import ConfigurationError, InvalidResponseError

if TYPE_CHECKING:
    from datetime import datetime

    from wikireuse.client import Client
    from wikireuse.store import Store

__all__ = ["STREAM_URL", "ChangeEvent", "follow", "iter_changes"]

STREAM_URL: Final = "https://stream.wikimedia.org/v2/stream/mediawiki.page_change.v1"
"""Wikimedia's page-change stream."""

# The blank line that ends an event, in each of the line endings SSE allows.
_EVENT_ENDS: Final = (b"\r\n\r\n", b"\n\n", b"\r\r")
# EventStreams' own default is 3 s; the SSE spec leaves it to the client.
_DEFAULT_RETRY: Final = 3.0

Kind = Literal["create", "edit", "move", "delete", "undelete", "visibility_change"]
_KINDS: Final = frozenset(
    {"create", "edit", "move", "delete", "undelete", "visibility_change"}
)


@attrs.frozen(kw_only=True)
class ChangeEvent:
    """One ``page_change`` event.

    Attributes:
        id: The SSE event id (pass it as ``last_event_id`` to resume after it).
        kind: ``create``, ``edit``, ``move``, ``delete``, ``undelete`` or
            ``visibility_change``.
        wiki: The wiki's Action API URL (``/w/api.php`` on the server of the
            event's page URL, else of its domain).
        pageid: The page.
        title: Its title after the change.
        namespace: Its namespace.
        revid: The revision concerned (the new one; for a visibility change,
            the one whose visibility changed).
        prior_title: The title before a move.
        when: When the change happened.
        hidden: What the revision now hides (``text``, ``user``,
            ``comment``): for ``visibility_change``.

    .. versionadded:: 0.2.0
    """

    id: str
    kind: Kind
    wiki: str
    pageid: int
    title: str
    namespace: int = 0
    revid: int | None = None
    prior_title: str | None = None
    when: datetime | None = None
    hidden: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, event_id: str, data: Mapping[str, Any]) -> ChangeEvent:
        """Read one event's JSON.

        Raises:
            InvalidResponseError: When a required field is missing.
        """
        try:
            page = data["page"]
            meta = data["meta"]
            kind = data["page_change_kind"]
            if kind not in _KINDS:
                raise KeyError(f"page_change_kind {kind!r}")
            revision = data.get("revision") or {}
            prior = (data.get("prior_state") or {}).get("page") or {}
            flags = (
                ("text", "is_content_visible"),
                ("user", "is_editor_visible"),
                ("comment", "is_comment_visible"),
            )
            dt = data.get("dt") or meta.get("dt")
            # The page's URL gives the scheme and port too (a wiki off the
            # default https port); Wikimedia wikis have /w/api.php.
            page_url = urlsplit(str(meta.get("uri", "")))
            server = (
                f"{page_url.scheme}://{page_url.netloc}"
                if page_url.scheme in ("http", "https") and page_url.netloc
                else f"https://{meta['domain']}"
            )
            return cls(
                id=event_id,
                kind=kind,
                wiki=f"{server}/w/api.php",
                pageid=int(page["page_id"]),
                title=str(page["page_title"]).replace("_", " "),
                namespace=int(page.get("namespace_id", 0)),
                revid=int(revision["rev_id"]) if "rev_id" in revision else None,
                prior_title=(
                    str(prior["page_title"]).replace("_", " ")
                    if kind == "move" and "page_title" in prior
                    else None
                ),
                when=parse_timestamp(dt) if isinstance(dt, str) else None,
                hidden=tuple(name for name, key in flags if revision.get(key) is False),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InvalidResponseError(
                message=f"page_change event {event_id!r} without {exc}"
            ) from exc


def _complete_events(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The bytes of whole events only: an event cut off by a drop is dropped.

    The SSE spec discards an event the stream ended inside of; sseclient-py
    would dispatch it, half-read.
    """
    pending = b""
    for chunk in chunks:
        pending += chunk
        cut = max(
            (
                found + len(sep)
                for sep in _EVENT_ENDS
                if (found := pending.rfind(sep)) >= 0
            ),
            default=0,
        )
        if cut:
            yield pending[:cut]
            pending = pending[cut:]


def iter_changes(
    client: Client,
    *,
    url: str = STREAM_URL,
    wikis: Collection[str] | None = None,
    last_event_id: str | None = None,
    max_events: int | None = None,
) -> Iterator[ChangeEvent]:
    """The page changes of an EventStreams stream, resuming across drops.

    Args:
        client: The client whose paced session (and User-Agent) is used.
        url: The stream (default: Wikimedia's ``page_change``).
        wikis: Keep only events of these wikis (API URLs or domains).
        last_event_id: Resume after this event (as a follower kept it).
        max_events: Stop after this many events (``None``: never).

    Yields:
        Each event once, in the stream's order.

    Raises:
        RetryExhaustedError: When the stream cannot be reached again.
        InvalidResponseError: For an event that is not a page change.
    """
    if max_events is not None and (
        isinstance(max_events, bool)
        or not isinstance(max_events, int)
        or max_events < 1
    ):
        raise ConfigurationError(message=f"bad max_events {max_events!r}")
    keep = None
    if wikis is not None:
        keep = {w if w.startswith("http") else f"https://{w}/w/api.php" for w in wikis}
    seen = 0
    retry = _DEFAULT_RETRY
    while True:
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = last_event_id
        response, _ = client._send(
            "GET", url, kind="raw", headers=headers, extra={"stream": True}
        )
        try:
            chunks = _complete_events(response.iter_content(chunk_size=None))
            for message in sseclient.SSEClient(chunks).events():
                if message.retry is not None and str(message.retry).isdigit():
                    retry = int(message.retry) / 1000
                if message.id is not None:
                    last_event_id = str(message.id)
                if message.event not in ("message", "page_change"):
                    continue
                event = ChangeEvent.from_data(
                    str(message.id or ""), json.loads(message.data)
                )
                if keep is not None and event.wiki not in keep:
                    continue
                yield event
                seen += 1
                if max_events is not None and seen >= max_events:
                    return
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
            pass  # dropped mid-stream: resume below, after the server's retry
        except ValueError as exc:
            raise InvalidResponseError(
                message=f"{url}: an event that is not JSON: {exc}", url=url
            ) from exc
        finally:
            response.close()
        client._sleep(retry)


def follow(
    client: Client,
    store: Store,
    *,
    url: str = STREAM_URL,
    max_events: int | None = None,
) -> Iterator[ChangeEvent]:
    """Apply a stream's page changes to *store*, yielding each event applied.

    Only pages the store holds are touched: edits, creations, moves and
    undeletions refetch the page (one request), deletions mark it,
    visibility changes mask the revision (:meth:`Store.redact`). After each
    event the stream position goes into the store (its cursor for *url*),
    and a later ``follow`` resumes after it.
    """
    cursor = store.cursor(url)
    last = cursor.get("event_id") if cursor is not None else None
    known = {(p.wiki, p.pageid) for p in store.pages()}
    for event in iter_changes(
        client, url=url, last_event_id=last, max_events=max_events
    ):
        if (event.wiki, event.pageid) in known:
            _apply(client, store, event)
        store.set_cursor(url, event_id=event.id)
        yield event


def _apply(client: Client, store: Store, event: ChangeEvent) -> None:
    if event.kind == "delete":
        store.mark_deleted(wiki=event.wiki, pageid=event.pageid)
    elif event.kind == "visibility_change":
        if event.revid is not None and event.hidden:
            store.redact(
                wiki=event.wiki,
                revid=event.revid,
                hidden=event.hidden,  # type: ignore[arg-type]
                reason=f"visibility_change event {event.id}",
            )
    else:
        (outcome,) = client.articles(
            pageids=[event.pageid], wiki=event.wiki, redirects=False
        )
        if outcome.article is None:
            store.mark_deleted(wiki=event.wiki, pageid=event.pageid)
        elif client.store is not store:
            store.put(outcome.article)

"""Where a piece of fetched content came from, and how it was made.

Every :class:`~wikireuse.articles.Article`, :class:`~wikireuse.media.MediaFile`
and :class:`~wikireuse.entities.Entity` carries a :class:`Provenance`: the
wiki, the request that returned the content (endpoint and parameters), the
revision and its timestamp, a hash of the content, when it was fetched, by
which User-Agent and wikireuse version, and any processing applied after.
With it any output can be traced back to its source and fetched again.

Provenance is plain data: :meth:`Provenance.to_dict` gives JSON-safe values
with stable field names and :meth:`Provenance.from_dict` reads them back
exactly (the JSON round trip is lossless).

>>> from datetime import datetime, timezone
>>> p = Provenance(
...     wiki="https://en.wikipedia.org/w/api.php",
...     endpoint="https://en.wikipedia.org/w/api.php",
...     params=(("action", "query"), ("titles", "Ada Lovelace")),
...     revid=1234, rev_timestamp=datetime(2024, 1, 1, tzinfo=timezone.utc),
...     content_hash=content_hash("text"),
...     fetched_at=datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc),
...     user_agent="MyTool/1.0 (ops@mytool.net) wikireuse/0.1.0",
...     wikireuse_version="0.1.0")
>>> Provenance.from_json(p.to_json()) == p
True
>>> p.to_dict()["fetched_at"]
'2026-11-27T12:00:00Z'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final, Literal

import attrs

from wikireuse.core import _json
from wikireuse.core._time import format_timestamp, parse_timestamp
from wikireuse.exceptions import InvalidResponseError, RecordError

__all__ = ["MANIFEST_SCHEMA", "SCHEMA", "Provenance", "RequestRecord", "content_hash"]

SCHEMA: Final = "wikireuse.provenance/1"
"""The ``schema`` value of :meth:`Provenance.to_dict`."""

MANIFEST_SCHEMA: Final = "wikireuse.manifest/1"
"""The ``schema`` value of every line of a store manifest
(:meth:`wikireuse.store.Store.manifest`); here, below the store, because the
credits pages read manifests too."""

ServedFrom = Literal["live", "store"]


def content_hash(content: str | bytes) -> str:
    """``sha256:<hex>`` of *content* (text is hashed as UTF-8).

    >>> content_hash("")
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _params(value: Any) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Mapping):
        value = value.items()
    return tuple((str(k), str(v)) for k, v in value)


@attrs.frozen(kw_only=True)
class RequestRecord:
    """One more request that contributed to a result (HTML, parse, contributors).

    Attributes:
        endpoint: The URL requested, without its query string.
        params: The query parameters, in the order sent.
        etag: The response's ``ETag``, when it had one.

    .. versionadded:: 0.1.0
    """

    endpoint: str
    params: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_params)
    etag: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "endpoint": self.endpoint,
            "params": [list(pair) for pair in self.params],
            "etag": self.etag,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RequestRecord:
        """Read what :meth:`to_dict` wrote."""
        return cls(
            endpoint=str(data["endpoint"]),
            params=_params(data.get("params", ())),
            etag=data.get("etag"),
        )


@attrs.frozen(kw_only=True)
class Provenance:
    """The record of where and how one result was fetched.

    Attributes:
        wiki: The wiki's Action API URL (``.../api.php``), naming the wiki.
        endpoint: The URL that returned the content (Action API or REST).
        params: That request's parameters, in the order sent (continuation
            keys excluded: the request can be made again as recorded).
        revid: The revision the content belongs to (``None`` when the content
            has no revision, e.g. a file's metadata without its page).
        rev_timestamp: When that revision was saved.
        content_hash: ``sha256:<hex>`` of the content as kept (the wikitext of
            an article; the canonical JSON of metadata).
        fetched_at: When the response was received (the client's wall clock).
        user_agent: The User-Agent header sent.
        wikireuse_version: The wikireuse version that fetched it.
        served_from: ``"live"`` from the wiki, ``"store"`` from a
            :class:`~wikireuse.store.Store` (e.g. when the wiki could not be
            reached; *note* says why).
        related: Other requests that contributed (Parsoid HTML, an
            ``action=parse`` for an old revision's categories, ...).
        steps: Processing applied after the fetch, in order, in words.
        note: Free text, e.g. why a store answered instead of the wiki.

    .. versionadded:: 0.1.0
    """

    wiki: str
    endpoint: str
    params: tuple[tuple[str, str], ...] = attrs.field(converter=_params)
    revid: int | None
    rev_timestamp: datetime | None
    content_hash: str
    fetched_at: datetime
    user_agent: str
    wikireuse_version: str
    served_from: ServedFrom = "live"
    related: tuple[RequestRecord, ...] = ()
    steps: tuple[str, ...] = ()
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values with stable names (schema ``wikireuse.provenance/1``)."""
        return {
            "schema": SCHEMA,
            "wiki": self.wiki,
            "endpoint": self.endpoint,
            "params": [list(pair) for pair in self.params],
            "revid": self.revid,
            "rev_timestamp": (
                format_timestamp(self.rev_timestamp)
                if self.rev_timestamp is not None
                else None
            ),
            "content_hash": self.content_hash,
            "fetched_at": format_timestamp(self.fetched_at),
            "user_agent": self.user_agent,
            "wikireuse_version": self.wikireuse_version,
            "served_from": self.served_from,
            "related": [r.to_dict() for r in self.related],
            "steps": list(self.steps),
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Provenance:
        """Read what :meth:`to_dict` wrote.

        Raises:
            RecordError: When *data* is not a provenance record.
        """
        if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
            raise RecordError(message=f"not a {SCHEMA} record: {str(data)[:200]!r}")
        try:
            stamp = data.get("rev_timestamp")
            served = data.get("served_from", "live")
            if served not in ("live", "store"):
                raise RecordError(message=f"bad served_from {served!r}")
            revid = data.get("revid")
            return cls(
                wiki=str(data["wiki"]),
                endpoint=str(data["endpoint"]),
                params=_params(data.get("params", ())),
                revid=int(revid) if revid is not None else None,
                rev_timestamp=(
                    parse_timestamp(stamp, field="rev_timestamp")
                    if stamp is not None
                    else None
                ),
                content_hash=str(data["content_hash"]),
                fetched_at=parse_timestamp(data["fetched_at"], field="fetched_at"),
                user_agent=str(data["user_agent"]),
                wikireuse_version=str(data["wikireuse_version"]),
                served_from=served,
                related=tuple(
                    RequestRecord.from_dict(r) for r in data.get("related", ())
                ),
                steps=tuple(str(s) for s in data.get("steps", ())),
                note=str(data.get("note", "")),
            )
        except (KeyError, TypeError, ValueError, InvalidResponseError) as exc:
            raise RecordError(message=f"incomplete provenance record: {exc}") from exc

    def _repr_html_(self) -> str:
        """A table for notebooks: every value escaped, only http(s) links."""
        from wikireuse.records._repr import html_table

        def stamp(value: datetime | None) -> str:
            return "" if value is None else format_timestamp(value)

        rows = [
            ("wiki", self.wiki, self.wiki),
            ("request", self.endpoint, self.endpoint),
            ("parameters", "&".join(f"{k}={v}" for k, v in self.params), ""),
            ("revision", "" if self.revid is None else str(self.revid), ""),
            ("revision time", stamp(self.rev_timestamp), ""),
            ("content hash", self.content_hash, ""),
            ("fetched at", stamp(self.fetched_at), ""),
            ("served from", self.served_from, ""),
            ("User-Agent", self.user_agent, ""),
            ("wikireuse", self.wikireuse_version, ""),
            ("steps", ", ".join(self.steps), ""),
            ("related requests", str(len(self.related)) if self.related else "", ""),
            ("note", self.note, ""),
        ]
        return html_table("provenance", [row for row in rows if row[1]])

    def to_json(self) -> str:
        """:meth:`to_dict` as compact JSON."""
        return _json.compact(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> Provenance:
        """Read what :meth:`to_json` wrote."""
        return cls.from_dict(_json.load(text))

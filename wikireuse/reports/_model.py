"""The usage report's records, JSON and Markdown (pure: no store, no SQLite)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Final

import attrs

from wikireuse.chunks.export import ExportManifest
from wikireuse.core import _json
from wikireuse.core._mapping import frozen_mapping
from wikireuse.core._time import format_optional, format_timestamp
from wikireuse.records.persons import PersonStatus
from wikireuse.reports._files import ExportedFile

__all__ = [
    "SCHEMA",
    "AuditedRun",
    "RevisionUse",
    "UsageReport",
    "WikiUsage",
]

SCHEMA: Final = "wikireuse.usage/1"
"""The ``schema`` value of :meth:`UsageReport.to_dict`."""

# The audit actions in the order the report lists their counts, with the
# name of each count.
_ACTION_COUNTS: Final = (
    ("fetch", "fetches"),
    ("ingest", "ingests"),
    ("sync", "syncs"),
    ("redact", "redactions"),
    ("delete", "deletions"),
    ("move", "moves"),
    ("chunk", "chunk_builds"),
    ("embed", "embeddings"),
    ("export", "exports"),
)
# Runs that bring revisions into the store: their dates are the collection's.
COLLECTING: Final = frozenset({"fetch", "ingest", "sync"})


@attrs.frozen(kw_only=True)
class WikiUsage:
    """What a store holds of one wiki.

    Attributes:
        wiki: The wiki's Action API URL.
        site_name: The wiki's own name (``""`` when no fetch learnt it).
        pages: Pages with a revision in the report.
        revisions: Revisions in the report.
        deleted_pages: Of those pages, how many a sync found deleted on the
            wiki.
    """

    wiki: str
    site_name: str = ""
    pages: int
    revisions: int
    deleted_pages: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class RevisionUse:
    """One stored revision, as the report (and its PROV entity) names it.

    Attributes:
        wiki: The wiki's Action API URL.
        pageid: Page id.
        revid: Revision id.
        title: The title it was stored under.
        license: SPDX id of its licence.
        content_hash: ``sha256:<hex>`` of its stored text.
        fetched_at: When it was fetched (or read from a dump).
        generated_by: The :attr:`AuditedRun.id` of the run that stored it;
            ``None`` when the audit log does not say (an ingest written by
            a wikireuse before reports).
    """

    wiki: str
    pageid: int
    revid: int
    title: str
    license: str
    content_hash: str
    fetched_at: datetime
    generated_by: int | None = None


@attrs.frozen(kw_only=True)
class AuditedRun:
    """One run of the audit log: an entry, or a fetch's consecutive entries.

    Every audit entry is one run, except that consecutive ``fetch`` entries
    of one wiki (one put each) are one fetch run.

    Attributes:
        id: The id of its first audit entry.
        action: The audit action (``fetch``, ``ingest``, ``sync``,
            ``redact``, ``delete``, ``move``, ``chunk``, ``embed``,
            ``export``).
        wiki: The wiki concerned (``None`` for ingests, chunk builds,
            embeddings and exports, which span the store).
        started: When its first entry was written.
        ended: When its last entry was written.
        entries: Audit entries in the run.
        requests: HTTP requests: for a sync, those it sent (its report);
            for a fetch run, the distinct requests recorded in the
            provenance of the revisions it stored; ``None`` for runs that
            send none.
        detail: What the run did, from its audit entries (counts, settings,
            what was masked and why; never masked content).
    """

    id: int
    action: str
    wiki: str | None = None
    started: datetime
    ended: datetime
    entries: int = 1
    requests: int | None = None
    detail: Mapping[str, Any] = attrs.field(factory=dict, converter=frozen_mapping)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "id": self.id,
            "action": self.action,
            "wiki": self.wiki,
            "started": format_timestamp(self.started),
            "ended": format_timestamp(self.ended),
            "entries": self.entries,
            "requests": self.requests,
            "detail": dict(self.detail),
        }

    @property
    def summary(self) -> str:
        """What the run did, in a few words."""
        d = self.detail
        if self.action == "fetch":
            return f"{d['revisions']} revisions put, {d['new']} new"
        if self.action == "ingest":
            return f"{d['source']}: read {d['read']}, added {d['added']}"
        if self.action == "sync":
            return f"{d['path']} sync, {d['requests_sent']} requests"
        if self.action == "redact":
            return f"revision {d['revid']}: {', '.join(d['fields'])} ({d['reason']})"
        if self.action == "chunk":
            return f"{d['chunks']} chunks of {d['revisions']} revisions"
        if self.action == "embed":
            return f"{d['added']} vectors of {d['model_id']}"
        if self.action == "export":
            if d.get("what") == "chunks":
                return f"{d['records']} chunks as {d['format']}, {d['files']} files"
            return f"manifest of {d['count']} revisions"
        if self.action == "delete":
            return f"page {d['pageid']} deleted"
        return f"page {d['pageid']} moved"


@attrs.frozen(kw_only=True)
class UsageReport:
    """What a store took, when, under which licences, and what was done to it.

    Made by :func:`~wikireuse.reports.usage_report` from a store and its
    audit log; written as Markdown, JSON, Croissant 1.0 with its
    Responsible-AI fields (:meth:`to_croissant`) or W3C PROV-JSON
    (:meth:`to_prov`). Every count in every form comes from the same
    fields, so they agree with each other and with the audit log.

    Attributes:
        store: The store's file.
        generated_at: When the report was made.
        since: The window's start (inclusive), if any.
        until: The window's end (exclusive), if any.
        today: The day persons were classified against.
        wikis: What the report covers of each wiki.
        revisions: The stored revisions it covers, by row order.
        runs: The audited runs in the window, oldest first.
        person_status: Pages by :class:`~wikireuse.privacy.PersonStatus`
            value (every status, zero included), from each page's newest
            revision in the report.
        minimisation: Chunks by the minimisation line they carry (what
            :func:`wikireuse.minimise` removed or coarsened).
    """

    store: str
    generated_at: datetime
    since: datetime | None = None
    until: datetime | None = None
    today: date
    wikis: tuple[WikiUsage, ...] = ()
    revisions: tuple[RevisionUse, ...] = ()
    runs: tuple[AuditedRun, ...] = ()
    person_status: Mapping[str, int] = attrs.field(
        factory=lambda: dict.fromkeys((s.value for s in PersonStatus), 0),
        converter=frozen_mapping,
    )
    minimisation: Mapping[str, int] = attrs.field(
        factory=dict, converter=frozen_mapping
    )

    # -- derived counts -----------------------------------------------------

    @property
    def licenses(self) -> Mapping[str, int]:
        """Revisions by SPDX id of their licence, most first."""
        counts = Counter(r.license for r in self.revisions)
        return MappingProxyType(
            dict(sorted(counts.items(), key=lambda i: (-i[1], i[0])))
        )

    @property
    def counts(self) -> Mapping[str, int]:
        """The report's figures: inventory, then audit entries by action."""
        entries = Counter[str]()
        for run in self.runs:
            entries[run.action] += run.entries
        data = {
            "wikis": len(self.wikis),
            "pages": sum(w.pages for w in self.wikis),
            "revisions": len(self.revisions),
            "audit_entries": sum(entries.values()),
            "runs": len(self.runs),
            "fetch_runs": sum(1 for r in self.runs if r.action == "fetch"),
        }
        data.update({name: entries[action] for action, name in _ACTION_COUNTS})
        return MappingProxyType(data)

    @property
    def redactions(self) -> tuple[tuple[tuple[str, ...], str, int], ...]:
        """``(fields, reason, revisions)``: what was masked and why, counted."""
        counts = Counter(
            (tuple(r.detail["fields"]), str(r.detail["reason"]))
            for r in self.runs
            if r.action == "redact"
        )
        return tuple((f, why, n) for (f, why), n in sorted(counts.items()))

    @property
    def collection_timeframe(self) -> tuple[datetime, datetime] | None:
        """First and last moment of the runs that brought revisions in."""
        runs = [r for r in self.runs if r.action in COLLECTING]
        if not runs:
            return None
        return min(r.started for r in runs), max(r.ended for r in runs)

    def runs_of(self, action: str) -> tuple[AuditedRun, ...]:
        """The runs of one audit *action*, oldest first."""
        return tuple(r for r in self.runs if r.action == action)

    # -- forms --------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values (schema ``wikireuse.usage/1``), without revisions.

        The revisions themselves are listed by :meth:`to_prov`; here they
        are counted.
        """
        frame = self.collection_timeframe
        return {
            "schema": SCHEMA,
            "store": self.store,
            "generated_at": format_timestamp(self.generated_at),
            "since": format_optional(self.since),
            "until": format_optional(self.until),
            "today": self.today.isoformat(),
            "counts": dict(self.counts),
            "collection_timeframe": (
                [format_timestamp(frame[0]), format_timestamp(frame[1])]
                if frame
                else None
            ),
            "wikis": [w.to_dict() for w in self.wikis],
            "licenses": dict(self.licenses),
            "person_status": dict(self.person_status),
            "minimisation": dict(self.minimisation),
            "redactions": [
                {"fields": list(f), "reason": why, "revisions": n}
                for f, why, n in self.redactions
            ],
            "runs": [r.to_dict() for r in self.runs],
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON."""
        return _json.pretty(self.to_dict())

    def to_markdown(self) -> str:
        """The report as a Markdown document (tables, one per section)."""
        from wikireuse.reports._markdown import markdown

        return markdown(self)

    def to_croissant(
        self, files: ExportManifest | Iterable[ExportedFile]
    ) -> dict[str, Any]:
        """Croissant 1.0 JSON-LD with the Responsible-AI fields for an export.

        See :func:`wikireuse.reports.croissant`.
        """
        from wikireuse.reports._croissant import croissant

        return croissant(self, files)

    def to_prov(self) -> dict[str, Any]:
        """W3C PROV-JSON: revisions, runs, wikis and how they relate.

        See :func:`wikireuse.reports.prov`.
        """
        from wikireuse.reports._prov import prov

        return prov(self)

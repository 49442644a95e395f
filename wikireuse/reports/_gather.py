"""Read a store and its audit log into a :class:`UsageReport`."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any

from wikireuse.core._time import from_epoch, parse_timestamp
from wikireuse.exceptions import (
    ConfigurationError,
    InvalidResponseError,
    StoreError,
    WikiReuseError,
)
from wikireuse.privacy import PersonStatus, classify_person
from wikireuse.reports._model import AuditedRun, RevisionUse, UsageReport, WikiUsage
from wikireuse.store import AuditEntry, Store
from wikireuse.typing import WallClock

__all__ = ["usage_report"]


def _bound(value: date | datetime | None, name: str, *, end: bool) -> datetime | None:
    """A window bound as an aware datetime; a date is its day's start (or end)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ConfigurationError(
                message=f"{name} needs a time zone: {value.isoformat()!r}"
            )
        return value.astimezone(timezone.utc)
    if isinstance(value, date):
        start = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
        return start + timedelta(days=1) if end else start
    raise ConfigurationError(message=f"{name} must be a date or datetime: {value!r}")


def _in(at: datetime, since: datetime | None, until: datetime | None) -> bool:
    return (since is None or at >= since) and (until is None or at < until)


def _runs(entries: Sequence[AuditEntry]) -> list[tuple[AuditEntry, ...]]:
    """The audit entries as runs: consecutive fetches of one wiki are one."""
    runs: list[list[AuditEntry]] = []
    for entry in entries:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and entry.action == last.action == "fetch"
            and entry.wiki == last.wiki
        ):
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return [tuple(run) for run in runs]


def _requests(provenance: Mapping[str, Any]) -> set[str]:
    """The requests a revision's provenance records (endpoint and parameters)."""
    found = {repr((provenance["endpoint"], provenance["params"]))}
    for related in provenance.get("related") or ():
        found.add(repr((related["endpoint"], related.get("params") or [])))
    return found


def _run_detail(run: tuple[AuditEntry, ...]) -> dict[str, Any]:
    first = run[0]
    if first.action == "fetch":
        return {
            "revisions": len(run),
            "new": sum(1 for e in run if e.detail["new"]),
            "revids": [e.detail["revid"] for e in run],
        }
    detail = dict(first.detail)
    if first.action == "ingest":
        detail.pop("rows", None)  # row ids are the store's business
    return detail


def usage_report(
    store: Store,
    *,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    today: date | None = None,
    wall_clock: WallClock | None = None,
) -> UsageReport:
    """What *store* took, when, under which licences, and what was done to it.

    Read from the store and its audit log (:meth:`Store.audit`): the wikis,
    pages and revisions, their licences, the runs (fetches with the requests
    their provenance records, ingests, syncs with their method and the
    requests they sent, redactions with what and why, chunk builds,
    embeddings, exports), and how many pages are about living people (each
    page's newest revision in the report, by
    :func:`~wikireuse.privacy.classify_person`; no network).

    Every audit entry is one run, except that consecutive ``fetch`` entries
    of one wiki are one fetch run. With a window (*since*, *until*), the
    report covers the runs whose entries fall in it and the revisions those
    runs stored (a revision whose storing run the log does not name counts
    when it was fetched in the window).

    Args:
        store: The store.
        since: Start of the window (inclusive); a date is its day's start
            (UTC).
        until: End of the window (exclusive); a date counts its whole day.
        today: The day to classify persons against (the 115-year rule);
            by default the day of *wall_clock*.
        wall_clock: Seconds since the epoch, for the report's time (and
            *today*); by default the system clock.

    Raises:
        ConfigurationError: *store* is not a :class:`~wikireuse.Store`, a
            bound is not a date, has no time zone, or *since* is not before
            *until*.
        StoreError: The store cannot be read, or its audit log or records
            are damaged.

    >>> import tempfile, pathlib
    >>> from datetime import date
    >>> from wikireuse.dumps import read_xml_dump
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with Store(pathlib.Path(folder) / "s.db") as store:
    ...         _ = store.ingest(read_xml_dump(
    ...             "examples/data/sample-wiki.xml.bz2"), source="sample")
    ...         report = usage_report(store, today=date(2026, 1, 1),
    ...                               wall_clock=lambda: 1.8e9)
    >>> report.counts["revisions"], report.counts["ingests"]
    (29, 1)
    """
    if not isinstance(store, Store):
        raise ConfigurationError(
            message="usage_report() reads a wikireuse Store, got "
            f"{type(store).__name__}"
        )
    start = _bound(since, "since", end=False)
    end = _bound(until, "until", end=True)
    if start is not None and end is not None and start >= end:
        raise ConfigurationError(
            message=f"since ({start.isoformat()}) must be before until "
            f"({end.isoformat()})"
        )
    clock = wall_clock if wall_clock is not None else time.time
    generated_at = from_epoch(clock())
    if today is None:
        today = generated_at.date()
    elif isinstance(today, datetime) or not isinstance(today, date):
        raise ConfigurationError(message=f"today must be a date, got {today!r}")
    try:
        return _gather(store, start, end, today, generated_at)
    except ConfigurationError:
        raise
    except (KeyError, TypeError, ValueError, InvalidResponseError) as exc:
        raise StoreError(
            message=f"{store.path}: damaged audit log or record: {exc!r}",
            path=str(store.path),
        ) from exc


def _gather(
    store: Store,
    since: datetime | None,
    until: datetime | None,
    today: date,
    generated_at: datetime,
) -> UsageReport:
    windowed = since is not None or until is not None
    all_runs = _runs(store.audit())
    # Which run stored which revision: a fetch entry names its revision, an
    # ingest entry the row ids it added.
    by_revid: dict[tuple[str, int], int] = {}
    row_ranges: list[tuple[int, int, int]] = []
    for run in all_runs:
        for entry in run:
            if entry.action == "fetch" and entry.detail["new"]:
                key = (str(entry.wiki), int(entry.detail["revid"]))
                by_revid.setdefault(key, run[0].id)
            elif entry.action == "ingest":
                for first, last in entry.detail.get("rows") or ():
                    row_ranges.append((int(first), int(last), run[0].id))
    in_window = {
        run[0].id for run in all_runs if any(_in(e.at, since, until) for e in run)
    }

    revisions: list[RevisionUse] = []
    sites: dict[str, str] = {}
    requests: dict[int, set[str]] = {}
    for row, stored in store.iter_revisions():
        wiki, revid = stored["wiki"], int(stored["revid"])
        origin = by_revid.get((wiki, revid))
        if origin is None:
            origin = next((r for a, b, r in row_ranges if a <= row <= b), None)
        provenance = stored["provenance"]
        fetched_at = parse_timestamp(provenance["fetched_at"], field="fetched_at")
        if windowed and (
            origin not in in_window
            if origin is not None
            else not _in(fetched_at, since, until)
        ):
            continue
        if origin is not None:
            requests.setdefault(origin, set()).update(_requests(provenance))
        if stored["site_name"]:
            sites[wiki] = stored["site_name"]
        revisions.append(
            RevisionUse(
                wiki=wiki,
                pageid=int(stored["pageid"]),
                revid=revid,
                title=stored["title"],
                license=stored["license"],
                content_hash=stored["content_hash"],
                fetched_at=fetched_at,
                generated_by=origin,
            )
        )

    runs = tuple(
        _audited(run, requests)
        for run in all_runs
        if not windowed or run[0].id in in_window
    )
    return UsageReport(
        store=str(store.path),
        generated_at=generated_at,
        since=since,
        until=until,
        today=today,
        wikis=_wikis(store, revisions, sites),
        revisions=tuple(revisions),
        runs=runs,
        person_status=_person_status(store, revisions, today),
        minimisation=_minimisation(store, revisions),
    )


def _audited(run: tuple[AuditEntry, ...], requests: dict[int, set[str]]) -> AuditedRun:
    first = run[0]
    count: int | None = None
    if first.action == "fetch":
        count = len(requests.get(first.id, ()))
    elif first.action == "sync":
        count = int(first.detail["requests_sent"])
    return AuditedRun(
        id=first.id,
        action=first.action,
        wiki=first.wiki,
        started=first.at,
        ended=run[-1].at,
        entries=len(run),
        requests=count,
        detail=_run_detail(run),
    )


def _wikis(
    store: Store, revisions: Iterable[RevisionUse], sites: Mapping[str, str]
) -> tuple[WikiUsage, ...]:
    pages: dict[str, set[int]] = {}
    counts = Counter[str]()
    for rev in revisions:
        pages.setdefault(rev.wiki, set()).add(rev.pageid)
        counts[rev.wiki] += 1
    deleted = Counter(
        p.wiki
        for p in store.pages()
        if p.status == "deleted" and p.pageid in pages.get(p.wiki, ())
    )
    return tuple(
        WikiUsage(
            wiki=wiki,
            site_name=sites.get(wiki, ""),
            pages=len(pages[wiki]),
            revisions=counts[wiki],
            deleted_pages=deleted[wiki],
        )
        for wiki in sorted(pages)
    )


def _newest(revisions: Iterable[RevisionUse]) -> dict[tuple[str, int], int]:
    """Each page's newest revision id among *revisions*."""
    newest: dict[tuple[str, int], int] = {}
    for rev in revisions:
        key = (rev.wiki, rev.pageid)
        newest[key] = max(newest.get(key, rev.revid), rev.revid)
    return newest


def _person_status(
    store: Store, revisions: Iterable[RevisionUse], today: date
) -> dict[str, int]:
    counts = dict.fromkeys((s.value for s in PersonStatus), 0)
    for (wiki, _), revid in sorted(_newest(revisions).items()):
        article = store.get(wiki=wiki, revid=revid)
        if article is None:  # the store changed under the report
            raise StoreError(
                message=f"{store.path}: revision {revid} of {wiki} vanished",
                path=str(store.path),
            )
        try:
            status = classify_person(article, today=today).status
        except WikiReuseError as exc:
            raise StoreError(
                message=f"{store.path}: revision {revid} of {wiki}: {exc}",
                path=str(store.path),
            ) from exc
        counts[status.value] += 1
    return counts


def _minimisation(store: Store, revisions: Iterable[RevisionUse]) -> dict[str, int]:
    wanted = {(r.wiki, r.revid) for r in revisions}
    counts = Counter[str]()
    for piece in store.iter_chunks(only_current=False):
        if (piece.wiki, piece.revid) in wanted:
            counts.update(piece.minimisation)
    return dict(sorted(counts.items()))

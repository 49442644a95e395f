"""The usage report as Markdown (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from wikireuse.core._time import format_timestamp

if TYPE_CHECKING:
    from wikireuse.reports._model import UsageReport

__all__ = ["markdown"]


def _cell(value: Any) -> str:
    """A table cell: pipes escaped, line breaks flattened."""
    text = "—" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _table(head: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines.extend("| " + " | ".join(_cell(v) for v in row) + " |" for row in rows)
    return [*lines, ""]


def _window(report: UsageReport) -> str:
    if report.since is None and report.until is None:
        return "the whole audit log"
    start = format_timestamp(report.since) if report.since else "the start"
    end = format_timestamp(report.until) if report.until else "now"
    return f"audit entries from {start} until (before) {end}"


def markdown(report: UsageReport) -> str:
    """*report* as a Markdown document."""
    frame = report.collection_timeframe
    lines = [
        f"# Usage report: {report.store}",
        "",
        f"Made {format_timestamp(report.generated_at)} from {_window(report)}; "
        f"persons classified as of {report.today.isoformat()}.",
        "",
    ]
    if frame is not None:
        lines += [
            f"Collected from {format_timestamp(frame[0])} to "
            f"{format_timestamp(frame[1])}.",
            "",
        ]
    lines += ["## Counts", "", *_table(("what", "count"), report.counts.items())]
    lines += ["## Wikis", ""]
    lines += _table(
        ("wiki", "name", "pages", "revisions", "deleted pages"),
        (
            (w.wiki, w.site_name, w.pages, w.revisions, w.deleted_pages)
            for w in report.wikis
        ),
    )
    lines += ["## Licences", ""]
    lines += _table(("licence (SPDX)", "revisions"), report.licenses.items())
    lines += ["## Runs", ""]
    lines += _table(
        ("run", "action", "wiki", "started", "ended", "entries", "requests", "what"),
        (
            (
                r.id,
                r.action,
                r.wiki,
                format_timestamp(r.started),
                format_timestamp(r.ended),
                r.entries,
                r.requests,
                r.summary,
            )
            for r in report.runs
        ),
    )
    syncs = report.runs_of("sync")
    if syncs:
        lines += ["## Syncs", ""]
        lines += _table(
            ("run", "wiki", "method", "requests sent", "changes read", "changed"),
            (
                (
                    r.id,
                    r.wiki,
                    r.detail["path"],
                    r.detail["requests_sent"],
                    r.detail["changes_read"],
                    ", ".join(
                        f"{name} {n}" for name, n in r.detail["counts"].items() if n
                    ),
                )
                for r in syncs
            ),
        )
    lines += ["## Redactions", ""]
    if report.redactions:
        lines += _table(
            ("hidden", "reason", "revisions"),
            ((", ".join(f), why, n) for f, why, n in report.redactions),
        )
    else:
        lines += ["None.", ""]
    lines += ["## Personal data", ""]
    lines += _table(
        ("person status (newest revision of each page)", "pages"),
        report.person_status.items(),
    )
    if report.minimisation:
        lines += _table(("minimised", "chunks"), report.minimisation.items())
    else:
        lines += ["No stored chunk records a minimisation.", ""]
    lines += ["## Chunks and exports", ""]
    built = report.runs_of("chunk") + report.runs_of("export")
    if built:
        lines += _table(
            ("run", "action", "at", "what", "settings or place"),
            (
                (
                    r.id,
                    r.action,
                    format_timestamp(r.ended),
                    r.summary,
                    _settings(r.detail),
                )
                for r in sorted(built, key=lambda r: r.id)
            ),
        )
    else:
        lines += ["None.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _settings(detail: Any) -> str:
    if "settings" in detail:
        return ", ".join(f"{k}={v}" for k, v in sorted(detail["settings"].items()))
    return str(detail.get("directory") or detail.get("path") or "")

"""``wikireuse report``: what a store took, when, and what was done to it.

Exit codes: 0 printed; 2 the store could not be read (a damaged audit log or
record); 64 a usage error (no store at the path, a file that is not a
store, dates the wrong way round, ``--format croissant`` without the
exported files).
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wikireuse.cli._common import _store_at
from wikireuse.cli.attribution import _NOW, _TODAY, _accessed_when, _now
from wikireuse.core._json import pretty
from wikireuse.exceptions import ConfigurationError

if TYPE_CHECKING:
    from wikireuse.cli._common import _Writer

__all__ = ["REPORT_FORMATS", "add_report_commands"]

REPORT_FORMATS = ("md", "json", "croissant", "prov")
_EX_FAILED = 2


def add_report_commands(subparsers: Any) -> None:
    """Register ``report``."""
    rep = subparsers.add_parser(
        "report",
        help="a usage report of a snapshot store (Markdown, JSON, Croissant, PROV)",
        description="What a snapshot store took, when, under which licences and "
        "what was done to it, from the store and its audit log. Exit codes: 0 "
        "printed, 2 the store could not be read, 64 usage error.",
    )
    rep.add_argument("--store", required=True, help="the snapshot store (a file)")
    rep.add_argument(
        "--format",
        default="md",
        choices=REPORT_FORMATS,
        help="md (default), json, croissant (JSON-LD describing exported "
        "files: give --manifest or --files) or prov (W3C PROV-JSON)",
    )
    for name, what in (("since", "from"), ("until", "up to (not including)")):
        rep.add_argument(
            f"--{name}",
            type=_accessed_when,
            metavar="DATE",
            help=f"only the audited runs {what} this date or ISO time with its "
            "zone ('today' and 'now' work too; --until DATE counts that day)",
        )
    rep.add_argument(
        "--today",
        type=_accessed_when,
        metavar="DATE",
        help="the day to classify living persons against (default: today)",
    )
    files = rep.add_mutually_exclusive_group()
    files.add_argument(
        "--manifest",
        metavar="PATH",
        help="(croissant) the manifest.json of an export, or its directory",
    )
    files.add_argument(
        "--files",
        nargs="+",
        metavar="FILE",
        help="(croissant) the exported files (.jsonl or .parquet shards, .json)",
    )
    rep.set_defaults(func=_cmd_report, failure_exit=_EX_FAILED)


def _moment(args: argparse.Namespace, value: Any) -> date | datetime | None:
    """A date option with the words 'today' and 'now' read off main()'s clock."""
    if value == _NOW:
        return _now(args)
    if value == _TODAY:
        return _now(args).date()
    return value if isinstance(value, date) else None


def _cmd_report(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse.reports import describe_files, exported_files, usage_report

    if not Path(args.store).is_file():
        raise ConfigurationError(message=f"no snapshot store at {args.store}")
    if args.format == "croissant" and not (args.manifest or args.files):
        raise ConfigurationError(
            message="--format croissant describes exported files: give "
            "--manifest PATH or --files FILE..."
        )
    today = _moment(args, args.today)
    with _store_at(args.store) as store:
        report = usage_report(
            store,
            since=_moment(args, args.since),
            until=_moment(args, args.until),
            today=today.date() if isinstance(today, datetime) else today,
            wall_clock=args.wall_clock,
        )
    if args.format == "md":
        out.write(report.to_markdown())
    elif args.format == "json":
        out.write(report.to_json() + "\n")
    elif args.format == "prov":
        out.write(pretty(report.to_prov()) + "\n")
    else:
        if args.manifest:
            folder = Path(args.manifest)
            found = exported_files(folder if folder.is_dir() else folder.parent)
        else:
            found = describe_files(args.files)
        out.write(pretty(report.to_croissant(found)) + "\n")
    return 0

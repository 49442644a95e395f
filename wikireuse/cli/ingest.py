"""``wikireuse ingest`` (dumps and snapshots into a store) and ``wikireuse follow``.

Registered on the main parser by :func:`add_ingest_commands`; the handlers
share the main command line's store opening, client options and exit codes:
0 done, 2 the input could not be read (a truncated or corrupt dump), the
store refused it or the stream could not be reached, 64 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from wikireuse.cli._common import _say_wait, _store_at, _user_agent
from wikireuse.core._json import pretty
from wikireuse.core._words import counted

if TYPE_CHECKING:
    from wikireuse.cli._common import _Writer
    from wikireuse.client import Client
    from wikireuse.dumps import DumpStream
    from wikireuse.store import IngestReport

__all__ = ["add_ingest_commands"]

_EX_FAILED = 2
_ENTERPRISE_SUFFIXES = (".ndjson", ".jsonl", ".json", ".tar.gz", ".tgz", ".ndjson.gz")


def add_ingest_commands(subparsers: Any) -> None:
    """Register ``wikireuse ingest`` on *subparsers*."""
    ingest = subparsers.add_parser(
        "ingest",
        help="load a MediaWiki XML dump or an Enterprise snapshot into a store",
        description="Stream the pages of an XML dump (.xml, .xml.bz2, .xml.gz) "
        "or a Wikimedia Enterprise snapshot (NDJSON, .tar.gz) into a snapshot "
        "store, in batches: each revision with the licence of its date and a "
        "provenance naming the file and its SHA-1. Ingesting the same file "
        "again adds nothing; an interrupted run, started again, finishes it.",
        epilog="exit codes: 0 ingested, 2 the file could not be read (the "
        "error names the position; what was read before it is kept) or the "
        "store refused it, 64 usage error",
    )
    ingest.add_argument("path", metavar="PATH", help="the dump or snapshot file")
    ingest.add_argument(
        "--store",
        required=True,
        metavar="DB",
        help="the snapshot store (created if new)",
    )
    ingest.add_argument(
        "--format",
        choices=("auto", "xml", "enterprise"),
        default="auto",
        help="the input's format (default: by the file name)",
    )
    ingest.add_argument(
        "--namespace",
        type=int,
        action="append",
        metavar="N",
        help="XML: namespace to keep (repeatable; default 0)",
    )
    ingest.add_argument(
        "--all-revisions",
        action="store_true",
        help="XML: every revision in the dump, not only each page's newest",
    )
    ingest.add_argument(
        "--rights",
        metavar="LICENCE",
        help="XML: the wiki's text licence (URL or name); default CC BY-SA 4.0 "
        "for Wikimedia projects that use it, else unknown",
    )
    ingest.add_argument(
        "--api-url",
        metavar="URL",
        help="XML: the wiki's api.php, when the dump's <base> does not say it",
    )
    ingest.add_argument("--json", action="store_true", help="print the report as JSON")
    ingest.add_argument(
        "--no-progress", action="store_true", help="no progress bar on a terminal"
    )
    ingest.set_defaults(func=_cmd_ingest, failure_exit=_EX_FAILED)

    follow = subparsers.add_parser(
        "follow",
        help="keep a store up to date from Wikimedia's page-change stream",
        description="Read the EventStreams page_change stream and apply each "
        "change to the pages the store holds (refetch edits, moves and "
        "undeletions; mark deletions; mask hidden revisions). The position "
        "is kept in the store: a later follow resumes where this one stopped. "
        "Runs until interrupted, or for --max-events events.",
        epilog="exit codes: 0 stopped after --max-events, 2 the stream or a "
        "wiki could not be reached, 64 usage error, 130 interrupted",
    )
    follow.add_argument(
        "--store", required=True, metavar="DB", help="the snapshot store"
    )
    # No default here: wikireuse.feeds loads requests, which the licence
    # commands must not pay for when the parser is built.
    follow.add_argument(
        "--stream-url",
        metavar="URL",
        help="the stream (default: Wikimedia's mediawiki.page_change.v1)",
    )
    follow.add_argument(
        "--max-events", type=int, metavar="N", help="stop after N events"
    )
    follow.add_argument(
        "--user-agent",
        metavar="UA",
        help="your tool's name and YOUR contact (or set $WIKIREUSE_USER_AGENT)",
    )
    follow.set_defaults(func=_cmd_follow, failure_exit=_EX_FAILED)


def _open(args: argparse.Namespace) -> DumpStream[Any]:
    from wikireuse.dumps import read_enterprise, read_xml_dump

    kind = args.format
    if kind == "auto":
        name = str(args.path).lower()
        kind = "enterprise" if name.endswith(_ENTERPRISE_SUFFIXES) else "xml"
    if kind == "enterprise":
        # Deletions and visibility changes are applied, not only counted.
        return read_enterprise(args.path, changes=True)
    return read_xml_dump(
        args.path,
        namespaces=tuple(args.namespace) if args.namespace else (0,),
        revisions="all" if args.all_revisions else "latest",
        wiki=args.api_url,
        rights=args.rights,
    )


def _with_progress(stream: DumpStream[Any]) -> Iterator[Any]:
    """The stream's articles, with a bar of bytes read and pages on stderr."""
    from tqdm import tqdm

    with tqdm(
        total=stream.file.size,
        unit="B",
        unit_scale=True,
        desc=stream.file.name,
        file=sys.stderr,
    ) as bar:
        for count, article in enumerate(stream, start=1):
            yield article
            if count % 50 == 0:
                bar.set_postfix(pages=count, refresh=False)
                bar.update(stream.bytes_read - bar.n)
        bar.update(stream.bytes_read - bar.n)


def _cmd_ingest(args: argparse.Namespace, out: _Writer) -> int:
    with _open(args) as stream, _store_at(args.store) as store:
        articles = (
            _with_progress(stream)
            if sys.stderr.isatty() and not args.no_progress
            else stream
        )
        report = store.ingest(
            articles, source=f"{stream.file.name} (sha1 {stream.file.sha1})"
        )
    if args.json:
        data = report.to_dict()
        data["file"] = {
            "name": stream.file.name,
            "sha1": stream.file.sha1,
            "size": stream.file.size,
        }
        data["skipped"] = dict(stream.skipped)
        out.write(pretty(data) + "\n")
    else:
        out.write(_summary(report, stream, args.store))
    return 0


def _cmd_follow(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse.feeds import STREAM_URL, follow

    agent = _user_agent(args)
    # main() puts the client factory on args: tests replace wikireuse.cli._make_client.
    make: Callable[..., Client] = args.make_client
    with (
        _store_at(args.store) as store,
        make(user_agent=agent, on_event=_say_wait) as client,
    ):
        for event in follow(
            client,
            store,
            url=args.stream_url or STREAM_URL,
            max_events=args.max_events,
        ):
            out.write(f"{event.id}\t{event.kind}\t{event.wiki}\t{event.title}\n")
    return 0


def _summary(report: IngestReport, stream: DumpStream[Any], db: str) -> str:
    lines = [
        f"read      {report.read:>8}  from {stream.file.name} "
        f"(sha1 {stream.file.sha1})",
        f"added     {report.added:>8}",
        f"already   {report.already_stored:>8}  stored before"
        + (" (nothing new)" if report.nothing_new else ""),
    ]
    if report.redacted:
        lines.append(
            f"masked    {report.redacted:>8}  kept masked (hidden on the wiki)"
        )
    if report.deleted:
        lines.append(f"deleted   {report.deleted:>8}  pages marked deleted")
    if report.masked:
        lines.append(
            f"masked    {report.masked:>8}  revisions masked (visibility changes)"
        )
    if report.license_disagreements:
        lines.append(
            f"licence   {report.license_disagreements:>8}  declared licence "
            "differs from the revision date's (kept: the date's)"
        )
    for why, count in stream.skipped.items():
        lines.append(f"skipped   {count:>8}  {why}")
    wikis = counted(len(report.wikis), "wiki")
    lines.append(
        f"store {db}: {counted(report.batches, 'batch', 'batches')}; "
        f"{wikis}: {', '.join(report.wikis)}"
    )
    return "\n".join(lines) + "\n"

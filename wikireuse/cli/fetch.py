"""``wikireuse fetch`` and ``wikireuse sync``: articles from a wiki, into a store."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from wikireuse.cli._common import (
    DEFAULT_WIKI,
    EX_FETCH,
    USER_AGENT_ENV,
    _add_wiki_options,
    _check_text,
    _client,
    _open_store,
    _positive_int,
    _store_at,
    _user_agent,
    _Writer,
)
from wikireuse.core._json import pretty
from wikireuse.core._words import counted
from wikireuse.exceptions import (
    ConfigurationError,
)

if TYPE_CHECKING:
    from wikireuse.client import Client
    from wikireuse.records.articles import ArticleOutcome
    from wikireuse.store import SyncReport


__all__ = [
    "add_fetch_commands",
]


def _fetch_epilog(done: str) -> str:
    """The exit codes of ``fetch`` and ``sync``, for their --help."""
    return (
        f"exit codes: 0 every title {done}, 1 some titles missing or invalid, "
        "2 the wiki could not be reached or answered with an error (or another "
        "failure), 64 usage or configuration error. The User-Agent comes from "
        f"--user-agent or ${USER_AGENT_ENV}."
    )


def add_fetch_commands(subparsers: Any) -> None:
    """Register ``wikireuse fetch`` and ``wikireuse sync`` on *subparsers*."""
    fetch = subparsers.add_parser(
        "fetch",
        help="fetch articles with their revision, licence and provenance",
        description="Fetch pages (50 a request) and print, for each, the "
        "revision, its timestamp, the licence of that revision and a "
        "permalink; --json prints the full records, wikitext and provenance "
        "included.",
        epilog=_fetch_epilog("found"),
    )
    fetch.add_argument(
        "titles", nargs="*", metavar="TITLE", help="page title (- reads stdin)"
    )
    _add_titles_from(fetch)
    fetch.add_argument(
        "--revid",
        type=_positive_int,
        action="append",
        default=[],
        metavar="N",
        help="fetch exactly revision N, possibly an old one (repeatable)",
    )
    _add_wiki_options(fetch, default_help=f"default: {DEFAULT_WIKI}")
    fetch.add_argument("--json", action="store_true", help="print JSON records")
    fetch.add_argument(
        "--store",
        metavar="DB",
        help="keep what is fetched in this snapshot store, and answer from it "
        "when the wiki cannot be reached",
    )
    fetch.set_defaults(func=_cmd_fetch, failure_exit=EX_FETCH)

    sync = subparsers.add_parser(
        "sync",
        help="bring a snapshot store up to date, fetching only what changed",
        description="Without titles: bring every stored page up to date from "
        "the wiki's recent changes since the last sync (the cost follows the "
        "changes; the first sync, or one after more than 90 days, checks every "
        "title). With titles: check those with one cheap request per 50 "
        "titles, fetch only the pages that changed and the titles the store "
        "does not know. Deletions, moves and hidden revisions are recorded.",
        epilog=_fetch_epilog("synced"),
    )
    sync.add_argument("db", metavar="DB", help="the snapshot store (created if new)")
    sync.add_argument(
        "titles",
        nargs="*",
        metavar="TITLE",
        help="page title (- reads stdin; default: every stored page)",
    )
    _add_titles_from(sync)
    _add_wiki_options(
        sync,
        default_help="default: the one wiki the store holds, or "
        f"{DEFAULT_WIKI} for a new store",
    )
    sync.add_argument("--json", action="store_true", help="print the report as JSON")
    sync.set_defaults(func=_cmd_sync, failure_exit=EX_FETCH)


def _add_titles_from(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--titles-from",
        metavar="FILE",
        help="read more titles from FILE, one a line (blank lines skipped; "
        "- is stdin), after the TITLEs given",
    )


def _read_titles(path: str) -> list[str]:
    """The titles in the file at *path* (``-``: stdin), one a line."""
    if path == "-":
        return [line.strip() for line in sys.stdin if line.strip()]
    try:
        with open(path, encoding="utf-8") as file:
            return [line.strip() for line in file if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        cause = (
            exc.strerror or str(exc) if isinstance(exc, OSError) else "not UTF-8 text"
        )
        raise ConfigurationError(
            message=f"cannot read the titles file {path}: {cause}"
        ) from exc


def _titles(args: argparse.Namespace) -> list[str]:
    """The TITLEs given, ``-`` read from stdin, then those of --titles-from.

    A page named "-" can still be asked for in a --titles-from file.
    """
    sources = [t for t in args.titles if t == "-"]
    if args.titles_from == "-":
        sources.append("-")
    if len(sources) > 1:
        raise ConfigurationError(message="titles can be read from stdin once")
    titles: list[str] = []
    for title in args.titles:
        titles.extend(_read_titles("-") if title == "-" else [title])
    if args.titles_from is not None:
        titles.extend(_read_titles(args.titles_from))
    args.titles = titles
    _check_text(args)  # stdin may hold bytes that are not UTF-8 as well
    return titles


def _cmd_fetch(args: argparse.Namespace, out: _Writer) -> int:
    if not _titles(args) and not args.revid:
        raise ConfigurationError(message="give at least one TITLE or --revid N")
    with _client(args, default=DEFAULT_WIKI) as client:
        # Opened only once the options are known to be good, so that a usage
        # error never leaves a new, empty store file behind.
        store = _open_store(args.store)
        client.store = store
        try:
            outcomes = list(client.iter_articles(args.titles)) if args.titles else []
            outcomes.extend(_fetch_revision(client, revid) for revid in args.revid)
        finally:
            if store is not None:
                store.close()
    if args.json:
        data = [o.to_dict() for o in outcomes]
        out.write(pretty(data) + "\n")
    else:
        out.write("\n".join(_describe(o) for o in outcomes) + "\n")
    return 0 if all(o.found for o in outcomes) else 1


def _fetch_revision(client: Client, revid: int) -> ArticleOutcome:
    from wikireuse.exceptions import PageNotFoundError
    from wikireuse.records.articles import ArticleOutcome, FetchStatus

    requested = f"revid:{revid}"
    try:
        article = client.article(revid=revid)
    except PageNotFoundError as exc:
        return ArticleOutcome(
            requested=requested, status=FetchStatus.MISSING, reason=exc.info
        )
    return ArticleOutcome(
        requested=requested,
        status=FetchStatus.FOUND,
        article=article,
        title=article.title,
    )


def _describe(outcome: ArticleOutcome) -> str:
    """One outcome as a few lines of text."""
    from wikireuse.core._time import format_timestamp
    from wikireuse.records.articles import FetchStatus

    article = outcome.article
    if article is None:
        invalid = outcome.status is FetchStatus.INVALID
        what = "invalid title" if invalid else "missing"
        reason = f" ({outcome.reason})" if outcome.reason else ""
        return f"{outcome.requested}: {what}{reason}"
    lines = [article.title]
    if outcome.status in (FetchStatus.REDIRECTED, FetchStatus.NORMALISED):
        lines.append(f"  requested: {outcome.requested} ({outcome.status.value})")
    lines += [
        f"  revision:  {article.revid} of {format_timestamp(article.timestamp)}",
        f"  licence:   {article.license.spdx} ({article.license.url})",
        f"  permalink: {article.permalink}",
    ]
    if article.from_store:
        lines.append(f"  note:      {article.provenance.note}")
    return "\n".join(lines)


def _cmd_sync(args: argparse.Namespace, out: _Writer) -> int:
    # Options are checked before the store file is made; without --wiki or
    # --api-url the wiki is the store's own, known only once it is open.
    # No titles: the whole store, from the wiki's recent changes; a store
    # that does not exist yet is not made only to say it is empty.
    if not _titles(args) and not os.path.exists(args.db):
        raise ConfigurationError(
            message=f"{args.db} does not exist yet: give titles to add"
        )
    _user_agent(args)
    explicit = args.wiki is not None or args.api_url is not None
    client = _client(args, default=DEFAULT_WIKI) if explicit else None
    try:
        with _store_at(args.db) as store:
            if client is None:
                # The store's own wiki, so a forgotten --wiki cannot fill a
                # store of one wiki with another wiki's pages.
                known = sorted({p.wiki for p in store.pages()})
                if len(known) > 1:
                    raise ConfigurationError(
                        message=f"{args.db} holds pages of {len(known)} wikis; "
                        "say which to sync with --api-url (one of "
                        f"{', '.join(known)})"
                    )
                if known:
                    args.api_url = known[0]
                client = _client(args, default=DEFAULT_WIKI)
            if not args.titles and not store.pages():
                raise ConfigurationError(
                    message=f"{args.db} holds no pages yet: give titles to add"
                )
            report = client.sync(store, args.titles or None)
    finally:
        if client is not None:
            client.close()
    if args.json:
        out.write(pretty(report.to_dict()) + "\n")
    else:
        out.write(_summary(report, args.db))
    return 0 if report.ok else 1


def _summary(report: SyncReport, db: str) -> str:
    """The sync report as a small table: a row per group, titles after."""
    rows = []
    for name, count in report.counts.items():
        items: tuple[Any, ...] = getattr(report, name)
        shown = (
            ""
            if name == "unchanged"
            else ", ".join(" -> ".join(i) if isinstance(i, tuple) else i for i in items)
        )
        rows.append(f"{name:<10} {count:>5}  {shown}".rstrip())
    if report.redacted:
        masked = counted(len(report.redacted), "revision")
        rows.append(f"{'redacted':<10} {len(report.redacted):>5}  {masked} masked")
    if report.note:
        rows.append(f"{report.path} sync: {report.note}")
    sent = counted(report.requests_sent, "request")
    rows.append(f"{sent} to {report.wiki}; store {db}")
    return "\n".join(rows) + "\n"


# -- attribute, cite and credits ------------------------------------------------------

"""The ``wikireuse`` command line.

Subcommands are registered by functions that take the top-level
``subparsers`` object (see :func:`add_license_commands`), so other command
groups can be added next to ``license`` without touching it. Each subcommand
stores its handler as ``func``; a handler returns the process exit code.

Exit codes of ``wikireuse license check``: 0 compatible, 1 incompatible,
2 conditional, 3 unknown; 64 is a usage error (argparse's own 2 would be
mistaken for "conditional").

Exit codes of ``wikireuse fetch`` and ``wikireuse sync``: 0 every title was
found (or synced), 1 some titles were missing or invalid, 2 the wiki could
not be reached or answered with an error (or the command failed otherwise,
e.g. a damaged stored record), 64 a usage or configuration error (no
User-Agent, a bad ``--api-url``, a file that is not a snapshot store).

Exit codes of ``wikireuse attribute`` and ``wikireuse cite``: 0 printed,
1 no such page, file, item or revision (or an invalid title), 2 the wiki
could not be reached or answered with an error, 64 a usage or configuration
error. ``attribute`` reads an entity id (``Q42``, ``P31``, ``L7``, an
``/entity/Q42`` link) as a Wikibase entity only on Wikidata and
test.wikidata.org (and ``M123`` on Commons): elsewhere ``Q42`` is a title.
Any command exits 130 on Ctrl-C.
``wikireuse credits`` works offline: 0 printed, and with ``--into`` the codes
of ``license check`` (0 compatible, 1 incompatible, 2 conditional,
3 unknown); 64 a usage error, or a store or manifest it cannot read or
that lists no pages.

The command line is the edge of the program: it alone reads the wall clock,
and only where the user asks for "now" (``cite`` without ``--accessed``,
``--accessed today``); :func:`main` takes the clock as ``wall_clock=`` so
tests pass a fake one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timezone
from typing import IO, TYPE_CHECKING, Any, NamedTuple, NoReturn
from urllib.parse import urlsplit

from wikireuse._json import pretty
from wikireuse.exceptions import (
    ConfigurationError,
    FetchError,
    RecordError,
    StoreError,
    WikiReuseError,
)

if TYPE_CHECKING:
    from wikireuse.articles import Article, ArticleOutcome
    from wikireuse.attribution import Attribution
    from wikireuse.entities import Entity
    from wikireuse.http import Client, RetryEvent
    from wikireuse.media import MediaFile
    from wikireuse.store import Store, SyncReport
    from wikireuse.typing import WallClock

__all__ = [
    "EX_FETCH",
    "EX_USAGE",
    "FORMATS",
    "LANGUAGES",
    "USER_AGENT_ENV",
    "add_attribution_commands",
    "add_fetch_commands",
    "add_license_commands",
    "build_parser",
    "main",
]

EX_USAGE = 64
"""Exit code for a command-line usage error (BSD ``sysexits.h``)."""

EX_FETCH = 2
"""Exit code of ``fetch``/``sync`` when the wiki could not be reached or
answered with an error."""

USER_AGENT_ENV = "WIKIREUSE_USER_AGENT"
"""Environment variable read for the User-Agent when ``--user-agent`` is not
given."""

DEFAULT_WIKI = "en.wikipedia.org"
"""The wiki ``fetch`` asks (and ``sync`` fills a new store from) by default."""

_EPILOG = (
    "exit codes: 0 compatible, 1 incompatible, 2 conditional, 3 unknown, "
    "64 usage error (not argparse's usual 2, which would read as 'conditional')"
)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors exit with 64, not 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EX_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The complete ``wikireuse`` argument parser."""
    parser = _Parser(
        prog="wikireuse",
        description="Licence-aware reuse of Wikimedia content.",
        epilog="exit codes: see 'wikireuse COMMAND --help'; 64 is always a usage error",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    add_license_commands(subparsers)
    add_fetch_commands(subparsers)
    add_attribution_commands(subparsers)
    from wikireuse.cli_ingest import add_ingest_commands

    add_ingest_commands(subparsers)
    return parser


def add_license_commands(subparsers: Any) -> None:
    """Register ``wikireuse license check|outbound|explain`` on *subparsers*."""
    lic = subparsers.add_parser(
        "license",
        help="licence compatibility: check, outbound, explain",
        description="Licence compatibility for reusing Wikimedia content.",
        epilog=_EPILOG,
    )
    sub = lic.add_subparsers(dest="license_command", metavar="SUBCOMMAND")
    sub.required = True

    chk = sub.add_parser(
        "check",
        help="may SOURCE... be reused in a work under TARGET?",
        description="Check whether the sources may be reused (adapted, collected "
        "or copied verbatim) in a work under the target licence.",
        epilog=_EPILOG,
    )
    chk.add_argument("sources", nargs="+", metavar="SOURCE", help="source licence")
    chk.add_argument("--into", required=True, metavar="TARGET", help="target licence")
    _add_context(chk)
    fmt = chk.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the verdict as JSON")
    fmt.add_argument("--flict", action="store_true", help="print flict-style JSON")
    chk.set_defaults(func=_cmd_check)

    out = sub.add_parser(
        "outbound",
        help="which licences may the combined or adapted work carry?",
        description="List the licences a work made from SOURCE... may carry, "
        "best first.",
        epilog="exit codes: 0 a compatible licence exists, 2 only conditional "
        "ones, 1 none, 3 unknown source licence, 64 usage error",
    )
    out.add_argument("sources", nargs="+", metavar="SOURCE", help="source licence")
    _add_context(out)
    out.add_argument("--json", action="store_true", help="print JSON")
    out.set_defaults(func=_cmd_outbound)

    exp = sub.add_parser(
        "explain",
        help="what a licence requires and permits",
        description="Explain a licence identifier or licence text.",
        epilog="exit codes: 0 explained, 3 unknown licence, 64 usage error",
    )
    exp.add_argument("license", metavar="ID", help="licence id or text")
    exp.set_defaults(func=_cmd_explain)


def _add_context(p: argparse.ArgumentParser) -> None:
    """The options shared by ``check`` and ``outbound``: use mode and context."""
    p.add_argument(
        "--use",
        default="adapt",
        choices=("adapt", "collect", "verbatim", "format-convert", "synch"),
        help="how the sources are reused (default: adapt)",
    )
    p.add_argument("--commercial", action="store_true", help="commercial reuse")
    p.add_argument(
        "--private",
        action="store_true",
        help="the result is kept private, not shared",
    )
    p.add_argument("--drm", action="store_true", help="distributed with DRM")
    p.add_argument(
        "--odbl-work",
        default="produced-work",
        choices=("produced-work", "derivative-database"),
        help="for ODbL sources (default: produced-work)",
    )
    p.add_argument(
        "--gfdl-eligible",
        default="unknown",
        choices=("yes", "no", "unknown"),
        help="was the GFDL item eligible for the 2009 CC BY-SA migration?",
    )
    p.add_argument(
        "--jurisdiction",
        default=None,
        metavar="CC",
        help="country code where the reuse happens (public-domain status)",
    )
    p.add_argument(
        "--quotation",
        action="store_true",
        help="the reuse relies on a quotation exception",
    )


def _context(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of ``check()``/``outbound()`` from those options."""
    eligible = {"yes": True, "no": False, "unknown": None}[args.gfdl_eligible]
    return {
        "use": args.use,
        "commercial": args.commercial,
        "shared": not args.private,
        "drm": args.drm,
        "odbl_work": args.odbl_work,
        "gfdl_migration_eligible": eligible,
        "jurisdiction": args.jurisdiction,
        "quotation": args.quotation,
    }


def _cmd_check(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse.licenses import check

    verdict = check(args.sources, args.into, **_context(args))
    if args.json:
        out.write(verdict.to_json(indent=2) + "\n")
    elif args.flict:
        out.write(json.dumps(verdict.to_flict(), ensure_ascii=False) + "\n")
    else:
        out.write(verdict.explain() + "\n")
    return verdict.exit_code


def _cmd_outbound(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse.licenses import Status, is_known, outbound, parse

    options = outbound(args.sources, **_context(args))
    unknown = [s for s in args.sources if not is_known(parse(s))]
    if not options and unknown:
        sys.stderr.write(f"wikireuse: unknown licence: {', '.join(unknown)}\n")
        return 3
    if args.json:
        data = [o.to_dict() for o in options]
        out.write(pretty(data) + "\n")
    elif not options:
        out.write("No licence works for this combination.\n")
    else:
        width = max(len(o.license_id) for o in options)
        for o in options:
            kinds = sorted({ob.kind for ob in o.obligations})
            out.write(
                f"{o.license_id:<{width}}  {o.status.value:<12} {', '.join(kinds)}\n"
            )
    if any(o.status is Status.COMPATIBLE for o in options):
        return 0
    return 2 if options else 1


def _cmd_explain(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse.licenses import explain, is_known, parse

    out.write(explain(args.license).rstrip("\n") + "\n")
    return 0 if is_known(parse(args.license)) else 3


# -- fetch and sync ---------------------------------------------------------------


def _fetch_epilog(done: str) -> str:
    """The exit codes of ``fetch`` and ``sync``, for their --help."""
    return (
        f"exit codes: 0 every title {done}, 1 some titles missing or invalid, "
        "2 the wiki could not be reached or answered with an error (or another "
        "failure), 64 usage or configuration error. The User-Agent comes from "
        f"--user-agent or ${USER_AGENT_ENV}."
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        msg = f"not a positive revision id: {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


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
    fetch.add_argument("titles", nargs="*", metavar="TITLE", help="page title")
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
        "titles", nargs="*", metavar="TITLE", help="page title (default: all)"
    )
    _add_wiki_options(
        sync,
        default_help="default: the one wiki the store holds, or "
        f"{DEFAULT_WIKI} for a new store",
    )
    sync.add_argument("--json", action="store_true", help="print the report as JSON")
    sync.set_defaults(func=_cmd_sync, failure_exit=EX_FETCH)


def _add_wiki_options(p: argparse.ArgumentParser, *, default_help: str) -> None:
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--wiki",
        metavar="DOMAIN",
        help=f"a Wikimedia wiki's domain, e.g. de.wikipedia.org ({default_help})",
    )
    where.add_argument(
        "--api-url",
        metavar="URL",
        help="any MediaWiki's api.php, e.g. https://wiki.example.net/w/api.php",
    )
    p.add_argument(
        "--user-agent",
        metavar="UA",
        help="your tool's name and YOUR contact, e.g. 'MyTool/1.0 "
        f"(https://mytool.net; ops@mytool.net)' (or set ${USER_AGENT_ENV})",
    )
    p.add_argument(
        "--give-up-after",
        type=_positive_seconds,
        metavar="SECONDS",
        help="stop retrying a failing or busy wiki after this long (default "
        "1800: a busy wiki may ask for waits that add up to minutes)",
    )


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:  # also refuses NaN
        msg = f"not a positive number of seconds: {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _user_agent(args: argparse.Namespace) -> str:
    agent = (args.user_agent or os.environ.get(USER_AGENT_ENV, "")).strip()
    if not agent:
        raise ConfigurationError(
            message="no User-Agent given: Wikimedia requires one that names your "
            "tool and how to contact you, e.g. --user-agent 'MyTool/1.0 "
            f"(https://mytool.net; ops@mytool.net)', or set {USER_AGENT_ENV}"
        )
    return agent


def _make_client(**kwargs: Any) -> Client:
    """The client the commands use (a seam for tests to inject a fake clock)."""
    from wikireuse.http import Client

    return Client(**kwargs)


def _client(args: argparse.Namespace, *, default: str) -> Client:
    """The client for the options given (checked here, before any request)."""
    if args.wiki is not None and ("/" in args.wiki or ":" in args.wiki):
        raise ConfigurationError(
            message=f"--wiki takes a wiki's domain, e.g. de.wikipedia.org, not "
            f"{args.wiki!r}: give a page's URL as the page itself, or the "
            "wiki's api.php with --api-url"
        )
    options: dict[str, Any] = (
        {"api_url": args.api_url}
        if args.api_url is not None
        else {"wiki": args.wiki or default}
    )
    if args.give_up_after is not None:
        from wikireuse.http import RetryPolicy

        options["retry"] = RetryPolicy(max_total_seconds=args.give_up_after)
    return _make_client(user_agent=_user_agent(args), on_event=_say_wait, **options)


def _say_wait(event: RetryEvent) -> None:
    """Tell the person at the terminal why nothing seems to happen.

    A retry budget can run to minutes (Retry-After, maxlag, backoff); silence
    for that long reads as a hang.
    """
    status = f"HTTP {event.status}" if event.status is not None else event.reason
    sys.stderr.write(
        f"wikireuse: {event.host}: {status} ({event.reason}); waiting "
        f"{event.wait:.0f} s before attempt {event.attempt + 1}\n"
    )


def _open_store(path: str | None) -> Store | None:
    return None if path is None else _store_at(path)


def _store_at(path: str) -> Store:
    """Open the store named on the command line.

    A file that cannot be opened as a store is a usage error (64), so that
    StoreError becomes a ConfigurationError here; a StoreError later on (a
    damaged record, a failed write) is a failure of the command (2).
    """
    from wikireuse.store import Store

    try:
        return Store(path)
    except StoreError as exc:
        raise ConfigurationError(message=exc.message) from exc


def _cmd_fetch(args: argparse.Namespace, out: _Writer) -> int:
    if not args.titles and not args.revid:
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
    from wikireuse.articles import ArticleOutcome, FetchStatus
    from wikireuse.exceptions import PageNotFoundError

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
    from wikireuse._time import format_timestamp
    from wikireuse.articles import FetchStatus

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
            report = client.sync(store, args.titles)
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
        rows.append(f"{'redacted':<10} {len(report.redacted):>5}  revisions masked")
    if report.note:
        rows.append(f"{report.path} sync: {report.note}")
    rows.append(f"{report.requests_sent} requests to {report.wiki}; store {db}")
    return "\n".join(rows) + "\n"


# -- attribute, cite and credits ------------------------------------------------------

FORMATS = ("text", "html", "markdown", "wikitext", "json")
"""The output formats of ``wikireuse attribute``."""

STYLES = ("credit", "reuse-notice", "copy-summary")
"""What ``wikireuse attribute --style`` prints (:data:`wikireuse.attribution.Style`)."""

LANGUAGES = ("en", "de", "fr", "es")
"""The languages the command line offers for attributions and credits pages."""

_FILE_NS = 6
_MEDIA_NS = -2  # [[Media:X.png]] names the file itself

_ATTRIBUTE_EPILOG = (
    "exit codes: 0 the credit was printed (its warnings, if any, go to stderr), "
    "1 no such page, file or item (or an invalid title), 2 the wiki could not be "
    "reached or answered with an error, 64 usage or configuration error. A URL "
    "picks the wiki (its api.php beside index.php, or /w/api.php); the "
    f"User-Agent comes from --user-agent or ${USER_AGENT_ENV}."
)
_CITE_EPILOG = (
    "exit codes: 0 printed, 1 no such page or revision (or an invalid title), "
    "2 the wiki could not be reached or answered with an error, 64 usage or "
    "configuration error. Without --accessed the access time is now, read from "
    "this computer's clock: the CiteThisPage styles print it."
)
_CREDITS_EPILOG = (
    "exit codes without --into: 0 printed, 64 usage error, or a store or "
    "manifest that cannot be read or lists no pages. With --into, those of "
    "'wikireuse license check': 0 compatible, "
    "1 incompatible, 2 conditional, 3 unknown, 64 usage error. Works offline."
)


def add_attribution_commands(subparsers: Any) -> None:
    """Register ``wikireuse attribute``, ``cite`` and ``credits`` on *subparsers*."""
    att = subparsers.add_parser(
        "attribute",
        help="print the credit (attribution) for a page, file or Wikidata item",
        description="Fetch a page or a file's description and print its "
        "attribution: title, author, source and licence, with the changes you "
        "made. A File: title (in any of the wiki's names for the namespace) "
        "is credited from the file's metadata. On Wikidata (www.wikidata.org, "
        "test.wikidata.org) an id such as Q42, P31, L7 or L7-F1 (also "
        "Property:P31, Lexeme:L7, or a wikidata.org/entity/Q42 link) is "
        "credited as that item, property or lexeme, and so is an M id such as "
        "M123 on commons.wikimedia.org; on any other wiki, Q42 is an ordinary "
        "page title.",
        epilog=_ATTRIBUTE_EPILOG,
    )
    att.add_argument(
        "page",
        metavar="TITLE-or-URL",
        help="a title, an id such as Q42 (with --wiki www.wikidata.org), or "
        "the page's URL (/wiki/Title, index.php?title=...&oldid=N, "
        "index.php?curid=N)",
    )
    _add_wiki_options(att, default_help=f"default: {DEFAULT_WIKI}, or the URL's wiki")
    att.add_argument(
        "--format", default="text", choices=FORMATS, help="output (default: text)"
    )
    att.add_argument(
        "--style",
        default="credit",
        choices=STYLES,
        help="credit (default): the full credit; for an article, reuse-notice: "
        "the 'This article uses material from the Wikipedia article ...' "
        "notice, or copy-summary: the edit summary for copying it within the "
        "same wiki (not with --format json)",
    )
    att.add_argument(
        "--modified",
        action="append",
        nargs="?",
        const="",
        default=[],
        metavar="TEXT",
        help="say that you changed it: alone for the word 'modified', or what "
        "you did, e.g. 'cropped' (repeatable; earlier notes are kept)",
    )
    att.add_argument(
        "--modified-by", default="", metavar="NAME", help="who made your changes"
    )
    att.add_argument(
        "--lang",
        default="en",
        choices=LANGUAGES,
        help="language of the fixed words and of the file metadata (default: en)",
    )
    att.add_argument(
        "--authors",
        default="history",
        choices=("history", "list"),
        help="credit a page's authors by a link to its history (default), or "
        "list the registered authors and count the anonymous ones (for print)",
    )
    att.add_argument(
        "--link",
        default="permalink",
        choices=("permalink", "page"),
        help="link the revision credited (default) or the page as it is now",
    )
    att.add_argument(
        "--accessed",
        type=_accessed_date,
        metavar="YYYY-MM-DD|today",
        help="when you retrieved it; printed only when given",
    )
    att.add_argument(
        "--revid",
        type=_positive_int,
        metavar="N",
        help="credit exactly revision N of the page (an oldid= URL does the same)",
    )
    att.set_defaults(func=_cmd_attribute, failure_exit=EX_FETCH)

    cite = subparsers.add_parser(
        "cite",
        help="cite a revision of a page (Special:CiteThisPage styles and more)",
        description="Fetch a revision and print a citation of it in a "
        "Special:CiteThisPage style (apa, mla, mhra, chicago, cse, bluebook, "
        "bibtex) or an export format (apa7, csl-json, ris, bibtex-entry, "
        "csl:STYLE-ID with the citeproc extra).",
        epilog=_CITE_EPILOG,
    )
    cite.add_argument("page", metavar="TITLE-or-URL", help="a title or page URL")
    _add_wiki_options(cite, default_help=f"default: {DEFAULT_WIKI}, or the URL's wiki")
    cite.add_argument(
        "--style", default="apa", metavar="STYLE", help="citation style (default: apa)"
    )
    cite.add_argument(
        "--accessed",
        type=_accessed_time,
        metavar="WHEN",
        help="when you accessed it: 'now' (the default), an ISO time with its "
        "zone (2026-11-27T14:05Z), or a date (2026-11-27) for the styles that "
        "print no time",
    )
    cite.add_argument(
        "--revid", type=_positive_int, metavar="N", help="cite exactly revision N"
    )
    cite.add_argument(
        "--site-subtitle",
        default="",
        metavar="TEXT",
        help="the wiki's subtitle that CiteThisPage prints after its name, "
        "e.g. 'The Free Encyclopedia' (default: none)",
    )
    cite.set_defaults(func=_cmd_cite, failure_exit=EX_FETCH)

    cred = subparsers.add_parser(
        "credits",
        help="a credits page for every page of a snapshot store",
        description="Read a snapshot store (the file 'wikireuse sync' fills) "
        "or its manifest (JSON Lines, from Store.manifest) and print one "
        "credits page for its pages, grouped by licence; with --into, check "
        "the whole set against the licence of your work.",
        epilog=_CREDITS_EPILOG,
    )
    cred.add_argument(
        "manifest",
        metavar="STORE-or-MANIFEST",
        help="a snapshot store, a manifest file, or - to read a manifest from stdin",
    )
    cred.add_argument(
        "--into", metavar="LICENCE", help="the licence of the work that reuses them"
    )
    cred.add_argument(
        "--use",
        default=None,
        choices=("adapt", "collect", "verbatim"),
        help="how they are reused, with --into (default: adapt)",
    )
    cred.add_argument(
        "--format",
        default="text",
        choices=("html", "markdown", "text"),
        help="output (default: text)",
    )
    cred.add_argument(
        "--reuse-toml",
        action="store_true",
        help="print REUSE.toml annotations instead of the page",
    )
    cred.add_argument(
        "--path",
        metavar="TEMPLATE",
        help="for --reuse-toml: where each page's copy lives in your repository, "
        "e.g. 'texts/{title}.txt' ({title} and {revid} are filled in)",
    )
    cred.add_argument(
        "--commercial", action="store_true", help="commercial reuse, with --into"
    )
    cred.add_argument(
        "--lang", default="en", choices=LANGUAGES, help="language (default: en)"
    )
    cred.add_argument(
        "--accessed",
        type=_accessed_credits,
        metavar="YYYY-MM-DD|today|fetched",
        help="when you retrieved the pages ('fetched': each revision's recorded "
        "fetch time); printed only when given",
    )
    cred.add_argument(
        "--revisions",
        default="latest",
        choices=("latest", "all"),
        help="credit each page's newest stored revision (default) or every one",
    )
    cred.set_defaults(func=_cmd_credits)


# "today" and "now" stay words until the command runs: the clock is main()'s.
_TODAY = "today"
_NOW = "now"


def _accessed_date(text: str) -> date | str:
    if text.strip().lower() == _TODAY:
        return _TODAY
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    try:
        # A time with its zone (as cite takes) is fine: its date is printed.
        moment = _accessed_time(text)
    except argparse.ArgumentTypeError:
        moment = None
    if isinstance(moment, datetime):
        return moment.date()
    msg = f"not a date (YYYY-MM-DD) or 'today': {text!r}"
    raise argparse.ArgumentTypeError(msg)


def _accessed_credits(text: str) -> date | str:
    if text.strip().lower() == "fetched":
        return "fetched"
    try:
        return _accessed_date(text)
    except argparse.ArgumentTypeError:
        msg = f"not a date (YYYY-MM-DD), 'today' or 'fetched': {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _accessed_time(text: str) -> datetime | date | str:
    value = text.strip()
    if value.lower() in (_NOW, _TODAY):
        return _NOW if value.lower() == _NOW else _TODAY
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(value.removesuffix("Z").removesuffix("z"))
    except ValueError:
        msg = f"not a date, an ISO time or 'now': {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if value[-1:] in ("Z", "z"):
        if moment.tzinfo is not None:
            msg = f"two time zones in {text!r}"
            raise argparse.ArgumentTypeError(msg)
        moment = moment.replace(tzinfo=timezone.utc)
    if moment.tzinfo is None:
        msg = f"give the time zone of {text!r}, e.g. {value}Z for UTC"
        raise argparse.ArgumentTypeError(msg)
    return moment


def _now(args: argparse.Namespace) -> datetime:
    """The wall clock main() was given, as an aware UTC datetime."""
    from wikireuse._time import from_epoch

    clock: WallClock = args.wall_clock
    return from_epoch(clock())


class _PageSpec(NamedTuple):
    """What the command line names: a title or page id, maybe a revision.

    ``entity`` is set instead when the page is a Wikibase entity (``Q42``
    on Wikidata): see :func:`_entity_id`.
    """

    title: str | None
    pageid: int | None
    revid: int | None
    entity: str | None = None


_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
# A page URL pasted without its scheme: en.wikipedia.org/wiki/X, or
# wiki.example.net:8080/w/index.php?title=X. A title that merely holds a
# slash ("AC/DC") has no domain before it, so it is not mistaken for one.
_BARE_URL_RE = re.compile(
    r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::[0-9]+)?/(?:wiki/|w/index\.php)",
    re.IGNORECASE,
)

_WIKIBASE_HOSTS = frozenset({"www.wikidata.org", "wikidata.org", "test.wikidata.org"})
"""Wikis where ``attribute`` reads an item, property or lexeme id (Q42, P31,
L7, L7-F1) as a Wikibase entity rather than a page title. On
``commons.wikimedia.org`` a media-info id (M123) is one too."""

_COMMONS_HOST = "commons.wikimedia.org"

# Namespaces Wikidata shows entity pages under (Property:P31, Lexeme:L7), and
# the special page that redirects to any entity's page.
_ENTITY_PREFIXES = ("special:entitypage/", "property:", "lexeme:", "item:")


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _as_url(text: str) -> str | None:
    """*text* as an http(s) URL when it is one (a scheme-less one gets https)."""
    if _is_url(text):
        return text
    if _SCHEME_RE.match(text):
        raise ConfigurationError(
            message=f"{text!r} is not a web page's address: give an http:// or "
            "https:// URL, or a page title"
        )
    if _BARE_URL_RE.match(text):
        return "https://" + text
    return None


def _entity_id(title: str, host: str) -> str | None:
    """The Wikibase entity id *title* names on the wiki at *host*, if any.

    Only on a Wikibase repository: Q/P/L ids (also ``Property:P31``,
    ``Lexeme:L7``, ``Special:EntityPage/Q42``) on Wikidata and
    test.wikidata.org, M ids on Commons. Elsewhere ``Q42`` is an ordinary
    page title.
    """
    from wikireuse.entities import ENTITY_ID_RE

    host = host.lower().rstrip(".")
    if host in _WIKIBASE_HOSTS:
        kinds = "QPL"
    elif host == _COMMONS_HOST:
        kinds = "M"
    else:
        return None
    text = title.strip().replace(" ", "_")
    for prefix in _ENTITY_PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
            break
    text = text.upper()
    if ENTITY_ID_RE.match(text) and text[0] in kinds:
        return text
    return None


def _wiki_host(args: argparse.Namespace) -> str:
    """The host of the wiki the options name (the default wiki's if none)."""
    if args.api_url is not None:
        return (urlsplit(args.api_url).hostname or "").lower()
    return str(args.wiki or DEFAULT_WIKI).lower().rstrip(".")


def _desktop_host(host: str) -> str:
    """A Wikimedia mobile host as its desktop wiki (en.m.wikipedia.org → en...)."""
    from wikireuse._useragent import is_wikimedia_host

    labels = host.split(".")
    if not is_wikimedia_host(host) or "m" not in labels[:2]:
        return host
    if labels[0] == "m":  # m.wikidata.org, m.mediawiki.org
        return ".".join(["www", *labels[1:]])
    return ".".join(label for i, label in enumerate(labels) if i != 1)


def _api_url_for(url: str) -> str:
    """The api.php of the wiki a page URL belongs to.

    Beside ``index.php`` when the URL names it; otherwise ``/w/api.php``, as
    Wikimedia (and most) wikis are laid out. Wikimedia wikis are always
    asked over HTTPS.
    """
    from wikireuse._useragent import is_wikimedia_host

    parts = urlsplit(url)
    host = _desktop_host((parts.hostname or "").lower())
    if not host:
        raise ConfigurationError(message=f"{url!r} names no host")
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    scheme = "https" if is_wikimedia_host(host) else parts.scheme.lower()
    path = parts.path
    script = path.split("/index.php", 1)[0] if "/index.php" in path else "/w"
    return f"{scheme}://{netloc}{script}/api.php"


def _page_spec(args: argparse.Namespace, *, entities: bool = False) -> _PageSpec:
    """Read TITLE-or-URL; a URL also picks the wiki (unless one was given).

    With *entities*, an entity id on a Wikibase repository (see
    :func:`_entity_id`) is read as that entity.
    """
    from wikireuse.titles import title_from_url

    text = args.page.strip()
    if not text:
        raise ConfigurationError(message="give a page title or URL")
    url = _as_url(text)
    if url is None:
        spec = _PageSpec(title=text, pageid=None, revid=args.revid)
    else:
        spec = _url_spec(args, url, title_from_url)
    entity = (
        _entity_id(spec.title, _wiki_host(args))
        if entities and spec.title is not None
        else None
    )
    return spec if entity is None else spec._replace(entity=entity, title=None)


def _url_spec(
    args: argparse.Namespace, url: str, title_from_url: Callable[[str], Any]
) -> _PageSpec:
    """The page *url* names; its wiki becomes the one asked."""
    api_url = _api_url_for(url)
    parts = urlsplit(api_url)
    concept = re.fullmatch(r"/entity/([A-Za-z0-9-]+)/?", urlsplit(url).path)
    if concept is not None and (parts.hostname or "") in _WIKIBASE_HOSTS:
        # A Wikidata concept URI (http://www.wikidata.org/entity/Q42).
        ref_title, pageid, revid = concept.group(1), None, None
    else:
        ref = title_from_url(url)
        ref_title, pageid, revid = ref.title, ref.pageid, ref.revid
    if None not in (revid, args.revid) and revid != args.revid:
        raise ConfigurationError(
            message=f"the URL names revision {revid}, --revid {args.revid}"
        )
    if args.api_url is None and args.wiki is None:
        args.api_url = api_url
    elif args.api_url is not None:
        given = urlsplit(args.api_url)
        if ((given.hostname or ""), given.port) != (parts.hostname, parts.port):
            raise ConfigurationError(
                message=f"the URL is on {parts.netloc}, not on {given.netloc}: "
                "leave out --api-url, or give the wiki's own"
            )
    elif args.wiki.lower().rstrip(".") == parts.hostname:
        # The URL's own address keeps its scheme and port (a local wiki's
        # http://127.0.0.1:8080 is not https://127.0.0.1).
        args.api_url, args.wiki = api_url, None
    else:
        raise ConfigurationError(
            message=f"the URL is on {parts.hostname}, not on {args.wiki}: leave "
            "out --wiki, or give the wiki's own"
        )
    return _PageSpec(title=ref_title, pageid=pageid, revid=revid or args.revid)


def _file_title(client: Client, title: str) -> str | None:
    """*title* as a ``File:`` title when it names a file, else ``None``.

    MediaWiki's English names (``File:``, ``Image:``, ``Media:``) are known
    offline; any other prefix (``Datei:``, ``Fichier:``, or a colon inside
    an article's title) is looked up in the wiki's own namespace names, one
    small request.
    """
    from wikireuse.titles import DEFAULT_NAMESPACES, Namespaces

    prefix, colon, rest = title.strip().removeprefix(":").partition(":")
    if not colon or not prefix.strip() or not rest.strip():
        return None
    ns = DEFAULT_NAMESPACES.index(prefix)
    names = DEFAULT_NAMESPACES
    if ns is None:
        data = client.action(
            {
                "action": "query",
                "meta": "siteinfo",
                "siprop": "namespaces|namespacealiases",
            }
        )
        names = Namespaces.from_siteinfo(data)
        ns = names.index(prefix)
    if ns == _FILE_NS:
        return title
    if ns == _MEDIA_NS:
        return f"{names.name(_FILE_NS)}:{rest}"
    return None


def _same_page(client: Client, title: str, pageid: int) -> bool:
    """Whether *title* (redirects followed) is the page *pageid*."""
    data = client.action(
        {"action": "query", "prop": "info", "titles": [title], "redirects": True}
    )
    pages = data.get("query", {}).get("pages") or [{}]
    return bool(pages[0].get("pageid") == pageid)


def _fetch_article(client: Client, spec: _PageSpec, *, contributors: bool) -> Article:
    """The article *spec* names (an exact revision if it has one)."""
    if spec.revid is not None:
        article = client.article(revid=spec.revid, contributors=contributors)
        if spec.title is not None and not _same_page(
            client, spec.title, article.pageid
        ):
            raise ConfigurationError(
                message=f"revision {spec.revid} is of the page "
                f"{article.title!r}, not of {spec.title!r}"
            )
        return article
    if spec.pageid is not None:
        return client.article(pageid=spec.pageid, contributors=contributors)
    return client.article(spec.title, contributors=contributors)


def _fetch_item(
    client: Client, spec: _PageSpec, args: argparse.Namespace
) -> Article | MediaFile:
    """The article or file that ``attribute`` credits."""
    file_title = None if spec.title is None else _file_title(client, spec.title)
    if file_title is None:
        article = _fetch_article(client, spec, contributors=args.authors == "list")
        if article.namespace != _FILE_NS:
            return article
        file_title = article.title  # a ?curid= or oldid= URL of a file page
    if spec.revid is not None:
        raise ConfigurationError(
            message="a file is credited from its current description page; "
            "--revid and oldid= URLs are for pages"
        )
    if args.authors == "list":
        raise ConfigurationError(
            message="--authors list names the contributors of a wiki page; "
            f"{file_title} is a file, credited from its metadata"
        )
    return client.media(file_title, lang=args.lang)


def _not_found(exc: WikiReuseError, hint: str = "") -> int:
    """A missing page or an invalid title: say so, exit 1 (as fetch does)."""
    sys.stderr.write(f"wikireuse: {exc}\n")
    if hint:
        sys.stderr.write(f"wikireuse: {hint}\n")
    return 1


def _fetch_entity(
    client: Client, entity_id: str, spec: _PageSpec, args: argparse.Namespace
) -> Entity:
    """The Wikibase entity that ``attribute`` credits (its current revision)."""
    if spec.revid is not None:
        raise ConfigurationError(
            message=f"{entity_id} is credited at its current revision; "
            "--revid and oldid= URLs are for pages"
        )
    if args.authors == "list":
        raise ConfigurationError(
            message=f"--authors list names the contributors of a wiki page; "
            f"{entity_id} is a Wikibase entity (its data is CC0: no credit of "
            "authors is required)"
        )
    wiki = args.api_url if args.api_url is not None else args.wiki
    return client.entity(entity_id, wiki=wiki)


def _entity_hint(spec: _PageSpec, args: argparse.Namespace) -> str:
    """Advice when a missing page's title is a Wikidata id on another wiki."""
    from wikireuse.entities import ENTITY_ID_RE

    title = (spec.title or "").strip().upper()
    if spec.entity is None and ENTITY_ID_RE.match(title) and title[0] in "QPL":
        return (
            f"for the Wikidata entity {title}, add --wiki www.wikidata.org "
            f"(on {_wiki_host(args)} it is read as a page title)"
        )
    return ""


def _modifications(notes: Sequence[str]) -> bool | tuple[str, ...]:
    """--modified as given: bare (or blank) means the word 'modified' alone."""
    described = tuple(note.strip() for note in notes if note.strip())
    if described:
        return described
    return bool(notes)


def _cmd_attribute(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse.attribution import WARNINGS, attribute
    from wikireuse.exceptions import InvalidTitleError, PageNotFoundError

    if args.modified_by.strip() and not args.modified:
        raise ConfigurationError(
            message="--modified-by names who made your changes: say what "
            "changed with --modified as well"
        )
    if args.style != "credit" and args.format == "json":
        raise ConfigurationError(
            message=f"--style {args.style} is a sentence, and --format json is "
            "the attribution's data: choose text, html, markdown or wikitext"
        )
    spec = _page_spec(args, entities=True)
    accessed = _now(args).date() if args.accessed == _TODAY else args.accessed
    modified = _modifications(args.modified)
    with _client(args, default=DEFAULT_WIKI) as client:
        try:
            item: Article | MediaFile | Entity = (
                _fetch_item(client, spec, args)
                if spec.entity is None
                else _fetch_entity(client, spec.entity, spec, args)
            )
        except (PageNotFoundError, InvalidTitleError) as exc:
            return _not_found(exc, _entity_hint(spec, args))
    credit = attribute(
        item,
        modified=modified,
        modified_by=args.modified_by,
        accessed=accessed,
        lang=args.lang,
        authors=args.authors,
        link=args.link,
    )
    # Rendered first: a style the item cannot have fails without warnings.
    text = credit.render(args.format, style=args.style)
    for code in credit.warnings:
        sys.stderr.write(f"wikireuse: warning: {code}: {WARNINGS.get(code, '')}\n")
    if args.format == "json":  # indented, as the other commands print JSON
        text = pretty(json.loads(text))
    out.write(text.rstrip("\n") + "\n")
    return 0


def _cmd_cite(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse._citations import TIMED_STYLES, check_style
    from wikireuse.citations import cite
    from wikireuse.exceptions import InvalidTitleError, PageNotFoundError

    if not args.style.lower().startswith("csl:"):
        args.style = args.style.strip().lower()  # APA is apa
    check_style(args.style)  # before any request
    day_only = args.accessed == _TODAY or type(args.accessed) is date
    if args.style in TIMED_STYLES and day_only:
        raise ConfigurationError(
            message=f"the {args.style} style prints the time of access: give "
            "--accessed with a time and zone (2026-11-27T14:05Z), or leave it "
            "out for now"
        )
    spec = _page_spec(args)
    accessed = args.accessed
    if accessed is None or accessed == _NOW:
        # The edge of the program: the one place that reads the clock, and
        # only because the user asked for a citation accessed now.
        accessed = _now(args)
    elif accessed == _TODAY:
        accessed = _now(args).date()
    with _client(args, default=DEFAULT_WIKI) as client:
        try:
            article = _fetch_article(client, spec, contributors=False)
        except (PageNotFoundError, InvalidTitleError) as exc:
            return _not_found(exc)
    text = cite(
        article, args.style, accessed=accessed, site_subtitle=args.site_subtitle
    )
    out.write(text.rstrip("\n") + "\n")
    return 0


def _repo_path(template: str, credit: Attribution) -> str:
    """*template* with the credited page's ``{title}`` and ``{revid}``."""
    fields = {
        "title": credit.title,
        "revid": "" if credit.revid is None else credit.revid,
    }
    try:
        return template.format_map(fields)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigurationError(
            message=f"--path {template!r}: only {{title}} and {{revid}} can be "
            f"filled in ({exc!r})"
        ) from exc


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _manifest_lines(path: str) -> list[str]:
    """The manifest's lines: from the file, ``-`` (stdin) or a snapshot store.

    A store (the file ``wikireuse sync`` fills) is read as the manifest it
    would export, so no export step is needed on the command line.
    """
    if path == "-":
        return sys.stdin.read().splitlines()
    try:
        with open(path, "rb") as file:
            head = file.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise ConfigurationError(
            message=f"cannot read the manifest {path}: {exc.strerror or exc}"
        ) from exc
    if head != _SQLITE_MAGIC:
        try:
            with open(path, encoding="utf-8") as file:
                return file.read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigurationError(
                message=f"cannot read the manifest {path}: it is neither a "
                f"manifest (JSON Lines in UTF-8) nor a snapshot store ({exc})"
            ) from exc
    from wikireuse._json import canonical

    # iter_manifest, not manifest(): reading credits records no export in
    # the store's audit log.
    with _store_at(path) as store:
        return [canonical(entry) for entry in store.iter_manifest()]


def _cmd_credits(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse.credits import Credits

    if args.into is None and (args.use is not None or args.commercial):
        raise ConfigurationError(
            message="--use and --commercial describe the reuse --into LICENCE"
        )
    if args.path is not None and not args.reuse_toml:
        raise ConfigurationError(
            message="--path names the files that --reuse-toml annotates; the "
            "credits page does not print it"
        )
    accessed = _now(args).date() if args.accessed == _TODAY else args.accessed
    try:
        credits = Credits.from_manifest(
            _manifest_lines(args.manifest),
            lang=args.lang,
            accessed=accessed,
            revisions=args.revisions,
        )
    except (RecordError, StoreError) as exc:
        # A manifest line wikireuse did not write is the user's input: a
        # usage error, since exit 2 already means "conditional" here.
        raise ConfigurationError(
            message=f"cannot read the manifest {args.manifest}: {exc}"
        ) from exc
    if not len(credits):
        # Most likely the wrong file, or a store that synced nothing: an
        # empty credits page (and a check that passes) would hide that.
        raise ConfigurationError(
            message=f"{args.manifest} lists no pages: nothing to credit"
        )
    if args.path is not None:
        credits = Credits(
            [(_repo_path(args.path, e.attribution), e.attribution) for e in credits],
            lang=args.lang,
        )
    use = args.use or "adapt"
    if args.reuse_toml:
        if all(entry.path is None for entry in credits):
            sys.stderr.write(
                "wikireuse: note: a manifest names no files, so no file is "
                "annotated; say where the copies live with --path TEMPLATE\n"
            )
        out.write(credits.reuse_toml().rstrip("\n") + "\n")
    else:
        render = {
            "html": credits.to_html,
            "markdown": credits.to_markdown,
            "text": credits.to_text,
        }[args.format]
        out.write(
            render(into=args.into, use=use, commercial=args.commercial).rstrip("\n")
            + "\n"
        )
    if args.into is None:
        return 0
    verdict = credits.check(args.into, use=use, commercial=args.commercial)
    return verdict.exit_code


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: IO[str] | None = None,
    wall_clock: WallClock = time.time,
) -> int:
    """Run the ``wikireuse`` command line and return its exit code.

    Args:
        argv: Arguments without the program name; ``sys.argv[1:]`` if None.
        stdout: Where to write results (``sys.stdout`` if None).
        wall_clock: Seconds since the epoch. The command line is the edge of
            the program, the one place that reads it: for ``cite`` without
            ``--accessed`` (a citation is accessed now) and for
            ``--accessed today``. The library itself never does.

    Returns:
        The exit code (usage errors: 64).

    >>> import io
    >>> out = io.StringIO()
    >>> main(["license", "check", "CC-BY-SA-3.0", "--into", "CC-BY-4.0"], stdout=out)
    1
    >>> out.getvalue().splitlines()[0]
    'INCOMPATIBLE: adapt CC-BY-SA-3.0 into CC-BY-4.0'
    """
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # --help exits 0, errors 64
        return int(exc.code) if isinstance(exc.code, int) else EX_USAGE
    func: Callable[[argparse.Namespace, _Writer], int] = args.func
    args.wall_clock = wall_clock
    out = _Writer(stdout or sys.stdout)
    try:
        _check_text(args)
        code = func(args, out)
    except KeyboardInterrupt:
        # Ctrl-C (say, during a long retry wait) is the user's choice, not a
        # crash: no traceback, the shell's usual code for SIGINT.
        sys.stderr.write("wikireuse: interrupted\n")
        return _EX_INTERRUPTED
    except ConfigurationError as exc:
        sys.stderr.write(f"wikireuse: {exc}\n")
        return EX_USAGE
    except FetchError as exc:
        sys.stderr.write(f"wikireuse: {exc}\n")
        return EX_FETCH
    except WikiReuseError as exc:
        # fetch and sync report any other failure (a damaged stored record,
        # say) as a failed fetch; the licence commands have no code to spare.
        failure: int | None = getattr(args, "failure_exit", None)
        if failure is None:
            raise
        sys.stderr.write(f"wikireuse: {exc}\n")
        return failure
    if out.broken and stdout is None:
        # The reader went away (``| head``): keep the exit code, and stop the
        # interpreter from failing again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return code


_EX_INTERRUPTED = 130

# Arguments that are file names: bytes that are not UTF-8 are fine in them
# (Python keeps them as surrogate escapes, and open() gives them back).
_PATH_ARGUMENTS = frozenset({"manifest", "db", "store", "path"})
_POSITIONALS = frozenset({"page", "titles", "sources", "license"})


def _check_text(args: argparse.Namespace) -> None:
    """Refuse text arguments that are not valid UTF-8 (they cannot be sent).

    A terminal in another encoding, or a pasted byte string, gives arguments
    holding surrogate escapes; a title or note like that would fail deep in
    the HTTP layer or the output.
    """
    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if not isinstance(item, str) or name in _PATH_ARGUMENTS:
                continue
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                what = (
                    "an argument"
                    if name in _POSITIONALS
                    else "--" + name.replace("_", "-")
                )
                raise ConfigurationError(
                    message=f"{what} is not valid UTF-8 text: "
                    f"{item.encode('utf-8', 'replace').decode()!r}"
                ) from None


class _Writer:
    """Writes to a stream; a closed pipe ends the output, not the command."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.broken = False

    def write(self, text: str) -> None:
        if self.broken:
            return
        try:
            self._stream.write(text)
            self._stream.flush()
        except BrokenPipeError:
            self.broken = True


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

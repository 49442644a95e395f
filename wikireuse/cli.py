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
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn

from wikireuse.exceptions import (
    ConfigurationError,
    FetchError,
    StoreError,
    WikiReuseError,
)

if TYPE_CHECKING:
    from wikireuse.articles import ArticleOutcome
    from wikireuse.http import Client, RetryEvent
    from wikireuse.store import Store, SyncReport

__all__ = [
    "EX_FETCH",
    "EX_USAGE",
    "USER_AGENT_ENV",
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
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
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
        description="Check the titles the store knows with one cheap request "
        "per 50 titles, fetch only the pages that changed and the titles it "
        "does not know, and record deletions and moves.",
        epilog=_fetch_epilog("synced"),
    )
    sync.add_argument("db", metavar="DB", help="the snapshot store (created if new)")
    sync.add_argument("titles", nargs="+", metavar="TITLE", help="page title")
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
        help="stop retrying a failing wiki after this long (default 1800: "
        "Retry-After, maxlag and backoff waits can add up to minutes)",
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
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
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
            report = client.sync(store, args.titles)
    finally:
        if client is not None:
            client.close()
    if args.json:
        out.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
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
    rows.append(f"{report.requests_sent} requests to {report.wiki}; store {db}")
    return "\n".join(rows) + "\n"


def main(argv: Sequence[str] | None = None, *, stdout: IO[str] | None = None) -> int:
    """Run the ``wikireuse`` command line and return its exit code.

    Args:
        argv: Arguments without the program name; ``sys.argv[1:]`` if None.
        stdout: Where to write results (``sys.stdout`` if None).

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
    out = _Writer(stdout or sys.stdout)
    try:
        code = func(args, out)
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

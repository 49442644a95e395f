"""What the command groups share: exit codes, options, the client and the output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from wikireuse.exceptions import (
    ConfigurationError,
    StoreError,
)

if TYPE_CHECKING:
    from wikireuse.client import Client
    from wikireuse.http import RetryEvent
    from wikireuse.store import Store


__all__ = [
    "DEFAULT_WIKI",
    "EX_FETCH",
    "EX_USAGE",
    "USER_AGENT_ENV",
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


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        msg = f"not a positive revision id: {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


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
    # main() puts the factory on args: tests replace wikireuse.cli._make_client.
    make: Callable[..., Client] = args.make_client
    return make(user_agent=_user_agent(args), on_event=_say_wait, **options)


def _say_wait(event: RetryEvent) -> None:
    """Tell the person at the terminal why nothing seems to happen.

    A retry budget can run to minutes (Retry-After, maxlag, backoff); silence
    for that long reads as a hang.
    """
    status = f"HTTP {event.status}" if event.status is not None else "no answer"
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


# Arguments that are file names: bytes that are not UTF-8 are fine in them
# (Python keeps them as surrogate escapes, and open() gives them back).
_PATH_ARGUMENTS = frozenset({"manifest", "db", "store", "path", "files"})
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

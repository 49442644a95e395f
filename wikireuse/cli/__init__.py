"""The ``wikireuse`` command line.

One module per command group: :mod:`wikireuse.cli.license`
(``license``), :mod:`wikireuse.cli.fetch` (``fetch``, ``sync``) and
:mod:`wikireuse.cli.attribution` (``attribute``, ``cite``, ``credits``), with
what they share (exit codes, wiki options, the client, the output) in
``wikireuse.cli._common``. Each group registers its subcommands with a
function that takes the top-level ``subparsers`` object (see
:func:`add_license_commands`), called by :func:`build_parser`; a new group is
a new module here, added there. Each subcommand stores its handler as
``func``; a handler returns the process exit code.

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
could not be reached or answered with an error, 3 (``attribute``) printed,
but the licence is unknown, 64 a usage or configuration error. Every
``--accessed`` takes the same words: an ISO date, an ISO time with its
zone, ``today`` or ``now``. ``fetch`` and ``sync`` read titles from stdin
(``-``) or a file (``--titles-from``). ``attribute`` reads an entity id
(``Q42``, ``P31``, ``L7``, an ``/entity/Q42`` link) as a Wikibase entity
only on Wikidata and test.wikidata.org (and ``M123`` on Commons): elsewhere
``Q42`` is a title.
``wikireuse report`` (:mod:`wikireuse.cli.report`): 0 printed, 2 the store
could not be read, 64 a usage error.
Any command exits 130 on Ctrl-C.
``wikireuse credits`` works offline: 0 printed, and with ``--into`` the codes
of ``license check`` (0 compatible, 1 incompatible, 2 conditional,
3 unknown); 64 a usage error, or a store or manifest it cannot read or
that lists no pages.

The command line is the edge of the program: it alone reads the wall clock,
and only where the user asks for "now" (``cite`` without ``--accessed``,
``--accessed today`` or ``now``); :func:`main` takes the clock as
``wall_clock=`` so tests pass a fake one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn

from wikireuse.cli._common import (
    EX_FETCH,
    EX_USAGE,
    USER_AGENT_ENV,
    _check_text,
    _Writer,
)
from wikireuse.cli.attribution import FORMATS, LANGUAGES, add_attribution_commands

# Helpers the tests reach as wikireuse.cli._name, as before the split.
from wikireuse.cli.attribution import _accessed as _accessed
from wikireuse.cli.attribution import _accessed_when as _accessed_when
from wikireuse.cli.attribution import _api_url_for as _api_url_for
from wikireuse.cli.attribution import _as_url as _as_url
from wikireuse.cli.attribution import _entity_id as _entity_id
from wikireuse.cli.attribution import _file_title as _file_title
from wikireuse.cli.attribution import _modifications as _modifications
from wikireuse.cli.chunks import add_chunks_commands
from wikireuse.cli.fetch import _summary as _summary
from wikireuse.cli.fetch import add_fetch_commands
from wikireuse.cli.ingest import add_ingest_commands
from wikireuse.cli.license import add_license_commands
from wikireuse.cli.report import add_report_commands
from wikireuse.cli.structure import add_structure_commands
from wikireuse.exceptions import (
    ConfigurationError,
    FetchError,
    HostUnreachableError,
    WikiReuseError,
)

if TYPE_CHECKING:
    from wikireuse.client import Client
    from wikireuse.typing import WallClock

__all__ = [
    "EX_FETCH",
    "EX_USAGE",
    "FORMATS",
    "LANGUAGES",
    "USER_AGENT_ENV",
    "add_attribution_commands",
    "add_chunks_commands",
    "add_fetch_commands",
    "add_ingest_commands",
    "add_license_commands",
    "add_report_commands",
    "add_structure_commands",
    "build_parser",
    "main",
]


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
    parser.add_argument(
        "--version", action="version", version=f"wikireuse {_version()}"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    add_license_commands(subparsers)
    add_fetch_commands(subparsers)
    add_attribution_commands(subparsers)
    add_structure_commands(subparsers)
    add_ingest_commands(subparsers)
    add_chunks_commands(subparsers)
    add_report_commands(subparsers)
    return parser


def _version() -> str:
    import wikireuse

    return str(wikireuse.__version__)


def _make_client(**kwargs: Any) -> Client:
    """The client the commands use (a seam for tests to inject a fake clock)."""
    from wikireuse.client import Client

    return Client(**kwargs)


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
    args.make_client = _make_client  # looked up now, so a test can replace it
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
        sys.stderr.write(f"wikireuse: {exc}{_address_hint(exc, args)}\n")
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


def _address_hint(exc: FetchError, args: argparse.Namespace) -> str:
    """Which option to check when the wiki's address leads nowhere."""
    if not isinstance(exc, HostUnreachableError):
        return ""
    option = "--api-url" if getattr(args, "api_url", None) else "--wiki"
    return f"; check {option}"

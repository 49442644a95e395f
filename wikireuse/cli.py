"""The ``wikireuse`` command line.

Subcommands are registered by functions that take the top-level
``subparsers`` object (see :func:`add_license_commands`), so other command
groups can be added next to ``license`` without touching it. Each subcommand
stores its handler as ``func``; a handler returns the process exit code.

Exit codes of ``wikireuse license check``: 0 compatible, 1 incompatible,
2 conditional, 3 unknown; 64 is a usage error (argparse's own 2 would be
mistaken for "conditional").
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, NoReturn

from wikireuse.exceptions import ConfigurationError

__all__ = ["EX_USAGE", "add_license_commands", "build_parser", "main"]

EX_USAGE = 64
"""Exit code for a command-line usage error (BSD ``sysexits.h``)."""

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
        epilog=_EPILOG,
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    add_license_commands(subparsers)
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

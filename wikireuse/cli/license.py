"""``wikireuse license check|outbound|explain``: the licence checker."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from wikireuse.cli._common import (
    _Writer,
)
from wikireuse.core._json import pretty

if TYPE_CHECKING:
    pass


__all__ = [
    "add_license_commands",
]

_EPILOG = (
    "exit codes: 0 compatible, 1 incompatible, 2 conditional, 3 unknown, "
    "64 usage error (not argparse's usual 2, which would read as 'conditional')"
)


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
    use = p.add_mutually_exclusive_group()
    use.add_argument(
        "--commercial",
        dest="commercial",
        action="store_const",
        const=True,
        default=None,
        help="commercial reuse (NC sources are refused)",
    )
    use.add_argument(
        "--non-commercial",
        dest="commercial",
        action="store_const",
        const=False,
        help="non-commercial reuse (without either flag NC sources are "
        "conditional: commercial use is not stated)",
    )
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
    _did_you_mean([*args.sources, args.into])
    return verdict.exit_code


def _did_you_mean(texts: list[str]) -> list[str]:
    """Say on stderr which licence names are unknown, with close known ones.

    Returns:
        The texts that name an unknown licence.
    """
    from wikireuse.licenses import parse, suggest
    from wikireuse.licenses._model import leaves

    unknown = []
    for text in texts:
        names = [leaf.text for leaf in leaves(parse(text)) if leaf.license.is_unknown]
        if names:
            unknown.append(text)
        for name in dict.fromkeys(names):
            close = suggest(name)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            sys.stderr.write(f"wikireuse: unknown licence {name!r}{hint}\n")
    return unknown


def _cmd_outbound(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse.licenses import Status, outbound

    options = outbound(args.sources, **_context(args))
    if _did_you_mean(args.sources) and not options:
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

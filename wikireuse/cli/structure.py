"""``wikireuse structure``: an article as structured JSON, from a wiki or a file.

Registered by :func:`wikireuse.cli.build_parser` through
:func:`add_structure_commands`. With ``--file`` it works offline on a local
Parsoid HTML file, wikitext file or Wikimedia Enterprise JSON record (the
format is detected; ``--format`` overrides it).

Exit codes: 0 printed, 1 no such page or revision, 2 the wiki could not be
reached or answered with an error, 64 a usage error (including a file that
cannot be read as the format given).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from wikireuse.cli._common import DEFAULT_WIKI, EX_FETCH, _add_wiki_options, _client
from wikireuse.core._json import pretty
from wikireuse.exceptions import ConfigurationError, PageNotFoundError, RecordError

if TYPE_CHECKING:
    from wikireuse.cli._common import _Writer
    from wikireuse.structured import StructuredArticle
    from wikireuse.structured._structure import Body

__all__ = ["add_structure_commands"]

_EX_MISSING = 1


def add_structure_commands(subparsers: Any) -> None:
    """Register ``wikireuse structure`` on *subparsers*."""
    cmd = subparsers.add_parser(
        "structure",
        help="an article as data: sections, infobox, references, categories",
        description="Fetch one revision (or read a local file with --file) and "
        "print its sections, infoboxes, references (with CSL-JSON), categories "
        "and warnings; --json prints the full wikireuse.structured/1 record.",
        epilog="exit codes: 0 printed, 1 no such page or revision, 2 the wiki "
        "could not be reached or answered with an error, 64 usage error",
    )
    cmd.add_argument("title", nargs="?", metavar="TITLE", help="page title")
    cmd.add_argument("--revision", type=int, metavar="ID", help="exactly this revision")
    cmd.add_argument(
        "--body",
        choices=("auto", "html", "wikitext"),
        default="auto",
        help="read the Parsoid HTML (default when there is one) or the wikitext",
    )
    cmd.add_argument(
        "--file",
        metavar="PATH",
        help="read a local Parsoid HTML, wikitext or Enterprise JSON file (offline)",
    )
    cmd.add_argument(
        "--format",
        choices=("auto", "html", "wikitext", "enterprise"),
        default="auto",
        help="the format of --file (default: detected)",
    )
    cmd.add_argument(
        "--enterprise",
        action="store_true",
        help="print the Enterprise 'Structured Contents' form instead",
    )
    _add_wiki_options(cmd, default_help=f"default: {DEFAULT_WIKI}")
    cmd.add_argument("--json", action="store_true", help="print the JSON record")
    cmd.set_defaults(func=_cmd_structure, failure_exit=EX_FETCH)


def _cmd_structure(args: argparse.Namespace, out: _Writer) -> int:
    if args.file is not None:
        if args.title is not None or args.revision is not None:
            raise ConfigurationError(message="give either TITLE/--revision or --file")
        doc = _from_file(args.file, args.format, args.body)
    else:
        if args.title is None and args.revision is None:
            raise ConfigurationError(
                message="give a TITLE, --revision ID or --file PATH"
            )
        if args.revision is not None and args.revision <= 0:
            raise ConfigurationError(
                message=f"--revision must be positive, got {args.revision}"
            )
        try:
            doc = _fetch(args)
        except PageNotFoundError as exc:
            out_of = (
                args.title if args.revision is None else f"revision {args.revision}"
            )
            sys.stderr.write(f"wikireuse: {out_of}: {exc}\n")
            return _EX_MISSING
    if args.enterprise:
        out.write(pretty(doc.to_enterprise()) + "\n")
    elif args.json:
        out.write(pretty(doc.to_dict()) + "\n")
    else:
        out.write(_summary(doc))
    return 0


def _fetch(args: argparse.Namespace) -> StructuredArticle:
    from wikireuse.structured import structure

    want_html = args.body != "wikitext"
    with _client(args, default=DEFAULT_WIKI) as client:
        if args.revision is not None:
            article = client.article(revid=args.revision, html=want_html)
        else:
            article = client.article(args.title, html=want_html)
    return structure(article, body=_body(args.body))


def _from_file(path: str, fmt: str, body: str) -> StructuredArticle:
    from wikireuse.structured import detect_format, from_enterprise, structure

    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(message=f"cannot read {path}: {exc}") from exc
    kind = detect_format(text) if fmt == "auto" else fmt
    if kind != "enterprise":
        use = kind if body == "auto" else body
        if fmt != "auto" and use != kind:
            raise ConfigurationError(
                message=f"--format {fmt} and --body {body} disagree"
            )
        return structure(text, body=_body(use))
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise ConfigurationError(message=f"{path} is not JSON: {exc}") from exc
    if isinstance(record, list):
        if len(record) != 1:
            raise ConfigurationError(
                message=f"{path} holds {len(record)} Enterprise records; "
                "give a file with one"
            )
        record = record[0]
    try:
        if isinstance(record, dict) and "article_body" in record:
            return structure(record, body=_body(body))
        return from_enterprise(record)
    except RecordError as exc:
        raise ConfigurationError(message=f"{path}: {exc}") from exc


def _body(name: str) -> Body:
    # argparse's choices already limit it; this gives mypy the literal type.
    if name == "html":
        return "html"
    if name == "wikitext":
        return "wikitext"
    return "auto"


def _summary(doc: StructuredArticle) -> str:
    lines = [
        f"{doc.title or '(untitled)'}"
        + (f" — revision {doc.revid}" if doc.revid is not None else "")
        + (f" ({doc.timestamp})" if doc.timestamp else ""),
    ]
    if doc.license is not None:
        lines.append(f"  licence: {doc.license.spdx}")
    if doc.permalink:
        lines.append(f"  permalink: {doc.permalink}")
    for box in doc.infoboxes:
        lines.append(
            f"  infobox: {box.template} ({len(box.params)} parameters, "
            f"{len(box.rows)} rows)"
        )
    lines.append(f"  sections ({len(doc.sections)}):")
    for section in doc.sections:
        name = section.heading or "(lead)"
        indent = "  " * max(section.level - 1, 1)
        lines.append(f"  {indent}{name}: {len(section.paragraphs)} paragraphs")
    cs1 = sum(1 for r in doc.references if r.csl)
    lines.append(f"  references: {len(doc.references)} ({cs1} with CSL-JSON)")
    lines.append(f"  categories: {len(doc.categories)}")
    if doc.wikidata_id:
        lines.append(f"  wikidata: {doc.wikidata_id}")
    lines.extend(f"  warning: {w}" for w in doc.warnings)
    return "\n".join(lines) + "\n"

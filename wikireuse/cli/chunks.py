"""``wikireuse chunks``, ``wikireuse search`` and ``wikireuse provenance``.

Registered on the main parser by :func:`add_chunks_commands`. Exit codes:
0 done, 2 the store could not do it (damaged, an unknown chunk id), 64 a
usage error (a bad option, a file that is not a store, a query without
words).
"""

from __future__ import annotations

import argparse
import importlib
from datetime import datetime
from typing import TYPE_CHECKING, Any

from wikireuse.cli._common import _positive_int, _store_at
from wikireuse.cli.attribution import _TODAY, _accessed_when
from wikireuse.cli.report import _moment
from wikireuse.core._json import pretty
from wikireuse.core._words import counted
from wikireuse.exceptions import ConfigurationError, SearchError
from wikireuse.privacy import DEFAULT_POLICY

if TYPE_CHECKING:
    from wikireuse.cli._common import _Writer
    from wikireuse.search import Hit
    from wikireuse.store import ChunkProvenance
    from wikireuse.typing import Embedder

__all__ = ["add_chunks_commands"]

_EX_FAILED = 2
_EXCERPT = 240


def add_chunks_commands(subparsers: Any) -> None:
    """Register ``chunks``, ``search`` and ``provenance`` on *subparsers*."""
    chunks = subparsers.add_parser(
        "chunks",
        help="chunk a store's newest revisions (and export the chunks)",
        description="Structure and chunk every page's newest stored revision "
        "that has no chunks of these settings yet, indexing them for full-text "
        "search (incremental: a second run adds nothing); with --jsonl or "
        "--parquet, then write the store's current chunks as shards with a "
        "manifest. Both steps go to the audit log.",
        epilog="exit codes: 0 done, 2 the store could not be read or written, "
        "64 usage error (the output folder must be new or empty)",
    )
    chunks.add_argument("--store", required=True, metavar="DB", help="the store")
    out = chunks.add_mutually_exclusive_group()
    out.add_argument("--jsonl", metavar="OUT", help="write JSON Lines shards here")
    out.add_argument("--parquet", metavar="OUT", help="write Parquet shards here")
    chunks.add_argument(
        "--max-chars", type=_positive_int, default=2000, help="longest chunk"
    )
    chunks.add_argument(
        "--overlap", type=int, default=0, help="characters repeated (default 0)"
    )
    chunks.add_argument(
        "--lang", default="en", help="language of the credit lines (default en)"
    )
    chunks.add_argument(
        "--no-infobox", action="store_true", help="leave the infoboxes out"
    )
    chunks.add_argument(
        "--no-minimise",
        action="store_true",
        help="keep what the default minimisation policy drops or coarsens on "
        "pages about living people (chunks still carry the person status)",
    )
    chunks.add_argument(
        "--today",
        type=_accessed_when,
        metavar="DATE",
        help="the day to classify living persons against (default: today)",
    )
    chunks.add_argument(
        "--all",
        action="store_true",
        help="export older revisions' chunks too, not only current ones",
    )
    chunks.add_argument(
        "--shard-size", type=_positive_int, metavar="N", help="records per shard"
    )
    _embedder_option(chunks, "also compute the missing vectors of this embedder")
    chunks.add_argument("--json", action="store_true", help="print JSON")
    chunks.set_defaults(func=_cmd_chunks, failure_exit=_EX_FAILED)

    search = subparsers.add_parser(
        "search",
        help="search a store's chunks; each hit with its credit and permalink",
        description="Rank the store's current chunks for QUERY: BM25 full "
        "text, or with --embedder the embedder's vectors fused with it "
        "(reciprocal rank fusion). Each hit is printed with its credit line "
        "and permalink.",
        epilog="exit codes: 0 searched (even with no hit), 2 the store could "
        "not be read, 64 usage error (a query without words, an embedder the "
        "store has no vectors of)",
    )
    search.add_argument("query", metavar="QUERY", help="words to look for")
    search.add_argument("--store", required=True, metavar="DB", help="the store")
    search.add_argument(
        "-k", type=_positive_int, default=10, metavar="N", help="hits (default 10)"
    )
    search.add_argument(
        "--all", action="store_true", help="older revisions' chunks too"
    )
    _embedder_option(search, "search its vectors too (hybrid ranking)")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(func=_cmd_search, failure_exit=_EX_FAILED)

    provenance = subparsers.add_parser(
        "provenance",
        help="where a stored chunk came from: revision, credit, references",
        description="Print the provenance of one stored chunk: its revision "
        "and how it was fetched, its credit line and the page's attribution, "
        "and the references it cites.",
        epilog="exit codes: 0 found, 2 no such chunk or the store could not "
        "be read, 64 usage error",
    )
    provenance.add_argument("chunk_id", metavar="CHUNK_ID", help="the chunk's id")
    provenance.add_argument("--store", required=True, metavar="DB", help="the store")
    provenance.add_argument("--json", action="store_true", help="print JSON")
    provenance.set_defaults(func=_cmd_provenance, failure_exit=_EX_FAILED)


def _embedder_option(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument(
        "--embedder",
        metavar="MODULE:NAME",
        help=f"{text}; an Embedder, or a callable that makes one, named by "
        "import path (e.g. wikireuse.testing:HashingEmbedder)",
    )


def _embedder(spec: str | None) -> Embedder | None:
    """The embedder named ``module:attribute`` (called if it is a factory)."""
    if spec is None:
        return None
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise ConfigurationError(message=f"--embedder takes MODULE:NAME, got {spec!r}")
    try:
        found: Any = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise ConfigurationError(
            message=f"--embedder {spec!r} cannot be imported: {exc}"
        ) from exc
    from wikireuse.typing import Embedder

    if isinstance(found, Embedder):
        return found
    try:
        made = found()
    except Exception as exc:  # the user's factory: any failure is theirs
        raise ConfigurationError(
            message=f"--embedder {spec!r} could not make an embedder: {exc}"
        ) from exc
    if not isinstance(made, Embedder):
        raise ConfigurationError(
            message=f"--embedder {spec!r} is not an Embedder (model_id, "
            "dimensions, embed)"
        )
    return made


def _cmd_chunks(args: argparse.Namespace, out: _Writer) -> int:
    embedder = _embedder(args.embedder)
    directory = args.jsonl or args.parquet
    today = _moment(args, args.today) or _moment(args, _TODAY)
    with _store_at(args.store) as store:
        built = store.build_chunks(
            max_chars=args.max_chars,
            overlap=args.overlap,
            lang=args.lang,
            include_infobox=not args.no_infobox,
            policy=None if args.no_minimise else DEFAULT_POLICY,
            today=today.date() if isinstance(today, datetime) else today,
        )
        embedded = store.embed_chunks(embedder) if embedder is not None else None
        manifest = (
            store.export_chunks(
                directory,
                format="jsonl" if args.jsonl else "parquet",
                shard_size=args.shard_size,
                only_current=not args.all,
            )
            if directory is not None
            else None
        )
    if args.json:
        data = {"built": built.to_dict()}
        if manifest is not None:
            data["export"] = manifest.to_dict()
        if embedded is not None:
            data["embedded"] = embedded.to_dict()
        out.write(pretty(data) + "\n")
        return 0
    lines = [
        f"chunked   {built.revisions:>8}  revisions, {built.chunks} chunks"
        + (" (nothing new)" if built.nothing_new else ""),
        f"already   {built.already_built:>8}  revisions chunked before",
    ]
    if built.person_status:
        statuses = ", ".join(f"{n} {k}" for k, n in built.person_status.items())
        lines.append(
            f"minimised {built.minimised:>8}  revisions about living people "
            f"(persons: {statuses})"
        )
    for wiki, revid, reason in built.failed:
        lines.append(f"failed    {revid:>8}  of {wiki}: {reason}")
    if embedded is not None:
        lines.append(f"embedded  {embedded.added:>8}  vectors of {embedded.model_id}")
    if manifest is not None:
        lines.append(
            f"wrote     {manifest.records:>8}  chunks in "
            f"{counted(len(manifest.files), 'file')} to {directory} "
            f"(licences: {', '.join(manifest.licenses) or 'none'})"
        )
    out.write("\n".join(lines) + "\n")
    return 0


def _cmd_search(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse.search import Searcher

    embedder = _embedder(args.embedder)
    with (
        _store_at(args.store) as store,
        Searcher(store, embedder=embedder) as searcher,
    ):
        try:
            hits = searcher.search(args.query, k=args.k, only_current=not args.all)
        except SearchError as exc:  # the query or the options, not the store
            raise ConfigurationError(message=exc.message) from exc
    if args.json:
        out.write(pretty([hit.to_dict() for hit in hits]) + "\n")
    elif not hits:
        out.write(f"no chunk matches {args.query!r}\n")
    else:
        out.write("\n".join(_hit_lines(hit) for hit in hits))
    return 0


def _hit_lines(hit: Hit) -> str:
    chunk = hit.chunk
    where = " › ".join((chunk.title, *chunk.section_path))
    ranks = ", ".join(
        f"{name} #{rank}"
        for name, rank in (("text", hit.fts_rank), ("vector", hit.vector_rank))
        if rank is not None
    )
    text = " ".join(chunk.text.split())
    if len(text) > _EXCERPT:
        text = text[: _EXCERPT - 1].rstrip() + "…"
    old = "" if hit.current else " [not current]"
    return (
        f"{hit.rank}. {where} (score {hit.score:.4g}; {ranks}){old}\n"
        f"   {text}\n"
        f"   credit: {hit.credit_line}\n"
        f"   permalink: {hit.permalink}\n"
        f"   id: {chunk.id}\n"
    )


def _cmd_provenance(args: argparse.Namespace, out: _Writer) -> int:
    with _store_at(args.store) as store:
        found = store.provenance(args.chunk_id)
    if args.json:
        out.write(pretty(found.to_dict()) + "\n")
    else:
        out.write(_provenance_lines(found))
    return 0


def _provenance_lines(found: ChunkProvenance) -> str:
    prov = found.provenance
    state = "current" if found.current else "not current (a newer revision is stored)"
    lines = [
        f"chunk      {found.chunk_id}" + (" (masked)" if found.masked else ""),
        f"page       {found.title} (page {found.pageid}, {found.wiki})",
        f"revision   {found.revid}, {state}",
        f"permalink  {found.permalink}",
        f"credit     {found.credit_line}",
        f"licence    {found.attribution.get('license', {}).get('id', '')}",
        f"read from  {prov.endpoint} at {prov.fetched_at:%Y-%m-%dT%H:%M:%SZ}",
        f"content    {prov.content_hash}",
    ]
    for ref in found.references:
        lines.append(f"cites      [{ref.id}] {ref.text}")
    return "\n".join(lines) + "\n"

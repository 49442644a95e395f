"""One shard's pipeline: dump → articles → structured, minimised → chunks → files."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Literal

import attrs

from wikireuse.chunks import Chunk, ExportManifest, chunk, write_jsonl, write_parquet
from wikireuse.core._time import from_epoch
from wikireuse.dumps import read_xml_dump
from wikireuse.exceptions import ConfigurationError, ParallelError, WikiReuseError
from wikireuse.privacy import DEFAULT_POLICY, MinimisationPolicy
from wikireuse.privacy._steps import check_options, prepared
from wikireuse.structured import structure

__all__ = ["ShardJob", "ShardResult", "export_shard"]


_PROBE = attrs.evolve(
    structure("Probe."), title="Probe", url="https://example.org/wiki/Probe", revid=1
)


@attrs.frozen(kw_only=True)
class ShardJob:
    """What to do with every shard: how to read it, chunk it and write it.

    Attributes:
        format: ``"jsonl"`` or ``"parquet"`` (needs pyarrow).
        records_per_file: Chunks per output file of a shard.
        max_chars: As :func:`~wikireuse.chunks.chunk`.
        overlap: As :func:`~wikireuse.chunks.chunk`.
        lang: The credit line's language, as :func:`~wikireuse.chunks.chunk`.
        include_infobox: As :func:`~wikireuse.chunks.chunk`.
        namespaces: As :func:`~wikireuse.dumps.read_xml_dump`.
        revisions: As :func:`~wikireuse.dumps.read_xml_dump`.
        wiki: As :func:`~wikireuse.dumps.read_xml_dump`.
        rights: The wiki's text licence, as
            :func:`~wikireuse.dumps.read_xml_dump`.
        language: As :func:`~wikireuse.dumps.read_xml_dump`.
        classify: Give every chunk its page's person status
            (:func:`~wikireuse.privacy.classify_person` on the dump's
            categories and templates; no network).
        policy: What :func:`~wikireuse.privacy.minimise` drops or coarsens
            before chunking (:data:`~wikireuse.privacy.DEFAULT_POLICY` by
            default), or ``None`` to keep everything (needs *classify*).
        today: The day to classify against (the 115-year rule): by default
            the day the job is made, so every worker of a run uses the same.

    .. versionadded:: 0.2.0
    """

    format: Literal["jsonl", "parquet"] = "jsonl"
    records_per_file: int = 10_000
    max_chars: int = 2000
    overlap: int = 0
    lang: str = "en"
    include_infobox: bool = True
    namespaces: tuple[int, ...] | None = (0,)
    revisions: Literal["latest", "all"] = "latest"
    wiki: str | None = None
    rights: str | None = None
    language: str | None = None
    classify: bool = True
    policy: MinimisationPolicy | None = DEFAULT_POLICY
    today: date = attrs.field(factory=lambda: from_epoch(time.time()).date())

    def __attrs_post_init__(self) -> None:
        check_options(
            classify=self.classify, policy=self.policy, today=self.today, who="ShardJob"
        )
        if self.format not in ("jsonl", "parquet"):
            raise ConfigurationError(
                message=f"format must be 'jsonl' or 'parquet', got {self.format!r}"
            )
        if (
            not isinstance(self.records_per_file, int)
            or isinstance(self.records_per_file, bool)
            or self.records_per_file < 1
        ):
            raise ConfigurationError(
                message="records_per_file must be a positive integer, got "
                f"{self.records_per_file!r}"
            )
        # chunk() checks its settings on every call: one call on a one-line
        # article refuses bad ones here, before any shard is read.
        chunk(
            _PROBE,
            max_chars=self.max_chars,
            overlap=self.overlap,
            lang=self.lang,
            include_infobox=self.include_infobox,
        )


@attrs.frozen(kw_only=True)
class ShardResult:
    """What one shard's pipeline wrote.

    Attributes:
        shard: The dump file, as given.
        directory: Where its files are: relative to the run's directory in
            :class:`~wikireuse.parallel.ParallelExport`, as given to
            :func:`export_shard` otherwise.
        articles: The articles (revisions) read from it.
        manifest: Its export manifest.

    .. versionadded:: 0.2.0
    """

    shard: str
    directory: str
    articles: int
    manifest: ExportManifest


def export_shard(
    shard: str | os.PathLike[str],
    directory: str | os.PathLike[str],
    job: ShardJob | None = None,
) -> ShardResult:
    """Run the pipeline over one dump file: read, structure, minimise, chunk, write.

    The unit of work of :func:`~wikireuse.parallel.export_chunks`, and the
    function to map over shards on any other engine (a Spark
    ``mapPartitions``, a batch queue). Pure in the files it touches: it reads
    *shard* and writes only into *directory*.

    Args:
        shard: A MediaWiki XML dump (``.xml``, ``.xml.bz2``, ``.xml.gz``).
        directory: An empty or missing directory for the shard's files and
            its ``manifest.json``.
        job: The settings (default :class:`ShardJob` ``()``).

    Returns:
        The shard's result, with its manifest.

    Raises:
        DumpError: The dump cannot be read (names the file and position).
        ConfigurationError: Bad settings, or a directory that cannot be used.
        ParallelError: An article failed to structure or chunk (names the
            shard and the page).

    >>> import tempfile
    >>> from pathlib import Path
    >>> import wikireuse
    >>> repo = Path(wikireuse.__file__).parents[1]
    >>> sample = repo / "examples/data/sample-wiki.xml.bz2"
    >>> with tempfile.TemporaryDirectory() as out:
    ...     job = ShardJob(max_chars=500, rights="CC BY-SA 4.0")
    ...     result = export_shard(sample, out, job)
    >>> result.articles, result.manifest.records, result.manifest.licenses
    (29, 93, ('CC-BY-SA-4.0',))

    .. versionadded:: 0.2.0
    """
    job = ShardJob() if job is None else job
    name = os.fspath(shard)
    count = 0

    def chunks() -> Iterator[Chunk]:
        nonlocal count
        with read_xml_dump(
            shard,
            namespaces=job.namespaces,
            revisions=job.revisions,
            wiki=job.wiki,
            rights=job.rights,
            language=job.language,
        ) as stream:
            for article in stream:
                count += 1
                try:
                    yield from chunk(
                        prepared(
                            article,
                            classify=job.classify,
                            policy=job.policy,
                            today=job.today,
                            body="wikitext",
                        ),
                        max_chars=job.max_chars,
                        overlap=job.overlap,
                        lang=job.lang,
                        include_infobox=job.include_infobox,
                    )
                except ConfigurationError as exc:
                    # the settings were checked up front: this is the page's fault
                    raise ParallelError(
                        message=f"{name}: page {article.title!r} (revision "
                        f"{article.revid}): {exc}",
                        shard=name,
                    ) from exc

    write = write_parquet if job.format == "parquet" else write_jsonl
    try:
        manifest = write(chunks(), directory, shard_size=job.records_per_file)
    except WikiReuseError:
        raise
    except Exception as exc:
        # a fault no reader or writer translated: name the shard, keep the cause
        raise ParallelError(
            message=f"{name}: {type(exc).__name__}: {exc}", shard=name
        ) from exc
    return ShardResult(
        shard=name, directory=str(Path(directory)), articles=count, manifest=manifest
    )

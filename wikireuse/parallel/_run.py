"""Map the shard pipeline over many shards: serially, or with ``dask.bag``."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from wikireuse.chunks import ExportManifest
from wikireuse.core._files import empty_directory
from wikireuse.exceptions import ConfigurationError, ParallelError
from wikireuse.parallel._guard import check_main_guard
from wikireuse.parallel._shard import ShardJob, ShardResult, export_shard

__all__ = ["ParallelExport", "export_chunks", "shard_bag"]

Scheduler = Literal["processes", "distributed", "serial"]
_Task = tuple[str, str]
# chunksize=1: dask's process scheduler sends ready tasks to its pool in
# batches of 6 by default, which would hand every shard to one worker.
PROCESS_OPTIONS: Final = {"chunksize": 1}
_DIED = (
    "a worker's own error output says why: out of memory, killed, or a "
    'main script without `if __name__ == "__main__":`'
)


@attrs.frozen(kw_only=True)
class ParallelExport:
    """What a parallel run wrote: one sub-directory per shard, one manifest.

    Attributes:
        directory: The run's directory.
        manifest: The merged manifest (also its ``manifest.json``): every
            shard's files, prefixed with the shard's sub-directory, in shard
            order.
        shards: Each shard's result, in shard order; their ``directory`` is
            relative to :attr:`directory`.

    .. versionadded:: 0.2.0
    """

    directory: str
    manifest: ExportManifest
    shards: tuple[ShardResult, ...]


def _run_task(task: _Task, job: ShardJob) -> ShardResult:
    shard, directory = task
    return export_shard(shard, directory, job)


def shard_bag(
    tasks: Sequence[_Task],
    job: ShardJob,
    func: Callable[[_Task, ShardJob], Any] = _run_task,
) -> Any:
    """A ``dask.bag`` with one partition, so one task, per ``(shard, directory)``.

    ``from_sequence``'s default partitioning may put several shards into one
    partition (one task, run serially); ``partition_size=1`` gives each shard
    its own.
    """
    import dask.bag as db

    return db.from_sequence(list(tasks), partition_size=1).map(func, job)


def export_chunks(
    shards: Sequence[str | os.PathLike[str]],
    directory: str | os.PathLike[str],
    job: ShardJob | None = None,
    *,
    scheduler: Scheduler = "processes",
    workers: int | None = None,
    client: Any = None,
) -> ParallelExport:
    """Run :func:`export_shard` over every shard, in parallel, and merge the manifests.

    Shard *i* is written to ``shard-0000i/`` under *directory*, and the
    merged manifest to ``directory/manifest.json``
    (:meth:`ExportManifest.read <wikireuse.chunks.ExportManifest.read>`
    reads it). The files, the chunk ids and content hashes are the same
    whichever scheduler runs it.

    Args:
        shards: Dump files (see :func:`~wikireuse.dumps.split_xml_dump` to cut
            one dump into several); every worker must be able to read them
            at these paths.
        directory: An empty or missing directory, writable by every worker
            at this path (shared storage on a cluster).
        job: The pipeline's settings (default :class:`ShardJob` ``()``).
        scheduler: ``"processes"``: dask's local process pool, one task per
            shard; ``"distributed"``: a ``dask.distributed`` ``LocalCluster``
            of *workers* processes, started and closed for this run;
            ``"serial"``: one shard after the other in this process (dask
            not needed).
        workers: Worker processes (default: the CPU count).
        client: A ``dask.distributed.Client``, or a scheduler address
            (``"tcp://host:8786"``): run on that cluster instead; *scheduler*
            and *workers* are then ignored.

    Returns:
        The shards' results and the merged manifest.

    Raises:
        MainGuardError: When the calling script starts the run from its
            top-level code without ``if __name__ == "__main__":``: the worker
            processes would start it again.
        ParallelError: A shard failed (names it), or the workers died.
        DumpError: A shard cannot be read.
        ConfigurationError: Bad arguments, dask not installed (the ``dask``
            extra), or a directory that is not empty.

    .. versionadded:: 0.2.0
    """
    job = ShardJob() if job is None else job
    if isinstance(shards, str | os.PathLike) or not shards:
        raise ConfigurationError(
            message=f"shards must be a non-empty list of dump files, got {shards!r}"
        )
    if scheduler not in ("processes", "distributed", "serial"):
        raise ConfigurationError(
            message="scheduler must be 'processes', 'distributed' or 'serial', "
            f"got {scheduler!r}"
        )
    if workers is not None and (
        not isinstance(workers, int) or isinstance(workers, bool) or workers < 1
    ):
        raise ConfigurationError(
            message=f"workers must be a positive integer, got {workers!r}"
        )
    if client is not None:
        _check_client(client)
    elif scheduler != "serial":
        _check_local_workers(scheduler)
    target = empty_directory(Path(directory).absolute())
    # Absolute paths: a worker's working directory is not the caller's.
    tasks = [
        (str(Path(shard).absolute()), str(target / f"shard-{i:05d}"))
        for i, shard in enumerate(shards)
    ]
    if client is None and scheduler == "serial":
        results = [_run_task(task, job) for task in tasks]
    else:
        results = _compute(tasks, job, scheduler, workers, client)
    results = [
        attrs.evolve(r, shard=os.fspath(shard), directory=Path(r.directory).name)
        for r, shard in zip(results, shards, strict=True)
    ]
    manifest = ExportManifest.merge((r.directory, r.manifest) for r in results)
    manifest.write(target)
    return ParallelExport(
        directory=str(target), manifest=manifest, shards=tuple(results)
    )


def _check_local_workers(scheduler: Scheduler) -> None:
    """Refuse, before anything is written, what would fail in the workers."""
    try:
        import dask

        if scheduler == "distributed":
            import distributed  # noqa: F401  # its import loads its dask config
    except ImportError as exc:
        raise ConfigurationError(
            message="parallel runs need dask: pip install 'wikireuse[dask]' "
            "(or use scheduler='serial')"
        ) from exc
    if scheduler == "distributed":
        method = dask.config.get("distributed.worker.multiprocessing-method")
        check_main_guard("a dask LocalCluster", start_method=method)
    else:
        method = dask.config.get("multiprocessing.context", "spawn")
        check_main_guard("a dask process pool", start_method=method)


def _compute(
    tasks: list[_Task],
    job: ShardJob,
    scheduler: Scheduler,
    workers: int | None,
    client: Any,
) -> list[ShardResult]:
    bag = shard_bag(tasks, job)
    if client is not None:
        return _on_cluster(bag, client)
    if scheduler == "distributed":
        from distributed import Client, LocalCluster

        try:
            cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
        except RuntimeError as exc:  # what distributed raises when a nanny fails
            raise ParallelError(
                message=f"the dask LocalCluster could not start its workers ({exc}); "
                f"{_DIED}"
            ) from exc
        with cluster, Client(cluster) as local:
            return _on_cluster(bag, local)
    try:
        return list(
            bag.compute(scheduler="processes", num_workers=workers, **PROCESS_OPTIONS)
        )
    except BrokenProcessPool as exc:
        raise ParallelError(
            message=f"the dask worker processes died before finishing; {_DIED}"
        ) from exc


def _on_cluster(bag: Any, client: Any) -> list[ShardResult]:
    from distributed import Client

    if not isinstance(client, str):
        return list(client.compute(bag).result())
    try:
        connected = Client(client)
    except (OSError, TimeoutError) as exc:
        raise ParallelError(
            message=f"cannot reach the dask scheduler at {client!r}: {exc}"
        ) from exc
    with connected:
        return list(connected.compute(bag).result())


def _check_client(client: Any) -> None:
    if isinstance(client, str):
        return
    try:
        from distributed import Client
    except ImportError as exc:
        raise ConfigurationError(
            message="client= needs distributed: pip install 'wikireuse[dask]'"
        ) from exc
    if not isinstance(client, Client):
        raise ConfigurationError(
            message="client must be a dask.distributed Client or a scheduler "
            f"address, got {client!r}"
        )

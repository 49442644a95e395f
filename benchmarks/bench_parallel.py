"""Scale-out (#16 item 6): the shard pipeline serially and on Dask, 2 workers.

A synthetic dump of 4 × 1000 pages (``--quick``: 4 × 150) cycles through the
29 page texts of ``examples/data/sample-wiki.xml.bz2`` (our own writing,
each copy marked with its number so every text and SHA-1 differs) and is cut
into 4 shards by :func:`wikireuse.dumps.split_xml_dump`. Each run maps
:func:`wikireuse.parallel.export_shard` (read → structure → chunk → JSONL)
over the 4 shards:

- ``serial``: one shard after the other in this process (the baseline);
- ``dask processes``: dask's process scheduler with 2 workers, the pool's
  start-up (spawning and importing) inside the timing, as a caller gets it;
- ``dask LocalCluster``: a ``dask.distributed`` ``LocalCluster`` of 2
  worker processes started before the timing, as a standing cluster is.

Wall time of each run, best of two; the ratio against the serial run of the
same invocation is the speed-up (target ≥ 1.6× on 2 cores). The outputs of
all runs are checked to be the same files. The note gives the machine's load
average, since other work on the machine eats into the speed-up.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks._table import Row, render
from tests.support.dumps import copies, write_dump

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "data" / "sample-wiki.xml.bz2"
SHARDS = 4
WORKERS = 2
SERIAL = "serial (one process)"


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _files(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def _best(run: Callable[[Path], object], workdir: Path, name: str) -> float:
    best = float("inf")
    for attempt in range(2):
        out = workdir / f"{name}-{attempt}"
        start = time.perf_counter()
        run(out)
        best = min(best, time.perf_counter() - start)
    return best


def run(quick: bool = False) -> list[Row]:
    """Time the serial run and two Dask runs over the same shards."""
    from distributed import Client, LocalCluster

    from wikireuse.chunks import ExportManifest
    from wikireuse.dumps import read_xml_dump, split_xml_dump
    from wikireuse.parallel import ShardJob, export_chunks

    per_shard = 150 if quick else 1000
    texts = [a.wikitext for a in read_xml_dump(SAMPLE)]
    job = ShardJob(max_chars=1000, overlap=100, rights="CC BY-SA 4.0")
    with tempfile.TemporaryDirectory(prefix="bench-parallel-") as tmp:
        workdir = Path(tmp)
        dump = workdir / "bench.xml.bz2"
        pages = write_dump(
            dump, copies(texts, SHARDS * per_shard, prefix="Page", first_revid=10**6)
        )
        shards = split_xml_dump(dump, workdir / "shards", shards=SHARDS)
        bench = (
            f"parallel: {pages:,} pages in {len(shards)} shards → chunks JSONL, "
            f"{WORKERS} workers"
        )
        _say(f"{bench}: serial ...")
        times = {
            SERIAL: _best(
                lambda out: export_chunks(shards, out, job, scheduler="serial"),
                workdir,
                "serial",
            )
        }
        _say(f"{bench}: dask processes ...")
        processes = f"dask processes, {WORKERS} workers (pool start-up included)"
        times[processes] = _best(
            lambda out: export_chunks(shards, out, job, workers=WORKERS),
            workdir,
            "processes",
        )
        _say(f"{bench}: dask LocalCluster ...")
        cluster_name = f"dask LocalCluster, {WORKERS} worker processes"
        with (
            LocalCluster(
                n_workers=WORKERS,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,
        ):
            times[cluster_name] = _best(
                lambda out: export_chunks(shards, out, job, client=client),
                workdir,
                "cluster",
            )
        reference = _files(workdir / "serial-0")
        same = all(
            _files(workdir / f"{name}-{i}") == reference
            for name in ("serial", "processes", "cluster")
            for i in range(2)
        )
        chunks = ExportManifest.read(workdir / "serial-0").records
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    note = (
        f"same files as serial: {'yes' if same else 'NO'}; target ≥ 1.6x; "
        f"load average {load} on {os.cpu_count()} cores"
    )
    rows = [
        Row(
            bench,
            SERIAL,
            "wall time",
            times[SERIAL],
            unit="s",
            higher_is_better=False,
            note=f"{chunks:,} chunks",
        )
    ]
    rows += [
        Row(
            bench,
            name,
            "wall time",
            times[name],
            unit="s",
            baseline=SERIAL,
            higher_is_better=False,
            note=note,
        )
        for name in (processes, cluster_name)
    ]
    return rows


if __name__ == "__main__":
    print(render(run(quick="--quick" in sys.argv)))

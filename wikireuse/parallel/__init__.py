"""Scale-out: the dump → structure → chunk → export pipeline over shards, on Dask.

:func:`export_shard` runs the pipeline over one dump file (read with
:func:`~wikireuse.dumps.read_xml_dump`, structured, chunked, written with
:mod:`wikireuse.chunks.export`); :func:`export_chunks` maps it over many
shards with ``dask.bag``, one task per shard, on dask's process scheduler
or a ``dask.distributed`` cluster, and merges the shards' manifests. The
output is the same files, chunk ids and hashes as the serial run. Dask (the
``dask`` extra) is imported only when a parallel run starts.

>>> import tempfile
>>> from pathlib import Path
>>> import wikireuse
>>> from wikireuse.dumps import split_xml_dump
>>> sample = Path(wikireuse.__file__).parents[1] / "examples/data/sample-wiki.xml.bz2"
>>> with tempfile.TemporaryDirectory() as tmp:
...     shards = split_xml_dump(sample, Path(tmp) / "in", pages_per_shard=10)
...     job = ShardJob(rights="CC BY-SA 4.0")
...     result = export_chunks(shards, Path(tmp) / "out", job, scheduler="serial")
>>> [s.directory for s in result.shards], result.manifest.files[0].path
(['shard-00000', 'shard-00001', 'shard-00002'], 'shard-00000/part-00000.jsonl')

See :doc:`/parallel` for a multi-machine cluster, Spark, and the
``if __name__ == "__main__":`` guard.

.. versionadded:: 0.2.0
"""

from wikireuse.parallel._guard import bootstrapping_child
from wikireuse.parallel._run import ParallelExport, export_chunks
from wikireuse.parallel._shard import ShardJob, ShardResult, export_shard

__all__ = [
    "ParallelExport",
    "ShardJob",
    "ShardResult",
    "bootstrapping_child",
    "export_chunks",
    "export_shard",
]

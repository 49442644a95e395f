"""Scale-out: the dump → structure → chunk → export pipeline over shards, on Dask.

Placeholder docstring, written below.
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

"""Bulk input: MediaWiki XML dumps and Wikimedia Enterprise snapshots.

Readers only, no network: each streams :class:`~wikireuse.articles.Article`
records from a file in constant memory, ready for
:meth:`Store.ingest <wikireuse.store.Store.ingest>`. Every article carries
the licence of its revision's *date* (not what a snapshot's metadata says)
and a provenance record naming the file and its SHA-1. Bad input (truncated,
corrupt, the wrong XML namespace, a record without a required field) raises
:class:`~wikireuse.exceptions.DumpError` naming the file and the position;
what was yielded before the fault is complete.

>>> from pathlib import Path
>>> import wikireuse
>>> repo = Path(wikireuse.__file__).parents[1]  # the sample dump of the repository
>>> sample = repo / "examples" / "data" / "sample-wiki.xml.bz2"
>>> with read_xml_dump(sample, rights="CC BY-SA 4.0") as stream:
...     first = next(stream)
>>> first.title, first.license.spdx, dict(first.provenance.params)["file"]
('Ostrel', 'CC-BY-SA-4.0', 'sample-wiki.xml.bz2')

.. versionadded:: 0.2.0
"""

from wikireuse.dumps._enterprise import read_enterprise
from wikireuse.dumps._source import DumpFile, DumpStream, PageChange
from wikireuse.dumps._split import split_xml_dump
from wikireuse.dumps._xml import read_xml_dump

__all__ = [
    "DumpFile",
    "DumpStream",
    "PageChange",
    "read_enterprise",
    "read_xml_dump",
    "split_xml_dump",
]

"""Usage reports: what a store took, when, under which licences, and what was done.

:func:`usage_report` reads a :class:`~wikireuse.Store` and its audit log
into a :class:`UsageReport`: the wikis, pages and revisions, their
licences, every audited run (fetches with the requests their provenance
records, ingests, syncs with their method and cost, redactions with what
and why, chunk builds, embeddings, exports) and how many pages are about
living people. The report writes itself as Markdown, JSON, Croissant 1.0
JSON-LD with the Responsible-AI fields (describing exported files) and W3C
PROV-JSON. Only :func:`usage_report` reads the store; the forms are pure.

>>> import tempfile, pathlib
>>> from datetime import date
>>> from wikireuse.dumps import read_xml_dump
>>> from wikireuse.store import Store
>>> with tempfile.TemporaryDirectory() as folder:
...     with Store(pathlib.Path(folder) / "s.db") as store:
...         _ = store.ingest(read_xml_dump("examples/data/sample-wiki.xml.bz2"),
...                          source="sample")
...         report = usage_report(store, today=date(2026, 1, 1),
...                               wall_clock=lambda: 1.8e9)
>>> report.counts["pages"], dict(report.licenses)
(29, {'LicenseRef-wikireuse-unknown': 29})
>>> len(report.to_prov()["entity"])  # 29 revisions and the ingest's source
30

.. versionadded:: 0.2.0
"""

from wikireuse.reports._croissant import CROISSANT_CONTEXT
from wikireuse.reports._files import (
    JSONL,
    PARQUET,
    ExportedFile,
    describe_files,
    exported_files,
)
from wikireuse.reports._gather import usage_report
from wikireuse.reports._model import (
    SCHEMA,
    AuditedRun,
    RevisionUse,
    UsageReport,
    WikiUsage,
)

__all__ = [
    "CROISSANT_CONTEXT",
    "JSONL",
    "PARQUET",
    "SCHEMA",
    "AuditedRun",
    "ExportedFile",
    "RevisionUse",
    "UsageReport",
    "WikiUsage",
    "describe_files",
    "exported_files",
    "usage_report",
]
